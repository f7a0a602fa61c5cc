package analyze

import (
	"context"
	"os"
	"testing"

	"github.com/termscore/termscore/internal/extract"
)

// BenchmarkScan measures the whole scan of a 30-page contract (104 KB of
// text, a CUAD maintenance agreement): reading and segmenting it, then
// analysing it with the rules alone and with the clause models too. The
// issue's target is under 10 ms per contract on one core with the model on:
//
//	go test -run '^$' -bench Scan -cpu 1 -count 5 ./internal/analyze
func BenchmarkScan(b *testing.B) {
	data, err := os.ReadFile("testdata/cuad-bloom-maintenance.txt")
	if err != nil {
		b.Fatal(err)
	}
	rs := embeddedRules(b)
	ex := extract.New(extract.Options{})
	plain := New(rs)
	withModels := plain.WithModels(EmbeddedModels())
	// The inferred role (client: the customer reviews a maintenance
	// agreement) runs fewer rules than the provider's side, so the
	// contractor's review is measured too.
	for _, c := range []struct {
		name string
		an   *Analyzer
		opt  Options
	}{
		{"rules", plain, Options{}},
		{"rules+model", withModels, Options{}},
		{"rules+model,contractor", withModels, Options{Role: "contractor"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				doc, err := ex.ReadBytes(context.Background(), "bloom.txt", data)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := c.an.Analyze(doc, c.opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
