package rules

import (
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/document"
)

// The words Detect.Sides writes for the parties' names.
const (
	ownSideWord   = "ownside"
	otherSideWord = "otherside"
)

// mark returns canonical sentence s with every name of the reviewer's
// side written "ownside" and every name of the other side "otherside",
// read as nearest reads them: the document's names first, then the role's
// usual ones ("Customer's total liability" is " ownside s total liability"
// in a client's review). A two-word name ("at t" for AT&T) becomes one word.
func (a *actors) mark(s string) string {
	ws := strings.Fields(s)
	var b strings.Builder
	b.Grow(len(s))
	b.WriteByte(' ')
	for i := 0; i < len(ws); i++ {
		side, n := 0, 1
		if a.pairs && i+1 < len(ws) {
			if side = a.side(ws[i] + " " + ws[i+1]); side != 0 {
				n = 2
			}
		}
		if side == 0 {
			side = a.side(ws[i])
		}
		switch side {
		case 1:
			b.WriteString(ownSideWord)
		case -1:
			b.WriteString(otherSideWord)
		default:
			b.WriteString(ws[i])
		}
		b.WriteByte(' ')
		i += n - 1
	}
	return b.String()
}

// sidesHold reports whether canonical sentence s passes d's Sides tests
// in a review whose sides act names (nil: a role whose sides the engine
// cannot name, or none): every require matches the marked sentence and
// no unless does that no despite lifts. Without sides to name, a require cannot hold and an
// unless vetoes nothing. With require false, only the vetoes are tested,
// as Excludes tests unless and not require.
func (d *detector) sidesHold(act *actors, s string, require bool) bool {
	if !d.sideRequire.any() && !d.sideUnless.any() {
		return true
	}
	if act == nil {
		return !require || !d.sideRequire.any()
	}
	m := act.mark(s)
	if require {
		for _, p := range d.sideRequire.get() {
			if !p.MatchString(m) {
				return false
			}
		}
	}
	return !d.sideUnless.matchAny(m) || d.sideDespite.matchAny(m)
}

// sidesClauseHolds reports whether no sentence of the clause span (see
// clauseHolds) matches d's Sides.ClauseUnless once its parties are marked.
func (d *detector) sidesClauseHolds(act *actors, units []document.Span, span document.Span, canon func(k int) string) bool {
	if act == nil || !d.sideClauseUnless.any() {
		return true
	}
	for k := sort.Search(len(units), func(k int) bool { return units[k].End > span.Start }); k < len(units) && units[k].Start < span.End; k++ {
		if d.sideClauseUnless.matchAny(act.mark(canon(k))) {
			return false
		}
	}
	return true
}
