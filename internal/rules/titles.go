package rules

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
)

// isTitle reports whether a unit is a heading, a clause's run-in title
// split off its clause, or a table-of-contents entry: it names a topic,
// it is not a clause, so present rules do not report it. It still counts
// for the preconditions and protections of missing rules.
func isTitle(doc *document.Document, u document.Span) bool {
	// Some Word templates put a heading style on every numbered clause: a
	// long "heading" block is a clause with a run-in title, not a title.
	if b := doc.BlockAt(u.Start); b >= 0 && doc.Blocks[b].Kind == document.Heading && doc.Blocks[b].Len() <= 120 {
		return true
	}
	t := doc.Text[u.Start:u.End]
	// A line that states a sum ("Processing Fee (2.5%): $352.34",
	// "Minimum payout — $100") is a term of a price list, not a title.
	if statesAmount(t) {
		return false
	}
	if strings.Count(t, " ") < 4 && !strings.ContainsAny(t, ".;:") && !hasLowerVerb(t) {
		return true
	}
	return titleLike(t)
}

// hasLowerVerb reports whether t has a verb a clause needs written in lower
// case ("Unvested equity is forfeited"): a short list item that states a
// term, where a heading capitalises its words ("What Is Covered").
func hasLowerVerb(t string) bool {
	for w := range strings.FieldsSeq(t) {
		if w[0] >= 'a' && w[0] <= 'z' && wordClass(w) == verb {
			return true
		}
	}
	return false
}

// statesAmount reports whether t has a sum of money ("$100", "€ 20"): a
// short line that states one is a term of a list ("Minimum payout — $100"),
// not a heading.
func statesAmount(t string) bool {
	for i, r := range t {
		if r != '$' && r != '€' && r != '£' {
			continue
		}
		rest := strings.TrimLeft(t[i+utf8.RuneLen(r):], " ")
		if rest != "" && '0' <= rest[0] && rest[0] <= '9' {
			return true
		}
	}
	return false
}

// runInHeading returns the length of the heading in capitals a unit
// starts with when the first subclause follows it in the same unit: "14.
// LIMITATION OF LIABILITY" in "14. LIMITATION OF LIABILITY 14.1
// NOTWITHSTANDING ANYTHING …". It is 0 if there is none.
func runInHeading(s string) int {
	// Cheap necessary condition: a subclause number (" 14.1") before the
	// first lower-case letter. Most sentences have one in their first word.
	s = s[:min(len(s), 160)]
	pre := s
	for i := 0; i < len(pre); i++ {
		if c := pre[i]; 'a' <= c && c <= 'z' {
			pre = pre[:i]
			break
		}
	}
	if !hasSubclauseNumber(pre) {
		return 0
	}
	return headingMatch(s)
}

// headingMatch is runInHeading without its necessary condition, on at
// most 160 bytes.
func headingMatch(s string) int {
	m := runInHeadingRe.FindStringSubmatchIndex(s)
	if m == nil {
		return 0
	}
	// "NEITHER PARTY SHALL BE LIABLE UNDER SECTION 5.2 …" is a clause
	// that cites a section, not a heading.
	head := s[m[2]:m[3]]
	last := head[strings.LastIndexByte(head, ' ')+1:]
	if !titleLike(head) || wordClass(last) == reference {
		return 0
	}
	return m[3]
}

// hasSubclauseNumber reports whether s has a space, digits, a full stop
// and a digit ("… 14.1").
func hasSubclauseNumber(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if !isSpace(s[i]) || !isDigit(s[i+1]) {
			continue
		}
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isSpace is \s of a regular expression.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// runInHeadingRe: a clause number, if any, a heading without a lower-case
// letter, then a subclause number ("14.1").
var runInHeadingRe = regexp.MustCompile(`^(?:(?:(?:ARTICLE|SECTION)\s+)?(?:\d+|[IVXL]+)(?:\.\d+)*\.?\s+)?([A-Z][^a-z]{2,100}?)\s+\d+(?:\.\d+)+\.?\s`)

// Limits of titleLike.
const (
	// maxTitleWords is the most capitalised words a heading has: "ARTICLE
	// VII LIMITATION ON LIABILITY AND INDEMNIFICATION 7.1 Responsibility and
	// Control." has seven.
	maxTitleWords = 12
	// minCapsClause is the fewest words of a sentence in capitals, ending
	// in a full stop and not numbered, that is taken for a clause
	// ("CUSTOMER WAIVES ANY RIGHT TO A JURY TRIAL.") rather than a heading.
	minCapsClause = 5
)

// titleLike reports whether t reads as a heading or a table-of-contents
// line rather than as a clause: every word is capitalised, a number, an
// enumerator ("e.", "(d)", "ii") or a short joining word ("of", "by",
// "any"), and none is a verb a clause needs ("shall", "Will", "IS").
// "14.5. Non-Solicitation by Distributor." and "Section 7.01. Limitation
// on Liability 11 Section 7.02." are titles; "14.5 Distributor shall not
// solicit any customer of Company." is not. A longer run of titles is a
// table of contents only when page numbers follow its titles ("TRANSFER
// REQUIREMENTS 34 14.1 Organization 34 14.2 …").
func titleLike(t string) bool {
	// A table of contents with dot leaders is one, whatever its titles'
	// words ("Article 4 Order, delivery and Acceptance. . . . . 4").
	if (strings.Contains(t, ". . . .") || strings.Contains(t, "....")) && len(dotLeaderRe.FindAllStringIndex(t, 3)) == 3 {
		return true
	}
	// A list item ("(b) an Operator Change of Control;") goes on.
	if e := strings.TrimRight(t, " "); strings.HasSuffix(e, ";") || strings.HasSuffix(e, ",") {
		return false
	}
	var (
		words    int    // capitalised words
		pages    int    // numbers right after a capitalised word
		prev     string // the previous token, if a capitalised word
		lower    bool   // some capitalised word has a lower-case letter
		numbered bool   // the text starts with a number or enumerator
	)
	for i, rest := 0, t; ; i++ {
		var tok string
		if tok, rest = nextToken(rest); tok == "" {
			break
		}
		r := rune(tok[0])
		if r >= utf8.RuneSelf {
			r, _ = utf8.DecodeRuneInString(tok)
		}
		if '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r) {
			// "Section 5.2" is a reference, not a page.
			if prev != "" && wordClass(prev) != reference {
				pages++
			}
			numbered = numbered || i == 0
			prev = ""
			continue
		}
		if len(tok) == 1 || utf8.RuneCountInString(tok) == 1 {
			// An enumerator, or "a".
			numbered = numbered || i == 0
			prev = ""
			continue
		}
		if !unicode.IsUpper(r) {
			// Most clauses end here, at their first lower-case word.
			switch titleWords[tok] {
			case joining:
			case enumerator:
				numbered = numbered || i == 0
			default:
				return false
			}
			prev = ""
			continue
		}
		// "Termination At Will" is a title: a verb counts in lower case
		// or in capitals, not capitalised.
		if isCaps(tok) {
			switch wordClass(tok) {
			case verb:
				return false
			case joining:
				prev = ""
				continue
			}
		} else {
			lower = true
		}
		if i == 0 && wordClass(tok) == reference {
			numbered = true
		}
		words++
		prev = tok
	}
	if words == 0 {
		return false
	}
	if !lower && !numbered && words >= minCapsClause && strings.HasSuffix(strings.TrimSpace(t), ".") {
		return false
	}
	if words <= maxTitleWords {
		return true
	}
	// A table of contents: a page number every few titled words, and no
	// amounts (a payment schedule is a table of titles and numbers too).
	return pages >= 2 && pages*8 >= words && !strings.ContainsAny(t, "$€£%")
}

// dotLeaderRe is a table of contents' leader and page number.
var dotLeaderRe = regexp.MustCompile(`(?:\. ?){4,}\s*\d+`)

// nextToken returns the first word of t and the text after it: a run of
// letters and digits, with the apostrophes and hyphens inside it
// ("Contractor's", "Non-Solicitation"; "7.01" is two words). Dots, dashes
// and brackets around words are not part of them, so
// "LIABILITY.......23" is a title and a page number.
func nextToken(t string) (tok, rest string) {
	i := 0
	for i < len(t) {
		if c := t[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i += size
	}
	j := i
	for j < len(t) {
		r, size := rune(t[j]), 1
		if r < utf8.RuneSelf {
			if asciiWord[r] {
				j++
				continue
			}
		} else if r, size = utf8.DecodeRuneInString(t[j:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			j += size
			continue
		}
		// An apostrophe or hyphen joins two parts of one word.
		if r == '\'' || r == '’' || r == '-' {
			if r2, _ := utf8.DecodeRuneInString(t[j+size:]); j+size < len(t) && unicode.IsLetter(r2) {
				j += size
				continue
			}
		}
		break
	}
	return t[i:j], t[j:]
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (w [utf8.RuneSelf]bool) {
	for c := range w {
		w[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return w
}()

// isCaps reports whether a word has no lower-case letter.
func isCaps(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// lowerASCII appends w to buf with ASCII letters in lower case: the key of
// a word list, without allocating.
func lowerASCII(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// Classes of the words of titleWords.
const (
	other = iota
	// A joining word may stand in lower case in a title ("Covenant not to
	// Sue", "Right to Terminate Agreement for any Reason"); "continued" and
	// "page" head a table of contents.
	joining
	// A verb makes a sentence a clause: a heading names a topic and has
	// none ("Right to Terminate" has a verb, but no modal).
	verb
	// A lower-case Roman numeral numbers a list item ("ii") or a page.
	enumerator
	// A reference word comes before the number of a part of the contract
	// ("Section 5.2"), which is not a page number.
	reference
)

var titleWords = map[string]uint8{
	"a": joining, "an": joining, "and": joining, "or": joining, "nor": joining, "of": joining,
	"the": joining, "for": joining, "to": joining, "in": joining, "on": joining, "by": joining,
	"as": joining, "at": joining, "with": joining, "upon": joining, "under": joining,
	"from": joining, "any": joining, "not": joining, "its": joining, "their": joining,
	"per": joining, "between": joining, "against": joining, "into": joining, "within": joining,
	"without": joining, "after": joining, "before": joining, "prior": joining, "over": joining,
	"than": joining, "vs": joining, "via": joining, "other": joining, "all": joining,
	"each": joining, "continued": joining, "page": joining,

	"shall": verb, "will": verb, "must": verb, "may": verb, "can": verb, "cannot": verb,
	"should": verb, "would": verb, "is": verb, "are": verb, "be": verb, "been": verb,
	"was": verb, "were": verb, "has": verb, "have": verb, "does": verb, "hereby": verb,
	"agrees": verb, "agree": verb, "means": verb, "includes": verb, "acknowledges": verb,
	"warrants": verb, "represents": verb, "waives": verb, "grants": verb, "consents": verb,
	"submits": verb, "assigns": verb, "indemnify": verb, "indemnifies": verb, "apply": verb, "applies": verb,

	"ii": enumerator, "iii": enumerator, "iv": enumerator, "vi": enumerator, "vii": enumerator,
	"viii": enumerator, "ix": enumerator, "xi": enumerator, "xii": enumerator,

	"section": reference, "sections": reference, "article": reference, "clause": reference,
	"exhibit": reference, "schedule": reference, "annex": reference, "appendix": reference,
	"paragraph": reference,
}

// wordClass returns the class of a word in titleWords in any case.
func wordClass(w string) uint8 {
	if len(w) > 16 {
		return other
	}
	var buf [16]byte
	return titleWords[string(lowerASCII(buf[:0], w))]
}

// leadingLabel returns the length of the label source text s starts with,
// up to and including its colon, or 0: one to three capitalised words and
// a colon, as in a trader's terms whose paragraphs open "Cancellation:",
// "Booking Fee:" ("**Cancellation:**" in Markdown). A sentence that only
// opens with a capital ("Tenant: shall …" is none) needs the colon right
// after its first words.
func leadingLabel(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '*' || s[i] == '_' || s[i] == '#') {
		i++
	}
	for words := 0; words < 3; words++ {
		if i >= len(s) || s[i] < 'A' || s[i] > 'Z' {
			return 0
		}
		for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] == '-' || s[i] == '\'') {
			i++
		}
		j := i
		for j < len(s) && (s[j] == '*' || s[j] == '_') {
			j++
		}
		if j < len(s) && s[j] == ':' && j+1 < len(s) && (s[j+1] == ' ' || s[j+1] == '*' || s[j+1] == '_') {
			return j + 1
		}
		if i >= len(s) || s[i] != ' ' {
			return 0
		}
		i++
	}
	return 0
}
