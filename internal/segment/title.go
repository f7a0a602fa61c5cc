package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsTitle reports whether a paragraph a document styles as a heading reads
// as a title ("7. Payment Terms", "Termination.", "SCHEDULE A – FEES") rather
// than as a clause with a body. Some templates give every clause a heading
// style and let the list make 1 / 1.1 / (a): "1.1 Services. Provider will
// provide …" or "(b) Contractor will no longer provide the Services." is
// then a clause, and a reader should report it as the numbered paragraph
// it is. A clause number at the start of text is not part of the test.
func IsTitle(text string) bool {
	rest := strings.TrimSpace(text)
	if l, ok := parseLabel(rest); ok {
		rest = strings.TrimSpace(rest[l.end:])
	}
	return !carriesBody(rest)
}

// carriesBody reports whether s (a heading's text after its number) holds
// prose: a run-in title followed by a sentence, a sentence, or more words
// than any title has.
func carriesBody(s string) bool {
	if s == "" {
		return false
	}
	words := strings.Fields(s)
	// "1.1 Services. Provider will …", "Effect of Termination. Upon any
	// expiration or termination:"; not "Fees: Net 30" or "U.S. Export
	// Rules", whose second part is a title too.
	if i := runIn(s); i > 0 {
		after := strings.TrimSpace(s[i:])
		if n := len(strings.Fields(after)); n >= 2 && !titleOrCaps(after) && (endsClause(after, true) || n >= 12) {
			return true
		}
	}
	if isUpper(s) {
		return false
	}
	if len(words) > 30 {
		return true
	}
	trimmed := strings.TrimRight(s, ".:;,")
	if isTitleCase(trimmed) {
		return false
	}
	// A sentence: "Contractor will no longer provide the Services.",
	// "“Terms” means these terms and conditions.", "(d) A party must
	// notify the other …"; a short one only when a verb says so, since
	// "Limitation of liability." is a title.
	// A line ending in a colon ("For all sites in the program:") may
	// still be a heading over a list.
	if endsClause(s, false) && (len(words) >= 7 || hasVerb(words)) {
		return true
	}
	// A long line of lower-case words is prose even without its stop.
	return len(words) >= 20 && lowerWords(words) >= 6
}

// endsClause reports whether s ends as a sentence or a list item does:
// a stop, a semicolon, a comma, "; or", "; and", or with colon a colon.
func endsClause(s string, colon bool) bool {
	switch s[len(s)-1] {
	case '.', ';', ',':
		return true
	case ':':
		return colon
	}
	return strings.HasSuffix(s, " or") || strings.HasSuffix(s, " and")
}

// runIn returns the offset just after the first ". " or ": " that ends a
// run-in title of at most twelve words, or 0.
func runIn(s string) int {
	spaces, word := 0, 0 // word: where the current word starts
	for i := 0; i+1 < len(s); i++ {
		switch {
		case s[i] == ' ':
			if spaces++; spaces > 12 {
				return 0
			}
			word = i + 1
		case (s[i] == '.' || s[i] == ':') && s[i+1] == ' ':
			// "U.S. Government" or "No. 5": an abbreviation, not a stop.
			if s[i] == '.' && (i-word <= 1 || s[i-2] == '.') {
				continue
			}
			return i + 2
		}
	}
	return 0
}

func titleOrCaps(s string) bool {
	t := strings.TrimRight(s, ".:;,")
	return isUpper(t) || isTitleCase(t)
}

// sentenceVerbs are words that make a short heading-styled line a sentence.
var sentenceVerbs = map[string]bool{"will": true, "shall": true, "must": true, "may": true, "means": true,
	"mean": true, "is": true, "are": true, "agrees": true, "agree": true, "has": true, "have": true}

func hasVerb(words []string) bool {
	for _, w := range words {
		if sentenceVerbs[strings.ToLower(strings.Trim(w, ".,;:"))] {
			return true
		}
	}
	return false
}

// lowerWords counts the words that start with a lower-case letter and are
// not short function words.
func lowerWords(words []string) int {
	n := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !smallWords[strings.ToLower(w)] {
			n++
		}
	}
	return n
}
