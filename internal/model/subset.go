package model

import (
	"fmt"
	"slices"
	"sync"
)

// Subset scores a few of a model's labels, with exactly the probabilities
// the model gives them. Summing each feature's row of weights is most of
// the cost of scoring a sentence; a subset's rows hold only its labels and
// are summed seven labels at a time (see rowSums). A caller that needs a
// few labels of many makes a subset once and scores with it. It is safe
// for concurrent use.
type Subset struct {
	hdr   Header // the model's, with only the subset's labels
	idf   []float32
	words int      // words per row: one per seven labels
	rows  []uint64 // [feature][word]: byte b < 7 of word w is label 7w+b's int8 weight + 128; byte 7 is 0
	lin   []linearParams
	pool  sync.Pool
	// A model with networks (neural.go) blends every label's probability
	// with theirs: its subset scores with the whole model and keeps its
	// own labels (cols).
	whole *Model
	cols  []int
}

// linearParams are a label's Bias, Scale, PlattA and PlattB as float64s.
type linearParams struct{ bias, scale, a, b float64 }

type subsetScratch struct {
	all    []float64 // the whole model's scores
	toks   []byte
	words  []word
	idx    []uint32
	sw, sc []int32   // per label: the word features' and character features' sums
	acc    [8]uint64 // rowSums' running sums
}

// Subset returns the scorer of the named labels of m, in the order given.
func (m *Model) Subset(labels []string) (*Subset, error) {
	if len(labels) == 0 {
		return nil, fmt.Errorf("model %s: a subset needs at least one label", m.hdr.Name)
	}
	h := m.hdr
	h.Labels = make([]LabelParams, len(labels))
	cols := make([]int, len(labels))
	for i, name := range labels {
		j := slices.IndexFunc(m.hdr.Labels, func(p LabelParams) bool { return p.Name == name })
		if j < 0 {
			return nil, fmt.Errorf("model %s has no label %q", m.hdr.Name, name)
		}
		h.Labels[i], cols[i] = m.hdr.Labels[j], j
	}
	if m.nn != nil {
		s := &Subset{hdr: h, whole: m, cols: cols}
		s.pool.New = func() any { return &subsetScratch{all: make([]float64, m.nl)} }
		return s, nil
	}
	nl := len(cols)
	words := (nl + 6) / 7
	dim := len(m.table) / m.nl
	// The columns of each word; the lanes past the last label read any
	// column (the first): their sums are never used.
	groups := make([][7]int, words)
	for i := range groups {
		for b := range 7 {
			if k := 7*i + b; k < nl {
				groups[i][b] = cols[k]
			}
		}
	}
	rows := make([]uint64, dim*words)
	for f := range dim {
		row := m.table[f*m.nl:][:m.nl]
		for w := range groups {
			g := &groups[w]
			rows[f*words+w] = uint64(biased(row[g[0]])) | uint64(biased(row[g[1]]))<<8 |
				uint64(biased(row[g[2]]))<<16 | uint64(biased(row[g[3]]))<<24 |
				uint64(biased(row[g[4]]))<<32 | uint64(biased(row[g[5]]))<<40 |
				uint64(biased(row[g[6]]))<<48
		}
	}
	s := &Subset{hdr: h, idf: m.idf, words: words, rows: rows, lin: make([]linearParams, nl)}
	for l, p := range h.Labels {
		s.lin[l] = linearParams{float64(p.Bias), float64(p.Scale), p.PlattA, p.PlattB}
	}
	s.pool.New = func() any {
		return &subsetScratch{
			sw: make([]int32, nl), sc: make([]int32, nl),
		}
	}
	return s, nil
}

// Header returns the model's header with the subset's labels.
func (s *Subset) Header() Header { return s.hdr }

// Labels returns the subset's label names, in its order.
func (s *Subset) Labels() []string {
	out := make([]string, len(s.hdr.Labels))
	for i, l := range s.hdr.Labels {
		out[i] = l.Name
	}
	return out
}

// Scores writes the calibrated probability of every label of the subset,
// in Labels order, into dst (grown if short) and returns it, as
// Model.Scores does. It does not allocate once dst has room.
func (s *Subset) Scores(dst []float64, text string) []float64 {
	nl := len(s.hdr.Labels)
	if cap(dst) < nl {
		dst = make([]float64, nl)
	}
	dst = dst[:nl]
	sc := s.pool.Get().(*subsetScratch)
	if s.whole != nil {
		sc.all = s.whole.Scores(sc.all, text)
		for i, j := range s.cols {
			dst[i] = sc.all[j]
		}
		s.pool.Put(sc)
		return dst
	}
	t := tokenizer{toks: sc.toks[:0], words: sc.words[:0], hashed: true}
	t.run(text)
	sc.toks, sc.words = t.toks, t.words
	v := s.hdr.Train.Features.wordFeatures(sc.idx, t.toks, t.words, s.idf)
	sc.idx = v.idx
	s.rowSums(sc.sw, v.idx[:v.nword], &sc.acc)
	s.rowSums(sc.sc, v.idx[v.nword:], &sc.acc)
	// Model.Scores' arithmetic, its float32s widened once.
	vw, vc := float64(v.vw), float64(v.vc)
	sw, sumc := sc.sw[:len(dst)], sc.sc[:len(dst)]
	for l, p := range s.lin[:len(dst)] {
		margin := p.bias + p.scale*(vw*float64(sw[l])+vc*float64(sumc[l]))
		dst[l] = sigmoid(p.a*margin + p.b)
	}
	s.pool.Put(sc)
	return dst
}

// The seven bytes of a word are summed at once, in two running sums: its
// even bytes in the 16-bit lanes of one (x & evenBytes), the whole word in
// the other. Their difference is the sum of the odd bytes, each shifted
// left 8 bits: the top byte, which would carry past 64 bits, is always 0.
// A byte is at most 255, so a lane holds the sum of maxAdds rows before it
// must be emptied into the labels' int32 sums. The +128 of every byte is
// taken off at the end.
const (
	evenBytes = 0x00ff00ff00ff00ff
	maxAdds   = 0xffff / 0xff
)

// biased is w + 128 as a byte: w with its sign bit flipped.
func biased(w int8) uint8 { return uint8(w) ^ 0x80 }

// rowSums sets sums[l] to the sum of label l's int8 weights over the rows
// of the features idx: exactly what adding the int8 rows one by one gives.
// Four words of a row are summed at a time (sum4; sum2 and sum1 for the
// last ones), the running sums in acc: a loop over a row's words, with
// two arrays of running sums, cost twice the instructions.
func (s *Subset) rowSums(sums []int32, idx []uint32, acc *[8]uint64) {
	clear(sums)
	rows, w := s.rows, s.words
	for len(idx) > 0 {
		n := min(len(idx), maxAdds)
		bias := 128 * int32(n)
		for k := 0; k < w; {
			*acc = [8]uint64{}
			step := min(w-k, 4)
			switch step {
			case 4:
				sum4(acc, rows[k:], w, idx[:n])
			case 3:
				step = 2
				fallthrough
			case 2:
				sum2(acc, rows[k:], w, idx[:n])
			default:
				sum1(acc, rows[k:], w, idx[:n])
			}
			for i := range step {
				addLanes(sums, 7*(k+i), acc[2*i], acc[2*i+1], bias)
			}
			k += step
		}
		idx = idx[n:]
	}
}

// sum4 adds to acc the running sums of the first four words of the rows
// idx (at most maxAdds of them), w words apart: acc[2i] those of word i's
// even bytes, acc[2i+1] those of the whole word i.
func sum4(acc *[8]uint64, rows []uint64, w int, idx []uint32) {
	for _, j := range idx {
		o := uint(j) * uint(w)
		x3 := rows[o+3] // the one bounds check of the four
		x0, x1, x2 := rows[o], rows[o+1], rows[o+2]
		acc[0] += x0 & evenBytes
		acc[1] += x0
		acc[2] += x1 & evenBytes
		acc[3] += x1
		acc[4] += x2 & evenBytes
		acc[5] += x2
		acc[6] += x3 & evenBytes
		acc[7] += x3
	}
}

// sum2 is sum4 for the first two words.
func sum2(acc *[8]uint64, rows []uint64, w int, idx []uint32) {
	for _, j := range idx {
		o := uint(j) * uint(w)
		x1 := rows[o+1]
		x0 := rows[o]
		acc[0] += x0 & evenBytes
		acc[1] += x0
		acc[2] += x1 & evenBytes
		acc[3] += x1
	}
}

// sum1 is sum4 for the first word.
func sum1(acc *[8]uint64, rows []uint64, w int, idx []uint32) {
	for _, j := range idx {
		x := rows[uint(j)*uint(w)]
		acc[0] += x & evenBytes
		acc[1] += x
	}
}

// addLanes adds to the sums of labels base to base+6 (those of them sums
// has) the running sums of one word, less bias (the rows' +128s): label
// base+2i's sum is lane i of even, base+2i+1's lane i of the odd bytes'
// sums, (whole-even)>>8.
func addLanes(sums []int32, base int, even, whole uint64, bias int32) {
	odd := (whole - even) >> 8
	if base+7 <= len(sums) {
		s := sums[base : base+7 : base+7]
		s[0] += int32(even&0xffff) - bias
		s[1] += int32(odd&0xffff) - bias
		s[2] += int32(even>>16&0xffff) - bias
		s[3] += int32(odd>>16&0xffff) - bias
		s[4] += int32(even>>32&0xffff) - bias
		s[5] += int32(odd>>32&0xffff) - bias
		s[6] += int32(even>>48) - bias
		return
	}
	for b := 0; base+b < len(sums); b++ {
		lanes := even
		if b%2 == 1 {
			lanes = odd
		}
		sums[base+b] += int32(lanes>>(16*(b/2))&0xffff) - bias
	}
}
