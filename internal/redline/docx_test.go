package redline

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/docx"
)

const testAuthor = "Test Reviewer"

var testDate = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

func readDOCX(t testing.TB, data []byte) *document.Document {
	t.Helper()
	doc, err := docx.Read(context.Background(), data, docx.Options{})
	if err != nil {
		t.Fatalf("reading DOCX: %v", err)
	}
	return doc
}

func load(t testing.TB, name string) ([]byte, *document.Document) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data, readDOCX(t, data)
}

// at returns the span of the n-th (0-based) occurrence of s in the text.
func at(t testing.TB, doc *document.Document, s string, n int) document.Span {
	t.Helper()
	off := 0
	for k := 0; ; k++ {
		i := strings.Index(doc.Text[off:], s)
		if i < 0 {
			t.Fatalf("%q (occurrence %d) not in the document", s, n)
		}
		if k == n {
			return document.Span{Start: off + i, End: off + i + len(s)}
		}
		off += i + len(s)
	}
}

// zipPart returns one part of a ZIP archive.
func zipPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	return nil
}

// withPart returns data with one part's content replaced.
func withPart(t testing.TB, data []byte, name string, content []byte) []byte {
	t.Helper()
	out, err := rezip(data, map[string][]byte{name: content})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// resolve accepts or rejects every tracked change by author in the XML,
// the way Word's "Accept All Changes by" does, so that the result can be
// read back with the project's DOCX reader.
func resolve(t testing.TB, data []byte, author string, accept bool) []byte {
	t.Helper()
	x := string(zipPart(t, data, mainPart))
	a := regexp.QuoteMeta(`w:author="` + author + `"`)
	delRe := regexp.MustCompile(`<w:del w:id="\d+" ` + a + `[^>]*>(.*?)</w:del>`)
	insRe := regexp.MustCompile(`<w:ins w:id="\d+" ` + a + `[^>]*>(.*?)</w:ins>`)
	markRe := regexp.MustCompile(`<w:ins w:id="\d+" ` + a + `[^>]*/>`)
	delMarkRe := regexp.MustCompile(`<w:del w:id="\d+" ` + a + `[^>]*/>`)
	if accept {
		// A paragraph whose mark is deleted joins the next; redline
		// deletes a mark only with all the paragraph's text, so the
		// paragraph goes.
		for {
			loc := delMarkRe.FindStringIndex(x)
			if loc == nil {
				break
			}
			start := strings.LastIndex(x[:loc[0]], "<w:p ")
			if s := strings.LastIndex(x[:loc[0]], "<w:p>"); s > start {
				start = s
			}
			end := strings.Index(x[loc[1]:], "</w:p>")
			if start < 0 || end < 0 {
				t.Fatal("deleted paragraph mark outside a paragraph")
			}
			x = x[:start] + x[loc[1]+end+len("</w:p>"):]
		}
		x = markRe.ReplaceAllString(x, "")
		x = delRe.ReplaceAllString(x, "")
		x = insRe.ReplaceAllString(x, "$1")
	} else {
		x = delMarkRe.ReplaceAllString(x, "")
		// Inserted paragraphs go whole.
		for {
			loc := markRe.FindStringIndex(x)
			if loc == nil {
				break
			}
			start := strings.LastIndex(x[:loc[0]], "<w:p>")
			end := strings.Index(x[loc[1]:], "</w:p>")
			if start < 0 || end < 0 {
				t.Fatal("inserted paragraph mark outside a paragraph")
			}
			x = x[:start] + x[loc[1]+end+len("</w:p>"):]
		}
		x = insRe.ReplaceAllString(x, "")
		x = delRe.ReplaceAllStringFunc(x, func(s string) string {
			inner := delRe.FindStringSubmatch(s)[1]
			inner = strings.ReplaceAll(inner, "w:delText", "w:t")
			return strings.ReplaceAll(inner, "w:delInstrText", "w:instrText")
		})
	}
	return withPart(t, data, mainPart, []byte(x))
}

// apply makes the edits on the text, as accepting them should.
func apply(doc *document.Document, edits []Edit, numbers map[int]string) string {
	text := doc.Text
	type change struct {
		at, end int
		with    string
	}
	var cs []change
	for i, e := range edits {
		switch e.Action {
		case "insert":
			bi := doc.BlockAt(e.Span.Start - 1)
			end := doc.Blocks[bi].End
			cs = append(cs, change{end, end, "\n\n" + numbers[i] + e.Text})
		case "delete":
			if bi := doc.BlockAt(e.Span.Start); e.Paragraph && bi > 0 {
				// The paragraph goes whole, with the blank line before it.
				cs = append(cs, change{doc.Blocks[bi-1].End, doc.Blocks[bi].End, ""})
				continue
			}
			cs = append(cs, change{e.Span.Start, e.Span.End, ""})
		default:
			cs = append(cs, change{e.Span.Start, e.Span.End, e.Text})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].at < cs[j].at })
	for i := len(cs) - 1; i >= 0; i-- {
		text = text[:cs[i].at] + cs[i].with + text[cs[i].end:]
	}
	return text
}

func TestDOCXRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		file  string
		prep  func(t *testing.T, data []byte) []byte // e.g. add an existing tracked change
		edits func(doc *document.Document) []Edit
		// numbers the inserted paragraphs get, by edit index
		numbers map[int]string
	}{
		{
			name: "numbered clauses",
			file: "ica.docx",
			edits: func(doc *document.Document) []Edit {
				return []Edit{
					{Span: at(t, doc, "one (1) year", 0), Action: "replace", Text: "six (6) months", Comment: "A year-long non-solicit is long for a freelancer.", Rule: "test.replace"},
					{Span: at(t, doc, ", for any reason or no reason,", 0), Action: "delete", Comment: "Termination for convenience should be mutual.", Rule: "test.delete"},
					{Span: document.Span{Start: at(t, doc, "liability insurance to protect", 0).Start, End: at(t, doc, "liability insurance to protect", 0).Start}, Action: "replace", Text: "professional ", Rule: "test.insert-words"},
					{Span: document.Span{Start: at(t, doc, "4. Term & Termination", 0).Start - 2, End: at(t, doc, "4. Term & Termination", 0).Start - 2}, Action: "insert", Text: "No AI Training. Company will not use the Work Product to train artificial intelligence models.", Comment: "Adds the missing no-AI-training clause at the end of the IP section.", Rule: "test.insert"},
				}
			},
			numbers: map[int]string{3: "3.3 "},
		},
		{
			name: "table cells",
			file: "ica.docx",
			edits: func(doc *document.Document) []Edit {
				return []Edit{
					{Span: at(t, doc, "{services_description}", 0), Action: "replace", Text: "logo design and brand guidelines", Comment: "Name the work.", Rule: "test.cell"},
					{Span: at(t, doc, "Delete this row if not applicable ", 0), Action: "delete", Rule: "test.cell-delete"},
				}
			},
		},
		{
			name: "tables without numbering",
			file: "psa.docx",
			edits: func(doc *document.Document) []Edit {
				s := at(t, doc, "Customer", 3)
				return []Edit{
					{Span: s, Action: "replace", Text: "the Client", Comment: "Party name.", Rule: "test.psa"},
					{Span: document.Span{Start: len(doc.Text), End: len(doc.Text)}, Action: "insert", Text: "Late Payment. Invoices unpaid after 30 days accrue interest at 1% a month.", Comment: "Late fee.", Rule: "test.end"},
				}
			},
			// The last clause is 13.21: the new one continues its list.
			numbers: map[int]string{1: "13.22 "},
		},
		{
			name: "existing tracked change",
			file: "ica.docx",
			prep: func(t *testing.T, data []byte) []byte {
				// Another reviewer already inserted "written " before
				// "notice" and struck "promptly" in 4.3(a).
				x := string(zipPart(t, data, mainPart))
				i := strings.Index(x, "promptly")
				if i < 0 {
					t.Fatal("no 'promptly' in the XML")
				}
				runStart := strings.LastIndex(x[:i], "<w:r>")
				runStart2 := strings.LastIndex(x[:i], "<w:r ")
				runStart = max(runStart, runStart2)
				tEnd := strings.Index(x[i:], "</w:r>") + i + len("</w:r>")
				run := x[runStart:tEnd]
				rPr := ""
				if j, k := strings.Index(run, "<w:rPr>"), strings.Index(run, "</w:rPr>"); j >= 0 && k > j {
					rPr = run[j : k+len("</w:rPr>")]
				}
				textStart := strings.Index(run, "promptly")
				tagEnd := strings.LastIndex(run[:textStart], ">") + 1
				before := run[tagEnd:textStart]
				after := run[textStart+len("promptly"):]
				after = after[:strings.Index(after, "</w:t>")]
				other := `w:author="Other Lawyer" w:date="2024-01-01T00:00:00Z"`
				repl := `<w:r>` + rPr + `<w:t xml:space="preserve">` + before + `</w:t></w:r>` +
					`<w:del w:id="9001" ` + other + `><w:r>` + rPr + `<w:delText>promptly</w:delText></w:r></w:del>` +
					`<w:ins w:id="9002" ` + other + `><w:r>` + rPr + `<w:t xml:space="preserve">immediately</w:t></w:r></w:ins>` +
					`<w:r>` + rPr + `<w:t xml:space="preserve">` + after + `</w:t></w:r>`
				x = x[:runStart] + repl + x[tEnd:]
				return withPart(t, data, mainPart, []byte(x))
			},
			edits: func(doc *document.Document) []Edit {
				return []Edit{
					{Span: at(t, doc, "deliver all Work Product", 0), Action: "replace", Text: "deliver all paid-for Work Product", Comment: "Only what was paid for.", Rule: "test.near-existing"},
					{Span: at(t, doc, "immediately", 0), Action: "replace", Text: "within 10 days", Comment: "Change inside another reviewer's insertion.", Rule: "test.inside-existing"},
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if tc.prep != nil {
				data = tc.prep(t, data)
			}
			doc := readDOCX(t, data)
			edits := tc.edits(doc)
			out, err := DOCX(data, doc, edits, Options{Author: testAuthor, Date: testDate})
			if err != nil {
				t.Fatal(err)
			}
			// As read, all changes are accepted by the reader.
			accepted := readDOCX(t, resolve(t, out, testAuthor, true))
			if want := apply(doc, edits, tc.numbers); accepted.Text != want {
				t.Errorf("accepting all changes:\n%s", firstDiff(accepted.Text, want))
			}
			if asRead := readDOCX(t, out); asRead.Text != accepted.Text {
				t.Errorf("the reader does not see the output as accepting all changes:\n%s", firstDiff(asRead.Text, accepted.Text))
			}
			rejected := readDOCX(t, resolve(t, out, testAuthor, false))
			if rejected.Text != doc.Text {
				t.Errorf("rejecting all changes:\n%s", firstDiff(rejected.Text, doc.Text))
			}
			checkUntouched(t, data, out)
			x := string(zipPart(t, out, mainPart))
			if n := strings.Count(x, `w:author="`+testAuthor+`"`); n == 0 {
				t.Error("no tracked change by the author")
			}
			comments := 0
			for _, e := range edits {
				if e.Comment != "" {
					comments++
				}
			}
			if got := strings.Count(string(zipPart(t, out, commentsPart)), "<w:comment "); got != comments {
				t.Errorf("%d comments, want %d", got, comments)
			}
			if got := strings.Count(x, "<w:commentReference "); got != comments {
				t.Errorf("%d comment references, want %d", got, comments)
			}
			if tc.prep != nil && (!strings.Contains(x, `w:id="9001" w:author="Other Lawyer"`) || !strings.Contains(x, `w:id="9002" w:author="Other Lawyer"`)) {
				t.Error("the existing tracked changes did not survive")
			}
		})
	}
}

// checkUntouched asserts that every part other than the ones the writer
// may change is byte for byte the same, still compressed the same way.
func checkUntouched(t *testing.T, in, out []byte) {
	t.Helper()
	zin, _ := zip.NewReader(bytes.NewReader(in), int64(len(in)))
	zout, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	outFiles := map[string]*zip.File{}
	for _, f := range zout.File {
		outFiles[f.Name] = f
	}
	for _, f := range zin.File {
		switch f.Name {
		case mainPart, commentsPart, typesPart, relsPart:
			continue
		}
		g := outFiles[f.Name]
		if g == nil {
			t.Errorf("%s is missing from the output", f.Name)
			continue
		}
		if g.CRC32 != f.CRC32 || g.CompressedSize64 != f.CompressedSize64 || g.Method != f.Method {
			t.Errorf("%s changed", f.Name)
		}
	}
}

func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	return "got:  …" + got[lo:min(len(got), i+120)] + "\nwant: …" + want[lo:min(len(want), i+120)]
}

func TestLibreOfficeOpensRedline(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	data, doc := load(t, "ica.docx")
	edits := []Edit{
		{Span: at(t, doc, "in writing", 0), Action: "replace", Text: "by email", Comment: "Email is enough.", Rule: "t"},
		{Span: document.Span{Start: at(t, doc, "4. Term & Termination", 0).Start - 2, End: at(t, doc, "4. Term & Termination", 0).Start - 2}, Action: "insert", Text: "Company will not use the Work Product to train artificial intelligence models.", Comment: "No AI training.", Rule: "t"},
	}
	out, err := DOCX(data, doc, edits, Options{Author: testAuthor, Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	text := convertWithLibreOffice(t, soffice, out)
	for _, want := range []string{"by email", "train artificial intelligence"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("the PDF LibreOffice made does not show %q", want)
		}
	}
}

// convertWithLibreOffice converts a DOCX to PDF with a private profile and
// returns pdftotext's text of it.
func convertWithLibreOffice(t *testing.T, soffice string, docxData []byte) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.docx")
	if err := os.WriteFile(in, docxData, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	pdf := filepath.Join(dir, "in.pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("LibreOffice made no PDF: %v", err)
	}
	if os.Getenv("REDLINE_KEEP_PDF") != "" {
		b, _ := os.ReadFile(pdf)
		os.WriteFile(os.Getenv("REDLINE_KEEP_PDF"), b, 0o644)
		os.WriteFile(os.Getenv("REDLINE_KEEP_PDF")+".docx", docxData, 0o644)
	}
	b, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(b)
}

// TestDOCXSameFileTwice writes the review of a real contract twice: the
// revision ids are drawn in document order, so one input gives one file
// (they once followed map order and changed from run to run).
func TestDOCXSameFileTwice(t *testing.T) {
	data, _ := load(t, "ica.docx")
	r := analyzeFile(t, "ica.docx", "contractor")
	edits, _ := Plan(r, nil)
	opt := Options{Date: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), Skipped: func(Edit, string) {}}
	first, err := DOCX(data, r.Doc, edits, opt)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := DOCX(data, r.Doc, edits, opt)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := zipPart(t, first, mainPart), zipPart(t, again, mainPart); !bytes.Equal(a, b) {
			t.Fatalf("the same review written twice differs in %s:\n%s", mainPart, firstDiff(string(b), string(a)))
		}
	}
}

// TestInsertedClauseTakesBodyFormatting inserts a clause after 3.2 of the
// Common Paper contractor agreement, which opens with its underlined
// heading "Moral Rights". The new clause takes the formatting of the
// clause's body, not of that heading: it once copied the first run's, and
// every inserted clause of a real review came out underlined once
// accepted.
func TestInsertedClauseTakesBodyFormatting(t *testing.T) {
	data, doc := load(t, "ica.docx")
	x := insertAt(t, data, doc, at(t, doc, "during and after the term of this Agreement.", 0).End, "The Company shall not use the Work Product to train artificial intelligence models.")
	got := runProps(t, x, "The Company shall not use the Work Product")
	if strings.Contains(got, "<w:u ") {
		t.Errorf("the inserted clause is underlined like the heading it follows: %s", got)
	}
	// The body of 3.2, as written in the original.
	if body := runProps(t, string(zipPart(t, data, mainPart)), "Contractor hereby irrevocably transfers and assigns to Company, and agrees to irrevocably transfer and assign to Company, and waives"); got != body {
		t.Errorf("the inserted clause's run properties are\n%s\nwant the body's\n%s", got, body)
	}
}

// insertAt inserts a clause after the paragraph ending at offset end
// and returns the output's document XML.
func insertAt(t *testing.T, data []byte, doc *document.Document, end int, clause string) string {
	t.Helper()
	edits := []Edit{{Span: document.Span{Start: end, End: end}, Action: "insert", Text: clause, Comment: "A clause.", Rule: "t"}}
	out, err := DOCX(data, doc, edits, Options{Author: testAuthor, Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	return string(zipPart(t, out, mainPart))
}

// runProps returns the w:rPr of the run whose text starts with text in
// the XML x ("" when it has none).
func runProps(t *testing.T, x, text string) string {
	t.Helper()
	i := strings.Index(x, text)
	if i < 0 {
		t.Fatalf("%q is not in the XML", text)
	}
	r := x[max(strings.LastIndex(x[:i], "<w:r>"), strings.LastIndex(x[:i], "<w:r ")):i]
	j, k := strings.Index(r, "<w:rPr>"), strings.Index(r, "</w:rPr>")
	if j < 0 || k < 0 {
		return ""
	}
	return r[j : k+len("</w:rPr>")]
}

// TestInsertedAfterTableTakesBodyFormatting inserts a clause after the
// key-terms table of the Common Paper professional services agreement,
// as the late-payment clause goes after the statement of work's table.
// It takes the run properties of the body text after the table ("By
// signing this Cover Page…"): it once had none, and came out in the
// document's default font, twice the size of the text around it.
func TestInsertedAfterTableTakesBodyFormatting(t *testing.T) {
	data, doc := load(t, "psa.docx")
	after := at(t, doc, "By signing this Cover Page", 0).Start
	bi := doc.BlockAt(after)
	if bi < 1 || doc.Blocks[bi-1].Kind != document.TableCell {
		t.Fatal("the paragraph no longer follows a table")
	}
	x := insertAt(t, data, doc, doc.Blocks[bi-1].End, "Amounts not paid when due bear interest at 1.5% per month.")
	got := runProps(t, x, "Amounts not paid when due")
	if body := runProps(t, string(zipPart(t, data, mainPart)), "By signing this Cover Page"); got != body {
		t.Errorf("the clause after the table has run properties\n%q\nwant the body text's\n%q", got, body)
	}
	// After the table, not inside it.
	if j, k := strings.Index(x, "Amounts not paid when due"), strings.Index(x, "</w:tbl>"); j < k {
		t.Error("the clause is inside the table")
	}
}

// TestStruckFieldGoesWhole strikes a sentence of the Common Paper
// contractor agreement holding a cross-reference field, as Word writes
// one ("Section 6" as a REF field): the field characters and instructions
// are struck with its result, so that accepting the change leaves no
// field behind (it was once kept, empty, to show "Section 6" again in the
// new wording when Word updates fields), and rejecting it gives the field
// back whole. A field only partly struck stays.
func TestStruckFieldGoesWhole(t *testing.T) {
	data, _ := load(t, "ica.docx")
	x := string(zipPart(t, data, mainPart))
	// Make "Section 6" of 7.1 and "Section 4.2(a)" of 4.3(d) REF fields.
	for _, ref := range []struct{ text, bookmark string }{{"Section 6", "_Ref6"}, {"Section 4.2(a)", "_Ref42a"}} {
		i := strings.Index(x, ref.text)
		if i < 0 {
			t.Fatalf("no %q in the XML", ref.text)
		}
		runStart := max(strings.LastIndex(x[:i], "<w:r>"), strings.LastIndex(x[:i], "<w:r "))
		runEnd := strings.Index(x[i:], "</w:r>") + i + len("</w:r>")
		run := x[runStart:runEnd]
		rPr := run[strings.Index(run, "<w:rPr>") : strings.Index(run, "</w:rPr>")+len("</w:rPr>")]
		tOpen := strings.Index(run, "<w:t")
		tText := strings.Index(run[tOpen:], ">") + tOpen + 1
		body := run[tText:strings.Index(run, "</w:t>")]
		k := strings.Index(body, ref.text)
		piece := func(s string) string {
			return `<w:r>` + rPr + `<w:t xml:space="preserve">` + s + `</w:t></w:r>`
		}
		fld := `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF ` + ref.bookmark + ` \r \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
			piece(ref.text) + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
		x = x[:runStart] + piece(body[:k]) + fld + piece(body[k+len(ref.text):]) + x[runEnd:]
	}
	data = withPart(t, data, mainPart, []byte(x))
	doc := readDOCX(t, data)
	edits := []Edit{
		// 7.1's "(b)" item, which holds the first field, struck whole.
		{Span: at(t, doc, "a breach or alleged breach by Contractor of Section 6 (Representations & Warranties)", 0), Action: "delete", Comment: "Narrower indemnity.", Rule: "t.struck"},
		// Only "(a)" of the second field's result struck: the field stays.
		{Span: at(t, doc, "(a), Contractor will submit a final invoice", 0), Action: "replace", Text: ", Contractor will submit a final invoice", Comment: "c", Rule: "t.partial"},
	}
	out, err := DOCX(data, doc, edits, Options{Author: testAuthor, Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	checkMarkup(t, out)
	accepted := resolve(t, out, testAuthor, true)
	ax := string(zipPart(t, accepted, mainPart))
	if strings.Contains(ax, "_Ref6") {
		t.Error("accepting the change leaves the struck sentence's REF field behind")
	}
	if !strings.Contains(ax, "_Ref42a") {
		t.Error("the partly struck field went")
	}
	if !regexp.MustCompile(`_Ref42a.*?<w:del [^>]*><w:r>.*?<w:delText xml:space="preserve">\(a\)</w:delText>`).MatchString(string(zipPart(t, out, mainPart))) {
		t.Error("the partly struck field's result is not struck in part")
	}
	if got, want := readDOCX(t, accepted).Text, apply(doc, edits, nil); got != want {
		t.Errorf("accepting all changes:\n%s", firstDiff(got, want))
	}
	rejected := resolve(t, out, testAuthor, false)
	if got := readDOCX(t, rejected).Text; got != doc.Text {
		t.Errorf("rejecting all changes:\n%s", firstDiff(got, doc.Text))
	}
	if rx := string(zipPart(t, rejected, mainPart)); strings.Count(rx, `w:fldCharType="begin"`) != strings.Count(x, `w:fldCharType="begin"`) || !strings.Contains(rx, "<w:instrText xml:space=\"preserve\"> REF _Ref6") {
		t.Error("rejecting the change does not give the field back whole")
	}
	if soffice, err := exec.LookPath("soffice"); err == nil {
		if _, err := exec.LookPath("pdftotext"); err == nil {
			text := strings.Join(strings.Fields(convertWithLibreOffice(t, soffice, out)), " ")
			if !strings.Contains(text, "Contractor will submit a final invoice") {
				t.Error("LibreOffice's PDF lacks the changed clause")
			}
		}
	}
}

// TestTextInPieces: a w:t whose text comes in pieces (plain text, then a
// CDATA section or an entity) is read and marked up as one. The scan
// keeps plain text as the part's own bytes; a second piece must be added
// to a copy, not written over the XML that follows the first in the part,
// which the writer copies where it changes nothing.
func TestTextInPieces(t *testing.T) {
	first := `<w:p><w:r><w:t xml:space="preserve">Payment is due within sixty<![CDATA[ (60) days]]> &amp; not before.</w:t></w:r></w:p>`
	second := `<w:p><w:r><w:t>Either party may end it on notice.</w:t></w:r></w:p>`
	xml := xmlHeader + `<w:document xmlns:w="` + nsW + `"><w:body>` + first + second + `<w:sectPr/></w:body></w:document>`
	data, err := packDOCX([]byte(xml))
	if err != nil {
		t.Fatal(err)
	}
	doc := readDOCX(t, data)
	for _, c := range []struct{ old, new, kept, accepted string }{
		// The run in pieces is rewritten from its text.
		{"sixty (60)", "thirty (30)", second, "Payment is due within thirty (30) days & not before."},
		// It is copied as it was.
		{"Either party", "The Client", first, "The Client may end it on notice."},
	} {
		edits := []Edit{{Span: at(t, doc, c.old, 0), Action: "replace", Text: c.new, Rule: "test"}}
		out, err := DOCX(data, doc, edits, Options{Author: testAuthor, Date: testDate})
		if err != nil {
			t.Fatal(err)
		}
		if part := string(zipPart(t, out, mainPart)); !strings.Contains(part, c.kept) {
			t.Errorf("%s: the paragraph it does not change is not as it was:\n%s", c.old, part)
		}
		for accept, want := range map[bool][]string{
			true:  {c.accepted},
			false: {"Payment is due within sixty (60) days & not before.", "Either party may end it on notice."},
		} {
			got := readDOCX(t, resolve(t, out, testAuthor, accept)).Text
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%s, accept %v: %q, want it to hold %q", c.old, accept, got, w)
				}
			}
		}
	}
}
