package rules

import (
	"regexp"
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
// Property is re-rented", or "6.2 Contractor represents and warrants
// that:" before "a. it will perform the Services …"). Read alone, such an
// item has lost its subject or its condition; the rules read it as the
// lead-in and the item together. Units that start no item, or whose list
// has no lead-in, get -1. nil when the document has none.
//
// Items are list items and numbered clauses. A paragraph's lead-in governs
// the list items after it; a numbered clause's, the deeper clauses and the
// list items after it, up to the next clause of its level or above.
func leadIns(doc *document.Document, units []document.Span) []int {
	const (
		fromParagraph = iota
		fromClause
		fromItem
		fromNumbered // a paragraph that opens a numbered clause
	)
	type lead struct {
		unit  int
		from  int
		level int // heading level of a clause, nesting depth of a list item
	}
	var (
		out   []int
		stack []lead
	)
	pop := func(keep func(lead) bool) {
		for len(stack) > 0 && !keep(stack[len(stack)-1]) {
			stack = stack[:len(stack)-1]
		}
	}
	for _, b := range doc.Blocks {
		first := sort.Search(len(units), func(i int) bool { return units[i].Start >= b.Span.Start })
		last := first
		for last < len(units) && units[last].Start < b.Span.End {
			last++
		}
		from, level := fromParagraph, b.Level
		switch {
		case b.Kind == document.ListItem:
			from = fromItem
			pop(func(l lead) bool { return l.from != fromItem || l.level < b.Level })
		case b.Kind == document.Heading && b.Number != "":
			from = fromClause
			pop(func(l lead) bool { return l.from == fromClause && l.level < b.Level })
		case b.Kind == document.Heading:
			stack = stack[:0]
			continue
		default:
			// A paragraph that opens a numbered clause ("12.1 You will not,
			// directly or indirectly:" / "(a) use …" / "(b) disclose …", as
			// plain text and Markdown lay them out) is a clause one level
			// below its parent in the clause tree.
			if c := doc.ClauseAt(b.Span.Start); c != nil && c.Number != "" && c.Start == b.Span.Start {
				from, level = fromNumbered, 10+c.Level
				pop(func(l lead) bool { return (l.from == fromClause || l.from == fromNumbered) && l.level < level })
				break
			}
			pop(func(l lead) bool { return l.from == fromClause })
		}
		if from != fromParagraph && len(stack) > 0 && first < last {
			if out == nil {
				out = make([]int, len(units))
				for i := range out {
					out[i] = -1
				}
			}
			out[first] = stack[len(stack)-1].unit
		}
		if first == last {
			continue
		}
		u := units[last-1]
		text := doc.Text[u.Start:u.End]
		if u.End-u.Start <= maxLeadIn && strings.HasSuffix(strings.TrimRight(text, " \t\n"), ":") &&
			(from != fromNumbered || bindsItems(text)) {
			stack = append(stack, lead{unit: last - 1, from: from, level: level})
		}
	}
	return out
}

// bindsItems reports whether a lead-in binds someone to what its items say
// ("You shall not, directly or indirectly:", "Landlord may:"). Numbered
// paragraphs also introduce definitions ("Net Sales means … less:"),
// conditions ("if:") and schedules ("in the following amounts:"), whose
// words joined to each item make sentences no one wrote.
func bindsItems(leadIn string) bool {
	return operativeVerb.MatchString(leadIn) && !definitionOrCondition.MatchString(leadIn)
}

var (
	operativeVerb         = regexp.MustCompile(`(?i)\b(shall|will|may|must|agrees?|undertakes?|covenants?|warrants?|represents?)\b`)
	definitionOrCondition = regexp.MustCompile(`(?i)\b(means|mean|includes?|if|unless|where|when|in the event)\b[^:]*:\s*$`)
)
