package pdf

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a run of glyphs on one baseline with no visible gap.
type word struct {
	x0, x1, y, size float64
	bold            bool
	s               string
}

// line is a run of words on one baseline within one column.
type line struct {
	x0, x1, y, size float64
	bold            bool
	col             int // 0 for a full-width line, 1 left column, 2 right column
	text            string
	// marks are the numbers set as superscripts in the line, in order:
	// footnote references ("research¹"), and the number starting a note
	// when the word processor raises it there too.
	marks []string
}

// words groups glyphs, in drawing order, into words: a new word starts at
// a space that advances, a baseline change, a move backwards, or a gap wider than a
// fraction of the font size.
func words(gs []glyph) []word {
	var out []word
	var cur *word
	var sb strings.Builder
	flush := func() {
		if cur != nil {
			cur.s = sb.String()
			if strings.TrimSpace(cur.s) != "" {
				out = append(out, *cur)
			}
			cur = nil
			sb.Reset()
		}
	}
	for _, g := range gs {
		if g.size <= 0 {
			g.size = 1
		}
		blank := strings.TrimFunc(g.s, unicode.IsSpace) == ""
		if blank {
			// A space drawn back over the word (LibreOffice draws one
			// under the last letter of underlined text) does not end it:
			// "Termination" + "." stays "Termination.", while a move to
			// another line still breaks at the next letter.
			if cur != nil && g.x < cur.x1-0.25*math.Max(cur.size, g.size) {
				continue
			}
			flush()
			continue
		}
		if cur != nil {
			gap := g.x - cur.x1
			tol := 0.12 * math.Max(cur.size, g.size)
			if math.Abs(g.y-cur.y) > 0.3*math.Min(cur.size, g.size) || gap > tol || gap < -0.6*math.Max(cur.size, g.size) {
				flush()
			}
		}
		if cur == nil {
			cur = &word{x0: g.x, x1: g.x + g.w, y: g.y, size: g.size, bold: g.bold}
		} else {
			cur.x1 = math.Max(cur.x1, g.x+g.w)
			cur.size = math.Max(cur.size, g.size)
			cur.bold = cur.bold && g.bold
		}
		sb.WriteString(g.s)
	}
	flush()
	return out
}

// row is the words of a page sharing a baseline, left to right.
type row struct {
	y     float64
	words []word
}

func rows(ws []word) []row {
	sorted := make([]word, len(ws))
	copy(sorted, ws)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].y > sorted[j].y })
	// A row's words are a run of sorted, not a slice grown word by word;
	// each is capped, so that mergeScripts appending to one copies it
	// rather than writing over the next.
	var out []row
	for i, w := range sorted {
		if n := len(out); n > 0 && math.Abs(out[n-1].y-w.y) < 0.35*w.size {
			start := i - len(out[n-1].words)
			out[n-1].words = sorted[start : i+1 : i+1]
			continue
		}
		out = append(out, row{y: w.y, words: sorted[i : i+1 : i+1]})
	}
	out = mergeScripts(out)
	for i := range out {
		sort.SliceStable(out[i].words, func(a, b int) bool { return out[i].words[a].x0 < out[i].words[b].x0 })
	}
	return out
}

// mergeScripts moves superscripts ("47th", footnote marks), which sit
// above their line's baseline in a smaller font, into that line.
func mergeScripts(rs []row) []row {
	out := rs[:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i+1 < len(rs) {
			next := rs[i+1]
			small, big := maxSize(r.words), maxSize(next.words)
			if small < 0.85*big && r.y-next.y < 0.6*big && r.y > next.y && overlapsX(r.words, next.words) {
				next.words = append(next.words, r.words...)
				rs[i+1] = next
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

func maxSize(ws []word) float64 {
	m := 0.0
	for _, w := range ws {
		m = math.Max(m, w.size)
	}
	return m
}

// overlapsX reports whether the words a lie within the horizontal extent of b.
func overlapsX(a, b []word) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, w := range b {
		lo, hi = math.Min(lo, w.x0), math.Max(hi, w.x1)
	}
	for _, w := range a {
		if w.x1 < lo-w.size || w.x0 > hi+w.size {
			return false
		}
	}
	return true
}

// gutter finds the white space between two text columns: an x interval in
// the middle of the text, crossed by almost no row, with a fair share of
// the words on each side. It returns ok=false for single-column pages.
func gutter(rs []row) (lo, hi float64, ok bool) {
	minX, maxX := math.Inf(1), math.Inf(-1)
	var sizes []float64
	for _, r := range rs {
		for _, w := range r.words {
			minX = math.Min(minX, w.x0)
			maxX = math.Max(maxX, w.x1)
			sizes = append(sizes, w.size)
		}
	}
	width := maxX - minX
	if len(rs) < 4 || width < 100 || width > 5000 {
		return 0, 0, false
	}
	size := median(sizes)
	bins := make([]int, int(width)+1)
	for _, r := range rs {
		// A row covers the span between its words too when they are close:
		// that is one line of a single column, not two. Close is closer than
		// the padding between two cells of a table: a bilingual contract's
		// English and Spanish side by side in top-aligned cells share
		// baselines about one font size apart (11 pt at 10 pt with 6 pt of
		// padding a side), and twice the size bridged them all.
		for i, w := range r.words {
			a, b := w.x0, w.x1
			if i+1 < len(r.words) && r.words[i+1].x0-w.x1 < closeGap*size {
				b = r.words[i+1].x0
			}
			for x := int(a - minX); x <= int(b-minX) && x < len(bins); x++ {
				if x >= 0 {
					bins[x]++
				}
			}
		}
	}
	limit := max(1, len(rs)/10) // a few full-width rows: titles, headings
	bestLo, bestHi := -1, -1
	start := int(0.3 * width)
	end := int(0.7 * width)
	for x := start; x <= end; {
		if bins[x] > limit {
			x++
			continue
		}
		y := x
		for y+1 < len(bins) && bins[y+1] <= limit {
			y++
		}
		if y-x > bestHi-bestLo {
			bestLo, bestHi = x, y
		}
		x = y + 1
	}
	// Table cells' text is about one font size apart; a gutter of two
	// text columns is wider.
	if bestLo < 0 || float64(bestHi-bestLo) < math.Max(6, 0.6*size) {
		return 0, 0, false
	}
	lo, hi = minX+float64(bestLo), minX+float64(bestHi)
	left, right, leftRows, rightRows := 0, 0, 0, 0
	for _, r := range rs {
		var l, rr bool
		for _, w := range r.words {
			switch {
			case w.x1 <= lo+1:
				left++
				l = true
			case w.x0 >= hi-1:
				right++
				rr = true
			}
		}
		if l {
			leftRows++
		}
		if rr {
			rightRows++
		}
	}
	// Side-by-side blocks of a few lines (signature blocks, addresses) are
	// read row by row like the rest of the page; columns are longer.
	total := len(sizes)
	if left < total/5 || right < total/5 || leftRows < 6 || rightRows < 6 {
		return 0, 0, false
	}
	return lo, hi, true
}

// pageLines lays out one page's words into lines in reading order: on a
// two-column page, full-width rows stay in place and the rows between them
// are read left column first; on others, a labelled table is read label
// first (see labelRuns).
func pageLines(ws []word) []line {
	rs := rows(ws)
	lo, hi, two := gutter(rs)
	var out, left, right []line
	flush := func() {
		out = append(out, left...)
		out = append(out, right...)
		left, right = left[:0:0], right[:0:0]
	}
	var runs []labelRun
	if !two {
		runs = labelRuns(rs)
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if len(runs) > 0 && runs[0].from == i {
			out = append(out, tableLines(rs[i:runs[0].to], runs[0].x)...)
			i = runs[0].to - 1
			runs = runs[1:]
			continue
		}
		if !two {
			out = append(out, makeLine(r.words, 0))
			continue
		}
		l, rr, spans := splitRow(r.words, lo, hi)
		if spans {
			flush()
			out = append(out, makeLine(r.words, 0))
			continue
		}
		if len(l) > 0 {
			left = append(left, makeLine(l, 1))
		}
		if len(rr) > 0 {
			right = append(right, makeLine(rr, 2))
		}
	}
	flush()
	return out
}

// closeGap, in font sizes, is the widest gap between two words of one line
// of text; a wider one may be a gutter. Spaces are about a quarter of the
// size, and justification seldom stretches them past half.
const closeGap = 0.8

// splitRow divides a row of a two-column page at the gutter lo–hi. A word
// of the left column may reach into the gutter (gutter tolerates a few such
// rows: a ragged table cell's longest line) and still belong there, unless
// the next word is as close as words of one line. Any other word in the
// gutter (a centred heading) makes the row span the page.
func splitRow(ws []word, lo, hi float64) (left, right []word, spans bool) {
	for i, w := range ws {
		switch {
		case w.x1 <= lo+1:
			left = append(left, w)
		case w.x0 >= hi-1:
			right = append(right, w)
		case w.x0 < lo && w.x1 < hi-1:
			if i+1 < len(ws) && ws[i+1].x0-w.x1 < closeGap*w.size {
				return nil, nil, true
			}
			left = append(left, w)
		default:
			return nil, nil, true
		}
	}
	return left, right, false
}

func makeLine(ws []word, col int) line {
	l := line{x0: ws[0].x0, x1: ws[0].x1, y: ws[0].y, col: col, bold: true}
	// The baseline is the largest word's: a line that starts with a
	// raised note number is not set higher for it.
	big := ws[0]
	for _, w := range ws[1:] {
		if w.size > big.size {
			big = w
		}
	}
	l.y = big.y
	var sb strings.Builder
	for i, w := range ws {
		if w.size < 0.85*big.size && w.y-big.y > 0.15*big.size && len(w.s) <= 3 && strings.Trim(w.s, "0123456789") == "" {
			l.marks = append(l.marks, w.s)
		}
		// Words this close were split by a baseline shift (a superscript
		// as in "47th"), not by a space.
		if i > 0 && (w.x0-ws[i-1].x1 > 0.12*math.Min(w.size, ws[i-1].size) || math.Abs(w.y-ws[i-1].y) < 0.1*w.size) {
			sb.WriteByte(' ')
		}
		sb.WriteString(w.s)
		l.x0 = math.Min(l.x0, w.x0)
		l.x1 = math.Max(l.x1, w.x1)
		l.size = math.Max(l.size, w.size)
		l.bold = l.bold && w.bold
	}
	l.text = sb.String()
	return l
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// endsSentence reports whether s ends like the end of a paragraph.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’)] ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".:;!?", r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isUpper reports whether s has letters and all of them are upper case.
func isUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}
