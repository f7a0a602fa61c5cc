package terms

import (
	"os"
	"path/filepath"
	"slices"
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
