package segment

import (
	"fmt"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
)

// docOf builds a document with one paragraph per blank-line-separated
// chunk; a chunk starting with "# " becomes a heading block.
func docOf(src string) *document.Document {
	b := document.NewBuilder("t", document.Text)
	for _, p := range strings.Split(src, "\n\n") {
		p = strings.TrimSpace(p)
		if h, ok := strings.CutPrefix(p, "# "); ok {
			b.Add(document.Block{Kind: document.Heading, Level: 1}, h)
			continue
		}
		b.Add(document.Block{Kind: document.Paragraph}, p)
	}
	d := b.Document()
	Build(d)
	return d
}

// outline renders the clause tree as "path|heading" lines, indented.
func outline(d *document.Document) string {
	var sb strings.Builder
	d.Walk(func(c *document.Clause) {
		fmt.Fprintf(&sb, "%s%s|%s\n", strings.Repeat("  ", c.Level), c.Path, c.Heading)
	})
	return sb.String()
}

func TestTree(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"decimal and letters", `CONSULTING AGREEMENT

1. Services. Contractor shall perform the services.

1.1 Scope. The scope is set out in Exhibit A.

(a) first thing;

(b) second thing; and

(i) a roman sub-item

(ii) another

(c) third thing.

1.2 Changes. Changes need writing.

2. Payment Terms. Client shall pay within thirty (30) days.

2.1 Invoices are due net 30.`, `1|Services
  1.1|Scope
    1.1(a)|
    1.1(b)|
      1.1(b)(i)|
      1.1(b)(ii)|
    1.1(c)|
  1.2|Changes
2|Payment Terms
  2.1|
`},
		{"articles with title lines", `ARTICLE I

DEFINITIONS

Section 1.1 "Deliverables" means all work product.

ARTICLE II

LICENSE GRANT

Section 2.1 Grant. Licensor grants a license.

Exhibit A

Statement of Work`, `Article I|DEFINITIONS
  1.1|
Article II|LICENSE GRANT
  2.1|Grant
Exhibit A|Statement of Work
`},
		{"letters h then i", `(g) item g

(h) item h

(i) item i is a letter here

(j) item j`, `(g)|
(h)|
(i)|
(j)|
`},
		{"headings nest numbered clauses", `# Payment

1. Fees are due.

2. Late fees apply.

# Intellectual Property

1. Client owns the Deliverables.`, `|Payment
  1|
  2|
|Intellectual Property
  1|
`},
		{"a list inside a sentence outside any clause is no clause", `CONFIDENTIALITY LETTER

If the Recipient ceases to be interested, it will (i) return all documents; (ii) destroy all copies; and (iii) expunge all electronic records.

This letter is governed by the laws of the Netherlands.`, ``},
		{"a list inside a numbered clause still is one", `1. Return. The Recipient will (i) return all documents; (ii) destroy all copies.

2. Law. This letter is governed by Dutch law.`, `1|Return
  1(ii)|
2|Law
`},
		// A cover block's "BETWEEN:" and "AND:", styled as headings, name no
		// section: the clauses after them are not under "AND".
		{"cover block labels are no sections", `# SALES REPRESENTATIVE AGREEMENT

# BETWEEN:

Cedar & Loom Textiles LLC (the "Company")

# AND:

Tomasz Wierzbicki (the "Representative")

# 1. Appointment

1.1 The Company appoints the Representative.

# 2. Term

This Agreement lasts twelve months.`, `1|Appointment
  1.1|
2|Term
`},
		// A contract run together into one paragraph, its titles in
		// capitals without a stop; a capitalised defined term alone is no
		// title.
		{"inline numbers before titles in capitals", `BANQUET HALL AGREEMENT

1. DEPOSIT A deposit of $500 is required. All payments are non-refundable. 2. EVENT CANCELLATION POLICY All cancellations must be in writing. 3. THIRD-PARTY SERVICES The Company is not responsible for vendors. 4. THE CLIENT shall pay. 5. US The end.`, `1|
2|
3|
`},
		{"prose is not numbering", `I agree to the terms.

2024 was a good year.

10 units shall be delivered.`, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docOf(tt.src)
			if got := outline(d); got != tt.want {
				t.Errorf("tree:\n%s\nwant:\n%s", got, tt.want)
			}
			d.Walk(func(c *document.Clause) {
				if c.Start < 0 || c.End > len(d.Text) || c.Start >= c.End {
					t.Errorf("clause %q has bad span %v", c.Path, c.Span)
				}
				if c.Parent != nil && (c.Start < c.Parent.Start || c.End > c.Parent.End) {
					t.Errorf("clause %q %v outside parent %v", c.Path, c.Span, c.Parent.Span)
				}
			})
		})
	}
}

func TestClauseSpansRoundTrip(t *testing.T) {
	d := docOf("1. Services. Do the work.\n\n(a) Draft.\n\n(b) Final.\n\n2. Payment. Pay.")
	want := map[string]string{
		"1":    "1. Services. Do the work.\n\n(a) Draft.\n\n(b) Final.",
		"1(a)": "(a) Draft.",
		"2":    "2. Payment. Pay.",
	}
	d.Walk(func(c *document.Clause) {
		if w, ok := want[c.Path]; ok && d.Slice(c.Span) != w {
			t.Errorf("clause %s text = %q, want %q", c.Path, d.Slice(c.Span), w)
		}
	})
	if c := d.Clauses[0]; d.Slice(c.Body) != "1. Services. Do the work." {
		t.Errorf("body of 1 = %q", d.Slice(c.Body))
	}
	off := strings.Index(d.Text, "Final")
	if c := d.ClauseAt(off); c == nil || c.Path != "1(b)" {
		t.Errorf("ClauseAt(Final) = %+v", c)
	}
}

func TestSentences(t *testing.T) {
	d := docOf(`7.2 Payment. The Client shall pay Acme Inc. within 30 days, i.e. net 30. Late payments bear interest at 1.5% per month! See Sec. 4 of the U.S. Code.

"Deliverables" means all work product delivered by Contractor ("Contractor") to Client. This Agreement (the "Agreement") is binding.`)
	var got []string
	for _, s := range d.Sentences {
		got = append(got, d.Slice(s))
	}
	want := []string{
		"7.2 Payment.",
		"The Client shall pay Acme Inc. within 30 days, i.e. net 30.",
		"Late payments bear interest at 1.5% per month!",
		"See Sec. 4 of the U.S. Code.",
		`"Deliverables" means all work product delivered by Contractor ("Contractor") to Client.`,
		`This Agreement (the "Agreement") is binding.`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sentences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var terms []string
	for _, def := range d.Definitions {
		terms = append(terms, def.Term)
	}
	if strings.Join(terms, ",") != "Deliverables,Contractor,Agreement" {
		t.Errorf("definitions = %v", terms)
	}
}
