package model

import (
	"math"
	"math/rand/v2"
)

// WordClusters groups the words of the unlabelled legal text under dataDir
// (CUAD contracts and templates; no UNFAIR-ToS text) into k clusters of
// their skip-gram vectors (dim wide, cached in cache when not empty) by
// spherical k-means, and returns a table from a word's unigram feature
// index (2^bits) to its cluster plus one, 0 for words not seen. A cluster
// feature lets a word the training sentences never used ("eliminate")
// borrow the weight of its neighbours ("remove").
func WordClusters(dataDir string, bits, k, dim int, cache string) (string, error) {
	docs, err := PretrainText(dataDir, nil)
	if err != nil {
		return "", err
	}
	vecs := cachedVectors(cache, func() []float32 {
		return pretrainVectors(docs, bits, DefaultSkipGram(dim))
	})
	normaliseRows(vecs, dim, 1)
	var rows []int
	for j := 0; j < 1<<bits; j++ {
		for _, x := range vecs[j*dim : j*dim+dim] {
			if x != 0 {
				rows = append(rows, j)
				break
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 0xc105))
	cent := make([]float64, k*dim)
	for c := range k {
		r := rows[rng.IntN(len(rows))]
		for i := range dim {
			cent[c*dim+i] = float64(vecs[r*dim+i])
		}
	}
	assign := make([]int, len(rows))
	for it := 0; it < 20; it++ {
		for n, r := range rows {
			best, bi := math.Inf(-1), 0
			v := vecs[r*dim : r*dim+dim]
			for c := range k {
				var s float64
				for i, x := range v {
					s += float64(x) * cent[c*dim+i]
				}
				if s > best {
					best, bi = s, c
				}
			}
			assign[n] = bi
		}
		clear(cent)
		for n, r := range rows {
			for i := range dim {
				cent[assign[n]*dim+i] += float64(vecs[r*dim+i])
			}
		}
		for c := range k {
			var ss float64
			for i := range dim {
				ss += cent[c*dim+i] * cent[c*dim+i]
			}
			if ss == 0 {
				continue
			}
			f := 1 / math.Sqrt(ss)
			for i := range dim {
				cent[c*dim+i] *= f
			}
		}
	}
	tab := make([]byte, 1<<bits)
	for n, r := range rows {
		tab[r] = byte(assign[n] + 1)
	}
	return string(tab), nil
}
