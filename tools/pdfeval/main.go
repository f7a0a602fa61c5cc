// Command pdfeval measures TermScore's PDF reader against poppler's
// pdftotext on PDFs whose reference text is known (CUAD: the .txt of the
// same contract). For each PDF it prints the word-bigram F1 of each
// extractor's text against the reference, and the time each took.
//
// Usage (from the repository root):
//
//	go run ./tools/pdfeval [-pdf DIR] [-txt DIR] [-runs N]
//	go run ./tools/pdfeval -dump FILE.pdf   # print the reader's text
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/termscore/termscore/internal/extract/pdf"
)

func main() {
	pdfDir := flag.String("pdf", "../shared/data/cuad/pdf", "directory of PDF files")
	txtDir := flag.String("txt", "../shared/data/cuad/contracts", "directory of reference .txt files with the same base names")
	runs := flag.Int("runs", 3, "time each extractor as the median of this many runs")
	keep := flag.Bool("keep-furniture", false, "keep headers, footers and page numbers in the reader's text, as CUAD's text does")
	dump := flag.String("dump", "", "print the reader's text of this PDF (blocks, furniture, warnings) and exit")
	diff := flag.String("diff", "", "print the bigrams of this PDF that the reader misses or adds against its reference text, and exit")
	flag.Parse()
	if *diff != "" {
		if err := diffFile(*diff, *txtDir, *keep); err != nil {
			fmt.Fprintln(os.Stderr, "pdfeval:", err)
			os.Exit(1)
		}
		return
	}
	if *dump != "" {
		if err := dumpFile(*dump, *keep); err != nil {
			fmt.Fprintln(os.Stderr, "pdfeval:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*pdfDir, *txtDir, *runs, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "pdfeval:", err)
		os.Exit(1)
	}
}

func dumpFile(path string, keep bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	doc, err := pdf.Read(context.Background(), data, pdf.Options{KeepFurniture: keep})
	if err != nil {
		return err
	}
	for _, b := range doc.Blocks {
		fmt.Printf("[%s p%d x%.0f y%.0f w%.0f h%.0f] %s\n\n", b.Kind, b.Source.Page, b.Source.X, b.Source.Y, b.Source.W, b.Source.H, doc.Slice(b.Span))
	}
	for _, f := range doc.Furniture {
		fmt.Printf("FURNITURE: %s\n", f)
	}
	for _, w := range doc.Warnings {
		fmt.Printf("WARNING: %s\n", w)
	}
	fmt.Printf("PAGES: %d\n", doc.Pages)
	return nil
}

func diffFile(path, txtDir string, keep bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	ref, err := os.ReadFile(filepath.Join(txtDir, base+".txt"))
	if err != nil {
		return err
	}
	doc, err := pdf.Read(context.Background(), data, pdf.Options{KeepFurniture: keep})
	if err != nil {
		return err
	}
	got, want := bigrams(doc.Text), bigrams(string(ref))
	show := func(title string, a, b map[[2]string]int) {
		type kv struct {
			k [2]string
			n int
		}
		var d []kv
		for k, c := range a {
			if c > b[k] {
				d = append(d, kv{k, c - b[k]})
			}
		}
		sort.Slice(d, func(i, j int) bool { return d[i].n > d[j].n || d[i].n == d[j].n && d[i].k[0] < d[j].k[0] })
		fmt.Printf("%s (%d distinct):\n", title, len(d))
		for i, e := range d {
			if i == 60 {
				break
			}
			fmt.Printf("  %3d  %s %s\n", e.n, e.k[0], e.k[1])
		}
	}
	show("missing from the reader's text", want, got)
	show("extra in the reader's text", got, want)
	return nil
}

type row struct {
	name             string
	ourF1, popplerF1 float64
	ourT, popplerT   time.Duration
	err              string
}

func run(pdfDir, txtDir string, runs int, keep bool) error {
	entries, err := os.ReadDir(pdfDir)
	if err != nil {
		return err
	}
	_, lookErr := exec.LookPath("pdftotext")
	var rows []row
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".pdf") {
			continue
		}
		base := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		ref, err := os.ReadFile(filepath.Join(txtDir, base+".txt"))
		if err != nil {
			fmt.Fprintf(os.Stderr, "pdfeval: skipping %s: no reference text: %v\n", e.Name(), err)
			continue
		}
		data, err := os.ReadFile(filepath.Join(pdfDir, e.Name()))
		if err != nil {
			return err
		}
		refBigrams := bigrams(string(ref))
		r := row{name: base}
		var ourText string
		r.ourT = timed(runs, func() error {
			doc, err := pdf.Read(context.Background(), data, pdf.Options{KeepFurniture: keep})
			if err != nil {
				return err
			}
			ourText = doc.Text
			return nil
		}, &r.err)
		r.ourF1 = f1(bigrams(ourText), refBigrams)
		if lookErr == nil {
			var out []byte
			var perr string
			r.popplerT = timed(runs, func() error {
				var err error
				out, err = exec.Command("pdftotext", "-q", "-enc", "UTF-8", filepath.Join(pdfDir, e.Name()), "-").Output()
				return err
			}, &perr)
			r.popplerF1 = f1(bigrams(string(out)), refBigrams)
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return fmt.Errorf("no PDF with a reference text in %s", pdfDir)
	}
	print(rows, lookErr == nil)
	return nil
}

// timed runs fn n times and returns the median duration.
func timed(n int, fn func() error, errOut *string) time.Duration {
	if n < 1 {
		n = 1
	}
	var ds []time.Duration
	for i := 0; i < n; i++ {
		start := time.Now()
		if err := fn(); err != nil {
			*errOut = err.Error()
			return 0
		}
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

func print(rows []row, poppler bool) {
	fmt.Println("Word-bigram F1 against CUAD's text. Both texts are tokenised the same way:")
	fmt.Println("lower-cased, words = runs of letters and digits, so punctuation and spacing differences do not count.")
	fmt.Println("Times are the median of the runs; pdftotext's include starting the process.")
	fmt.Println()
	w := 0
	for _, r := range rows {
		w = max(w, len(short(r.name)))
	}
	fmt.Printf("%-*s  %8s  %8s  %9s  %9s  %s\n", w, "file", "ours F1", "ptt F1", "ours ms", "ptt ms", "")
	var ratios []float64
	var sumOurs, sumPtt float64
	for _, r := range rows {
		note := ""
		if r.err != "" {
			note = "ERROR: " + r.err
		} else if poppler && r.ourF1 < r.popplerF1 {
			note = "below pdftotext"
		}
		fmt.Printf("%-*s  %8.4f  %8.4f  %9.1f  %9.1f  %s\n", w, short(r.name), r.ourF1, r.popplerF1, ms(r.ourT), ms(r.popplerT), note)
		if r.popplerT > 0 && r.ourT > 0 {
			ratios = append(ratios, float64(r.ourT)/float64(r.popplerT))
		}
		sumOurs += r.ourF1
		sumPtt += r.popplerF1
	}
	n := float64(len(rows))
	fmt.Printf("%-*s  %8.4f  %8.4f\n", w, "mean", sumOurs/n, sumPtt/n)
	if len(ratios) > 0 {
		sort.Float64s(ratios)
		fmt.Printf("\nmedian time ratio (ours / pdftotext): %.2f\n", ratios[len(ratios)/2])
	}
}

func short(s string) string {
	if len(s) > 48 {
		return s[:48]
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// bigrams counts the word bigrams of s: lower-cased runs of letters and digits.
func bigrams(s string) map[[2]string]int {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	m := make(map[[2]string]int, len(words))
	for i := 1; i < len(words); i++ {
		m[[2]string{words[i-1], words[i]}]++
	}
	return m
}

// f1 is the harmonic mean of precision and recall of got's bigrams against
// want's, counting each bigram as often as it occurs in both.
func f1(got, want map[[2]string]int) float64 {
	var match, ng, nw int
	for k, c := range got {
		ng += c
		match += min(c, want[k])
	}
	for _, c := range want {
		nw += c
	}
	if ng == 0 || nw == 0 || match == 0 {
		return 0
	}
	p := float64(match) / float64(ng)
	r := float64(match) / float64(nw)
	return 2 * p * r / (p + r)
}
