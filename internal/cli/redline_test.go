package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRedlineCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "red.docx")
	stdout, stderr, status := run(t, "", "redline", "--author", "Sam Lee", sample("common-paper-independent-contractor-agreement.docx"), "-o", out)
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(stdout, "Wrote "+out) || !strings.Contains(stdout, "new clause") {
		t.Errorf("summary:\n%s", stdout)
	}
	text, stderr, status := run(t, "", "text", out)
	if status != 0 {
		t.Fatalf("the redline does not read: %s", stderr)
	}
	if !strings.Contains(text, "train, fine-tune") {
		t.Error("the no-AI-training clause is not in the redline")
	}
}

// TestRedlineCommandSummary: the first line counts what was made, in
// words a person would write. A contract with nothing to change once read
// "0 findings fixed with 0 tracked changes and 0 new clauses, a comment on
// each."
func TestRedlineCommandSummary(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "red.docx")
	stdout, stderr, status := run(t, "", "redline", "--role", "licensee", filepath.Join("..", "redline", "testdata", "cuad-glu-license-amendment.txt"), "-o", out)
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if want := "Wrote " + out + ": nothing to change, so it holds the contract as it was.\n"; stdout != want {
		t.Errorf("summary:\n%s\nwant:\n%s", stdout, want)
	}
	stdout, stderr, status = run(t, "", "redline", "--only", "ai.", sample("freelance-contract.md"), "-o", out)
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if first, _, _ := strings.Cut(stdout, "\n"); first != "Wrote "+out+": 1 finding fixed with 1 new clause, a comment on each." {
		t.Errorf("summary:\n%s", stdout)
	}
}

// TestOutputNamedForItsFormat: "addendum ... -o kill-fee.pdf" (the README's
// own example) once wrote a DOCX under that name, which no PDF viewer
// opens; the name now chooses the format, a --format that contradicts it is
// a usage error, and redline, which writes only DOCX, refuses a .pdf name.
func TestOutputNamedForItsFormat(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		magic  string // the file's first bytes; "" when none is written
	}{
		{"pdf by name", []string{"addendum", "kill-fee", "-o", "k.pdf"}, 0, "%PDF-"},
		{"markdown by name", []string{"addendum", "kill-fee", "-o", "k.md"}, 0, "# Cancellation Fee Addendum"},
		{"docx by default", []string{"addendum", "kill-fee", "-o", "k"}, 0, "PK"},
		{"format and name disagree", []string{"addendum", "kill-fee", "--format", "pdf", "-o", "k.docx"}, 2, ""},
		{"format and name agree", []string{"addendum", "kill-fee", "--format", "markdown", "-o", "k2.md"}, 0, "# "},
		{"redline to a PDF name", []string{"redline", sample("freelance-contract.md"), "-o", "r.pdf"}, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := slices.Clone(tc.args)
			out := filepath.Join(dir, args[len(args)-1])
			args[len(args)-1] = out
			_, stderr, status := run(t, "", args...)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, stderr)
			}
			data, err := os.ReadFile(out)
			if tc.magic == "" {
				if err == nil {
					t.Errorf("%s was written", out)
				}
				if !strings.Contains(stderr, "-o "+out) {
					t.Errorf("the error does not name the file: %s", stderr)
				}
				return
			}
			if !strings.HasPrefix(string(data), tc.magic) {
				t.Errorf("%s starts %q, want %q", out, data[:min(len(data), 20)], tc.magic)
			}
		})
	}
}

// TestRedlineOnlyUnknown: a --only entry that selects no rule (a typo) is
// a usage error naming it; it once wrote the contract unchanged, "nothing
// to change", as if the contract were fine.
func TestRedlineOnlyUnknown(t *testing.T) {
	out := filepath.Join(t.TempDir(), "red.docx")
	_, stderr, status := run(t, "", "redline", "--only", "ip.,ip.nonexistent", sample("freelance-contract.md"), "-o", out)
	if status != 2 || !strings.Contains(stderr, "--only ip.nonexistent:") || strings.Contains(stderr, "ip.,") {
		t.Errorf("status %d: %s", status, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the output was written")
	}
	if _, stderr, status := run(t, "", "redline", "--only", "ai,term.auto-renewal", sample("freelance-contract.md"), "-o", out); status != 0 {
		t.Errorf("a pack name and a rule id: status %d: %s", status, stderr)
	}
}

// TestOutputToStandardOutput: "-o -" writes the file to standard output
// and what is said about it to standard error, as FILE "-" reads standard
// input; it once left a file named "-" in the directory.
func TestOutputToStandardOutput(t *testing.T) {
	contract, err := filepath.Abs(sample("freelance-contract.md"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	for _, args := range [][]string{
		{"addendum", "kill-fee", "-o", "-"},
		{"redline", contract, "-o", "-"},
	} {
		stdout, stderr, status := run(t, "", args...)
		if status != 0 {
			t.Fatalf("%s: status %d: %s", args[0], status, stderr)
		}
		if !strings.HasPrefix(stdout, "PK") {
			t.Errorf("%s: standard output does not hold the DOCX: %.40q", args[0], stdout)
		}
		if !strings.HasPrefix(stderr, "Wrote standard output") {
			t.Errorf("%s: standard error: %s", args[0], stderr)
		}
		if _, err := os.Stat("-"); err == nil {
			t.Errorf("%s: a file named - was written", args[0])
		}
	}
}

func TestRedlineCommandBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.docx")
	data, err := os.ReadFile(sample("common-paper-independent-contractor-agreement.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, data[:len(data)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.docx")
	_, stderr, status := run(t, "", "redline", bad, "-o", out)
	if status != 2 || !strings.Contains(stderr, "bad.docx") {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the directory holds %d files after a failed redline, want only the input", len(entries))
	}
	if _, stderr, status := run(t, "", "redline", sample("common-paper-independent-contractor-agreement.docx")); status != 2 || !strings.Contains(stderr, "-o") {
		t.Errorf("without -o: status %d, %q", status, stderr)
	}
}

func TestAddendumCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "ai.md")
	_, stderr, status := run(t, "", "addendum", "no-ai-training", "--client", "Acme Ltd", "--contractor", "Jo Rivera", "--format", "markdown", "-o", out)
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), `Acme Ltd ("Client")`) || !strings.Contains(string(b), "this Addendum prevails") {
		t.Errorf("addendum:\n%s", b)
	}
	list, _, status := run(t, "", "addendum", "list")
	if status != 0 || !strings.Contains(list, "late-payment") {
		t.Errorf("list: %d\n%s", status, list)
	}
	if _, stderr, status := run(t, "", "addendum", "no-such", "-o", out); status != 2 || !strings.Contains(stderr, "no-ai-training") {
		t.Errorf("unknown kind: %d %q", status, stderr)
	}
}

// TestRedlineHome: --home names the reviewer's jurisdiction where the
// suggested wording leaves it blank, as scan --home does.
func TestRedlineHome(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ home, want string }{{"GB", "laws of England and Wales"}, {"", "laws of [your jurisdiction]"}} {
		out := filepath.Join(dir, "red"+tt.home+".docx")
		args := []string{"redline", sample("freelance-contract.md"), "-o", out}
		if tt.home != "" {
			args = append(args, "--home", tt.home)
		}
		if _, stderr, status := run(t, "", args...); status != 0 {
			t.Fatalf("--home %q: status %d: %s", tt.home, status, stderr)
		}
		text, stderr, status := run(t, "", "text", out)
		if status != 0 {
			t.Fatalf("the redline does not read: %s", stderr)
		}
		if !strings.Contains(text, tt.want) {
			t.Errorf("--home %q: the redline does not say %q", tt.home, tt.want)
		}
	}
}
