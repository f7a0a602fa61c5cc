package analyze

import (
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/terms"
)

func TestFillBlanks(t *testing.T) {
	doc := &document.Document{Definitions: []document.Definition{{Term: "Signing Bonus"}, {Term: "Company"}}}
	usd := &terms.PaymentTerms{Currency: "USD"}
	for _, tc := range []struct {
		kt               terms.KeyTerms
		home, text, want string
	}{
		{terms.KeyTerms{PaymentTerms: usd}, "", "limited to the greater of the fees paid and [amount].", "limited to the greater of the fees paid and [amount in US dollars]."},
		{terms.KeyTerms{LateFee: &terms.LateFee{Currency: "USD"}}, "", "a single late fee of [amount, e.g. 5% of the monthly rent].", "a single late fee of [amount in US dollars, e.g. 5% of the monthly rent]."},
		{terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{Currency: "EUR"}}, "", "once it exceeds [a low amount],", "once it exceeds [a low amount in euros],"},
		// Two currencies: which one the cap is in is anyone's guess.
		{terms.KeyTerms{PaymentTerms: usd, Deposit: &terms.Deposit{Currency: "GBP"}}, "", "and [amount].", "and [amount]."},
		{terms.KeyTerms{}, "", "repay a pro-rated portion of the [bonus].", "repay a pro-rated portion of the Signing Bonus."},
		// Without --home the reviewer's jurisdiction is not known.
		{terms.KeyTerms{PaymentTerms: usd}, "", "governed by the laws of [your jurisdiction].", "governed by the laws of [your jurisdiction]."},
		// With it, the blank names it, whatever law the contract picks.
		{terms.KeyTerms{GoverningLaw: &terms.Jurisdiction{Name: "Delaware", Code: "US-DE"}}, "US-CA", "This Agreement is governed by the laws of [your jurisdiction], without regard to its conflict-of-laws rules.", "This Agreement is governed by the laws of the State of California, without regard to its conflict-of-laws rules."},
		{terms.KeyTerms{}, "GB", "The courts of [your jurisdiction] have jurisdiction over any dispute arising out of this Agreement.", "The courts of England and Wales have jurisdiction over any dispute arising out of this Agreement."},
		{terms.KeyTerms{}, "de", "governed by the laws of [your jurisdiction].", "governed by the laws of Germany."},
		// A whole federation, or a code nobody knows, keeps the blank.
		{terms.KeyTerms{}, "US", "governed by the laws of [your jurisdiction].", "governed by the laws of [your jurisdiction]."},
		{terms.KeyTerms{}, "XX-YY", "governed by the laws of [your jurisdiction].", "governed by the laws of [your jurisdiction]."},
		{terms.KeyTerms{PaymentTerms: usd}, "", "{{contractor}} may charge [amount] for each extra round.", "The Contractor may charge [amount in US dollars] for each extra round."},
	} {
		p := partyNames(doc, tc.kt, "contractor").withHome(tc.home)
		if got := p.fill(tc.text); got != tc.want {
			t.Errorf("fill(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestCheckHome: the CLI, the web page and the API take the same home
// codes, in any case, and refuse the rest with a short message saying what
// to give; Options.Validate refuses them too.
func TestCheckHome(t *testing.T) {
	for _, c := range []struct {
		in, want string
		err      string // part of the error; empty: none
	}{
		{"", "", ""},
		{"us-ca", "US-CA", ""},
		{" GB ", "GB", ""},
		{"de", "DE", ""},
		{"CA-QC", "CA-QC", ""},
		{"AU-NSW", "AU-NSW", ""},
		// Federal countries as a whole: the spec's "ISO country".
		{"US", "US", ""},
		{"au", "AU", ""},
		{"US-ZZ", "", `unknown jurisdiction "US-ZZ"`},
		{"Narnia", "", `unknown jurisdiction "NARNIA"`},
		{strings.Repeat("X", 5000), "", "…"},
	} {
		got, err := CheckHome(c.in)
		if c.err == "" {
			if err != nil || got != c.want {
				t.Errorf("CheckHome(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
			continue
		}
		if err == nil || fault.KindOf(err) != fault.Invalid || !strings.Contains(err.Error(), c.err) || len(err.Error()) > 200 {
			t.Errorf("CheckHome(%q) = %q, %v; want a short invalid error with %q", c.in[:min(len(c.in), 20)], got, err, c.err)
		}
		if err := (Options{Home: c.in}).Validate(); (err != nil) != (c.err != "") {
			t.Errorf("Options{Home: %q}.Validate() = %v", c.in[:min(len(c.in), 20)], err)
		}
	}
}
