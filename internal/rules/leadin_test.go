package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
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
	doc := b.Document()
	units := Units(doc)
	leads := leadIns(doc, units)
	var got []string
	for i, l := range leads {
		if l >= 0 {
			got = append(got, doc.Slice(units[i])+" <- "+doc.Slice(units[l]))
		}
	}
	want := []string{
		"a. suspend the Services; <- Provider may, at any time:",
		"b. send invoices. <- Provider may, at any time:",
	}
	if !slices.Equal(got, want) {
		t.Errorf("lead-ins %q, want %q", got, want)
	}
}
