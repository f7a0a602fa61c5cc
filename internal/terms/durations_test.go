package terms

import (
	"reflect"
	"testing"
)

// FuzzFindDurations checks findDurations, which searches the pieces
// between commas, semicolons and colons apart, against durationRe on the
// whole text.
func FuzzFindDurations(f *testing.F) {
	for _, s := range []string{
		"within thirty (30) days after receipt of the invoice, client shall pay; term: two (2) years",
		"one hundred twenty (120)-day notice,5 business days:six months",
		"30 (thirty) calendar days, 1.5 years; (12) months",
		"a day, an hour",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		low := asciiLower(s)
		want := durationRe.FindAllStringSubmatchIndex(low, -1)
		if !has(low, "day", "week", "month", "year") {
			want = nil
		}
		if got := findDurations(low); !reflect.DeepEqual(got, want) {
			t.Fatalf("findDurations(%q) = %v, want %v", low, got, want)
		}
	})
}
