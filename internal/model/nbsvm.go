package model

import "math"

// nbRatios returns label li's naive Bayes log-count ratio of every hashed
// feature over rows, r = log((p/|p|1)/(q/|q|1)) with p and q the smoothed
// counts of the texts (binarised) with and without the label, and whether
// each feature occurs in rows at all.
func nbRatios(d *dataset, li int, rows []int, alpha float64, dim int) ([]float32, []bool) {
	p := make([]float64, dim)
	q := make([]float64, dim)
	last := make([]int32, dim)
	seen := make([]bool, dim)
	for _, r := range rows {
		c := q
		if d.y[li][r] {
			c = p
		}
		for _, j := range d.vecs[r].idx {
			if last[j] != int32(r+1) {
				last[j] = int32(r + 1)
				c[j]++
				seen[j] = true
			}
		}
	}
	var sp, sq float64
	for j := range p {
		p[j] += alpha
		q[j] += alpha
		sp += p[j]
		sq += q[j]
	}
	out := make([]float32, dim)
	for j := range out {
		out[j] = float32(math.Log(p[j] / sp * sq / q[j]))
	}
	return out, seen
}

// trainNBSVM trains label li's SVM on features scaled by their log-count
// ratios and folds the ratios into the returned weights, so they apply to
// the plain features.
func trainNBSVM(cfg *TrainConfig, d *dataset, li int, rows []int, seed uint64) linear {
	dim := 1 << cfg.Features.Bits
	r, seen := nbRatios(d, li, rows, cfg.NBAlpha, dim)
	vecs := make([]vector, len(d.vecs))
	for _, i := range rows {
		v := d.vecs[i]
		v.vals = make([]float32, len(v.idx))
		for n, j := range v.idx {
			v.vals[n] = d.vecs[i].vals[n] * r[j]
		}
		vecs[i] = v
	}
	l := trainSVM(cfg, vecs, sqNorms(vecs), d.cost, d.y[li], rows, seed)
	var mean float64
	if cfg.NBMean > 0 {
		var sum float64
		n := 0
		for j, w := range l.w {
			if seen[j] {
				sum += math.Abs(float64(w))
				n++
			}
		}
		if n > 0 {
			mean = sum / float64(n)
		}
	}
	beta := 1 - cfg.NBMean
	for j := range l.w {
		if !seen[j] {
			l.w[j] = 0
			continue
		}
		l.w[j] = float32((cfg.NBMean*mean + beta*float64(l.w[j])) * float64(r[j]))
	}
	return l
}
