package segment

import (
	"regexp"
	"strings"
)

// scheme is a numbering style. Items of one scheme at one depth are
// siblings; a different scheme nests inside the current clause.
type scheme string

const (
	schemeSchedule scheme = "schedule" // Schedule B, Exhibit A, Annex 1, Appendix C
	schemeArticle  scheme = "article"  // Article IV, ARTICLE 4
	schemePart     scheme = "part"     // Part 2
	schemeDecimal  scheme = "dec"      // 7, 7.2, 7.2.1 (depth from the dots); Section 7.2 too
	schemeAlpha    scheme = "alpha"    // (a), a)
	schemeUAlpha   scheme = "ALPHA"    // (A), A.
	schemeRoman    scheme = "roman"    // (i), (iv)
	schemeURoman   scheme = "ROMAN"    // (I), IV.
	schemeParenNum scheme = "pnum"     // (1), 1)
)

// label is a clause number found at the start of a block.
type label struct {
	scheme scheme
	depth  int    // for decimal numbers: count of components
	shown  string // as the document shows it, trailing period trimmed: "7.2", "(a)", "Article IV"
	value  string // the bare value: "7.2", "a", "iv", "IV"
	end    int    // byte length of the label in the block text, including trailing punctuation
	sub    *label // a sub-label glued to it: "7.2(a)"
}

var (
	reSchedule = regexp.MustCompile(`^(?i:(schedule|exhibit|annex|appendix|attachment|addendum))\s+([A-Z0-9]{1,3}(?:[.-][0-9]{1,2})?)\b[.:)]?`)
	reArticle  = regexp.MustCompile(`^(?i:(article|part))\s+([IVXLC]{1,7}|[0-9]{1,3})\b[.:]?`)
	reSection  = regexp.MustCompile(`^(?i:section|sec\.|§)\s*([0-9]{1,3}(?:\.[0-9]{1,3}){0,4})\b\.?`)
	reDecimal  = regexp.MustCompile(`^([0-9]{1,3}(?:\.[0-9]{1,3}){0,4})(\.|\))?(?:\s|$|\()`)
	reRoman    = regexp.MustCompile(`^(?i:[ivxlc]+)$`)
)

// parseLabel recognises the numbering at the start of text, if any.
//
// Each expression is anchored, so the first byte decides which can match,
// and those with a bounded length get only that much text: Go's
// backtracker clears a bitmap as long as its input on every call, which
// on a long paragraph cost far more than the match.
func parseLabel(text string) (label, bool) {
	if text == "" {
		return label{}, false
	}
	c := text[0]
	// Case-insensitive letters may also fold from non-ASCII ("ſ" is "s").
	letter := func(set string) bool { return c >= 0x80 || strings.IndexByte(set, c) >= 0 }
	if !letter("sSeEaApP") && c != '(' && !(c >= '0' && c <= '9') && !(c|0x20 >= 'a' && c|0x20 <= 'z') {
		return label{}, false
	}
	if !letter("sSeEaA") {
		// reSchedule cannot match.
	} else if m := reSchedule.FindStringSubmatchIndex(text); m != nil {
		kw := text[m[2]:m[3]]
		v := text[m[4]:m[5]]
		return label{scheme: schemeSchedule, shown: titleCase(kw) + " " + v, value: v, end: m[1]}, true
	}
	if !letter("aApP") {
		// reArticle cannot match.
	} else if m := reArticle.FindStringSubmatchIndex(text); m != nil {
		kw := strings.ToLower(text[m[2]:m[3]])
		v := text[m[4]:m[5]]
		s := schemeArticle
		if kw == "part" {
			s = schemePart
		}
		return label{scheme: s, shown: titleCase(kw) + " " + v, value: v, end: m[1]}, true
	}
	if !letter("sS") {
		// reSection cannot match.
	} else if m := reSection.FindStringSubmatchIndex(text); m != nil {
		v := text[m[2]:m[3]]
		return label{scheme: schemeDecimal, depth: strings.Count(v, ".") + 1, shown: v, value: v, end: m[1]}, true
	}
	if c < '0' || c > '9' {
		// reDecimal cannot match.
	} else if m := reDecimal.FindStringSubmatchIndex(head(text, 64)); m != nil {
		v := text[m[2]:m[3]]
		end := m[3]
		if m[4] >= 0 {
			end = m[5]
		}
		l := label{scheme: schemeDecimal, depth: strings.Count(v, ".") + 1, shown: v, value: v, end: end}
		// "1" alone followed by a space is too ambiguous (a quantity, a
		// page number) unless it has a period or a parenthesis after it.
		if m[4] < 0 && l.depth == 1 && !strings.HasPrefix(text[end:], "(") {
			return label{}, false
		}
		// A year or an amount ("2024 was…", "100 units") is not a clause.
		if l.depth == 1 && len(v) == 3 {
			return label{}, false
		}
		if sub, ok := parseParen(text[end:]); ok {
			l.sub = &sub
			l.end = end + sub.end
		}
		return l, true
	}
	if l, ok := parseParen(text); ok {
		return l, true
	}
	if n := halfLabel(text); n > 0 {
		v := text[:n]
		l := classify(v)
		l.shown = strings.TrimSuffix(text[:n+1], ".")
		l.end = n + 1
		// "I. " or "A. " could start a sentence ("A. Smith"); accept a
		// single capital only when followed by an upper-case word.
		return l, true
	}
	return label{}, false
}

func parseParen(text string) (label, bool) {
	if !strings.HasPrefix(text, "(") {
		return label{}, false
	}
	// As ^\(([a-z]{1,2}|[A-Z]{1,2}|[ivxlc]{1,6}|[IVXLC]{1,6}|[0-9]{1,2})\)
	// (reParen in the tests): the value runs to the first ")", none of its
	// classes holding one.
	n := strings.IndexByte(head(text, 8), ')') - 1
	if n < 1 || !parenValue(text[1:1+n]) {
		return label{}, false
	}
	l := classify(text[1 : 1+n])
	l.shown = text[:n+2]
	l.end = n + 2
	if l.scheme == schemeDecimal {
		l.scheme = schemeParenNum
		l.depth = 0
	}
	return l, true
}

// parenValue reports whether v is a value reParen accepts between its
// brackets: one or two lower-case letters, capitals or digits, or up to six
// roman digits of one case.
func parenValue(v string) bool {
	return len(v) <= 2 && (allIn(v, 'a', 'z') || allIn(v, 'A', 'Z') || allIn(v, '0', '9')) ||
		len(v) <= 6 && (allOf(v, "ivxlc") || allOf(v, "IVXLC"))
}

// halfLabel returns the length of the value of reHalf (in the tests,
// ^([a-z]|[A-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})[.)]\s) at the start of text, or
// 0: one letter or up to six roman digits of one case, then "." or ")" and
// white space. The value runs to the first "." or ")", none of
// its classes holding one.
func halfLabel(text string) int {
	n := strings.IndexAny(head(text, 8), ".)")
	if n < 1 || n+1 >= len(text) || !isSpace(text[n+1]) {
		return 0
	}
	v := text[:n]
	if len(v) == 1 && (allIn(v, 'a', 'z') || allIn(v, 'A', 'Z')) || len(v) <= 6 && (allOf(v, "ivxlc") || allOf(v, "IVXLC")) {
		return n
	}
	return 0
}

func allIn(s string, lo, hi byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < lo || s[i] > hi {
			return false
		}
	}
	return true
}

func allOf(s, set string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}

// head returns the first n bytes of s, for an anchored expression whose
// matches are shorter than n (so that neither \b nor $ can tell the
// difference).
func head(s string, n int) string { return s[:min(len(s), n)] }

// classify decides the scheme of a bare value such as "a", "iv", "B", "3".
// "i", "v", "x" are ambiguous between letters and roman numerals; they are
// taken as roman here and fixed up from their siblings in the tree builder.
func classify(v string) label {
	switch {
	case v[0] >= '0' && v[0] <= '9':
		return label{scheme: schemeDecimal, depth: 1, value: v}
	case reRoman.MatchString(v) && (len(v) > 1 || strings.ContainsAny(v, "ivxIVX")):
		if strings.ToLower(v) == v {
			return label{scheme: schemeRoman, value: v}
		}
		return label{scheme: schemeURoman, value: v}
	case strings.ToLower(v) == v:
		return label{scheme: schemeAlpha, value: v}
	}
	return label{scheme: schemeUAlpha, value: v}
}

// letterAfter reports whether b follows a in the alphabet ("h" → "i").
func letterAfter(a, b string) bool {
	return len(a) == 1 && len(b) == 1 && strings.EqualFold(string(a[0]+1), b)
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToLower(s)
	return strings.ToUpper(s[:1]) + s[1:]
}
