package rules

import (
	"os"
	"testing"

	"github.com/termscore/termscore/internal/document"
)

func readDoc(tb testing.TB, name string) *document.Document {
	tb.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return ExampleDocument(string(data))
}

// BenchmarkMatch scans a 104 KB (about 30 pages) CUAD maintenance agreement
// with every embedded rule.
func BenchmarkMatch(b *testing.B) {
	s := embedded(b)
	doc := readDoc(b, "cuad-bloom-maintenance.txt")
	s.Match(doc, MatchOptions{}) // compile outside the loop
	b.SetBytes(int64(len(doc.Text)))
	for b.Loop() {
		s.Match(doc, MatchOptions{})
	}
}

// BenchmarkMatchFiltered scans the same contract with the rules analyze
// runs for it: those for a services contract reviewed by the client.
func BenchmarkMatchFiltered(b *testing.B) {
	s := embedded(b)
	doc := readDoc(b, "cuad-bloom-maintenance.txt")
	opt := MatchOptions{DocType: "services", Role: "client"}
	s.Match(doc, opt)
	b.SetBytes(int64(len(doc.Text)))
	for b.Loop() {
		s.Match(doc, opt)
	}
}

// BenchmarkEmbedded loads the rule packs built into the binary, as every
// CLI run and server start does.
func BenchmarkEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := Embedded(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatcher builds the first pass over the embedded rules (the
// literal automaton), which the first Match of every CLI run pays.
func BenchmarkMatcher(b *testing.B) {
	s := embedded(b)
	for b.Loop() {
		newMatcher(s.rules)
	}
}
