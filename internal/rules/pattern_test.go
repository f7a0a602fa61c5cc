package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"
)

// TestPatternsAgree checks every pattern of every embedded rule against
// the standard library on each sentence of a real contract and on the
// rules' own examples: the literal tests and anchored starts that make
// patterns fast must not change what they match.
func TestPatternsAgree(t *testing.T) {
	s := embedded(t)
	var texts []string
	doc := readDoc(t, "cuad-bloom-maintenance.txt")
	for _, u := range Units(doc) {
		texts = append(texts, canonPhrase(doc.Text[u.Start:u.End]))
	}
	for _, r := range s.Rules() {
		for _, ex := range slices.Concat(r.Examples.Positive, r.Examples.Negative) {
			texts = append(texts, canonPhrase(ex))
		}
	}
	for _, r := range s.Rules() {
		var srcs []string
		for _, d := range []*Detect{r.Detect, r.Precondition, r.Protection} {
			if d == nil {
				continue
			}
			srcs = append(srcs, slices.Concat(d.Patterns, d.Require, d.Unless)...)
			for _, n := range d.Near {
				srcs = append(srcs, n.A, n.B)
			}
		}
		for _, src := range srcs {
			std := regexp.MustCompile(src)
			re, err := syntax.Parse(src, syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			p, err := compilePattern(src, re)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range texts {
				got, want := p.MatchString(x), std.MatchString(x)
				if got != want {
					t.Errorf("%s: %q on %q: pattern %v, regexp %v", r.ID, src, x, got, want)
					continue
				}
				if len(p.parts) == 1 {
					if g, w := p.FindAllStringIndex(x, -1), std.FindAllStringIndex(x, -1); !slices.EqualFunc(g, w, slices.Equal) {
						t.Errorf("%s: %q on %q: matches %v, regexp %v", r.ID, src, x, g, w)
					}
				}
			}
		}
	}
}

func TestRequiredAndPrefixes(t *testing.T) {
	tests := []struct {
		re           string
		need, prefix []string
	}{
		{`\b(limitations?|caps?)\b`, []string{"cap", "caps", "limitation", "limitations"}, []string{"cap", "caps", "limitation", "limitations"}},
		{`\b(terminat\w*|suspend\w*)\b`, []string{"suspend", "terminat"}, []string{"suspend", "terminat"}},
		{`\b(right|rights) title and interest\b`, []string{"right title and interest", "rights title and interest"}, []string{"right title and interest", "rights title and interest"}},
		{`\blicen[cs]e\w*\b`, []string{"licence", "license"}, []string{"licence", "license"}},
		{`\w+ (may|can)\b`, []string{" can", " may"}, nil},
		{`\b(in|at)\b`, nil, []string{"at", "in"}},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := required(re); !slices.Equal(got, tt.need) {
			t.Errorf("required(%s) = %q, want %q", tt.re, got, tt.need)
		}
		if got := prefixes(re); !slices.Equal(got, tt.prefix) {
			t.Errorf("prefixes(%s) = %q, want %q", tt.re, got, tt.prefix)
		}
	}
}

func TestMaxSpaces(t *testing.T) {
	tests := []struct {
		re   string
		want int
	}{
		{`\b(warrant\w*|guarantee\w*)\b`, 0},
		{`\bright title and interest\b`, 3},
		{`\b(may|can) (\w+ ){0,3}terminat\w*\b`, 4},
		{`\b(sole|absolute)\s+discretion\b`, -1},
		{`\bnotice\W\w+`, 1},
		{`(a|b c d|e f)`, 2},
		{`x.{0,5}y`, 5},
		{`[^a-z]+`, -1},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := maxSpaces(re); got != tt.want {
			t.Errorf("maxSpaces(%s) = %d, want %d", tt.re, got, tt.want)
		}
	}
}

// TestAlternationBranches checks that an alternation with no first words
// of its own is matched branch by branch, as the standard library does.
func TestAlternationBranches(t *testing.T) {
	src := `\b(at any time|without (prior |any )?(notice|cause|reason)|for any (or no )?reason|(sole|absolute|own) discretion|immediately|at will)\b|\b(terminat\w*|suspen\w*|clos\w*|limit)\w* (\w+ ){0,3}(your|user s) (\w+ ){0,2}(accounts?|access|use)\b|(\w+ ){0,2}reserves? the right\b`
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	p, err := compilePattern(src, re)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.alts) != 3 {
		t.Fatalf("%d branches, want 3", len(p.alts))
	}
	std := regexp.MustCompile(src)
	for _, x := range []string{
		" we may terminate your account at any time ",
		" we may suspend or limit the use of your account ",
		" we may close all of your access ",
		" either party may terminate this agreement for convenience ",
		" without prior notice ",
		" without prior written notice ",
		" in our sole discretion ",
		" company reserves the right ",
		" reserve the right ",
		" the rights reserved ",
		" terminated ",
		"",
	} {
		if got, want := p.MatchString(x), std.MatchString(x); got != want {
			t.Errorf("%q: pattern %v, regexp %v", x, got, want)
		}
	}
}

// FuzzPatternsAgree checks every pattern of every embedded rule against
// the standard library on arbitrary canonical text.
func FuzzPatternsAgree(f *testing.F) {
	f.Add("we may terminate or suspend your account at any time without prior notice")
	f.Add("Contractor hereby assigns to Client all right, title and interest in the Deliverables.")
	f.Add("in no event shall either party's liability exceed the fees paid in the twelve (12) months")
	f.Add("the company reserves the right to close the user's access, in its sole discretion")
	s := embedded(f)
	type pair struct {
		p   *pattern
		std *regexp.Regexp
	}
	var pairs []pair
	for _, r := range s.Rules() {
		for _, d := range []*Detect{r.Detect, r.Precondition, r.Protection} {
			if d == nil {
				continue
			}
			srcs := slices.Concat(d.Patterns, d.Require, d.Unless)
			for _, n := range d.Near {
				srcs = append(srcs, n.A, n.B)
			}
			for _, src := range srcs {
				re, err := syntax.Parse(src, syntax.Perl)
				if err != nil {
					f.Fatal(err)
				}
				p, err := compilePattern(src, re)
				if err != nil {
					f.Fatal(err)
				}
				pairs = append(pairs, pair{p, regexp.MustCompile(src)})
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		x := canonPhrase(text)
		for _, pr := range pairs {
			if got, want := pr.p.MatchString(x), pr.std.MatchString(x); got != want {
				t.Fatalf("%q on %q: pattern %v, regexp %v", pr.std, x, got, want)
			}
		}
	})
}

// A part that begins the text is tried only at offset 0; anything else
// must still be tried wherever its first words occur.
func TestBeginsText(t *testing.T) {
	for re, want := range map[string]bool{
		`^ (the |any )?arbitration (will|shall) be conducted\b`:   true,
		`(?-m:\A ([0-9A-Z_a-z]{1,3} )?limitations? of liability)`: true,
		`(^ option|^ select) \d+\b`:                               true,
		`(?m)^ option \d+\b`:                                      false,
		`(^ option|\bselect) \d+\b`:                               false,
		`\bterminat\w*\b`:                                         false,
		`( |^)terms\b`:                                            false,
	} {
		parsed, err := syntax.Parse(re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := beginsText(parsed.Simplify()); got != want {
			t.Errorf("beginsText(%q) = %v, want %v", re, got, want)
		}
	}
}
