// Package docx reads Word DOCX files into a document.Document.
//
// It reads the text as Word displays it with all tracked changes accepted:
// insertions and moved-to text are kept, deletions and moved-from text
// dropped, hidden text (w:vanish) dropped, comments ignored, and of each
// field only its displayed result kept. Automatic numbering from
// word/numbering.xml is rendered as Word shows it ("1.", "1.1", "(a)") and
// put in Block.Number. Headers and footers go to Document.Furniture,
// footnotes and endnotes to Document.Notes; neither is part of the text.
//
// # Source locations
//
// Every block carries Source.Part = "word/document.xml" and two indices
// that let a writer find the paragraph again in the original file:
//
//   - Source.Paragraph is the 0-based ordinal of the paragraph's <w:p>
//     start tag among all <w:p> start tags of word/document.xml, in the
//     order they appear in the XML. Every w:p counts: those in tables,
//     text boxes, content controls, deleted table rows and mc:Fallback
//     branches too.
//   - Source.Run is the 0-based ordinal, among all <w:r> elements that are
//     descendants of that w:p (at any depth: inside w:hyperlink, w:ins,
//     w:del, w:sdt, w:fldSimple, w:smartTag …, deleted runs included, but
//     not runs of paragraphs nested in a text box of this one), of the
//     first run that contributed visible text.
//
// A table cell is one block (Kind TableCell) with Source.Table, Row and Col:
// Table is the 1-based ordinal of the <w:tbl> start tag in the part (nested
// tables count, in document order), Row the 1-based ordinal of the <w:tr>
// in its table, Col the 1-based ordinal of the <w:tc> in its row (merged
// cells are not expanded: a cell spanning two grid columns counts once).
// A cell's paragraphs are joined into its block, whose Paragraph and Run
// are those of the cell's first paragraph with text. A nested table
// splits its enclosing cell: the text before it, its cells, then the rest
// of the enclosing cell as a second block with the same coordinates.
//
// A heading (a paragraph whose style is "heading N" or "Title", or has an
// outline level) gets Kind Heading and Level N; a numbered heading's Level
// is its list level + 1, since templates often give every clause one
// heading style and let the list make 1 / 1.1 / (a). Such a paragraph that
// holds a clause's body, not only its title ("1.1 Services. Provider will
// …", see segment.IsTitle), is read as any other paragraph is. Other
// numbered paragraphs are Kind ListItem with Level = list level (0 =
// top); bullets have no Number.
//
// Paragraphs of a text box are reported as their own blocks, just before
// the paragraph that anchors the text box.
package docx

import (
	"context"
	"errors"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/zipsafe"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/segment"
)

// Options bound the reading of one file. Zero fields take the zipsafe
// defaults.
type Options struct {
	MaxUncompressed int64 // total bytes inflated from the container
	MaxXMLDepth     int   // nesting depth of XML elements
	MaxText         int64 // bytes of text read from the body; 0 for DefaultMaxText
}

// DefaultMaxText bounds the text kept from one document: the longest
// contracts hold about 1 MB of text, and a small file that inflates to
// hundreds of megabytes of paragraphs is an attack, not a contract.
const DefaultMaxText = 16 << 20

const mainPart = "word/document.xml"

// Read reads a DOCX file.
func Read(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	zr, err := zipsafe.Open(data, zipsafe.Limits{MaxUncompressed: opt.MaxUncompressed})
	if err != nil {
		return nil, err
	}
	if !zr.Has(mainPart) {
		return nil, fault.New(fault.Invalid, "no word/document.xml inside: not a Word document, or a damaged one")
	}
	if opt.MaxText <= 0 {
		opt.MaxText = DefaultMaxText
	}
	r := &reader{ctx: ctx, zr: zr, opt: opt}
	if err := r.readStyles(); err != nil {
		return nil, err
	}
	b := document.NewBuilder("", document.DOCX)
	r.full = b.Full
	if err := r.body(b); err != nil {
		return nil, err
	}
	if err := r.furniture(b); err != nil {
		return nil, err
	}
	if err := r.notes(b); err != nil {
		return nil, err
	}
	return b.Document(), nil
}

type reader struct {
	ctx    context.Context
	zr     *zipsafe.Reader
	opt    Options
	styles *styles
	num    *numbering

	textUsed int64 // bytes of text read from all parts
	// full reports that the document already holds more blocks than it
	// may: a 100 KB file of a million empty paragraphs is refused as soon
	// as that is known, not after walking them all.
	full func() bool
}

// readStyles reads styles.xml and numbering.xml, both optional.
func (r *reader) readStyles() error {
	var xs xStyles
	if err := r.decode("word/styles.xml", &xs); err != nil {
		return err
	}
	r.styles = parseStyles(xs)
	var xn xNumbering
	if err := r.decode("word/numbering.xml", &xn); err != nil {
		return err
	}
	r.num = parseNumbering(xn, r.styles)
	return nil
}

// decode unmarshals a small part into v; a missing part leaves v as is.
func (r *reader) decode(part string, v any) error {
	rc, err := r.zr.Open(part)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	x := zipsafe.NewXMLDecoder(rc, part, r.opt.MaxXMLDepth)
	if err := decodeInto(x, v); err != nil {
		if fault.KindOf(err) != fault.Internal {
			return err
		}
		return fault.Wrap(fault.Invalid, err, "damaged XML in "+part)
	}
	return nil
}

// walk streams a part through a walker, calling emit for each paragraph.
func (r *reader) walk(part string, emit func(*para)) error {
	rc, err := r.zr.Open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	w := &walker{ctx: r.ctx, x: zipsafe.NewXMLDecoder(rc, part, r.opt.MaxXMLDepth), styles: r.styles, emit: emit,
		maxText: r.opt.MaxText, textUsed: &r.textUsed, full: r.full}
	return w.run()
}

// body reads word/document.xml into blocks.
func (r *reader) body(b *document.Builder) error {
	var (
		cell      *pendingCell
		carry     string // text of a paragraph whose mark was deleted
		carrySrc  document.Source
		haveCarry bool
	)
	flush := func() {
		if cell != nil {
			b.Add(document.Block{Kind: document.TableCell, Source: cell.src}, cell.text.String())
			cell = nil
		}
	}
	err := r.walk(mainPart, func(p *para) {
		if p.skip {
			return
		}
		text := p.text.String()
		src := document.Source{Part: mainPart, Paragraph: p.index, Run: max(p.firstRun, 0),
			Table: p.table, Row: p.row, Col: p.col}
		if haveCarry {
			if carrySrc.Table == p.table && carrySrc.Row == p.row && carrySrc.Col == p.col {
				if document.Normalize(carry) != "" {
					text, src = carry+text, carrySrc
				}
			} else {
				r.addPara(b, &cell, flush, &para{}, carry, carrySrc)
			}
			haveCarry = false
		}
		if p.markDeleted {
			// Accepting the deletion of a paragraph mark joins the
			// paragraph to the next one.
			carry, carrySrc, haveCarry = text, src, true
			return
		}
		r.addPara(b, &cell, flush, p, text, src)
	})
	if err != nil {
		return err
	}
	if haveCarry {
		r.addPara(b, &cell, flush, &para{}, carry, carrySrc)
	}
	flush()
	return nil
}

type pendingCell struct {
	src  document.Source
	text strings.Builder
	has  bool
}

// addPara numbers a body paragraph and adds it as a block, or to the
// table cell it belongs to.
func (r *reader) addPara(b *document.Builder, cell **pendingCell, flush func(), p *para, text string, src document.Source) {
	blk := document.Block{Kind: document.Paragraph, Source: src}
	level, isHeading := r.styles.heading(p.style, p.outline)
	if isHeading && !segment.IsTitle(text) {
		// A whole clause in a heading style ("1.1 Services. Provider
		// will …": some templates style every clause so) is the
		// numbered paragraph it reads as.
		isHeading = false
	}
	numID, ilvl := r.numPr(p)
	if p.sectBreak && document.Normalize(text) == "" {
		// An empty paragraph that only carries a section break shows no
		// number in Word or LibreOffice, and does not count.
		numID = ""
	}
	number, bullet, numbered := r.num.next(numID, ilvl)
	switch {
	case isHeading:
		blk.Kind, blk.Level = document.Heading, level
		if numbered && !bullet {
			blk.Number = strings.TrimSpace(number)
			// Templates often give every clause the same heading style
			// and let the list level make 1 / 1.1 / (a): the number is
			// the depth a reader sees.
			blk.Level = ilvl + 1
		}
	case numbered:
		blk.Kind, blk.Level = document.ListItem, max(ilvl, 0)
		if !bullet {
			blk.Number = strings.TrimSpace(number)
		}
	}
	if document.Normalize(text) == "" {
		return // an empty paragraph still advanced its list counter above
	}
	if src.Table == 0 {
		flush()
		b.Add(blk, text)
		return
	}
	c := *cell
	if c != nil && (c.src.Table != src.Table || c.src.Row != src.Row || c.src.Col != src.Col) {
		flush()
		c = nil
	}
	if c == nil {
		c = &pendingCell{src: src}
		*cell = c
	}
	if c.has {
		c.text.WriteByte(' ')
	}
	if blk.Number != "" {
		c.text.WriteString(blk.Number + " ")
	}
	c.text.WriteString(text)
	c.has = true
}

// numPr resolves a paragraph's list and level, from the paragraph itself
// or its style.
func (r *reader) numPr(p *para) (numID string, ilvl int) {
	numID, ilvl = p.numID, p.ilvl
	if numID == "" || ilvl < 0 {
		sNum, sLvl, sID := r.styles.numPr(p.style)
		if numID == "" {
			numID = sNum
		}
		if ilvl < 0 {
			ilvl = sLvl
		}
		if ilvl < 0 && sID != "" && r.num != nil {
			// A list level can name the style that uses it.
			if _, a := r.num.resolve(numID); a != nil {
				for l, lv := range a.lvl {
					if lv != nil && lv.pStyle == sID {
						ilvl = l
						break
					}
				}
			}
		}
	}
	return numID, max(ilvl, 0)
}

// partsNamed returns word/PREFIXn.xml parts in numeric order.
func (r *reader) partsNamed(prefix string) []string {
	var parts []string
	for _, n := range r.zr.Names() {
		rest, ok := strings.CutPrefix(n, "word/"+prefix)
		if ok && strings.HasSuffix(rest, ".xml") && !strings.Contains(rest, "/") {
			parts = append(parts, n)
		}
	}
	sort.SliceStable(parts, func(i, j int) bool {
		a, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(parts[i], "word/"+prefix), ".xml"))
		b, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(parts[j], "word/"+prefix), ".xml"))
		return a < b
	})
	return parts
}

// furniture reads headers and footers, one entry per paragraph, each
// distinct text once (first-page, even and odd headers often repeat).
func (r *reader) furniture(b *document.Builder) error {
	seen := make(map[string]bool)
	for _, part := range append(r.partsNamed("header"), r.partsNamed("footer")...) {
		err := r.walk(part, func(p *para) {
			t := document.Normalize(p.text.String())
			if t != "" && !p.skip && !seen[t] {
				seen[t] = true
				b.AddFurniture(t)
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// notes reads footnotes and endnotes, one entry per note.
func (r *reader) notes(b *document.Builder) error {
	for _, part := range []string{"word/footnotes.xml", "word/endnotes.xml"} {
		if !r.zr.Has(part) {
			continue
		}
		var cur strings.Builder
		curNote := 0
		err := r.walk(part, func(p *para) {
			if p.skip {
				return
			}
			if p.note != curNote {
				b.AddNote(cur.String())
				cur.Reset()
				curNote = p.note
			}
			cur.WriteString(p.text.String())
			cur.WriteByte(' ')
		})
		if err != nil {
			return err
		}
		b.AddNote(cur.String())
	}
	return nil
}
