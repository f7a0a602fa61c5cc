package pdf

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/document/documenttest"
	"github.com/termscore/termscore/internal/fault"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readDoc(t testing.TB, name string) *document.Document {
	t.Helper()
	doc, err := Read(context.Background(), readFile(t, name), Options{MaxPages: 100})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// dump renders what the reader produced, for golden files.
func dump(doc *document.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages: %d\n", doc.Pages)
	for _, f := range doc.Furniture {
		fmt.Fprintf(&b, "furniture: %s\n", f)
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	for _, blk := range doc.Blocks {
		fmt.Fprintf(&b, "\n[%s p%d x%.0f y%.0f w%.0f h%.0f]\n%s\n", blk.Kind, blk.Source.Page,
			blk.Source.X, blk.Source.Y, blk.Source.W, blk.Source.H, doc.Slice(blk.Span))
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	for _, name := range []string{"jv.pdf", "reseller.pdf", "cobranding.pdf", "tiny.pdf"} {
		t.Run(name, func(t *testing.T) {
			got := dump(readDoc(t, name))
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".pdf")+".golden")
			documenttest.Golden(t, golden, got, *update)
		})
	}
}

func TestStructure(t *testing.T) {
	tests := []struct {
		file      string
		pages     int
		once      string   // a sentence that must occur exactly once in Text
		starts    []string // texts that must each start a block
		headings  []string // blocks that must be headings
		furniture []string // must be in Furniture and no block of Text but the headings
	}{
		{
			file:     "jv.pdf",
			pages:    3,
			once:     "Except as agreed upon by mutual consent, the Joint Venturers shall not be required to make any capital contribution to the Joint Venture.",
			starts:   []string{"1. Name of the Joint Venture.", "3. Capital Contributions.", "(a) The purchase of Products for resale;", "(b) The acquisition of a license(s) permitting the use of selected images in the Products;"},
			headings: []string{"JOINT VENTURE AGREEMENT"},
		},
		{
			file:      "cobranding.pdf",
			pages:     9,
			once:      "The parties shall meet, at least once per month either in person, or by telephone, to coordinate the implementation of this agreement over time.",
			starts:    []string{"2.6 PROGRAM REVIEW MEETINGS.", "(b) \"CO-BRANDED SITE\" means", "2.1 OVERVIEW."},
			headings:  []string{"1. DEFINITIONS.", "3. PROMOTION."},
			furniture: []string{"Source: 2THEMART COM INC, 10-12G, 8/26/1999"},
		},
		{
			// A cover SOW and the terms, each section with its own
			// running head, on 2 and 3 of the 5 pages.
			file:  "common-paper-contractor.pdf",
			pages: 5,
			once:  "Company may immediately terminate this Agreement (including the SOW) at any time, for any reason or no reason, by giving thirty (30) days’ prior written notice to Contractor.",
			starts: []string{"“Chosen Courts” means the state or federal courts in {jurisdiction}.", "4.3 Effect of Termination. Upon",
				// The row label centred beside a two-line cell is no
				// longer read into the middle of the cell's sentence.
				"Other Terms", "[ Add any other terms relevant to the engagement, such as expense or travel reimbursements. Delete"},
			headings:  []string{"TERMS AND CONDITIONS"}, // the terms' title, below their running head
			furniture: []string{"SOW", "TERMS AND CONDITIONS", "Common Paper Independent Contractor Agreement (Version 1.0) free to use under CC BY 4.0."},
		},
		{
			// "(ii) payments …" starts a line at the left margin where
			// the running text of (b) wraps; it is no new item.
			file:  "services.pdf",
			pages: 11,
			once:  "amounts payable under this Agreement, and (ii) payments pursuant to this Agreement shall be made within fifteen (15) days after the date of receipt of an Invoice by Recipient from Provider.",
		},
		{
			file:   "reseller.pdf",
			pages:  5,
			once:   "RESELLER AGREEMENT",
			starts: []string{"RESELLER AGREEMENT"},
		},
		{
			// Front matter numbered in roman numerals from iv, under a
			// running head.
			file:      "roman-page-numbers.pdf",
			pages:     2,
			once:      "Each party is identified on the Cover Page and capitalized terms have the meanings given herein or on the Cover Page.",
			starts:    []string{"1. Introduction.", "2. Use and Protection of Confidential Information."},
			furniture: []string{"Mutual Non-Disclosure Agreement – Standard Terms", "iv", "v"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := readDoc(t, tt.file)
			if doc.Pages != tt.pages {
				t.Errorf("Pages = %d, want %d", doc.Pages, tt.pages)
			}
			if n := strings.Count(doc.Text, tt.once); n != 1 {
				t.Errorf("%q occurs %d times, want once", tt.once, n)
			}
			blocks := map[string]document.BlockKind{}
			for _, b := range doc.Blocks {
				text := doc.Slice(b.Span)
				blocks[text] = b.Kind
				if IsPageNumber(text) {
					t.Errorf("block %q is a page number", text)
				}
				if b.Source.Page < 1 || b.Source.Page > tt.pages || b.Source.W <= 0 || b.Source.H <= 0 {
					t.Errorf("block %q has source %+v", text, b.Source)
				}
			}
			for _, s := range tt.starts {
				found := false
				for text := range blocks {
					found = found || strings.HasPrefix(text, s)
				}
				if !found {
					t.Errorf("no block starts with %q", s)
				}
			}
			for _, h := range tt.headings {
				if blocks[h] != document.Heading {
					t.Errorf("block %q is %q, want a heading", h, blocks[h])
				}
			}
			for _, f := range tt.furniture {
				if _, ok := blocks[f]; ok && !slices.Contains(tt.headings, f) {
					t.Errorf("the page furniture %q is a block of Text", f)
				}
				if !slices.Contains(doc.Furniture, f) {
					t.Errorf("Furniture = %q, want it to hold %q", doc.Furniture, f)
				}
			}
			for _, line := range strings.Split(doc.Text, "\n") {
				if IsPageNumber(line) {
					t.Errorf("Text has a page-number line %q", line)
				}
			}
		})
	}
}

func TestKeepFurniture(t *testing.T) {
	doc, err := Read(context.Background(), readFile(t, "cobranding.pdf"), Options{KeepFurniture: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(doc.Text, "Source: 2THEMART COM INC, 10-12G, 8/26/1999"); n != 9 {
		t.Errorf("footer occurs %d times, want 9 (one a page)", n)
	}
	if len(doc.Furniture) != 0 {
		t.Errorf("Furniture = %q, want none", doc.Furniture)
	}
}

func TestBadInput(t *testing.T) {
	jv := readFile(t, "jv.pdf")
	rng := rand.New(rand.NewSource(1))
	garbage := make([]byte, 20000)
	rng.Read(garbage)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), garbage[:200]...)
	tests := []struct {
		name   string
		data   []byte
		opt    Options
		kind   fault.Kind
		reason string // a part of the message
	}{
		{"empty", nil, Options{}, fault.Invalid, "not a PDF file"},
		{"png named .pdf", png, Options{}, fault.Invalid, "not a PDF file"},
		{"binary garbage", garbage, Options{}, fault.Invalid, "not a PDF file"},
		{"garbage after header", append([]byte("%PDF-1.7\n"), garbage...), Options{}, fault.Invalid, "damaged"},
		{"truncated", jv[:len(jv)/2], Options{}, fault.Invalid, "damaged"},
		{"header only", []byte("%PDF-1.4\n%%EOF\n"), Options{}, fault.Invalid, "damaged"},
		{"password rc4", readFile(t, "encrypted-rc4.pdf"), Options{}, fault.Encrypted, "password-protected"},
		{"password aes256", readFile(t, "encrypted-aes256.pdf"), Options{}, fault.Encrypted, "password-protected"},
		{"over max pages", readFile(t, "cobranding.pdf"), Options{MaxPages: 3}, fault.TooLarge, "9 pages, over the limit of 3"},
		{"scan", imageOnlyPDF(), Options{}, fault.Empty, ReasonNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), tt.data, tt.opt)
			if err == nil {
				t.Fatalf("no error; text %q", doc.Text)
			}
			if fault.KindOf(err) != tt.kind || !strings.Contains(err.Error(), tt.reason) {
				t.Fatalf("err = %v (%v), want kind %v with %q", err, fault.KindOf(err), tt.kind, tt.reason)
			}
		})
	}
}

// TestOwnerPassword: a PDF with only an owner password opens without one,
// as in every viewer.
func TestOwnerPassword(t *testing.T) {
	doc := readDoc(t, "owner-only.pdf")
	if !strings.Contains(doc.Text, "1. Term. This Agreement starts on the Effective Date.") {
		t.Errorf("text = %q", doc.Text)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, readFile(t, "cobranding.pdf"), Options{})
	if fault.KindOf(err) != fault.Timeout {
		t.Fatalf("err = %v, want a timeout", err)
	}
}

// imageOnlyPDF is a one-page PDF whose only content is a 1×1 image: a
// scan without a text layer.
func imageOnlyPDF() []byte {
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
		"<< /Length 31 >>\nstream\nq 612 0 0 792 0 0 cm /Im0 Do Q\nendstream",
	})
}

// buildPDF writes objects 1..n with a correct cross-reference table.
func buildPDF(objs []string) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return buf.Bytes()
}

func TestTwoColumns(t *testing.T) {
	// Two columns of four lines each, drawn row by row (left line, right
	// line) as some producers do: reading order must be column by column.
	var content strings.Builder
	left := []string{"Alpha one begins the left", "column and carries on", "with more words about", "the left side and", "goes on for six", "lines in all."}
	right := []string{"Beta two begins the right", "column and carries on", "with more words about", "the right side and", "goes on for six", "lines in all."}
	for i := range left {
		y := 700 - 14*i
		fmt.Fprintf(&content, "BT /F1 11 Tf 72 %d Td (%s) Tj ET\nBT /F1 11 Tf 330 %d Td (%s) Tj ET\n", y, left[i], y, right[i])
	}
	fmt.Fprintf(&content, "BT /F1 11 Tf 72 760 Td (A TITLE ACROSS THE WHOLE PAGE WIDTH OF THE DOCUMENT HERE) Tj ET\n")
	c := content.String()
	data := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c),
	})
	doc, err := Read(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "A TITLE ACROSS THE WHOLE PAGE WIDTH OF THE DOCUMENT HERE\n\n" +
		"Alpha one begins the left column and carries on with more words about the left side and goes on for six lines in all.\n\n" +
		"Beta two begins the right column and carries on with more words about the right side and goes on for six lines in all."
	if doc.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", doc.Text, want)
	}
}

func TestHyphenation(t *testing.T) {
	var c strings.Builder
	lines := []string{"The agree-", "ment binds the parties. It is a non-", "exclusive licence under this agreement", "and its terms."}
	for i, l := range lines {
		fmt.Fprintf(&c, "BT /F1 11 Tf 72 %d Td (%s) Tj ET\n", 700-13*i, l)
	}
	s := c.String()
	data := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s),
	})
	doc, err := Read(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// "agreement" is spelt whole elsewhere, so the break is a line-end
	// hyphenation; "nonexclusive" is not, so the hyphen is kept.
	want := "The agreement binds the parties. It is a non-exclusive licence under this agreement and its terms."
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func BenchmarkRead(b *testing.B) {
	for _, name := range []string{"jv.pdf", "reseller.pdf", "cobranding.pdf"} {
		data := readFile(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Read(context.Background(), data, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPdftotext runs poppler's pdftotext on the same files, process
// start included, as TermScore would have to.
func BenchmarkPdftotext(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext is not installed")
	}
	for _, name := range []string{"jv.pdf", "reseller.pdf", "cobranding.pdf"} {
		path := filepath.Join("testdata", name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := exec.Command("pdftotext", "-q", path, os.DevNull).Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBullets: a Word bullet (Symbol's U+F0B7 in the PDF) starts a list
// item of its own and is not part of its text.
func TestBullets(t *testing.T) {
	doc := readDoc(t, "bullets.pdf")
	var items []string
	for _, b := range doc.Blocks {
		if b.Kind == document.ListItem {
			items = append(items, doc.Text[b.Span.Start:b.Span.End])
		}
	}
	want := []string{
		"Tenant shall pay rent until the Premises are re-let or the Lease Term ends;",
		"Tenant shall pay reasonable re-letting costs.",
		"at any time and without notice, for any purpose.",
	}
	if !slices.Equal(items, want) {
		t.Errorf("list items %q, want %q", items, want)
	}
}

func TestBullet(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"\uf0b7 Tenant shall pay", 4}, {"• item", 4}, {"- item", 2}, {"-5 degrees", 0}, {"*Note", 0}, {"•", 0}, {"Tenant", 0}, {"", 0}, {"\xff x", 0},
	} {
		if got := bullet(tt.in); got != tt.want {
			t.Errorf("bullet(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestFormFields reads the filled-in fields of a fillable PDF, which are not
// in the page's content: drawn from their appearance streams, or set from
// their values when the filler left the appearance to the viewer.
func TestFormFields(t *testing.T) {
	for _, name := range []string{"form-fields.pdf", "form-fields-noap.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc := readDoc(t, name)
			for _, want := range []string{"Client: Acme Robotics, Inc. Consultant: Jane Q. Doe Monthly fee (USD): 12,500", "2. Payment. The Client shall pay"} {
				if !strings.Contains(doc.Text, want) {
					t.Errorf("Text lacks %q:\n%s", want, doc.Text)
				}
			}
		})
	}
}

// TestFootnotes reads a one-page, two-column agreement with a footnote and
// a footer that names the page: the note is kept apart from the text (as the
// DOCX and ODT readers keep theirs), its reference mark leaves the sentence,
// and the footer is furniture although nothing repeats on a single page.
func TestFootnotes(t *testing.T) {
	doc := readDoc(t, "two-column-footnote.pdf")
	if !slices.Contains(doc.Notes, "1 Email counts as writing under clause 8.") {
		t.Errorf("Notes = %q, want the footnote", doc.Notes)
	}
	if !slices.Contains(doc.Furniture, "Two-column services agreement – page 1") {
		t.Errorf("Furniture = %q, want the footer", doc.Furniture)
	}
	for _, want := range []string{
		"Notices must be in writing and sent to the addresses above.",
		"keep the other’s Confidential Information secret for five (5) years after termination.",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("Text lacks %q", want)
		}
	}
	if strings.Contains(doc.Text, "Email counts") || strings.Contains(doc.Text, "page 1") {
		t.Errorf("the footnote or the footer is in Text:\n%s", doc.Text)
	}
}

// TestBodySizeFootnotes reads a two-page employment agreement whose
// footnote style is the body's size, so that only the place of the notes
// and their numbers tell them from the text: LibreOffice sets the number
// at the start of a note in body size close to its first word ("1The"),
// and from the DOCX the same notes with the number raised. The notes are
// kept apart, numbered as their marks, and the marks leave the sentences.
func TestBodySizeFootnotes(t *testing.T) {
	want := []string{
		"1 The Employer may change the reporting line by written notice without changing the role.",
		"2 Notice given by email to the address on file counts as notice in writing.",
		"3 Qualifying earnings are defined by the Pensions Act 2008 and change each tax year.",
	}
	for _, name := range []string{"body-size-footnotes.pdf", "body-size-footnotes-docx.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc := readDoc(t, name)
			if !slices.Equal(doc.Notes, want) {
				t.Errorf("Notes = %q, want %q", doc.Notes, want)
			}
			for _, s := range []string{
				"reports to the head of research. The Employee shall perform",
				"three months’ notice in writing. The Employer may instead pay",
				"contribute five per cent of qualifying earnings.\n",
				"12. Disciplinary Rules. The disciplinary and grievance procedures are set out in the staff handbook, which does not form part of this agreement.\n\n13. Pension.",
			} {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("Text lacks %q:\n%s", s, doc.Text)
				}
			}
			for _, note := range want {
				if strings.Contains(doc.Text, note[2:20]) {
					t.Errorf("note %q is in Text:\n%s", note, doc.Text)
				}
			}
		})
	}
}

func TestIsPageNumber(t *testing.T) {
	for line, want := range map[string]bool{
		"7": true, "- 3 -": true, "Page 2 of 9": true, "(12)": true, "page 4/10": true,
		"iv": true, "xii": true, " ix ": true, "Page xii": true, "PAGE IV": true, "Page iv of x": true, "- v -": true,
		// Not a numeral, a capital alone (a heading's number), or text.
		"ill": false, "civil": false, "iiii": false, "IV": false, "V": false, "Xi": false,
		"2024 Agreement": false, "Page": false, "Section 4": false,
	} {
		if got := IsPageNumber(line); got != want {
			t.Errorf("IsPageNumber(%q) = %v, want %v", line, got, want)
		}
	}
	for line, want := range map[string]bool{
		"Services Agreement – page 4": true, "Confidential | Page 2 of 9": true, "Confidential | Page iv": true,
		"Master Agreement Page XII": true, "see the next page": false, "Terms of Use page civil": false,
	} {
		if got := isPageLabel(line); got != want {
			t.Errorf("isPageLabel(%q) = %v, want %v", line, got, want)
		}
	}
}

// pagesPDF is a PDF of one page per content stream, in Helvetica.
func pagesPDF(contents ...string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
	var kids []string
	for _, c := range contents {
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)+1))
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", len(objs)+2),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(contents))
	return buildPDF(objs)
}

// TestTooManyPieces: a page of tens of thousands of tiny text objects, ten
// times the most a real page in testdata shows, is refused as too large
// with the page and the limit named, not as a damaged file; a contract
// with such a page among readable ones is read without it, and says so.
func TestTooManyPieces(t *testing.T) {
	objects := func(n int) string { // one text object per letter, as a bomb has them
		var c strings.Builder
		for i := range n {
			fmt.Fprintf(&c, "BT /F1 1 Tf %d %d Td (a) Tj ET\n", i%600, i/600%780)
		}
		return c.String()
	}
	array := func(n int) string { // one TJ of n strings
		return "BT /F1 1 Tf 72 700 Td [" + strings.Repeat("(a)", n) + "] TJ ET"
	}
	const body = "BT /F1 11 Tf 72 700 Td (1. Services. The Supplier shall provide the services.) Tj ET"
	const want = "page 1 holds over 50,000 text pieces: too many to be a contract's page"

	for name, data := range map[string][]byte{
		"objects": pagesPDF(objects(60_000)),
		"TJ":      pagesPDF(array(maxPiecesPerPage + 1)),
	} {
		_, err := Read(context.Background(), data, Options{})
		if fault.KindOf(err) != fault.TooLarge || err == nil || err.Error() != want {
			t.Errorf("%s: err = %v (%v), want TooLarge %q", name, err, fault.KindOf(err), want)
		}
	}

	if _, err := Read(context.Background(), pagesPDF(array(maxPiecesPerPage)), Options{}); err != nil {
		t.Errorf("a page of %d pieces: %v", maxPiecesPerPage, err)
	}

	doc, err := Read(context.Background(), pagesPDF(objects(60_000), body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "1. Services. The Supplier shall provide the services." {
		t.Errorf("text = %q", doc.Text)
	}
	if len(doc.Warnings) != 1 || doc.Warnings[0] != want+"; it was left out" {
		t.Errorf("warnings = %q", doc.Warnings)
	}
}

// TestBilingualTable reads a contract set as a two-cell table, English on
// the left and Spanish on the right: each clause must come out whole, in
// one language, whether the cells are top-aligned (page 1: the lines of the
// two cells share baselines, about one font size apart across the cell
// padding) or vertically centred (page 2: one English line reaches into the
// gutter, past the edge found from the other lines).
func TestBilingualTable(t *testing.T) {
	wantBlocks(t, "bilingual-table.pdf", []string{
		"SERVICES AGREEMENT / CONTRATO DE SERVICIOS",
		"1. Services. The Provider shall perform the cleaning services described in Annex A at the Client’s offices every business day.",
		"2. Fees. The Client shall pay the Provider a monthly fee of EUR 2,000 within thirty days of each invoice. Unpaid amounts bear interest at two percent per month.",
		"3. Termination. The Provider may terminate this Agreement at any time without notice. The Client may terminate this Agreement on ninety days’ written notice.",
		"4. Liability. The Provider shall not be liable for any damages whatsoever, including damages caused by its gross negligence.",
		"5. Governing law. This Agreement is governed by the laws of Spain.",
		"6. Language. If the versions differ, the English version prevails.",
		"1. Servicios. El Proveedor prestará los servicios de limpieza descritos en el Anexo A en las oficinas del Cliente cada día hábil.",
		"2. Honorarios. El Cliente pagará al Proveedor una cuota mensual de 2.000 EUR dentro de los treinta días siguientes a cada factura. Las cantidades impagadas devengan intereses del dos por ciento mensual.",
		"3. Resolución. El Proveedor podrá resolver este Contrato en cualquier momento sin preaviso. El Cliente podrá resolver este Contrato con noventa días de preaviso por escrito.",
		"4. Responsabilidad. El Proveedor no será responsable de ningún daño, incluidos los daños causados por su negligencia grave.",
		"5. Ley aplicable. Este Contrato se rige por las leyes de España.",
		"6. Idioma. En caso de discrepancia, prevalecerá la versión inglesa.",
		"The parties sign this Agreement in two copies. / Las partes firman este Contrato por duplicado.",
		"7. Insurance. The Provider shall maintain public liability insurance of at least EUR 1,000,000 during the term.",
		"8. Staff. The Provider’s staff remain its employees; the Client shall not hire them during the term and for one year after it.",
		"9. Confidentiality. Each party shall keep the other party’s business information confidential for two years after termination.",
		"10. Assignment. The Provider may assign this Agreement to any affiliate without the Client’s consent.",
		"11. Notices. Notices must be in writing and sent to the addresses stated above.",
		"7. Seguro. El Proveedor mantendrá un seguro de responsabilidad civil de al menos 1.000.000 EUR durante la vigencia.",
		"8. Personal. El personal del Proveedor sigue siendo empleado suyo; el Cliente no lo contratará durante la vigencia ni durante un año después.",
		"9. Confidencialidad. Cada parte mantendrá confidencial la información comercial de la otra parte durante dos años tras la resolución.",
		"10. Cesión. El Proveedor podrá ceder este Contrato a cualquier filial sin el consentimiento del Cliente.",
		"11. Notificaciones. Las notificaciones deberán hacerse por escrito y enviarse a las direcciones indicadas arriba.",
	})
}

// wantBlocks checks that the PDF testdata/name reads as the blocks want.
func wantBlocks(t *testing.T, name string, want []string) {
	t.Helper()
	doc := readDoc(t, name)
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, doc.Slice(b.Span))
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s blocks:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLabelledTable reads a lease whose clauses are table rows, a label
// cell beside a text cell: each label must come out whole and before its
// text, whether the cells are top-aligned (a label of two lines shares
// baselines with the text's first two) or vertically centred (the label
// sits on, or between, the text's middle lines).
func TestLabelledTable(t *testing.T) {
	wantBlocks(t, "labelled-table.pdf", []string{
		"Residential Lease",
		"This lease is made between Harbour Flats Ltd (the “Landlord”) and Jordan Ames (the “Tenant”).",
		"1. Rent",
		"The Tenant shall pay rent of $1,450 per month in advance on the first day of each month. A late fee of $75 applies to any payment received after the fifth day of the month.",
		"2. Entry by the Landlord",
		"The Landlord may enter the premises at any time without notice to the Tenant.",
		"3. Repairs and Maintenance of the Premises",
		"The Tenant is responsible for all repairs, including structural repairs and repairs to the roof, heating and plumbing.",
		"The following terms also apply.",
		"4. Deposit",
		"The Tenant shall pay a security deposit of $2,900. The Landlord may retain the deposit in full at its sole discretion for any reason whatsoever, without giving the Tenant an account of it.",
		"5. Pets and Animals",
		"No pets are allowed on the premises without the Landlord’s prior written consent, which the Landlord may withhold.",
		"6. Use of the Premises",
		"The Tenant shall use the premises as a private residence only.",
		"7. Governing law. This lease is governed by the laws of the State of Oregon.",
	})
}
