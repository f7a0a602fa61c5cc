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
