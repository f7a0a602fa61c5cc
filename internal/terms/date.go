package terms

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Date is a date as the contract writes it. ISO is set only when the day,
// month and year are all known; a form with blanks ("the ___ day of
// ________, 2000") keeps the parts it has.
type Date struct {
	Text        string `json:"text"`
	ISO         string `json:"iso,omitempty"`
	Year        int    `json:"-"`
	Month       int    `json:"-"`
	Day         int    `json:"-"`
	Placeholder bool   `json:"placeholder,omitempty"`
	// Computed is set for an end date worked out from the start date and
	// the term ("five years from the Effective Date"); Text then says so.
	Computed bool `json:"computed,omitempty"`
	Span     Span `json:"-"`
}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

const (
	monthName = `(january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)`
	blank     = `(?:_{2,}|\[[^\]\n]{0,30}\]|\{[^}\n]{0,30}\})`
	dayNum    = `(\d{1,2}|` + blank + `)(?:st|nd|rd|th)?`
	yearNum   = `((?:19|20)\d\d|` + blank + `|(?:19|20)_+)`
)

// dateForms are the date forms seen in contracts, in order of preference.
// Each has its own groups: see parseDateMatch.
var dateForms = []string{
	// 1: October 1, 2019 / October 1st 2019 / October ___, 2019
	`\b` + monthName + `\s+` + dayNum + `,?\s+` + yearNum,
	// 4: 1 October 2019 / 1st day of October, 2019 / ___ day of ____, 2000
	`\b` + dayNum + `(?:\s+day)?(?:\s+of)?\s+(` + monthName[1:len(monthName)-1] + `|` + blank + `)\.?,?\s+(?:in\s+the\s+year\s+)?` + yearNum,
	// 7: 10/1/2019, 10-01-2019
	`\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b`,
	// 10: 2019-10-01
	`\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b`,
	// 13: October 2019 (month and year only)
	`\b` + monthName + `,?\s+((?:19|20)\d\d)\b`,
}

// dateRe matches any date form; it runs on lower-cased text. findDateRe
// finds what it finds, faster.
var dateRe = regexp.MustCompile(strings.Join(dateForms, "|"))

// dateForm is one date form compiled to match only at the start of its
// input. Each form is small enough for the standard library's
// backtracker, while dateRe as a whole is not: its NFA, which adds a
// thread for every form at every byte, made a 60-byte window cost tens of
// microseconds.
type dateForm struct {
	at0 *regexp.Regexp // `\A(?:form)`, for a match at the start of the text
	at  *regexp.Regexp // `\A(?s:.)(?:form)`: the byte before is context for \b
	// first is the group number of the form's first group in dateRe.
	first int
	// starts tells which bytes a match can start with.
	starts [256]bool
}

var dateFormsAt = func() []dateForm {
	out := make([]dateForm, len(dateForms))
	first := 1
	for i, f := range dateForms {
		d := &out[i]
		d.at0 = regexp.MustCompile(`\A(?:` + f + `)`)
		d.at = regexp.MustCompile(`\A(?s:.)(?:` + f + `)`)
		d.first = first
		first += d.at0.NumSubexp()
		switch i {
		case 0, 4: // a month name
			for _, c := range "adfjmnos" {
				d.starts[c] = true
			}
		case 1: // a day or a blank
			for _, c := range "0123456789_[{" {
				d.starts[c] = true
			}
		default: // a number
			for _, c := range "0123456789" {
				d.starts[c] = true
			}
		}
	}
	return out
}()

// findDateRe returns dateRe.FindAllStringSubmatchIndex(s, -1), stopping
// after the first match that starts after stop. Leftmost-first matching
// of an alternation is the first form that matches at the leftmost start
// where any matches, so each start is tried form by form, anchored.
func findDateRe(s string, stop int) [][]int {
	var out [][]int
	for pos := 0; pos < len(s); {
		m := dateAt(s, pos)
		if m == nil {
			break
		}
		out = append(out, m)
		if m[0] > stop {
			break
		}
		pos = m[1]
	}
	return out
}

// dateAt returns the leftmost dateRe match in s that starts at or after
// pos, with the context of the byte before pos, or nil.
func dateAt(s string, pos int) []int {
	for p := pos; p < len(s); p++ {
		c := s[p]
		if (p > 0 && isWordByte(s[p-1])) == isWordByte(c) {
			continue // every form begins with \b (TestBeginsWithBoundary)
		}
		for fi := range dateFormsAt {
			f := &dateFormsAt[fi]
			if !f.starts[c] || !mayStart(fi, s[p:]) {
				continue
			}
			var m []int
			if p == 0 {
				m = f.at0.FindStringSubmatchIndex(s)
			} else if m = f.at.FindStringSubmatchIndex(s[p-1:]); m != nil {
				m[0]++ // drop the context byte
			}
			if m == nil {
				continue
			}
			full := make([]int, 2*(dateRe.NumSubexp()+1))
			for i := range full {
				full[i] = -1
			}
			full[0], full[1] = m[0]+max(p-1, 0), m[1]+max(p-1, 0)
			for g := 1; 2*g < len(m); g++ {
				if m[2*g] >= 0 {
					full[2*(f.first+g-1)] = m[2*g] + max(p-1, 0)
					full[2*(f.first+g-1)+1] = m[2*g+1] + max(p-1, 0)
				}
			}
			return full
		}
	}
	return nil
}

// mayStart reports whether date form fi can match at the start of s
// (whose first byte the form's starts allow), from a look at its first
// bytes: a call of the form's expression costs a hundred times as much,
// and most words beginning with a month's letter or a digit are no date.
func mayStart(fi int, s string) bool {
	switch {
	case fi == 0 || fi == 4: // a month's name, whose first three letters are one of months'
		return len(s) >= 3 && monthStarts[s[:3]]
	case fi == 1 && isDigit(s[0]): // a day: one or two digits, perhaps "st", then a space
		for i := 1; i < min(len(s), 5); i++ {
			switch s[i] {
			case ' ', '\t', '\n', '\f', '\r':
				return true
			}
		}
		return false
	case fi == 2: // 10/1/2019: one or two digits, then / . or -
		return len(s) >= 2 && isDateSep(s[1]) || len(s) >= 3 && isDigit(s[1]) && isDateSep(s[2])
	case fi == 3: // 2019-10-01
		return len(s) >= 5 && (s[:2] == "19" || s[:2] == "20") && s[4] == '-'
	}
	return true
}

func isDateSep(c byte) bool { return c == '/' || c == '.' || c == '-' }

// monthStarts are the first three letters of every month's name.
var monthStarts = map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "oct": true, "nov": true, "dec": true}

// findDates returns the dates in text; low is text lower-cased (ASCII
// only) and off the offset of text in the document.
func findDates(text, low string, off int) []Date {
	// The marks first: most texts have one, and then the search for the
	// months' names, a pass over the text each, is not needed.
	if !has(low, ".", "-", "/", "[", "{", "__", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec") {
		return nil
	}
	// Every date form has a year or a blank: run the regexp only on short
	// windows around those, not over the whole text.
	var out []Date
	last := 0
	for _, a := range dateAnchors(low) {
		from, to := max(a-48, last), min(a+14, len(low))
		if from >= to || !has(low[from:to], "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "/", "-", "_", "[", "{") {
			continue
		}
		for _, m := range findDateRe(low[from:to], a-from) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += from
				}
			}
			if m[1] <= a || m[0] > a {
				continue // a date of another anchor
			}
			if d, ok := parseDateMatch(low, m, off); ok {
				d.Text = text[m[0]:m[1]]
				out = append(out, d)
				last = m[1]
			}
		}
	}
	return out
}

// dateAnchors returns the offsets of four-digit years (19xx, 20xx) and of
// blanks ("__", "[", "{") in low.
func dateAnchors(low string) []int {
	var out []int
	for i := 0; i < len(low); i++ {
		c := low[i]
		switch {
		case c == '1' || c == '2':
			if i+4 <= len(low) && (low[i:i+2] == "19" || low[i:i+2] == "20") && isDigit(low[i+2]) && isDigit(low[i+3]) &&
				(i == 0 || !isDigit(low[i-1])) && (i+4 == len(low) || !isDigit(low[i+4])) {
				out = append(out, i)
				i += 3
			}
		case c == '_' && i+1 < len(low) && low[i+1] == '_', (c == '[' || c == '{') && i+1 < len(low) && strings.IndexByte("_*]} ", low[i+1]) >= 0:
			out = append(out, i)
			for i+1 < len(low) && low[i+1] == '_' {
				i++
			}
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func group(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

func parseDateMatch(s string, m []int, off int) (Date, bool) {
	d := Date{Text: s[m[0]:m[1]], Span: Span{Start: off + m[0], End: off + m[1]}}
	var ms, ds, ys string
	switch {
	case m[2] >= 0:
		ms, ds, ys = group(s, m, 1), group(s, m, 2), group(s, m, 3)
	case m[8] >= 0:
		ds, ms, ys = group(s, m, 4), group(s, m, 5), group(s, m, 6)
	case m[14] >= 0:
		// US order: CUAD and most contracts here are American.
		ms, ds, ys = group(s, m, 7), group(s, m, 8), group(s, m, 9)
		if a, _ := strconv.Atoi(ms); a > 12 {
			ms, ds = ds, ms
		}
	case m[20] >= 0:
		ys, ms, ds = group(s, m, 10), group(s, m, 11), group(s, m, 12)
	case m[26] >= 0:
		ms, ys = group(s, m, 13), group(s, m, 14)
	default:
		return Date{}, false
	}
	d.Month = monthNumber(ms)
	d.Day, _ = strconv.Atoi(ds)
	d.Year, _ = strconv.Atoi(ys)
	if d.Month == 0 || d.Day == 0 || d.Year == 0 {
		d.Placeholder = isBlank(ms) || isBlank(ds) || isBlank(ys)
	}
	if d.Day > 31 || d.Month > 12 {
		return Date{}, false
	}
	if d.Month == 0 && d.Year == 0 && d.Day == 0 {
		// Nothing but blanks: a placeholder only when the words say date.
		d.Placeholder = true
	}
	if d.Year != 0 && d.Month != 0 && d.Day != 0 {
		d.ISO = fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return d, true
}

func monthNumber(s string) int {
	s = strings.TrimSuffix(strings.ToLower(s), ".")
	if v, ok := months[s]; ok {
		return v
	}
	v, _ := strconv.Atoi(s)
	return v
}

func isBlank(s string) bool {
	return s == "" || strings.ContainsAny(s, "_[{")
}

// placeholderRe matches a template field standing where a date would be:
// "[DATE]", "{effective_date}", "[Effective Date]".
var placeholderRe = regexp.MustCompile(`(?i)(?:\[[^\]\n]{0,40}\bdate\b[^\]\n]{0,20}\]|\{\{?[a-z_. ]{0,30}date[a-z_. ]{0,20}\}\}?)`)
