package analyze

import (
	"cmp"
	"slices"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/terms"
)

// parties are the names a document uses for the two sides and the work,
// so that suggested wording reads in the document's own terms ("the
// Agency", "Consultant", "Work Product") rather than generic ones. In a
// rule pack {{contractor}} is the reviewer's side, {{client}} the other
// side and {{deliverables}} what the reviewer brings: a freelancer's work,
// a customer's data, a user's content.
type parties struct {
	client, contractor, deliverables string
	// currency names the contract's currency ("US dollars"), bonus the
	// bonus it defines and home the reviewer's jurisdiction ("the State
	// of California"), for the packs' blanks (fillBlanks).
	currency, bonus, home string
	// self is the noun the document calls itself by when it is not
	// "Agreement" ("Lease", "Contract"), so that the packs' "this
	// Agreement" reads "this Lease" in a lease; "" keeps the packs' word.
	self string
}

// side lists the defined terms that may name one side (or the work), most
// specific first, and the name used when the document defines none.
type side struct {
	terms []string
	def   string
	// roles name the side only as a party's own alias ("Acme LLC (the
	// "Agent")"): as a mere defined term they are often a third party (a
	// supplier's "Subcontractor") or a person (an "Agent" of either side).
	roles []string
}

// Defined terms that name each side, most specific first.
var (
	payer = side{[]string{"Agency", "Client", "Customer", "Hirer", "Company", "Buyer", "Purchaser", "Studio", "Publisher", "Licensee", "Employer", "Landlord",
		"Brand", "Advertiser", "Sponsor", "Organizer", "Organiser",
		// A model's or creator's manager, last: a services contract may define its client's "Manager" too.
		"Manager"}, "the Client", []string{"Principal"}}
	worker = side{[]string{"Contractor", "Consultant", "Consultancy", "Freelancer", "Designer", "Developer", "Service Provider", "Provider", "Supplier", "Vendor", "Creator", "Artist", "Writer", "Licensor", "Employee", "Tenant",
		// Last, so that a contract defining both keeps the names above.
		"Advisor", "Adviser", "Influencer", "Speaker", "Presenter", "Photographer", "Author", "Interpreter", "Translator", "Partner",
		// A model's or performer's management or recording agreement; last of
		// all, since a freelance contract may define an AI "Model" too.
		"Voice Actor", "Performer", "Talent", "Model"}, "the Contractor", []string{"Subcontractor", "Sales Representative", "Representative", "Sales Agent", "Agent"}}
	work     = side{[]string{"Deliverables", "Work Product", "Works", "Work", "Materials", "Services", "Content"}, "the Deliverables", nil}
	customer = side{[]string{"Customer", "Client", "Licensee", "Subscriber", "Distributor", "Reseller", "Franchisee", "Buyer", "Purchaser", "Hirer", "Investor", "Company", "Controller"}, "the Customer", nil}
	provider = side{[]string{"Provider", "Service Provider", "Supplier", "Vendor", "Licensor", "Franchisor", "Manufacturer", "Contractor", "Consultant", "Company", "Processor"}, "the Provider",
		// A company's sales agent or endorser, called so as a party: the
		// company is then the customer ("Company" and "Representative").
		[]string{"Sales Representative", "Representative", "Sales Agent", "Agent", "Professional"}}
	ownData  = side{[]string{"Customer Data", "Customer Content", "Customer Materials", "Client Data", "Client Materials", "Licensee Data", "Content", "Data", "Inputs"}, "the Customer Data", nil}
	operator = side{[]string{"Company", "Provider", "Service Provider", "Operator", "Platform",
		"Photographer", "Studio", "Coach", "Trainer", "Contractor", "Builder", "Vendor"}, "the provider", nil}
	userData   = side{[]string{"User Content", "Your Content", "Content"}, "your content", nil}
	employee   = side{[]string{"Employee", "Executive"}, "the Employee", nil}
	employer   = side{[]string{"Company", "Employer"}, "the Company", nil}
	inventions = side{[]string{"Work Product", "Inventions", "Deliverables", "Works"}, "the Work Product", nil}
	// In a sublease the tenant of the head lease lets to a subtenant, and may
	// be its "Tenant" too: the sub- names come first.
	tenant   = side{[]string{"Subtenant", "Sublessee", "Tenant", "Lessee", "Resident", "Renter"}, "the Tenant", nil}
	landlord = side{[]string{"Sublandlord", "Sublessor", "Landlord", "Lessor", "Owner"}, "the Landlord", nil}
)

// sidesByRole gives, for the reviewer's role, who {{contractor}},
// {{client}} and {{deliverables}} are. A customer reviewing a provider's
// terms asks that the provider not train AI on the customer's data, not
// that the customer refrain from training on deliverables.
var sidesByRole = map[string][3]side{
	"client":   {customer, provider, ownData},
	"licensee": {customer, provider, ownData},
	"consumer": {{nil, "you", nil}, operator, userData},
	"employee": {employee, employer, inventions},
	"tenant":   {tenant, landlord, work},
}

func partyNames(doc *document.Document, kt terms.KeyTerms, role string) parties {
	defined := make([]string, 0, len(doc.Definitions))
	for _, d := range doc.Definitions {
		defined = append(defined, d.Term)
	}
	var aliases []string
	for _, p := range kt.Parties {
		if p.Alias != "" {
			aliases = append(aliases, p.Alias)
		}
	}
	defined = append(defined, aliases...)
	// find returns "the " and the first of names in list other than taken.
	find := func(names, list []string, taken string) string {
		for _, c := range names {
			if i := slices.IndexFunc(list, func(t string) bool { return strings.EqualFold(t, c) }); i >= 0 && !strings.EqualFold("the "+list[i], taken) {
				return "the " + list[i]
			}
		}
		return ""
	}
	// named names a side by the first of its terms the document defines,
	// or else of its roles a party is called by, other than a name
	// already taken by the other side; "" if none.
	named := func(s side, taken string) string {
		return cmp.Or(find(s.terms, defined, taken), find(s.roles, aliases, taken))
	}
	pick := func(s side, taken string) string { return cmp.Or(named(s, taken), s.def) }
	sides, ok := sidesByRole[role]
	if !ok {
		sides = [3]side{worker, payer, work}
	}
	// A word both sides go by ("Company": the customer a consultant
	// serves, or the owner of a technology an investor or a reseller
	// takes) names a side only where the other side's own word names the
	// other: "Company" beside "Consultant" is the customer, beside
	// "Investor" the provider. Beside a name or a word of neither side
	// ("Marketing Affiliate", "Janssen") the side that pays is the
	// customer, where the contract says plainly which that is; else the
	// word names nobody, and the rules read the contract as written
	// rather than for the wrong side.
	both := shared(sides[0], sides[1])
	own := named(without(sides[0], both), "")
	other := named(without(sides[1], both), own)
	switch {
	case own == "" && other != "":
		own = find(both, defined, other)
	case other == "" && own != "":
		other = find(both, defined, own)
	case own == "" && sides[0].def == customer.def: // the reviewer pays
		if w := find(both, defined, ""); w != "" {
			switch paysMost(doc.Text, strings.TrimPrefix(w, "the "), aliases) {
			case 1:
				own = w
			case -1:
				other = w
			}
		}
	}
	own, other = cmp.Or(own, sides[0].def), cmp.Or(other, sides[1].def)
	// One side named by its role and the only other party by its own name
	// ("Aduro" beside "Consultant"): that name, not a role the contract
	// never uses.
	switch {
	case other == sides[1].def && own != sides[0].def:
		other = cmp.Or(namedCounterpart(kt, doc.Text, own), other)
	case own == sides[0].def && other != sides[1].def:
		own = cmp.Or(namedCounterpart(kt, doc.Text, other), own)
	}
	// The work may be a defined term the definitions do not hold: Common
	// Paper's professional services agreement defines "Deliverables" in a
	// row of its cover page, and writes "the Deliverables" throughout.
	defined = append(defined, usedAsDefined(doc.Text, sides[2].terms)...)
	return parties{contractor: own, client: other, deliverables: pick(sides[2], ""),
		currency: currencyName(kt), bonus: definedBonus(doc), self: selfNoun(doc.Text)}
}

// paysMost tells who the contract says pays: 1 for the party called word
// ("Company"), -1 for the only other party (of aliases), 0 if neither
// clearly does or there are more parties, one of which may be the company
// under its own name ("MusclePharm" or the "Company").
func paysMost(text, word string, aliases []string) int {
	names := []string{word}
	for _, a := range aliases {
		if !strings.EqualFold(a, word) {
			names = append(names, a)
		}
	}
	if len(names) > 2 {
		return 0
	}
	switch payingParty(text, names) {
	case 0:
		return 1
	case 1:
		return -1
	}
	return 0
}

// payVerbs follow the party that pays: "Company shall pay".
var payVerbs = []string{" shall pay", " will pay", " agrees to pay", " must pay", " shall reimburse", " will reimburse"}

// payingParty returns the index of the one of names that text says pays
// ("Company shall pay …", "Company will reimburse …") at least twice and
// more than twice as often as any other, or -1.
func payingParty(text string, names []string) int {
	counts := make([]int, len(names))
	for _, v := range payVerbs {
		for at := 0; ; {
			i := strings.Index(text[at:], v)
			if i < 0 {
				break
			}
			i += at
			at = i + len(v)
			if at < len(text) && isWordByte(text[at]) {
				continue // "will payout"
			}
			before := text[max(0, i-60):i]
			for k, n := range names {
				j := len(before) - len(n)
				if j >= 0 && strings.EqualFold(before[j:], n) && (j == 0 || !isWordByte(before[j-1])) {
					counts[k]++
				}
			}
		}
	}
	best := -1
	for k, c := range counts {
		if c >= 2 && (best < 0 || c > counts[best]) {
			best = k
		}
	}
	for k, c := range counts {
		if best >= 0 && k != best && 2*c >= counts[best] {
			return -1
		}
	}
	return best
}

// shared returns the terms a and b both list ("Company" of a customer's
// and a provider's).
func shared(a, b side) []string {
	var out []string
	for _, t := range a.terms {
		if slices.ContainsFunc(b.terms, func(u string) bool { return strings.EqualFold(t, u) }) {
			out = append(out, t)
		}
	}
	return out
}

// without returns s without the terms of drop.
func without(s side, drop []string) side {
	if len(drop) == 0 {
		return s
	}
	s.terms = slices.DeleteFunc(slices.Clone(s.terms), func(t string) bool { return slices.Contains(drop, t) })
	return s
}

// byUse are the names of the work a contract capitalises only as the
// term it defines: "the Deliverables", "the Work Product". ("the
// Materials" or "the Content" may be the other side's.)
var byUse = []string{"Deliverables", "Work Product", "Works", "Inventions"}

// usedAsDefined returns the terms of names, among byUse, that text
// writes as a defined term at least three times: capitalised after a
// determiner ("the Deliverables", "any Work Product") and not the start
// of a longer name ("the Works Schedule").
func usedAsDefined(text string, names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.Contains(byUse, n) {
			continue
		}
		uses := 0
		for at := 0; uses < 3; {
			i := strings.Index(text[at:], n)
			if i < 0 {
				break
			}
			i += at
			at = i + len(n)
			if at < len(text) && isWordByte(text[at]) || at+1 < len(text) && text[at] == ' ' && 'A' <= text[at+1] && text[at+1] <= 'Z' {
				continue
			}
			// The word before, after one space: "the".
			end := i - 1
			if end < 0 || text[end] != ' ' {
				continue
			}
			start := end
			for start > 0 && isWordByte(text[start-1]) {
				start--
			}
			if determiners[strings.ToLower(text[start:end])] {
				uses++
			}
		}
		if uses >= 3 {
			out = append(out, n)
		}
	}
	return out
}

// determiners are the words before a defined term used as one.
var determiners = map[string]bool{"the": true, "any": true, "all": true, "such": true, "each": true, "no": true,
	"its": true, "their": true, "your": true, "our": true, "these": true, "those": true, "this": true, "every": true}

// namedCounterpart returns the alias of the one party other than the one
// called named ("the Consultant"), if text calls it by a proper name:
// "Aduro shall pay", not a role word any side may go by ("Distributor")
// nor a noun it writes with an article ("the Bank"). "" if there is no
// such party, or more than one.
func namedCounterpart(kt terms.KeyTerms, text, named string) string {
	named = strings.TrimPrefix(named, "the ")
	var other string
	found := false
	for _, p := range kt.Parties {
		switch {
		case strings.EqualFold(p.Alias, named) && !found:
			found = true
		case other != "" || p.Alias == "":
			return ""
		default:
			other = p.Alias
		}
	}
	if !found || other == "" || other[0] < 'A' || other[0] > 'Z' || strings.EqualFold(other, named) || isSideWord(other) {
		return ""
	}
	// A proper name goes without "the": at most one use in ten has it.
	uses, the := strings.Count(text, other), strings.Count(text, "the "+other)+strings.Count(text, "The "+other)
	if uses < 2 || the*10 > uses {
		return ""
	}
	return other
}

// isSideWord reports whether name is one of the words any side list
// names a side or the work by.
func isSideWord(name string) bool {
	for _, s := range []side{payer, worker, work, customer, provider, ownData, operator, userData, employee, employer, inventions, tenant, landlord} {
		for _, l := range [][]string{s.terms, s.roles} {
			if slices.ContainsFunc(l, func(t string) bool { return strings.EqualFold(t, name) }) {
				return true
			}
		}
	}
	return false
}

// selfNouns are the nouns a contract may call itself by instead of
// "Agreement", each singular, so that a pack's verb still agrees ("this
// Lease is governed"). "these Terms" would not, and "this Tenancy" is the
// relation a tenancy agreement creates, not the document.
var selfNouns = []string{"Lease", "Contract", "Licence", "License"}

// selfNoun returns the noun of selfNouns that text uses after "this" more
// often than "agreement" and at least twice, cased as the text mostly
// writes it ("Lease", or "contract" in a contract that says "this
// contract"), or "" for "Agreement". "this Lease Agreement" is an
// agreement, and "this Contractor" no "this Contract".
func selfNoun(text string) string {
	// One pass over the text's "this "/"This ", counting the word after
	// each: the text is the whole contract, and a scan reads it once.
	upper := make(map[string]int, len(selfNouns)+1)
	lower := make(map[string]int, len(selfNouns)+1)
	for rest := text; ; {
		i := strings.Index(rest, "his ")
		if i < 0 {
			break
		}
		if i == 0 || rest[i-1] != 't' && rest[i-1] != 'T' || i >= 2 && isWordByte(rest[i-2]) {
			rest = rest[i+len("his "):]
			continue
		}
		rest = rest[i+len("his "):]
		word := rest[:wordEnd(rest)]
		if word == "" {
			continue
		}
		// "this Lease Agreement": an agreement after all.
		if after := strings.TrimPrefix(rest[len(word):], " "); len(after) < len(rest)-len(word) {
			if next := after[:wordEnd(after)]; strings.EqualFold(next, "agreement") {
				word = next
			}
		}
		switch {
		case word == "Agreement" || word == "agreement":
			upper["Agreement"]++
		case slices.Contains(selfNouns, word):
			upper[word]++
		case word != "" && slices.Contains(selfNouns, strings.ToUpper(word[:1])+word[1:]) && word == strings.ToLower(word):
			lower[strings.ToUpper(word[:1])+word[1:]]++
		}
	}
	best, most := "", max(upper["Agreement"], 1)
	for _, n := range selfNouns {
		if c := upper[n] + lower[n]; c > most {
			best, most = n, c
			if lower[n] > upper[n] {
				best = strings.ToLower(n)
			}
		}
	}
	return best
}

// wordEnd returns the length of the word s starts with.
func wordEnd(s string) int {
	i := 0
	for i < len(s) && isWordByte(s[i]) {
		i++
	}
	return i
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// ownName rewrites the packs' "this Agreement" and "the Agreement" as the
// document calls itself.
func (p parties) ownName(s string) string {
	if p.self == "" || !strings.Contains(s, "Agreement") {
		return s
	}
	n := p.self
	return strings.NewReplacer("this Agreement", "this "+n, "This Agreement", "This "+n,
		"the Agreement", "the "+n, "The Agreement", "The "+n).Replace(s)
}

// youVerbs are the verb forms the packs put after {{contractor}}, as they
// read after "you".
var youVerbs = map[string]string{
	"is": "are", "was": "were", "has": "have", "does": "do", "grants": "grant", "assigns": "assign",
	"warrants": "warrant", "retains": "retain", "provides": "provide", "licenses": "license", "agrees": "agree",
	"cancels": "cancel", "asks": "ask", "approves": "approve", "pays": "pay", "requests": "request", "receives": "receive",
	"keeps": "keep", "gives": "give", "accepts": "accept", "owns": "own", "chooses": "choose", "decides": "decide",
}

// fill replaces {{client}}, {{contractor}} and {{deliverables}}, with a
// capital when the placeholder starts a sentence, and fills the blanks it
// knows (fillBlanks), and names the document as it names itself (ownName).
func (p parties) fill(s string) string {
	s = p.ownName(p.fillBlanks(s))
	if !strings.Contains(s, "{{") {
		return s
	}
	for _, kv := range [][2]string{{"client", p.client}, {"contractor", p.contractor}, {"deliverables", p.deliverables}} {
		ph := "{{" + kv[0] + "}}"
		for {
			i := strings.Index(s, ph)
			if i < 0 {
				break
			}
			v, rest := kv[1], s[i+len(ph):]
			// The pack's wording may carry its own article: "the {{client}}".
			before := strings.ToLower(s[:i])
			switch {
			case !strings.HasPrefix(v, "the ") && strings.HasSuffix(before, "the "):
				// "the your content" reads "your content", "the Aduro" "Aduro".
				i -= len("the ")
			case strings.HasSuffix(before, "the ") || strings.HasSuffix(before, "any ") || strings.HasSuffix(before, "such "):
				v = strings.TrimPrefix(v, "the ")
			}
			if v == "you" {
				if r, ok := strings.CutPrefix(rest, "'s"); ok {
					v, rest = "your", r
				} else if r, ok := strings.CutPrefix(rest, "’s"); ok {
					v, rest = "your", r
				} else if word, tail, found := strings.Cut(strings.TrimPrefix(rest, " "), " "); found && strings.HasPrefix(rest, " ") {
					if y, ok := youVerbs[word]; ok {
						rest = " " + y + " " + tail
					}
				}
			}
			// A name that is a possessive already: "Reed's" + "'s".
			if strings.HasSuffix(v, "'s") || strings.HasSuffix(v, "’s") {
				rest = strings.TrimPrefix(strings.TrimPrefix(rest, "'s"), "’s")
			}
			if atSentenceStart(s[:i]) {
				v = strings.ToUpper(v[:1]) + v[1:]
			}
			s = s[:i] + v + rest
		}
	}
	return s
}

func atSentenceStart(before string) bool {
	t := strings.TrimRight(before, " \"“(")
	return t == "" || strings.HasSuffix(t, ".") || strings.HasSuffix(t, "\n")
}

// partyAliases returns the defined name of each party ("AT&T", "Vendor"),
// or its name when it has none.
func partyAliases(kt terms.KeyTerms) []string {
	out := make([]string, 0, len(kt.Parties))
	for _, p := range kt.Parties {
		out = append(out, cmp.Or(p.Alias, p.Name))
	}
	return out
}
