package model

import (
	"fmt"
	"io"
	"math"
	"slices"
)

// KNNReport measures prototype features for the labels: each sentence's
// cosine similarity (over the linear model's IDF-weighted features) to its
// nearest positive training sentences of a label, added to the linear
// model's calibrated log-odds with a weight. It prints, for every weight,
// 5-fold CV over the train split's companies (neighbours from the other
// folds only) and the validation split (neighbours from all of train).
func KNNReport(dataDir string, cfg TrainConfig, log io.Writer) error {
	sents, _, err := ReadUnfairToS(dataDir)
	if err != nil {
		return err
	}
	train, val := splitUnfair(sents)
	labels := UnfairLabels
	cfg.Neural = nil
	tr := Train(cfg, train, labels)
	d := newDataset(&cfg.Features, train, labels)
	folds := foldsOf(d.groups, cfg.Folds, cfg.Seed)
	dim := 1 << cfg.Features.Bits
	dense := make([]float32, dim)
	unit := func(v *vector) ([]uint32, []float32) {
		for k, j := range v.idx {
			dense[j] += v.vals[k]
		}
		idx := slices.Clone(v.idx)
		slices.Sort(idx)
		idx = slices.Compact(idx)
		vals := make([]float32, len(idx))
		var n float64
		for k, j := range idx {
			vals[k] = dense[j]
			n += float64(dense[j]) * float64(dense[j])
			dense[j] = 0
		}
		if n > 0 {
			f := float32(1 / math.Sqrt(n))
			for k := range vals {
				vals[k] *= f
			}
		}
		return idx, vals
	}
	type sparse struct {
		idx  []uint32
		vals []float32
	}
	tv := make([]sparse, len(train))
	for i := range d.vecs {
		tv[i].idx, tv[i].vals = unit(&d.vecs[i])
	}
	const topK = 3
	// sim returns, per label, the mean of the topK highest cosines of q to
	// the label's positives outside fold skip (-1: none skipped).
	sim := func(q sparse, skip int, out []float64) {
		for k, j := range q.idx {
			dense[j] = q.vals[k]
		}
		for l := range labels {
			var top [topK]float64
			for p := range train {
				if !d.y[l][p] || (skip >= 0 && folds[p] == skip) {
					continue
				}
				var s float32
				for k, j := range tv[p].idx {
					s += dense[j] * tv[p].vals[k]
				}
				c := float64(s)
				if c > top[topK-1] {
					top[topK-1] = c
					slices.SortFunc(top[:], func(a, b float64) int {
						switch {
						case a > b:
							return -1
						case a < b:
							return 1
						}
						return 0
					})
				}
			}
			var m float64
			for _, c := range top {
				m += c / topK
			}
			out[l] = m
		}
		for _, j := range q.idx {
			dense[j] = 0
		}
	}
	knn := make([][]float64, len(train))
	for i := range train {
		knn[i] = make([]float64, len(labels))
		sim(tv[i], folds[i], knn[i])
	}
	m, err := Parse(tr.HeaderJSON(), tr.Table)
	if err != nil {
		return err
	}
	vk := make([][]float64, len(val))
	vp := make([][]float64, len(val))
	var toks []byte
	gold := make([][]string, len(val))
	for i, s := range val {
		gold[i] = s.Labels
		vp[i] = m.Scores(nil, s.Text)
		toks = Tokens(toks[:0], s.Text)
		v := cfg.Features.features(nil, toks, d.idf)
		v.setValues(d.idf)
		var q sparse
		q.idx, q.vals = unit(&v)
		vk[i] = make([]float64, len(labels))
		sim(q, -1, vk[i])
	}
	fmt.Fprintf(log, "kNN prototypes (mean of top %d cosines to a label's positives) added to the SVM's log-odds:\n", topK)
	fmt.Fprintf(log, "%6s %18s %18s\n", "weight", "CV micro/macro", "val micro/macro")
	for _, beta := range []float64{0, 1, 2, 4, 8, 16} {
		oof := make([][]float64, len(labels))
		for l := range labels {
			oof[l] = make([]float64, len(train))
			for i := range train {
				oof[l][i] = sigmoid(clampLogit(tr.OOF[l][i]) + beta*knn[i][l])
			}
		}
		cs := cvScores(&Trained{OOF: oof}, train, labels, cfg.Folds, cfg.Seed)
		pred := make([][]string, len(val))
		for l, name := range labels {
			t, _ := bestThreshold(oof[l], d.y[l])
			for i := range val {
				if sigmoid(clampLogit(vp[i][l])+beta*vk[i][l]) >= t {
					pred[i] = append(pred[i], name)
				}
			}
		}
		vs := Evaluate(labels, gold, pred)
		fmt.Fprintf(log, "%6.1f %8.1f /%6.1f %8.1f /%6.1f\n", beta, 100*cs.MicroF1, 100*cs.MacroF1, 100*vs.MicroF1, 100*vs.MacroF1)
	}
	return nil
}
