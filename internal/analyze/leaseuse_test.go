package analyze

import (
	"context"
	"testing"

	"github.com/termscore/termscore/internal/doctype"
	"github.com/termscore/termscore/internal/extract"
)

// TestLeaseUse checks the report says what a lease lets, decides it also
// for a type given as lease, leaves it out for other types, and explains
// a rule for a business tenant on a commercial lease.
func TestLeaseUse(t *testing.T) {
	rs := embeddedRules(t)
	an := New(rs)
	ex := extract.New(extract.Options{})
	tests := []struct {
		file string
		opt  Options
		want string
	}{
		{"commercial-lease-sample.md", Options{}, doctype.Commercial},
		{"UK-Model-Assured-Shorthold-Tenancy-Agreement-2020.md", Options{}, doctype.Residential},
		{"freelance-contract.md", Options{}, ""},
		// A type given as lease: the use is read from the text all the same.
		{"commercial-lease-sample.md", Options{Type: doctype.Lease, Role: "tenant"}, doctype.Commercial},
		{"freelance-contract.md", Options{Type: doctype.Lease, Role: "tenant"}, doctype.Residential},
	}
	for _, tt := range tests {
		doc, err := ex.ReadFile(context.Background(), "testdata/"+tt.file)
		if err != nil {
			t.Fatal(err)
		}
		r, err := an.Analyze(doc, tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		if r.Document.LeaseUse != tt.want {
			t.Errorf("%s %+v: lease use %q, want %q", tt.file, tt.opt, r.Document.LeaseUse, tt.want)
		}
	}

	// The same default clause, on a home's lease and on a shop's: the
	// explanation and the suggested wording follow the use.
	rule := rs.Lookup("lease.early-termination-penalty")
	for _, use := range []string{doctype.Residential, doctype.Commercial} {
		text := "# Lease\n\nThis Lease is made between Landlord and Tenant.\n\n1. If Tenant terminates this Lease early, Tenant shall remain liable for all rent for the remainder of the term.\n"
		if use == doctype.Commercial {
			text = "# Commercial Lease\n\nThis Commercial Lease is made between Landlord and Tenant for the Permitted Use.\n\n1. If Tenant terminates this Lease early, Tenant shall remain liable for all rent for the remainder of the term.\n"
		}
		doc, err := ex.ReadBytes(context.Background(), "lease.md", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		r, err := an.Analyze(doc, Options{Type: doctype.Lease, Role: "tenant"})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range r.Findings {
			if f.Rule == rule.ID {
				found = true
				if want := rule.WhyIn(use); f.Why != want {
					t.Errorf("%s lease: why %q, want %q", use, f.Why, want)
				}
				// The redline and the addenda take this suggestion: a business
				// tenant is proposed a break option, not a home's notice, with
				// the parties named as this lease names them.
				names := parties{contractor: "the Tenant", client: "the Landlord", self: "Lease"}
				if want := names.fill(rule.SuggestionIn("tenant", use).Text); f.Suggestion == nil || f.Suggestion.Text != want {
					t.Errorf("%s lease: suggestion %+v, want %q", use, f.Suggestion, want)
				}
			}
		}
		if !found || r.Document.LeaseUse != use {
			t.Errorf("%s lease: %s found %v, lease use %q", use, rule.ID, found, r.Document.LeaseUse)
		}
	}
}

// TestSeverityByLeaseUse checks an absolute ban on assignment is reported
// as high on a business lease, where it stops the tenant selling its
// business, and at the rule's own severity on a home's.
func TestSeverityByLeaseUse(t *testing.T) {
	rs := embeddedRules(t)
	an := New(rs)
	ex := extract.New(extract.Options{})
	ban := rs.Lookup("lease.subletting-banned")
	for _, tt := range []struct{ title, use, want string }{
		{"Residential Lease Agreement", doctype.Residential, ban.Severity},
		{"Commercial Lease Agreement", doctype.Commercial, "high"},
	} {
		text := "# " + tt.title + "\n\nThis Lease is made between Landlord and Tenant.\n\n1. Tenant shall not sublet the Premises or assign this Lease under any circumstances.\n"
		doc, err := ex.ReadBytes(context.Background(), "lease.md", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		r, err := an.Analyze(doc, Options{Type: doctype.Lease, Role: "tenant"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Document.LeaseUse != tt.use {
			t.Fatalf("%s: lease use %q, want %q", tt.title, r.Document.LeaseUse, tt.use)
		}
		got := ""
		for _, f := range r.Findings {
			if f.Rule == ban.ID {
				got = f.Severity
			}
		}
		if got != tt.want {
			t.Errorf("%s: %s severity %q, want %q", tt.title, ban.ID, got, tt.want)
		}
	}
}
