package markdown

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/document/documenttest"
	"github.com/termscore/termscore/internal/fault"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// dump renders a document's blocks one a line: kind, level, number, source
// line, table position and text, then the furniture.
func dump(d *document.Document) string {
	var sb strings.Builder
	for _, b := range d.Blocks {
		pos := ""
		if b.Kind == document.TableCell {
			pos = fmt.Sprintf(" t%d r%d c%d", b.Source.Table, b.Source.Row, b.Source.Col)
		}
		fmt.Fprintf(&sb, "%-10s %d %-4s L%d%s | %s\n", b.Kind, b.Level, b.Number, b.Source.Line, pos, d.Slice(b.Span))
	}
	for _, f := range d.Furniture {
		fmt.Fprintf(&sb, "furniture | %s\n", f)
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
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if name == "ATTRIBUTION.md" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			got := dump(read(t, name))
			golden := strings.TrimSuffix(f, ".md") + ".golden"
			documenttest.Golden(t, golden, got, *update)
		})
	}
}

// find returns the first block whose text starts with prefix.
func find(t *testing.T, d *document.Document, prefix string) document.Block {
	t.Helper()
	for _, b := range d.Blocks {
		if strings.HasPrefix(d.Slice(b.Span), prefix) {
			return b
		}
	}
	t.Fatalf("no block starts with %q", prefix)
	return document.Block{}
}

func TestTemplates(t *testing.T) {
	type want struct {
		prefix string
		kind   document.BlockKind
		level  int
		number string
		line   int
	}
	tests := []struct {
		file string
		want []want
	}{{
		file: "freelance-contract.md",
		want: []want{
			{"Summary:", document.Heading, 3, "", 11}, // "###Summary:" without a space
			{"Browser Compatibility", document.Heading, 4, "", 33},
			{"[LIST OF NEEDS] includes credentials", document.ListItem, 0, "", 31},
			{"[LOGO]", document.Paragraph, 0, "", 1},
		},
	}, {
		file: "Mutual-NDA.md",
		want: []want{
			{"Standard Terms", document.Heading, 1, "", 1},
			{"1. Introduction. This Mutual Non-Disclosure Agreement", document.ListItem, 0, "1.", 3},
			{"11. General.", document.ListItem, 0, "11.", 23},
		},
	}, {
		file: "ContractorAgreement-US.md",
		want: []want{
			{"Agreement Summary", document.Heading, 2, "", 5},
			{"<Legalese>", document.Heading, 6, "", 16},
			{"Services and Payment", document.Heading, 6, "", 20},
			{"Effective February 15th, 2024, Wendy Winkie (“Consultant”)", document.Paragraph, 0, "", 18},
		},
	}, {
		file: "contractor-work-for-hire-form.md",
		want: []want{
			{`"Project Name": Project Breeze`, document.ListItem, 0, "", 9},
			{"Company A on December 1, 2021", document.Paragraph, 0, "", 19},
			{"Representative: John Doe, CEO", document.Paragraph, 0, "", 20},
		},
	}, {
		file: "UK-Model-Tenancy-Agreement.md",
		want: []want{
			{"Model Agreement for an Assured Shorthold Tenancy", document.Heading, 1, "", 1},
			{"1.1 Why has Government produced this model agreement?", document.Paragraph, 0, "", 76},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := read(t, tt.file)
			for _, w := range tt.want {
				b := find(t, doc, w.prefix)
				if b.Kind != w.kind || b.Level != w.level || b.Number != w.number || b.Source.Line != w.line {
					t.Errorf("%q: got %s level %d number %q line %d, want %s level %d number %q line %d",
						w.prefix, b.Kind, b.Level, b.Number, b.Source.Line, w.kind, w.level, w.number, w.line)
				}
			}
			for _, b := range doc.Blocks {
				text := doc.Slice(b.Span)
				if strings.HasPrefix(text, "#") || strings.Contains(text, "**") || strings.Contains(text, "](") || strings.Contains(text, "<span") {
					t.Errorf("markup left in %q", text)
				}
				if isPageNumber(text) && b.Kind == document.Paragraph {
					t.Errorf("page number left in the body: %q", text)
				}
			}
		})
	}
}

// Ordered lists inside ordered items are numbered under them, as the
// contract they come from numbers its subclauses, whether the author typed
// 1., 2. or left every item "1." for the renderer to count.
func TestNestedOrderedLists(t *testing.T) {
	const in = "# Software Development Agreement\n\n" +
		"1.  Definitions. The following definitions apply:\n" +
		"    1. \"Software\" means the system described in the Specifications.\n" +
		"    1. \"Specifications\" has the meaning given in section 3.1.\n" +
		"1.  Services. The Developer shall develop the Software.\n" +
		"1.  Changes.\n" +
		"    1. Requests. The Customer may request changes.\n" +
		"    1. Costs. If a change costs more, the Developer may:\n" +
		"        1. withdraw the change, or\n" +
		"        1. deliver it at the new price.\n" +
		"\n- a bullet\n\n  1. numbered under a bullet\n"
	got := blockNumbers(t, in)
	want := []string{"1.", "1.1", "1.2", "2.", "3.", "3.1", "3.2", "3.2.1", "3.2.2", "1."}
	if !slices.Equal(got, want) {
		t.Errorf("numbers %q, want %q", got, want)
	}
}

// An ordered list right under a numbered heading is numbered under it: the
// rights listed under "### 3.3 Perpetual Licence" are 3.3.1 and 3.3.2, not
// a second "1." and "2." (an AI voice actor agreement, h2 of session 11). A
// heading without a number, or with a year, numbers nothing.
func TestListsUnderNumberedHeadings(t *testing.T) {
	const in = "# Voice Recording Agreement\n\n" +
		"## 3. Ownership\n\n### 3.3 Perpetual Licence\n\nThe Studio may:\n\n1. train voice models on the recordings;\n2. license the voice to others.\n\n" +
		"## Schedule\n\n1. Session dates.\n\n" +
		"**4. Fees**\n\n1. The fee is $900.\n\n" +
		"## 2026 Rates\n\n1. Rates rise in May.\n"
	got := blockNumbers(t, in)
	want := []string{"3.3.1", "3.3.2", "1.", "4.1", "1."}
	if !slices.Equal(got, want) {
		t.Errorf("numbers %q, want %q", got, want)
	}
}

// blockNumbers reads Markdown in and returns the numbers its blocks carry.
func blockNumbers(t *testing.T, in string) []string {
	t.Helper()
	doc, err := Read(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		if b.Number != "" {
			got = append(got, b.Number)
		}
	}
	return got
}

func TestTable(t *testing.T) {
	doc := read(t, "github-terms-of-service.md")
	b := find(t, doc, "A. Definitions")
	if b.Kind != document.TableCell || b.Source.Table != 1 || b.Source.Row != 2 || b.Source.Col != 1 {
		t.Errorf("first body cell: %+v", b)
	}
	if strings.Contains(doc.Text, "redirect_from") {
		t.Errorf("YAML front matter read as text")
	}
	if !strings.Contains(doc.Text, "Section\tWhat can you find there?\nA. Definitions\tSome basic terms") {
		t.Errorf("table not laid out as rows of tab-separated cells")
	}
}

func TestMarkup(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{{
		name: "ordered lists keep their start, nested lists their level",
		in:   "3. Fees\n4) no\n\n7) Term\n8) Notice\n   - by email\n   - by post\n\n   second paragraph\n",
		want: []string{"list-item|0|3.|3. Fees", "list-item|0|4)|4) no", "list-item|0|5)|5) Term", "list-item|0|6)|6) Notice", "list-item|1||by email", "list-item|1||by post", "list-item|0||second paragraph"},
	}, {
		name: "inline markup reduced to text; images, comments and tags dropped",
		in:   "Pay *within* **30 days** of [the invoice](https://x.test) `net-30`![logo](l.png)<!-- c --> <b>now</b>.<br>Done <https://a.test>\n",
		want: []string{"paragraph|0||Pay within 30 days of the invoice net-30 now. Done https://a.test"},
	}, {
		name: "code and quotes are paragraphs; thematic breaks vanish",
		in:   "> Quoted term.\n\n---\n\n```\ncode line 1\ncode line 2\n```\n\n<div>Raw <script>alert(1)</script>block</div>\n",
		want: []string{"paragraph|0||Quoted term.", "paragraph|0||code line 1 code line 2", "paragraph|0||Raw block"},
	}, {
		name: "bold line is a heading below the last heading",
		in:   "## Terms\n\n**Payment Terms**\n\nPay on time.\n",
		want: []string{"heading|2||Terms", "heading|3||Payment Terms", "paragraph|0||Pay on time."},
	}, {
		name: "escapes and entities show as the characters they stand for; code spans stay literal",
		in:   "8\\. AT&amp;T owns \\*all\\* rights, caf&#233; `a\\_b`.\n",
		want: []string{"paragraph|0||8. AT&T owns *all* rights, café a\\_b."},
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
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"", "\n\n", "---\n\n***\n", "![only an image](x.png)\n", "<!-- comment -->\n"} {
		if _, err := Read(context.Background(), in); fault.KindOf(err) != fault.Empty {
			t.Errorf("Read(%q) = %v, want an Empty fault", in, err)
		}
	}
	// Deep nesting is read in bounded time and without a stack overflow.
	deep := strings.Repeat("> ", 5000) + "text\n" + strings.Repeat("- ", 3000) + "item\n"
	if _, err := Read(context.Background(), deep); err != nil {
		t.Errorf("deeply nested input: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"# Title\n\n1. **One.** text\n   - sub\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"###Summary:\nline  \nnext\n\n<div>x</div>\n",
		"> quote\n\n```go\ncode\n```\n[link](u) ![i](j) <Legalese>\n",
		"a.  x\n    y\nb.  z\n\n    i.  w\n    ii. \\\"v\\\"\n\n    **more**\n\n(c) u\n(d) t\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := Read(context.Background(), s)
		if err != nil {
			if fault.KindOf(err) != fault.Empty {
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
	data, err := os.ReadFile("testdata/UK-Model-Tenancy-Agreement.md")
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

// Pandoc's bracketed spans keep their text only; links stay links.
func TestPandocSpans(t *testing.T) {
	doc, err := Read(context.Background(), "**[AUTHOR AGREEMENT]{.underline}**\n\nThis agreement (this \"[Agreement]{.underline}\") is made as of [March 1]{.smallcaps #date}, see [the policy](https://example.com).\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "AUTHOR AGREEMENT\n\nThis agreement (this \"Agreement\") is made as of March 1, see the policy."
	if doc.Text != want {
		t.Errorf("text %q, want %q", doc.Text, want)
	}
}

// TestHeadingClauses reads Markdown as Pandoc writes a Word contract whose
// clauses all have heading styles (the Common Paper Independent Contractor
// Agreement, CC BY 4.0 (Common Paper, Inc.), as in
// internal/extract/docx/testdata/ATTRIBUTION.md): a heading that holds
// a clause is read as a paragraph, a title stays a heading.
func TestHeadingClauses(t *testing.T) {
	src := "# Services & Restrictions\n\n" +
		"## 1.1 Performing Services. Contractor will perform the Services described on the SOW in accordance with the terms and conditions in the Agreement.\n\n" +
		"## 4.2 Termination.\n\n" +
		"### b. Contractor will no longer provide the Services.\n"
	doc, err := Read(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"heading|1|Services & Restrictions", "paragraph|0|1.1 Performing Services. Contractor will perform",
		"heading|2|4.2 Termination.", "paragraph|0|b. Contractor will no longer provide the Service"}
	var got []string
	for _, b := range doc.Blocks {
		text := doc.Slice(b.Span)
		if len(text) > 48 {
			text = text[:48]
		}
		got = append(got, fmt.Sprintf("%s|%d|%s", b.Kind, b.Level, text))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
}
