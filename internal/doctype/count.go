package doctype

import "strings"

// counter counts phrases that start at word boundaries, using one index of
// word starts instead of one pass over the text per phrase.
type counter struct {
	low   string
	words map[uint32][]int
}

// cueKeys holds the first three bytes of every phrase Detect counts; only
// words starting that way are indexed. Built at initialisation, read-only.
var cueKeys = func() map[uint32]bool {
	m := map[uint32]bool{}
	add := func(p string) { m[key(strings.Trim(p, `"`))] = true }
	for _, c := range roleCues {
		add(c.phrase)
	}
	for _, w := range contractWords {
		add(w)
	}
	for _, w := range strongWords {
		add(w)
	}
	return m
}()

func key(w string) uint32 { return uint32(w[0])<<16 | uint32(w[1])<<8 | uint32(w[2]) }

func isWordByte(b byte) bool {
	// Bytes of multi-byte characters do not count: a curly quote must end a word.
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func newCounter(low string) *counter {
	c := &counter{low: low, words: make(map[uint32][]int, len(cueKeys))}
	for i := 0; i+3 <= len(low); i++ {
		if isWordByte(low[i]) && (i == 0 || !isWordByte(low[i-1])) {
			if k := key(low[i : i+3]); cueKeys[k] {
				c.words[k] = append(c.words[k], i)
			}
		}
	}
	return c
}

// count counts phrase at word starts. A phrase in double quotes
// (`"landlord"`) counts only where the text quotes it as a defined term,
// with straight or curly quotes.
func (c *counter) count(phrase string) int {
	quoted := strings.HasPrefix(phrase, `"`)
	p := strings.Trim(phrase, `"`)
	n := 0
	for _, i := range c.words[key(p)] {
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
