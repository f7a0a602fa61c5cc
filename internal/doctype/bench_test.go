package doctype

import (
	"context"
	"os"
	"testing"

	"github.com/termscore/termscore/internal/extract/plaintext"
)

// BenchmarkDetectBloom detects the type of the 30-page contract of the scan
// benchmark (internal/analyze).
func BenchmarkDetectBloom(b *testing.B) {
	data, err := os.ReadFile("../extract/plaintext/testdata/cuad-bloom-maintenance.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := plaintext.Read(context.Background(), string(data))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		d := *doc // a fresh copy: Words counts once per document
		Detect(&d)
	}
}
