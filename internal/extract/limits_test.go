package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/fault"
)

// TestStructureLimits feeds files small enough for the size limit whose
// lines, paragraphs or tags would each cost the readers dozens to hundreds
// of bytes, and checks they are refused as too large with a reason naming
// the file and the count.
func TestStructureLimits(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"lines.txt", []byte(strings.Repeat("a\n", 1_000_001)),
			"lines.txt: 1,000,001 lines: too many to be a contract's text (the most read is 1,000,000)"},
		{"crlf.txt", []byte(strings.Repeat("a\r\n", 1_000_001)), "crlf.txt: 1,000,001 lines"},
		{"cr.md", []byte("# Terms\r\r" + strings.Repeat("- a\r", 1_000_000)), "cr.md: 1,000,002 lines"},
		{"blocks.txt", []byte(strings.Repeat("A.\n\n", 100_001)),
			"blocks.txt: over 100,000 paragraphs: too many to be a contract (the most read is 100,000)"},
		{"blocks.rtf", []byte(`{\rtf1\ansi ` + strings.Repeat(`a\par `, 100_001) + "}"), "blocks.rtf: over 100,000 paragraphs"},
		{"blocks.odt", odtOf(strings.Repeat("<text:p>a</text:p>", 100_001)), "blocks.odt: over 100,000 paragraphs"},
		{"million.odt", odtOf(strings.Repeat("<text:p>a</text:p>", 1_000_000)), "million.odt: over 100,000 paragraphs"},
		{"million.rtf", []byte(`{\rtf1\ansi ` + strings.Repeat(`\par a`, 1_000_000) + "}"), "million.rtf: over 100,000 paragraphs"},
		{"blocks.docx", docxOf(strings.Repeat("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 100_001)), "blocks.docx: over 100,000 paragraphs"},
		{"tags.html", []byte("<html><body>" + strings.Repeat("<p></p>", 250_000) + "</body></html>"),
			"tags.html: 500,004 HTML tags: too many to be a contract's page (the most read is 500,000)"},
	}
	e := New(Options{NoOCR: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.ReadBytes(context.Background(), tt.name, tt.data)
			if fault.KindOf(err) != fault.TooLarge || err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v (%v), want TooLarge %q", err, fault.KindOf(err), tt.want)
			}
		})
	}
}

// TestStructureUnderLimits checks that the limits leave room: a text of
// as many lines, and a DOCX of as many paragraphs, as allowed are read.
func TestStructureUnderLimits(t *testing.T) {
	e := New(Options{NoOCR: true})
	text := "SERVICES AGREEMENT\n\n" + strings.Repeat("The Supplier shall deliver the goods on time.\n\n", 49_999)
	if n := countLines(text); n != 100_000 {
		t.Fatalf("countLines = %d", n)
	}
	doc, err := e.ReadBytes(context.Background(), "long.txt", []byte(text))
	if err != nil || len(doc.Blocks) != 50_000 {
		t.Fatalf("long.txt: %v", err)
	}
	doc, err = e.ReadBytes(context.Background(), "long.docx", docxOf(strings.Repeat("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 100_000)))
	if err != nil || len(doc.Blocks) != 100_000 {
		t.Fatalf("long.docx: %v", err)
	}
	doc, err = e.ReadBytes(context.Background(), "long.odt", odtOf(strings.Repeat("<text:p>a</text:p>", 100_000)))
	if err != nil || len(doc.Blocks) != 100_000 {
		t.Fatalf("long.odt: %v", err)
	}
	doc, err = e.ReadBytes(context.Background(), "long.rtf", []byte(`{\rtf1\ansi `+strings.Repeat(`a\par `, 100_000)+"}"))
	if err != nil || len(doc.Blocks) != 100_000 {
		t.Fatalf("long.rtf: %v", err)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1_000_000: "1,000,000", 12345678: "12,345,678", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// docxOf returns a minimal DOCX whose body is the given WordprocessingML.
func docxOf(body string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, part := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`},
	} {
		w, err := z.Create(part[0])
		if err != nil {
			panic(err)
		}
		w.Write([]byte(part[1]))
	}
	if err := z.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// odtOf returns a minimal OpenDocument text whose body is the given ODF XML.
func odtOf(body string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	mt, err := z.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		panic(err)
	}
	mt.Write([]byte("application/vnd.oasis.opendocument.text"))
	for _, part := range [][2]string{
		{"META-INF/manifest.xml", `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`},
		{"content.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>` + body + `</office:text></office:body></office:document-content>`},
	} {
		w, err := z.Create(part[0])
		if err != nil {
			panic(err)
		}
		w.Write([]byte(part[1]))
	}
	if err := z.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
