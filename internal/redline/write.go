package redline

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/zipsafe"
	"github.com/termscore/termscore/internal/fault"
)

// para is one paragraph (or table) of a DOCX this package writes itself.
type para struct {
	style  string // "Title", "Heading1".."Heading3", "Subtitle"; "" for body text
	indent int    // list nesting: 0 none, n indents n steps
	runs   []textRun
	rows   [][]string // when set, the paragraph is a table of these cells
	center bool
	space  bool // extra space before (signature blocks)
	sign   bool // the table is a signature block (see writeTable)
}

type textRun struct {
	text         string
	bold, italic bool
}

func plain(s string) []textRun { return []textRun{{text: s}} }

// buildDOCX writes a plain DOCX of paras: one w:p per paragraph and one
// per table cell, in order, so that paragraph ordinals are predictable.
func buildDOCX(paras []para) ([]byte, error) {
	return packDOCX(documentXML(paras))
}

// documentXML writes the word/document.xml of buildDOCX.
func documentXML(paras []para) []byte {
	var body bytes.Buffer
	body.WriteString(xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	for _, p := range paras {
		if p.rows != nil {
			writeTable(&body, p.rows, p.sign)
			continue
		}
		body.WriteString("<w:p>")
		if p.style != "" || p.indent > 0 || p.center || p.space {
			body.WriteString("<w:pPr>")
			if p.style != "" {
				fmt.Fprintf(&body, `<w:pStyle w:val="%s"/>`, p.style)
			}
			if p.space {
				body.WriteString(`<w:spacing w:before="480"/>`)
			}
			if p.indent > 0 {
				fmt.Fprintf(&body, `<w:ind w:left="%d"/>`, 360*p.indent)
			}
			if p.center {
				body.WriteString(`<w:jc w:val="center"/>`)
			}
			body.WriteString("</w:pPr>")
		}
		for _, r := range p.runs {
			body.WriteString("<w:r>")
			if r.bold || r.italic {
				body.WriteString("<w:rPr>")
				if r.bold {
					body.WriteString("<w:b/>")
				}
				if r.italic {
					body.WriteString("<w:i/>")
				}
				body.WriteString("</w:rPr>")
			}
			body.WriteString(`<w:t xml:space="preserve">` + escText(r.text) + `</w:t></w:r>`)
		}
		body.WriteString("</w:p>")
	}
	body.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return body.Bytes()
}

// packDOCX writes the DOCX of buildDOCX with doc as its
// word/document.xml.
func packDOCX(doc []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name    string
		content []byte
	}{
		{typesPart, []byte(contentTypes)},
		{"_rels/.rels", []byte(rootRels)},
		{relsPart, []byte(docRels)},
		{"word/styles.xml", []byte(stylesXML)},
		{mainPart, doc},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeTable writes rows as a table. A signature block (sign) has the
// parties' names in bold in its first row and rows tall enough to write
// in by hand: a signature needs about 1.5 cm, a name, title or date 1 cm
// (one line of text, as the other rows are, leaves no room to sign).
func writeTable(b *bytes.Buffer, rows [][]string, sign bool) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	width := 9070 / cols
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="999999"/>`, side)
	}
	b.WriteString(`</w:tblBorders></w:tblPr><w:tblGrid>`)
	for range cols {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, width)
	}
	b.WriteString("</w:tblGrid>")
	for ri, r := range rows {
		b.WriteString("<w:tr>")
		if sign && ri > 0 {
			height := 567
			if ri == 1 {
				height = 850
			}
			fmt.Fprintf(b, `<w:trPr><w:trHeight w:val="%d" w:hRule="atLeast"/></w:trPr>`, height)
		}
		for i := range cols {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p>`, width)
			if i < len(r) && r[i] != "" {
				b.WriteString("<w:r>")
				if sign && ri == 0 {
					b.WriteString("<w:rPr><w:b/></w:rPr>")
				}
				b.WriteString(`<w:t xml:space="preserve">` + escText(r[i]) + `</w:t></w:r>`)
			}
			b.WriteString("</w:p></w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}

// FromDocument writes a clean DOCX of doc's text, for inputs that are not
// DOCX (PDF, text, Markdown …): headings as Heading 1–3, list items
// indented with their numbers as literal text, table cells as tables,
// and the edits as tracked changes with comments, as DOCX makes them.
func FromDocument(doc *document.Document, edits []Edit, opt Options) ([]byte, error) {
	if len(doc.Blocks) == 0 {
		return nil, fault.New(fault.Empty, "the document has no text to mark up")
	}
	var paras []para
	mapped := *doc
	mapped.Blocks = make([]document.Block, len(doc.Blocks))
	n := 0 // ordinal of the next w:p
	for i := 0; i < len(doc.Blocks); {
		b := doc.Blocks[i]
		if b.Kind == document.TableCell {
			// The whole table: rows by source row, a cell per block.
			j := i
			var rows [][]string
			lastRow := -1
			for ; j < len(doc.Blocks) && doc.Blocks[j].Kind == document.TableCell && doc.Blocks[j].Source.Table == b.Source.Table; j++ {
				c := doc.Blocks[j]
				if c.Source.Row != lastRow || len(rows) == 0 {
					rows = append(rows, nil)
					lastRow = c.Source.Row
				}
				rows[len(rows)-1] = append(rows[len(rows)-1], doc.Slice(c.Span))
			}
			// Each cell is one w:p; padding cells are paragraphs too.
			cols := 0
			for _, r := range rows {
				cols = max(cols, len(r))
			}
			k := i
			for ri, r := range rows {
				for ci := range cols {
					if ci < len(r) {
						blk := doc.Blocks[k]
						blk.Source = document.Source{Part: mainPart, Paragraph: n, Table: 1, Row: ri + 1, Col: ci + 1}
						mapped.Blocks[k] = blk
						k++
					}
					n++
				}
			}
			paras = append(paras, para{rows: rows})
			i = j
			continue
		}
		p := para{runs: plain(doc.Slice(b.Span))}
		switch b.Kind {
		case document.Heading:
			p.style = fmt.Sprintf("Heading%d", min(max(b.Level, 1), 3))
		case document.ListItem:
			p.indent = b.Level + 1
		}
		paras = append(paras, p)
		b.Source = document.Source{Part: mainPart, Paragraph: n}
		// The item's number ("1.1") is written as text of the paragraph,
		// not as Word's automatic numbering, which the writer would skip
		// as not in the file's text: every change on a numbered Markdown
		// or ODT clause was refused as not matching.
		b.Number = ""
		mapped.Blocks[i] = b
		n++
		i++
	}
	// The file holds an empty word/document.xml: what the writer puts in
	// its place is made from the part kept here, not from the file (at 4
	// MB of text, packing the part only to unpack it took a second copy
	// and a fifth of the time).
	xml := documentXML(paras)
	shell, err := packDOCX(nil)
	if err != nil {
		return nil, err
	}
	zr, err := zipsafe.Open(shell, zipsafe.Limits{})
	if err != nil {
		return nil, err
	}
	return markUp(shell, zr, xml, &mapped, edits, opt)
}

// WriteFile writes data to name through a temporary file in the same
// directory, renamed into place once complete, so that a failure leaves
// no partial output behind. A symbolic link is written through (the file
// it names is replaced, the link stays), and what is not a file, such as
// -o /dev/stdout or a named pipe, is written to directly: a rename would
// put a file in its place (as root, /dev/stdout itself).
func WriteFile(name string, data []byte) error {
	if target, err := filepath.EvalSymlinks(name); err == nil {
		name = target
	}
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`</Types>`

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

const docRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

var stylesXML = xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	heading("Title", "Title", 0, 36) + heading("Subtitle", "Subtitle", -1, 24) +
	heading("Heading1", "heading 1", 0, 28) + heading("Heading2", "heading 2", 1, 24) + heading("Heading3", "heading 3", 2, 22) +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`

// heading is a paragraph style in bold sans-serif; level < 0 has no
// outline level (a subtitle).
func heading(id, name string, level, halfPoints int) string {
	outline := ""
	if level >= 0 && strings.HasPrefix(id, "Heading") {
		outline = fmt.Sprintf(`<w:outlineLvl w:val="%d"/>`, level)
	}
	jc := `<w:jc w:val="left"/>`
	if id == "Title" || id == "Subtitle" {
		jc = `<w:jc w:val="center"/>`
	}
	return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>` + jc + outline + `</w:pPr>` +
		`<w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:cs="Liberation Sans"/><w:b/><w:sz w:val="` + fmt.Sprint(halfPoints) + `"/></w:rPr></w:style>`
}
