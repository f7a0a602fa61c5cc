package redline

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
)

// Negotiation writes a short, polite email in Markdown asking the other
// side for the changes that matter: one paragraph per high or critical
// finding, saying what the clause does, what the sender asks for and what
// they could accept instead. It is written as the reviewer (usually the
// contractor) would send it to the other party, and its opening and
// closing say honestly how the sender stands:
//   - nothing found: happy to sign as it is;
//   - only low or informational findings: fair, nothing holds up signing;
//   - medium findings, none high: broadly fair, but some points to raise
//     before signing, each in its own paragraph, none a deal-breaker;
//   - high or critical findings: changes asked for before signing, with
//     any medium findings named as smaller points rather than "the rest
//     looks fine".
//
// A finding whose change the redline leaves out because another change
// already says it (see dedupe) gets no paragraph of its own.
func Negotiation(r *analyze.Report) string {
	p := PartiesFrom(r)
	if reviewsProvider[r.Role] {
		// The reviewer is the customer: the provider is the other side.
		p.Client, p.Contractor = p.Contractor, p.Client
	}
	covered, repeats := coveredRules(r)
	var asks, smaller []analyze.Finding
	minor := 0
	seen := map[string]bool{}
	// One paragraph per kind of problem, about the clause the redline
	// changes: not a copy it left out as a repeat.
	fs := slices.Clone(r.Findings)
	slices.SortStableFunc(fs, func(a, b analyze.Finding) int {
		return cmp.Compare(b2i(repeats[a.Span]), b2i(repeats[b.Span]))
	})
	for _, f := range fs {
		if seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		switch f.Severity {
		case "critical", "high":
			asks = append(asks, f)
		case "medium":
			smaller = append(smaller, f)
		default:
			minor++
		}
	}
	asks = uncovered(asks, covered, asks)
	smaller = uncovered(smaller, covered, append(slices.Clone(asks), smaller...))
	var b strings.Builder
	b.WriteString(greeting(p.Client) + "\n\n")
	what := "the agreement"
	if p.Agreement != "" {
		what = "the " + strings.TrimPrefix(p.Agreement, "the ")
	}
	fmt.Fprintf(&b, "Thank you for sending over %s. ", what)
	forward := lookingForward[r.Role]
	if forward == "" {
		forward = "I'm looking forward to working together."
	}
	switch {
	case len(asks) == 0 && len(smaller) == 0 && minor == 0:
		b.WriteString("I've read it through and I'm happy with it as it stands, so I'm glad to go ahead and sign.\n\n")
		b.WriteString(signOff(p, "Let me know how you'd like to handle the signing."))
		return b.String()
	case len(asks) == 0 && len(smaller) == 0:
		b.WriteString("I've read it through and it looks fair to me. The few points I noticed are minor and none of them needs to hold up signing, so I'm happy to go ahead.\n\n")
		b.WriteString(signOff(p, "Let me know how you'd like to handle the signing."))
		return b.String()
	case len(asks) == 0:
		if len(smaller) == 1 {
			b.WriteString(forward + " It looks broadly fair to me, but before I sign there is one point I'd like to raise. It isn't a deal-breaker.\n\n")
		} else {
			b.WriteString(forward + " It looks broadly fair to me, but before I sign there are a few points I'd like to raise. None of them is a deal-breaker.\n\n")
		}
		writeAsks(&b, smaller, r.Document.Type)
		if len(smaller) == 1 {
			b.WriteString("I've marked it up as suggested wording so it is easy to review. ")
		} else {
			b.WriteString("I've marked these up as suggested wording so they are easy to review. ")
		}
		b.WriteString(signOff(p, "Happy to talk any of this through on a call."))
		return b.String()
	}
	few := "a few changes"
	if len(asks) == 1 {
		few = "one change"
	}
	rest := "; the rest looks fine to me."
	if len(smaller) > 0 {
		rest = "."
	}
	fmt.Fprintf(&b, "%s Before I sign, I'd like to ask for %s%s\n\n", forward, few, rest)
	writeAsks(&b, asks, r.Document.Type)
	if len(smaller) > 0 {
		titles := make([]string, len(smaller))
		for i, f := range smaller {
			titles[i] = lowerFirst(toSender(f.Title))
		}
		point := "There are also a few smaller points, which matter less to me: "
		if len(smaller) == 1 {
			point = "There is also one smaller point, which matters less to me: "
		}
		b.WriteString(point + strings.Join(titles, "; ") + ".\n\n")
	}
	if len(asks) == 1 && len(smaller) == 0 {
		b.WriteString("I've marked it up as suggested wording so it is easy to review. ")
	} else {
		b.WriteString("I've marked these up as suggested wording so they are easy to review. ")
	}
	b.WriteString(signOff(p, "Happy to talk any of this through on a call."))
	return b.String()
}

// lookingForward is what the sender looks forward to, by role, where
// "working together" does not fit: a tenant does not work with the
// landlord.
var lookingForward = map[string]string{
	"tenant":   "I'm looking forward to the tenancy.",
	"landlord": "I'm looking forward to having you as a tenant.",
	"employee": "I'm looking forward to joining the team.",
	"employer": "I'm looking forward to having you on the team.",
	"consumer": "I'm looking forward to using the service.",
}

// reviewsProvider are the roles that review the other side's services:
// their email goes to the provider, signed by the customer.
var reviewsProvider = map[string]bool{"client": true, "licensee": true, "consumer": true}

// greeting greets the other side by its short name ("Hi Collectible
// Concepts team," for "Collectible Concepts Group, Inc."), or plainly
// ("Hello,") when the name is unknown or reads as a person's.
func greeting(name string) string {
	short, company := shortName(name)
	if short == "" || !company {
		return "Hello,"
	}
	return "Hi " + short + " team,"
}

// legalSuffixes end a company's legal name; "Group" and "Holdings" go
// too, as nobody says them in a greeting.
var legalSuffixes = regexp.MustCompile(`(?i)(,?\s+(inc\.?|incorporated|llc|l\.l\.c\.|ltd\.?|limited|corp\.?|corporation|co\.|company|plc|llp|l\.l\.p\.|lp|l\.p\.|gmbh|ag|s\.a\.|sa|s\.r\.l\.|srl|sas|b\.v\.|bv|n\.v\.|nv|pty|pte|oy|ab|as|aps|kk|k\.k\.|group|holdings?))+\.?$`)

// shortName strips a legal name's suffixes and a leading "The". company
// reports whether the name reads as a business: it carried a suffix, is
// one word (a brand: "Automattic"), or holds a digit, an inner capital
// ("NetLicensing") or a business noun ("Press", "Partners"); two or three
// plain capitalised words may be a person, whom "team" does not fit.
func shortName(name string) (short string, company bool) {
	name = strings.TrimSpace(name)
	short = strings.TrimSpace(legalSuffixes.ReplaceAllString(name, ""))
	short = strings.TrimSuffix(strings.TrimPrefix(short, "The "), ",")
	if short == "" {
		return "", false
	}
	words := strings.Fields(short)
	if short != name || len(words) == 1 || len(words) > 3 {
		return short, true
	}
	for _, w := range words {
		if businessNouns[w] || strings.ContainsAny(w, "0123456789&") || strings.ToLower(w[1:]) != w[1:] {
			return short, true
		}
	}
	return short, false
}

// businessNouns end or fill the names of firms, not of people.
var businessNouns = map[string]bool{
	"Press": true, "Partners": true, "Media": true, "Labs": true, "Studio": true, "Studios": true, "Solutions": true,
	"Technologies": true, "Technology": true, "Tech": true, "Systems": true, "Consulting": true, "Agency": true,
	"Software": true, "Digital": true, "Games": true, "Entertainment": true, "Capital": true, "Ventures": true,
	"Networks": true, "Services": true, "Productions": true, "Publishing": true, "Design": true, "Creative": true,
	"Associates": true, "Brands": true, "Marketing": true, "Industries": true, "International": true, "Global": true,
	"Concepts": true, "Enterprises": true, "Foundation": true, "Institute": true, "Bank": true, "Mobile": true,
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// writeAsks writes one numbered paragraph per finding of a document of
// type docType.
func writeAsks(b *strings.Builder, fs []analyze.Finding, docType string) {
	// A tenant writes about "the lease", a customer about "the terms".
	missing, says := "The agreement doesn't", "The agreement currently says"
	switch docType {
	case "lease":
		missing, says = "The lease doesn't", "The lease currently says"
	case "terms-of-service":
		missing, says = "The terms don't", "The terms currently say"
	}
	for n, f := range fs {
		fmt.Fprintf(b, "**%d. %s**", n+1, toSender(f.Title))
		b.WriteString(where(f.Location))
		b.WriteString(". ")
		if f.Kind == "missing" {
			b.WriteString(missing + " cover this at the moment. ")
		} else if q := quote(f.Quote, 25); q != "" {
			fmt.Fprintf(b, "%s: “%s” ", says, q)
			if why := firstSentence(f.Why); why != "" {
				fmt.Fprintf(b, "As I read it, %s ", lowerFirst(toSender(why)))
			}
		}
		b.WriteString(request(f.Ask))
		if s := f.Suggestion; s != nil && s.Fallback != "" {
			b.WriteString(" " + fallback(s.Fallback))
		} else if strings.HasPrefix(f.Rule, "ai.") {
			b.WriteString(" If you need AI-training rights, let's price them separately.")
		}
		b.WriteString("\n\n")
	}
}

// coveredRules maps each rule whose every proposed change the redline
// leaves out, because another rule's change already says it, to that
// rule. repeats holds the findings whose change was left out as a repeat,
// of their own rule or another's.
func coveredRules(r *analyze.Report) (covered map[string]string, repeats map[document.Span]bool) {
	// Which rules keep a change is all the email needs of the plan, not
	// the changes cut word by word.
	ps, skipped := settle(r, nil)
	kept := map[string]bool{}
	for _, p := range ps {
		if p.changes(r.Doc.Text) {
			kept[p.f.Rule] = true
		}
	}
	covered, repeats = map[string]string{}, map[document.Span]bool{}
	for _, s := range skipped {
		if s.CoveredBy == "" {
			continue
		}
		repeats[s.Span] = true
		if !kept[s.Rule] && s.CoveredBy != s.Rule {
			covered[s.Rule] = s.CoveredBy
		}
	}
	return covered, repeats
}

// uncovered drops from fs the findings whose change another finding of
// in already makes.
func uncovered(fs []analyze.Finding, covered map[string]string, in []analyze.Finding) []analyze.Finding {
	return slices.DeleteFunc(fs, func(f analyze.Finding) bool {
		by, ok := covered[f.Rule]
		return ok && slices.ContainsFunc(in, func(g analyze.Finding) bool { return g.Rule == by })
	})
}

// where names a finding's place for the other side: "(section 4.2)",
// "(section 4 of Cancellation and Termination)", or, for a part known
// only by its heading, "(under “Services and Payment”)": "section
// Services and Payment" does not read.
func where(l analyze.Location) string {
	s, in := l.Section, strings.TrimSuffix(l.Within, ":")
	switch {
	case s == "":
		return ""
	case !isNumber(s) && in != "":
		return fmt.Sprintf(" (under “%s” in %s)", s, in)
	case !isNumber(s):
		return fmt.Sprintf(" (under “%s”)", s)
	case in != "":
		return fmt.Sprintf(" (section %s of %s)", s, in)
	}
	return fmt.Sprintf(" (section %s)", s)
}

// isNumber reports whether a section reference is a clause number ("7.2",
// "3(Q)", "B4", "IV", "(ii)", "Schedule 2") rather than a heading.
func isNumber(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	t := strings.Trim(s, "().")
	if len(strings.Fields(s)) != 1 || t == "" || len(t) > 5 {
		return false
	}
	return len(t) == 1 || strings.ToUpper(t) == t || strings.Trim(t, "ivxlc") == ""
}

// signOff ends the email: a last line, the regards and the sender's name.
func signOff(p Parties, last string) string {
	name := p.Contractor
	if name == "" {
		name = "[Your name]"
	}
	return last + "\n\nThanks again, and best regards,\n\n" + name + "\n"
}

// quote shortens a clause to its first words.
func quote(s string, words int) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	if len(f) > words {
		return strings.Join(f[:words], " ") + " …"
	}
	out := strings.Join(f, " ")
	if !strings.HasSuffix(out, ".") {
		out += "."
	}
	return out
}

// Verbs that start an imperative ask ("Add a clause …").
var imperative = map[string]bool{
	"add": true, "delete": true, "limit": true, "make": true, "allow": true, "keep": true, "remove": true,
	"cap": true, "require": true, "give": true, "replace": true, "set": true, "narrow": true, "shorten": true,
	"change": true, "include": true, "pay": true, "name": true, "state": true, "strike": true, "agree": true,
	"exclude": true, "define": true, "reduce": true, "extend": true, "split": true, "list": true, "move": true,
}

// request turns a rule's ask (written to the reviewer) into a polite
// request to the other side.
func request(ask string) string {
	ask = strings.TrimSpace(toSender(ask))
	if ask == "" {
		return ""
	}
	first := strings.ToLower(strings.Fields(ask)[0])
	body := strings.TrimRight(ask, ".")
	if imperative[first] {
		return "Could we " + lowerFirst(body) + "?"
	}
	return "What I'd suggest instead: " + lowerFirst(body) + "."
}

func fallback(fb string) string {
	fb = strings.TrimSpace(toSender(fb))
	for _, p := range []string{"Ask for ", "Ask that ", "Ask to ", "Request "} {
		if rest, ok := strings.CutPrefix(fb, p); ok {
			return "If that's difficult on your side, I could also work with " + lowerFirst(strings.TrimRight(rest, ".")) + "."
		}
	}
	return "If that's difficult on your side, I'd also be open to this: " + lowerFirst(strings.TrimRight(fb, ".")) + "."
}

var pronouns = regexp.MustCompile(`(?i)\b(you are|you're|you have|yourself|yours|your|you|the client's|the client|the other side's|the other side)\b`)

// Words after which "you" is a subject ("if you resign" → "if I resign").
var subjectBefore = regexp.MustCompile(`(?i)(^|\b(if|that|when|unless|until|so|where|once|and|or|because|before|after|while)\s+)$`)

// givesTo ends in a verb whose object the next words are ("gives the other
// side rights in your work").
var givesTo = regexp.MustCompile(`(?i)\b(give|gives|grant|grants|pay|pays|owe|owes|send|sends|offer|offers|tell|tells|show|shows|lend|lends|allow|allows|let|lets)\s+$`)

var sentenceStart = regexp.MustCompile(`(^|[.;:,]\s+)$`)

// Verbs after which "you" is a subject ("everything you create").
var subjectVerbs = map[string]bool{
	"can": true, "cannot": true, "can't": true, "will": true, "would": true, "must": true, "may": true, "might": true,
	"should": true, "shall": true, "do": true, "don't": true, "did": true, "need": true, "create": true, "make": true,
	"keep": true, "lose": true, "get": true, "own": true, "sign": true, "live": true, "work": true, "resign": true,
	"leave": true, "deliver": true, "write": true, "agree": true, "give": true, "owe": true, "pay": true, "want": true,
	"were": true, "stay": true, "receive": true, "build": true, "reuse": true, "accept": true, "bear": true, "risk": true,
	"produce": true, "made": true, "wrote": true, "built": true, "developed": true, "develop": true, "use": true,
	// Irregular past tenses ("people you dealt with").
	"dealt": true, "chose": true, "gave": true, "took": true, "sold": true, "bought": true, "brought": true, "had": true,
	"got": true, "met": true, "knew": true, "saw": true, "sent": true, "spent": true, "kept": true, "left": true,
	"lost": true, "told": true, "found": true, "held": true, "carry": true, "hold": true, "choose": true, "earn": true,
	"operate": true, "acquire": true, "run": true, "rent": true, "occupy": true, "buy": true, "sell": true, "hire": true,
	"employ": true, "provide": true, "supply": true, "perform": true, "charge": true, "invoice": true, "serve": true,
}

// adverbs may stand between "you" and its verb ("amounts you already
// carry").
var adverbs = map[string]bool{"already": true, "also": true, "only": true, "still": true, "never": true, "ever": true, "just": true, "previously": true, "currently": true, "actually": true, "personally": true, "alone": true, "usually": true, "normally": true}

// toSender rewrites advice addressed to the reviewer ("your home law",
// "the client's vendors") as the reviewer writing to the other side ("my
// home law", "your vendors").
func toSender(s string) string {
	var b strings.Builder
	last := 0
	for _, loc := range pronouns.FindAllStringIndex(s, -1) {
		m := s[loc[0]:loc[1]]
		b.WriteString(s[last:loc[0]])
		last = loc[1]
		var out string
		switch strings.ToLower(m) {
		case "you are":
			out = "I am"
		case "you're":
			out = "I'm"
		case "you have":
			out = "I have"
		case "yourself":
			out = "myself"
		case "yours":
			out = "mine"
		case "your":
			out = "my"
		case "you":
			out = "me"
			after := strings.Fields(strings.ToLower(s[loc[1]:]))
			for len(after) > 1 && adverbs[strings.Trim(after[0], ",.;:")] {
				after = after[1:]
			}
			next := ""
			if len(after) > 0 {
				next = strings.Trim(after[0], ",.;:")
			}
			// "customers you worked with": a past tense after "you" makes it the subject.
			if subjectBefore.MatchString(s[:loc[0]]) || subjectVerbs[next] || len(next) > 3 && strings.HasSuffix(next, "ed") {
				out = "I"
			}
		case "the client's", "the other side's":
			out = "your"
		case "the client", "the other side":
			out = "you"
			// "the other side stops paying or breaches" → "you stop
			// paying or breach".
			// "the other side" followed by a verb is its subject wherever
			// it stands ("at levels the other side chooses"); "the
			// client" may be an object before a plural noun ("pay the
			// client damages").
			other := strings.HasPrefix(strings.ToLower(m), "the other side") && !givesTo.MatchString(s[:loc[0]])
			if !other && !subjectBefore.MatchString(s[:loc[0]]) && !sentenceStart.MatchString(s[:loc[0]]) {
				break
			}
			if rest, ok := agree(s[loc[1]:]); ok {
				b.WriteString(casedAs(m, out))
				b.WriteString(rest)
				last = len(s)
				out = ""
			}
		}
		if out == "" {
			break
		}
		b.WriteString(casedAs(m, out))
	}
	if last < len(s) {
		b.WriteString(s[last:])
	}
	out := b.String()
	// After the other side became "you", its own home and its own
	// obligations are "your" ("a court you chose, usually in your home
	// city").
	if i := strings.Index(out, "you"); i >= 0 && partyBefore.MatchString(s) {
		out = out[:i] + partyIts.Replace(out[i:])
	}
	return out
}

var (
	partyBefore = regexp.MustCompile(`(?i)\bthe (other side|client)\b[^.;]*\bits (own|home)\b`)
	partyIts    = strings.NewReplacer(" its own ", " your own ", " its home ", " your home ")
)

func casedAs(m, out string) string {
	if r, _ := utf8.DecodeRuneInString(m); unicode.IsUpper(r) && !strings.HasPrefix(out, "I") {
		return strings.ToUpper(out[:1]) + out[1:]
	}
	return out
}

// agree puts the verb after a third-person subject that becomes "you"
// into the form "you" takes ("stops" → "stop", "has" → "have"), and a
// verb joined to it by "or"/"and" before the clause ends. rest is the
// text after the subject, rewritten, with the remaining pronouns of s
// converted too; ok is false when the next word is not such a verb.
func agree(rest string) (string, bool) {
	words := strings.SplitAfter(rest, " ")
	verb := func(w string) (string, bool) {
		core := strings.TrimRight(w, " ,.;:")
		tail := w[len(core):]
		base, ok := thirdToBase(core)
		return base + tail, ok
	}
	if len(words) < 2 || words[0] != " " {
		return "", false
	}
	first, ok := verb(words[1])
	if !ok {
		return "", false
	}
	words[1] = first
	for i := 2; i+1 < len(words); i++ {
		w := strings.TrimSpace(words[i])
		if strings.ContainsAny(words[i-1], ",.;:") || strings.ContainsAny(w, ".;:") {
			break
		}
		if w == "or" || w == "and" {
			if v, ok := verb(words[i+1]); ok {
				words[i+1] = v
			}
			break
		}
	}
	// The subject's possessives follow it: "the other side excludes or
	// limits its own liability" → "you exclude or limit your own
	// liability", not "… its own liability".
	return itsYour.Replace(toSender(strings.Join(words, ""))), true
}

// itsYour turns the possessive and reflexive of a third-person subject
// that became "you" into the second person.
var itsYour = strings.NewReplacer(" its ", " your ", " itself", " yourself")

// thirdToBase turns a verb's third-person singular into its base form.
func thirdToBase(w string) (string, bool) {
	switch w {
	case "has":
		return "have", true
	case "does":
		return "do", true
	case "is":
		return "are", true
	case "was":
		return "were", true
	case "goes":
		return "go", true
	}
	if len(w) < 4 || strings.ToLower(w) != w {
		return w, false
	}
	for _, suf := range []string{"ches", "shes", "sses", "xes", "zes"} {
		if strings.HasSuffix(w, suf) {
			return w[:len(w)-2], true
		}
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y", true
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w, false
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1], true
	}
	return w, false
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	// Keep the pronoun "I" ("I may not work …").
	if r == 'I' && (len(s) == n || s[n] == ' ' || s[n] == '\'') {
		return s
	}
	// Keep acronyms and defined terms ("AI", "Client").
	if len(s) > n {
		r2, _ := utf8.DecodeRuneInString(s[n:])
		if unicode.IsUpper(r2) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}
