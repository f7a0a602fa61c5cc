package terms

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// anchorTexts are real contracts of testdata and texts made to trip the
// anchored searches: words at the very start and end, runs of capitals
// longer than a match, words inside longer words, and non-ASCII letters
// beside them.
func anchorTexts(tb testing.TB) []string {
	texts := []string{
		"",
		"AGREEMENT",
		"xAGREEMENT AGREEMENTS SUBLEASE LEASE AGREEMENT",
		"A B C D E F G H I J K L M N O P LICENSE AGREEMENT",
		"ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TERMS OF SERVICE AND TERMS OF USE",
		"EXHIBIT 10.1 [*] CONFIDENTIAL TREATMENT REQUESTED. MASTER\tSERVICES  AGREEMENT\nThis Agreement",
		"ÉLAN DISTRIBUTION AGREEMENT; ÅBC’S LICENCE— CONTRACTé AMENDMENT NO. 2 TO THE STATEMENT OF WORK",
		"the services offered by Acme, Inc. provided  by Beta operated\nby Gamma made available by Delta ſupplied by Epsilon",
		"OFFERED BY X; Provided By Y; supplied by",
	}
	files, _ := filepath.Glob("testdata/*.txt")
	md, _ := filepath.Glob("testdata/*.md")
	for _, f := range append(files, md...) {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// TestCapsTitle: capsTitle finds what capsTitleRe finds, on every head
// and on every 1,500-byte window of the texts.
func TestCapsTitle(t *testing.T) {
	for _, text := range anchorTexts(t) {
		for at := 0; at == 0 || at < len(text); at += 700 {
			head := text[at:min(len(text), at+1500)]
			if got, want := capsTitle(head), capsTitleRe.FindStringSubmatch(head); !slices.Equal(got, want) {
				t.Errorf("capsTitle(%.80q…) = %q, want %q", head, got, want)
			}
		}
	}
}

// FuzzCapsTitle holds capsTitle to capsTitleRe on any text.
func FuzzCapsTitle(f *testing.F) {
	for _, s := range anchorTexts(f)[:9] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := capsTitle(s), capsTitleRe.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Fatalf("capsTitle(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestOfferedByVerbs: a chunk with no offeredByVerbs has no offeredByRe
// match, on every clause-sized window of the texts.
func TestOfferedByVerbs(t *testing.T) {
	for _, text := range anchorTexts(t) {
		low := asciiLower(text)
		for at := 0; at == 0 || at < len(text); at += 97 {
			chunk := text[at:min(len(text), at+400)]
			if offeredByRe.MatchString(chunk) && !has(low[at:min(len(text), at+400)], offeredByVerbs...) {
				t.Errorf("offeredByRe matches %q, which has none of offeredByVerbs", chunk)
			}
		}
	}
	// \b holds between a word byte and the long s.
	if long := "Xſupplied by Y"; !offeredByRe.MatchString(long) || !has(asciiLower(long), offeredByVerbs...) {
		t.Error("the long s: offeredByRe and offeredByVerbs disagree")
	}
}

// TestFindAliases: findAliases finds what aliasRe finds, on the texts
// and on windows of them that cut through brackets.
func TestFindAliases(t *testing.T) {
	texts := append(anchorTexts(t),
		`between Acme ("Acme") and (( Beta (the “Client”) (x) ("") (hereinafter "Contractor" or 'C') ) ("open`,
		`("a")("b")(“c”)(‘d’)('e')`)
	for _, text := range texts {
		for at := 0; at == 0 || at < len(text); at += 1000 {
			win := text[at:min(len(text), at+5000)]
			for _, n := range []int{-1, 1, 6} {
				got, want := findAliases(win, n), aliasRe.FindAllStringSubmatchIndex(win, n)
				if !slices.EqualFunc(got, want, slices.Equal) {
					t.Errorf("findAliases(%.80q…, %d) = %v, want %v", win, n, got, want)
				}
			}
		}
	}
}

// FuzzFindAliases holds findAliases to aliasRe on any text.
func FuzzFindAliases(f *testing.F) {
	f.Add(`between Acme ("Acme") and (( Beta (the “Client”) (x) ("") (hereinafter "Contractor" or 'C') ) ("open`)
	f.Add(`("a")("b")(“c”)(‘d’)('e')`)
	f.Fuzz(func(t *testing.T, s string) {
		got, want := findAliases(s, -1), aliasRe.FindAllStringSubmatchIndex(s, -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("findAliases(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestLawLabel: lawLabel finds what lawLabelRe finds, on labels made to
// trip it (blank lines and marks before the label, "governing" inside a
// word or mid-line, a label that fails before one that matches) and on
// every sentence-sized window of the texts.
func TestLawLabel(t *testing.T) {
	texts := []string{
		"governing law: delaware",
		"x\n\n## governing law | {governing_law}",
		"the governing law is\n**governing law**\tnew york",
		"misgoverning law:\n_governing law - england",
		"governing lawyer\n| governing law and jurisdiction |",
		"governing\nlaw\n",
		"é governing law:\n",
	}
	for _, text := range anchorTexts(t) {
		low := asciiLower(text)
		for at := 0; at < len(low); at += 211 {
			texts = append(texts, low[at:min(len(low), at+600)])
		}
	}
	for _, low := range texts {
		if got, want := lawLabel(low), lawLabelRe.FindStringIndex(low); !slices.Equal(got, want) {
			t.Errorf("lawLabel(%.100q) = %v, want %v", low, got, want)
		}
	}
}

// FuzzLawLabel holds lawLabel to lawLabelRe on any text.
func FuzzLawLabel(f *testing.F) {
	f.Add("x\n\n## governing law | {governing_law}")
	f.Add("misgoverning law:\n_governing law - england")
	f.Fuzz(func(t *testing.T, s string) {
		low := asciiLower(s)
		if got, want := lawLabel(low), lawLabelRe.FindStringIndex(low); !slices.Equal(got, want) {
			t.Fatalf("lawLabel(%q) = %v, want %v", low, got, want)
		}
	})
}

// TestAreaWords: a sentence with none of areaWords has no areaRe match.
func TestAreaWords(t *testing.T) {
	texts := []string{"within the Territory", "in Orange County", "in the State of Texas", "worldwide", "within the UNITED KINGDOM",
		"within the \u212Aingdom", "in the \u017Ftate of x", "in Europe"}
	for _, text := range anchorTexts(t) {
		for at := 0; at < len(text); at += 97 {
			texts = append(texts, text[at:min(len(text), at+400)])
		}
	}
	for _, text := range texts {
		if areaRe.MatchString(text) && !has(asciiLower(text), areaWords...) {
			t.Errorf("areaRe matches %q, which has none of areaWords", text)
		}
	}
}

// TestFindDateReTexts: findDateRe, which tries a form only where
// mayStart lets it, finds what dateRe finds on every window of the
// lower-cased texts.
func TestFindDateReTexts(t *testing.T) {
	for _, text := range anchorTexts(t) {
		low := asciiLower(text)
		for at := 0; at < len(low); at += 157 {
			w := low[at:min(len(low), at+300)]
			if got, want := findDateRe(w, len(w)), dateRe.FindAllStringSubmatchIndex(w, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("findDateRe(%.100q) = %v, want %v", w, got, want)
			}
		}
	}
}

// TestMoneyNeedsDigit: every moneyRe match holds a digit, so findMoney
// may skip a text without one; and hasDigit finds one where
// strings.ContainsAny does.
func TestMoneyNeedsDigit(t *testing.T) {
	for _, text := range anchorTexts(t) {
		low := asciiLower(text)
		for _, m := range moneyRe.FindAllStringIndex(low, -1) {
			if !hasDigit(low[m[0]:m[1]]) {
				t.Errorf("moneyRe match %q has no digit", low[m[0]:m[1]])
			}
		}
		for at := 0; at < len(low); at += 37 {
			w := low[at:min(len(low), at+45)]
			if got, want := hasDigit(w), strings.ContainsAny(w, "0123456789"); got != want {
				t.Errorf("hasDigit(%q) = %v, want %v", w, got, want)
			}
		}
	}
}

// FuzzHasDigit holds hasDigit to strings.ContainsAny.
func FuzzHasDigit(f *testing.F) {
	f.Add("abc/:9")
	f.Add("\xb0\xb9\x80 /:@")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasDigit(s), strings.ContainsAny(s, "0123456789"); got != want {
			t.Fatalf("hasDigit(%q) = %v, want %v", s, got, want)
		}
	})
}

// parseJurisdictionPlace is how ParseJurisdiction first chose its place:
// a search of s for every name, the earliest within 80 bytes winning and
// the longest of those at one spot.
func parseJurisdictionPlace(s string) (string, int) {
	low := strings.ToLower(s)
	best, bestAt := "", -1
	for _, n := range placeNames {
		i := indexWord(low, n)
		if i < 0 || i > 80 {
			continue
		}
		if bestAt < 0 || i < bestAt {
			best, bestAt = n, i
		}
	}
	return best, bestAt
}

// TestPlaceIn: placeIn, which looks the names up by each word's first
// letter, chooses the place the search for every name chose, on every
// name in a sentence, names inside longer words and near the 80-byte
// limit, and windows of the texts.
func TestPlaceIn(t *testing.T) {
	texts := []string{"", "x", "the laws of the State of New York", "New Yorker law; York", "england and wales",
		strings.Repeat("a ", 39) + "texas", strings.Repeat("a ", 40) + "texas", strings.Repeat("a ", 40) + " texas", "İstanbul, Turkey and İreland or Ireland",
		"Washington, D.C.", "Georgia (country)", "the Province of Ontario and the federal laws of Canada applicable therein"}
	for _, n := range placeNames {
		texts = append(texts, n, "the laws of "+n+", and of ", "x"+n, n+"x")
	}
	for _, text := range anchorTexts(t) {
		for at := 0; at < len(text); at += 61 {
			texts = append(texts, text[at:min(len(text), at+120)])
		}
	}
	for _, text := range texts {
		best, at := parseJurisdictionPlace(text)
		if gotBest, gotAt := placeIn(strings.ToLower(text)); gotBest != best || gotAt != at {
			t.Errorf("placeIn(%q) = %q, %d; the search for every name found %q at %d", text, gotBest, gotAt, best, at)
		}
	}
}

// FuzzPlaceIn holds placeIn to the search for every name.
func FuzzPlaceIn(f *testing.F) {
	f.Add("the laws of the State of New York")
	f.Add(strings.Repeat("a ", 39) + "texas and england")
	f.Fuzz(func(t *testing.T, s string) {
		best, at := parseJurisdictionPlace(s)
		if gotBest, gotAt := placeIn(strings.ToLower(s)); gotBest != best || gotAt != at {
			t.Fatalf("placeIn(%q) = %q, %d, want %q, %d", s, gotBest, gotAt, best, at)
		}
	})
}

// nameEndWords are the words of nameEndRe's first branch, as written
// there.
var nameEndWords = []string{"a", "an", "the", "having", "with", "whose", "located", "organised", "organized", "incorporated",
	"existing", "acting", "its", "which", "doing business", "d/b/a", "formerly", "on behalf", "duly", "residing", "of 5", "at  5",
	"each", "both", "collectively", "individually", "as identified", "as defined", "as named", "as set\tforth", "as specified",
	"as described", "as listed", "as stated", "identified", "hereinafter", "who", "that", "agree", "agrees", "desire", "desires",
	"wish", "wishes", "dated", "on the", "on or", "on this", "c/o"}

// TestNameEnd: nameEnd finds what nameEndRe finds, on each of its words
// after a comma or spaces (in capitals too, and with the long s), on
// names that have none, and on windows of the texts.
func TestNameEnd(t *testing.T) {
	names := []string{"", " ", ",", "[ * * * ] ", "Acme,5", "Acme, a", "Acme, a ", "Acme ( x", "Acme\n\n(x)", "Beta ſuch", "Beta, WHOſE",
		"TELCOSTAR PTE, LTD., a company organized and existing under the laws of Singapore"}
	for _, w := range nameEndWords {
		for _, v := range []string{w, strings.ToUpper(w), strings.ReplaceAll(w, "s", "ſ")} {
			names = append(names, "Acme Inc. "+v+" x", "Acme,"+v+",", "Acme,\t "+v, "Acme "+v+"x", "Acme  "+v)
		}
	}
	for _, text := range anchorTexts(t) {
		for at := 0; at < len(text); at += 53 {
			names = append(names, text[at:min(len(text), at+250)])
		}
	}
	for _, name := range names {
		if got, want := nameEnd(name), nameEndRe.FindStringIndex(name); !slices.Equal(got, want) {
			t.Errorf("nameEnd(%.100q) = %v, want %v", name, got, want)
		}
	}
}

// FuzzNameEnd holds nameEnd to nameEndRe on any text.
func FuzzNameEnd(f *testing.F) {
	for _, w := range nameEndWords {
		f.Add("Acme, " + w + " x")
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := nameEnd(s), nameEndRe.FindStringIndex(s); !slices.Equal(got, want) {
			t.Fatalf("nameEnd(%q) = %v, want %v", s, got, want)
		}
	})
}
