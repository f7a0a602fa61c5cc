package model

import (
	"math"
	"math/rand/v2"
	"slices"
)

// sqNorms returns the squared norm of every vector, counting a repeated
// index as one coordinate with a larger value.
func sqNorms(vecs []vector) []float32 {
	out := make([]float32, len(vecs))
	var buf []uint32
	for i := range vecs {
		v := &vecs[i]
		// Sum the values of repeated indices before squaring.
		buf = buf[:0]
		for k := range v.idx {
			buf = append(buf, uint32(k))
		}
		slices.SortFunc(buf, func(a, b uint32) int { return int(v.idx[a]) - int(v.idx[b]) })
		var s float64
		for k := 0; k < len(buf); {
			x := float64(v.vals[buf[k]])
			n := k + 1
			for n < len(buf) && v.idx[buf[n]] == v.idx[buf[k]] {
				x += float64(v.vals[buf[n]])
				n++
			}
			s += x * x
			k = n
		}
		out[i] = float32(s)
	}
	return out
}

// trainSVM fits an L2-regularised squared-hinge linear SVM by dual
// coordinate descent (Hsieh et al., ICML 2008) over rows. The bias is a
// constant feature of value 1, regularised like the weights. Positives get
// cost C*pw, negatives C, each times its cost factor (when cost is not nil).
func trainSVM(cfg *TrainConfig, vecs []vector, norms []float32, cost []float32, y []bool, rows []int, seed uint64) linear {
	dim := 1<<cfg.Features.Bits + cfg.Features.denseDim()
	l := linear{w: make([]float32, dim)}
	pos := 0
	for _, r := range rows {
		if y[r] {
			pos++
		}
	}
	pw := 1.0
	if pos > 0 {
		pw = math.Max(1, math.Min(cfg.PosWeight, math.Sqrt(float64(len(rows)-pos)/float64(pos))))
	}
	alpha := make([]float64, len(rows))
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0xd0a1))
	c := cfg.C
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		maxPG := 0.0
		for _, k := range order {
			r := rows[k]
			v := &vecs[r]
			yi, ci := -1.0, c
			if y[r] {
				yi, ci = 1, c*pw
			}
			if cost != nil {
				ci *= float64(cost[r])
			}
			dii := 1 / (2 * ci)
			g := yi*l.margin(v) - 1 + dii*alpha[k]
			pg := g
			if alpha[k] == 0 {
				pg = math.Min(g, 0)
			}
			if pg == 0 {
				continue
			}
			maxPG = math.Max(maxPG, math.Abs(pg))
			old := alpha[k]
			alpha[k] = math.Max(old-g/(float64(norms[r])+1+dii), 0)
			d := float32((alpha[k] - old) * yi)
			for n, j := range v.idx {
				l.w[j] += d * v.vals[n]
			}
			l.bias += d
		}
		if maxPG < 1e-3 {
			break
		}
	}
	return l
}

// trainLR fits an L2-regularised logistic regression by AdaGrad over rows,
// positives weighted like trainSVM's. The penalty is applied to the
// coordinates an example touches, scaled by how often the example set is
// visited, which keeps every step sparse.
func trainLR(cfg *TrainConfig, vecs []vector, y []bool, rows []int, seed uint64) linear {
	dim := 1 << cfg.Features.Bits
	l := linear{w: make([]float32, dim)}
	acc := make([]float32, dim)
	var accB float64
	pos := 0
	for _, r := range rows {
		if y[r] {
			pos++
		}
	}
	pw := 1.0
	if pos > 0 {
		pw = math.Max(1, math.Min(cfg.PosWeight, math.Sqrt(float64(len(rows)-pos)/float64(pos))))
	}
	lambda := float32(1 / (cfg.C * float64(len(rows))))
	order := slices.Clone(rows)
	rng := rand.New(rand.NewPCG(seed, 0x10f1))
	const eta = 0.5
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, r := range order {
			v := &vecs[r]
			p := sigmoid(l.margin(v))
			g, cw := p, 1.0
			if y[r] {
				g, cw = p-1, pw
			}
			g *= cw
			if g > -1e-6 && g < 1e-6 {
				continue
			}
			gf := float32(g)
			for n, j := range v.idx {
				gj := gf*v.vals[n] + lambda*l.w[j]
				acc[j] += gj * gj
				l.w[j] -= eta * gj / float32(math.Sqrt(float64(acc[j]))+1e-8)
			}
			accB += g * g
			l.bias -= float32(eta * g / (math.Sqrt(accB) + 1e-8))
		}
	}
	return l
}

// blend returns the average of two linear models, each first divided by the
// spread of its margins over rows so that neither dominates by scale.
func blend(a, b linear, vecs []vector, rows []int) linear {
	sa, sb := marginSpread(&a, vecs, rows), marginSpread(&b, vecs, rows)
	out := linear{w: make([]float32, len(a.w))}
	fa, fb := float32(0.5/sa), float32(0.5/sb)
	for j := range out.w {
		out.w[j] = fa*a.w[j] + fb*b.w[j]
	}
	out.bias = fa*a.bias + fb*b.bias
	return out
}

func marginSpread(l *linear, vecs []vector, rows []int) float64 {
	var s, ss float64
	for _, r := range rows {
		m := l.margin(&vecs[r])
		s += m
		ss += m * m
	}
	n := float64(len(rows))
	v := ss/n - (s/n)*(s/n)
	if v <= 1e-12 {
		return 1
	}
	return math.Sqrt(v)
}
