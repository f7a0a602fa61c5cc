package analyze

import (
	"context"
	"html"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/extract"
)

// BenchmarkScanLarge scans documents far longer than any contract, real
// ones repeated 32 times (some 3.4 MB each), as text, Markdown and HTML,
// and reports memory per byte of input, the figure that says how many
// such files a server can scan at once:
//
//   - alloc-B/in-B: all the bytes a scan allocates;
//   - doc-B/in-B: the heap the read document holds (its text, blocks,
//     clauses and sentences), with the input itself already dropped;
//   - report-B/in-B: the heap the report holds beyond its document.
//
// A scan's peak is about the document, plus the input while it is read,
// plus the largest working copy a stage makes, then doubled by the
// garbage collector's default pacing (GOGC=100).
//
//	go test -run '^$' -bench ScanLarge -benchtime 3x -cpu 1 ./internal/analyze
func BenchmarkScanLarge(b *testing.B) {
	const copies = 32
	bloom, err := os.ReadFile("testdata/cuad-bloom-maintenance.txt")
	if err != nil {
		b.Fatal(err)
	}
	tenancy, err := os.ReadFile("testdata/UK-Model-Assured-Shorthold-Tenancy-Agreement-2020.md")
	if err != nil {
		b.Fatal(err)
	}
	// The HTML is the text contract as a page: a paragraph a line.
	var page strings.Builder
	page.WriteString("<!DOCTYPE html>\n<html><head><title>Maintenance Agreement</title></head><body>\n")
	for range copies {
		for line := range strings.Lines(string(bloom)) {
			if line = strings.TrimSpace(line); line != "" {
				page.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
			}
		}
	}
	page.WriteString("</body></html>\n")
	an := New(embeddedRules(b)).WithModels(EmbeddedModels())
	ex := extract.New(extract.Options{NoOCR: true})
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"text", []byte(strings.Repeat(string(bloom)+"\n\n", copies))},
		{"markdown", []byte(strings.Repeat(string(tenancy)+"\n\n", copies))},
		{"html", []byte(page.String())},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			var doc, rep, alloc uint64
			for b.Loop() {
				// The input is a copy made for this scan and dropped after
				// reading, as the CLI's is.
				data := append([]byte(nil), c.data...)
				before := liveHeap()
				start := totalAlloc()
				d, err := ex.ReadBytes(context.Background(), "large."+c.name, data)
				if err != nil {
					b.Fatal(err)
				}
				data = nil
				withDoc := liveHeap()
				r, err := an.Analyze(d, Options{})
				if err != nil {
					b.Fatal(err)
				}
				alloc += totalAlloc() - start
				withReport := liveHeap()
				runtime.KeepAlive(r)
				doc += withDoc - before + uint64(len(c.data)) // before held the input
				rep += withReport - withDoc
			}
			in := float64(len(c.data)) * float64(b.N)
			b.ReportMetric(float64(alloc)/in, "alloc-B/in-B")
			b.ReportMetric(float64(doc)/in, "doc-B/in-B")
			b.ReportMetric(float64(rep)/in, "report-B/in-B")
		})
	}
}

// totalAlloc returns the bytes allocated so far.
func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// liveHeap returns the bytes of the heap still reachable after a
// collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
