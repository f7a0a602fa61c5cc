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
// 0.5 73.95/82.70, Trial 74.46/82.96 (see trial), Defined 74.01/82.75
// (Source Code Escrow -7.0, Revenue/Profit Sharing +0.9), HeadingChain
// 74.04/82.67, ClauseBits 18 74.09/82.72, Cover 74.01/82.66 (categories
// move by up to 4 points either way when the clause model is retrained on
// other units: Joint IP +4.3, Rofr -4.2). A feature every category gets
// costs the rare ones more than it gives the common ones, and a stronger
// penalty does not save it (Heading with penalty 5: 73.39/82.28). The
// base features all carry weight: Drop 1 (rules) 73.13/81.85, Drop 4
// (curated phrases) 72.15/82.28.
type Options struct {
	// Heading adds, per category, log of 1 + the clauses whose heading
	// (or run-in heading) names the category (headings.go).
	Heading bool
	// ClauseTop2 adds the logit of the second highest clause probability.
	ClauseTop2 bool
	// ClauseCount, when positive, adds log of 1 + the clauses whose
	// probability is at least ClauseCount.
	ClauseCount float64
	// HeadingChain gives the clause model each clause body under every
	// heading above it ("Termination. Effect of Termination. …"), not
	// only the nearest; the clause model must be retrained with it.
	HeadingChain bool
	// Cover gives the clause model the whole text: a body longer than
	// maxClause in pieces, and the text outside every clause body in
	// units of its own (unitsOf); the clause model must be retrained.
	Cover bool
	// ClauseBits, when positive, is the clause model's hash bits instead
	// of the sentence model's; the clause model must be retrained with it.
	ClauseBits int
	// Defined adds, per category, log of 1 + the document's defined terms
	// that name it (defined.go).
	Defined bool
	// Trial adds the curated phrases under measurement (trial.go).
	Trial bool
	// Drop zeroes the base features whose bits it sets (1 rule hits, 2
	// clause probability, 4 curated phrases, 8 required categories): a
	// feature constant over the contracts weighs nothing in the stage.
	Drop int
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
	if o.Defined {
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
// (features' output): the heading count (heads, by category), the clause
// pool's second highest probability and count, by model label index, and
// the defined-term count (defs, by category).
func (o Options) more(out map[string][]float64, labels []string, p *pool, heads, defs map[string]int) {
	for li, name := range labels {
		v := out[name]
		for k := range width {
			if o.Drop&(1<<k) != 0 {
				v[k] = 0
			}
		}
		if o.Heading {
			v = append(v, math.Log1p(float64(heads[name])))
		}
		if o.ClauseTop2 {
			v = append(v, logit(p.second[li]))
		}
		if o.ClauseCount > 0 {
			v = append(v, math.Log1p(float64(p.above[li])))
		}
		if o.Defined {
			v = append(v, math.Log1p(float64(defs[name])))
		}
		out[name] = slices.Clip(v)
	}
}
