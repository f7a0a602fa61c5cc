package model

import (
	"math"
	"slices"
	"testing"
)

// UNFAIR-ToS sentences: Masquerade copied WhatsApp's arbitration notice.
var dupSents = []LabelledSentence{
	{Group: "WhatsApp", Labels: []string{"A"}, Text: "if you are a whatsapp user located in the united states or canada , our terms contain a binding arbitration provision , which states that , except if you opt out and except for certain types of disputes , whatsapp and you agree to resolve all disputes through binding individual arbitration , which means that you waive any right to have those disputes decided by a judge or jury , and that you waive your right to participate in class actions , class arbitrations , or representative actions . "},
	{Group: "WhatsApp", Labels: []string{"TER"}, Text: "we may terminate your whatsapp account if you repeatedly infringe the intellectual property rights of others . "},
	{Group: "Masquerade", Labels: []string{"A"}, Text: "if you are a masquerade user located in the united states or canada , our terms contain a binding arbitration provision , which states that , except if you opt out and except for certain types of disputes , masquerade and you agree to resolve all disputes through binding individual arbitration , which means that you waive your right to participate in class actions , class arbitrations , or representative actions . "},
	{Group: "Masquerade", Labels: []string{"CH", "TER"}, Text: "masquerade reserves the right to change , suspend , remove , discontinue , impose limits on , or disable access to the services or any portions thereof or your use thereof . "},
}

func dupDataset() *dataset {
	cfg := DefaultConfig(UnfairToS)
	return newDataset(&cfg.Features, dupSents, UnfairLabels)
}

func TestNearDuplicates(t *testing.T) {
	got := nearDuplicates(dupDataset(), 0.6)
	want := [][]int32{{2}, nil, {0}, nil}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("sentence %d: near-duplicates %v, want %v", i, got[i], want[i])
		}
	}
}

func TestPruned(t *testing.T) {
	d := dupDataset()
	d.dups = nearDuplicates(d, 0.6)
	all := []int{0, 1, 2, 3}
	cfg := DefaultConfig(UnfairToS)
	if pruned(&cfg, d, all) != d {
		t.Fatal("pruned without its settings copied the dataset")
	}

	cfg.DupWeight = 1
	p := pruned(&cfg, d, all)
	if want := []float32{0.5, 1, 0.5, 1}; !slices.Equal(p.cost, want) {
		t.Errorf("dup-weight costs %v, want %v", p.cost, want)
	}
	// A duplicate outside the training rows does not count.
	if p := pruned(&cfg, d, []int{0, 1, 3}); p.cost[0] != 1 {
		t.Errorf("cost of a text whose duplicate is held out: %v, want 1", p.cost[0])
	}

	cfg = DefaultConfig(UnfairToS)
	cfg.MinGroups = 2
	p = pruned(&cfg, d, all)
	// A feature keeps its value only when both companies' sentences have
	// it ("arbitration" does, "terminate" does not).
	groups := map[uint32]map[string]bool{}
	for r, s := range dupSents {
		for _, j := range d.vecs[r].idx {
			if groups[j] == nil {
				groups[j] = map[string]bool{}
			}
			groups[j][s.Group] = true
		}
	}
	if len(groups[wordIndex(&cfg, "arbitration")]) != 2 || len(groups[wordIndex(&cfg, "terminate")]) != 1 {
		t.Fatal("test words not where expected")
	}
	kept := 0
	for r := range all {
		for n, j := range p.vecs[r].idx {
			want := d.vecs[r].vals[n]
			if len(groups[j]) < 2 {
				want = 0
			} else {
				kept++
			}
			if p.vecs[r].vals[n] != want {
				t.Errorf("sentence %d feature %d: value %v, want %v", r, j, p.vecs[r].vals[n], want)
			}
		}
	}
	if kept == 0 {
		t.Error("no feature kept")
	}
}

// wordIndex is the hashed index of a single word's unigram feature.
func wordIndex(cfg *TrainConfig, word string) uint32 {
	return uint32(hashBytes(seedWord, []byte(word)) & (1<<cfg.Features.Bits - 1))
}

func TestNBRatios(t *testing.T) {
	d := dupDataset()
	cfg := DefaultConfig(UnfairToS)
	li := slices.Index(UnfairLabels, "A")
	r, seen := nbRatios(d, li, []int{0, 1, 2, 3}, 1, 1<<cfg.Features.Bits)
	arb, term := wordIndex(&cfg, "arbitration"), wordIndex(&cfg, "terminate")
	if !seen[arb] || !seen[term] || seen[wordIndex(&cfg, "jurisdiction")] {
		t.Fatal("seen features wrong")
	}
	if !(r[arb] > 0 && r[term] < 0) {
		t.Errorf("log-count ratios for A: arbitration %v (want > 0), terminate %v (want < 0)", r[arb], r[term])
	}
	// The ratios folded into the weights give the scaled model's margins.
	cfg.NBAlpha = 1
	l := trainNBSVM(&cfg, d, li, []int{0, 1, 2, 3}, 1)
	if m0, m1 := l.margin(&d.vecs[0]), l.margin(&d.vecs[1]); !(m0 > 0 && m1 < 0) || math.IsNaN(m0) {
		t.Errorf("NB-SVM margins on its training texts: %v (A), %v (not A)", m0, m1)
	}
}
