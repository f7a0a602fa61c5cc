package rules

import (
	"fmt"
	"strings"

	"github.com/termscore/termscore/internal/document"
)

// ExampleFailure is an example a rule got wrong.
type ExampleFailure struct {
	Rule     *Rule
	Positive bool   // the rule should have fired and did not
	Index    int    // index in Examples.Positive or Examples.Negative
	Text     string // the example
	Hits     []Hit  // for a negative example, what fired
}

func (f ExampleFailure) Error() string {
	if f.Positive {
		return fmt.Sprintf("%s (%s): positive example %d did not fire: %q", f.Rule.ID, f.Rule.Source, f.Index+1, f.Text)
	}
	var got []string
	for _, h := range f.Hits {
		got = append(got, fmt.Sprintf("%q", h.quote(f.Text)))
	}
	return fmt.Sprintf("%s (%s): negative example %d fired on %s: %q", f.Rule.ID, f.Rule.Source, f.Index+1,
		strings.Join(got, ", "), f.Text)
}

// quote is the matched words of a hit in the text it was found in.
func (h Hit) quote(text string) string {
	if h.Match.End > h.Match.Start && h.Match.End <= len(text) {
		return text[h.Match.Start:h.Match.End]
	}
	return "(the protection is missing)"
}

// Test runs every example of every rule, each rule alone, and returns
// the examples it got wrong.
func (s *Set) Test() []ExampleFailure {
	var out []ExampleFailure
	for _, r := range s.rules {
		out = append(out, s.TestRule(r)...)
	}
	return out
}

// TestRule runs the examples of one rule of s. A rule with Sides tests
// runs them as the review of its first role whose sides the engine names
// (exampleRole): without a role its Sides.Require never holds.
func (s *Set) TestRule(r *Rule) []ExampleFailure {
	var out []ExampleFailure
	for i, ex := range r.Examples.Positive {
		doc := ExampleDocument(ex)
		if len(s.matchRule(doc, r)) == 0 {
			out = append(out, ExampleFailure{Rule: r, Positive: true, Index: i, Text: ex})
		}
	}
	for i, ex := range r.Examples.Negative {
		doc := ExampleDocument(ex)
		if hits := s.matchRule(doc, r); len(hits) > 0 {
			out = append(out, ExampleFailure{Rule: r, Index: i, Text: doc.Text, Hits: hits})
		}
	}
	return out
}

// exampleRole is the role whose review a rule's examples are run as: for
// a rule with Sides tests, the first of its RiskTo whose sides the engine
// names ("client" for liab.limitation-of-liability, whose RiskTo starts
// with "consumer"); otherwise none.
func (r *Rule) exampleRole() string {
	if d := r.det; d == nil || d.sideRequire == nil && d.sideUnless == nil && d.sideClauseUnless == nil {
		return ""
	}
	for _, role := range r.RiskTo {
		if role == "all" {
			return "client"
		}
		// A consumer's side goes by a few words ("Customer", "Member"),
		// not a business's ("Distributor", "Licensee") that most examples
		// use: its review is not the one they are written for.
		if role != "consumer" && ownSide[role] != nil {
			return role
		}
	}
	return ""
}

// ExampleDocument builds a document from an example's text: blank lines
// separate paragraphs, a line starting with "#" is a heading and one
// starting with "- " a list item (two more spaces before the dash for each
// level of nesting).
func ExampleDocument(text string) *document.Document {
	b := document.NewBuilder("example", document.Text)
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if h, ok := strings.CutPrefix(strings.TrimSpace(para), "#"); ok {
			level := 1
			for strings.HasPrefix(h, "#") {
				h, level = h[1:], level+1
			}
			b.Add(document.Block{Kind: document.Heading, Level: level}, h)
			continue
		}
		if item, ok := strings.CutPrefix(strings.TrimLeft(para, " "), "- "); ok {
			level := (len(para) - len(strings.TrimLeft(para, " "))) / 2
			b.Add(document.Block{Kind: document.ListItem, Level: level}, item)
			continue
		}
		b.Add(document.Block{Kind: document.Paragraph}, para)
	}
	return b.Document()
}
