package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/batch"
	"github.com/termscore/termscore/internal/doctype"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/market"
	"github.com/termscore/termscore/internal/rules"
)

// addMarketFlag adds the persistent --market flag. Commands read it with
// marketStats, so the app needs no field for it.
func addMarketFlag(root *cobra.Command) {
	root.PersistentFlags().String("market", "", `market statistics to compare with (from "termscore market build"); "none" for no comparison (default: the embedded corpus)`)
}

// marketStats returns the statistics named by --market: the embedded
// default, a file, or nil for "none".
func marketStats(cmd *cobra.Command) (*market.Stats, error) {
	path, _ := cmd.Flags().GetString("market")
	switch path {
	case "":
		return market.Default()
	case "none":
		return nil, nil
	}
	return market.Load(path)
}

// analyzer returns the analyzer of scan and batch: rules rs, compared
// with the --market statistics.
func (a *app) analyzer(cmd *cobra.Command, rs *rules.Set) (*analyze.Analyzer, error) {
	// The rules' first pass is built while the market statistics, the
	// models and the first document are read.
	restore := collectLess()
	go func() {
		rs.Prepare()
		restore()
	}()
	st, err := marketStats(cmd)
	if err != nil {
		return nil, err
	}
	return analyze.New(rs).WithMarket(st).WithModels(a.models()), nil
}

func (a *app) marketCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "market",
		Short: "Build or show market standards learned from a corpus of contracts",
		Long: "Market statistics say, per document type, how often each rule fires, how often each CUAD clause\n" +
			"category is present, and how numeric terms (payment days, notice periods, caps, ...) are distributed.\n" +
			"Every report compares its document with them; see docs/market.md.",
	}
	cmd.AddCommand(a.marketBuildCommand(), a.marketShowCommand())
	return cmd
}

func (a *app) marketBuildCommand() *cobra.Command {
	var (
		out, name, builtAt, labelsPath string
		jobs                           int
	)
	cmd := &cobra.Command{
		Use:   "build CORPUS... -o stats.json",
		Short: "Scan a corpus and write its market statistics",
		Long: "Scan every supported file under each CORPUS (a folder, file or glob) and write the statistics as JSON.\n" +
			"A .txt file beside a file of the same name in another format is taken as a rendering of it and skipped.\n" +
			"Documents that are not contracts are not counted. CUAD expert labels are used for clause categories\n" +
			"when a documents.jsonl is found next to a corpus folder or given with --labels.\n\n" +
			"The output is reproducible: keys are sorted and built_at is --built-at, or else the newest\n" +
			"modification time among the inputs.",
		Example: "  termscore market build ../shared/data/cuad/contracts ../shared/data/templates -o internal/market/default.json\n" +
			"  termscore market build --name acme-archive contracts/ -o acme.json && termscore scan --market acme.json draft.pdf",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("give the output file with -o stats.json")
			}
			var at time.Time
			if builtAt != "" {
				t, err := time.Parse(time.RFC3339, builtAt)
				if err != nil {
					return fmt.Errorf("--built-at %q: use RFC 3339, e.g. 2024-05-01T00:00:00Z", builtAt)
				}
				at = t
			}
			var given market.Labels
			if labelsPath != "" {
				var err error
				if given, err = market.LoadCUADLabels(labelsPath); err != nil {
					return err
				}
			}
			rs, err := a.ruleSet()
			if err != nil {
				return err
			}
			// Expand each corpus on its own, to count its documents and
			// record its licence.
			type corpus struct {
				market.Corpus
				labels market.Labels
			}
			var corpora []*corpus
			var files []string
			from := map[string]*corpus{}
			for _, arg := range args {
				fs, errs := batch.Expand([]string{arg})
				for _, err := range errs {
					a.inputError(err)
				}
				fs = dropRenderings(fs)
				c := &corpus{Corpus: market.Corpus{Name: corpusName(arg), Path: arg, Licence: licenceOf(arg)}, labels: given}
				if c.labels == nil {
					if p := findLabels(arg); p != "" {
						if c.labels, err = market.LoadCUADLabels(p); err != nil {
							return err
						}
					}
				}
				if c.labels != nil {
					c.Labels = "CUAD expert labels"
					if labelsPath == "" {
						c.Licence = market.CUADLicence
					}
				}
				for _, f := range fs {
					if from[f] == nil {
						from[f] = c
						files = append(files, f)
					}
					if builtAt == "" {
						if st, err := os.Stat(f); err == nil && st.ModTime().After(at) {
							at = st.ModTime()
						}
					}
				}
				corpora = append(corpora, c)
			}
			if len(files) == 0 {
				return fault.New(fault.NotFound, "no documents to build statistics from")
			}
			var bar *progress
			if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
				_, noColor := os.LookupEnv("NO_COLOR")
				bar = newProgress(a.stderr, len(files), !noColor)
			}
			var samples []market.Sample
			failed, notContracts := 0, 0
			// The same analysis as scan (rules and models), without a comparison.
			runErr := batch.Run(cmd.Context(), files, a.extractor(), analyze.New(rs).WithModels(a.models()), batch.Options{Jobs: jobs}, func(it batch.Item) {
				if bar != nil {
					bar.add(it.Err != nil)
				}
				if it.Err != nil {
					failed++
					a.inputError(it.Err)
					return
				}
				if it.Report == nil || it.Report.Score == nil {
					notContracts++
					return
				}
				c := from[it.Path]
				c.Documents++
				samples = append(samples, sampleOf(it.Path, it.Report, rs, c.labels))
			})
			if bar != nil {
				bar.finish()
			}
			if runErr != nil {
				return runErr
			}
			slices.SortFunc(samples, func(x, y market.Sample) int { return strings.Compare(x.Name, y.Name) })
			if name == "" {
				name = strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
			}
			prov := market.Provenance{
				Name:    name,
				Failed:  failed,
				BuiltAt: at.UTC().Format(time.RFC3339),
				Version: version(),
				Command: buildCommandLine(args, out, name, builtAt, labelsPath),
			}
			for _, c := range corpora {
				prov.Corpora = append(prov.Corpora, c.Corpus)
			}
			st := market.Build(samples, prov)
			data, err := st.Marshal()
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, data); err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "Wrote %s: %d contracts", out, len(samples))
			if notContracts > 0 {
				fmt.Fprintf(a.stderr, ", %d documents that are not contracts left out", notContracts)
			}
			if failed > 0 {
				fmt.Fprintf(a.stderr, ", %d failed", failed)
			}
			fmt.Fprintln(a.stderr)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "out", "o", "", "write the statistics to this JSON file")
	f.IntVarP(&jobs, "jobs", "j", 0, "parallel workers (default: one per CPU)")
	f.StringVar(&name, "name", "", "name of the statistics, shown in reports (default: the output file's name)")
	f.StringVar(&builtAt, "built-at", "", "build date to record, RFC 3339 (default: newest input file's modification time)")
	f.StringVar(&labelsPath, "labels", "", "CUAD-style documents.jsonl with expert clause labels (default: found next to a corpus folder)")
	return cmd
}

// sampleOf reduces a report to what the statistics need.
func sampleOf(path string, r *analyze.Report, rs *rules.Set, labels market.Labels) market.Sample {
	s := market.Sample{Name: path, Type: r.Document.Type, Terms: r.KeyTerms, Kinds: map[string]string{}}
	for _, rule := range rs.Rules() {
		// A lease's rules for the other use (a home's deposit deadline on
		// a shop's lease) could not have fired: they do not count.
		if rule.AppliesIn(rules.MatchOptions{DocType: r.Document.Type, Role: r.Role, LeaseUse: r.Document.LeaseUse}) {
			s.Applicable = append(s.Applicable, rule.ID)
			s.Kinds[rule.ID] = rule.Kind
		}
	}
	for _, f := range r.Findings {
		s.Flagged = append(s.Flagged, f.Rule)
		s.Kinds[f.Rule] = f.Kind
	}
	if labels != nil {
		s.Categories = labels[filepath.Base(path)]
	}
	return s
}

// dropRenderings removes a .txt file that sits beside a file with the same
// name in another supported format: the shared templates keep a text
// rendering of each DOCX, and one contract must count once.
func dropRenderings(files []string) []string {
	stems := map[string]bool{}
	for _, f := range files {
		if !strings.EqualFold(filepath.Ext(f), ".txt") {
			stems[strings.TrimSuffix(f, filepath.Ext(f))] = true
		}
	}
	return slices.DeleteFunc(slices.Clone(files), func(f string) bool {
		return strings.EqualFold(filepath.Ext(f), ".txt") && stems[strings.TrimSuffix(f, filepath.Ext(f))]
	})
}

// corpusName names a corpus after its folder: "cuad/contracts" for
// ../shared/data/cuad/contracts, "templates" for ../shared/data/templates.
func corpusName(arg string) string {
	p := filepath.Clean(arg)
	base := filepath.Base(p)
	if base == "contracts" || base == "." {
		return filepath.Join(filepath.Base(filepath.Dir(p)), base)
	}
	return base
}

// findLabels looks for CUAD's documents.jsonl in a corpus folder or its parent.
func findLabels(arg string) string {
	for _, p := range []string{filepath.Join(arg, "documents.jsonl"), filepath.Join(filepath.Dir(filepath.Clean(arg)), "documents.jsonl")} {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// licenceOf reads the licences of a corpus folder from its manifest.csv
// (a "license" or "licence" column), as the shared templates have it.
func licenceOf(arg string) string {
	f, err := os.Open(filepath.Join(arg, "manifest.csv"))
	if err != nil {
		return "not recorded"
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		return "not recorded"
	}
	col := slices.IndexFunc(rows[0], func(h string) bool { return h == "license" || h == "licence" })
	if col < 0 {
		return "not recorded"
	}
	var ls []string
	for _, r := range rows[1:] {
		if col < len(r) && !slices.Contains(ls, r[col]) {
			ls = append(ls, r[col])
		}
	}
	slices.Sort(ls)
	return "per file (manifest.csv): " + strings.Join(ls, "; ")
}

func buildCommandLine(args []string, out, name, builtAt, labels string) string {
	parts := []string{"termscore", "market", "build", "--name", name}
	if builtAt != "" {
		parts = append(parts, "--built-at", builtAt)
	}
	if labels != "" {
		parts = append(parts, "--labels", labels)
	}
	parts = append(parts, args...)
	return strings.Join(append(parts, "-o", out), " ")
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it, so that an interrupted build never leaves half a statistics file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".market-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file private; statistics are meant to be shared.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (a *app) marketShowCommand() *cobra.Command {
	var typ string
	cmd := &cobra.Command{
		Use:   "show [stats.json]",
		Short: "Print a summary of market statistics (default: the embedded corpus)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var st *market.Stats
			var err error
			if len(args) == 1 {
				st, err = market.Load(args[0])
			} else {
				st, err = market.Default()
			}
			if err != nil {
				return err
			}
			return showMarket(a.stdout, st, typ)
		},
	}
	cmd.Flags().StringVar(&typ, "type", "", "also list rule and CUAD category frequencies for this type (\"all\" for every document)")
	return cmd
}

func showMarket(w io.Writer, st *market.Stats, typ string) error {
	p := st.Provenance
	fmt.Fprintf(w, "Market statistics %q: %d contracts, built %s by termscore %s\n", p.Name, p.Documents, p.BuiltAt, p.Version)
	for _, c := range p.Corpora {
		fmt.Fprintf(w, "  %-16s %4d  %s  (%s)\n", c.Name, c.Documents, c.Path, c.Licence)
	}
	fmt.Fprintf(w, "  command: %s\n\n", p.Command)

	groups := []string{"all"}
	for _, t := range doctype.Types() {
		if st.Types[t] != nil {
			groups = append(groups, t)
		}
	}
	for t := range st.Types {
		if !slices.Contains(groups, t) {
			groups = append(groups, t)
		}
	}
	fmt.Fprintln(w, "Medians (n) per document type:")
	fmt.Fprintf(w, "  %-28s", "term")
	for _, g := range groups {
		fmt.Fprintf(w, " %16s", fmt.Sprintf("%s %d", g, st.Group(g).Documents))
	}
	fmt.Fprintln(w)
	for _, name := range market.TermNames() {
		fmt.Fprintf(w, "  %-28s", name)
		for _, g := range groups {
			cell := "-"
			if d := st.Group(g).Terms[name]; d != nil {
				cell = fmt.Sprintf("%s (%d)", fmtNum(d.Quantiles.P50), d.N)
			}
			fmt.Fprintf(w, " %16s", cell)
		}
		fmt.Fprintln(w)
	}
	if typ == "" {
		return nil
	}
	g := st.Group(typ)
	if g == nil {
		return fault.New(fault.Invalid, "no documents of type %q in these statistics", typ)
	}
	fmt.Fprintf(w, "\nRules in %s (%d documents): documents flagged of those the rule applies to\n", typ, g.Documents)
	ids := make([]string, 0, len(g.Rules))
	for id := range g.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		f := g.Rules[id]
		fmt.Fprintf(w, "  %-40s %-8s %4d / %-4d %5.1f%%\n", id, f.Kind, f.Flagged, f.N, 100*f.Share())
	}
	if len(g.Categories) > 0 {
		fmt.Fprintf(w, "\nCUAD categories in %s (expert labels): documents with the clause\n", typ)
		cats := make([]string, 0, len(g.Categories))
		for c := range g.Categories {
			cats = append(cats, c)
		}
		slices.Sort(cats)
		for _, c := range cats {
			f := g.Categories[c]
			fmt.Fprintf(w, "  %-40s %4d / %-4d %5.1f%%\n", c, f.Flagged, f.N, 100*f.Share())
		}
	}
	return nil
}

func fmtNum(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
