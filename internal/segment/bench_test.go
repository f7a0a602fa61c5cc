package segment

import (
	"context"
	"os"
	"testing"

	"github.com/termscore/termscore/internal/extract/plaintext"
)

// BenchmarkBuild segments the 30-page contract of the scan benchmark
// (internal/analyze), read as extract reads it.
func BenchmarkBuild(b *testing.B) {
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
		Build(doc)
	}
}
