package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
)

// adam holds one parameter block's Adam moments.
type adam struct{ m, v []float32 }

func newAdam(n int) adam { return adam{make([]float32, n), make([]float32, n)} }

const (
	adamB1  = 0.9
	adamB2  = 0.999
	adamEps = 1e-8
)

// step applies the gradient g to w; lr already holds the bias corrections.
// decay is decoupled weight decay (AdamW).
func (a *adam) step(w, g []float32, lr, decay float32) {
	for i, gi := range g {
		m := adamB1*a.m[i] + (1-adamB1)*gi
		v := adamB2*a.v[i] + (1-adamB2)*gi*gi
		a.m[i], a.v[i] = m, v
		w[i] -= lr*m/(float32(math.Sqrt(float64(v)))+adamEps) + decay*w[i]
	}
}

// trainNet fits one network on rows of vecs (feature indices) to the labels
// y[label][row], by Adam over minibatches with dropout, weighting each
// label's positives by the same capped sqrt(neg/pos) as the linear models.
// init, when not nil, gives starting embeddings [buckets][dim].
func trainNet(cfg *NeuralConfig, posCap float64, buckets int, vecs []vector, y [][]bool, rows []int, init []float32, seed uint64) *net {
	nl := len(y)
	d, hd := cfg.Dim, cfg.Hidden
	n := newNet(d, hd, nl, buckets)
	rng := rand.New(rand.NewPCG(seed, 0x6e6e))
	for i := range n.emb {
		n.emb[i] = float32((rng.Float64()*2 - 1) / float64(d))
	}
	// Pretrained rows (the words') replace the random ones.
	for i := 0; i < len(init); i += d {
		if slices.ContainsFunc(init[i:i+d], func(x float32) bool { return x != 0 }) {
			copy(n.emb[i:i+d], init[i:i+d])
		}
	}
	// He initialisation for the ReLU layer, small for the output.
	s1 := math.Sqrt(2 / float64(d))
	for i := range n.w1 {
		n.w1[i] = float32(rng.NormFloat64() * s1)
	}
	s2 := math.Sqrt(1 / float64(hd))
	for i := range n.w2 {
		n.w2[i] = float32(rng.NormFloat64() * s2 * 0.1)
	}
	pw := make([]float32, nl)
	for l := range y {
		pos := 0
		for _, r := range rows {
			if y[l][r] {
				pos++
			}
		}
		pw[l] = 1
		if pos > 0 {
			pw[l] = float32(math.Max(1, math.Min(posCap, math.Sqrt(float64(len(rows)-pos)/float64(pos)))))
		}
		// Start each output at its label's prior so early steps do not
		// spend themselves on the bias.
		p := (float64(pos) + 1) / (float64(len(rows)) + 2)
		n.b2[l] = float32(math.Log(p / (1 - p)))
	}
	aE, aW1, aB1, aW2, aB2 := newAdam(len(n.emb)), newAdam(len(n.w1)), newAdam(hd), newAdam(len(n.w2)), newAdam(nl)
	gE := make([]float32, len(n.emb))
	touched := make([]bool, buckets)
	var rowsTouched []uint32
	gW1, gB1 := make([]float32, len(n.w1)), make([]float32, hd)
	gW2, gB2 := make([]float32, len(n.w2)), make([]float32, nl)
	h, z, mask := make([]float32, d), make([]float32, hd), make([]float32, hd)
	out, dO, dz, dh := make([]float32, nl), make([]float32, nl), make([]float32, hd), make([]float32, d)
	var kept []uint32
	var keptVal []float32
	order := append([]int(nil), rows...)
	batch := max(cfg.Batch, 1)
	keepH := float32(1 - cfg.Dropout)
	t := 0
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for b0 := 0; b0 < len(order); b0 += batch {
			b1 := min(b0+batch, len(order))
			for _, r := range order[b0:b1] {
				kept, keptVal = kept[:0], keptVal[:0]
				for k, j := range vecs[r].idx {
					if cfg.FeatDrop == 0 || rng.Float64() >= cfg.FeatDrop {
						kept = append(kept, j)
						keptVal = append(keptVal, vecs[r].vals[k])
					}
				}
				if len(kept) == 0 {
					continue
				}
				// inv is the factor of every feature's embedding: 1/count
				// for a mean, 1/(1-dropout) times its value when weighted.
				inv := 1 / float32(len(kept))
				if cfg.Weighted {
					inv = float32(1 / (1 - cfg.FeatDrop))
				}
				clear(h)
				for k, j := range kept {
					row := n.emb[int(j)*d : int(j)*d+d]
					f := inv
					if cfg.Weighted {
						f *= keptVal[k]
					}
					for c := range h {
						h[c] += f * row[c]
					}
				}
				n.hidden(z, h)
				for u := range z {
					mask[u] = 0
					if z[u] > 0 && (cfg.Dropout == 0 || rng.Float32() < keepH) {
						mask[u] = 1 / keepH
					}
					z[u] *= mask[u]
				}
				n.output(out, z)
				for l := range out {
					p := float32(sigmoid(float64(out[l])))
					if y[l][r] {
						dO[l] = pw[l] * (p - 1)
					} else {
						dO[l] = p
					}
				}
				for l, g := range dO {
					gB2[l] += g
					w := gW2[l*hd : l*hd+hd]
					for u, x := range z {
						w[u] += g * x
					}
				}
				for u := range dz {
					var s float32
					for l, g := range dO {
						s += g * n.w2[l*hd+u]
					}
					dz[u] = s * mask[u]
				}
				clear(dh)
				for u, g := range dz {
					if g == 0 {
						continue
					}
					gB1[u] += g
					w := n.w1[u*d : u*d+d]
					gw := gW1[u*d : u*d+d]
					for k := range h {
						gw[k] += g * h[k]
						dh[k] += g * w[k]
					}
				}
				for k, j := range kept {
					if !touched[j] {
						touched[j] = true
						rowsTouched = append(rowsTouched, j)
					}
					f := inv
					if cfg.Weighted {
						f *= keptVal[k]
					}
					ge := gE[int(j)*d : int(j)*d+d]
					for c := range ge {
						ge[c] += f * dh[c]
					}
				}
			}
			t++
			bs := float32(b1 - b0)
			for _, g := range [][]float32{gW1, gB1, gW2, gB2} {
				for i := range g {
					g[i] /= bs
				}
			}
			lr := float32(cfg.LR * math.Sqrt(1-math.Pow(adamB2, float64(t))) / (1 - math.Pow(adamB1, float64(t))))
			decay := float32(cfg.LR * cfg.Decay)
			aW1.step(n.w1, gW1, lr, decay)
			aB1.step(n.b1, gB1, lr, 0)
			aW2.step(n.w2, gW2, lr, decay)
			aB2.step(n.b2, gB2, lr, 0)
			clear(gW1)
			clear(gB1)
			clear(gW2)
			clear(gB2)
			// Lazy Adam on the embedding rows this batch touched.
			for _, j := range rowsTouched {
				lo, hi := int(j)*d, int(j)*d+d
				g := gE[lo:hi]
				for k := range g {
					g[k] /= bs
				}
				sub := adam{aE.m[lo:hi], aE.v[lo:hi]}
				sub.step(n.emb[lo:hi], g, lr, float32(cfg.LR*cfg.EmbDecay))
				clear(g)
				touched[j] = false
			}
			rowsTouched = rowsTouched[:0]
		}
	}
	return n
}

// trainMembers trains cfg.Members networks on rows, seeds apart, in
// parallel; each is deterministic on its own.
func trainMembers(cfg *NeuralConfig, posCap float64, buckets int, vecs []vector, y [][]bool, rows []int, init []float32, seed uint64, workers int) []*net {
	out := make([]*net, cfg.Members)
	sem := make(chan struct{}, max(workers, 1))
	var wg sync.WaitGroup
	for i := range out {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			out[i] = trainNet(cfg, posCap, buckets, vecs, y, rows, init, seed+uint64(1000*i))
			<-sem
		}(i)
	}
	wg.Wait()
	return out
}

// meanLogits returns the members' mean logits [label] for one vector.
func meanLogits(nets []*net, v *vector, weighted bool, dst []float64) {
	clear(dst)
	n := nets[0]
	h, z, out := make([]float32, n.dim), make([]float32, n.hid), make([]float32, n.nl)
	for _, n := range nets {
		n.logits(out, h, z, v, weighted)
		for l, x := range out {
			dst[l] += float64(x) / float64(len(nets))
		}
	}
}

// neuralOOF returns out-of-fold mean logits [label][text] over the same
// group folds as the linear model's cross-validation.
func neuralOOF(cfg *NeuralConfig, tc *TrainConfig, d *dataset, init []float32, workers int) [][]float64 {
	folds := foldsOf(d.groups, tc.Folds, tc.Seed)
	oof := make([][]float64, len(d.y))
	for l := range oof {
		oof[l] = make([]float64, len(d.vecs))
	}
	buckets := 1 << tc.Features.Bits
	res := make([][]*net, tc.Folds)
	sem := make(chan struct{}, max(workers, 1))
	var wg sync.WaitGroup
	for f := 0; f < tc.Folds; f++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(f int) {
			defer wg.Done()
			var train []int
			for i, fi := range folds {
				if fi != f {
					train = append(train, i)
				}
			}
			res[f] = trainMembers(cfg, tc.PosWeight, buckets, d.vecs, d.y, train, init, tc.Seed+uint64(f+1), 1)
			<-sem
		}(f)
	}
	wg.Wait()
	buf := make([]float64, len(d.y))
	for i, f := range folds {
		meanLogits(res[f], &d.vecs[i], cfg.Weighted, buf)
		for l, x := range buf {
			oof[l][i] = x
		}
	}
	return oof
}
