package model

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The embedded cuad document stage weighs rule hits, which package presence
// computes (its tests run the stage end to end on a real contract): loaded
// without them it is an error, not a stage fed zeros.
func TestCUADDocumentStageNeedsRules(t *testing.T) {
	_, err := LoadDocument(CUAD)
	if err == nil || !strings.Contains(err.Error(), "from outside the model") {
		t.Fatalf("LoadDocument(cuad) error %v, want one saying the stage needs outside features", err)
	}
	// Without a stage a taxonomy decides by the highest probability.
	u, err := LoadDocument(UnfairToS)
	if err != nil {
		t.Fatal(err)
	}
	text := "We may terminate your account at any time without notice. These terms are governed by the laws of Ireland."
	if got, want := u.Classify(text).Labels, u.Model().ClassifyDocument(text).Labels; !slices.Equal(got, want) {
		t.Errorf("unfair-tos document labels %v, want ClassifyDocument's %v", got, want)
	}
}

// A category the stage finds is dropped when none of the categories it
// requires is found: an exception to a non-compete needs a non-compete or
// an exclusivity. The regressions here ignore their feature (weight 0) and
// decide by their bias alone.
func TestDocumentStageRequires(t *testing.T) {
	m := loadModel(t, CUAD)
	const text = "Nothing in this Agreement shall prevent Distributor from selling products of third parties outside the Territory."
	stage := func(nonCompete, exclusivity float64) string {
		label := func(name string, b float64, requires string) string {
			return `{"name":"` + name + `","stacked":true,"model":{"mean":[0],"scale":[1],"w":[0],"b":` +
				strconv.FormatFloat(b, 'g', -1, 64) + `},"threshold":0.5` + requires + `}`
		}
		return `{"features":{"top":1},"lambda":1,"labels":[` +
			label("Non-Compete", nonCompete, "") + "," + label("Exclusivity", exclusivity, "") + "," +
			label("Competitive Restriction Exception", 5, `,"requires":["Non-Compete","Exclusivity"]`) + `]}`
	}
	for _, tc := range []struct {
		nonCompete, exclusivity float64
		want                    []string
	}{
		{-5, -5, nil},
		{5, -5, []string{"Non-Compete", "Competitive Restriction Exception"}},
		{-5, 5, []string{"Exclusivity", "Competitive Restriction Exception"}},
	} {
		d, err := NewDocumentModel(m, []byte(stage(tc.nonCompete, tc.exclusivity)))
		if err != nil {
			t.Fatal(err)
		}
		p := d.Classify(text)
		var got []string
		for _, l := range p.Labels {
			if slices.Contains([]string{"Non-Compete", "Exclusivity", "Competitive Restriction Exception"}, l) {
				got = append(got, l)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("biases %v/%v: labels %v, want %v", tc.nonCompete, tc.exclusivity, got, tc.want)
		}
		if s := p.Scores["Competitive Restriction Exception"]; s < 0.99 {
			t.Errorf("exception's score %.3f, want its regression's own (above 0.99) whether or not it is kept", s)
		}
	}
}

func TestNewDocumentModelErrors(t *testing.T) {
	m := loadModel(t, CUAD)
	for _, tc := range []struct{ name, stage, want string }{
		{"not JSON", `{`, "document stage"},
		{"unknown label", `{"features":{"top":1},"labels":[{"name":"Nope","threshold":0.5}]}`, `"Nope" not in model`},
		{"model of the wrong size", `{"features":{"top":1,"phrases":5},"labels":[{"name":"Insurance","stacked":true,"model":{"mean":[0],"scale":[1],"w":[1],"b":0}}]}`, "no model of 4 features"},
		{"stacked without a model", `{"features":{"top":1},"labels":[{"name":"Insurance","stacked":true}]}`, "no model"},
		{"outside features not given", `{"features":{"top":1,"extra":1},"labels":[{"name":"Insurance","threshold":0.5}]}`, "1 features per label from outside"},
	} {
		_, err := NewDocumentModel(m, []byte(tc.stage))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestNgrams(t *testing.T) {
	toks := string(Tokens(nil, "The Licensee shall not sublicense."))
	var got []string
	ngrams(toks, func(g string) { got = append(got, g) })
	want := []string{
		"the", "the licensee", "the licensee shall",
		"licensee", "licensee shall", "licensee shall not",
		"shall", "shall not", "shall not sublicense",
		"not", "not sublicense", "not sublicense .",
		"sublicense", "sublicense .",
		".",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ngrams(%q) = %q, want %q", toks, got, want)
	}
}

func TestHasPhrase(t *testing.T) {
	toks := string(Tokens(nil, "Licensor grants a source code escrow to the Licensee's affiliates."))
	for _, tc := range []struct {
		phrase string
		want   bool
	}{
		{"source code escrow", true},
		{"escrow", true},
		{"licensor", true},
		{"affiliates .", true},
		{"licensee", true}, // "licensee 's" is two tokens
		{"code escrow to the", true},
		{"crow", false},   // inside a token
		{"licens", false}, // a prefix of a token
		{"affiliate", false},
		{"escrow the", false},
	} {
		if got := hasPhrase(toks, tc.phrase); got != tc.want {
			t.Errorf("hasPhrase(%q, %q) = %v, want %v", toks, tc.phrase, got, tc.want)
		}
	}
}

// hasPhrase agrees with looking for the phrase between spaces.
func FuzzHasPhrase(f *testing.F) {
	f.Add("the source code escrow agent", "code escrow")
	f.Add("a a a b", "a b")
	f.Add("escrow", "crow")
	f.Fuzz(func(t *testing.T, text, phrase string) {
		toks := string(Tokens(nil, text))
		ph := strings.TrimSpace(string(Tokens(nil, phrase)))
		if ph == "" {
			return
		}
		want := strings.Contains(" "+toks, " "+ph+" ")
		if got := hasPhrase(toks, ph); got != want {
			t.Errorf("hasPhrase(%q, %q) = %v, want %v", toks, ph, got, want)
		}
	})
}

// fitLogReg recovers the direction of a one-feature rule and separates
// classes that overlap only at the boundary.
func TestFitLogReg(t *testing.T) {
	var xs [][]float64
	var y []bool
	for i := 0; i < 200; i++ {
		v := float64(i%20) - 9.5 // −9.5 … 9.5
		xs = append(xs, []float64{v, float64(i % 3)})
		y = append(y, v > 0 != (i%20 == 10)) // one label in twenty flipped
	}
	m := fitLogReg(xs, y, 1, 1)
	if m.W[0] <= 0 || math.Abs(m.W[1]) > m.W[0]/5 {
		t.Errorf("weights %v: want a large positive first weight, a small second", m.W)
	}
	if p := m.prob([]float64{8, 1}); p < 0.9 {
		t.Errorf("prob(8) = %.3f, want ≥ 0.9", p)
	}
	if p := m.prob([]float64{-8, 1}); p > 0.1 {
		t.Errorf("prob(−8) = %.3f, want ≤ 0.1", p)
	}
}

// phraseSentences counts the sentences hasPhrase finds the phrase in.
func FuzzPhraseSentences(f *testing.F) {
	f.Add("The escrow agent. The source code escrow. No escrow.", "escrow")
	f.Add("a b. b a. a.", "a")
	f.Add("Licensee's affiliates. Licensee.", "licensee")
	f.Fuzz(func(t *testing.T, text, phrase string) {
		ph := strings.TrimSpace(string(Tokens(nil, phrase)))
		if ph == "" {
			return
		}
		var buf []byte
		var starts []int
		want := 0
		for _, s := range Sentences(text) {
			starts = append(starts, len(buf))
			toks := string(Tokens(nil, s))
			if hasPhrase(toks, ph) {
				want++
			}
			buf = append(append(buf, toks...), '\n')
		}
		if got := phraseSentences(string(buf), starts, ph); got != want {
			t.Errorf("phraseSentences(%q, %q) = %d, want %d", buf, ph, got, want)
		}
	})
}
