package doctype

import (
	"encoding/binary"
	"github.com/termscore/termscore/internal/wordkey"
	"reflect"
	"strings"
	"testing"
)

// FuzzToLower checks toLower against strings.ToLower, which Detect used
// before, including invalid UTF-8 and characters that change length.
func FuzzToLower(f *testing.F) {
	for _, s := range []string{"THIS AGREEMENT (the “Agreement”)", "ÀÉÎ Straße İstanbul Ⱥ", "\xff\xfeABC\xe2\x80", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Fatalf("toLower(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestLowerWord tries every ASCII byte in every lane of the word.
func TestLowerWord(t *testing.T) {
	for lane := range 8 {
		for c := range 128 {
			b := []byte("AbZ@[`z{")
			b[lane] = byte(c)
			v := binary.LittleEndian.Uint64(b)
			got := make([]byte, 8)
			binary.LittleEndian.PutUint64(got, lowerWord(v))
			if want := strings.ToLower(string(b)); string(got) != want {
				t.Fatalf("lowerWord(%q) = %q, want %q", b, got, want)
			}
		}
	}
}

// newCounterRef is newCounter a byte at a time, as it was.
func newCounterRef(low string) *counter {
	c := &counter{low: low, keys: cueKeys}
	for i := 0; ; {
		for i < len(low) && !wordByte[low[i]] {
			i++
		}
		if i+3 > len(low) {
			break
		}
		if j := cueKeys.keys.Find(wordkey.Of(low[i : i+3])); j >= 0 {
			c.words[j] = append(c.words[j], i)
		}
		for i < len(low) && wordByte[low[i]] {
			i++
		}
	}
	return c
}

func FuzzNewCounter(f *testing.F) {
	for _, s := range []string{"this agreement (the “agreement”) between the landlord and the “tenant” shall hereby", "ÀÉÎ Straße SHALL hereBY", "\xff\xfeabc\xe2\x80 the", "", "sha", "pursuant_to 123 whe0reas", "a\x7f\x80\xff09az@[`{/:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := newCounter(s), newCounterRef(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("newCounter(%q) = %v, want %v", s, got.words, want.words)
		}
	})
}

// TestWordBytes tries every byte in every lane of the word.
func TestWordBytes(t *testing.T) {
	for lane := range 8 {
		for c := range 256 {
			b := []byte("a Z9_\xff0@")
			b[lane] = byte(c)
			got := wordBytes(binary.LittleEndian.Uint64(b))
			for k := range 8 {
				if want := wordByte[b[k]]; (got>>(8*k+7))&1 == 1 != want || got>>(8*k)&0x7f != 0 {
					t.Fatalf("wordBytes(%q) = %#x: byte %d wrong", b, got, k)
				}
			}
		}
	}
}

// TestCuePairs checks that the quick test lets every cue through.
func TestCuePairs(t *testing.T) {
	var phrases []string
	for _, c := range roleCues {
		phrases = append(phrases, strings.Trim(c.phrase, `"`))
	}
	phrases = append(append(phrases, contractWords...), strongWords...)
	phrases = append(append(phrases, offerAccept...), offerTerms...)
	for _, p := range phrases {
		if !cueKeys.pairs.maybe(p[0], p[1]) || cueKeys.keys.Find(wordkey.Of(p)) < 0 {
			t.Errorf("%q is not indexed", p)
		}
	}
	for _, u := range append(commercialCues, residentialCues...) {
		if p := u.phrase; !useKeys.pairs.maybe(p[0], p[1]) || useKeys.keys.Find(wordkey.Of(p)) < 0 {
			t.Errorf("lease use cue %q is not indexed", p)
		}
	}
}
