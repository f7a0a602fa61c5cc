package extract

import (
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
)

// TestDocumentOwnsItsText checks that a document read by ReadBytes keeps
// no part of the bytes it was read from: the text readers read a string
// that shares the caller's memory, so a document holding a slice of it
// would change when the caller reuses its buffer (and would keep the whole
// file alive). The samples have running heads kept apart as furniture
// ("Source: …" lines), numbered lists and clause headings.
func TestDocumentOwnsItsText(t *testing.T) {
	e := New(Options{NoOCR: true})
	for _, path := range []string{
		"plaintext/testdata/cuad-2themart-cobranding.txt",
		"markdown/testdata/Mutual-NDA.md",
		"markdown/testdata/ContractorAgreement-US.md",
		"html/testdata/mutual-nda.html",
		"html/testdata/common-paper-psa-lo.html",
	} {
		t.Run(path, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := e.ReadBytes(context.Background(), path, data)
			if err != nil {
				t.Fatal(err)
			}
			before := documentStrings(doc)
			if strings.HasSuffix(path, ".txt") && len(doc.Furniture) == 0 {
				t.Fatal("no furniture read: the sample no longer tests it")
			}
			copy(data, bytes.Repeat([]byte{'x'}, len(data)))
			if after := documentStrings(doc); !slices.Equal(before, after) {
				for i := range before {
					if i < len(after) && before[i] != after[i] {
						t.Fatalf("the document changed with its input: %q became %q", before[i], after[i])
					}
				}
				t.Fatal("the document changed with its input")
			}
		})
	}
}

// documentStrings copies every string a document holds.
func documentStrings(doc *document.Document) []string {
	out := []string{strings.Clone(doc.Text)}
	for _, list := range [][]string{doc.Furniture, doc.Notes, doc.Warnings} {
		for _, s := range list {
			out = append(out, strings.Clone(s))
		}
	}
	for _, b := range doc.Blocks {
		out = append(out, strings.Clone(b.Number), strings.Clone(b.Source.Part))
	}
	doc.Walk(func(c *document.Clause) {
		out = append(out, strings.Clone(c.Number), strings.Clone(c.Path), strings.Clone(c.Heading))
	})
	for _, d := range doc.Definitions {
		out = append(out, strings.Clone(d.Term))
	}
	return out
}
