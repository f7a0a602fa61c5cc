package rules

import (
	"strings"
	"testing"
)

// TestMitigation: a one-way fee clause is reported as it is, but lowered
// to low with the reason where the document elsewhere gives the winner of
// any action its fees; the rest of the document is what lowers it, so the
// same clause alone stays medium.
func TestMitigation(t *testing.T) {
	s := embedded(t)
	const oneWay = "11.2 Remedies. Upon any Event of Default, Landlord may recover all damages, including unpaid rent, re-letting costs and attorney's fees."
	const mutual = "14.7 Attorney's Fees. In any litigation arising out of this Lease, the prevailing party shall be entitled to recover reasonable attorney's fees and costs."
	tests := []struct {
		name, text string
		severity   string
		lowered    bool
	}{
		{"one-way clause alone", oneWay, "medium", false},
		{"with a prevailing-party clause after it", oneWay + "\n\n" + mutual, "low", true},
		{"with a prevailing-party clause before it", mutual + "\n\n" + oneWay, "low", true},
		{"a prevailing party denied its fees does not lower it", oneWay + "\n\n14.7 Costs. The prevailing party shall not recover attorney's fees from the other.", "medium", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var found bool
			for _, h := range s.Match(ExampleDocument(tt.text), MatchOptions{DocType: "lease", Role: "tenant"}) {
				if h.Rule.ID != "dispute.one-way-fees" {
					continue
				}
				found = true
				if got := h.Rule.SeverityIn("tenant", "commercial"); got != tt.severity {
					t.Errorf("severity %s, want %s", got, tt.severity)
				}
				if lowered := h.Mitigated.End > h.Mitigated.Start; lowered != tt.lowered {
					t.Errorf("lowered = %v, want %v", lowered, tt.lowered)
				}
				if tt.lowered && (!strings.Contains(h.Rule.Why, "whichever party wins") || !strings.Contains(h.Evidence, "prevailing party")) {
					t.Errorf("why %q, evidence %q: the reason is not given", h.Rule.Why, h.Evidence)
				}
				if !strings.Contains(h.Rule.Why, "only the other side can recover") {
					t.Errorf("why %q lost the rule's own reason", h.Rule.Why)
				}
			}
			if !found {
				t.Fatal("dispute.one-way-fees did not fire")
			}
		})
	}
	if r := s.Lookup("dispute.one-way-fees"); r.Severity != "medium" {
		t.Errorf("the set's rule was changed: severity %s", r.Severity)
	}
}

func TestMitigationLoadErrors(t *testing.T) {
	const head = "pack: test\nrules:\n  - id: test.one\n    title: T\n    kind: present\n    severity: medium\n    risk_to: [all]\n" +
		"    detect: {anchors: [legal fees]}\n    why: W.\n    ask: A.\n    suggestion: {action: delete}\n" +
		"    examples: {positive: [Client recovers legal fees.], negative: [Nothing.]}\n"
	tests := []struct{ mitigation, want string }{
		{"    mitigation: {detect: {anchors: [prevailing party]}, severity: high, why: W.}\n", `rules[0].mitigation.severity: "high" does not lower the rule's severity "medium"`},
		{"    mitigation: {detect: {anchors: [prevailing party]}, severity: low}\n", "rules[0].mitigation.why: required"},
		{"    mitigation: {severity: low, why: W.}\n", "rules[0].mitigation.detect: required"},
		{"    mitigation: {detect: {anchors: [prevailing party], clause: {require: [x]}}, severity: low, why: W.}\n", "only a present rule's detect reads the clause"},
		{"    maps_to: {cuad: [Cap on Liability]}\n    mitigation: {detect: {anchors: [prevailing party]}, severity: low, why: W.}\n", "cannot be lowered"},
	}
	for _, tt := range tests {
		_, err := parsePack("m.yaml", []byte(head+tt.mitigation))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", strings.TrimSpace(tt.mitigation), err, tt.want)
		}
	}
	if _, err := parsePack("m.yaml", []byte(head+"    mitigation: {detect: {anchors: [prevailing party]}, severity: low, why: W.}\n")); err != nil {
		t.Errorf("a valid mitigation: %v", err)
	}
}
