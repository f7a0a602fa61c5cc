package model

import "testing"

func TestClusterFeatures(t *testing.T) {
	cfg := DefaultConfig(UnfairToS).Features
	mask := uint64(1)<<cfg.Bits - 1
	tab := make([]byte, 1<<cfg.Bits)
	// "remove" and "eliminate" in one cluster, "delete" in another.
	tab[wordIndex(&TrainConfig{Features: cfg}, "remove")] = 7
	tab[wordIndex(&TrainConfig{Features: cfg}, "eliminate")] = 7
	tab[wordIndex(&TrainConfig{Features: cfg}, "delete")] = 8
	c := cfg.WithClusters(string(tab))
	seven := uint32(mix(seedCluster^7) & mask)
	eight := uint32(mix(seedCluster^8) & mask)
	for _, tc := range []struct {
		text         string
		seven, eight int
	}{
		{"we may remove or eliminate content", 2, 0},
		{"we may delete content", 0, 1},
		{"we may suspend your account", 0, 0},
	} {
		v := c.features(nil, Tokens(nil, tc.text), nil)
		plain := cfg.features(nil, Tokens(nil, tc.text), nil)
		n7, n8 := count(v.idx, seven), count(v.idx, eight)
		if n7-count(plain.idx, seven) != tc.seven || n8-count(plain.idx, eight) != tc.eight {
			t.Errorf("%q: cluster features 7 x%d, 8 x%d; want %d, %d", tc.text, n7, n8, tc.seven, tc.eight)
		}
		if len(v.idx) != len(plain.idx)+tc.seven+tc.eight {
			t.Errorf("%q: %d features, want the %d plain ones and the clusters'", tc.text, len(v.idx), len(plain.idx))
		}
	}
}

func count(idx []uint32, j uint32) int {
	n := 0
	for _, x := range idx {
		if x == j {
			n++
		}
	}
	return n
}
