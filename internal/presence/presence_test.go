package presence

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
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

func embedded(t testing.TB) (*rules.Set, *model.Model) {
	set, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	cm, err := model.Load(model.CUADClauses)
	if err != nil {
		t.Fatal(err)
	}
	return set, cm
}

// The outside features of a real CUAD contract: the embedded rules find its
// governing-law and anti-assignment clauses and nothing for categories no
// rule there is about; the clause model is sure of its governing-law
// clause and not of an insurance clause it does not have.
func TestFeatures(t *testing.T) {
	f := Features(embedded(t))
	got := f.Features(readContract(t))
	if len(got) != len(model.CUADClauseLabels) {
		t.Errorf("features of %d categories, want %d", len(got), len(model.CUADClauseLabels))
	}
	for cat, v := range got {
		if len(v) != f.Width {
			t.Errorf("%s: %d features, want %d", cat, len(v), f.Width)
		}
	}
	for _, cat := range []string{"Governing Law", "Anti-Assignment", "IP Ownership Assignment"} {
		if v := got[cat]; v[0] < math.Log(2) {
			t.Errorf("%s: rule feature %.3f, want log(1 + at least one hit)", cat, v[0])
		}
	}
	for _, cat := range []string{"Insurance", "Cap on Liability", "Non-Compete"} {
		if v := got[cat]; v[0] != 0 {
			t.Errorf("%s: rule feature %.3f, want 0", cat, v[0])
		}
	}
	if v := got["Governing Law"][1]; v < logit(0.9) {
		t.Errorf("Governing Law: clause feature %.2f, want the logit of at least 0.9", v)
	}
	if v := got["Insurance"][1]; v > logit(0.5) {
		t.Errorf("Insurance: clause feature %.2f, want below the logit of 0.5", v)
	}
	for _, text := range []string{"", "\n\n  \n", "\x00\xff\xfe"} {
		for cat, v := range f.Features(text) {
			if v[0] != 0 || v[1] != logit(0) {
				t.Errorf("Features(%q)[%s] = %v, want no hits and no clause", text, cat, v)
			}
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
	labels := []string{"Governing Law", "Anti-Assignment", "Insurance"}
	got := features([]rules.Hit{{Rule: law, Span: s1}, {Rule: law2, Span: s1}, {Rule: law, Span: s2}, {Rule: missing, Span: s2}}, labels, []float64{0.5, 0.9, 0}, map[string]int{"Insurance": 3})
	want := map[string][]float64{
		"Governing Law":   {math.Log(3), 0, 0, 0},
		"Anti-Assignment": {math.Log(2), logit(0.9), 0, 0},
		"Insurance":       {0, logit(0), math.Log(4), 0},
	}
	for cat, w := range want {
		if g := got[cat]; !slices.EqualFunc(g, w, func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }) {
			t.Errorf("%s: %v, want %v", cat, g, w)
		}
	}
}

// A category that needs another gets the highest clause probability of
// the categories it needs: an exception, of any of the three restrictions.
func TestRequires(t *testing.T) {
	labels := []string{"Non-Compete", "Exclusivity", "Competitive Restriction Exception", "License Grant", "Affiliate License-Licensee", "Insurance"}
	got := features(nil, labels, []float64{0.2, 0.7, 0.1, 0.95, 0.3, 0.6}, nil)
	for cat, w := range map[string]float64{
		"Competitive Restriction Exception": logit(0.7),
		"Affiliate License-Licensee":        logit(0.95),
		"Non-Compete":                       0,
		"Insurance":                         0,
	} {
		if g := got[cat][3]; math.Abs(g-w) > 1e-12 {
			t.Errorf("%s: required feature %.3f, want %.3f", cat, g, w)
		}
	}
}

// Curated phrases on labelled CUAD sentences (the category's own wording)
// and on sentences of other categories that share a word with them.
func TestCuratedPhrases(t *testing.T) {
	ps := compilePhrases()
	for _, c := range []struct {
		text string
		want map[string]int
	}{
		{"The Escrow Agent shall require Changepoint to place in an escrow account in Toronto a copy of the source code of the Software including all Updates and Upgrades thereto, documentation and similar materials (the \"SOURCE CODE\").",
			map[string]int{"Source Code Escrow": 1}},
		{"All AT&T Affiliates receiving Material or Services under this Agreement and the federal government of the United States shall be express third party beneficiaries under this Agreement.",
			map[string]int{"Third Party Beneficiary": 1}},
		{"Likewise, You may not target or solicit customers for Products by advertising in other Franchisees respective Exclusive Territories.",
			map[string]int{"No-Solicit of Customers": 1}},
		{"The Sponsor shall have the right to terminate this Agreement on written notice to Racing if any driver disparages the products or services of the Sponsor. Racing shall not make defamatory statements.",
			map[string]int{"Non-Disparagement": 2}},
		// Source code without an escrow, an escrow of money: neither.
		{"Licensor shall deliver the source code of the Software. The purchase price shall be held in escrow by the Bank.",
			map[string]int{"Source Code Escrow": 0}},
	} {
		doc := read(c.text)
		if doc == nil {
			t.Fatalf("%.40q: no text", c.text)
		}
		got := ps.count(doc)
		for cat, n := range c.want {
			if got[cat] != n {
				t.Errorf("%.60q: %s in %d sentences, want %d (all: %v)", c.text, cat, got[cat], n, got)
			}
		}
	}
	for cat := range curated {
		if !slices.Contains(model.CUADClauseLabels, cat) {
			t.Errorf("curated phrases of %q, not a CUAD clause category", cat)
		}
	}
}

// The clause model's units of a real contract: clause bodies under their
// headings, bounded in length, covering the governing-law clause.
func TestClauses(t *testing.T) {
	doc := read(readContract(t))
	if doc == nil {
		t.Fatal("no text")
	}
	cs := clauses(doc)
	if len(cs) < 10 {
		t.Fatalf("%d clauses, want at least 10", len(cs))
	}
	law := false
	for _, c := range cs {
		if len(c.text) > maxClause+200 || c.text == "" {
			t.Errorf("clause of %d bytes: %.80q", len(c.text), c.text)
		}
		if strings.Contains(c.text, "governed by") {
			law = true
		}
	}
	if !law {
		t.Error("no clause holds the governing-law wording")
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
	// 0.697 before the rule and clause features, 0.709 with them, 0.730
	// with curated phrases and required categories.
	if f := d.Model().Header().Metrics["cv5_document_macro_f1_36"]; f < 0.72 {
		t.Errorf("recorded CV document macro-F1 %.4f below the floor 0.72", f)
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

// Any text gives features of the declared width, finite, and no panic.
func FuzzFeatures(f *testing.F) {
	rf := Features(embedded(f))
	f.Add(readContract(f)[:4000])
	f.Add("This Agreement shall be governed by the laws of the State of New York.")
	f.Add("")
	f.Add("\x00\xff 1.\n\n2.\n")
	f.Add("1. INSURANCE\n\n1.1 The Supplier shall maintain insurance.\n\n(a) general liability")
	f.Fuzz(func(t *testing.T, text string) {
		for cat, v := range rf.Features(text) {
			if len(v) != rf.Width || v[0] < 0 {
				t.Errorf("%s: features %v", cat, v)
			}
			for _, x := range v {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Errorf("%s: features %v", cat, v)
				}
			}
		}
	})
}

// A sentence without any of a category's keys has none of its phrases:
// the keys only spare the expressions, never change a count.
func FuzzPhraseKeys(f *testing.F) {
	ps := Options{Trial: true}.phrases()
	doc := read(readContract(f))
	for _, s := range doc.Sentences[:min(40, len(doc.Sentences))] {
		f.Add(doc.Text[s.Start:s.End])
	}
	for _, s := range []string{
		"Nothing herein shall restrict Licensee from developing competing products.",
		"This Agreement does not confer upon any third party any rights.",
		"Supplier shall offer prices no less favorable than those offered to any other customer.",
		"Prices shall remain FIXED for the Initial Term; any increase shall not exceed 5%.",
		"License granted to Licensee AND ITS AFFILIATES; Licensee may sublicense to its Affiliates.",
		"The Source Code shall be deposited with the Escrow Agent.",
		"Kelvin \u212a and long \u017f: \u017fOLICIT customers; MO\u017fT FAVORED.",
		"A termination fee, as liquidated damages; 10% of Net Revenues; NON-TRANSFERABLE; not to contest its validity.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lower := fold(text)
		for cat, p := range ps {
			if got, want := p.has(text, lower), p.re.MatchString(text); got != want {
				t.Errorf("%s: has %v, the expression says %v", cat, got, want)
			}
		}
	})
}

// A category's Needs (the categories nearly always found with it) are
// applied when classifying: the shipped stage finds the contract's
// governing-law clause, and the same stage with Governing Law needing
// Price Restrictions, which the contract lacks, does not; needing
// Anti-Assignment, which it has, changes nothing.
func TestNeeds(t *testing.T) {
	stage, err := os.ReadFile("../model/weights/cuad-doc.json")
	if err != nil {
		t.Fatal(err)
	}
	set, cm := embedded(t)
	m, err := model.Load(model.CUAD)
	if err != nil {
		t.Fatal(err)
	}
	text := readContract(t)
	for _, tc := range []struct {
		needs []string
		want  bool
	}{
		{nil, true},
		{[]string{"Anti-Assignment"}, true},
		{[]string{"Price Restrictions"}, false},
		{[]string{"Anti-Assignment", "Price Restrictions"}, false},
	} {
		var st map[string]any
		if err := json.Unmarshal(stage, &st); err != nil {
			t.Fatal(err)
		}
		for _, l := range st["labels"].([]any) {
			if l := l.(map[string]any); l["name"] == "Governing Law" {
				l["needs"] = tc.needs
			}
		}
		b, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		d, err := model.NewDocumentModelWith(m, b, Features(set, cm))
		if err != nil {
			t.Fatal(err)
		}
		p := d.Classify(text)
		if got := slices.Contains(p.Labels, "Governing Law"); got != tc.want {
			t.Errorf("needs %v: Governing Law found %v, want %v (labels %v)", tc.needs, got, tc.want, p.Labels)
		}
	}
}
