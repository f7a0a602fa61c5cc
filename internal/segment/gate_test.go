package segment

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// reDefStart is the start of reDefMeans up to its first quote: quotedStart
// must accept every sentence it matches, or definitions would be lost.
var reDefStart = regexp.MustCompile(`^(?:[0-9.()a-zA-Z]{1,8}\s+)?(?:\*\*)?["“]`)

func FuzzQuotedStart(f *testing.F) {
	for _, s := range []string{`"Agreement" means`, `1.2 “Services” shall mean`, `(a)  **"Term"**`, `**"X"`, `abcdefghi "X"`, `12345678` + "\t\"X\"", `Deliverables`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want := reDefStart.MatchString(s); quotedStart(s) != want {
			t.Fatalf("quotedStart(%q) = %v, want %v", s, !want, want)
		}
	})
}

// parseLabelRef is parseLabel before its first-byte gates and bounded
// inputs: every expression on the whole text.
func parseLabelRef(text string) (label, bool) {
	if m := reSchedule.FindStringSubmatchIndex(text); m != nil {
		kw := text[m[2]:m[3]]
		v := text[m[4]:m[5]]
		return label{scheme: schemeSchedule, shown: titleCase(kw) + " " + v, value: v, end: m[1]}, true
	}
	if m := reArticle.FindStringSubmatchIndex(text); m != nil {
		kw := strings.ToLower(text[m[2]:m[3]])
		v := text[m[4]:m[5]]
		s := schemeArticle
		if kw == "part" {
			s = schemePart
		}
		return label{scheme: s, shown: titleCase(kw) + " " + v, value: v, end: m[1]}, true
	}
	if m := reSection.FindStringSubmatchIndex(text); m != nil {
		v := text[m[2]:m[3]]
		return label{scheme: schemeDecimal, depth: strings.Count(v, ".") + 1, shown: v, value: v, end: m[1]}, true
	}
	if m := reDecimal.FindStringSubmatchIndex(text); m != nil {
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
		if sub, ok := parseParenRef(text[end:]); ok {
			l.sub = &sub
			l.end = end + sub.end
		}
		return l, true
	}
	if l, ok := parseParenRef(text); ok {
		return l, true
	}
	if m := reHalf.FindStringSubmatchIndex(text); m != nil {
		v := text[m[2]:m[3]]
		l := classify(v)
		l.shown = text[m[0] : m[1]-1]
		l.shown = strings.TrimSuffix(l.shown, ".")
		l.end = m[1] - 1
		// "I. " or "A. " could start a sentence ("A. Smith"); accept a
		// single capital only when followed by an upper-case word.
		return l, true
	}
	return label{}, false
}

func parseParenRef(text string) (label, bool) {
	m := reParen.FindStringSubmatchIndex(text)
	if m == nil {
		return label{}, false
	}
	l := classify(text[m[2]:m[3]])
	l.shown = text[m[0]:m[1]]
	l.end = m[1]
	if l.scheme == schemeDecimal {
		l.scheme = schemeParenNum
		l.depth = 0
	}
	return l, true
}

func FuzzParseLabel(f *testing.F) {
	for _, s := range []string{"7.2(a) Term.", "Section 4.1 Fees", "ſchedule B", "ARTICLE IV. DEFINITIONS", "(iv) the", "A. Smith", "§ 12", "2024 was", "1", "1.2.3.4.5.6", "(a)(i)", "Exhibit 10.1", "iv) x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, text := range []string{s, s + strings.Repeat(" x", 40)} {
			got, gok := parseLabel(text)
			want, wok := parseLabelRef(text)
			if gok != wok || !reflect.DeepEqual(got, want) {
				t.Fatalf("parseLabel(%q) = %+v, %v; want %+v, %v", text, got, gok, want, wok)
			}
		}
	})
}

func FuzzDefWindow(f *testing.F) {
	for _, s := range []string{`"Agreement" means this agreement.`, `1.2  “Services”   or "Work" (as amended)  shall have the meaning`, `"X"` + strings.Repeat(" ", 300) + "includes"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, pad int) {
		// A long tail, as in the run-on sentences the window is for.
		s += strings.Repeat(" word", min(max(pad, 0), 400))
		if got, want := reDefMeans.FindStringSubmatch(defWindow(s)), reDefMeans.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("on %q: %q, want %q", s, got, want)
		}
	})
}
