// Package document defines the model every TermScore stage shares: the
// normalised text of a contract, the blocks it was read from (with their
// source locations), and the clause tree built on top of them.
//
// All offsets inside the package are byte offsets into Document.Text, which
// is what Go slicing uses. The public JSON contracts count Unicode code
// points; Document.Runes converts.
package document

import (
	"sort"
	"unicode/utf8"
)

// Format is the kind of file a document was read from.
type Format string

// The formats TermScore reads. The values are part of the v1 report schema.
const (
	PDF      Format = "pdf"
	DOCX     Format = "docx"
	DOC      Format = "doc"
	ODT      Format = "odt"
	RTF      Format = "rtf"
	HTML     Format = "html"
	Markdown Format = "markdown"
	Text     Format = "text"
	// Image is a scanned page (PNG, JPEG, TIFF, GIF) read with OCR.
	Image Format = "image"
)

// Document is a contract as TermScore sees it.
type Document struct {
	Name   string // file name as given by the user ("-" for stdin)
	SHA256 string // hex digest of the original bytes
	Format Format
	Pages  int // pages for paginated sources (PDF, OCR); 0 when unknown

	// Text is the NFC-normalised text: blocks separated by a blank line,
	// table cells of a row by a tab, rows by a newline.
	Text string

	Blocks      []Block
	Clauses     []*Clause    // top-level clauses; sub-clauses hang below
	Definitions []Definition // defined terms ("Deliverables" means …)
	Sentences   []Span

	// Furniture holds text kept apart from the body: page headers and
	// footers, DOCX header/footer parts. It is not part of Text.
	Furniture []string
	// Notes holds footnotes and endnotes, also kept apart from Text.
	Notes []string
	// Warnings are things a reader noticed and the user should know
	// (e.g. "page 3 had no text layer and was read with OCR").
	Warnings []string

	runeIndex []int // lazily built: byte offset of every 64th rune
	words     int   // lazily counted
	tooMany   bool  // the Builder dropped blocks past MaxBlocks
}

// TooManyBlocks reports whether the reader gave more blocks, furniture lines
// or notes than MaxBlocks, which the Builder dropped.
func (d *Document) TooManyBlocks() bool { return d.tooMany }

// Span is a half-open byte range [Start, End) of Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether the byte offset off lies inside s.
func (s Span) Contains(off int) bool { return off >= s.Start && off < s.End }

// Overlaps reports whether s and t share a byte.
func (s Span) Overlaps(t Span) bool { return s.Start < t.End && t.Start < s.End }

// BlockKind tells what a block was in its source.
type BlockKind string

// Block kinds.
const (
	Paragraph BlockKind = "paragraph"
	Heading   BlockKind = "heading"
	ListItem  BlockKind = "list-item"
	TableCell BlockKind = "table-cell"
)

// Block is one paragraph-like unit of the source document.
type Block struct {
	Kind BlockKind
	Span
	// Level is the heading level (1 = top) or list nesting depth (0 = top).
	Level int
	// Number is the numbering shown before the block's text when the source
	// generated it (DOCX automatic numbering, Markdown ordered lists). The
	// rendered number is also at the start of the block's text.
	Number string
	Source Source
}

// Source says where a block came from in the original file, so that later
// stages can point at a page or write changes back into the file.
type Source struct {
	Page int     `json:"page,omitempty"` // 1-based PDF page
	X    float64 `json:"x,omitempty"`    // PDF user-space box of the block
	Y    float64 `json:"y,omitempty"`
	W    float64 `json:"w,omitempty"`
	H    float64 `json:"h,omitempty"`

	Part      string `json:"part,omitempty"`      // zip part, e.g. "word/document.xml"
	Paragraph int    `json:"paragraph,omitempty"` // 0-based index of w:p / text:p in Part, in document order
	Run       int    `json:"run,omitempty"`       // index of the first run (w:r) contributing text

	Line int `json:"line,omitempty"` // 1-based line in a text-like source

	Table int `json:"table,omitempty"` // 1-based table number for table cells
	Row   int `json:"row,omitempty"`   // 1-based
	Col   int `json:"col,omitempty"`   // 1-based
}

// Clause is a section or sub-clause of the contract.
type Clause struct {
	// Number is the numbering as the document shows it: "7", "7.2", "(a)",
	// "Article IV", "Schedule B". Empty for an unnumbered heading section.
	Number string
	// Path is the full reference a reader would cite, e.g. "7.2(a)".
	Path    string
	Heading string // the clause's heading or title, if it has one
	Level   int    // depth in the tree, 0 for top-level clauses
	// Span covers the clause's own text and all its sub-clauses.
	Span
	// Body is the clause's own text before its first sub-clause.
	Body     Span
	Page     int // page where the clause starts (0 when not paginated)
	Blocks   [2]int
	Children []*Clause
	Parent   *Clause `json:"-"`
}

// Definition is a defined term and where it is defined.
type Definition struct {
	Term string
	Span // the sentence that defines the term
}

// Slice returns the text of s.
func (d *Document) Slice(s Span) string { return d.Text[s.Start:s.End] }

// BlockAt returns the index of the block containing byte offset off, or -1.
func (d *Document) BlockAt(off int) int {
	i := sort.Search(len(d.Blocks), func(i int) bool { return d.Blocks[i].End > off })
	if i < len(d.Blocks) && d.Blocks[i].Start <= off {
		return i
	}
	return -1
}

// PageAt returns the page of the block containing off (0 when unknown).
func (d *Document) PageAt(off int) int {
	if i := d.BlockAt(off); i >= 0 {
		return d.Blocks[i].Source.Page
	}
	return 0
}

// ClauseAt returns the innermost clause containing off, or nil.
func (d *Document) ClauseAt(off int) *Clause {
	var found *Clause
	list := d.Clauses
	for {
		i := sort.Search(len(list), func(i int) bool { return list[i].End > off })
		if i >= len(list) || list[i].Start > off {
			return found
		}
		found = list[i]
		list = found.Children
	}
}

// Walk calls fn for every clause in document order, parents before children.
func (d *Document) Walk(fn func(*Clause)) {
	var walk func([]*Clause)
	walk = func(cs []*Clause) {
		for _, c := range cs {
			fn(c)
			walk(c.Children)
		}
	}
	walk(d.Clauses)
}

// Words counts whitespace-separated words in the text. Normalised text
// separates words with ASCII space, tab and newline only, so a byte loop
// is exact. The count is computed once; the Builder counts as it builds.
func (d *Document) Words() int {
	if d.words > 0 || d.Text == "" {
		return d.words
	}
	d.words = countWords(d.Text)
	return d.words
}

// countWords counts the starts of runs of bytes other than ' ', '\n',
// '\t' and '\r'.
func countWords(s string) int {
	n := 0
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' || c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			if space {
				n++
			}
			space = false
		} else {
			space = true
		}
	}
	return n
}

const runeStride = 64

// Runes converts a byte offset into Text to a count of Unicode code points,
// the unit of offsets in TermScore's JSON contracts.
func (d *Document) Runes(off int) int {
	if off <= 0 {
		return 0
	}
	if off > len(d.Text) {
		off = len(d.Text)
	}
	if d.runeIndex == nil {
		d.buildRuneIndex()
	}
	// runeIndex[k] is the byte offset of rune k*runeStride.
	k := sort.Search(len(d.runeIndex), func(k int) bool { return d.runeIndex[k] > off }) - 1
	return k*runeStride + utf8.RuneCountInString(d.Text[d.runeIndex[k]:off])
}

// ByteOffset converts a code-point offset back to a byte offset.
func (d *Document) ByteOffset(runes int) int {
	if runes <= 0 {
		return 0
	}
	if d.runeIndex == nil {
		d.buildRuneIndex()
	}
	k := runes / runeStride
	if k >= len(d.runeIndex) {
		return len(d.Text)
	}
	off := d.runeIndex[k]
	for n := k * runeStride; n < runes && off < len(d.Text); n++ {
		_, size := utf8.DecodeRuneInString(d.Text[off:])
		off += size
	}
	return off
}

func (d *Document) buildRuneIndex() {
	s := d.Text
	idx := make([]int, 0, len(s)/runeStride+1)
	n := 0
	for i := 0; i < len(s); {
		if n%runeStride == 0 {
			idx = append(idx, i)
			// A stride of ASCII is a stride of bytes: most text is.
			if i+runeStride <= len(s) && isASCII(s[i:i+runeStride]) {
				i += runeStride
				n += runeStride
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:]) // as range does
		i += size
		n++
	}
	if len(idx) == 0 {
		idx = append(idx, 0)
	}
	d.runeIndex = idx
}
