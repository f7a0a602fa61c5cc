package report

import "testing"

// TestKeyTermRows: the rows every output shows for key terms, as the JSON
// report gives them.
func TestKeyTermRows(t *testing.T) {
	tests := []struct {
		name, json string
		want       [][2]string
	}{
		{"a template's field is a blank to fill in",
			`{"governing_law": "{governing_law}", "governing_law_placeholder": true, "venue": "courts of Delaware", "venue_placeholder": false}`,
			[][2]string{{"Governing law", "{governing_law} (a blank to fill in)"}, {"Venue", "courts of Delaware"}}},
		{"a price left to fill in shows the field, not the sentence around it",
			`{"payment_terms": {"amount_blank": "[HOURLY RATE]", "text": "You ([CLIENT COMPANY]) are hiring us ([MY COMPANY]) to [PROJECT NAME OR DESCRIPTION] at the hourly rate of [HOURLY RATE] per hour."}}`,
			[][2]string{{"Payment", "to be filled in ([HOURLY RATE])"}}},
		{"an indefinite term reads as the term, and perpetual is not repeated",
			`{"indefinite_term": {"kind": "until-terminated", "text": "Indefinite — until either party ends it (notice: 30 days)"}, "perpetual": true, "governing_law": "Ohio"}`,
			[][2]string{{"Term", "Indefinite — until either party ends it (notice: 30 days)"}, {"Governing law", "Ohio"}}},
		{"terms without a label of their own come last, by name",
			`{"zeta_term": "z", "alpha_term": {"days": 30}, "parties": [{"name": "Acme Inc."}, {"name": "Jane Doe"}]}`,
			[][2]string{{"Parties", "Acme Inc.; Jane Doe"}, {"Alpha term", "days 30"}, {"Zeta term", "z"}}},
		{"a lease's payment is its rent",
			`{"payment_terms": {"amount": 4500, "currency": "USD", "text": "Tenant shall pay base rent of $4,500 per month."}}`,
			[][2]string{{"Rent", "Tenant shall pay base rent of $4,500 per month."}}},
		{"a rental fee or current price is not rent",
			`{"payment_terms": {"text": "Customer shall pay the current list price within 30 days."}}`,
			[][2]string{{"Payment", "Customer shall pay the current list price within 30 days."}}},
		{"a manager's commission sits with the payment terms, not after the law",
			`{"commission": {"text": "Artist shall pay Manager a commission equal to 20% of Gross Earnings.", "rate_percent": 20, "base": "gross earnings"}, "governing_law": "New York", "payment_terms": {"text": "Manager shall account to Artist monthly."}, "late_fee": {"text": "1.5% a month"}}`,
			[][2]string{{"Governing law", "New York"}, {"Payment", "Manager shall account to Artist monthly."}, {"Commission", "Artist shall pay Manager a commission equal to 20% of Gross Earnings."}, {"Late fee", "1.5% a month"}}},
		{"a table row's cells and a broken line read as one line",
			`{"payment_terms": {"amount": 148000, "currency": "USD", "text": "Base Salary\t$148,000 per year"}, "notice_period": {"days": 30, "text": "thirty (30) days'\n  written notice"}}`,
			[][2]string{{"Notice period", "thirty (30) days' written notice"}, {"Payment", "Base Salary $148,000 per year"}}},
		{"not JSON", `{`, nil},
	}
	for _, tt := range tests {
		got := KeyTermRows([]byte(tt.json))
		if len(got) != len(tt.want) {
			t.Errorf("%s: rows %q, want %q", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: row %d %q, want %q", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}
