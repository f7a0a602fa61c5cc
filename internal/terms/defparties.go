package terms

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// defNumberRe is a definition's number or bullet at the start of its
// line: "2.1 ", "(a) ", "- ".
var defNumberRe = regexp.MustCompile(`^[ \t]*(?:\d+(?:\.\d+)*\.?|\(?[a-z]{1,3}\)|[-*•])[ \t]+`)

// definedParties reads the parties from definitions that give a role its
// name, for documents whose preamble names none: a UK agency's contractor
// terms open "THIS AGREEMENT is made on the date on which it has been
// executed by both parties" and say who is who only in their definitions,
// `"Agency" means Bee Associates Ltd; "Consultancy" means Dive Intellect
// Ltd; "Client" means the Company who requests …`. Only a role word
// (isRole) defined as a name counts: the Client, defined by a description,
// is no party of the agreement. At most one per role, in the order of the
// text, and at most four.
func definedParties(s *scanner) []Party {
	var out []Party
	seen := map[string]bool{}
	for at := 0; len(out) < 4; {
		i := strings.Index(s.lower[at:], "mean")
		if i < 0 {
			break
		}
		i += at
		at = i + len("mean")
		role, valAt, ok := definedRole(s.text, s.lower, i)
		if !ok || seen[strings.ToLower(role)] {
			continue
		}
		name, off := definedName(s.text[valAt:min(len(s.text), valAt+160)])
		if name == "" {
			continue
		}
		seen[strings.ToLower(role)] = true
		start := valAt + off
		out = append(out, Party{Name: name, Alias: role, Placeholder: isPlaceholder(name), Span: Span{Start: start, End: start + len(name)}})
	}
	return out
}

// definedRole reads the defined role before the "mean" at byte i of text
// (lower is text lower-cased): `"Agency" means`, `“Client” shall mean`,
// a table's `"Agency"<tab>means`, a line's `Agency means`. It returns the role as written and
// where the definition's value starts.
func definedRole(text, lower string, i int) (role string, valAt int, ok bool) {
	if i > 0 && isWordByte(lower[i-1]) {
		return "", 0, false // "demeans"
	}
	kw, end := i, i+len("mean")
	switch {
	case strings.HasPrefix(lower[end:], "s ") || strings.HasPrefix(lower[end:], "s\t"):
		end++
	case strings.HasPrefix(lower[end:], " ") && strings.HasSuffix(lower[:i], "shall "):
		kw -= len("shall ")
	case strings.HasPrefix(lower[end:], " ") && strings.HasSuffix(lower[:i], "will "):
		kw -= len("will ")
	default:
		return "", 0, false // "by means of", "meant"
	}
	before := strings.TrimRight(text[max(0, kw-70):kw], " \t")
	closing := ""
	for _, c := range []string{`"`, "”", "’"} {
		if strings.HasSuffix(before, c) {
			closing = c
			break
		}
	}
	if closing == "" {
		// A definition in bold, whose stars a reader drops, or a table's
		// row: the role alone opens its line, after its number ("2.1
		// Agency means …").
		nl := strings.LastIndexByte(before, '\n')
		if nl < 0 && kw > 70 {
			return "", 0, false
		}
		role = strings.TrimLeft(defNumberRe.ReplaceAllString(before[nl+1:], ""), " \t")
		if role == "" || role[0] < 'A' || role[0] > 'Z' {
			return "", 0, false
		}
	} else {
		before = strings.TrimSuffix(before, closing)
		open := strings.LastIndexAny(before, `"“‘`)
		if open < 0 {
			return "", 0, false
		}
		_, size := utf8.DecodeRuneInString(before[open:])
		role = before[open+size:]
	}
	if low := strings.ToLower(role); !isRole(role) || low == "party" || low == "parties" {
		return "", 0, false
	}
	return role, end + 1, true
}

// definedName returns the name a role's definition gives, and its offset
// in val: "Bee Associates Ltd" of "Bee Associates Ltd; "Consultancy"
// means …", or "[CLIENT NAME]"; "" for a description ("the Company who
// requests …", "any person who …").
func definedName(val string) (string, int) {
	t := strings.TrimLeft(val, " \t")
	off := len(val) - len(t)
	if i := strings.IndexAny(t, ";\n"); i >= 0 {
		t = t[:i]
	}
	if m := nameEnd(t); m != nil && m[0] > 0 {
		t = t[:m[0]]
	}
	// A sentence's end, not the "." of "Ltd.".
	if i := strings.Index(t, ". "); i > 0 && !endsInSuffixRe.MatchString(t[:i+1]) {
		t = t[:i]
	}
	t = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), ",:"))
	if t == "" || len(t) > 80 {
		return "", 0
	}
	if isPlaceholder(t) {
		return t, off
	}
	if c := t[0]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
		return "", 0
	}
	if strings.HasSuffix(t, ".") && !endsInSuffixRe.MatchString(t) {
		t = strings.TrimRight(t, ".")
	}
	name := tidyName(t)
	if name == "" || !bareName(name) || isRole(name) || strings.HasPrefix(strings.ToLower(name), "the ") {
		return "", 0
	}
	return name, off
}
