package redline

import (
	"strings"
	"testing"
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
