package redline

import (
	"regexp"
	"strings"

	"github.com/termscore/termscore/internal/analyze"
)

// Rule packs leave blanks in their wording for what only the document
// can tell ("[amount]", "[bonus]"); the parties and the work are filled
// earlier ({{client}}, see analyze). fillBlanks fills a blank from the
// report where the report knows the value, and leaves it, still in
// brackets for the reader to fill, where it does not:
//   - an amount ("[amount]", "[a low amount]") takes the contract's
//     currency, when the key terms agree on one: "[amount in US dollars]";
//   - "[bonus]" becomes the bonus the document defines ("the Signing
//     Bonus").
//
// "[your jurisdiction]" stays: the governing law the key terms know is
// the one the finding objects to, and the reviewer's own is not in the
// report.
func fillBlanks(text string, r *analyze.Report) string {
	if !strings.Contains(text, "[") {
		return text
	}
	if cur := currencyName(r); cur != "" {
		text = amountBlank.ReplaceAllString(text, "[${1} in "+cur+"${2}]")
	}
	if b := definedBonus(r); b != "" {
		text = strings.ReplaceAll(text, "[bonus]", b)
	}
	return text
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
func currencyName(r *analyze.Report) string {
	kt := r.KeyTerms
	var code string
	for _, c := range []string{
		field(kt.PaymentTerms != nil, func() string { return kt.PaymentTerms.Currency }),
		field(kt.LiabilityCap != nil, func() string { return kt.LiabilityCap.Currency }),
		field(kt.LateFee != nil, func() string { return kt.LateFee.Currency }),
		field(kt.Deposit != nil, func() string { return kt.Deposit.Currency }),
	} {
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

func field(ok bool, get func() string) string {
	if !ok {
		return ""
	}
	return get()
}

// definedBonus is the one bonus the document defines ("Signing Bonus"),
// or "" when it defines none or several.
func definedBonus(r *analyze.Report) string {
	if r.Doc == nil {
		return ""
	}
	found := ""
	for _, d := range r.Doc.Definitions {
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
