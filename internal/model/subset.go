package model

import (
	"fmt"
	"slices"
)

// Subset returns a model that scores only the named labels, in the order
// given, with exactly the probabilities m gives them. Summing each
// feature's row of weights is most of the cost of scoring, and a row
// shrinks with the labels (so does the table the rows are read from): a
// caller that needs a few labels of many should make a subset once and
// score with it.
func (m *Model) Subset(labels []string) (*Model, error) {
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
	nl := len(cols)
	table := make([]int8, len(m.table)/m.nl*nl)
	for f := range len(m.table) / m.nl {
		row, sub := m.table[f*m.nl:(f+1)*m.nl], table[f*nl:(f+1)*nl]
		for i, j := range cols {
			sub[i] = row[j]
		}
	}
	s := &Model{hdr: h, nl: nl, table: table, idf: m.idf}
	s.scratch.New = func() any { return &scratch{sums: make([]int32, 2*nl)} }
	return s, nil
}
