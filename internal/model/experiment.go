package model

import (
	"fmt"
	"io"
	"strings"
)

// SeedReport measures a recipe the way choices are made: for every fold
// seed, 5-fold CV over the train split's companies (thresholds tuned
// outside each fold), each label's F1 and the LexGLUE micro/macro, then
// the means over the seeds. The validation split is not read. Extra
// variants that only post-process the out-of-fold probabilities are scored
// on the same runs.
func SeedReport(dataDir string, cfg TrainConfig, seeds []uint64, log io.Writer) error {
	sents, _, err := ReadUnfairToS(dataDir)
	if err != nil {
		return err
	}
	train, _ := splitUnfair(sents)
	type variant struct {
		name  string
		score func(tr *Trained, seed uint64) Scores
	}
	variants := []variant{
		{"plain", func(tr *Trained, seed uint64) Scores {
			return cvScores(tr, train, UnfairLabels, cfg.Folds, seed)
		}},
	}
	sums := make([][]float64, len(variants))
	fmt.Fprintf(log, "%-8s %-5s", "variant", "seed")
	for _, l := range UnfairLabels {
		fmt.Fprintf(log, " %5s", l)
	}
	fmt.Fprintf(log, " %5s %6s %6s\n", "none", "micro", "macro")
	for _, seed := range seeds {
		c := cfg
		c.Seed = seed
		tr := Train(c, train, UnfairLabels)
		for vi, v := range variants {
			sc := v.score(tr, seed)
			row := make([]float64, 0, len(UnfairLabels)+3)
			for _, l := range sc.Labels {
				row = append(row, l.F1)
			}
			row = append(row, sc.None.F1, sc.MicroF1, sc.MacroF1)
			printRow(log, v.name, fmt.Sprint(seed), row)
			if sums[vi] == nil {
				sums[vi] = make([]float64, len(row))
			}
			for i, x := range row {
				sums[vi][i] += x
			}
		}
	}
	for vi, v := range variants {
		for i := range sums[vi] {
			sums[vi][i] /= float64(len(seeds))
		}
		printRow(log, v.name, "mean", sums[vi])
	}
	return nil
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
