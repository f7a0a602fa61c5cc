package analyze

import (
	"testing"

	"github.com/termscore/termscore/internal/document"
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
func TestPartyNamesOfADataProcessingAgreement(t *testing.T) {
	doc := &document.Document{Definitions: []document.Definition{{Term: "Controller"}, {Term: "Processor"}, {Term: "Personal Data"}}}
	want := parties{contractor: "the Controller", client: "the Processor", deliverables: "the Customer Data"}
	if got := partyNames(doc, terms.KeyTerms{}, "client"); got != want {
		t.Errorf("partyNames = %+v, want %+v", got, want)
	}
}
