package analyze

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/rules"
)

// classifiers are the clause models that back up the rules: a rule catches
// the wording it was written for, a model the same idea phrased otherwise.
type classifiers struct {
	unfair, cuad func() *labelled // UNFAIR-ToS: consumer terms of service; CUAD: commercial contracts
}

// labelled is a model cut down to the labels some rule of the catalog maps
// to: the others cannot change a finding, and the cost of scoring a
// sentence grows with the labels scored.
type labelled struct {
	m      *model.Subset  // nil when no rule maps to a label of the model
	labels []string       // m's labels, in the full model's order
	index  map[string]int // lower-case label → index in labels
	// shared counts, per label, the present rules of the catalog that map
	// to it.
	shared []int
}

func newLabelled(m *model.Model, rs *rules.Set, labelsOf func(*rules.Rule) []string) *labelled {
	if m == nil {
		return nil
	}
	mapped := map[string]int{} // lower-case label → rules mapping to it
	for _, rule := range rs.Rules() {
		if rule.Kind != rules.Present {
			continue
		}
		for _, l := range labelsOf(rule) {
			mapped[strings.ToLower(l)]++
		}
	}
	c := &labelled{index: map[string]int{}}
	for _, l := range m.Labels() {
		n := mapped[strings.ToLower(l)]
		if n == 0 {
			continue
		}
		c.index[strings.ToLower(l)] = len(c.labels)
		c.labels = append(c.labels, l)
		c.shared = append(c.shared, n)
	}
	if len(c.labels) == 0 {
		return c
	}
	sub, err := m.Subset(c.labels)
	if err != nil {
		panic(err) // the labels are the model's own
	}
	c.m = sub
	return c
}

// Thresholds on a model's calibrated probability.
const (
	// modelAlone is what a model needs to report a finding no rule made.
	modelAlone = 0.85
	// modelAgrees is what counts as the model confirming a rule's finding.
	modelAgrees = 0.5
	// modelDoubts: below this, the model doubts a rule's finding.
	modelDoubts = 0.05
	// doubted and weaklyDoubted scale the confidence of a rule finding
	// the model doubts, so that it says how often such a finding is
	// right. Of 155 such findings read in real contracts (518 documents,
	// docs/report.md), weighted by how many each rule has, 24% were the
	// rule's risk for the reviewer (36% counting a doubtful one as half)
	// for most rules, and 53% (60%) for the five whose label covers only
	// part of their risk (rule.MapsTo.WeakDoubt): 0.9 becomes 0.3 and
	// 0.6. Of the rule findings the model confirms, 94% were (55 read);
	// of those it neither confirms nor doubts (probability 0.05 to 0.5),
	// 65% (26 read).
	doubted       = 1.0 / 3
	weaklyDoubted = 2.0 / 3
	// modelDiscount scales a model-only finding's probability into its
	// confidence: a model without a matching rule is the weaker signal,
	// and its probability says how sure it is of the label, not of the
	// rule's risk. Of 189 such findings read in real contracts, 61 to 73%
	// per band of probability were the rule's risk, with no clear rise
	// from 0.85 to 1 (docs/report.md): 0.8 reports them at 0.68 to 0.8.
	// Lower would rank them under rule findings the model doubts
	// (0.9 × 2/3 = 0.6 at most), which read worse.
	modelDiscount = 0.8
)

// WithModels returns a copy of a that also runs the clause models (either
// may be nil). Model findings carry source "model"; rule findings the model
// confirms carry both sources; rule findings it strongly doubts lose some
// confidence.
func (a *Analyzer) WithModels(unfair, cuad *model.Model) *Analyzer {
	b := *a
	b.clf = nil
	if unfair != nil || cuad != nil {
		// Cut down on first use: a scan of one document needs one model.
		b.clf = &classifiers{
			unfair: sync.OnceValue(func() *labelled { return newLabelled(unfair, a.rules, unfairLabels) }),
			cuad:   sync.OnceValue(func() *labelled { return newLabelled(cuad, a.rules, cuadLabels) }),
		}
	}
	return &b
}

func unfairLabels(r *rules.Rule) []string { return r.MapsTo.UnfairTOS }
func cuadLabels(r *rules.Rule) []string   { return r.MapsTo.CUAD }

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
func (c *classifiers) modelFor(docType string) (*labelled, func(*rules.Rule) []string) {
	if docType == "terms-of-service" {
		return c.unfair(), unfairLabels
	}
	return c.cuad(), cuadLabels
}

// applyModels merges the model's view into the rule findings.
func (a *Analyzer) applyModels(doc *document.Document, r *Report, opt Options, names parties, fs []Finding) []Finding {
	if a.clf == nil {
		return fs
	}
	c, labelsOf := a.clf.modelFor(r.Document.Type)
	if c == nil || c.m == nil {
		return fs
	}
	m, labels := c.m, c.labels
	mo := matchOptions(r, names)
	// The rules each model label stands for, for this document and role.
	// A label that stands for several rules of the catalog ("IP Ownership
	// Assignment": broad assignment, work made for hire, background IP…)
	// cannot tell which one a sentence is, so it only confirms or doubts
	// rule findings.
	byLabel := make([][]*rules.Rule, len(labels))
	applies := false
	for _, rule := range a.rules.Rules() {
		if rule.Kind != rules.Present || !rule.AppliesIn(mo) {
			continue
		}
		for _, l := range labelsOf(rule) {
			if li, ok := c.index[strings.ToLower(l)]; ok {
				byLabel[li] = append(byLabel[li], rule)
				applies = true
			}
		}
	}
	if !applies {
		return fs
	}
	name := m.Header().Name
	added := map[[2]any]bool{} // (rule, clause) of model findings already made
	excl := rules.NewExcluder(doc)
	// The scores of the sentences that are a rule finding's span are kept
	// for the doubts below, since scoring is most of the model's cost;
	// only those: the scores of every sentence of a long document would
	// take 8 bytes a label a sentence (40 MB for 60 MB of text).
	nl := len(labels)
	kept := map[int][]float64{} // by sentence index
	for _, f := range fs {
		if k := sentenceIndex(doc, f.Span); k >= 0 {
			kept[k] = nil
		}
	}
	buf := make([]float64, nl)
	for i, s := range doc.Sentences {
		if s.Len() < 40 || s.Len() > 3000 {
			continue // headings and fragments; tables run together
		}
		scores := buf
		if _, ok := kept[i]; ok {
			scores = make([]float64, nl)
			kept[i] = scores
		}
		m.Scores(scores, doc.Slice(s))
		var clause *document.Clause
		found := false
		for li, p := range scores {
			rs := byLabel[li]
			if len(rs) == 0 || p < modelAgrees {
				continue
			}
			if !found {
				clause, found = doc.ClauseAt(s.Start), true
			}
			for _, rule := range rs {
				if j := findingNear(fs, rule.ID, s, clause, doc); j >= 0 {
					if !slices.Contains(fs[j].Sources, "model") {
						fs[j].Sources = append(fs[j].Sources, "model")
					}
					fs[j].modelP = max(fs[j].modelP, p)
					continue
				}
				key := [2]any{rule.ID, clause}
				// A label broader than the rule's risk (rule.MapsTo.ConfirmOnly)
				// only confirms, as one shared by several rules does.
				if p < modelAlone || c.shared[li] > 1 || rule.MapsTo.ConfirmOnly || added[key] ||
					// Where a rule that says the risk more precisely found the
					// clause, the model does not add the general rule beside it,
					// as a rule's own hit would be superseded.
					slices.ContainsFunc(a.rules.SupersededBy(rule.ID), func(id string) bool { return findingNear(fs, id, s, clause, doc) >= 0 }) {
					continue
				}
				// What the rule leaves out on purpose (both parties'
				// right, a heading, an unticked option, a clause that
				// caps what the sentence leaves uncapped) the model does
				// not bring back.
				if excl.Excludes(rule, s, mo) {
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
	// A rule finding the model finds very unlikely loses two thirds of its
	// confidence (a third where the rule's label covers only part of its
	// risk): both signals are reported, neither silently wins, and the
	// confidence says how often such a finding is right.
	var idx []int
	var own []float64
	for i := range fs {
		f := &fs[i]
		if slices.Contains(f.Sources, "model") || f.Kind != rules.Present {
			continue
		}
		rule := a.rules.Lookup(f.Rule)
		if rule == nil {
			continue
		}
		idx = idx[:0]
		for _, l := range labelsOf(rule) {
			if li, ok := c.index[strings.ToLower(l)]; ok {
				idx = append(idx, li)
			}
		}
		if len(idx) == 0 {
			continue
		}
		var ss []float64
		if k := sentenceIndex(doc, f.Span); k >= 0 && kept[k] != nil {
			ss = kept[k]
		} else {
			own = m.Scores(own, doc.Slice(f.Span))
			ss = own
		}
		best := 0.0
		for _, li := range idx {
			best = max(best, ss[li])
		}
		if best < modelDoubts {
			k := doubted
			if rule.MapsTo.WeakDoubt {
				k = weaklyDoubted
			}
			f.Confidence = round2(f.Confidence * k)
			f.Evidence = strings.TrimSpace(f.Evidence + fmt.Sprintf(" The %s model doubts this (probability %.2f), so confidence was lowered.", name, best))
		}
	}
	return fs
}

// sentenceIndex returns the index of the sentence of doc with span s, or
// -1. The sentences are in document order.
func sentenceIndex(doc *document.Document, s document.Span) int {
	i, _ := slices.BinarySearchFunc(doc.Sentences, s.Start, func(x document.Span, start int) int {
		return cmp.Compare(x.Start, start)
	})
	if i < len(doc.Sentences) && doc.Sentences[i] == s {
		return i
	}
	return -1
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
		if f.Span.Overlaps(s) {
			return i
		}
	}
	return -1
}
