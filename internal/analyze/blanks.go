package analyze

import (
	"regexp"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/terms"
)

// Rule packs leave blanks in their wording for what only the document
// can tell ("[amount]", "[bonus]"). fillBlanks fills a blank where the
// document or its key terms know the value, and leaves it, still in
// brackets for the reader to fill, where they do not:
//   - an amount ("[amount]", "[a low amount]") takes the contract's
//     currency, when the key terms agree on one: "[amount in US dollars]";
//   - "[bonus]" becomes the bonus the document defines ("the Signing
//     Bonus");
//   - "[your jurisdiction]" becomes the reviewer's home jurisdiction
//     when they gave one (scan --home US-CA: "the State of California"),
//     never the contract's: its governing law is the one the finding
//     objects to.
func (p parties) fillBlanks(text string) string {
	if !strings.Contains(text, "[") {
		return text
	}
	if p.home != "" {
		text = strings.ReplaceAll(text, "[your jurisdiction]", p.home)
	}
	if p.currency != "" {
		text = amountBlank.ReplaceAllString(text, "[${1} in "+p.currency+"${2}]")
	}
	if p.bonus != "" {
		text = strings.ReplaceAll(text, "[bonus]", p.bonus)
	}
	return text
}

// withHome returns p with the reviewer's home jurisdiction, an ISO code
// as --home takes it, for "[your jurisdiction]"; an unknown code, or a
// country whose contract law is its states' ("US"), leaves the blank.
func (p parties) withHome(code string) parties {
	p.home, _ = terms.HomeName(code)
	return p
}

// amountBlank is a blank for a sum of money, with any hint after it:
// "[amount, e.g. 5% of the monthly rent]".
var amountBlank = regexp.MustCompile(`\[((?:a low )?amount)((?:,[^\]]*)?)\]`)

var currencyNames = map[string]string{
	"USD": "US dollars", "EUR": "euros", "GBP": "pounds sterling", "CAD": "Canadian dollars", "AUD": "Australian dollars",
	"NZD": "New Zealand dollars", "SGD": "Singapore dollars", "HKD": "Hong Kong dollars", "CHF": "Swiss francs",
	"JPY": "yen", "INR": "rupees", "ILS": "shekels",
}

// currencyName names the currency the key terms' sums are in, or "" when
// they name none or disagree.
func currencyName(kt terms.KeyTerms) string {
	var cs []string
	if kt.PaymentTerms != nil {
		cs = append(cs, kt.PaymentTerms.Currency)
	}
	if kt.LiabilityCap != nil {
		cs = append(cs, kt.LiabilityCap.Currency)
	}
	if kt.LateFee != nil {
		cs = append(cs, kt.LateFee.Currency)
	}
	if kt.Deposit != nil {
		cs = append(cs, kt.Deposit.Currency)
	}
	var code string
	for _, c := range cs {
		switch {
		case c == "":
		case code == "":
			code = c
		case c != code:
			return ""
		}
	}
	if code == "" {
		return ""
	}
	if n, ok := currencyNames[code]; ok {
		return n
	}
	return code
}

// definedBonus is the one bonus the document defines ("Signing Bonus"),
// or "" when it defines none or several.
func definedBonus(doc *document.Document) string {
	found := ""
	for _, d := range doc.Definitions {
		if !strings.Contains(strings.ToLower(d.Term), "bonus") || strings.EqualFold(d.Term, found) {
			continue
		}
		if found != "" {
			return ""
		}
		found = d.Term
	}
	return found
}
