package rules

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/plaintext"
	"github.com/termscore/termscore/internal/segment"
)

// Our own wording, laid out as contracts number their clauses.
const (
	hoursClause = `EMPLOYMENT CONTRACT

This contract is between Example Ltd (the "Company") and Sam Smith ("you").

4. Hours of work

4.1 Your normal working week is 35 hours.%s

4.2 Your normal working hours are 10am to 6pm, Monday to Friday, with an hour for lunch.

4.3 We do not operate any overtime scheme.

5. Holidays

5.1 You are entitled to 25 days' paid holiday a year.%s
`
	capClause = `SOFTWARE SUBSCRIPTION AGREEMENT

This agreement is between Example Cloud Inc. ("Provider") and the customer named in the Order Form ("Customer").

9. Limitation of liability

9.1 Except for Excluded Claims, neither party shall be liable for any indirect, incidental, special or consequential damages.

9.2 Except for Excluded Claims, each party's total liability under this Agreement shall not exceed the fees paid in the twelve months preceding the claim.

9.3 "Excluded Claims" means a party's indemnification obligations and its breach of Section 7 (Confidentiality).
%s
10. Term

10.1 This Agreement runs for one year.%s
`
)

// TestClauseTests: a rule's clause tests read the sentences of the clause
// around its match (the clause with its siblings), not the rest of the
// document.
func TestClauseTests(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		name, text string
		opt        MatchOptions
		want       []string // sentences the rule fires on
	}{
		{
			name: "no overtime scheme where longer hours are asked",
			text: fmt.Sprintf(hoursClause, " During busy periods you may be required to work longer hours.", ""),
			opt:  MatchOptions{DocType: "employment", Role: "employee"},
			want: []string{"4.3 We do not operate any overtime scheme."},
		},
		{
			name: "no overtime scheme beside fixed hours",
			text: fmt.Sprintf(hoursClause, "", ""),
			opt:  MatchOptions{DocType: "employment", Role: "employee"},
		},
		{
			name: "extra hours in another clause",
			text: fmt.Sprintf(hoursClause, "", " You may be asked to work on bank holidays."),
			opt:  MatchOptions{DocType: "employment", Role: "employee"},
		},
		{
			name: "a carve-out from the cap with no cap of its own",
			text: fmt.Sprintf(capClause, "", ""),
			opt:  MatchOptions{DocType: "services", Role: "client"},
			want: []string{"9.1 Except for Excluded Claims, neither party shall be liable for any indirect, incidental, special or consequential damages."},
		},
		{
			name: "a carve-out capped by a sibling clause",
			text: fmt.Sprintf(capClause, "\n9.4 For Excluded Claims, each party's liability shall not exceed three times the fees paid in the twelve months preceding the claim.\n", ""),
			opt:  MatchOptions{DocType: "services", Role: "client"},
		},
		{
			name: "a cap in another clause",
			text: fmt.Sprintf(capClause, "", "\n\n10.2 For Excluded Claims, each party's liability shall not exceed three times the fees."),
			opt:  MatchOptions{DocType: "services", Role: "client"},
			want: []string{"9.1 Except for Excluded Claims, neither party shall be liable for any indirect, incidental, special or consequential damages."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := plaintext.Read(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			segment.Build(doc)
			var got []string
			for _, h := range s.Match(doc, tt.opt) {
				if h.Rule.ID == "emp.unpaid-overtime" || h.Rule.ID == "liab.uncapped" {
					got = append(got, doc.Slice(h.Span))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("fired on %q, want %q", got, tt.want)
			}
		})
	}
}

// TestExcludesIn: a clause model's finding is held to the rule's clause
// tests too, so that it does not bring back what they leave out.
func TestExcludesIn(t *testing.T) {
	r := embedded(t).Lookup("liab.uncapped")
	carveOut := "9.1 Except for Excluded Claims"
	for _, tt := range []struct {
		superCap string
		want     bool
	}{
		{"", false},
		{"\n9.4 For Excluded Claims, each party's liability shall not exceed three times the fees paid in the twelve months preceding the claim.\n", true},
	} {
		doc, err := plaintext.Read(context.Background(), fmt.Sprintf(capClause, tt.superCap, ""))
		if err != nil {
			t.Fatal(err)
		}
		segment.Build(doc)
		i := strings.Index(doc.Text, carveOut)
		var s document.Span
		for _, u := range Units(doc) {
			if u.Start == i {
				s = u
			}
		}
		if s.End == 0 {
			t.Fatalf("no sentence starts with %q", carveOut)
		}
		opt := MatchOptions{DocType: "services", Role: "client"}
		if r.ExcludesFor(doc.Slice(s), opt) {
			t.Errorf("ExcludesFor(%q) = true: the sentence alone is the risk", doc.Slice(s))
		}
		if got := r.ExcludesIn(doc, s, opt); got != tt.want {
			t.Errorf("with super cap %q: ExcludesIn = %v, want %v", tt.superCap, got, tt.want)
		}
	}
}

// TestClauseContext: the clause a sentence's clause tests read.
func TestClauseContext(t *testing.T) {
	doc, err := plaintext.Read(context.Background(), fmt.Sprintf(capClause, "", ""))
	if err != nil {
		t.Fatal(err)
	}
	segment.Build(doc)
	sec := newSections(doc)
	at := func(s string) document.Span {
		i := strings.Index(doc.Text, s)
		return document.Span{Start: i, End: i + len(s)}
	}
	for _, tt := range []struct{ sentence, first, last string }{
		// A leaf clause: it and its siblings.
		{"9.2 Except", "9. Limitation", "(Confidentiality)."},
		// The document's opening, outside any clause: its paragraph.
		{"This agreement is between", "This agreement is between", "(\"Customer\")."},
	} {
		ctx := doc.Slice(sec.context(at(tt.sentence)))
		if !strings.HasPrefix(ctx, tt.first) || !strings.HasSuffix(strings.TrimSpace(ctx), tt.last) {
			t.Errorf("context of %q = %q, want from %q to %q", tt.sentence, ctx, tt.first, tt.last)
		}
	}
}

// TestClauseLoad: clause tests are refused where they cannot apply.
func TestClauseLoad(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"detect:\n      anchors: [x]\n      clause: {}", "needs require or unless"},
		{"detect:\n      anchors: [x]\n      clause: {unless: ['X']}", "can never match"},
	} {
		pack := "pack: x\ntitle: X\nrules:\n  - id: x.a\n    title: A\n    kind: present\n    severity: low\n    risk_to: [all]\n    " + tt.yaml +
			"\n    why: w\n    ask: a\n    suggestion: {action: delete}\n    examples: {positive: [x], negative: [y]}\n"
		_, err := parsePack("x.yaml", []byte(pack))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.yaml, err, tt.want)
		}
	}
	pack := "pack: x\ntitle: X\nrules:\n  - id: x.a\n    title: A\n    kind: missing\n    severity: low\n    risk_to: [all]\n" +
		"    protection:\n      anchors: [x]\n      clause: {unless: ['y']}\n    why: w\n    ask: a\n    suggestion: {action: delete}\n    examples: {positive: [x], negative: [y]}\n"
	if _, err := parsePack("x.yaml", []byte(pack)); err == nil || !strings.Contains(err.Error(), "only a present rule") {
		t.Errorf("clause on a protection: err = %v", err)
	}
}
