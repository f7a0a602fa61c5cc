package model

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed weights/*.json weights/*.bin
var weights embed.FS

// embedded holds one lazy loader per taxonomy: the weights are parsed the
// first time a model is asked for and shared read-only after that.
var embedded = map[string]func() (*Model, error){
	UnfairToS: sync.OnceValues(func() (*Model, error) { return loadEmbedded(UnfairToS) }),
	CUAD:      sync.OnceValues(func() (*Model, error) { return loadEmbedded(CUAD) }),
	// The cuad categories scored on whole clauses, for the document stage
	// (package presence).
	CUADClauses: sync.OnceValues(func() (*Model, error) { return loadEmbedded(CUADClauses) }),
}

// Load returns the embedded model of a taxonomy ("unfair-tos" or "cuad"),
// parsing its weights on first use.
func Load(taxonomy string) (*Model, error) {
	load, ok := embedded[taxonomy]
	if !ok {
		return nil, fmt.Errorf("unknown taxonomy %q: use %s or %s", taxonomy, UnfairToS, CUAD)
	}
	return load()
}

func loadEmbedded(taxonomy string) (*Model, error) {
	h, err := weights.ReadFile("weights/" + taxonomy + ".json")
	if err != nil {
		return nil, err
	}
	t, err := weights.ReadFile("weights/" + taxonomy + ".bin")
	if err != nil {
		return nil, err
	}
	return Parse(h, t)
}

// Describe names the embedded models, their versions and training data, for
// `termscore version`. It reads only the small headers.
func Describe() []Header {
	var out []Header
	for _, tax := range []string{UnfairToS, CUAD, CUADClauses} {
		b, err := weights.ReadFile("weights/" + tax + ".json")
		if err != nil {
			continue
		}
		var h Header
		if json.Unmarshal(b, &h) == nil {
			out = append(out, h)
		}
	}
	return out
}

// IsEmbedded reports whether t's header and weight table are byte for byte
// the embedded weights of its taxonomy: whether the binary's model is the
// one this code trains from the data at hand.
func (t *Trained) IsEmbedded() bool {
	h, err := weights.ReadFile("weights/" + t.Header.Taxonomy + ".json")
	if err != nil {
		return false
	}
	b, err := weights.ReadFile("weights/" + t.Header.Taxonomy + ".bin")
	if err != nil {
		return false
	}
	return bytes.Equal(h, t.HeaderJSON()) && bytes.Equal(b, t.Table)
}
