package rules

import (
	"strings"

	"github.com/termscore/termscore/internal/document"
)

// Excludes reports whether the rule's own logic rejects sentence, whether
// or not its patterns match it: one of its unless expressions matches; it
// is a title or a table-of-contents line, or a list of options none of
// which is ticked; or, for a rule that skips negated wording, every one of
// its anchors in the sentence is negated. Only present rules exclude
// anything.
//
// A statistical model that finds the rule's topic in a sentence the rule
// does not match uses it so as not to report what the rule leaves out on
// purpose ("Either party may terminate this Agreement at any time" is not
// termination for convenience by one side). It is safe for concurrent use.
func (r *Rule) Excludes(sentence string) bool {
	d := r.det
	if r.Kind != Present || d == nil {
		return false
	}
	if strings.Count(sentence, " ") < 4 && !strings.ContainsAny(sentence, ".;:") ||
		titleLike(sentence) || onlyUnchecked(sentence) {
		return true
	}
	c := canonicalize(sentence, nil, nil)
	if d.unless.matchAny(c.s) && !d.despite.matchAny(c.s) {
		return true
	}
	if !d.skipNegated {
		return false
	}
	found := false
	for _, an := range d.anchors {
		for from := 0; from < len(c.s); {
			i := strings.Index(c.s[from:], an)
			if i < 0 {
				break
			}
			i += from
			if !negated(c.s, i, i+len(an)) {
				return false
			}
			found = true
			from = i + 1
		}
	}
	return found
}

// ExcludesFor is Excludes for a review with opt's role and names: it also
// rejects a sentence where the party who acts is not the one the rule's
// actor says ("Contractor may terminate this Agreement for convenience"
// in a contractor's review). Who acts is read before the first of the
// rule's anchors, as the matcher reads it before the match. It rejects
// too a sentence one of the rule's Sides.Unless vetoes ("Customer is not
// responsible for …" in a client's review).
func (r *Rule) ExcludesFor(sentence string, opt MatchOptions) bool {
	if r.Excludes(sentence) {
		return true
	}
	d := r.det
	if d == nil || d.actor == actorNone && !d.sideUnless.any() {
		return false
	}
	a := newActors(opt)
	if a == nil {
		return false
	}
	c := canonicalize(sentence, nil, nil)
	if !d.sidesHold(a, c.s, false) {
		return true
	}
	if d.actor == actorNone {
		return false
	}
	first := -1
	for _, an := range d.anchors {
		if i := strings.Index(c.s, an); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first >= 0 && a.skip(d.actor, c.s[:first])
}

// ExcludesIn is ExcludesFor for sentence s of doc: it also rejects a
// sentence the rule's clause tests (Detect.Clause) reject, read in the
// clause around it ("except for Excluded Claims, neither party shall be
// liable …" beside "for Excluded Claims, liability shall not exceed three
// times the fees" is not uncapped liability). For many sentences of one
// document, NewExcluder reads the document once.
func (r *Rule) ExcludesIn(doc *document.Document, s document.Span, opt MatchOptions) bool {
	return NewExcluder(doc).Excludes(r, s, opt)
}

// Excluder answers ExcludesIn for the sentences of one document. It finds
// the document's units and sections, and canonicalises a unit, once,
// when a rule's clause tests first need them: on a document without a
// clause tree, finding its sections reads every block. It is not safe
// for concurrent use.
type Excluder struct {
	doc   *document.Document
	units []document.Span
	sec   *sections
	canon map[int]string // canonical units[k]
}

// NewExcluder returns an Excluder for doc.
func NewExcluder(doc *document.Document) *Excluder {
	return &Excluder{doc: doc}
}

// Excludes is r.ExcludesIn(doc, s, opt) for the Excluder's document.
func (e *Excluder) Excludes(r *Rule, s document.Span, opt MatchOptions) bool {
	if r.ExcludesFor(e.doc.Slice(s), opt) {
		return true
	}
	d := r.det
	if d == nil || !d.clauseRequire.any() && !d.clauseUnless.any() && !d.sideClauseUnless.any() {
		return false
	}
	if e.sec == nil {
		e.units, e.sec, e.canon = Units(e.doc), newSections(e.doc), map[int]string{}
	}
	canon := func(k int) string {
		c, ok := e.canon[k]
		if !ok {
			c = canonPhrase(e.doc.Slice(e.units[k]))
			e.canon[k] = c
		}
		return c
	}
	span := e.sec.context(s)
	if !d.clauseHolds(e.units, span, canon) {
		return true
	}
	return d.sideClauseUnless.any() && !d.sidesClauseHolds(newActors(opt), e.units, span, canon)
}
