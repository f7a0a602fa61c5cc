package redline

import (
	"regexp"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
)

// TestPlanSaysEachThingOnce plans the Common Paper contractor agreement
// for the contractor: three rules (work made for hire, broad assignment,
// ownership before payment) each propose "upon receipt of full payment
// … assigns", and one rule proposes the same indemnity for 2.2 and 7.1.
// Accepting every change must leave each promise once.
func TestPlanSaysEachThingOnce(t *testing.T) {
	r := analyzeFile(t, "ica.docx", "contractor")
	edits, skipped := Plan(r, nil)
	accepted := apply(r.Doc, edits, nil)
	for _, c := range []struct {
		re   string
		want int
	}{
		{`(?i)receipt of full payment`, 1},
		{`(?i)Nothing in this Agreement makes the Work Product a work made for hire`, 1},
		{`(?i)shall indemnify the Company against third-party claims`, 1},
	} {
		if got := len(regexp.MustCompile(c.re).FindAllString(accepted, -1)); got != c.want {
			t.Errorf("%q appears %d times in the accepted text, want %d", c.re, got, c.want)
		}
	}
	covered := map[string]string{}
	for _, s := range skipped {
		if s.CoveredBy != "" {
			covered[s.Rule] = s.CoveredBy
			if !strings.Contains(s.Reason, s.CoveredBy) {
				t.Errorf("%s: the reason %q does not name %s", s.Rule, s.Reason, s.CoveredBy)
			}
		}
	}
	if covered["ip.transfer-before-payment"] != "ip.assignment-broad" {
		t.Errorf("ip.transfer-before-payment covered by %q, want ip.assignment-broad (its sentence holds the payment condition and more)", covered["ip.transfer-before-payment"])
	}
	// The indemnity wording goes to 7.1, the general indemnity it fits,
	// not to 2.2's tax indemnity.
	for _, e := range edits {
		if e.Rule == "liab.indemnity-broad" && e.Comment != "" && !strings.Contains(r.Doc.Slice(e.Span), "based on") {
			t.Errorf("the indemnity wording replaces %q, not 7.1", r.Doc.Slice(e.Span))
		}
	}
}

func TestDedupePrecedence(t *testing.T) {
	doc := &document.Document{Text: "Contractor will indemnify Company for withholding taxes. Contractor will indemnify Company against all claims of any kind."}
	prop := func(rule, sev string, insert bool, target, text string) *proposal {
		i := strings.Index(doc.Text, target)
		return &proposal{f: analyze.Finding{Rule: rule, Severity: sev}, insert: insert, target: document.Span{Start: i, End: i + len(target)}, text: text}
	}
	const assign = "Upon the Contractor's receipt of full payment, the Contractor assigns to the Company all right, title and interest in the final version of the Work Product."
	for _, tc := range []struct {
		name string
		ps   []*proposal
		want []string // each proposal's text after dedupe; "-" when dropped
	}{{
		name: "the longer sentence holds the shorter's promise and stays, whatever the severity",
		ps: []*proposal{
			prop("ip.transfer-before-payment", "critical", true, "", "Ownership of the Work Product passes to the Company only upon the Contractor's receipt of full payment. Until then, the Company may use the Work Product only to evaluate it."),
			prop("ip.assignment-broad", "medium", false, "Contractor will indemnify Company for withholding taxes.", assign),
		},
		want: []string{"-", assign},
	}, {
		name: "a sentence of its own survives its repeated neighbour",
		ps: []*proposal{
			prop("ip.work-made-for-hire", "medium", false, "Contractor will indemnify Company for withholding taxes.", "Upon receipt of full payment, the Contractor assigns to the Company its copyright in the Work Product. Nothing in this Agreement makes the Work Product a work made for hire."),
			prop("ip.assignment-broad", "high", true, "", assign),
		},
		want: []string{"Nothing in this Agreement makes the Work Product a work made for hire.", assign},
	}, {
		name: "one rule's wording for two clauses stays with the clause it fits",
		ps: []*proposal{
			prop("liab.indemnity-broad", "high", false, "Contractor will indemnify Company for withholding taxes.", "The Contractor shall indemnify the Company against third-party claims caused by its breach."),
			prop("liab.indemnity-broad", "high", false, "Contractor will indemnify Company against all claims of any kind.", "The Contractor shall indemnify the Company against third-party claims caused by its breach."),
		},
		want: []string{"-", "The Contractor shall indemnify the Company against third-party claims caused by its breach."},
	}, {
		name: "equal sentences: the more severe finding keeps it",
		ps: []*proposal{
			prop("a.low", "low", true, "", assign),
			prop("b.high", "high", true, "", assign),
		},
		want: []string{"-", assign},
	}, {
		name: "short sentences share words by chance and never count",
		ps: []*proposal{
			prop("ip.purpose-limitation-missing", "medium", true, "", "Any other use requires the Contractor's prior written consent."),
			prop("ip.name-likeness", "medium", true, "", "The Company may use the Contractor's name only with the Contractor's prior written consent."),
		},
		want: []string{"Any other use requires the Contractor's prior written consent.", "The Company may use the Contractor's name only with the Contractor's prior written consent."},
	}} {
		skipped := dedupe(doc, tc.ps)
		var got []string
		drops := 0
		for _, p := range tc.ps {
			if p.dropped {
				got = append(got, "-")
				drops++
				continue
			}
			got = append(got, p.text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
		if len(skipped) != drops {
			t.Errorf("%s: %d proposals dropped, %d reported skipped", tc.name, drops, len(skipped))
		}
	}
}

// TestRepeatFreesItsWords plans the Common Paper CSA for the customer:
// liab.uncapped proposes one wording for 8.1, 8.2 and 8.4 and keeps it at
// 8.4, the exceptions it fits. The copies it drops must not keep 8.1 from
// liab.limitation-of-liability, whose cap wording would otherwise land on
// the first sentence it matched, 1.1 on affiliates' order forms.
func TestRepeatFreesItsWords(t *testing.T) {
	r := analyzeFile(t, "CSA.md", "client")
	edits, skipped := Plan(r, nil)
	var cap []string
	for _, e := range edits {
		if e.Rule == "liab.limitation-of-liability" && e.Comment != "" {
			cap = append(cap, r.Doc.Slice(e.Span))
		}
	}
	if len(cap) != 1 || !strings.Contains(cap[0], "total cumulative liability") {
		t.Errorf("the cap wording replaces %q, want the cap of 8.1 only", cap)
	}
	for _, s := range skipped {
		if strings.Contains(s.Reason, "overlap the change already made for liab.uncapped") {
			t.Errorf("%s refused for overlapping a liab.uncapped change that is not made: %s", s.Rule, s.Reason)
		}
	}
}

// TestHeldBeside: a rewrite leaves out what its paragraph already says
// beside it, in other words too, unless another change rewrites that.
func TestHeldBeside(t *testing.T) {
	const (
		wmfh   = "Nothing in this Agreement makes the Work Product a work made for hire."
		owns   = "Upon the Contractor's receipt of full payment, the Contractor assigns to the Company all right, title and interest in the Work Product."
		again  = "Upon receipt of full payment, the Contractor assigns to the Company its copyright in the Work Product."
		review = "The Company shall review each deliverable within ten (10) days of its delivery and say what it lacks."
	)
	text := wmfh + " " + owns
	doc := &document.Document{Text: text, Blocks: []document.Block{{Span: document.Span{Start: 0, End: len(text)}}}}
	span := func(s string) document.Span {
		i := strings.Index(text, s)
		return document.Span{Start: i, End: i + len(s)}
	}
	for _, c := range []struct {
		name       string
		text       string
		others     []*proposal
		rest, held string
	}{
		{"said beside in other words", again + " " + wmfh, nil, wmfh, owns},
		{"the sentence beside is rewritten", again + " " + wmfh, []*proposal{{target: span(owns), text: review}}, again + " " + wmfh, ""},
		{"nothing of it beside", review + " " + wmfh, nil, review + " " + wmfh, ""},
		// Its own sentence, the rewrite of the words it changes, stays.
		{"all of it beside", again, nil, again, ""},
	} {
		p := &proposal{target: span(wmfh), text: c.text}
		rest, held := heldBeside(doc, p, append([]*proposal{p}, c.others...))
		if rest != c.rest || held != c.held {
			t.Errorf("%s: (%q, %q), want (%q, %q)", c.name, rest, held, c.rest, c.held)
		}
	}
}
