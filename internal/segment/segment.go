// Package segment builds the clause tree, defined terms and sentences of a
// document from its blocks. It reads the numbering a document shows
// ("7.2(a)", "Article IV", "Schedule B") and its headings, the way a person
// reading the contract would, and never changes Document.Text.
package segment

import (
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
)

// Build fills doc.Clauses, doc.Definitions and doc.Sentences.
func Build(doc *document.Document) {
	doc.Clauses = buildTree(doc)
	doc.Sentences = sentences(doc)
	doc.Definitions = definitions(doc)
}

// open is a clause on the stack while the tree is built.
type open struct {
	c     *document.Clause
	key   string // scheme key: siblings share it
	head  int    // heading level for unnumbered headings (1–6), else 0
	label label
	bare  bool // the block held only the number ("ARTICLE IV"): the next title line names it
}

func buildTree(doc *document.Document) []*document.Clause {
	var roots []*document.Clause
	var stack []open

	closeTo := func(n int) { // pop until len(stack) == n
		for len(stack) > n {
			stack = stack[:len(stack)-1]
		}
	}
	push := func(o open) {
		if len(stack) > 0 {
			p := stack[len(stack)-1].c
			o.c.Parent = p
			o.c.Level = p.Level + 1
			p.Children = append(p.Children, o.c)
		} else {
			roots = append(roots, o.c)
		}
		stack = append(stack, o)
	}
	extend := func(end, bi int) {
		for _, o := range stack {
			o.c.End = end
			o.c.Blocks[1] = bi + 1
		}
	}

	for u := range units(doc) {
		bi := u.block
		b := &doc.Blocks[bi] // for its level and page; u has the span, kind and number
		text := doc.Text[u.Start:u.End]
		if u.kind == document.TableCell {
			extend(u.End, bi)
			continue
		}
		l, numbered := blockLabel(u.number, text)
		heading := u.kind == document.Heading
		// The title lines at the top ("Exhibit 10.7", "CONSULTING
		// AGREEMENT") name the document; they are not a section holding it.
		if heading && !numbered && len(roots) == 0 && bi < 3 && reDocTitle.MatchString(text) {
			heading = false
		}
		// "BETWEEN:" and "AND:" set out the parties in a cover block: a
		// section named "AND" would hold the whole contract.
		if heading && !numbered && len(roots) == 0 && reCoverLabel.MatchString(text) {
			heading = false
		}
		if !numbered && !heading {
			// A title line right after a bare "ARTICLE IV" is its heading.
			if n := len(stack); n > 0 && stack[n-1].bare && stack[n-1].c.Blocks[1] == bi && looksLikeTitle(text) {
				stack[n-1].c.Heading = strings.TrimRight(text, ".:")
				stack[n-1].bare = false
			}
			extend(u.End, bi)
			continue
		}
		// "… will (i) return …; (ii) destroy …; (iii) expunge …" inside a
		// paragraph outside any clause is a list in a sentence: as a
		// clause it would run to the end of the document.
		if numbered && len(stack) == 0 && u.Start > b.Start && l.scheme != schemeDecimal {
			extend(u.End, bi)
			continue
		}
		c := &document.Clause{Span: u.Span, Page: b.Source.Page, Blocks: [2]int{bi, bi + 1}}
		o := open{c: c}
		if numbered {
			c.Number = l.shown
			c.Heading = clauseHeading(text[l.end:], heading)
			o.label = l
			o.bare = strings.TrimSpace(text[l.end:]) == ""
			o.key = string(l.scheme)
			if l.scheme == schemeDecimal {
				o.key = "dec" + string(rune('0'+l.depth))
			}
		} else {
			c.Heading = strings.TrimRight(text, ".:")
			o.head = headingLevel(b)
			o.key = "h" + string(rune('0'+o.head))
		}
		n := placement(stack, o)
		// The letters i, v, x after h, u, w are letters, not roman numerals.
		if numbered && (l.scheme == schemeRoman || l.scheme == schemeURoman) {
			alpha := schemeAlpha
			if l.scheme == schemeURoman {
				alpha = schemeUAlpha
			}
			for k := len(stack) - 1; k >= 0; k-- {
				if s := stack[k]; s.label.scheme == alpha && letterAfter(s.label.value, l.value) {
					o.label.scheme, o.key, n = alpha, string(alpha), k
					break
				}
			}
		}
		closeTo(n)
		push(o)
		if numbered {
			c.Path = clausePath(c, o.label)
		}
		extend(u.End, bi)
	}
	finish(doc, roots)
	return roots
}

var reCoverLabel = regexp.MustCompile(`(?i)^\s*(by and )?(between|among|and|parties|the parties)\s*:?\s*$`)

var reDocTitle = regexp.MustCompile(`(?i)\b(agreement|contract|terms|conditions|exhibit|lease|tenancy|policy|addendum|amendment|statement of work|licen[cs]e|offer|letter)\b`)

// unit is a block, or the part of a block from one inline clause number
// to the next: text converted from PDFs often runs "1. Services. 1.1 Scope.
// (a) Provider shall…" together in one paragraph.
// A unit carries only what differs from its block, not a copy of the
// block: segmenting allocated more for those copies than for the rest.
type unit struct {
	block int
	document.Span
	kind   document.BlockKind // Paragraph for a part after the first
	number string             // empty for a part after the first
}

func units(doc *document.Document) iter.Seq[unit] {
	return func(yield func(unit) bool) {
		for bi := range doc.Blocks {
			b := &doc.Blocks[bi]
			if b.Kind == document.TableCell || b.Kind == document.Heading {
				if !yield(unit{bi, b.Span, b.Kind, b.Number}) {
					return
				}
				continue
			}
			text := doc.Text[b.Start:b.End]
			start := 0
			for _, p := range inlineStarts(text) {
				u := unit{bi, document.Span{Start: b.Start + start, End: b.Start + p - 1}, b.Kind, b.Number}
				if start > 0 {
					u.number, u.kind = "", document.Paragraph
				}
				if !yield(u) {
					return
				}
				start = p
			}
			u := unit{bi, document.Span{Start: b.Start + start, End: b.End}, b.Kind, b.Number}
			if start > 0 {
				u.number, u.kind = "", document.Paragraph
			}
			if !yield(u) {
				return
			}
		}
	}
}

// inlineStarts finds clause numbers inside a block: right after the end of
// a sentence, a colon or a semicolon, a number such as "1.1", "(a)" or
// "2. Title." begins a new clause.
func inlineStarts(text string) []int {
	var out []int
	// Only those five bytes can come before the space: jump between them.
	st := newStops(text, `.:;)"`)
	for k := st.from(0); k+3 < len(text); k = st.from(k + 1) {
		i := k + 1
		if text[i] != ' ' {
			continue
		}
		prev := text[k]
		c := text[i+1]
		if c != '(' && (c < '0' || c > '9') {
			continue
		}
		if prev == ')' || prev == '"' {
			// "…Agreement (the "Exhibit") to…" has no sentence end before.
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
			// "2. Payment." and "2. EVENT CANCELLATION POLICY All …" are
			// clauses; "30 days" or "2. the" is not.
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

// capsRunIn reports whether s opens with a run-in heading in capitals
// ("EVENT CANCELLATION POLICY All cancellations …"), as a one-paragraph
// text of a contract writes its numbered titles: two or more capitalised
// words, then a word in ordinary case.
func capsRunIn(s string) bool {
	words := strings.Fields(s)
	n := 0
	for n < len(words) && n < 8 && isUpper(words[n]) && strings.IndexFunc(words[n], unicode.IsLetter) >= 0 {
		n++
	}
	if n < 2 || n >= len(words) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(words[n])
	return unicode.IsUpper(next) && !isUpper(words[n])
}

// placement returns the stack length to keep before pushing o: a sibling
// replaces the open clause with the same key; a heading closes everything
// below a heading of its level; a decimal number closes deeper numbers and
// lettered sub-clauses; other schemes nest in the current clause.
func placement(stack []open, o open) int {
	for k := len(stack) - 1; k >= 0; k-- {
		if stack[k].key == o.key {
			return k
		}
	}
	switch {
	case o.head > 0:
		for k := len(stack) - 1; k >= 0; k-- {
			if h := stack[k].head; h > 0 && h < o.head {
				return k + 1
			}
		}
		return 0
	case o.label.scheme == schemeSchedule:
		return 0
	case o.label.scheme == schemeArticle || o.label.scheme == schemePart:
		for k := len(stack) - 1; k >= 0; k-- {
			if s := stack[k].label.scheme; s == schemeSchedule || stack[k].head > 0 {
				return k + 1
			}
		}
		return 0
	case o.label.scheme == schemeDecimal:
		for k := len(stack) - 1; k >= 0; k-- {
			s := stack[k]
			if s.label.scheme == schemeDecimal && s.label.depth < o.label.depth {
				return k + 1
			}
			if s.label.scheme == schemeArticle || s.label.scheme == schemePart || s.label.scheme == schemeSchedule || s.head > 0 {
				return k + 1
			}
		}
		return 0
	}
	return len(stack)
}

// blockLabel returns the numbering of a block: the reader's (DOCX automatic
// numbering, Markdown ordered lists) or the one written at its start.
func blockLabel(number, text string) (label, bool) {
	if number != "" {
		if l, ok := parseLabel(number + " "); ok && l.end <= len(number)+1 {
			l.end = min(len(number), len(text))
			return l, true
		}
		// A bullet or an unusual format: not a clause number.
		return label{}, false
	}
	l, ok := parseLabel(text)
	if !ok {
		return l, false
	}
	// "Exhibit A" or "ARTICLE IV" opens a part only as a heading line, not
	// in prose ("Exhibit A lists the fees."); "Exhibit 10.7" is an SEC
	// filing number printed above the contract, not one of its parts.
	if l.scheme == schemeSchedule || l.scheme == schemeArticle || l.scheme == schemePart {
		if strings.Contains(l.value, ".") {
			return label{}, false
		}
		rest := strings.TrimLeft(text[l.end:], " -–—:.")
		if rest != "" && !looksLikeTitle(rest) && !isUpper(text[:l.end]) {
			return label{}, false
		}
	}
	// "A. Smith signed" or "I agree": a single capital letter followed by
	// a lower-case word is prose, not numbering.
	if l.scheme == schemeUAlpha || l.scheme == schemeURoman {
		if len(l.value) == 1 && !strings.HasPrefix(l.shown, "(") {
			rest := strings.TrimSpace(text[l.end:])
			if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				return label{}, false
			}
		}
	}
	return l, true
}

// clauseHeading finds the title in a numbered block: the whole rest of a
// heading block, or a short lead-in ending in a period ("Payment Terms. The
// Client shall…"), or an all-caps lead-in.
func clauseHeading(rest string, isHeading bool) string {
	rest = strings.TrimSpace(rest)
	// A heading-styled paragraph can still hold a whole clause ("1.1
	// Performing Services. Contractor will…"): only a short one is a title.
	if looksLikeTitle(rest) || isHeading && len(rest) <= 100 && !strings.Contains(rest, ". ") &&
		(isTitleCase(strings.TrimRight(rest, ".:")) || len(strings.Fields(rest)) <= 5) {
		return strings.TrimRight(rest, ".:")
	}
	if i := strings.IndexAny(rest, ".:"); i > 0 && i <= 60 {
		lead := rest[:i]
		if isTitleCase(lead) {
			return lead
		}
	}
	return ""
}

// looksLikeTitle: a short line without final punctuation, in capitals or
// title case, reads as a heading.
func looksLikeTitle(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") {
		return false
	}
	if strings.HasSuffix(s, ".") && strings.Count(s, " ") > 6 {
		return false
	}
	return isUpper(s) || (isTitleCase(strings.TrimRight(s, ".:")) && !strings.HasSuffix(s, "."))
}

func isUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// isTitleCase: every word but short function words starts with a capital.
func isTitleCase(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) && !smallWords[strings.ToLower(w)] {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

var smallWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "or": true,
	"to": true, "for": true, "in": true, "on": true, "by": true, "with": true, "upon": true, "at": true, "from": true, "&": true}

func headingLevel(b *document.Block) int {
	if b.Level >= 1 && b.Level <= 6 {
		return b.Level
	}
	return 1
}

// clausePath is the reference a reader cites: "7.2(a)(i)", "Article IV".
func clausePath(c *document.Clause, l label) string {
	own := l.shown
	if l.sub != nil {
		own = l.value + l.sub.shown
	}
	switch l.scheme {
	case schemeDecimal, schemeArticle, schemePart, schemeSchedule:
		return own
	}
	if !strings.HasPrefix(own, "(") {
		own = "(" + strings.TrimRight(own, ".)") + ")"
	}
	if p := c.Parent; p != nil && p.Path != "" {
		return p.Path + own
	}
	return own
}

// finish sets each clause's Body: its own text before its first child.
func finish(doc *document.Document, cs []*document.Clause) {
	for _, c := range cs {
		c.Body = c.Span
		if len(c.Children) > 0 {
			end := c.Children[0].Start
			c.Body.End = end
			for c.Body.End > c.Body.Start && isSpaceByte(doc.Text[c.Body.End-1]) {
				c.Body.End--
			}
		}
		finish(doc, c.Children)
	}
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' }
