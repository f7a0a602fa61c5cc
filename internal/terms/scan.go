package terms

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/wordkey"
)

// Span is a byte range of Document.Text.
type Span = document.Span

// scanner finds sentences around keyword hits. Every extractor anchors on
// a cheap substring search of the lower-cased text and only then runs its
// regular expressions on the few sentences found, which keeps a whole
// contract well under a millisecond.
type scanner struct {
	text  string
	lower string                // ASCII-lowered Text: same byte offsets
	sents []Span                // doc.Sentences when segment filled them
	words *[wordkey.Slots][]int // word starts by indexed slot; nil until hits needs it
	// dollar is the currency of a bare "$": set by Extract from the
	// governing law before the amounts are read.
	dollar string
	// preamble caches preambleEnd, which parties and agreementDates both
	// ask; 0 until it is known.
	preamble int
	// loan caches loanDoc, which maturity, principal and interestRate
	// each ask: 0 until known, then 1 for no and 2 for yes.
	loan int8
}

func newScanner(doc *document.Document) *scanner {
	b := asciiLowerBytes(doc.Text)
	unbracketNumbers(b)
	return &scanner{text: doc.Text, lower: string(b), sents: doc.Sentences}
}

// unbracketNumbers blanks the brackets around a template's default
// number ("within [30] days", "[four (4) weeks'] notice"), in place and
// byte for byte, so that the lower-cased text reads the number as written
// and offsets stay valid. Other brackets ("[DATE]", "[***]") are kept.
func unbracketNumbers(b []byte) {
	for i := bytes.IndexByte(b, '['); i >= 0 && i+1 < len(b); {
		next := i + 1
		if j := bytes.IndexByte(b[i+1:min(len(b), i+41)], ']'); j > 0 && numberFirst(b[i+1:i+1+j]) &&
			bytes.IndexByte(b[i+1:i+1+j], '[') < 0 {
			b[i], b[i+1+j] = ' ', ' '
			next = i + 2 + j
		}
		k := bytes.IndexByte(b[next:], '[')
		if k < 0 {
			return
		}
		i = next + k
	}
}

// numberFirst reports whether s starts with a digit or a number word.
func numberFirst(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	if '0' <= s[0] && s[0] <= '9' {
		return true
	}
	end := 0
	for end < len(s) && 'a' <= s[end] && s[end] <= 'z' {
		end++
	}
	_, ok := smallNumbers[string(s[:end])]
	return ok
}

// asciiLower lowers ASCII letters only, so that offsets stay valid.
func asciiLower(s string) string {
	return string(asciiLowerBytes(s))
}

// asciiLowerBytes is asciiLower into a new slice.
func asciiLowerBytes(s string) []byte {
	b := make([]byte, len(s))
	// Eight bytes at a time: a whole contract goes through here, and a
	// byte loop was a tenth of Extract. For each byte c below 0x80,
	// c+(0x80-'A') sets the byte's top bit when c >= 'A', c+(0x80-'Z'-1)
	// when c > 'Z', and neither sum carries into the next byte; bytes of
	// 0x80 and above (UTF-8) are masked out and left alone.
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s[i : i+8])
		low7 := x &^ high
		upper := (low7 + (0x80-'A')*ones) &^ (low7 + (0x80-'Z'-1)*ones) &^ x & high
		binary.LittleEndian.PutUint64(b[i:], x|upper>>2)
	}
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}

// load64 is binary.LittleEndian.Uint64 for a string; the compiler makes
// it one load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// maxSentence bounds a fallback sentence on each side of a hit: some
// contracts run whole sections together without full stops.
const maxSentence = 700

// sentence returns the sentence containing byte offset off.
func (s *scanner) sentence(off int) Span {
	if len(s.sents) > 0 {
		i := sort.Search(len(s.sents), func(i int) bool { return s.sents[i].End > off })
		if i < len(s.sents) && s.sents[i].Start <= off {
			sp := s.sents[i]
			// Cap runaway sentences around the hit.
			if off-sp.Start > 2*maxSentence {
				sp.Start = off - 2*maxSentence
			}
			if sp.End-off > 2*maxSentence {
				sp.End = off + 2*maxSentence
			}
			return s.fixUTF8(sp)
		}
	}
	start := off
	for lim := max(0, off-maxSentence); start > lim; start-- {
		if isSentenceStart(s.text, start) {
			break
		}
	}
	end := off
	for lim := min(len(s.text), off+maxSentence); end < lim; end++ {
		if end > off && isSentenceStart(s.text, end) {
			break
		}
	}
	return s.fixUTF8(Span{Start: start, End: end})
}

// fixUTF8 moves span ends off the middle of a multi-byte character.
func (s *scanner) fixUTF8(sp Span) Span {
	for sp.Start > 0 && sp.Start < len(s.text) && s.text[sp.Start]&0xC0 == 0x80 {
		sp.Start--
	}
	for sp.End < len(s.text) && s.text[sp.End]&0xC0 == 0x80 {
		sp.End++
	}
	return sp
}

// isSentenceStart reports whether a sentence starts at byte i: after a
// line break, or after ". " that does not end an abbreviation, before a
// capital, digit, quote or parenthesis.
func isSentenceStart(t string, i int) bool {
	if i == 0 || i >= len(t) {
		return true
	}
	if t[i-1] == '\n' {
		return true
	}
	if t[i-1] != ' ' || i < 3 {
		return false
	}
	p := t[i-2]
	if p != '.' && p != ';' && p != ':' && p != '?' && p != '!' {
		return false
	}
	c := t[i]
	if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '(' || c == '"' || c == 0xE2) {
		return false
	}
	if p == ';' || p == ':' {
		// A list item "(a) ...; (b) ..." stays in the sentence; a new
		// numbered section "...: 2.1 Term" does not.
		return c >= '0' && c <= '9' && p == ':'
	}
	// Abbreviation before the full stop: "Inc. ", "U.S. ", "No. 5".
	j := i - 2
	k := j
	for k > 0 && t[k-1] != ' ' && t[k-1] != '\n' {
		k--
	}
	word := strings.ToLower(t[k:j])
	switch strings.Trim(word, "(\"'") {
	case "inc", "corp", "co", "ltd", "llc", "l.l.c", "l.p", "lp", "n.a", "s.a", "n.v", "b.v", "plc",
		"no", "nos", "mr", "mrs", "ms", "dr", "st", "u.s", "u.k", "e.g", "i.e", "etc", "sec",
		"art", "para", "vs", "v", "jr", "sr", "a.g", "s.r.l", "gmbh", "pty", "cie", "p.c", "p.a":
		return false
	}
	// A single capital ("John A. Smith") or a section number ("1. ").
	if len(word) == 1 {
		return false
	}
	return true
}

// hits returns the distinct sentences containing a word that starts with
// one of the keywords (lower-case, at least three bytes), in document
// order, at most limit of them.
func (s *scanner) hits(limit int, keywords ...string) []Span {
	if s.words == nil {
		s.indexWords()
	}
	var offs []int
	for _, k := range keywords {
		j := indexed.Find(wordkey.Of(k))
		if j < 0 {
			continue
		}
		for _, o := range s.words[j] {
			if strings.HasPrefix(s.lower[o:], k) {
				offs = append(offs, o)
			}
		}
	}
	sort.Ints(offs)
	var out []Span
	for _, o := range offs {
		if n := len(out); n > 0 && out[n-1].Contains(o) {
			continue
		}
		out = append(out, s.sentence(o))
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out
}

// indexWords records where each word starts, keyed by its first three
// bytes: one pass over the text instead of one search per keyword.
func (s *scanner) indexWords() {
	s.words = new([wordkey.Slots][]int)
	low := s.lower
	add := func(i int) {
		if i+3 > len(low) || indexedPairs[low[i]]>>(low[i+1]&31)&1 == 0 {
			return
		}
		if j := indexed.Find(wordkey.Of(low[i : i+3])); j >= 0 {
			s.words[j] = append(s.words[j], i)
		}
	}
	// Eight bytes at a time, as a byte loop cost more than the lookups: a
	// word starts at a word byte after a byte that is not one.
	i := 0
	var before uint64 // 0x80 when the byte before the eight is a word byte
	for ; i+8 <= len(low); i += 8 {
		w := wordBytes(load64(low[i : i+8]))
		for starts := w &^ (w<<8 | before); starts != 0; starts &= starts - 1 {
			add(i + bits.TrailingZeros64(starts)/8)
		}
		before = w >> 56
	}
	for ; i < len(low); i++ {
		if wordByte[low[i]] && (i == 0 || !wordByte[low[i-1]]) {
			add(i)
		}
	}
}

// wordBytes returns x, eight bytes of text, with 0x80 in each byte that
// is a word byte (isWordByte) and 0 in the others. For v below 0x80,
// v+(0x80-lo) has its top bit set when v >= lo, v+(0x7f-hi) when v > hi,
// and neither sum carries into the next byte; bytes of 0x80 and above
// (UTF-8) are no word bytes.
func wordBytes(x uint64) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
	)
	v := x &^ high
	lower := (v + (0x80-'a')*ones) &^ (v + (0x7f-'z')*ones)
	upper := (v + (0x80-'A')*ones) &^ (v + (0x7f-'Z')*ones)
	digit := (v + (0x80-'0')*ones) &^ (v + (0x7f-'9')*ones)
	underscore := ^((v ^ '_'*ones) + 0x7f*ones) // top bit set where v == '_'
	return (lower | upper | digit | underscore) &^ x & high
}

// wordByte is isWordByte as a table.
var wordByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isWordByte(byte(c))
	}
	return t
}()

// indexed holds the keys of every keyword passed to keywords: only words
// starting like one of them are indexed. It is filled at package
// initialisation and read-only after.
var indexed = &wordkey.Set{}

// indexedPairs has, for the first byte of every key in indexed, bit
// second&31 set for its second byte: most words of a text fail this test,
// which is cheaper than a lookup. Filled with indexed.
var indexedPairs [256]uint32

// keywords registers anchor keywords for hits and returns them.
func keywords(ws ...string) []string {
	for _, w := range ws {
		indexed.Add(wordkey.Of(w))
		indexedPairs[w[0]] |= 1 << (w[1] & 31)
	}
	return ws
}

// has reports whether the lowered sentence contains any of the words.
func has(low string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}
