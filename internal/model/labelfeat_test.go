package model

import (
	"slices"
	"testing"
)

func TestSelectFeatures(t *testing.T) {
	d := dupDataset()
	all := []int{0, 1, 2, 3}
	cfg := DefaultConfig(UnfairToS)
	cfg.PosGroups = 2
	a := slices.Index(UnfairLabels, "A")
	keep := selectFeatures(&cfg, d, a, all)
	// Both companies' arbitration sentences have "arbitration"; only
	// WhatsApp's has "jury"; no positive has "terminate".
	for w, want := range map[string]bool{"arbitration": true, "jury": false, "terminate": true} {
		if got := keep[wordIndex(&cfg, w)]; got != want {
			t.Errorf("A, -pos-groups 2: keep %q = %v, want %v", w, got, want)
		}
	}
	cfg = DefaultConfig(UnfairToS)
	cfg.TopK = 10
	seen := map[uint32]bool{}
	for _, v := range d.vecs {
		for _, j := range v.idx {
			seen[j] = true
		}
	}
	// Features no training text has keep a zero weight anyway.
	n := 0
	for j, k := range selectFeatures(&cfg, d, a, all) {
		if k && seen[uint32(j)] {
			n++
		}
	}
	if n != 10 {
		t.Errorf("A, -top-k 10: %d of the texts' features kept, want 10", n)
	}
}
