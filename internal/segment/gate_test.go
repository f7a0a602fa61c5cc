package segment

import (
	"regexp"
	"testing"
)

// reDefStart is the start of reDefMeans up to its first quote: quotedStart
// must accept every sentence it matches, or definitions would be lost.
var reDefStart = regexp.MustCompile(`^(?:[0-9.()a-zA-Z]{1,8}\s+)?(?:\*\*)?["“]`)

func FuzzQuotedStart(f *testing.F) {
	for _, s := range []string{`"Agreement" means`, `1.2 “Services” shall mean`, `(a)  **"Term"**`, `**"X"`, `abcdefghi "X"`, `12345678` + "\t\"X\"", `Deliverables`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want := reDefStart.MatchString(s); quotedStart(s) != want {
			t.Fatalf("quotedStart(%q) = %v, want %v", s, !want, want)
		}
	})
}
