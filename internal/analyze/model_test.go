package analyze

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/model"
)

// On real terms of service, the UNFAIR-ToS model confirms rule findings,
// and everything it adds on its own says so and is scored with its
// (discounted) probability.
func TestModelsJoinRules(t *testing.T) {
	unfair, err := model.Load(model.UnfairToS)
	if err != nil {
		t.Fatal(err)
	}
	rs := embeddedRules(t)
	ex := extract.New(extract.Options{})
	plain := New(rs)
	withModel := plain.WithModels(unfair, nil)
	confirmed := 0
	for _, name := range []string{"github-terms-of-service.md", "WordPress.com-Terms-of-Service.md"} {
		doc, err := ex.ReadFile(context.Background(), filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		base, err := plain.Analyze(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		r, err := withModel.Analyze(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Document.Type != "terms-of-service" {
			t.Fatalf("%s: type %s", name, r.Document.Type)
		}
		for _, f := range r.Findings {
			switch {
			case slices.Equal(f.Sources, []string{"model"}):
				if !strings.Contains(f.Evidence, "model") || f.Confidence > modelDiscount || f.Quote == "" {
					t.Errorf("%s: model-only finding %s: evidence %q, confidence %v, quote %q", name, f.Rule, f.Evidence, f.Confidence, f.Quote)
				}
			case slices.Contains(f.Sources, "model"):
				confirmed++
			}
		}
		// Every rule finding survives: the model adds, confirms or doubts.
		for _, bf := range base.Findings {
			if !slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Rule == bf.Rule }) {
				t.Errorf("%s: rule finding %s lost when the model ran", name, bf.Rule)
			}
		}
	}
	if confirmed == 0 {
		t.Error("the model confirmed no rule finding on two real terms of service")
	}
}

// A model finding does not bring back what the rule's own logic leaves
// out: both parties' right to end a CUAD services agreement is not
// one-sided termination for convenience, and the options of a Common
// Paper cover page, none ticked, are not terms.
func TestModelKeepsRuleExclusions(t *testing.T) {
	rs := embeddedRules(t)
	ex := extract.New(extract.Options{})
	a := New(rs).WithModels(EmbeddedModels())
	for _, tt := range []struct{ file, rule, quote string }{
		{"cuad-ability-services.txt", "term.convenience-one-sided", "Each of the Recipient"},
		{"common-paper-professional-services-agreement.docx", "liab.uncapped", "[ ] Breach of Section 3"},
		{"common-paper-professional-services-agreement.docx", "liab.insurance-required", "[ ] For Provider:"},
	} {
		doc, err := ex.ReadFile(context.Background(), filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		r, err := a.Analyze(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Findings {
			if f.Rule == tt.rule && strings.Contains(f.Quote, tt.quote) {
				q := f.Quote
				if len(q) > 100 {
					q = q[:100] + "…"
				}
				t.Errorf("%s: %s found by %v on %q, which the rule excludes", tt.file, f.Rule, f.Sources, q)
			}
		}
	}
}

// A model finding is held to the rule's actor: a contractor's own right to
// terminate for convenience is no warning for the contractor, whichever
// signal finds the clause; the client's same right is.
func TestModelKeepsRuleActor(t *testing.T) {
	rs := embeddedRules(t)
	ex := extract.New(extract.Options{})
	a := New(rs).WithModels(EmbeddedModels())
	const head = "# Freelance Agreement\n\nThis Freelance Agreement is between Acme Corp (\"Client\") and Jo Smith (\"Contractor\").\n\n1. Services. Contractor shall design the Client's website.\n\n"
	const tail = "\n\n3. Payment. Client shall pay each invoice within 30 days.\n"
	for _, tt := range []struct {
		clause string
		want   bool
	}{
		{"2. Term. The Contractor may terminate this Agreement for convenience on fourteen days' written notice to the Client.", false},
		{"2. Term. The Client may terminate this Agreement for convenience on fourteen days' written notice to the Contractor.", true},
	} {
		doc, err := ex.ReadBytes(context.Background(), "freelance.md", []byte(head+tt.clause+tail))
		if err != nil {
			t.Fatal(err)
		}
		r, err := a.Analyze(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Rule == "term.convenience-one-sided" })
		if got != tt.want || r.Role != "contractor" {
			t.Errorf("%q as %s: term.convenience-one-sided reported %v, want %v", tt.clause, r.Role, got, tt.want)
		}
	}
}

// A clause the model reads as uncapped liability is not reported when its
// clause caps the carved-out claims in another sentence, as the rule's own
// clause test says (liab.uncapped's detect.clause): the model does not
// bring back what the rule leaves out on purpose.
func TestModelKeepsRuleClauseTest(t *testing.T) {
	rs := embeddedRules(t)
	ex := extract.New(extract.Options{})
	a := New(rs).WithModels(EmbeddedModels())
	const head = "# Subscription Agreement\n\nThis Subscription Agreement is between Cloudly Inc. (\"Provider\") and Buyer Ltd (\"Customer\").\n\n" +
		"1. Services. Provider shall make the Service available to Customer.\n\n" +
		"9. Limitation of Liability.\n\n" +
		"9.1 Exclusion of Damages. EXCEPT FOR EXCLUDED CLAIMS, NEITHER PARTY SHALL BE LIABLE FOR ANY INDIRECT, INCIDENTAL, SPECIAL, CONSEQUENTIAL, OR PUNITIVE DAMAGES, OR DAMAGES FOR LOSS OF PROFITS, REVENUE OR DATA, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGES.\n\n" +
		"9.2 Liability Cap. EXCEPT FOR EXCLUDED CLAIMS, EACH PARTY'S TOTAL CUMULATIVE LIABILITY UNDER THIS AGREEMENT SHALL NOT EXCEED THE FEES PAID BY CUSTOMER DURING THE TWELVE (12) MONTHS PRECEDING THE CLAIM.\n\n" +
		"9.3 Excluded Claims. \"Excluded Claims\" means (a) Customer's payment obligations; (b) either Party's indemnification obligations; and (c) either Party's breach of its confidentiality obligations.\n\n"
	const capped = "9.4 Excluded Claims Cap. For Excluded Claims, each Party's liability shall not exceed three times (3x) the Fees paid during the twelve (12) months preceding the claim.\n"
	for _, tt := range []struct {
		text string
		want bool
	}{
		{head, true},
		{head + capped, false},
	} {
		doc, err := ex.ReadBytes(context.Background(), "saas.md", []byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		r, err := a.Analyze(doc, Options{Role: "client"})
		if err != nil {
			t.Fatal(err)
		}
		got := slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Rule == "liab.uncapped" })
		if got != tt.want {
			t.Errorf("with the 9.4 cap %v: liab.uncapped reported %v, want %v", tt.text != head, got, tt.want)
		}
	}
}

// Where a rule that says a risk more precisely found the clause, the
// model does not add the general rule it supersedes beside it:
// term.change-of-control-termination supersedes term.change-of-control,
// whose CUAD label the model gives this sentence.
func TestModelKeepsSupersedes(t *testing.T) {
	rs := embeddedRules(t)
	unfair, cuad := EmbeddedModels()
	const sentence = "Licensor may terminate this Agreement by providing prior written notice to Licensee upon the occurrence of a Change of Control."
	i := slices.Index(cuad.Labels(), "Change of Control")
	if i < 0 {
		t.Fatal("the CUAD model has no Change of Control label")
	}
	if p := cuad.Scores(nil, sentence)[i]; p < modelAlone {
		t.Fatalf("the model gives the sentence Change of Control %.2f, below %.2f: the test no longer tests anything", p, modelAlone)
	}
	text := "# License Agreement\n\nThis License Agreement is between Brightwave Ltd (\"Licensor\") and Northfield Inc. (\"Licensee\").\n\n" +
		"1. License. Licensor grants Licensee a non-exclusive license to use the Software.\n\n" +
		"2. Fees. Licensee shall pay the fees set out in Schedule A.\n\n" +
		"14. Change of Control. " + sentence + "\n"
	doc, err := extract.New(extract.Options{}).ReadBytes(context.Background(), "license.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(rs).WithModels(unfair, cuad).Analyze(doc, Options{Role: "licensee"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Rule)
	}
	if !slices.Contains(got, "term.change-of-control-termination") || slices.Contains(got, "term.change-of-control") {
		t.Errorf("findings %v: want term.change-of-control-termination and not term.change-of-control", got)
	}
}

// A label broader than its rule's risk (maps_to.confirm_only) adds no
// finding alone: on these CUAD contracts the model gives each sentence
// the rule's label with at least modelAlone, and the sentence is not the
// rule's risk: a franchisee's option to renew is not automatic renewal,
// a covenant not to divert customers no non-disparagement, the client's
// own right to end an outsourcing early no one-sided termination for
// convenience, a seven-day window to reject goods no warranty period.
func TestModelConfirmOnly(t *testing.T) {
	rs := embeddedRules(t)
	unfair, cuad := EmbeddedModels()
	ex := extract.New(extract.Options{})
	a := New(rs).WithModels(unfair, cuad)
	for _, tt := range []struct{ file, rule, label, quote string }{
		{"cuad-soupman-franchise.txt", "term.auto-renewal", "Renewal Term", "You shall have the option to renew the term of this Agreement"},
		{"cuad-soupman-franchise.txt", "restrict.non-disparagement", "Non-Disparagement", "Divert or attempt to divert any business or customer"},
		{"cuad-cca-outsourcing.txt", "term.convenience-one-sided", "Termination for Convenience", "The Company may terminate this Agreement in accordance with the immediately preceding sentence"},
		{"cuad-agape-supply.txt", "liab.warranty-duration", "Warranty Duration", "The Customer shall inspect all Products promptly upon receipt"},
	} {
		doc, err := ex.ReadFile(context.Background(), filepath.Join("..", "doctype", "testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		li := slices.Index(cuad.Labels(), tt.label)
		if li < 0 {
			t.Fatalf("the CUAD model has no label %q", tt.label)
		}
		best := 0.0
		for _, s := range doc.Sentences {
			if text := doc.Slice(s); strings.Contains(text, tt.quote) {
				best = max(best, cuad.Scores(nil, text)[li])
			}
		}
		if best < modelAlone {
			t.Fatalf("%s: the model gives %q %s %.2f, below %.2f: the case no longer tests anything", tt.file, tt.quote, tt.label, best, modelAlone)
		}
		r, err := a.Analyze(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Findings {
			if f.Rule == tt.rule && slices.Equal(f.Sources, []string{"model"}) {
				t.Errorf("%s: the model added %s alone on %q", tt.file, f.Rule, f.Quote)
			}
		}
	}
}

// A rule finding the CUAD model finds very unlikely is reported at the
// confidence such findings earned when read one by one: 0.3 for most
// rules, where about one in four was the risk, 0.6 for a rule whose label
// covers only part of its risk (maps_to.weak_doubt), where about half
// was. A sales representative's promise not to solicit the customers he
// brought is such a finding, and so is the carve-out of Common Paper's
// "Unlimited Claims" from the cap, which the model does not know. A
// franchise renewed at the franchisee's option is not automatic renewal,
// though the model confirmed "execute our then-current form … for the
// renewal term" as CUAD's Renewal Term.
func TestModelDoubt(t *testing.T) {
	rs := embeddedRules(t)
	ex := extract.New(extract.Options{})
	a := New(rs).WithModels(EmbeddedModels())
	for _, tt := range []struct {
		file, rule, quote string
		want              float64 // 0: no finding
	}{
		{"testdata/gold-sales-representative.md", "restrict.non-solicit", "shall not directly solicit any customer he introduced", 0.3},
		{"testdata/CSA.md", "liab.uncapped", "does not apply to any Unlimited Claims", 0.6},
		{"../doctype/testdata/cuad-soupman-franchise.txt", "term.auto-renewal", "", 0},
	} {
		doc, err := ex.ReadFile(context.Background(), filepath.FromSlash(tt.file))
		if err != nil {
			t.Fatal(err)
		}
		r, err := a.Analyze(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got *Finding
		for i, f := range r.Findings {
			if f.Rule == tt.rule && strings.Contains(f.Quote, tt.quote) {
				got = &r.Findings[i]
				break
			}
		}
		switch {
		case tt.want == 0 && got != nil:
			t.Errorf("%s: %s found on %q", tt.file, tt.rule, got.Quote)
		case tt.want == 0:
		case got == nil:
			t.Errorf("%s: no %s finding on %q", tt.file, tt.rule, tt.quote)
		case got.Confidence != tt.want || !strings.Contains(got.Evidence, "model doubts this") || !slices.Equal(got.Sources, []string{"rule"}):
			t.Errorf("%s: %s at %v, sources %v, evidence %q; want %v, doubted by the model", tt.file, tt.rule, got.Confidence, got.Sources, got.Evidence, tt.want)
		}
	}
}
