package model

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// The embedded cuad document classifier on one whole CUAD contract, against
// the categories its expert labels mark present. The model was trained on
// this contract: the test checks the shipped pipeline (both stages) runs
// end to end on a real document, not how it generalises.
func TestCUADDocumentStage(t *testing.T) {
	d, err := LoadDocument(CUAD)
	if err != nil {
		t.Fatal(err)
	}
	if d.stage == nil {
		t.Fatal("the embedded cuad model has no document stage")
	}
	// The cross-validated figure recorded when training (tools/train):
	// the highest probability alone scored 0.684.
	if f := d.Model().Header().Metrics["cv5_document_macro_f1_36"]; f < 0.69 {
		t.Errorf("recorded CV document macro-F1 %.4f below the floor 0.69", f)
	}
	b, err := os.ReadFile("testdata/cuad-ability-services.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := d.Classify(string(b))
	gold := []string{"Anti-Assignment", "Governing Law", "IP Ownership Assignment", "Termination for Convenience"}
	sc := Evaluate(CUADClauseLabels, [][]string{gold}, [][]string{p.Labels})
	t.Logf("labels %v: micro-F1 %.3f", p.Labels, sc.LabelMicroF1)
	for _, want := range gold {
		if !slices.Contains(p.Labels, want) {
			t.Errorf("labels %v lack %q", p.Labels, want)
		}
	}
	if sc.LabelMicroF1 < 0.75 {
		t.Errorf("micro-F1 %.3f below the floor 0.75 (labels %v, gold %v)", sc.LabelMicroF1, p.Labels, gold)
	}
	if len(p.Scores) != len(CUADLabels) {
		t.Errorf("%d scores, want one per label (%d)", len(p.Scores), len(CUADLabels))
	}
	stacked := 0
	for _, l := range d.stage.Labels {
		if l.Stacked {
			stacked++
		}
		if s := p.Scores[l.Name]; s < 0 || s > 1 || math.IsNaN(s) {
			t.Errorf("%s: score %v outside [0, 1]", l.Name, s)
		}
	}
	if stacked == 0 {
		t.Error("no category uses the stacked model")
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

func TestNewDocumentModelErrors(t *testing.T) {
	m := loadModel(t, CUAD)
	for _, tc := range []struct{ name, stage, want string }{
		{"not JSON", `{`, "document stage"},
		{"unknown label", `{"features":{"top":1},"labels":[{"name":"Nope","threshold":0.5}]}`, `"Nope" not in model`},
		{"model of the wrong size", `{"features":{"top":1,"phrases":5},"labels":[{"name":"Insurance","stacked":true,"model":{"mean":[0],"scale":[1],"w":[1],"b":0}}]}`, "no model of 4 features"},
		{"stacked without a model", `{"features":{"top":1},"labels":[{"name":"Insurance","stacked":true}]}`, "no model"},
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

// Both stages on one whole CUAD contract (26 kB, about 200 sentences).
func BenchmarkCUADDocument(b *testing.B) {
	d, err := LoadDocument(CUAD)
	if err != nil {
		b.Fatal(err)
	}
	text, err := os.ReadFile("testdata/cuad-ability-services.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("both", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			d.Classify(string(text))
		}
	})
	b.Run("first", func(b *testing.B) { // the highest probability alone
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			d.Model().ClassifyDocument(string(text))
		}
	})
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
