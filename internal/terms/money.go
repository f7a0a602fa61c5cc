package terms

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/termscore/termscore/internal/wordkey"
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
	"aud": "AUD", "a$": "AUD", "nzd": "NZD", "nz$": "NZD", "chf": "CHF", "rmb": "CNY", "cny": "CNY",
	"inr": "INR", "rs.": "INR", "₹": "INR", "hk$": "HKD", "hkd": "HKD", "sgd": "SGD",
	"dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
	"yen": "JPY", "rupees": "INR",
}

const amountPattern = `(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?:\s*(million|billion|thousand|k|m)\b)?`

// moneyRe runs on lower-cased text.
// A code before a dollar sign names the dollar: "CAD $1,800", "AUD$500".
var moneyRe = regexp.MustCompile(`(\b(?:usd|cad|aud|nzd|sgd|hkd)\s?\$|us\$|u\.s\.\s?\$|c\$|a\$|nz\$|hk\$|[$€£¥₹]|\b(?:usd|eur|gbp|jpy|cad|aud|nzd|chf|rmb|cny|inr|sgd|hkd)\b|\brs\.)\s?` + amountPattern +
	`|\b` + amountPattern + `\s*(\b(?:usd|eur|gbp|jpy|cad|aud|nzd|chf|rmb|cny|inr|sgd|hkd)\b|(?:u\.s\.\s)?dollars\b|euros?\b|pounds(?: sterling)?\b|yen\b|rupees\b)`)

// moneyStarts is moneyRe tried only where a currency or a figure begins.
var moneyStarts = newStartRe(moneyRe)

// findMoney returns the amounts in text; low is text lower-cased (ASCII
// only) and off the offset of text in the document. dollar is the
// currency a bare "$" or "dollars" is read as (USD unless the contract's
// law is of a country with its own dollar, see localDollar).
func findMoney(text, low string, off int, dollar string) []Money {
	// Every match has a figure, and many a sentence none: a look for a
	// digit, eight bytes at a time, costs a tenth of mentionsMoney's.
	if !hasDigit(low) || !mentionsMoney(low) {
		return nil
	}
	s := low
	var out []Money
	for _, m := range moneyStarts.FindAllStringSubmatchIndex(s, -1) {
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
		us := strings.HasPrefix(c, "u.s.") // "U.S. dollars", "U.S.$"
		c = strings.TrimPrefix(c, "u.s. ")
		c = strings.Join(strings.Fields(c), " ")
		cur = currencySymbols[c]
		switch {
		case us:
			cur = "USD"
		case len(c) > 3 && strings.HasSuffix(c, "$"):
			cur = currencySymbols[strings.TrimSpace(strings.TrimSuffix(c, "$"))]
		case (c == "$" || c == "dollars") && dollar != "":
			cur = dollar
		}
		// "Twelve Thousand and No/100 Dollars ($12,000.00)": the cents
		// of a sum written out, not a sum of a hundred dollars.
		if at := m[0]; at > 0 && s[at-1] == '/' && num == "100" {
			continue
		}
		out = append(out, Money{Text: text[m[0]:m[1]], Amount: v, Currency: cur, Span: Span{Start: off + m[0], End: off + m[1]}})
	}
	return out
}

// moneyWords are the strings one of which every moneyRe match contains.
var moneyWords = []string{"$", "€", "£", "¥", "₹", "usd", "eur", "gbp", "dollar", "pound", "yen", "rupee", "rmb", "cny", "jpy", "cad", "aud", "nzd", "chf", "inr", "sgd", "hkd", "rs."}

// dollarNames are the ways a contract says which dollar it means, by
// currency; one of them anywhere in the text decides what a bare "$" is.
var dollarNames = []struct {
	code  string
	names []string
}{
	// Codes that are also other words ("CAD drawings", a "CDN") count
	// only beside an amount, where moneyRe reads them.
	{"USD", []string{"u.s. dollar", "us dollar", "united states dollar", "usd", "us$", "u.s.$"}},
	{"CAD", []string{"canadian dollar", "cdn$", "c$", "cad$", "cad $"}},
	{"AUD", []string{"australian dollar", "a$", "aud$", "aud $"}},
	{"NZD", []string{"new zealand dollar", "nz$", "nzd"}},
	{"SGD", []string{"singapore dollar", "s$", "sgd"}},
	{"HKD", []string{"hong kong dollar", "hk$", "hkd"}},
}

// dollarWords are the strings other than "$" one of which every dollar
// name holds: "dollar" and the bare codes ("usd", "nzd"). Each begins a
// word wherever a name holding it occurs (TestLocalDollarAnchors checks
// it), so the scanner's word index finds every place worth trying.
var dollarWords = func() []string {
	a := []string{"dollar"}
	for _, d := range dollarNames {
		for _, n := range d.names {
			if !strings.Contains(n, "dollar") && !strings.Contains(n, "$") {
				a = append(a, n)
			}
		}
	}
	return keywords(a...)
}()

// localDollar is the currency a bare "$" means in a contract whose text is
// s and whose law is law: the dollar the text names ("all amounts are in
// Canadian dollars"), or else the local dollar in Australia, Canada, New
// Zealand, Singapore and Hong Kong ("$150 per hour plus GST" under New
// South Wales law), USD otherwise. Where the text names two dollars, USD
// comes first: "US$" beside a local "$" is the usual exception.
func localDollar(s *scanner, law *Jurisdiction) string {
	// Each name is tried only where one of its anchors occurs, rather
	// than searched for over the whole text: "$" is a rare byte, and the
	// other anchors start words, which the word index lists.
	low := s.lower
	best := len(dollarNames)
	try := func(i int, anchor string) {
		for g := range best {
			for _, n := range dollarNames[g].names {
				a := strings.Index(n, anchor)
				if a < 0 {
					continue
				}
				start, end := i-a, i-a+len(n)
				if start < 0 || end > len(low) || low[start:end] != n {
					continue
				}
				// A word start; a three-letter code ends a word, a name may go on ("dollars").
				if (start == 0 || !isWordByte(low[start-1])) && (len(n) != 3 || end == len(low) || !isWordByte(low[end])) {
					best = g // the first group found here is the best one here
					return
				}
			}
		}
	}
	for off := 0; best > 0; {
		i := strings.IndexByte(low[off:], '$')
		if i < 0 {
			break
		}
		try(off+i, "$")
		off += i + 1
	}
	if s.words == nil {
		s.indexWords()
	}
	for _, w := range dollarWords {
		j := indexed.Find(wordkey.Of(w))
		for _, o := range s.words[j] {
			if best == 0 {
				break
			}
			if strings.HasPrefix(low[o:], w) {
				try(o, w)
			}
		}
	}
	if best < len(dollarNames) {
		return dollarNames[best].code
	}
	if law == nil || law.Placeholder {
		return "USD"
	}
	country, _, _ := strings.Cut(law.Code, "-")
	switch country {
	case "AU":
		return "AUD"
	case "CA":
		return "CAD"
	case "NZ":
		return "NZD"
	case "SG":
		return "SGD"
	case "HK":
		return "HKD"
	}
	return "USD"
}

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

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// As in wordBytes: the top bit of each byte from '0' to '9'.
		x := load64(s[i : i+8])
		v := x &^ high
		if (v+(0x80-'0')*ones)&^(v+(0x7f-'9')*ones)&^x&high != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

var percentRe = regexp.MustCompile(numberPattern + `\s*(?:%|percent\b|per\s?cent\b)`)

// percentStarts is percentRe tried only where a number begins.
var percentStarts = newStartRe(percentRe)

// findPercent returns the first percentage in s, lower-cased.
func findPercent(s string) (float64, string, bool) {
	// percentRe ends in "%", "percent" or "per cent"; it is too large for
	// the backtracker, so look for those first.
	if !strings.Contains(s, "%") && !strings.Contains(s, "cent") {
		return 0, "", false
	}
	m := percentStarts.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, "", false
	}
	v, ok := parseNumber(s[m[2]:m[3]])
	return v, s[m[0]:m[1]], ok
}
