package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/rules"
)

func (a *app) rulesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules list | test [DIR] | explain ID",
		Short: "List, test and explain the rules TermScore checks",
		Long: "The rules are YAML packs built into termscore, plus any packs in --rules DIR.\n" +
			"See docs/rules.md for the pack format and how to write your own.",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List every rule: id, kind, severity, pack and title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := a.ruleSet()
			if err != nil {
				return err
			}
			return writeRuleList(a.stdout, set.Rules())
		},
	}, &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run every rule's examples (of the packs in DIR, or of the built-in and --rules packs)",
		Long: "Run the positive and negative examples of every rule. With DIR, only the packs in DIR\n" +
			"are loaded and tested. The exit status is 1 when an example fails.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var set *rules.Set
			var err error
			if len(args) == 1 {
				set, err = rules.LoadDir(args[0])
			} else {
				set, err = a.ruleSet()
			}
			if err != nil {
				return err
			}
			fails := set.Test()
			for _, f := range fails {
				fmt.Fprintln(a.stdout, "FAIL", f.Error())
			}
			n := 0
			for _, r := range set.Rules() {
				n += len(r.Examples.Positive) + len(r.Examples.Negative)
			}
			if len(fails) > 0 {
				fmt.Fprintf(a.stdout, "%d of %d examples failed (%d rules)\n", len(fails), n, len(set.Rules()))
				a.status = exitFinding
				return nil
			}
			_, err = fmt.Fprintf(a.stdout, "ok: %d examples of %d rules\n", n, len(set.Rules()))
			return err
		},
	}, &cobra.Command{
		Use:   "explain ID",
		Short: "Show everything about one rule",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			set, err := a.ruleSet()
			if err != nil {
				return err
			}
			r := set.Lookup(args[0])
			if r == nil {
				return fmt.Errorf("no rule %q; `termscore rules list` shows every rule", args[0])
			}
			return writeRuleExplain(a.stdout, r)
		},
	})
	return cmd
}

func writeRuleList(w io.Writer, rs []*rules.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSEVERITY\tPACK\tTITLE")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Kind, r.Severity, r.Pack, r.Title)
	}
	return tw.Flush()
}

func writeRuleExplain(w io.Writer, r *rules.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Title)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%-13s %s\n", name+":", value)
		}
	}
	field("pack", r.Pack)
	field("kind", r.Kind)
	sev := r.Severity
	for _, role := range slices.Sorted(maps.Keys(r.SeverityByRole)) {
		sev += fmt.Sprintf(", %s for %s", r.SeverityByRole[role], role)
	}
	for _, use := range slices.Sorted(maps.Keys(r.SeverityByLeaseUse)) {
		sev += fmt.Sprintf(", %s on %s leases", r.SeverityByLeaseUse[use], use)
	}
	field("severity", sev)
	field("risk to", strings.Join(r.RiskTo, ", "))
	types := "all"
	if len(r.DocTypes) > 0 {
		types = strings.Join(r.DocTypes, ", ")
	}
	field("documents", types)
	if r.LeaseUse != "" {
		field("lease use", r.LeaseUse+" leases only")
	}
	field("UNFAIR-ToS", strings.Join(r.MapsTo.UnfairTOS, ", "))
	field("CUAD", strings.Join(r.MapsTo.CUAD, "; "))
	field("defined at", r.Source)
	section := func(title, text string) {
		if strings.TrimSpace(text) != "" {
			fmt.Fprintf(&b, "\n%s\n  %s\n", title, strings.TrimSpace(text))
		}
	}
	section("Why it matters", r.Why)
	section("What to ask for", r.Ask)
	if r.Suggestion.Action != "" {
		section("Suggested wording ("+r.Suggestion.Action+")", r.Suggestion.Text)
		section("Fallback position", r.Suggestion.Fallback)
	}
	for _, use := range slices.Sorted(maps.Keys(r.WhyByLeaseUse)) {
		section("Why it matters on a "+use+" lease", r.WhyByLeaseUse[use])
	}
	for _, home := range slices.Sorted(maps.Keys(r.LawByHome)) {
		section("With --home "+home, r.LawByHome[home])
	}
	for _, use := range slices.Sorted(maps.Keys(r.AskByLeaseUse)) {
		section("What to ask for on a "+use+" lease", r.AskByLeaseUse[use])
	}
	for _, use := range slices.Sorted(maps.Keys(r.SuggestionByLeaseUse)) {
		sg := r.SuggestionByLeaseUse[use]
		section("Suggested wording on a "+use+" lease ("+sg.Action+")", sg.Text)
		section("Fallback position on a "+use+" lease", sg.Fallback)
	}
	for _, role := range slices.Sorted(maps.Keys(r.AskByRole)) {
		section("What a "+role+" asks for", r.AskByRole[role])
	}
	for _, role := range slices.Sorted(maps.Keys(r.SuggestionByRole)) {
		sg := r.SuggestionByRole[role]
		section("Suggested wording for a "+role+" ("+sg.Action+")", sg.Text)
		section("Fallback position for a "+role, sg.Fallback)
	}
	detect := func(title string, d *rules.Detect) {
		if d == nil {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for _, l := range detectLines(d) {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	detect("Detection", r.Detect)
	if m := r.Mitigation; m != nil {
		detect("Lowered to "+m.Severity+" when the document also has", m.Detect)
		fmt.Fprintf(&b, "  %-9s %s\n", "why", strings.TrimSpace(m.Why))
	}
	detect("Applies when the document has", r.Precondition)
	detect("Fires when the document lacks", r.Protection)
	if r.Placement != nil && len(r.Placement.Headings) > 0 {
		fmt.Fprintf(&b, "\nInsert in the first section whose heading matches\n")
		for _, h := range r.Placement.Headings {
			fmt.Fprintf(&b, "  %s\n", h)
		}
		b.WriteString("  (else the section where it applies, else the end of the document)\n")
	}
	examples := func(title string, xs []string) {
		if len(xs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for _, x := range xs {
			fmt.Fprintf(&b, "  - %s\n", strings.ReplaceAll(strings.TrimSpace(x), "\n", "\n    "))
		}
	}
	examples("Fires on", r.Examples.Positive)
	examples("Does not fire on", r.Examples.Negative)
	_, err := io.WriteString(w, b.String())
	return err
}

// detectLines says a detection one test a line, each named as the rule's
// YAML names it ("despite", "sides unless"), so that a reader can see why
// a rule did not fire on a sentence: every test that is set, and only those.
func detectLines(d *rules.Detect) []string {
	type line struct{ name, value string }
	var ls []line
	list := func(name string, xs []string) {
		for _, x := range xs {
			ls = append(ls, line{name, x})
		}
	}
	list("anchor", d.Anchors)
	list("pattern", d.Patterns)
	list("require", d.Require)
	list("unless", d.Unless)
	list("despite", d.Despite)
	for _, n := range d.Near {
		ls = append(ls, line{"near", fmt.Sprintf("%s within %d words of %s", n.A, n.Within, n.B)})
	}
	if c := d.Clause; c != nil {
		list("clause require", c.Require)
		list("clause unless", c.Unless)
	}
	if sd := d.Sides; sd != nil {
		list("sides require", sd.Require)
		list("sides unless", sd.Unless)
		list("sides despite", sd.Despite)
		list("sides clause_unless", sd.ClauseUnless)
	}
	switch d.Actor {
	case "":
	case "own":
		ls = append(ls, line{"actor", "own (not reported where it binds the other side only)"})
	case "other":
		ls = append(ls, line{"actor", "other (not reported where the reviewer's own side, or both, act)"})
	default:
		ls = append(ls, line{"actor", d.Actor})
	}
	if d.Scope != "" {
		ls = append(ls, line{"scope", d.Scope})
	}
	if d.SkipNegated {
		ls = append(ls, line{"negation", "ignored when negated (\"shall not …\")"})
	}
	width := len("negation") + 1 // as before these tests were shown
	for _, l := range ls {
		width = max(width, len(l.name))
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = fmt.Sprintf("%-*s %s", width, l.name, l.value)
	}
	return out
}
