package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
)

// pattern is a compiled rule regular expression. Rules are full of gaps
// such as `assign\w*\b.{0,150}\bright title and interest`; Go's RE2 engine
// expands a bounded repeat into one state per step and tracks every one
// of them at every byte, which made one gap cost more than the rest of
// the expression. A pattern therefore splits at top-level `.{0,N}` gaps
// into parts matched one after another, each within N bytes of the last.
//
// Most parts also start with one of a few literal words (`\b(terminat\w*|
// suspend\w*)\b` starts with "terminat" or "suspend"). Such a part is not
// searched for at every byte of a long sentence: it is tried, anchored,
// only where one of its first words occurs.
type pattern struct {
	parts []part
	gaps  []int // gaps[i] is the largest gap between parts[i] and parts[i+1]
	// alts are, for an alternation that is one part without first words
	// (`\b(at any time|…)\b|\b(terminat\w*|…)\w* (\w+ ){0,3}your …`), its
	// branches as patterns of their own. A yes-or-no match needs only one
	// branch to match, and each branch has its own required strings,
	// first words and gaps; the whole, too large for the backtracker, ran
	// as an NFA over every candidate sentence.
	alts []*pattern
}

type part struct {
	rx *regexps
	// need lists strings one of which every match contains (nil: no such
	// list). Most candidate sentences contain none of them, and a lookup
	// is far cheaper than starting a regexp.
	need []string
	// prefix lists strings one of which every match starts with (nil: none
	// known); then the part is tried, anchored, only where one occurs.
	prefix []string
	// spaces is the most spaces a match can contain (-1: no bound). Canonical
	// text separates words with single spaces and has no other separator,
	// so an anchored match cannot reach past the spaces+1st space after its
	// start: at and at0 are given only that much text. Go's backtracker
	// clears a bitmap as long as its input on every call, which on a long
	// sentence cost more than the match.
	spaces int
	// atStart is set when every match begins the text (the part starts
	// with ^ or \A, as in "^ (the |any )?arbitration …"): its first words
	// are then usually just the space canonical text starts with, and
	// the part need be tried only at offset 0, not at every space.
	atStart bool
}

// regexps are the compiled regular expressions of a part. They are
// compiled on first use: a part runs only where its required strings and
// first words occur, so most of the ~1,000 parts of the embedded packs
// never run on a given document, and compiling all of them was most of
// the cost of loading the packs. Set.Match runs concurrently, hence the
// sync.Once.
type regexps struct {
	once sync.Once
	// The part is found again in its pattern's source when it is
	// compiled: its parsed tree, kept instead, was half the objects of
	// a loaded set, which every garbage collection walked.
	src      string // the whole pattern, as written
	alts     []int  // the branches (pattern.alts) down to the part's pattern
	part     int    // the part's index in that pattern's parts
	anchored bool   // the part has prefixes: compile at and at0
	// re finds the part anywhere; at matches from the start of s[i-1:]
	// with the byte before a match as context, and at0 from the start of s.
	re, at, at0 *regexp.Regexp
}

// get returns rx compiled. The loader proved that the part's expressions
// compile (see compilable), so an error here is a bug.
func (rx *regexps) get() *regexps {
	rx.once.Do(func() {
		if err := rx.compile(); err != nil {
			panic(fmt.Sprintf("rules: a pattern accepted at load does not compile: %v", err))
		}
	})
	return rx
}

func (rx *regexps) compile() error {
	re, err := syntax.Parse(rx.src, syntax.Perl)
	if err != nil {
		return err
	}
	for _, i := range rx.alts {
		re = unwrapCapture(re).Sub[i]
	}
	parts, _ := split(re)
	src := parts[rx.part].String()
	if rx.re, err = regexp.Compile(src); err != nil {
		return err
	}
	if rx.anchored {
		if rx.at, err = regexp.Compile(`\A(?s:.)(?:` + src + `)`); err != nil {
			return err
		}
		if rx.at0, err = regexp.Compile(`\A(?:` + src + `)`); err != nil {
			return err
		}
	}
	return nil
}

// Limits below which a part is compiled lazily. syntax.Parse refuses an
// expression nested deeper than 1,000 or that would compile to more than
// about 3 million instructions; a part, a piece of an expression that
// parsed, wrapped in `\A(?s:.)(?:…)`, is one level deeper and a few
// instructions larger than the piece, so far from those limits it cannot
// fail to compile where the whole parsed. A part near them is compiled at
// load, so that its error is reported there.
const (
	lazyHeight = 500
	lazySize   = 1 << 20
)

// compilable reports whether re is far enough from syntax.Parse's limits
// to be compiled lazily: its height and an upper bound of its compiled
// size (as syntax.Parse estimates it, repeats expanded).
func compilable(re *syntax.Regexp) bool {
	var walk func(re *syntax.Regexp, depth int) int64
	walk = func(re *syntax.Regexp, depth int) int64 {
		if depth > lazyHeight {
			return lazySize + 1
		}
		size := int64(len(re.Rune)) + 2
		for _, sub := range re.Sub {
			size += walk(sub, depth+1)
			if size > lazySize {
				return size
			}
		}
		if re.Op == syntax.OpRepeat {
			n := int64(max(re.Max, re.Min, 1))
			if size > lazySize/n {
				return lazySize + 1
			}
			size *= n
		}
		return size
	}
	return walk(re, 1) <= lazySize
}

// compilePattern compiles a pattern, src as parsed by syntax.Parse with
// syntax.Perl. Canonical text is lower case, so patterns are compiled
// case-sensitively: case folding made the backtracking matcher several
// times slower.
func compilePattern(src string, re *syntax.Regexp) (*pattern, error) {
	return compileAlt(src, re, nil, litSets{})
}

// compileAlt compiles re, the branch of src that path leads to.
func compileAlt(src string, re *syntax.Regexp, path []int, m litSets) (*pattern, error) {
	p := &pattern{}
	var parts []*syntax.Regexp
	parts, p.gaps = split(re)
	for i, c := range parts {
		pt := part{need: m.required(c), spaces: maxSpaces(c), atStart: beginsText(c), rx: &regexps{src: src, alts: path, part: i}}
		if pre := m.prefixes(c); len(pre) > 0 && len(pre) <= maxPrefix && !slices.Contains(pre, "") {
			pt.prefix = pre
			pt.rx.anchored = true
		}
		if !compilable(c) {
			if err := pt.rx.compile(); err != nil {
				return nil, err
			}
			pt.rx.once.Do(func() {}) // compiled
		}
		p.parts = append(p.parts, pt)
	}
	if alt := unwrapCapture(re); len(p.parts) == 1 && p.parts[0].prefix == nil && alt.Op == syntax.OpAlternate {
		for i, sub := range alt.Sub {
			a, err := compileAlt(src, sub, append(path[:len(path):len(path)], i), m)
			if err != nil {
				return nil, err
			}
			p.alts = append(p.alts, a)
		}
	}
	return p, nil
}

// split splits re at its top-level gaps (see pattern) into parts, and
// returns the parts and the gaps between them.
func split(re *syntax.Regexp) (parts []*syntax.Regexp, gaps []int) {
	if re.Op != syntax.OpConcat {
		return []*syntax.Regexp{re}, nil
	}
	var seg []*syntax.Regexp
	subs := re.Sub
	for i, s := range subs {
		if gap, ok := isGap(s); ok && len(seg) > 0 && i < len(subs)-1 {
			parts = append(parts, concat(seg))
			seg = nil
			gaps = append(gaps, gap)
			continue
		}
		seg = append(seg, s)
	}
	return append(parts, concat(seg)), gaps
}

// vetoes are patterns tried only on a sentence a rule already matched
// (Detect.Unless, Despite and Clause): they do not take part in the first
// pass, and in the embedded packs they are parsed on first use, since
// most never run on a given document and parsing them was a quarter of
// loading the packs (TestPlainYAML loads every embedded pack with
// parsePack, which parses and checks them all). Matching runs
// concurrently, hence the sync.Once.
type vetoes struct {
	once sync.Once
	src  []string
	ps   []*pattern
}

// compiled returns vetoes whose patterns are ps, parsed from src.
func compiled(src []string, ps []*pattern) *vetoes {
	v := &vetoes{src: src, ps: ps}
	v.once.Do(func() {})
	return v
}

// any reports whether there are patterns; v may be nil.
func (v *vetoes) any() bool { return v != nil && len(v.src) > 0 }

// get returns the patterns, parsed and compiled; v may be nil.
func (v *vetoes) get() []*pattern {
	if v == nil {
		return nil
	}
	v.once.Do(func() {
		for _, src := range v.src {
			re, err := syntax.Parse(src, syntax.Perl)
			var p *pattern
			if err == nil {
				p, err = compilePattern(src, re)
			}
			if err != nil {
				panic(fmt.Sprintf("rules: an embedded pattern does not compile: %v", err))
			}
			v.ps = append(v.ps, p)
		}
	})
	return v.ps
}

// matchAny reports whether one of v's patterns matches s.
func (v *vetoes) matchAny(s string) bool {
	for _, p := range v.get() {
		if p.MatchString(s) {
			return true
		}
	}
	return false
}

// unwrapCapture returns re without the capturing groups around it.
func unwrapCapture(re *syntax.Regexp) *syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	return re
}

func concat(subs []*syntax.Regexp) *syntax.Regexp {
	if len(subs) == 1 {
		return subs[0]
	}
	return &syntax.Regexp{Op: syntax.OpConcat, Sub: subs}
}

// isGap reports whether re is `.{0,N}` and returns N.
func isGap(re *syntax.Regexp) (int, bool) {
	if re.Op != syntax.OpRepeat || re.Min != 0 || re.Max < 0 || len(re.Sub) != 1 {
		return 0, false
	}
	op := re.Sub[0].Op
	return re.Max, op == syntax.OpAnyCharNotNL || op == syntax.OpAnyChar
}

// possible reports whether s contains a required string of every part.
func (p *pattern) possible(s string) bool {
	for _, pt := range p.parts {
		if pt.need != nil && !slices.ContainsFunc(pt.need, func(n string) bool { return strings.Contains(s, n) }) {
			return false
		}
	}
	return true
}

// MatchString reports whether the pattern matches s.
func (p *pattern) MatchString(s string) bool {
	if !p.possible(s) {
		return false
	}
	if p.alts != nil {
		return slices.ContainsFunc(p.alts, func(a *pattern) bool { return a.MatchString(s) })
	}
	return p.match(s, nil)
}

// match is MatchString without the test of required strings; lf, if
// not nil, tells which first words occur in s.
func (p *pattern) match(s string, lf *present) bool {
	if len(p.parts) == 1 && p.parts[0].prefix == nil {
		// A yes or no needs neither the leftmost match nor its end.
		return p.parts[0].rx.get().re.MatchString(s)
	}
	return p.findAll(s, 1, lf) != nil
}

// present tells, for the sentence being matched, which first words of a
// pattern's parts occur in it (the first pass found them): the others
// need no search.
type present struct {
	seen []uint32
	gen  uint32
	ids  [][]int32 // ids[part][prefix] is the prefix's literal index
}

func (lf *present) has(part, prefix int) bool {
	return lf == nil || lf.seen[lf.ids[part][prefix]] == lf.gen
}

// FindAllStringIndex returns up to n matches of the pattern in s (n < 0:
// all); each match starts at a different match of the first part, and
// the matches of the first part do not overlap, as the standard library's.
func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	if !p.possible(s) {
		return nil
	}
	return p.findAll(s, n, nil)
}

// findAll is FindAllStringIndex without the test of required strings; lf
// as for match.
func (p *pattern) findAll(s string, n int, lf *present) [][]int {
	var out [][]int
	p.eachMatch(s, n, lf, func(a, b int) bool {
		out = append(out, []int{a, b})
		return true
	})
	return out
}

// eachMatch calls f with each of the first n matches findAll returns, in
// order, until f returns false: a caller that wants the first acceptable
// match does not pay for the ones after it.
func (p *pattern) eachMatch(s string, n int, lf *present, f func(a, b int) bool) {
	if len(p.parts) == 1 && p.parts[0].prefix == nil {
		// Every match is accepted: the standard library can stop after n
		// instead of finding all of them in a long sentence.
		for _, m := range p.parts[0].rx.get().re.FindAllStringIndex(s, n) {
			if !f(m[0], m[1]) {
				return
			}
		}
		return
	}
	count, end := 0, 0
	p.parts[0].each(s, 0, len(s), lf, 0, func(a, b int) bool {
		if a < end {
			return true // overlaps the last match of the first part
		}
		e, ok := b, true
		if len(p.parts) > 1 {
			e, ok = p.rest(s, b, 1, lf)
		}
		if !ok {
			return true
		}
		count++
		end = b
		return f(a, e) && count != n
	})
}

// each calls f with every match of pt that starts in [from, to], in order
// of its start, until f returns false. With prefixes, every start is tried;
// without, the matches the standard library finds (which do not overlap).
func (pt *part) each(s string, from, to int, lf *present, pi int, f func(a, b int) bool) {
	if pt.prefix == nil {
		lo := max(from-1, 0) // the byte before, for \b
		for _, m := range pt.rx.get().re.FindAllStringIndex(s[lo:], -1) {
			a, b := lo+m[0], lo+m[1]
			if a < from {
				continue
			}
			if a > to || !f(a, b) {
				return
			}
		}
		return
	}
	if pt.atStart {
		// At a > 0, at (below) reads \A after the rune before a, where
		// it cannot match: only a = 0 can.
		to = min(to, 0)
	}
	// The next occurrence of each prefix at or after the current position.
	next := make([]int, len(pt.prefix))
	for i, w := range pt.prefix {
		next[i] = -1
		if lf.has(pi, i) {
			next[i] = index(s, w, from, to)
		}
	}
	rx := pt.rx.get()
	for {
		a := -1
		for _, x := range next {
			if x >= 0 && (a < 0 || x < a) {
				a = x
			}
		}
		if a < 0 || a > to {
			return
		}
		var m []int
		if a == 0 {
			m = rx.at0.FindStringIndex(s[:pt.limit(s, a)])
		} else if m = rx.at.FindStringIndex(s[a-1 : pt.limit(s, a)]); m != nil {
			m[1]--
		}
		if m != nil && !f(a, a+m[1]) {
			return
		}
		for i, x := range next {
			if x == a {
				next[i] = index(s, pt.prefix[i], a+1, to)
			}
		}
	}
}

// limit returns the end of the canonical text an anchored match of pt at
// a can need: past the spaces+1st space after a, which the match cannot
// contain, plus that space, the context of a \b at the match's end.
func (pt *part) limit(s string, a int) int {
	if pt.spaces < 0 {
		return len(s)
	}
	e := a
	for range pt.spaces + 1 {
		i := strings.IndexByte(s[e:], ' ')
		if i < 0 {
			return len(s)
		}
		e += i + 1
	}
	return e
}

// maxSpaces returns the most spaces a match of re can contain, or -1 if
// there is no bound.
func maxSpaces(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if r == ' ' {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= ' ' && ' ' <= re.Rune[i+1] {
				return 1
			}
		}
		return 0
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return maxSpaces(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		if maxSpaces(re.Sub[0]) == 0 {
			return 0
		}
		return -1
	case syntax.OpRepeat:
		n := maxSpaces(re.Sub[0])
		if n == 0 {
			return 0
		}
		if n < 0 || re.Max < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n := maxSpaces(sub)
			if n < 0 {
				return -1
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total
	}
	return -1
}

// beginsText reports whether every match of re starts with \A (^ without
// the m flag): whether it can only match at the start of the text.
func beginsText(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginText:
		return true
	case syntax.OpCapture:
		return beginsText(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && beginsText(re.Sub[0])
	case syntax.OpAlternate:
		return !slices.ContainsFunc(re.Sub, func(sub *syntax.Regexp) bool { return !beginsText(sub) })
	}
	return false
}

// index is the offset in s of the first w that starts in [from, to]
// (-1: none): a part after a gap is looked for only within the gap, not
// to the end of the sentence.
func index(s, w string, from, to int) int {
	end := min(len(s), to+len(w))
	if from > end {
		return -1
	}
	i := strings.Index(s[from:end], w)
	if i < 0 {
		return -1
	}
	return from + i
}

// rest matches parts[i:] starting at most gaps[i-1] bytes after pos and
// returns the end of the match.
func (p *pattern) rest(s string, pos, i int, lf *present) (int, bool) {
	end, ok := 0, false
	p.parts[i].each(s, pos, pos+p.gaps[i-1], lf, i, func(_, b int) bool {
		if i == len(p.parts)-1 {
			end, ok = b, true
			return false
		}
		end, ok = p.rest(s, b, i+1, lf)
		return !ok
	})
	return end, ok
}

// maxNeed bounds the strings of a required set: a longer list costs more
// to test than it saves.
const maxNeed = 24

// maxPrefix bounds the first words of a part tried one by one: even 64
// substring searches of a sentence cost less than running a large
// alternation over all of it (`\b(at any time|without (prior )?notice|…)\b`).
const maxPrefix = 64

// minNeed is the shortest useful required string: "an" or "s" occurs in
// nearly every sentence and only slows the first pass.
const minNeed = 3

// required returns strings one of which every match of re contains, or
// nil if it finds no useful set (a much simplified form of RE2's
// prefilter).
func required(re *syntax.Regexp) []string { return litSets{}.required(re) }

func (m litSets) required(re *syntax.Regexp) []string {
	set, _ := m.lits(re)
	if len(set) == 0 || len(set) > maxNeed || shortest(set) < minNeed {
		return nil
	}
	return set
}

// litSets holds lits of the subexpressions of one pattern: required and
// prefixes ask for those of the same subexpressions again and again, and
// building the sets was a third of loading the packs. The sets are
// shared, never changed.
type litSets map[*syntax.Regexp]litSet

type litSet struct {
	set   []string
	exact bool
}

// lits returns a set of strings one of which every match of re contains;
// exact means that the set is the whole language of re, so that it can be
// joined with the sets of its neighbours in a concatenation. nil means no
// requirement.
func (m litSets) lits(re *syntax.Regexp) ([]string, bool) {
	if r, ok := m[re]; ok {
		return r.set, r.exact
	}
	set, exact := m.litsOf(re)
	m[re] = litSet{set, exact}
	return set, exact
}

func (m litSets) litsOf(re *syntax.Regexp) (set []string, exact bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpBeginLine, syntax.OpEndLine:
		return []string{""}, true
	case syntax.OpCharClass:
		// A small class such as [cs] or [sz]: its characters.
		n := 0
		for i := 0; i < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		if n == 0 || n > 4 {
			return nil, false
		}
		var out []string
		for i := 0; i < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		return out, true
	case syntax.OpCapture:
		return m.lits(re.Sub[0])
	case syntax.OpQuest:
		sub, ok := m.lits(re.Sub[0])
		if !ok {
			return nil, false
		}
		return append([]string{""}, sub...), true
	case syntax.OpPlus:
		sub, _ := m.lits(re.Sub[0])
		return sub, false
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil, false
		}
		sub, ok := m.lits(re.Sub[0])
		return sub, ok && re.Min == 1 && re.Max == 1
	case syntax.OpAlternate:
		var out []string
		exact := true
		for _, s := range re.Sub {
			sub, ok := m.lits(s)
			if sub == nil {
				return nil, false
			}
			out = append(out, sub...)
			exact = exact && ok
		}
		return dedupe(out), exact
	case syntax.OpConcat:
		// Join runs of exact neighbours; keep the best run.
		var best, run []string
		allExact := true
		run = []string{""}
		flush := func() {
			if better(run, best) {
				best = run
			}
		}
		for _, s := range re.Sub {
			sub, ok := m.lits(s)
			if ok && len(run)*len(sub) <= maxNeed {
				run = cross(run, sub)
				continue
			}
			allExact = false
			flush()
			run = []string{""}
			if sub != nil && better(sub, best) {
				best = sub
			}
		}
		flush()
		if allExact {
			return run, true
		}
		return best, false
	}
	return nil, false
}

func cross(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

func dedupe(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// better reports whether set a is a more selective requirement than b:
// its shortest string is longer (a set with "" requires nothing).
func better(a, b []string) bool {
	if len(a) == 0 || len(a) > maxNeed {
		return false
	}
	if len(b) == 0 {
		return shortest(a) > 0
	}
	return shortest(a) > shortest(b)
}

func shortest(xs []string) int {
	n := -1
	for _, x := range xs {
		if n < 0 || len(x) < n {
			n = len(x)
		}
	}
	return n
}

// prefixes returns strings one of which every match of re starts with,
// or nil if it finds none.
func prefixes(re *syntax.Regexp) []string { return litSets{}.prefixes(re) }

func (m litSets) prefixes(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return m.prefixes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil
		}
		return m.prefixes(re.Sub[0])
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			sub := m.prefixes(s)
			if sub == nil {
				return nil
			}
			out = append(out, sub...)
		}
		return dedupe(out)
	case syntax.OpConcat:
		// The exact sets of the leading subexpressions joined, then the
		// prefixes of the first inexact one.
		run := []string{""}
		for _, s := range re.Sub {
			sub, ok := m.lits(s)
			if ok && len(run)*len(sub) <= maxPrefix {
				run = cross(run, sub)
				continue
			}
			if pre := m.prefixes(s); pre != nil && len(run)*len(pre) <= maxPrefix {
				run = cross(run, pre)
			}
			break
		}
		if slices.Contains(run, "") {
			return nil
		}
		return run
	}
	if set, ok := m.lits(re); ok && !slices.Contains(set, "") {
		return set
	}
	return nil
}
