// Package market holds market standards learned from a corpus of
// contracts: per document type, how often each rule fires, how often each
// CUAD clause category is present by expert label, and the distribution
// of numeric key terms (payment days, notice periods, caps, ...). Compare
// sets one document's terms and findings against those statistics and
// says, in plain words, how usual they are.
//
// The package takes plain inputs (Sample, Input) rather than analyze
// reports, so that analyze can import it and attach a Comparison to every
// report without an import cycle.
package market

//go:generate sh -c "cd ../.. && go run ./cmd/termscore market build --name default --built-at 2026-11-22T00:00:00Z ../shared/data/cuad/contracts ../shared/data/templates -o internal/market/default.json"

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/termscore/termscore/internal/fault"
)

// Schema is the version of the statistics format (see docs/market.md).
const Schema = "termscore/market/v1"

// Stats are the market standards of one corpus.
type Stats struct {
	Schema     string     `json:"schema"`
	Provenance Provenance `json:"provenance"`
	// Sources says where each kind of statistic comes from.
	Sources map[string]string `json:"sources"`
	// All covers every document; Types one group per document type.
	All   *Group            `json:"all"`
	Types map[string]*Group `json:"types"`
}

// Provenance records what the statistics were built from, so that every
// number in a report can be reproduced.
type Provenance struct {
	Name      string   `json:"name"`
	Corpora   []Corpus `json:"corpora"`
	Documents int      `json:"documents"` // documents counted, over all corpora
	Failed    int      `json:"failed"`    // files that could not be read
	BuiltAt   string   `json:"built_at"`  // RFC 3339
	Version   string   `json:"termscore_version"`
	Command   string   `json:"command"`
}

// Corpus is one input of a build: a folder or a list of files.
type Corpus struct {
	Name      string `json:"name"`
	Path      string `json:"path"`
	Documents int    `json:"documents"`
	Licence   string `json:"licence"`
	// Labels names the expert labels used for clause categories, if any.
	Labels string `json:"labels,omitempty"`
}

// Group holds the statistics of the documents of one type (or all).
type Group struct {
	Documents int `json:"documents"`
	// Rules: for each rule id, in how many documents it fired, out of
	// the documents it applies to.
	Rules map[string]Freq `json:"rules"`
	// Categories: for each CUAD category, in how many documents the
	// experts labelled at least one span, out of the labelled documents.
	Categories map[string]Freq `json:"cuad_categories,omitempty"`
	// Terms: the distribution of each numeric key term.
	Terms map[string]*Dist `json:"terms"`
}

// Freq is a count out of n.
type Freq struct {
	Kind    string `json:"kind,omitempty"` // rule kind: present or missing
	Flagged int    `json:"flagged"`        // documents with the finding (rules) or the clause (categories)
	N       int    `json:"n"`
}

// Share is Flagged/N, 0 when N is 0.
func (f Freq) Share() float64 {
	if f.N == 0 {
		return 0
	}
	return float64(f.Flagged) / float64(f.N)
}

// Dist is the distribution of one numeric term.
type Dist struct {
	Unit      string    `json:"unit"`
	N         int       `json:"n"`
	Quantiles Quantiles `json:"quantiles"`
	Histogram []Bin     `json:"histogram"`
	// Values lists every distinct value with its count, ascending: the
	// exact distribution the comparisons are computed from.
	Values []Count `json:"values"`
}

// Quantiles of a distribution, by linear interpolation between order
// statistics (the default of R and NumPy).
type Quantiles struct {
	P10 float64 `json:"p10"`
	P25 float64 `json:"p25"`
	P50 float64 `json:"p50"`
	P75 float64 `json:"p75"`
	P90 float64 `json:"p90"`
}

// Bin counts the values v with From <= v < To; the last bin has no To.
type Bin struct {
	From  float64  `json:"from"`
	To    *float64 `json:"to,omitempty"`
	Count int      `json:"count"`
}

// Count is one distinct value and how many documents have it.
type Count struct {
	Value float64 `json:"v"`
	N     int     `json:"n"`
}

//go:embed default.json
var defaultJSON []byte

var defaultStats = sync.OnceValues(func() (*Stats, error) {
	st, err := Parse(defaultJSON)
	if err != nil {
		return nil, fmt.Errorf("embedded market statistics: %w", err)
	}
	return st, nil
})

// Default returns the statistics embedded in the binary, built from the
// CUAD contracts and the templates of the shared data (see docs/market.md).
// It is parsed once; callers must not modify it.
func Default() (*Stats, error) { return defaultStats() }

// Parse reads statistics written by Write.
func Parse(data []byte) (*Stats, error) {
	var st Stats
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fault.Wrap(fault.Invalid, err, "not a market statistics file (JSON)")
	}
	if st.Schema != Schema {
		return nil, fault.New(fault.Unsupported, "market statistics schema %q, want %q; rebuild it with termscore market build", st.Schema, Schema)
	}
	if st.All == nil {
		return nil, fault.New(fault.Invalid, "market statistics without the \"all\" group")
	}
	return &st, nil
}

// Load reads a statistics file.
func Load(path string) (*Stats, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fault.Wrap(fault.NotFound, err, "cannot read the market statistics file")
	}
	st, err := Parse(data)
	if err != nil {
		return nil, fault.WithFile(err, path)
	}
	return st, nil
}

// Marshal writes st as indented JSON with sorted keys, so that a rebuild
// from the same inputs gives the same bytes.
func (st *Stats) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Group returns the group of type t, or nil.
func (st *Stats) Group(t string) *Group {
	if t == "" || t == "all" {
		return st.All
	}
	return st.Types[t]
}
