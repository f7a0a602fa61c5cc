// Package score turns findings into a 0–100 score, a grade from A (best)
// to E (worst) and a sub-score per category. The formula is in
// docs/scoring.md; every point lost is attributed to the finding that cost
// it, so nothing is a black box.
//
// Each finding weighs its severity's points times its confidence. Findings
// are sorted by weight and the k-th counts decay^k of its weight, so the
// fifth arbitration-like clause adds less than the first (diminishing
// returns). The penalty P maps to a score of 100·exp(−P/scale). Because a
// new finding can only push others to smaller factors by displacing them
// with a heavier or equal one, adding a finding never raises the score and
// removing one never lowers it.
package score

import (
	"cmp"
	"math"
	"slices"
)

// Points per severity.
var severityPoints = map[string]float64{
	"critical": 25,
	"high":     12,
	"medium":   6,
	"low":      2,
	"info":     0,
}

// The constants of the formula; docs/scoring.md explains them.
const (
	Decay         = 0.85 // factor per rank across the whole document
	Scale         = 80   // penalty at which the score falls to 100/e ≈ 37
	CategoryDecay = 0.75 // factor per rank within one category
	CategoryScale = 40
	// Repeat is what a rule's findings beyond its heaviest count: a right to
	// raise the rent written as three alternative options is one risk, not
	// three, but a second place still tells something.
	Repeat = 0.25
)

// SeverityPoints returns the points of a severity (0 when unknown).
func SeverityPoints(sev string) float64 { return severityPoints[sev] }

// Item is one finding as the score sees it.
type Item struct {
	ID         string // rule id, for the explanation
	Category   string
	Severity   string
	Confidence float64 // 0..1
}

func (it Item) weight() float64 {
	c := it.Confidence
	if c < 0 {
		c = 0
	} else if c > 1 {
		c = 1
	}
	return severityPoints[it.Severity] * c
}

// Result is a score with its explanation.
type Result struct {
	Value      float64             `json:"value"`
	Grade      string              `json:"grade"`
	Penalty    float64             `json:"penalty"`
	Categories map[string]Category `json:"categories"`
	// Costs[i] is what Items[i] of the input cost: the score would be this
	// much higher without it.
	Costs []float64 `json:"-"`
}

// Category is the sub-score of one category.
type Category struct {
	Value float64 `json:"value"`
	Grade string  `json:"grade"`
}

// Compute scores items. Every category in categories gets a sub-score,
// 100 when it has no finding.
func Compute(items []Item, categories []string) Result {
	r := Result{Categories: make(map[string]Category, len(categories))}
	r.Penalty = penalty(items, Decay)
	r.Value = fromPenalty(r.Penalty, Scale)
	r.Grade = Grade(r.Value)
	for _, c := range categories {
		r.Categories[c] = Category{Value: 100, Grade: "A"}
	}
	byCat := map[string][]Item{}
	for _, it := range items {
		byCat[it.Category] = append(byCat[it.Category], it)
	}
	for c, its := range byCat {
		v := fromPenalty(penalty(its, CategoryDecay), CategoryScale)
		r.Categories[c] = Category{Value: v, Grade: Grade(v)}
	}
	r.Costs = make([]float64, len(items))
	rest := make([]Item, 0, len(items))
	for i := range items {
		rest = append(rest[:0], items[:i]...)
		rest = append(rest, items[i+1:]...)
		r.Costs[i] = round1(fromPenalty(penalty(rest, Decay), Scale) - r.Value)
	}
	return r
}

// penalty sums the weights in descending order with decay per rank. A
// rule found again weighs Repeat of its weight: the heaviest finding of a
// rule counts whole, its other places only add to it.
func penalty(items []Item, decay float64) float64 {
	w := make([]float64, 0, len(items))
	for _, it := range items {
		w = append(w, it.weight())
	}
	// The heaviest finding of each rule (the first of equal weights)
	// counts whole.
	heaviest := map[string]int{}
	for i, it := range items {
		if j, ok := heaviest[it.ID]; it.ID != "" && (!ok || w[i] > w[j]) {
			heaviest[it.ID] = i
		}
	}
	for i, it := range items {
		if j, ok := heaviest[it.ID]; ok && j != i {
			w[i] *= Repeat
		}
	}
	slices.SortFunc(w, func(a, b float64) int { return cmp.Compare(b, a) })
	p, f := 0.0, 1.0
	for _, x := range w {
		p += x * f
		f *= decay
	}
	return p
}

func fromPenalty(p, scale float64) float64 {
	return round1(100 * math.Exp(-p/scale))
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// Grade maps a score to A (85 and above), B (70), C (55), D (40) or E.
func Grade(v float64) string {
	switch {
	case v >= 85:
		return "A"
	case v >= 70:
		return "B"
	case v >= 55:
		return "C"
	case v >= 40:
		return "D"
	}
	return "E"
}
