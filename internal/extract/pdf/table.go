package pdf

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"
)

// A labelled table is a run of rows set as two cells: a short label on the
// left ("1. Rent", "Governing Law & Chosen Courts") and its text on the
// right, every line of the text starting at one edge. Read row by row,
// a label of two lines lands inside its text ("3. Entry by the The Landlord
// may enter … Landlord the Tenant.") and a label on the middle line of a
// vertically centred cell splits it. labelRows finds such runs on a
// single-column page so that each table row is read label first, then its
// text.

// labelRun is the rows from, to (exclusive) of a labelled table whose text
// starts at x.
type labelRun struct {
	from, to int
	x        float64
}

// split divides a row of a labelled table whose text starts at x into its
// label and text words; ok is false when the row is neither label, text
// nor both.
func split(r row, x float64) (label, text []word, ok bool) {
	for i, w := range r.words {
		if math.Abs(w.x0-x) < 1 {
			if i > 0 && r.words[i-1].x1 > x-0.8*w.size {
				return nil, nil, false
			}
			return r.words[:i], r.words[i:], true
		}
		if w.x1 > x-0.8*w.size {
			return nil, nil, false
		}
	}
	return r.words, nil, true
}

// labelRuns finds the labelled tables among rows rs: a row of text alone,
// indented well past the left edge of the page, gives the edge x; the run
// grows up and down over rows that split there. It is a table when two or
// more of its table rows (see tableRows) have a label that is more than a
// clause number, a bullet or a check box (a list item's number hangs left
// of its text the same way) and text, one of them of two lines or more: a
// centred heading or a table of one-line rows is read row by row as before.
func labelRuns(rs []row) []labelRun {
	minX := math.Inf(1)
	for _, r := range rs {
		minX = math.Min(minX, r.words[0].x0)
	}
	var out []labelRun
	for i := 0; i < len(rs); i++ {
		first := rs[i].words[0]
		if first.x0 < minX+3*first.size {
			continue
		}
		x := first.x0
		from, to := i, i+1
		for from > 0 && splits(rs[from-1], x) {
			from--
		}
		// A table row's text starts level with its label or above it: the
		// short lines above are the end of the paragraph before ("… as
		// follows:").
		for from < i {
			if _, text, _ := split(rs[from], x); len(text) > 0 {
				break
			}
			from++
		}
		for to < len(rs) && splits(rs[to], x) {
			to++
		}
		labelled := 0
		for _, g := range tableRows(rs[from:to], x) {
			if labelledRow(g, x) {
				labelled++
			}
		}
		if labelled >= 2 {
			out = append(out, labelRun{from, to, x})
		}
		i = to - 1
	}
	return out
}

// labelledRow reports whether the rows g of one table row are a label and
// text, one of them of two lines or more.
func labelledRow(g []row, x float64) bool {
	var label []word
	texts := 0
	for _, r := range g {
		l, t, _ := split(r, x)
		label = append(label, l...)
		if len(t) > 0 {
			texts++
		}
	}
	return len(g) >= 2 && texts > 0 && len(label) > 0 && !bare(makeLine(label, 0).text)
}

// checkbox matches a check box drawn in text: "[ ]", "( x )", "☐".
var checkbox = regexp.MustCompile(`^(?:[\[(]\s*[xX✓✔]?\s*[\])]|[☐☑☒])$`)

// bare reports whether s is only a clause number, a bullet or a check box.
func bare(s string) bool {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) == 1 && strings.ContainsAny(s, bulletRunes) || checkbox.MatchString(s) {
		return true
	}
	loc := numbered.FindStringIndex(s)
	return loc != nil && strings.TrimSpace(s[loc[1]:]) == ""
}

func splits(r row, x float64) bool {
	_, _, ok := split(r, x)
	return ok
}

// tableRows divides the rows of a labelled table whose text starts at x
// into table rows: the lines of a cell are spacing apart, and a label's in
// a centred cell half of that from the text's; rows of the table further.
func tableRows(rs []row, x float64) [][]row {
	spacing := math.Inf(1)
	prev := -1 // the last row with text
	for i, r := range rs {
		if _, text, _ := split(r, x); len(text) == 0 {
			continue
		}
		if prev >= 0 {
			if d := rs[prev].y - r.y; d > 0.5*r.words[0].size {
				spacing = math.Min(spacing, d)
			}
		}
		prev = i
	}
	var out [][]row
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i == len(rs) || rs[i-1].y-rs[i].y >= 1.25*spacing {
			out = append(out, rs[start:i])
			start = i
		}
	}
	return out
}

// tableLines lays out the rows of a labelled table: a table row of a label
// and text over two lines or more is its label's lines (column 1) then its
// text's (column 2); other rows stay as they are.
func tableLines(rs []row, x float64) []line {
	var out []line
	for _, g := range tableRows(rs, x) {
		if !labelledRow(g, x) {
			for _, r := range g {
				out = append(out, makeLine(r.words, 0))
			}
			continue
		}
		var labels, texts []line
		for _, r := range g {
			label, text, _ := split(r, x)
			if len(label) > 0 {
				labels = append(labels, makeLine(label, 1))
			}
			if len(text) > 0 {
				texts = append(texts, makeLine(text, 2))
			}
		}
		out = append(out, labels...)
		out = append(out, texts...)
	}
	return out
}
