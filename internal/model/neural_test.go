package model

import (
	"bytes"
	"math"
	"testing"
)

// A small network ensemble trained on real UNFAIR-ToS sentences: training
// is byte-for-byte reproducible, the stored weights parse back, quantised
// inference stays close to the float network, and the networks learn the
// training labels.
func TestNeuralTrainReproducible(t *testing.T) {
	for _, weighted := range []bool{false, true} {
		t.Run(map[bool]string{false: "mean", true: "weighted"}[weighted], func(t *testing.T) {
			testNeuralTrain(t, weighted)
		})
	}
}

func testNeuralTrain(t *testing.T, weighted bool) {
	samples := readSamples(t, "testdata/unfair_validation_sample.jsonl")
	sents := make([]LabelledSentence, len(samples))
	for i, s := range samples {
		sents[i] = LabelledSentence{Text: s.Text, Labels: s.Labels, Group: s.Company}
	}
	cfg := DefaultConfig(UnfairToS)
	cfg.Features.Bits = 12
	cfg.Folds = 3
	cfg.Neural = &NeuralConfig{Dim: 8, Hidden: 8, Epochs: 8, LR: 0.01, Batch: 8, Dropout: 0.1, FeatDrop: 0.1, Members: 2, Blend: -1, Weighted: weighted}
	train := func() *Trained {
		tr := Train(cfg, sents, UnfairLabels)
		if err := addNeural(tr, cfg, sents, nil, nil, nil); err != nil {
			t.Fatal(err)
		}
		return tr
	}
	a, b := train(), train()
	if !bytes.Equal(a.Table, b.Table) || !bytes.Equal(a.HeaderJSON(), b.HeaderJSON()) {
		t.Fatal("two training runs with one seed differ")
	}
	m, err := Parse(a.HeaderJSON(), a.Table)
	if err != nil {
		t.Fatal(err)
	}
	if m.nn == nil || len(m.nn.members) != 2 {
		t.Fatalf("parsed model has no network ensemble of 2")
	}
	if _, err := Parse(a.HeaderJSON(), a.Table[:len(a.Table)-3]); err == nil {
		t.Error("a truncated table parsed")
	}
	// Retrain the float networks to compare with their quantised form.
	d := newDataset(&cfg.Features, sents, UnfairLabels)
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	nc := *a.Header.Train.Neural
	nets := trainMembers(&nc, cfg.PosWeight, 1<<cfg.Features.Bits, d.vecs, d.y, all, nil, cfg.Seed+7777, 2)
	s := m.nn.newScratch(len(UnfairLabels))
	want := make([]float64, len(UnfairLabels))
	got := make([]float64, len(UnfairLabels))
	var worst float64
	correct, total := 0, 0
	for i := range sents {
		meanLogits(nets, &d.vecs[i], nc.Weighted, want)
		m.nn.logOdds(got, &d.vecs[i], m.idf, s)
		for l := range want {
			p := m.nn.platt[l]
			worst = math.Max(worst, math.Abs(p[0]*want[l]+p[1]-got[l]))
			if (want[l] > 0) == d.y[l][i] {
				correct++
			}
			total++
		}
	}
	t.Logf("quantisation error up to %.3f in log-odds; %d of %d training labels right", worst, correct, total)
	if worst > 0.5 {
		t.Errorf("quantised log-odds differ from the float network's by up to %.3f", worst)
	}
	if acc := float64(correct) / float64(total); acc < 0.95 {
		t.Errorf("the networks get %.3f of the training labels right, want ≥ 0.95", acc)
	}
}

// BenchmarkNeuralScores measures Scores with a network ensemble of the
// width tools/train's -neural flags default to (3 members of 32×32 over
// 2^16 features) blended with the linear model, trained briefly on the
// validation sample (the cost does not depend on the weights' values):
//
//	go test -run '^$' -bench NeuralScores -cpu 1 ./internal/model
func BenchmarkNeuralScores(b *testing.B) {
	samples := readSamples(b, "testdata/unfair_validation_sample.jsonl")
	sents := make([]LabelledSentence, len(samples))
	for i, s := range samples {
		sents[i] = LabelledSentence{Text: s.Text, Labels: s.Labels, Group: s.Company}
	}
	for _, weighted := range []bool{false, true} {
		b.Run(map[bool]string{false: "mean", true: "weighted"}[weighted], func(b *testing.B) {
			cfg := DefaultConfig(UnfairToS)
			cfg.Epochs = 2
			cfg.Folds = 2
			cfg.Neural = &NeuralConfig{Dim: 32, Hidden: 32, Epochs: 1, LR: 0.003, Batch: 16, Members: 3, Blend: 0.5, Weighted: weighted}
			tr := Train(cfg, sents, UnfairLabels)
			if err := addNeural(tr, cfg, sents, nil, nil, nil); err != nil {
				b.Fatal(err)
			}
			m, err := Parse(tr.HeaderJSON(), tr.Table)
			if err != nil {
				b.Fatal(err)
			}
			dst := make([]float64, len(UnfairLabels))
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime(b)
			for i := 0; i < b.N; i++ {
				dst = m.Scores(dst, samples[i%len(samples)].Text)
			}
			cpu := cpuTime(b) - cpu0
			b.ReportMetric(float64(b.N)/cpu.Seconds(), "sentences/cpu-s")
		})
	}
}
