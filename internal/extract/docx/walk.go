package docx

import (
	"context"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/termscore/termscore/internal/extract/zipsafe"
	"github.com/termscore/termscore/internal/fault"
)

// WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// para is one w:p as read from a part.
type para struct {
	index    int // ordinal of the w:p start tag in the part
	text     strings.Builder
	runs     int // w:r elements met so far in this paragraph
	firstRun int // index of the first run that contributed text, -1 if none

	style       string
	numID       string // "" when the paragraph has no w:numId of its own
	ilvl        int    // -1 when not set on the paragraph
	outline     int    // -1 when not set on the paragraph
	markDeleted bool   // the paragraph mark is a tracked deletion: it merges with the next
	sectBreak   bool   // the paragraph mark ends a section (w:pPr/w:sectPr)
	skip        bool   // the paragraph is not part of the current text (fallback content, deleted row)

	table, row, col int // position of the innermost enclosing table cell, 0 outside tables
	note            int // ordinal of the enclosing w:footnote / w:endnote, 0 outside
}

// tableFrame is an open w:tbl.
type tableFrame struct {
	num, row, col int
	rowDeleted    bool
}

// walker streams one part and reports each paragraph, in the order its
// end tag is met, to emit.
type walker struct {
	ctx    context.Context
	x      *zipsafe.XMLDecoder
	styles *styles
	emit   func(*para)

	paras  []*para // open paragraphs: text-box paragraphs nest inside another
	tables []tableFrame
	fields []bool // open complex fields: true once past w:fldChar "separate"

	nParas, nTables, nNotes int

	deleted  int  // open w:del / w:moveFrom elements
	fallback int  // open mc:Fallback elements
	inText   bool // inside w:t
	runHide  bool // the current run is hidden (w:vanish)
	stack    []xml.Name

	maxText  int64
	textUsed *int64      // shared by the parts of one document
	full     func() bool // nil, or true once the document has too many blocks
}

func (w *walker) cur() *para {
	if len(w.paras) == 0 {
		return nil
	}
	return w.paras[len(w.paras)-1]
}

// parent returns the name of the element enclosing the one just opened.
func (w *walker) parent(up int) xml.Name {
	if i := len(w.stack) - 1 - up; i >= 0 {
		return w.stack[i]
	}
	return xml.Name{}
}

func (w *walker) visible() bool {
	if w.deleted > 0 || w.fallback > 0 || w.runHide {
		return false
	}
	for _, res := range w.fields {
		if !res {
			return false // inside a field's instructions
		}
	}
	p := w.cur()
	return p != nil && !p.skip
}

func (w *walker) add(s string) {
	if !w.visible() {
		return
	}
	p := w.cur()
	if p.firstRun < 0 && strings.TrimSpace(s) != "" {
		p.firstRun = p.runs - 1
		if p.firstRun < 0 {
			p.firstRun = 0
		}
	}
	p.text.WriteString(s)
}

// changeRecords hold the previous formatting of tracked changes; their
// content is not the current document.
var changeRecords = map[string]bool{
	"pPrChange": true, "rPrChange": true, "tblPrChange": true, "trPrChange": true, "tcPrChange": true,
	"sectPrChange": true, "numberingChange": true, "tblGridChange": true, "tblPrExChange": true,
}

func (w *walker) run() error {
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
			if w.full != nil && w.full() {
				return nil
			}
		}
		tok, err := w.x.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip, err := w.start(t); err != nil {
				return err
			} else if skip {
				if err := w.x.Skip(); err != nil {
					return err
				}
				continue
			}
			w.stack = append(w.stack, t.Name)
		case xml.EndElement:
			if len(w.stack) > 0 {
				w.stack = w.stack[:len(w.stack)-1]
			}
			w.end(t)
		case xml.CharData:
			if w.inText {
				if *w.textUsed += int64(len(t)); *w.textUsed > w.maxText {
					return fault.New(fault.TooLarge, "the document holds more than %d MiB of text: not a contract (a zip bomb?)", w.maxText>>20)
				}
				w.add(string(t))
			}
		}
	}
}

// start handles a start tag; skip asks for the element to be skipped whole.
func (w *walker) start(t xml.StartElement) (skip bool, err error) {
	if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
		w.fallback++ // the same content as mc:Choice, for older readers
		return false, nil
	}
	if !isW(t.Name) {
		return false, nil
	}
	p := w.cur()
	parent := w.parent(0)
	switch name := t.Name.Local; {
	case changeRecords[name]:
		return true, nil
	case name == "footnote" || name == "endnote":
		switch attr(t, "type") {
		case "separator", "continuationSeparator", "continuationNotice":
			return true, nil
		}
		w.nNotes++
	case name == "p":
		np := &para{index: w.nParas, firstRun: -1, ilvl: -1, outline: -1, note: w.nNotes,
			skip: w.fallback > 0 || (p != nil && p.skip)}
		w.nParas++
		if len(w.tables) > 0 {
			tf := w.tables[len(w.tables)-1]
			np.table, np.row, np.col = tf.num, tf.row, tf.col
			if tf.rowDeleted {
				np.skip = true
			}
		}
		w.paras = append(w.paras, np)
	case name == "tbl":
		w.nTables++
		w.tables = append(w.tables, tableFrame{num: w.nTables})
	case name == "tr":
		if len(w.tables) > 0 {
			tf := &w.tables[len(w.tables)-1]
			tf.row++
			tf.col = 0
			tf.rowDeleted = false
		}
	case name == "tc":
		if len(w.tables) > 0 {
			w.tables[len(w.tables)-1].col++
		}
	case name == "del" || name == "moveFrom":
		switch {
		case parent.Local == "trPr" && len(w.tables) > 0:
			w.tables[len(w.tables)-1].rowDeleted = true // a deleted table row
		case parent.Local == "rPr" && w.parent(1).Local == "pPr" && p != nil:
			p.markDeleted = true
		}
		w.deleted++
	case name == "r":
		if p != nil {
			p.runs++
		}
		w.runHide = false
	case name == "vanish" || name == "specVanish":
		if parent.Local == "rPr" && w.parent(1).Local == "r" && (&val{Val: attrPtr(t, "val")}).on() {
			w.runHide = true
		}
	case name == "rStyle":
		if parent.Local == "rPr" && w.parent(1).Local == "r" && w.styles.vanish(attr(t, "val")) {
			w.runHide = true
		}
	case name == "sectPr":
		if parent.Local == "pPr" && p != nil {
			p.sectBreak = true
		}
		return true, nil
	case name == "pStyle":
		if parent.Local == "pPr" && p != nil {
			p.style = attr(t, "val")
		}
	case name == "numId":
		if parent.Local == "numPr" && w.parent(1).Local == "pPr" && p != nil {
			p.numID = attr(t, "val")
		}
	case name == "ilvl":
		if parent.Local == "numPr" && w.parent(1).Local == "pPr" && p != nil {
			if n, ok := atoi(attr(t, "val")); ok {
				p.ilvl = n
			}
		}
	case name == "outlineLvl":
		if parent.Local == "pPr" && p != nil {
			if n, ok := atoi(attr(t, "val")); ok {
				p.outline = n
			}
		}
	case name == "t":
		w.inText = parent.Local == "r"
	case name == "tab" || name == "ptab":
		if parent.Local == "r" {
			w.add("\t")
		}
	case name == "br" || name == "cr":
		if parent.Local == "r" {
			w.add(" ")
		}
	case name == "noBreakHyphen":
		w.add("-")
	case name == "sym":
		w.add(symbol(attr(t, "char")))
	case name == "fldChar":
		switch attr(t, "fldCharType") {
		case "begin":
			if len(w.fields) < 64 {
				w.fields = append(w.fields, false)
			}
		case "separate":
			if len(w.fields) > 0 {
				w.fields[len(w.fields)-1] = true
			}
		case "end":
			if len(w.fields) > 0 {
				w.fields = w.fields[:len(w.fields)-1]
			}
		}
	}
	return false, nil
}

func (w *walker) end(t xml.EndElement) {
	if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
		w.fallback--
		return
	}
	if !isW(t.Name) {
		return
	}
	switch t.Name.Local {
	case "p":
		if p := w.cur(); p != nil {
			w.paras = w.paras[:len(w.paras)-1]
			w.emit(p)
		}
	case "tbl":
		if len(w.tables) > 0 {
			w.tables = w.tables[:len(w.tables)-1]
		}
	case "del", "moveFrom":
		w.deleted--
	case "r":
		w.runHide = false
	case "t":
		w.inText = false
	}
}

func attrPtr(t xml.StartElement, local string) *string {
	for i := range t.Attr {
		if t.Attr[i].Name.Local == local {
			return &t.Attr[i].Value
		}
	}
	return nil
}

func attr(t xml.StartElement, local string) string {
	if p := attrPtr(t, local); p != nil {
		return *p
	}
	return ""
}

// symbol renders a w:sym character. Symbol fonts put their glyphs in the
// private-use area F000–F0FF; the common check boxes and bullets are mapped,
// other private-use glyphs are dropped.
func symbol(hex string) string {
	v, err := strconv.ParseUint(strings.TrimSpace(hex), 16, 32)
	if err != nil || v == 0 || v > 0x10FFFF {
		return ""
	}
	switch r := rune(v); {
	case r >= 0xF000 && r <= 0xF0FF:
		switch r - 0xF000 {
		case 0xA8, 0x6F, 0xA3: // Wingdings empty boxes
			return "☐"
		case 0xFE, 0x78, 0xFD: // Wingdings ticked / crossed boxes
			return "☒"
		case 0xB7, 0x9F, 0xA7, 0x6C: // Symbol and Wingdings bullets
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
