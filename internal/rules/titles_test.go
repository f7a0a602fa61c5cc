package rules

import (
	"strings"
	"testing"
	"unicode"
)

// TestTitleLike: headings and table-of-contents lines of CUAD contracts
// are titles; one-line clauses, clauses in capitals and list items are not.
func TestTitleLike(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		// Run-in titles split off their clause.
		{"14.5. Non-Solicitation by Distributor.", true},
		{"e. Audit Rights.", true},
		{"(d) Non-Solicitation by Monsanto.", true},
		{"Section 20. Waiver of Trial by Jury.", true},
		{"13.6 Independent Development: Covenant not to Sue.", true},
		{"5.2 Contractor's Right to Terminate Agreement for any Reason.", true},
		{"9.2 Termination At Will.", true},
		{"Appointment as Exclusive Supplier.", true},
		{"21.B. NO LIABILITY FOR ACTS OF OTHER PARTY.", true},
		{"11. WARRANTIES AND DISCLAIMER; LIMITATION OF LIABILITY", true},
		{"ARTICLE VII LIMITATION ON LIABILITY AND INDEMNIFICATION 7.1 Responsibility and Control.", true},
		{"1.1 Exclusive Distribution License. ------------------------------", true},
		{"Section 22 — Assignment/Change of Control", true},
		// Table-of-contents lines.
		{"LIMITATION ON LIABILITY..................................23", true},
		{"RIGHT OF FIRST REFUSAL . . . . . . . . . . . . . . . . . . . . . . . 26 XXI.", true},
		{"Section 7.01. Limitation on Liability 11 Section 7.02.", true},
		{"19 KEEPING AND INSPECTION OF BOOKS 25", true},
		{"TRANSFER REQUIREMENTS 34 14.1 Organization 34 14.2 Interests in Franchise Owner; Reference to Exhibit 4 34 14.3 Transfer by Company 35 14.4 No Transfer Without Approval 35 14.5 Conditions for Approval of Transfer 36 14.6 Right of First Refusal 38", true},
		{"Article 1 Definitions . . . . . . . . . . 1 Article 4 Order, delivery and Acceptance. . . . . . . . . . 4 Article 5 Representations and Warranties of Licensee. . . . . . . . . . . 5 Article 10 Agreement Not to Compete, Confidentiality . . . . . . . . . . . 12 Article 11 Audits. . . . . . . . . . . . 13", true},
		// Clauses.
		{"14.5 Distributor shall not solicit any customer of Company.", false},
		{"Any assignment in violation hereof is void.", false},
		{"IN NO EVENT WILL EITHER PARTY BE LIABLE FOR", false},
		{"SAID REPLACEMENT IS THE SOLE AND EXCLUSIVE REMEDY OF BUYER.", false},
		{"CUSTOMER WAIVES ANY RIGHT TO A JURY TRIAL.", false},
		{"The Controlling Party shall have the exclusive right to settle any 28", false},
		{"(b) an Operator Change of Control;", false},
		{"9.3 Dynamic Hearing will not be responsible for:", false},
		{"(a) FOR ANY BREACH OR DEFAULT BY CHANGEPOINT OF ANY OF THE PROVISIONS OF THIS AGREEMENT, OR WITH RESPECT TO ANY CLAIM ARISING HEREFROM OR RELATED HERETO, EXCEPT FOR ANY CLAIM FOR BREACH OF SECTION 5.2 (UNAUTHORIZED DISCLOSURE OF CONFIDENTIAL INFORMATION), OR FOR BREACH OF SECTION 6.4(A) (INTELLECTUAL PROPERTY INDEMNITY), CHANGEPOINT'S ENTIRE LIABILITY", false},
		// A payment schedule is a table of titles and numbers, and a term.
		{"PERIOD MINIMUM PAYMENT Minimum Payment Period 1 $ *** Minimum Payment Period 2 $ *** Minimum Payment Period 3 $ *** Minimum Payment Period 4 $ *** Minimum Payment Period 5 $ *** Minimum Payment Period 6 $ *** Minimum Payment Period 7 $ ***", false},
	}
	for _, tt := range tests {
		if got := titleLike(tt.text); got != tt.want {
			t.Errorf("titleLike(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestMatchSkipsTitles: on a CUAD franchise agreement's table of contents
// and a distributor agreement's non-solicitation clauses, present rules
// report the clauses' bodies, never the contents or the run-in titles.
func TestMatchSkipsTitles(t *testing.T) {
	s := embedded(t)
	doc := readDoc(t, "cuad-toc-headings.txt")
	var solicit []string
	for _, h := range s.Match(doc, MatchOptions{}) {
		if h.Rule.Kind != Present {
			continue
		}
		unit := doc.Slice(h.Span)
		if strings.Contains(unit, "TRANSFER REQUIREMENTS") || strings.HasPrefix(unit, "14.") {
			t.Errorf("%s fires on a title or contents line: %q", h.Rule.ID, excerpt(unit, 100))
		}
		if h.Rule.ID == "restrict.non-solicit" {
			solicit = append(solicit, excerpt(unit, 30))
		}
	}
	want := []string{"Distributor agrees that,…", "Vendor agrees that, without…"}
	if strings.Join(solicit, "|") != strings.Join(want, "|") {
		t.Errorf("restrict.non-solicit fires on %q, want %q", solicit, want)
	}
}

// TestRunInHeading: a numbered heading in capitals that a subclause
// follows in the same unit is not the clause; a present rule reports the
// subclause's wording instead, if any (CUAD development and supply
// agreements).
func TestRunInHeading(t *testing.T) {
	tests := []struct{ text, heading string }{
		{"14. LIMITATION OF LIABILITY 14.1 NOTWITHSTANDING ANYTHING TO THE CONTRARY HEREIN, NEITHER PARTY SHALL BE LIABLE", "14. LIMITATION OF LIABILITY"},
		{"3. MINIMUM ANNUAL ROYALTIES 3.1 The minimum annual royalties pursuant to the Agreement are:", "3. MINIMUM ANNUAL ROYALTIES"},
		{"ARTICLE VII LIMITATION ON LIABILITY AND INDEMNIFICATION 7.1 Responsibility and Control.", "ARTICLE VII LIMITATION ON LIABILITY AND INDEMNIFICATION"},
		{"14. Limitation of Liability 14.1 Neither party shall be liable", ""},
		{"14.1 NEITHER PARTY SHALL BE LIABLE FOR ANY INDIRECT DAMAGES.", ""},
		{"IN NO EVENT SHALL COMPANY BE LIABLE FOR ANY INCIDENTAL DAMAGES", ""},
		{"14.1 NEITHER PARTY SHALL BE LIABLE UNDER SECTION 5.2 FOR ANY DAMAGES", ""},
		{"EXCEPT FOR BREACHES OF SECTION 5.2 OR 6.4 NEITHER PARTY", ""},
		{"LIMITATION OF LIABILITY 14.1 NOTWITHSTANDING ANYTHING", "LIMITATION OF LIABILITY"},
	}
	for _, tt := range tests {
		if got := tt.text[:runInHeading(tt.text)]; got != tt.heading {
			t.Errorf("runInHeading(%q) = %q, want %q", tt.text, got, tt.heading)
		}
	}
	s := embedded(t)
	doc := ExampleDocument("14. LIMITATION OF LIABILITY 14.1 NOTWITHSTANDING ANYTHING TO THE CONTRARY HEREIN, NEITHER PARTY SHALL BE LIABLE FOR ANY INDIRECT, SPECIAL, INCIDENTAL, CONSEQUENTIAL OR EXEMPLARY DAMAGES, WHETHER FORESEEABLE OR NOT, THAT ARE IN ANY WAY RELATED TO THIS AGREEMENT.")
	found := false
	for _, h := range s.Match(doc, MatchOptions{}) {
		if h.Rule.ID != "liab.limitation-of-liability" {
			continue
		}
		found = true
		if m := doc.Slice(h.Match); strings.Contains(m, "LIMITATION OF LIABILITY") {
			t.Errorf("the finding points at the heading: %q", m)
		}
	}
	if !found {
		t.Error("liab.limitation-of-liability does not fire on the subclause")
	}
}

// FuzzTitleLike: any text, valid UTF-8 or not, is read to its end in
// words that are non-empty substrings of it, and titleLike decides.
func FuzzTitleLike(f *testing.F) {
	for _, s := range []string{"14.5. Non-Solicitation by Distributor.", "LIABILITY......23", "Contractor's Non-", "’-'", "\xff\xfe 12 A", "a-\xe2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rest := s
		for {
			tok, r := nextToken(rest)
			if tok == "" {
				if strings.TrimFunc(r, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }) != "" {
					t.Fatalf("nextToken(%q) stopped before the word in %q", rest, r)
				}
				break
			}
			if len(r) >= len(rest) || !strings.Contains(rest, tok) {
				t.Fatalf("nextToken(%q) = %q, %q", rest, tok, r)
			}
			rest = r
		}
		titleLike(s)
	})
}

// FuzzRunInHeading: the necessary condition runInHeading tests first turns
// away no text that the expression would take as a heading.
func FuzzRunInHeading(f *testing.F) {
	for _, s := range []string{"14. LIMITATION OF LIABILITY 14.1 NOTWITHSTANDING", "ARTICLE VII LIMITATION\t7.1 Responsibility", "LIMITATION 1.2\n", "A 1.1 b", "The 1.1 x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := runInHeading(s), headingMatch(s[:min(len(s), 160)]); got != want {
			t.Fatalf("runInHeading(%q) = %d, without its precondition %d", s, got, want)
		}
	})
}

// TestIsTitleShortLines: a short line without a stop is a heading, unless
// it states a sum of money, as a list of payout terms or a price list's row
// does, or has a verb in lower case, as a list of terms does.
func TestIsTitleShortLines(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Payment Terms", true},
		{"Schedule 2", true},
		{"Minimum payout — $100", false},
		{"Late fee £ 25", false},
		{"Fees in $", true},
		{"Unvested equity is forfeited", false},
		{"Minimum payout thresholds apply", false},
		{"What Is Covered", true},
		{"Term of the Agreement", true},
		// A price list's row, read as a table-of-contents line before.
		{"Processing Fee (2.5%): $352.34", false},
		{"Total Contract Amount: $15,326.95", false},
	} {
		doc := ExampleDocument(tt.text)
		if got := isTitle(doc, Units(doc)[0]); got != tt.want {
			t.Errorf("isTitle(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
