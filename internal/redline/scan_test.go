package redline

import (
	"slices"
	"testing"
)

// TestFieldResultChars: a field's visible result is recorded character by
// character, so that allStruck asks about each. Once the scan recorded the
// first character of each piece of text as many times as the piece was
// long, and a field whose first character alone was struck counted as
// struck whole.
func TestFieldResultChars(t *testing.T) {
	xml := xmlHeader + `<w:document xmlns:w="` + nsW + `"><w:body><w:p>` +
		`<w:r><w:t xml:space="preserve">See </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref6 \r \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>Section</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>6</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> below.</w:t></w:r></w:p><w:sectPr/></w:body></w:document>`
	pt, err := scanPart([]byte(xml), 64)
	if err != nil {
		t.Fatal(err)
	}
	if len(pt.fields) != 1 {
		t.Fatalf("%d fields, want 1", len(pt.fields))
	}
	f := pt.fields[0]
	// "See " is 0-3; "Section", the tab and "6" are 4-12.
	if want := []int{4, 5, 6, 7, 8, 9, 10, 11, 12}; !slices.Equal(f.chars, want) {
		t.Errorf("field result chars = %v, want %v", f.chars, want)
	}
	var text []rune
	for _, i := range f.chars {
		text = append(text, f.para.chars()[i].r)
	}
	if got := string(text); got != "Section\t6" {
		t.Errorf("field result = %q, want %q", got, "Section\t6")
	}
	if del := map[charRef]int{{para: f.para, i: 4}: 1}; allStruck(del, f) {
		t.Error("a field whose first character alone is struck counts as struck whole")
	}
}
