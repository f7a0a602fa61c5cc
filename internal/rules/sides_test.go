package rules

import (
	"regexp"
	"strings"
	"testing"
)

// TestMark: the parties' names are written as who they are in the review,
// the document's names before the role's usual ones.
func TestMark(t *testing.T) {
	tests := []struct {
		sentence string
		opt      MatchOptions
		want     string
	}{
		{"However, Customer is not responsible for Provider's income taxes.", MatchOptions{Role: "client"},
			" however ownside is not responsible for otherside s income taxes "},
		// The document's names win: in a contractor agreement reviewed as
		// the company, the Company is the reviewer.
		{"Company's total liability shall not exceed the fees paid to Contractor.", MatchOptions{Role: "client", Own: []string{"Company"}, Other: []string{"Contractor"}},
			" ownside s total liability shall not exceed the fees paid to otherside "},
		{"Company's total liability shall not exceed the fees paid to Contractor.", MatchOptions{Role: "contractor"},
			" otherside s total liability shall not exceed the fees paid to ownside "},
		// A name of two words is one side: of two parties, "Vendor" names
		// the other side, so AT&T is the client.
		{"AT&T shall not be liable to Vendor.", MatchOptions{Role: "client", Parties: []string{"Vendor", "AT&T"}},
			" ownside shall not be liable to otherside "},
	}
	for _, tt := range tests {
		if got := newActors(tt.opt).mark(canonicalize(tt.sentence, nil, nil).s); got != tt.want {
			t.Errorf("mark(%q) as %+v = %q, want %q", tt.sentence, tt.opt, got, tt.want)
		}
	}
}

// TestSidesLimitation: liab.limitation-of-liability reports the other
// side's limit, not the reviewer's own freedom, in the reviews that name
// the sides (a consumer's by its own names, "Customer", "Member", not
// "you"); in others (a tenant's, or none) it reads as written.
func TestSidesLimitation(t *testing.T) {
	s := embedded(t)
	distributor := MatchOptions{Role: "client", Own: []string{"Distributor"}, Other: []string{"Vendor"}}
	tests := []struct {
		text string
		opt  MatchOptions
		fire bool
	}{
		// Common Paper's software licence 3.3 (CC BY 4.0).
		{"However, Customer is not responsible for Provider's income taxes.", MatchOptions{Role: "client"}, false},
		{"However, Customer is not responsible for Provider's income taxes.", MatchOptions{Role: "licensee"}, false},
		{"However, Customer is not responsible for Provider's income taxes.", MatchOptions{}, true},
		{"However, Customer is not responsible for Provider's income taxes.", MatchOptions{Role: "consumer"}, false},
		{"However, Customer is not responsible for Provider's income taxes.", MatchOptions{Role: "tenant"}, true},
		// "You" names the consumer nowhere: a trader's exclusion stays one.
		{"You acknowledge that we will not be liable to you for any loss of your data.", MatchOptions{Role: "consumer", Own: []string{"you"}}, true},
		{"However, Provider is not responsible for Customer's lost data.", MatchOptions{Role: "client"}, true},
		// CUAD's Entertainment Gaming Asia distributor agreement 5.5.
		{"Distributor shall not be liable for any losses or damages incurred by Vendor as a result of Distributor's failure to meet its obligations under Section 5.1 of this Agreement.", distributor, false},
		{"Vendor shall not be liable for any losses or damages incurred by Distributor as a result of a delay in delivery.", distributor, true},
		// The reviewer's own claims limited is a risk to it.
		{"Distributor shall not be entitled to claim or receive from Vendor any compensation or damages on account of the termination.", distributor, true},
		{"Distributor's sole and exclusive remedy for a defective Product shall be its replacement.", distributor, true},
		// Both sides freed: still the other side's limit.
		{"Vendor shall not be liable to Distributor, and Distributor shall not be liable to Vendor, for lost profits.", distributor, true},
		{"Neither Vendor nor Distributor shall be liable for consequential damages.", distributor, true},
	}
	for _, tt := range tests {
		fired := false
		for _, h := range s.Match(ExampleDocument(tt.text), tt.opt) {
			fired = fired || h.Rule.ID == "liab.limitation-of-liability"
		}
		if fired != tt.fire {
			t.Errorf("%q as %+v: fired %v, want %v", tt.text, tt.opt, fired, tt.fire)
		}
		// A sentence a clause model finds is held to the same veto.
		if r := s.Lookup("liab.limitation-of-liability"); !tt.fire && !r.ExcludesFor(tt.text, tt.opt) {
			t.Errorf("ExcludesFor(%q) as %+v = false, want true", tt.text, tt.opt)
		}
	}
}

// TestSidesCapOneSided: a cap on the other side's liability alone is
// reported for the reviewer whose own liability it leaves uncapped.
func TestSidesCapOneSided(t *testing.T) {
	s := embedded(t)
	cp := "Company's total cumulative liability for all claims arising out of or relating to this Agreement will not be more than the fees paid or payable to Contractor in the twelve (12) month period preceding the events giving rise to such claim."
	saas := "LedgerLoop's total liability under this Agreement shall not exceed the fees paid by Customer in the twelve (12) months before the claim."
	tests := []struct {
		text string
		opt  MatchOptions
		fire bool
	}{
		{cp, MatchOptions{Role: "contractor", Own: []string{"Contractor"}, Other: []string{"Company"}}, true},
		// Reviewed as the company, the cap is the reviewer's own.
		{cp, MatchOptions{Role: "client", Own: []string{"Company"}, Other: []string{"Contractor"}}, false},
		{cp, MatchOptions{}, false},
		{saas, MatchOptions{Role: "client", Parties: []string{"LedgerLoop", "Customer"}}, true},
		{saas, MatchOptions{Role: "client", Parties: []string{"LedgerLoop", "Customer"}, Own: []string{"Customer"}}, true},
		{"# 8. Limitation of liability\n\n8.1 " + saas + "\n\n8.2 Customer's total liability under this Agreement shall not exceed the same amount.", MatchOptions{Role: "client", Own: []string{"Customer"}, Other: []string{"LedgerLoop"}}, false},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range s.Match(ExampleDocument(tt.text), tt.opt) {
			got = append(got, h.Rule.ID)
		}
		fired := strings.Contains(strings.Join(got, " "), "liab.cap-one-sided")
		if fired != tt.fire {
			t.Errorf("%q as %+v: fired %v, want %v (%v)", tt.text, tt.opt, fired, tt.fire, got)
		}
		// For a customer the one finding on the sentence is the one-sided cap.
		if fired && tt.opt.Role == "client" && strings.Contains(strings.Join(got, " "), "liab.limitation-of-liability") {
			t.Errorf("%q as %+v: liab.limitation-of-liability reported beside liab.cap-one-sided", tt.text, tt.opt)
		}
	}
}

func TestSidesLoadErrors(t *testing.T) {
	tests := []struct {
		name, sides, want string
	}{
		{"names no side", "{unless: ['\\bshall not be liable\\b']}", `rules\[0\]\.detect\.sides\.unless\[0\]: names neither "ownside" nor "otherside"`},
		{"empty", "{}", `rules\[0\]\.detect\.sides: needs require, unless or clause_unless`},
		{"despite alone", "{despite: ['\\bneither party\\b']}", `rules\[0\]\.detect\.sides\.despite: lifts the unless vetoes, but there are none`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(validRule, "      patterns:", "      sides: "+tt.sides+"\n      patterns:", 1)
			_, err := LoadDir(writePack(t, map[string]string{"bad.yaml": text}))
			if err == nil {
				t.Fatal("loaded without error")
			}
			if !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("error %q does not match %s", err, tt.want)
			}
		})
	}
}
