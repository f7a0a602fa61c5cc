package analyze

import (
	"context"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/extract"
)

// TestHomeLaw: a review made with the reviewer's home reads the courts the
// contract picks against it, and adds what that home's own law says of a
// point (the rule's law_by_home); without a home, or with another one,
// the finding is the rule's own.
func TestHomeLaw(t *testing.T) {
	rs := embeddedRules(t)
	an := New(rs)
	ex := extract.New(extract.Options{})
	tests := []struct {
		file, home, rule string
		severity         string // empty: the rule's own
		want, forbid     string // in the finding's why
	}{
		// An employee's non-compete (an offer letter's confidentiality
		// and invention agreement).
		{"OfferLetter-US.md", "US-CA", "restrict.non-compete", "", "Business and Professions Code § 16600", ""},
		{"OfferLetter-US.md", "US-MN", "restrict.non-compete", "", "Minnesota Statutes § 181.988", "16600"},
		{"OfferLetter-US.md", "US-NY", "restrict.non-compete", "", "", "§"},
		{"OfferLetter-US.md", "", "restrict.non-compete", "", "", "§"},
		// The whole country does not say which state's law is yours.
		{"OfferLetter-US.md", "US", "restrict.non-compete", "", "", "§"},
		// Israeli courts, for a reviewer in Israel and for one in England.
		{"cuad-ability-services.txt", "IL", "dispute.jurisdiction", "low", "The courts it names, in Israel, are in your home jurisdiction (IL).", ""},
		{"cuad-ability-services.txt", "GB", "dispute.jurisdiction", "", "The courts it names are in Israel, not your home jurisdiction (GB).", ""},
		{"cuad-ability-services.txt", "", "dispute.jurisdiction", "", "", "home jurisdiction"},
	}
	for _, tt := range tests {
		doc, err := ex.ReadFile(context.Background(), "testdata/"+tt.file)
		if err != nil {
			t.Fatal(err)
		}
		r, err := an.Analyze(doc, Options{Home: tt.home})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range r.Findings {
			if f.Rule != tt.rule {
				continue
			}
			found = true
			want := tt.severity
			if want == "" {
				want = rs.Lookup(tt.rule).SeverityIn(r.Role, r.Document.LeaseUse)
			}
			if f.Severity != want {
				t.Errorf("%s home %q: %s is %s, want %s", tt.file, tt.home, tt.rule, f.Severity, want)
			}
			if tt.want != "" && !strings.Contains(f.Why, tt.want) {
				t.Errorf("%s home %q: %s does not say %q:\n%s", tt.file, tt.home, tt.rule, tt.want, f.Why)
			}
			if tt.forbid != "" && strings.Contains(f.Why, tt.forbid) {
				t.Errorf("%s home %q: %s says %q:\n%s", tt.file, tt.home, tt.rule, tt.forbid, f.Why)
			}
		}
		if !found {
			t.Errorf("%s home %q: no %s finding", tt.file, tt.home, tt.rule)
		}
	}
}
