package presence

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/rules"
)

// Result is the trained cuad sentence model and document stage, with the
// clause model whose out-of-fold probabilities the stage was trained on.
type Result struct {
	*model.CUADResult
	Clauses *model.Trained // nil when trained without outside features
}

// Write writes the cuad model, its document stage and the clause model.
func (r *Result) Write(dir string) error {
	if err := r.CUADResult.Write(dir); err != nil {
		return err
	}
	if r.Clauses == nil {
		return nil
	}
	return r.Clauses.Write(dir)
}

// Train trains the cuad model on the contracts under dataDir as
// model.TrainCUADCached does, with the embedded rules' hits and a clause
// model's highest probability as the document stage's outside features.
// The clause model is trained on every clause body of the contracts
// (labelled by the CUAD spans it overlaps) with the sentence model's
// settings but at most clauseEpochs passes, by the same 5-fold
// cross-validation over contracts: the stage learns from the training
// contracts' out-of-fold clause probabilities, as it does from their
// sentence probabilities. cache, when not "", keeps both trained models
// (the clause model in cache + ".clauses").
func Train(dataDir string, cfg model.TrainConfig, date, cache string) (*Result, error) {
	return TrainWith(dataDir, cfg, date, cache, DefaultOptions())
}

// TrainWith is Train with the optional features of opt.
func TrainWith(dataDir string, cfg model.TrainConfig, date, cache string, opt Options) (*Result, error) {
	set, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	contracts, _, err := model.ReadCUAD(dataDir)
	if err != nil {
		return nil, err
	}
	spans, err := readSpans(filepath.Join(dataDir, "cuad", "spans.jsonl"))
	if err != nil {
		return nil, err
	}
	labels := model.CUADClauseLabels
	var units []model.LabelledSentence
	var owner []int
	hits := make([][]rules.Hit, len(contracts))
	cur := make([]map[string]int, len(contracts))
	heads := make([]map[string]int, len(contracts))
	ps := opt.phrases()
	hs := compileHeadings()
	defs := make([]map[string]int, len(contracts))
	ds := compileDefined()
	h := sha256.New()
	for ci, c := range contracts {
		b, err := os.ReadFile(filepath.Join(dataDir, "cuad", "contracts", c.Name))
		if err != nil {
			return nil, err
		}
		doc := read(string(b))
		if doc == nil {
			continue
		}
		hits[ci] = set.Match(doc, rules.MatchOptions{})
		cur[ci] = ps.count(doc)
		if opt.Heading {
			heads[ci] = hs.count(doc)
		}
		if opt.Defined {
			defs[ci] = ds.count(doc)
		}
		var located []labelled
		for _, s := range spans[c.Name] {
			if sp, ok := document.Locate(doc.Text, s.text); ok {
				located = append(located, labelled{s.category, sp})
			}
		}
		for _, u := range unitsOf(doc, opt.HeadingChain, opt.Cover) {
			var labs []string
			for _, l := range located {
				if l.span.Start < u.span.End && u.span.Start < l.span.End && !slices.Contains(labs, l.category) {
					labs = append(labs, l.category)
				}
			}
			units = append(units, model.LabelledSentence{Text: u.text, Labels: labs, Group: c.Name})
			owner = append(owner, ci)
			fmt.Fprintf(h, "%s\x00%q\n", u.text, labs)
		}
	}
	clauseCache := ""
	if cache != "" {
		clauseCache = cache + ".clauses"
	}
	// Five passes of coordinate descent instead of the sentence model's
	// ten: a third of the time (eval trains it too), and the same figures
	// (stage mean over fold seeds 1-5: 71.4 against 71.25 with ten). The
	// legal cue features and IDF, which the sentence model does without
	// (document 68.3 against 68.4 there), help here: 71.4 -> 71.8, micro
	// 81.5 -> 82.0, better on 4 of the 5 fold seeds (cost 0.25 as well:
	// 71.8; cost 1 without them 71.2; units of a clause with its
	// sub-clauses 70.9, or both 70.4). Within the noise, not adopted: word
	// trigrams 72.0, negation 71.9, positive weight cap 5 71.8.
	ccfg := cfg
	ccfg.Epochs = min(cfg.Epochs, clauseEpochs)
	ccfg.Features.Cues, ccfg.Features.IDF = true, true
	if opt.ClauseBits > 0 {
		ccfg.Features.Bits = opt.ClauseBits
	}
	ctr, err := model.TrainCached(ccfg, units, labels, hex.EncodeToString(h.Sum(nil)), clauseCache)
	if err != nil {
		return nil, err
	}
	// The out-of-fold highest clause probability of each contract. A
	// contract's clauses are all in one fold (folds are by contract), the
	// sentence model's fold: the same seed orders the same contracts.
	pools := make([]*pool, len(contracts))
	for ci := range pools {
		pools[ci] = newPool(len(labels), opt.ClauseCount)
	}
	for li := range labels {
		for i, p := range ctr.OOF[li] {
			pools[owner[i]].add(li, p)
		}
	}
	index := map[string]int{}
	for ci, c := range contracts {
		index[c.Name] = ci
	}
	trainFeatures := func(name, text string) map[string][]float64 {
		ci := index[name]
		out := features(hits[ci], labels, pools[ci].best, cur[ci])
		opt.more(out, labels, pools[ci], heads[ci], defs[ci])
		return out
	}
	res, err := model.TrainCUADWith(dataDir, cfg, date, cache, &model.Extra{Width: opt.width(), Requires: requires}, trainFeatures)
	if err != nil {
		return nil, err
	}
	ctr.Header.Name = "termscore-cuad-clauses"
	ctr.Header.Version = model.ModelVersion
	ctr.Header.Taxonomy = model.CUADClauses
	ctr.Header.Data = fmt.Sprintf("CUAD v1 (The Atticus Project, CC BY 4.0): %d clause bodies of %d contracts, labelled by the spans they overlap", len(units), len(contracts))
	ctr.Header.DataHash = res.Header.DataHash
	ctr.Header.Date = date
	return &Result{CUADResult: res, Clauses: ctr}, nil
}

// clauseEpochs bounds the clause model's passes of coordinate descent.
const clauseEpochs = 5

// span is one labelled CUAD span.
type span struct{ category, text string }

// labelled is a span located in a document's text.
type labelled struct {
	category string
	span     document.Span
}

// readSpans reads the CUAD spans by contract file name.
func readSpans(path string) (map[string][]span, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]span{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for line := 1; sc.Scan(); line++ {
		var r struct {
			Txt      string `json:"contract_txt"`
			Category string `json:"category"`
			Text     string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out[r.Txt] = append(out[r.Txt], span{r.Category, r.Text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
