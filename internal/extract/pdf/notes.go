package pdf

import (
	"regexp"
	"sort"
	"strings"
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
		marks := noteMarks(nums)
		kept := p.lines[:0:0]
		for i, l := range p.lines {
			if !drop[i] {
				if marks != nil {
					l.text = marks.ReplaceAllString(l.text, "$1$2")
				}
				kept = append(kept, l)
			}
		}
		p.lines = kept
	}
	return notes
}

// noteMarks matches the note numbers nums where they follow a word as a
// reference mark ("writing1 and", "Services”2."): after a small letter or
// closing punctuation, never after a capital or a digit ("A1", "2021").
func noteMarks(nums []string) *regexp.Regexp {
	if len(nums) == 0 {
		return nil
	}
	return regexp.MustCompile(`([\p{Ll})\]”’"'.,;:])(?:` + strings.Join(nums, "|") + `)([\s,.;:)]|$)`)
}
