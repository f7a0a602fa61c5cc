package terms

import (
	"context"
	"os"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract"
)

// readDoc reads a committed sample through the product's extractor, so the
// tests see the blocks, clauses and sentences a real scan sees.
func readDoc(tb testing.TB, path string) *document.Document {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := extract.New(extract.Options{NoOCR: true}).ReadBytes(context.Background(), path, raw)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

func BenchmarkExtract(b *testing.B) {
	doc := readDoc(b, "testdata/cuad-ability-services.txt")
	b.SetBytes(int64(len(doc.Text)))
	for b.Loop() {
		Extract(doc)
	}
}
