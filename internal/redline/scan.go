package redline

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/fault"
)

// WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// A span is a half-open byte range of the part being rewritten.
type span struct{ start, end int }

func (s span) ok() bool { return s.end > s.start }

// part is word/document.xml scanned into the paragraphs and runs a writer
// needs: for each w:p its byte range and, for each character the DOCX
// reader shows, the run and position it comes from. The scan mirrors the
// visibility rules of internal/extract/docx (deleted text, fallback
// content, hidden runs and field instructions are not shown), so that the
// characters line up with the reader's block text.
type part struct {
	data    []byte
	paras   []*pinfo // by ordinal of the w:p start tag
	emitted []*pinfo // in the order the reader emits them (end tags)
	bodyEnd int      // where a paragraph appended to the body goes
	maxID   int      // highest numeric w:id met
	// fields are the outermost complex fields (w:fldChar begin … end),
	// by id - 1; an item's field names the one it belongs to.
	fields []field
}

// field is one outermost complex field: the runs holding its field
// characters and instructions, and the characters of its result.
type field struct {
	para  *pinfo
	runs  []*rinfo
	chars []int // indices in para.chars() of its visible result
	// whole is false when it spans paragraphs, lies in content already
	// deleted or in an alternative, or is not closed: then never struck.
	whole bool
}

type pinfo struct {
	index int
	span  span // <w:p …> … </w:p>
	pPr   span // the w:pPr element, if any
	// segs are the characters the reader shows, a stretch of a run's
	// item to each; chars spells them out for the paragraphs a change
	// needs. A rawChar for every character of the part took 48 bytes a
	// character, more as the slices grew: redlining 4 MB of text
	// allocated 550 MB for them.
	segs        []charSeg
	nChars      int       // how many characters segs hold
	cache       []rawChar // chars, once asked for
	table       int       // 1-based ordinal of the innermost enclosing w:tbl
	row, col    int
	outerTable  int // ordinal of the outermost enclosing w:tbl, 0 outside tables
	markDeleted bool
	skip        bool
}

// rawChar is one character the reader shows: a rune of a w:t, or the
// character a w:tab, w:br or w:sym stands for.
type rawChar struct {
	r    rune
	para *pinfo
	run  *rinfo
	item int // index in run.items
	off  int // rune offset within the item's text
	i    int // index in para.chars()
}

// charSeg is n characters of one item of run, shown at offsets off,
// off+1 … of the item: the n runes from byte text of the item's decoded
// text, or, with text < 0, the one character r an element stands for
// (w:tab).
type charSeg struct {
	run             *rinfo
	item, off, text int
	n               int
	r               rune
}

// chars returns the characters of p the reader shows, in order.
func (p *pinfo) chars() []rawChar {
	if p.cache != nil || p.nChars == 0 {
		return p.cache
	}
	p.cache = make([]rawChar, 0, p.nChars)
	for _, s := range p.segs {
		text := s.run.items[s.item].text[max(s.text, 0):]
		for k := range s.n {
			c := rawChar{r: s.r, para: p, run: s.run, item: s.item, off: s.off + k, i: len(p.cache)}
			if s.text >= 0 {
				var size int
				c.r, size = utf8.DecodeRune(text)
				text = text[size:]
			}
			p.cache = append(p.cache, c)
		}
	}
	return p.cache
}

type rinfo struct {
	para     *pinfo // the paragraph whose text the run holds
	span     span
	startTag span // the run's start tag, reused for each piece of a split run
	rPr      span
	items    []item
}

type itemKind int

const (
	itemOther itemKind = iota // copied as is (w:tab, w:br, w:drawing, w:fldChar …)
	itemText                  // w:t: rewritten from its decoded text
	itemInstr                 // w:instrText: becomes w:delInstrText when struck
)

// item is one child element of a w:r.
type item struct {
	kind    itemKind
	span    span
	text    []byte // decoded text of a w:t, in UTF-8 (as runes, 4 bytes a character)
	visible int    // characters the reader shows from this item
	field   int    // id of the outermost field it is part of, 0 outside
}

type frame struct {
	name  xml.Name
	start int
	para  *pinfo // paragraph opened by this element
	run   *rinfo // run opened by this element
	item  bool   // this element is a direct child of a run
	field int    // outermost field open when it started (see item.field)
}

type tableFrame struct {
	num, row, col int
	rowDeleted    bool
}

// scanPart scans a WordprocessingML part.
func scanPart(data []byte, maxDepth int) (*part, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	pt := &part{data: data, bodyEnd: -1}
	var (
		stack    []frame
		paras    []*pinfo
		runs     []*rinfo
		tables   []tableFrame
		fields   []bool
		outer    int // id of the outermost open field, 0 when none
		nTables  int
		deleted  int
		fallback int
		runHide  bool
		inText   bool
	)
	parent := func(up int) xml.Name {
		if i := len(stack) - 1 - up; i >= 0 {
			return stack[i].name
		}
		return xml.Name{}
	}
	visible := func() bool {
		if deleted > 0 || fallback > 0 || runHide || len(paras) == 0 || paras[len(paras)-1].skip {
			return false
		}
		for _, res := range fields {
			if !res {
				return false
			}
		}
		return true
	}
	// inField records that run r holds an item of field id (0: none).
	inField := func(r *rinfo, id int) {
		if id == 0 {
			return
		}
		f := &pt.fields[id-1]
		if deleted > 0 || fallback > 0 || r.para != f.para {
			f.whole = false
		}
		if n := len(f.runs); n == 0 || f.runs[n-1] != r {
			f.runs = append(f.runs, r)
		}
	}
	// resultChar records that the next character of p is shown by the
	// open field, if any.
	// resultChars records that the next n characters of p are the
	// visible result of the outermost open field, if any.
	resultChars := func(p *pinfo, n int) {
		if outer == 0 {
			return
		}
		f := &pt.fields[outer-1]
		if p != f.para {
			f.whole = false
		}
		for k := range n {
			f.chars = append(f.chars, p.nChars+k)
		}
	}
	curRun := func() *rinfo {
		if len(runs) == 0 {
			return nil
		}
		return runs[len(runs)-1]
	}
	for {
		start := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			if len(stack) > 0 {
				return nil, fault.Wrap(fault.Invalid, io.ErrUnexpectedEOF, "damaged XML in word/document.xml")
			}
			break
		}
		if err != nil {
			return nil, fault.Wrap(fault.Invalid, err, "damaged XML in word/document.xml")
		}
		end := int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, fault.New(fault.Invalid, "word/document.xml: XML nested deeper than %d levels; the file is damaged or crafted", maxDepth)
			}
			for _, a := range t.Attr {
				if a.Name.Local == "id" && isW(a.Name) {
					if n, err := strconv.Atoi(a.Value); err == nil && n > pt.maxID && n < 1<<30 {
						pt.maxID = n
					}
				}
			}
			f := frame{name: t.Name, start: start, field: outer}
			if r := curRun(); r != nil && len(stack) > 0 && stack[len(stack)-1].run == r {
				f.item = true
			}
			par := parent(0)
			if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
				fallback++
			}
			if isW(t.Name) {
				var p *pinfo
				if len(paras) > 0 {
					p = paras[len(paras)-1]
				}
				switch name := t.Name.Local; {
				case changeRecords[name]:
					if err := d.Skip(); err != nil {
						return nil, fault.Wrap(fault.Invalid, err, "damaged XML in word/document.xml")
					}
					if f.item {
						r := curRun()
						r.items = append(r.items, item{span: span{start, int(d.InputOffset())}})
					}
					continue
				case name == "sectPr":
					if par.Local == "body" {
						pt.bodyEnd = start
					}
				case name == "p":
					np := &pinfo{index: len(pt.paras), skip: fallback > 0 || (p != nil && p.skip)}
					np.span.start = start
					if len(tables) > 0 {
						tf := tables[len(tables)-1]
						np.table, np.row, np.col = tf.num, tf.row, tf.col
						np.outerTable = tables[0].num
						if tf.rowDeleted {
							np.skip = true
						}
					}
					pt.paras = append(pt.paras, np)
					paras = append(paras, np)
					f.para = np
				case name == "tbl":
					nTables++
					tables = append(tables, tableFrame{num: nTables})
				case name == "tr":
					if len(tables) > 0 {
						tf := &tables[len(tables)-1]
						tf.row++
						tf.col = 0
						tf.rowDeleted = false
					}
				case name == "tc":
					if len(tables) > 0 {
						tables[len(tables)-1].col++
					}
				case name == "del" || name == "moveFrom":
					switch {
					case par.Local == "trPr" && len(tables) > 0:
						tables[len(tables)-1].rowDeleted = true
					case par.Local == "rPr" && parent(1).Local == "pPr" && p != nil:
						p.markDeleted = true
					}
					deleted++
				case name == "r":
					r := &rinfo{para: p, span: span{start, -1}, startTag: span{start, end}}
					runs = append(runs, r)
					f.run = r
					runHide = false
				case name == "vanish" || name == "specVanish":
					if par.Local == "rPr" && parent(1).Local == "r" && on(t) {
						runHide = true
					}
				case name == "t":
					inText = par.Local == "r"
					if f.item {
						r := curRun()
						r.items = append(r.items, item{kind: itemText, span: span{start, -1}, field: f.field})
						inField(r, f.field)
					}
				case name == "fldChar":
					switch attr(t, "fldCharType") {
					case "begin":
						if len(fields) == 0 {
							pt.fields = append(pt.fields, field{para: p, whole: true})
							outer = len(pt.fields)
							f.field = outer
						}
						if len(fields) < 64 {
							fields = append(fields, false)
						}
					case "separate":
						if len(fields) > 0 {
							fields[len(fields)-1] = true
						}
					case "end":
						if len(fields) > 0 {
							fields = fields[:len(fields)-1]
						}
						if len(fields) == 0 && outer > 0 {
							if pt.fields[outer-1].para != p {
								pt.fields[outer-1].whole = false
							}
							outer = 0
						}
					}
				}
				// Characters that stand for an element (the reader's rules).
				if f.item && visible() {
					var s string
					switch t.Name.Local {
					case "tab", "ptab":
						s = "\t"
					case "br", "cr":
						s = " "
					case "noBreakHyphen":
						s = "-"
					case "sym":
						s = symbol(attr(t, "char"))
					}
					if s != "" {
						r := curRun()
						p := paras[len(paras)-1]
						r.items = append(r.items, item{span: span{start, -1}, visible: 1, field: f.field})
						inField(r, f.field)
						resultChars(p, 1)
						p.segs = append(p.segs, charSeg{run: r, item: len(r.items) - 1, text: -1, n: 1, r: []rune(s)[0]})
						p.nChars++
						f.item = false // already recorded; its end closes it below
						f.name.Local = "\x00char"
					}
				}
			}
			stack = append(stack, f)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, fault.New(fault.Invalid, "damaged XML in word/document.xml")
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if r := curRun(); r != nil && len(stack) > 0 && stack[len(stack)-1].run == r {
				switch {
				case f.name.Local == "\x00char":
					r.items[len(r.items)-1].span.end = end
				case isW(f.name) && f.name.Local == "rPr":
					r.rPr = span{f.start, end}
				case f.item && isW(f.name) && f.name.Local == "t":
					// Its characters were added as it was read.
					r.items[len(r.items)-1].span.end = end
				case f.item:
					k := itemOther
					if isW(f.name) && f.name.Local == "instrText" {
						k = itemInstr
					}
					r.items = append(r.items, item{kind: k, span: span{f.start, end}, field: f.field})
					inField(r, f.field)
				}
			}
			if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
				fallback--
			}
			if !isW(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "p":
				if f.para != nil {
					f.para.span.end = end
					paras = paras[:len(paras)-1]
					if !f.para.skip {
						pt.emitted = append(pt.emitted, f.para)
					}
				}
			case "pPr":
				if len(paras) > 0 && len(stack) > 0 && stack[len(stack)-1].para != nil {
					paras[len(paras)-1].pPr = span{f.start, end}
				}
			case "tbl":
				if len(tables) > 0 {
					tables = tables[:len(tables)-1]
				}
			case "del", "moveFrom":
				deleted--
			case "r":
				if f.run != nil {
					f.run.span.end = end
					runs = runs[:len(runs)-1]
				}
				runHide = false
			case "t":
				inText = false
			case "body":
				if pt.bodyEnd < 0 {
					pt.bodyEnd = f.start + bytes.LastIndex(data[f.start:end], []byte("</"))
				}
			}
		case xml.CharData:
			if !inText || len(stack) == 0 {
				continue
			}
			r := curRun()
			top := stack[len(stack)-1]
			if r == nil || !top.item {
				continue
			}
			it := &r.items[len(r.items)-1]
			from := len(it.text)
			if !utf8.Valid(t) {
				// The decoder refuses such text; were it let through,
				// each bad byte would be shown (and written) as U+FFFD.
				t = []byte(string([]rune(string(t))))
			}
			if raw := data[start:end:end]; from == 0 && bytes.Equal(raw, t) {
				// Text written as is (no entity, no CDATA) is kept as
				// the part's own bytes, not a second copy of the
				// document's text; capped, so a later piece appended
				// copies it rather than writing over the part.
				it.text = raw
			} else {
				it.text = append(it.text, t...)
			}
			if n := utf8.RuneCount(t); n > 0 && visible() {
				p := paras[len(paras)-1]
				resultChars(p, n)
				p.segs = append(p.segs, charSeg{run: r, item: len(r.items) - 1, off: it.visible, text: from, n: n})
				p.nChars += n
				it.visible += n
			}
		}
	}
	if outer > 0 {
		pt.fields[outer-1].whole = false // never closed
	}
	if pt.bodyEnd < 0 {
		return nil, fault.New(fault.Invalid, "word/document.xml has no document body")
	}
	return pt, nil
}

// changeRecords hold the previous formatting of tracked changes.
var changeRecords = map[string]bool{
	"pPrChange": true, "rPrChange": true, "tblPrChange": true, "trPrChange": true, "tcPrChange": true,
	"sectPrChange": true, "numberingChange": true, "tblGridChange": true, "tblPrExChange": true,
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// on reports whether a toggle property (w:vanish) is switched on.
func on(t xml.StartElement) bool {
	for _, a := range t.Attr {
		if a.Name.Local == "val" {
			switch strings.ToLower(a.Value) {
			case "0", "false", "off":
				return false
			}
		}
	}
	return true
}

// symbol renders a w:sym character as the DOCX reader does.
func symbol(hex string) string {
	v, err := strconv.ParseUint(strings.TrimSpace(hex), 16, 32)
	if err != nil || v == 0 || v > 0x10FFFF {
		return ""
	}
	switch r := rune(v); {
	case r >= 0xF000 && r <= 0xF0FF:
		switch r - 0xF000 {
		case 0xA8, 0x6F, 0xA3:
			return "☐"
		case 0xFE, 0x78, 0xFD:
			return "☒"
		case 0xB7, 0x9F, 0xA7, 0x6C:
			return "•"
		case 0xFC:
			return "✓"
		}
		return ""
	case r >= 0xE000 && r <= 0xF8FF:
		return ""
	default:
		return string(r)
	}
}

func (p *part) String() string { return fmt.Sprintf("part(%d paragraphs)", len(p.paras)) }
