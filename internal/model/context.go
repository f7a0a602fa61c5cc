package model

import (
	"fmt"
	"io"
	"math"
	"slices"
)

// ContextOptions are the settings of a second stage that reads a
// sentence's neighbours in its document (tools/train -context): per label a
// logistic regression over the first stage's log-odds of the sentence and
// of its neighbours for the same label. UNFAIR-ToS labels cluster (of the
// 258 limitation-of-liability sentences 47% have one as a neighbour, at a
// base rate under 3%), which one sentence alone cannot see.
//
// Measured and not adopted (ContextReport, tools/train -seeds 5 -context
// N): every variant lowers the mean grouped-CV macro-F1 over fold seeds
// 1-5, 78.11 to 75.5-77.0 (window 1, neighbours as probabilities: 76.99;
// window 2: 75.79, nested 76.36; fold seeds 6-10 76.68 to 76.10), and the
// validation macro-F1, mean of the 5 seeds, 75.40 to 74.63. The clustered
// positives are the ones the sentence model already finds: in the train
// split's out-of-fold probabilities (fold seed 1, thresholds tuned on all
// of them) 20 missed positives sit beside a found one with at least a
// quarter of the threshold, against 70 negatives there, too few for any
// threshold to gain by lifting them.
// Giving the sentence model the neighbours' words
// (withNeighbourWords, -context-words N) does worse: 73.81 with one
// neighbour each side, 74.64 with two.
type ContextOptions struct {
	// Window is how many neighbours on each side are read (i±1 … i±Window).
	Window int
	// Sides gives each neighbour its own feature; otherwise the two at
	// distance d share one, the larger of their log-odds.
	Sides bool
	// Max adds the largest log-odds over the window, the sentence itself
	// left out.
	Max bool
	// Cross adds every other label's largest log-odds over the window,
	// the sentence included (jurisdiction beside choice of law).
	Cross bool
	// Prob reads the neighbours' probabilities rather than their
	// log-odds: a neighbour sure not to have the label says little more
	// than one merely unlikely to.
	Prob bool
	// Lambda is the L2 penalty of the regressions (standardised inputs).
	Lambda float64
}

// contextStage is a fitted context stage: per label a regression, and the
// log-odds that stands for a neighbour past the document's edge.
type contextStage struct {
	opts   ContextOptions
	models []logReg
	pad    []float64
}

// docSpans returns, for every sentence, the start and end of the run of
// sentences of its group: a document whose sentences are in order.
func docSpans(sents []LabelledSentence) (start, end []int) {
	n := len(sents)
	start, end = make([]int, n), make([]int, n)
	for i := 0; i < n; {
		j := i
		for j < n && sents[j].Group == sents[i].Group {
			j++
		}
		for k := i; k < j; k++ {
			start[k], end[k] = i, j
		}
		i = j
	}
	return start, end
}

// features appends label l's inputs for sentence i to dst; x[label][i] are
// the first stage's log-odds, [lo, hi) the sentence's document.
func (o *ContextOptions) features(dst []float64, x [][]float64, pad []float64, lo, hi, i, l int) []float64 {
	at := func(l, j int) float64 {
		v := pad[l]
		if j >= lo && j < hi {
			v = x[l][j]
		}
		if o.Prob {
			return sigmoid(v)
		}
		return v
	}
	dst = append(dst, x[l][i])
	most := math.Inf(-1)
	for d := 1; d <= o.Window; d++ {
		a, b := at(l, i-d), at(l, i+d)
		if o.Sides {
			dst = append(dst, a, b)
		} else {
			dst = append(dst, max(a, b))
		}
		most = max(most, a, b)
	}
	if o.Max {
		dst = append(dst, most)
	}
	if o.Cross {
		for k := range x {
			if k == l {
				continue
			}
			m := x[k][i]
			for d := 1; d <= o.Window; d++ {
				m = max(m, at(k, i-d), at(k, i+d))
			}
			dst = append(dst, m)
		}
	}
	return dst
}

// fitContext fits a context stage on the log-odds x[label][sentence] of the
// rows given (whole documents, in order; start and end from docSpans).
func fitContext(o ContextOptions, x [][]float64, y [][]bool, rows []int, start, end []int) *contextStage {
	st := &contextStage{opts: o, models: make([]logReg, len(x)), pad: make([]float64, len(x))}
	for l := range x {
		v := make([]float64, 0, len(rows))
		for _, i := range rows {
			v = append(v, x[l][i])
		}
		// A missing neighbour reads as a typical sentence.
		slices.Sort(v)
		st.pad[l] = v[len(v)/2]
	}
	for l := range x {
		xs := make([][]float64, 0, len(rows))
		ys := make([]bool, 0, len(rows))
		for _, i := range rows {
			xs = append(xs, o.features(nil, x, st.pad, start[i], end[i], i, l))
			ys = append(ys, y[l][i])
		}
		st.models[l] = fitLogReg(xs, ys, o.Lambda, 1)
	}
	return st
}

// apply writes the stage's probability of every label for the rows given
// into out[label][sentence].
func (st *contextStage) apply(out, x [][]float64, rows []int, start, end []int) {
	var buf []float64
	for l := range x {
		for _, i := range rows {
			buf = st.opts.features(buf[:0], x, st.pad, start[i], end[i], i, l)
			out[l][i] = st.models[l].prob(buf)
		}
	}
}

// logOdds is logit with a wide clip: the first stage's probabilities come
// from a sigmoid in float64, and the stage should see their spread.
func logOdds(p float64) float64 {
	p = math.Min(math.Max(p, 1e-12), 1-1e-12)
	return math.Log(p / (1 - p))
}

// contextCV scores the context stage by grouped cross-validation over
// sents (in document order), from the first stage's out-of-fold log-odds
// x: for each fold, a stage fitted on the other folds' log-odds and each
// label's threshold tuned on that stage's outputs there (a stage of a few
// weights is refitted per fold, and thresholds pooled over differently
// fitted stages would not compare), then applied to the fold. Those
// log-odds come from models that trained on the fold scored, though never
// on their own company; nested, the stage is fitted instead on an inner
// cross-validation over the other folds' companies alone, so nothing it
// sees was trained on the fold.
func contextCV(cfg *TrainConfig, d *dataset, x [][]float64, sents []LabelledSentence, o ContextOptions, nested bool) Scores {
	n := len(sents)
	start, end := docSpans(sents)
	folds := foldsOf(d.groups[:n], cfg.Folds, cfg.Seed)
	gold := make([][]string, n)
	pred := make([][]string, n)
	for i, s := range sents {
		gold[i] = s.Labels
	}
	for f := range cfg.Folds {
		var rows, test []int
		for i, fi := range folds {
			if fi == f {
				test = append(test, i)
			} else {
				rows = append(rows, i)
			}
		}
		xs := x
		if nested {
			xs = calibrated(innerMargins(cfg, d, rows, uint64(f)), d.y, rows)
		}
		st, th := fitContextThresholds(o, xs, d.y, rows, start, end)
		out := newProbs(len(x), n)
		st.apply(out, x, test, start, end)
		for l, name := range d.names {
			for _, i := range test {
				if out[l][i] >= th[l] {
					pred[i] = append(pred[i], name)
				}
			}
		}
	}
	return Evaluate(d.names, gold, pred)
}

// fitContextThresholds fits a stage on the rows given and tunes each
// label's threshold on its outputs there.
func fitContextThresholds(o ContextOptions, x [][]float64, y [][]bool, rows []int, start, end []int) (*contextStage, []float64) {
	st := fitContext(o, x, y, rows, start, end)
	out := newProbs(len(x), len(x[0]))
	st.apply(out, x, rows, start, end)
	th := make([]float64, len(x))
	for l := range th {
		p := make([]float64, len(rows))
		yy := make([]bool, len(rows))
		for k, i := range rows {
			p[k], yy[k] = out[l][i], y[l][i]
		}
		th[l], _ = bestThreshold(p, yy)
	}
	return st, th
}

func newProbs(labels, n int) [][]float64 {
	out := make([][]float64, labels)
	for l := range out {
		out[l] = make([]float64, n)
	}
	return out
}

// calibrated returns margins [label][text] as log-odds, a*m+b with Platt's
// a and b fitted on the rows given.
func calibrated(m [][]float64, y [][]bool, rows []int) [][]float64 {
	out := make([][]float64, len(m))
	for l, ms := range m {
		v := make([]float64, len(rows))
		yy := make([]bool, len(rows))
		for k, i := range rows {
			v[k], yy[k] = ms[i], y[l][i]
		}
		a, b := platt(v, yy)
		out[l] = make([]float64, len(ms))
		for i, m := range ms {
			out[l][i] = a*m + b
		}
	}
	return out
}

// innerMargins returns margins [label][text] of the rows given from a
// grouped cross-validation over those rows alone (other texts' entries
// stay zero).
func innerMargins(cfg *TrainConfig, d *dataset, rows []int, salt uint64) [][]float64 {
	groups := make([]int, len(rows))
	for k, i := range rows {
		groups[k] = d.groups[i]
	}
	folds := foldsOf(groups, cfg.Folds, cfg.Seed+1000*(salt+1))
	x := make([][]float64, len(d.y))
	for l := range x {
		x[l] = make([]float64, len(d.vecs))
	}
	for g := range cfg.Folds {
		var train, test []int
		for k, i := range rows {
			if folds[k] == g {
				test = append(test, i)
			} else {
				train = append(train, i)
			}
		}
		for l, m := range trainAll(cfg, d, train) {
			for _, i := range test {
				x[l][i] = m.margin(&d.vecs[i])
			}
		}
	}
	return x
}

// ContextReport measures the context stage as SeedReport measures recipes:
// per fold seed, 5-fold CV over the train split's companies with thresholds
// tuned outside each fold, for the first stage alone ("plain"), the stage
// fitted on the other folds' out-of-fold margins ("ctx") and fitted on an
// inner cross-validation's ("ctx-nest"); then the means. With val, the
// recipe trained on the train split (stage on its out-of-fold log-odds,
// thresholds on the "ctx" outputs) is scored on the validation split and on
// the current terms of service, each sentence alone and with its
// neighbours.
func ContextReport(dataDir string, cfg TrainConfig, seeds []uint64, o ContextOptions, val bool, log io.Writer) error {
	sents, _, err := ReadUnfairToS(dataDir)
	if err != nil {
		return err
	}
	train, valid := splitUnfair(sents)
	d := newDataset(&cfg.Features, train, UnfairLabels)
	names := []string{"plain", "ctx", "ctx-nest"}
	sums := make([][]float64, len(names))
	printHeader(log)
	for _, seed := range seeds {
		c := cfg
		c.Seed = seed
		outer := crossValidate(&c, d)
		plain := plattAll(outer, d.y)
		x := make([][]float64, len(plain))
		for l, ps := range plain {
			x[l] = make([]float64, len(ps))
			for i, p := range ps {
				x[l][i] = logOdds(p)
			}
		}
		all := []Scores{
			cvScoresOf(plain, train, UnfairLabels, c.Folds, seed, bestThreshold),
			contextCV(&c, d, x, train, o, false),
			contextCV(&c, d, x, train, o, true),
		}
		for k, sc := range all {
			row := scoreRow(sc)
			printRow(log, names[k], fmt.Sprint(seed), row)
			addMean(&sums[k], row, len(seeds))
		}
	}
	for k, name := range names {
		printRow(log, name, "mean", sums[k])
	}
	if !val {
		return nil
	}
	current, err := CurrentToS()
	if err != nil {
		return err
	}
	sets := []struct {
		name  string
		sents []LabelledSentence
	}{{"val", valid}, {"current", current}}
	means := make([][]float64, 2*len(sets))
	for _, seed := range seeds {
		c := cfg
		c.Seed = seed
		tr := trainData(c, d, train, UnfairLabels)
		m, err := Parse(tr.HeaderJSON(), tr.Table)
		if err != nil {
			return err
		}
		st, th := contextFor(d, tr, train, o)
		for k, set := range sets {
			for j, sc := range []Scores{evalSentences(m, set.sents, ""), evalContext(m, st, th, set.sents)} {
				name := set.name
				if j == 1 {
					name += "+ctx"
				}
				row := scoreRow(sc)
				printRow(log, name, fmt.Sprint(seed), row)
				addMean(&means[2*k+j], row, len(seeds))
			}
		}
	}
	for k, set := range sets {
		printRow(log, set.name, "mean", means[2*k])
		printRow(log, set.name+"+ctx", "mean", means[2*k+1])
	}
	return nil
}

// plattAll calibrates margins [label][text] as Train does, on all of them.
func plattAll(m [][]float64, y [][]bool) [][]float64 {
	out := make([][]float64, len(m))
	for l, ms := range m {
		a, b := platt(ms, y[l][:len(ms)])
		out[l] = make([]float64, len(ms))
		for i, v := range ms {
			out[l][i] = sigmoid(a*v + b)
		}
	}
	return out
}

// contextFor fits the stage that goes with a trained first stage, on the
// log-odds of its out-of-fold probabilities, and tunes each label's
// threshold on the stage's outputs there.
func contextFor(d *dataset, tr *Trained, sents []LabelledSentence, o ContextOptions) (*contextStage, []float64) {
	x := newProbs(len(tr.OOF), len(sents))
	for l, ps := range tr.OOF {
		for i, p := range ps {
			x[l][i] = logOdds(p)
		}
	}
	start, end := docSpans(sents)
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	return fitContextThresholds(o, x, d.y, all, start, end)
}

// contextInputs scores sents with m: the labels and groups as a dataset
// (no features), every label's log-odds and its probabilities.
func contextInputs(m *Model, sents []LabelledSentence) (d *dataset, x, probs [][]float64) {
	d = &dataset{y: make([][]bool, m.nl), groups: groupIDs(sents), names: m.Labels()}
	x, probs = newProbs(m.nl, len(sents)), newProbs(m.nl, len(sents))
	for l, name := range m.Labels() {
		d.y[l] = make([]bool, len(sents))
		for i, s := range sents {
			d.y[l][i] = slices.Contains(s.Labels, name)
		}
	}
	var buf []float64
	for i, s := range sents {
		buf = m.Scores(buf, s.Text)
		for l, p := range buf {
			x[l][i], probs[l][i] = logOdds(p), p
		}
	}
	return d, x, probs
}

// evalContext scores sents (whole documents in order) with a first stage m
// and its context stage.
func evalContext(m *Model, st *contextStage, th []float64, sents []LabelledSentence) Scores {
	_, x, _ := contextInputs(m, sents)
	start, end := docSpans(sents)
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	out := make([][]float64, m.nl)
	for l := range out {
		out[l] = make([]float64, len(sents))
	}
	st.apply(out, x, all, start, end)
	gold := make([][]string, len(sents))
	pred := make([][]string, len(sents))
	for i, s := range sents {
		gold[i] = s.Labels
		for l, name := range m.Labels() {
			if out[l][i] >= th[l] {
				pred[i] = append(pred[i], name)
			}
		}
	}
	return Evaluate(m.Labels(), gold, pred)
}

// scoreRow is a report row: each label's F1, none's, micro and macro.
func scoreRow(sc Scores) []float64 {
	row := make([]float64, 0, len(sc.Labels)+3)
	for _, l := range sc.Labels {
		row = append(row, l.F1)
	}
	return append(row, sc.None.F1, sc.MicroF1, sc.MacroF1)
}

// withNeighbourWords appends to every sentence of sents (documents in
// order) the words of its neighbours i±1 … i±window in its document under
// prefix: the neighbours as text the first stage reads, rather than as its
// outputs a second stage reads (SeedOptions.NeighbourWords).
func withNeighbourWords(sents []LabelledSentence, window int, prefix string) []LabelledSentence {
	out := slices.Clone(sents)
	start, end := docSpans(sents)
	for i := range sents {
		for d := 1; d <= window; d++ {
			for _, j := range []int{i - d, i + d} {
				if j >= start[i] && j < end[i] {
					out[i].Text += leadInWords(sents[j].Text, prefix)
				}
			}
		}
	}
	return out
}
