package odt

import (
	"encoding/xml"
	"strconv"
	"strings"
)

const maxLevels = 10 // ODF list levels 1–10

// levelStyle is one level of a list or outline style.
type levelStyle struct {
	bullet        bool
	format        string // style:num-format: "1", "a", "A", "i", "I", "" (none)
	prefix        string
	suffix        string
	displayLevels int
	start         int
	listFormat    string // loext:num-list-format, e.g. "%1%.%2%.", when LibreOffice writes it
}

type listStyle struct {
	levels [maxLevels + 1]*levelStyle // index = level, 1-based
}

func (l *listStyle) setLevel(t xml.StartElement) {
	level := count(attr(t, "level"), 1, maxLevels)
	ls := &levelStyle{displayLevels: 1, start: 1}
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "num-format":
			ls.format = a.Value
		case "num-prefix":
			ls.prefix = a.Value
		case "num-suffix":
			ls.suffix = a.Value
		case "display-levels":
			ls.displayLevels = count(a.Value, 1, maxLevels)
		case "start-value":
			ls.start = count(a.Value, 1, 1<<30)
		case "num-list-format":
			ls.listFormat = a.Value
		}
	}
	ls.bullet = t.Name.Local == "list-level-style-bullet" || t.Name.Local == "list-level-style-image"
	l.levels[level] = ls
}

// counters are the current values of a list's levels.
type counters struct {
	val [maxLevels + 1]int
	set [maxLevels + 1]bool
}

// styles holds the list styles met so far and the lists they number.
type styles struct {
	lists           map[string]*listStyle
	outline         *listStyle
	outlineCounters counters
	lastList        map[string]*counters // the last list of each style, for text:continue-numbering
	listByID        map[string]*counters // lists by xml:id, for text:continue-list
	paras           map[string]paraStyle // paragraph styles by name
}

type paraStyle struct {
	display, parent string
	outline         int // style:default-outline-level, 0 if none
}

// heading returns the heading level a paragraph style gives: its outline
// level, or N for a style named "Heading N", 1 for "Title".
func (s *styles) heading(name string) (int, bool) {
	for i := 0; i < 32 && name != ""; i++ {
		ps, ok := s.paras[name]
		if !ok {
			return 0, false
		}
		if ps.outline > 0 {
			return ps.outline, true
		}
		d := strings.ToLower(ps.display)
		if d == "" {
			d = strings.ToLower(strings.ReplaceAll(name, "_20_", " "))
		}
		if d == "title" {
			return 1, true
		}
		if rest, ok := strings.CutPrefix(d, "heading "); ok {
			if n, err := strconv.Atoi(rest); err == nil && n >= 1 && n <= maxLevels {
				return n, true
			}
		}
		name = ps.parent
	}
	return 0, false
}

func newStyles() *styles {
	return &styles{lists: map[string]*listStyle{}, lastList: map[string]*counters{}, listByID: map[string]*counters{}, paras: map[string]paraStyle{}}
}

// list returns a fresh list style called name (the outline style if outline).
func (s *styles) list(name string, outline bool) *listStyle {
	ls := new(listStyle)
	if outline {
		s.outline = ls
	} else {
		s.lists[name] = ls
	}
	return ls
}

// next advances level (1-based) of a list numbered by style and returns the
// rendered number, and whether the level is a bullet.
func (s *styles) next(style string, outline bool, c *counters, level, startValue int) (string, bool) {
	ls := s.lists[style]
	if outline {
		ls = s.outline
	}
	if ls == nil || level < 1 || level > maxLevels {
		return "", false
	}
	lv := ls.levels[level]
	if lv == nil {
		return "", false
	}
	switch {
	case startValue > 0:
		c.val[level] = startValue
	case !c.set[level]:
		c.val[level] = lv.start
	default:
		c.val[level]++
	}
	c.set[level] = true
	for l := level + 1; l <= maxLevels; l++ {
		c.set[l] = false
	}
	if lv.bullet {
		return "", true
	}
	value := func(k int) string {
		d := ls.levels[k]
		if d == nil {
			return ""
		}
		v := c.val[k]
		if !c.set[k] {
			v = d.start
		}
		return format(v, d.format)
	}
	if lv.listFormat != "" {
		var b strings.Builder
		f := lv.listFormat
		for i := 0; i < len(f); i++ {
			if f[i] == '%' {
				j := strings.IndexByte(f[i+1:], '%')
				if j > 0 {
					if k, err := strconv.Atoi(f[i+1 : i+1+j]); err == nil && k >= 1 && k <= maxLevels {
						b.WriteString(value(k))
						i += j + 1
						continue
					}
				}
			}
			b.WriteByte(f[i])
		}
		return strings.TrimSpace(b.String()), false
	}
	if lv.format == "" {
		return "", false
	}
	var parts []string
	for k := max(1, level-lv.displayLevels+1); k <= level; k++ {
		if v := value(k); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.TrimSpace(lv.prefix + strings.Join(parts, ".") + lv.suffix), false
}

// format renders v in an ODF number format.
func format(v int, f string) string {
	switch f {
	case "":
		return ""
	case "a", "A":
		if v < 1 || v > 780 {
			break
		}
		return strings.Repeat(string(rune(f[0]+byte((v-1)%26))), (v-1)/26+1)
	case "i", "I":
		if v < 1 || v >= 4000 {
			break
		}
		r := roman(v)
		if f == "i" {
			r = strings.ToLower(r)
		}
		return r
	}
	return strconv.Itoa(v)
}

func roman(v int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, n := range vals {
		for v >= n {
			b.WriteString(syms[i])
			v -= n
		}
	}
	return b.String()
}
