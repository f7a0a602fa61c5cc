package terms

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/termscore/termscore/internal/wordkey"
)

// Indefinite is a term with no end date: an agreement that runs until a
// party ends it, employment at will, a month-to-month tenancy. Text says
// so in plain words, with the notice needed to end it when the contract
// gives one; Quote is the document's wording.
type Indefinite struct {
	Text string `json:"text"`
	// Kind is "until-terminated", "at-will" or "periodic".
	Kind string `json:"kind"`
	// Period is how often a periodic tenancy rolls over: "week",
	// "month" or "year".
	Period string `json:"period,omitempty"`
	Quote  string `json:"quote"`
	Span   Span   `json:"-"`
}

// The kinds of indefinite term.
const (
	untilTerminated = "until-terminated"
	atWill          = "at-will"
	periodic        = "periodic"
)

var (
	// The last words of the phrases indefinite looks for are indexed, so
	// that phraseSentences need not search the text.
	_ = keywords("will", "month", "week", "year", "periodic", "rolling")
	// atWillRe is employment at will: "at-will employment", "your
	// employment ... is at will".
	atWillRe = regexp.MustCompile(`\bat[\s-]will\b`)
	// notAtWillRe denies it: "is not at will", "a tenant at will" (a
	// holdover tenancy).
	notAtWillRe = regexp.MustCompile(`\bnot\s+(?:an?\s+)?(?:employment\s+)?at[\s-]will|\btenan\w*[\s-]+at[\s-]will`)
	// periodicRe is a tenancy or agreement that rolls over: "month-to-
	// month", "on a week to week basis", "a periodic tenancy".
	periodicRe = regexp.MustCompile(`\b(?:(week|month|year)[\s-]+to[\s-]+(?:week|month|year)|periodic\s+tenancy|rolling\s+(week|month)ly\s+(?:basis|tenancy|agreement|contract))\b`)
	// untilRe is an agreement that runs until someone ends it: "shall
	// continue until terminated by either party", "for an indefinite
	// period", "until such time as either party terminates".
	untilRe = regexp.MustCompile(`\b(?:for\s+an?\s+(?:indefinite|unlimited|unspecified)\s+(?:period|term|duration|time)|indefinite\s+(?:term|period|duration)|(?:continues?|remains?|be|is|stays?)(?:\s+in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+effect)?|\s+effective|\s+valid|\s+in\s+force)?(?:\s+indefinitely)?(?:\s+thereafter)?\s+(?:unless\s+and\s+)?until\s+(?:(?:(?:it|this\s+agreement|the\s+agreement|this\s+contract|the\s+engagement|(?:the|your)\s+employment)\s+is\s+)?(?:validly\s+|otherwise\s+|earlier\s+)?terminat(?:ed|ion\s+(?:by|in\s+accordance|as\s+provided|pursuant|under))|(?:either|one)\s+(?:party|of\s+the\s+parties)\s+(?:terminates|ends|gives)|such\s+time\s+as\s+(?:it\s+is\s+terminated|either\s+party|one\s+of\s+the\s+parties|the\s+parties|(?:the|this)\s+agreement\s+is\s+terminated)))`)
	// continuationRe marks a rollover after a fixed term, not the term:
	// "after the initial term, the lease becomes month-to-month", a
	// holdover.
	continuationRe = regexp.MustCompile(`\b(?:expir\w*|end\s+of\s+(?:the\s+|this\s+|such\s+|said\s+)?(?:initial\s+|lease\s+|original\s+|fixed\s+)?(?:term|lease|period)|after\s+(?:the\s+)?(?:initial|fixed|original|lease)\s+term|hold\w*\s*over|holdover|remains?\s+in\s+possession|(?:renew|extend)\w*|if\s+(?:the\s+)?tenant\s+(?:stays|remains|continues))`)
)

// subjectWords name what an indefinite term runs for; one of them must be
// in the sentence, so that a licence or a duty of confidence that lasts
// until terminated is not taken for the agreement's term.
var subjectWords = []string{"this agreement", "the agreement", "this contract", "the contract", "the term", "employment",
	"engagement", "tenancy", "this lease", "the lease", "rental agreement", "relationship", "the services", "your services"}

// indefinite reads a term with no end: employment at will, a periodic
// tenancy, an agreement that runs until a party ends it. It is asked only
// when no fixed term or end date was found, as a fixed initial term that
// then runs on is a term with renewals, not an indefinite one.
func indefinite(s *scanner, notice *Duration) *Indefinite {
	var best *Indefinite
	consider := func(kind, period string, sp Span) {
		if best == nil || rank(kind) < rank(best.Kind) {
			best = &Indefinite{Kind: kind, Period: period, Quote: s.clip(sp), Span: sp}
		}
	}
	// At will and periodic are found by their phrases, which are rare
	// and short: a search of the whole text costs less than indexing
	// "at" or "month".
	for _, w := range []string{"at will", "at-will"} {
		var heading *Span
		for _, sp := range s.phraseSentences(w, 6) {
			low := s.lower[sp.Start:sp.End]
			if !has(low, "employ") || notAtWillRe.MatchString(low) || !atWillRe.MatchString(low) {
				continue
			}
			// A heading ("At-Will Employment") says it; the sentence
			// under it says it to the reader.
			if len(strings.Fields(low)) < 6 {
				if heading == nil {
					heading = &sp
				}
				continue
			}
			heading = &sp
			break
		}
		if heading != nil {
			consider(atWill, "", *heading)
		}
	}
	for _, w := range []string{"to month", "to-month", "to week", "to-week", "to year", "to-year", "periodic", "rolling"} {
		for _, sp := range s.phraseSentences(w, 6) {
			low := s.lower[sp.Start:sp.End]
			m := periodicRe.FindStringSubmatch(low)
			// A statutory periodic tenancy is what follows a fixed term.
			if m == nil || !has(low, "tenan", "lease", "rent", "agreement", "contract", "occupan", "subscription", "services") || has(low, "statutory") || continuationRe.MatchString(low) {
				continue
			}
			period := m[1] + m[2]
			if period == "" {
				period = "month" // a periodic tenancy with no period named runs with the rent, most often monthly
				if has(low, "week") {
					period = "week"
				}
			}
			consider(periodic, period, sp)
			break
		}
	}
	for _, sp := range s.hits(12, kwPerpetual...) {
		low := s.lower[sp.Start:sp.End]
		if !has(low, subjectWords...) || has(low, "confidential", "surviv", "non-disclosure obligation") {
			continue
		}
		if has(low, "license", "licence", "right") && !has(low, "this agreement shall", "this agreement will", "agreement will continue", "agreement shall continue", "term of this agreement", "employment") {
			continue
		}
		// untilRe needs one of these words: a search for them costs less
		// than the expression.
		if !has(low, "until", "indefinite", "unlimited", "unspecified") {
			continue
		}
		m := untilRe.FindStringIndex(low)
		if m == nil {
			continue
		}
		// A fixed length in the same sentence makes a fixed term that
		// runs on ("for two years and thereafter until terminated", "until
		// the end of the fifteenth Contract Year, and thereafter").
		if fixedDuration(s, sp) || has(low[:m[0]], "until the end of", "until the expiration", "until the earlier", "until the later", "initial term", "contract year") {
			continue
		}
		consider(untilTerminated, "", sp)
		break
	}
	if best == nil {
		return nil
	}
	low := s.lower[best.Span.Start:best.Span.End]
	// Who may end it is often said next: "This agreement continues until
	// terminated. Either party may terminate with notice."
	either := has(low, eitherWords...)
	if !either && best.Span.End+1 < len(s.text) {
		if next := s.sentence(best.Span.End + 1); next.Start >= best.Span.End && has(s.lower[next.Start:next.End], eitherWords...) {
			either = true
		}
	}
	if notice != nil && !either {
		ns := s.sentence(notice.Span.Start)
		either = has(s.lower[ns.Start:ns.End], eitherWords...)
	}
	best.Text = indefiniteText(best, low, either, notice)
	best.Quote, best.Span = s.trimQuote(best.Span)
	return best
}

// eitherWords say that both sides may end an agreement.
var eitherWords = []string{"either party", "either of the parties", "by the parties", "one of the parties", "by both parties", "either you or", "either side"}

// trimQuote keeps a quote to the sentence around its match when the
// segmenter ran several together ("15.3 The price … 16.1 This Agreement
// shall … for an indefinite term"): from the section number or line that
// starts the statement.
func (s *scanner) trimQuote(sp Span) (string, Span) {
	if sp.End-sp.Start > 400 {
		text := s.text[sp.Start:sp.End]
		if m := untilRe.FindStringIndex(s.lower[sp.Start:sp.End]); m != nil {
			from := 0
			for _, b := range sectionStartRe.FindAllStringIndex(text[:m[0]], -1) {
				from = b[0]
			}
			if from > 0 {
				sp.Start += from + strings.IndexFunc(text[from:], func(r rune) bool { return r != ' ' && r != '\n' })
			}
		}
	}
	return s.clip(sp), sp
}

// sectionStartRe is where a numbered statement starts inside a run-on
// sentence: "  16.1 ".
var sectionStartRe = regexp.MustCompile(`(?:^|\s)\d{1,2}\.\d{1,2}\s+[A-Z]`)

// rank orders the kinds from the most telling: an offer letter that
// says both "at will" and "until terminated" is at will.
func rank(kind string) int {
	switch kind {
	case atWill:
		return 0
	case periodic:
		return 1
	}
	return 2
}

// fixedDuration reports whether the sentence sp states a length of term:
// a duration of a month or more that is not a notice or a deadline.
func fixedDuration(s *scanner, sp Span) bool {
	low := s.lower[sp.Start:sp.End]
	sent := s.text[sp.Start:sp.End]
	for _, m := range findDurations(low) {
		if d, ok := durationAt(sent, low, m, sp.Start); ok && d.Unit != "day" && !noticeLike(low, m[0], m[1]) {
			return true
		}
	}
	return false
}

// phraseSentences returns the distinct sentences holding phrase (lower
// case) where its last word starts a word, in document order, at most
// limit of them.
func (s *scanner) phraseSentences(phrase string, limit int) []Span {
	k := strings.LastIndexAny(phrase, " -") + 1
	prefix, word := phrase[:k], phrase[k:]
	if s.words == nil {
		s.indexWords()
	}
	// The last word's places come from the word index when its key is
	// indexed (as indefinite's are): a whole-text search per phrase cost more
	// than the rest of the indefinite term's reading.
	j := -1
	if len(word) >= 3 {
		j = indexed.Find(wordkey.Of(word))
	}
	var starts []int
	if j >= 0 {
		starts = s.words[j]
	} else {
		starts = s.wordStarts(word)
	}
	var out []Span
	for _, o := range starts {
		if len(out) >= limit {
			break
		}
		if o < k || !strings.HasPrefix(s.lower[o:], word) || s.lower[o-k:o] != prefix {
			continue
		}
		i := o - k
		if n := len(out); n > 0 && out[n-1].Contains(i) {
			continue
		}
		out = append(out, s.sentence(i))
	}
	return out
}

// wordStarts returns where word starts a word of the text, for a word
// whose key is not indexed: the places strings.Index finds from its
// rarest letter on, at a word start.
func (s *scanner) wordStarts(word string) []int {
	r := rarestByte(word)
	var out []int
	for at := r; at <= len(s.lower); {
		j := strings.Index(s.lower[at:], word[r:])
		if j < 0 {
			break
		}
		o := at + j - r
		at += j + 1
		if s.lower[o:o+r] == word[:r] && (o == 0 || !wordByte[s.lower[o-1]]) {
			out = append(out, o)
		}
	}
	return out
}

// rarestByte returns the index of the letter of phrase that English text
// has least often (the first of equals).
func rarestByte(phrase string) int {
	const byRarity = "zqxjkvbpygfwmucldrhsnioate"
	best, rank := 0, len(byRarity)
	for i := 0; i < len(phrase); i++ {
		if r := strings.IndexByte(byRarity, phrase[i]); r >= 0 && r < rank {
			best, rank = i, r
		}
	}
	return best
}

// indefiniteText says how an indefinite term ends, as the report shows
// it: "Indefinite — until either party ends it (notice: 30 days)".
func indefiniteText(t *Indefinite, low string, either bool, notice *Duration) string {
	var b strings.Builder
	b.WriteString("Indefinite — ")
	anyTime := has(low, "at any time", "with or without notice", "without notice", "with or without cause or", "with or without advance notice")
	switch t.Kind {
	case atWill:
		b.WriteString("employment at will: either side may end it")
		if anyTime || notice == nil {
			b.WriteString(" at any time")
		}
	case periodic:
		fmt.Fprintf(&b, "%s to %s, until either party ends it", t.Period, t.Period)
	default:
		if either {
			b.WriteString("until either party ends it")
		} else {
			b.WriteString("until it is terminated")
		}
	}
	if notice != nil && !(t.Kind == atWill && anyTime) {
		fmt.Fprintf(&b, " (notice: %s)", durationWords(notice))
	}
	return b.String()
}

// durationWords writes a duration plainly: "30 days", "1 month", "10
// business days".
func durationWords(d *Duration) string {
	unit := d.Unit
	if d.Business {
		unit = "business " + unit
	}
	if d.Count != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%g %s", d.Count, unit)
}
