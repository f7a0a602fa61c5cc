package analyze

import (
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/terms"
)

func TestFillBlanks(t *testing.T) {
	doc := &document.Document{Definitions: []document.Definition{{Term: "Signing Bonus"}, {Term: "Company"}}}
	usd := &terms.PaymentTerms{Currency: "USD"}
	for _, tc := range []struct {
		kt         terms.KeyTerms
		text, want string
	}{
		{terms.KeyTerms{PaymentTerms: usd}, "limited to the greater of the fees paid and [amount].", "limited to the greater of the fees paid and [amount in US dollars]."},
		{terms.KeyTerms{LateFee: &terms.LateFee{Currency: "USD"}}, "a single late fee of [amount, e.g. 5% of the monthly rent].", "a single late fee of [amount in US dollars, e.g. 5% of the monthly rent]."},
		{terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{Currency: "EUR"}}, "once it exceeds [a low amount],", "once it exceeds [a low amount in euros],"},
		// Two currencies: which one the cap is in is anyone's guess.
		{terms.KeyTerms{PaymentTerms: usd, Deposit: &terms.Deposit{Currency: "GBP"}}, "and [amount].", "and [amount]."},
		{terms.KeyTerms{}, "repay a pro-rated portion of the [bonus].", "repay a pro-rated portion of the Signing Bonus."},
		{terms.KeyTerms{PaymentTerms: usd}, "governed by the laws of [your jurisdiction].", "governed by the laws of [your jurisdiction]."},
		{terms.KeyTerms{PaymentTerms: usd}, "{{contractor}} may charge [amount] for each extra round.", "The Contractor may charge [amount in US dollars] for each extra round."},
	} {
		p := partyNames(doc, tc.kt, "contractor")
		if got := p.fill(tc.text); got != tc.want {
			t.Errorf("fill(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
