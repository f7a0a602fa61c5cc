package analyze

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/extract"
)

// Automattic's offer letter says "at-will" in the letter and again in the
// acceptance block: one note with the second place beside it, not the same
// explanation twice; the score is the same either way, info costs nothing.
func TestInfoFindingsFoldToOne(t *testing.T) {
	rs := embeddedRules(t)
	doc, err := extract.New(extract.Options{}).ReadFile(context.Background(), "testdata/OfferLetter-US.md")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(rs).Analyze(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var atWill []Finding
	for _, f := range r.Findings {
		if f.Rule == "emp.at-will" {
			atWill = append(atWill, f)
		}
	}
	if len(atWill) != 1 || len(atWill[0].Also) != 1 {
		t.Fatalf("emp.at-will: %d findings, want 1 with the other place under also: %+v", len(atWill), atWill)
	}
	if a, b := atWill[0].Location.Start, atWill[0].Also[0].Start; a == b {
		t.Errorf("the folded place is the kept one: %d", a)
	}
	per := map[string]int{}
	for _, f := range r.Findings {
		per[f.Rule]++
		if f.Severity == "info" && per[f.Rule] > 1 {
			t.Errorf("%s (info) reported %d times", f.Rule, per[f.Rule])
		}
		if per[f.Rule] > MaxPerRule {
			t.Errorf("%s reported %d times", f.Rule, per[f.Rule])
		}
	}
}

// WordPress.com's terms give a termination right in five places; the three
// listed are the ones the clause model is surest of, which include the
// termination clause itself ("We may terminate your access … at any
// time"), not the payment and third-party asides ahead of it.
func TestFoldKeepsWhatTheModelIsSurestOf(t *testing.T) {
	rs := embeddedRules(t)
	doc, err := extract.New(extract.Options{}).ReadFile(context.Background(), "testdata/WordPress.com-Terms-of-Service.md")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(rs).WithModels(EmbeddedModels()).Analyze(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, f := range r.Findings {
		if f.Rule == "term.unilateral-termination" {
			kept = append(kept, f.Quote)
		}
	}
	if !slices.ContainsFunc(kept, func(q string) bool {
		return strings.HasPrefix(q, "We may terminate your access to all or any part of our Services at any time")
	}) {
		t.Errorf("the termination clause is folded away; listed:\n%s", strings.Join(kept, "\n"))
	}
}
