package terms

import (
	"regexp"
	"strconv"
	"strings"
)

// Money is an amount with its ISO 4217 currency code when the text says
// which ("$" is read as USD).
type Money struct {
	Text     string  `json:"text"`
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency,omitempty"`
	Span     Span    `json:"-"`
}

var currencySymbols = map[string]string{
	"$": "USD", "us$": "USD", "usd": "USD", "u.s.$": "USD", "€": "EUR", "eur": "EUR",
	"£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "cad": "CAD", "c$": "CAD",
	"aud": "AUD", "a$": "AUD", "chf": "CHF", "rmb": "CNY", "cny": "CNY",
	"inr": "INR", "rs.": "INR", "₹": "INR", "hk$": "HKD", "hkd": "HKD", "sgd": "SGD",
	"dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
	"yen": "JPY", "rupees": "INR",
}

const amountPattern = `(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?:\s*(million|billion|thousand|k|m)\b)?`

// moneyRe runs on lower-cased text.
var moneyRe = regexp.MustCompile(`(us\$|u\.s\.\s?\$|c\$|a\$|hk\$|[$€£¥₹]|\b(?:usd|eur|gbp|jpy|cad|aud|chf|rmb|cny|inr|sgd|hkd)\b|\brs\.)\s?` + amountPattern +
	`|\b` + amountPattern + `\s*(\b(?:usd|eur|gbp|jpy|cad|aud|chf|rmb|cny|inr|sgd|hkd)\b|(?:u\.s\.\s)?dollars\b|euros?\b|pounds(?: sterling)?\b|yen\b|rupees\b)`)

// findMoney returns the amounts in text; low is text lower-cased (ASCII
// only) and off the offset of text in the document.
func findMoney(text, low string, off int) []Money {
	if !mentionsMoney(low) {
		return nil
	}
	s := low
	var out []Money
	for _, m := range moneyRe.FindAllStringSubmatchIndex(s, -1) {
		var cur, num, mult string
		if m[2] >= 0 {
			cur, num, mult = group(s, m, 1), group(s, m, 2), group(s, m, 3)
		} else {
			num, mult, cur = group(s, m, 4), group(s, m, 5), group(s, m, 6)
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil {
			continue
		}
		switch strings.ToLower(mult) {
		case "thousand", "k":
			v *= 1e3
		case "million", "m":
			v *= 1e6
		case "billion":
			v *= 1e9
		}
		c := strings.ToLower(cur)
		c = strings.TrimPrefix(c, "u.s. ")
		c = strings.Join(strings.Fields(c), " ")
		if strings.HasPrefix(c, "u.s.") {
			c = "$"
		}
		out = append(out, Money{Text: text[m[0]:m[1]], Amount: v, Currency: currencySymbols[c], Span: Span{Start: off + m[0], End: off + m[1]}})
	}
	return out
}

// moneyWords are the strings one of which every moneyRe match contains.
var moneyWords = []string{"$", "€", "£", "¥", "₹", "usd", "eur", "gbp", "dollar", "pound", "yen", "rupee", "rmb", "cny", "jpy", "cad", "aud", "chf", "inr", "sgd", "hkd", "rs."}

// moneyFirst[c] lists the moneyWords that begin with byte c.
var moneyFirst = func() (t [256][]string) {
	for _, w := range moneyWords {
		t[w[0]] = append(t[w[0]], w)
	}
	return t
}()

// mentionsMoney reports whether low contains one of moneyWords: one pass
// over the text, where has searched it once per word.
func mentionsMoney(low string) bool {
	for i := 0; i < len(low); i++ {
		for _, w := range moneyFirst[low[i]] {
			if strings.HasPrefix(low[i:], w) {
				return true
			}
		}
	}
	return false
}

var percentRe = regexp.MustCompile(numberPattern + `\s*(?:%|percent\b|per\s?cent\b)`)

// findPercent returns the first percentage in s, lower-cased.
func findPercent(s string) (float64, string, bool) {
	// percentRe ends in "%", "percent" or "per cent"; it is too large for
	// the backtracker, so look for those first.
	if !strings.Contains(s, "%") && !strings.Contains(s, "cent") {
		return 0, "", false
	}
	m := percentRe.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, "", false
	}
	v, ok := parseNumber(s[m[2]:m[3]])
	return v, s[m[0]:m[1]], ok
}
