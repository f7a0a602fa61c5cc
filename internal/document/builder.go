package document

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Builder assembles a Document from blocks, normalising their text and
// keeping offsets exact. Readers use it so that every format produces text
// laid out the same way.
type Builder struct {
	doc  Document
	text strings.Builder
	// words counts the words of Text as blocks are added: normalised block
	// text separates words with single spaces, so a block has one word more
	// than it has spaces, and the separators between blocks are white space.
	words int
	// over is set when a block, furniture line or note was dropped for
	// going past MaxBlocks.
	over bool
}

// MaxBlocks bounds the blocks (and, apart, the furniture lines and notes) of
// one document. The longest CUAD contract has under 2,000 blocks and a
// 1,000-page PDF some 50,000; each block costs hundreds of bytes through a
// review, so a file of millions of one-word paragraphs (a few MB of text, or
// a 100 KB DOCX) would take gigabytes. Past it, blocks are dropped and
// Document.TooManyBlocks reports it, so that extract refuses the file.
const MaxBlocks = 100_000

// NewBuilder starts a document read from a file called name.
func NewBuilder(name string, f Format) *Builder {
	return &Builder{doc: Document{Name: name, Format: f}}
}

// Grow reserves room for about n bytes of text, for a reader that knows
// the size of its input: the text then is not copied as it grows.
func (b *Builder) Grow(n int) { b.text.Grow(n) }

// Add appends a block. Its Kind, Level, Number and Source are kept; its Span
// is set by the builder. The text is normalised (see Normalize); a block
// whose text is empty after normalisation is dropped. When blk.Number is set
// and the text does not already start with it, the number is prefixed, so
// that Text shows the numbering as a reader sees it.
func (b *Builder) Add(blk Block, text string) {
	if blk.Number != "" {
		text = Normalize(text)
		// A copy: Normalize may return a slice of the reader's input,
		// which the document must not keep alive (see AddFurniture).
		blk.Number = strings.Clone(Normalize(blk.Number))
		switch {
		case text == "":
			text = blk.Number
		case !strings.HasPrefix(text, blk.Number):
			text = blk.Number + " " + text
		}
	}
	if IsBlank(text) {
		return
	}
	if len(b.doc.Blocks) >= MaxBlocks {
		b.over = true
		return
	}
	if n := len(b.doc.Blocks); n > 0 {
		b.text.WriteString(separator(&b.doc.Blocks[n-1], &blk))
	}
	blk.Start = b.text.Len()
	// Normalised straight into the text: a normalised copy of each block
	// first would be garbage of twice the text (the lines of a plain-text
	// paragraph are joined with their breaks, which normalising takes out).
	writeNormalized(&b.text, text)
	blk.End = b.text.Len()
	b.words += strings.Count(b.text.String()[blk.Start:], " ") + 1
	b.doc.Blocks = append(b.doc.Blocks, blk)
	if blk.Source.Page > b.doc.Pages {
		b.doc.Pages = blk.Source.Page
	}
}

// separator joins two blocks: cells of one table row with a tab, rows of
// one table with a newline, everything else with a blank line.
func separator(prev, next *Block) string {
	if prev.Kind == TableCell && next.Kind == TableCell && prev.Source.Table == next.Source.Table {
		if prev.Source.Row == next.Source.Row {
			return "\t"
		}
		return "\n"
	}
	return "\n\n"
}

// AddFurniture records header/footer text kept apart from the body.
func (b *Builder) AddFurniture(text string) {
	if len(b.doc.Furniture) >= MaxBlocks {
		b.over = true
		return
	}
	if t := Normalize(text); t != "" {
		// A copy: Normalize returns clean text as it is, often a slice of
		// the reader's whole input (a plain-text file's running head), and
		// the document would then hold all of that input for as long as it
		// lives: 60 MB more through a review of a 60 MB file.
		b.doc.Furniture = append(b.doc.Furniture, strings.Clone(t))
	}
}

// AddNote records a footnote or endnote, kept apart from the body.
func (b *Builder) AddNote(text string) {
	if len(b.doc.Notes) >= MaxBlocks {
		b.over = true
		return
	}
	if t := Normalize(text); t != "" {
		b.doc.Notes = append(b.doc.Notes, strings.Clone(t)) // as in AddFurniture
	}
}

// Warn records something the user should know about how the file was read.
func (b *Builder) Warn(msg string) { b.doc.Warnings = append(b.doc.Warnings, msg) }

// SetPages sets the page count when the source knows it.
func (b *Builder) SetPages(n int) { b.doc.Pages = n }

// Full reports whether the builder has dropped a block, furniture line or
// note for going past MaxBlocks: a reader can stop there, since extract
// refuses such a document whatever follows.
func (b *Builder) Full() bool { return b.over }

// Len returns the number of blocks added so far.
func (b *Builder) Len() int { return len(b.doc.Blocks) }

// Document returns the built document. The builder must not be used after.
func (b *Builder) Document() *Document {
	d := b.doc
	d.Text = b.text.String()
	d.words = b.words
	d.tooMany = b.over
	return &d
}

// Normalize returns s in NFC with stable whitespace: control characters,
// zero-width characters and soft hyphens removed, every run of spaces, tabs,
// line breaks and exotic spaces collapsed to one ASCII space, and the ends
// trimmed. Block text never contains a newline, which keeps the block
// separators in Document.Text unambiguous.
func Normalize(s string) string {
	if isCleanASCII(s) {
		return s // the common case, and NFC of ASCII is ASCII
	}
	if isASCII(s) {
		return normalizeASCII(s)
	}
	s = norm.NFC.String(s)
	var out strings.Builder
	out.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue // invisible: soft hyphen, zero-width, BOM
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2007':
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && out.Len() > 0 {
			out.WriteByte(' ')
		}
		space = false
		out.WriteRune(r)
	}
	return out.String()
}

// IsBlank reports whether Normalize(s) is empty: s holds nothing but
// white space, control and invisible characters. It builds nothing.
func IsBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return Normalize(s[i:]) == "" // rare: NBSP, zero-width space, …
		case c > ' ' && c != 0x7f:
			return false
		}
	}
	return true
}

// writeNormalized writes Normalize(s) to w.
func writeNormalized(w *strings.Builder, s string) {
	switch {
	case isCleanASCII(s):
		w.WriteString(s)
	case isASCII(s):
		writeNormalASCII(w, s)
	default:
		w.WriteString(Normalize(s))
	}
}

// isCleanASCII reports whether s is printable ASCII with single spaces
// between words and none at either end: already normalised.
func isCleanASCII(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	// The range eight bytes at a time, then a fast search for a double
	// space, instead of tracking spaces byte by byte.
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if printable(load8(s[i:i+8])) != 0x8080808080808080 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i]-0x20 > 0x7e-0x20 { // outside ' '..'~'
			return false
		}
	}
	return !strings.Contains(s, "  ")
}

// normalizeASCII is Normalize for ASCII text.
func normalizeASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	writeNormalASCII(&b, s)
	return b.String()
}

// writeNormalASCII writes normalizeASCII(s) to w: the runs of printable
// bytes other than space, one space between two runs that white space
// separated, control characters dropped.
func writeNormalASCII(w *strings.Builder, s string) {
	start := w.Len()
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			space = true
			i++
			continue
		case c < 0x20 || c == 0x7f:
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] > ' ' && s[j] != 0x7f {
			j++
		}
		if space && w.Len() > start {
			w.WriteByte(' ')
		}
		space = false
		w.WriteString(s[i:j])
		i = j
	}
}

// load8 returns the eight bytes of w (len(w) == 8) as one word, first
// byte lowest; the compiler makes it one load.
func load8(w string) uint64 {
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// printable returns v with 0x80 in each byte from ' ' to '~' and 0
// elsewhere. Adding 0x80-0x20 to the low seven bits of a byte sets its high
// bit from ' ' up, adding 0x80-0x7f from DEL up; no sum carries into the
// next byte. Bytes of 0x80 and more are not printable ASCII.
func printable(v uint64) uint64 {
	const ones = 0x0101010101010101
	x := v &^ (ones * 0x80)
	return (x + ones*(0x80-0x20)) &^ (x + ones*(0x80-0x7f)) & (ones * 0x80) &^ v
}

// isASCII reports whether s is ASCII, eight bytes at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// The compiler makes one load of these eight.
		if load8(s[i:i+8])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Locate finds quoted text, such as a dataset's labelled span, in a
// document's text: the whole of it, else its first 200 or 80 bytes (the
// reader may have joined or split a line further on). The span found runs
// the quote's normalised length.
func Locate(text, quote string) (Span, bool) {
	s := Normalize(quote)
	for _, n := range []int{len(s), 200, 80} {
		if n > len(s) {
			continue
		}
		needle := s[:n]
		if len(needle) < 20 && n != len(s) {
			continue
		}
		if i := strings.Index(text, needle); i >= 0 {
			return Span{Start: i, End: i + len(s)}, true
		}
	}
	return Span{}, false
}
