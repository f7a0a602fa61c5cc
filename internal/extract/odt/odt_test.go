package odt

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/document/documenttest"
	"github.com/termscore/termscore/internal/fault"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func readFile(t testing.TB, name string) *document.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(context.Background(), data, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func render(doc *document.Document) string {
	var b strings.Builder
	b.WriteString(doc.Text)
	b.WriteString("\n\n=== blocks\n")
	for _, blk := range doc.Blocks {
		s := blk.Source
		fmt.Fprintf(&b, "%s level=%d number=%q p=%d", blk.Kind, blk.Level, blk.Number, s.Paragraph)
		if s.Table > 0 {
			fmt.Fprintf(&b, " table=%d row=%d col=%d", s.Table, s.Row, s.Col)
		}
		text := doc.Slice(blk.Span)
		if len(text) > 40 {
			text = text[:40]
		}
		fmt.Fprintf(&b, " | %s\n", text)
	}
	b.WriteString("=== furniture\n")
	for _, f := range doc.Furniture {
		b.WriteString(f + "\n")
	}
	b.WriteString("=== notes\n")
	for _, n := range doc.Notes {
		b.WriteString(n + "\n")
	}
	return b.String()
}

var files = []string{
	"common-paper-independent-contractor-agreement.odt",
	"common-paper-professional-services-agreement.odt",
	"features.odt",
}

func TestGolden(t *testing.T) {
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			got := render(readFile(t, name))
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".odt")+".golden")
			documenttest.Golden(t, golden, got, *update)
		})
	}
}

func findBlock(doc *document.Document, prefix string) (document.Block, bool) {
	for _, b := range doc.Blocks {
		if strings.HasPrefix(doc.Slice(b.Span), prefix) {
			return b, true
		}
	}
	return document.Block{}, false
}

// TestNumbering reads templates LibreOffice converted from DOCX: the list
// numbers must be those Word shows (and the docx package reads).
func TestNumbering(t *testing.T) {
	tests := []struct {
		file, prefix string
		kind         document.BlockKind
		level        int
		number       string
	}{
		{"common-paper-independent-contractor-agreement.odt", "1. Services & Restrictions", document.Heading, 1, "1."},
		// As in package docx: a heading-styled whole clause is the numbered
		// paragraph it reads as, a heading-styled title a heading.
		{"common-paper-independent-contractor-agreement.odt", "1.1 Performing Services.", document.ListItem, 1, "1.1"},
		{"common-paper-independent-contractor-agreement.odt", "4.2 Termination.", document.Heading, 2, "4.2"},
		{"common-paper-independent-contractor-agreement.odt", "a. Either party may terminate", document.ListItem, 2, "a."},
		{"common-paper-independent-contractor-agreement.odt", "6. Send to your counterparty", document.ListItem, 0, "6."},
		{"common-paper-professional-services-agreement.odt", "1. Services", document.Heading, 1, "1."},
		{"common-paper-professional-services-agreement.odt", "(c) Customer is responsible", document.ListItem, 2, "(c)"},
		{"common-paper-professional-services-agreement.odt", "13.21 ", document.ListItem, 1, "13.21"},
		{"features.odt", "Services Agreement", document.Heading, 1, ""},
		{"features.odt", "1.2. Late payments", document.ListItem, 1, "1.2."},
		{"features.odt", "(b) interest is capped", document.ListItem, 2, "(b)"},
		{"features.odt", "2.1. Neither party", document.ListItem, 1, "2.1."},
	}
	docs := map[string]*document.Document{}
	for _, tt := range tests {
		doc := docs[tt.file]
		if doc == nil {
			doc = readFile(t, tt.file)
			docs[tt.file] = doc
		}
		b, ok := findBlock(doc, tt.prefix)
		if !ok {
			t.Errorf("%s: no block starts with %q", tt.file, tt.prefix)
			continue
		}
		if b.Kind != tt.kind || b.Level != tt.level || b.Number != tt.number {
			t.Errorf("%s: %q: got kind %s level %d number %q, want %s %d %q",
				tt.file, tt.prefix, b.Kind, b.Level, b.Number, tt.kind, tt.level, tt.number)
		}
	}
}

func TestFeatures(t *testing.T) {
	doc := readFile(t, "features.odt")
	for _, want := range []string{
		"within thirty (30) days of receipt.",
		"Late payments bear interest at 1% per month.",
		"by Jane Doe.",
		"Service\tMonthly fee\nHosting\tUSD 1,000\nSupport\tUSD 250",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, absent := range []string{"sixty", "Is this rate too high", "Reviewer", "Registered in England", "Confidential"} {
		if strings.Contains(doc.Text, absent) {
			t.Errorf("text contains %q", absent)
		}
	}
	if len(doc.Notes) != 2 || doc.Notes[0] != "Registered in England under number 01234567." || doc.Notes[1] != "Signature pages may be exchanged electronically." {
		t.Errorf("notes: %q", doc.Notes)
	}
	if len(doc.Furniture) == 0 || doc.Furniture[0] != "Acme Services Agreement – Confidential" {
		t.Errorf("furniture: %q", doc.Furniture)
	}
	b, ok := findBlock(doc, "USD 1,000")
	if !ok || b.Kind != document.TableCell || b.Source.Table != 1 || b.Source.Row != 2 || b.Source.Col != 2 || b.Source.Part != "content.xml" {
		t.Errorf("cell: %+v", b)
	}
}

const (
	head = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="` + nsOffice + `" xmlns:text="` + nsText +
		`" xmlns:table="` + nsTable + `" xmlns:style="` + nsStyle + `"><office:automatic-styles>` +
		`<text:list-style style:name="L"><text:list-level-style-number text:level="1" style:num-format="A" style:num-prefix="Article " style:num-suffix=""/>` +
		`<text:list-level-style-number text:level="2" style:num-format="i" style:num-prefix="(" style:num-suffix=")"/>` +
		`<text:list-level-style-bullet text:level="3" text:bullet-char="•"/></text:list-style></office:automatic-styles><office:body><office:text>`
	tail = `</office:text></office:body></office:document-content>`
)

func odtOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"mimetype", "content.xml", "styles.xml", "META-INF/manifest.xml"} {
		content, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	zw.Close()
	return buf.Bytes()
}

func TestSynthetic(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"spaces, tabs and breaks", `<text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d<text:soft-page-break/>e</text:p>`, "a b c de"},
		{"lists with prefixes, restarts and continuation",
			`<text:list text:style-name="L" xml:id="l1"><text:list-item><text:p>one</text:p><text:p>continued</text:p><text:list><text:list-item><text:p>x</text:p></text:list-item><text:list-item><text:p>y</text:p><text:list><text:list-item><text:p>dot</text:p></text:list-item></text:list></text:list-item></text:list></text:list-item></text:list>` +
				`<text:p>between</text:p><text:list text:style-name="L" text:continue-list="l1"><text:list-item><text:p>two</text:p></text:list-item></text:list>` +
				`<text:list text:style-name="L"><text:list-item text:start-value="5"><text:p>five</text:p></text:list-item><text:list-header><text:p>header</text:p></text:list-header></text:list>`,
			"Article A one\n\ncontinued\n\n(i) x\n\n(ii) y\n\ndot\n\nbetween\n\nArticle B two\n\nArticle E five\n\nheader"},
		{"hidden, index sources and drawings' alt text",
			`<text:p>shown<text:hidden-text text:string-value="x">hidden</text:hidden-text></text:p><text:table-of-content><text:table-of-content-source><text:index-title-template>Contents</text:index-title-template></text:table-of-content-source><text:index-body><text:p>1 Terms 3</text:p></text:index-body></text:table-of-content>` +
				`<text:p><draw:frame xmlns:draw="d" xmlns:svg="` + nsSVG + `"><svg:title>logo</svg:title><draw:text-box><text:p>boxed</text:p></draw:text-box></draw:frame>anchor</text:p>`,
			"shown\n\n1 Terms 3\n\nboxed\n\nanchor"},
		{"repeated and covered cells",
			`<table:table><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>c</text:p></table:table-cell></table:table-row><table:table-row><table:covered-table-cell/><table:table-cell><text:p>d</text:p></table:table-cell></table:table-row></table:table>`,
			"c\nd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), odtOf(t, map[string]string{"content.xml": head + tt.body + tail}), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.want {
				t.Errorf("text:\n%q\nwant\n%q", doc.Text, tt.want)
			}
		})
	}
	doc, err := Read(context.Background(), odtOf(t, map[string]string{"content.xml": head + tests[3].body + tail}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := doc.Blocks[0].Source; s.Row != 1 || s.Col != 3 || doc.Blocks[1].Source.Col != 2 {
		t.Errorf("cells: %+v %+v", s, doc.Blocks[1].Source)
	}
}

func zipBomb(t testing.TB, name, head, unit string, size int64) []byte {
	t.Helper()
	var chunk, first bytes.Buffer
	fw, _ := flate.NewWriter(&first, flate.BestCompression)
	io.WriteString(fw, head)
	fw.Flush()
	fw, _ = flate.NewWriter(&chunk, flate.BestCompression)
	fw.Write(bytes.Repeat([]byte(unit), (1<<20)/len(unit)))
	fw.Flush()
	var body bytes.Buffer
	body.Write(first.Bytes())
	n := int64(0)
	for range size >> 20 {
		body.Write(chunk.Bytes())
		n += int64((1 << 20) / len(unit) * len(unit))
	}
	body.Write([]byte{1, 0, 0, 0xff, 0xff})
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
		CompressedSize64: uint64(body.Len()), UncompressedSize64: uint64(int64(len(head)) + n)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body.Bytes())
	zw.Close()
	return out.Bytes()
}

func TestBadInput(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "features.odt"))
	if err != nil {
		t.Fatal(err)
	}
	var deep strings.Builder
	for range 100000 {
		deep.WriteString("<text:span>")
	}
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		`<office:document-content xmlns:office="` + nsOffice + `" xmlns:text="` + nsText + `"><office:body><office:text><text:p>&lol2;</text:p></office:text></office:body></office:document-content>`
	garbage := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(garbage)
	tests := []struct {
		name   string
		data   []byte
		kind   fault.Kind
		reason string
	}{
		{"zip bomb", zipBomb(t, "content.xml", head+`<text:p>`, "a", 1<<30), fault.TooLarge, "zip bomb"},
		{"zip bomb of paragraphs", zipBomb(t, "content.xml", head, `<text:p>`+strings.Repeat("a", 1000)+`</text:p>`, 1<<30), fault.TooLarge, "zip bomb"},
		{"deep nesting", odtOf(t, map[string]string{"content.xml": head + `<text:p>` + deep.String()}), fault.Invalid, "nested deeper than 256 levels"},
		{"billion laughs", odtOf(t, map[string]string{"content.xml": laughs}), fault.Invalid, "declares entities"},
		{"truncated", good[:len(good)/2], fault.Invalid, "damaged ZIP container"},
		{"no content.xml", odtOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text"}), fault.Invalid, "no content.xml"},
		{"garbage content.xml", odtOf(t, map[string]string{"content.xml": string(garbage)}), fault.Invalid, "damaged XML in content.xml"},
		{"unclosed content.xml", odtOf(t, map[string]string{"content.xml": head + "<text:p>"}), fault.Invalid, "damaged XML"},
		{"encrypted", odtOf(t, map[string]string{"content.xml": string(garbage), "META-INF/manifest.xml": `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`}), fault.Encrypted, "password-protected"},
		{"random bytes", garbage, fault.Invalid, "damaged ZIP container"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), tt.data, Options{})
			if err == nil {
				t.Fatalf("no error; read %d blocks", len(doc.Blocks))
			}
			if fault.KindOf(err) != tt.kind || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("got %v (%s), want kind %s containing %q", err, fault.KindOf(err), tt.kind, tt.reason)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "features.odt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(odtOf(f, map[string]string{"content.xml": head + `<text:list text:style-name="L"><text:list-item><text:h text:outline-level="2">x</text:h></text:list-item></text:list><table:table><table:table-row><table:table-cell><text:p>c</text:p></table:table-cell></table:table-row></table:table>` + tail}))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(context.Background(), data, Options{MaxUncompressed: 8 << 20})
		if err != nil {
			if k := fault.KindOf(err); k != fault.Invalid && k != fault.TooLarge && k != fault.Encrypted {
				t.Fatalf("error of kind %s: %v", k, err)
			}
			return
		}
		for _, b := range doc.Blocks {
			if b.Start > b.End || b.End > len(doc.Text) {
				t.Fatalf("bad span %+v", b.Span)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "common-paper-professional-services-agreement.odt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(context.Background(), data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzContentXML fuzzes the XML of content.xml, which mutations of a whole
// ODT rarely reach (they break the ZIP's checksums).
func FuzzContentXML(f *testing.F) {
	f.Add(head + `<text:tracked-changes><text:p>gone</text:p></text:tracked-changes><text:list text:style-name="L" text:continue-numbering="true"><text:list-item text:start-value="3"><text:h text:outline-level="2">x<text:note><text:note-body><text:p>n</text:p></text:note-body></text:note></text:h><text:list><text:list-item><text:p>y</text:p></text:list-item></text:list></text:list-item></text:list>` +
		`<table:table><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"><text:p>c<text:s text:c="4"/></text:p></table:table-cell></table:table-row></table:table>` + tail)
	f.Fuzz(func(t *testing.T, content string) {
		doc, err := Read(context.Background(), odtOf(t, map[string]string{"content.xml": content}), Options{MaxUncompressed: 8 << 20})
		if err != nil {
			if k := fault.KindOf(err); k != fault.Invalid && k != fault.TooLarge {
				t.Fatalf("error of kind %s: %v", k, err)
			}
			return
		}
		for _, b := range doc.Blocks {
			if b.Start > b.End || b.End > len(doc.Text) || b.Source.Paragraph < 0 {
				t.Fatalf("bad block %+v", b)
			}
		}
	})
}
