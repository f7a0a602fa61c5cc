package rtf

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
	for _, f := range d.Furniture {
		fmt.Fprintf(&sb, "furniture | %s\n", f)
	}
	for _, n := range d.Notes {
		fmt.Fprintf(&sb, "note | %s\n", n)
	}
	for _, w := range d.Warnings {
		fmt.Fprintf(&sb, "warning | %s\n", w)
	}
	return sb.String()
}

func read(t testing.TB, name string) *document.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.rtf")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			got := dump(read(t, name))
			golden := strings.TrimSuffix(f, ".rtf") + ".golden"
			documenttest.Golden(t, golden, got, *update)
		})
	}
}

func TestLibreOfficeFiles(t *testing.T) {
	doc := read(t, "commonpaper-contractor.rtf")
	for _, want := range []string{"Don’t forget", "“Governing Law” means", "Contractor’s"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q (smart quotes from \\u escapes)", want)
		}
	}
	for _, junk := range []string{"Times New Roman", "Heading 1", "ListLabel", "HYPERLINK", "\\"} {
		if strings.Contains(doc.Text, junk) {
			t.Errorf("text contains %q from a skipped destination", junk)
		}
	}
	nda := read(t, "mutual-nda.rtf")
	first := nda.Blocks[0]
	if first.Kind != document.Heading || first.Level != 1 || nda.Slice(first.Span) != "Standard Terms" {
		t.Errorf("first block %+v %q, want heading 1 Standard Terms", first, nda.Slice(first.Span))
	}
	second := nda.Blocks[1]
	if second.Number != "1." || !strings.HasPrefix(nda.Slice(second.Span), "1. Introduction.") {
		t.Errorf("second block %+v %q, want numbered 1.", second, nda.Slice(second.Span))
	}
}

func TestSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{{
		name: `\u with \uc skips, \'hh in the code page, symbols`,
		in:   `{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\uc1 Caf\u233? \'e9 costs \'80 5 \u8220?quoted\u8221?\~now\emdash done\par{\uc2\u8364\'3f\'3f x}\par \u-10179?\u-8704? emoji\par}`,
		want: []string{"paragraph|0||Café é costs € 5 “quoted” now—done", "paragraph|0||€ x", "paragraph|0||😀 emoji"},
	}, {
		name: "code page 1251",
		in:   `{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2\par}`,
		want: []string{"paragraph|0||Привет"},
	}, {
		name: "destinations skipped, fields keep their result, footnotes and headers apart",
		in: `{\rtf1{\info{\title Secret title}}{\colortbl;\red0;}{\*\generator Writer}{\header Page header\par}` +
			`See {\field{\*\fldinst HYPERLINK "http://x.test"}{\fldrslt the site}}{\*\bkmkstart b}.{\footnote\pard\chftn  A note.}\par` +
			`{\pict\bin6 {{{{{{hex 0a0b}after\par}`,
		want: []string{"paragraph|0||See the site.", "paragraph|0||after"},
	}, {
		name: "tables, lists and headings",
		in: `{\rtf1{\stylesheet{\s0 Normal;}{\s2\sbasedon0 heading 2;}{\*\cs5 ListLabel;}}` +
			`\pard\s2 Payment\par\pard\outlinelevel0 Terms\par` +
			`{\listtext 1.\tab}\pard\ls1 First\par{\listtext\'95\tab}\pard\ls2\ilvl1 Bullet\par` +
			`\trowd\cellx100\cellx200\pard\intbl Fee\cell Due\cell\row\trowd\pard\intbl $10\par more\cell May\cell\row\pard After\line line\par}`,
		want: []string{"heading|2||Payment", "heading|1||Terms", "list-item|0|1.|1. First", "list-item|1||Bullet",
			"table-cell|0||Fee", "table-cell|0||Due", "table-cell|0||$10 more", "table-cell|0||May", "paragraph|0||After", "paragraph|0||line"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), []byte(tt.in), Options{})
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
	doc, err := Read(context.Background(), []byte(`{\rtf1{\header Head\par}{\footer Foot}Body{\footnote Note one.}\par}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Head", "Foot"}, doc.Furniture); diff != "" {
		t.Errorf("furniture: %s", diff)
	}
	if diff := cmp.Diff([]string{"Note one."}, doc.Notes); diff != "" {
		t.Errorf("notes: %s", diff)
	}
	doc, err = Read(context.Background(), []byte(`{\rtf1 \trowd\pard\intbl a\cell b\cell\row\trowd\pard\intbl c\cell\row}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "a\tb\nc" {
		t.Errorf("table text %q", doc.Text)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		kind fault.Kind
	}{
		{"not RTF", []byte("hello"), fault.Invalid},
		{"empty document", []byte(`{\rtf1{\fonttbl{\f0 Arial;}}}`), fault.Empty},
		{"too deep", []byte(`{\rtf1 ` + strings.Repeat("{", 300) + "x" + strings.Repeat("}", 300) + "}"), fault.Invalid},
		{"huge \\bin", []byte(`{\rtf1 a\bin999999999999 xyz}`), fault.Internal},
		{"truncated control word", []byte(`{\rtf1 text\`), fault.Internal},
		{"truncated hex", []byte(`{\rtf1 text\'4`), fault.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), tt.in, Options{MaxDepth: 256})
			if tt.kind == fault.Internal {
				if err != nil {
					t.Errorf("err = %v, want the text before the damage", err)
				}
				return
			}
			if fault.KindOf(err) != tt.kind {
				t.Errorf("err = %v, want kind %v", err, tt.kind)
			}
		})
	}
	doc, err := Read(context.Background(), []byte(`{\rtf1 unclosed {\b group`), Options{})
	if err != nil || len(doc.Warnings) == 0 {
		t.Errorf("truncated file: err %v, warnings %q; want text and a warning", err, doc.Warnings)
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/mutual-nda.rtf"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 4000)])
	}
	for _, s := range []string{
		`{\rtf1\ansi\ansicpg1251\uc2 \u1055??\'cf{\*\x y}{\footnote n}\par}`,
		`{\rtf1 \trowd\pard\intbl a\cell\row{\listtext 1.\tab}\pard\ls1\s1 b\par\bin3 {{{c}`,
		`{\rtf1{\stylesheet{\s1 heading 1;}}{\upr{x}{\*\ud{\u233?}}}\u-10179\u-8704?}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(context.Background(), data, Options{MaxDepth: 64})
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
	data, err := os.ReadFile("testdata/commonpaper-contractor.rtf")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(context.Background(), data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
