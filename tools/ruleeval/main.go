// Command ruleeval measures the rules against the labelled public data:
// for every rule mapped to CUAD categories, sentence-level and
// document-level precision and recall on the CUAD training contracts; for
// every rule mapped to UNFAIR-ToS labels, sentence-level precision and
// recall on the train and validation splits, reported separately.
//
//	go run ./tools/ruleeval [-data ../shared/data] [-rules DIR] [-rule ID]
//
// A CUAD hit (a sentence the rule fired on) is correct when it overlaps a
// labelled span of a mapped category in the same contract; recall counts
// the labelled spans that some hit overlaps.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/termscore/termscore/internal/doctype"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/plaintext"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/segment"
)

func main() {
	data := flag.String("data", "../shared/data", "directory of the shared data sets")
	dir := flag.String("rules", "", "directory of rule packs to use instead of the embedded ones")
	only := flag.String("rule", "", "evaluate only this rule id")
	examples := flag.Int("show", 0, "print up to N false positives and misses per rule (CUAD)")
	dump := flag.String("dump", "", "write every CUAD hit (contract, rule, span) to this file, to compare two versions of the rules")
	flag.Parse()
	if err := run(os.Stdout, *data, *dir, *only, *examples, *dump); err != nil {
		fmt.Fprintln(os.Stderr, "ruleeval:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, data, dir, only string, show int, dump string) error {
	set, err := rules.Embedded()
	if err != nil {
		return err
	}
	if dir != "" {
		user, err := rules.LoadDir(dir)
		if err != nil {
			return err
		}
		if set, err = set.Merge(user); err != nil {
			return err
		}
	}
	var rs []*rules.Rule
	for _, r := range set.Rules() {
		if only == "" || r.ID == only {
			rs = append(rs, r)
		}
	}
	if err := evalCUAD(w, set, rs, filepath.Join(data, "cuad"), show, dump); err != nil {
		return err
	}
	return evalUnfair(w, set, rs, filepath.Join(data, "unfair-tos", "sentences.jsonl"))
}

// counts are precision/recall tallies.
type counts struct{ tp, fp, fn int }

func (c counts) p() string { return ratio(c.tp, c.tp+c.fp) }
func (c counts) r() string { return ratio(c.tp, c.tp+c.fn) }

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

type cuadDoc struct {
	ContractTxt string                     `json:"contract_txt"`
	Labels      map[string]json.RawMessage `json:"labels"`
}

type cuadSpan struct {
	ContractTxt string `json:"contract_txt"`
	Category    string `json:"category"`
	Text        string `json:"text"`
}

// labelled is one labelled span located in a document's text.
type labelled struct {
	category string
	span     document.Span
}

type cuadResult struct {
	name   string
	doc    *document.Document
	hits   []rules.Hit
	spans  []labelled
	cats   map[string]bool
	unseen int // labelled spans whose text could not be found in the document
}

func evalCUAD(w io.Writer, set *rules.Set, rs []*rules.Rule, dir string, show int, dump string) error {
	docs, err := readJSONL[cuadDoc](filepath.Join(dir, "documents.jsonl"))
	if err != nil {
		return err
	}
	spans, err := readJSONL[cuadSpan](filepath.Join(dir, "spans.jsonl"))
	if err != nil {
		return err
	}
	byDoc := map[string][]cuadSpan{}
	for _, s := range spans {
		byDoc[s.ContractTxt] = append(byDoc[s.ContractTxt], s)
	}
	results := make([]*cuadResult, len(docs))
	var read time.Duration
	for i, d := range docs {
		raw, err := os.ReadFile(filepath.Join(dir, "contracts", d.ContractTxt))
		if err != nil {
			return err
		}
		t := time.Now()
		// CUAD contracts are plain text: read them as extract does, without
		// depending on every other reader building.
		doc, err := plaintext.Read(context.Background(), string(raw))
		if err != nil {
			return fmt.Errorf("%s: %w", d.ContractTxt, err)
		}
		segment.Build(doc)
		read += time.Since(t)
		res := &cuadResult{name: d.ContractTxt, doc: doc, cats: map[string]bool{}}
		for _, s := range byDoc[d.ContractTxt] {
			res.cats[s.Category] = true
			if sp, ok := document.Locate(doc.Text, s.Text); ok {
				res.spans = append(res.spans, labelled{s.Category, sp})
			} else {
				res.unseen++
			}
		}
		results[i] = res
	}

	// Matching speed: one core, then every core.
	t, cpu := time.Now(), cpuTime()
	for _, res := range results {
		res.hits = set.Match(res.doc, rules.MatchOptions{})
	}
	one, oneCPU := time.Since(t), cpuTime()-cpu
	// As analyze runs the rules: only those for the detected document type
	// and its default role.
	opts := make([]rules.MatchOptions, len(results))
	for i, res := range results {
		dt := doctype.Detect(res.doc)
		opts[i] = rules.MatchOptions{DocType: dt.Type, Role: dt.Role}
	}
	cpu = cpuTime()
	for i, res := range results {
		set.Match(res.doc, opts[i])
	}
	filteredCPU := cpuTime() - cpu
	t = time.Now()
	var wg sync.WaitGroup
	next := make(chan *cuadResult)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for res := range next {
				set.Match(res.doc, rules.MatchOptions{})
			}
		})
	}
	for _, res := range results {
		next <- res
	}
	close(next)
	wg.Wait()
	all := time.Since(t)
	unseen, total := 0, 0
	for _, res := range results {
		unseen += res.unseen
		total += res.unseen + len(res.spans)
	}
	fmt.Fprintf(w, "CUAD: %d contracts; %d of %d labelled spans located in the extracted text\n", len(results), total-unseen, total)
	fmt.Fprintf(w, "matching speed: %.0f documents/s on 1 core, %.0f documents/s on %d cores (wall clock); %.1f ms of CPU per document (reading: %.0f documents/s)\n\n",
		float64(len(results))/one.Seconds(), float64(len(results))/all.Seconds(), runtime.GOMAXPROCS(0),
		float64(oneCPU.Milliseconds())/float64(len(results)), float64(len(results))/read.Seconds())
	fmt.Fprintf(w, "filtered by detected type and default role, as analyze runs them: %.2f ms of CPU per document\n\n",
		float64(filteredCPU.Microseconds())/1000/float64(len(results)))
	if dump != "" {
		if err := writeHits(dump, results); err != nil {
			return err
		}
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "rule\tCUAD categories\thits\tsent P\tsent R\tdocs\tdoc P\tdoc R\t")
	for _, r := range rs {
		if len(r.MapsTo.CUAD) == 0 {
			continue
		}
		var sent, docLevel counts
		hitsN, gold, covered := 0, 0, 0
		var fps, fns []string
		for _, res := range results {
			var hs []rules.Hit
			for _, h := range res.hits {
				if h.Rule.ID == r.ID {
					hs = append(hs, h)
				}
			}
			var ls []labelled
			present := false
			for _, c := range r.MapsTo.CUAD {
				present = present || res.cats[c]
			}
			for _, l := range res.spans {
				if slices.Contains(r.MapsTo.CUAD, l.category) {
					ls = append(ls, l)
				}
			}
			hitsN += len(hs)
			for _, h := range hs {
				if slices.ContainsFunc(ls, func(l labelled) bool { return overlaps(h.Span, l.span) }) {
					sent.tp++
				} else {
					sent.fp++
					fps = append(fps, res.doc.Slice(h.Span))
				}
			}
			for _, l := range ls {
				if slices.ContainsFunc(hs, func(h rules.Hit) bool { return overlaps(h.Span, l.span) }) {
					covered++
					continue
				}
				sent.fn++
				fns = append(fns, res.doc.Slice(l.span))
			}
			// Precision counts hits; recall counts located labelled spans.
			switch {
			case present && len(hs) > 0:
				docLevel.tp++
			case present:
				docLevel.fn++
			case len(hs) > 0:
				docLevel.fp++
			}
			if present {
				gold++
			}
		}
		sentR := ratio(covered, covered+sent.fn)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%d\t%s\t%s\t\n", r.ID, strings.Join(r.MapsTo.CUAD, "; "), hitsN,
			sent.p(), sentR, gold, docLevel.p(), docLevel.r())
		if show > 0 {
			defer printSamples(w, r.ID, fps, fns, show)
		}
	}
	return tw.Flush()
}

// writeHits writes one line per hit, in contract order, so that two
// versions of the rules can be compared with diff.
func writeHits(path string, results []*cuadResult) error {
	var b strings.Builder
	for _, res := range results {
		for _, h := range res.hits {
			fmt.Fprintf(&b, "%s\t%s\t%d-%d\t%q\n", res.name, h.Rule.ID, h.Span.Start, h.Span.End, clip(res.doc.Slice(h.Match), 80))
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func printSamples(w io.Writer, id string, fps, fns []string, n int) {
	fmt.Fprintf(w, "\n== %s: false positives\n", id)
	for _, s := range sample(fps, n) {
		fmt.Fprintf(w, "  + %s\n", clip(s, 300))
	}
	fmt.Fprintf(w, "== %s: misses\n", id)
	for _, s := range sample(fns, n) {
		fmt.Fprintf(w, "  - %s\n", clip(s, 300))
	}
}

// sample takes n items spread evenly over xs, so that the output does not
// only show the first contract.
func sample(xs []string, n int) []string {
	if len(xs) <= n {
		return xs
	}
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, xs[i*len(xs)/n])
	}
	return out
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func overlaps(a, b document.Span) bool { return a.Start < b.End && b.Start < a.End }

// unfairNames are the UNFAIR-ToS label names for the codes rules map to.
var unfairNames = map[string]string{"A": "Arbitration", "CH": "Unilateral change", "CR": "Content removal",
	"J": "Jurisdiction", "LAW": "Choice of law", "LTD": "Limitation of liability",
	"TER": "Unilateral termination", "USE": "Contract by using"}

type unfairSentence struct {
	Text   string   `json:"text"`
	Labels []string `json:"labels"`
	Split  string   `json:"lexglue_split"`
}

func evalUnfair(w io.Writer, set *rules.Set, rs []*rules.Rule, path string) error {
	sents, err := readJSONL[unfairSentence](path)
	if err != nil {
		return err
	}
	// Each sentence is matched once with all rules.
	fired := make([]map[string]bool, len(sents))
	for i, s := range sents {
		fired[i] = map[string]bool{}
		for _, h := range set.Match(rules.ExampleDocument(s.Text), rules.MatchOptions{}) {
			fired[i][h.Rule.ID] = true
		}
	}
	fmt.Fprintf(w, "\nUNFAIR-ToS: %d sentences (sentence level)\n\n", len(sents))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "rule\tlabels\ttrain n\ttrain P\ttrain R\tval n\tval P\tval R\t")
	for _, r := range rs {
		if len(r.MapsTo.UnfairTOS) == 0 {
			continue
		}
		c := map[string]*counts{"train": {}, "validation": {}}
		n := map[string]int{}
		for i, s := range sents {
			k := c[s.Split]
			if k == nil {
				continue
			}
			gold := slices.ContainsFunc(r.MapsTo.UnfairTOS, func(code string) bool { return slices.Contains(s.Labels, unfairNames[code]) })
			if gold {
				n[s.Split]++
			}
			switch got := fired[i][r.ID]; {
			case got && gold:
				k.tp++
			case got:
				k.fp++
			case gold:
				k.fn++
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%d\t%s\t%s\t\n", r.ID, strings.Join(r.MapsTo.UnfairTOS, "; "),
			n["train"], c["train"].p(), c["train"].r(), n["validation"], c["validation"].p(), c["validation"].r())
	}
	return tw.Flush()
}

// cpuTime is the CPU time this process has used: on a shared machine it
// measures the matcher better than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
