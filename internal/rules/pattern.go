package rules

import (
	"regexp"
	"regexp/syntax"
)

// pattern is a compiled rule regular expression. Rules are full of gaps
// such as `assign\w*\b.{0,150}\bright title and interest`; Go's RE2 engine
// expands a bounded repeat into one state per step and tracks every one
// of them at every byte, which made one gap cost more than the rest of
// the expression. A pattern therefore splits at top-level `.{0,N}` gaps
// into parts matched one after another, each within N bytes of the last.
type pattern struct {
	parts []*regexp.Regexp
	gaps  []int // gaps[i] is the largest gap between parts[i] and parts[i+1]
}

// compilePattern compiles a parsed pattern. Canonical text is lower case,
// so patterns are compiled case-sensitively: case folding made the
// backtracking matcher several times slower.
func compilePattern(re *syntax.Regexp) (*pattern, error) {
	p := &pattern{}
	var seg []*syntax.Regexp
	flush := func() error {
		c, err := regexp.Compile(concat(seg).String())
		if err != nil {
			return err
		}
		p.parts = append(p.parts, c)
		seg = nil
		return nil
	}
	if re.Op == syntax.OpConcat {
		subs := re.Sub
		for i, s := range subs {
			if gap, ok := isGap(s); ok && len(seg) > 0 && i < len(subs)-1 {
				if err := flush(); err != nil {
					return nil, err
				}
				p.gaps = append(p.gaps, gap)
				continue
			}
			seg = append(seg, s)
		}
	} else {
		seg = []*syntax.Regexp{re}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return p, nil
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

// MatchString reports whether the pattern matches s.
func (p *pattern) MatchString(s string) bool {
	if len(p.parts) == 1 {
		return p.parts[0].MatchString(s)
	}
	return p.FindAllStringIndex(s, 1) != nil
}

// FindAllStringIndex returns up to n matches of the pattern in s (n < 0:
// all), as the standard library does; each match starts at a different
// match of the first part.
func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	if len(p.parts) == 1 {
		return p.parts[0].FindAllStringIndex(s, n)
	}
	var out [][]int
	for _, m := range p.parts[0].FindAllStringIndex(s, -1) {
		if end, ok := p.rest(s, m[1], 1); ok {
			out = append(out, []int{m[0], end})
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// partWindow bounds how far past its gap a part is searched for; a part
// still matching at the window's edge is matched again without the bound.
const partWindow = 256

// rest matches parts[i:] starting at most gaps[i-1] bytes after pos and
// returns the end of the match.
func (p *pattern) rest(s string, pos, i int) (int, bool) {
	// Search from one byte before pos so that \b at the start of the part
	// sees the byte before it, as it would in one expression; only the
	// window where the part may start (plus room for its length) is read,
	// so that a part is not searched for across the whole sentence for
	// every match of the part before it.
	from := max(pos-1, 0)
	to := min(len(s), pos+p.gaps[i-1]+partWindow)
	for _, m := range p.parts[i].FindAllStringIndex(s[from:to], -1) {
		start, end := from+m[0], from+m[1]
		if start < pos {
			continue
		}
		if start-pos > p.gaps[i-1] {
			break
		}
		if end == to && to < len(s) {
			m := p.parts[i].FindStringIndex(s[start-1:])
			if m == nil || m[0] != 1 {
				continue
			}
			end = start - 1 + m[1]
		}
		if i == len(p.parts)-1 {
			return end, true
		}
		if e, ok := p.rest(s, end, i+1); ok {
			return e, true
		}
	}
	return 0, false
}
