// Package model classifies contract sentences and documents with linear
// models over hashed features (word n-grams, optionally character n-grams,
// legal cue classes and their pairs, see cues.go): the UNFAIR-ToS unfair-term
// types and the CUAD clause categories. The weights are trained in Go
// (tools/train), quantised to int8 and embedded in the binary.
package model

import (
	"encoding/json"
	"fmt"
	"math"
	"sync"
	"unsafe"
)

// Taxonomies the embedded models cover.
const (
	UnfairToS = "unfair-tos"
	CUAD      = "cuad"
	// CUADClauses is the cuad categories scored on whole clauses rather
	// than sentences, which the cuad document stage weighs (package
	// presence); not a taxonomy of its own for classify.
	CUADClauses = "cuad-clauses"
)

// FormatVersion names the weights format; a reader refuses any other.
const FormatVersion = "termscore-model/v1"

// Header is the JSON header stored beside a model's weight table.
type Header struct {
	Format   string        `json:"format"`
	Name     string        `json:"name"`
	Version  string        `json:"version"`
	Taxonomy string        `json:"taxonomy"`
	Data     string        `json:"data"`        // what the model was trained on
	DataHash string        `json:"data_sha256"` // of the training files, in order
	Date     string        `json:"date"`
	Train    TrainConfig   `json:"train"`
	Labels   []LabelParams `json:"labels"`
	IDFScale float32       `json:"idf_scale,omitempty"` // idf = byte × IDFScale; the table is followed by one byte per feature
	// Metrics are the figures measured when training, by name.
	Metrics map[string]float64 `json:"metrics,omitempty"`
}

// LabelParams are one label's scalar parameters.
type LabelParams struct {
	Name         string  `json:"name"`
	Bias         float32 `json:"bias"`
	Scale        float32 `json:"scale"`     // weight = int8 × Scale
	PlattA       float64 `json:"platt_a"`   // probability = sigmoid(PlattA*margin + PlattB)
	PlattB       float64 `json:"platt_b"`   //
	Threshold    float64 `json:"threshold"` // a sentence has the label when probability ≥ Threshold
	DocThreshold float64 `json:"doc_threshold,omitempty"`
	Positives    int     `json:"positives"` // training examples with the label
	// NeuralA and NeuralB calibrate the networks' mean logit (neural.go).
	NeuralA float64 `json:"neural_a,omitempty"`
	NeuralB float64 `json:"neural_b,omitempty"`
}

// Model is a loaded classifier. It is safe for concurrent use.
type Model struct {
	hdr     Header
	nl      int
	table   []int8    // [feature][label]
	idf     []float32 // nil without IDF weighting
	nn      *neuralModel
	scratch sync.Pool
}

// Prediction is the result of classifying one text: the labels it has and
// the calibrated probability of every label.
type Prediction struct {
	Labels []string
	Scores map[string]float64
}

type scratch struct {
	toks  []byte
	words []word
	idx   []uint32
	sums  []int32
}

// Parse builds a model from its JSON header and int8 weight table.
func Parse(header, table []byte) (*Model, error) {
	var h Header
	if err := json.Unmarshal(header, &h); err != nil {
		return nil, fmt.Errorf("model header: %w", err)
	}
	if h.Format != FormatVersion {
		return nil, fmt.Errorf("model header: format %q, want %q", h.Format, FormatVersion)
	}
	bits := h.Train.Features.Bits
	if bits < 8 || bits > 24 || len(h.Labels) == 0 {
		return nil, fmt.Errorf("model header: bad dimension 2^%d or no labels", bits)
	}
	nl := len(h.Labels)
	want := (1<<bits + h.Train.Features.denseDim()) * nl
	if h.Train.Features.IDF {
		want += 1 << bits
	}
	var extra []byte
	if h.Train.Neural != nil && len(table) > want {
		table, extra = table[:want], table[want:]
	}
	if len(table) != want {
		return nil, fmt.Errorf("model %s: weight table has %d bytes, want %d", h.Name, len(table), want)
	}
	m := &Model{hdr: h, nl: nl}
	if h.Train.Features.IDF {
		n := (1<<bits + h.Train.Features.denseDim()) * nl
		m.idf = dequantiseIDF(table[n:], h.IDFScale)
		table = table[:n]
	}
	// int8 and byte share a layout: one copy (a memmove, where a loop
	// converting byte by byte took 29 M instructions, more than a scan's
	// model work) keeps the model independent of the caller's buffer.
	m.table = make([]int8, len(table))
	copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(m.table))), len(m.table)), table)
	m.scratch.New = func() any { return &scratch{sums: make([]int32, 2*nl)} }
	if h.Train.Neural != nil {
		nn, err := parseNeural(h, extra, 1<<bits)
		if err != nil {
			return nil, fmt.Errorf("model %s: %w", h.Name, err)
		}
		m.nn = nn
	}
	return m, nil
}

// Header returns the model's header: name, version, training data, metrics.
func (m *Model) Header() Header { return m.hdr }

// Labels returns the label names in the model's order.
func (m *Model) Labels() []string {
	out := make([]string, m.nl)
	for i, l := range m.hdr.Labels {
		out[i] = l.Name
	}
	return out
}

// Scores writes the calibrated probability of every label, in Labels order,
// into dst (grown if short) and returns it. It does not allocate once dst
// has room.
func (m *Model) Scores(dst []float64, text string) []float64 {
	if cap(dst) < m.nl {
		dst = make([]float64, m.nl)
	}
	dst = dst[:m.nl]
	s := m.scratch.Get().(*scratch)
	t := tokenizer{toks: s.toks[:0], words: s.words[:0], hashed: true}
	t.run(text)
	s.toks, s.words = t.toks, t.words
	f := &m.hdr.Train.Features
	v := f.wordFeatures(s.idx, s.toks, s.words, m.idf)
	s.idx = v.idx
	nl := m.nl
	sums := s.sums
	clear(sums)
	sw, sc := sums[:nl:nl], sums[nl:]
	sc = sc[:nl:nl]
	for _, j := range v.idx[:v.nword] {
		addRow(sw, m.table[int(j)*nl:int(j)*nl+nl])
	}
	for _, j := range v.idx[v.nword:] {
		addRow(sc, m.table[int(j)*nl:int(j)*nl+nl])
	}
	for l := range dst {
		p := &m.hdr.Labels[l]
		dst[l] = float64(p.Bias) + float64(p.Scale)*(float64(v.vw)*float64(sw[l])+float64(v.vc)*float64(sc[l]))
	}
	if f.GloVe != "" {
		m.addDense(dst, s.toks)
	}
	for l := range dst {
		p := &m.hdr.Labels[l]
		dst[l] = sigmoid(p.PlattA*dst[l] + p.PlattB)
	}
	if m.nn != nil {
		m.nn.blend(dst, &v, m.idf)
	}
	m.scratch.Put(s)
	return dst
}

// addRow adds one feature's quantised weights to the label sums, four at a
// time, written so that the compiler drops the bounds checks.
func addRow(sums []int32, row []int8) {
	for len(row) >= 4 && len(sums) >= 4 {
		s, r := sums[:4:4], row[:4:4]
		s[0] += int32(r[0])
		s[1] += int32(r[1])
		s[2] += int32(r[2])
		s[3] += int32(r[3])
		sums, row = sums[4:], row[4:]
	}
	for l := 0; l < len(row) && l < len(sums); l++ {
		sums[l] += int32(row[l])
	}
}

// Classify returns the labels of one sentence and every label's probability.
func (m *Model) Classify(text string) Prediction {
	return m.predict(m.Scores(nil, text), false)
}

// ClassifyDocument returns the labels present anywhere in a whole document:
// each label's score is its highest probability over the document's
// sentences, compared with the label's document threshold.
func (m *Model) ClassifyDocument(text string) Prediction {
	best := make([]float64, m.nl)
	buf := make([]float64, m.nl)
	for _, s := range Sentences(text) {
		buf = m.Scores(buf, s)
		for l, p := range buf {
			best[l] = math.Max(best[l], p)
		}
	}
	return m.predict(best, true)
}

func (m *Model) predict(scores []float64, doc bool) Prediction {
	pr := Prediction{Labels: []string{}, Scores: make(map[string]float64, m.nl)}
	for l, p := range scores {
		lp := &m.hdr.Labels[l]
		t := lp.Threshold
		if doc && lp.DocThreshold > 0 {
			t = lp.DocThreshold
		}
		if p >= t {
			pr.Labels = append(pr.Labels, lp.Name)
		}
		pr.Scores[lp.Name] = p
	}
	return pr
}

// quantise turns trained float weights into the int8 table and sets each
// label's Bias and Scale.
func quantise(models []linear, labels []LabelParams) []byte {
	nl := len(models)
	dim := len(models[0].w)
	table := make([]byte, dim*nl)
	for l, lm := range models {
		var max float32
		for _, w := range lm.w {
			max = float32(math.Max(float64(max), math.Abs(float64(w))))
		}
		scale := max / 127
		if scale == 0 {
			scale = 1
		}
		labels[l].Bias = lm.bias
		labels[l].Scale = scale
		for j, w := range lm.w {
			q := math.Round(float64(w / scale))
			table[j*nl+l] = byte(int8(math.Max(-127, math.Min(127, q))))
		}
	}
	return table
}
