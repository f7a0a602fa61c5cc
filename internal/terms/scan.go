package terms

import (
	"github.com/termscore/termscore/internal/wordkey"
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/document"
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
}

func newScanner(doc *document.Document) *scanner {
	return &scanner{text: doc.Text, lower: asciiLower(doc.Text), sents: doc.Sentences}
}

// asciiLower lowers ASCII letters only, so that offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
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
	// From word start to word start: the gaps, then the words, skipped by
	// table lookups.
	for i := 0; ; {
		for i < len(low) && !wordByte[low[i]] {
			i++
		}
		if i+3 > len(low) {
			break
		}
		if j := indexed.Find(wordkey.Of(low[i : i+3])); j >= 0 {
			s.words[j] = append(s.words[j], i)
		}
		for i < len(low) && wordByte[low[i]] {
			i++
		}
	}
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

// keywords registers anchor keywords for hits and returns them.
func keywords(ws ...string) []string {
	for _, w := range ws {
		indexed.Add(wordkey.Of(w))
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
