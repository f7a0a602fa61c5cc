package plaintext

import (
	"slices"
	"strings"
	"testing"
)

func FuzzLineEnd(f *testing.F) {
	for _, s := range []string{"a\r\nb", "a\nb\rc", "page\fnext\n", "no end", "\n", "x\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lineEnd(s), strings.IndexAny(s, "\r\n\f"); got != want {
			t.Fatalf("lineEnd(%q) = %d, want %d", s, got, want)
		}
	})
}

// splitClausesRef is splitClauses testing every byte, as it did before it
// jumped from period to colon.
func splitClausesRef(s string) []string {
	var parts []string
	start := 0
	for i := 2; i < len(s); i++ {
		if s[i-1] != ' ' || (s[i-2] != '.' && s[i-2] != ':') || i-start < 20 {
			continue
		}
		rest := s[i:]
		if !startsNumbered(rest) {
			continue
		}
		label, after, _ := strings.Cut(rest, " ")
		if s[i-2] == ':' && label[0] == '(' {
			continue
		}
		if !startsUpper(after) || abbreviated(s[start:i-1]) {
			continue
		}
		parts = append(parts, s[start:i-1])
		start = i
	}
	return append(parts, s[start:])
}

func FuzzSplitClauses(f *testing.F) {
	for _, s := range []string{
		"The services are as follows: 1.1 Provision of Services. (a) Provider shall do it. 2. Fees. Client pays.",
		"Section 1.2: (a) in the event. Inc. 3. Term. The term is one year: (b) Renewal.",
		"a. b: c. 1. D",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := splitClauses(s), splitClausesRef(s); !slices.Equal(got, want) {
			t.Fatalf("splitClauses(%q) = %q, want %q", s, got, want)
		}
	})
}
