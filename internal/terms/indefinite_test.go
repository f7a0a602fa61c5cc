package terms

import "testing"

// TestIndefiniteTerm reads terms with no end date. The sentences are
// quoted from CUAD v1 (CC BY 4.0, The Atticus Project), from Automattic's
// US offer letter (CC BY-SA 4.0), the open-agreements offer letter (CC BY
// 4.0) and the UK government's model tenancy agreement (OGL v3.0), each
// case naming its source; those marked "own text" we wrote.
func TestIndefiniteTerm(t *testing.T) {
	tests := []struct {
		source, text string
		want         string // "kind | text", or "none"
	}{
		{"DYNAMEXINC transportation (CUAD)",
			"2.1 This Agreement shall be effective from the date first above written and shall continue indefinitely until terminated by either Party in accordance with the provisions of this Agreement.",
			"until-terminated | Indefinite — until either party ends it"},
		{"ENERGYXXILTD transportation (CUAD): the notice in the same sentence",
			"Subject to the other provisions of this Agreement, the term of this Agreement shall commence on the Effective Date and shall remain in effect until terminated by either Party upon thirty (30) days' prior written notice.",
			"until-terminated | Indefinite — until either party ends it (notice: 30 days)"},
		{"DRAGONSYSTEMSINC outsourcing (CUAD)",
			"This Agreement shall be valid for an indefinite period. Either party may terminate this Agreement upon sixty (60) days written notice to the other party.",
			"until-terminated | Indefinite — until either party ends it (notice: 60 days)"},
		{"KNOWLABS intellectual property (CUAD): who ends it not said",
			"This Agreement shall continue until terminated as provided herein.",
			"until-terminated | Indefinite — until it is terminated"},
		{"own text: an internship for an indefinite period",
			"This Agreement is for an indefinite period, commencing on February 1, 2026, unless terminated in accordance with Section 10.\nEither party may terminate this Agreement with 30 days' written notice to the other party.",
			"until-terminated | Indefinite — until either party ends it (notice: 30 days)"},
		{"Automattic US offer letter: employment at will",
			"Nevertheless, you should be aware that your employment with the Company is for no specified period and constitutes at will employment. As a result, you are free to resign at any time, for any reason or for no reason.",
			"at-will | Indefinite — employment at will: either side may end it at any time"},
		{"open-agreements offer letter: the heading, then the sentence",
			"At-Will Employment Relationship\nUnless otherwise required by law or a separate written agreement signed by an authorized Company officer or other authorized representative, the at-will employment relationship may not be modified by oral statements, policies, or past practices.",
			"at-will | Indefinite — employment at will: either side may end it at any time"},
		{"own text: a month-to-month tenancy",
			"The tenancy shall be a month-to-month tenancy commencing on July 1, 2024.\nEither party may terminate this tenancy by giving the other at least thirty (30) days' written notice.",
			"periodic | Indefinite — month to month, until either party ends it (notice: 30 days)"},
		{"own text: a room let week to week",
			"The Lodger shall occupy the Room on a week-to-week basis, the rent being payable weekly in advance.",
			"periodic | Indefinite — week to week, until either party ends it"},
		// Not indefinite.
		{"own text: a holdover tenant is at will",
			"If Tenant remains in possession after the end of the Term, Tenant shall be deemed a tenant-at-will at 150% of the base rent.",
			"none"},
		{"own text: month to month only after a fixed term",
			"After the expiration of the initial term, this Lease shall continue on a month-to-month basis.",
			"none"},
		{"UK model assured shorthold tenancy: what follows the fixed term",
			"A statutory periodic tenancy is a tenancy which runs from month to month or week to week (depending on how often the rent is paid).",
			"none"},
		{"XENCORINC collaboration (CUAD): meetings on a periodic basis",
			"The Project Team shall meet in person or by means of a video conference or teleconference on a periodic basis as agreed by the Project Managers.",
			"none"},
		{"PenntexMidstreamPartners transportation (CUAD): a fixed term that runs on",
			"This Agreement shall commence on the Effective Date and continue in full force and effect until the end of the fifteenth (15th) Contract Year, and shall continue in full force and effect thereafter until terminated by either Party upon not less than twelve (12) Months' prior written notice.",
			"none"},
		{"own text: a fixed term elsewhere wins",
			"The term of this Agreement shall be two (2) years from the Effective Date. Thereafter this Agreement shall continue until terminated by either party on ninety (90) days' notice.",
			"none"},
		{"own text: a licence until terminated is no term of the agreement",
			"The license granted in this Section 2 shall remain in effect until terminated by Licensor.",
			"none"},
		{"own text: employment not at will",
			"Your employment is not at will; it may be ended only for cause as set out in Section 9.",
			"none"},
	}
	for _, tc := range tests {
		t.Run(tc.source, func(t *testing.T) {
			k := Extract(sentenceDoc(tc.text))
			got := "none"
			if it := k.IndefiniteTerm; it != nil {
				got = it.Kind + " | " + it.Text
				if it.Quote == "" || sentenceDoc(tc.text).Text[it.Span.Start:it.Span.End] != it.Quote {
					t.Errorf("quote %q does not match its span", it.Quote)
				}
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
