// Package html reads HTML pages into a document.Document.
//
// Only the page's main content is read: the <main> element, an element with
// role="main", or the first <article> when there is one, else the body;
// navigation, headers, footers, scripts, styles and forms are dropped.
// Headings, paragraphs, list items and table cells become blocks. List
// items are numbered as a browser numbers them (start, value, type, the
// list-style-type of a style attribute), except that an ordered list inside
// an ordered item is numbered under it ("3.1", "3.2.1"), as the contract
// cites it and as the Markdown reader numbers it, and a list whose items
// start with their own numbers keeps those. A heading that holds a whole
// clause (a Word document with heading-styled clauses saved as HTML) is
// read as a list item or paragraph, as the DOCX reader reads it.
package html

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/segment"
)

// Read reads an HTML page.
func Read(ctx context.Context, s string) (*document.Document, error) {
	// The parser bounds the depth of the tree it builds, so the recursive
	// walk below is bounded too.
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		// x/net/html refuses trees more than 512 elements deep.
		return nil, fault.Wrap(fault.Invalid, err, "the HTML could not be read (elements nested too deeply?)")
	}
	main := mainContent(root)
	r := &reader{ctx: ctx, b: document.NewBuilder("", document.HTML)}
	r.b.Grow(textSize(main))
	if err := r.walk(main); err != nil {
		return nil, err
	}
	r.flush()
	doc := r.b.Document()
	if len(doc.Blocks) == 0 {
		reason := "no text found in the page's main content"
		if r.banner || hasScript(root) {
			// A page saved before its script ran: only the cookie
			// banner or the empty shell of a JavaScript app.
			reason = "no contract text in the page, only "
			if r.banner {
				reason += "a cookie banner"
			} else {
				reason += "scripts"
			}
			reason += ": the page is probably built by JavaScript in the browser; open it in a browser, accept or close the banner, and print it to PDF (or copy the text) to scan it"
		}
		return nil, fault.New(fault.Empty, "%s", reason)
	}
	return doc, nil
}

// textSize returns about the bytes of the document's text under n: each
// text node's with its runs of white space counted once, two for the
// separator before its block, and room for a list item's number. Reserved
// at once, the text is not copied as it grows, and the reservation is not
// much more than the text (it stays with the document: a page's raw text
// nodes hold twice its text in indentation and line breaks).
func textSize(n *html.Node) int {
	size := 0
	for d := range n.Descendants() {
		switch {
		case d.Type == html.TextNode:
			if k := collapsedLen(d.Data); k > 0 {
				size += k + 2
			}
		case d.Type == html.ElementNode && d.DataAtom == atom.Li:
			size += 8
		}
	}
	return size
}

// collapsedLen returns the length of s with each run of ASCII white space
// counted as one byte.
func collapsedLen(s string) int {
	n := 0
	space := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
			if !space {
				n++
			}
			space = true
		default:
			n++
			space = false
		}
	}
	return n
}

// mainContent returns the element holding the page's main content.
func mainContent(root *html.Node) *html.Node {
	var main, article, body *html.Node
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.DataAtom == atom.Main || attr(n, "role") == "main":
			if main == nil {
				main = n
			}
		case n.DataAtom == atom.Article:
			if article == nil {
				article = n
			}
		case n.DataAtom == atom.Body:
			body = n
		}
	}
	switch {
	case main != nil:
		return main
	case article != nil:
		return article
	case body != nil:
		return body
	}
	return root
}

// skipped elements hold no contract text.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Template: true,
	atom.Svg: true, atom.Iframe: true, atom.Object: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Math: true,
}

// blockish elements start and end a block of text.
var blockish = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Blockquote: true, atom.Pre: true, atom.Address: true, atom.Dd: true, atom.Dt: true,
	atom.Dl: true, atom.Figcaption: true, atom.Figure: true, atom.Caption: true, atom.Hr: true,
	atom.Center: true, atom.Details: true, atom.Summary: true, atom.Fieldset: true, atom.Legend: true,
	atom.Body: true, atom.Html: true,
}

type reader struct {
	ctx context.Context
	b   *document.Builder
	// text gathers the block being read. A bytes.Buffer, reused: a
	// strings.Builder started anew for each block grows by doubling,
	// garbage of several times the page's text.
	text   bytes.Buffer
	blocks []*frame // open elements that make blocks, innermost last
	tables []*table
	ntable int
	lists  int // open <ul>/<ol> elements
	// outline is the clause number of the innermost open list item, as
	// a contract cites it ("3", "3.2"), or "" when that item is not
	// numbered in decimals: an ordered list inside it is numbered under it.
	outline string
	seen    int  // nodes visited, for cancellation checks
	banner  bool // a cookie or consent banner was left out
}

// frame describes the block that text inside an element belongs to.
type frame struct {
	blk      document.Block
	numbered bool // the number was used by the item's first block
}

type table struct {
	n, row, col int
}

// list numbering state of one <ol> or <ul>.
type list struct {
	ordered  bool
	next     int
	step     int
	style    string // the type attribute: "1", "a", "A", "i", "I"
	reversed bool
	parent   string // outline of the list item this list is in
	own      bool   // its items carry their numbers in their text
}

func (r *reader) walk(n *html.Node) error {
	return r.children(n, nil)
}

func (r *reader) children(n *html.Node, l *list) error {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := r.node(c, l); err != nil {
			return err
		}
	}
	return nil
}

// node reads one node; l is the list the node is directly in, if any.
func (r *reader) node(n *html.Node, l *list) error {
	if r.seen++; r.seen%1024 == 0 {
		if err := r.ctx.Err(); err != nil {
			return fault.Wrap(fault.Timeout, err, "reading the HTML was cancelled")
		}
	}
	switch n.Type {
	case html.TextNode:
		r.text.WriteString(n.Data)
		return nil
	case html.ElementNode:
	default:
		return r.children(n, l)
	}
	if skipped[n.DataAtom] || hidden(n) {
		return nil
	}
	if consentBanner(n) {
		r.banner = true
		return nil
	}
	switch a := n.DataAtom; {
	case a == atom.Br:
		r.text.WriteByte(' ')
		return nil
	case a == atom.Ul || a == atom.Ol || a == atom.Menu:
		r.flush()
		r.lists++
		defer func() { r.lists-- }()
		nl := newList(n)
		nl.parent = r.outline
		return r.children(n, nl)
	case a == atom.Li:
		blk := document.Block{Kind: document.ListItem, Level: max(r.lists-1, 0)}
		outline := ""
		switch {
		case l == nil || !l.ordered:
		case l.own:
			// "8.1 Services …" in the text: the number a reader cites.
			if m := ownDecimal.FindStringSubmatch(leadText(n)); m != nil {
				outline = strings.TrimSuffix(m[1], ".")
			}
		default:
			if v, err := strconv.Atoi(strings.TrimSpace(attr(n, "value"))); err == nil {
				l.next = v
			}
			blk.Number = format(l.next, l.style) + "."
			if decimal(l.style) {
				outline = strconv.Itoa(l.next)
				if l.parent != "" {
					// Numbered under its item, as the Markdown reader
					// does and as the contract cites it ("3.2", where a
					// browser shows "2.").
					outline = l.parent + "." + outline
					blk.Number = outline
				}
			}
			l.next += l.step
		}
		defer func(o string) { r.outline = o }(r.outline)
		r.outline = outline
		return r.block(n, blk)
	case headingLevel(a) > 0:
		blk := document.Block{Kind: document.Heading, Level: headingLevel(a)}
		if f := r.frame(); f != nil && f.blk.Kind == document.ListItem && !f.numbered {
			// A heading that is a list item (LibreOffice writes Word's
			// numbered headings as <li><h1>) keeps the number the
			// browser shows beside it.
			blk.Number = f.blk.Number
			f.numbered = true
		}
		return r.block(n, blk)
	case a == atom.Table:
		r.flush()
		r.ntable++
		r.tables = append(r.tables, &table{n: r.ntable})
		defer func() { r.tables = r.tables[:len(r.tables)-1] }()
		return r.children(n, nil)
	case a == atom.Tr:
		if t := r.table(); t != nil {
			t.row++
			t.col = 0
		}
		return r.children(n, nil)
	case a == atom.Td || a == atom.Th:
		t := r.table()
		if t == nil {
			return r.block(n, document.Block{Kind: document.Paragraph})
		}
		t.col++
		src := document.Source{Table: t.n, Row: max(t.row, 1), Col: t.col}
		return r.block(n, document.Block{Kind: document.TableCell, Source: src})
	case blockish[a]:
		if f := r.frame(); f != nil && f.blk.Kind != document.Paragraph {
			// A <p> inside an <li> or <td> is still part of the item
			// or cell: break the text, keep the kind and the number.
			r.flush()
			err := r.children(n, nil)
			r.flush()
			return err
		}
		return r.block(n, document.Block{Kind: document.Paragraph})
	}
	return r.children(n, l)
}

// headingLevel returns 1–6 for h1–h6, 0 otherwise.
func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// block reads element n as a block described by blk: text before it ends
// the enclosing block, text inside it forms blk, text after it resumes the
// enclosing block.
func (r *reader) block(n *html.Node, blk document.Block) error {
	r.flush()
	r.blocks = append(r.blocks, &frame{blk: blk})
	err := r.children(n, nil)
	r.flush()
	r.blocks = r.blocks[:len(r.blocks)-1]
	return err
}

func (r *reader) frame() *frame {
	if len(r.blocks) == 0 {
		return nil
	}
	return r.blocks[len(r.blocks)-1]
}

func (r *reader) table() *table {
	if len(r.tables) == 0 {
		return nil
	}
	return r.tables[len(r.tables)-1]
}

// flush adds the text gathered so far as a block of the innermost frame.
func (r *reader) flush() {
	s := r.text.String()
	r.text.Reset() // keeps the buffer for the next block
	if document.IsBlank(s) {
		return // white space between tags
	}
	blk := document.Block{Kind: document.Paragraph}
	if f := r.frame(); f != nil {
		blk = f.blk
		if f.numbered {
			blk.Number = ""
		}
		f.numbered = true
	}
	if blk.Number == "" && blk.Kind != document.TableCell {
		if m := gluedNumber.FindStringSubmatchIndex(s); m != nil {
			blk.Number = s[m[2]:m[3]]
			s = s[m[3]:]
		}
	}
	if blk.Kind == document.Heading && !segment.IsTitle(s) {
		// A whole clause in a heading (a Word document whose clauses
		// all have a heading style, saved as HTML: "<h2>1.1 Services.
		// Provider will …") is the numbered paragraph it reads as.
		if blk.Number != "" {
			blk.Kind, blk.Level = document.ListItem, max(blk.Level-1, 0)
			if n := len(r.blocks); n >= 2 && r.blocks[n-2].blk.Kind == document.ListItem {
				blk.Level = r.blocks[n-2].blk.Level // <li><h2>: the item's depth
			}
		} else {
			blk.Kind, blk.Level = document.Paragraph, 0
		}
	}
	r.b.Add(blk, s)
}

// gluedNumber matches a clause number typed against its text, as
// LibreOffice exports Word's numbering to HTML ("2.1Deliverables. …",
// "12.3Governing Law", "13.1“Affiliate” means"), where Word shows a tab
// between the two.
var gluedNumber = regexp.MustCompile(`^\s*(\d{1,3}\.(?:\d{1,3}\.?)*)(?:\p{Lu}\p{Ll}|["“]\p{Lu})`)

// newList reads the numbering attributes of a list element.
func newList(n *html.Node) *list {
	l := &list{ordered: n.DataAtom == atom.Ol, next: 1, step: 1, style: attr(n, "type")}
	if !l.ordered {
		return l
	}
	// A style sheet's list-style-type overrides the type attribute.
	if t, ok := cssListType(attr(n, "style")); ok {
		if t == "" {
			l.ordered = false // list-style: none
			return l
		}
		l.style = t
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			// A list whose first item starts with its own number ("8.1
			// Fees …", "(a) …") is left as it is written.
			l.own = ownNumber.MatchString(leadText(c))
			break
		}
	}
	if _, ok := attrOK(n, "reversed"); ok {
		l.reversed, l.step = true, -1
		l.next = 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Li {
				l.next++
			}
		}
	}
	if v, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil {
		l.next = v
	}
	return l
}

// ownNumber matches a clause number written at the start of a list item's
// text: "8.1", "3.", "2)", "(a)", "b.", "iv)", or one LibreOffice typed
// against the text ("2.1Deliverables"). A lone "30 days" is not one.
//
// segment reads these numbers again once the text is built, but its
// parser is no substitute here: it reads the raw item, before gluedNumber
// splits "2.1Deliverables" (segment wants a space after the number), and
// it would take "Section 4 …" or "Exhibit A …" for the list's own
// numbering, which the reader should then leave off.
var ownNumber = regexp.MustCompile(`^\s*(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|\((?:\d{1,3}|[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6})\)|(?:[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)])(?:\s|$|["“]?\p{Lu})`)

// ownDecimal matches a decimal clause number at the start of a list item.
var ownDecimal = regexp.MustCompile(`^\s*(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s|$|["“]?\p{Lu})`)

// leadText returns the first few dozen bytes of text inside n, enough to
// see whether it starts with a number.
func leadText(n *html.Node) string {
	var sb strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && (d.DataAtom == atom.Ol || d.DataAtom == atom.Ul) {
			break // a nested list's text is not this item's
		}
		if d.Type == html.TextNode {
			sb.WriteString(d.Data)
			if sb.Len() >= 24 {
				break
			}
		}
	}
	return sb.String()
}

// cssListType reads list-style-type (or the list-style shorthand) from a
// style attribute as an <ol type=…> value; "" for none.
func cssListType(style string) (string, bool) {
	style = strings.ToLower(style)
	for _, decl := range strings.Split(style, ";") {
		prop, v, ok := strings.Cut(decl, ":")
		prop = strings.TrimSpace(prop)
		if !ok || prop != "list-style-type" && prop != "list-style" {
			continue
		}
		for _, w := range strings.Fields(v) {
			switch w {
			case "none":
				return "", true
			case "decimal", "decimal-leading-zero":
				return "1", true
			case "lower-alpha", "lower-latin":
				return "a", true
			case "upper-alpha", "upper-latin":
				return "A", true
			case "lower-roman":
				return "i", true
			case "upper-roman":
				return "I", true
			}
		}
	}
	return "", false
}

// decimal reports whether an <ol type=…> numbers in decimals.
func decimal(style string) bool {
	switch style {
	case "a", "A", "i", "I":
		return false
	}
	return true
}

// format renders list number n in the style of an <ol type=…>.
func format(n int, style string) string {
	switch style {
	case "a", "A":
		if n < 1 || n > 18278 {
			break
		}
		s := ""
		for ; n > 0; n = (n - 1) / 26 {
			s = string(rune('a'+(n-1)%26)) + s
		}
		if style == "A" {
			s = strings.ToUpper(s)
		}
		return s
	case "i", "I":
		if n < 1 || n >= 4000 {
			break
		}
		s := roman(n)
		if style == "i" {
			s = strings.ToLower(s)
		}
		return s
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}

// banner matches the id or class of the cookie and consent banners that
// consent managers (OneTrust, Cookiebot, Osano, CookieConsent…) put on a
// page; their text is never part of a contract. A cookie policy's own
// content ("cookie-policy") does not match.
var banner = regexp.MustCompile(`(?i)(?:cookie|consent|gdpr|privacy)[-_]?(?:banner|bar|notice|popup|modal|overlay|prompt|wall|sdk|window|dialog)|onetrust|cookiebot|\bcc-(?:window|banner)\b|osano-cm|truste-consent`)

// consentBanner reports whether n is a cookie or consent banner.
func consentBanner(n *html.Node) bool {
	return banner.MatchString(attr(n, "id")) || banner.MatchString(attr(n, "class")) || banner.MatchString(attr(n, "aria-label"))
}

// hasScript reports whether the page has a script.
func hasScript(root *html.Node) bool {
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Script {
			return true
		}
	}
	return false
}

// hidden reports whether an element is hidden from readers.
func hidden(n *html.Node) bool {
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if attr(n, "aria-hidden") == "true" {
		return true
	}
	style := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
