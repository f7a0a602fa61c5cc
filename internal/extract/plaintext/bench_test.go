package plaintext

import (
	"context"
	"os"
	"testing"
)

// BenchmarkReadBloom reads the 30-page contract of the scan benchmark
// (internal/analyze); segment and doctype benchmark the next stages on it.
func BenchmarkReadBloom(b *testing.B) {
	data, err := os.ReadFile("testdata/cuad-bloom-maintenance.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
}
