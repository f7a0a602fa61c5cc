package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/analyze"
)

// Basecamp's terms number the paragraphs of each part from 1: the text
// report names the part ("Cancellation and Termination § 4"), puts a place
// too long for the title line on a line of its own, and keeps every line
// within the width.
func TestTextNamesThePartOfARepeatedNumber(t *testing.T) {
	r := scan(t, "basecamp-terms.md", analyze.Options{})
	var b bytes.Buffer
	if err := Text(&b, r, TextOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if want := "\n           Cancellation and Termination § 4\n"; !strings.Contains(out, want) {
		t.Errorf("text report lacks %q:\n%s", want, out)
	}
	if also := regexp.MustCompile(`Also in \d+ more places: [A-Z][A-Za-z ,…]+ § \d`); !also.MatchString(out) {
		t.Errorf("no also line names a part:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > 100 {
			t.Errorf("line of %d runes: %q", n, line)
		}
	}
	within := 0
	for _, f := range r.Findings {
		if f.Location.Within != "" {
			within++
		}
	}
	if within == 0 {
		t.Error("no finding has location.within")
	}
	// A contract numbered once through has no within anywhere.
	for _, f := range scan(t, "Mutual-NDA.md", analyze.Options{}).Findings {
		if f.Location.Within != "" {
			t.Errorf("Mutual NDA: %s within %q", f.Rule, f.Location.Within)
		}
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 words", 1: "1 word", 999: "999 words", 3028: "3,028 words", 1234567: "1,234,567 words"} {
		if got := Count(n, "word"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
