package terms

import "testing"

// BenchmarkExtractField measures each reader of Extract on its own, on
// the same contract as BenchmarkExtract, with the scanner (and its word
// index) built once: where a millisecond of Extract goes.
func BenchmarkExtractField(b *testing.B) {
	doc := readDoc(b, "testdata/cuad-ability-services.txt")
	s := newScanner(doc)
	s.indexWords()
	k := Extract(doc)
	s.dollar = localDollar(s, k.GoverningLaw)
	for _, f := range []struct {
		name string
		read func()
	}{
		{"scanner", func() { newScanner(doc).indexWords() }},
		{"title", func() { title(doc, s) }},
		// Extract reads the preamble's end once, for both.
		{"parties", func() { s.preamble = 0; parties(s) }},
		{"agreementDates", func() { s.preamble = 0; agreementDates(s) }},
		{"expiration", func() { expiration(s) }},
		// Extract asks loanDoc once for maturity, payment and interestRate.
		{"maturity", func() { s.loan = 0; maturity(s) }},
		{"term", func() { term(s) }},
		{"renewal", func() { renewal(s) }},
		{"noticePeriod", func() { noticePeriod(s) }},
		{"indefinite", func() { indefinite(s, k.NoticePeriod) }},
		{"governingLaw", func() { governingLaw(s) }},
		{"venue", func() { venue(s) }},
		{"localDollar", func() { localDollar(s, k.GoverningLaw) }},
		{"payment", func() { s.loan = 0; payment(s) }},
		{"lateFee", func() { lateFee(s) }},
		{"liabilityCap", func() { liabilityCap(s) }},
		{"nonCompete", func() { nonCompete(s) }},
		{"deposit", func() { deposit(s) }},
		{"royalty", func() { royalty(s) }},
		{"initialFee", func() { initialFee(s, k.PaymentTerms) }},
		{"interestRate", func() { s.loan = 0; interestRate(s) }},
	} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				f.read()
			}
		})
	}
}
