// Package presence tells which CUAD clause categories a whole contract
// contains. It joins the cuad sentence model (package model), a second
// linear model over whole clauses (the segmenter's clause bodies, under
// their headings) and the rules mapped to CUAD categories (package rules):
// the model's document stage weighs, per category, the highest sentence
// probability, the highest clause probability, how many sentences the
// category's rules fire on, how many have a hand-written key phrase of the
// category, and the clause probability of the categories it requires.
// Package model cannot read clauses or rules (the segmenter and rules must
// not depend on the model, and the model's sentence API is used by analyze
// alongside them), so these features are computed here and handed to the
// model as a model.Extra.
package presence

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/plaintext"
	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/segment"
)

// read reads a contract's text as plain text and segments it; nil when it
// has no text.
func read(text string) *document.Document {
	doc, err := plaintext.Read(context.Background(), text)
	if err != nil {
		return nil
	}
	segment.Build(doc)
	return doc
}

// clause is one unit of the clause model: a clause's own text (before its
// first sub-clause), and where it is.
type clause struct {
	text string
	span document.Span
}

// maxClause bounds a unit's text: a clause body longer than this is mostly
// a schedule or a table, and its first part says what it is.
const maxClause = 4000

// clauses returns the units of the clause model of a document: every
// clause's body, preceded by the nearest heading above it (its own or an
// ancestor's) when the body does not contain it.
func clauses(doc *document.Document) []clause { return clausesWith(doc, false) }

// clausesWith is clauses; with chain, a body is preceded by every heading
// above it, the outermost first (Options.HeadingChain).
func clausesWith(doc *document.Document, chain bool) []clause {
	return unitsOf(doc, chain, false)
}

// unitsOf is clausesWith; with cover, a body longer than maxClause is cut
// into pieces of at most that length, each under the heading, and the text
// outside every body (a contract the segmenter finds few clauses in) is cut
// likewise into units of its own (Options.Cover).
func unitsOf(doc *document.Document, chain, cover bool) []clause {
	if cover {
		return covered(doc, chain)
	}
	var out []clause
	var walk func(cs []*document.Clause, head string)
	walk = func(cs []*document.Clause, head string) {
		for _, c := range cs {
			h := headingOf(c, head, chain)
			if c.Body.End > c.Body.Start {
				text := doc.Text[c.Body.Start:c.Body.End]
				if len(text) > maxClause {
					text = strings.ToValidUTF8(text[:maxClause], "")
				}
				if h != "" && !strings.Contains(text, h) {
					text = h + ". " + text
				}
				out = append(out, clause{text, c.Body})
			}
			walk(c.Children, h)
		}
	}
	walk(doc.Clauses, "")
	return out
}

// headingOf is the heading a clause's text is read under: its own, after
// its parents' with chain, else its parent's.
func headingOf(c *document.Clause, parent string, chain bool) string {
	switch {
	case c.Heading != "" && chain && parent != "":
		return parent + ". " + c.Heading
	case c.Heading != "":
		return c.Heading
	}
	return parent
}

// covered returns the units of unitsOf with cover.
func covered(doc *document.Document, chain bool) []clause {
	var out []clause
	var bodies []document.Span
	var walk func(cs []*document.Clause, head string)
	walk = func(cs []*document.Clause, head string) {
		for _, c := range cs {
			h := headingOf(c, head, chain)
			if c.Body.End > c.Body.Start {
				bodies = append(bodies, c.Body)
				for _, sp := range pieces(doc.Text, c.Body) {
					text := doc.Text[sp.Start:sp.End]
					if h != "" && !strings.Contains(text, h) {
						text = h + ". " + text
					}
					out = append(out, clause{text, sp})
				}
			}
			walk(c.Children, h)
		}
	}
	walk(doc.Clauses, "")
	slices.SortFunc(bodies, func(a, b document.Span) int { return a.Start - b.Start })
	at := 0
	gap := func(end int) {
		if end-at >= minGap {
			for _, sp := range pieces(doc.Text, document.Span{Start: at, End: end}) {
				out = append(out, clause{doc.Text[sp.Start:sp.End], sp})
			}
		}
	}
	for _, b := range bodies {
		if b.Start > at {
			gap(b.Start)
		}
		at = max(at, b.End)
	}
	gap(len(doc.Text))
	return out
}

// minGap is the least text outside every clause body that covered makes a
// unit of: less is a heading or a stray number.
const minGap = 200

// pieces cuts a span of text into spans of at most maxClause bytes, each
// ending after a full stop and a space where there is one in its second
// half, else at a space, else at a rune boundary.
func pieces(text string, s document.Span) []document.Span {
	var out []document.Span
	for s.End-s.Start > maxClause {
		end := s.Start + maxClause
		w := text[s.Start+maxClause/2 : end]
		switch {
		case strings.LastIndex(w, ". ") >= 0:
			end = s.Start + maxClause/2 + strings.LastIndex(w, ". ") + 2
		case strings.LastIndexByte(w, ' ') >= 0:
			end = s.Start + maxClause/2 + strings.LastIndexByte(w, ' ') + 1
		default:
			for end > s.Start && !utf8.RuneStart(text[end]) {
				end--
			}
		}
		out = append(out, document.Span{Start: s.Start, End: end})
		s.Start = end
	}
	if s.End > s.Start {
		out = append(out, s)
	}
	return out
}

// logit is the document stage's scale for a probability (as model's).
func logit(p float64) float64 {
	p = math.Min(math.Max(p, 1e-4), 1-1e-4)
	return math.Log(p / (1 - p))
}

// width is the number of features per category: rule hits, the highest
// clause probability, curated phrases and the categories it depends on.
const width = 4

// requires are the categories a category only occurs beside: an exception
// to a restriction needs the restriction, an affiliate or unlimited licence
// needs a licence grant (in CUAD's labels, 140 of the four's 142 positive
// contracts have one of their requirements). The highest clause probability of the category's
// requirements is a feature of the category, and the stage finds it present
// only beside one of them (model.Extra.Requires). Other pairs, such as a
// renewal notice period with a renewal term or uncapped with capped
// liability, scored lower as features: 73.0 against 73.2.
var requires = map[string][]string{
	"Competitive Restriction Exception": {"Non-Compete", "Exclusivity", "No-Solicit of Customers"},
	"Affiliate License-Licensor":        {"License Grant"},
	"Affiliate License-Licensee":        {"License Grant"},
	"Unlimited/All-You-Can-Eat-License": {"License Grant"},
}

// features are one document's features by category: log of 1 + the
// sentences that present rules mapped to the category fire on, the logit
// of the highest clause probability (best, by model label index), log of 1
// + the sentences with a curated phrase of the category (phrases, by
// category), and the logit of the highest clause probability of the
// categories it requires (0 when it requires none).
func features(hits []rules.Hit, labels []string, best []float64, phrases map[string]int) map[string][]float64 {
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
	out := make(map[string][]float64, len(labels))
	for li, name := range labels {
		req := 0.0
		if need := requires[name]; len(need) > 0 {
			b := 0.0
			for lj, other := range labels {
				if slices.Contains(need, other) {
					b = max(b, best[lj])
				}
			}
			req = logit(b)
		}
		out[name] = []float64{math.Log1p(float64(n[name])), logit(best[li]), math.Log1p(float64(phrases[name])), req}
	}
	return out
}

// Features returns the document stage's outside features over a rule set
// and a clause model (model.CUADClauses), with DefaultOptions.
func Features(set *rules.Set, clauseModel *model.Model) *model.Extra {
	return FeaturesWith(set, clauseModel, DefaultOptions())
}

// FeaturesWith is Features with the optional features of opt.
func FeaturesWith(set *rules.Set, clauseModel *model.Model, opt Options) *model.Extra {
	labels := clauseModel.Labels()
	ps := opt.phrases()
	hs := compileHeadings()
	ds := compileDefined()
	return &model.Extra{Width: opt.width(), Requires: requires, Features: func(text string) map[string][]float64 {
		pl := newPool(len(labels), opt.ClauseCount)
		doc := read(text)
		if doc == nil {
			out := features(nil, labels, pl.best, nil)
			opt.more(out, labels, pl, nil, nil)
			return out
		}
		var p []float64
		for _, c := range unitsOf(doc, opt.HeadingChain, opt.Cover) {
			p = clauseModel.Scores(p[:0], c.text)
			for li, v := range p {
				pl.add(li, v)
			}
		}
		out := features(set.Match(doc, rules.MatchOptions{}), labels, pl.best, ps.count(doc))
		var heads, defs map[string]int
		if opt.Heading {
			heads = hs.count(doc)
		}
		if opt.Defined {
			defs = ds.count(doc)
		}
		opt.more(out, labels, pl, heads, defs)
		return out
	}}
}

// Load returns the embedded document classifier of a taxonomy; for cuad,
// with the embedded rules and clause model its document stage was trained
// with.
func Load(taxonomy string) (*model.DocumentModel, error) {
	if taxonomy != model.CUAD {
		return model.LoadDocument(taxonomy)
	}
	set, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	cm, err := model.Load(model.CUADClauses)
	if err != nil {
		return nil, err
	}
	return model.LoadDocumentWith(taxonomy, Features(set, cm))
}
