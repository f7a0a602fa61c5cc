// Package extract reads contract files of every supported format into a
// document.Document. The format is sniffed from the content, never trusted
// from the file name; every reader runs under size, depth and time limits,
// and every failure is a *fault.Error naming the file and the reason.
package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/docx"
	"github.com/termscore/termscore/internal/extract/html"
	"github.com/termscore/termscore/internal/extract/markdown"
	"github.com/termscore/termscore/internal/extract/ocr"
	"github.com/termscore/termscore/internal/extract/odt"
	"github.com/termscore/termscore/internal/extract/pdf"
	"github.com/termscore/termscore/internal/extract/plaintext"
	"github.com/termscore/termscore/internal/extract/rtf"
	"github.com/termscore/termscore/internal/extract/soffice"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/segment"
)

// Limits bound the time and memory spent on one file.
type Limits struct {
	MaxBytes        int64         // size of the file as given
	MaxUncompressed int64         // total bytes inflated from a ZIP container (DOCX, ODT)
	MaxXMLDepth     int           // nesting depth of XML elements
	MaxPages        int           // pages read from a PDF
	Timeout         time.Duration // wall time for reading one file, OCR included
}

// DefaultLimits are generous for real contracts (the longest CUAD contract
// is under 1 MB of text) and small enough to refuse abuse quickly.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:        64 << 20,
		MaxUncompressed: 256 << 20,
		MaxXMLDepth:     256,
		MaxPages:        1000,
		Timeout:         2 * time.Minute,
	}
}

// Options configure an Extractor. The zero value uses DefaultLimits and
// finds external tools (pdftoppm, tesseract, soffice) on PATH.
type Options struct {
	Limits Limits
	// NoOCR turns off OCR of scanned PDFs and images.
	NoOCR bool
	// OCRLanguage is the tesseract language code ("eng" by default).
	OCRLanguage string
}

// Extractor reads files into documents.
type Extractor struct {
	opt Options
}

// New returns an Extractor; zero fields of opt.Limits take their defaults.
func New(opt Options) *Extractor {
	def := DefaultLimits()
	l := &opt.Limits
	if l.MaxBytes <= 0 {
		l.MaxBytes = def.MaxBytes
	}
	if l.MaxUncompressed <= 0 {
		l.MaxUncompressed = def.MaxUncompressed
	}
	if l.MaxXMLDepth <= 0 {
		l.MaxXMLDepth = def.MaxXMLDepth
	}
	if l.MaxPages <= 0 {
		l.MaxPages = def.MaxPages
	}
	if l.Timeout <= 0 {
		l.Timeout = def.Timeout
	}
	if opt.OCRLanguage == "" {
		opt.OCRLanguage = "eng"
	}
	return &Extractor{opt: opt}
}

// ReadFile reads the file at path; "-" reads standard input.
func (e *Extractor) ReadFile(ctx context.Context, path string) (*document.Document, error) {
	if path == "-" {
		return e.Read(ctx, "-", os.Stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		var reason string
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, &fault.Error{Kind: fault.NotFound, File: path, Reason: "no such file"}
		case errors.Is(err, os.ErrPermission):
			reason = "permission denied"
		default:
			reason = "cannot open"
		}
		return nil, &fault.Error{Kind: fault.Invalid, File: path, Reason: reason}
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, &fault.Error{Kind: fault.Invalid, File: path, Reason: "is a directory"}
		}
		if st.Size() > e.opt.Limits.MaxBytes {
			return nil, e.tooLarge(path, st.Size())
		}
		size = st.Size()
	}
	return e.readFrom(ctx, path, f, size)
}

func (e *Extractor) tooLarge(name string, size int64) error {
	what := "over"
	if size > 0 {
		what = fmt.Sprintf("%s, over", humanBytes(size))
	}
	return &fault.Error{Kind: fault.TooLarge, File: name,
		Reason: fmt.Sprintf("file is too large (%s the %s limit; raise it with --max-size)", what, humanBytes(e.opt.Limits.MaxBytes))}
}

// Read reads a document called name from r.
func (e *Extractor) Read(ctx context.Context, name string, r io.Reader) (*document.Document, error) {
	return e.readFrom(ctx, name, r, 0)
}

// readFrom reads a document called name from r, which holds about size
// bytes when size > 0 (a file's size when it was opened).
func (e *Extractor) readFrom(ctx context.Context, name string, r io.Reader, size int64) (*document.Document, error) {
	var buf bytes.Buffer
	if size > 0 {
		// One buffer of the file's size, and room to see the end: growing
		// one step by step leaves garbage of about the file's size again.
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, e.opt.Limits.MaxBytes+1)); err != nil {
		return nil, &fault.Error{Kind: fault.Invalid, File: name, Reason: "cannot read", Err: err}
	}
	data := buf.Bytes()
	if int64(len(data)) > e.opt.Limits.MaxBytes {
		return nil, e.tooLarge(name, 0)
	}
	doc, err := e.ReadBytes(ctx, name, data)
	return doc, err
}

// ReadBytes reads a document called name from data, which must not be
// modified until it returns; the document keeps no part of it.
func (e *Extractor) ReadBytes(ctx context.Context, name string, data []byte) (*document.Document, error) {
	if len(data) == 0 {
		return nil, &fault.Error{Kind: fault.Empty, File: name, Reason: ReasonEmptyFile}
	}
	if int64(len(data)) > e.opt.Limits.MaxBytes {
		return nil, e.tooLarge(name, int64(len(data)))
	}
	ctx, cancel := context.WithTimeout(ctx, e.opt.Limits.Timeout)
	defer cancel()

	doc, err := e.read(ctx, name, data)
	if err != nil {
		if ctx.Err() != nil && fault.KindOf(err) != fault.Timeout {
			err = &fault.Error{Kind: fault.Timeout, Reason: fmt.Sprintf("reading took longer than %s", e.opt.Limits.Timeout)}
		}
		return nil, fault.WithFile(err, name)
	}
	if doc.TooManyBlocks() {
		return nil, &fault.Error{Kind: fault.TooLarge, File: name,
			Reason: fmt.Sprintf("over %s paragraphs: too many to be a contract (the most read is %s)", thousands(document.MaxBlocks), thousands(document.MaxBlocks))}
	}
	if len(doc.Blocks) == 0 {
		return nil, &fault.Error{Kind: fault.Empty, File: name,
			Reason: fmt.Sprintf("no text found in this %s file; check that it is the contract itself, not an empty form or a cover page", formatName(doc.Format))}
	}
	sum := sha256.Sum256(data)
	doc.Name = name
	doc.SHA256 = hex.EncodeToString(sum[:])
	segment.Build(doc)
	return doc, nil
}

// ReasonEmptyFile is the reason given for a file of 0 bytes, by extract and
// by the server for an upload it does not pass on.
const ReasonEmptyFile = "the file is empty (0 bytes); choose the contract itself"

// The reasons below are read in a terminal and on the web page alike: they
// say what the reader can do with the file, never which flag to pass.
const (
	reasonScanNoOCR = "this PDF has no text layer, only pictures of its pages (a scan?), and OCR (reading text from pictures) is off here; " +
		"use the document it was made from, or a PDF with selectable text"
	reasonOCRNoText = "no text found in this %s, even with OCR (a blank, faint or skewed scan?); " +
		"scan it again, black on white at 300 dpi, or use the document it was made from"
)

func (e *Extractor) read(ctx context.Context, name string, data []byte) (*document.Document, error) {
	k := sniff(data)
	if k.reason != "" {
		return nil, &fault.Error{Kind: k.kind, Reason: k.reason}
	}
	lim := e.opt.Limits
	ocrOpt := ocr.Options{Language: e.opt.OCRLanguage, MaxPages: lim.MaxPages}
	if k.image != "" {
		if e.opt.NoOCR {
			return nil, imageNoOCR(name, k.image)
		}
		doc, err := ocr.Image(ctx, data, ocrOpt)
		return ocrResult(doc, err, k.image+" image")
	}
	switch k.format {
	case document.PDF:
		doc, err := pdf.Read(ctx, data, pdf.Options{MaxPages: lim.MaxPages})
		if err == nil || fault.KindOf(err) != fault.Empty {
			return doc, err
		}
		if e.opt.NoOCR {
			var fe *fault.Error
			if errors.As(err, &fe) && fe.Reason == pdf.ReasonNoText {
				return nil, fault.New(fault.Empty, reasonScanNoOCR)
			}
			return doc, err
		}
		// No text layer: a scan. Read it with OCR, or say what to install.
		doc, err = ocr.PDF(ctx, data, ocrOpt)
		return ocrResult(doc, err, "PDF")
	case document.DOCX:
		return docx.Read(ctx, data, docx.Options{MaxUncompressed: lim.MaxUncompressed, MaxXMLDepth: lim.MaxXMLDepth})
	case document.ODT:
		return odt.Read(ctx, data, odt.Options{MaxUncompressed: lim.MaxUncompressed, MaxXMLDepth: lim.MaxXMLDepth})
	case document.DOC:
		converted, err := soffice.ToDOCX(ctx, data)
		if err != nil {
			return nil, err
		}
		doc, err := docx.Read(ctx, converted, docx.Options{MaxUncompressed: lim.MaxUncompressed, MaxXMLDepth: lim.MaxXMLDepth})
		if doc != nil {
			doc.Format = document.DOC
		}
		return doc, err
	case document.RTF:
		return rtf.Read(ctx, data, rtf.Options{MaxDepth: lim.MaxXMLDepth})
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	s := textString(text)
	if n := countLines(s); n > maxLines {
		return nil, fault.New(fault.TooLarge, "%s lines: too many to be a contract's text (the most read is %s)", thousands(n), thousands(maxLines))
	}
	switch textFormat(s) {
	case document.HTML:
		if n := strings.Count(s, "<"); n > maxTags {
			return nil, fault.New(fault.TooLarge, "%s HTML tags: too many to be a contract's page (the most read is %s)", thousands(n), thousands(maxTags))
		}
		return html.Read(ctx, s)
	case document.Markdown:
		return markdown.ReadBytes(ctx, text)
	}
	return plaintext.Read(ctx, s)
}

// maxLines bounds the lines of a text, Markdown or HTML file. The longest
// CUAD contract has some 6,000; the readers keep a few dozen bytes for every
// line, so 64 MB of one-letter lines would take gigabytes.
const maxLines = 1_000_000

// ocrResult turns OCR that read no text into the reason for it, naming
// what was read ("PDF", "PNG image").
func ocrResult(doc *document.Document, err error, what string) (*document.Document, error) {
	if err == nil && len(doc.Blocks) == 0 {
		return nil, fault.New(fault.Empty, reasonOCRNoText, what)
	}
	return doc, err
}

// imageNoOCR refuses an image when OCR is off. A name that claims another
// format ("scan.pdf") is corrected first: the person may not know.
func imageNoOCR(name, image string) error {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	claimed := ""
	switch ext {
	case "pdf", "docx", "doc", "odt", "rtf", "html", "htm", "md", "txt":
		claimed = ", not a " + strings.ToUpper(ext) + " file"
		if ext == "pdf" {
			claimed = ", not a PDF"
		}
	}
	return fault.New(fault.Unsupported, "it is a %s image%s, and OCR (reading text from pictures) is off here; "+
		"use the contract's own PDF, Word or text file", image, claimed)
}

// formatName names a format as people write it.
func formatName(f document.Format) string {
	switch f {
	case document.Markdown:
		return "Markdown"
	case document.Text:
		return "text"
	case document.Image:
		return "image"
	}
	return strings.ToUpper(string(f))
}

// maxTags bounds the tags of an HTML file: the parser keeps a node of some
// hundred bytes for each, so 64 MB of "<p>a</p>" would take gigabytes. A
// contract saved from Word as HTML has some 20 tags a paragraph.
const maxTags = 500_000

// countLines counts the line ends of s as the text readers do: \n, \r,
// \r\n (once) and form feeds.
func countLines(s string) int {
	return strings.Count(s, "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n") + strings.Count(s, "\f")
}

// thousands formats n with commas: 1,000,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
