package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/segment"
)

// TestLeadIns checks that a list item is read with the sentence that
// introduces its list: the lead-in gives the item its condition or its
// negation, and a rule's highlighted words must reach into the item.
func TestLeadIns(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		name, rule, text string
		want             []string // the start of each hit's sentence, in order
	}{
		{
			name: "condition in the lead-in",
			rule: "lease.early-termination-penalty",
			text: "If Tenant terminates early:\n\n- Tenant shall pay rent until the Premises are re-let.\n\n- Keys shall be returned.",
			want: []string{"Tenant shall pay rent until"},
		},
		{
			name: "the lead-in names the act, the item completes it",
			rule: "lease.entry-without-notice",
			text: "Landlord may enter the Premises:\n\n- with 24 hours' notice, to make repairs;\n\n- at any time and without notice, for any purpose.",
			want: []string{"at any time and without notice"},
		},
		{
			name: "the item alone says nothing of leaving early",
			rule: "lease.early-termination-penalty",
			text: "Tenant agrees as follows:\n\n- Tenant shall pay rent until the Premises are re-let.",
		},
		{
			name: "negation in the lead-in",
			rule: "ai.training-permitted",
			text: "Provider shall not:\n\n- use Customer Data to train artificial intelligence models; or\n\n- sell Customer Data.",
		},
		{
			name: "the same item without a lead-in",
			rule: "ai.training-permitted",
			text: "Provider's rights.\n\n- Provider may use Customer Data to train artificial intelligence models.",
			want: []string{"Provider may use Customer Data to train"},
		},
		{
			name: "a match in the lead-in alone is found once, not once per item",
			rule: "ai.training-permitted",
			text: "Provider may use Customer Data to train artificial intelligence models as follows:\n\n- for support;\n\n- for billing.",
			want: []string{"Provider may use Customer Data to train"},
		},
		{
			name: "a nested lead-in governs only its own items",
			rule: "ai.training-permitted",
			text: "Provider may:\n\n- process Customer Data;\n\n- do the following, but never:\n\n  - use Customer Data to train artificial intelligence models;\n\n- use Customer Data to train its artificial intelligence.",
			want: []string{"use Customer Data to train its"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.Lookup(tt.rule)
			if r == nil {
				t.Fatalf("no rule %s", tt.rule)
			}
			doc := ExampleDocument(tt.text)
			hits := s.matchRule(doc, r)
			var got []string
			for _, h := range hits {
				got = append(got, doc.Slice(h.Span))
				if h.Match.Start < h.Span.Start || h.Match.End > h.Span.End {
					t.Errorf("match %v outside its sentence %v", h.Match, h.Span)
				}
			}
			for i := range got {
				if i >= len(tt.want) || !strings.HasPrefix(got[i], tt.want[i]) {
					t.Fatalf("hits %q, want %q", got, tt.want)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("hits %q, want %q", got, tt.want)
			}
		})
	}
}

// TestClauseLeadIns: a numbered clause ending in a colon introduces the
// deeper clauses after it, up to the next clause of its level.
func TestClauseLeadIns(t *testing.T) {
	b := document.NewBuilder("clauses", document.DOCX)
	b.Add(document.Block{Kind: document.Heading, Level: 2, Number: "6.2"}, "6.2 From Provider. Provider may, at any time:")
	b.Add(document.Block{Kind: document.Heading, Level: 3, Number: "a."}, "a. suspend the Services;")
	b.Add(document.Block{Kind: document.Heading, Level: 3, Number: "b."}, "b. send invoices.")
	b.Add(document.Block{Kind: document.Heading, Level: 2, Number: "6.3"}, "6.3 Customer may terminate this Agreement on notice.")
	got := leadPairs(b.Document())
	want := []string{
		"a. suspend the Services; <- Provider may, at any time:",
		"b. send invoices. <- Provider may, at any time:",
	}
	if !slices.Equal(got, want) {
		t.Errorf("lead-ins %q, want %q", got, want)
	}
}

// TestNumberedParagraphLeadIns: plain text and Markdown number clauses in
// paragraphs ("12.1 …:" then "(a) …"). A numbered paragraph that binds
// someone introduces the deeper clauses after it; one that opens a
// definition or a condition does not, since its words joined to each item
// make sentences no one wrote.
func TestNumberedParagraphLeadIns(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "an obligation governs its lettered clauses",
			text: "12. Confidentiality\n\n12.1 You shall not, at any time during or after your employment, directly or indirectly:\n\n(a) use any Confidential Information; or\n\n(b) disclose any Confidential Information to any person.\n\n12.2 This clause survives termination.",
			want: []string{
				"(a) use any Confidential Information; or <- 12.1 You shall not, at any time during or after your employment, directly or indirectly:",
				"(b) disclose any Confidential Information to any person. <- 12.1 You shall not, at any time during or after your employment, directly or indirectly:",
			},
		},
		{
			name: "a definition does not",
			text: "1. Definitions\n\n1.5 \"Net Sales\" means the gross amounts invoiced for Products, less:\n\n(i) trade discounts actually allowed; and\n\n(ii) returns.",
		},
		{
			name: "a condition does not",
			text: "2. Ending the tenancy\n\n2.1 The Landlord may end the tenancy if:\n\n(a) the rent is unpaid 14 days after it is due; or\n\n(b) the Tenant breaches this agreement.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ExampleDocument(tt.text)
			segment.Build(doc)
			if got := leadPairs(doc); !slices.Equal(got, tt.want) {
				t.Errorf("lead-ins %q, want %q", got, tt.want)
			}
		})
	}
}

// leadPairs lists each unit that has a lead-in as "unit <- lead-in".
func leadPairs(doc *document.Document) []string {
	units := Units(doc)
	var got []string
	for i, l := range leadIns(doc, units) {
		if l >= 0 {
			got = append(got, doc.Slice(units[i])+" <- "+doc.Slice(units[l]))
		}
	}
	return got
}
