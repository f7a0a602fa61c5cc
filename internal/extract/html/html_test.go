package html

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/document/documenttest"
	"github.com/termscore/termscore/internal/fault"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func dump(d *document.Document) string {
	var sb strings.Builder
	for _, b := range d.Blocks {
		pos := ""
		if b.Kind == document.TableCell {
			pos = fmt.Sprintf(" t%d r%d c%d", b.Source.Table, b.Source.Row, b.Source.Col)
		}
		fmt.Fprintf(&sb, "%-10s %d %-4s%s | %s\n", b.Kind, b.Level, b.Number, pos, d.Slice(b.Span))
	}
	return sb.String()
}

func read(t testing.TB, name string) *document.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(context.Background(), string(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			got := dump(read(t, name))
			golden := strings.TrimSuffix(f, ".html") + ".golden"
			documenttest.Golden(t, golden, got, *update)
		})
	}
}

func TestMainContentOnly(t *testing.T) {
	for _, name := range []string{"mutual-nda.html", "freelance-contract.html", "github-terms.html"} {
		doc := read(t, name)
		for _, chrome := range []string{"gtag", "dataLayer", "font-family", "Contract Templates", "Related templates", "Subscribe", "Enable JavaScript", "Example Templates"} {
			if strings.Contains(doc.Text, chrome) {
				t.Errorf("%s: page chrome %q in the text", name, chrome)
			}
		}
	}
	doc := read(t, "mutual-nda.html")
	first := doc.Blocks[0]
	if first.Kind != document.Heading || first.Level != 1 || doc.Slice(first.Span) != "Standard Terms" {
		t.Errorf("first block %+v %q, want the h1 Standard Terms", first, doc.Slice(first.Span))
	}
	second := doc.Blocks[1]
	if second.Kind != document.ListItem || second.Number != "1." || !strings.HasPrefix(doc.Slice(second.Span), "1. Introduction. This Mutual") {
		t.Errorf("second block %+v %q, want list item 1.", second, doc.Slice(second.Span))
	}
	// Entities and typographic quotes come through decoded.
	if !strings.Contains(doc.Text, "(“MNDA”)") || strings.Contains(doc.Text, "&ldquo;") {
		t.Errorf("quotes not decoded")
	}
}

func TestStructure(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{{
		name: "ol numbering as a browser shows it",
		in: `<body><ol start="3"><li>Fees</li><li value="7">Term<ol type="a"><li>renewal</li><li>notice</li></ol></li><li>Law</li></ol>` +
			`<ol type="I" reversed><li>x</li><li>y</li></ol><ul><li>bullet</li></ul></body>`,
		want: []string{"list-item|0|3.|3. Fees", "list-item|0|7.|7. Term", "list-item|1|a.|a. renewal", "list-item|1|b.|b. notice", "list-item|0|8.|8. Law",
			"list-item|0|II.|II. x", "list-item|0|I.|I. y", "list-item|0||bullet"},
	}, {
		// As the Markdown reader and the contract number them, where a
		// browser shows "1." again.
		name: "an ordered list inside an ordered item is numbered under it",
		in: `<body><ol start="3"><li>Fees<ol><li>Invoices<ol start="4"><li>Disputes</li></ol></li><li value="5">Late fees` +
			`<ol type="a"><li>interest<ol><li>cap</li></ol></li></ol></li></ol></li>` +
			`<li>Term<ol style="list-style-type: lower-roman"><li>renewal</li></ol></li></ol>` +
			`<ul><li>Note<ol><li>first</li></ol></li></ul></body>`,
		want: []string{"list-item|0|3.|3. Fees", "list-item|1|3.1|3.1 Invoices", "list-item|2|3.1.4|3.1.4 Disputes",
			"list-item|1|3.5|3.5 Late fees", "list-item|2|a.|a. interest", "list-item|3|1.|1. cap",
			"list-item|0|4.|4. Term", "list-item|1|i.|i. renewal", "list-item|0||Note", "list-item|1|1.|1. first"},
	}, {
		name: "lists that carry their own numbers are left as written",
		in: `<body><ol><li>8. Fees<ol><li>8.1 Invoices</li><li>8.2 Late fees<ol><li>interest</li></ol></li></ol></li></ol>` +
			`<ol style="list-style: none"><li>(a) first</li><li>second</li></ol><ol><li>30 days after notice</li></ol></body>`,
		want: []string{"list-item|0||8. Fees", "list-item|1||8.1 Invoices", "list-item|1||8.2 Late fees", "list-item|2|8.2.1|8.2.1 interest",
			"list-item|0||(a) first", "list-item|0||second", "list-item|0|1.|1. 30 days after notice"},
	}, {
		name: "article preferred to the body; br is a space; hidden text dropped",
		in:   `<body><div>Cookie banner</div><article><h2>1. Term</h2><p>Line one<br>line two<span hidden>secret</span><span style="display: none">x</span></p><p>   </p></article></body>`,
		want: []string{"heading|2||1. Term", "paragraph|0||Line one line two"},
	}, {
		name: "tables and text around blocks",
		in:   `<main>Intro text<div>Inner</div>after<table><tr><th>Fee</th><th>Due</th></tr><tr><td>$10</td><td>May &amp; June</td></tr></table></main>`,
		want: []string{"paragraph|0||Intro text", "paragraph|0||Inner", "paragraph|0||after", "table-cell|0||Fee", "table-cell|0||Due", "table-cell|0||$10", "table-cell|0||May & June"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range doc.Blocks {
				got = append(got, fmt.Sprintf("%s|%d|%s|%s", b.Kind, b.Level, b.Number, doc.Slice(b.Span)))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
		})
	}
	doc, err := Read(context.Background(), `<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>`)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "a\tb\nc" {
		t.Errorf("table text %q, want rows of tab-separated cells", doc.Text)
	}
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"", "<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>", "<nav>menu</nav>"} {
		if _, err := Read(context.Background(), in); fault.KindOf(err) != fault.Empty {
			t.Errorf("Read(%q) = %v, want an Empty fault", in, err)
		}
	}
	// Nesting past the parser's limit is refused with a reason, not a crash.
	deep := strings.Repeat("<div>", 100000) + "deep" + strings.Repeat("</div>", 100000)
	if _, err := Read(context.Background(), deep); fault.KindOf(err) != fault.Invalid {
		t.Errorf("deeply nested page: %v, want an Invalid fault", err)
	}
	deep = strings.Repeat("<div>", 400) + "deep" + strings.Repeat("</div>", 400)
	if doc, err := Read(context.Background(), deep); err != nil || doc.Text != "deep" {
		t.Errorf("400 nested divs: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`<main><h1>T</h1><ol start="2" type="i"><li value="9">x</li></ol><table><tr><td>a</td></tr></table></main>`,
		`<body><script>x</script><p>a<br>b</p><article>c</article></body>`,
		`<ol reversed type="A"><li>a<li>b</ol>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := Read(context.Background(), s)
		if err != nil {
			if k := fault.KindOf(err); k != fault.Empty && k != fault.Invalid {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		for _, b := range doc.Blocks {
			if text := doc.Slice(b.Span); text == "" || strings.Contains(text, "\n") {
				t.Fatalf("bad block text %q", text)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile("testdata/github-terms.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(context.Background(), string(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLibreOfficeExport reads Word documents saved as HTML by LibreOffice,
// which writes numbered headings as <li><h1> and multilevel numbering as
// text typed against the clause ("2.1Deliverables"). A clause whose Word
// style is a heading ("<h2>2.1Deliverables. Except for …") is a list item.
func TestLibreOfficeExport(t *testing.T) {
	tests := []struct {
		file string
		want []document.Block // Kind, Level and Number of the block starting with text
		text []string
	}{
		{
			file: "common-paper-ai-addendum-lo.html",
			want: []document.Block{{Kind: document.Heading, Level: 1, Number: "1."}, {Kind: document.ListItem, Level: 1, Number: "1.3"}},
			text: []string{"1. AI Services", "1.3 Model Training. Unless the Cover Page"},
		},
		{
			file: "common-paper-psa-lo.html",
			want: []document.Block{{Kind: document.Heading, Level: 1, Number: "2."}, {Kind: document.ListItem, Level: 1, Number: "2.1"}, {Kind: document.ListItem, Level: 1, Number: "12.3"}},
			text: []string{"2. Intellectual Property", "2.1 Deliverables. Except for", "12.3 Governing Law and Chosen Courts."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := read(t, tt.file)
			for i, prefix := range tt.text {
				var got *document.Block
				for j, b := range doc.Blocks {
					if strings.HasPrefix(doc.Slice(b.Span), prefix) {
						got = &doc.Blocks[j]
						break
					}
				}
				if got == nil {
					t.Errorf("no block starts with %q", prefix)
					continue
				}
				w := tt.want[i]
				if got.Kind != w.Kind || got.Level != w.Level || got.Number != w.Number {
					t.Errorf("block %q: %s level %d number %q, want %s level %d number %q", prefix, got.Kind, got.Level, got.Number, w.Kind, w.Level, w.Number)
				}
			}
		})
	}
}

// TestCookieBanner checks that cookie and consent banners are left out of a
// page, and that a page saved with nothing but a banner and the empty shell
// of a JavaScript app gives a reason the user can act on.
func TestCookieBanner(t *testing.T) {
	with := read(t, "mutual-nda-cookie-banner.htm")
	without := read(t, "mutual-nda.html")
	if with.Text != without.Text {
		t.Errorf("the banners changed the text:\n%s", cmp.Diff(without.Text, with.Text))
	}
	data, err := os.ReadFile(filepath.Join("testdata", "cookie-banner-only.htm"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Read(context.Background(), string(data))
	if fault.KindOf(err) != fault.Empty || !strings.Contains(err.Error(), "only a cookie banner") || !strings.Contains(err.Error(), "print it to PDF") {
		t.Errorf("err = %v, want an Empty fault naming the cookie banner and the way out", err)
	}
}
