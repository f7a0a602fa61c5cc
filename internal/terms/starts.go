package terms

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// startRe finds what a large regular expression finds, trying it only
// where a match can begin. Go runs an expression too large for its
// backtracker (over 500 instructions: durationRe, noticeRe, …) as an
// NFA, which, unanchored, starts a thread for every alternative at every
// byte: most of its cost in a sentence with no match. Anchored at a byte
// some match can begin with ("thirty", "30"), the NFA dies within a few
// bytes where there is none.
type startRe struct {
	re  *regexp.Regexp
	at0 *regexp.Regexp // `\A(?:re)`, for a match at the start of the text
	at  *regexp.Regexp // `\A(?s:.)(?:re)`: the rune before is context for \b
	// first tells which bytes a match can begin with (every byte of a
	// non-ASCII rune's encoding counts).
	first [256]bool
	// lit, if not empty, is an ASCII string every match begins with
	// ("law" for `\blaws? of`): a match can begin only where it occurs,
	// which strings.Index finds faster than a look at every byte.
	lit string
	// boundary is set when every match begins with \b: a match can then
	// begin only where a word starts or ends.
	boundary bool
	// prefixes, if not nil, lists by first byte strings one of which
	// every match begins with (durationRe: a number word or a digit;
	// moneyRe: a currency or a digit): the expression is tried only where
	// one of them occurs.
	prefixes *[256][]string
	fold     bool // compare prefixes ignoring ASCII case
}

// newStartRe wraps re, which must not match the empty string: then every
// match begins with a byte of first.
func newStartRe(re *regexp.Regexp) *startRe {
	sr := &startRe{
		re:  re,
		at0: regexp.MustCompile(`\A(?:` + re.String() + `)`),
		at:  regexp.MustCompile(`\A(?s:.)(?:` + re.String() + `)`),
	}
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic(err)
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		panic(err)
	}
	if !firstBytes(prog, &sr.first) {
		panic("terms: " + re.String() + " can match the empty string")
	}
	if lit := literalPrefix(parsed); isASCII(lit) {
		sr.lit = lit
	}
	sr.boundary = beginsWithBoundary(parsed)
	if ps, fold := prefixSet(parsed, maxPrefixes); ps != nil {
		sr.prefixes, sr.fold = new([256][]string), fold
		slices.Sort(ps)
		for _, p := range slices.Compact(ps) {
			cs := []byte{p[0]}
			if fold && isLetter(p[0]) {
				cs = []byte{p[0] | 0x20, p[0] &^ 0x20}
			}
			for _, c := range cs {
				sr.prefixes[c] = append(sr.prefixes[c], p)
			}
		}
	}
	return sr
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// maxPrefixes bounds the strings of a prefix set: beyond it, trying them
// at every start costs more than it saves.
const maxPrefixes = 64

// prefixSet returns non-empty strings one of which every match of re
// begins with once its leading assertions (\b, ^) hold, or nil if it
// finds no such set of at most max strings. fold tells that they are to
// be compared ignoring ASCII case, as a case-folded literal ("(?i:court)")
// is; one with k or s is no prefix, as those fold to non-ASCII runes too
// (the Kelvin sign, the long s).
func prefixSet(re *syntax.Regexp, max int) (set []string, fold bool) {
	switch re.Op {
	case syntax.OpLiteral:
		lit := string(re.Rune)
		if re.Flags&syntax.FoldCase == 0 {
			return []string{lit}, false
		}
		if isASCII(lit) && !strings.ContainsAny(lit, "kKsS") {
			return []string{lit}, true
		}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(out) == max {
					return nil, false
				}
				out = append(out, string(r))
			}
		}
		return out, false
	case syntax.OpCapture, syntax.OpPlus:
		return prefixSet(re.Sub[0], max)
	case syntax.OpRepeat:
		if re.Min > 0 {
			return prefixSet(re.Sub[0], max)
		}
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			p, f := prefixSet(sub, max-len(out))
			if p == nil {
				return nil, false
			}
			out = append(out, p...)
			fold = fold || f
		}
		return out, fold
	case syntax.OpConcat:
		subs := re.Sub
		for len(subs) > 0 && emptyWidth(subs[0].Op) {
			subs = subs[1:]
		}
		if len(subs) == 0 {
			return nil, false
		}
		first, fold := prefixSet(subs[0], max)
		if first == nil || subs[0].Op != syntax.OpLiteral || len(subs) == 1 {
			return first, fold
		}
		// A literal is the whole of its match: what may follow it
		// extends it ("t" and "wo|hree|en" are "two|three|ten").
		next, f := prefixSet(&syntax.Regexp{Op: syntax.OpConcat, Sub: subs[1:]}, max)
		if next == nil {
			return first, fold
		}
		out := make([]string, len(next))
		for i, n := range next {
			out[i] = first[0] + n
		}
		return out, fold || f
	}
	return nil, false
}

// emptyWidth reports whether op is an assertion that matches no text.
func emptyWidth(op syntax.Op) bool {
	switch op {
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpBeginLine, syntax.OpEndLine, syntax.OpEmptyMatch:
		return true
	}
	return false
}

// beginsWithBoundary reports whether every match of re begins with \b.
func beginsWithBoundary(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return beginsWithBoundary(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && beginsWithBoundary(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !beginsWithBoundary(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// literalPrefix returns a case-sensitive literal every match of re begins
// with once its leading assertions (\b, ^) hold, or "" if it finds none.
func literalPrefix(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return string(re.Rune)
		}
	case syntax.OpCapture:
		return literalPrefix(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginText, syntax.OpBeginLine:
				continue
			}
			return literalPrefix(sub)
		}
	}
	return ""
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// firstBytes marks in first every byte a match of prog can begin with,
// and reports false if prog can match the empty string. Assertions (\b,
// ^) are taken as passable: a superset of the starts only costs tries.
func firstBytes(prog *syntax.Prog, first *[256]bool) bool {
	seen := make([]bool, len(prog.Inst))
	stack := []uint32{uint32(prog.Start)}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstMatch:
			return false
		case syntax.InstFail:
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			stack = append(stack, in.Out)
		case syntax.InstRune, syntax.InstRune1:
			fold := in.Op == syntax.InstRune && len(in.Rune) == 1 && syntax.Flags(in.Arg)&syntax.FoldCase != 0
			for i := 0; i < len(in.Rune); i += 2 {
				lo, hi := in.Rune[i], in.Rune[i]
				if i+1 < len(in.Rune) {
					hi = in.Rune[i+1]
				}
				for r := lo; r <= min(hi, utf8.RuneSelf-1); r++ {
					first[r] = true
				}
				if hi >= utf8.RuneSelf || fold {
					// A non-ASCII rune, or a case fold that may be one
					// (k and the Kelvin sign): any non-ASCII byte.
					for b := utf8.RuneSelf; b < 256; b++ {
						first[b] = true
					}
				}
			}
			if fold {
				for r := range utf8.RuneSelf {
					if first[r] && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
						first[r^0x20] = true
					}
				}
			}
		default: // InstRuneAny, InstRuneAnyNotNL
			for b := range first {
				first[b] = true
			}
		}
	}
	return true
}

// FindAllStringSubmatchIndex is re.FindAllStringSubmatchIndex.
func (sr *startRe) FindAllStringSubmatchIndex(s string, n int) [][]int {
	var out [][]int
	for pos := 0; n < 0 || len(out) < n; {
		m := sr.find(s, pos)
		if m == nil {
			break
		}
		out = append(out, m)
		pos = m[1] // matches are never empty
	}
	return out
}

// FindStringSubmatchIndex is re.FindStringSubmatchIndex.
func (sr *startRe) FindStringSubmatchIndex(s string) []int { return sr.find(s, 0) }

// FindStringIndex is re.FindStringIndex.
func (sr *startRe) FindStringIndex(s string) []int {
	if m := sr.find(s, 0); m != nil {
		return m[:2]
	}
	return nil
}

// find returns the leftmost-first match that starts at or after pos, as
// the standard library's search from pos finds it: the first start, in
// the order its search steps through the runes, where the anchored
// expression matches.
func (sr *startRe) find(s string, pos int) []int {
	if sr.lit != "" {
		for p := pos; p < len(s); p++ {
			i := strings.Index(s[p:], sr.lit)
			if i < 0 {
				return nil
			}
			p += i
			if m := sr.anchored(s, p); m != nil {
				return m
			}
		}
		return nil
	}
	for p := pos; p < len(s); {
		c := s[p]
		// \b holds between a word byte and a byte that is not one; the
		// bytes of a non-ASCII rune are not word bytes to it.
		if sr.first[c] && !(sr.boundary && (p > 0 && isWordByte(s[p-1])) == isWordByte(c)) && sr.prefixAt(s[p:]) {
			if m := sr.anchored(s, p); m != nil {
				return m
			}
		}
		if c < utf8.RuneSelf {
			p++
		} else {
			_, size := utf8.DecodeRuneInString(s[p:])
			p += size
		}
	}
	return nil
}

// prefixAt reports whether s begins with one of the strings of
// sr.prefixes, if there are any.
func (sr *startRe) prefixAt(s string) bool {
	if sr.prefixes == nil {
		return true
	}
	for _, p := range sr.prefixes[s[0]] {
		if strings.HasPrefix(s, p) || sr.fold && len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// anchored returns the match that starts at p, or nil.
func (sr *startRe) anchored(s string, p int) []int {
	if p == 0 {
		return sr.at0.FindStringSubmatchIndex(s)
	}
	m := sr.at.FindStringSubmatchIndex(s[p-1:])
	if m == nil {
		return nil
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += p - 1
		}
	}
	m[0] = p // past the context rune
	return m
}
