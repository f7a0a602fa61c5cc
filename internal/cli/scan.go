package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/redline"
	"github.com/termscore/termscore/internal/report"
	"github.com/termscore/termscore/internal/rules"
)

var scanFormats = []string{"text", "json", "markdown", "html", "sarif"}

var failLevels = []string{"critical", "high", "medium", "low", "info", "none"}

func (a *app) scanCommand() *cobra.Command {
	var (
		format, failOn string
		negotiate      bool
		opt            analyze.Options
	)
	cmd := &cobra.Command{
		Use:   "scan [flags] FILE...",
		Short: "Find risky clauses and missing protections, and score the contract",
		Long: "Scan each FILE (\"-\" for standard input) for clauses that put you at risk and protections you lack,\n" +
			"explain each, and score the document from 0 to 100 (grade A to E).\n\n" +
			"Exit status: 0 when done and no finding is at or above --fail-on; 1 when one is; 2 on a usage error\n" +
			"or an input that cannot be read (the other files are still scanned).",
		Example: "  termscore scan contract.pdf\n  termscore scan --role contractor --format json agency-msa.docx\n  termscore scan --fail-on high --format sarif *.md > termscore.sarif",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(scanFormats, format) {
				return fmt.Errorf("unknown --format %q: use one of %s", format, strings.Join(scanFormats, ", "))
			}
			if !slices.Contains(failLevels, failOn) {
				return fmt.Errorf("unknown --fail-on %q: use one of %s", failOn, strings.Join(failLevels, ", "))
			}
			if err := opt.Validate(); err != nil {
				return err
			}
			rs, err := a.ruleSet()
			if err != nil {
				return err
			}
			an, err := a.analyzer(cmd, rs)
			if err != nil {
				return err
			}
			ex := a.extractor()
			var reports []*analyze.Report
			for _, name := range args {
				doc, err := a.read(cmd.Context(), ex, name)
				if err != nil {
					a.inputError(err)
					continue
				}
				r, err := an.Analyze(doc, opt)
				if err != nil {
					a.inputError(fmt.Errorf("%s: %w", name, err))
					continue
				}
				reports = append(reports, r)
				if format == "text" || format == "json" {
					// Stream: each document is printed as soon as it is scanned.
					if err := a.render(a.stdout, format, []*analyze.Report{r}, len(reports) > 1, negotiate); err != nil {
						return err
					}
				}
				if failOn != "none" && reachesLevel(r, failOn) && a.status == exitOK {
					a.status = exitFinding
				}
			}
			if format != "text" && format != "json" && len(reports) > 0 {
				return a.render(a.stdout, format, reports, false, negotiate)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "text", "output format: "+strings.Join(scanFormats, ", "))
	f.StringVar(&opt.Role, "role", "", "your role, e.g. contractor, tenant, employee, consumer, recipient (default: inferred from the document type)")
	f.StringVar(&opt.Type, "type", "", "document type: services, freelance, nda, employment, lease, terms-of-service, license, other (default: detected)")
	f.StringVar(&opt.Home, "home", "", "your own jurisdiction as an ISO code, e.g. US-CA, GB, DE (flags governing law elsewhere)")
	f.BoolVar(&negotiate, "negotiate", false, "with --format markdown or html: add an email asking for the changes")
	f.StringVar(&failOn, "fail-on", "none", "exit with status 1 when a finding is at or above this severity: "+strings.Join(failLevels, ", "))
	return cmd
}

// reachesLevel reports whether r has a finding at or above severity level.
func reachesLevel(r *analyze.Report, level string) bool {
	limit := rules.SeverityRank(level)
	for _, f := range r.Findings {
		if rules.SeverityRank(f.Severity) <= limit {
			return true
		}
	}
	return false
}

func (a *app) render(w io.Writer, format string, rs []*analyze.Report, separate, negotiate bool) error {
	switch format {
	case "json":
		for _, r := range rs {
			if err := report.JSON(w, r); err != nil {
				return err
			}
		}
		return nil
	case "text":
		for _, r := range rs {
			if separate {
				fmt.Fprintln(w)
			}
			if err := report.Text(w, r, a.textOptions(w)); err != nil {
				return err
			}
		}
		return nil
	case "markdown":
		return report.Markdown(w, rs, report.MarkdownOptions{Negotiate: negotiate, Negotiation: redline.Negotiation})
	case "html":
		// One page for all the documents, each in its own part.
		opt := report.HTMLOptions{}
		if negotiate {
			opt.Negotiation = redline.Negotiation
		}
		return report.HTMLReports(w, rs, opt)
	case "sarif":
		rules, err := a.ruleSet()
		if err != nil {
			return err
		}
		return report.SARIF(w, rs, rules)
	}
	return fmt.Errorf("--format %s is not available yet", format)
}

// textOptions colour output only on a terminal, and never with NO_COLOR.
func (a *app) textOptions(w io.Writer) report.TextOptions {
	opt := report.TextOptions{Width: 100}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return opt
	}
	if _, noColor := os.LookupEnv("NO_COLOR"); !noColor {
		opt.Color = true
	}
	if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 40 {
		opt.Width = min(width, 120)
	}
	return opt
}

// collectLess has the garbage collector run when the heap has grown by
// 400% rather than the default 100%, unless GOGC says otherwise, and
// returns the function that puts the default back. Start-up (loading the
// rule packs, building their first pass) makes some 30 MB of short-lived
// garbage in a heap that starts at 4 MB: collected at the default
// growth, that was a third of the CPU time of a one-file scan. The
// default, not the percent found, is put back: serve starts two
// analyzers, whose restores may run in either order.
func collectLess() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	debug.SetGCPercent(400)
	return func() { debug.SetGCPercent(100) }
}

// ruleSet returns the embedded rule packs, with the packs of --rules DIR
// added (a rule there with an embedded rule's id replaces it).
func (a *app) ruleSet() (*rules.Set, error) {
	defer collectLess()()
	rs, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	if a.rulesDir == "" {
		return rs, nil
	}
	user, err := rules.LoadDir(a.rulesDir)
	if err != nil {
		return nil, err
	}
	return rs.Merge(user)
}
