// Package markdown reads Markdown into a document.Document.
//
// It parses CommonMark with GitHub tables through goldmark and walks the
// syntax tree: headings, paragraphs, list items with their numbers, and
// table cells become blocks, inline markup is reduced to the text a reader
// sees. A few habits of real contract templates that CommonMark reads
// differently from a person are corrected (see fixHeadings,
// headingParagraph, and itemBreaks for Pandoc's lettered lists), and a
// heading that holds a whole clause ("## 1.1 Services. Provider will …", as
// Pandoc writes a Word contract whose clauses have heading styles) is read
// as a paragraph, as the DOCX reader reads the original.
package markdown

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/segment"
)

// maxDepth bounds the nesting of block quotes and lists the reader follows;
// deeper content is still read, flattened at this depth.
const maxDepth = 64

// Read reads Markdown.
func Read(ctx context.Context, s string) (*document.Document, error) {
	return ReadBytes(ctx, []byte(s))
}

// ReadBytes reads Markdown from src, which it does not modify: a caller
// holding the file's bytes need not copy them into a string first.
func ReadBytes(ctx context.Context, src []byte) (*document.Document, error) {
	src = dropSpanAttributes(fixHeadings(dropFrontMatter(src)))
	root := parse(src)
	r := &reader{src: src, b: document.NewBuilder("", document.Markdown), lines: lineStarts(src), ctx: ctx}
	r.b.Grow(len(src)) // the text is about as long as the source, its markup taken out
	if err := r.blocks(root, 0); err != nil {
		return nil, err
	}
	r.flush()
	doc := r.b.Document()
	if len(doc.Blocks) == 0 {
		return nil, fault.New(fault.Empty, "no text found in the Markdown")
	}
	return doc, nil
}

// markdownParser reads CommonMark with GitHub tables. It holds no state
// between parses.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.Table))

// spanAttributes is a Pandoc bracketed span with classes or an id,
// "[Effective Date]{.underline}", which Pandoc writes for the underlining
// and small capitals of a converted Word contract.
var spanAttributes = regexp.MustCompile(`\[([^\[\]\n]*)\]\{[.#][^{}\n]*\}`)

// dropSpanAttributes keeps a Pandoc span's text and drops its brackets and
// attributes, which goldmark would print as they stand.
func dropSpanAttributes(src []byte) []byte {
	if !bytes.Contains(src, []byte("]{")) {
		return src
	}
	return spanAttributes.ReplaceAll(src, []byte("$1"))
}

// dropFrontMatter blanks out a YAML front-matter block ("---" … "---" at
// the very start), which is metadata for a site generator, not contract
// text. The lines stay as empty lines, so line numbers stay right.
func dropFrontMatter(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return src
	}
	off, n := 0, 0
	for line := range bytes.Lines(src) {
		off += len(line)
		if n++; n > 200 {
			return src
		}
		if t := bytes.TrimRight(line, "\r\n"); n > 1 && (string(t) == "---" || string(t) == "...") {
			out := bytes.Repeat([]byte("\n"), n)
			return append(out, src[off:]...)
		}
	}
	return src
}

// fixHeadings puts the missing space into "###Summary:" outside code
// fences: CommonMark reads it as a paragraph, a person as a heading. The
// insertion keeps every line on its line, so line numbers stay right.
func fixHeadings(src []byte) []byte {
	var out []byte // nil until a line needs the space: src is then returned as it is
	fence := false
	off := 0
	for line := range bytes.Lines(src) {
		start := off
		off += len(line)
		t := bytes.TrimLeft(line, " ")
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fence = !fence
		}
		n := 0
		for n < len(t) && t[n] == '#' {
			n++
		}
		if !fence && len(t) == len(line) && n >= 1 && n <= 6 && n < len(t) {
			if r, _ := utf8.DecodeRune(t[n:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				if out == nil {
					out = make([]byte, 0, len(src)+64)
					out = append(out, src[:start]...)
				}
				out = append(out, line[:n]...)
				out = append(out, ' ')
				out = append(out, line[n:]...)
				continue
			}
		}
		if out != nil {
			out = append(out, line...)
		}
	}
	if out == nil {
		return src
	}
	return out
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

type reader struct {
	ctx     context.Context
	src     []byte
	b       *document.Builder
	lines   []int
	base    int // lines before src in the file: a nested list's (see readNested)
	heading int // level of the last heading, for headings guessed from emphasis
	// outline is the number of the ordered item being read ("2", "2.1"),
	// "" outside one: an ordered list inside it is numbered under it.
	outline string
	// section is the number the last heading opened its section with
	// ("3.3" of "### 3.3 Perpetual Licence"), "" after a heading without
	// one: an ordered list directly in it is numbered under it.
	section string
	table   int // tables seen so far
	n       int // blocks visited, for cancellation checks

	// The last block is held back, so that a heading that continues its
	// sentence can still join it (see add).
	pending     document.Block
	pendingText string
	// item is whether the last block was a fancy list item (see
	// fancyItem): an indented block after it is the item's next paragraph.
	item bool
	// breakAt holds the lines where a fancy list item starts in the block
	// being read (see itemBreaks).
	breakAt map[int]bool
}

// lineOf returns the 1-based line of byte offset off.
func (r *reader) lineOf(off int) int {
	return r.base + sort.SearchInts(r.lines, off+1)
}

// firstLine returns the line where n's first text is, or 0.
func (r *reader) firstLine(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return r.lineOf(l.At(0).Start)
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return r.lineOf(t.Segment.Start)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if l := r.firstLine(c); l > 0 {
			return l
		}
	}
	return 0
}

// blocks walks the block children of n. depth counts list nesting.
func (r *reader) blocks(n ast.Node, depth int) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if err := r.block(c, depth); err != nil {
			return err
		}
	}
	return nil
}

// block adds the blocks of node n.
func (r *reader) block(n ast.Node, depth int) error {
	if r.n++; r.n%256 == 0 {
		if err := r.ctx.Err(); err != nil {
			return fault.Wrap(fault.Timeout, err, "reading the Markdown was cancelled")
		}
	}
	item := r.item
	r.item = false
	switch n := n.(type) {
	case *ast.Heading:
		r.heading = n.Level
		r.section = headingNumber(r.inlineText(n))
		r.inline(n, document.Block{Kind: document.Heading, Level: n.Level})
	case *ast.Paragraph, *ast.TextBlock:
		r.paragraph(n)
	case *ast.List:
		return r.list(n, depth)
	case *ast.CodeBlock:
		if depth < maxDepth && (item || r.nestedList(n)) {
			r.item = true // what follows indented still belongs to the item
			return r.readNested(n, depth+1)
		}
		r.add(document.Block{Kind: document.Paragraph, Source: document.Source{Line: r.firstLine(n)}}, string(n.Lines().Value(r.src)))
	case *ast.FencedCodeBlock:
		r.add(document.Block{Kind: document.Paragraph, Source: document.Source{Line: r.firstLine(n)}}, string(n.Lines().Value(r.src)))
	case *ast.HTMLBlock:
		r.htmlBlock(n)
	case *extast.Table:
		r.tableBlock(n)
	default: // block quotes, and anything else holding blocks
		return r.blocks(n, depth)
	}
	return nil
}

// paragraph adds a paragraph, as a heading when a person would read it so.
func (r *reader) paragraph(p ast.Node) {
	blk := document.Block{Kind: document.Paragraph}
	if r.headingParagraph(p) {
		blk.Kind = document.Heading
		blk.Level = min(r.heading+1, 6)
		if r.heading == 0 {
			blk.Level = 2
		}
		r.section = headingNumber(r.inlineText(p))
	}
	r.item = blk.Kind == document.Paragraph && r.fancyItem(p)
	r.inline(p, blk)
}

// headingParagraph reports whether a paragraph is a heading in disguise: a
// short line without final punctuation that is all bold ("**Payment
// Terms**") or ends with a Markdown hard break before a blank line
// ("Services and Payment␠␠"), as contract templates often write headings.
func (r *reader) headingParagraph(p ast.Node) bool {
	lines := p.Lines()
	if lines == nil || lines.Len() != 1 {
		return false
	}
	seg := lines.At(0)
	t := strings.TrimSpace(r.inlineText(p))
	if t == "" || utf8.RuneCountInString(t) > 80 || strings.ContainsAny(t[len(t)-1:], ".,;") {
		return false
	}
	if em, ok := p.FirstChild().(*ast.Emphasis); ok && em.Level == 2 && em.NextSibling() == nil {
		return true
	}
	// The raw line still has the trailing spaces goldmark trimmed.
	end := seg.Stop
	for end < len(r.src) && r.src[end] != '\n' {
		end++
	}
	raw := strings.TrimRight(string(r.src[seg.Start:end]), "\r")
	r0, _ := utf8.DecodeRuneInString(t)
	return strings.HasSuffix(raw, "  ") && unicode.IsUpper(r0) && !strings.Contains(t, ":")
}

// headingNumberRe is the number a heading opens with: "3.3", "5." of "5.
// Termination", "Section 2"; one or two figures a part, so that a year
// ("2026 Price List") is none.
var headingNumberRe = regexp.MustCompile(`^\s*(?i:section\s+|article\s+|clause\s+|§\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?(?:\s|$)`)

// headingNumber returns the number heading text opens with, or "".
func headingNumber(text string) string {
	if m := headingNumberRe.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// list adds the items of a list; ordered items get their number as a
// browser shows it: the list's start plus the item's position. An ordered
// list inside an ordered item is numbered under it, as a contract numbers
// its subclauses ("2.1", "2.2"): a browser shows "1." again, but every
// citation of it would be ambiguous, and converted Word documents and
// authors who leave the counting to the renderer write every item "1.".
func (r *reader) list(l *ast.List, depth int) error {
	num := l.Start
	outer := r.outline
	defer func() { r.outline = outer }()
	parent := outer
	if parent == "" && l.IsOrdered() {
		// … and so is an ordered list right under a numbered heading: the
		// items of "### 3.3 Perpetual Licence" are 3.3.1, 3.3.2, not a
		// second § 1 and § 2 (an AI voice actor agreement's licence list).
		parent = r.section
	}
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		number := ""
		r.outline = ""
		if l.IsOrdered() {
			r.outline = strconv.Itoa(num)
			number = fmt.Sprintf("%d%c", num, l.Marker)
			if parent != "" {
				r.outline = parent + "." + r.outline
				number = r.outline
			}
			num++
		}
		first := true
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				blk := document.Block{Kind: document.ListItem, Level: depth}
				if first {
					blk.Number = number
				}
				r.inline(c, blk)
			default:
				if err := r.block(c, min(depth+1, maxDepth)); err != nil {
					return err
				}
			}
			first = false
		}
	}
	return nil
}

// tableBlock adds a GitHub table cell by cell; the header row is row 1.
func (r *reader) tableBlock(t *extast.Table) {
	r.table++
	row := 0
	for rn := t.FirstChild(); rn != nil; rn = rn.NextSibling() {
		row++
		col := 0
		for cell := rn.FirstChild(); cell != nil; cell = cell.NextSibling() {
			col++
			src := document.Source{Line: r.firstLine(cell), Table: r.table, Row: row, Col: col}
			if src.Line == 0 {
				src.Line = r.firstLine(rn)
			}
			r.add(document.Block{Kind: document.TableCell, Source: src}, r.inlineText(cell))
		}
	}
}

// htmlBlock adds the text of a raw HTML block, without its tags.
func (r *reader) htmlBlock(h *ast.HTMLBlock) {
	var raw bytes.Buffer
	raw.Write(h.Lines().Value(r.src))
	if h.HasClosure() {
		raw.Write(h.ClosureLine.Value(r.src))
	}
	var sb strings.Builder
	z := html.NewTokenizer(&raw)
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			r.add(document.Block{Kind: document.Paragraph, Source: document.Source{Line: r.firstLine(h)}}, sb.String())
			return
		case html.TextToken:
			if skip == 0 {
				sb.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style:
				skip++
			}
			sb.WriteByte(' ')
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style:
				skip = max(skip-1, 0)
			}
			sb.WriteByte(' ')
		}
	}
}

// inline adds the inline content of n as one block per line a person sees:
// a hard line break ("Representative: …␠␠") starts a new block.
func (r *reader) inline(n ast.Node, blk document.Block) {
	blk.Source.Line = r.firstLine(n)
	r.breakAt = r.itemBreaks(n)
	defer func() { r.breakAt = nil }()
	var sb strings.Builder
	r.collect(n, &sb, func(line int) {
		r.add(blk, sb.String())
		sb.Reset()
		blk.Number = ""
		blk.Source.Line = line
	})
	r.add(blk, sb.String())
}

// inlineText returns the text of n's inline content on one line.
func (r *reader) inlineText(n ast.Node) string {
	var sb strings.Builder
	r.collect(n, &sb, func(int) { sb.WriteByte(' ') })
	return sb.String()
}

// collect writes the visible text of n's inline children to sb and calls
// brk at each hard line break with the line that follows it.
func (r *reader) collect(n ast.Node, sb *strings.Builder, brk func(line int)) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			sb.Write(visibleText(c.Segment.Value(r.src)))
			switch {
			case c.HardLineBreak():
				brk(r.lineOf(c.Segment.Stop) + 1)
			case c.SoftLineBreak() && r.breakAt[r.lineOf(c.Segment.Stop)+1]:
				brk(r.lineOf(c.Segment.Stop) + 1)
			case c.SoftLineBreak():
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					sb.Write(s.Segment.Value(r.src))
				}
			}
		case *ast.AutoLink:
			sb.Write(c.Label(r.src))
		case *ast.Image:
			// An image shows no text; its alt text is not part of the contract.
		case *ast.RawHTML:
			sb.WriteString(rawHTMLText(c.Segments.Value(r.src)))
		default:
			r.collect(c, sb, brk)
		}
	}
}

// visibleText resolves what Markdown source text shows as other
// characters: backslash escapes ("8\\." is "8.", written so that a
// numbered clause is not made a list) and entity references ("AT&amp;T").
func visibleText(src []byte) []byte {
	if bytes.IndexByte(src, '\\') < 0 && bytes.IndexByte(src, '&') < 0 {
		return src
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(src)))
}

// rawHTMLText returns what a reader sees of an inline HTML tag: nothing for
// a real tag, a space for <br>, and the text itself for an angle-bracketed
// word that is no HTML element, such as a template's "<Legalese>".
func rawHTMLText(raw []byte) string {
	name := bytes.TrimLeft(raw, "</")
	if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	switch a := atom.Lookup(bytes.ToLower(name)); {
	case a == atom.Br:
		return " "
	case a != 0 || len(name) == 0 || bytes.HasPrefix(raw, []byte("<!")) || bytes.HasPrefix(raw, []byte("<?")):
		return ""
	}
	return string(raw)
}

// add adds a block unless it is only a page number left by a PDF-to-Markdown
// conversion, which goes to the furniture. Such conversions also turn the
// last line of a paragraph into a heading ("1.2 The obligations … are joint
// and" / "#### several."): a heading that starts in lower case after an
// unfinished paragraph joins that paragraph, as does one that ends like a
// sentence.
func (r *reader) add(blk document.Block, s string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return
	case blk.Kind == document.Paragraph && isPageNumber(s):
		r.b.AddFurniture(s)
		return
	case blk.Kind == document.Heading && r.pending.Kind == document.Paragraph && r.pendingText != "" &&
		!strings.ContainsAny(r.pendingText[len(r.pendingText)-1:], ".:;!?") && continues(s):
		r.pendingText += " " + s
		return
	case blk.Kind == document.Heading && !segment.IsTitle(s):
		// A heading that holds a clause ("### 1.1 Services. Provider
		// will …") or a sentence a conversion broke off ("#### Tenant
		// Act 1985) or statutory provision … is a reference to it …")
		// is read as the paragraph it is, as the HTML of it is.
		blk.Kind, blk.Level = document.Paragraph, 0
	}
	r.flush()
	r.pending, r.pendingText = blk, s
}

func (r *reader) flush() {
	if r.pendingText != "" {
		r.b.Add(r.pending, r.pendingText)
	}
	r.pending, r.pendingText = document.Block{}, ""
}

// continues reports whether heading text reads as the end of a sentence
// rather than a title: it starts in lower case, ends like a sentence, or is
// too long for a title.
func continues(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(c) || strings.ContainsAny(s[len(s)-1:], ".,;") || utf8.RuneCountInString(s) > 60
}

func isPageNumber(s string) bool {
	return s != "" && len(s) <= 4 && strings.Trim(s, "0123456789") == ""
}
