package analyze

import "github.com/termscore/termscore/internal/document"

// markWithin sets Location.Within on the findings whose section number the
// document gives to more than one section: Basecamp's terms number the
// paragraphs of "Account Terms", "Cancellation and Termination" and six
// more parts from 1 again, and "§ 4" alone points at any of them.
func markWithin(doc *document.Document, fs []Finding) {
	uses := map[string]int{}
	doc.Walk(func(c *document.Clause) {
		if c.Path != "" {
			uses[c.Path]++
		}
	})
	for i := range fs {
		l := &fs[i].Location
		if uses[l.Section] < 2 {
			continue
		}
		c := doc.ClauseAt(fs[i].Span.Start)
		for c != nil && c.Path != l.Section {
			c = c.Parent
		}
		for c != nil && (c.Number != "" || c.Heading == "") {
			c = c.Parent
		}
		if c != nil {
			l.Within = c.Heading
		}
	}
}
