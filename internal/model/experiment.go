package model

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// SeedOptions are SeedReport's experiment switches.
type SeedOptions struct {
	// Augment, when not nil, rewrites every text before training (to try
	// features from outside the model, such as rule hits).
	Augment func(string) string
	// ShowVal also prints the validation split's figures, for every fold
	// seed and their mean, once a variant is chosen.
	ShowVal bool
	// ValProvider replaces the validation companies' own names as
	// training replaces the training companies' (TrainConfig.ProviderAs):
	// the figure inference would get if it could find the provider's name.
	ValProvider bool
	// LeadIn, when not empty, gives every list item its lead-in's words
	// under this prefix ("=" alone: the bare words), in training and
	// validation alike.
	LeadIn string
	// NeighbourWords, when above 0, gives every sentence the words of
	// this many neighbours on each side in its terms, under a prefix of
	// their own, in training and validation alike.
	NeighbourWords int
	// Extra are labelled sentences of another kind every model is also
	// trained on.
	Extra []LabelledSentence
	// Copies, when not nil, makes altered copies of the training
	// sentences (GloVeAugment), each trained on, with cost factor
	// CopyCost, only where its company is (never in the fold scored).
	Copies   func([]LabelledSentence) []LabelledSentence
	CopyCost float64
}

// SeedReport measures a recipe the way choices are made: for every fold
// seed, 5-fold CV over the train split's companies (thresholds tuned
// outside each fold), each label's F1 and the LexGLUE micro/macro, then
// the means over the seeds. The validation split is read only with
// opts.ShowVal. Extra variants that only post-process the out-of-fold
// probabilities are scored on the same runs.
func SeedReport(dataDir string, cfg TrainConfig, seeds []uint64, opts SeedOptions, log io.Writer) error {
	sents, _, err := ReadUnfairToS(dataDir)
	if err != nil {
		return err
	}
	if opts.LeadIn != "" {
		sents = withLeadIns(sents, strings.TrimSuffix(opts.LeadIn, "="))
	}
	if opts.NeighbourWords > 0 {
		sents = withNeighbourWords(sents, opts.NeighbourWords, "zzc")
	}
	train, val := splitUnfair(sents)
	if opts.Augment != nil {
		for i := range train {
			train[i].Text = opts.Augment(train[i].Text)
		}
		for i := range val {
			val[i].Text = opts.Augment(val[i].Text)
		}
	}
	if opts.ValProvider {
		val = withProvider(val, cfg.ProviderAs)
	}
	extra, showVal := opts.Extra, opts.ShowVal
	type variant struct {
		name  string
		score func(tr *Trained, seed uint64) Scores
	}
	variants := []variant{
		{"plain", func(tr *Trained, seed uint64) Scores {
			return cvScores(tr, train, UnfairLabels, cfg.Folds, seed)
		}},
		{"plateau", func(tr *Trained, seed uint64) Scores {
			return cvScoresOf(tr.OOF, train, UnfairLabels, cfg.Folds, seed, plateauThreshold)
		}},
		// With RepeatCV: the median of the F1-best thresholds of each
		// partition, not the F1-best of their pooled probabilities.
		{"median", func(tr *Trained, seed uint64) Scores {
			return cvScoresMedian(tr, train, UnfairLabels, cfg.Folds, seed)
		}},
		{"rate", func(tr *Trained, seed uint64) Scores {
			return cvScoresOf(tr.OOF, train, UnfairLabels, cfg.Folds, seed, rateThreshold)
		}},
		// A second stage fitted on all the out-of-fold probabilities, as
		// Platt's is (slightly optimistic), and one fitted outside each
		// fold (nested).
		{"stack", func(tr *Trained, seed uint64) Scores {
			return cvScoresOf(stackOOF(tr.OOF, train, cfg.Folds, seed, 1, false, true), train, UnfairLabels, cfg.Folds, seed, bestThreshold)
		}},
		{"stack-cv", func(tr *Trained, seed uint64) Scores {
			return cvScoresOf(stackOOF(tr.OOF, train, cfg.Folds, seed, 1, false, false), train, UnfairLabels, cfg.Folds, seed, bestThreshold)
		}},
	}
	sums := make([][]float64, len(variants))
	printHeader(log)
	for _, seed := range seeds {
		c := cfg
		c.Seed = seed
		tr := trainSeed(c, train, extra, opts)
		for vi, v := range variants {
			row := scoreRow(v.score(tr, seed))
			printRow(log, v.name, fmt.Sprint(seed), row)
			addMean(&sums[vi], row, len(seeds))
		}
	}
	for vi, v := range variants {
		printRow(log, v.name, "mean", sums[vi])
	}
	if showVal {
		// Calibration and thresholds move with the fold seed, so the
		// validation figure is given for every seed and as their mean;
		// the first seed's is the one the shipped recipe reports.
		var sum []float64
		for i, seed := range seeds {
			c := cfg
			c.Seed = seed
			tr := trainSeed(c, train, extra, opts)
			m, err := Parse(tr.HeaderJSON(), tr.Table)
			if err != nil {
				return err
			}
			// The cluster table is not stored with the weights.
			m.hdr.Train.Features.clusters = cfg.Features.clusters
			m.hdr.Train.Features.vectors = cfg.Features.vectors
			m.hdr.Train.Features.neighbours = cfg.Features.neighbours
			m.hdr.Train.Features.wordClusters = cfg.Features.wordClusters
			sc := evalSentences(m, val, "")
			if i == 0 {
				fmt.Fprintf(log, "validation split (trained on the train split, seed %d):\n", seed)
				sc.Print(log, true)
			}
			row := scoreRow(sc)
			printRow(log, "val", fmt.Sprint(seed), row)
			addMean(&sum, row, len(seeds))
		}
		printRow(log, "val", "mean", sum)
	}
	return nil
}

// NeuralSeedReport trains the recipe with its network ensemble
// (cfg.Neural) on the train split for every fold seed and writes, per seed,
// the CV and validation figures of every blend weight to log.
func NeuralSeedReport(dataDir string, cfg TrainConfig, seeds []uint64, log io.Writer) error {
	sents, _, err := ReadUnfairToS(dataDir)
	if err != nil {
		return err
	}
	train, val := splitUnfair(sents)
	for _, seed := range seeds {
		c := cfg
		c.Seed = seed
		fmt.Fprintf(log, "fold seed %d\n", seed)
		if _, err := trainUnfairOn(dataDir, c, train, val, log); err != nil {
			return err
		}
	}
	return nil
}

// trainSeed trains the recipe for SeedReport, with the copies opts asks
// for.
func trainSeed(cfg TrainConfig, train, extra []LabelledSentence, opts SeedOptions) *Trained {
	if opts.Copies == nil {
		return trainExtra(cfg, train, extra, UnfairLabels)
	}
	copies := opts.Copies(train)
	return trainCopies(cfg, train, copies, float32(opts.CopyCost))
}

// printHeader writes the column names of printRow's rows.
func printHeader(w io.Writer) {
	fmt.Fprintf(w, "%-8s %-5s", "variant", "seed")
	for _, l := range UnfairLabels {
		fmt.Fprintf(w, " %5s", l)
	}
	fmt.Fprintf(w, " %5s %6s %6s\n", "none", "micro", "macro")
}

// addMean adds row/n to *sum, allocated on first use.
func addMean(sum *[]float64, row []float64, n int) {
	if *sum == nil {
		*sum = make([]float64, len(row))
	}
	for i, x := range row {
		(*sum)[i] += x / float64(n)
	}
}

func printRow(w io.Writer, name, seed string, row []float64) {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %-5s", name, seed)
	for i, x := range row {
		if i >= len(row)-2 {
			fmt.Fprintf(&b, " %6.2f", 100*x)
		} else {
			fmt.Fprintf(&b, " %5.1f", 100*x)
		}
	}
	fmt.Fprintln(w, b.String())
}

// plateauThreshold is the median of the thresholds whose F1 is within one
// point of the best: the middle of the plateau, not its noisy peak.
func plateauThreshold(scores []float64, y []bool) (float64, float64) {
	cands := thresholdCuts(scores, y)
	best := 0.0
	for _, c := range cands {
		best = max(best, c.f1)
	}
	var ts []float64
	for _, c := range cands {
		if c.f1 >= best-0.01 {
			ts = append(ts, c.t)
		}
	}
	if len(ts) == 0 {
		return 0.5, 0
	}
	slices.Sort(ts)
	return ts[len(ts)/2], best
}

// stackOOF is a second stage over out-of-fold probabilities: per label a
// logistic regression (L2 lambda) over every label's log-odds (only its own
// with own), so that jurisdiction can lean on choice of law and the like;
// fitted on all sentences (global) or on the other folds and applied to each
// fold in turn.
func stackOOF(oof [][]float64, sents []LabelledSentence, k int, seed uint64, lambda float64, own, global bool) [][]float64 {
	folds := foldsOf(groupIDs(sents), k, seed)
	nl := len(oof)
	x := make([][]float64, len(sents))
	for i := range x {
		x[i] = make([]float64, nl)
		for l := range nl {
			x[i][l] = logit(oof[l][i])
		}
	}
	out := make([][]float64, nl)
	for l := range nl {
		out[l] = make([]float64, len(sents))
		y := make([]bool, len(sents))
		for i, s := range sents {
			y[i] = slices.Contains(s.Labels, UnfairLabels[l])
		}
		for f := range k {
			var xs [][]float64
			var ys []bool
			pick := func(i int) []float64 {
				if own {
					return x[i][l : l+1]
				}
				return x[i]
			}
			for i, fi := range folds {
				if fi != f || global {
					xs = append(xs, pick(i))
					ys = append(ys, y[i])
				}
			}
			m := fitLogReg(xs, ys, lambda, 1)
			for i, fi := range folds {
				if fi == f {
					out[l][i] = m.prob(pick(i))
				}
			}
		}
	}
	return out
}

// rateThreshold labels as many sentences as have the label: the threshold
// just above the score of the n-th highest, n the positives.
func rateThreshold(scores []float64, y []bool) (float64, float64) {
	n := 0
	for _, v := range y {
		if v {
			n++
		}
	}
	if n == 0 || n >= len(scores) {
		return 0.5, 0
	}
	s := slices.Clone(scores)
	slices.SortFunc(s, func(a, b float64) int { return cmp.Compare(b, a) })
	return (s[n-1] + s[n]) / 2, 0
}

// CUADAsUnfair reads the CUAD clause spans under dataDir of the categories
// given, each span one sentence with the UNFAIR-ToS label its category maps
// to: labelled data of another kind for the unfair-tos models.
func CUADAsUnfair(dataDir string, mapping map[string]string) ([]LabelledSentence, error) {
	f, err := os.Open(filepath.Join(dataDir, "cuad", "spans.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []LabelledSentence
	for sc.Scan() {
		var rec struct {
			Category, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, err
		}
		if code, ok := mapping[rec.Category]; ok {
			out = append(out, LabelledSentence{Text: rec.Text, Labels: []string{code}, Group: "cuad"})
		}
	}
	return out, sc.Err()
}

// cvScoresMedian is cvScores whose threshold for a fold is the median of
// the F1-best thresholds tuned outside that fold on each partition's
// out-of-fold probabilities (tr.more with RepeatCV).
func cvScoresMedian(tr *Trained, sents []LabelledSentence, labels []string, k int, seed uint64) Scores {
	folds := foldsOf(groupIDs(sents), k, seed)
	gold := make([][]string, len(sents))
	pred := make([][]string, len(sents))
	for i, s := range sents {
		gold[i] = s.Labels
	}
	parts := append([][][]float64{tr.OOF}, tr.more...)
	for li, name := range labels {
		y := make([]bool, len(sents))
		for i, s := range sents {
			y[i] = slices.Contains(s.Labels, name)
		}
		for f := range k {
			var ts []float64
			for _, o := range parts {
				var s []float64
				var yy []bool
				for i, fi := range folds {
					if fi != f {
						s = append(s, o[li][i])
						yy = append(yy, y[i])
					}
				}
				t, _ := bestThreshold(s, yy)
				ts = append(ts, t)
			}
			slices.Sort(ts)
			t := ts[len(ts)/2]
			for i, p := range tr.OOF[li] {
				if folds[i] == f && p >= t {
					pred[i] = append(pred[i], name)
				}
			}
		}
	}
	return Evaluate(labels, gold, pred)
}
