package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Pandoc writes a Word contract's lettered and roman-numbered lists as its
// "fancy lists" ("a.  The Consultant shall …", "(b) …", "ii. …"), which
// CommonMark does not know: a tight list reads as one paragraph, "a. …
// incurred. b. Late payments …", and a list nested in an item, indented by
// four spaces, as a code block. The reader splits such a paragraph where an
// item starts and reads such a code block as Markdown again, so that each
// item is a block of its own that segment numbers under its heading; an
// item's further paragraphs, indented too, are read as Markdown as well.

// fancyMarker is a list marker CommonMark leaves as text at the start of a
// line: one letter or a roman numeral, with a period or a closing
// parenthesis, or in parentheses; then white space.
var fancyMarker = regexp.MustCompile(`^(?:\(([a-zA-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})\)|([a-zA-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})([.)]))\s`)

// marker is a fancy list marker: its value ("b", "iv") and form, the value
// replaced by "x" ("(x)", "x.", "x)").
type marker struct{ value, form string }

// parseMarker returns the fancy list marker line starts with.
func parseMarker(line string) (marker, bool) {
	m := fancyMarker.FindStringSubmatch(strings.TrimLeft(line, " \t"))
	switch {
	case m == nil:
		return marker{}, false
	case m[1] != "":
		return marker{m[1], "(x)"}, true
	}
	return marker{m[2], "x" + m[3]}, true
}

// follows reports whether b is the marker after a: the next letter or the
// next roman numeral, in the same case and form.
func (a marker) follows(b marker) bool {
	if a.form != b.form || (strings.ToLower(a.value) == a.value) != (strings.ToLower(b.value) == b.value) {
		return false
	}
	if len(a.value) == 1 && len(b.value) == 1 && a.value[0]+1 == b.value[0] {
		return true
	}
	x, y := roman(a.value), roman(b.value)
	return x > 0 && y == x+1
}

// first reports whether m can open a list: "a", "A", "i" or "I".
func (m marker) first() bool {
	return strings.Contains("aAiI", m.value) && len(m.value) == 1
}

// roman returns the value of a roman numeral of one case, or 0.
func roman(s string) int {
	s = strings.ToLower(s)
	n := 0
	for i := 0; i < len(s); i++ {
		d := romanDigit(s[i])
		if d == 0 {
			return 0
		}
		if i+1 < len(s) && romanDigit(s[i+1]) > d {
			n -= d
		} else {
			n += d
		}
	}
	return n
}

// romanDigit is the value of a lower-case roman digit, or 0.
func romanDigit(c byte) int {
	switch c {
	case 'i':
		return 1
	case 'v':
		return 5
	case 'x':
		return 10
	case 'l':
		return 50
	case 'c':
		return 100
	}
	return 0
}

// itemBreaks returns the lines of block n after its first where a fancy
// list item starts: one whose marker follows an item's before it in the
// block (the first line's included), or that opens a list the next marked
// line continues ("(a)" then "(b)"). A line that merely wraps to start with
// "(c)" or "i." starts nothing.
func (r *reader) itemBreaks(n ast.Node) map[int]bool {
	lines := n.Lines()
	if n.Type() != ast.TypeBlock || lines == nil || lines.Len() < 2 {
		return nil
	}
	marks := make([]*marker, lines.Len())
	for i := range lines.Len() {
		seg := lines.At(i)
		if m, ok := parseMarker(string(visibleText(seg.Value(r.src)))); ok {
			marks[i] = &m
		}
	}
	var breaks map[int]bool
	var items []marker
	if marks[0] != nil {
		items = append(items, *marks[0])
	}
	for i := 1; i < len(marks); i++ {
		m := marks[i]
		if m == nil {
			continue
		}
		item := false
		for _, p := range items {
			item = item || p.follows(*m)
		}
		if !item && m.first() {
			for _, next := range marks[i+1:] {
				if next != nil && next.form == m.form {
					item = m.follows(*next)
					break
				}
			}
		}
		if item {
			if breaks == nil {
				breaks = map[int]bool{}
			}
			breaks[r.lineOf(lines.At(i).Start)] = true
			items = append(items, *m)
		}
	}
	return breaks
}

// fancyItem reports whether paragraph p is a fancy list item or holds
// some: Pandoc indents an item's further paragraphs by four spaces, which
// CommonMark reads as a code block.
func (r *reader) fancyItem(p ast.Node) bool {
	lines := p.Lines()
	if lines == nil || lines.Len() == 0 {
		return false
	}
	seg := lines.At(0)
	_, ok := parseMarker(string(visibleText(seg.Value(r.src))))
	return ok || r.itemBreaks(p) != nil
}

// nestedList reports whether the indented code block c is a list Pandoc
// nested in a fancy list item: its first line starts with a fancy marker or
// a number's.
func (r *reader) nestedList(c *ast.CodeBlock) bool {
	if c.Lines().Len() == 0 {
		return false
	}
	seg := c.Lines().At(0)
	first := string(seg.Value(r.src))
	_, ok := parseMarker(first)
	return ok || orderedMarker.MatchString(first)
}

var orderedMarker = regexp.MustCompile(`^\d{1,3}[.)]\s`)

// readNested reads the text of the indented code block c, a nested list,
// as Markdown of its own, with the heading and numbers in force.
func (r *reader) readNested(c *ast.CodeBlock, depth int) error {
	src := c.Lines().Value(r.src)
	sub := &reader{
		ctx: r.ctx, src: src, b: r.b, lines: lineStarts(src), base: r.firstLine(c) - 1,
		heading: r.heading, outline: r.outline, section: r.section, table: r.table,
	}
	r.flush()
	if err := sub.blocks(parse(src), depth); err != nil {
		return err
	}
	sub.flush()
	r.table = sub.table
	return nil
}

// parse parses CommonMark with GitHub tables.
func parse(src []byte) ast.Node {
	return markdownParser.Parser().Parse(text.NewReader(src))
}
