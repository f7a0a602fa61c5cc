package rules

import (
	"slices"
	"strings"
	"testing"
)

// FuzzWords checks lastWords and firstWords against strings.Fields, which
// negated used before, on canonical text cut anywhere (a match may start
// or end inside a word).
func FuzzWords(f *testing.F) {
	f.Add("The Company shall not, without prior notice, terminate.", 10, 3)
	f.Add("  ", 0, 1)
	f.Add("Ünïcode wörds – “quoted” 12.3", 5, 40)
	f.Fuzz(func(t *testing.T, src string, cut, n int) {
		s := canonPhrase(src)
		cut = min(max(cut, 0), len(s))
		n = min(max(n, 0), 16)
		all := strings.Fields(s[:cut])
		want := all[max(len(all)-n, 0):]
		if got := lastWords(s[:cut], n, nil); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("lastWords(%q, %d) = %q, want %q", s[:cut], n, got, want)
		}
		all = strings.Fields(s[cut:])
		want = all[:min(n, len(all))]
		if got := firstWords(s[cut:], n, nil); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("firstWords(%q, %d) = %q, want %q", s[cut:], n, got, want)
		}
	})
}
