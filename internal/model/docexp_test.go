package model

import (
	"slices"
	"testing"
)

// needs picks the categories found with a category in at least Gate of
// its training documents, only among those in at most GateBase of all,
// and only for a category with GateMin training positives.
func TestStageNeeds(t *testing.T) {
	const n = 20
	gold := make([][]bool, 4)
	for i := range gold {
		gold[i] = make([]bool, n)
	}
	for ci := range n {
		gold[0][ci] = ci < 12             // A: 12 documents
		gold[1][ci] = ci < 12             // B: with every A, base 0.6
		gold[2][ci] = ci < 19             // C: with every A, base 0.95
		gold[3][ci] = ci < 11 || ci == 15 // D: 11 of the 12 A
	}
	train := make([]bool, n)
	for i := range train {
		train[i] = true
	}
	clause := []int{0, 1, 2, 3}
	for _, tc := range []struct {
		opt  StageOptions
		want []int
	}{
		{StageOptions{Gate: 0.95, GateMin: 10, GateBase: 0.6}, []int{1}},
		{StageOptions{Gate: 0.95, GateMin: 10}, []int{1, 2}},
		{StageOptions{Gate: 0.9, GateMin: 10, GateBase: 0.6}, []int{1, 3}},
		{StageOptions{Gate: 0.95, GateMin: 13, GateBase: 0.6}, nil},
		{StageOptions{Gate: 0.95, GateMin: 10, GateMax: 12, GateBase: 0.6}, nil},
	} {
		dt := &docTraining{opt: tc.opt, gold: gold, docs: make([]docInput, n)}
		if got := dt.needs(0, clause, train); !slices.Equal(got, tc.want) {
			t.Errorf("%+v: needs %v, want %v", tc.opt, got, tc.want)
		}
	}
}

// gate clears a decision whose needs are not decided present in the same
// document, with needs chosen on the other folds.
func TestStageGate(t *testing.T) {
	const n = 40
	gold := [][]bool{make([]bool, n), make([]bool, n)}
	folds := make([]int, n)
	for ci := range n {
		gold[0][ci] = ci%4 == 0 // A in a quarter
		gold[1][ci] = ci%4 == 0 // B with every A
		folds[ci] = ci % 5
	}
	pred := [][]bool{make([]bool, n), make([]bool, n)}
	for ci := range n {
		pred[0][ci] = true    // A decided everywhere
		pred[1][ci] = ci < 20 // B in the first half
	}
	dt := &docTraining{opt: StageOptions{Gate: 0.95, GateMin: 5, GateBase: 0.6}, gold: gold, folds: folds, k: 5, docs: make([]docInput, n)}
	st := &DocStage{Labels: []DocLabel{{Name: "A"}, {Name: "B"}}}
	dt.gate(st, pred, []string{"A", "B"}, []int{0, 1})
	for ci := range n {
		if pred[0][ci] != (ci < 20) {
			t.Errorf("document %d: A decided %v, want %v", ci, pred[0][ci], ci < 20)
		}
	}
	if !slices.Equal(st.Labels[0].Needs, []string{"B"}) || !slices.Equal(st.Labels[1].Needs, []string{"A"}) {
		t.Errorf("needs %v and %v, want [B] and [A]", st.Labels[0].Needs, st.Labels[1].Needs)
	}
}

// A bootstrapped threshold separates separable scores and is the same
// for the same seed.
func TestBootstrapThreshold(t *testing.T) {
	scores := []float64{0.9, 0.8, 0.75, 0.7, 0.3, 0.2, 0.1, 0.05}
	y := []bool{true, true, true, true, false, false, false, false}
	th := bootstrapThreshold(scores, y, 50, 1)
	if th <= 0.3 || th >= 0.7 {
		t.Errorf("threshold %v, want between 0.3 and 0.7", th)
	}
	if again := bootstrapThreshold(scores, y, 50, 1); again != th {
		t.Errorf("threshold %v then %v for the same seed", th, again)
	}
	if got := bootstrapThreshold(nil, nil, 50, 1); got != 0.5 {
		t.Errorf("no scores: threshold %v, want 0.5", got)
	}
}

// The kinds of contract its title names, from the tokens of its start.
func TestTitleTypes(t *testing.T) {
	kind := func(stem string) int {
		return slices.IndexFunc(contractKinds, func(s []string) bool { return slices.Contains(s, stem) })
	}
	for _, tc := range []struct {
		toks string
		want []int
	}{
		{"exhibit 0.0 distributor agreement\nthis distributor agreement is made by", []int{kind("distribut")}},
		{"co-branding and hosting agreement between", []int{kind("co-brand"), kind("hosting")}},
		{"the company shall license the software", nil},
	} {
		var got []int
		for k, has := range titleTypes(tc.toks) {
			if has {
				got = append(got, k)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: kinds %v, want %v", tc.toks, got, tc.want)
		}
	}
}
