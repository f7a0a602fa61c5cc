package model

import (
	"slices"
	"testing"
)

func TestDocSpans(t *testing.T) {
	var sents []LabelledSentence
	for _, g := range []string{"a", "a", "b", "c", "c", "c"} {
		sents = append(sents, LabelledSentence{Group: g})
	}
	start, end := docSpans(sents)
	if want := []int{0, 0, 2, 3, 3, 3}; !slices.Equal(start, want) {
		t.Errorf("starts %v, want %v", start, want)
	}
	if want := []int{2, 2, 3, 6, 6, 6}; !slices.Equal(end, want) {
		t.Errorf("ends %v, want %v", end, want)
	}
}

// A sentence's inputs: its own log-odds, its neighbours' inside its
// document, and the pad past the document's edge.
func TestContextFeatures(t *testing.T) {
	// Two labels over one document of four sentences, [1, 5).
	x := [][]float64{
		{9, -1, 2, -3, 4, 9},
		{9, 0, -2, 5, -6, 9},
	}
	pad := []float64{-10, -20}
	for _, tc := range []struct {
		name string
		o    ContextOptions
		i, l int
		want []float64
	}{
		{"alone", ContextOptions{}, 2, 0, []float64{2}},
		{"window 1", ContextOptions{Window: 1}, 2, 0, []float64{2, -1}},
		{"first sentence", ContextOptions{Window: 1, Sides: true}, 1, 0, []float64{-1, -10, 2}},
		{"window 2", ContextOptions{Window: 2}, 2, 0, []float64{2, -1, 4}},
		{"sides", ContextOptions{Window: 2, Sides: true}, 3, 0, []float64{-3, 2, 4, -1, -10}},
		{"max", ContextOptions{Window: 2, Max: true}, 4, 0, []float64{4, -3, 2, 2}},
		{"cross", ContextOptions{Window: 1, Cross: true}, 2, 0, []float64{2, -1, 5}},
		{"other label", ContextOptions{Window: 1, Cross: true}, 4, 1, []float64{-6, 5, 4}},
		{"probabilities", ContextOptions{Window: 1, Prob: true}, 3, 0, []float64{-3, sigmoid(4)}},
	} {
		got := tc.o.features(nil, x, pad, 1, 5, tc.i, tc.l)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: sentence %d, label %d: %v, want %v", tc.name, tc.i, tc.l, got, tc.want)
		}
	}
}

// A stage that reads only the sentence's own log-odds is a monotone map of
// them with thresholds tuned on the same folds, so it labels what the first
// stage alone does, but for a sentence that falls between the two training
// scores a threshold cuts between (the cut is their midpoint, which a
// monotone map moves): the check that the context figures differ from the
// plain ones by the neighbours. On the committed sample of validation
// sentences, scored by the embedded model.
func TestContextAloneIsPlain(t *testing.T) {
	m := loadModel(t, UnfairToS)
	var sents []LabelledSentence
	for _, s := range readSamples(t, "testdata/unfair_validation_sample.jsonl") {
		sents = append(sents, LabelledSentence{Text: s.Text, Labels: s.Labels, Group: s.Company})
	}
	d, x, probs := contextInputs(m, sents)
	cfg := &TrainConfig{Folds: 5, Seed: 1}
	plain := cvScoresOf(probs, sents, UnfairLabels, cfg.Folds, cfg.Seed, bestThreshold)
	alone := contextCV(cfg, d, x, sents, ContextOptions{Lambda: 1}, false)
	for li, l := range plain.Labels {
		a := alone.Labels[li]
		if diff := abs(a.TP-l.TP) + abs(a.FP-l.FP); diff > 1 {
			t.Errorf("%s: alone TP/FP/FN %d/%d/%d, plain %d/%d/%d", l.Label, a.TP, a.FP, a.FN, l.TP, l.FP, l.FN)
		}
	}
	if plain.MacroF1 < 0.5 {
		t.Errorf("plain macro-F1 %.3f: the sample is not being classified", plain.MacroF1)
	}
}

func abs(n int) int { return max(n, -n) }

// Where a label comes in pairs and the first stage is sure of only the
// first sentence of each, the second is told from an equally scored
// negative by its neighbour alone.
func TestContextReadsNeighbours(t *testing.T) {
	const docs, size = 20, 10
	n := docs * size
	x := [][]float64{make([]float64, n)}
	d := &dataset{y: [][]bool{make([]bool, n)}, groups: make([]int, n), names: []string{"LTD"}}
	sents := make([]LabelledSentence, n)
	for i := range n {
		doc, pos := i/size, i%size
		d.groups[i] = doc
		sents[i].Group = string(rune('A' + doc))
		x[0][i] = -5
		switch pos {
		case 3: // sure
			x[0][i] = 3
		case 4, 8: // unsure: 4 has the label, 8 not
			x[0][i] = 0
		}
		if pos == 3 || pos == 4 {
			d.y[0][i] = true
			sents[i].Labels = []string{"LTD"}
		}
	}
	cfg := &TrainConfig{Folds: 5, Seed: 1}
	alone := contextCV(cfg, d, x, sents, ContextOptions{Lambda: 1}, false)
	ctx := contextCV(cfg, d, x, sents, ContextOptions{Window: 1, Lambda: 1}, false)
	if a, c := alone.Labels[0].F1, ctx.Labels[0].F1; c != 1 || a >= c {
		t.Errorf("F1 alone %.3f, with the neighbours %.3f: want 1 with them, less alone", a, c)
	}
}

// A sentence reads its neighbours' words under the prefix, never a word of
// another company's terms.
func TestWithNeighbourWords(t *testing.T) {
	sents := []LabelledSentence{
		{Text: "we may terminate .", Group: "a"},
		{Text: "without notice .", Group: "a"},
		{Text: "disputes go to court .", Group: "b"},
	}
	got := withNeighbourWords(sents, 1, "zzc")
	want := []string{
		"we may terminate . zzcwithout zzcnotice",
		"without notice . zzcwe zzcmay zzcterminate",
		"disputes go to court .",
	}
	for i, w := range want {
		if got[i].Text != w {
			t.Errorf("sentence %d: %q, want %q", i, got[i].Text, w)
		}
	}
	if sents[0].Text != "we may terminate ." {
		t.Errorf("the input changed: %q", sents[0].Text)
	}
}
