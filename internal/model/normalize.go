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
	i := 0
	for i < len(text) {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isSpace(r):
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
			if r < utf8.RuneSelf {
				if d, j, ok := appendASCIIWord(dst, text, i); ok {
					dst, i = d, j
					continue
				}
			}
			j := wordEnd(text, i)
			dst = appendWord(dst, text[i:j])
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

// isSpace is unicode.IsSpace without a call for ASCII, nearly every
// character of a contract.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// appendASCIIWord appends the token of the word at text[i:] and returns
// the word's end when the word is what most words are, ASCII letters and
// digits ended by the text's end or by a byte that neither continues nor
// joins a word: such a word is no URL, e-mail address or clitic, and
// appendWord would only lower-case it and fold its digit runs. Otherwise
// ok is false and the caller takes the general path.
func appendASCIIWord(dst []byte, text string, i int) (_ []byte, end int, ok bool) {
	start := len(dst)
	digits := false
	for ; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			if !digits {
				dst = append(dst, '0')
			}
			digits = true
			continue
		case c >= utf8.RuneSelf:
			return dst[:start], i, false
		case isJoiner(rune(c)):
			// A joiner joins (wordEnd) only a word rune that follows.
			if i+1 < len(text) && (text[i+1] >= utf8.RuneSelf || isWordRune(rune(text[i+1]))) {
				return dst[:start], i, false
			}
			return append(dst, ' '), i, true
		default:
			return append(dst, ' '), i, true
		}
		digits = false
		dst = append(dst, c)
	}
	return append(dst, ' '), i, true
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
