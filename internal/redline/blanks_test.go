package redline

import (
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/terms"
)

// TestBlanksFilledFromKeyTerms plans real documents whose suggestions
// carry a blank for an amount: the website terms state their sums in
// dollars ("limited to $50"), so the cap's blank names the currency; the
// Common Paper CSA states no sum, so the blank stays as the pack wrote it.
func TestBlanksFilledFromKeyTerms(t *testing.T) {
	for _, tc := range []struct {
		file, role, rule, want, not string
	}{
		{"plain-website-terms-of-service.md", "consumer", "liab.limitation-of-liability", "[amount in US dollars]", "[amount]"},
		{"CSA.md", "client", "liab.limitation-of-liability", "[amount]", "[amount in"},
	} {
		r := analyzeFile(t, tc.file, tc.role)
		edits, _ := Plan(r, nil)
		var text string
		for _, e := range edits {
			if e.Rule == tc.rule {
				text += e.Text + " "
			}
		}
		if text == "" {
			t.Errorf("%s: no edit for %s: the case no longer tests anything", tc.file, tc.rule)
			continue
		}
		if !strings.Contains(text, tc.want) || strings.Contains(text, tc.not) {
			t.Errorf("%s: %s proposes %q, want %q and not %q", tc.file, tc.rule, text, tc.want, tc.not)
		}
	}
}

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
	} {
		r := &analyze.Report{KeyTerms: tc.kt, Doc: doc}
		if got := fillBlanks(tc.text, r); got != tc.want {
			t.Errorf("fillBlanks(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestTemplateLawBlankLeftToFill plans the Common Paper contractor
// agreement, a template whose governing law is a field ("the laws of
// {governing_law}"): striking that field for "[your jurisdiction]"
// changes nothing a signer needs, so the plan leaves it and says why.
func TestTemplateLawBlankLeftToFill(t *testing.T) {
	r := analyzeFile(t, "ica.docx", "contractor")
	edits, skipped := Plan(r, nil)
	for _, e := range edits {
		if strings.Contains(r.Doc.Slice(e.Span), "{governing_law}") {
			t.Errorf("%s strikes the template's governing-law field: %q → %q", e.Rule, r.Doc.Slice(e.Span), e.Text)
		}
	}
	found := false
	for _, s := range skipped {
		found = found || s.Rule == "dispute.governing-law" && strings.Contains(s.Reason, "{governing_law}")
	}
	if !found {
		t.Errorf("dispute.governing-law is not reported as left for the signer to fill in: %+v", skipped)
	}
}
