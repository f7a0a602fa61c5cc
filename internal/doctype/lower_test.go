package doctype

import (
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
