package market

import (
	"testing"

	"github.com/termscore/termscore/internal/terms"
)

// FuzzParse: a --market file is user input; Parse must reject junk with an
// error, and whatever it accepts must survive Compare.
func FuzzParse(f *testing.F) {
	f.Add(defaultJSON[:min(len(defaultJSON), 4000)])
	f.Add([]byte(`{"schema":"termscore/market/v1","all":{"documents":1,"terms":{"payment_net_days":{"n":3,"values":[{"v":30,"n":1}]}},"rules":{"r":{"flagged":5,"n":0}}},"types":{"services":null}}`))
	f.Add([]byte(`{"schema":"termscore/market/v1","all":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := Parse(data)
		if err != nil {
			return
		}
		Compare(st, Input{Type: "services", Role: "contractor",
			Terms:    terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{NetDays: 45}, NoticePeriod: &terms.Duration{Days: 30}},
			Findings: []Found{{Rule: "r", Kind: "missing", CUAD: []string{"Governing Law"}}}})
	})
}
