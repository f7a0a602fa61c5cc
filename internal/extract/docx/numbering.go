package docx

import (
	"strconv"
	"strings"
)

type xLvl struct {
	Ilvl    string `xml:"ilvl,attr"`
	Start   *val   `xml:"start"`
	NumFmt  val    `xml:"numFmt"`
	LvlText *val   `xml:"lvlText"`
	IsLgl   *val   `xml:"isLgl"`
	Restart *val   `xml:"lvlRestart"`
	PStyle  val    `xml:"pStyle"`
}

type xNumbering struct {
	Abstract []struct {
		ID           string `xml:"abstractNumId,attr"`
		NumStyleLink val    `xml:"numStyleLink"`
		Lvl          []xLvl `xml:"lvl"`
	} `xml:"abstractNum"`
	Num []struct {
		ID        string `xml:"numId,attr"`
		Abstract  val    `xml:"abstractNumId"`
		Overrides []struct {
			Ilvl  string `xml:"ilvl,attr"`
			Start *val   `xml:"startOverride"`
			Lvl   *xLvl  `xml:"lvl"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

const levels = 9 // WordprocessingML list levels 0–8

type level struct {
	start   int
	format  string // w:numFmt: decimal, lowerLetter, bullet, …
	text    string // w:lvlText: "%1.%2", "(%3)", "•"
	isLgl   bool
	restart int // w:lvlRestart: -1 default (any higher level), 0 never, n after level n (1-based)
	pStyle  string
}

func newLevel(x *xLvl) *level {
	l := &level{start: 1, format: x.NumFmt.str(), restart: -1, isLgl: x.IsLgl.on(), pStyle: x.PStyle.str()}
	if n, ok := x.Start.num(); ok {
		l.start = n
	}
	if x.LvlText != nil {
		l.text = x.LvlText.str()
	}
	if n, ok := x.Restart.num(); ok {
		l.restart = n
	}
	if l.format == "" {
		l.format = "decimal"
	}
	return l
}

type abstractNum struct {
	lvl          [levels]*level
	numStyleLink string
}

type override struct {
	start int // -1 when none
	lvl   *level
}

type numInstance struct {
	abstract  string
	overrides map[int]override
}

// numbering holds word/numbering.xml and the counters of the lists as they
// are met in the body.
type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*numInstance
	styles    *styles

	counters map[string]*[levels]int  // per abstract list: the current value of each level
	started  map[string]*[levels]bool // whether each level has been used since its last restart
	used     map[string]bool          // w:num instances seen, for their start overrides
}

func parseNumbering(x xNumbering, st *styles) *numbering {
	n := &numbering{
		abstracts: make(map[string]*abstractNum),
		nums:      make(map[string]*numInstance),
		styles:    st,
		counters:  make(map[string]*[levels]int),
		started:   make(map[string]*[levels]bool),
		used:      make(map[string]bool),
	}
	for _, xa := range x.Abstract {
		a := &abstractNum{numStyleLink: xa.NumStyleLink.str()}
		for i := range xa.Lvl {
			if il, ok := atoi(xa.Lvl[i].Ilvl); ok && il >= 0 && il < levels {
				a.lvl[il] = newLevel(&xa.Lvl[i])
			}
		}
		if _, dup := n.abstracts[xa.ID]; !dup {
			n.abstracts[xa.ID] = a
		}
	}
	for _, xn := range x.Num {
		ni := &numInstance{abstract: xn.Abstract.str(), overrides: make(map[int]override)}
		for _, o := range xn.Overrides {
			il, ok := atoi(o.Ilvl)
			if !ok || il < 0 || il >= levels {
				continue
			}
			ov := override{start: -1}
			if s, ok := o.Start.num(); ok {
				ov.start = s
			}
			if o.Lvl != nil {
				ov.lvl = newLevel(o.Lvl)
			}
			ni.overrides[il] = ov
		}
		if _, dup := n.nums[xn.ID]; !dup {
			n.nums[xn.ID] = ni
		}
	}
	return n
}

// resolve finds the abstract list behind a w:num, following a numbering
// style link (w:numStyleLink → style → w:num → w:abstractNum) once.
func (n *numbering) resolve(numID string) (absID string, a *abstractNum) {
	for hop := 0; hop < 2; hop++ {
		ni := n.nums[numID]
		if ni == nil {
			return "", nil
		}
		absID = ni.abstract
		a = n.abstracts[absID]
		if a == nil || a.numStyleLink == "" {
			return absID, a
		}
		linked, _, _ := n.styles.numPr(a.numStyleLink)
		if linked == "" || linked == numID {
			return absID, a
		}
		numID = linked
	}
	return absID, a
}

// levelOf returns the definition of level il of list numID, overrides applied.
func (n *numbering) levelOf(numID string, a *abstractNum, il int) *level {
	if ni := n.nums[numID]; ni != nil {
		if ov, ok := ni.overrides[il]; ok && ov.lvl != nil {
			return ov.lvl
		}
	}
	return a.lvl[il]
}

// next advances the counter of level il of list numID and returns the
// rendered number ("1.2", "(a)", "•"), whether it is a bullet, and whether
// the list exists at all.
func (n *numbering) next(numID string, il int) (number string, bullet, ok bool) {
	if n == nil || numID == "" || numID == "0" {
		return "", false, false
	}
	absID, a := n.resolve(numID)
	if a == nil {
		return "", false, false
	}
	if il < 0 || il >= levels {
		il = 0
	}
	lv := n.levelOf(numID, a, il)
	if lv == nil {
		return "", false, false
	}
	cnt := n.counters[absID]
	if cnt == nil {
		cnt = new([levels]int)
		n.counters[absID] = cnt
		n.started[absID] = new([levels]bool)
	}
	started := n.started[absID]
	// The first paragraph of a w:num with start overrides restarts the
	// shared abstract list there: that is how Word restarts "1." in a
	// second list built on the same definition.
	if !n.used[numID] {
		n.used[numID] = true
		if ni := n.nums[numID]; ni != nil {
			for l, ov := range ni.overrides {
				start := ov.start
				if start < 0 && ov.lvl != nil {
					start = ov.lvl.start
				}
				if start >= 0 {
					cnt[l] = start - 1
					started[l] = true
				}
			}
		}
	}
	if !started[il] {
		cnt[il] = lv.start - 1
		started[il] = true
	}
	cnt[il]++
	// Deeper levels restart, unless their w:lvlRestart says otherwise.
	for l := il + 1; l < levels; l++ {
		r := -1
		if d := n.levelOf(numID, a, l); d != nil {
			r = d.restart
		}
		if r < 0 || (r > 0 && il < r) {
			started[l] = false
		}
	}
	if lv.format == "bullet" {
		return lv.text, true, true
	}
	var b strings.Builder
	text := lv.text
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			i++
			d := n.levelOf(numID, a, k)
			if d == nil {
				continue
			}
			v := cnt[k]
			if !started[k] {
				v = d.start
			}
			f := d.format
			if lv.isLgl && f != "none" {
				f = "decimal"
			}
			b.WriteString(formatNumber(v, f))
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), false, true
}

// formatNumber renders v in a w:numFmt.
func formatNumber(v int, f string) string {
	switch f {
	case "none":
		return ""
	case "decimalZero":
		if v >= 0 && v < 10 {
			return "0" + strconv.Itoa(v)
		}
	case "lowerLetter":
		return letters(v, 'a')
	case "upperLetter":
		return letters(v, 'A')
	case "lowerRoman":
		return strings.ToLower(roman(v))
	case "upperRoman":
		return roman(v)
	case "ordinal":
		return strconv.Itoa(v) + ordinalSuffix(v)
	case "cardinalText":
		if w := words(v); w != "" {
			return strings.ToUpper(w[:1]) + w[1:]
		}
	case "ordinalText":
		if w := ordinalWords(v); w != "" {
			return strings.ToUpper(w[:1]) + w[1:]
		}
	case "decimalEnclosedParen":
		return "(" + strconv.Itoa(v) + ")"
	case "decimalEnclosedFullstop":
		return strconv.Itoa(v) + "."
	case "decimalEnclosedCircle":
		if v >= 1 && v <= 20 {
			return string(rune('①' + v - 1))
		}
	case "chicago":
		if v >= 1 && v <= 100 {
			marks := []string{"*", "†", "‡", "§"}
			return strings.Repeat(marks[(v-1)%4], (v-1)/4+1)
		}
	}
	return strconv.Itoa(v)
}

// letters renders 1→a, 26→z, 27→aa, 28→bb as Word does.
func letters(v int, base byte) string {
	if v <= 0 {
		return strconv.Itoa(v)
	}
	if v > 780 { // beyond "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
		return strconv.Itoa(v)
	}
	return strings.Repeat(string(rune(base+byte((v-1)%26))), (v-1)/26+1)
}

func roman(v int) string {
	if v <= 0 || v >= 4000 {
		return strconv.Itoa(v)
	}
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

func ordinalSuffix(v int) string {
	if v%100 >= 11 && v%100 <= 13 {
		return "th"
	}
	switch v % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

var (
	ones = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// words spells 0–99 in English; "" beyond.
func words(v int) string {
	switch {
	case v < 0 || v > 99:
		return ""
	case v < 20:
		return ones[v]
	case v%10 == 0:
		return tens[v/10]
	}
	return tens[v/10] + "-" + ones[v%10]
}

func ordinalWords(v int) string {
	w := words(v)
	if w == "" {
		return ""
	}
	irregular := map[string]string{"one": "first", "two": "second", "three": "third", "five": "fifth",
		"eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
	head, last := "", w
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		head, last = w[:i+1], w[i+1:]
	}
	switch {
	case irregular[last] != "":
		last = irregular[last]
	case strings.HasSuffix(last, "y"):
		last = last[:len(last)-1] + "ieth"
	default:
		last += "th"
	}
	return head + last
}
