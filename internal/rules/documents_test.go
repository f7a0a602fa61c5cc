package rules

import (
	"slices"
	"strings"
	"testing"
)

// TestDocuments runs the embedded rules on real contracts and checks
// findings a reviewer expects and findings that would be false alarms.
func TestDocuments(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		file      string
		opt       MatchOptions
		want, not []string
	}{
		{
			// Plain-language freelance contract: copyright passes on final
			// payment, courts named, no governing law; lost profits and
			// consequential damages are excluded, which limits liability.
			file: "freelance-contract.md",
			opt:  MatchOptions{DocType: "freelance", Role: "contractor"},
			want: []string{"dispute.jurisdiction", "dispute.governing-law-missing", "ai.training-prohibition-missing"},
			not: []string{"ip.transfer-before-payment", "ip.work-made-for-hire", "ai.training-permitted",
				"term.unilateral-termination", "lease.deposit-nonrefundable", "ip.assignment-broad", "liab.cap-missing"},
		},
		{
			// Common Paper AI addendum: offers model training as an option.
			file: "common-paper-ai-addendum.txt",
			opt:  MatchOptions{DocType: "services", Role: "contractor"},
			want: []string{"ai.training-permitted", "ip.assignment-broad"},
			not:  []string{"ai.training-prohibition-missing", "dispute.arbitration", "restrict.non-compete"},
		},
		{
			// Basecamp's terms of service, reviewed as a consumer.
			file: "basecamp-terms.md",
			opt:  MatchOptions{DocType: "terms-of-service", Role: "consumer"},
			want: []string{"term.unilateral-change", "term.unilateral-termination", "liab.limitation-of-liability"},
			not: []string{"dispute.arbitration", "dispute.class-action-waiver", "ai.training-permitted",
				"lease.entry-without-notice", "pay.late-fee-missing", "emp.at-will"},
		},
		{
			// CUAD: a Bloom Energy maintenance agreement.
			file: "cuad-bloom-maintenance.txt",
			opt:  MatchOptions{},
			want: []string{"dispute.governing-law", "dispute.jurisdiction", "dispute.jury-waiver", "liab.uncapped",
				"liab.insurance-required", "liab.indemnity-broad", "audit.rights"},
			not: []string{"ai.training-permitted", "term.contract-by-using", "lease.entry-without-notice",
				"dispute.arbitration", "emp.at-will", "dispute.governing-law-missing", "liab.cap-missing"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := readDoc(t, tt.file)
			hits := s.Match(doc, tt.opt)
			var got []string
			for i, h := range hits {
				got = append(got, h.Rule.ID)
				if i > 0 && hits[i-1].Span.Start > h.Span.Start {
					t.Errorf("hits out of order at %d", i)
				}
				if h.Span.Start < 0 || h.Span.End > len(doc.Text) || h.Match.Start < h.Span.Start || h.Match.End > h.Span.End {
					t.Errorf("%s: match %v outside span %v", h.Rule.ID, h.Match, h.Span)
				}
				if !h.Rule.AppliesTo(tt.opt.DocType, tt.opt.Role) {
					t.Errorf("%s fired for %+v", h.Rule.ID, tt.opt)
				}
			}
			for _, id := range tt.want {
				if !slices.Contains(got, id) {
					t.Errorf("expected %s; got %v", id, got)
				}
			}
			for _, id := range tt.not {
				if slices.Contains(got, id) {
					t.Errorf("unexpected %s", id)
				}
			}
		})
	}
}

// TestMissingPlacement checks that a missing protection is placed at the
// end of the section it belongs in.
func TestMissingPlacement(t *testing.T) {
	s := embedded(t)
	doc := ExampleDocument("# Services\n\nContractor shall build the Website.\n\n# Intellectual Property\n\n" +
		"Contractor hereby assigns to Client all right, title and interest in the Deliverables.\n\n" +
		"# Payment\n\nClient shall pay each invoice within 30 days.")
	hits := s.Match(doc, MatchOptions{Role: "contractor", DocType: "freelance"})
	var ai *Hit
	for i := range hits {
		if hits[i].Rule.ID == "ai.training-prohibition-missing" {
			ai = &hits[i]
		}
	}
	if ai == nil {
		t.Fatalf("ai.training-prohibition-missing did not fire: %v", hits)
	}
	want := len("Services\n\nContractor shall build the Website.\n\nIntellectual Property\n\n" +
		"Contractor hereby assigns to Client all right, title and interest in the Deliverables.")
	if ai.Span.Start != want || ai.Span.End != want {
		t.Errorf("placed at %v, want the end of the IP section at %d", ai.Span, want)
	}
	if ai.Evidence == "" {
		t.Error("no evidence")
	}
}

// TestFirstPass checks that the first pass finds exactly the literals
// (anchors and the strings patterns need) a plain substring search finds,
// on a real contract.
func TestFirstPass(t *testing.T) {
	s := embedded(t)
	m := s.matcher()
	doc := readDoc(t, "cuad-bloom-maintenance.txt")
	var dict []string
	for w, i := range m.dict() {
		for len(dict) <= i {
			dict = append(dict, "")
		}
		dict[i] = w
	}
	seen := make([]uint32, m.lits.nwords)
	for ui, u := range Units(doc) {
		c := canonicalize(doc.Text[u.Start:u.End], nil, nil)
		got := map[int32]bool{}
		for _, i := range m.lits.scan(c.raw, seen, uint32(ui+1), nil) {
			if got[i] {
				t.Fatalf("%q reported twice", dict[i])
			}
			got[i] = true
		}
		for i, w := range dict {
			if want := strings.Contains(c.s, w); want != got[int32(i)] {
				t.Fatalf("%q: first pass %v, substring search %v in %q", w, got[int32(i)], want, c.s)
			}
		}
	}
}

func FuzzMatch(f *testing.F) {
	f.Add("Contractor hereby assigns to Client all right, title and interest in the Deliverables.")
	f.Add("client shall not use the deliverables to train , fine-tune or test any ai model .")
	f.Add("# Ownership\n\nnon-transferable\n\n\n\x00İ")
	f.Add("If Tenant terminates early:\n\n- Tenant shall pay rent until re-let.\n\n  - nested:\n\n- Provider may suspend Customer's access at any time.")
	f.Add("Vendor or AT&T may terminate at any time:\n\n- Distributor shall not sell competing products")
	s, err := Embedded()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := ExampleDocument(text)
		client := MatchOptions{Role: "client", Own: []string{"Distributor"}, Other: []string{"Company"}, Parties: []string{"Vendor", "AT&T"}}
		for _, opt := range []MatchOptions{{}, client} {
			for _, h := range s.Match(doc, opt) {
				if h.Span.Start < 0 || h.Span.End > len(doc.Text) || h.Span.Start > h.Span.End ||
					h.Match.Start > h.Match.End || h.Match.End > len(doc.Text) {
					t.Fatalf("%s: bad span %v / %v in %d bytes", h.Rule.ID, h.Span, h.Match, len(doc.Text))
				}
				// The words shown lie in the sentence quoted, a list item's
				// lead-in included.
				if h.Rule.Kind == Present && (h.Match.Start < h.Span.Start || h.Match.End > h.Span.End) {
					t.Fatalf("%s: match %v outside its sentence %v", h.Rule.ID, h.Match, h.Span)
				}
			}
		}
	})
}
