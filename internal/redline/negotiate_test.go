package redline

import (
	"strings"
	"testing"
)

// TestNegotiationOpenings writes the email for real documents in each
// case the opening and closing must be honest about: nothing found, only
// minor points, points worth raising, changes needed.
func TestNegotiationOpenings(t *testing.T) {
	for _, tc := range []struct {
		file, role string
		worst      string // the most severe finding the case needs
		want, not  []string
	}{
		{"cuad-glu-license-amendment.txt", "licensee", "",
			// Fox is the other side, known by its name ("Fox") beside
			// the "Licensee": greeted by it.
			[]string{"Hi Fox Mobile Entertainment team,", "I'm happy with it as it stands, so I'm glad to go ahead and sign.", "Let me know how you'd like to handle the signing."},
			[]string{"**1.", "Happy to talk"}},
		{"Mutual-NDA.md", "recipient", "low",
			[]string{"it looks fair to me. The few points I noticed are minor and none of them needs to hold up signing"},
			[]string{"**1.", "as it stands"}},
		{"cuad-collectible-concepts-jv.txt", "", "medium",
			[]string{"Hi Collectible Concepts team,", "It looks broadly fair to me, but before I sign there is one point I'd like to raise. It isn't a deal-breaker.",
				"**1. No limitation of liability**", "I've marked it up as suggested wording", "Pivotal Self Service Tech, Inc."},
			[]string{"Group", "happy to go ahead", "looks fair to me, so"}},
		// A tenant does not "work together" with the landlord, and
		// writes about "the lease".
		{"uk-tenancy.md", "tenant", "high",
			[]string{"I'm looking forward to the tenancy. Before I sign, I'd like to ask for a few changes", "The lease currently says: “6.3 "},
			[]string{"working together", "The agreement"}},
		{"ica.docx", "contractor", "high",
			[]string{"Before I sign, I'd like to ask for a few changes.", "**1. ", "There are also a few smaller points, which matter less to me: ", "Happy to talk any of this through on a call."},
			[]string{"the rest looks fine", "happy to go ahead"}},
	} {
		r := analyzeFile(t, tc.file, tc.role)
		worst := ""
		for _, f := range r.Findings {
			if worst == "" || severityRank[f.Severity] < severityRank[worst] {
				worst = f.Severity
			}
		}
		if worst != tc.worst {
			t.Errorf("%s: the worst finding is %q, not %q: the case no longer tests what it says", tc.file, worst, tc.worst)
			continue
		}
		note := Negotiation(r)
		for _, w := range tc.want {
			if !strings.Contains(note, w) {
				t.Errorf("%s: the email lacks %q:\n%s", tc.file, w, note)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(note, n) {
				t.Errorf("%s: the email says %q:\n%s", tc.file, n, note)
			}
		}
	}
}

var severityRank = map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}

func TestGreeting(t *testing.T) {
	for name, want := range map[string]string{
		"Collectible Concepts Group, Inc.": "Hi Collectible Concepts team,",
		"Automattic Inc.":                  "Hi Automattic team,",
		"Stratable, Inc.":                  "Hi Stratable team,",
		"Brightline Media LLC":             "Hi Brightline Media team,",
		"The Walt Disney Company":          "Hi Walt Disney team,",
		"Acme Holdings Ltd":                "Hi Acme team,",
		"Publisher Press":                  "Hi Publisher Press team,",
		"Labs64 NetLicensing":              "Hi Labs64 NetLicensing team,",
		"Automattic":                       "Hi Automattic team,",
		"Dana Okafor":                      "Hello,", // a person: no "team"
		"":                                 "Hello,",
	} {
		if got := greeting(name); got != want {
			t.Errorf("greeting(%q) = %q, want %q", name, got, want)
		}
	}
}
