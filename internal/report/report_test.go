package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/doctype"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// samples are real contract templates and one lease excerpt of our own
// (testdata/ATTRIBUTION.md).
var samples = []string{
	"ContractorAgreement-US.md",
	"contractor-work-for-hire-form.md",
	"freelance-contract.md",
	"Mutual-NDA.md",
	"lease-excerpt.md",
}

var ruleSet = sync.OnceValues(rules.Embedded)

// scan reads and analyses a test document the way `termscore scan` does.
func scan(t testing.TB, name string, opt analyze.Options) *analyze.Report {
	t.Helper()
	rs, err := ruleSet()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.New(extract.Options{NoOCR: true}).ReadFile(context.Background(), filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	r, err := analyze.New(rs).Analyze(doc, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got; go test -update rewrites it):\n%s", path, diff)
	}
}

func stem(name string) string { return strings.TrimSuffix(name, filepath.Ext(name)) }

func TestMarkdownGolden(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			r := scan(t, name, analyze.Options{})
			var b bytes.Buffer
			if err := Markdown(&b, []*analyze.Report{r}, MarkdownOptions{}); err != nil {
				t.Fatal(err)
			}
			golden(t, stem(name)+".golden.md", b.Bytes())
		})
	}
}

func TestHTMLGolden(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			r := scan(t, name, analyze.Options{})
			var b bytes.Buffer
			if err := HTML(&b, r); err != nil {
				t.Fatal(err)
			}
			golden(t, stem(name)+".golden.html", b.Bytes())
		})
	}
}

func TestSARIFGolden(t *testing.T) {
	var reports []*analyze.Report
	for _, name := range samples {
		reports = append(reports, scan(t, name, analyze.Options{}))
	}
	rs, _ := ruleSet()
	var b bytes.Buffer
	if err := SARIF(&b, reports, rs); err != nil {
		t.Fatal(err)
	}
	golden(t, "samples.golden.sarif", b.Bytes())
}

// BenchmarkRender renders the largest sample in each format.
func BenchmarkRender(b *testing.B) {
	r := scan(b, "ContractorAgreement-US.md", analyze.Options{})
	rs, _ := ruleSet()
	for _, tc := range []struct {
		name string
		fn   func(w *bytes.Buffer) error
	}{
		{"markdown", func(w *bytes.Buffer) error { return Markdown(w, []*analyze.Report{r}, MarkdownOptions{}) }},
		{"html", func(w *bytes.Buffer) error { return HTML(w, r) }},
		{"sarif", func(w *bytes.Buffer) error { return SARIF(w, []*analyze.Report{r}, rs) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var w bytes.Buffer
			for b.Loop() {
				w.Reset()
				if err := tc.fn(&w); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(w.Len()))
		})
	}
}

// Every document type has a name people use, for the reports and the
// web pages ("terms of service", not "terms-of-service").
func TestTypeLabels(t *testing.T) {
	for _, ty := range doctype.Types() {
		if typeLabels[ty] == "" {
			t.Errorf("document type %q has no label", ty)
		}
	}
	for _, tt := range []struct {
		d    analyze.DocInfo
		want string
	}{
		{analyze.DocInfo{Type: "lease", LeaseUse: doctype.Commercial}, "commercial lease"},
		{analyze.DocInfo{Type: "lease", LeaseUse: doctype.Residential}, "residential lease"},
		{analyze.DocInfo{Type: "lease"}, "lease"},
		{analyze.DocInfo{Type: "terms-of-service"}, "terms of service"},
	} {
		if got := DocumentLabel(tt.d); got != tt.want {
			t.Errorf("DocumentLabel(%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
