package ocr

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
}

// imagePDF wraps a JPEG as the only content of a one-page PDF: a scan
// with no text layer, as a scanner would write it.
func imagePDF(t *testing.T, jpg []byte) []byte {
	t.Helper()
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg))
	if err != nil {
		t.Fatal(err)
	}
	// The page is the image at 150 dpi.
	w, h := float64(cfg.Width)*72/150, float64(cfg.Height)*72/150
	content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h)
	var buf bytes.Buffer
	var offs []int
	obj := func(body string, stream []byte) {
		offs = append(offs, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s", len(offs), body)
		if stream != nil {
			buf.WriteString("\nstream\n")
			buf.Write(stream)
			buf.WriteString("\nendstream")
		}
		buf.WriteString("\nendobj\n")
	}
	buf.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", nil)
	obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>", w, h), nil)
	obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", cfg.Width, cfg.Height, len(jpg)), jpg)
	obj(fmt.Sprintf("<< /Length %d >>", len(content)), []byte(content))
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return buf.Bytes()
}

// Sentences on the scanned page (the top of page 1 of a CUAD joint
// venture agreement).
var wantSentences = []string{
	"JOINT VENTURE AGREEMENT",
	"Collectible Concepts Group, Inc.",
	"by this Agreement associate themselves as business associates, and not as partners, in the formation of a joint venture",
}

func TestPDF(t *testing.T) {
	needTools(t, "pdftoppm", "pdfinfo", "tesseract")
	jpg, err := os.ReadFile("testdata/scan.jpg")
	if err != nil {
		t.Fatal(err)
	}
	scan := imagePDF(t, jpg)
	if _, err := exec.LookPath("pdftotext"); err == nil {
		f := t.TempDir() + "/scan.pdf"
		if err := os.WriteFile(f, scan, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", f, "-").Output()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Fatalf("the test scan is not a valid PDF without a text layer: %v %q", err, out)
		}
	}
	doc, err := PDF(context.Background(), scan, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != 1 {
		t.Errorf("Pages = %d, want 1", doc.Pages)
	}
	for _, s := range wantSentences {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("OCR text lacks %q; text:\n%s", s, doc.Text)
		}
	}
	if len(doc.Warnings) == 0 || doc.Warnings[0] != Warning {
		t.Errorf("Warnings = %q, want %q", doc.Warnings, Warning)
	}
	// "(b) The acquisition …" is a numbered list item: its own block.
	found := false
	for _, b := range doc.Blocks {
		if strings.HasPrefix(doc.Slice(b.Span), "(b) The acquisition of a license(s)") {
			found = true
			if b.Source.Page != 1 || b.Source.W <= 0 || b.Source.H <= 0 || b.Source.Y <= 0 {
				t.Errorf("block source = %+v, want page 1 and a box", b.Source)
			}
		}
	}
	if !found {
		t.Errorf("no block starts with list item (b); text:\n%s", doc.Text)
	}
}

func TestImage(t *testing.T) {
	needTools(t, "tesseract")
	jpg, err := os.ReadFile("testdata/scan.jpg")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Image(context.Background(), jpg, Options{Language: "eng"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != document.Image || doc.Pages != 1 {
		t.Errorf("image read as format %q with %d pages, want %q with 1", doc.Format, doc.Pages, document.Image)
	}
	for _, s := range wantSentences {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("OCR text lacks %q", s)
		}
	}
}

func TestMaxPages(t *testing.T) {
	needTools(t, "pdftoppm", "pdfinfo", "tesseract")
	jpg, err := os.ReadFile("testdata/scan.jpg")
	if err != nil {
		t.Fatal(err)
	}
	// MaxPages is checked before any page is rendered: 1 page over a limit of 1 is fine,
	// so use a limit the file cannot meet by passing a negative-free small limit on a
	// two-page copy made by pdfunite when it is there.
	if _, err := exec.LookPath("pdfunite"); err != nil {
		t.Skip("pdfunite is not installed")
	}
	dir := t.TempDir()
	one := dir + "/one.pdf"
	if err := os.WriteFile(one, imagePDF(t, jpg), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdfunite", one, one, dir+"/two.pdf").CombinedOutput(); err != nil {
		t.Fatalf("pdfunite: %v %s", err, out)
	}
	two, err := os.ReadFile(dir + "/two.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, err = PDF(context.Background(), two, Options{MaxPages: 1})
	if fault.KindOf(err) != fault.TooLarge {
		t.Fatalf("err = %v, want a too_large fault", err)
	}
}

func TestBadInput(t *testing.T) {
	needTools(t, "pdftoppm", "pdfinfo", "tesseract")
	tests := []struct {
		name string
		read func() error
		kind fault.Kind
	}{
		{"garbage PDF", func() error {
			_, err := PDF(context.Background(), []byte("%PDF-1.4\nnot really"), Options{})
			return err
		}, fault.Invalid},
		{"garbage image", func() error {
			_, err := Image(context.Background(), []byte("\x89PNG\r\n\x1a\nbroken"), Options{})
			return err
		}, fault.Invalid},
		{"unknown language", func() error {
			jpg, _ := os.ReadFile("testdata/scan.jpg")
			_, err := Image(context.Background(), jpg, Options{Language: "xqz"})
			return err
		}, fault.ToolMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read()
			if fault.KindOf(err) != tt.kind {
				t.Fatalf("err = %v (%v), want kind %v", err, fault.KindOf(err), tt.kind)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	needTools(t, "pdftoppm", "pdfinfo", "tesseract")
	jpg, err := os.ReadFile("testdata/scan.jpg")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = PDF(ctx, imagePDF(t, jpg), Options{})
	if fault.KindOf(err) != fault.Timeout {
		t.Fatalf("err = %v, want a timeout fault", err)
	}
}

func TestParseTSV(t *testing.T) {
	// Two paragraphs; the second line of the first is a numbered clause,
	// which must start its own paragraph. A word broken at a line end is
	// rejoined without its hyphen when the page spells it whole ("agree-"
	// "ment"), and with it otherwise ("twenty-" "five").
	tsv := strings.Join([]string{
		"level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
		"1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t",
		"5\t1\t1\t1\t1\t1\t300\t300\t100\t40\t95\tThe",
		"5\t1\t1\t1\t1\t2\t420\t300\t200\t40\t95\tagree-",
		"5\t1\t1\t1\t2\t1\t300\t350\t200\t40\t95\tment",
		"5\t1\t1\t1\t2\t2\t520\t350\t100\t40\t95\tholds.",
		"5\t1\t1\t1\t3\t1\t300\t400\t60\t40\t95\t{b)",
		"5\t1\t1\t1\t3\t2\t380\t400\t100\t40\t95\tTerm.",
		"5\t1\t2\t1\t1\t1\t300\t600\t100\t40\t95\tSigned",
		"5\t1\t2\t1\t1\t2\t420\t600\t100\t40\t95\tagreement",
		"5\t1\t2\t1\t1\t3\t540\t600\t100\t40\t95\ttwenty-",
		"5\t1\t2\t1\t2\t1\t300\t650\t100\t40\t95\tfive",
		"5\t1\t2\t1\t2\t2\t420\t650\t100\t40\t95\tdays.",
	}, "\n")
	got := parseTSV([]byte(tsv))
	want := []string{"The agreement holds.", "(b) Term.", "Signed agreement twenty-five days."}
	if len(got) != len(want) {
		t.Fatalf("got %d paragraphs %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].text != want[i] {
			t.Errorf("paragraph %d = %q, want %q", i, got[i].text, want[i])
		}
	}
	// Box of the first paragraph, in points from the bottom left.
	p := got[0]
	if p.x != 72 || p.w != 76.8 || p.y != round((3300-390)*72.0/300) {
		t.Errorf("box = %+v", p)
	}
}

// TestMisreads reads tesseract's output on real scanned pages (committed, so
// that the test needs no tesseract) and checks the misreads that change a
// review: a clause number 1 read as "|", its full stop read as a comma, and
// "AI" read as "Al".
func TestMisreads(t *testing.T) {
	tests := []struct {
		file    string
		starts  []string // paragraphs that must exist, by their start
		without string   // must occur in no paragraph
	}{
		{file: "cuad-aduro-consulting-p1.tsv", starts: []string{"1. Services. At the request", "2. Compensation and Expenses."}, without: "|."},
		{file: "common-paper-ai-addendum-p1.tsv", starts: []string{"AI Addendum"}, without: "Al "},
		{file: "common-paper-mutual-nda-p2.tsv", starts: []string{"11. General. Neither party"}, without: "11, General"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tsv, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			ps := parseTSV(tsv)
			for _, s := range tt.starts {
				found := false
				for _, p := range ps {
					found = found || strings.HasPrefix(p.text, s)
				}
				if !found {
					t.Errorf("no paragraph starts with %q", s)
				}
			}
			for _, p := range ps {
				if strings.Contains(p.text, tt.without) {
					t.Errorf("paragraph %q holds %q", p.text, tt.without)
				}
			}
		})
	}
}

func TestFixAI(t *testing.T) {
	ps := []para{{text: "the Al Services and Al-generated Output"}, {text: "Alpha and Algeria"}}
	fixAI(ps)
	if ps[0].text != "the AI Services and AI-generated Output" || ps[1].text != "Alpha and Algeria" {
		t.Errorf("fixAI = %q, %q", ps[0].text, ps[1].text)
	}
	one := []para{{text: "Signed: Al Jones, President"}}
	fixAI(one)
	if one[0].text != "Signed: Al Jones, President" {
		t.Errorf("a single Al (a name) became %q", one[0].text)
	}
}

func TestFixMisreads(t *testing.T) {
	for in, want := range map[string]string{
		"|. Services. At the request": "1. Services. At the request",
		"l.2 Fees are due":            "1.2 Fees are due",
		"1l. Term":                    "11. Term",
		"| Name | Title |":            "| Name | Title |", // a table border, not a number
		"l am":                        "l am",
		"I. Definitions":              "I. Definitions", // a Roman numeral
		"11, General. Neither party":  "11. General. Neither party",
		"10, 20 and 30 days":          "10, 20 and 30 days",
	} {
		if got := fixMisreads(in); got != want {
			t.Errorf("fixMisreads(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFurniture takes the running head and foot off the three scanned pages
// of the AI Addendum, as the PDF reader does off its text layer: the footer
// on every page (read "Ai" on one and "AI" on the others) and "COVER PAGE" on
// two of the three, but not "STANDARD TERMS", the head of one page only.
func TestFurniture(t *testing.T) {
	var pages [][]para
	for _, f := range []string{"common-paper-ai-addendum-p1.tsv", "common-paper-ai-addendum-p2.tsv", "common-paper-ai-addendum-p3.tsv"} {
		tsv, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, parseTSV(tsv))
	}
	removed := furniture(pages)
	// The footer is kept as first read.
	for _, want := range []string{"COVER PAGE", "Common Paper Ai Addendum (Version v1.0) free to use under CC BY 4.0."} {
		if !slices.Contains(removed, want) {
			t.Errorf("furniture = %q, want it to hold %q", removed, want)
		}
	}
	var text []string
	for _, ps := range pages {
		for _, p := range ps {
			text = append(text, p.text)
		}
	}
	all := strings.Join(text, "\n")
	if strings.Contains(all, "free to use under CC BY") || strings.Contains(all, "COVER PAGE") {
		t.Errorf("a running head or foot is left in the text")
	}
	if !slices.Contains(text, "STANDARD TERMS") || !slices.Contains(text, "AI Addendum Standard Terms") {
		t.Errorf("the one-page head or the title was taken off")
	}
}

// TestFurnitureRomanNumbers reads two scanned pages of front matter
// numbered from iv: the page number "iv" at the foot of the first is taken
// off, as the PDF reader takes it off the text layer (tesseract did not
// see the lone "v" at the foot of the second). The running head is taken
// off both pages, though tesseract read it into the paragraph below it on
// the second, and every other word stays.
func TestFurnitureRomanNumbers(t *testing.T) {
	const head = "Mutual Non-Disclosure Agreement — Standard Terms"
	var pages [][]para
	var before []string
	for _, f := range []string{"mutual-nda-roman-p1.tsv", "mutual-nda-roman-p2.tsv"} {
		tsv, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		ps := parseTSV(tsv)
		for _, p := range ps {
			before = append(before, p.text)
		}
		pages = append(pages, ps)
	}
	removed := furniture(pages)
	if !slices.Contains(removed, "iv") || !slices.Contains(removed, head) {
		t.Errorf("furniture = %q, want it to hold the page number iv and the head %q", removed, head)
	}
	var after []string
	for _, ps := range pages {
		for _, p := range ps {
			if strings.Contains(p.text, head) {
				t.Errorf("the running head is left in %q", p.text)
			}
			after = append(after, p.text)
		}
	}
	var want []string
	for _, s := range before {
		if s != "iv" && s != head {
			want = append(want, strings.TrimPrefix(s, head+" "))
		}
	}
	if !slices.Equal(after, want) {
		t.Errorf("the text lost more than the head and the page number:\n%q\nwant:\n%q", after, want)
	}
	if p := pages[1][0]; !strings.HasPrefix(p.text, "Confidential Information in accordance with") || p.h >= 50 {
		t.Errorf("page 2 starts with %q (height %v), want the body below the head", p.text, p.h)
	}
	// The body above it stays: the foot of page 1 is now clause 6.
	if last := pages[0][len(pages[0])-1].text; !strings.HasPrefix(last, "6. Return or Destruction of Confidential Information.") {
		t.Errorf("page 1 ends with %q, want clause 6", last)
	}
}

// TestFixSmallL reads tesseract's output on page 2 of a noisy scan of the
// Common Paper contractor agreement, where it read "legal" as "Jega)",
// "local" as "Jocal" and "all" as "al)", and the real pages of the other
// TSVs, whose J-words and brackets are right.
func TestFixSmallL(t *testing.T) {
	tsv, err := os.ReadFile("testdata/common-paper-contractor-noisy-p2.tsv")
	if err != nil {
		t.Fatal(err)
	}
	// The rest of the document spells the words right.
	rest := []para{{text: "Contractor will comply with all local laws and has the legal right to do so."}}
	pages := [][]para{parseTSV(tsv), rest}
	fixSmallL(pages)
	var text []string
	for _, p := range pages[0] {
		text = append(text, p.text)
	}
	got := strings.Join(text, "\n")
	for _, want := range []string{"it has the legal power and authority", "state, and local laws regarding", "necessary—including all federal, state"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
	for _, name := range []string{"mutual-nda-roman-p1.tsv", "mutual-nda-roman-p2.tsv", "cuad-aduro-consulting-p1.tsv", "common-paper-mutual-nda-p2.tsv"} {
		tsv, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		ps := parseTSV(tsv)
		before := slices.Clone(ps)
		fixSmallL([][]para{ps})
		for i := range ps {
			if ps[i].text != before[i].text {
				t.Errorf("%s: %q became %q", name, before[i].text, ps[i].text)
			}
		}
	}
}
