package analyze

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/terms"
)

func TestFill(t *testing.T) {
	p := parties{client: "the Agency", contractor: "the Consultant", deliverables: "the Work Product"}
	you := parties{client: "the Company", contractor: "you", deliverables: "your content"}
	tests := []struct {
		p        parties
		in, want string
	}{
		{p, "{{client}} may not use {{deliverables}} to train AI.", "The Agency may not use the Work Product to train AI."},
		{p, "Neither the {{client}} nor any {{deliverables}}.", "Neither the Agency nor any Work Product."},
		{p, "Paid to {{contractor}}: {{contractor}} keeps rights.", "Paid to the Consultant: the Consultant keeps rights."},
		{p, "no placeholders", "no placeholders"},
		{you, "{{client}} shall not use the {{deliverables}} to train AI.", "The Company shall not use your content to train AI."},
		{you, "{{contractor}} shall indemnify {{client}} for {{contractor}}'s breach.", "You shall indemnify the Company for your breach."},
		{you, "and {{contractor}} may terminate; {{contractor}} grants a licence; {{contractor}} does not waive.", "and you may terminate; you grant a licence; you do not waive."},
		{you, "The {{deliverables}} stay yours.", "Your content stay yours."},
		// A party named by its name takes no article, the pack's or its own.
		{parties{client: "Aduro", contractor: "the Consultant"}, "If the {{client}} cancels, {{client}}'s fee is due to {{contractor}}.", "If Aduro cancels, Aduro's fee is due to the Consultant."},
		{parties{client: "Aduro", contractor: "the Consultant"}, "The {{client}} shall pay.", "Aduro shall pay."},
		{parties{client: "the Company", contractor: "Reed's"}, "{{contractor}}'s fee and {{contractor}}’s tools.", "Reed's fee and Reed's tools."},
	}
	for _, tt := range tests {
		if got := tt.p.fill(tt.in); got != tt.want {
			t.Errorf("fill(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPartyNamesByRole: {{contractor}} is the reviewer's side whatever the
// role, named as the document defines it.
func TestPartyNamesByRole(t *testing.T) {
	doc := &document.Document{Definitions: []document.Definition{{Term: "Provider"}, {Term: "Customer"}, {Term: "Customer Content"}}}
	tests := []struct {
		role string
		want parties
	}{
		{"client", parties{contractor: "the Customer", client: "the Provider", deliverables: "the Customer Content"}},
		{"contractor", parties{contractor: "the Provider", client: "the Customer", deliverables: "the Deliverables"}},
		{"consumer", parties{contractor: "you", client: "the Provider", deliverables: "your content"}},
		{"tenant", parties{contractor: "the Tenant", client: "the Landlord", deliverables: "the Deliverables"}},
	}
	for _, tt := range tests {
		if got := partyNames(doc, terms.KeyTerms{}, tt.role); got != tt.want {
			t.Errorf("partyNames(%s) = %+v, want %+v", tt.role, got, tt.want)
		}
	}
	// A sublease names the subtenant and the tenant of the head lease who
	// lets to it; a plant-hire form the "Company" that hires its equipment
	// out to the "Hirer".
	other := []struct {
		defined    []string
		role       string
		own, other string
	}{
		{[]string{"Landlord", "Tenant", "Sublessor", "Sublessee"}, "tenant", "the Sublessee", "the Sublessor"},
		{[]string{"Tenant", "Subtenant"}, "tenant", "the Subtenant", "the Landlord"},
		{[]string{"Company", "Hirer"}, "client", "the Hirer", "the Company"},
		{[]string{"Company", "Hirer"}, "contractor", "the Contractor", "the Hirer"},
	}
	for _, tt := range other {
		doc := &document.Document{}
		for _, d := range tt.defined {
			doc.Definitions = append(doc.Definitions, document.Definition{Term: d})
		}
		if got := partyNames(doc, terms.KeyTerms{}, tt.role); got.contractor != tt.own || got.client != tt.other {
			t.Errorf("partyNames(%q, %s) = %q, %q; want %q, %q", tt.defined, tt.role, got.contractor, got.client, tt.own, tt.other)
		}
	}
}

// An advisor's, speaker's or influencer's agreement names its sides in
// the suggestions; a contract that also defines a usual name keeps it.
func TestPartyNamesOfOtherContractors(t *testing.T) {
	defs := func(terms ...string) *document.Document {
		d := &document.Document{}
		for _, t := range terms {
			d.Definitions = append(d.Definitions, document.Definition{Term: t})
		}
		return d
	}
	tests := []struct {
		doc  *document.Document
		want parties
	}{
		{defs("Company", "Advisor"), parties{contractor: "the Advisor", client: "the Company", deliverables: "the Deliverables"}},
		{defs("Brand", "Influencer", "Content"), parties{contractor: "the Influencer", client: "the Brand", deliverables: "the Content"}},
		{defs("Sponsor", "Speaker"), parties{contractor: "the Speaker", client: "the Sponsor", deliverables: "the Deliverables"}},
		{defs("Client", "Consultant", "Partner", "Services", "Content"), parties{contractor: "the Consultant", client: "the Client", deliverables: "the Services"}},
	}
	for _, tt := range tests {
		if got := partyNames(tt.doc, terms.KeyTerms{}, "contractor"); got != tt.want {
			t.Errorf("partyNames(%v) = %+v, want %+v", tt.doc.Definitions, got, tt.want)
		}
	}
}

// A data processing agreement names its sides Controller and Processor;
// the customer reviewing it is the controller.
// A commission agent, a sales representative or a subcontractor is named
// so only where a party is called that ("Acme LLC (the "Agent")"): as a
// defined term alone the word is often a third party, such as a
// supplier's "Subcontractor", or somebody's "Representative".
func TestPartyNamesByPartyAlias(t *testing.T) {
	tests := []struct {
		defined, aliases []string
		want             parties
	}{
		{nil, []string{"Company", "Representative"}, parties{contractor: "the Representative", client: "the Company", deliverables: "the Deliverables"}},
		{nil, []string{"Principal", "Agent"}, parties{contractor: "the Agent", client: "the Principal", deliverables: "the Deliverables"}},
		{[]string{"Work"}, []string{"Client", "Subcontractor"}, parties{contractor: "the Subcontractor", client: "the Client", deliverables: "the Work"}},
		// Defined, but no party's name: the usual names.
		{[]string{"Subcontractor", "Representative", "Agent", "Principal"}, nil, parties{contractor: "the Contractor", client: "the Client", deliverables: "the Deliverables"}},
		// A usual name wins over a role.
		{nil, []string{"Customer", "Provider", "Agent"}, parties{contractor: "the Provider", client: "the Customer", deliverables: "the Deliverables"}},
	}
	for _, tt := range tests {
		doc := &document.Document{}
		for _, d := range tt.defined {
			doc.Definitions = append(doc.Definitions, document.Definition{Term: d})
		}
		var kt terms.KeyTerms
		for _, a := range tt.aliases {
			kt.Parties = append(kt.Parties, terms.Party{Name: "Acme " + a + " LLC", Alias: a})
		}
		if got := partyNames(doc, kt, "contractor"); got != tt.want {
			t.Errorf("partyNames(defined %v, aliases %v) = %+v, want %+v", tt.defined, tt.aliases, got, tt.want)
		}
	}
}

// TestPartyNamesOfAProperName: where one side is named by its role and
// the only other party by its own name ("Aduro"), the suggestions use
// that name, not "the Client" the contract never mentions. A role word
// ("Distributor") or a name the contract writes with "the" ("the Bank")
// is no proper name; with a third party it is unclear who the other is.
func TestPartyNamesOfAProperName(t *testing.T) {
	party := func(name, alias string) terms.Party { return terms.Party{Name: name, Alias: alias} }
	aduro := "Aduro shall pay Consultant. Aduro may terminate. Consultant shall deliver to Aduro."
	tests := []struct {
		name    string
		text    string
		parties []terms.Party
		want    parties
	}{
		{"other side by name", aduro, []terms.Party{party("Aduro Biotech, Inc.", "Aduro"), party("IREYA B.V", "Consultant")},
			parties{contractor: "the Consultant", client: "Aduro", deliverables: "the Deliverables"}},
		{"own side by name", "Company shall pay Jane Roe. Roe shall deliver to Company. Roe keeps her tools.", []terms.Party{party("Acme Inc.", "Company"), party("Jane Roe", "Roe")},
			parties{contractor: "Roe", client: "the Company", deliverables: "the Deliverables"}},
		{"a role word is no name", "Distributor shall pay Consultant. Distributor may resell.", []terms.Party{party("Acme Inc.", "Distributor"), party("Jane Roe", "Consultant")},
			parties{contractor: "the Consultant", client: "the Client", deliverables: "the Deliverables"}},
		{"a name written with the article", "The Bank shall pay Consultant. The Bank may end it. the Bank agrees.", []terms.Party{party("First Bank N.A.", "Bank"), party("Jane Roe", "Consultant")},
			parties{contractor: "the Consultant", client: "the Client", deliverables: "the Deliverables"}},
		{"three parties", aduro + " Ireya Holding guarantees.", []terms.Party{party("Aduro Biotech, Inc.", "Aduro"), party("IREYA B.V", "Consultant"), party("Ireya Holding B.V.", "Ireya Holding")},
			parties{contractor: "the Consultant", client: "the Client", deliverables: "the Deliverables"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &document.Document{Text: tt.text}
			if got := partyNames(doc, terms.KeyTerms{Parties: tt.parties}, "contractor"); got != tt.want {
				t.Errorf("partyNames = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestUsedAsDefined: a name of the work counts as defined where the text
// writes it capitalised after a determiner three times, not as part of
// a longer name or another word.
func TestUsedAsDefined(t *testing.T) {
	names := []string{"Deliverables", "Work Product", "Works", "Work", "Materials", "Services"}
	tests := []struct {
		text string
		want []string
	}{
		{"The Deliverables are listed. Provider delivers the Deliverables; Customer accepts any Deliverables.", []string{"Deliverables"}},
		{"Provider delivers the Deliverables; Customer accepts the Deliverables.", nil},
		{"the Works Schedule, the Works Schedule and the Works Schedule.", nil},
		{"the Frameworks, the Frameworks and the Frameworks.", nil},
		{"Customer owns Deliverables. Provider makes Deliverables. Deliverables ship.", nil},
		// Only the names a contract capitalises for its defined term alone.
		{"the Work, the Work and the Work; the Materials, the Materials and the Materials.", nil},
		{"all Work Product, such Work Product and the Work Product; the Works, its Works and these Works.", []string{"Work Product", "Works"}},
	}
	for _, tt := range tests {
		if got := usedAsDefined(tt.text, names); !slices.Equal(got, tt.want) {
			t.Errorf("usedAsDefined(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSuggestionsName: the suggested wording names the sides and the work
// as each contract does.
func TestSuggestionsName(t *testing.T) {
	tests := []struct {
		name, path, role string
		// never are words no suggestion may hold, each of want one at least.
		never, want []string
	}{
		// Aduro Biotech's consulting agreement calls the consultant
		// "Consultant" and the company "Aduro"; its suggested wording once
		// told "the Client" to pay.
		{"a party's own name", "../../testdata/contracts/cuad-adurobiotech-consulting-agreement.txt", "contractor",
			[]string{"Client"}, []string{"Aduro"}},
		// A lease's suggested wording says "this Lease", as the lease does.
		{"the lease", "testdata/commercial-lease-sample.md", "tenant",
			[]string{"this Agreement", "This Agreement"}, []string{"this Lease|This Lease"}},
		// An agency's contractor terms (our own words) name the parties only
		// in their definitions ("Agency" means …; "Consultancy" means …). The
		// suggested wording once told "the Client", whom the terms define as
		// the agency's customer, to pay "the Contractor".
		{"parties named in the definitions", "testdata/agency-consultancy-terms.txt", "contractor",
			[]string{"Client", "Contractor"}, []string{"the Agency", "the Consultancy"}},
		// A services agreement in our own words defines its "Deliverables" in
		// a row of its cover page, as Common Paper's professional services
		// agreement does, and "Services" in its definitions; the suggestions
		// once gave the Customer "the Services".
		{"deliverables of a cover page", "testdata/cover-page-deliverables.md", "contractor",
			[]string{"the Services"}, []string{"the Deliverables"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := make([]bool, len(tt.want))
			for rule, s := range suggestedWording(t, tt.path, tt.role) {
				for _, w := range tt.never {
					if strings.Contains(s, w) {
						t.Errorf("%s: suggestion says %q: %q", rule, w, s)
					}
				}
				for i, w := range tt.want {
					for _, alt := range strings.Split(w, "|") {
						found[i] = found[i] || strings.Contains(s, alt)
					}
				}
			}
			for i, w := range tt.want {
				if !found[i] {
					t.Errorf("no suggestion says %q", w)
				}
			}
		})
	}
}

// suggestedWording returns the suggested wording, text and fallback, of
// each finding of the review of the file at path as role, by rule.
func suggestedWording(t *testing.T, path, role string) map[string]string {
	t.Helper()
	doc, err := extract.New(extract.Options{NoOCR: true}).ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(embeddedRules(t)).Analyze(doc, Options{Role: role})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range r.Findings {
		if f.Suggestion != nil {
			out[f.Rule] += f.Suggestion.Text + " " + f.Suggestion.Fallback + " "
		}
	}
	return out
}

// TestSelfNoun: the packs' "this Agreement" follows what the document
// calls itself, and only where it clearly does.
func TestSelfNoun(t *testing.T) {
	tests := []struct{ text, want string }{
		{"This Lease is made on 1 May. Tenant shall pay rent under this Lease. Landlord may end this Lease.", "Lease"},
		// A "Lease Agreement" is an agreement.
		{"This Lease Agreement is made. Under this Lease Agreement, this Lease Agreement ends.", ""},
		{"this contract sets out our terms. If this contract ends, this contract's fees are due.", "contract"},
		// "this Contractor" names a party, not the document.
		{"This Agreement is made. this Contractor and this Contractor. This Agreement ends.", ""},
		// Once is not enough.
		{"This Contract is made. The parties sign it.", ""},
		{"This Agreement is made. Terms of this Agreement and this agreement; this Contract and this Contract.", ""},
	}
	for _, tt := range tests {
		if got := selfNoun(tt.text); got != tt.want {
			t.Errorf("selfNoun(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	p := parties{client: "the Landlord", contractor: "the Tenant", self: "Lease"}
	in := "This Agreement is governed by the laws of [your jurisdiction]; {{contractor}} may assign this Agreement and the Agreement survives."
	want := "This Lease is governed by the laws of [your jurisdiction]; the Tenant may assign this Lease and the Lease survives."
	if got := p.fill(in); got != want {
		t.Errorf("fill(%q) = %q, want %q", in, got, want)
	}
}

// TestHirerReviewed: a plant-hire form defines the owner as "Company" and
// the customer as "Hirer". Reviewed as the hirer, "The Company is not
// liable …" once read as the reviewer's own freedom, and the hirer's risk
// "whatever the cause" went unreported.
func TestHirerReviewed(t *testing.T) {
	doc, err := extract.New(extract.Options{NoOCR: true}).ReadFile(context.Background(), "../doctype/testdata/conditions-of-hire-plant.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(embeddedRules(t)).Analyze(doc, Options{Role: "client"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"liab.limitation-of-liability": "6.2", "liab.damage-regardless-of-fault": "5.1", "term.unilateral-change": "3.4"}
	for _, f := range r.Findings {
		if sec, ok := want[f.Rule]; ok && f.Location.Section == sec {
			delete(want, f.Rule)
		}
	}
	for rule, sec := range want {
		t.Errorf("no %s finding in § %s", rule, sec)
	}
}

// TestPartyNamesOfCompany: "Company" names a customer's side or a
// provider's. It is the reviewer (a client) beside a provider's word or a
// company's sales agent, the other side beside an investor, and beside a
// party of a name of its own the side the contract says pays; where
// nothing tells, it names neither side.
func TestPartyNamesOfCompany(t *testing.T) {
	party := func(alias string) terms.Party { return terms.Party{Name: "Acme " + alias + " Inc.", Alias: alias} }
	tests := []struct {
		name       string
		parties    []terms.Party
		text       string
		own, other string
	}{
		{"a consultant's company", []terms.Party{party("Company"), party("Consultant")}, "", "the Company", "the Consultant"},
		{"a sales representative's company", []terms.Party{party("Company"), party("Representative")}, "", "the Company", "the Representative"},
		// Rare Element's IP rights agreement: the investor takes rights in
		// the company's patents.
		{"an investor", []terms.Party{party("Investor"), party("Company")}, "", "the Investor", "the Company"},
		// Cybergy's marketing affiliate agreement: "MA" buys the company's
		// units to resell, which no word of either side says.
		{"a marketing affiliate", []terms.Party{party("Company"), party("Marketing Affiliate")},
			"Company shall not be liable. MA shall pay the fees. Company may change its fees.", "the Customer", "the Provider"},
		// A services agreement with a provider named by its own name: the
		// company pays.
		{"the company pays", []terms.Party{party("Maimon"), party("Company")},
			"The Company shall pay Maimon a monthly fee. The Company will reimburse Maimon's expenses. Maimon shall provide the services.",
			"the Company", "Maimon"},
		// Immunomedics' promotion agreement: Janssen pays the company to
		// promote Janssen's product.
		{"the other party pays", []terms.Party{party("Janssen"), party("Company")},
			"Janssen shall pay Company the fees. Janssen shall pay the milestones. Janssen will reimburse costs. Company shall pay its own taxes.",
			"Janssen", "the Company"},
		{"both pay", []terms.Party{party("Janssen"), party("Company")},
			"Janssen shall pay Company the fees. Janssen shall pay the milestones. Company shall pay the costs. Company will pay the taxes.",
			"the Customer", "the Provider"},
		// One of three parties may be the company under its own name
		// (MusclePharm's endorsement agreement: "MusclePharm" or the
		// "Company", with a lender and a publisher).
		{"three parties", []terms.Party{party("Lender"), party("Fitness"), party("MusclePharm")},
			"MusclePharm shall pay Lender a royalty. MusclePharm shall reimburse the costs. MusclePharm will pay the fees.", "the Customer", "the Provider"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &document.Document{Text: tt.text, Definitions: []document.Definition{{Term: "Company"}}}
			got := partyNames(doc, terms.KeyTerms{Parties: tt.parties}, "client")
			if got.contractor != tt.own || got.client != tt.other {
				t.Errorf("partyNames = %q, %q; want %q, %q", got.contractor, got.client, tt.own, tt.other)
			}
		})
	}
}

// TestCompanyReviewed: two CUAD contracts call one side "Company" and
// define no customer's word. Reviewed as the client, Rare Element's
// investor once read "INVESTOR WILL HAVE NO LIABILITY" as the other side's
// limitation and its own "COMPANY WILL HAVE NO LIABILITY" as the
// reviewer's freedom; Cybergy's marketing affiliate, which buys the
// company's units, was not told that the company may change its fees.
func TestCompanyReviewed(t *testing.T) {
	tests := []struct {
		path string
		// want are the starts of quotes a finding of the rule must have,
		// never those none may.
		want, never map[string]string
	}{
		{"testdata/cuad-rare-element-ip-rights.txt",
			map[string]string{"liab.limitation-of-liability": "COMPANY WILL HAVE NO LIABILITY"},
			map[string]string{"liab.limitation-of-liability": "INVESTOR WILL HAVE NO LIABILITY"}},
		{"testdata/cuad-cybergy-marketing-affiliate.txt",
			map[string]string{"term.unilateral-change": "Company reserves the right to change its process and/or fees", "liab.limitation-of-liability": "Company is not liable"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc, err := extract.New(extract.Options{NoOCR: true}).ReadFile(context.Background(), tt.path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := New(embeddedRules(t)).Analyze(doc, Options{Role: "client"})
			if err != nil {
				t.Fatal(err)
			}
			want := maps.Clone(tt.want)
			for _, f := range r.Findings {
				if q, ok := want[f.Rule]; ok && strings.HasPrefix(f.Quote, q) {
					delete(want, f.Rule)
				}
				if q, ok := tt.never[f.Rule]; ok && strings.HasPrefix(f.Quote, q) {
					t.Errorf("%s finding in § %s: %q", f.Rule, f.Location.Section, f.Quote)
				}
			}
			for rule, q := range want {
				t.Errorf("no %s finding quoting %q", rule, q)
			}
		})
	}
}
