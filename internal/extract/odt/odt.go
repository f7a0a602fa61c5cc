// Package odt reads OpenDocument text files (ODT) into a document.Document.
//
// It reads content.xml as LibreOffice displays it with tracked changes
// accepted: the text:tracked-changes region (which holds deleted text) is
// skipped, annotations (comments) are ignored, hidden text is dropped, and
// fields show their current value. Lists are numbered from their list
// styles as LibreOffice renders them ("1.", "1.1.", "(a)"), headings from
// text:outline-level and the outline style in styles.xml; a heading that
// holds a clause's body, not only its title ("1.1 Services. Provider will
// …", see segment.IsTitle), is read as a paragraph or list item. Headers and
// footers of the master pages (styles.xml) go to Document.Furniture,
// footnotes and endnotes to Document.Notes.
//
// # Source locations
//
// Every block has Source.Part = "content.xml" and Source.Paragraph = the
// 0-based ordinal of its text:p or text:h start tag among all text:p and
// text:h start tags of content.xml in document order, except those inside
// text:tracked-changes, office:annotation and index source templates
// (text:*-source), which are skipped unread. Paragraphs in note bodies
// count. ODF has no runs: Source.Run is always 0.
//
// A table cell is one block (Kind TableCell) with Source.Table = 1-based
// ordinal of the table:table start tag (nested tables count), Row =
// 1-based row within its table (header rows and row groups included),
// Col = 1-based column, counting covered cells and
// table:number-columns-repeated. Nested tables split the enclosing cell,
// as in package docx.
package odt

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/zipsafe"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/segment"
)

// Options bound the reading of one file. Zero fields take the defaults.
type Options struct {
	MaxUncompressed int64 // total bytes inflated from the container
	MaxXMLDepth     int   // nesting depth of XML elements
	MaxText         int64 // bytes of text read; 0 for DefaultMaxText
}

// DefaultMaxText bounds the text kept from one document (see docx).
const DefaultMaxText = 16 << 20

const contentPart = "content.xml"

// Read reads an ODT file.
func Read(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	zr, err := zipsafe.Open(data, zipsafe.Limits{MaxUncompressed: opt.MaxUncompressed})
	if err != nil {
		return nil, err
	}
	if opt.MaxText <= 0 {
		opt.MaxText = DefaultMaxText
	}
	if zr.Has("META-INF/manifest.xml") {
		m, err := zr.ReadFile("META-INF/manifest.xml")
		if err != nil {
			return nil, err
		}
		if bytes.Contains(m, []byte("encryption-data")) {
			return nil, fault.New(fault.Encrypted, "the document is password-protected; open it in LibreOffice, remove the password (File > Properties > Security) and save it again")
		}
	}
	if !zr.Has(contentPart) {
		return nil, fault.New(fault.Invalid, "no content.xml inside: not an OpenDocument text, or a damaged one")
	}
	r := &reader{ctx: ctx, zr: zr, opt: opt, styles: newStyles()}
	b := document.NewBuilder("", document.ODT)
	r.full = b.Full
	// styles.xml holds named list styles, the outline style and the page
	// headers and footers.
	if zr.Has("styles.xml") {
		if err := r.walk("styles.xml", func(p *para) {
			if p.furniture {
				if t := document.Normalize(p.text.String()); t != "" && !r.seenFurniture[t] {
					r.seenFurniture[t] = true
					b.AddFurniture(t)
				}
			}
		}, nil); err != nil {
			return nil, err
		}
	}
	if err := r.body(b); err != nil {
		return nil, err
	}
	return b.Document(), nil
}

type reader struct {
	ctx           context.Context
	zr            *zipsafe.Reader
	opt           Options
	styles        *styles
	textUsed      int64
	seenFurniture map[string]bool
	// full reports that the document already holds more blocks than it
	// may: a file of a million empty paragraphs is refused as soon as that
	// is known, not after walking them all.
	full func() bool
}

func (r *reader) walk(part string, emit func(*para), note func(string)) error {
	rc, err := r.zr.Open(part)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	if r.seenFurniture == nil {
		r.seenFurniture = make(map[string]bool)
	}
	w := &walker{ctx: r.ctx, x: zipsafe.NewXMLDecoder(rc, part, r.opt.MaxXMLDepth), styles: r.styles,
		emit: emit, note: note, maxText: r.opt.MaxText, textUsed: &r.textUsed, full: r.full}
	return w.run()
}

type pendingCell struct {
	src  document.Source
	text strings.Builder
	has  bool
}

func (r *reader) body(b *document.Builder) error {
	var cell *pendingCell
	flush := func() {
		if cell != nil {
			b.Add(document.Block{Kind: document.TableCell, Source: cell.src}, cell.text.String())
			cell = nil
		}
	}
	err := r.walk(contentPart, func(p *para) {
		text := p.text.String()
		if document.Normalize(text) == "" {
			return
		}
		blk := document.Block{Kind: document.Paragraph, Level: p.level, Number: p.number,
			Source: document.Source{Part: contentPart, Paragraph: p.index, Table: p.table, Row: p.row, Col: p.col}}
		switch {
		case p.heading && segment.IsTitle(text):
			blk.Kind = document.Heading
		case p.heading && p.number != "":
			// A whole clause in a heading style ("1.1 Services.
			// Provider will …") is the numbered paragraph it reads as.
			blk.Kind, blk.Level = document.ListItem, max(p.level-1, 0)
		case p.heading:
			blk.Level = 0
		case p.listItem:
			blk.Kind = document.ListItem
		}
		if p.table == 0 {
			flush()
			b.Add(blk, text)
			return
		}
		if cell != nil && (cell.src.Table != p.table || cell.src.Row != p.row || cell.src.Col != p.col) {
			flush()
		}
		if cell == nil {
			cell = &pendingCell{src: blk.Source}
		}
		if cell.has {
			cell.text.WriteByte(' ')
		}
		if blk.Number != "" {
			cell.text.WriteString(blk.Number + " ")
		}
		cell.text.WriteString(text)
		cell.has = true
	}, func(note string) { b.AddNote(note) })
	if err != nil {
		return err
	}
	flush()
	return nil
}
