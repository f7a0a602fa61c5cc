package model

import (
	"fmt"
	"io"
	"math"
	"slices"
)

// rankProbs returns probs [label][sentence] with every sentence's
// probability scaled by its ratio to the highest of its label in its
// company's terms, raised to gamma: p·(p/max)^gamma. Annotators mark a
// term's main arbitration, court or law sentence, one or two a company,
// not every sentence that speaks of it; the scaling lets only the
// strongest of a company's candidates through.
func rankProbs(probs [][]float64, sents []LabelledSentence, gamma []float64) [][]float64 {
	groups := groupIDs(sents)
	out := make([][]float64, len(probs))
	for li, ps := range probs {
		best := map[int]float64{}
		for i, p := range ps {
			best[groups[i]] = math.Max(best[groups[i]], p)
		}
		out[li] = make([]float64, len(ps))
		for i, p := range ps {
			if m := best[groups[i]]; m > 0 && gamma[li] > 0 {
				out[li][i] = p * math.Pow(p/m, gamma[li])
			} else {
				out[li][i] = p
			}
		}
	}
	return out
}

// RankReport measures rankProbs for every gamma given, per label: grouped
// CV on the train split (thresholds tuned outside each fold) for each fold
// seed, and with val the validation split, its probabilities scaled within
// each validation company and thresholds tuned on the train split's
// scaled out-of-fold probabilities.
func RankReport(dataDir string, cfg TrainConfig, seeds []uint64, gammas []float64, val bool, log io.Writer) error {
	sents, _, err := ReadUnfairToS(dataDir)
	if err != nil {
		return err
	}
	train, valid := splitUnfair(sents)
	printHeader(log)
	cvSums := make([][]float64, len(gammas))
	valSums := make([][]float64, len(gammas))
	for _, seed := range seeds {
		c := cfg
		c.Seed = seed
		tr := Train(c, train, UnfairLabels)
		var vp [][]float64
		if val {
			m, err := Parse(tr.HeaderJSON(), tr.Table)
			if err != nil {
				return err
			}
			vp = make([][]float64, len(UnfairLabels))
			for li := range vp {
				vp[li] = make([]float64, len(valid))
			}
			buf := make([]float64, len(UnfairLabels))
			for i, s := range valid {
				buf = m.Scores(buf, s.Text)
				for li, p := range buf {
					vp[li][i] = p
				}
			}
		}
		for gi, g := range gammas {
			gamma := slices.Repeat([]float64{g}, len(UnfairLabels))
			oof := rankProbs(tr.OOF, train, gamma)
			row := scoreRow(cvScoresOf(oof, train, UnfairLabels, c.Folds, seed, bestThreshold))
			printRow(log, fmt.Sprintf("cv g%g", g), fmt.Sprint(seed), row)
			addMean(&cvSums[gi], row, len(seeds))
			if !val {
				continue
			}
			scaled := rankProbs(vp, valid, gamma)
			gold := make([][]string, len(valid))
			pred := make([][]string, len(valid))
			for i, s := range valid {
				gold[i] = s.Labels
			}
			for li, name := range UnfairLabels {
				y := make([]bool, len(train))
				for i, s := range train {
					y[i] = slices.Contains(s.Labels, name)
				}
				t, _ := bestThreshold(oof[li], y)
				for i, p := range scaled[li] {
					if p >= t {
						pred[i] = append(pred[i], name)
					}
				}
			}
			row = scoreRow(Evaluate(UnfairLabels, gold, pred))
			printRow(log, fmt.Sprintf("val g%g", g), fmt.Sprint(seed), row)
			addMean(&valSums[gi], row, len(seeds))
		}
	}
	for gi, g := range gammas {
		printRow(log, fmt.Sprintf("cv g%g", g), "mean", cvSums[gi])
		if val {
			printRow(log, fmt.Sprintf("val g%g", g), "mean", valSums[gi])
		}
	}
	return nil
}
