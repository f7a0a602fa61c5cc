package redline

import "testing"

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
