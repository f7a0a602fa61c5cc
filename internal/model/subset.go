package model

import (
	"fmt"
	"slices"
	"sync"
)

// Subset scores a few of a model's labels, with exactly the probabilities
// the model gives them. Summing each feature's row of weights is most of
// the cost of scoring a sentence; a subset's rows hold only its labels and
// are summed eight labels at a time (see rowSums). A caller that needs a
// few labels of many makes a subset once and scores with it. It is safe
// for concurrent use.
type Subset struct {
	hdr   Header // the model's, with only the subset's labels
	idf   []float32
	words int      // words per row: one per eight labels
	rows  []uint64 // [feature][word]: byte b of word w is label 8w+b's int8 weight + 128
	pool  sync.Pool
	// A model with networks (neural.go) blends every label's probability
	// with theirs: its subset scores with the whole model and keeps its
	// own labels (cols).
	whole *Model
	cols  []int
}

type subsetScratch struct {
	all       []float64 // the whole model's scores
	toks      []byte
	idx       []uint32
	sw, sc    []int32  // per label: the word features' and character features' sums
	even, odd []uint64 // per word: the running sums of the even and odd bytes
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
	words := (nl + 7) / 8
	dim := len(m.table) / m.nl
	// The columns of each word; the lanes past the last label read any
	// column (the first): their sums are never used.
	groups := make([][8]int, words)
	for i := range groups {
		for b := range 8 {
			if k := 8*i + b; k < nl {
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
				uint64(biased(row[g[6]]))<<48 | uint64(biased(row[g[7]]))<<56
		}
	}
	s := &Subset{hdr: h, idf: m.idf, words: words, rows: rows}
	s.pool.New = func() any {
		return &subsetScratch{
			sw: make([]int32, nl), sc: make([]int32, nl),
			even: make([]uint64, words), odd: make([]uint64, words),
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
	sc.toks = Tokens(sc.toks[:0], text)
	v := s.hdr.Train.Features.features(sc.idx, sc.toks, s.idf)
	sc.idx = v.idx
	s.rowSums(sc.sw, v.idx[:v.nword], sc)
	s.rowSums(sc.sc, v.idx[v.nword:], sc)
	for l := range dst {
		p := &s.hdr.Labels[l]
		margin := float64(p.Bias) + float64(p.Scale)*(float64(v.vw)*float64(sc.sw[l])+float64(v.vc)*float64(sc.sc[l]))
		dst[l] = sigmoid(p.PlattA*margin + p.PlattB)
	}
	s.pool.Put(sc)
	return dst
}

// Eight bytes of a word are summed at once: the even bytes in the 16-bit
// lanes of one word, the odd bytes in those of another. A byte is at most
// 255, so a lane holds the sum of maxAdds rows before it must be emptied
// into the labels' int32 sums. The +128 of every byte is taken off at the
// end.
const (
	evenBytes = 0x00ff00ff00ff00ff
	maxAdds   = 0xffff / 0xff
)

// biased is w + 128 as a byte: w with its sign bit flipped.
func biased(w int8) uint8 { return uint8(w) ^ 0x80 }

// rowSums sets sums[l] to the sum of label l's int8 weights over the rows
// of the features idx: exactly what adding the int8 rows one by one gives.
func (s *Subset) rowSums(sums []int32, idx []uint32, sc *subsetScratch) {
	clear(sums)
	rows, w := s.rows, s.words
	even, odd := sc.even[:w:w], sc.odd[:w:w]
	for len(idx) > 0 {
		n := min(len(idx), maxAdds)
		clear(even)
		clear(odd)
		for _, j := range idx[:n] {
			row := rows[int(j)*w:][:len(even)]
			for k, x := range row {
				even[k] += x & evenBytes
				odd[k] += x >> 8 & evenBytes
			}
		}
		for l := range sums {
			lanes := even
			if l%2 == 1 {
				lanes = odd
			}
			sums[l] += int32(lanes[l/8]>>(16*(l%8/2))&0xffff) - 128*int32(n)
		}
		idx = idx[n:]
	}
}
