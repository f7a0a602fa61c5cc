package model

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ptbTokens maps the Penn-Treebank escapes of the UNFAIR-ToS corpus back to
// the characters raw text has, so that both spellings give the same tokens.
var ptbTokens = map[string]string{
	"-lrb-": "(", "-rrb-": ")", "-lsb-": "(", "-rsb-": ")", "-lcb-": "(", "-rcb-": ")",
	"``": "", "''": "", "`": "", "'": "", "--": "",
}

// clitics are the endings Penn-Treebank tokenisation splits off a word
// ("don't" → "do n't", "we've" → "we 've"); raw text is split the same way.
var clitics = []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"}

// Tokens appends the normalised tokens of text to dst, each followed by a
// single space, and returns the extended buffer. Raw text and the lower-cased,
// tokenised text of the UNFAIR-ToS corpus give the same tokens: words are
// lower-cased, punctuation is split off, quotes are dropped, clitics are
// split as the Penn Treebank does, runs of digits become "0", and URLs and
// e-mail addresses become "<url>" and "<email>".
func Tokens(dst []byte, text string) []byte {
	t := tokenizer{toks: dst}
	t.run(text)
	return t.toks
}

// tokenizer writes the tokens of a text (Tokens) to toks and, with hashed
// set, also their places and word hashes to words: the ASCII words, nearly
// every token, are hashed as they are written, which spares the features
// a second pass over every byte.
type tokenizer struct {
	toks   []byte
	words  []word
	hashed bool // append to words
}

// Kinds of ASCII bytes for tokenizer.plain; a punctuation mark's kind is
// the token it gives, a byte above kindDrop.
const (
	kindOther = iota // the general path's: '\'', '-', '`' (clitics, corpus escapes)
	kindSpace
	kindWord // a letter or digit
	kindDrop // dropped, as punct drops it
)

var asciiKinds = func() (k [utf8.RuneSelf]byte) {
	for c := range k {
		r := rune(c)
		switch {
		case r == '\'' || r == '-' || r == '`':
			k[c] = kindOther
		case isSpace(r):
			k[c] = kindSpace
		case isWordRune(r):
			k[c] = kindWord
		case punct(r) != 0:
			k[c] = punct(r)
		default:
			k[c] = kindDrop
		}
	}
	return k
}()

// plainChunk is the most text plain reads at once: it makes room for the
// tokens and words of that much text before it starts.
const plainChunk = 2048

// run writes the tokens of text: plain ones (nearly all) in plain's loop,
// the others one at a time by the general path.
func (t *tokenizer) run(text string) {
	for i := 0; i < len(text); {
		if j := t.plain(text, i); j > i {
			i = j
			continue
		}
		i = t.general(text, i)
	}
}

// plain writes the tokens of text[i:] while it holds what most of a
// contract is made of, ASCII spaces, punctuation and words of letters and
// digits that no joiner continues, and returns where it stopped: at the
// text's end, after plainChunk bytes, or where the general path must read
// on (a byte that is not ASCII, a quote or hyphen, a word a joiner
// continues, a URL). A word's hash is computed as it is written. The loop
// calls nothing: a call on its path (append's growing) made it keep its
// variables in memory, and a call per word cost more than most words.
func (t *tokenizer) plain(text string, i int) int {
	end := min(len(text), i+plainChunk)
	s := text[:end] // the chunk's end, where words stop
	// A token takes at most two bytes of every byte it reads (punctuation
	// and its space), a text one word per byte.
	o := len(t.toks)
	toks := slices.Grow(t.toks, 2*(end-i))
	toks = toks[:cap(toks)]
	nw := len(t.words)
	if t.hashed {
		t.words = slices.Grow(t.words, end-i)
		t.words = t.words[:cap(t.words)]
	}
loop:
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf {
			break
		}
		switch k := asciiKinds[c]; k {
		case kindSpace, kindDrop:
			i++
		case kindOther:
			break loop
		case kindWord:
			// "http://" and "https://" have their colon at 4 or 5.
			if c|0x20 == 'h' && len(text)-i >= 7 && (text[i+4] == ':' || text[i+5] == ':') {
				break loop
			}
			start := o
			h := uint64(fnvOffset) ^ seedWord
			j := i
			for {
				for ; j < len(s); j++ {
					c := s[j]
					if c-'a' >= 26 {
						if c-'A' >= 26 {
							break
						}
						c += 'a' - 'A'
					}
					toks[o] = c
					o++
					h = (h ^ uint64(c)) * fnvPrime
				}
				if j == len(s) || s[j]-'0' >= 10 {
					break
				}
				// A run of digits is one '0'.
				toks[o] = '0'
				o++
				h = (h ^ '0') * fnvPrime
				for j++; j < len(s) && s[j]-'0' < 10; j++ {
				}
			}
			if j < len(text) {
				// A word the chunk cuts, or one a joiner joins (wordEnd)
				// to a word rune that follows: the general path's.
				c := text[j]
				if j == end || c >= utf8.RuneSelf || isJoiner(rune(c)) && j+1 < len(text) && (text[j+1] >= utf8.RuneSelf || asciiKinds[text[j+1]] == kindWord) {
					o = start
					break loop
				}
			}
			toks[o] = ' '
			o++
			if t.hashed {
				t.words[nw] = word{start: start, end: o - 1, h: mix(h)}
				nw++
			}
			i = j
		default:
			if t.hashed {
				t.words[nw] = word{start: o, end: o + 1, h: mix((fnvOffset ^ seedWord ^ uint64(k)) * fnvPrime)}
				nw++
			}
			toks[o] = k
			toks[o+1] = ' '
			o += 2
			i++
		}
	}
	t.toks = toks[:o]
	if t.hashed {
		t.words = t.words[:nw]
	}
	return i
}

// general writes the token (or nothing) that text[i:] starts with, taking
// every case into account, and returns where the next one starts.
func (t *tokenizer) general(text string, i int) int {
	start := len(t.toks)
	r, n := rune(text[i]), 1
	if r >= utf8.RuneSelf {
		r, n = utf8.DecodeRuneInString(text[i:])
	}
	switch {
	case isSpace(r):
		return i + n
	case isWordRune(r):
		if isURL(text[i:]) {
			j := strings.IndexFunc(text[i:], unicode.IsSpace)
			if j < 0 {
				j = len(text) - i
			}
			t.toks = append(t.toks, "<url> "...)
			t.record(start)
			return i + len(strings.TrimRight(text[i:i+j], ".,;:)!?"))
		}
		j := wordEnd(text, i)
		t.toks = appendWord(t.toks, text[i:j])
		t.record(start)
		return j
	}
	// A clitic the corpus split off: "we 've", "company 's".
	if r == '\'' || r == '’' {
		if c := leadingClitic(text[i+n:]); c != "" {
			t.toks = append(t.toks, '\'')
			t.toks = append(t.toks, c...)
			t.toks = append(t.toks, ' ')
			t.record(start)
			return i + n + len(c)
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
					t.toks = append(t.toks, rep...)
					t.toks = append(t.toks, ' ')
					t.record(start)
				}
				return i + j
			}
		}
	}
	if p := punct(r); p != 0 {
		t.toks = append(t.toks, p, ' ')
		t.record(start)
	}
	return i + n
}

// record appends to words, when wanted, the tokens toks[start:] that the
// general path wrote.
func (t *tokenizer) record(start int) {
	if t.hashed {
		t.words = appendWords(t.words, t.toks, start)
	}
}

// isSpace is unicode.IsSpace without a call for ASCII, nearly every
// character of a contract.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// punct returns the token kept for a punctuation rune, or 0 to drop it.
func punct(r rune) byte {
	switch r {
	case ',', '.', ';', ':', '(', ')', '!', '?', '$', '%', '&', '§':
		if r == '§' {
			return 'S'
		}
		return byte(r)
	case '[', '{':
		return '('
	case ']', '}':
		return ')'
	}
	return 0
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isJoiner reports whether r may join two word parts ("third-party",
// "u.s", "and/or", "don't", "help@example.com").
func isJoiner(r rune) bool {
	switch r {
	case '-', '.', '/', '\'', '’', '@', '_', '‐', '‑', ':', ',':
		return true
	}
	return false
}

// wordEnd returns the end of the word starting at i: word runes, joined by
// single joiners that are followed by a word rune.
func wordEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			i += n
			continue
		}
		if !isJoiner(r) || i+n >= len(s) {
			break
		}
		r2, _ := utf8.DecodeRuneInString(s[i+n:])
		if !isWordRune(r2) {
			break
		}
		// "," and ":" join only digits (75,000 and 10:30), never words.
		if (r == ',' || r == ':') && !(unicode.IsDigit(r2) && i > 0 && isDigitBefore(s, i)) {
			break
		}
		i += n
	}
	return i
}

func isDigitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsDigit(r)
}

// appendWord appends the normalised form of one word, splitting clitics.
func appendWord(dst []byte, w string) []byte {
	start := len(dst)
	// ASCII, nearly every byte of a contract, is lower-cased and its digit
	// runs folded in one pass, written in place (the word never grows);
	// the pass notes the bytes the rare cases below look for.
	dst = slices.Grow(dst, len(w))
	out := dst[start : start+len(w)]
	o := 0
	digits := false
	colon, at, apos := false, false, false
	k := 0
	for ; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			break
		}
		if c >= '0' && c <= '9' {
			if !digits {
				out[o] = '0'
				o++
			}
			digits = true
			continue
		}
		digits = false
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == ':':
			colon = true
		case c == '@':
			at = true
		case c == '\'':
			apos = true // every clitic has one: a word without needs no check
		}
		out[o] = c
		o++
	}
	dst = dst[:start+o]
	if k < len(w) {
		// Rare non-ASCII words take every check.
		colon, at, apos = true, true, true
	}
	if colon && strings.Contains(w, "://") || (w[0] == 'w' || w[0] == 'W') && (strings.HasPrefix(w, "www.") || strings.HasPrefix(w, "WWW.")) {
		return append(dst[:start], "<url> "...)
	}
	if at && strings.IndexByte(w, '@') > 0 {
		return append(dst[:start], "<email> "...)
	}
	for _, r := range w[k:] { // empty for ASCII
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

// leadingClitic returns the clitic ("s", "ve", ...) without its apostrophe
// that s starts with when it stands alone as a token, or "".
func leadingClitic(s string) string {
	for _, c := range clitics {
		if c[0] != '\'' {
			continue
		}
		c = c[1:]
		if len(s) >= len(c) && strings.EqualFold(s[:len(c)], c) {
			if len(s) == len(c) {
				return s
			}
			r, _ := utf8.DecodeRuneInString(s[len(c):])
			if !isWordRune(r) {
				return strings.ToLower(s[:len(c)])
			}
		}
	}
	return ""
}

func isURL(s string) bool {
	if s[0] != 'h' && s[0] != 'H' {
		return false
	}
	// EqualFold, unlike ToLower, does not allocate for "However".
	return len(s) >= 7 && strings.EqualFold(s[:7], "http://") ||
		len(s) >= 8 && strings.EqualFold(s[:8], "https://")
}
