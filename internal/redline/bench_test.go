package redline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/termscore/termscore/internal/analyze"
)

// The email needs only which changes another covers, not the changes
// themselves: BenchmarkNegotiation against BenchmarkPlan shows what the
// plan's word-by-word cutting would add to it.
var benchDocs = []struct{ name, file, role string }{
	{"ica", "ica.docx", "contractor"},
	{"cuad-jv", "cuad-collectible-concepts-jv.txt", ""},
	// A change lost to an overlap sends the plan round again.
	{"csa-client", "CSA.md", "client"},
}

func BenchmarkNegotiation(b *testing.B) {
	for _, d := range benchDocs {
		r := analyzeFile(b, d.file, d.role)
		b.Run(d.name, func(b *testing.B) {
			for b.Loop() {
				Negotiation(r)
			}
		})
	}
}

func BenchmarkPlan(b *testing.B) {
	for _, d := range benchDocs {
		r := analyzeFile(b, d.file, d.role)
		b.Run(d.name, func(b *testing.B) {
			for b.Loop() {
				Plan(r, nil)
			}
		})
	}
}

// BenchmarkRedlineLarge redlines a 2 MB contract (the text test contracts
// over and over), as text and as the DOCX FromDocument makes of it: what
// a redline holds beyond the analysis grows with the document, and a
// server charges a redline download by it (internal/server, redlineCost).
func BenchmarkRedlineLarge(b *testing.B) {
	var text []byte
	for len(text) < 2<<20 {
		for _, name := range []string{"CSA.md", "cuad-collectible-concepts-jv.txt", "freelance.md", "uk-tenancy.md"} {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				b.Fatal(err)
			}
			text = append(append(text, data...), "\n\n"...)
		}
	}
	dir := b.TempDir()
	txt := filepath.Join(dir, "large.txt")
	if err := os.WriteFile(txt, text, 0o600); err != nil {
		b.Fatal(err)
	}
	r := analyzePath(b, txt, "contractor")
	plain, err := FromDocument(r.Doc, nil, Options{})
	if err != nil {
		b.Fatal(err)
	}
	docx := filepath.Join(dir, "large.docx")
	if err := os.WriteFile(docx, plain, 0o600); err != nil {
		b.Fatal(err)
	}
	for _, in := range []struct {
		name string
		r    *analyze.Report
		data []byte
	}{
		{"text", r, nil},
		{"docx", analyzePath(b, docx, "contractor"), plain},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				edits, _ := Plan(in.r, nil)
				opt := Options{Skipped: func(Edit, string) {}}
				var err error
				if in.data != nil {
					_, err = DOCX(in.data, in.r.Doc, edits, opt)
				} else {
					_, err = FromDocument(in.r.Doc, edits, opt)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
