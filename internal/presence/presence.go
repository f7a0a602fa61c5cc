// Package presence tells which CUAD clause categories a whole contract
// contains. It joins the cuad sentence model (package model) and the rules
// mapped to CUAD categories (package rules): the model's document stage
// weighs, per category, the highest sentence probability, mined key phrases
// and how many sentences the category's rules fire on. The rules cannot be
// read inside package model (rules must not depend on the model, and the
// model's sentence API is used by the rules' caller, analyze), so the rule
// features are computed here and handed to the model as a model.Extra.
package presence

import (
	"context"
	"math"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/plaintext"
	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/segment"
)

// RuleFeatures returns the document stage's rule features over set: for
// each CUAD category, log(1 + the number of sentences that a present rule
// mapped to the category fires on), the text read as plain text.
func RuleFeatures(set *rules.Set) *model.Extra {
	return &model.Extra{Width: 1, Features: func(text string) map[string][]float64 {
		doc, err := plaintext.Read(context.Background(), text)
		if err != nil {
			return nil // no text: no hits
		}
		segment.Build(doc)
		return ruleCounts(set.Match(doc, rules.MatchOptions{}))
	}}
}

// ruleCounts turns rule hits into the features of RuleFeatures.
func ruleCounts(hits []rules.Hit) map[string][]float64 {
	type key struct {
		cat  string
		span document.Span
	}
	seen := map[key]bool{}
	n := map[string]int{}
	for _, h := range hits {
		if h.Rule.Kind != "present" {
			continue
		}
		for _, cat := range h.Rule.MapsTo.CUAD {
			k := key{cat, h.Span}
			if !seen[k] {
				seen[k] = true
				n[cat]++
			}
		}
	}
	out := make(map[string][]float64, len(n))
	for cat, c := range n {
		out[cat] = []float64{math.Log1p(float64(c))}
	}
	return out
}

// Load returns the embedded document classifier of a taxonomy; for cuad,
// with the embedded rules' features its document stage was trained with.
func Load(taxonomy string) (*model.DocumentModel, error) {
	if taxonomy != model.CUAD {
		return model.LoadDocument(taxonomy)
	}
	set, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	return model.LoadDocumentWith(taxonomy, RuleFeatures(set))
}

// Train trains the cuad model on the contracts under dataDir as
// model.TrainCUADCached does, with the embedded rules' features in the
// document stage (cache as there: "" for none).
func Train(dataDir string, cfg model.TrainConfig, date, cache string) (*model.CUADResult, error) {
	set, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	return model.TrainCUADWith(dataDir, cfg, date, cache, RuleFeatures(set))
}
