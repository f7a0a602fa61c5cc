package terms

import (
	"regexp"
	"strconv"
	"strings"
)

var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
	"a": 1, "an": 1, "single": 1,
}

// numberPattern matches a number as contracts write it: "30", "thirty",
// "thirty (30)", "one hundred twenty (120)", "twenty-four". Group 1 is the
// whole expression.
const numberPattern = `((?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(?:[\s-]+(?:and[\s-]+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b)*(?:\s*\(\s*\d{1,5}(?:\.\d+)?\s*\))?)|\d{1,5}(?:\.\d+)?(?:\s*\([a-z\s-]+\))?)`

// parseNumber reads a number matched by numberPattern. A figure in
// parentheses wins over the words before it, as it does for lawyers.
func parseNumber(s string) (float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexByte(s, '('); i >= 0 {
		if j := strings.IndexByte(s[i:], ')'); j > 0 {
			inner := strings.TrimSpace(s[i+1 : i+j])
			if v, err := strconv.ParseFloat(inner, 64); err == nil {
				return v, true
			}
		}
		s = strings.TrimSpace(s[:i])
	}
	if v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err == nil {
		return v, true
	}
	return parseNumberWords(s)
}

// parseNumberWords reads "one hundred twenty", "twenty-four", "sixty".
func parseNumberWords(s string) (float64, bool) {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' })
	total, cur, seen := 0, 0, false
	for _, w := range words {
		switch w {
		case "and":
			continue
		case "hundred":
			if cur == 0 {
				cur = 1
			}
			cur *= 100
		case "thousand":
			if cur == 0 {
				cur = 1
			}
			total += cur * 1000
			cur = 0
		default:
			v, ok := smallNumbers[w]
			if !ok {
				return 0, false
			}
			cur += v
		}
		seen = true
	}
	return float64(total + cur), seen
}

// Duration is a length of time as the contract states it.
type Duration struct {
	Text  string  `json:"text"`
	Count float64 `json:"count"`
	Unit  string  `json:"unit"` // day, week, month or year
	// Days is the length in days (a month counts 30, a year 365); Months
	// is set for month and year units, for comparisons in months.
	Days     float64 `json:"days"`
	Months   float64 `json:"months,omitempty"`
	Business bool    `json:"business_days,omitempty"`
	Span     Span    `json:"-"`
}

// durationRe runs on lower-cased text.
var durationRe = regexp.MustCompile(`\b` + numberPattern + `[\s-]*(?:\(\d+\)\s*)?(calendar\s+|business\s+|working\s+)?(days?|weeks?|months?|years?)\b`)

// durationStarts is durationRe tried only where a number begins.
var durationStarts = newStartRe(durationRe)

// findDurations returns durationRe's matches in low, the lower-cased
// text, skipping the regexp where no unit word is. No match contains a
// comma, semicolon or colon, and they are not word characters (so \b
// sees the same at a piece's ends), so the pieces between them are
// searched apart and only those with a unit word: the expression is too
// large for the backtracker, and the NFA costs per byte.
func findDurations(low string) [][]int {
	if !has(low, "day", "week", "month", "year") {
		return nil
	}
	var out [][]int
	for start := 0; start < len(low); {
		end := strings.IndexAny(low[start:], ",;:")
		if end < 0 {
			end = len(low)
		} else {
			end += start
		}
		if piece := low[start:end]; has(piece, "day", "week", "month", "year") {
			for _, m := range durationStarts.FindAllStringSubmatchIndex(piece, -1) {
				for i := range m {
					if m[i] >= 0 {
						m[i] += start
					}
				}
				out = append(out, m)
			}
		}
		start = end + 1
	}
	return out
}

// durationAt reads the duration matched at m; s is the lower-cased text
// and text the original, off their offset in the document.
func durationAt(text, s string, m []int, off int) (Duration, bool) {
	n, ok := parseNumber(s[m[2]:m[3]])
	if !ok || n <= 0 {
		return Duration{}, false
	}
	// A clone: s is the whole lower-cased text, which a slice of it would
	// keep alive as long as the report (55 MB for a 60 MB file).
	unit := strings.Clone(strings.TrimSuffix(strings.ToLower(s[m[6]:m[7]]), "s"))
	start := m[0]
	if start > 0 && text[start-1] == '[' {
		// A template's default, "[30] days", whose bracket the scanner
		// blanked (unbracketNumbers): quoted whole.
		start--
	}
	d := Duration{Text: text[start:m[1]], Count: n, Unit: unit, Span: Span{Start: off + start, End: off + m[1]}}
	if m[4] >= 0 {
		q := strings.ToLower(strings.TrimSpace(s[m[4]:m[5]]))
		d.Business = q == "business" || q == "working"
	}
	switch unit {
	case "day":
		d.Days = n
	case "week":
		d.Days = 7 * n
	case "month":
		d.Days, d.Months = 30*n, n
	case "year":
		d.Days, d.Months = 365*n, 12*n
	}
	return d, true
}
