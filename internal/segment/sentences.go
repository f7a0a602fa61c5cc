package segment

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
)

// abbreviations end with a period that does not end a sentence. Compared
// lower-cased, without the period.
var abbreviations = map[string]bool{
	"inc": true, "ltd": true, "llc": true, "corp": true, "co": true, "plc": true, "l.p": true, "n.a": true,
	"no": true, "nos": true, "sec": true, "secs": true, "art": true, "para": true, "paras": true, "cl": true, "ch": true,
	"e.g": true, "i.e": true, "etc": true, "viz": true, "cf": true, "vs": true, "v": true, "et al": true, "al": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"u.s": true, "u.k": true, "u.s.a": true, "e.u": true, "d.c": true, "a.m": true, "p.m": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "dept": true, "est": true, "fig": true,
	"pp": true, "p": true, "vol": true, "ref": true, "re": true, "attn": true, "ave": true, "blvd": true, "rd": true,
}

// sentences splits every block into sentences. A sentence ends at ".",
// "!" or "?" (with closing quotes or brackets) followed by a space and a
// capital letter, a digit, an opening quote or bracket; not after a known
// abbreviation, an initial ("J. Smith"), or a clause number ("7.2.").
func sentences(doc *document.Document) []document.Span {
	out := make([]document.Span, 0, len(doc.Blocks)*2)
	for _, b := range doc.Blocks {
		out = splitBlock(doc.Text, b.Span, out)
	}
	return out
}

func splitBlock(text string, span document.Span, out []document.Span) []document.Span {
	s := text[span.Start:span.End]
	start := 0
	st := newStops(s, ".!?") // jump from one sentence end to the next
	for i := st.from(0); i < len(s); i = st.from(i + 1) {
		c := s[i]
		end := i + 1
		// Closing quotes and brackets belong to the sentence.
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

var reNumberOnly = regexp.MustCompile(`^(?:[0-9]{1,3}(?:\.[0-9]{1,3})*|\(?[a-zA-Z]{1,4}\)?|(?i:section|article|sec)\s+[0-9IVXivx.]+)$`)

// endsSentence reports whether a period after before ends a sentence.
func endsSentence(before string) bool {
	j := strings.LastIndexAny(before, " (\"“")
	word := before[j+1:]
	if word == "" {
		return false
	}
	lw := strings.ToLower(word)
	if abbreviations[lw] {
		return false
	}
	// An initial: "J." or "A." inside a name.
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(r) {
			return false
		}
	}
	// Dotted abbreviations such as "U.S.A" or "e.g".
	if strings.Count(word, ".") >= 1 && len(word) <= 6 && !strings.ContainsAny(word, "0123456789") {
		return false
	}
	// The clause number at the start of the block: "7.2." or "Section 4.".
	if b := strings.TrimSpace(before); b == word || spaceRuns(b) <= 1 && reNumberOnly.MatchString(b) {
		return false
	}
	return true
}

// spaceRuns counts the runs of RE2 white space (\s) in s, stopping at two:
// reNumberOnly matches only text with at most one, and most sentences have
// a second within a few words, where the regexp would read them whole.
func spaceRuns(s string) int {
	n := 0
	for i := 0; i < len(s) && n < 2; i++ {
		if isSpace(s[i]) && (i == 0 || !isSpace(s[i-1])) {
			n++
		}
	}
	return n
}

var (
	// "Deliverables" means …; “Client” shall mean …; "Term" has the meaning …
	reDefMeans = regexp.MustCompile(`^(?:[0-9.()a-zA-Z]{1,8}\s+)?(?:\*\*)?["“]([^"”]{1,80})["”](?:\*\*)?(?:\s+or\s+["“][^"”]{1,80}["”])?\s*(?:\([^)]{0,40}\)\s*)?(?:means|shall mean|will mean|has the meaning|shall have the meaning|refers to|includes|is defined)\b`)
	// (the "Agreement"), ("Client"), (hereinafter the “Company”), (each a "Party")
	reDefParen = regexp.MustCompile(`\((?:[^()"“”]{0,40}?)["“]([^"”]{1,60})["”](?:[^()]{0,40})\)`)
)

// definitions finds defined terms. Each term is reported once, at its
// first definition.
func definitions(doc *document.Document) []document.Definition {
	var out []document.Definition
	seen := map[string]bool{}
	add := func(term string, s document.Span) {
		term = strings.TrimSpace(strings.Trim(term, "*_ "))
		if term == "" || seen[strings.ToLower(term)] || !startsUpperOrDigit(term) {
			return
		}
		seen[strings.ToLower(term)] = true
		out = append(out, document.Definition{Term: term, Span: s})
	}
	for _, s := range doc.Sentences {
		t := doc.Text[s.Start:s.End]
		// Cheap necessary conditions before each regexp: a quote, then the
		// defining words or a bracket. (strings.ContainsAny with a
		// non-ASCII quote decodes every rune of every sentence.)
		if strings.IndexByte(t, '"') < 0 && !strings.Contains(t, "“") {
			continue
		}
		if quotedStart(t) && has(t, "mean", "refers to", "includes", "is defined") {
			if m := reDefMeans.FindStringSubmatch(defWindow(t)); m != nil {
				add(m[1], s)
			}
		}
		if strings.IndexByte(t, '(') < 0 {
			continue
		}
		for _, m := range parenDefs(t) {
			// ("Client" or "you") and (each, a "Party" and together the "Parties")
			for _, q := range reQuoted.FindAllStringSubmatch(m, -1) {
				add(q[1], s)
			}
		}
	}
	return out
}

// quotedStart reports whether t starts as reDefMeans needs: a quote,
// after an optional short label ("1.2", "(a)") and "**". The regexp is
// anchored, but Go's backtracker still clears a bitmap as long as the
// sentence on every call.
func quotedStart(t string) bool {
	i := 0
	for i < len(t) && i < 8 && isLabelByte(t[i]) {
		i++
	}
	if i > 0 {
		j := i
		for j < len(t) && isSpace(t[j]) {
			j++
		}
		if j == i {
			i = 0 // no label: the regexp's optional group is skipped
		} else {
			i = j
		}
	}
	i0 := i
	if strings.HasPrefix(t[i:], "**") {
		i += 2
	}
	if quote(t[i:]) {
		return true
	}
	// Without the label, "**" or the quote may start the sentence.
	return i0 > 0 && (quote(t) || strings.HasPrefix(t, "**") && quote(t[2:]))
}

// defWindow returns the start of t that a match of reDefMeans can reach.
// It is anchored, and but for its five \s runs it holds at most 242
// characters: a label of 8, "**" twice, two quoted terms of 80 and their
// quotes, "or", a bracket of 40 and "shall have the meaning"; \b looks at
// one more. So a match ends before the 244th character that is not \s.
// Go's regexp otherwise works through a long sentence (with the NFA past a
// few hundred bytes) for a short match.
func defWindow(t string) string { return t[:prefixChars(t, 250, true)] }

// prefixChars returns the length of the longest prefix of t that holds
// n characters, not counting \s when skipSpace is set. A UTF-8
// continuation byte is not counted, so a malformed sequence, which the
// regexp reads as a character a byte, may make the prefix only longer.
func prefixChars(t string, n int, skipSpace bool) int {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c&0xc0 == 0x80 || skipSpace && isSpace(c) {
			continue
		}
		if n--; n < 0 {
			return i
		}
	}
	return len(t)
}

// reDefParenAt is reDefParen anchored: parenDefs tries it at each bracket.
var reDefParenAt = regexp.MustCompile(`^` + reDefParen.String())

// parenDefs returns the matches of reDefParen in t, as FindAllString
// would. A match starts at a bracket and holds at most 144 characters, so
// the anchored expression is tried at each bracket on a short window,
// instead of searching the whole sentence.
func parenDefs(t string) []string {
	var out []string
	for i := 0; i < len(t); {
		j := strings.IndexByte(t[i:], '(')
		if j < 0 {
			break
		}
		p := i + j
		w := t[p:]
		if m := reDefParenAt.FindStringIndex(w[:prefixChars(w, 150, false)]); m != nil {
			out = append(out, w[:m[1]])
			i = p + m[1]
			continue
		}
		i = p + 1
	}
	return out
}

func quote(s string) bool { return strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "“") }

// isLabelByte is [0-9.()a-zA-Z]; isSpace is RE2's \s.
func isLabelByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '(' || c == ')'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// has reports whether s contains any of the words.
func has(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var reQuoted = regexp.MustCompile(`["“]([^"”]{1,60})["”]`)

func startsUpperOrDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
