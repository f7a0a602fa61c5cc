package rules

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/document"
)

// MatchOptions choose the rules that run. An empty field selects all.
type MatchOptions struct {
	DocType string // the document's type, e.g. "freelance"
	Role    string // the reviewer's role, e.g. "contractor"
	// LeaseUse is, for a lease, what the premises are let for:
	// "residential" or "commercial" (see Rule.LeaseUse).
	LeaseUse string
	// Own and Other are the document's names for the reviewer's side and
	// the other side ("Company", "Contractor"), for rules whose risk is an
	// act of the other side (Detect.Actor).
	Own, Other []string
	// Parties are the defined names of the document's parties ("AT&T",
	// "Vendor"): of two, one recognised side names the other.
	Parties []string
}

// Hit is one finding of one rule.
type Hit struct {
	Rule *Rule
	// Span is, for a present rule, the sentence that matched; for a
	// missing rule, where the protection belongs (Start == End: the
	// insertion point at the end of the chosen section).
	Span document.Span
	// Match is, for a present rule, the words that triggered it.
	Match document.Span
	// Section is the enclosing clause, if the document has a clause tree.
	Section    *document.Clause
	Confidence float64
	// Evidence says, for a missing rule, which precondition held and what
	// was looked for.
	Evidence string
	// Mitigated is, for a present rule lowered by its Mitigation, the
	// sentence of the document that lowered it (Rule is then the lowered
	// rule: its severity and why say so).
	Mitigated document.Span
	// Lead is, for a present rule whose sentence is a list item read with
	// the sentence introducing its list, that sentence ("Landlord may
	// enter the Premises:"); empty otherwise.
	Lead document.Span
}

// Which detection of a rule a detector implements.
const (
	roleDetect = iota
	rolePrecondition
	roleProtection
	roleMitigation
)

// detector is a compiled Detect.
type detector struct {
	rule        *Rule
	role        int
	anchors     []string // canonical, padded with spaces (no trailing space for "word*")
	patterns    []*pattern
	require     []*pattern
	near        []near
	unless      *vetoes
	despite     *vetoes
	scope       *pattern
	skipNegated bool
	actor       int // actorNone, actorOwn or actorOther: see Detect.Actor
	confidence  float64

	// clauseRequire and clauseUnless are Detect.Clause, matched without
	// the first pass's literals since only a matched sentence's clause
	// is read.
	clauseRequire, clauseUnless *vetoes
	// sideRequire, sideUnless, sideDespite and sideClauseUnless are
	// Detect.Sides, run on a sentence with its parties marked
	// (actors.mark).
	sideRequire, sideUnless, sideDespite, sideClauseUnless *vetoes
}

type near struct {
	a, b   *pattern
	within int
}

// maxLiteral bounds the needed and leading strings of patterns as the
// first pass looks for them. Alternations multiply out into thousands of
// long phrases ("(in accordance with|as required by) (applicable |the
// )?torts …"), and their automaton outgrew the cache and the 16-bit table
// (86,622 states; 38,807 with twelve bytes): the first twelve bytes filter
// nearly as well, and the parts still search for the whole strings, so
// matches do not change.
const maxLiteral = 12

// matcher is the first pass over all detectors of a set.
type matcher struct {
	dets []*detector
	// lits finds, in one pass over a sentence, the anchors (indexes below
	// nAnchors) and the strings some pattern needs (see pattern.need).
	lits     *literals
	nAnchors int
	byAnchor [][]int // anchor index → detector indexes
	// needs maps a pattern to the literal indexes of each part's need;
	// prefixes to those of each part's first words.
	needs    map[*pattern][][]int32
	prefixes map[*pattern][][]int32
	index    map[string]int
}

func newMatcher(rs []*Rule) *matcher {
	m := &matcher{needs: map[*pattern][][]int32{}, prefixes: map[*pattern][][]int32{}}
	index := map[string]int{}
	var dict []string
	for _, r := range rs {
		for _, d := range []*detector{r.det, r.pre, r.prot, r.mit} {
			if d == nil {
				continue
			}
			di := len(m.dets)
			m.dets = append(m.dets, d)
			for _, a := range d.anchors {
				ai, ok := index[a]
				if !ok {
					ai = len(dict)
					index[a] = ai
					dict = append(dict, a)
					m.byAnchor = append(m.byAnchor, nil)
				}
				if !slices.Contains(m.byAnchor[ai], di) {
					m.byAnchor[ai] = append(m.byAnchor[ai], di)
				}
			}
		}
	}
	m.nAnchors = len(dict)
	for _, d := range m.dets {
		for _, p := range d.allPatterns() {
			if _, ok := m.needs[p]; ok {
				continue
			}
			lit := func(w string) int32 {
				w = w[:min(len(w), maxLiteral)]
				wi, ok := index[w]
				if !ok {
					wi = len(dict)
					index[w] = wi
					dict = append(dict, w)
				}
				return int32(wi)
			}
			idx := make([][]int32, len(p.parts))
			pre := make([][]int32, len(p.parts))
			for i, pt := range p.parts {
				for _, w := range pt.need {
					idx[i] = append(idx[i], lit(w))
				}
				for _, w := range pt.prefix {
					pre[i] = append(pre[i], lit(w))
				}
			}
			m.needs[p] = idx
			m.prefixes[p] = pre
		}
	}
	m.lits = newLiterals(dict)
	m.index = index
	return m
}

// dict returns the literal index of every anchor and needed string.
func (m *matcher) dict() map[string]int { return m.index }

// allPatterns lists every pattern of d the first pass looks for, all but
// its vetoes.
func (d *detector) allPatterns() []*pattern {
	ps := slices.Concat(d.patterns, d.require)
	for _, n := range d.near {
		ps = append(ps, n.a, n.b)
	}
	if d.scope != nil {
		ps = append(ps, d.scope)
	}
	for i := 0; i < len(ps); i++ {
		ps = append(ps, ps[i].alts...)
	}
	return ps
}

// sentence is one unit being matched: its canonical text and the literals
// it contains.
type sentence struct {
	c    *canon
	m    *matcher
	seen []uint32 // seen[i] == gen: literal i occurs
	gen  uint32
	role int // of the detector being evaluated
	lf   present
	// opts are the unticked options of the unit (see uncheckedOptions),
	// worked out when optsGen == gen.
	opts    []document.Span
	optsGen uint32
	// head is the length of the unit's run-in heading (see runInHeading),
	// worked out when headGen == gen.
	head    int
	headGen uint32
	// label is the length of the unit's leading label (see leadingLabel),
	// worked out when labelGen == gen.
	label    int
	labelGen uint32
}

// headingEnd returns the length of the heading the unit starts with, 0 if
// none.
func (st *sentence) headingEnd() int {
	if st.headGen != st.gen {
		st.head, st.headGen = runInHeading(st.c.src), st.gen
	}
	return st.head
}

// inLabel reports whether the match at canonical [a, b) lies in the
// unit's leading label: "Cancellation:" before "The Client may cancel
// this contract at any time". A rule that asks who acts (Detect.Actor)
// reads the act in the text after it, not in the label's noun, which no
// party precedes.
func (st *sentence) inLabel(a, b int) bool {
	if st.labelGen != st.gen {
		st.label, st.labelGen = leadingLabel(st.c.src), st.gen
	}
	if st.label == 0 {
		return false
	}
	x, _ := st.c.span(a, b)
	return x < st.label
}

// unchosen reports whether source offset x of the unit lies in an option
// of a check-box list that is left unticked.
func (st *sentence) unchosen(x int) bool {
	if st.optsGen != st.gen {
		st.opts, st.optsGen = uncheckedOptions(st.c.src, st.opts[:0]), st.gen
	}
	for _, o := range st.opts {
		if o.Start <= x && x < o.End {
			return true
		}
	}
	return false
}

// possible reports whether the sentence contains a needed literal of
// every part of p, so that the regular expressions may match.
func (st *sentence) possible(p *pattern) bool {
	for _, need := range st.m.needs[p] {
		if need == nil {
			continue
		}
		found := false
		for _, i := range need {
			if st.seen[i] == st.gen {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// reference reports whether the canonical range [a, b) is not wording of
// the contract, for a present rule (a reference to a "Limitation of
// Liability" section still shows there is one): an option left unticked
// on a cover page ("[ ] Uncapped"), the heading a unit starts with ("14.
// LIMITATION OF LIABILITY 14.1 …"), part of a web or mail address
// ("…/contractor-work-for-hire") or a section's title cited in brackets
// after its number ("Sections 1.2 (Non-Solicitation) … survive").
func (st *sentence) reference(a, b int) bool {
	x, y := st.c.span(a, b)
	if st.role != roleDetect {
		// An option left unticked neither shows a protection nor makes
		// a missing rule apply.
		return st.unchosen(x)
	}
	src := st.c.src
	if st.unchosen(x) || y <= st.headingEnd() {
		return true
	}
	// The address or word around the match.
	i, j := x, y
	for i > 0 && !strings.ContainsRune(" \t\n<>()\"", rune(src[i-1])) {
		i--
	}
	for j < len(src) && !strings.ContainsRune(" \t\n<>()\"", rune(src[j])) {
		j++
	}
	if tok := src[i:j]; strings.Contains(tok, "://") || strings.HasPrefix(tok, "www.") || strings.IndexByte(tok, '@') >= 0 && mailAddress.MatchString(tok) {
		return true
	}
	// A bracketed title right after a clause number.
	open := strings.LastIndexByte(src[:x], '(')
	if open < 0 || strings.ContainsAny(src[open:x], ")") {
		return false
	}
	closing := strings.IndexByte(src[y:], ')')
	if closing < 0 || closing > 40 || strings.ContainsAny(src[y:y+closing], "(") {
		return false
	}
	if strings.Count(src[open:y+closing], " ") > 5 {
		return false
	}
	before := strings.TrimRight(src[:open], " ")
	// Every string clauseNumberEnd matches is made of these bytes: a match
	// at the end lies in their last run, and the regexp need not read the
	// whole sentence before it.
	k := len(before)
	for k > 0 && strings.IndexByte("0123456789abcdefghijklmnopqrstuvwxyz.()", before[k-1]) >= 0 {
		k--
	}
	return clauseNumberEnd.MatchString(before[k:])
}

var mailAddress = regexp.MustCompile(`^[^@]+@[^@]+\.[a-z]{2,}$`)

// clauseNumberEnd matches text ending in a clause number: "Section 1.2",
// "4.2(c)", "clause 7".
var clauseNumberEnd = regexp.MustCompile(`(?:\d+(?:\.\d+)*\.?|\([a-z0-9]{1,4}\))$`)

func (st *sentence) find(p *pattern, n int) [][]int {
	if !st.possible(p) {
		return nil
	}
	return p.findAll(st.c.s, n, st.present(p))
}

// each calls f with the first n matches of p, as find returns them,
// until f returns false.
func (st *sentence) each(p *pattern, n int, f func(a, b int) bool) {
	if st.possible(p) {
		p.eachMatch(st.c.s, n, st.present(p), f)
	}
}

func (st *sentence) match(p *pattern) bool {
	if !st.possible(p) {
		return false
	}
	if p.alts != nil {
		return slices.ContainsFunc(p.alts, st.match)
	}
	return p.match(st.c.s, st.present(p))
}

func (st *sentence) present(p *pattern) *present {
	st.lf = present{seen: st.seen, gen: st.gen, ids: st.m.prefixes[p]}
	return &st.lf
}

// Match runs the rules of s selected by opt over doc. Hits are ordered by
// position, then rule id.
func (s *Set) Match(doc *document.Document, opt MatchOptions) []Hit {
	hits := s.matcher().match(doc, func(r *Rule) bool { return r.AppliesIn(opt) }, newActors(opt))
	if opt.Role == "" {
		// Without a reviewer (tools/ruleeval, the CUAD document stage)
		// every rule's own hits count, superseded or not.
		return hits
	}
	return supersede(hits)
}

// supersede drops the hits of a rule on a sentence where a rule that
// supersedes it also fired: a review reports the risk once.
func supersede(hits []Hit) []Hit {
	type at struct {
		rule string
		span document.Span
	}
	var drop map[at]bool
	for _, h := range hits {
		for _, id := range h.Rule.Supersedes {
			if drop == nil {
				drop = map[at]bool{}
			}
			drop[at{id, h.Span}] = true
		}
	}
	if drop == nil {
		return hits
	}
	return slices.DeleteFunc(hits, func(h Hit) bool { return drop[at{h.Rule.ID, h.Span}] })
}

// matchRule runs one rule alone, as its examples need: in the review of
// its exampleRole, if it has one.
func (s *Set) matchRule(doc *document.Document, r *Rule) []Hit {
	return s.matcher().match(doc, func(x *Rule) bool { return x == r }, newActors(MatchOptions{Role: r.exampleRole()}))
}

// found records where a precondition or protection first held.
type found struct {
	unit  document.Span
	match document.Span
}

func (m *matcher) match(doc *document.Document, active func(*Rule) bool, act *actors) []Hit {
	var (
		hits  []Hit
		stamp = make([]int, len(m.dets))
		first = make([]*found, len(m.dets))
		sec   = newSections(doc)
		buf   []byte
		off   []int32
		cand  []int
		st    = sentence{m: m, seen: make([]uint32, m.lits.nwords)}
		on    = make([]bool, len(m.dets))
		lits  []int32
	)
	for di, d := range m.dets {
		on[di] = active(d.rule)
	}
	units := Units(doc)
	leads := leadIns(doc, units)
	clauseMemo := map[clauseKey]bool{}
	canonical := map[int]string{}
	canon := func(k int) string {
		c, ok := canonical[k]
		if !ok {
			c = canonicalize(doc.Text[units[k].Start:units[k].End], nil, nil).s
			canonical[k] = c
		}
		return c
	}
	// leadFired records, for a document with lists, the detectors a
	// lead-in fired on by itself, so that its items do not report the
	// same words again.
	var (
		leadFired map[[2]int]bool
		isLead    []bool
	)
	if leads != nil {
		leadFired, isLead = map[[2]int]bool{}, make([]bool, len(units))
		for _, l := range leads {
			if l >= 0 {
				isLead[l] = true
			}
		}
	}
	var joined strings.Builder
	for ui, u := range units {
		src, lead, leadUnit := doc.Text[u.Start:u.End], 0, -1
		if leads != nil && leads[ui] >= 0 {
			leadUnit = leads[ui]
			l := units[leadUnit]
			joined.Reset()
			joined.WriteString(doc.Text[l.Start:l.End])
			joined.WriteByte(' ')
			lead = joined.Len()
			joined.WriteString(src)
			src = joined.String()
		}
		c := canonicalize(src, buf, off)
		buf, off = c.raw, c.off
		cand = cand[:0]
		// Whether the unit is a title matters only to present rules, and
		// is worked out only when one matches: few units do.
		title, titleKnown := false, false
		st.c, st.gen = &c, uint32(ui+1)
		lits = m.lits.scan(c.raw, st.seen, st.gen, lits[:0])
		for _, ai := range lits {
			if int(ai) >= m.nAnchors {
				continue
			}
			for _, di := range m.byAnchor[ai] {
				if stamp[di] == ui+1 {
					continue
				}
				stamp[di] = ui + 1
				d := m.dets[di]
				if d.role != roleDetect && first[di] != nil || !on[di] {
					continue
				}
				cand = append(cand, di)
			}
		}
		// Detectors are tried in set order so that output does not depend
		// on the order anchors are found in.
		slices.Sort(cand)
		head, headDone := "", false
		heading := func() string {
			if !headDone {
				head, headDone = sec.headingAt(u.Start), true
			}
			return head
		}
		for _, di := range cand {
			d := m.dets[di]
			st.role = d.role
			a, b, ok := d.eval(&st, heading)
			if !ok || d.actor != actorNone && act != nil && d.role == roleDetect && act.skip(d.actor, c.s[:a]) || !d.sidesHold(act, c.s, true) {
				continue
			}
			ms, me := c.span(a, b)
			// Offsets past a lead-in count from the item. Words found in
			// the lead-in alone ("Landlord may enter the Premises:") count
			// when the item completes them ("at any time and without
			// notice"), unless the lead-in fired by itself; the item is
			// then what is shown.
			match := document.Span{Start: u.Start + max(ms-lead, 0), End: u.Start + max(me-lead, 0)}
			if lead > 0 && me <= lead {
				if d.role == roleDetect && leadFired[[2]int{leadUnit, di}] {
					continue
				}
				match = u
			}
			if d.role != roleDetect {
				first[di] = &found{unit: u, match: match}
				continue
			}
			if !titleKnown {
				title, titleKnown = isTitle(doc, u), true
			}
			if title {
				continue
			}
			if d.clauseRequire.any() || d.clauseUnless.any() || d.sideClauseUnless.any() {
				// Sentences of a clause often match the same rule:
				// its clause is read once.
				k := clauseKey{d, sec.context(u)}
				ok, seen := clauseMemo[k]
				if !seen {
					ok = d.clauseHolds(units, k.span, canon) && d.sidesClauseHolds(act, units, k.span, canon)
					clauseMemo[k] = ok
				}
				if !ok {
					continue
				}
			}
			h := Hit{Rule: d.rule, Span: u, Match: match, Section: doc.ClauseAt(u.Start), Confidence: d.confidence}
			if leadUnit >= 0 {
				h.Lead = units[leadUnit]
			}
			hits = append(hits, h)
			if isLead != nil && isLead[ui] {
				leadFired[[2]int{ui, di}] = true
			}
		}
	}
	// A rule whose mitigation holds anywhere in the document reads as
	// lowered, wherever it fired.
	for i, h := range hits {
		if h.Rule.mit == nil {
			continue
		}
		if f := first[slices.Index(m.dets, h.Rule.mit)]; f != nil {
			hits[i].Rule, hits[i].Mitigated = h.Rule.lowered, f.unit
			hits[i].Evidence = fmt.Sprintf("lowered to %s: the document also says %q", h.Rule.lowered.Severity, excerpt(doc.Slice(f.unit), 100))
		}
	}
	for di, d := range m.dets {
		r := d.rule
		if d.role != roleProtection || first[di] != nil || !active(r) {
			continue
		}
		var pre *found
		if r.pre != nil {
			pi := slices.Index(m.dets, r.pre)
			if pre = first[pi]; pre == nil {
				continue
			}
		}
		at, clause := sec.placement(r.headings, pre)
		h := Hit{Rule: r, Span: document.Span{Start: at, End: at}, Match: document.Span{Start: at, End: at},
			Section: clause, Confidence: d.confidence}
		h.Evidence = "looked for " + quoteAnchors(r.Protection.Anchors) + " and found no such clause"
		if pre != nil {
			h.Evidence = fmt.Sprintf("%q applies here; %s", excerpt(doc.Slice(pre.match), 80), h.Evidence)
		}
		hits = append(hits, h)
	}
	slices.SortStableFunc(hits, func(x, y Hit) int {
		return cmp.Or(cmp.Compare(x.Span.Start, y.Span.Start), cmp.Compare(x.Rule.ID, y.Rule.ID))
	})
	return hits
}

// eval tests d on one canonical sentence and returns the canonical range
// of the words that triggered it.
func (d *detector) eval(st *sentence, heading func() string) (int, int, bool) {
	c := st.c
	// A test that cannot hold for want of its words fails the detector
	// before the patterns run: the first pass already knows.
	for _, re := range d.require {
		if !st.possible(re) {
			return 0, 0, false
		}
	}
	for _, n := range d.near {
		if !st.possible(n.a) || !st.possible(n.b) {
			return 0, 0, false
		}
	}
	// The patterns go first: they are the most selective test.
	a, b := -1, -1
	for _, re := range d.patterns {
		// The first of its first four matches that is not negated or a
		// reference.
		st.each(re, 4, func(x, y int) bool {
			if d.skipNegated && negated(c.s, x, y) || st.reference(x, y) || d.actor != actorNone && st.inLabel(x, y) {
				return true
			}
			if a < 0 || x < a {
				a, b = x, y
			}
			return false
		})
	}
	if len(d.patterns) > 0 && a < 0 {
		return 0, 0, false
	}
	for _, re := range d.require {
		if !st.match(re) {
			return 0, 0, false
		}
	}
	if d.unless.matchAny(c.s) && !d.despite.matchAny(c.s) {
		return 0, 0, false
	}
	for _, n := range d.near {
		na, nb, ok := n.find(st)
		if !ok {
			return 0, 0, false
		}
		if a < 0 {
			a, b = na, nb
			if d.skipNegated && negated(c.s, a, b) || st.reference(a, b) {
				return 0, 0, false
			}
		}
	}
	if a < 0 {
		for _, an := range d.anchors {
			i := strings.Index(c.s, an)
			if i < 0 || d.skipNegated && negated(c.s, i, i+len(an)) || st.reference(i, i+len(an)) {
				continue
			}
			if a < 0 || i < a {
				a, b = i, i+len(an)
			}
		}
		if a < 0 {
			return 0, 0, false
		}
		// Extend a "word*" anchor to the end of its word.
		for b < len(c.s) && c.s[b] != ' ' {
			b++
		}
	}
	if d.scope != nil && !d.scope.MatchString(heading()) {
		return 0, 0, false
	}
	return a, b, true
}

// clauseKey is a detector and the clause around a sentence it matched.
type clauseKey struct {
	d    *detector
	span document.Span
}

// clauseHolds reports whether the clause span (sections.context of a
// matched unit) passes d's clause tests: every require matches one of its
// sentences and no unless does. canon(k) is units[k] canonicalised: only
// units a rule matched get here, so the clause's sentences are
// canonicalised on demand.
func (d *detector) clauseHolds(units []document.Span, span document.Span, canon func(k int) string) bool {
	require := d.clauseRequire.get()
	need := make([]bool, len(require))
	left := len(need)
	for k := sort.Search(len(units), func(k int) bool { return units[k].End > span.Start }); k < len(units) && units[k].Start < span.End; k++ {
		s := canon(k)
		if d.clauseUnless.matchAny(s) {
			return false
		}
		for i, p := range require {
			if !need[i] && p.MatchString(s) {
				need[i] = true
				left--
			}
		}
	}
	return left == 0
}

// find returns the first pair of matches of a and b within n.within words.
func (n near) find(st *sentence) (int, int, bool) {
	c := st.c
	as := st.find(n.a, -1)
	if as == nil {
		return 0, 0, false
	}
	bs := st.find(n.b, -1)
	for _, x := range as {
		wx := c.wordIndex(x[0])
		for _, y := range bs {
			wy := c.wordIndex(y[0])
			if wy-wx <= n.within && wx-wy <= n.within {
				return min(x[0], y[0]), max(x[1], y[1]), true
			}
		}
	}
	return 0, 0, false
}

// negationWindow is how many words before a match a negation reaches.
const negationWindow = 12

// negated reports whether the canonical range [a, b) of s is governed by a
// negation: a cue within negationWindow words before it or inside it, with
// no exception word ("except", "unless", …) after the cue.
func negated(s string, a, b int) bool {
	return negatedBefore(s, a, b) || negatedAfter(s[b:])
}

// negatedBefore is negated without the words after the match. The items
// of a list ("not liable for the termination, including but not limited
// to late fees or liquidated damages") take the negation of the clause
// the list belongs to, however long the clause before the list is.
func negatedBefore(s string, a, b int) bool {
	var buf [negationWindow + 8]string
	var before []string
	neg := false
	if p, q, ok := lastListIntro(s[:a]); ok {
		neg = negatedBefore(s, p, p)
		before = append(buf[:0], strings.Fields(s[q:a])...)
	} else {
		before = lastWords(s[:a], negationWindow, buf[:0])
	}
	words := append(before, strings.Fields(s[a:b])...)
	for i, w := range words {
		switch w {
		case "not", "without":
			// "including, without limitation," and "including but not
			// limited to" introduce a list; they negate nothing.
			if !listIntro(words, i) {
				neg = true
			}
		case "no", "never", "nor", "neither", "cannot", "prohibited", "prohibit",
			"prohibits", "prohibition", "forbidden", "forbid", "forbids", "refrain", "none":
			neg = true
		case "non":
			// "non-transferable": the prefix negates only the next word, so
			// it counts when that word starts or ends the match.
			if i == len(before)-1 || i == len(words)-2 {
				neg = true
			}
		case "t":
			if i > 0 && strings.HasSuffix(words[i-1], "n") {
				neg = true
			}
		case "but":
			if i+1 >= len(words) || !listIntro(words, i+1) {
				neg = false
			}
		case "except", "unless", "provided", "however", "save":
			neg = false
		case "hereby":
			// "… technology owned by Consultant and not assigned hereunder,
			// Consultant hereby grants Company a perpetual licence": an
			// operative grant starts a new clause the earlier "not" does
			// not reach.
			if i+1 < len(words) && operative[words[i+1]] {
				neg = false
			}
		case "other":
			if i+1 < len(words) && words[i+1] == "than" {
				neg = false
			}
		}
	}
	return neg
}

// operative are the verbs of a grant or promise made "hereby".
var operative = map[string]bool{
	"grant": true, "grants": true, "assign": true, "assigns": true, "license": true, "licenses": true,
	"licence": true, "licences": true, "transfer": true, "transfers": true, "conveys": true, "convey": true,
	"agree": true, "agrees": true, "waive": true, "waives": true, "consent": true, "consents": true,
}

// listIntros are the canonical phrases that introduce examples, longest
// first where one ends another.
var listIntros = []string{
	" including but not limited to ", " including without limitation ", " including without limiting ",
	" including not limited to ", " includes but is not limited to ", " but not limited to ",
	" without limitation ", " without limiting ",
}

// lastListIntro finds the last list introduction in canonical text s that
// ends within negationWindow words of its end: s[p:q] is the phrase.
func lastListIntro(s string) (p, q int, ok bool) {
	for _, ph := range listIntros {
		i := strings.LastIndex(s, ph)
		if i < 0 {
			continue
		}
		end := i + len(ph)
		if !ok || end > q || (end == q && i+1 < p) {
			p, q, ok = i+1, end, true
		}
	}
	if ok && strings.Count(s[q:], " ") > negationWindow {
		return 0, 0, false
	}
	return p, q, ok
}

// listIntro reports whether the negation cue words[i] ("not", "without")
// only introduces examples: "without limitation", "without limiting the
// generality of", "(but) not limited to". "Liability is not limited to
// direct damages" keeps its negation: "not limited to" counts only after
// "including", "but" or "and".
func listIntro(words []string, i int) bool {
	next := func(k int) string {
		if i+k < len(words) {
			return words[i+k]
		}
		return ""
	}
	switch words[i] {
	case "without":
		return next(1) == "limitation" || next(1) == "limiting"
	case "not":
		if next(1) != "limited" || next(2) != "to" {
			return false
		}
		prev := ""
		if i > 0 {
			prev = words[i-1]
		}
		return prev == "but" || prev == "including" || prev == "and"
	}
	return false
}

// lastWords appends to out the last n (at most) space-separated words of
// canonical text s, in order: strings.Fields(s) without splitting all of
// a long sentence when only the words before a match count.
func lastWords(s string, n int, out []string) []string {
	var tmp [16]string
	ws := tmp[:0]
	for end := len(s); end > 0 && len(ws) < n; {
		for end > 0 && s[end-1] == ' ' {
			end--
		}
		if end == 0 {
			break
		}
		start := strings.LastIndexByte(s[:end], ' ') + 1
		ws = append(ws, s[start:end])
		end = start
	}
	for i := len(ws) - 1; i >= 0; i-- {
		out = append(out, ws[i])
	}
	return out
}

// firstWords appends to out the first n (at most) space-separated words
// of canonical text s.
func firstWords(s string, n int, out []string) []string {
	for start := 0; start < len(s) && len(out) < n; {
		for start < len(s) && s[start] == ' ' {
			start++
		}
		if start == len(s) {
			break
		}
		end := strings.IndexByte(s[start:], ' ')
		if end < 0 {
			end = len(s) - start
		}
		out = append(out, s[start:start+end])
		start += end
	}
	return out
}

var permission = map[string]bool{"permitted": true, "allowed": true, "authorized": true, "authorised": true}

// negatedAfter reports whether the words after a match forbid it: "use of
// the Deliverables to train AI models is prohibited", "… shall not be
// permitted". It looks a few words ahead, up to an exception word.
func negatedAfter(after string) bool {
	var buf [8]string
	words := firstWords(after, len(buf), buf[:0])
	for i, w := range words {
		switch w {
		case "except", "unless", "provided", "however", "but", "save", "other":
			return false
		case "not":
			// "shall not be permitted"
			rest := words[i+1:]
			if len(rest) > 0 && rest[0] == "be" {
				rest = rest[1:]
			}
			if len(rest) > 0 && permission[rest[0]] {
				return true
			}
		case "is", "are", "be", "been", "being":
			rest := words[i+1:]
			for len(rest) > 0 && (rest[0] == "strictly" || rest[0] == "expressly" || rest[0] == "hereby" || rest[0] == "absolutely") {
				rest = rest[1:]
			}
			if len(rest) == 0 {
				return false
			}
			switch rest[0] {
			case "prohibited", "forbidden", "barred", "disallowed", "banned", "precluded":
				return true
			case "not":
				return len(rest) > 1 && permission[rest[1]]
			}
		}
	}
	return false
}

func quoteAnchors(as []string) string {
	q := make([]string, 0, len(as))
	for i, a := range as {
		if i == 4 {
			q = append(q, "…")
			break
		}
		q = append(q, fmt.Sprintf("%q", strings.TrimSpace(a)))
	}
	return strings.Join(q, ", ")
}

func excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := strings.LastIndexByte(s[:n], ' ')
	if i < n/2 {
		i = n
	}
	return s[:i] + "…"
}
