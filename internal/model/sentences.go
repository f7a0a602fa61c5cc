package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSentence is the longest span classified as one sentence, in bytes;
// longer runs (tables, lists without full stops) are cut at a space.
const maxSentence = 2000

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"inc": true, "co": true, "corp": true, "ltd": true, "no": true, "nos": true,
	"sec": true, "secs": true, "art": true, "arts": true, "e.g": true, "i.e": true,
	"etc": true, "mr": true, "mrs": true, "ms": true, "dr": true, "st": true,
	"vs": true, "v": true, "u.s": true, "n.a": true, "l.p": true, "jr": true,
	"sr": true, "para": true, "cf": true, "approx": true, "dept": true, "fig": true,
}

// SentenceSpans splits text into sentences and returns their byte spans.
// Lines are paragraphs; within a line a sentence ends at '.', '?' or '!'
// followed by a space and a capital, digit, bracket or quote, unless the
// word before the stop is a known abbreviation or a single letter.
func SentenceSpans(text string) [][2]int {
	var out [][2]int
	emit := func(start, end int) {
		for start < end {
			r, n := utf8.DecodeRuneInString(text[start:])
			if !unicode.IsSpace(r) {
				break
			}
			start += n
		}
		for end > start {
			r, n := utf8.DecodeLastRuneInString(text[:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= n
		}
		for end-start > maxSentence {
			cut := strings.LastIndexByte(text[start:start+maxSentence], ' ')
			next := cut + 1 // skip the space
			if cut <= 0 {
				// No space: cut at a rune start, or anywhere in bytes
				// that are not UTF-8 at all.
				cut = maxSentence
				for cut > 0 && !utf8.RuneStart(text[start+cut]) {
					cut--
				}
				if cut == 0 {
					cut = maxSentence
				}
				next = cut
			}
			out = append(out, [2]int{start, start + cut})
			start += next
		}
		if start < end {
			out = append(out, [2]int{start, end})
		}
	}
	lineStart := 0
	for lineStart < len(text) {
		lineEnd := strings.IndexByte(text[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += lineStart
		}
		start := lineStart
		for i := lineStart; i < lineEnd; i++ {
			c := text[i]
			if c != '.' && c != '?' && c != '!' {
				continue
			}
			// Closing quotes and brackets stay with the sentence.
			j := i + 1
			for j < lineEnd && strings.IndexByte(`"')]`, text[j]) >= 0 {
				j++
			}
			if j >= lineEnd || text[j] != ' ' {
				continue
			}
			k := j
			for k < lineEnd && text[k] == ' ' {
				k++
			}
			if k >= lineEnd {
				continue
			}
			r, _ := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`("'“‘[•`, r)) {
				continue
			}
			if c == '.' && isAbbreviation(text[start:i]) {
				continue
			}
			emit(start, j)
			start = j
		}
		emit(start, lineEnd)
		lineStart = lineEnd + 1
	}
	return out
}

// Sentences returns the sentences of text (see SentenceSpans).
func Sentences(text string) []string {
	spans := SentenceSpans(text)
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s[0]:s[1]]
	}
	return out
}

// isAbbreviation reports whether the text before a full stop ends with an
// abbreviation or a single letter ("A.", "J. Smith").
func isAbbreviation(before string) bool {
	w := before[strings.LastIndexAny(before, " (\t")+1:]
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsLetter(r)
	}
	return abbreviations[strings.ToLower(w)]
}
