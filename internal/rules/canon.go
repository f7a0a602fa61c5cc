package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// canon is the canonical form of a piece of text: lower-case letters and
// digits, every other run of characters one space, one space at each end.
// "Client's  “Deliverables”," and the tokenised "client 's deliverables ,"
// both become " client s deliverables ".
type canon struct {
	s   string
	raw []byte  // the bytes of s, reusable as the next buffer
	off []int32 // off[i] is the byte offset in the source of the rune that produced s[i]
	src string
}

// canonicalize returns the canonical form of src. buf and off are reused
// when they are large enough.
func canonicalize(src string, buf []byte, off []int32) canon {
	// ASCII, nearly all of a contract, goes through a table with no
	// append checks: canonical ASCII is never longer than the source plus
	// the two spaces at the ends.
	if n := len(src) + 2; cap(buf) < n || cap(off) < n {
		buf, off = make([]byte, 0, n), make([]int32, 0, n)
	}
	buf, off = buf[:len(src)+2], off[:len(src)+2]
	buf[0], off[0] = ' ', 0
	n := 1
	space := true
	i := 0
	for ; i < len(src); i++ {
		c := src[i]
		if c >= utf8.RuneSelf {
			break
		}
		if m := canonASCII[c]; m != 0 {
			buf[n], off[n] = m, int32(i)
			n++
			space = false
		} else if !space {
			buf[n], off[n] = ' ', int32(i)
			n++
			space = true
		}
	}
	buf, off = buf[:n], off[:n]
	rest := i
	for j, r := range src[rest:] {
		i := rest + j
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			default:
				if !space {
					buf = append(buf, ' ')
					off = append(off, int32(i))
					space = true
				}
				continue
			}
			buf = append(buf, byte(r))
			off = append(off, int32(i))
			space = false
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if !space {
				buf = append(buf, ' ')
				off = append(off, int32(i))
				space = true
			}
			continue
		}
		n := len(buf)
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		for range len(buf) - n {
			off = append(off, int32(i))
		}
		space = false
	}
	if !space {
		buf = append(buf, ' ')
		off = append(off, int32(len(src)))
	}
	return canon{s: string(buf), raw: buf, off: off, src: src}
}

// canonASCII maps an ASCII byte to its canonical form: lower-case letters
// and digits; 0 for every other byte, which becomes a space.
var canonASCII = func() (t [utf8.RuneSelf]byte) {
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	return t
}()

// canonPhrase canonicalises a phrase without the offset table.
func canonPhrase(s string) string {
	return canonicalize(s, nil, nil).s
}

// span maps the canonical range [a, b) back to a byte range of the source,
// trimmed of the spaces at its ends.
func (c *canon) span(a, b int) (int, int) {
	for a < b && c.s[a] == ' ' {
		a++
	}
	for b > a && c.s[b-1] == ' ' {
		b--
	}
	if a >= b {
		o := int(c.off[min(a, len(c.off)-1)])
		return o, o
	}
	start := int(c.off[a])
	last := int(c.off[b-1])
	_, size := utf8.DecodeRuneInString(c.src[last:])
	return start, last + size
}

// words returns the number of words in c.s before byte offset i.
func (c *canon) wordIndex(i int) int {
	return strings.Count(c.s[:i], " ")
}
