package market

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/termscore/termscore/internal/fault"
)

// CUADLicence is the licence of the CUAD v1 contracts and labels.
const CUADLicence = "CC BY 4.0 (CUAD v1, The Atticus Project; Hendrycks et al., NeurIPS 2021)"

// Labels are expert clause labels by file name: for each document, each
// category and whether at least one span of it was labelled.
type Labels map[string]map[string]bool

// LoadCUADLabels reads CUAD's documents.jsonl as the shared data holds it:
// one JSON object per contract with "contract_txt" (the file name) and
// "labels" {category: {"n_spans": k, ...}}.
func LoadCUADLabels(path string) (Labels, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fault.Wrap(fault.NotFound, err, "cannot read the CUAD labels file")
	}
	defer f.Close()
	out := Labels{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var doc struct {
			Txt    string `json:"contract_txt"`
			Labels map[string]struct {
				Spans int `json:"n_spans"`
			} `json:"labels"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return nil, fault.WithFile(fault.Wrap(fault.Invalid, err, fmt.Sprintf("line %d is not a CUAD document record", line)), path)
		}
		if doc.Txt == "" || len(doc.Labels) == 0 {
			continue
		}
		m := make(map[string]bool, len(doc.Labels))
		for c, l := range doc.Labels {
			m[c] = l.Spans > 0
		}
		out[doc.Txt] = m
	}
	if err := sc.Err(); err != nil {
		return nil, fault.WithFile(fault.Wrap(fault.Invalid, err, "cannot read the CUAD labels file"), path)
	}
	return out, nil
}
