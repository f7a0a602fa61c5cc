// Package rtf reads RTF files into a document.Document.
//
// It has its own small tokenizer: the RTF readers available drop \uN
// characters. The reader follows groups with a depth limit, decodes \uN
// (with \ucN skip counts, surrogate pairs included) and \'hh bytes in the
// document's code page, skips destinations that hold no body text (font and
// colour tables, style sheet, pictures, objects, field instructions), keeps
// headers and footers as furniture and footnotes as notes, and turns
// paragraphs, table cells, list numbers and heading styles into blocks.
package rtf

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/segment"
)

// Options bound the reading of one file.
type Options struct {
	// MaxDepth is the deepest group nesting read; deeper input is refused.
	// Zero means 256.
	MaxDepth int
}

// Read reads an RTF file.
func Read(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	if !bytes.HasPrefix(data, []byte(`{\rtf`)) {
		return nil, fault.New(fault.Invalid, "not an RTF file (it does not start with {\\rtf)")
	}
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = 256
	}
	p := &parser{
		ctx:    ctx,
		data:   data,
		max:    opt.MaxDepth,
		b:      document.NewBuilder("", document.RTF),
		cp:     charmap.Windows1252,
		styles: map[int]int{},
		st:     state{uc: 1},
	}
	if err := p.run(); err != nil {
		return nil, err
	}
	p.endParagraph()
	doc := p.b.Document()
	if len(doc.Blocks) == 0 {
		return nil, fault.New(fault.Empty, "no text found in the RTF file")
	}
	return doc, nil
}

// dest is where the text of a group goes.
type dest int

const (
	body      dest = iota
	skip           // a destination without body text
	note           // footnote
	furniture      // header or footer
	listNum        // \listtext or \pntext: the visible list number
	sheet          // the style sheet, around its entries
	styleName      // a style sheet entry, to learn heading styles
)

// state is what an RTF group scopes: it is saved at '{' and restored at '}'.
type state struct {
	dest    dest
	owner   bool // this group opened dest
	starred bool // \* seen: an unknown destination follows
	uc      int  // bytes to skip after \uN
	outer   dest // the destination around a \upr group, for its \ud part
	// paragraph properties
	style   int
	outline int // \outlinelevelN + 1; 0 when none
	intbl   bool
	ilvl    int
	list    bool // \lsN: a list paragraph
}

type parser struct {
	ctx  context.Context
	data []byte
	pos  int
	max  int
	b    *document.Builder
	cp   *charmap.Charmap

	st    state
	stack []state

	para    strings.Builder // text of the body paragraph being read
	paraSt  state           // the paragraph properties when its text began
	number  string          // list number from \listtext of this paragraph
	aside   strings.Builder // text of the current note/furniture/list/style group
	pending int             // bytes still to skip after a \uN
	high    rune            // a high surrogate waiting for its low half
	styles  map[int]int     // style number -> heading level
	styleN  int             // \sN of the style sheet entry being read

	table    int // tables seen
	row, col int
	inTable  bool // the last body paragraph was in a table
	warnedCP bool
}

func (p *parser) run() error {
	data := p.data
	steps := 0
	for p.pos < len(data) {
		if steps++; steps%(1<<16) == 0 {
			if err := p.ctx.Err(); err != nil {
				return fault.Wrap(fault.Timeout, err, "reading the RTF was cancelled")
			}
			// extract refuses a document past document.MaxBlocks
			// whatever follows, so the rest need not be read.
			if p.b.Full() {
				return nil
			}
		}
		c := data[p.pos]
		switch c {
		case '{':
			p.pos++
			if len(p.stack) >= p.max {
				return fault.New(fault.Invalid, "the RTF is nested too deeply (over %d levels); the file is damaged or malicious", p.max)
			}
			p.stack = append(p.stack, p.st)
			p.st.owner, p.st.starred = false, false
			p.pending = 0
		case '}':
			p.pos++
			if len(p.stack) == 0 {
				return nil // the end of the document; anything after is ignored
			}
			p.closeGroup()
		case '\\':
			p.pos++
			p.control()
		case '\r', '\n':
			p.pos++
		default:
			// Plain text up to the next special byte, in one step.
			end := p.pos + 1
			for end < len(data) && data[end] != '{' && data[end] != '}' && data[end] != '\\' && data[end] != '\r' && data[end] != '\n' {
				end++
			}
			for _, b := range data[p.pos:end] {
				p.byteText(b)
			}
			p.pos = end
		}
	}
	if len(p.stack) > 0 {
		p.b.Warn("the RTF file ends before its last group is closed; it may be truncated")
	}
	return nil
}

// closeGroup ends a group, delivering the text of a destination it opened.
func (p *parser) closeGroup() {
	closing := p.st
	p.st = p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	p.pending = 0
	if !closing.owner || closing.dest == p.st.dest {
		return
	}
	text := p.aside.String()
	p.aside.Reset()
	switch closing.dest {
	case note:
		p.b.AddNote(text)
	case furniture:
		p.b.AddFurniture(text)
	case listNum:
		p.number = strings.TrimSpace(document.Normalize(text))
	case styleName:
		name := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), ";")))
		if lvl, ok := headingStyle(name); ok {
			p.styles[p.styleN] = lvl
		}
	}
}

// headingStyle returns the level of a heading style name ("heading 2").
func headingStyle(name string) (int, bool) {
	if name == "title" {
		return 1, true
	}
	rest, ok := strings.CutPrefix(name, "heading")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(rest))
	if err != nil || n < 1 || n > 9 {
		return 0, false
	}
	return n, true
}

// control reads a control word or symbol after its backslash.
func (p *parser) control() {
	data := p.data
	if p.pos >= len(data) {
		return
	}
	c := data[p.pos]
	if !isLetter(c) {
		p.pos++
		p.symbol(c)
		return
	}
	start := p.pos
	for p.pos < len(data) && isLetter(data[p.pos]) && p.pos-start < 32 {
		p.pos++
	}
	word := string(data[start:p.pos])
	param, hasParam := 0, false
	if p.pos < len(data) && (data[p.pos] == '-' || isDigit(data[p.pos])) {
		ps := p.pos
		if data[p.pos] == '-' {
			p.pos++
		}
		for p.pos < len(data) && isDigit(data[p.pos]) && p.pos-ps < 10 {
			p.pos++
		}
		param, _ = strconv.Atoi(string(data[ps:p.pos]))
		hasParam = true
	}
	if p.pos < len(data) && data[p.pos] == ' ' {
		p.pos++ // the delimiter space belongs to the control word
	}
	p.word(word, param, hasParam)
}

func (p *parser) symbol(c byte) {
	switch c {
	case '\'':
		if p.pos+2 <= len(p.data) {
			if v, err := strconv.ParseUint(string(p.data[p.pos:p.pos+2]), 16, 8); err == nil {
				p.pos += 2
				p.byteText(byte(v))
				return
			}
		}
	case '\\', '{', '}':
		p.byteText(c)
	case '~':
		p.text('\u00a0')
	case '_':
		p.text('\u2011')
	case '-':
		// an optional hyphen: invisible unless the word breaks
	case '*':
		p.st.starred = true
	case '\r', '\n':
		p.word("par", 0, false)
	case '\t':
		p.text('\t')
	}
}

// destinations whose groups hold no body text.
var skipped = map[string]bool{
	"fonttbl": true, "colortbl": true, "info": true, "pict": true, "object": true,
	"listtable": true, "listoverridetable": true, "revtbl": true, "rsidtbl": true,
	"generator": true, "xmlnstbl": true, "themedata": true, "colorschememapping": true,
	"latentstyles": true, "datastore": true, "fldinst": true, "nonshppict": true,
	"shpinst": true, "background": true, "template": true, "filetbl": true, "pn": true,
	"private": true, "mmathPr": true, "defchp": true, "defpap": true,
}

func (p *parser) word(w string, n int, hasParam bool) {
	if p.st.starred {
		p.st.starred = false
		if w != "ud" && w != "footnote" {
			p.open(skip)
			return
		}
	}
	switch w {
	case "bin":
		// Binary data: skip it whatever the destination.
		if n > 0 {
			p.pos = min(p.pos+n, len(p.data))
		}
		return
	case "ud":
		// The Unicode alternative of a \upr group: read it as the text
		// around the group.
		p.st.dest, p.st.owner = p.st.outer, false
		return
	case "upr":
		p.st.outer = p.st.dest
		p.open(skip)
		return
	}
	if p.st.dest == skip {
		return
	}
	if skipped[w] {
		p.open(skip)
		return
	}
	switch w {
	case "stylesheet":
		p.open(sheet)
	case "s":
		if p.st.dest == sheet {
			p.open(styleName)
			p.styleN = n
			return
		}
		p.st.style = n
	case "cs", "ds", "ts", "tsrowd":
		if p.st.dest == sheet {
			p.open(skip)
		}
	case "footnote":
		p.open(note)
	case "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf":
		p.open(furniture)
	case "listtext", "pntext":
		p.open(listNum)
	case "ansicpg":
		p.setCodePage(n)
	case "mac":
		p.cp = charmap.Macintosh
	case "pc":
		p.cp = charmap.CodePage437
	case "pca":
		p.cp = charmap.CodePage850
	case "uc":
		if n >= 0 && n < 16 {
			p.st.uc = n
		}
	case "u":
		if !hasParam {
			return
		}
		r := rune(n)
		if r < 0 {
			r += 65536
		}
		p.unicode(r)
		p.pending = p.st.uc
	case "par", "sect", "page":
		p.paragraphMark(false)
	case "line":
		p.paragraphMark(true)
	case "cell", "nestcell":
		p.endCell()
	case "row":
		p.row++
		p.col = 0
	case "tab":
		p.text('\t')
	case "pard":
		p.st.style, p.st.outline, p.st.intbl, p.st.ilvl, p.st.list = 0, 0, false, 0, false
	case "intbl":
		p.st.intbl = true
	case "outlinelevel":
		if n >= 0 && n < 9 {
			p.st.outline = n + 1
		}
	case "ilvl":
		p.st.ilvl = max(n, 0)
	case "ls":
		p.st.list = true
	case "emdash":
		p.text('—')
	case "endash":
		p.text('–')
	case "lquote":
		p.text('‘')
	case "rquote":
		p.text('’')
	case "ldblquote":
		p.text('“')
	case "rdblquote":
		p.text('”')
	case "bullet":
		p.text('•')
	case "emspace", "enspace", "qmspace":
		p.text(' ')
	case "chftn":
		// the automatic footnote number; the note keeps its text only
	}
}

// open makes the current group a destination of kind d.
func (p *parser) open(d dest) {
	if p.st.dest == d {
		return
	}
	p.st.dest = d
	p.st.owner = true
	if d == note || d == furniture || d == listNum || d == styleName {
		p.aside.Reset()
	}
}

func (p *parser) setCodePage(n int) {
	pages := map[int]*charmap.Charmap{
		437: charmap.CodePage437, 850: charmap.CodePage850, 852: charmap.CodePage852,
		855: charmap.CodePage855, 858: charmap.CodePage858, 860: charmap.CodePage860,
		862: charmap.CodePage862, 863: charmap.CodePage863, 865: charmap.CodePage865,
		866: charmap.CodePage866, 874: charmap.Windows874, 1250: charmap.Windows1250,
		1251: charmap.Windows1251, 1252: charmap.Windows1252, 1253: charmap.Windows1253,
		1254: charmap.Windows1254, 1255: charmap.Windows1255, 1256: charmap.Windows1256,
		1257: charmap.Windows1257, 1258: charmap.Windows1258, 10000: charmap.Macintosh,
		20866: charmap.KOI8R, 28591: charmap.ISO8859_1, 28592: charmap.ISO8859_2,
		28595: charmap.ISO8859_5, 28597: charmap.ISO8859_7, 28605: charmap.ISO8859_15,
	}
	if cp, ok := pages[n]; ok {
		p.cp = cp
		return
	}
	if !p.warnedCP {
		p.warnedCP = true
		p.b.Warn("the RTF file uses code page " + strconv.Itoa(n) + ", which TermScore reads as Windows-1252; characters outside it may be wrong")
	}
}

// byteText handles one byte of text, raw or from \'hh, in the code page.
func (p *parser) byteText(b byte) {
	if p.pending > 0 {
		p.pending-- // the fallback of a preceding \uN
		return
	}
	p.text(p.cp.DecodeByte(b))
}

// unicode handles a \uN character, joining surrogate pairs.
func (p *parser) unicode(r rune) {
	switch {
	case utf16.IsSurrogate(r) && r < 0xdc00:
		p.high = r
		return
	case utf16.IsSurrogate(r) && p.high != 0:
		r = utf16.DecodeRune(p.high, r)
	case utf16.IsSurrogate(r):
		r = '\ufffd'
	}
	p.high = 0
	p.pending = 0
	p.text(r)
}

func (p *parser) text(r rune) {
	switch p.st.dest {
	case skip, sheet:
		return
	case body:
		if p.para.Len() == 0 {
			p.paraSt = p.st
		}
		p.para.WriteRune(r)
	default:
		p.aside.WriteRune(r)
	}
}

// paragraphMark handles \par (and \line when soft): it ends a paragraph
// outside a table and breaks the line inside a cell.
func (p *parser) paragraphMark(soft bool) {
	switch p.st.dest {
	case body:
	case skip, sheet:
		return
	default:
		p.aside.WriteByte(' ')
		return
	}
	if p.st.intbl || (soft && p.paraSt.intbl && p.para.Len() > 0) {
		p.para.WriteByte(' ')
		return
	}
	p.endParagraph()
}

// endParagraph adds the body paragraph read so far as a block.
func (p *parser) endParagraph() {
	text := p.para.String()
	p.para.Reset()
	number := p.number
	p.number = ""
	if document.Normalize(text) == "" {
		return
	}
	st := p.paraSt
	p.inTable = false
	blk := document.Block{Kind: document.Paragraph}
	level := p.styles[st.style]
	if st.outline > 0 {
		level = st.outline
	}
	switch {
	case level > 0 && segment.IsTitle(document.Normalize(text)):
		// Templates often give every numbered clause a heading style;
		// a person reads only the titles as headings.
		blk.Kind = document.Heading
		blk.Level = level
	case st.list || number != "":
		blk.Kind = document.ListItem
		blk.Level = st.ilvl
	}
	if hasAlnum(number) {
		blk.Number = number
	}
	p.b.Add(blk, text)
}

// endCell adds the text of a table cell.
func (p *parser) endCell() {
	if p.st.dest != body {
		return
	}
	if !p.inTable {
		p.table++
		p.row, p.col = 1, 0
		p.inTable = true
	}
	p.col++
	text := p.para.String()
	p.para.Reset()
	if n := p.number; hasAlnum(n) {
		text = n + " " + text
	}
	p.number = ""
	p.b.Add(document.Block{Kind: document.TableCell, Source: document.Source{Table: p.table, Row: p.row, Col: p.col}}, text)
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
