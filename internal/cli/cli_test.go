package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

const contracts = "../../testdata/contracts"

func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	status = Main(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), status
}

func sample(name string) string { return filepath.Join(contracts, name) }

// Offsets in `text --format json` count code points and must round-trip:
// the text of every clause starts with its number, every block's text is
// non-empty, and every definition's sentence contains its term.
func TestTextJSONRoundTrip(t *testing.T) {
	for _, name := range []string{"common-paper-independent-contractor-agreement.docx", "cuad-adurobiotech-consulting-agreement.txt", "cuad-adurobiotech-consulting-agreement.pdf"} {
		t.Run(name, func(t *testing.T) {
			out, errs, status := run(t, "", "text", "--format", "json", sample(name))
			if status != 0 {
				t.Fatalf("status %d: %s", status, errs)
			}
			var got struct {
				Schema string
				Text   string
				Blocks []struct {
					Kind       string
					Start, End int
				}
				Clauses     []clause
				Definitions []struct {
					Term       string
					Start, End int
				}
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			runes := []rune(got.Text)
			slice := func(a, b int) string {
				if a < 0 || b > len(runes) || a > b {
					t.Fatalf("offsets %d:%d outside text of %d code points", a, b, len(runes))
				}
				return string(runes[a:b])
			}
			all := flatten(got.Clauses)
			if len(got.Blocks) < 10 || len(all) < 10 {
				t.Fatalf("%d blocks, %d clauses: too few for a real contract", len(got.Blocks), len(all))
			}
			for _, b := range got.Blocks {
				if s := slice(b.Start, b.End); strings.TrimSpace(s) != s || s == "" {
					t.Errorf("block %d:%d = %q: not trimmed text", b.Start, b.End, s)
				}
			}
			for _, c := range all {
				s := slice(c.Start, c.End)
				if c.Number != "" && !strings.Contains(s[:min(len(s), 40)], strings.TrimPrefix(strings.TrimPrefix(c.Number, "Exhibit "), "Article ")) {
					t.Errorf("clause %s text starts %q", c.Number, s[:min(len(s), 40)])
				}
			}
			for _, d := range got.Definitions {
				if s := slice(d.Start, d.End); !strings.Contains(s, d.Term) {
					t.Errorf("definition %q not in its sentence %q", d.Term, s)
				}
			}
			if !utf8.ValidString(got.Text) {
				t.Error("text is not valid UTF-8")
			}
		})
	}
}

type clause struct {
	Number     string
	Start, End int
	Children   []clause
}

func flatten(cs []clause) []clause {
	var out []clause
	for _, c := range cs {
		out = append(out, c)
		out = append(out, flatten(c.Children)...)
	}
	return out
}

func TestScanJSONLines(t *testing.T) {
	out, errs, status := run(t, "", "scan", "--format", "json",
		sample("common-paper-independent-contractor-agreement.docx"), sample("cuad-adurobiotech-consulting-agreement.txt"))
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	n := 0
	for sc.Scan() {
		n++
		var r struct {
			Schema   string
			Document struct{ Name, Format, Type, SHA256 string }
			Role     string
			Score    *struct {
				Value float64
				Grade string
			}
			Findings []struct {
				Rule, Severity, Quote, Kind string
				Location                    struct{ Start, End int }
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if r.Schema != "termscore/report/v1" || r.Document.SHA256 == "" || r.Role == "" || r.Score == nil {
			t.Errorf("line %d: incomplete report %+v", n, r)
		}
		if r.Score.Value < 0 || r.Score.Value > 100 || !strings.Contains("ABCDE", r.Score.Grade) {
			t.Errorf("line %d: score %+v", n, r.Score)
		}
		for _, f := range r.Findings {
			if f.Kind == "present" && (f.Quote == "" || f.Location.End <= f.Location.Start) {
				t.Errorf("line %d: finding %s without quote or location", n, f.Rule)
			}
		}
	}
	if n != 2 {
		t.Fatalf("%d JSON lines, want 2", n)
	}
}

// The independent contractor agreement assigns all right, title and
// interest in the work product: a high-severity finding for a contractor.
func TestScanFailOn(t *testing.T) {
	docx := sample("common-paper-independent-contractor-agreement.docx")
	if _, errs, status := run(t, "", "scan", "--fail-on", "high", docx); status != 1 {
		t.Errorf("--fail-on high: status %d, want 1 (%s)", status, errs)
	}
	if _, errs, status := run(t, "", "scan", "--fail-on", "none", docx); status != 0 {
		t.Errorf("--fail-on none: status %d, want 0 (%s)", status, errs)
	}
	out, _, _ := run(t, "", "scan", "--format", "json", "--role", "client", docx)
	if strings.Contains(out, `"ip.assignment-broad"`) {
		t.Error("ip.assignment-broad is a risk to the contractor, not the client, yet fired for --role client")
	}
}

func TestScanBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.pdf")
	png := filepath.Join(dir, "scan.pdf")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), 0o644)
	good := sample("freelance-contract.md")
	out, errs, status := run(t, "", "--no-ocr", "scan", empty, filepath.Join(dir, "missing.docx"), png, good)
	if status != 2 {
		t.Errorf("status %d, want 2", status)
	}
	for _, want := range []string{"empty.pdf: the file is empty", "missing.docx: no such file", "scan.pdf: it is a PNG image, not a PDF"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "freelance-contract.md") {
		t.Errorf("the readable file was not scanned:\n%s", out)
	}

	for _, args := range [][]string{
		{"scan", "--role", "landlady", good},
		{"scan", "--type", "novel", good},
		{"scan", "--format", "pdf", good},
		{"scan", "--fail-on", "severe", good},
		{"scan"},
		// A home the web page and the API refuse is refused here too,
		// rather than silently neither filling "[your jurisdiction]" nor
		// comparing the governing law.
		{"scan", "--home", "Narnia", good},
		{"redline", "--home", "US-ZZ", "-o", filepath.Join(dir, "out.docx"), good},
		{"batch", "--home", "CA-ZZ", "--out", filepath.Join(dir, "out.jsonl"), good},
	} {
		_, errs, status := run(t, "", args...)
		if status != 2 || errs == "" {
			t.Errorf("%v: status %d, stderr %q; want 2 and a message", args, status, errs)
		}
	}
	if _, errs, _ := run(t, "", "scan", "--home", "Narnia", good); !strings.Contains(errs, "e.g. US-CA") {
		t.Errorf("--home Narnia: stderr %q does not say which codes to give", errs)
	}
	for _, home := range []string{"us-ca", "US"} {
		if out, errs, status := run(t, "", "scan", "--home", home, good); status != 0 {
			t.Errorf("--home %s: status %d: %s", home, status, errs)
		} else if !strings.Contains(out, "freelance-contract.md") {
			t.Errorf("--home %s: no report:\n%s", home, out)
		}
	}
}

func TestScanStdin(t *testing.T) {
	data, err := os.ReadFile(sample("cuad-adurobiotech-consulting-agreement.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out, errs, status := run(t, string(data), "scan", "--format", "json", "-")
	if status != 0 || !strings.Contains(out, `"name":"-"`) {
		t.Fatalf("status %d, stderr %s, out %.200s", status, errs, out)
	}
}

// A text that is not a contract is reported as such, without a score.
func TestScanNotAContract(t *testing.T) {
	recipe := "Banana bread\n\nMash three ripe bananas. Stir in melted butter, sugar, one egg and vanilla. Fold in the flour and bake for an hour at 175 degrees until golden.\n\nServe warm with butter."
	out, errs, status := run(t, recipe, "scan", "--format", "json", "-")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	var r struct {
		Score    *json.RawMessage
		Notice   string
		Document struct{ Type string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Score != nil || r.Notice == "" || r.Document.Type != "other" {
		t.Errorf("recipe: score %v, notice %q, type %q; want no score, a notice, type other", r.Score, r.Notice, r.Document.Type)
	}
}
