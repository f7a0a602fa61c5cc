package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// gloveRows lays pretrained word vectors out as embedding rows of the
// unigram features they hash to (2^bits rows of dim), for the words of the
// training texts, most frequent first, then the top most frequent words of
// wv; a row keeps the first word that hashes to it. Vectors wider than dim
// are reduced by a fixed Gaussian random projection.
func gloveRows(wv *WordVectors, train []LabelledSentence, bits, dim, top int) []float32 {
	count := map[string]int{}
	var toks []byte
	for _, s := range train {
		toks = Tokens(toks[:0], s.Text)
		for _, w := range strings.Fields(string(toks)) {
			count[w]++
		}
	}
	words := make([]string, 0, len(count))
	for w := range count {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	words = append(words, wv.Words[:min(top, len(wv.Words))]...)
	proj := projection(wv.Dim, dim)
	mask := uint64(1)<<bits - 1
	rows := make([]float32, (1<<bits)*dim)
	taken := make([]bool, 1<<bits)
	src := make([]float32, wv.Dim)
	for _, w := range words {
		i := wv.Lookup([]byte(w))
		if i < 0 {
			continue
		}
		j := int(hashBytes(seedWord, []byte(w)) & mask)
		if taken[j] {
			continue
		}
		taken[j] = true
		wv.Vector(src, i)
		project(rows[j*dim:j*dim+dim], src, proj)
	}
	return rows
}

// projection returns a fixed random Gaussian matrix [out][in] from in to
// out dimensions, or nil when they are equal.
func projection(in, out int) []float32 {
	if in == out {
		return nil
	}
	rng := rand.New(rand.NewPCG(1, 0x9107e))
	p := make([]float32, in*out)
	s := 1 / math.Sqrt(float64(out))
	for i := range p {
		p[i] = float32(rng.NormFloat64() * s)
	}
	return p
}

func project(dst, src, proj []float32) {
	if proj == nil {
		copy(dst, src)
		return
	}
	for o := range dst {
		var s float32
		for k, x := range src {
			s += proj[o*len(src)+k] * x
		}
		dst[o] = s
	}
}

// denseBlocks are the dense feature blocks GloVe may name, in their order.
var denseBlocks = []string{"mean", "max", "cue"}

// denseDim is the number of dense features after the hashed ones.
func (c *FeatureConfig) denseDim() int {
	if c.GloVe == "" {
		return 0
	}
	n := 0
	for _, b := range denseBlocks {
		if c.hasBlock(b) {
			n++
		}
	}
	return n * c.GloVeDim
}

func (c *FeatureConfig) hasBlock(name string) bool {
	for b := range strings.SplitSeq(c.GloVe, ",") {
		if b == name {
			return true
		}
	}
	return false
}

// modalCues open the window of the "cue" block: the words a provider's
// power is stated with.
var modalCues = map[string]bool{
	"may": true, "reserve": true, "reserves": true, "right": true, "rights": true,
	"discretion": true, "sole": true, "can": true, "will": true, "shall": true,
}

const cueWindow = 3

// dense writes the dense features of the normalised tokens toks into dst
// (len denseDim): per block the words' vectors pooled, each word weighted
// by its unigram's IDF (1 without), the block scaled to norm GloVeScale.
// Words without a vector and punctuation are skipped.
func (c *FeatureConfig) dense(dst []float32, toks []byte, idf []float32) {
	clear(dst)
	wv, dim := c.vectors, c.GloVeDim
	if wv == nil {
		return
	}
	mask := uint64(1)<<c.Bits - 1
	type word struct {
		i   int     // in wv
		w   float32 // weight
		cue bool
	}
	var words []word
	var cuePos []int
	pos := 0
	for i := 0; i < len(toks); {
		var tok []byte
		tok, i = nextTok(toks, i)
		if modalCues[string(tok)] {
			cuePos = append(cuePos, pos)
		}
		pos++
		if !isWordByte(tok[0]) {
			words = append(words, word{i: -1})
			continue
		}
		k := wv.Lookup(tok)
		w := float32(1)
		if idf != nil {
			w = idf[hashBytes(seedWord, tok)&mask]
		}
		words = append(words, word{i: k, w: w})
	}
	for _, p := range cuePos {
		for q := max(0, p-cueWindow); q <= min(len(words)-1, p+cueWindow); q++ {
			words[q].cue = true
		}
	}
	vec := make([]float32, dim)
	off := 0
	for _, b := range denseBlocks {
		if !c.hasBlock(b) {
			continue
		}
		out := dst[off : off+dim]
		off += dim
		first := true
		for _, w := range words {
			if w.i < 0 || b == "cue" && !w.cue {
				continue
			}
			wv.Vector(vec, w.i)
			switch b {
			case "max":
				for k, x := range vec {
					if first || x > out[k] {
						out[k] = x
					}
				}
			default:
				for k, x := range vec {
					out[k] += w.w * x
				}
			}
			first = false
		}
		var ss float64
		for _, x := range out {
			ss += float64(x) * float64(x)
		}
		if ss > 0 {
			f := float32(c.GloVeScale / math.Sqrt(ss))
			for k := range out {
				out[k] *= f
			}
		}
	}
}

// appendDense appends every text's dense features to its vector (indices
// from 2^Bits on) and their values, after the hashed features are weighed.
func appendDense(c *FeatureConfig, vecs []vector, texts []string, idf []float32) {
	base := uint32(1) << c.Bits
	buf := make([]float32, c.denseDim())
	var toks []byte
	for i := range vecs {
		toks = Tokens(toks[:0], texts[i])
		c.dense(buf, toks, idf)
		for k, x := range buf {
			if x != 0 {
				vecs[i].idx = append(vecs[i].idx, base+uint32(k))
				vecs[i].vals = append(vecs[i].vals, x)
			}
		}
	}
}

// addDense adds the dense features' part of every label's margin.
func (m *Model) addDense(margins []float64, toks []byte) {
	f := &m.hdr.Train.Features
	buf := make([]float32, f.denseDim())
	f.dense(buf, toks, m.idf)
	base := (1 << f.Bits) * m.nl
	for l := range margins {
		var s float64
		for k, x := range buf {
			s += float64(x) * float64(m.table[base+k*m.nl+l])
		}
		margins[l] += float64(m.hdr.Labels[l].Scale) * s
	}
}

// GloVeClusters groups the top most frequent words of wv and every word of
// the texts into k clusters by spherical k-means over their vectors (fitted
// on the top words, the others assigned to the nearest centre), and
// returns each word's cluster. A cluster feature lets a word the training
// sentences never used borrow the weight of its neighbours.
func GloVeClusters(wv *WordVectors, texts []string, top, k int) map[string]uint16 {
	dim := wv.Dim
	top = min(top, len(wv.Words))
	vecs := make([]float32, top*dim)
	for i := range top {
		wv.unitVector(vecs[i*dim:i*dim+dim], i)
	}
	rng := rand.New(rand.NewPCG(1, 0x91c1))
	cent := make([]float32, k*dim)
	for c := range k {
		copy(cent[c*dim:c*dim+dim], vecs[rng.IntN(top)*dim:])
	}
	nearest := func(v []float32) int {
		best, bi := float32(math.Inf(-1)), 0
		for c := range k {
			cv := cent[c*dim : c*dim+dim]
			var s float32
			for j, x := range v {
				s += x * cv[j]
			}
			if s > best {
				best, bi = s, c
			}
		}
		return bi
	}
	assign := make([]int, top)
	sum := make([]float64, k*dim)
	for it := 0; it < 12; it++ {
		for i := range top {
			assign[i] = nearest(vecs[i*dim : i*dim+dim])
		}
		clear(sum)
		for i, c := range assign {
			for j, x := range vecs[i*dim : i*dim+dim] {
				sum[c*dim+j] += float64(x)
			}
		}
		for c := range k {
			var ss float64
			for _, x := range sum[c*dim : c*dim+dim] {
				ss += x * x
			}
			if ss == 0 {
				continue
			}
			f := 1 / math.Sqrt(ss)
			for j := range dim {
				cent[c*dim+j] = float32(sum[c*dim+j] * f)
			}
		}
	}
	out := make(map[string]uint16, top)
	for i, c := range assign {
		out[wv.Words[i]] = uint16(c)
	}
	v := make([]float32, dim)
	var toks []byte
	for _, t := range texts {
		toks = Tokens(toks[:0], t)
		for _, w := range strings.Fields(string(toks)) {
			if _, ok := out[w]; ok {
				continue
			}
			if i := wv.Lookup([]byte(w)); i >= 0 {
				wv.unitVector(v, i)
				out[w] = uint16(nearest(v))
			}
		}
	}
	return out
}

// GloVeNeighbours maps every word of the top most frequent of wv and of the
// texts that the texts use fewer than minCount times to the nearest word
// (cosine of the vectors, at least minCos) the texts use at least minCount
// times: a rare or unseen word then also reads as a frequent one.
func GloVeNeighbours(wv *WordVectors, texts []string, top, minCount int, minCos float64) map[string]string {
	count := map[string]int{}
	var toks []byte
	for _, t := range texts {
		toks = Tokens(toks[:0], t)
		for _, w := range strings.Fields(string(toks)) {
			count[w]++
		}
	}
	dim := wv.Dim
	var freq []string
	var fv []float32
	for w, c := range count {
		if c < minCount || !isWordByte(w[0]) {
			continue
		}
		if i := wv.Lookup([]byte(w)); i >= 0 {
			freq = append(freq, w)
		}
	}
	slices.Sort(freq)
	fv = make([]float32, len(freq)*dim)
	for n, w := range freq {
		wv.unitVector(fv[n*dim:n*dim+dim], wv.Lookup([]byte(w)))
	}
	rare := map[string]bool{}
	for w, c := range count {
		if c < minCount {
			rare[w] = true
		}
	}
	for _, w := range wv.Words[:min(top, len(wv.Words))] {
		if count[w] < minCount {
			rare[w] = true
		}
	}
	out := map[string]string{}
	v := make([]float32, dim)
	for w := range rare {
		i := wv.Lookup([]byte(w))
		if i < 0 || !isWordByte(w[0]) {
			continue
		}
		wv.unitVector(v, i)
		best, bn := float32(minCos), -1
		for n := range freq {
			var s float32
			for j, x := range fv[n*dim : n*dim+dim] {
				s += x * v[j]
			}
			if s > best {
				best, bn = s, n
			}
		}
		if bn >= 0 {
			out[w] = freq[bn]
		}
	}
	return out
}

// GloVeAugment returns a function making copies altered copies of every
// sentence: each content word that has one is replaced, with probability p, by its
// nearest other word (cosine at least minCos) among the top most frequent
// words of wv, so that the model sees the same clause in other words. A
// copy keeps the labels and company of its sentence; one that changed no
// word is dropped. The replacements depend only on seed and the sentence.
func GloVeAugment(wv *WordVectors, copies int, p float64, top int, minCos float64, seed uint64) func([]LabelledSentence) []LabelledSentence {
	dim := wv.Dim
	top = min(top, len(wv.Words))
	unit := func(dst []float32, i int) {
		wv.Vector(dst, i)
		if n := norm32(dst); n > 0 {
			for j := range dst {
				dst[j] /= n
			}
		}
	}
	cand := make([]float32, top*dim)
	for i := range top {
		unit(cand[i*dim:i*dim+dim], i)
	}
	nearest := map[string]string{}
	v := make([]float32, dim)
	lookup := func(w string) string {
		if nb, ok := nearest[w]; ok {
			return nb
		}
		nb := ""
		// Function words' nearest neighbours are other function words
		// ("you" -> "know"): only content words are replaced.
		content := len(w) >= 4 && !stopWords[w] && !negationCues[w] && !modalCues[w]
		if i := wv.Lookup([]byte(w)); i >= 0 && content && isWordByte(w[0]) {
			unit(v, i)
			best := float32(minCos)
			for c := range top {
				if c == i {
					continue
				}
				var s float32
				for k, x := range cand[c*dim : c*dim+dim] {
					s += x * v[k]
				}
				if s > best {
					best, nb = s, wv.Words[c]
				}
			}
		}
		nearest[w] = nb
		return nb
	}
	return func(sents []LabelledSentence) []LabelledSentence {
		var out []LabelledSentence
		var toks []byte
		for n, s := range sents {
			toks = Tokens(toks[:0], s.Text)
			words := strings.Fields(string(toks))
			rng := rand.New(rand.NewPCG(seed, uint64(n)))
			for range copies {
				alt := slices.Clone(words)
				changed := false
				for k, w := range words {
					if rng.Float64() >= p {
						continue
					}
					if nb := lookup(w); nb != "" {
						alt[k], changed = nb, true
					}
				}
				if changed {
					out = append(out, LabelledSentence{Text: strings.Join(alt, " "), Labels: s.Labels, Split: s.Split, Group: s.Group})
				}
			}
		}
		return out
	}
}

func norm32(v []float32) float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return float32(math.Sqrt(s))
}

// unitVector writes word i's vector scaled to length 1 (left as it is
// when it is all zeros) to dst.
func (wv *WordVectors) unitVector(dst []float32, i int) {
	wv.Vector(dst, i)
	var ss float64
	for _, x := range dst {
		ss += float64(x) * float64(x)
	}
	if ss > 0 {
		f := float32(1 / math.Sqrt(ss))
		for j := range dst {
			dst[j] *= f
		}
	}
}
