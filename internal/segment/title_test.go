package segment

import "testing"

// TestIsTitle holds heading-styled paragraphs of real documents (the
// Common Paper forms in Word, where every clause has a heading style; the
// UK model tenancy agreement, the GitHub and WordPress.com terms, the
// Automattic offer letter) to what they read as.
func TestIsTitle(t *testing.T) {
	tests := []struct {
		text  string
		title bool
	}{
		// Titles, numbered or not.
		{"1. Services & Restrictions", true},
		{"4.2 Termination.", true},
		{"2.4 Third-Party Materials.", true},
		{"TERMS AND CONDITIONS", true},
		{"5 TERMINATION BY THE LANDLORD AT THE END OF THE FIXED TERM", true},
		{"Section A: Definitions and interpretation", true},
		{"OPTION 1: Rent fixed for the whole of the fixed term", true},
		{"Annex 4: Rent Review: Further guidance and worked examples", true},
		{"Guidance Note: The Rent – Showing weekly and monthly rent", true},
		{"For all sites included in the WordAds program:", true},
		{"Non-Solicitation of Customers, Patients, Vendors, Referral Sources, and Business Partners", true},
		{"4. Representations and Warranties; Limitation of Liability; Indemnification.", true},
		{"What do both parties agree to do?", true},
		{"U.S. Government Rights", true},
		{"Limitation of liability.", true},
		{"", true},
		// Clauses in a heading style: a run-in title and its body, or a
		// sentence.
		{"1.1 Performing Services. Contractor will perform the Services described on the SOW in accordance with the terms and conditions in the Agreement.", false},
		{"4.3 Effect of Termination. Upon any expiration or termination:", false},
		{"6.2 From Contractor. Contractor represents and warrants to Company that:", false},
		{"b. Contractor will no longer provide the Services.", false},
		{"(d) A party must notify the other of its reason for termination.", false},
		{"10.10 “Terms” means these terms and conditions.", false},
		{"d. the Work Product will conform to the requirements in the SOW; and", false},
		{"3.2 Security. Provider will comply with the Security Policy, if any.", false},
		{"6.1 Provider makes no guarantees that the Product will always be safe, secure, or error-free, or that it will function without disruptions, delays, or imperfections.", false},
		{"Parentheses indicate choices where you must select one option.", false},
	}
	for _, tt := range tests {
		if got := IsTitle(tt.text); got != tt.title {
			t.Errorf("IsTitle(%q) = %v, want %v", tt.text, got, tt.title)
		}
	}
}
