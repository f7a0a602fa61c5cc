package rules

import (
	"fmt"
	"regexp/syntax"
	"strings"
	"sync"
	"testing"
)

// compileAll compiles every part of p, as matching would on first use,
// returning the error instead of panicking.
func compileAll(p *pattern) error {
	for _, pt := range p.parts {
		if err := pt.rx.compile(); err != nil {
			return err
		}
	}
	for _, a := range p.alts {
		if err := compileAll(a); err != nil {
			return err
		}
	}
	return nil
}

// TestEmbeddedPartsCompile compiles every lazily compiled part of the
// embedded packs, the regular expressions matching would compile.
func TestEmbeddedPartsCompile(t *testing.T) {
	s := embedded(t)
	n := 0
	for _, r := range s.Rules() {
		var ps []*pattern
		for _, d := range []*detector{r.det, r.pre, r.prot, r.mit} {
			if d != nil {
				ps = append(ps, d.allPatterns()...)
				for _, v := range []*vetoes{d.unless, d.despite, d.clauseRequire, d.clauseUnless} {
					ps = append(ps, v.get()...) // parsed here, as on first use
				}
			}
		}
		ps = append(ps, r.headings...)
		for _, p := range ps {
			if err := compileAll(p); err != nil {
				t.Errorf("%s: %v", r.ID, err)
			}
			n++
		}
	}
	if n < 500 {
		t.Errorf("compiled %d patterns, want the ~1,000 of the embedded packs", n)
	}
}

// TestLoadRefusesWhatCannotCompile: a pattern that nests too deeply is
// refused at load; one just within the limit, whose part is compiled at
// load (wrapped for anchored matching it nests one level deeper), and a
// shallower one compiled lazily, both compile.
func TestLoadRefusesWhatCannotCompile(t *testing.T) {
	deep := func(n int) string {
		return `\bterminat` + strings.Repeat("(", n) + "e" + strings.Repeat(")", n)
	}
	for _, tt := range []struct {
		depth int
		ok    bool
	}{{10, true}, {600, true}, {998, true}, {999, false}} {
		v := &validator{file: "x.yaml"}
		p := v.regexp("", deep(tt.depth))
		switch {
		case tt.ok && p == nil:
			t.Errorf("depth %d: refused: %v", tt.depth, v.errs)
		case !tt.ok && p != nil:
			t.Errorf("depth %d: accepted, compile: %v", tt.depth, compileAll(p))
		case p != nil:
			if err := compileAll(p); err != nil {
				t.Errorf("depth %d: accepted at load, then: %v", tt.depth, err)
			}
		}
	}
}

// TestLazyCompileConcurrent matches one pattern from many goroutines
// before any of its parts is compiled (run with -race).
func TestLazyCompileConcurrent(t *testing.T) {
	src := `\b(terminat\w*|suspend\w*)\b.{0,80}\bwithout (prior )?notice\b`
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	p, err := compilePattern(src, re)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !p.MatchString("we may terminate your account without notice") {
				t.Error("no match")
			}
		})
	}
	wg.Wait()
}

// FuzzLazyCompile: whatever expression the loader accepts and leaves to
// be compiled lazily compiles when it first runs.
func FuzzLazyCompile(f *testing.F) {
	f.Add(`\b(terminat\w*|suspend\w*)\b.{0,150}\bwithout (prior )?notice\b`)
	f.Add(`\bassign\w*\b.{0,150}\bright title and interest`)
	f.Add(`(a{100}){100}`)
	f.Add(`\bx` + strings.Repeat("(", 995) + "y" + strings.Repeat(")", 995))
	f.Add(`((?i)ab|c)[^x]{2,}.{0,5}d`)
	f.Fuzz(func(t *testing.T, src string) {
		// A part beyond the lazy limits is compiled at load, where its
		// error is reported; compiling large repeats only slows the fuzzer.
		if re, err := syntax.Parse(src, syntax.Perl); err != nil || !compilable(re) {
			return
		}
		v := &validator{file: "x.yaml"}
		p := v.regexp("", src)
		if p == nil {
			return
		}
		if err := compileAll(p); err != nil {
			t.Fatalf("%q accepted at load, then: %v", src, err)
		}
	})
}

// TestMatchConcurrentFirstUse matches a contract from several goroutines
// on a freshly loaded set, whose first pass, parts and vetoes are all
// built on first use (run with -race), and expects the hits of a
// sequential run.
func TestMatchConcurrentFirstUse(t *testing.T) {
	doc := readDoc(t, "cuad-bloom-maintenance.txt")
	opt := MatchOptions{Role: "contractor"}
	show := func(hits []Hit) string {
		var b strings.Builder
		for _, h := range hits {
			fmt.Fprintf(&b, "%s %v %v %.3f %q %v %v\n", h.Rule.ID, h.Span, h.Match, h.Confidence, h.Evidence, h.Mitigated, h.Lead)
		}
		return b.String()
	}
	want := show(embedded(t).Match(doc, opt))
	if strings.Count(want, "\n") < 5 {
		t.Fatalf("only %d hits", strings.Count(want, "\n"))
	}
	s := embedded(t)
	got := make([]string, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = show(s.Match(doc, opt)) })
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("goroutine %d: hits differ from a sequential run", i)
		}
	}
}
