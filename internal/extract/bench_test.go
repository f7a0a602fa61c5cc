package extract

import (
	"context"
	"os"
	"strings"
	"testing"
)

// BenchmarkReadText reads a long legitimate text through the whole of
// ReadBytes (limits, plain-text reader, segmentation): the 30-page Bloom
// contract four times over, some 400 KB and 3,000 lines.
func BenchmarkReadText(b *testing.B) {
	data, err := os.ReadFile("plaintext/testdata/cuad-bloom-maintenance.txt")
	if err != nil {
		b.Fatal(err)
	}
	data = []byte(strings.Repeat(string(data)+"\n\n", 4))
	e := New(Options{NoOCR: true})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.ReadBytes(context.Background(), "bloom.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
