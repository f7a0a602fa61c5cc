package score

import (
	"testing"

	"pgregory.net/rapid"
)

var (
	sevs = []string{"critical", "high", "medium", "low", "info"}
	cats = []string{"ip-ai", "payment", "liability", "termination", "disputes", "restrictions", "employment", "lease"}
)

func genItem() *rapid.Generator[Item] {
	return rapid.Custom(func(t *rapid.T) Item {
		return Item{
			// Few ids, so that one rule is often found in several places.
			ID:         rapid.SampledFrom([]string{"", "ip.any-purpose", "term.auto-renewal", "lease.rent-increase-unilateral"}).Draw(t, "id"),
			Category:   rapid.SampledFrom(cats).Draw(t, "cat"),
			Severity:   rapid.SampledFrom(sevs).Draw(t, "sev"),
			Confidence: rapid.Float64Range(0, 1).Draw(t, "conf"),
		}
	})
}

func TestAddingNeverRaises(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		items := rapid.SliceOfN(genItem(), 0, 30).Draw(t, "items")
		extra := genItem().Draw(t, "extra")
		before := Compute(items, cats)
		after := Compute(append(items[:len(items):len(items)], extra), cats)
		if after.Value > before.Value {
			t.Fatalf("adding %+v raised the score %v → %v", extra, before.Value, after.Value)
		}
		if a, b := after.Categories[extra.Category].Value, before.Categories[extra.Category].Value; a > b {
			t.Fatalf("adding %+v raised its category %v → %v", extra, b, a)
		}
		for i, c := range after.Costs {
			if c < 0 {
				t.Fatalf("finding %d has a negative cost %v", i, c)
			}
		}
	})
}

func TestOrderDoesNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		items := rapid.SliceOfN(genItem(), 0, 30).Draw(t, "items")
		perm := rapid.Permutation(items).Draw(t, "perm")
		if a, b := Compute(items, cats), Compute(perm, cats); a.Value != b.Value || a.Grade != b.Grade {
			t.Fatalf("same findings, different scores: %v vs %v", a.Value, b.Value)
		}
	})
}

func TestTable(t *testing.T) {
	tests := []struct {
		name  string
		items []Item
		value float64
		grade string
	}{
		{"no findings", nil, 100, "A"},
		{"info only", []Item{{Severity: "info", Confidence: 1, Category: "disputes"}}, 100, "A"},
		{"one medium", []Item{{Severity: "medium", Confidence: 1, Category: "payment"}}, 92.8, "A"},
		{"one high", []Item{{Severity: "high", Confidence: 1, Category: "ip-ai"}}, 86.1, "A"},
		{"one critical", []Item{{Severity: "critical", Confidence: 1, Category: "ip-ai"}}, 73.2, "B"},
		{"critical at half confidence", []Item{{Severity: "critical", Confidence: 0.5, Category: "ip-ai"}}, 85.5, "A"},
		{"typical freelance MSA", []Item{
			{Severity: "critical", Confidence: 0.95, Category: "ip-ai"},
			{Severity: "high", Confidence: 0.9, Category: "ip-ai"},
			{Severity: "high", Confidence: 0.9, Category: "ip-ai"},
			{Severity: "high", Confidence: 0.8, Category: "disputes"},
			{Severity: "medium", Confidence: 0.9, Category: "payment"},
			{Severity: "medium", Confidence: 0.9, Category: "termination"},
			{Severity: "low", Confidence: 0.9, Category: "payment"},
		}, 51.9, "D"}, // penalty 23.75+9.18+7.80+5.90+2.82+2.40+0.68 = 52.5
		{"one rule in three places weighs 1 + 0.25 + 0.25", []Item{
			{ID: "lease.rent-increase-unilateral", Severity: "high", Confidence: 1, Category: "lease"},
			{ID: "lease.rent-increase-unilateral", Severity: "high", Confidence: 1, Category: "lease"},
			{ID: "lease.rent-increase-unilateral", Severity: "high", Confidence: 1, Category: "lease"},
		}, 81.1, "B"}, // penalty 12 + 3×0.85 + 3×0.85² = 16.72
		{"three rules in one place each", []Item{
			{ID: "lease.rent-increase-unilateral", Severity: "high", Confidence: 1, Category: "lease"},
			{ID: "lease.entry-without-notice", Severity: "high", Confidence: 1, Category: "lease"},
			{ID: "lease.deposit-nonrefundable", Severity: "high", Confidence: 1, Category: "lease"},
		}, 68.0, "C"}, // penalty 12 × (1 + 0.85 + 0.85²) = 30.87
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compute(tt.items, cats)
			if r.Value != tt.value || r.Grade != tt.grade {
				t.Errorf("score = %v %s, want %v %s", r.Value, r.Grade, tt.value, tt.grade)
			}
		})
	}
}
