package segment

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
)

// reParen and reHalf are the expressions parseParen and halfLabel replace.
var (
	reParen = regexp.MustCompile(`^\(([a-z]{1,2}|[A-Z]{1,2}|[ivxlc]{1,6}|[IVXLC]{1,6}|[0-9]{1,2})\)`)
	reHalf  = regexp.MustCompile(`^([a-z]|[A-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})[.)]\s`)
)

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
	for _, s := range []string{"7.2(a) Term.", "Section 4.1 Fees", "ſchedule B", "ARTICLE IV. DEFINITIONS", "(iv) the", "A. Smith", "§ 12", "2024 was", "1", "1.2.3.4.5.6", "(a)(i)", "Exhibit 10.1", "iv) x", "iiiiiii. x", "(iiiiii)", "(iiiiiii)", "(ab) x", "(12)", "(123)", "()", "a.\tb", "IV.x", "B) Tenant"} {
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

func FuzzParenDefs(f *testing.F) {
	for _, s := range []string{`This Agreement (the "Agreement") between A ("Client" or "you") and B (each, a "Party" and together the "Parties").`,
		`(((“X”)))`, `(` + strings.Repeat("é", 39) + `"` + strings.Repeat("a", 60) + `"` + strings.Repeat("\xff", 40) + `)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := parenDefs(s), reDefParen.FindAllString(s, -1)
		if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("parenDefs(%q) = %q, want %q", s, got, want)
		}
	})
}

func FuzzSpaceRuns(f *testing.F) {
	for _, s := range []string{"Section 4", "SECTION\t\tIV.", "7.2", "(a)", "The Contractor shall", " x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if spaceRuns(s) > 1 && reNumberOnly.MatchString(s) {
			t.Fatalf("reNumberOnly matches %q with %d space runs", s, spaceRuns(s))
		}
	})
}

// inlineStartsRef and splitBlockRef are the loops before they jumped from
// stop to stop.
func inlineStartsRef(text string) []int {
	var out []int
	for i := 1; i+2 < len(text); i++ {
		if text[i] != ' ' {
			continue
		}
		prev := text[i-1]
		if prev != '.' && prev != ':' && prev != ';' && prev != ')' && prev != '"' {
			continue
		}
		c := text[i+1]
		if c != '(' && (c < '0' || c > '9') {
			continue
		}
		if prev == ')' || prev == '"' {
			if i < 2 || text[i-2] != '.' {
				continue
			}
		}
		rest := text[i+1:]
		l, ok := parseLabel(rest)
		if !ok || l.scheme == schemeSchedule || l.scheme == schemeArticle || l.scheme == schemePart {
			continue
		}
		if l.scheme == schemeDecimal && l.depth == 1 {
			if !strings.HasPrefix(rest[len(l.value):], ".") || clauseHeading(rest[l.end:], false) == "" && !capsRunIn(rest[l.end:]) {
				continue
			}
		}
		if l.scheme == schemeDecimal && l.depth > 1 && prev != '.' && prev != ':' {
			continue
		}
		out = append(out, i+1)
	}
	return out
}

func splitBlockRef(text string, span document.Span, out []document.Span) []document.Span {
	s := text[span.Start:span.End]
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if r == '"' || r == '\'' || r == ')' || r == ']' || r == '”' || r == '’' {
				end += size
				continue
			}
			break
		}
		if end >= len(s) || s[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[end+1:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'([", next)) {
			continue
		}
		if c == '.' && !endsSentence(s[start:i]) {
			continue
		}
		out = append(out, document.Span{Start: span.Start + start, End: span.Start + end})
		start = end + 1
		i = end
	}
	if start < len(s) {
		out = append(out, document.Span{Start: span.Start + start, End: span.End})
	}
	return out
}

func FuzzStops(f *testing.F) {
	for _, s := range []string{
		"The services are: 1.1 Provision. (a) Provider shall do it. 2. Fees. Client pays; (b) more.\" 3. End! Really? Yes.",
		`Mr. Smith (the "Seller"). 4.2 Sale. "Quoted." Next`, "a.b.c. d! e? F", ". 1", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := inlineStarts(s), inlineStartsRef(s); !slices.Equal(got, want) {
			t.Fatalf("inlineStarts(%q) = %v, want %v", s, got, want)
		}
		span := document.Span{Start: 0, End: len(s)}
		if got, want := splitBlock(s, span, nil), splitBlockRef(s, span, nil); !slices.Equal(got, want) {
			t.Fatalf("splitBlock(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzMeansTerm(f *testing.F) {
	for _, s := range []string{`"Agreement" means this agreement.`, `1.2  “Services”   or "Work" (as amended)  shall have the meaning`,
		`(a) **"Term"** includesX`, `Term  “X”or “Y” is defined`, `123456789 "X" means`, `"" means`, `"X" (` + strings.Repeat("é", 41) + `) means`,
		"1.2.3.45 \t **“" + strings.Repeat("é", 80) + "”** or  “" + strings.Repeat("ü", 80) + "”\n(" + strings.Repeat("x", 40) + ") shall have the meaning",
		`"` + strings.Repeat("a", 81) + `" means`, "\"\xff\xe2\x80\" refers to_", `**"X" or Y means`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		term, ok := meansTerm(s)
		m := reDefMeans.FindStringSubmatch(s)
		if ok != (m != nil) || ok && term != m[1] {
			t.Fatalf("meansTerm(%q) = %q, %v; want %q", s, term, ok, m)
		}
	})
}
