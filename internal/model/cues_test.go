package model

import "testing"

func TestCueLookup(t *testing.T) {
	tests := []struct {
		word string
		want cue
	}{
		{"arbitration", cueArb},
		{"arbitrator", cueArb},
		{"jams", cueArb},
		{"modifies", cueChange},
		{"amendments", cueChange},
		{"terminate", cueTerminate},
		{"suspension", cueTerminate},
		{"governed", cueGovern},
		{"laws", cueLaw},
		{"law", cueLaw},
		{"we", cueWe},
		{"liability", cueLiable},
		{"consequential", cueDamages},
		{"edit", cueRemove},
		{"editorial", cueRemove}, // stems over-match a little; the model weighs them
		{"lawn", numCues},        // a short stem matches the whole word only
		{"the", numCues},
		{"zebra", numCues},
	}
	for _, tt := range tests {
		if got := defaultCues.lookup([]byte(tt.word)); got != tt.want {
			t.Errorf("lookup(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

// The cue features of raw sentences: classes present, and classes in a
// negation scope, found among the sentence's hashed features.
func TestSentenceCues(t *testing.T) {
	tests := []struct {
		text        string
		has, notHas []cue
		neg, notNeg []cue
	}{
		{"We may terminate your account at any time, without notice.",
			[]cue{cueWe, cueMay, cueTerminate, cueAccount, cueTime, cueNotice}, []cue{cueArb},
			[]cue{cueNotice}, []cue{cueTerminate}},
		{"Any dispute shall be resolved by binding arbitration administered by JAMS.",
			[]cue{cueDispute, cueArb, cueAgree}, []cue{cueLaw}, nil, []cue{cueArb}},
		{"These Terms are governed by the laws of the State of California.",
			[]cue{cueTerms, cueGovern, cueLaw, cuePlace}, []cue{cueNotice}, nil, []cue{cueLaw}},
		{"You will not be notified.", []cue{cueYou, cueNotice}, nil, []cue{cueNotice}, nil},
	}
	c := FeatureConfig{Bits: 22, Bigrams: true, Cues: true}
	mask := uint64(1)<<c.Bits - 1
	for _, tt := range tests {
		v := c.features(nil, Tokens(nil, tt.text), nil)
		got := map[uint32]bool{}
		for _, j := range v.idx {
			got[j] = true
		}
		check := func(seed uint64, cs []cue, want bool, what string) {
			for _, k := range cs {
				if got[uint32(mix(seed^(uint64(k)+1))&mask)] != want {
					t.Errorf("%q: %s cue %d present = %v, want %v", tt.text, what, k, !want, want)
				}
			}
		}
		check(seedCue, tt.has, true, "plain")
		check(seedCue, tt.notHas, false, "plain")
		check(seedCueNeg, tt.neg, true, "negated")
		check(seedCueNeg, tt.notNeg, false, "negated")
	}
}
