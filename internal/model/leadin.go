package model

import "strings"

// maxListItems bounds how far back a list item looks for its lead-in.
const maxListItems = 12

// listLeadIn returns the lead-in of sentence i of one company's sentences
// in order ("we may take any of the following measures :") when i is an
// item of the list it opens, and -1 otherwise: the nearest sentence before
// it ending in a colon, reached over list items only (ending in ";", "; or",
// ", and" and the like).
func listLeadIn(texts []string, i int) int {
	// A sentence after a colon is an item only when it or the one before
	// it ends like an item: a colon also introduces whole sentences.
	if !endsItem(texts[i]) && (i == 0 || !endsItem(texts[i-1])) {
		return -1
	}
	for j := i - 1; j >= 0 && j >= i-maxListItems; j-- {
		t := strings.TrimSpace(texts[j])
		switch {
		case strings.HasSuffix(t, ":"):
			return j
		case endsItem(t):
			continue
		}
		return -1
	}
	return -1
}

func endsItem(t string) bool {
	t = strings.TrimSpace(t)
	for _, s := range []string{";", "; or", "; and", ", or", ", and"} {
		if strings.HasSuffix(t, s) {
			return true
		}
	}
	return false
}

// leadInWords returns text's words each prefixed by prefix, so that a list
// item can carry its lead-in's words as features apart from its own (an
// empty prefix mixes them).
func leadInWords(text, prefix string) string {
	var b strings.Builder
	for _, w := range strings.Fields(string(Tokens(nil, text))) {
		if !isWordByte(w[0]) {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(prefix)
		b.WriteString(w)
	}
	return b.String()
}

// withLeadIns appends to every list item of sents (in corpus order, a
// company's sentences together) its lead-in's words under prefix.
func withLeadIns(sents []LabelledSentence, prefix string) []LabelledSentence {
	out := make([]LabelledSentence, len(sents))
	copy(out, sents)
	for start := 0; start < len(sents); {
		end := start
		for end < len(sents) && sents[end].Group == sents[start].Group {
			end++
		}
		texts := make([]string, end-start)
		for k := range texts {
			texts[k] = sents[start+k].Text
		}
		for k := range texts {
			if j := listLeadIn(texts, k); j >= 0 {
				out[start+k].Text += leadInWords(texts[j], prefix)
			}
		}
		start = end
	}
	return out
}
