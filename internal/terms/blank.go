package terms

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// amountBlankRe is a template's blank where a sum of money goes:
// "[Monthly Rent]", "$[AMOUNT]", "${{MONTHLY_RENT}}", "{{fee}}", "$_____",
// "______ ($____)", "£{amount}". The currency sign before it, if any, is
// group 1.
var amountBlankRe = regexp.MustCompile(`([$€£])?\s?(?:\[[^\[\]\n]{1,40}\]|\{\{?[ \w.-]{1,40}\}\}?|_{3,}(?:\s*\(\s*[$€£]\s*_{2,}\s*\))?)`)

// amountWordRe names a sum in a blank: "[Security Deposit Amount]",
// "{{monthly_rent}}", "[HOURLY RATE]", "[£ fee]".
var amountWordRe = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:amount|rent|fee|fees|price|deposit|sum|total|salary|wage|rate|cost|charge|compensation|payment|consideration)(?:[^a-z]|$)|[$€£]`)

// notAmountRe names a blank that is no price though it says "rent" or
// "amount": a day, a date, a percentage, a count, a liability cap or
// another sum that is not the price ("{general_cap_amount}").
var notAmountRe = regexp.MustCompile(`(?i)day|date|percent|number|period|name|address|method|frequency|schedule|terms|(?:^|[^a-z])cap(?:[^a-z]|$)|limit|insur|threshold|penalt|late|interest|obligation|section|article|report`)

// sectionRefRe is a section number ending just before a bracketed title.
var sectionRefRe = regexp.MustCompile(`(?i)(?:\d+(?:\.\d+)+|section\s+\d+|§\s*\d+)[\s.()a-z]{0,6}$`)

// AmountBlank is a template field standing where a sum would be.
type AmountBlank struct {
	Text     string // as written: "[Monthly Rent]", "$_____"
	Currency string // from the sign before it, when there is one
	Span     Span
}

// findAmountBlank returns the first blank for a sum in text (at offset
// off in the document), or false. A blank with a currency sign is a sum
// whatever it says; one without must name a sum ("[Monthly Rent]"), or be
// bare underscores after "the sum of", "rent of" and the like.
func findAmountBlank(text string, off int, dollar string) (AmountBlank, bool) {
	if !strings.ContainsAny(text, "[{_") {
		return AmountBlank{}, false
	}
	for _, m := range amountBlankRe.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[0], m[1]
		if m[2] < 0 {
			// No sign: \s? may have taken the space before the blank.
			start += len(text[start:end]) - len(strings.TrimLeft(text[start:end], " "))
		}
		blank := text[start:end]
		inner := strings.Trim(blank, "$€£ []{}_()")
		// "{{LATE_FEE_PERCENTAGE}}%", "[5]%": a rate, not a sum.
		if rest := strings.TrimLeft(text[end:], " "); strings.HasPrefix(rest, "%") || strings.HasPrefix(strings.ToLower(rest), "percent") {
			continue
		}
		// A redaction ("$[***]", "[ * ]") hides a sum the contract states;
		// a bracketed figure ("$[125.00 per hour]") is a sum proposed.
		// Neither is a blank to fill.
		if notAmountRe.MatchString(inner) || strings.Trim(inner, "* ") == "" && strings.Contains(inner, "*") || strings.ContainsAny(inner, "0123456789") {
			continue
		}
		// "Section 5.2.1 [Annual Fees]": a section's title quoted after
		// its number.
		if m[2] < 0 && sectionRefRe.MatchString(text[max(0, start-20):start]) {
			continue
		}
		sign := ""
		if m[2] >= 0 {
			sign = text[m[2]:m[3]]
		}
		switch {
		case sign != "":
		case inner == "":
			// Bare underscores: a sum only where the words before ask for one.
			before := strings.ToLower(text[max(0, start-25):start])
			if !has(before, "sum of", "amount of", "rent of", "fee of", "price of", "deposit of", "rate of", "salary of") && !strings.Contains(blank, "$") {
				continue
			}
		case !amountWordRe.MatchString(inner):
			continue
		}
		b := AmountBlank{Text: blank, Span: Span{Start: off + start, End: off + end}}
		// The sign before the blank, or inside it: "($____)", "[£ fee]".
		if sign == "" {
			if i := strings.IndexAny(blank, "$€£"); i >= 0 {
				_, n := utf8.DecodeRuneInString(blank[i:])
				sign = blank[i : i+n]
			}
		}
		switch {
		case sign == "$" && dollar != "":
			b.Currency = dollar
		case sign == "$":
			b.Currency = "USD"
		case sign != "":
			b.Currency = currencySymbols[sign]
		}
		return b, true
	}
	return AmountBlank{}, false
}
