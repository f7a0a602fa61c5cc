package redline

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/docx"
	"github.com/termscore/termscore/internal/fault"
)

func TestDOCXBadInput(t *testing.T) {
	data, doc := load(t, "ica.docx")
	edits := []Edit{{Span: at(t, doc, "in writing", 0), Action: "replace", Text: "by email", Comment: "c", Rule: "t"}}
	ole := append(append([]byte(nil), oleMagic...), make([]byte, 4096)...)
	for _, tc := range []struct {
		name string
		data []byte
		opt  Options
		kind fault.Kind
		says string
	}{
		{"truncated", data[:len(data)/2], Options{}, fault.Invalid, "damaged"},
		{"garbage", bytes.Repeat([]byte("not a zip "), 100), Options{}, fault.Invalid, "damaged"},
		{"password-protected", ole, Options{}, fault.Encrypted, "password"},
		{"too large when unpacked", data, Options{MaxUncompressed: 10000}, fault.TooLarge, "expands"},
		{"no document part", withoutPart(t, data, mainPart), Options{}, fault.Invalid, "word/document.xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := DOCX(tc.data, doc, edits, tc.opt)
			if err == nil || out != nil {
				t.Fatalf("got %d bytes and error %v", len(out), err)
			}
			if fault.KindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %q (kind %v), want kind %v saying %q", err, fault.KindOf(err), tc.kind, tc.says)
			}
		})
	}
}

func withoutPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	out, err := rezip(data, map[string][]byte{name: nil})
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Replace(out, []byte(name), []byte(strings.Repeat("x", len(name))), -1)
}

// An edit that cannot be placed is reported, never silently dropped.
func TestDOCXUnplaceable(t *testing.T) {
	data, doc := load(t, "ica.docx")
	num := at(t, doc, "3.2 Moral Rights", 0)
	edits := []Edit{
		{Span: document.Span{Start: num.Start, End: num.Start + len("3.2 Moral")}, Action: "replace", Text: "Attribution", Comment: "x", Rule: "t.numbering"},
		{Span: document.Span{Start: at(t, doc, "Non-Solicitation.", 0).Start, End: at(t, doc, "Independent Contractor.", 0).End}, Action: "delete", Rule: "t.two-paragraphs"},
		{Span: document.Span{Start: len(doc.Text) + 5, End: len(doc.Text) + 9}, Action: "delete", Rule: "t.outside"},
		{Span: at(t, doc, "in writing", 0), Action: "replace", Text: "by email", Comment: "ok", Rule: "t.ok"},
	}
	if _, err := DOCX(data, doc, edits, Options{}); err == nil || !strings.Contains(err.Error(), "cannot place the change for t.") {
		t.Errorf("without a Skipped callback: %v", err)
	}
	got := map[string]string{}
	out, err := DOCX(data, doc, edits, Options{Skipped: func(e Edit, why string) { got[e.Rule] = why }})
	if err != nil {
		t.Fatal(err)
	}
	for rule, want := range map[string]string{"t.numbering": "automatic numbering", "t.two-paragraphs": "paragraph", "t.outside": "outside"} {
		if !strings.Contains(got[rule], want) {
			t.Errorf("%s: reason %q, want one saying %q", rule, got[rule], want)
		}
	}
	if _, ok := got["t.ok"]; ok {
		t.Error("the placeable edit was skipped")
	}
	if !strings.Contains(readDOCX(t, out).Text, "by email") {
		t.Error("the placeable edit was not made")
	}
	// The refused edits carried comments: none may be left in
	// word/comments.xml with nothing to anchor it.
	checkMarkup(t, out)
	if n := bytes.Count(zipPart(t, out, "word/comments.xml"), []byte("<w:comment ")); n != 1 {
		t.Errorf("%d comments written for the one edit placed", n)
	}
}

var (
	commentID  = regexp.MustCompile(`<w:comment [^>]*\bw:id="(\d+)"`)
	anchorID   = regexp.MustCompile(`<w:(commentRangeStart|commentRangeEnd|commentReference) w:id="(\d+)"`)
	revisionID = regexp.MustCompile(`<w:(?:ins|del) w:id="(\d+)"`)
)

// checkMarkup checks what Word checks when it opens a file with tracked
// changes: each comment in word/comments.xml has exactly one range start,
// range end and reference in word/document.xml and each of those a
// comment, and no two insertions or deletions share an id.
func checkMarkup(t *testing.T, data []byte) {
	t.Helper()
	doc := zipPart(t, data, "word/document.xml")
	comments := map[string]bool{}
	for _, m := range commentID.FindAllSubmatch(zipPart(t, data, "word/comments.xml"), -1) {
		comments[string(m[1])] = true
	}
	seen := map[string]int{}
	for _, m := range anchorID.FindAllSubmatch(doc, -1) {
		id := string(m[2])
		seen[string(m[1])+" "+id]++
		if !comments[id] {
			t.Errorf("%s %s has no comment", m[1], id)
		}
	}
	for id := range comments {
		for _, kind := range []string{"commentRangeStart", "commentRangeEnd", "commentReference"} {
			if n := seen[kind+" "+id]; n != 1 {
				t.Errorf("comment %s has %d %s", id, n, kind)
			}
		}
	}
	revisions := map[string]bool{}
	for _, m := range revisionID.FindAllSubmatch(doc, -1) {
		if revisions[string(m[1])] {
			t.Errorf("two tracked changes have id %s", m[1])
		}
		revisions[string(m[1])] = true
	}
}

func TestWriteFileLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "missing-dir", "out.docx"), []byte("x")); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
	name := filepath.Join(dir, "out.docx")
	if err := WriteFile(name, []byte("complete")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "out.docx" {
		t.Errorf("directory holds %v, want only out.docx", entries)
	}
}

// FuzzDOCX feeds arbitrary word/document.xml content through the reader
// and the writer: whatever the reader accepts, the writer must mark up
// without panicking, and its output must read back.
func FuzzDOCX(f *testing.F) {
	for _, seed := range []string{
		`<w:p><w:r><w:t>The Contractor assigns all rights in perpetuity.</w:t></w:r></w:p>`,
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Fees are due </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ninety</w:t></w:r><w:r><w:tab/><w:t>days.</w:t></w:r></w:p>`,
		`<w:p><w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>new words</w:t></w:r></w:ins><w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> and more &amp; more</w:t></w:r></w:p>`,
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p><w:p><w:r><w:t>second para</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>After</w:t></w:r></w:p>`,
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> pages  of   text</w:t></w:r></w:p>`,
		`<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="B" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t>joined</w:t></w:r></w:p><w:p><w:r><w:t>paragraph</w:t></w:r></w:p>`,
		`<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:t>shown</w:t><w:br/><w:t>after break</w:t></w:r></w:p>`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		base, err := buildDOCX([]para{{runs: plain("x")}})
		if err != nil {
			t.Fatal(err)
		}
		xml := xmlHeader + `<w:document xmlns:w="` + nsW + `"><w:body>` + body + `<w:sectPr/></w:body></w:document>`
		data, err := rezip(base, map[string][]byte{mainPart: []byte(xml)})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := docx.Read(context.Background(), data, docx.Options{})
		if err != nil || len(doc.Blocks) == 0 {
			return
		}
		var edits []Edit
		for i, b := range doc.Blocks {
			text := doc.Slice(b.Span)
			if sp := strings.IndexByte(text, ' '); sp > 0 {
				edits = append(edits, Edit{Span: document.Span{Start: b.Start, End: b.Start + sp}, Action: "replace", Text: "Changed", Comment: "why", Rule: "f"})
			} else if i%2 == 0 {
				edits = append(edits, Edit{Span: b.Span, Action: "delete", Rule: "f"})
			}
		}
		edits = append(edits, Edit{Span: document.Span{Start: doc.Blocks[0].End, End: doc.Blocks[0].End}, Action: "insert", Text: "A new clause.", Comment: "c", Rule: "f"})
		out, err := DOCX(data, doc, edits, Options{Skipped: func(Edit, string) {}})
		if err != nil {
			var fe *fault.Error
			if !errors.As(err, &fe) {
				t.Fatalf("unexplained error: %v", err)
			}
			return
		}
		if _, err := docx.Read(context.Background(), out, docx.Options{}); err != nil {
			t.Fatalf("the marked-up file does not read back: %v\n%s", err, zipPart(t, out, mainPart))
		}
	})
}

func BenchmarkDOCX(b *testing.B) {
	data, doc := load(b, "psa.docx")
	var edits []Edit
	for i, w := range []string{"Customer", "Provider", "Agreement", "Services"} {
		for n := 0; n < 5; n++ {
			edits = append(edits, Edit{Span: at(b, doc, w, 2+n*3+i%2), Action: "replace", Text: "X", Comment: "c", Rule: "b"})
		}
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := DOCX(data, doc, edits, Options{Skipped: func(Edit, string) {}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddendumPDF(b *testing.B) {
	for b.Loop() {
		if _, err := Addendum("late-payment", testParties, "pdf"); err != nil {
			b.Fatal(err)
		}
	}
}
