package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
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

// render prints a document the way `termscore text` shows it, followed by
// one line per block with its kind, number and source, then the furniture
// and notes.
func render(doc *document.Document) string {
	var b strings.Builder
	b.WriteString(doc.Text)
	b.WriteString("\n\n=== blocks\n")
	for _, blk := range doc.Blocks {
		s := blk.Source
		fmt.Fprintf(&b, "%s level=%d number=%q p=%d r=%d", blk.Kind, blk.Level, blk.Number, s.Paragraph, s.Run)
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

func TestGolden(t *testing.T) {
	for _, name := range []string{
		"common-paper-ai-addendum.docx",
		"common-paper-independent-contractor-agreement.docx",
		"common-paper-professional-services-agreement.docx",
		"common-paper-statement-of-work.docx",
		"features.docx",
	} {
		t.Run(name, func(t *testing.T) {
			got := render(readFile(t, name))
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".docx")+".golden")
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

// TestNumbering checks that clause numbers come out as a person reads
// them in Word (verified against LibreOffice's rendering of the same files).
func TestNumbering(t *testing.T) {
	tests := []struct {
		file, prefix string
		kind         document.BlockKind
		level        int
		number       string
	}{
		{"common-paper-independent-contractor-agreement.docx", "1. Services & Restrictions", document.Heading, 1, "1."},
		// A heading-styled whole clause is the numbered paragraph it reads as;
		// a heading-styled title stays a heading.
		{"common-paper-independent-contractor-agreement.docx", "1.1 Performing Services.", document.ListItem, 1, "1.1"},
		{"common-paper-independent-contractor-agreement.docx", "4.2 Termination.", document.Heading, 2, "4.2"},
		{"common-paper-independent-contractor-agreement.docx", "a. Either party may terminate", document.ListItem, 2, "a."},
		{"common-paper-independent-contractor-agreement.docx", "b. Contractor will no longer provide the Services.", document.ListItem, 2, "b."},
		{"common-paper-independent-contractor-agreement.docx", "6. Send to your counterparty", document.ListItem, 0, "6."},
		{"common-paper-professional-services-agreement.docx", "1. Services", document.Heading, 1, "1."},
		{"common-paper-professional-services-agreement.docx", "2.4 Third-Party Materials.", document.Heading, 2, "2.4"},
		{"common-paper-professional-services-agreement.docx", "(c) Customer is responsible", document.ListItem, 2, "(c)"},
		{"common-paper-professional-services-agreement.docx", "13.21 ", document.ListItem, 1, "13.21"},
		{"common-paper-professional-services-agreement.docx", "5.3 Effect of Termination. Upon", document.ListItem, 1, "5.3"},
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
	// Numbers never repeat within one top-level section of a template.
	doc := docs["common-paper-professional-services-agreement.docx"]
	seen := map[string]bool{}
	for _, b := range doc.Blocks {
		if (b.Kind == document.Heading && b.Level <= 2 || b.Kind == document.ListItem && b.Level <= 1) && b.Number != "" {
			if seen[b.Number] {
				t.Errorf("number %q appears twice", b.Number)
			}
			seen[b.Number] = true
		}
	}
	if len(seen) < 80 {
		t.Errorf("only %d numbered sections and clauses, want the 14 sections and their clauses", len(seen))
	}
}

func TestTablesAndFurniture(t *testing.T) {
	doc := readFile(t, "common-paper-independent-contractor-agreement.docx")
	b, ok := findBlock(doc, "Contractor")
	if !ok || b.Kind != document.TableCell || b.Source.Table != 1 || b.Source.Row != 2 || b.Source.Col != 1 {
		t.Errorf("first cover-page cell: got %+v", b)
	}
	b, ok = findBlock(doc, "{contractor_name_and_address}")
	if !ok || b.Kind != document.TableCell || b.Source.Row != 2 || b.Source.Col != 2 {
		t.Errorf("second cell: got %+v", b)
	}
	if !strings.Contains(doc.Text, "Contractor\t{contractor_name_and_address}\nCompany\t{company_name_and_address}") {
		t.Error("table rows are not laid out as tab-separated cells on their own lines")
	}
	if len(doc.Furniture) == 0 {
		t.Fatal("no header or footer text")
	}
	for _, f := range doc.Furniture {
		if strings.Contains(doc.Text, f) && len(f) > 30 {
			t.Errorf("furniture %q is also in the body", f)
		}
	}
	psa := readFile(t, "common-paper-professional-services-agreement.docx")
	if !contains(psa.Furniture, "Common Paper Professional Services Agreement") {
		t.Errorf("PSA footer not in furniture: %q", psa.Furniture)
	}
}

func contains(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

var word = regexp.MustCompile(`\w+`)

func wordCounts(s string) map[string]int {
	m := map[string]int{}
	for _, w := range word.FindAllString(strings.ToLower(s), -1) {
		m[w]++
	}
	return m
}

// TestOverlapWithReference compares the words read with the .txt rendering
// shipped with each template (made by another converter, which drops list
// numbers): every word of the reference must be found; the extra words
// are the list numbers.
func TestOverlapWithReference(t *testing.T) {
	for _, name := range []string{
		"common-paper-ai-addendum",
		"common-paper-independent-contractor-agreement",
		"common-paper-professional-services-agreement",
		"common-paper-statement-of-work",
	} {
		doc := readFile(t, name+".docx")
		ref, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		got, want := wordCounts(doc.Text), wordCounts(string(ref))
		common, total, extra := 0, 0, 0
		for w, n := range want {
			common += min(n, got[w])
			total += n
		}
		for w, n := range got {
			if n > want[w] && !isListMarker(w) {
				extra += n - want[w]
			}
		}
		recall := float64(common) / float64(total)
		t.Logf("%s: %d/%d reference words found (%.4f); %d extra words besides list numbers", name, common, total, recall, extra)
		if recall < 0.995 || extra > 0 {
			t.Errorf("%s: recall %.4f, %d extra words", name, recall, extra)
		}
	}
}

func isListMarker(w string) bool {
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		return true
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return strings.Trim(w, "ivx") == ""
		}
	}
	return true
}

// TestFeatures reads a file LibreOffice wrote from testdata/features.fodt:
// tracked changes, a comment, fields, footnote and endnote, a table,
// header and footer.
func TestFeatures(t *testing.T) {
	doc := readFile(t, "features.docx")
	for _, want := range []string{
		"within thirty (30) days of receipt.", // the insertion, accepted
		"Late payments bear interest at 1% per month.",
		"1.2. Late payments", "(b) interest is capped",
		"by Jane Doe.", // a field's displayed result
		"Hosting\tUSD 1,000\nSupport\tUSD 250",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, absent := range []string{"sixty", "Is this rate too high", "USERNAME", "DATE", "Registered in England", "Confidential"} {
		if strings.Contains(doc.Text, absent) {
			t.Errorf("text contains %q", absent)
		}
	}
	if !contains(doc.Notes, "Registered in England under number 01234567.") || !contains(doc.Notes, "Signature pages may be exchanged electronically.") {
		t.Errorf("notes: %q", doc.Notes)
	}
	if !contains(doc.Furniture, "Acme Services Agreement – Confidential") {
		t.Errorf("furniture: %q", doc.Furniture)
	}
}

// build makes a DOCX from the inner XML of w:body and optional extra parts.
func build(t testing.TB, body string, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	all := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="` + nsW + `" xmlns:mc="` + nsMC + `"><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range parts {
		all[k] = v
	}
	for name, content := range all {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(inner string) string { return `<w:p>` + inner + `</w:p>` }
func r(text string) string  { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

const numberingXML = `<w:numbering xmlns:w="` + nsW + `">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Article %1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`

const stylesXML = `<w:styles xmlns:w="` + nsW + `">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause Heading"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TitleX"><w:name w:val="Title"/></w:style>
<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop 1"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop 2"/><w:basedOn w:val="Loop1"/></w:style>
</w:styles>`

func numPr(numID, ilvl int) string {
	return fmt.Sprintf(`<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr>`, ilvl, numID)
}

func pStyle(id string) string { return `<w:pPr><w:pStyle w:val="` + id + `"/></w:pPr>` }

// TestSynthetic checks one feature per case on hand-written WordprocessingML.
func TestSynthetic(t *testing.T) {
	parts := map[string]string{"word/numbering.xml": numberingXML, "word/styles.xml": stylesXML}
	tests := []struct {
		name string
		body string
		want string // Document.Text
		// blocks: "kind level number p r" per block, when set
		blocks []string
	}{
		{"tab and breaks", p(`<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f</w:t></w:r>`),
			"a b c d-ef", nil},
		{"tab stops are not text", p(`<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>` + r("x")), "x", nil},
		{"insertions kept, deletions dropped",
			p(r("pay within ") + `<w:ins w:id="1"><w:r><w:t>30</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>60</w:delText></w:r></w:del>` + r(" days")),
			"pay within 30 days", nil},
		{"moves", p(`<w:moveFrom w:id="1"><w:r><w:t>old place </w:t></w:r></w:moveFrom>` + r("text") + `<w:moveTo w:id="2"><w:r><w:t> new place</w:t></w:r></w:moveTo>`),
			"text new place", nil},
		{"deleted paragraph mark joins paragraphs",
			`<w:p><w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr>` + r("The Supplier shall") + `</w:p>` + p(r(" deliver.")) + p(r("Next.")),
			"The Supplier shall deliver.\n\nNext.", []string{"paragraph 0 \"\" 0 0", "paragraph 0 \"\" 2 0"}},
		{"deleted table row", `<w:tbl><w:tr>` + `<w:tc>` + p(r("kept")) + `</w:tc></w:tr><w:tr><w:trPr><w:del w:id="3"/></w:trPr><w:tc>` + p(r("gone")) + `</w:tc></w:tr></w:tbl>`,
			"kept", nil},
		{"comments ignored", p(`<w:commentRangeStart w:id="0"/>` + r("fee") + `<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`), "fee", nil},
		{"field result kept, instructions dropped",
			p(r("see ") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("Section 4.2") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` + r(" below")),
			"see Section 4.2 below", nil},
		{"nested field in instructions",
			p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DOCPROPERTY x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("inner") + `<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("outer result") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`),
			"outer result", nil},
		{"simple field", p(`<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>`), "7", nil},
		{"field spanning paragraphs", p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("1. Definitions 3")) + p(r("2. Services 4")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`),
			"1. Definitions 3\n\n2. Services 4", nil},
		{"hidden text", p(r("shown") + `<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>` + `<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t> too</w:t></w:r>` + `<w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>secret</w:t></w:r>`),
			"shown too", nil},
		{"content controls", `<w:sdt><w:sdtPr><w:alias w:val="Party"/></w:sdtPr><w:sdtContent>` + p(`<w:sdt><w:sdtContent>`+r("Acme Ltd")+`</w:sdtContent></w:sdt>`) + `</w:sdtContent></w:sdt>`,
			"Acme Ltd", nil},
		{"hyperlink and run index", p(`<w:r><w:t></w:t></w:r><w:r><w:rPr><w:b/></w:rPr></w:r><w:hyperlink r:id="x" xmlns:r="r"><w:r><w:t>link</w:t></w:r></w:hyperlink>`),
			"link", []string{"paragraph 0 \"\" 0 2"}},
		{"symbols", p(`<w:r><w:sym w:font="Wingdings" w:char="F0A8"/><w:t> Option</w:t><w:sym w:font="Symbol" w:char="00A7"/></w:r>`), "☐ Option§", nil},
		{"alternate content read once", p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>`+p(r("box"))+`</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>`+p(r("box"))+`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`+r("anchor")) + p(r("after")),
			"box\n\nanchor\n\nafter", []string{"paragraph 0 \"\" 1 0", "paragraph 0 \"\" 0 1", "paragraph 0 \"\" 3 0"}},
		{"format change records ignored", `<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>` + r("plain") + `</w:p>`,
			"plain", []string{"paragraph 0 \"\" 0 0"}},
		{"multi-level numbering",
			p(numPr(1, 0)+r("Definitions")) + p(numPr(1, 1)+r("first")) + p(numPr(1, 2)+r("item")) + p(numPr(1, 3)+r("sub")) + p(numPr(1, 3)+r("sub")) + p(numPr(1, 2)+r("item")) + p(numPr(1, 1)+r("second")) + p(numPr(1, 2)+r("restarted")) + p(numPr(1, 0)+r("Services")) + p(numPr(1, 1)+r("first")),
			"Article I Definitions\n\n1.1 first\n\n(a) item\n\n(i) sub\n\n(ii) sub\n\n(b) item\n\n1.2 second\n\n(a) restarted\n\nArticle II Services\n\n2.1 first",
			[]string{`list-item 0 "Article I" 0 0`, `list-item 1 "1.1" 1 0`, `list-item 2 "(a)" 2 0`, `list-item 3 "(i)" 3 0`, `list-item 3 "(ii)" 4 0`, `list-item 2 "(b)" 5 0`, `list-item 1 "1.2" 6 0`, `list-item 2 "(a)" 7 0`, `list-item 0 "Article II" 8 0`, `list-item 1 "2.1" 9 0`}},
		{"lists sharing a definition continue; a start override restarts",
			p(numPr(3, 0)+r("a")) + p(numPr(3, 0)+r("b")) + p(numPr(5, 0)+r("other list")) + p(numPr(3, 0)+r("c")) + p(numPr(4, 0)+r("restart")) + p(numPr(4, 0)+r("again")),
			"03) a\n\n04) b\n\nArticle I other list\n\n05) c\n\n01) restart\n\n02) again", nil},
		{"empty numbered paragraphs count", p(numPr(3, 0)) + p(numPr(3, 0)+r("second")), "04) second", nil},
		{"bullets have no number", p(numPr(2, 0) + r("point")), "point", []string{`list-item 0 "" 0 0`}},
		{"numId 0 removes numbering", p(`<w:pPr><w:pStyle w:val="Clause"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>` + r("unnumbered")), "unnumbered", []string{`heading 1 "" 0 0`}},
		{"headings from styles and outline levels",
			p(pStyle("Clause")+r("Term")) + p(pStyle("Sub")+r("Renewal")) + p(pStyle("TitleX")+r("Agreement")) + p(`<w:pPr><w:outlineLvl w:val="2"/></w:pPr>`+r("Deep")) + p(`<w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/></w:pPr>`+r("Body")) + p(pStyle("Loop1")+r("loop")),
			"Article I Term\n\n1.1 Renewal\n\nAgreement\n\nDeep\n\nBody\n\nloop",
			[]string{`heading 1 "Article I" 0 0`, `heading 2 "1.1" 1 0`, `heading 1 "" 2 0`, `heading 3 "" 3 0`, `paragraph 0 "" 4 0`, `paragraph 0 "" 5 0`}},
		{"tables, nested tables and numbered cells",
			`<w:tbl><w:tr><w:tc>` + p(r("A1")) + p(r("more")) + `</w:tc><w:tc>` + p(r("B1 before")) + `<w:tbl><w:tr><w:tc>` + p(r("inner")) + `</w:tc></w:tr></w:tbl>` + p(r("B1 after")) + `</w:tc></w:tr>` +
				`<w:tr><w:tc>` + p(numPr(3, 0)+r("numbered")) + `</w:tc><w:tc></w:tc><w:tc>` + p(r("C2")) + `</w:tc></w:tr></w:tbl>` + p(r("after table")),
			"A1 more\tB1 before\n\ninner\n\nB1 after\n03) numbered\tC2\n\nafter table",
			[]string{"table-cell 0 \"\" 0 0 1 1 1", "table-cell 0 \"\" 2 0 1 1 2", "table-cell 0 \"\" 3 0 2 1 1", "table-cell 0 \"\" 4 0 1 1 2", "table-cell 0 \"\" 5 0 1 2 1", "table-cell 0 \"\" 6 0 1 2 3", "paragraph 0 \"\" 7 0"}},
		{"unknown elements and namespaces pass through", p(`<x:foo xmlns:x="urn:x"><w:r><w:t>inside</w:t></w:r></x:foo>`), "inside", nil},
		{"strict namespace", `<s:p xmlns:s="` + nsWStrict + `"><s:r><s:t>strict</s:t></s:r></s:p>`, "strict", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), build(t, tt.body, parts), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.want {
				t.Errorf("text:\n%q\nwant\n%q", doc.Text, tt.want)
			}
			if tt.blocks == nil {
				return
			}
			var got []string
			for _, b := range doc.Blocks {
				s := fmt.Sprintf("%s %d %q %d %d", b.Kind, b.Level, b.Number, b.Source.Paragraph, b.Source.Run)
				if b.Source.Table > 0 {
					s += fmt.Sprintf(" %d %d %d", b.Source.Table, b.Source.Row, b.Source.Col)
				}
				if b.Source.Part != mainPart {
					t.Errorf("block part %q", b.Source.Part)
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(tt.blocks, "\n") {
				t.Errorf("blocks:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.blocks, "\n"))
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v      int
		format string
		want   string
	}{
		{1, "decimal", "1"}, {27, "lowerLetter", "aa"}, {28, "upperLetter", "BB"}, {4, "lowerRoman", "iv"},
		{1999, "upperRoman", "MCMXCIX"}, {7, "decimalZero", "07"}, {12, "decimalZero", "12"},
		{2, "ordinal", "2nd"}, {13, "ordinal", "13th"}, {21, "cardinalText", "Twenty-one"},
		{22, "ordinalText", "Twenty-second"}, {3, "ordinalText", "Third"}, {5, "none", ""}, {3, "unknownFmt", "3"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.format); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.v, tt.format, got, tt.want)
		}
	}
}

// zipBomb returns a ZIP holding one entry called name: head followed by
// size bytes of repeated unit, about 1000 times smaller compressed. The deflate
// stream is one compressed MiB repeated (flushed blocks are byte-aligned
// and self-contained), so building it costs little.
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
	body.Write([]byte{1, 0, 0, 0xff, 0xff}) // final empty stored block

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
	good, err := os.ReadFile(filepath.Join("testdata", "features.docx"))
	if err != nil {
		t.Fatal(err)
	}

	bomb := zipBomb(t, "word/document.xml", `<w:document xmlns:w="`+nsW+`"><w:body><w:p><w:r><w:t>`, "a", 1<<30)
	paraBomb := zipBomb(t, "word/document.xml", `<w:document xmlns:w="`+nsW+`"><w:body>`, `<w:p><w:r><w:t>`+strings.Repeat("a", 1000)+`</w:t></w:r></w:p>`, 1<<30)

	var deep strings.Builder
	deep.WriteString(`<w:p><w:r><w:t>`)
	for range 100000 {
		deep.WriteString("<x>")
	}

	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
		`<w:document xmlns:w="` + nsW + `"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>`

	garbage := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(garbage)

	tests := []struct {
		name   string
		data   []byte
		kind   fault.Kind
		reason string
	}{
		{"zip bomb", bomb, fault.TooLarge, "zip bomb"},
		{"zip bomb of paragraphs", paraBomb, fault.TooLarge, "zip bomb"},
		{"deep nesting", build(t, deep.String(), nil), fault.Invalid, "nested deeper than 256 levels"},
		{"billion laughs", build(t, "", map[string]string{"word/document.xml": laughs}), fault.Invalid, "declares entities"},
		{"truncated", good[:len(good)/2], fault.Invalid, "damaged ZIP container"},
		{"no document.xml", build(t, "", map[string]string{"word/document.xml": ""})[:0], fault.Invalid, "damaged ZIP"},
		{"missing main part", zipOf(t, map[string]string{"word/styles.xml": stylesXML}), fault.Invalid, "no word/document.xml"},
		{"garbage document.xml", zipOf(t, map[string]string{"word/document.xml": string(garbage)}), fault.Invalid, "damaged XML in word/document.xml"},
		{"unclosed document.xml", zipOf(t, map[string]string{"word/document.xml": `<w:document xmlns:w="` + nsW + `"><w:body><w:p>`}), fault.Invalid, "damaged XML"},
		{"garbage styles.xml", build(t, p(r("x")), map[string]string{"word/styles.xml": "<w:styles><oops"}), fault.Invalid, "damaged XML in word/styles.xml"},
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

func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	zw.Close()
	return buf.Bytes()
}

func TestLimits(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "common-paper-professional-services-agreement.docx"))
	if err != nil {
		t.Fatal(err)
	}
	// document.xml inflates to 473 KB.
	if _, err := Read(context.Background(), data, Options{MaxUncompressed: 256 << 10}); fault.KindOf(err) != fault.TooLarge {
		t.Errorf("256 KiB budget: got %v, want too large", err)
	}
	if _, err := Read(context.Background(), data, Options{MaxXMLDepth: 8}); fault.KindOf(err) != fault.Invalid || !strings.Contains(err.Error(), "deeper than 8") {
		t.Errorf("depth 8: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, data, Options{}); err == nil {
		t.Error("a cancelled context did not stop reading")
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"features.docx"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(build(f, p(numPr(1, 1)+r("x"))+`<w:tbl><w:tr><w:tc>`+p(r("c"))+`</w:tc></w:tr></w:tbl>`,
		map[string]string{"word/numbering.xml": numberingXML, "word/styles.xml": stylesXML}))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(context.Background(), data, Options{MaxUncompressed: 8 << 20})
		if err != nil {
			if k := fault.KindOf(err); k != fault.Invalid && k != fault.TooLarge {
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
	for _, name := range []string{"common-paper-statement-of-work.docx", "common-paper-professional-services-agreement.docx"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(name, ".docx"), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read(context.Background(), data, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzDocumentXML fuzzes the XML of word/document.xml, which mutations of
// a whole DOCX rarely reach (they break the ZIP's checksums).
func FuzzDocumentXML(f *testing.F) {
	f.Add(`<w:document xmlns:w="` + nsW + `" xmlns:mc="` + nsMC + `"><w:body>` + p(numPr(1, 2)+r("x")) +
		`<w:tbl><w:tr><w:tc>` + p(`<w:r><w:fldChar w:fldCharType="begin"/><w:instrText>X</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>y</w:t></w:r>`) + `</w:tc></w:tr></w:tbl>` +
		`<w:p><w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr><w:del><w:r><w:delText>d</w:delText></w:r></w:del><mc:AlternateContent><mc:Fallback>` + p(r("f")) + `</mc:Fallback></mc:AlternateContent></w:p></w:body></w:document>`)
	parts := map[string]string{"word/numbering.xml": numberingXML, "word/styles.xml": stylesXML}
	f.Fuzz(func(t *testing.T, xml string) {
		parts := maps.Clone(parts)
		parts["word/document.xml"] = xml
		doc, err := Read(context.Background(), zipOf(t, parts), Options{MaxUncompressed: 8 << 20})
		if err != nil {
			if k := fault.KindOf(err); k != fault.Invalid && k != fault.TooLarge {
				t.Fatalf("error of kind %s: %v", k, err)
			}
			return
		}
		for _, b := range doc.Blocks {
			if b.Start > b.End || b.End > len(doc.Text) || b.Source.Paragraph < 0 || b.Source.Run < 0 {
				t.Fatalf("bad block %+v", b)
			}
		}
	})
}
