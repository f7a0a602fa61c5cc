package terms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
)

// TestPhraseSentences: the word index (or a search from the rarest
// letter) finds the same sentences as a search for the whole phrase whose
// last word starts a word, on real contracts and on texts made to trip it
// (a prefix that almost matches, the phrase at the very start and end,
// inside a longer word: "controlling", "that will").
func TestPhraseSentences(t *testing.T) {
	texts := []string{
		"month to month. to month",
		"Controlling shareholders, that will, aperiodic; the rolling monthly basis. Thereof the",
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
	phrases := []string{"at will", "at-will", "to month", "to-month", "to week", "to-week", "to year", "to-year", "periodic", "rolling", "the", "of the", "g", "a"}
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

// wholePhraseSentences is phraseSentences as a search for the whole
// phrase, keeping the places where its last word starts a word.
func wholePhraseSentences(s *scanner, phrase string, limit int) []Span {
	k := strings.LastIndexAny(phrase, " -") + 1
	var out []Span
	for at := 0; len(out) < limit; {
		i := strings.Index(s.lower[at:], phrase)
		if i < 0 {
			break
		}
		i += at
		at = i + 1
		if o := i + k; o > 0 && wordByte[s.lower[o-1]] {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Contains(i) {
			continue
		}
		out = append(out, s.sentence(i))
	}
	return out
}
