package rules

import (
	"slices"
	"strings"
	"testing"
)

// TestSupersedes: where a rule that says the risk more precisely fires on
// a sentence, the general rule it supersedes is not reported there, but
// still is on other sentences.
func TestSupersedes(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		name, docType, role, text string
		want                      []string // rule ids fired, in order
	}{
		{
			name: "a lease's renewal is not also a generic renewal", docType: "lease", role: "tenant",
			text: "This Lease shall automatically renew for successive one-year terms unless Tenant gives written notice of non-renewal at least ninety (90) days before the end of the then-current term.",
			want: []string{"lease.auto-renewal"},
		},
		{
			name: "an indemnity's attorneys' fees are part of the indemnity", docType: "freelance", role: "contractor",
			text: "Contractor shall indemnify and hold Client harmless from any and all claims, losses and damages arising out of this Agreement, including reasonable attorneys' fees.",
			want: []string{"liab.indemnity-broad"},
		},
		{
			name: "a fee clause of its own is still reported", docType: "freelance", role: "contractor",
			text: "Contractor shall indemnify and hold Client harmless from any and all claims arising out of this Agreement.\n\nIn any action to collect amounts due, Client shall be entitled to recover its attorneys' fees from Contractor.",
			want: []string{"liab.indemnity-broad", "dispute.one-way-fees"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range s.Match(ExampleDocument(tt.text), MatchOptions{DocType: tt.docType, Role: tt.role}) {
				if h.Rule.Kind == Present {
					got = append(got, h.Rule.ID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rules %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSupersedesNamesAnotherRule(t *testing.T) {
	s := embedded(t)
	for _, r := range s.Rules() {
		for _, id := range r.Supersedes {
			if s.Lookup(id) == nil {
				t.Errorf("%s supersedes %q, which is no rule", r.ID, id)
			}
		}
	}
	_, err := parsePack("x.yaml", []byte("pack: x\ntitle: X\nrules:\n  - id: x.a\n    supersedes: [x.a]\n"))
	if err == nil || !strings.Contains(err.Error(), "supersedes") {
		t.Errorf("a rule superseding itself: err = %v", err)
	}
}
