package model

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// tokensSlow and appendWordSlow are Tokens and appendWord as they were
// before their ASCII fast paths: the reference the fast paths are fuzzed
// against.

// Tokens appends the normalised tokens of text to dst, each followed by a
// single space, and returns the extended buffer. Raw text and the lower-cased,
// tokenised text of the UNFAIR-ToS corpus give the same tokens: words are
// lower-cased, punctuation is split off, quotes are dropped, clitics are
// split as the Penn Treebank does, runs of digits become "0", and URLs and
// e-mail addresses become "<url>" and "<email>".
func tokensSlow(dst []byte, text string) []byte {
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
			continue
		case isWordRune(r):
			if isURL(text[i:]) {
				j := strings.IndexFunc(text[i:], unicode.IsSpace)
				if j < 0 {
					j = len(text) - i
				}
				dst = append(dst, "<url> "...)
				i += len(strings.TrimRight(text[i:i+j], ".,;:)!?"))
				continue
			}
			j := wordEnd(text, i)
			dst = appendWordSlow(dst, text[i:j])
			i = j
			continue
		}
		// A clitic the corpus split off: "we 've", "company 's".
		if r == '\'' || r == '’' {
			if c := leadingClitic(text[i+n:]); c != "" {
				dst = append(dst, '\'')
				dst = append(dst, c...)
				dst = append(dst, ' ')
				i += n + len(c)
				continue
			}
		}
		// A corpus escape such as -lrb- or ``.
		if r == '-' || r == '`' || r == '\'' {
			if j := strings.IndexFunc(text[i:], unicode.IsSpace); j != 0 {
				if j < 0 {
					j = len(text) - i
				}
				if rep, ok := ptbTokens[text[i:i+j]]; ok {
					if rep != "" {
						dst = append(dst, rep...)
						dst = append(dst, ' ')
					}
					i += j
					continue
				}
			}
		}
		i += n
		if p := punct(r); p != 0 {
			dst = append(dst, p, ' ')
		}
	}
	return dst
}

// appendWord appends the normalised form of one word, splitting clitics.
func appendWordSlow(dst []byte, w string) []byte {
	if strings.IndexByte(w, ':') >= 0 && strings.Contains(w, "://") || (w[0] == 'w' || w[0] == 'W') && (strings.HasPrefix(w, "www.") || strings.HasPrefix(w, "WWW.")) {
		return append(dst, "<url> "...)
	}
	if strings.IndexByte(w, '@') > 0 {
		return append(dst, "<email> "...)
	}
	start := len(dst)
	digits := false
	// Every clitic has an apostrophe: a word without one needs no check.
	apos := false
	k := 0
	for ; k < len(w); k++ {
		// ASCII, nearly every byte of a contract, without decoding.
		c := w[k]
		if c >= utf8.RuneSelf {
			break
		}
		if c >= '0' && c <= '9' {
			if !digits {
				dst = append(dst, '0')
			}
			digits = true
			continue
		}
		digits = false
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		apos = apos || c == '\''
		dst = append(dst, c)
	}
	if k < len(w) {
		apos = true // rare non-ASCII words take the full check
	}
	for _, r := range w[k:] {
		if unicode.IsDigit(r) {
			if !digits {
				dst = append(dst, '0')
			}
			digits = true
			continue
		}
		digits = false
		switch r {
		case '’':
			r = '\''
		case '‐', '‑':
			r = '-'
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	// Split a clitic off, as the corpus does: "don't" → "do n't".
	word := dst[start:]
	for _, c := range clitics {
		if !apos {
			break
		}
		if len(word) > len(c) && string(word[len(word)-len(c):]) == c {
			cut := len(dst) - len(c)
			dst = append(dst, 0)
			copy(dst[cut+1:], dst[cut:len(dst)-1])
			dst[cut] = ' '
			break
		}
	}
	return append(dst, ' ')
}

// Tokens equals the plain implementation on any input.
func FuzzTokensFast(f *testing.F) {
	for _, s := range []string{
		"We don't accept liability (see §12) — “ever”.",
		"we do n't -lrb- see -rrb- `` quoted '' 's n't",
		"https://x.y/z. help@x.y 75,000 3.5% \xff\xfe",
		"WWW.EXAMPLE.COM www.x Www.y ftp://a:b@c d@e @f g: 10:30 1,000,000.00",
		"Ünïcödé ÄNDERUNGEN ﬁnden 12.000,50 € it’s third‐party third‑party",
		"a\tb\nc\vd\fe\rf\u0085g\u00a0h\u2003i \u3000j",
		"O'Brien's rock'n'roll we'VE THEY'RE ISN'T '",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Tokens(nil, s), tokensSlow(nil, s); string(got) != string(want) {
			t.Fatalf("Tokens(%q)\n got %q\nwant %q", s, got, want)
		}
		checkWords(t, s)
	})
}

// checkWords checks that the words a tokenizer records as it writes the
// tokens of s (their places and hashes) are those found by reading the
// tokens afterwards.
func checkWords(t *testing.T, s string) {
	t.Helper()
	tk := tokenizer{toks: []byte("x "), hashed: true} // tokens after others'
	tk.run(s)
	if want := appendWords(nil, tk.toks, 2); !slices.Equal(tk.words, want) {
		t.Fatalf("tokenizer(%.80q) of %q:\n words %v\n  want %v", s, tk.toks, tk.words, want)
	}
}

func TestTokensFastOnTestdata(t *testing.T) {
	for _, s := range inferenceTexts(t) {
		if got, want := Tokens(nil, s), tokensSlow(nil, s); string(got) != string(want) {
			t.Fatalf("Tokens(%.80q)\n got %q\nwant %q", s, got, want)
		}
		checkWords(t, s)
	}
}

// Texts longer than the tokenizer's chunk, with words, digit runs and
// joined words across its ends, and words longer than a chunk.
func TestTokensLongText(t *testing.T) {
	var texts []string
	for pad := range 8 {
		p := strings.Repeat(" ", pad)
		texts = append(texts,
			p+strings.Repeat("Agreement, 2024 third-party don't (a) ", 200),
			p+strings.Repeat("x", 3*plainChunk)+" done.",
			p+strings.Repeat("7", plainChunk+3)+"a",
			p+strings.Repeat("ab", plainChunk)+"-cd",
			p+strings.Repeat("word ", plainChunk/5)+"https://example.com/x y",
		)
	}
	for _, s := range texts {
		if got, want := Tokens(nil, s), tokensSlow(nil, s); string(got) != string(want) {
			t.Fatalf("Tokens(%.80q…)\n got %.200q\nwant %.200q", s, got, want)
		}
		checkWords(t, s)
	}
}
