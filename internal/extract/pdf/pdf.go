// Package pdf reads the text layer of PDF files into a document.Document.
//
// The PDF objects are parsed by github.com/ledongthuc/pdf; this package
// interprets the page content streams itself to get each glyph's position
// (the library's own text modes mis-place the two-byte CID fonts that most
// contracts use), then lays glyphs out into words, lines, columns and
// paragraphs, and drops repeated headers, footers and page numbers.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Options bound the reading of one file.
type Options struct {
	MaxPages int // 0 means no limit
	// KeepFurniture keeps repeated headers, footers and page numbers in the
	// body text instead of moving them to Document.Furniture. It is for
	// comparing with references that kept them (tools/pdfeval).
	KeepFurniture bool
}

const (
	reasonDamaged   = "the PDF is damaged or incomplete and cannot be read"
	reasonEncrypted = "the PDF is password-protected; remove the password (for example, print it to a new PDF) and try again"
	// ReasonNoText is the reason of the fault.Empty returned for a PDF whose
	// pages have no text layer; extract then reads it with OCR.
	ReasonNoText = "no text layer (a scanned PDF?)"
)

// Read reads the text layer of a PDF.
func Read(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	// The parsing library can loop on some malformed files; run it apart so
	// that the caller gets its answer when ctx ends, whatever the library does.
	type result struct {
		doc *document.Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if r := recover(); r != nil {
				res = result{err: fault.New(fault.Invalid, "%s: %v", reasonDamaged, r)}
			}
			done <- res
		}()
		res.doc, res.err = read(ctx, data, opt)
	}()
	select {
	case res := <-done:
		return res.doc, res.err
	case <-ctx.Done():
		return nil, fault.Wrap(fault.Timeout, ctx.Err(), "reading the PDF took too long")
	}
}

func read(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	r, err := open(data)
	if err != nil {
		return nil, err
	}
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != lpdf.Dict {
		return nil, fault.New(fault.Invalid, "%s: it has no page tree", reasonDamaged)
	}
	if n := int(root.Key("Count").Int64()); opt.MaxPages > 0 && n > opt.MaxPages {
		return nil, tooMany(n, opt.MaxPages)
	}
	limit := opt.MaxPages
	if limit <= 0 {
		limit = 100_000
	}
	pgs := pageList(root, limit+1)
	if len(pgs) > limit {
		return nil, tooMany(len(pgs), limit)
	}
	if len(pgs) == 0 {
		return nil, fault.New(fault.Empty, "the PDF has no pages")
	}

	b := document.NewBuilder("", document.PDF)
	var laid []page
	var blank, failed []int
	// Pages over the interpreter's limits: a hostile file's, or a huge
	// drawing annexed to a contract, whose other pages are still read.
	var dense []string
	var buf []glyph // the glyphs of the page before, which words copies out
	for i, p := range pgs {
		if err := ctx.Err(); err != nil {
			return nil, fault.Wrap(fault.Timeout, err, "reading the PDF took too long")
		}
		gs, err := safeGlyphs(p, buf)
		var tc errTooComplex
		if errors.As(err, &tc) {
			dense = append(dense, fmt.Sprintf("page %d holds %v", i+1, tc))
			continue
		}
		if err != nil {
			failed = append(failed, i+1)
			continue
		}
		ws := words(gs)
		buf = gs
		if len(ws) == 0 {
			blank = append(blank, i+1)
			continue
		}
		laid = append(laid, page{n: i + 1, lines: pageLines(ws)})
	}
	if len(laid) == 0 {
		if len(dense) > 0 {
			return nil, fault.New(fault.TooLarge, "%s", dense[0])
		}
		if len(failed) > 0 {
			return nil, fault.New(fault.Invalid, "%s: no page could be read", reasonDamaged)
		}
		return nil, fault.New(fault.Empty, ReasonNoText)
	}
	for _, d := range dense {
		b.Warn(d + "; it was left out")
	}
	if len(failed) > 0 {
		b.Warn(fmt.Sprintf("%s could not be read (damaged content) and %s left out", pageList2(failed), verb(failed)))
	}
	if len(blank) > 0 && len(blank) < len(pgs) {
		b.Warn(fmt.Sprintf("%s no text layer (scanned or blank) and %s left out", pageHave(blank), verb(blank)))
	}
	if !opt.KeepFurniture {
		for _, f := range furniture(laid) {
			b.AddFurniture(f)
		}
		for _, n := range footnotes(laid) {
			b.AddNote(n)
		}
	}
	paragraphs(b, laid)
	b.SetPages(len(pgs))
	doc := b.Document()
	if len(doc.Blocks) == 0 {
		// Only headers, footers or page numbers: a scan with a stamped
		// page number reads like this, so OCR gets its chance.
		return nil, fault.New(fault.Empty, ReasonNoText)
	}
	return doc, nil
}

func tooMany(n, limit int) error {
	return fault.New(fault.TooLarge, "the PDF has %d pages, over the limit of %d; raise it with --max-pages", n, limit)
}

func verb(pages []int) string {
	if len(pages) == 1 {
		return "was"
	}
	return "were"
}

func pageHave(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %d has", pages[0])
	}
	return pageList2(pages) + " have"
}

func pageList2(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %d", pages[0])
	}
	var s []string
	for i, p := range pages {
		if i == 10 {
			s = append(s, fmt.Sprintf("and %d more", len(pages)-10))
			break
		}
		s = append(s, fmt.Sprint(p))
	}
	return "pages " + strings.Join(s, ", ")
}

// open parses the file's cross-reference table and trailer.
func open(data []byte) (r *lpdf.Reader, err error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, fault.New(fault.Invalid, "not a PDF file (it does not start with %%PDF-)")
	}
	data = tidy(data)
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fault.New(fault.Invalid, "%s: %v", reasonDamaged, x)
		}
	}()
	r, err = lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err == nil {
		return r, nil
	}
	if errors.Is(err, lpdf.ErrInvalidPassword) || bytes.Contains(data, []byte("/Encrypt")) {
		return nil, fault.New(fault.Encrypted, reasonEncrypted)
	}
	return nil, fault.Wrap(fault.Invalid, err, reasonDamaged)
}

// tidy works around two strict checks of the parsing library that real
// files fail: PDF 2.0 headers and bytes after the last %%EOF.
func tidy(data []byte) []byte {
	if bytes.HasPrefix(data, []byte("%PDF-2.")) {
		data = append([]byte("%PDF-1.7"), data[8:]...)
	}
	tail := data[max(0, len(data)-100):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		if i := bytes.LastIndex(data, []byte("%%EOF")); i > 0 {
			data = data[:i+5]
		}
	}
	return data
}

// pageList walks the page tree and returns at most limit pages. Depth and
// visits are bounded so that a tree with cycles ends.
func pageList(root lpdf.Value, limit int) []lpdf.Page {
	var out []lpdf.Page
	visits := 0
	var walk func(v lpdf.Value, depth int)
	walk = func(v lpdf.Value, depth int) {
		visits++
		if len(out) >= limit || depth > 64 || visits > 4*limit+1000 || v.Kind() != lpdf.Dict {
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Pages" || kids.Kind() == lpdf.Array {
			for i := 0; i < kids.Len() && len(out) < limit; i++ {
				walk(kids.Index(i), depth+1)
			}
			return
		}
		out = append(out, lpdf.Page{V: v})
	}
	walk(root, 0)
	return out
}

// safeGlyphs interprets one page, turning the library's panics on
// malformed content into an error.
func safeGlyphs(p lpdf.Page, buf []glyph) (gs []glyph, err error) {
	defer func() {
		if x := recover(); x != nil {
			if tc, ok := x.(errTooComplex); ok {
				gs, err = nil, tc
				return
			}
			gs, err = nil, fmt.Errorf("page content: %v", x)
		}
	}()
	gs, _ = pageGlyphs(p, buf)
	return gs, nil
}
