package model

import (
	"cmp"
	"math"
	"slices"
)

// selectFeatures returns which features label li's model may weigh, by
// the settings' PosGroups and TopK over the training rows.
func selectFeatures(cfg *TrainConfig, d *dataset, li int, rows []int) []bool {
	dim := 1 << cfg.Features.Bits
	keep := make([]bool, dim)
	for j := range keep {
		keep[j] = true
	}
	if cfg.PosGroups > 0 {
		groups := make([]int32, dim)
		last := make([]int32, dim)
		for _, r := range rows {
			if !d.y[li][r] {
				continue
			}
			g := int32(d.groups[r] + 1)
			for _, j := range d.vecs[r].idx {
				if last[j] != g {
					last[j] = g
					groups[j]++
				}
			}
		}
		for j, n := range groups {
			if n > 0 && int(n) < cfg.PosGroups {
				keep[j] = false
			}
		}
	}
	if cfg.TopK > 0 {
		r, seen := nbRatios(d, li, rows, 1, dim)
		var ids []int
		for j := range r {
			if seen[j] {
				ids = append(ids, j)
			}
		}
		slices.SortFunc(ids, func(a, b int) int {
			return cmp.Compare(math.Abs(float64(r[b])), math.Abs(float64(r[a])))
		})
		if len(ids) > cfg.TopK {
			for _, j := range ids[cfg.TopK:] {
				keep[j] = false
			}
		}
	}
	return keep
}

// trainSVMSelected trains label li's SVM on the selected features only.
func trainSVMSelected(cfg *TrainConfig, d *dataset, li int, rows []int, seed uint64) linear {
	keep := selectFeatures(cfg, d, li, rows)
	vecs := make([]vector, len(d.vecs))
	for _, i := range rows {
		v := d.vecs[i]
		v.vals = make([]float32, len(v.idx))
		for n, j := range v.idx {
			if keep[j] {
				v.vals[n] = d.vecs[i].vals[n]
			}
		}
		vecs[i] = v
	}
	return trainSVM(cfg, vecs, sqNorms(vecs), d.cost, d.y[li], rows, seed)
}
