package cli

import (
	"os"
	"path/filepath"
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
