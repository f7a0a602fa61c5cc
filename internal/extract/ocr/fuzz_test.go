package ocr

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseTSV: whatever tesseract prints, parsing ends without a panic and
// gives paragraphs with text.
func FuzzParseTSV(f *testing.F) {
	f.Add("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t\n5\t1\t1\t1\t1\t1\t300\t300\t100\t40\t95\tagree-\n5\t1\t1\t1\t2\t1\t300\t350\t100\t40\t95\tment")
	f.Add("5\t1\t1\t1\t1\t1\tx\ty\tz\tw\t95\t{a)\n\t\t\t")
	f.Fuzz(func(t *testing.T, tsv string) {
		for _, p := range parseTSV([]byte(tsv)) {
			if strings.TrimSpace(p.text) == "" && utf8.ValidString(tsv) {
				t.Fatalf("empty paragraph from %q", tsv)
			}
		}
	})
}
