package rules

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// canonicalizeRef is canonicalize as it was before its ASCII fast path:
// rune by rune, appending.
func canonicalizeRef(src string, buf []byte, off []int32) canon {
	buf = append(buf[:0], ' ')
	off = append(off[:0], 0)
	space := true
	for i, r := range src {
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

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{"Client's  “Deliverables”,", "ÀB-c\t12 Ⱥx\xff", "", "  ", "ASCII only. Then é and ß."} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, reuse int) {
		var buf []byte
		var off []int32
		if reuse%3 == 1 { // a reused buffer, as Match passes, of any size
			buf, off = make([]byte, 5, 7), make([]int32, 3, 9)
		}
		got, want := canonicalize(s, buf, off), canonicalizeRef(s, nil, nil)
		if got.s != want.s || !slices.Equal(got.off, want.off) || string(got.raw) != want.s {
			t.Fatalf("canonicalize(%q) = %q %v, want %q %v", s, got.s, got.off, want.s, want.off)
		}
	})
}
