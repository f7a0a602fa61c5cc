package analyze

import (
	"regexp"

	"github.com/termscore/termscore/internal/document"
)

// pageHeader matches a page's running head read as a heading ("… Page 2",
// a rule of "=====").
var pageHeader = regexp.MustCompile(`(?i)\bpage \d|={3}|-{3}|_{3}`)

// markWithin sets Location.Within on the findings whose section number the
// document gives again in another part: Basecamp's terms number the
// paragraphs of "Account Terms", "Cancellation and Termination" and six
// more parts from 1 again, and "§ 4" alone points at any of them. A part
// is an unnumbered heading whose paragraphs are numbered from the start; a
// number is named by its part only when at least two such parts use it,
// once each, so that a title or a stray heading over a contract numbered
// once through ("CONFIDENTIAL EXECUTION COPY", "RECITALS") is never put
// in front of its sections.
func markWithin(doc *document.Document, fs []Finding) {
	// Most documents number each section once: count first, and look
	// for parts only under numbers a finding is at and the document
	// repeats.
	uses := map[string]int{}
	doc.Walk(func(c *document.Clause) {
		if c.Path != "" {
			uses[c.Path]++
		}
	})
	repeated := map[string]bool{}
	for _, f := range fs {
		if uses[f.Location.Section] > 1 {
			repeated[f.Location.Section] = true
		}
	}
	if len(repeated) == 0 {
		return
	}
	isPart := map[*document.Clause]bool{}
	parts := map[string]map[*document.Clause]int{}
	doc.Walk(func(c *document.Clause) {
		if !repeated[c.Path] {
			return
		}
		p := partOf(c)
		if p == nil {
			return
		}
		ok, seen := isPart[p]
		if !seen {
			ok = restarts(p)
			isPart[p] = ok
		}
		if !ok {
			return
		}
		if parts[c.Path] == nil {
			parts[c.Path] = map[*document.Clause]int{}
		}
		parts[c.Path][p]++
	})
	for i := range fs {
		l := &fs[i].Location
		in := parts[l.Section]
		if len(in) < 2 {
			continue
		}
		c := doc.ClauseAt(fs[i].Span.Start)
		for c != nil && c.Path != l.Section {
			c = c.Parent
		}
		if c == nil {
			continue
		}
		if p := partOf(c); in[p] == 1 {
			l.Within = p.Heading
		}
	}
}

// restarts reports whether p is a part that numbers its paragraphs from the
// start: at least two numbered clauses directly under it, the first one
// "1" or "(a)". A heading the segmenter read over the middle of a contract
// ("RECITALS" over sections 8.01 on) is no such part.
func restarts(p *document.Clause) bool {
	if p == nil || pageHeader.MatchString(p.Heading) {
		return false
	}
	var first string
	n := 0
	for _, c := range p.Children {
		if c.Number == "" {
			continue
		}
		if n == 0 {
			first = c.Path
		}
		n++
	}
	switch first {
	case "1", "(a)", "(A)", "(1)", "(i)":
		return n >= 2
	}
	return false
}

// partOf is the nearest unnumbered, titled clause above c, or nil.
func partOf(c *document.Clause) *document.Clause {
	for p := c.Parent; p != nil; p = p.Parent {
		if p.Number == "" {
			if p.Heading == "" {
				return nil
			}
			return p
		}
	}
	return nil
}
