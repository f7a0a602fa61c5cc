package document

import (
	"strings"
	"testing"
)

// normalizeASCIIRef is normalizeASCII byte by byte, as it was before it
// wrote runs of bytes.
func normalizeASCIIRef(s string) string {
	out := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			space = true
			continue
		case c < 0x20 || c == 0x7f:
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, c)
	}
	return string(out)
}

// FuzzNormalizeInPlace checks what the Builder writes without building a
// normalised copy against Normalize itself: IsBlank is Normalize(s) == "",
// writeNormalized writes Normalize(s) after text already written, and
// normalizeASCII is the byte-by-byte reference.
func FuzzNormalizeInPlace(f *testing.F) {
	for _, s := range []string{
		"", " ", "plain words", "  padded  and\tdoubled \n", "ctrl\x07char", "a \x01 b", "\x01\x02 \x7f",
		"del\x7fin word", "soft\u00adhyphen", "\u00a0\u200b\u2007", " \u00a0x", "e\u0301clair", "\xff\xfe",
		"Source: 2THEMART COM INC, 10-12G, 8/26/1999", "1.1\tServices.\r\n  Provider will\fperform",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := Normalize(s)
		if got := IsBlank(s); got != (want == "") {
			t.Fatalf("IsBlank(%q) = %v, Normalize gives %q", s, got, want)
		}
		var b strings.Builder
		b.WriteString("before ")
		writeNormalized(&b, s)
		if got := b.String(); got != "before "+want {
			t.Fatalf("writeNormalized(%q) wrote %q, want %q", s, got[len("before "):], want)
		}
		if isASCII(s) {
			if got, want := normalizeASCII(s), normalizeASCIIRef(s); got != want {
				t.Fatalf("normalizeASCII(%q) = %q, want %q", s, got, want)
			}
		}
	})
}
