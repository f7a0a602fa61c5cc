package pdf

import (
	"regexp"
	"strings"
	"testing"
)

// listed is the expression dropMarks stands for: one listing the page's
// note numbers, as footnotes once compiled for each page.
func listed(s string, nums []string) string {
	if len(nums) == 0 {
		return s
	}
	re := regexp.MustCompile(`([\p{Ll})\]”’"'.,;:])(?:` + strings.Join(nums, "|") + `)([\s,.;:)]|$)`)
	return re.ReplaceAllString(s, "$1$2")
}

func TestDropMarks(t *testing.T) {
	for _, tc := range []struct {
		line string
		nums []string
		want string
	}{
		{"notice in writing1 and delivered", []string{"1"}, "notice in writing and delivered"},
		{"the “Services”2. The Provider", []string{"2"}, "the “Services”. The Provider"},
		{"as set out in Schedule A1 and in 2021 terms", []string{"1"}, "as set out in Schedule A1 and in 2021 terms"},
		{"clause 12 applies; see writing12, and fees3.", []string{"12", "3"}, "clause 12 applies; see writing, and fees."},
		// Another number's mark is passed over, and the mark after it
		// still found: "5." is not this page's, ".2 " is.
		{"section a5.2 of the Order", []string{"2"}, "section a5. of the Order"},
		{"fees1234 due", []string{"1", "12", "123"}, "fees1234 due"},
		{"no marks here", nil, "no marks here"},
	} {
		if got := dropMarks(tc.line, tc.nums); got != tc.want {
			t.Errorf("dropMarks(%q, %q) = %q, want %q", tc.line, tc.nums, got, tc.want)
		}
		if got, want := dropMarks(tc.line, tc.nums), listed(tc.line, tc.nums); got != want {
			t.Errorf("dropMarks(%q, %q) = %q, the listed expression gives %q", tc.line, tc.nums, got, want)
		}
	}
}

// FuzzDropMarks holds dropMarks to the listed expression on any line.
func FuzzDropMarks(f *testing.F) {
	f.Add("notice in writing1 and 12. the “Services”2. a5.2 x", "1,2,12")
	f.Add("é1 ’3) a999", "3,999")
	f.Fuzz(func(t *testing.T, line, list string) {
		var nums []string
		for n := range strings.SplitSeq(list, ",") {
			if n != "" && len(n) <= 3 && strings.Trim(n, "0123456789") == "" {
				nums = append(nums, n)
			}
		}
		if got, want := dropMarks(line, nums), listed(line, nums); got != want {
			t.Errorf("dropMarks(%q, %q) = %q, the listed expression gives %q", line, nums, got, want)
		}
	})
}

// TestMarkedNotes holds the body-size notes to their three signs: a clause
// that starts with the number of a mark on its page, after an ordinary
// paragraph break, is text; set apart by the room of a separator, it is a
// note.
func TestMarkedNotes(t *testing.T) {
	page := func(gap float64, last string) []line {
		ls := []line{
			{y: 700, size: 12, text: "1. Fees. The Client shall pay within thirty"},
			{y: 686, size: 12, text: "days of an invoice3 sent by email.", marks: []string{"3"}},
			{y: 666, size: 12, text: "2. Term. This agreement lasts one year."},
			{y: 646, size: 12, text: "4. Law. The law of England applies."},
		}
		return append(ls, line{y: 646 - gap, size: 12, text: last})
	}
	for _, tc := range []struct {
		name  string
		lines []line
		want  int
	}{
		{"clause after a paragraph break", page(20, "3. Hours. Work is from nine to five."), 0},
		{"note after a separator", page(42, "3Invoices are sent to the billing address."), 1},
		{"no such mark above", page(42, "5Invoices are sent to the billing address."), 0},
	} {
		idx := []int{4, 3, 2, 1, 0}
		if got, _ := markedNotes(tc.lines, idx, 12); got != tc.want {
			t.Errorf("%s: markedNotes = %d lines, want %d", tc.name, got, tc.want)
		}
	}
}
