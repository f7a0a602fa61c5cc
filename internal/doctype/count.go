package doctype

import (
	"encoding/binary"
	"github.com/termscore/termscore/internal/wordkey"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// counter counts phrases that start at word boundaries, using one index of
// word starts instead of one pass over the text per phrase.
type counter struct {
	low   string
	keys  *keySet
	words [wordkey.Slots][]int // by keys slot
}

// keySet is the three-byte keys of the phrases a counter counts, with a
// quick test of their first two bytes.
type keySet struct {
	keys  *wordkey.Set
	pairs *pairSet
}

// newKeySet returns the keys of phrases (quotes of defined terms ignored).
func newKeySet(phrases []string) *keySet {
	ks := &wordkey.Set{}
	for _, p := range phrases {
		ks.Add(wordkey.Of(strings.Trim(p, `"`)))
	}
	ps := &pairSet{}
	for _, k := range ks.Keys() {
		ps[byte(k>>16)] |= 1 << (byte(k>>8) & 31)
	}
	return &keySet{ks, ps}
}

// pairSet is a quick, inexact test for the first two bytes of a key: set
// by first byte, the low five bits of the second. It never rejects a key
// of its set, and turns most words away before the hash.
type pairSet [256]uint32

func (ps *pairSet) maybe(a, b byte) bool { return ps[a]&(1<<(b&31)) != 0 }

// cueKeys holds the phrases Detect counts for every document; only words
// starting like one are indexed. Built at initialisation, read-only.
var cueKeys = func() *keySet {
	var all []string
	for _, c := range roleCues {
		all = append(all, c.phrase)
	}
	all = append(all, contractWords...)
	all = append(all, strongWords...)
	all = append(all, "customer", "you", orderForm)
	all = append(all, hireGoods...)
	all = append(all, hirePremises...)
	all = append(all, offerAccept...)
	all = append(all, offerTerms...)
	return newKeySet(all)
}()

// titleKeys holds the title cues, which titlePositions looks for in the
// head of every document. Built at initialisation, read-only.
var titleKeys = func() *keySet {
	all := make([]string, len(titleCues))
	for k, c := range titleCues {
		all[k] = c.phrase
	}
	return newKeySet(all)
}()

func isWordByte(b byte) bool {
	// Bytes of multi-byte characters do not count: a curly quote must end a word.
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// wordByte is isWordByte as a table.
var wordByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isWordByte(byte(c))
	}
	return t
}()

func newCounter(low string) *counter { return newCounterOf(low, cueKeys) }

// newCounterOf returns a counter of the phrases of keys in low.
func newCounterOf(low string, keys *keySet) *counter {
	c := &counter{low: low, keys: keys}
	// Eight bytes at a time: a mask of the word bytes, then of those whose
	// previous byte is not one, visited bit by bit (a word start every six
	// bytes or so, instead of a test of every byte).
	prev := uint64(0) // 0x80 when the byte before the chunk is a word byte
	i := 0
	for ; i+8 <= len(low); i += 8 {
		w := low[i : i+8]
		v := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		words := wordBytes(v)
		for starts := words &^ (words<<8 | prev); starts != 0; starts &= starts - 1 {
			if k := i + bits.TrailingZeros64(starts)/8; k+3 <= len(low) && keys.pairs.maybe(low[k], low[k+1]) {
				c.index(k)
			}
		}
		prev = words >> 56
	}
	inWord := prev != 0
	for ; i < len(low); i++ {
		if wordByte[low[i]] && !inWord {
			c.index(i)
		}
		inWord = wordByte[low[i]]
	}
	return c
}

// index records the word starting at i if a cue starts like it.
func (c *counter) index(i int) {
	if i+3 > len(c.low) {
		return
	}
	if j := c.keys.keys.Find(wordkey.Of(c.low[i : i+3])); j >= 0 {
		c.words[j] = append(c.words[j], i)
	}
}

// wordBytes returns v with 0x80 in each byte that is a word byte and 0
// elsewhere. Each range test adds to the low seven bits of every byte a
// constant that sets the high bit from the bound up; no sum carries into
// the next byte. Bytes of 0x80 and more are not word bytes.
func wordBytes(v uint64) uint64 {
	x := v &^ (ones * 0x80)
	w := between(x, 'a', 'z') | between(x, 'A', 'Z') | between(x, '0', '9')
	return w & (ones * 0x80) &^ v
}

// between sets the high bit of each byte of x (seven bits a byte) that is
// from lo to hi.
func between(x uint64, lo, hi byte) uint64 {
	return (x + ones*uint64(0x80-lo)) &^ (x + ones*uint64(0x80-hi-1))
}

// tally counts the phrases of a list: how many occur, and how often in all.
func (c *counter) tally(phrases []string) (distinct, total int) {
	for _, p := range phrases {
		if n := c.count(p); n > 0 {
			distinct++
			total += n
		}
	}
	return distinct, total
}

// count counts phrase at word starts. A phrase in double quotes
// (`"landlord"`) counts only where the text quotes it as a defined term,
// with straight or curly quotes.
func (c *counter) count(phrase string) int {
	quoted := strings.HasPrefix(phrase, `"`)
	p := strings.Trim(phrase, `"`)
	n := 0
	j := c.keys.keys.Find(wordkey.Of(p))
	if j < 0 {
		return 0
	}
	for _, i := range c.words[j] {
		if !strings.HasPrefix(c.low[i:], p) {
			continue
		}
		if quoted {
			before, after := c.low[:i], c.low[i+len(p):]
			if !(strings.HasSuffix(before, `"`) || strings.HasSuffix(before, "“")) ||
				!(strings.HasPrefix(after, `"`) || strings.HasPrefix(after, "”")) {
				continue
			}
		}
		n++
	}
	return n
}

// toLower is strings.ToLower, byte for byte, without its slow path for
// text with any non-ASCII character (a curly quote is enough), which maps
// every rune through unicode.ToLower: ASCII is lowered in place, and only
// from the first character whose lower case differs is the text rebuilt.
func toLower(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			if v := binary.LittleEndian.Uint64(b[i:]); v&(ones*0x80) == 0 {
				binary.LittleEndian.PutUint64(b[i:], lowerWord(v))
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if unicode.ToLower(r) != r || r == utf8.RuneError && n == 1 {
			return string(appendLower(b[:i], s[i:]))
		}
		i += n
	}
	return string(b)
}

const ones = 0x0101010101010101

// lowerWord lowers eight ASCII bytes at once, a tenth of the work of a
// byte at a time: adding 0x80-'A' sets the high bit of the bytes from 'A'
// up, adding 0x80-'Z'-1 that of those above 'Z' (no byte is 0x80 or more,
// so no sum carries into the next); the bytes in between get 0x20.
func lowerWord(v uint64) uint64 {
	a := v + ones*(0x80-'A')
	z := v + ones*(0x80-'Z'-1)
	return v | (a&^z&(ones*0x80))>>2
}

// appendLower appends s lowered rune by rune (an invalid byte becomes
// U+FFFD, as strings.ToLower does).
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += n
	}
	return b
}
