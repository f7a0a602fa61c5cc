package presence

import (
	"maps"
	"math"
	"slices"
)

// Options are variants of the document stage's outside features, off when
// zero: each is measured by tools/train -cuad-stage-seeds (mean document
// macro/micro-F1 over fold seeds 1-5, confirmed on 6-10) before it becomes
// part of DefaultOptions. Against 74.26/82.82 over seeds 1-5 (rules as of
// bae7aa4), none adopted: Heading 73.32/82.42 (the clause model already
// reads the heading above each clause body; Unlimited License -8.3,
// Affiliate License-Licensor -5.3), ClauseTop2 73.60/82.63, ClauseCount
// 0.5 73.95/82.70, Trial 74.46/82.96 (see trial). A feature every
// category gets costs the rare ones more than it gives the common ones.
type Options struct {
	// Heading adds, per category, log of 1 + the clauses whose heading
	// (or run-in heading) names the category (headings.go).
	Heading bool
	// ClauseTop2 adds the logit of the second highest clause probability.
	ClauseTop2 bool
	// ClauseCount, when positive, adds log of 1 + the clauses whose
	// probability is at least ClauseCount.
	ClauseCount float64
	// Trial adds the curated phrases under measurement (trial.go).
	Trial bool
}

// phrases returns the curated phrases of these options.
func (o Options) phrases() phraseSet {
	if !o.Trial {
		return compilePhrases()
	}
	ps, ks := maps.Clone(curated), maps.Clone(keys)
	maps.Copy(ps, trial)
	maps.Copy(ks, trialKeys)
	return compilePhrasesOf(ps, ks)
}

// DefaultOptions are the options the embedded document stage was trained
// with.
func DefaultOptions() Options { return Options{} }

// width is the number of features per category with these options.
func (o Options) width() int {
	w := width
	if o.Heading {
		w++
	}
	if o.ClauseTop2 {
		w++
	}
	if o.ClauseCount > 0 {
		w++
	}
	return w
}

// pool keeps, by clause-model label, the highest and second highest clause
// probability and the number of clauses at or above the count threshold.
type pool struct {
	best, second []float64
	above        []int
	t            float64
}

func newPool(n int, t float64) *pool {
	return &pool{best: make([]float64, n), second: make([]float64, n), above: make([]int, n), t: t}
}

// add adds one clause's probability of label li.
func (p *pool) add(li int, v float64) {
	switch {
	case v > p.best[li]:
		p.best[li], p.second[li] = v, p.best[li]
	case v > p.second[li]:
		p.second[li] = v
	}
	if p.t > 0 && v >= p.t {
		p.above[li]++
	}
}

// more appends the optional features to each category's base features
// (features' output): the heading count (heads, by category), and the
// clause pool's second highest probability and count, by model label index.
func (o Options) more(out map[string][]float64, labels []string, p *pool, heads map[string]int) {
	for li, name := range labels {
		v := out[name]
		if o.Heading {
			v = append(v, math.Log1p(float64(heads[name])))
		}
		if o.ClauseTop2 {
			v = append(v, logit(p.second[li]))
		}
		if o.ClauseCount > 0 {
			v = append(v, math.Log1p(float64(p.above[li])))
		}
		out[name] = slices.Clip(v)
	}
}
