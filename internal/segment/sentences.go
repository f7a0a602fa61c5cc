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
		if term, ok := meansTerm(t); ok {
			add(term, s)
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

// meansTerm returns the term reDefMeans defines at the start of t, as
// reDefMeans.FindStringSubmatch(t)[1] would: the expression leaves no
// choice (a label runs to white space, a quoted term to the first closing
// quote, a bracket to its first closing bracket, and no defining words is
// a prefix of another), so one pass decides. Its regexp, with its counted
// repetitions, runs on Go's slow NFA and cost a third of segmenting.
func meansTerm(t string) (string, bool) {
	i := 0
	if n := spanLen(t, 0, isLabelByte); n > 0 { // [0-9.()a-zA-Z]{1,8}\s+
		ws := spanLen(t, n, isSpace)
		if n > 8 || ws == 0 {
			return "", false
		}
		i = n + ws
	}
	i = skipStars(t, i)
	start, stop, end, ok := quotedTerm(t, i) // ["“]([^"”]{1,80})["”]
	if !ok {
		return "", false
	}
	i = skipStars(t, end)
	// (?:\s+or\s+["“][^"”]{1,80}["”])?
	if ws := spanLen(t, i, isSpace); ws > 0 && strings.HasPrefix(t[i+ws:], "or") {
		j := i + ws + 2
		if ws2 := spanLen(t, j, isSpace); ws2 > 0 {
			if _, _, e, ok := quotedTerm(t, j+ws2); ok {
				i = e
			}
		}
	}
	i += spanLen(t, i, isSpace)
	if strings.HasPrefix(t[i:], "(") { // (?:\([^)]{0,40}\)\s*)?
		j, n := i+1, 0
		for j < len(t) && t[j] != ')' && n <= 40 {
			_, size := utf8.DecodeRuneInString(t[j:])
			j += size
			n++
		}
		if j >= len(t) || n > 40 {
			return "", false
		}
		i = j + 1
		i += spanLen(t, i, isSpace)
	}
	for _, w := range defWords {
		if strings.HasPrefix(t[i:], w) {
			// \b: the word must not run on (ASCII word characters).
			if e := i + len(w); e < len(t) && isWordChar(t[e]) {
				return "", false
			}
			return t[start:stop], true
		}
	}
	return "", false
}

// defWords are the defining words of reDefMeans; none is a prefix of another.
var defWords = []string{"means", "shall mean", "will mean", "has the meaning", "shall have the meaning", "refers to", "includes", "is defined"}

// spanLen returns the length of the run of bytes from i that satisfy f.
func spanLen(t string, i int, f func(byte) bool) int {
	j := i
	for j < len(t) && f(t[j]) {
		j++
	}
	return j - i
}

func skipStars(t string, i int) int {
	if strings.HasPrefix(t[i:], "**") {
		return i + 2
	}
	return i
}

// quotedTerm matches ["“][^"”]{1,80}["”] at i: it returns where the term
// starts and stops, and where the closing quote ends.
func quotedTerm(t string, i int) (start, stop, end int, ok bool) {
	switch {
	case strings.HasPrefix(t[i:], `"`):
		i++
	case strings.HasPrefix(t[i:], "“"):
		i += len("“")
	default:
		return 0, 0, 0, false
	}
	start = i
	for n := 0; i < len(t); n++ {
		if q := closeQuoteAt(t, i); q > 0 {
			return start, i, i + q, n > 0
		}
		if n == 80 {
			break
		}
		_, size := utf8.DecodeRuneInString(t[i:])
		i += size
	}
	return 0, 0, 0, false
}

// closeQuoteAt returns the length of a closing quote (" or ”) at i, or 0.
func closeQuoteAt(t string, i int) int {
	switch {
	case strings.HasPrefix(t[i:], `"`):
		return 1
	case strings.HasPrefix(t[i:], "”"):
		return len("”")
	}
	return 0
}

func isWordChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// prefixChars returns the length of the longest prefix of t that holds n
// characters. A UTF-8 continuation byte is not counted, so a malformed
// sequence, which the regexp reads as a character a byte, may make the
// prefix only longer.
func prefixChars(t string, n int) int {
	for i := 0; i < len(t); i++ {
		if t[i]&0xc0 == 0x80 {
			continue
		}
		if n--; n < 0 {
			return i
		}
	}
	return len(t)
}

// quoteFirst reports whether the first of the brackets and double quotes
// in s is an opening quote, as reDefParen needs after its bracket.
func quoteFirst(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', ')':
			return false
		case '"':
			return true
		case 0xe2: // the first byte of “ and ”
			if strings.HasPrefix(s[i:], "“") {
				return true
			}
			if strings.HasPrefix(s[i:], "”") {
				return false
			}
		}
	}
	return false
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
		if !quoteFirst(w[1:]) {
			i = p + 1 // "(30)", "(a)": most brackets hold no quote
			continue
		}
		if m := reDefParenAt.FindStringIndex(w[:prefixChars(w, 150)]); m != nil {
			out = append(out, w[:m[1]])
			i = p + m[1]
			continue
		}
		i = p + 1
	}
	return out
}

// isLabelByte is [0-9.()a-zA-Z]; isSpace is RE2's \s.
func isLabelByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '(' || c == ')'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

var reQuoted = regexp.MustCompile(`["“]([^"”]{1,60})["”]`)

func startsUpperOrDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
