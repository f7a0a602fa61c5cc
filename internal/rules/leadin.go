package rules

import (
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/document"
)

// maxLeadIn bounds the lead-in sentence joined to a list item: a longer
// "sentence" is a paragraph the splitter could not cut, not a lead-in.
const maxLeadIn = 600

// leadIns returns, for every unit, the index of the lead-in its list item
// continues: the sentence ending in a colon that introduces the list ("If
// Tenant terminates early:" before "- Tenant shall pay rent until the
// Property is re-rented"). Read alone, such an item has lost its subject
// or its condition; the rules read it as the lead-in and the item
// together. Units that start no list item, or whose list has no lead-in,
// get -1. nil when the document has none.
func leadIns(doc *document.Document, units []document.Span) []int {
	type lead struct {
		unit  int
		level int // nesting depth of the list item it ends; -1 for a paragraph
	}
	var (
		out   []int
		stack []lead
	)
	for _, b := range doc.Blocks {
		first := sort.Search(len(units), func(i int) bool { return units[i].Start >= b.Span.Start })
		last := first
		for last < len(units) && units[last].Start < b.Span.End {
			last++
		}
		if b.Kind != document.ListItem {
			stack = stack[:0]
		} else {
			for len(stack) > 0 && stack[len(stack)-1].level >= b.Level {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 && first < last {
				if out == nil {
					out = make([]int, len(units))
					for i := range out {
						out[i] = -1
					}
				}
				out[first] = stack[len(stack)-1].unit
			}
		}
		if first == last || b.Kind == document.Heading {
			continue
		}
		u := units[last-1]
		if u.End-u.Start <= maxLeadIn && strings.HasSuffix(strings.TrimRight(doc.Text[u.Start:u.End], " \t\n"), ":") {
			level := -1
			if b.Kind == document.ListItem {
				level = b.Level
			}
			stack = append(stack, lead{unit: last - 1, level: level})
		}
	}
	return out
}
