package model

import (
	"math"
	"testing"
)

// TestRankProbs checks the scaling by a company's highest probability:
// each company's best sentence keeps its probability, the others shrink
// by their ratio to it, and gamma 0 leaves a label as it is.
func TestRankProbs(t *testing.T) {
	sents := []LabelledSentence{{Group: "a"}, {Group: "a"}, {Group: "b"}}
	probs := [][]float64{{0.8, 0.4, 0.2}, {0.8, 0.4, 0.2}}
	got := rankProbs(probs, sents, []float64{1, 0})
	want := [][]float64{{0.8, 0.2, 0.2}, {0.8, 0.4, 0.2}}
	for li := range want {
		for i := range want[li] {
			if math.Abs(got[li][i]-want[li][i]) > 1e-12 {
				t.Errorf("label %d sentence %d: %v, want %v", li, i, got[li][i], want[li][i])
			}
		}
	}
}
