package pdf

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// noteStart matches the number that starts a footnote ("1 Email counts …",
// "12. See …") or its symbol ("* ", "† ").
var noteStart = regexp.MustCompile(`^(?:(\d{1,3})\.?\s*|[*†‡§]\s*)\S`)

// footnotes takes the footnotes off the foot of each page and returns
// their text. Word processors print them there; the DOCX and ODT readers
// keep them apart from the body too, so a PDF reads the same. The notes are
// the lines at the bottom apart from the text above, the first starting
// with a note number, and either set in a smaller type than the body or
// numbered as the superscript references above them are (a note style in
// body size). The note numbers left in the text ("in writing1 and") are
// removed when the page has that note.
func footnotes(pages []page) []string {
	body := bodySize(pages)
	var notes []string
	for pi := range pages {
		p := &pages[pi]
		idx := make([]int, len(p.lines))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return p.lines[idx[a]].y < p.lines[idx[b]].y })
		n := smallNotes(p.lines, idx, body)
		var marks []string
		if n == 0 {
			n, marks = markedNotes(p.lines, idx, body)
		}
		if n == 0 {
			continue
		}
		// The notes, top to bottom; a line starting with a number starts
		// a note (with marks known, one of them).
		drop := map[int]bool{}
		var cur []string
		var nums []string
		flush := func() {
			if len(cur) > 0 {
				notes = append(notes, strings.Join(cur, " "))
				cur = nil
			}
		}
		for k := n - 1; k >= 0; k-- {
			l := p.lines[idx[k]]
			drop[idx[k]] = true
			text := strings.TrimSpace(l.text)
			if m := noteStart.FindStringSubmatch(text); m != nil && (marks == nil || slices.Contains(marks, m[1])) {
				flush()
				if m[1] != "" {
					nums = append(nums, m[1])
					// "1The Employer": the number set close to its
					// note's first word is apart from it in the note.
					if rest := text[len(m[1]):]; rest != "" && !strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, ".") {
						text = m[1] + " " + rest
					}
				}
			}
			cur = append(cur, text)
		}
		flush()
		kept := p.lines[:0:0]
		for i, l := range p.lines {
			if !drop[i] {
				l.text = dropMarks(l.text, nums)
				kept = append(kept, l)
			}
		}
		p.lines = kept
	}
	return notes
}

// smallNotes returns how many of the lines, idx lowest first, are notes
// set in a smaller type than the body: the small lines at the bottom, apart
// from the text above, the top one starting with a note number.
func smallNotes(ls []line, idx []int, body float64) int {
	n := 0
	for n < len(idx) && ls[idx[n]].size < 0.92*body {
		n++
	}
	if n == 0 || n == len(idx) {
		return 0
	}
	top, above := ls[idx[n-1]], ls[idx[n]]
	if above.y-top.y < 1.2*body || !noteStart.MatchString(top.text) {
		return 0
	}
	return n
}

// markedNotes returns how many of the lines, idx lowest first, are notes
// set in body size, and the reference marks of the text above them. The
// type does not tell them from the text, so three things must: the top
// note starts with the number of a superscript mark in the text above; the
// notes stand apart from it by more than the page's paragraph breaks (the
// separator's room; the rule itself is not read); and they take at most a
// third of the page's lines.
func markedNotes(ls []line, idx []int, body float64) (int, []string) {
	best, bestGap := 0, 0.0
	var bestMarks []string
	for n := 1; n <= len(idx)/3; n++ {
		top, above := ls[idx[n-1]], ls[idx[n]]
		gap := above.y - top.y
		if top.size > 1.1*body || gap < 1.5*body || gap <= bestGap {
			continue
		}
		m := noteStart.FindStringSubmatch(strings.TrimSpace(top.text))
		if m == nil || m[1] == "" {
			continue
		}
		var marks []string
		for _, i := range idx[n:] {
			marks = append(marks, ls[i].marks...)
		}
		if !slices.Contains(marks, m[1]) || gap < 1.3*paragraphBreak(ls, idx[n:]) {
			continue
		}
		best, bestGap, bestMarks = n, gap, marks
	}
	return best, bestMarks
}

// paragraphBreak is the usual distance between the baselines of two
// paragraphs among the lines idx, lowest first: the median of the
// distances wider than the page's line spacing, or that spacing when no
// paragraph is set apart.
func paragraphBreak(ls []line, idx []int) float64 {
	var all, wide []float64
	for k := 1; k < len(idx); k++ {
		a, b := ls[idx[k]], ls[idx[k-1]]
		if a.col == b.col {
			all = append(all, a.y-b.y)
		}
	}
	spacing := median(all)
	for _, d := range all {
		if d > 1.15*spacing {
			wide = append(wide, d)
		}
	}
	if len(wide) == 0 {
		return spacing
	}
	return median(wide)
}

// noteMark matches a number where it follows a word as a reference mark
// ("writing1 and", "Services”2."): after a small letter or closing
// punctuation, never after a capital or a digit ("A1", "2021").
var noteMark = regexp.MustCompile(`([\p{Ll})\]”’"'.,;:])(\d{1,3})([\s,.;:)]|$)`)

// dropMarks removes from s the reference marks of the notes nums, the
// notes of its page, with one expression for every page rather than one
// compiled per page listing its numbers. The digits noteMark takes are all
// the digits there are (a digit neither starts nor ends a mark), so
// stepping past another number's mark one character at a time finds the
// marks such a list would.
func dropMarks(s string, nums []string) string {
	if len(nums) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		m := noteMark.FindStringSubmatchIndex(s[i:])
		if m == nil {
			break
		}
		if !slices.Contains(nums, s[i+m[4]:i+m[5]]) {
			_, n := utf8.DecodeRuneInString(s[i+m[0]:])
			i += m[0] + n
			continue
		}
		b.WriteString(s[last : i+m[4]])
		last, i = i+m[5], i+m[1]
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
