// Package plaintext reads plain text into a document.Document.
//
// Most plain-text contracts were converted from PDFs or typed with hard line
// breaks, so the reader rebuilds paragraphs the way a person sees them:
// blank lines separate paragraphs, wrapped lines join, a line that starts
// with clause numbering starts a new block, short stand-alone ALL-CAPS or
// Title-Case lines are headings, and page numbers are set aside.
package plaintext

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Read reads plain text.
func Read(ctx context.Context, s string) (*document.Document, error) {
	b := document.NewBuilder("", document.Text)
	b.Grow(len(s)) // the text is about as long as the input
	lines := splitLines(s)
	r := reader{b: b, lines: lines, width: wrapWidth(lines)}
	for i := range lines {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fault.Wrap(fault.Timeout, err, "reading the text was cancelled")
			}
		}
		r.line(i)
	}
	r.flush()
	r.add("", 0, false) // a trailing bare number
	doc := b.Document()
	if len(doc.Blocks) == 0 {
		return nil, fault.New(fault.Empty, "no text found (the file has only blank lines or page numbers)")
	}
	return doc, nil
}

// line is one physical line of the input.
type line struct {
	text   string // trimmed of surrounding white space
	indent int    // leading spaces, a tab counting as 4
	n      int    // 1-based line number
	page   bool   // a form feed preceded this line
}

// splitLines splits s at \n, \r\n, \r and form feeds; a form feed also acts
// as a blank line, since it ends a page.
func splitLines(s string) []line {
	out := make([]line, 0, strings.Count(s, "\n")+1)
	n, page := 1, false
	for len(s) > 0 {
		i := lineEnd(s)
		var raw string
		if i < 0 {
			raw, s = s, ""
		} else {
			raw = s[:i]
			c := s[i]
			s = s[i+1:]
			if c == '\r' && len(s) > 0 && s[0] == '\n' {
				s = s[1:]
			}
			if c == '\f' {
				out = append(out, makeLine(raw, n, page))
				page = true
				continue // a form feed does not start a new numbered line
			}
		}
		out = append(out, makeLine(raw, n, page))
		page = false
		n++
	}
	return out
}

// lineEnd returns the index of the first \r, \n or \f in s, or -1: it is
// strings.IndexAny(s, "\r\n\f"), but finds the newline with a fast byte
// search and looks for the rare \r and \f only before it.
func lineEnd(s string) int {
	i := strings.IndexByte(s, '\n')
	line := s
	if i >= 0 {
		line = s[:i]
	}
	if j := strings.IndexByte(line, '\r'); j >= 0 {
		i, line = j, line[:j]
	}
	if j := strings.IndexByte(line, '\f'); j >= 0 {
		i = j
	}
	return i
}

func makeLine(raw string, n int, page bool) line {
	indent := 0
	for _, r := range raw {
		switch r {
		case ' ':
			indent++
			continue
		case '\t':
			indent += 4
			continue
		}
		break
	}
	return line{text: strings.TrimSpace(raw), indent: indent, n: n, page: page}
}

// wrapWidth estimates the width at which the text was hard-wrapped: the
// typical length of lines followed by another non-blank line (only those can
// have been wrapped). Lines much shorter than it end a paragraph.
func wrapWidth(lines []line) int {
	// A histogram of the lengths, not a slice of them: a file of millions
	// of short lines must not cost a word per line here too.
	hist := map[int]int{}
	n := 0
	for i := 0; i+1 < len(lines); i++ {
		if lines[i].text != "" && lines[i+1].text != "" {
			hist[lines[i].indent+utf8.RuneCountInString(lines[i].text)]++
			n++
		}
	}
	if n < 4 {
		return 80
	}
	// The 75th percentile: most wrapped lines are near the width.
	below, target := 0, n*3/4
	for w := 0; ; w++ {
		below += hist[w]
		if below > target {
			if w < 30 {
				return 30
			}
			return w
		}
	}
}

type reader struct {
	b     *document.Builder
	lines []line
	width int

	para []int // indexes of the lines of the paragraph being built

	// A clause number alone on its line ("5.1", then a blank line, then
	// the text) waits to be put before the next block.
	number     string
	numberLine int
}

// line handles lines[i].
func (r *reader) line(i int) {
	l := r.lines[i]
	if l.page {
		r.flush()
	}
	if l.text == "" {
		r.flush()
		return
	}
	if isPageNumber(l.text) || isSourceLine(l.text) {
		r.b.AddFurniture(l.text)
		return // furniture does not end the paragraph around it
	}
	if len(r.para) > 0 && r.breakBefore(l) {
		r.flush()
	}
	r.para = append(r.para, i)
}

// breakBefore reports whether l starts a new block although no blank line
// separates it from the paragraph being built.
func (r *reader) breakBefore(l line) bool {
	prev := r.lines[r.para[len(r.para)-1]]
	first := len(r.para) == 1
	prevLen := prev.indent + utf8.RuneCountInString(prev.text)
	short := prevLen*10 < r.width*6
	ended := endsSentence(prev.text)
	// Nobody hard-wraps text this wide: such a line is a whole paragraph.
	long := prevLen > maxWrap && prevLen*10 > r.width*13
	switch {
	case long && (ended || startsUpper(l.text)):
		return true
	case hasGap(l.text) || hasGap(prev.text):
		return true // a row of a table laid out with spaces
	case first && headingLike(prev.text) && (short || !headingLike(l.text)):
		return true // a heading directly above its text
	case startsNumbered(l.text) || startsBullet(l.text):
		return ended || short
	case short && (ended || startsUpper(l.text)):
		return true
	case !first && l.indent > prev.indent+1 && prev.indent <= r.lines[r.para[0]].indent:
		return true // a first-line indent opens a new paragraph
	}
	return false
}

// flush emits the paragraph being built as one block.
func (r *reader) flush() {
	if len(r.para) == 0 {
		return
	}
	if len(r.para) == 1 { // most blocks: the line as it is, no copy
		l := r.lines[r.para[0]]
		if len(l.text) > longLine {
			for _, part := range splitClauses(l.text) {
				r.add(part, l.n, false)
			}
		} else {
			r.add(l.text, l.n, true)
		}
		r.para = r.para[:0]
		return
	}
	var sb strings.Builder
	size := len(r.para) - 1
	for _, i := range r.para {
		size += len(r.lines[i].text)
	}
	sb.Grow(size) // one allocation for the joined lines
	for k, i := range r.para {
		t := r.lines[i].text
		if k > 0 {
			cur := sb.String()
			if hyphenated(cur, t) {
				// "hyphen-" + "ation": the word was split at the line end.
				sb.Reset()
				sb.WriteString(cur[:len(cur)-1])
			} else {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(t)
	}
	r.add(sb.String(), r.lines[r.para[0]].n, false)
	r.para = r.para[:0]
}

func (r *reader) add(text string, n int, oneLine bool) {
	if r.number != "" {
		if text != "" && !strings.Contains(text, " ") && startsNumbered(text) {
			r.b.Add(document.Block{Kind: document.Paragraph, Source: document.Source{Line: r.numberLine}}, r.number)
		} else {
			text, n = r.number+" "+text, r.numberLine
		}
		r.number = ""
	}
	if text == "" {
		return
	}
	if oneLine && !strings.Contains(text, " ") && startsNumbered(text) {
		r.number, r.numberLine = text, n
		return
	}
	blk := document.Block{Kind: document.Paragraph, Source: document.Source{Line: n}}
	switch {
	case oneLine && isHeading(text):
		blk.Kind = document.Heading
		blk.Level = headingLevel(text)
	case startsBullet(text):
		blk.Kind = document.ListItem
		_, text, _ = strings.Cut(text, " ")
	}
	r.b.Add(blk, text)
}

// maxWrap is the widest hard wrap expected in a text file.
const maxWrap = 160

// longLine is the length past which a single line is taken to hold several
// paragraphs: PDF-to-text converters often put a whole page on one line.
const longLine = 300

// splitClauses splits a long line before each numbered clause that starts a
// new sentence: "… as follows: 1.1 Provision of Services. (a) Provider …".
// Only a label after a sentence end and before a capitalised word counts,
// so enumerations inside a sentence ("Section 1.2: (a) in the event") stay.
func splitClauses(s string) []string {
	var parts []string
	start := 0
	// A split comes two bytes after a period or colon: jump from one to the
	// next with fast byte searches instead of testing every byte.
	dot, colon := -1, -1
	for i := 2; i < len(s); i++ {
		if dot < i-2 {
			dot = indexFrom(s, '.', i-2)
		}
		if colon < i-2 {
			colon = indexFrom(s, ':', i-2)
		}
		if i = min(dot, colon) + 2; i >= len(s) {
			break
		}
		if s[i-1] != ' ' || i-start < 20 {
			continue
		}
		rest := s[i:]
		if !startsNumbered(rest) {
			continue
		}
		label, after, _ := strings.Cut(rest, " ")
		if s[i-2] == ':' && label[0] == '(' {
			continue // "the following: (a) …" is one sentence
		}
		if !startsUpper(after) || abbreviated(s[start:i-1]) {
			continue
		}
		parts = append(parts, s[start:i-1])
		start = i
	}
	return append(parts, s[start:])
}

// indexFrom returns the index of the first c in s at or after from, or
// len(s) when there is none.
func indexFrom(s string, c byte, from int) int {
	if j := strings.IndexByte(s[from:], c); j >= 0 {
		return from + j
	}
	return len(s)
}

// abbreviated reports whether s ends with a word whose dot is an
// abbreviation's or a reference's, not a sentence end: "Inc.", "Section 5.".
func abbreviated(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "."), ":")
	i := strings.LastIndexByte(s, ' ')
	word := s[i+1:]
	switch strings.ToLower(word) {
	case "no", "nos", "inc", "co", "corp", "ltd", "sec", "art", "vs", "v", "e.g", "i.e", "u.s", "st", "mr", "ms", "dr", "jr", "sr":
		return true
	}
	if i > 0 && isNumberToken(word) {
		prev := s[strings.LastIndexByte(s[:i], ' ')+1 : i]
		for _, k := range keywords {
			if strings.EqualFold(prev, k) {
				return true
			}
		}
	}
	return false
}

// hyphenated reports whether cur ends with a word broken by a hyphen that
// next continues in lower case.
func hyphenated(cur, next string) bool {
	if !strings.HasSuffix(cur, "-") || len(cur) < 2 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(cur[:len(cur)-1])
	after, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLetter(before) && unicode.IsLower(after)
}

// hasGap reports whether s has a run of three or more spaces inside it, the
// mark of columns laid out with spaces.
func hasGap(s string) bool { return strings.Contains(s, "   ") || strings.Contains(s, "\t") }

func endsSentence(s string) bool {
	for _, conj := range []string{"; and", "; or", ", and", ", or"} {
		if strings.HasSuffix(s, conj) {
			return true // "(a) …; and" before "(b) …"
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', ':', ';', '!', '?', ')', '"', '”', '—':
		return true
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“([{", r)
}

// startsBullet reports whether s starts with a bullet character and a space.
func startsBullet(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '•', '●', '○', '■', '□', '▪', '◦', '·', '-', '*', '–', '\uf0b7':
	default:
		return false
	}
	return len(s) > size && s[size] == ' '
}

// keywords introduce numbered parts of a contract: "Section 5", "ARTICLE IV".
var keywords = []string{"section", "article", "schedule", "exhibit", "annex", "appendix", "clause", "part", "attachment", "addendum", "§"}

// startsNumbered reports whether s starts with clause numbering a person
// reads as the start of a clause: "1.", "1.1", "7.2(a)", "(a)", "(iv)",
// "A.", "IV.", "Section 5.", "ARTICLE IV", "Schedule B", "Exhibit A".
func startsNumbered(s string) bool {
	tok, rest, _ := strings.Cut(s, " ")
	if tok == "" {
		return false
	}
	for _, k := range keywords {
		if len(tok) == len(k) && strings.EqualFold(tok, k) {
			r, _ := utf8.DecodeRuneInString(tok)
			if !unicode.IsUpper(r) && r != '§' {
				return false // "section 5 of…" inside a wrapped sentence
			}
			num, _, _ := strings.Cut(rest, " ")
			return isNumberToken(strings.TrimRight(num, ".:-–—"))
		}
	}
	if strings.HasPrefix(tok, "§") {
		return true
	}
	if tok[0] == '(' {
		inner, after, ok := strings.Cut(tok[1:], ")")
		return ok && (after == "" || after == ".") && isListLabel(inner)
	}
	// "1.", "1.1", "1.1.", "7.2(a)", "1)", "A.", "IV.", "a)"
	head := tok
	if i := strings.IndexByte(head, '('); i > 0 {
		head = head[:i] // 7.2(a)
		if !strings.Contains(head, ".") {
			return false
		}
	}
	switch {
	case strings.HasSuffix(head, ".") || strings.HasSuffix(head, ")"):
		head = head[:len(head)-1]
		if isListLabel(head) || isDotted(head) {
			return true
		}
	case isDotted(head) && strings.Contains(head, "."):
		return true
	}
	return false
}

// isDotted reports whether s is digits separated by dots: "1", "1.2.3".
func isDotted(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if part == "" || len(part) > 3 || strings.Trim(part, "0123456789") != "" {
			return false
		}
	}
	return true
}

// isListLabel reports whether s labels a list item: up to three digits, one
// or two equal letters ("a", "aa"), or a Roman numeral.
func isListLabel(s string) bool {
	switch {
	case s == "":
		return false
	case len(s) <= 3 && strings.Trim(s, "0123456789") == "":
		return true
	case len(s) == 1 && unicode.IsLetter(rune(s[0])):
		return true
	case len(s) == 2 && s[0] == s[1] && unicode.IsLetter(rune(s[0])):
		return true
	}
	return isRoman(s)
}

func isRoman(s string) bool {
	if len(s) > 7 {
		return false
	}
	lower := strings.ToLower(s)
	if s != lower && s != strings.ToUpper(s) {
		return false
	}
	return strings.Trim(lower, "ivxlc") == ""
}

// isNumberToken reports whether s numbers a part: "5", "5.1", "IV", "B", "A-1".
func isNumberToken(s string) bool {
	if s == "" {
		return false
	}
	if isDotted(s) || isRoman(s) {
		return true
	}
	head, tail, _ := strings.Cut(s, "-")
	if tail != "" && !isDotted(tail) && !(len(tail) == 1 && unicode.IsLetter(rune(tail[0]))) {
		return false
	}
	return len(head) == 1 && unicode.IsUpper(rune(head[0])) || isDotted(head)
}

// isPageNumber reports whether a line is only a page number: "12",
// "- 12 -", "Page 12", "Page 12 of 30", "ii".
func isPageNumber(s string) bool {
	s = strings.Trim(s, " -–—[]")
	if len(s) > 20 {
		return false
	}
	if len(s) > 4 && strings.EqualFold(s[:4], "page") {
		s = strings.TrimSpace(s[4:])
		if num, total, ok := strings.Cut(s, " of "); ok {
			return isDigits(strings.TrimSpace(num)) && isDigits(strings.TrimSpace(total))
		}
		return isDigits(s) || isRoman(s)
	}
	return isDigits(s) && len(s) <= 4 || s != "" && s == strings.ToLower(s) && isRoman(s)
}

func isDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// isSourceLine reports whether s is the "Source: COMPANY, FORM, DATE" footer
// that EDGAR-derived texts carry on every page.
func isSourceLine(s string) bool {
	rest, ok := strings.CutPrefix(s, "Source: ")
	if !ok || len(rest) > 200 || strings.Count(rest, ",") < 2 {
		return false
	}
	date := rest[strings.LastIndexByte(rest, ',')+1:]
	return strings.Count(date, "/") == 2
}

// headingLike reports whether s could be a heading: short, with letters, and
// no sentence punctuation at its end.
func headingLike(s string) bool {
	if utf8.RuneCountInString(s) > 100 || strings.Count(s, " ") > 13 {
		return false
	}
	caps, title := caseOf(s)
	if !caps && !title {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case ',', ';':
		return false
	case '.', ':':
		// "1. DEFINITIONS." and "RECITALS:" are headings; "Name: Jo." is not.
		return caps && strings.Count(s, " ") < 6
	}
	if title && (strings.ContainsAny(s, ",:$_/") || strings.HasSuffix(s, ")") || strings.ContainsAny(s[:1], "([{")) {
		return false // "Name: Jane Doe", "Chester Ku, Astro Nutrition"
	}
	return true
}

// isHeading reports whether a one-line block is a heading.
func isHeading(s string) bool {
	return headingLike(s) && !startsBullet(s) && !strings.Contains(s, "___")
}

// headingLevel puts ALL-CAPS headings above Title-Case ones.
func headingLevel(s string) int {
	if caps, _ := caseOf(s); caps {
		return 1
	}
	return 2
}

// caseOf reports whether s is in capitals (at least two letters, none lower
// case) or in title case (every word of four letters or more capitalised,
// and the first word too).
func caseOf(s string) (caps, title bool) {
	letters, lower := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				lower++
			}
		}
	}
	if letters < 2 {
		return false, false
	}
	if lower == 0 {
		return true, false
	}
	words := 0 // FieldsSeq, not Fields: this runs on most lines
	firstWord := true
	for w := range strings.FieldsSeq(s) {
		words++
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue // numbers, quotes, dashes
		}
		if unicode.IsLower(r) && (firstWord || utf8.RuneCountInString(w) >= 4) {
			return false, false
		}
		firstWord = false
	}
	if words < 2 {
		return false, false // "Between", "Contractor": a label, not a heading
	}
	return false, true
}
