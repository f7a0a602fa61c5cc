package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/batch"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/report"
)

func (a *app) batchCommand() *cobra.Command {
	var (
		out     string
		jobs    int
		restart bool
		opt     analyze.Options
	)
	cmd := &cobra.Command{
		Use:   "batch [--jobs N] [--out FILE.jsonl|FILE.csv] PATH...",
		Short: "Scan every contract in folders and globs, in parallel",
		Long: "Scan every supported file (" + strings.Join(batch.Extensions, " ") + ") under each PATH (folders are walked,\n" +
			"globs expanded) on N parallel workers. Writes one JSON report per document as JSON Lines, or a CSV summary\n" +
			"when --out ends in .csv, and prints a summary table. Files that cannot be read are listed with the reason\n" +
			"and recorded in the output; the batch goes on.\n\n" +
			"Resumable: when --out already exists, documents it reports (same content hash) are skipped and new results\n" +
			"are appended; --restart starts over.",
		Example: "  termscore batch --out results.jsonl ../shared/data/cuad/contracts\n  termscore batch --jobs 2 --out summary.csv 'archive/**/*.pdf' leases/",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			files, errs := batch.Expand(args)
			for _, err := range errs {
				a.inputError(err)
			}
			var done map[string]bool
			if out != "" && !restart {
				if done, err = batch.Done(out); err != nil {
					return err
				}
			}
			var w *batch.Output
			if out != "" {
				if w, err = batch.Create(out, !restart); err != nil {
					return err
				}
			}
			var bar *progress
			if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
				_, noColor := os.LookupEnv("NO_COLOR")
				bar = newProgress(a.stderr, len(files), !noColor)
			}
			sum := newBatchSummary()
			start := time.Now()
			var writeErr error
			runErr := batch.Run(cmd.Context(), files, a.extractor(), an,
				batch.Options{Jobs: jobs, Analyze: opt, Done: done}, func(it batch.Item) {
					sum.add(it)
					if w != nil && writeErr == nil {
						writeErr = w.Write(it)
					} else if w == nil && it.Report != nil {
						// Without --out, the reports go to standard output.
						if err := report.JSON(a.stdout, it.Report); err != nil && writeErr == nil {
							writeErr = err
						}
					}
					if bar != nil {
						bar.add(it.Err != nil)
					}
				})
			if bar != nil {
				bar.finish()
			}
			if w != nil {
				if err := w.Close(); err != nil && writeErr == nil {
					writeErr = err
				}
			}
			sum.elapsed = time.Since(start)
			sum.write(a.stderr, out)
			if len(sum.failed) > 0 {
				a.status = exitUsage
			}
			if writeErr != nil {
				return writeErr
			}
			return runErr
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "write results to this file: .jsonl (full reports) or .csv (summary); default: JSON Lines on standard output")
	f.IntVarP(&jobs, "jobs", "j", 0, "parallel workers (default: one per CPU)")
	f.BoolVar(&restart, "restart", false, "ignore an existing --out file and start over")
	f.StringVar(&opt.Role, "role", "", "your role for every document (default: inferred per document)")
	f.StringVar(&opt.Type, "type", "", "document type for every document (default: detected per document)")
	f.StringVar(&opt.Home, "home", "", "your own jurisdiction as an ISO code, e.g. US-CA, GB, DE")
	return cmd
}

// batchSummary tallies a batch for the table printed at the end.
type batchSummary struct {
	scanned, skipped int
	byType           map[string][]float64 // scores per document type
	typeDocs         map[string]int       // documents per type, scored or not
	grades           map[string]int
	sev              map[string]int
	failed           []batch.Item
	elapsed          time.Duration
}

func newBatchSummary() *batchSummary {
	return &batchSummary{byType: map[string][]float64{}, typeDocs: map[string]int{}, grades: map[string]int{}, sev: map[string]int{}}
}

func (s *batchSummary) add(it batch.Item) {
	switch {
	case it.Skipped:
		s.skipped++
	case it.Err != nil:
		s.failed = append(s.failed, it)
	default:
		s.scanned++
		r := it.Report
		s.typeDocs[r.Document.Type]++
		if r.Score != nil {
			s.byType[r.Document.Type] = append(s.byType[r.Document.Type], r.Score.Value)
			s.grades[r.Score.Grade]++
		} else {
			s.grades["none"]++
		}
		for sev, n := range r.Summary.BySev {
			s.sev[sev] += n
		}
	}
}

func (s *batchSummary) write(w io.Writer, out string) {
	rate := 0.0
	if secs := s.elapsed.Seconds(); secs > 0 {
		rate = float64(s.scanned) / secs
	}
	fmt.Fprintf(w, "\nScanned %s in %s (%.0f/s)", report.Count(s.scanned, "document"), s.elapsed.Round(time.Millisecond), rate)
	if s.skipped > 0 {
		fmt.Fprintf(w, ", skipped %d already in %s", s.skipped, out)
	}
	if len(s.failed) > 0 {
		fmt.Fprintf(w, ", %d failed", len(s.failed))
	}
	fmt.Fprintln(w)
	if s.scanned > 0 {
		types := make([]string, 0, len(s.typeDocs))
		for t := range s.typeDocs {
			types = append(types, t)
		}
		slices.SortFunc(types, func(a, b string) int {
			if c := cmp.Compare(s.typeDocs[b], s.typeDocs[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		fmt.Fprintf(w, "\n  %-18s %6s %8s\n", "type", "docs", "median")
		for _, t := range types {
			fmt.Fprintf(w, "  %-18s %6d %8s\n", t, s.typeDocs[t], median(s.byType[t]))
		}
		fmt.Fprintf(w, "\n  grades   ")
		for _, g := range []string{"A", "B", "C", "D", "E", "none"} {
			if n := s.grades[g]; n > 0 {
				fmt.Fprintf(w, " %s %d ", g, n)
			}
		}
		fmt.Fprintf(w, "\n  findings ")
		for _, sev := range []string{"critical", "high", "medium", "low", "info"} {
			fmt.Fprintf(w, " %s %d ", sev, s.sev[sev])
		}
		fmt.Fprintln(w)
	}
	if len(s.failed) > 0 {
		fmt.Fprintf(w, "\nCould not scan:\n")
		for _, it := range s.failed {
			fmt.Fprintf(w, "  %s (%s)\n", it.Err, fault.KindOf(it.Err))
		}
	}
}

func median(xs []float64) string {
	if len(xs) == 0 {
		return "-"
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return fmt.Sprintf("%.1f", m)
}
