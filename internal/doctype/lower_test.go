package doctype

import (
	"encoding/binary"
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
