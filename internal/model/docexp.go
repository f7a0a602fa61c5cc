package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
)

// StageOptions are variants of how the document stage is trained, off when
// zero: each was measured by CUADResult.StageSeedsWith (tools/train
// -cuad-stage-* flags) over fold seeds of the stage.
type StageOptions struct {
	// ShrinkK, when positive, shrinks each category's threshold toward
	// ShrinkTo with weight ShrinkK/(positives+ShrinkK): the threshold of
	// best F1 over the inner out-of-fold probabilities of a category with
	// a handful of positives is noisy. A negative ShrinkTo is half the
	// best inner F1 (the F1-optimal threshold of calibrated
	// probabilities).
	ShrinkK, ShrinkTo float64
	// Bootstrap, when positive, picks the threshold that maximises the
	// mean F1 over that many bootstrap resamples of the inner
	// out-of-fold probabilities instead of their F1.
	Bootstrap int
	// Types adds the contract's kind, read from the words of its start
	// (contractTypes): "hot" as one indicator per kind, "rate" as the
	// logit of the category's smoothed rate among the training contracts
	// of the same kinds (leave-one-out for the training contracts).
	Types string
	// Title reads the kinds from the title alone (titleTypes).
	Title bool
	// Cross adds the logit of the highest sentence probability of the
	// Cross clause categories whose presence is most correlated with the
	// category's among the training contracts.
	Cross int
	// Gate, when positive, decides a category present only beside every
	// other category found in at least that share of the training
	// contracts that have it (and in fewer of all of them), when it has
	// at least GateMin positives there.
	Gate    float64
	GateMin int
	// GateMax, when positive, gates only categories with fewer training
	// positives; GateBase, when positive, only by categories present in
	// at most that share of all training contracts.
	GateMax  int
	GateBase float64
	// InnerMean decides by the mean probability of the inner folds'
	// models, whose out-of-fold probabilities the threshold was chosen on,
	// instead of the model refitted on all the training contracts:
	// 74.26/82.82 -> 74.28/82.84 over fold seeds 1-5, not adopted. Nor
	// were other ShrinkK (3: 74.24/82.73, 10: 74.14/82.92, 20:
	// 74.11/83.06) or Gate 0.9 (74.14/82.78).
	InnerMean bool
	// Lambda, when positive, is the stage's L2 penalty instead of
	// cuadDocStage's 1: 0.5 74.09/82.68, 2 74.28/82.84, 4 74.17/82.77
	// over fold seeds 1-5 against 74.26/82.82, not adopted. Nor GateMin
	// 5: 74.35/82.92 there and 74.39/82.80 -> 74.54/82.91 over 6-10, but
	// it changes only Price Restrictions (gated by Renewal Term, found in
	// all 11 of its contracts) and Source Code Escrow; GateMin 3
	// 74.00/82.91, GateBase 0.7 74.26/82.82.
	Lambda float64
}

// CUADStageOptions are the options the shipped cuad document stage is
// trained with: thresholds shrunk toward half the best inner F1 (weight
// 5/(positives+5)), and a category found only beside the categories
// present in at least 95% of the training contracts that have it, among
// those in at most 60% of all of them. Document macro/micro-F1 over stage
// fold seeds 1-5 73.73/82.29 -> 74.09/82.69 (shrinkage alone 73.88/82.57,
// gating alone 73.93/82.43); fold seeds 6-10, not used to choose,
// 73.82/82.20 -> 74.21/82.59, better on each.
func CUADStageOptions() StageOptions {
	return StageOptions{ShrinkK: 5, ShrinkTo: -1, Gate: 0.95, GateMin: 10, GateBase: 0.6}
}

// typeBytes is how much of a contract's start (its sentences' tokens)
// tells its kind: the title is there, after an exhibit number and a
// confidentiality legend at most.
const typeBytes = 600

// contractKinds are kinds of contract that change the base rate of many
// categories, each by the stems of the words that name it in a title.
var contractKinds = [][]string{
	{"licen", "sublicen"},
	{"supply", "purchase", "manufactur"},
	{"distribut", "resell", "dealer", "reseller"},
	{"service", "consult", "outsourc", "maintenance", "management"},
	{"franchise"},
	{"endorse", "sponsor", "promot", "marketing", "remarketing"},
	{"co-brand", "cobrand", "branding"},
	{"joint", "collaborat", "alliance", "cooperation"},
	{"develop", "research"},
	{"hosting", "website", "web", "internet", "online", "software"},
	{"agency", "agent"},
	{"transport", "shipping", "carrier"},
	{"intellectual", "trademark", "patent"},
}

// contractTypes returns which contractKinds the start of a contract names:
// toks is its sentences' Tokens, each followed by a newline.
func contractTypes(toks string) []bool {
	if len(toks) > typeBytes {
		toks = toks[:typeBytes]
	}
	out := make([]bool, len(contractKinds))
	for _, w := range strings.Fields(toks) {
		for k, stems := range contractKinds {
			for _, s := range stems {
				if strings.HasPrefix(w, s) {
					out[k] = true
				}
			}
		}
	}
	return out
}

// titleTypes is contractTypes over the title alone: the five words before
// the first "agreement" (or "contract") in the contract's first
// titleBytes of tokens; none when there is no such word.
func titleTypes(toks string) []bool {
	if len(toks) > titleBytes {
		toks = toks[:titleBytes]
	}
	out := make([]bool, len(contractKinds))
	ws := strings.Fields(toks)
	end := -1
	for i, w := range ws {
		if w == "agreement" || w == "contract" {
			end = i
			break
		}
	}
	for _, w := range ws[max(end-5, 0):max(end, 0)] {
		for k, stems := range contractKinds {
			for _, s := range stems {
				if strings.HasPrefix(w, s) {
					out[k] = true
				}
			}
		}
	}
	return out
}

// titleBytes bounds where titleTypes looks for a title.
const titleBytes = 1500

// typeSmoothing is the weight, in contracts, of the overall rate in a
// kind's smoothed rate.
const typeSmoothing = 20

// typeStats counts a label's positives and documents by contract kind
// over training documents.
type typeStats struct {
	pos, n []float64 // by kind
	prior  float64   // rate over all of them
}

// typeStats returns label li's counts by kind over the documents train says.
func (t *docTraining) typeStats(li int, train []bool) typeStats {
	s := typeStats{pos: make([]float64, len(contractKinds)), n: make([]float64, len(contractKinds))}
	var pos, n float64
	for ci, ok := range train {
		if !ok {
			continue
		}
		y := 0.0
		if t.gold[li][ci] {
			y = 1
		}
		pos, n = pos+y, n+1
		for k, has := range t.kinds(ci) {
			if has {
				s.pos[k] += y
				s.n[k]++
			}
		}
	}
	s.prior = pos / max(n, 1)
	return s
}

// rates returns the smoothed rate of each kind.
func (s typeStats) rates() []float64 {
	out := make([]float64, len(s.n))
	for k := range out {
		out[k] = (s.pos[k] + typeSmoothing*s.prior) / (s.n[k] + typeSmoothing)
	}
	return out
}

// leaveOut returns the smoothed rates of each kind without one of the
// counted documents, of kinds types and label y: a training document's
// feature must not count its own label.
func (s typeStats) leaveOut(types []bool, y bool) []float64 {
	out := s.rates()
	for k, has := range types {
		if !has {
			continue
		}
		p := s.pos[k]
		if y {
			p--
		}
		out[k] = (p + typeSmoothing*s.prior) / (s.n[k] - 1 + typeSmoothing)
	}
	return out
}

// typeRate is the rate feature of a document of kinds types: the logit of
// the mean smoothed rate of its kinds, or of the prior when it names none.
func typeRate(types []bool, rates []float64, prior float64) float64 {
	var s, n float64
	for k, has := range types {
		if has {
			s, n = s+rates[k], n+1
		}
	}
	if n == 0 {
		return logit(prior)
	}
	return logit(s / n)
}

// crossLabels returns the m clause categories other than li whose gold
// presence is most correlated (phi) with li's over the documents train
// says.
func (t *docTraining) crossLabels(li int, clause []int, train []bool, m int) []int {
	type cand struct {
		lj  int
		phi float64
	}
	var cs []cand
	for _, lj := range clause {
		if lj == li {
			continue
		}
		var a, b, c, d float64
		for ci, ok := range train {
			if !ok {
				continue
			}
			x, y := t.gold[li][ci], t.gold[lj][ci]
			switch {
			case x && y:
				a++
			case x:
				b++
			case y:
				c++
			default:
				d++
			}
		}
		den := math.Sqrt((a + b) * (c + d) * (a + c) * (b + d))
		phi := 0.0
		if den > 0 {
			phi = (a*d - b*c) / den
		}
		cs = append(cs, cand{lj, phi})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].phi > cs[j].phi })
	var out []int
	for _, c := range cs[:min(m, len(cs))] {
		out = append(out, c.lj)
	}
	return out
}

// bootstrapThreshold returns the threshold (a cut of thresholdCuts) of
// the highest mean F1 over b bootstrap resamples of scores and y, drawn
// by a generator seeded with seed.
func bootstrapThreshold(scores []float64, y []bool, b int, seed uint64) float64 {
	n := len(scores)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, c int) bool { return scores[idx[a]] > scores[idx[c]] })
	// Cut k lies below the k-th distinct score (in idx order): ends[k] is
	// the position in idx where that run of equal scores ends.
	var ends []int
	var ts []float64
	for k, i := range idx {
		if k+1 < n && scores[idx[k+1]] == scores[i] {
			continue
		}
		next := 0.0
		if k+1 < n {
			next = scores[idx[k+1]]
		}
		ends = append(ends, k+1)
		ts = append(ts, (scores[i]+next)/2)
	}
	if len(ts) == 0 {
		return 0.5
	}
	mean := make([]float64, len(ts))
	w := make([]float64, n)
	rng := rand.New(rand.NewPCG(seed, 0xb007))
	for range b {
		clear(w)
		for range n {
			w[rng.IntN(n)]++
		}
		var pos float64
		for i, v := range y {
			if v {
				pos += w[i]
			}
		}
		var tp, all float64
		k := 0
		for c, e := range ends {
			for ; k < e; k++ {
				i := idx[k]
				all += w[i]
				if y[i] {
					tp += w[i]
				}
			}
			if all+pos > 0 {
				mean[c] += 2 * tp / (all + pos)
			}
		}
	}
	best := 0
	for c := range mean {
		if mean[c] > mean[best] {
			best = c
		}
	}
	return ts[best]
}

// kinds returns the contract kinds of training document ci that the stage
// reads (StageOptions.Title).
func (t *docTraining) kinds(ci int) []bool {
	if t.opt.Title {
		return t.docs[ci].title
	}
	return t.docs[ci].types
}

// needs returns the clause categories other than li present in at least
// share opt.Gate of the documents train says that have li, and in a
// smaller share of all of them.
func (t *docTraining) needs(li int, clause []int, train []bool) []int {
	var n, a float64
	for ci, ok := range train {
		if ok {
			n++
			if t.gold[li][ci] {
				a++
			}
		}
	}
	if a < float64(max(t.opt.GateMin, 1)) || t.opt.GateMax > 0 && a >= float64(t.opt.GateMax) {
		return nil
	}
	var out []int
	for _, lj := range clause {
		if lj == li {
			continue
		}
		var both, b float64
		for ci, ok := range train {
			if ok && t.gold[lj][ci] {
				b++
				if t.gold[li][ci] {
					both++
				}
			}
		}
		if both/a >= t.opt.Gate && b/n < both/a && (t.opt.GateBase <= 0 || b/n <= t.opt.GateBase) {
			out = append(out, lj)
		}
	}
	return out
}

// gate applies StageOptions.Gate to the cross-validated decisions pred
// (each fold's needs chosen on the other folds) and records each label's
// needs over all documents in the stage.
func (t *docTraining) gate(st *DocStage, pred [][]bool, labels []string, clause []int) {
	before := make([][]bool, len(pred))
	for li, p := range pred {
		before[li] = slices.Clone(p)
	}
	train := make([]bool, len(t.docs))
	for f := 0; f < t.k; f++ {
		for ci := range train {
			train[ci] = t.folds[ci] != f
		}
		for _, li := range clause {
			need := t.needs(li, clause, train)
			for ci := range t.docs {
				if t.folds[ci] == f && pred[li][ci] && !allOf(need, before, ci) {
					pred[li][ci] = false
				}
			}
		}
	}
	for ci := range train {
		train[ci] = true
	}
	for k, li := range clause {
		for _, lj := range t.needs(li, clause, train) {
			st.Labels[k].Needs = append(st.Labels[k].Needs, labels[lj])
		}
	}
}

// allOf reports whether document ci is decided present for every label of
// need.
func allOf(need []int, pred [][]bool, ci int) bool {
	for _, lj := range need {
		if !pred[lj][ci] {
			return false
		}
	}
	return true
}

// allNamed reports whether every name of need is present in have.
func allNamed(need []string, have map[string]bool) bool {
	for _, n := range need {
		if !have[n] {
			return false
		}
	}
	return true
}

// StageErrors retrains the document stage on fold seed seed with opt, as
// StageSeedsWith does, and returns label name's false positives and false
// negatives: each a contract's file name with the highest sentence
// probability and the outside features the stage weighed.
func (r *CUADResult) StageErrors(seed int, opt StageOptions, name string) (fp, fn []string) {
	li := slices.Index(CUADLabels, name)
	if li < 0 {
		return nil, nil
	}
	pred := r.stageOn(seed, opt)
	if pred[li] == nil {
		return nil, nil
	}
	for ci, ok := range pred[li] {
		gold := r.dt.gold[li][ci]
		if ok == gold {
			continue
		}
		line := fmt.Sprintf("%s  best %.2f", r.dt.names[ci], r.dt.best(ci, li))
		if d := r.dt.docs[ci]; d.extra != nil {
			line += fmt.Sprintf(" extra %.2f", d.extra[li])
		}
		if ok {
			fp = append(fp, line)
		} else {
			fn = append(fn, line)
		}
	}
	return fp, fn
}
