package redline

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/rules"
)

// Several rules may propose the same promise in their own words: on a
// contractor's agreement, the rules against work made for hire, against a
// broad assignment and against ownership passing before payment each
// write "upon receipt of full payment, the Contractor assigns …". A
// lawyer says it once. dedupe compares the proposals sentence by
// sentence and drops a sentence that repeats one another proposal makes.
//
// Precedence: of two sentences that repeat each other, the one with more
// to say (more content words: it holds the other's promise and adds to
// it) stays; when they say as much, the sentence of the more severe
// finding stays; then the one rewriting the clause it fits best (one
// rule's wording proposed for several clauses goes where the clause
// shares most of its words); then the one earlier in the document. A
// sentence that leans on a dropped one ("Until then, …") goes with it. A
// proposal left with no sentence of its own is dropped and reported as
// skipped, naming the change that already says it: an inserted clause is
// not added, a rewritten sentence keeps its original words.
//
// dedupe runs once a round of Plan's, each time on the proposals' whole
// wording: the words it compares are taken from it once (see said).
func dedupe(doc *document.Document, ps []*proposal) (skipped []Skipped) {
	type sentence struct {
		p     int
		text  string
		words map[string]bool
		drop  bool
		by    int // the proposal whose sentence repeats this one
	}
	var all []*sentence
	for i, p := range ps {
		for _, s := range p.said().sentences {
			all = append(all, &sentence{p: i, text: s.text, words: s.words, by: -1})
		}
	}
	// keeps reports whether a stays over b when they repeat each other.
	keeps := func(a, b *sentence) bool {
		if len(a.words) != len(b.words) {
			return len(a.words) > len(b.words)
		}
		ra, rb := rules.SeverityRank(ps[a.p].f.Severity), rules.SeverityRank(ps[b.p].f.Severity)
		if ra != rb {
			return ra < rb
		}
		if fa, fb := fit(doc, ps[a.p], a.words), fit(doc, ps[b.p], b.words); fa != fb {
			return fa > fb
		}
		return a.p < b.p
	}
	// One wording proposed whole for several clauses stays whole, with
	// the clause that keeps it.
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[i].text == "" || !strings.EqualFold(ps[i].text, ps[j].text) {
				continue
			}
			a := &sentence{p: i, words: contentWords(ps[i].text)}
			b := &sentence{p: j, words: a.words}
			loser, by := j, i
			if !keeps(a, b) {
				loser, by = i, j
			}
			for _, s := range all {
				if s.p == loser {
					s.drop, s.by = true, by
				}
			}
		}
	}
	for i, a := range all {
		for _, b := range all[i+1:] {
			if a.p == b.p || a.drop || b.drop || !strings.EqualFold(a.text, b.text) && !repeats(a.words, b.words) {
				continue
			}
			if keeps(a, b) {
				b.drop, b.by = true, a.p
			} else {
				a.drop, a.by = true, b.p
			}
		}
	}
	for i, p := range ps {
		var kept []string
		by, dropped, leaning := -1, false, false
		for _, s := range all {
			if s.p != i {
				continue
			}
			if s.drop {
				by, dropped, leaning = s.by, true, true
				if !slices.Contains(p.lostTo, ps[s.by]) {
					p.lostTo = append(p.lostTo, ps[s.by])
				}
				continue
			}
			if leaning && leansBack(s.text) {
				continue
			}
			leaning = false
			kept = append(kept, s.text)
		}
		if !dropped {
			continue
		}
		if len(kept) > 0 {
			p.text = strings.Join(kept, " ")
			continue
		}
		p.dropped = true
		k := ps[by]
		what := "its wording is already proposed by the change for " + describe(k)
		skipped = append(skipped, Skipped{Rule: p.f.Rule, Title: p.f.Title, Reason: what, CoveredBy: k.f.Rule, Span: p.f.Span})
	}
	return skipped
}

// repeats reports whether two different sentences make the same promise:
// nearly all the content words of the shorter are in the longer. Short
// sentences ("Any other use requires consent.") share words by chance
// and count only when they are the same.
func repeats(a, b map[string]bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 7 {
		return false
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) >= 0.85*float64(len(a))
}

// splitSentences cuts proposed wording into sentences: a full stop or
// semicolon followed by a capital.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == ';') && s[i+1] == ' ' && unicode.IsUpper(rune(s[i+2])) {
			out = append(out, strings.TrimSpace(s[start:i+1]))
			start = i + 2
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// leansBack reports whether a sentence only makes sense after the one
// before it.
func leansBack(s string) bool {
	l := strings.ToLower(s)
	for _, p := range []string{"until then", "thereafter", "after that", "this ", "that ", "these ", "those ", "such ", "it ", "they ", "otherwise", "in that case", "however"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// stopWords carry no promise of their own.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "any": true, "its": true, "this": true, "that": true,
	"shall": true, "will": true, "may": true, "not": true, "under": true, "all": true, "such": true, "from": true,
	"which": true, "who": true, "have": true, "has": true, "each": true, "other": true, "party": true, "parties": true,
	"agreement": true, "only": true, "due": true, "their": true, "them": true, "they": true, "are": true, "his": true, "her": true,
}

// sameIdea maps words that make the same promise to one: "assigns",
// "ownership passes" and "title vests" all hand the work over.
var sameIdea = map[string]string{
	"assigns": "transfer", "assign": "transfer", "ownership": "transfer", "passes": "transfer", "vests": "transfer",
	"title": "transfer", "owns": "transfer", "licence": "license", "licenses": "license", "licences": "license",
}

func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		w = strings.Trim(w, "'’")
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if len(w) <= 2 || stopWords[w] {
			continue
		}
		if v, ok := sameIdea[w]; ok {
			w = v
		}
		out[w] = true
	}
	return out
}

// fit is how many of a proposed sentence's content words the clause it
// rewrites already has: of one rule's wording proposed for several
// clauses, the clause it fits best ("will indemnify … any claims", not
// "will indemnify … withholding taxes") keeps it.
func fit(doc *document.Document, p *proposal, words map[string]bool) int {
	if p.insert {
		return 0
	}
	said := p.said()
	if said.target == nil {
		// Taken only when needed: size and severity settle most repeats.
		said.target = contentWords(doc.Slice(p.target))
	}
	n := 0
	for w := range said.target {
		if words[w] {
			n++
		}
	}
	return n
}

// wording is what dedupe compares of a proposal, taken from its whole
// wording.
type wording struct {
	sentences []phrase
	target    map[string]bool // of the words it rewrites, once fit needs them
}

// phrase is a sentence of proposed wording and its content words.
type phrase struct {
	text  string
	words map[string]bool
}

// said returns p's wording cut into sentences and content words, taken
// the first time from p.text, which then holds the whole proposed
// wording (Plan sets it back to that before each round).
func (p *proposal) said() *wording {
	if p.wording != nil {
		return p.wording
	}
	w := &wording{}
	for _, s := range splitSentences(p.text) {
		w.sentences = append(w.sentences, phrase{s, contentWords(s)})
	}
	p.wording = w
	return w
}

// describe names where a proposal's change is, for a skipped reason.
func describe(p *proposal) string {
	return fmt.Sprintf("%s%s", p.f.Rule, where(p.f.Location))
}

// heldBeside returns p's wording without the sentences its paragraph
// already says beside the words it rewrites (the same sentence, or one
// that repeats it) and the first such sentence of the paragraph; held is
// "" when there is none, or when that would leave none of p's wording. The words of the paragraph that any proposal of
// ps rewrites do not count: they are going. Redlining TermScore's own
// output once added ip.work-made-for-hire's "Upon receipt of full
// payment, the Contractor assigns to the Company its copyright …" again
// before "Upon the Contractor's receipt of full payment, the Contractor
// assigns to the Company all right, title and interest …", which the
// first pass's rewrite for ip.assignment-broad had put in its place: the
// rule fires on the sentence it wrote there, and the other rule, whose
// clause is rewritten, no longer proposes anything for dedupe to weigh.
func heldBeside(doc *document.Document, p *proposal, ps []*proposal) (rest, held string) {
	bi := doc.BlockAt(p.target.Start)
	if p.insert || p.text == "" || bi < 0 {
		return p.text, ""
	}
	b := doc.Blocks[bi]
	var going []document.Span
	for _, q := range ps {
		if !q.insert && q.target.Overlaps(b.Span) {
			going = append(going, q.target)
		}
	}
	slices.SortFunc(going, func(x, y document.Span) int { return x.Start - y.Start })
	var there []phrase
	from := b.Start
	for _, g := range append(going, document.Span{Start: b.End, End: b.End}) {
		if g.Start > from {
			for _, s := range splitSentences(doc.Text[from:min(g.Start, b.End)]) {
				there = append(there, phrase{s, contentWords(s)})
			}
		}
		from = max(from, g.End)
	}
	if len(there) == 0 {
		return p.text, ""
	}
	var kept []string
	leaning := false
	for _, s := range splitSentences(p.text) {
		words := contentWords(s)
		if i := slices.IndexFunc(there, func(t phrase) bool { return strings.EqualFold(t.text, s) || repeats(t.words, words) }); i >= 0 {
			if held == "" {
				held = there[i].text
			}
			leaning = true
			continue
		}
		if leaning && leansBack(s) {
			continue
		}
		leaning = false
		kept = append(kept, s)
	}
	if held == "" || len(kept) == 0 {
		// A rewrite all of whose wording the paragraph says already
		// still changes what its own words say: "Either party may
		// terminate … on thirty (30) days' notice, or immediately if
		// the other party materially breaches it …" is not held by
		// "any Party has the right to terminate … immediately … in the
		// event the other party materially breaches …" beside "Party A
		// may terminate … at any time", which share its words.
		return p.text, ""
	}
	return strings.Join(kept, " "), held
}
