package rules

import (
	"maps"
	"slices"
	"strings"
)

// ownSide names, for a reviewer's role, the words a contract usually uses
// for the reviewer's side; otherSide those for the side across the table.
// Only roles whose names are this predictable are listed: for others every
// rule reads as written. MatchOptions.Own and Other, the document's own
// names for the sides, come first.
var (
	ownSide = map[string]map[string]bool{
		"client":   words("customer customers client clients licensee licensees buyer buyers purchaser purchasers hirer hirers subscriber subscribers distributor distributors reseller resellers"),
		"licensee": words("licensee licensees customer customers client clients franchisee franchisees distributor distributors subscriber subscribers"),
		// "Agency" and "we" are left out: an agency hires freelancers and
		// serves clients, and "we" is whoever wrote the contract. A referral
		// partner, affiliate, advisor, influencer or speaker is the one who
		// does the work in the genres reviewed as a contractor, and so is a
		// performer, a talent or a (voice) actor recorded for the other side.
		"contractor": words("contractor contractors consultant consultants freelancer freelancers designer designers developer developers provider providers supplier suppliers vendor vendors seller sellers partner partners affiliate affiliates advisor advisors influencer influencers speaker speakers presenter presenters performer performers talent actor actors"),
		// A consumer signs a trader's terms as its "Client", "Customer" or
		// "Member": a wedding photographer's "The Client may cancel this
		// contract at any time by giving written notice … but shall forfeit
		// any monies paid" is the consumer's own right. "You" is left out
		// (see newActors): a trader's terms say it in every sentence, as
		// the object too ("you will not hold us liable"). So is "Guest": a
		// podcast's guest release is the guest's, who gives, not buys.
		"consumer": words("client clients customer customers member members buyer buyers purchaser purchasers subscriber subscribers user users"),
	}
	// "Company" is not among them: a customer's contract calls either side
	// so, and the document's names (MatchOptions.Own, Other) place it
	// where its counterpart's word or who pays tells. Read here, it would
	// be the other side wherever they do not, beside a party with a name
	// of its own ("Janssen", "Maimon") that it may pay or serve.
	providers = words("provider providers supplier suppliers vendor vendors licensor licensors contractor contractors consultant consultants seller sellers manufacturer franchisor we us our")
	otherSide = map[string]map[string]bool{
		"client":     providers,
		"licensee":   providers,
		"contractor": words("client clients customer customers company buyer buyers purchaser purchasers hirer hirers"),
		// The trader: a consumer's terms call it "Company" only for itself.
		"consumer": union(providers, words("company operator photographer photographers studio")),
	}
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// actors tells which side a word of a canonical sentence names.
type actors struct {
	own, other  map[string]bool // the document's names: they win
	ownRole     map[string]bool // the role's usual names for the reviewer
	otherRole   map[string]bool // and for the other side
	window      int             // words before a match searched for the party who acts
	subjectOnly bool            // only a party followed by a verb acts
	pairs       bool            // some name has two words
}

func newActors(opt MatchOptions) *actors {
	ownRole := ownSide[opt.Role]
	if ownRole == nil {
		return nil
	}
	a := &actors{own: map[string]bool{}, other: map[string]bool{}, ownRole: ownRole, otherRole: otherSide[opt.Role], window: actorWindow}
	if opt.Role == "contractor" || opt.Role == "consumer" {
		// A contractor's contract names the contractor everywhere, often as
		// the object ("… supply Consultant with product … or terminate"), so
		// only the subject right before the act counts: "Provider may
		// terminate", "Seller shall have the right to terminate". So does a
		// trader's contract its customer ("If a Member breaches these
		// terms, we may cancel").
		a.window, a.subjectOnly = contractorWindow, true
	}
	if opt.Role == "consumer" {
		// The consumer's side is "you" by default (analyze's parties): a
		// word too common, as subject and object, to tell who acts.
		opt.Own = slices.DeleteFunc(slices.Clone(opt.Own), func(n string) bool {
			c := strings.TrimSpace(canonPhrase(n))
			return c == "you" || c == "your"
		})
	}
	add := func(m map[string]bool, names []string) {
		for _, n := range names {
			if c := strings.TrimSpace(canonPhrase(n)); c != "" && strings.Count(c, " ") < 2 {
				m[c] = true
				a.pairs = a.pairs || strings.Contains(c, " ")
			}
		}
	}
	add(a.own, opt.Own)
	add(a.other, opt.Other)
	// Of two parties, the one not recognised is the other one's
	// counterpart: "Commnet Wireless ("Vendor")" and "AT&T Mobility
	// ("AT&T")" make AT&T the customer.
	if len(opt.Parties) == 2 {
		s0, s1 := a.phraseSide(opt.Parties[0]), a.phraseSide(opt.Parties[1])
		switch {
		case s0 != 0 && s1 == 0:
			add(a.sideMap(-s0), opt.Parties[1:])
		case s1 != 0 && s0 == 0:
			add(a.sideMap(-s1), opt.Parties[:1])
		}
	}
	return a
}

func (a *actors) sideMap(s int) map[string]bool {
	if s > 0 {
		return a.own
	}
	return a.other
}

// phraseSide is side for a party's name of one or two words.
func (a *actors) phraseSide(name string) int {
	c := strings.TrimSpace(canonPhrase(name))
	if s := a.side(c); s != 0 || strings.Count(c, " ") > 0 {
		return s
	}
	return 0
}

// side is 1 for a word naming the reviewer's side, -1 for the other side,
// 0 for any other word.
func (a *actors) side(w string) int {
	switch {
	case a.own[w]:
		return 1
	case a.other[w]:
		return -1
	case a.ownRole[w]:
		return 1
	case a.otherRole[w]:
		return -1
	}
	return 0
}

// Who acts, by the party named last before a match.
const (
	actorNone = iota
	actorOwn
	actorOther
	actorBoth
)

// actorWindow is how many words before a match the party who acts is
// looked for: a name further back belongs to another clause of the sentence.
const actorWindow = 40

// objectOf are the prepositions after which a party's name is an object.
var objectOf = words("to of with by for from against upon than toward towards")

// subjectNext are the words that follow a party who acts.
var subjectNext = words("may shall will can must might should could has have reserves reserve is are agrees agree elects elect retains retain hereby also alone itself at")

// contractorWindow is actorWindow for a contractor's review.
const contractorWindow = 6

// nearest returns who the party named last in before (canonical text up
// to a match) is: in "If Provider breaches, Customer may terminate" the one
// who terminates is the customer, and in "Company or Contractor may
// terminate" both are.
func (a *actors) nearest(before string) int {
	var buf [actorWindow]string
	ws := lastWords(before, a.window, buf[:0])
	for i := len(ws) - 1; i >= 0; i-- {
		s, first := a.side(ws[i]), i
		if s == 0 && a.pairs && i > 0 {
			s, first = a.side(ws[i-1]+" "+ws[i]), i-1 // "at t" for AT&T
		}
		if s == 0 {
			continue
		}
		// For a contractor, the party must be the subject of the act (or
		// come right before the match):
		// "Provider may", "Seller shall have the right to".
		if a.subjectOnly && i+1 < len(ws) && !subjectNext[ws[i+1]] {
			continue
		}
		// "… fees to the Professional and may elect to terminate": a party
		// after a preposition is the object of another verb, not who acts.
		if p := first - 1; p >= 0 && (objectOf[ws[p]] || ws[p] == "the" && p > 0 && objectOf[ws[p-1]]) {
			continue
		}
		// "the Company or the Contractor": a joint right or duty.
		j := first - 1
		if j >= 0 && ws[j] == "the" {
			j--
		}
		if j >= 0 && (ws[j] == "or" || ws[j] == "and" || ws[j] == "nor") {
			for k := j - 1; k >= 0 && k >= j-3; k-- {
				if t := a.side(ws[k]); t == -s {
					return actorBoth
				}
			}
		}
		if s > 0 {
			return actorOwn
		}
		return actorOther
	}
	return actorNone
}

// skip reports whether a hit of a rule whose risk is an act of want
// (actorOther or actorOwn) is not one, given the text before its match.
func (a *actors) skip(want int, before string) bool {
	switch got := a.nearest(before); want {
	case actorOther:
		return got == actorOwn || got == actorBoth
	case actorOwn:
		return got == actorOther
	}
	return false
}

// union returns a new set of the words of a and b.
func union(a, b map[string]bool) map[string]bool {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}
