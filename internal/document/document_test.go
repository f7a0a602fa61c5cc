package document

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain words", "plain words"},
		{"  padded  and\tdoubled \n", "padded and doubled"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"non\u00a0breaking\u202fspaces", "non breaking spaces"},
		{"e\u0301clair", "éclair"}, // NFC composes
		{"ctrl\x07char", "ctrlchar"},
		{"“Smart” — quotes", "“Smart” — quotes"},
		{" ", ""},
		{"a ", "a"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuilderLayoutAndOffsets(t *testing.T) {
	b := NewBuilder("x", Text)
	b.Add(Block{Kind: Heading, Level: 1}, "  Services  ")
	b.Add(Block{Kind: ListItem, Number: "1."}, "Café work")
	b.Add(Block{Kind: ListItem, Number: "2."}, "")
	b.Add(Block{Kind: Paragraph}, "   ") // dropped
	b.Add(Block{Kind: TableCell, Source: Source{Table: 1, Row: 1, Col: 1}}, "Fee")
	b.Add(Block{Kind: TableCell, Source: Source{Table: 1, Row: 1, Col: 2}}, "€5")
	b.Add(Block{Kind: TableCell, Source: Source{Table: 1, Row: 2, Col: 1}}, "Net")
	d := b.Document()
	want := "Services\n\n1. Café work\n\n2.\n\nFee\t€5\nNet"
	if d.Text != want {
		t.Fatalf("Text = %q, want %q", d.Text, want)
	}
	for _, blk := range d.Blocks {
		if s := d.Slice(blk.Span); s == "" || strings.TrimSpace(s) != s {
			t.Errorf("block %v = %q", blk.Span, s)
		}
	}
	// "é" and "€" are one code point each but two and three bytes.
	off := strings.Index(d.Text, "Net")
	if got := d.Runes(off); got != len([]rune(d.Text[:off])) {
		t.Errorf("Runes(%d) = %d, want %d", off, got, len([]rune(d.Text[:off])))
	}
	for i := 0; i <= len([]rune(d.Text)); i++ {
		if got := d.Runes(d.ByteOffset(i)); got != i {
			t.Fatalf("Runes(ByteOffset(%d)) = %d", i, got)
		}
	}
	if d.BlockAt(off) != len(d.Blocks)-1 || d.BlockAt(len(d.Text)+5) != -1 {
		t.Errorf("BlockAt wrong")
	}
}

func BenchmarkNormalize(b *testing.B) {
	ascii := strings.Repeat("The Contractor shall deliver the Deliverables within thirty (30) days. ", 20)
	ascii = strings.TrimSpace(ascii)
	wrapped := strings.ReplaceAll(ascii, ". ", ".\n  ")
	uni := strings.ReplaceAll(ascii, "Deliverables", "“Deliverables”")
	for _, c := range []struct{ name, s string }{{"clean-ascii", ascii}, {"wrapped-ascii", wrapped}, {"unicode", uni}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				Normalize(c.s)
			}
		})
	}
}

// FuzzBuilderWords checks the word count the Builder keeps against a count
// over the finished Text, for blocks of every kind and any text.
func FuzzBuilderWords(f *testing.F) {
	for _, s := range []string{"Services|1. Café work||   |Fee\t€5|Net", " a  b\u00a0c\u200b d \x07|\n\n|x", "\xff\xfe|  \u2007 |e\u0301"} {
		f.Add(s, uint8(5))
	}
	f.Fuzz(func(t *testing.T, s string, kinds uint8) {
		b := NewBuilder("fuzz", Text)
		for i, part := range strings.Split(s, "|") {
			blk := Block{Kind: Paragraph}
			switch (int(kinds) >> (i % 8)) & 3 {
			case 1:
				blk = Block{Kind: TableCell, Source: Source{Table: 1, Row: i / 2, Col: i}}
			case 2:
				blk = Block{Kind: ListItem, Number: part[:len(part)/2]}
			case 3:
				blk = Block{Kind: Heading, Level: 1}
			}
			b.Add(blk, part)
		}
		d := b.Document()
		if got, want := d.Words(), countWords(d.Text); got != want {
			t.Fatalf("Words() = %d, want %d in %q", got, want, d.Text)
		}
	})
}

// runeIndexRef is buildRuneIndex before its ASCII strides.
func runeIndexRef(s string) []int {
	var idx []int
	n := 0
	for i := range s {
		if n%runeStride == 0 {
			idx = append(idx, i)
		}
		n++
	}
	if len(idx) == 0 {
		idx = append(idx, 0)
	}
	return idx
}

func FuzzRuneIndex(f *testing.F) {
	for _, s := range []string{strings.Repeat("ascii ", 30), strings.Repeat("é", 100) + strings.Repeat("a", 130), "\xff\x80abc" + strings.Repeat("x", 70), ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &Document{Text: s}
		d.buildRuneIndex()
		if want := runeIndexRef(s); !slices.Equal(d.runeIndex, want) {
			t.Fatalf("rune index of %q = %v, want %v", s, d.runeIndex, want)
		}
		if isASCII(s) != !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 }) {
			t.Fatalf("isASCII(%q) = %v", s, isASCII(s))
		}
	})
}

// isCleanASCIIRef is isCleanASCII a byte at a time, as it was.
func isCleanASCIIRef(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		if c < 0x21 || c > 0x7e {
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

func FuzzCleanASCII(f *testing.F) {
	for _, s := range []string{"plain words here", " lead", "trail ", "double  space", "tab\there", "del\x7f", "é accent", "~!@#$%^&*()_+{}|:<>?", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isCleanASCII(s), isCleanASCIIRef(s); got != want {
			t.Fatalf("isCleanASCII(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestPrintable tries every byte in every lane of the word.
func TestPrintable(t *testing.T) {
	for lane := range 8 {
		for c := range 256 {
			b := []byte("a ~\x1f\x7f\x80Z!")
			b[lane] = byte(c)
			got := printable(load8(string(b)))
			for k := range 8 {
				want := b[k] >= 0x20 && b[k] <= 0x7e
				if (got>>(8*k+7))&1 == 1 != want || got>>(8*k)&0x7f != 0 {
					t.Fatalf("printable(%q) = %#x: byte %d wrong", b, got, k)
				}
			}
		}
	}
}

func TestLocate(t *testing.T) {
	text := "1. Term. This Agreement begins on the Effective Date and continues for two full years from that date. 2. Fees. Client pays monthly."
	tests := []struct {
		quote string
		want  Span
		ok    bool
	}{
		{"This Agreement begins on the Effective Date and continues for two full years from that date.", Span{9, 101}, true},
		// The text differs after 80 bytes (a line the reader split): the first 80 still find it.
		{"This Agreement begins on the Effective Date and continues for two full years from that day onward, unless terminated earlier.", Span{9, 134}, true},
		{"  This   Agreement begins on the\nEffective Date and continues for two full years from that date.", Span{9, 101}, true},
		{"Nothing like this is in the text at all, not even its first words.", Span{}, false},
	}
	for _, tt := range tests {
		got, ok := Locate(text, tt.quote)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Locate(%q) = %v, %v, want %v, %v", tt.quote, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSpanOverlaps(t *testing.T) {
	for _, tc := range []struct {
		a, b Span
		want bool
	}{
		{Span{0, 5}, Span{4, 9}, true},
		{Span{0, 5}, Span{5, 9}, false}, // touching shares no byte
		{Span{2, 3}, Span{0, 9}, true},
		{Span{3, 3}, Span{0, 9}, true}, // an empty span inside
		{Span{0, 9}, Span{9, 9}, false},
	} {
		if got := tc.a.Overlaps(tc.b); got != tc.want || tc.b.Overlaps(tc.a) != tc.want {
			t.Errorf("%v.Overlaps(%v) = %v, want %v both ways", tc.a, tc.b, got, tc.want)
		}
	}
}
