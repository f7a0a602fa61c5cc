package rules

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
)

// Units returns the sentences rules are matched on: doc.Sentences when the
// document has them, else the sentences of each block split here, else
// the paragraphs of the text.
func Units(doc *document.Document) []document.Span {
	if len(doc.Sentences) > 0 {
		return doc.Sentences
	}
	var out []document.Span
	if len(doc.Blocks) > 0 {
		for _, b := range doc.Blocks {
			out = splitSentences(doc.Text, b.Span, out)
		}
		return out
	}
	start := 0
	for start < len(doc.Text) {
		end := strings.Index(doc.Text[start:], "\n\n")
		if end < 0 {
			end = len(doc.Text)
		} else {
			end += start
		}
		out = splitSentences(doc.Text, document.Span{Start: start, End: end}, out)
		start = end + 2
	}
	return out
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"inc": true, "ltd": true, "co": true, "corp": true, "no": true, "nos": true, "sec": true,
	"secs": true, "art": true, "mr": true, "mrs": true, "ms": true, "dr": true, "st": true,
	"vs": true, "v": true, "e.g": true, "i.e": true, "u.s": true, "para": true, "cl": true,
	"pp": true, "p": true, "jr": true, "sr": true, "llc": true, "n.a": true, "fig": true,
}

// splitSentences appends the sentences of text[s.Start:s.End] to out: a
// sentence ends at ".", "?" or "!" followed by a space and a capital
// letter, digit, quote or bracket, unless the word before the stop is an
// abbreviation or a single letter.
func splitSentences(text string, s document.Span, out []document.Span) []document.Span {
	start := s.Start
	for i := s.Start; i < s.End; i++ {
		c := text[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < s.End && (text[j] == '"' || text[j] == ')' || text[j] == '\'') {
			j++
		}
		if j >= s.End || text[j] != ' ' && text[j] != '\n' && text[j] != '\t' {
			continue
		}
		k := j
		for k < s.End && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t') {
			k++
		}
		if k >= s.End {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"'“‘([•", r) {
			continue
		}
		if c == '.' {
			w := i
			for w > start && text[w-1] != ' ' && text[w-1] != '(' && text[w-1] != '\n' {
				w--
			}
			word := strings.ToLower(text[w:i])
			if utf8.RuneCountInString(word) <= 1 || abbreviations[word] {
				continue
			}
		}
		out = append(out, document.Span{Start: start, End: j})
		start = k
		i = k - 1
	}
	if start < s.End {
		out = append(out, document.Span{Start: start, End: s.End})
	}
	return out
}

// sections knows the headings of a document, from its clause tree or,
// without one, from its heading blocks and the run-in headings that start
// numbered paragraphs ("7. Intellectual Property. All work …").
type sections struct {
	doc *document.Document
	// Without a clause tree: blocks that start a section, in order.
	starts []int
	heads  []string // canonical heading of each start
}

func newSections(doc *document.Document) *sections {
	s := &sections{doc: doc}
	if len(doc.Clauses) > 0 {
		return s
	}
	for i, b := range doc.Blocks {
		if h := blockHeading(doc.Slice(b.Span), b.Kind); h != "" {
			s.starts = append(s.starts, i)
			s.heads = append(s.heads, canonPhrase(h))
		}
	}
	return s
}

var numberPrefix = regexp.MustCompile(`^(?:(?:section|article|clause)\s+)?(?:\d+(?:\.\d+)*\.?|[ivxlc]+\.|[A-Z]\.|\([a-z0-9]+\))\s+`)

// blockHeading returns the heading a block carries: all of it for a
// heading block or a short line without a final stop; the run-in title of
// a numbered paragraph ("7. Ownership. …"); else "".
func blockHeading(text string, kind document.BlockKind) string {
	if kind == document.Heading {
		return text
	}
	if len(text) <= 80 && !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, ";") &&
		!strings.HasSuffix(text, ",") && strings.IndexFunc(text, unicode.IsLetter) >= 0 {
		return text
	}
	loc := numberPrefix.FindStringIndex(text)
	if loc == nil {
		return ""
	}
	rest := text[loc[1]:]
	if i := strings.IndexAny(rest, ".:"); i > 0 && i <= 60 && !strings.Contains(rest[:i], ",") {
		return rest[:i]
	}
	return ""
}

// headingAt returns the canonical headings of the sections enclosing
// byte offset off, innermost first.
func (s *sections) headingAt(off int) string {
	if len(s.doc.Clauses) > 0 {
		var hs []string
		for c := s.doc.ClauseAt(off); c != nil; c = c.Parent {
			hs = append(hs, c.Heading)
		}
		return canonPhrase(strings.Join(hs, " | "))
	}
	b := s.doc.BlockAt(off)
	i := sort.SearchInts(s.starts, b+1) - 1
	if b < 0 || i < 0 {
		return " "
	}
	return s.heads[i]
}

// placement returns where a missing protection belongs: the end of the
// first section whose heading matches one of headings; else the end of
// the section where the precondition held; else the end of the document.
func (s *sections) placement(headings []*pattern, pre *found) (int, *document.Clause) {
	doc := s.doc
	matches := func(h string) bool {
		for _, re := range headings {
			if re.MatchString(h) {
				return true
			}
		}
		return false
	}
	if len(doc.Clauses) > 0 {
		var at *document.Clause
		doc.Walk(func(c *document.Clause) {
			if at == nil && c.Heading != "" && matches(canonPhrase(c.Heading)) {
				at = c
			}
		})
		if at == nil && pre != nil {
			at = doc.ClauseAt(pre.unit.Start)
			for at != nil && at.Parent != nil {
				at = at.Parent
			}
		}
		if at != nil {
			return at.End, at
		}
		return len(doc.Text), nil
	}
	for i, h := range s.heads {
		if matches(h) {
			return s.sectionEnd(i), nil
		}
	}
	if pre != nil {
		b := doc.BlockAt(pre.unit.Start)
		if i := sort.SearchInts(s.starts, b+1) - 1; i >= 0 {
			return s.sectionEnd(i), nil
		}
	}
	return len(doc.Text), nil
}

// maxContext bounds the clause that Detect.Clause tests read, in bytes: a
// longer parent is a part or article of the contract, not one clause.
const maxContext = 8000

// context returns the clause around unit u that Detect.Clause tests read:
// a leaf clause's parent (the clause with its siblings), else the clause
// itself; without a clause tree, the section; and where that is longer
// than maxContext, the paragraph.
func (s *sections) context(u document.Span) document.Span {
	doc := s.doc
	b := doc.BlockAt(u.Start)
	if b < 0 {
		return u
	}
	para := doc.Blocks[b].Span
	if len(doc.Clauses) > 0 {
		c := doc.ClauseAt(u.Start)
		switch {
		case c == nil:
			return para
		case len(c.Children) == 0 && c.Parent != nil && c.Parent.Len() <= maxContext:
			return c.Parent.Span
		case c.Len() <= maxContext:
			return c.Span
		}
		return para
	}
	i := sort.SearchInts(s.starts, b+1) - 1
	if i < 0 {
		return para
	}
	sect := document.Span{Start: doc.Blocks[s.starts[i]].Start, End: s.sectionEnd(i)}
	if sect.Len() > maxContext {
		return para
	}
	return sect
}

// sectionEnd is the end of the last block before the section start after
// starts[i].
func (s *sections) sectionEnd(i int) int {
	if i+1 < len(s.starts) {
		return s.doc.Blocks[s.starts[i+1]-1].End
	}
	return len(s.doc.Text)
}
