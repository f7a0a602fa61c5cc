package rules

import "testing"

// TestActorOther: for a client, a unilateral termination right is a risk
// when the provider holds it, not when the client does or both do.
func TestActorOther(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		text string
		opt  MatchOptions
		fire bool
	}{
		{"Provider may suspend Customer's access to the Service at any time without notice.", MatchOptions{Role: "client"}, true},
		{"Customer may terminate this Agreement at any time without notice.", MatchOptions{Role: "client"}, false},
		{"If Provider breaches this Agreement, Customer may terminate it immediately.", MatchOptions{Role: "client"}, false},
		{"The Company or the Contractor may terminate this Agreement at any time.", MatchOptions{Role: "client", Own: []string{"Company"}, Other: []string{"Contractor"}}, false},
		{"Company may terminate this Agreement at any time without notice.", MatchOptions{Role: "client", Own: []string{"Company"}, Other: []string{"Contractor"}}, false},
		{"Company may terminate this Agreement at any time without notice.", MatchOptions{Role: "client", Own: []string{"Distributor"}, Other: []string{"Company"}}, true},
		// Of two parties, "Vendor" names the other side, so AT&T is the client.
		{"AT&T may terminate this Agreement at any time without notice.", MatchOptions{Role: "client", Parties: []string{"Vendor", "AT&T"}}, false},
		{"AT&T may terminate this Agreement at any time without notice.", MatchOptions{Role: "client", Parties: []string{"Customer", "AT&T"}}, true},
		// "Company" may be either side: unplaced by the document's names, it
		// makes its counterpart neither, and the sentence reads as written.
		{"Maimon may terminate this Agreement at any time without notice.", MatchOptions{Role: "client", Parties: []string{"Maimon", "Company"}}, true},
		{"Maimon may terminate this Agreement at any time without notice.", MatchOptions{Role: "client", Own: []string{"Company"}, Parties: []string{"Maimon", "Company"}}, true},
		{"Maimon may terminate this Agreement at any time without notice.", MatchOptions{Role: "client", Other: []string{"Company"}, Parties: []string{"Maimon", "Company"}}, false},
		// A contractor is told of the client's right, not of its own: only
		// the subject right before the act counts, and a name after a
		// preposition is an object.
		{"Customer may terminate this Agreement at any time without notice.", MatchOptions{Role: "contractor"}, true},
		{"Provider may terminate this Agreement immediately and without notice for non-payment.", MatchOptions{Role: "contractor", Own: []string{"Provider"}, Other: []string{"Client"}}, false},
		{"Seller shall have the right to terminate this Agreement at any time without notice.", MatchOptions{Role: "contractor"}, false},
		{"Partner may terminate at any time with written notice.", MatchOptions{Role: "contractor"}, false},
		// A performer recorded for the other side is the contractor even
		// where the document defines no name for it (an AI voice agreement's
		// "By Voice Actor: …").
		{"Voice Actor may terminate this Agreement at any time without notice.", MatchOptions{Role: "contractor"}, false},
		{"The Talent may terminate this Agreement at any time for any reason.", MatchOptions{Role: "contractor"}, false},
		{"Company shall pay all fees then due to the Contractor and may terminate this Agreement at any time without notice.", MatchOptions{Role: "contractor", Own: []string{"Contractor"}, Other: []string{"Company"}}, true},
		{"Thereafter Company shall have thirty days to supply Contractor with the required equipment or terminate this Agreement at its sole discretion without notice.", MatchOptions{Role: "contractor", Own: []string{"Contractor"}, Other: []string{"Company"}}, true},
		// A consumer's own right to cancel a trader's contract (a wedding
		// photographer's terms) is no risk; the trader's is, and "you",
		// the default name of the consumer's side, decides nothing.
		{"Cancellation: The Client may cancel this contract at any time by giving written notice to Noah's Way Photography but shall forfeit any monies paid.", MatchOptions{Role: "consumer", Own: []string{"you"}, Other: []string{"the provider"}}, false},
		{"The Photographer may cancel this contract at any time without notice.", MatchOptions{Role: "consumer", Own: []string{"you"}, Other: []string{"the provider"}}, true},
		{"If you breach these terms, we may terminate your account at any time without notice.", MatchOptions{Role: "consumer", Own: []string{"you"}, Other: []string{"the provider"}}, true},
		{"If a Member breaches these terms, the Company may suspend the membership at any time.", MatchOptions{Role: "consumer", Own: []string{"you"}}, true},
	}
	for _, tt := range tests {
		fired := false
		for _, h := range s.Match(ExampleDocument(tt.text), tt.opt) {
			fired = fired || h.Rule.ID == "term.unilateral-termination"
		}
		if fired != tt.fire {
			t.Errorf("%q as %+v: fired %v, want %v", tt.text, tt.opt, fired, tt.fire)
		}
	}
}

// TestActorOwn: for a distributor, a non-compete binds when it binds the
// distributor, not when it binds the vendor.
func TestActorOwn(t *testing.T) {
	s := embedded(t)
	opt := MatchOptions{Role: "client", Own: []string{"Distributor"}, Other: []string{"Company"}}
	tests := []struct {
		text string
		fire bool
	}{
		{"During the term, Distributor shall not sell any products that compete with the Products.", true},
		{"During the term, Company shall not appoint any other distributor that competes with Distributor in the Territory.", false},
		{"Neither party shall engage in any business that competes with the other during the term.", true},
	}
	for _, tt := range tests {
		fired := false
		for _, h := range s.Match(ExampleDocument(tt.text), opt) {
			fired = fired || h.Rule.ID == "restrict.non-compete"
		}
		if fired != tt.fire {
			t.Errorf("%q: fired %v, want %v", tt.text, fired, tt.fire)
		}
	}
}
