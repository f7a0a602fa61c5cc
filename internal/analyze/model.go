package analyze

import (
	"fmt"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/rules"
)

// classifiers are the clause models that back up the rules: a rule catches
// the wording it was written for, a model the same idea phrased otherwise.
type classifiers struct {
	unfair *model.Model // UNFAIR-ToS: consumer terms of service
	cuad   *model.Model // CUAD: commercial contracts
}

// Thresholds on a model's calibrated probability.
const (
	// modelAlone is what a model needs to report a finding no rule made.
	modelAlone = 0.85
	// modelAgrees is what counts as the model confirming a rule's finding.
	modelAgrees = 0.5
	// modelDoubts: below this, the model doubts a rule's finding.
	modelDoubts = 0.05
	// modelDiscount scales a model-only finding's probability into its
	// confidence: a model without a matching rule is the weaker signal.
	modelDiscount = 0.85
)

// WithModels returns a copy of a that also runs the clause models (either
// may be nil). Model findings carry source "model"; rule findings the model
// confirms carry both sources; rule findings it strongly doubts lose some
// confidence.
func (a *Analyzer) WithModels(unfair, cuad *model.Model) *Analyzer {
	b := *a
	if unfair != nil || cuad != nil {
		b.clf = &classifiers{unfair: unfair, cuad: cuad}
	} else {
		b.clf = nil
	}
	return &b
}

// EmbeddedModels loads the models embedded in the binary; a model whose
// weights are not embedded is nil.
func EmbeddedModels() (unfair, cuad *model.Model) {
	unfair, _ = model.Load(model.UnfairToS)
	cuad, _ = model.Load(model.CUAD)
	return unfair, cuad
}

// modelFor picks the model trained on documents like this one: the
// UNFAIR-ToS model knows consumer terms, the CUAD model commercial
// contracts. Using a model outside its domain would be guessing.
func (c *classifiers) modelFor(docType string) (*model.Model, func(*rules.Rule) []string) {
	if docType == "terms-of-service" {
		return c.unfair, func(r *rules.Rule) []string { return r.MapsTo.UnfairTOS }
	}
	return c.cuad, func(r *rules.Rule) []string { return r.MapsTo.CUAD }
}

// applyModels merges the model's view into the rule findings.
func (a *Analyzer) applyModels(doc *document.Document, r *Report, opt Options, names parties, fs []Finding) []Finding {
	if a.clf == nil {
		return fs
	}
	m, labelsOf := a.clf.modelFor(r.Document.Type)
	if m == nil {
		return fs
	}
	known := map[string]string{} // lower-case label → the model's spelling
	for _, l := range m.Labels() {
		known[strings.ToLower(l)] = l
	}
	// The rules each model label stands for, for this document and role,
	// and how many rules of the catalog share the label: a label that
	// stands for several rules ("IP Ownership Assignment": broad
	// assignment, work made for hire, background IP…) cannot tell which
	// one a sentence is, so it only confirms or doubts rule findings.
	byLabel := map[string][]*rules.Rule{}
	shared := map[string]int{}
	for _, rule := range a.rules.Rules() {
		if rule.Kind != rules.Present {
			continue
		}
		for _, l := range labelsOf(rule) {
			name, ok := known[strings.ToLower(l)]
			if !ok {
				continue
			}
			shared[name]++
			if rule.AppliesTo(r.Document.Type, r.Role) {
				byLabel[name] = append(byLabel[name], rule)
			}
		}
	}
	if len(byLabel) == 0 {
		return fs
	}
	name := m.Header().Name
	added := map[[2]any]bool{} // (rule, clause) of model findings already made
	labels := m.Labels()
	// Scores of each sentence, kept for the doubts below: a rule finding's
	// span is usually one of these sentences, and scoring is most of the
	// model's cost.
	scored := make(map[document.Span][]float64, len(doc.Sentences))
	for _, s := range doc.Sentences {
		if s.Len() < 40 || s.Len() > 3000 {
			continue // headings and fragments; tables run together
		}
		scores := m.Scores(nil, doc.Slice(s))
		scored[s] = scores
		for li, p := range scores {
			rs := byLabel[labels[li]]
			if len(rs) == 0 || p < modelAgrees {
				continue
			}
			clause := doc.ClauseAt(s.Start)
			for _, rule := range rs {
				if i := findingNear(fs, rule.ID, s, clause, doc); i >= 0 {
					if !contains(fs[i].Sources, "model") {
						fs[i].Sources = append(fs[i].Sources, "model")
					}
					continue
				}
				key := [2]any{rule.ID, clause}
				if p < modelAlone || shared[labels[li]] > 1 || added[key] {
					continue
				}
				added[key] = true
				f := a.finding(doc, rules.Hit{Rule: rule, Span: s, Section: clause, Confidence: p * modelDiscount}, r, opt, names)
				f.Sources = []string{"model"}
				f.Evidence = fmt.Sprintf("found by the %s model (label %s, probability %.2f); no rule matched this wording", name, labels[li], p)
				fs = append(fs, f)
			}
		}
	}
	// A rule finding the model finds very unlikely loses a quarter of its
	// confidence: both signals are reported, neither silently wins.
	for i := range fs {
		f := &fs[i]
		if contains(f.Sources, "model") || f.Kind != rules.Present {
			continue
		}
		rule := a.rules.Lookup(f.Rule)
		if rule == nil {
			continue
		}
		var idx []int
		for _, l := range labelsOf(rule) {
			for li, name := range labels {
				if strings.EqualFold(name, l) {
					idx = append(idx, li)
				}
			}
		}
		if len(idx) == 0 {
			continue
		}
		scores, ok := scored[f.Span]
		if !ok {
			scores = m.Scores(nil, doc.Slice(f.Span))
		}
		best := 0.0
		for _, li := range idx {
			best = max(best, scores[li])
		}
		if best < modelDoubts {
			f.Confidence = round2(f.Confidence * 0.75)
			f.Evidence = strings.TrimSpace(f.Evidence + fmt.Sprintf(" The %s model doubts this (probability %.2f), so confidence was lowered.", name, best))
		}
	}
	return fs
}

// findingNear returns the index of a finding of rule in the same clause as
// sentence s (or overlapping it when the document has no clauses), or -1.
func findingNear(fs []Finding, rule string, s document.Span, clause *document.Clause, doc *document.Document) int {
	for i, f := range fs {
		if f.Rule != rule {
			continue
		}
		if clause != nil && doc.ClauseAt(f.Span.Start) == clause {
			return i
		}
		if f.Span.Start < s.End && s.Start < f.Span.End {
			return i
		}
	}
	return -1
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
