package markdown

import (
	"bytes"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fixHeadingsRef is fixHeadings as it was, copying every line.
func fixHeadingsRef(src []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(src) + 64)
	fence := false
	for line := range bytes.Lines(src) {
		t := bytes.TrimLeft(line, " ")
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fence = !fence
		}
		n := 0
		for n < len(t) && t[n] == '#' {
			n++
		}
		if !fence && len(t) == len(line) && n >= 1 && n <= 6 && n < len(t) {
			if r, _ := utf8.DecodeRune(t[n:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				out.Write(line[:n])
				out.WriteByte(' ')
				out.Write(line[n:])
				continue
			}
		}
		out.Write(line)
	}
	return out.Bytes()
}

// FuzzFixHeadings holds fixHeadings, which copies the source only once a
// line needs fixing, to the reference, and checks it leaves src as it was.
func FuzzFixHeadings(f *testing.F) {
	for _, s := range []string{"", "# Title\n\nText\n", "###Summary:\nline\n", "```\n##code\n```\n##After\n", "a\n#1 b\n#\n####### x\n", "~~~\n#x\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		got, want := fixHeadings(src), fixHeadingsRef([]byte(s))
		if !bytes.Equal(got, want) {
			t.Fatalf("fixHeadings(%q) = %q, want %q", s, got, want)
		}
		if string(src) != s {
			t.Fatalf("fixHeadings modified its source: %q", src)
		}
	})
}
