package terms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
)

// TestPhraseSentences: searching for a phrase's last word finds the same
// sentences as searching for the whole phrase, on real contracts and on
// texts made to trip it (a prefix that almost matches, the phrase at the
// very start and end, overlapping occurrences).
func TestPhraseSentences(t *testing.T) {
	texts := []string{
		"month to month. to month",
		"Rent is paid month-to-month. The tenancy runs to-month and to  month; xto month. at-will at will",
		"at will",
		"t",
		"",
	}
	files, _ := filepath.Glob("testdata/*.md")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	phrases := []string{"at will", "at-will", "to month", "to-month", "to week", "to-week", "to year", "to-year", "periodic", "rolling", "the", "of the"}
	for _, text := range texts {
		s := newScanner(&document.Document{Text: text})
		for _, p := range phrases {
			for _, limit := range []int{1, 6, 1000} {
				got, want := s.phraseSentences(p, limit), wholePhraseSentences(s, p, limit)
				if len(got) != len(want) {
					t.Fatalf("%q in %.40q (limit %d): %d sentences, want %d", p, text, limit, len(got), len(want))
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("%q in %.40q (limit %d): sentence %d %v, want %v", p, text, limit, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// wholePhraseSentences is phraseSentences as it was first written: a
// search for the whole phrase.
func wholePhraseSentences(s *scanner, phrase string, limit int) []Span {
	var out []Span
	for at := 0; len(out) < limit; {
		i := strings.Index(s.lower[at:], phrase)
		if i < 0 {
			break
		}
		i += at
		at = i + len(phrase)
		if n := len(out); n > 0 && out[n-1].Contains(i) {
			continue
		}
		out = append(out, s.sentence(i))
	}
	return out
}
