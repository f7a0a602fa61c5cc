package presence

import (
	"math"
	"os"
	"slices"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/rules"
)

func readContract(t testing.TB) string {
	b, err := os.ReadFile("testdata/cuad-ability-services.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The rule features of a real CUAD contract: the embedded rules find its
// governing-law and anti-assignment clauses, and nothing for categories
// no rule there is about.
func TestRuleFeatures(t *testing.T) {
	set, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	f := RuleFeatures(set)
	got := f.Features(readContract(t))
	for _, cat := range []string{"Governing Law", "Anti-Assignment", "IP Ownership Assignment"} {
		if v := got[cat]; len(v) != f.Width || v[0] < math.Log(2) {
			t.Errorf("%s: features %v, want log(1 + at least one hit)", cat, v)
		}
	}
	for _, cat := range []string{"Insurance", "Cap on Liability", "Non-Compete"} {
		if v, ok := got[cat]; ok {
			t.Errorf("%s: features %v, want none", cat, v)
		}
	}
	for _, text := range []string{"", "\n\n  \n", "\x00\xff\xfe"} {
		if got := f.Features(text); len(got) != 0 {
			t.Errorf("Features(%q) = %v, want none", text, got)
		}
	}
}

// A sentence counts once per category however many rules mapped to the
// category fire on it; missing-protection findings do not count.
func TestRuleCounts(t *testing.T) {
	law := &rules.Rule{ID: "a", Kind: "present", MapsTo: rules.MapsTo{CUAD: []string{"Governing Law"}}}
	law2 := &rules.Rule{ID: "b", Kind: "present", MapsTo: rules.MapsTo{CUAD: []string{"Governing Law", "Anti-Assignment"}}}
	missing := &rules.Rule{ID: "c", Kind: "missing", MapsTo: rules.MapsTo{CUAD: []string{"Insurance"}}}
	s1, s2 := document.Span{Start: 0, End: 10}, document.Span{Start: 20, End: 30}
	got := ruleCounts([]rules.Hit{{Rule: law, Span: s1}, {Rule: law2, Span: s1}, {Rule: law, Span: s2}, {Rule: missing, Span: s2}})
	want := map[string]float64{"Governing Law": math.Log(3), "Anti-Assignment": math.Log(2)}
	if len(got) != len(want) {
		t.Errorf("features %v, want %v", got, want)
	}
	for cat, v := range want {
		if g := got[cat]; len(g) != 1 || math.Abs(g[0]-v) > 1e-12 {
			t.Errorf("%s: %v, want [%v]", cat, g, v)
		}
	}
}

// The embedded cuad document classifier, both stages and the rules, on one
// whole CUAD contract against the categories its expert labels mark
// present. The model was trained on this contract: the test checks the
// shipped pipeline runs end to end on a real document, not how it
// generalises (the cross-validated figures do that).
func TestLoadCUAD(t *testing.T) {
	d, err := Load(model.CUAD)
	if err != nil {
		t.Fatal(err)
	}
	// The cross-validated figure recorded when training (tools/train):
	// 0.697 before the rule features.
	if f := d.Model().Header().Metrics["cv5_document_macro_f1_36"]; f < 0.70 {
		t.Errorf("recorded CV document macro-F1 %.4f below the floor 0.70", f)
	}
	p := d.Classify(readContract(t))
	gold := []string{"Anti-Assignment", "Governing Law", "IP Ownership Assignment", "Termination for Convenience"}
	sc := model.Evaluate(model.CUADClauseLabels, [][]string{gold}, [][]string{p.Labels})
	t.Logf("labels %v: micro-F1 %.3f", p.Labels, sc.LabelMicroF1)
	for _, want := range gold {
		if !slices.Contains(p.Labels, want) {
			t.Errorf("labels %v lack %q", p.Labels, want)
		}
	}
	if sc.LabelMicroF1 < 0.75 {
		t.Errorf("micro-F1 %.3f below the floor 0.75 (labels %v, gold %v)", sc.LabelMicroF1, p.Labels, gold)
	}
	if len(p.Scores) != len(model.CUADLabels) {
		t.Errorf("%d scores, want one per label (%d)", len(p.Scores), len(model.CUADLabels))
	}
	for name, s := range p.Scores {
		if s < 0 || s > 1 || math.IsNaN(s) {
			t.Errorf("%s: score %v outside [0, 1]", name, s)
		}
	}
}

// Taxonomies without a document stage load as model.LoadDocument does.
func TestLoadUnfair(t *testing.T) {
	d, err := Load(model.UnfairToS)
	if err != nil {
		t.Fatal(err)
	}
	text := "We may terminate your account at any time without notice. These terms are governed by the laws of Ireland."
	if got, want := d.Classify(text).Labels, d.Model().ClassifyDocument(text).Labels; !slices.Equal(got, want) {
		t.Errorf("labels %v, want ClassifyDocument's %v", got, want)
	}
	if _, err := Load("nope"); err == nil {
		t.Error("Load(nope): no error")
	}
}

// Both stages and the rules on one whole CUAD contract (26 kB, about 200
// sentences), and the sentence model's highest probability alone.
func BenchmarkCUADDocument(b *testing.B) {
	d, err := Load(model.CUAD)
	if err != nil {
		b.Fatal(err)
	}
	text := readContract(b)
	b.Run("both", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			d.Classify(text)
		}
	})
	b.Run("first", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			d.Model().ClassifyDocument(text)
		}
	})
}

// Any text gives features of the declared width, finite and not negative,
// and no panic.
func FuzzRuleFeatures(f *testing.F) {
	set, err := rules.Embedded()
	if err != nil {
		f.Fatal(err)
	}
	rf := RuleFeatures(set)
	f.Add(readContract(f)[:4000])
	f.Add("This Agreement shall be governed by the laws of the State of New York.")
	f.Add("")
	f.Add("\x00\xff 1.\n\n2.\n")
	f.Fuzz(func(t *testing.T, text string) {
		for cat, v := range rf.Features(text) {
			if len(v) != rf.Width || v[0] < 0 || math.IsNaN(v[0]) || math.IsInf(v[0], 0) {
				t.Errorf("%s: features %v", cat, v)
			}
		}
	})
}
