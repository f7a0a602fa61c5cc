package model

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
)

// currentToS holds every sentence of three current terms of service
// (GitHub, Basecamp, WordPress.com), in document order, with UNFAIR-ToS
// labels given by TermScore's team: text no model was trained on, in
// ordinary casing, to measure whether the unfair-tos model learned wording
// or the corpus's lower-cased tokens. See heldout/ATTRIBUTION.md.
//
//go:embed heldout/current-tos.jsonl
var currentToS []byte

// CurrentToS returns the labelled sentences of the current terms of
// service, Group naming the document.
func CurrentToS() ([]LabelledSentence, error) {
	var out []LabelledSentence
	sc := bufio.NewScanner(bytes.NewReader(currentToS))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var s LabelledSentence
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("current terms of service, line %d: %w", n, err)
		}
		out = append(out, s)
	}
	return out, sc.Err()
}

// EvaluateCurrentToS scores m (an unfair-tos model) on CurrentToS.
func EvaluateCurrentToS(m *Model) (Scores, error) {
	sents, err := CurrentToS()
	if err != nil {
		return Scores{}, err
	}
	return evalSentences(m, sents, ""), nil
}
