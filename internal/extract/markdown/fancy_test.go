package markdown

import (
	"context"
	"slices"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/segment"
)

// TestPandocLetteredClauses reads a maintenance agreement of our own as
// Pandoc writes it from HTML: lettered headings ("### (a) Response
// Times", "### a. Initial Term"), escaped lettered paragraphs ("\(a\)"), and
// lettered lists in Pandoc's fancy-list form, tight ("a.  …" / "b.  …") and
// with a roman list and a second paragraph nested by indenting. Every item
// is a sub-clause under its heading, as the clauses of the HTML it came
// from are.
func TestPandocLetteredClauses(t *testing.T) {
	doc := read(t, "pandoc-lettered-clauses.md")
	segment.Build(doc)
	var got []string
	var walk func([]*document.Clause)
	walk = func(cs []*document.Clause) {
		for _, c := range cs {
			got = append(got, c.Path)
			walk(c.Children)
		}
	}
	walk(doc.Clauses)
	want := []string{
		"1", "2", "2(a)", "2(b)", "3", "3(a)", "3(b)", "3(c)", "4", "4(a)", "4(b)",
		"5", "5(a)", "5(a)(i)", "5(a)(ii)", "5(a)(iii)", "5(b)", "6", "6(a)", "6(b)", "7", "7(A)", "7(B)", "8",
	}
	if !slices.Equal(got, want) {
		t.Errorf("clauses %q, want %q", got, want)
	}
}

// TestFancyListItems splits a paragraph where a lettered or roman item
// starts, and only there: a line that merely wraps to start with "(c)" is
// no item. An item's next paragraph, indented, is Markdown, not code.
func TestFancyListItems(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"tight lettered list", "(a) Notices are in writing.\n(b) Email counts as writing.\n",
			[]string{"(a) Notices are in writing.", "(b) Email counts as writing."}},
		{"items under a numbered item", "1. The Consultant invoices monthly.\n   a) Each invoice lists the hours.\n   b) The Client pays in 30 days.\n",
			[]string{"1. The Consultant invoices monthly.", "a) Each invoice lists the hours.", "b) The Client pays in 30 days."}},
		{"roman items inside a lettered one", "(a) Neither party is liable for:\n(i) lost profit;\n(ii) lost data.\n(b) Liability is capped at the fees.\n",
			[]string{"(a) Neither party is liable for:", "(i) lost profit;", "(ii) lost data.", "(b) Liability is capped at the fees."}},
		{"an item's second paragraph, indented", "a.  Repairs are charged.\n\n    The \\\"rates\\\" are **listed**.\n\nb.  Parts are extra.\n",
			[]string{"a. Repairs are charged.", "The \"rates\" are listed.", "b. Parts are extra."}},
		{"a wrapped reference", "The fee covers the items of Schedule 2, paragraph\n(c) excepted, and is due on signature.\n",
			[]string{"The fee covers the items of Schedule 2, paragraph (c) excepted, and is due on signature."}},
		{"a reference after an item", "(a) The fee covers Schedule 2, except its paragraph\n(c) and its annex.\n",
			[]string{"(a) The fee covers Schedule 2, except its paragraph (c) and its annex."}},
		{"a lone first letter", "The Client pays the fees set out in\na. the Order Form.\n",
			[]string{"The Client pays the fees set out in a. the Order Form."}},
	} {
		doc, err := Read(context.Background(), tc.in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range doc.Blocks {
			got = append(got, doc.Slice(b.Span))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: blocks %q, want %q", tc.name, got, tc.want)
		}
	}
}
