package model

import (
	"math"
	"testing"
)

// TestLabelAgreement checks the pairs found and the counts on a small
// set: a twin pair across companies whose labels differ in one of two,
// a twin pair within one company (not counted), an unlabelled twin pair
// and a short sentence (never a candidate).
func TestLabelAgreement(t *testing.T) {
	long := "we may suspend or terminate your account at any time without notice for any reason"
	sents := []LabelledSentence{
		{Text: long, Labels: []string{"TER", "CH"}, Group: "a"},
		{Text: long + " whatsoever", Labels: []string{"TER"}, Group: "b"},
		{Text: long, Labels: []string{"TER"}, Group: "a"},
		{Text: "these terms are governed by the laws of the state of california without regard to conflicts", Group: "a"},
		{Text: "these terms are governed by the laws of the state of california without regard to conflict rules", Group: "c"},
		{Text: "short sentence here", Labels: []string{"A"}, Group: "d"},
	}
	got := LabelAgreement(sents, 0.8)
	// Pairs across groups: 0-1, 1-2 (a and b), 3-4 (a and c).
	want := Agreement{Pairs: 3, Labelled: 2, Differ: 1, Instances: 3, Disputed: 1}
	if got != want {
		t.Fatalf("LabelAgreement = %+v, want %+v", got, want)
	}
	if f := got.F1(); math.Abs(f-80) > 1e-9 {
		t.Errorf("F1 = %v, want 80", f)
	}
}
