package odt

import (
	"context"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/termscore/termscore/internal/extract/zipsafe"
	"github.com/termscore/termscore/internal/fault"
)

// OpenDocument namespaces.
const (
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsSVG    = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
)

// para is one text:p or text:h.
type para struct {
	index     int
	text      strings.Builder
	heading   bool
	listItem  bool
	level     int
	number    string
	furniture bool // in a page header or footer of styles.xml

	table, row, col int
}

type tableFrame struct {
	num, row, col, nextRow, nextCol int
}

// listFrame is an open text:list.
type listFrame struct {
	style    string
	level    int // 1-based
	counters *counters
}

// itemFrame is an open text:list-item or text:list-header.
type itemFrame struct {
	header   bool
	start    int // text:start-value, 0 if none
	numbered bool
}

type walker struct {
	ctx    context.Context
	x      *zipsafe.XMLDecoder
	styles *styles
	emit   func(*para)
	note   func(string)

	paras  []*para
	tables []tableFrame
	lists  []listFrame
	items  []itemFrame
	notes  []*strings.Builder // open note bodies

	nParas, nTables int
	furniture       int // open style:header / style:footer elements
	curList         *listStyle
	stack           []xml.Name

	maxText  int64
	textUsed *int64
	full     func() bool // nil, or true once the document has too many blocks
}

func (w *walker) cur() *para {
	if len(w.paras) == 0 {
		return nil
	}
	return w.paras[len(w.paras)-1]
}

func (w *walker) add(s string) error {
	p := w.cur()
	if p == nil {
		return nil
	}
	if *w.textUsed += int64(len(s)); *w.textUsed > w.maxText {
		return fault.New(fault.TooLarge, "the document holds more than %d MiB of text: not a contract (a zip bomb?)", w.maxText>>20)
	}
	p.text.WriteString(s)
	return nil
}

func (w *walker) parent() xml.Name {
	if len(w.stack) > 0 {
		return w.stack[len(w.stack)-1]
	}
	return xml.Name{}
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
			skip, err := w.start(t)
			if err != nil {
				return err
			}
			if skip {
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
			if err := w.add(string(t)); err != nil {
				return err
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func count(s string, def, limit int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return def
	}
	return min(n, limit)
}

func (w *walker) start(t xml.StartElement) (skip bool, err error) {
	name := t.Name.Local
	switch t.Name.Space {
	case nsOffice:
		switch name {
		case "annotation", "forms":
			return true, nil
		}
	case nsSVG:
		if name == "title" || name == "desc" {
			return true, nil // alternative text of drawings
		}
	case nsStyle:
		switch name {
		case "header", "footer", "header-left", "footer-left", "header-first", "footer-first":
			w.furniture++
		case "style":
			if attr(t, "family") == "paragraph" {
				w.styles.paras[attr(t, "name")] = paraStyle{display: attr(t, "display-name"),
					parent: attr(t, "parent-style-name"), outline: count(attr(t, "default-outline-level"), 0, maxLevels)}
			}
		}
	case nsTable:
		switch name {
		case "table":
			w.nTables++
			w.tables = append(w.tables, tableFrame{num: w.nTables, nextRow: 1})
		case "table-row":
			if len(w.tables) > 0 {
				tf := &w.tables[len(w.tables)-1]
				tf.row = tf.nextRow
				tf.nextRow += count(attr(t, "number-rows-repeated"), 1, 1<<20)
				tf.nextCol = 1
			}
		case "table-cell", "covered-table-cell":
			if len(w.tables) > 0 {
				tf := &w.tables[len(w.tables)-1]
				tf.col = tf.nextCol
				tf.nextCol += count(attr(t, "number-columns-repeated"), 1, 1<<20)
			}
		}
	case nsText:
		if strings.HasSuffix(name, "-source") {
			return true, nil // index templates, not displayed
		}
		switch name {
		case "tracked-changes", "note-citation", "hidden-text":
			return true, nil
		case "list-style", "outline-style":
			w.curList = w.styles.list(attr(t, "name"), name == "outline-style")
		case "list-level-style-number", "list-level-style-bullet", "list-level-style-image", "outline-level-style":
			if w.curList != nil {
				w.curList.setLevel(t)
			}
		case "list":
			w.openList(t)
		case "list-item", "list-header":
			w.items = append(w.items, itemFrame{header: name == "list-header", start: count(attr(t, "start-value"), 0, 1<<30)})
		case "note-body":
			w.notes = append(w.notes, new(strings.Builder))
		case "p", "h":
			w.openPara(t)
		case "s":
			return false, w.add(strings.Repeat(" ", count(attr(t, "c"), 1, 1000)))
		case "tab":
			return false, w.add("\t")
		case "line-break":
			return false, w.add(" ")
		}
	}
	return false, nil
}

func (w *walker) openList(t xml.StartElement) {
	style := attr(t, "style-name")
	if len(w.lists) > 0 {
		outer := w.lists[len(w.lists)-1]
		if style == "" {
			style = outer.style
		}
		w.lists = append(w.lists, listFrame{style: style, level: outer.level + 1, counters: outer.counters})
		return
	}
	var c *counters
	if id := attr(t, "continue-list"); id != "" {
		c = w.styles.listByID[id]
	} else if attr(t, "continue-numbering") == "true" {
		c = w.styles.lastList[style]
	}
	if c == nil {
		c = new(counters)
	}
	if id := attr(t, "id"); id != "" {
		w.styles.listByID[id] = c
	}
	w.styles.lastList[style] = c
	w.lists = append(w.lists, listFrame{style: style, level: 1, counters: c})
}

func (w *walker) openPara(t xml.StartElement) {
	p := &para{index: w.nParas, furniture: w.furniture > 0}
	w.nParas++
	if len(w.tables) > 0 {
		tf := w.tables[len(w.tables)-1]
		p.table, p.row, p.col = tf.num, tf.row, tf.col
	}
	heading := t.Name.Local == "h"
	outline := 0
	if heading {
		outline = count(attr(t, "outline-level"), 1, 10)
		p.heading, p.level = true, outline
	} else if lvl, ok := w.styles.heading(attr(t, "style-name")); ok {
		// A paragraph in a heading style that LibreOffice did not
		// write as text:h (a Word heading style without outline level).
		p.heading, p.level = true, lvl
	}
	parent := w.parent()
	inItem := parent.Space == nsText && (parent.Local == "list-item" || parent.Local == "list-header")
	switch {
	case inItem && len(w.lists) > 0 && len(w.items) > 0:
		it := &w.items[len(w.items)-1]
		if it.header || it.numbered {
			break // a list header or a continuation paragraph: no number
		}
		it.numbered = true
		lf := w.lists[len(w.lists)-1]
		number, bullet := w.styles.next(lf.style, false, lf.counters, lf.level, it.start)
		if !p.heading {
			p.listItem, p.level = true, lf.level-1
		} else if number != "" {
			p.level = lf.level
		}
		if !bullet {
			p.number = number
		}
	case heading && attr(t, "is-list-header") != "true":
		number, _ := w.styles.next("", true, &w.styles.outlineCounters, outline, 0)
		p.number = number
	}
	w.paras = append(w.paras, p)
}

func (w *walker) end(t xml.EndElement) {
	name := t.Name.Local
	switch t.Name.Space {
	case nsStyle:
		switch name {
		case "header", "footer", "header-left", "footer-left", "header-first", "footer-first":
			w.furniture--
		}
	case nsTable:
		if name == "table" && len(w.tables) > 0 {
			w.tables = w.tables[:len(w.tables)-1]
		}
	case nsText:
		switch name {
		case "list-style", "outline-style":
			w.curList = nil
		case "list":
			if len(w.lists) > 0 {
				w.lists = w.lists[:len(w.lists)-1]
			}
		case "list-item", "list-header":
			if len(w.items) > 0 {
				w.items = w.items[:len(w.items)-1]
			}
		case "note":
			if len(w.notes) > 0 {
				n := w.notes[len(w.notes)-1]
				w.notes = w.notes[:len(w.notes)-1]
				if w.note != nil {
					w.note(n.String())
				}
			}
		case "p", "h":
			p := w.cur()
			if p == nil {
				return
			}
			w.paras = w.paras[:len(w.paras)-1]
			if len(w.notes) > 0 {
				nb := w.notes[len(w.notes)-1]
				nb.WriteString(p.text.String())
				nb.WriteByte(' ')
				return
			}
			w.emit(p)
		}
	}
}
