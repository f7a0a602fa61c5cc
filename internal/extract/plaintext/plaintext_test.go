package plaintext

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

// dump renders a document's blocks one a line: kind, level, source line and
// text, then the furniture, so that a golden diff shows what changed.
func dump(d *document.Document) string {
	var sb strings.Builder
	for _, b := range d.Blocks {
		fmt.Fprintf(&sb, "%-10s %d L%-4d %s\n", b.Kind, b.Level, b.Source.Line, d.Slice(b.Span))
	}
	for _, f := range d.Furniture {
		fmt.Fprintf(&sb, "furniture  %s\n", f)
	}
	return sb.String()
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			doc, err := Read(context.Background(), readFile(t, name))
			if err != nil {
				t.Fatal(err)
			}
			got := dump(doc)
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			documenttest.Golden(t, golden, got, *update)
		})
	}
}

// block finds the first block whose text starts with prefix.
func block(t *testing.T, d *document.Document, prefix string) document.Block {
	t.Helper()
	for _, b := range d.Blocks {
		if strings.HasPrefix(d.Slice(b.Span), prefix) {
			return b
		}
	}
	t.Fatalf("no block starts with %q", prefix)
	return document.Block{}
}

func TestRealContracts(t *testing.T) {
	ctx := context.Background()
	t.Run("headings and clauses", func(t *testing.T) {
		doc, err := Read(ctx, readFile(t, "cuad-sandridge-operations.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{"ARTICLE I DEFINITIONS", "RECITALS", "OPERATIONS AND MAINTENANCE AGREEMENT"} {
			if b := block(t, doc, h); b.Kind != document.Heading || b.Level != 1 {
				t.Errorf("%q: kind %s level %d, want heading level 1", h, b.Kind, b.Level)
			}
		}
		if b := block(t, doc, "A. Pursuant to"); b.Kind != document.Paragraph || b.Source.Line != 73 {
			t.Errorf("recital A: %+v, want a paragraph from line 73", b)
		}
		// The table of contents is paged with roman numerals.
		if !strings.Contains(strings.Join(doc.Furniture, "|"), "i|ii|iii") {
			t.Errorf("roman page numbers not set aside: %q", doc.Furniture)
		}
	})
	t.Run("page numbers and Source lines are furniture", func(t *testing.T) {
		for _, name := range []string{"cuad-2themart-cobranding.txt", "cuad-bangi-hosting.txt", "cuad-ability-services.txt"} {
			doc, err := Read(ctx, readFile(t, name))
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range doc.Blocks {
				text := doc.Slice(b.Span)
				if isPageNumber(text) || strings.HasPrefix(text, "Source: ") || text == "- 2 -" {
					t.Errorf("%s: page furniture left in the body: %q", name, text)
				}
			}
			if len(doc.Furniture) == 0 {
				t.Errorf("%s: no furniture found", name)
			}
		}
	})
	t.Run("a page on one line is split at its clauses", func(t *testing.T) {
		doc, err := Read(ctx, readFile(t, "cuad-ability-services.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"1.2 Standard of Service.", "(b) Recipient may freely assign", "4.1 Confidentiality. During"} {
			block(t, doc, p)
		}
		// An enumeration inside a sentence stays in it.
		b := block(t, doc, "(e) Notwithstanding anything")
		if !strings.Contains(doc.Slice(b.Span), "(b) Provider shall remain fully responsible") {
			t.Errorf("inline enumeration was split: %q", doc.Slice(b.Span))
		}
	})
}

func TestLayout(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // kind|level|line|text per block
	}{{
		name: "hard-wrapped paragraphs join; hyphenated words mend",
		in: "1. Services. The Contractor shall perform the services described in\n" +
			"the Statement of Work with due care and in a workman-\n" +
			"like manner, as the Company directs from time to time in\n" +
			"writing.\n" +
			"2. Fees. The Company shall pay the fees.\n",
		want: []string{
			"paragraph|0|1|1. Services. The Contractor shall perform the services described in the Statement of Work with due care and in a workmanlike manner, as the Company directs from time to time in writing.",
			"paragraph|0|5|2. Fees. The Company shall pay the fees.",
		},
	}, {
		name: "headings, numbering without blank lines, page numbers",
		in: "                 ARTICLE IV\n" +
			"            LIMITATION OF LIABILITY\n\n" +
			"4.1 Cap. Neither party's liability shall exceed the fees paid in the\n" +
			"twelve months before the claim, except that:\n" +
			"(a) this cap does not apply to indemnities; and\n" +
			"(iv) this cap does not apply to fraud.\n" +
			"\n                 - 12 -\n\f" +
			"Page 13 of 30\n" +
			"Section 5. Term\n" +
			"Exhibit A\n",
		want: []string{
			"heading|1|1|ARTICLE IV",
			"heading|1|2|LIMITATION OF LIABILITY",
			"paragraph|0|4|4.1 Cap. Neither party's liability shall exceed the fees paid in the twelve months before the claim, except that:",
			"paragraph|0|6|(a) this cap does not apply to indemnities; and",
			"paragraph|0|7|(iv) this cap does not apply to fraud.",
			"heading|2|11|Section 5. Term",
			"heading|2|12|Exhibit A",
		},
	}, {
		name: "a wrapped reference to a section does not split the sentence",
		in: "The Company may terminate this Agreement as provided in Section\n" +
			"5.2 of the Master Agreement, subject to the notice requirements of\n" +
			"section 9 below.\n",
		want: []string{
			"paragraph|0|1|The Company may terminate this Agreement as provided in Section 5.2 of the Master Agreement, subject to the notice requirements of section 9 below.",
		},
	}, {
		name: "a clause number alone on its line joins its text",
		in:   "5.1\n\nConfidentiality. Each party shall keep the terms secret.\n\n6.\n\nTERM\n\n(a)\n",
		want: []string{
			"paragraph|0|1|5.1 Confidentiality. Each party shall keep the terms secret.",
			"heading|1|5|6. TERM",
			"paragraph|0|9|(a)",
		},
	}, {
		name: "bullets, CRLF and signature lines",
		in:   "Deliverables:\r\n• a website\r\n• a logo\r\n\r\nBy: ____________\r\nName: Jane Doe\r\nTitle: CEO\r\n",
		want: []string{
			"paragraph|0|1|Deliverables:",
			"list-item|0|2|a website",
			"list-item|0|3|a logo",
			"paragraph|0|5|By: ____________",
			"paragraph|0|6|Name: Jane Doe",
			"paragraph|0|7|Title: CEO",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range doc.Blocks {
				got = append(got, fmt.Sprintf("%s|%d|%d|%s", b.Kind, b.Level, b.Source.Line, doc.Slice(b.Span)))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"", "\n\n\n", "  \f \n 12 \n- 3 -\n"} {
		_, err := Read(context.Background(), in)
		if fault.KindOf(err) != fault.Empty {
			t.Errorf("Read(%q) = %v, want an Empty fault", in, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, "some text\n"); fault.KindOf(err) != fault.Timeout {
		t.Errorf("cancelled Read = %v, want a Timeout fault", err)
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"1. Services.\n(a) x\n\n- 2 -\n",
		"ARTICLE IV\nhyphen-\nation\f\r\nPage 3 of 4\n",
		"Source: A, B, 1/2/2003\n   \t   gap   gap\n",
		"1. Services. 1.1 Provision of Services. (a) Provider agrees " + strings.Repeat("x ", 200),
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
			text := doc.Slice(b.Span)
			if text == "" || strings.Contains(text, "\n") {
				t.Fatalf("bad block text %q", text)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	s := readFile(b, "cuad-sandridge-operations.txt")
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if _, err := Read(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
}

// cuadDir is CUAD's training contracts beside the repository; tests and
// benchmarks that use it skip when it is absent.
const cuadDir = "../../../../shared/data/cuad/contracts"

func cuad(tb testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join(cuadDir, "*.txt"))
	if len(files) == 0 {
		tb.Skip("CUAD contracts not found at " + cuadDir)
	}
	return files
}

// TestCUAD reads every CUAD contract: none may fail, and no block may be a
// bare page number.
func TestCUAD(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 408 contracts")
	}
	for _, f := range cuad(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(context.Background(), string(data))
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		for _, b := range doc.Blocks {
			if isPageNumber(doc.Slice(b.Span)) {
				t.Errorf("%s: page number %q in the body", filepath.Base(f), doc.Slice(b.Span))
			}
		}
	}
}

// BenchmarkReadCUAD reads all CUAD contracts; ns/op divided by the MB/s
// figure gives the cost per byte.
func BenchmarkReadCUAD(b *testing.B) {
	var texts []string
	var size int64
	for _, f := range cuad(b) {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += int64(len(data))
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, s := range texts {
			if _, err := Read(context.Background(), s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
