package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateClassify = flag.Bool("update-classify", false, "rewrite the classify golden files")

// classify's JSON Lines output for real ToS sentences (GitHub, CC0), raw
// and tokenised, compared with a golden file.
func TestClassifyGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/classify/unfair-tos.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	out, errs, status := run(t, string(in), "classify", "--taxonomy", "unfair-tos")
	if status != 0 || errs != "" {
		t.Fatalf("status %d, stderr %q", status, errs)
	}
	golden := filepath.Join("testdata", "classify", "unfair-tos.golden")
	if *updateClassify {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("classify output\n%s\nwant\n%s", out, want)
	}
}

func TestClassifyBadLines(t *testing.T) {
	in := "{\"id\": 1, \"text\": \"We may change these terms at any time.\"}\nnot json\n{\"id\": 3}\n"
	out, errs, status := run(t, in, "classify", "--taxonomy", "unfair-tos")
	if status != 2 {
		t.Errorf("status %d, want 2", status)
	}
	if !strings.Contains(errs, "line 2") || !strings.Contains(errs, "line 3") {
		t.Errorf("stderr %q does not name lines 2 and 3", errs)
	}
	if n := strings.Count(out, "\n"); n != 1 {
		t.Errorf("%d output lines, want 1: %q", n, out)
	}
	if _, _, status := run(t, "", "classify", "--taxonomy", "nope"); status != 2 {
		t.Errorf("unknown taxonomy: status %d, want 2", status)
	}
}
