package model

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"time"
)

// blendGrid are the weights of the networks against the linear model that
// cross-validation chooses from when NeuralConfig.Blend is negative.
var blendGrid = []float64{0, 0.25, 0.5, 0.75, 1}

// DefaultSkipGram are the word-vector pretraining settings for dim.
func DefaultSkipGram(dim int) SkipGram {
	return SkipGram{Dim: dim, Window: 5, Negative: 5, Epochs: 3, MinCount: 3, LR: 0.025, Sample: 1e-4, Seed: 1}
}

// trainNeural pretrains word vectors when asked and adds the network
// ensemble to tr.
func trainNeural(tr *Trained, cfg TrainConfig, dataDir string, train, val []LabelledSentence, log io.Writer) error {
	var init []float32
	if cfg.Neural.Pretrained && cfg.Neural.GloVe != "" {
		wv, err := ReadWordVectors(cfg.Neural.GloVe)
		if err != nil {
			return err
		}
		init = gloveRows(wv, train, cfg.Features.Bits, cfg.Neural.Dim, cfg.Neural.GloVeTop)
		normaliseRows(init, cfg.Neural.Dim, 1)
	} else if cfg.Neural.Pretrained {
		texts := make([]string, len(train))
		for i, s := range train {
			texts[i] = s.Text
		}
		docs, err := PretrainText(dataDir, texts)
		if err != nil {
			return err
		}
		start := time.Now()
		init = cachedVectors(cfg.Neural.VectorsCache, func() []float32 {
			return pretrainVectors(docs, cfg.Features.Bits, DefaultSkipGram(cfg.Neural.Dim))
		})
		normaliseRows(init, cfg.Neural.Dim, 1)
		if log != nil {
			fmt.Fprintf(log, "word vectors pretrained in %s\n", time.Since(start).Round(time.Millisecond))
		}
	}
	return addNeural(tr, cfg, train, val, init, log)
}

// addNeural trains the network ensemble of cfg.Neural over train beside the
// linear model tr: out-of-fold logits over the same company folds give each
// label's calibration and, with the linear model's out-of-fold
// probabilities, the blend weight (when not fixed) and the thresholds; the
// final members are trained on all of train and appended to tr's table.
// init holds pretrained embedding rows or is nil. val, when not empty, is
// scored for every blend weight, for the log only.
func addNeural(tr *Trained, cfg TrainConfig, train, val []LabelledSentence, init []float32, log io.Writer) error {
	nc := *cfg.Neural
	labels := UnfairLabels
	d := newDataset(&cfg.Features, train, labels)
	workers := runtime.GOMAXPROCS(0)
	logits := neuralOOF(&nc, &cfg, d, init, workers)
	// zn and zs are the networks' and the linear model's calibrated
	// out-of-fold log-odds.
	zn, zs := make([][]float64, len(labels)), make([][]float64, len(labels))
	for l := range labels {
		a, b := plattSearch(logits[l], d.y[l])
		if log != nil {
			lo, hi := slices.Min(logits[l]), slices.Max(logits[l])
			fmt.Fprintf(log, "%s: out-of-fold logits %.1f..%.1f, calibration a=%.3f b=%.3f\n", labels[l], lo, hi, a, b)
		}
		tr.Header.Labels[l].NeuralA, tr.Header.Labels[l].NeuralB = a, b
		zn[l], zs[l] = make([]float64, len(train)), make([]float64, len(train))
		for i, x := range logits[l] {
			zn[l][i] = a*x + b
			zs[l][i] = clampLogit(tr.OOF[l][i])
		}
	}
	mixed := func(w float64) [][]float64 {
		out := make([][]float64, len(labels))
		for l := range out {
			out[l] = make([]float64, len(train))
			for i := range out[l] {
				out[l][i] = sigmoid((1-w)*zs[l][i] + w*zn[l][i])
			}
		}
		return out
	}
	cvOf := map[float64]Scores{}
	bestW, best := nc.Blend, -1.0
	for _, w := range blendGrid {
		sc := cvScores(&Trained{OOF: mixed(w)}, train, labels, cfg.Folds, cfg.Seed)
		cvOf[w] = sc
		if nc.Blend < 0 && sc.MacroF1 > best+1e-9 {
			bestW, best = w, sc.MacroF1
		}
	}
	nc.Blend = bestW
	tr.OOF = mixed(bestW)
	for l := range labels {
		tr.Header.Labels[l].Threshold, _ = bestThreshold(tr.OOF[l], d.y[l])
	}
	all := make([]int, len(train))
	for i := range all {
		all[i] = i
	}
	nets := trainMembers(&nc, cfg.PosWeight, 1<<cfg.Features.Bits, d.vecs, d.y, all, init, cfg.Seed+7777, workers)
	nm := &neuralModel{cfg: nc}
	for _, n := range nets {
		nm.members = append(nm.members, quantiseNet(n))
	}
	tr.Table = nm.appendBinary(tr.Table)
	tr.Header.Train.Neural = &nc
	if log == nil || len(val) == 0 {
		return nil
	}
	// Report every blend weight on the validation split, thresholds tuned
	// on the training folds as for the weight chosen.
	m, err := Parse(tr.HeaderJSON(), tr.Table)
	if err != nil {
		return err
	}
	nn := m.nn
	m.nn = nil
	s := nn.newScratch(len(labels))
	ps, pv := make([][]float64, len(val)), make([][]float64, len(val))
	var toks []byte
	for i, v := range val {
		ps[i] = m.Scores(nil, v.Text)
		toks = Tokens(toks[:0], v.Text)
		fv := cfg.Features.features(nil, toks, m.idf)
		pv[i] = make([]float64, len(labels))
		nn.logOdds(pv[i], &fv, m.idf, s)
	}
	gold := make([][]string, len(val))
	for i, v := range val {
		gold[i] = v.Labels
	}
	fmt.Fprintf(log, "neural %+v\n", nc)
	fmt.Fprintf(log, "%6s %18s %18s\n", "blend", "CV micro/macro", "val micro/macro")
	for _, w := range blendGrid {
		oof := mixed(w)
		pred := make([][]string, len(val))
		for l, name := range labels {
			t, _ := bestThreshold(oof[l], d.y[l])
			for i := range val {
				if sigmoid((1-w)*clampLogit(ps[i][l])+w*pv[i][l]) >= t {
					pred[i] = append(pred[i], name)
				}
			}
		}
		vs := Evaluate(labels, gold, pred)
		cs := cvOf[w]
		mark := ""
		if w == bestW {
			mark = " <- chosen"
		}
		fmt.Fprintf(log, "%6.2f %8.2f /%6.2f %8.2f /%6.2f%s\n", w, 100*cs.MicroF1, 100*cs.MacroF1, 100*vs.MicroF1, 100*vs.MacroF1, mark)
	}
	return nil
}

// normaliseRows scales every non-zero row of dim values to norm r.
func normaliseRows(rows []float32, dim int, r float64) {
	for i := 0; i < len(rows); i += dim {
		row := rows[i : i+dim]
		var s float64
		for _, x := range row {
			s += float64(x) * float64(x)
		}
		if s == 0 {
			continue
		}
		f := float32(r / math.Sqrt(s))
		for k := range row {
			row[k] *= f
		}
	}
}

// cachedVectors returns the vectors stored in path, or computes them with
// fn and stores them there; with path "" it only computes.
func cachedVectors(path string, fn func() []float32) []float32 {
	if path != "" {
		if b, err := os.ReadFile(path); err == nil && len(b)%4 == 0 {
			out := make([]float32, len(b)/4)
			for i := range out {
				out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
			}
			return out
		}
	}
	v := fn()
	if path != "" {
		b := make([]byte, 0, 4*len(v))
		for _, x := range v {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
		}
		os.WriteFile(path, b, 0o644) // a cache: failing to write costs only time
	}
	return v
}

// plattSearch fits p = sigmoid(a*m + b) like platt, by Newton's method
// with a backtracking line search (Lin, Lin and Weng, 2007): the networks'
// logits reach ±50, where plain Newton steps diverge.
func plattSearch(m []float64, y []bool) (a, b float64) {
	hi, lo, npos, nneg := plattTargets(y)
	target := func(i int) float64 {
		if y[i] {
			return hi
		}
		return lo
	}
	// loss is the cross-entropy against the smoothed targets, computed
	// stably for large |a*m+b|.
	loss := func(a, b float64) float64 {
		var f float64
		for i, x := range m {
			z := a*x + b
			f += math.Max(z, 0) - target(i)*z + math.Log1p(math.Exp(-math.Abs(z)))
		}
		return f
	}
	a, b = 0, math.Log((npos+1)/(nneg+1))
	f := loss(a, b)
	for it := 0; it < 100; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, x := range m {
			p := sigmoid(a*x + b)
			d := p - target(i)
			w := p * (1 - p)
			ga += d * x
			gb += d
			haa += w * x * x
			hab += w * x
			hbb += w
		}
		if math.Abs(ga) < 1e-6 && math.Abs(gb) < 1e-6 {
			break
		}
		haa += 1e-6
		hbb += 1e-6
		det := haa*hbb - hab*hab
		da := -(hbb*ga - hab*gb) / det
		db := -(haa*gb - hab*ga) / det
		step := 1.0
		for ; step > 1e-10; step /= 2 {
			if nf := loss(a+step*da, b+step*db); nf < f+1e-4*step*(ga*da+gb*db) {
				a, b, f = a+step*da, b+step*db, nf
				break
			}
		}
		if step <= 1e-10 {
			break
		}
	}
	return a, b
}
