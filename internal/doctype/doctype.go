// Package doctype tells what kind of contract a document is (services,
// freelance, NDA, employment, lease, terms of service, license, other),
// whether it is a contract at all, and whose side a reviewer most likely
// takes.
package doctype

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/wordkey"
)

// The document types, as the v1 report names them.
const (
	Services       = "services"
	Freelance      = "freelance"
	NDA            = "nda"
	Employment     = "employment"
	Lease          = "lease"
	TermsOfService = "terms-of-service"
	License        = "license"
	Other          = "other"
)

var types = []string{Services, Freelance, NDA, Employment, Lease, TermsOfService, License, Other}

// roles are the reviewer roles of the rule catalog.
var roles = []string{"contractor", "client", "tenant", "landlord", "employee", "employer",
	"consumer", "licensor", "licensee", "discloser", "recipient"}

// Types returns the document types.
func Types() []string { return slices.Clone(types) }

// Roles returns the reviewer roles.
func Roles() []string { return slices.Clone(roles) }

// ValidType reports whether t is a document type.
func ValidType(t string) bool { return slices.Contains(types, t) }

// ValidRole reports whether r is a reviewer role.
func ValidRole(r string) bool { return slices.Contains(roles, r) }

// DefaultRole is the role a reviewer of a document of type t most likely
// has when nothing more is known of the document: the weaker side
// TermScore is built for. For services and "other" contracts it is
// contractor, the side of a supplier of work, TermScore's first audience;
// Detect refines it from the title (see sides).
func DefaultRole(t string) string {
	switch t {
	case Lease:
		return "tenant"
	case Employment:
		return "employee"
	case TermsOfService:
		return "consumer"
	case NDA:
		return "recipient"
	case License:
		return "licensee"
	}
	return "contractor"
}

// Result is what Detect found.
type Result struct {
	Type       string
	Confidence float64 // 0..1: how clearly the cues point to Type
	// IsContract is false for text that is not a contract at all (an
	// article, a recipe, a list of words): such a document gets no score.
	IsContract bool
	// Role is the side a reviewer of this document most likely takes:
	// DefaultRole(Type), unless the title names a kind of contract whose
	// reviewer is usually the other side (see sides).
	Role string
	// LeaseUse is, for a lease, what the premises are let for: Commercial
	// or Residential (the default when unsure). Empty for other types
	// (see LeaseUse for a type given as lease).
	LeaseUse string
	Evidence []string // the cues that decided, for the report and for debugging
}

// side is a title phrase naming a kind of contract of type typ, and the
// role of the party that usually reviews it: the one handed the other
// side's standard paper, with the most to lose from it.
type side struct {
	phrase, typ, role string
}

// sides refine DefaultRole by the kind of contract the title names. The
// catalog's risk_to lists decide the role: a finding is reported only for
// a role its rule lists.
//   - Cloud, SaaS, subscription, hosting, maintenance, support and
//     outsourcing agreements are the provider's standard terms for a
//     product it runs for many customers; the customer reviews them
//     (client: pay.minimum-commitment, term.auto-renewal,
//     liab.limitation-of-liability, and ai.training-permitted of its data,
//     list client; ip.derivative-works, a licence the customer grants the
//     provider, does not). Professional services, consulting and
//     statements of work stay with the contractor who does the work.
//   - A distributor, reseller or dealer buys the supplier's products to
//     resell them, on the supplier's paper: it is the supplier's customer
//     (client: minimum purchase commitments, auto-renewal, the supplier's
//     limitation of liability).
//   - A franchisee is licensed the franchisor's brand and system and pays
//     royalties under audit (licensee: audit.rights, term.auto-renewal,
//     liab.limitation-of-liability).
//   - A photo release (a "Release Agreement") is the photographer's
//     paper, signed by a client who licenses the pictures of their event:
//     consumer (the perpetual, sublicensable licence and the
//     photographer's exclusions list it). One written for the person
//     photographed to sign ("I grant …", a defined "Model") is read as a
//     model or talent release is, by the one granting: contractor.
//   - In a supply or manufacturing agreement the supplier is the usual
//     reviewer: a buyer imposes its purchasing terms on suppliers, often
//     smaller firms, and the seller's risks (long payment terms, set-off,
//     most-favoured pricing, warranty, insurance, uncapped liability) are
//     most of the catalog's; the catalog counts a vendor as contractor.
//     This is DefaultRole(Other) already, written out so that a supply
//     agreement that also distributes stays with the supplier.
//
// The earliest phrase in the title line (the line of the first title cue)
// decides: "Supply and Distribution Agreement" is a supply agreement; the
// "Distributor" named in the parties of a "Wholesale Marketing Agreement"
// does not make it a distribution agreement.
var sides = []side{
	{"cloud service", Services, "client"}, {"software as a service", Services, "client"},
	{"saas", Services, "client"}, {"subscription", Services, "client"}, {"hosting", Services, "client"},
	{"maintenance", Services, "client"}, {"support agreement", Services, "client"},
	{"support services", Services, "client"}, {"outsourcing", Services, "client"},
	{"distribut", Other, "client"}, {"reseller", Other, "client"}, {"resale", Other, "client"},
	{"dealer agreement", Other, "client"}, {"dealership", Other, "client"}, {"franchise", Other, "licensee"},
	{"supply", Other, "contractor"}, {"manufactur", Other, "contractor"},
	// A photographer's or a studio's release is its paper: the person who
	// signs it gives up rights in their images and likeness, a consumer.
	{"release", Services, "consumer"},
	// So is a wedding or photography contract: the couple or family signs
	// the vendor's form, and loses deposits and rights in the pictures.
	{"wedding", Services, "consumer"}, {"photograph", Services, "consumer"},
	{"home improvement", Services, "consumer"}, {"renovation", Services, "consumer"}, {"remodeling", Services, "consumer"},
	{"personal training", Services, "consumer"}, {"coaching", Services, "consumer"},
	// An event's venue or entertainer: the family booking a banquet hall or
	// a DJ signs the venue's form, deposits non-refundable.
	{"banquet", Services, "consumer"}, {"event venue", Services, "consumer"}, {"venue hire", Services, "consumer"},
	{"venue rental", Services, "consumer"}, {"party venue", Services, "consumer"}, {"dj services", Services, "consumer"},
	{"dj contract", Services, "consumer"}, {"dj agreement", Services, "consumer"},
	// A data processing agreement is the provider's addendum to its terms,
	// which the customer, the controller of the data, reviews.
	{"data processing", Services, "client"}, {"data protection", Services, "client"},
	// The borrower reviews a loan: a person, whom the consumer rules
	// (acceleration, one-sided fees and indemnities) fit best; a company
	// borrows under a credit agreement as the bank's client, unless the
	// title says consumer credit.
	{"promissory", Other, "consumer"}, {"loan", Other, "consumer"}, {"consumer credit", Other, "consumer"},
	{"credit agreement", Other, "client"},
	// Said first, these keep a services agreement with the contractor.
	{"professional services", Services, "contractor"}, {"consult", Services, "contractor"},
	{"statement of work", Services, "contractor"}, {"development", Services, "contractor"},
}

// roleFor returns the role for a document of type typ whose title line is
// line, with its first full title ("hosting agreement", a cue worth 4) at
// full (len(line) if none). A side named after full is a second kind of
// the same document: "Co-Branding, Marketing and Distribution Agreement"
// is a co-branding agreement first.
func roleFor(typ, line string, full int) string {
	role, first := DefaultRole(typ), full+1
	for _, s := range sides {
		if s.typ != typ {
			continue
		}
		if i := strings.Index(line, s.phrase); i >= 0 && i < first {
			role, first = s.role, i
		}
	}
	return role
}

// titlePositions returns where each title cue first starts a word in head
// (-1 where it does not), and the earliest of them (len(head) if none).
func titlePositions(head string) (pos []int, first int) {
	// One pass indexes the head's word starts; a cue then looks only at
	// the words that start like it, not at the whole head.
	hc := newCounterOf(head, titleKeys)
	pos, first = make([]int, len(titleCues)), len(head)
	for k, c := range titleCues {
		pos[k] = indexTitle(hc, c.phrase)
		if pos[k] >= 0 && pos[k] < first {
			first = pos[k]
		}
	}
	return pos, first
}

// fullTitle returns where the first full title cue of the line of head
// from start to end begins, relative to start (end-start if none).
func fullTitle(pos []int, start, end int) int {
	full := end
	for k, c := range titleCues {
		if i := pos[k]; c.weight >= 4 && i >= start && i+len(c.phrase) <= end {
			full = min(full, i)
		}
	}
	return full - start
}

// cue is a phrase that votes for a type with a weight. Title cues count
// only in the title area, role cues when the phrase defines a party.
type cue struct {
	phrase string
	typ    string
	weight float64
}

// titleCues are looked for in the first lines of the document.
var titleCues = []cue{
	{"non-disclosure", NDA, 6}, {"nondisclosure", NDA, 6}, {"confidentiality agreement", NDA, 6},
	{"confidential disclosure agreement", NDA, 6}, {"mutual nda", NDA, 6}, {"secrecy agreement", NDA, 5},
	{"employment agreement", Employment, 6}, {"employment contract", Employment, 6},
	{"offer letter", Employment, 6}, {"offer of employment", Employment, 6}, {"contract of employment", Employment, 6},
	{"executive agreement", Employment, 4}, {"severance agreement", Employment, 4},
	// An employee's assignment of inventions and promise of confidentiality,
	// signed beside the offer: "Employee IP and Inventions Assignment
	// Agreement", "Employee Proprietary Information and Inventions
	// Agreement". A consultant's of the same name stays freelance.
	{"employee ip and invention", Employment, 6}, {"employee invention", Employment, 6},
	{"employee proprietary information", Employment, 6}, {"employee intellectual property", Employment, 6},
	{"employee confidentiality and invention", Employment, 6},
	// A separation agreement with a release of claims ends a job; "separation
	// agreement" alone may end a marriage.
	{"separation agreement and general release", Employment, 6}, {"separation agreement and release", Employment, 6},
	{"separation and release agreement", Employment, 6}, {"separation and general release", Employment, 6},
	// An intern does the work of an employee, often for less; the employment
	// pack (inventions, restraints, termination) fits the intern's side.
	{"internship agreement", Employment, 6}, {"internship", Employment, 4},
	// A household employs a nanny or a carer directly.
	{"nanny agreement", Employment, 6}, {"nanny contract", Employment, 6}, {"caregiver agreement", Employment, 5},
	{"household employment", Employment, 5},
	{"tenancy agreement", Lease, 6}, {"lease agreement", Lease, 6}, {"rental agreement", Lease, 6},
	{"residential lease", Lease, 6}, {"assured shorthold", Lease, 6}, {"tenancy", Lease, 4}, {"lease", Lease, 3},
	// A tenant letting to a subtenant: "Sublease Agreement", "Sub-Lease".
	{"sublease", Lease, 6}, {"sub-lease", Lease, 6}, {"sublet agreement", Lease, 6}, {"subletting agreement", Lease, 6},
	// Business leases are titled by the premises: "Commercial Lease", "Office Lease".
	{"commercial lease", Lease, 6}, {"office lease", Lease, 6}, {"retail lease", Lease, 6}, {"industrial lease", Lease, 6},
	{"shop lease", Lease, 6}, {"warehouse lease", Lease, 6},
	{"terms of service", TermsOfService, 6}, {"terms of use", TermsOfService, 6}, {"terms and conditions", TermsOfService, 3},
	{"terms & conditions", TermsOfService, 3},
	{"user agreement", TermsOfService, 5}, {"acceptable use policy", TermsOfService, 4}, {"privacy policy", TermsOfService, 3},
	// An end-user licence is an app's or a game's terms for the public. It
	// outweighs the "license agreement" and "license" its title contains.
	{"end user license", TermsOfService, 8}, {"end-user license", TermsOfService, 8},
	{"end user licence", TermsOfService, 8}, {"end-user licence", TermsOfService, 8}, {"eula", TermsOfService, 4},
	// A gym's or a club's terms for its members.
	{"membership terms", TermsOfService, 5}, {"membership agreement", TermsOfService, 5},
	{"membership contract", TermsOfService, 5},
	{"license agreement", License, 5}, {"licence agreement", License, 5}, {"licensing agreement", License, 5},
	{"software license", License, 5}, {"license", License, 2}, {"licence", License, 2},
	{"independent contractor", Freelance, 6}, {"freelance", Freelance, 6}, {"contractor agreement", Freelance, 5},
	// An agency's standard terms for the consultancies it places: "CONTRACTOR TERMS 2021".
	{"contractor terms", Freelance, 6}, {"consultancy terms", Freelance, 6}, {"consultant terms", Freelance, 6},
	// A release the client or the person photographed signs, handing the
	// photographer rights in the images (see sides).
	{"release agreement", Services, 4}, {"model release", Services, 4}, {"photo release", Services, 4},
	{"photographic release", Services, 4}, {"talent release", Services, 4},
	// A guest's or a performer's release, often signed by them alone "in favour of" the producer.
	{"appearance release", Services, 4}, {"guest release", Services, 4}, {"likeness release", Services, 4},
	{"video release", Services, 4}, {"image release", Services, 4}, {"interview release", Services, 4},
	{"photography release", Services, 4}, {"release form", Services, 4},
	// One person engaged for a talk or a campaign: a freelancer by another name.
	{"speaker agreement", Freelance, 5}, {"presenter agreement", Freelance, 5}, {"speaking agreement", Freelance, 5},
	{"speaking engagement", Freelance, 5}, {"influencer agreement", Freelance, 5}, {"influencer collaboration", Freelance, 5},
	// One person selling another's products or services for a commission: "Independent Sales Representative
	// Agreement", "Sales Commission Agreement". A firm's "Agency Agreement" stays other.
	{"sales representative", Freelance, 5}, {"sales rep agreement", Freelance, 5}, {"sales rep contract", Freelance, 5},
	{"sales agent agreement", Freelance, 5}, {"commission agreement", Freelance, 4}, {"sales commission", Freelance, 4},
	{"commission sales", Freelance, 4},
	{"work for hire", Freelance, 4}, {"work-for-hire", Freelance, 4}, {"consulting agreement", Freelance, 3},
	{"consultancy agreement", Freelance, 3}, {"consultant agreement", Freelance, 3},
	{"services agreement", Services, 5}, {"service agreement", Services, 5}, {"master services", Services, 5},
	{"professional services", Services, 5}, {"statement of work", Services, 4}, {"cloud service", Services, 4},
	{"maintenance agreement", Services, 4}, {"support agreement", Services, 4}, {"hosting agreement", Services, 4},
	{"outsourcing agreement", Services, 4}, {"development agreement", Services, 2}, {"subscription agreement", Services, 3},
	// A GDPR Article 28 agreement between a customer (controller) and its
	// provider (processor), usually an addendum to the provider's terms.
	{"data processing agreement", Services, 5}, {"data processing addendum", Services, 5},
	{"data protection agreement", Services, 5}, {"data processing terms", Services, 5},
	// A wedding or portrait photographer's contract with the couple or family.
	{"wedding", Services, 4}, {"photography agreement", Services, 4}, {"photography contract", Services, 4},
	{"photography services", Services, 4},
	// A tradesman's, trainer's or coach's form signed by a household: the
	// same shape, the same side.
	{"home improvement", Services, 4}, {"renovation contract", Services, 4}, {"renovation agreement", Services, 4},
	{"remodeling contract", Services, 4}, {"remodeling agreement", Services, 4},
	{"personal training", Services, 4}, {"coaching agreement", Services, 4}, {"coaching contract", Services, 4},
	{"consulting", Freelance, 2}, {"services", Services, 2},
	// Commercial agreements TermScore has no pack for: they pull to other.
	{"distribut", Other, 4}, {"reseller", Other, 4}, {"supply agreement", Other, 4}, {"manufacturing", Other, 4},
	{"joint venture", Other, 5}, {"franchise", Other, 5}, {"sponsorship", Other, 4}, {"endorsement", Other, 4},
	{"co-branding", Other, 4}, {"strategic alliance", Other, 4}, {"collaboration agreement", Other, 4},
	{"marketing agreement", Other, 4}, {"agency agreement", Other, 4}, {"promotion agreement", Other, 4},
	{"affiliate agreement", Other, 4}, {"referral agreement", Other, 4}, {"referral partner", Other, 4},
	{"referral program", Other, 4}, {"transportation", Other, 3}, {"transportation service", Other, 4}, {"purchase agreement", Other, 4},
	{"loan agreement", Other, 4}, {"credit agreement", Other, 4}, {"merger", Other, 4}, {"underwriting", Other, 4},
	// A borrower's promise to repay (see sides).
	{"promissory note", Other, 6},
	// An affiliate earns commissions on the sales it refers: "Affiliate
	// Program Operating Agreement Terms of Service" (see formCues).
	{"affiliate program", Other, 4}, {"affiliate terms", Other, 4}, {"associates program", Other, 4},
	// The hire of goods, checked by goodsHire like a "Rental Agreement".
	// "Conditions of hire" alone may be an employer's: a body of defined
	// employees outweighs it.
	{"equipment rental", Lease, 5}, {"equipment hire", Lease, 5}, {"plant hire", Lease, 5},
	{"vehicle rental", Lease, 5}, {"vehicle hire", Lease, 5}, {"car rental", Lease, 5}, {"car hire", Lease, 5},
	{"van hire", Lease, 5}, {"conditions of hire", Lease, 3}, {"terms of hire", Lease, 3}, {"hire conditions", Lease, 3},
}

// formCues are the title cues that name a form of document rather than a
// kind of contract: "Affiliate Program … Terms of Service" and "Terms of
// Service for the … Affiliate Program" are affiliate agreements written as
// terms. On a title line that also names another kind of contract (a cue
// of weight 4 or more), they do not decide the type.
var formCues = []string{"terms of service", "terms of use", "terms and conditions", "terms & conditions"}

// roleCues are defined party names ("the Landlord") and the body words
// that only one kind of contract uses much.
var roleCues = []cue{
	{`"landlord"`, Lease, 4}, {`"tenant"`, Lease, 4}, {`"lessor"`, Lease, 2}, {`"lessee"`, Lease, 2},
	{"the landlord", Lease, 0.5}, {"the tenant", Lease, 0.5}, {"rent", Lease, 0.15}, {"premises", Lease, 0.15},
	{"security deposit", Lease, 1}, {"the property", Lease, 0.2},
	{`"employee"`, Employment, 4}, {`"employer"`, Employment, 4}, {`"executive"`, Employment, 2}, {`"intern"`, Employment, 3},
	{"salary", Employment, 0.6}, {"at-will", Employment, 2}, {"at will", Employment, 1}, {"paid time off", Employment, 1.5},
	{"vacation", Employment, 0.3}, {"your employment", Employment, 2}, {"employment with", Employment, 1}, {"benefits", Employment, 0.2},
	{`"disclosing party"`, NDA, 4}, {`"receiving party"`, NDA, 4}, {`"discloser"`, NDA, 4}, {`"recipient"`, NDA, 2},
	{"confidential information", NDA, 0.3}, {"disclosing party", NDA, 0.3}, {"receiving party", NDA, 0.3},
	{`"licensor"`, License, 4}, {`"licensee"`, License, 4}, {"the licensee", License, 0.2}, {"the licensor", License, 0.2},
	{"royalt", License, 0.4}, {"license fee", License, 0.5}, {"licensed software", License, 1}, {"licensed product", License, 0.5},
	{`"contractor"`, Freelance, 3}, {`"consultant"`, Freelance, 2.5}, {`"freelancer"`, Freelance, 4},
	{"independent contractor", Freelance, 0.6}, {"hourly rate", Freelance, 1}, {"per hour", Freelance, 0.5},
	// A plain-language freelance contract written as "we" and "you":
	// "You … are hiring us … to design and develop a web site".
	{"hiring us", Freelance, 2}, {"designers and developers", Freelance, 2}, {"web design", Freelance, 1.5},
	{`"service provider"`, Services, 3}, {`"provider"`, Services, 2}, {`"vendor"`, Services, 1.5}, {`"supplier"`, Services, 1},
	{`"customer"`, Services, 1}, {`"client"`, Services, 1.5}, {"statement of work", Services, 0.8}, {"service level", Services, 1},
	{"the services", Services, 0.15}, {"deliverables", Services, 0.3},
	{"you agree", TermsOfService, 0.5}, {"your account", TermsOfService, 0.8}, {"our services", TermsOfService, 0.6},
	{"we may", TermsOfService, 0.3}, {"you may not", TermsOfService, 0.4}, {"these terms", TermsOfService, 0.6},
	{"by using", TermsOfService, 1}, {"by accessing", TermsOfService, 1}, {"your content", TermsOfService, 0.6},
	{"the website", TermsOfService, 0.3}, {"users", TermsOfService, 0.1},
	{`"distributor"`, Other, 3}, {`"reseller"`, Other, 3}, {`"franchisee"`, Other, 4}, {`"manufacturer"`, Other, 2},
	{`"sponsor"`, Other, 2}, {"purchase order", Other, 0.3}, {"territory", Other, 0.2}, {"products", Other, 0.05},
}

// contractWords are vocabulary nearly every contract uses and little else
// does. IsContract asks for several distinct ones and enough of them.
var contractWords = []string{
	"agreement", "party", "parties", "shall", "hereby", "herein", "hereunder", "terminat", "liab",
	"warrant", "indemn", "governed by", "governing law", "breach", "obligation", "pursuant", "notice",
	"you agree", "these terms", "we may", "binding", "consent", "rights", "in accordance with",
	"confidential", "effective date", "payment", "fees", "dispute", "jurisdiction", "license", "licence",
	// Plain-language contracts say "this contract" and "invoice" where
	// lawyers write "this Agreement" and "fees".
	"this contract", "invoice",
	// A release grants and waives rather than agrees: "I grant … the
	// irrevocable and perpetual right …; I waive …".
	"irrevocabl", "perpetu", "waive",
}

// strongWords are the drafting words of legal instruments.
var strongWords = []string{"shall", "hereby", "herein", "hereunder", "hereto", "hereof", "pursuant to",
	"whereas", "in witness whereof", "notwithstanding", "thereof", "the parties", "this agreement", "you agree", "these terms"}

// Detect decides the type of doc and whether it is a contract.
func Detect(doc *document.Document) Result {
	low := toLower(doc.Text)
	words := max(doc.Words(), 1)
	cnt := newCounter(low)

	// Is it a contract? Count distinct contract words and their density.
	distinct, total := 0, 0
	var seen []string
	for _, w := range contractWords {
		n := cnt.count(w)
		if n > 0 {
			distinct++
			total += n
			seen = append(seen, w)
		}
	}
	density := float64(total) * 1000 / float64(words)
	// Drafting words almost no other genre uses: enough of them make even
	// a one-page joint filing statement or amendment a contract.
	strongDistinct, strongTotal := cnt.tally(strongWords)
	strongDensity := float64(strongTotal) * 1000 / float64(words)
	isContract := distinct >= 6 && density >= 10 || strongDistinct >= 3 && strongDensity >= 12
	if words < 80 {
		// A short text must be plainly contractual.
		isContract = distinct >= 5 && total >= 6 || strongDistinct >= 3
	}

	scores := map[string]float64{}
	var evidence []string
	head := headText(doc, low)
	// The cue nearest the top is most likely the document's own title;
	// later ones may name attached or referred-to agreements.
	pos, first := titlePositions(head)
	titleScore := map[string]float64{}
	// lineScore holds the cues of the title line when the first cue opens
	// it ("Exhibit 10.1 Distributor Agreement"): that is the document's
	// own name, not a phrase of its first paragraph.
	lineScore := map[string]float64{}
	start, end := titleLine(head, first)
	opens := first-start <= 60
	var onLine []int // the cues of the title line, by index in titleCues
	for k, c := range titleCues {
		i := pos[k]
		if i < 0 {
			continue
		}
		w := c.weight
		if i > first+40 {
			w /= 2
		}
		scores[c.typ] += w
		titleScore[c.typ] += w
		if opens && i >= start && i+len(c.phrase) <= end {
			onLine = append(onLine, k)
		}
		evidence = append(evidence, fmt.Sprintf("title: %q", c.phrase))
	}
	kind := namesKind(pos, onLine)
	for _, k := range onLine {
		if c := titleCues[k]; !kind || !slices.Contains(formCues, c.phrase) {
			lineScore[c.typ] += c.weight
		}
	}
	// Body cues are counted with diminishing returns so one word used a
	// hundred times cannot outvote a title.
	for _, c := range roleCues {
		n := cnt.count(c.phrase)
		if n == 0 {
			continue
		}
		v := c.weight * saturate(float64(n))
		scores[c.typ] += v
		if v >= 1 {
			evidence = append(evidence, fmt.Sprintf("%dx %q", n, strings.Trim(c.phrase, `"`)))
		}
	}
	// Every commercial contract has a confidentiality clause with a
	// "Disclosing Party": without a title saying so, an NDA must be short
	// and mostly about confidential information.
	if titleScore[NDA] == 0 && scores[NDA] > 0 {
		ci := float64(cnt.count("confidential")) * 1000 / float64(words)
		if words > 5000 || ci < 6 {
			scores[NDA] = min(scores[NDA], 1.5)
		}
	}
	best, second := Other, 0.0
	bestScore := 0.0
	keys := make([]string, 0, len(scores))
	for k := range scores {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := scores[k]
		if v > bestScore {
			best, second, bestScore = k, bestScore, v
		} else if v > second {
			second = v
		}
	}
	// A title line naming a kind of agreement decides: the body words of a
	// distributor agreement reselling licensed software, an outsourcing
	// agreement with a confidentiality clause or a franchise agreement
	// written as "you" and "we" say what the contract contains, not what
	// it is.
	if titled, ok := titleType(lineScore); ok {
		best, bestScore, second = titled, scores[titled], 0
		for _, k := range keys {
			if k != titled {
				second = max(second, scores[k])
			}
		}
	} else if best == Services && scores[Freelance] >= 0.6*bestScore && scores[Freelance] > 0 {
		// Terms of service and freelance are the shapes with fewest
		// defined parties; a services score built on "Client" alone with
		// a freelancer's cues nearby goes to freelance.
		best, second = Freelance, bestScore
		bestScore = scores[Freelance]
	}
	if bestScore < 2 {
		best = Other
	}
	conf := 0.0
	if bestScore > 0 {
		conf = max(0, bestScore-second) / bestScore
		conf = 0.5 + conf/2
		if bestScore < 4 {
			conf *= bestScore / 4
		}
	}
	// A text titled as a kind of contract ("Room Rental Agreement",
	// "Offer of Employment") needs fewer drafting words: a short one
	// numbered in clauses is one, and so is a plain-language letter with a
	// few (an article about such contracts has neither).
	if titledAs, titled := titleType(lineScore); !isContract && titled {
		isContract = words < 300 && distinct >= 2 && clauses(doc.Clauses, 3) >= 3 || distinct >= 5 && density >= 8 ||
			titledAs == Employment && offerLetter(cnt)
	}
	if !isContract {
		best, conf = Other, 1-min(1, float64(distinct)/10)
		evidence = append(evidence, fmt.Sprintf("not a contract: %d contract words (%s), %.1f per 1000 words", distinct, strings.Join(seen, ", "), density))
	}
	role := roleFor(best, head[start:end], fullTitle(pos, start, end))
	if role == "consumer" && strings.Contains(head[start:end], "release") && releasesOwnLikeness(low) {
		// A "Photography Release Form" the person photographed signs
		// gives away their images and likeness, as a model release does:
		// review it with the licence rules of the one granting (any
		// purpose, any media hereafter devised, AI training), not as a
		// studio's client.
		role = "contractor"
		evidence = append(evidence, "a release signed by the person photographed or recorded")
	}
	if best == License && role == "licensee" && creatorGrants(low) {
		// The artist, author or photographer licensing their own work
		// signs the other side's paper: review it with the rules of the one
		// granting (exclusivity, sublicensing, AI training, a perpetual
		// grant, a one-way indemnity), not as the licensee.
		role = "contractor"
		evidence = append(evidence, "a licence granted by the work's creator (artist, author, photographer …)")
	}
	if best == TermsOfService && businessTerms(cnt) {
		// "Software Subscription Terms and Conditions" that a company's
		// customer executes through an order form: the provider's standard
		// terms for a service it runs, which the business customer reviews,
		// as it would a cloud service agreement.
		best, role = Services, "client"
		evidence = append(evidence, "a provider's terms for business customers, executed through an order form")
	}
	if best == Lease && goodsHire(cnt) {
		// A "Rental Agreement" for a machine or a van hires out goods: the
		// residential lease pack (deposit, repairs, entry, habitability)
		// does not fit it, and its renter is the supplier's customer: a
		// consumer where a person hires for themselves.
		best, role = Other, hirer(low)
		evidence = append(evidence, "rents equipment or a vehicle, not premises: the hirer is a "+role)
	}
	use := ""
	if best == Lease {
		var why string
		use, why = leaseUse(low, head)
		evidence = append(evidence, why)
	}
	return Result{Type: best, Confidence: round2(conf), IsContract: isContract, Role: role, LeaseUse: use, Evidence: evidence}
}

// namesKind reports whether the title cues onLine (indexes in titleCues,
// found at pos) name a kind of contract besides a form of terms: a cue of
// another type, of weight 4 or more, that does not start inside a form
// cue ("service agreement" in "terms of service agreement" names none;
// "affiliate terms" in "affiliate terms and conditions" does).
func namesKind(pos, onLine []int) bool {
	for _, k := range onLine {
		c := titleCues[k]
		if c.weight < 4 || c.typ == TermsOfService {
			continue
		}
		inside := false
		for _, f := range onLine {
			fc := titleCues[f]
			if slices.Contains(formCues, fc.phrase) && pos[f] <= pos[k] && pos[k] < pos[f]+len(fc.phrase) {
				inside = true
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// businessTerms reports whether terms typed as terms of service are a
// provider's terms for business customers: executed through an order form
// and written to a defined "Customer" rather than to "you", as consumer
// terms are.
func businessTerms(cnt *counter) bool {
	customer := cnt.count("customer")
	return cnt.count(orderForm) >= 2 && customer >= 5 && cnt.count("you") < customer/2
}

const orderForm = "order form"

// releasesOwnLikeness reports whether a release is written for the person
// photographed, filmed or recorded to sign: in the first person ("I grant",
// "photographs of me") or with that person as a defined party ("Model").
// It runs on release titles only, so it searches the text, for whole
// words: "of me" is not "of meeting".
func releasesOwnLikeness(low string) bool { return hasPhrase(low, releasor) }

// hasPhrase reports whether low holds one of phrases as whole words.
func hasPhrase(low string, phrases []string) bool {
	for _, p := range phrases {
		for i := 0; ; {
			j := strings.Index(low[i:], p)
			if j < 0 {
				break
			}
			j += i
			end := j + len(p)
			if (j == 0 || !isLetter(low[j-1])) && (end == len(low) || !isLetter(low[end])) {
				return true
			}
			i = j + 1
		}
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' }

var releasor = []string{"i grant", "i hereby grant", "i give", "i hereby give", "i irrevocably", "i consent",
	"i hereby consent", "i authorize", "i authorise", "i hereby authori", "of me", "my name", "my likeness", "my image",
	`("model")`, `(“model”)`, `("talent")`, `(“talent”)`, `("subject")`, `(“subject”)`,
	`("participant")`, `(“participant”)`, `("releasor")`, `(“releasor”)`}

// creatorGrants reports whether a licence is granted by the one who made
// the work: "Artist hereby grants to Lasting Ember the exclusive right to
// license the submitted Tracks", a music library's catalogue agreement
// signed by the artist, as an author's or a photographer's would be. Not
// a producer: a beat's producer licenses it to the artist who reviews the
// lease, and a film's producer is a company licensing to a distributor.
func creatorGrants(low string) bool { return hasPhrase(low, creatorGrant) }

var creatorGrant = func() []string {
	var out []string
	for _, who := range []string{"artist", "author", "photographer", "composer", "songwriter", "writer", "illustrator", "creator", "musician"} {
		for _, verb := range []string{"grants", "hereby grants", "hereby irrevocably grants", "irrevocably grants", "hereby licenses"} {
			out = append(out, who+" "+verb)
		}
	}
	return out
}()

// goodsHire reports whether a text typed as a lease rents out equipment or
// a vehicle, and names a home or premises hardly at all: a tanker's
// conditions of hire deliver "to the Hirer's premises" once in fifty
// mentions of the equipment.
func goodsHire(cnt *counter) bool {
	_, goods := cnt.tally(hireGoods)
	_, premises := cnt.tally(hirePremises)
	return goods >= 2 && premises*10 <= goods
}

var (
	hireGoods    = []string{"equipment", "vehicle", "machine"}
	hirePremises = []string{"premises", "property", "dwelling", "apartment", "residence", "residential", "house", "home", "lodging", "bedroom", "room", "landlord", "tenant", "tenancy", "real estate", "building", "unit"}
)

// hirer returns the role of the one who hires goods: a consumer where the
// text names a person as the hirer (a driver's licence, a date of birth,
// "the individual(s) listed above") and no business purpose; else the
// supplier's business customer, a client. It runs on the rare hire of
// goods only, so it searches the text rather than the counter's index.
func hirer(low string) string {
	for _, p := range hireBusiness {
		if strings.Contains(low, p) {
			return "client"
		}
	}
	for _, p := range hirePerson {
		if strings.Contains(low, p) {
			return "consumer"
		}
	}
	return "client"
}

var (
	// "Any individual operating the equipment" says nothing of the hirer.
	hirePerson = []string{"refers to the individual", "means the individual", "the individual named", "the individual(s)",
		"driver's licen", "driver’s licen", "date of birth", "passport", "personal use"}
	// A business hirer says it hires for its business, or that it is not
	// a consumer ("it is not a \"consumer\" as defined in …").
	hireBusiness = []string{"purposes of a business", "purposes of its business", "course of a business", "course of business",
		"course of its business", "for business purposes", "not a consumer", `not a "consumer"`, "not a “consumer”",
		"company number", "company registration", "vat number", "vat registration"}
)

// offerLetter reports whether a text titled as an employment offer reads
// as one: it asks to be accepted or signed, and sets at least two terms of
// the job. An offer letter says "salary" and "sign below", not "shall"
// and "hereby"; an article about offer letters asks no one to sign.
func offerLetter(cnt *counter) bool {
	accept, _ := cnt.tally(offerAccept)
	terms, _ := cnt.tally(offerTerms)
	return accept > 0 && terms >= 2
}

var (
	offerAccept = []string{"accept this offer", "accept the offer", "sign below", "signing below", "please sign", "countersign", "by signing", "your signature"}
	offerTerms  = []string{"salary", "at will", "at-will", "your employment", "start date", "starting on", "your position", "the position of"}
)

// titleType returns the type the title line names, if its cues name one
// clearly: a full title ("hosting agreement", 4) and more than any other
// type's.
func titleType(lineScore map[string]float64) (string, bool) {
	best, bestScore, tie := "", 0.0, false
	for k, v := range lineScore {
		switch {
		case v > bestScore:
			best, bestScore, tie = k, v, false
		case v == bestScore:
			tie = true
		}
	}
	return best, bestScore >= 4 && !tie
}

// titleLine returns the line of head holding the title cue at first, to
// at most 80 bytes after the cue: a text read as one long line has no
// line ends to stop at.
func titleLine(head string, first int) (start, end int) {
	if first >= len(head) {
		return len(head), len(head)
	}
	start = strings.LastIndexByte(head[:first], '\n') + 1
	end = min(len(head), first+80)
	if i := strings.IndexByte(head[first:end], '\n'); i >= 0 {
		end = first + i
	}
	return start, end
}

// headText is the title area: the first blocks, or the start of a text
// read as one long block.
func headText(doc *document.Document, low string) string {
	end := min(len(low), 400)
	for i, b := range doc.Blocks {
		if i >= 6 {
			break
		}
		if b.End > end && b.End-b.Start < 300 {
			end = min(b.End, 800)
		}
	}
	// Lower-casing can change a text's length ("İ" is two bytes, "i̇"
	// three), so block offsets only approximate positions in low.
	return low[:min(end, len(low))]
}

// referenced are title cues that an opening sentence also uses to refer
// to the terms of the contract it opens ("subject to the terms and
// conditions set forth herein", "agree to the following terms and
// conditions"): after one of referrers they name no kind of document.
var (
	referenced = []string{"terms and conditions", "terms & conditions"}
	referrers  = []string{"the ", "following ", "such ", "all ", "other ", "any "}
)

// indexTitle returns where a title cue first starts a word of the head hc
// indexes (-1 if nowhere), skipping the places where a cue of referenced
// is a reference rather than a title.
func indexTitle(hc *counter, phrase string) int {
	j := hc.keys.keys.Find(wordkey.Of(phrase))
	if j < 0 {
		return -1
	}
	ref := slices.Contains(referenced, phrase)
	for _, i := range hc.words[j] {
		if !strings.HasPrefix(hc.low[i:], phrase) {
			continue
		}
		if ref && slices.ContainsFunc(referrers, func(r string) bool { return strings.HasSuffix(hc.low[:i], r) }) {
			continue
		}
		return i
	}
	return -1
}

// indexWord is strings.Index of a phrase that starts a word: "lease" is
// not in "please" or "release".
func indexWord(s, phrase string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return -1
		}
		i += off
		if i == 0 || !wordByte[s[i-1]] {
			return i
		}
		off = i + 1
	}
}

// saturate is n for n <= 1 and 1+log2(n) after: the tenth mention of a
// word says less than the first.
func saturate(n float64) float64 {
	if n <= 1 {
		return n
	}
	return 1 + math.Log2(n)
}

func round2(v float64) float64 { return float64(int(v*100+0.5)) / 100 }

// clauses counts the clauses of tree, sub-clauses included, up to limit:
// a release titled by a heading holds its numbered clauses under it.
func clauses(tree []*document.Clause, limit int) int {
	n := 0
	for _, c := range tree {
		if n >= limit {
			break
		}
		n += 1 + clauses(c.Children, limit-n-1)
	}
	return n
}
