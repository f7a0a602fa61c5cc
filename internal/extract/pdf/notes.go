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
// their text: the lines at the bottom set in a smaller type than the body,
// apart from the text above, the first starting with a note number. Word
// processors print them there; the DOCX and ODT readers keep them apart from
// the body too, so a PDF reads the same. The note numbers left in the text
// ("in writing1 and") are removed when the page has that note.
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
		// The small lines at the bottom of the page, lowest first.
		n := 0
		for n < len(idx) && p.lines[idx[n]].size < 0.92*body {
			n++
		}
		if n == 0 || n == len(idx) {
			continue
		}
		top, above := p.lines[idx[n-1]], p.lines[idx[n]]
		if above.y-top.y < 1.2*body || !noteStart.MatchString(top.text) {
			continue
		}
		// The notes, top to bottom; a line starting with a number starts
		// a note.
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
			if m := noteStart.FindStringSubmatch(l.text); m != nil {
				flush()
				if m[1] != "" {
					nums = append(nums, m[1])
				}
			}
			cur = append(cur, strings.TrimSpace(l.text))
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
