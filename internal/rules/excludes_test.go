package rules

import "testing"

// TestExcludes: sentences of CUAD contracts and Common Paper templates that
// a rule's own logic leaves out, and sentences it reports.
func TestExcludes(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		rule, sentence string
		want           bool
	}{
		// unless: a right of both parties is not one-sided.
		{"term.convenience-one-sided", "Either party may terminate this Agreement at any time on prior written notice to the other.", true},
		{"term.convenience-one-sided", "Either Party may terminate this Agreement, without cause, by giving two (2) years written notice.", true},
		{"term.convenience-one-sided", "X may terminate this Agreement for convenience by giving at least thirty (30) days written notice of termination to Detto.", false},
		// unless, though the rule's patterns do not match: termination
		// for breach.
		{"term.convenience-one-sided", "Either party may terminate this Agreement upon thirty (30) days' written notice of a breach by the other party, provided such breach is not cured within such thirty-day period.", true},
		// A title, a table of contents.
		{"term.convenience-one-sided", "5.2 Contractor's Right to Terminate Agreement for any Reason.", true},
		{"restrict.non-solicit", "14.5. Non-Solicitation by Distributor.", true},
		{"audit.rights", "INSPECTIONS AND AUDITS 33 13.1 Company's Right to Inspect the Franchise 33 13.2 Company's Right to Audit 33 14.", true},
		// Options none of which is ticked.
		{"liab.uncapped", "[ ] Breach of Section 3 (Privacy & Security) resulting from gross negligence or willful misconduct [ ] Claims resulting from a party's gross negligence or willful misconduct", true},
		{"liab.uncapped", "[ x ] Breach of Section 3 (Privacy & Security) resulting from gross negligence or willful misconduct [ ] Claims resulting from a party's gross negligence or willful misconduct", false},
		// skip_negated: the only anchor is negated.
		{"ai.training-permitted", "Provider may not use Customer's Inputs or Outputs to Train any Model.", true},
		{"ai.training-permitted", "Provider may use Customer's Inputs and Outputs to Train the Model(s) in the AI Services.", false},
		// A missing rule excludes nothing.
		{"liab.cap-missing", "14.5. Non-Solicitation by Distributor.", false},
	}
	for _, tt := range tests {
		r := s.Lookup(tt.rule)
		if r == nil {
			t.Fatalf("no rule %s", tt.rule)
		}
		if got := r.Excludes(tt.sentence); got != tt.want {
			t.Errorf("%s.Excludes(%q) = %v, want %v", tt.rule, tt.sentence, got, tt.want)
		}
	}
}

// An Excluder reused over a document's sentences answers as ExcludesIn
// does for each alone.
func TestExcluderReused(t *testing.T) {
	s := embedded(t)
	for _, name := range []string{"cuad-bloom-maintenance.txt", "basecamp-terms.md"} {
		doc := readDoc(t, name)
		ex := NewExcluder(doc)
		opt := MatchOptions{Role: "client", Own: []string{"Customer"}, Other: []string{"Bloom"}}
		n := 0
		for _, r := range s.Rules() {
			if r.det == nil || !r.det.clauseRequire.any() && !r.det.clauseUnless.any() {
				continue
			}
			for _, u := range Units(doc) {
				if got, want := ex.Excludes(r, u, opt), r.ExcludesIn(doc, u, opt); got != want {
					t.Errorf("%s on %q: reused %v, alone %v", r.ID, doc.Slice(u), got, want)
				}
				n++
			}
		}
		if n == 0 {
			t.Fatal("no rule with clause tests")
		}
	}
}
