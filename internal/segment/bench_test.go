package segment

import (
	"context"
	"os"
	"strings"
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

// BenchmarkIsTitleLong asks IsTitle about a 1 MB heading of abbreviations
// ("a. a. a. …"), the worst case of its run-in scan: it must stay linear.
func BenchmarkIsTitleLong(b *testing.B) {
	s := strings.Repeat("a. ", 1<<18)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		IsTitle(s)
	}
}
