// Package rules holds TermScore's rule packs and the engine that runs them.
//
// A rule pack is a YAML file of rules (see docs/rules.md). Packs are
// embedded in the binary and can be added to or overridden from a user
// directory. Each rule either reports risky wording that is present
// (kind present) or a protection that is missing (kind missing).
//
// Matching works on a canonical form of each sentence: lower case, every
// run of characters that are not letters or digits folded to one space.
// That makes the same rule work on ordinary contract text and on the
// lower-cased, tokenised sentences of the UNFAIR-ToS corpus. A first pass
// with Aho–Corasick over each rule's literal anchor phrases picks the
// candidate sentences; a rule's regular expressions run only on those.
package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Kinds of rule.
const (
	Present = "present" // the risky wording is there
	Missing = "missing" // a protection is absent
)

// Severities, most severe first.
var severities = []string{"critical", "high", "medium", "low", "info"}

// Roles a rule can be a risk to; "all" means every role.
var roles = []string{"contractor", "client", "tenant", "landlord", "employee", "employer",
	"consumer", "licensor", "licensee", "discloser", "recipient", "all"}

// Document types a rule can be limited to (the v1 report's document.type).
var docTypes = []string{"services", "freelance", "nda", "employment", "lease",
	"terms-of-service", "license", "other"}

// Lease uses a rule can be limited to (the v1 report's
// document.lease_use).
var leaseUses = []string{"residential", "commercial"}

// Suggestion actions.
var actions = []string{"replace", "insert", "delete"}

// SeverityRank orders severities: 0 for critical up to 4 for info, and -1
// for a value that is not a severity.
func SeverityRank(s string) int { return slices.Index(severities, s) }

// Rule is one check. The exported fields are the pack's data; the
// compiled detection is kept unexported.
type Rule struct {
	ID             string            `yaml:"id"`
	Title          string            `yaml:"title"`
	Pack           string            `yaml:"-"` // the pack (category) the rule came from
	Kind           string            `yaml:"kind"`
	Severity       string            `yaml:"severity"`
	SeverityByRole map[string]string `yaml:"severity_by_role"`
	RiskTo         []string          `yaml:"risk_to"`
	DocTypes       []string          `yaml:"doc_types"`
	// LeaseUse limits the rule, on a lease, to leases of homes
	// ("residential") or of business premises ("commercial"): a statutory
	// deposit deadline is a home tenant's point, a relocation clause a
	// shop's. Empty: both. Documents of other types are not affected.
	LeaseUse string `yaml:"lease_use"`
	MapsTo   MapsTo `yaml:"maps_to"`
	// Supersedes names general rules this one says more precisely: where
	// both fire on one sentence, only this one is reported (a lease's
	// automatic renewal is not also a generic automatic renewal).
	Supersedes []string `yaml:"supersedes"`

	// Detection. Present rules use Detect. Missing rules fire when
	// Precondition holds somewhere in the document (or is absent) and
	// Protection holds nowhere; Placement says where the protection goes.
	Detect       *Detect    `yaml:"detect"`
	Precondition *Detect    `yaml:"precondition"`
	Protection   *Detect    `yaml:"protection"`
	Placement    *Placement `yaml:"placement"`
	// Mitigation lowers a present rule in a document that elsewhere says
	// what takes most of its risk away.
	Mitigation *Mitigation `yaml:"mitigation"`

	Why        string     `yaml:"why"`
	Ask        string     `yaml:"ask"`
	Suggestion Suggestion `yaml:"suggestion"`
	// AskByRole and SuggestionByRole replace Ask and Suggestion for a
	// role whose position differs: a consumer asks a platform for a
	// licence that ends when the content is deleted, not for payment.
	AskByRole        map[string]string     `yaml:"ask_by_role"`
	SuggestionByRole map[string]Suggestion `yaml:"suggestion_by_role"`
	// WhyByLeaseUse and AskByLeaseUse replace Why and Ask on a lease of
	// that use, for a rule that fits both uses but whose reasons differ:
	// a home's tenant has statutory rights a shop's lacks.
	WhyByLeaseUse map[string]string `yaml:"why_by_lease_use"`
	AskByLeaseUse map[string]string `yaml:"ask_by_lease_use"`
	// SuggestionByLeaseUse and SeverityByLeaseUse replace Suggestion and
	// Severity on a lease of that use: a shop's tenant proposes a break
	// clause, not a home's sixty days' notice, and an absolute ban on
	// assignment costs a business more (it cannot sell itself). The
	// role's own suggestion or severity, if any, wins.
	SuggestionByLeaseUse map[string]Suggestion `yaml:"suggestion_by_lease_use"`
	SeverityByLeaseUse   map[string]string     `yaml:"severity_by_lease_use"`
	// LawByHome says what the reviewer's own law makes of the point, by
	// jurisdiction code ("US-CA": California voids most non-competes): a
	// review made with that home (--home) adds it to the why.
	LawByHome map[string]string `yaml:"law_by_home"`
	Examples  Examples          `yaml:"examples"`

	// Source is where the rule is defined, "file:line".
	Source string `yaml:"-"`

	det, pre, prot, mit *detector
	headings            []*pattern
	// lowered is the rule as it reads where its Mitigation holds.
	lowered *Rule
}

// Mitigation is wording which, found in any sentence of a document, makes
// a present rule's risk there smaller: a clause letting only the landlord
// recover its legal fees, in a lease whose separate clause gives them to
// whichever party wins. The rule still fires, at Severity (a lower
// severity the rule has for a role or lease use stays), and its why goes
// on with Why: the reader sees the point and why it matters less.
type Mitigation struct {
	Detect   *Detect `yaml:"detect"`
	Severity string  `yaml:"severity"`
	Why      string  `yaml:"why"`
}

// lower returns r as it reads in a document its Mitigation holds in.
func (r *Rule) lower() *Rule {
	m := r.Mitigation
	l := *r
	l.lowered = nil
	atMost := func(sev string) string {
		if SeverityRank(sev) < SeverityRank(m.Severity) {
			return m.Severity
		}
		return sev
	}
	l.Severity = atMost(r.Severity)
	l.SeverityByRole = capAll(r.SeverityByRole, atMost)
	l.SeverityByLeaseUse = capAll(r.SeverityByLeaseUse, atMost)
	more := func(why string) string { return strings.TrimSpace(why) + " " + strings.TrimSpace(m.Why) }
	l.Why = more(r.Why)
	l.WhyByLeaseUse = capAll(r.WhyByLeaseUse, more)
	return &l
}

// capAll returns m with f applied to every value, nil for nil.
func capAll(m map[string]string, f func(string) string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = f(v)
	}
	return out
}

// MapsTo names the labels of public datasets that cover the same idea.
type MapsTo struct {
	UnfairTOS []string `yaml:"unfair_tos"`
	CUAD      []string `yaml:"cuad"`
	// ConfirmOnly says a label covers more than the rule's risk (CUAD's
	// Renewal Term holds options to renew as well as automatic renewal,
	// its Termination for Convenience either side's right): a clause model
	// that gives a sentence the label confirms or doubts the rule's
	// findings, but adds none the rule did not make.
	ConfirmOnly bool `yaml:"confirm_only"`
	// WeakDoubt says a model's doubt is weak evidence against the rule's
	// findings: the label covers only part of the risk (CUAD's Cap on
	// Liability, not an exclusion of liability; Post-Termination Services,
	// not handing back the work) or is another idea (Affiliate
	// License-Licensee), so a sentence the model finds very unlikely is
	// still the rule's risk about half the time. Such a finding loses a
	// third of its confidence where another rule's loses two thirds.
	WeakDoubt bool `yaml:"weak_doubt"`
}

// Suggestion is the redline a rule proposes. Text may hold the
// placeholders {{client}}, {{contractor}} and {{deliverables}}, which the
// redliner fills with the document's own defined terms.
type Suggestion struct {
	Action   string `yaml:"action"`
	Text     string `yaml:"text"`
	Fallback string `yaml:"fallback"`
	// StrikeRepeats, on a replace, says the wording restates the whole
	// point: the clause's other sentences the rule fires on are struck
	// with the one replaced, or a redline of "all Work Product will be
	// the property of Company. Contractor hereby assigns … all right,
	// title and interest" that rewrites the first would leave the second
	// assigning everything at once.
	StrikeRepeats bool `yaml:"strike_repeats"`
}

// Examples are texts a rule must fire on (Positive) and must not fire on
// (Negative). Blank lines separate paragraphs; a line starting with "#"
// is a heading.
type Examples struct {
	Positive []string `yaml:"positive"`
	Negative []string `yaml:"negative"`
}

// Detect describes wording to find in one sentence.
type Detect struct {
	// Anchors are literal phrases; a sentence is a candidate only if it
	// contains one. They are canonicalised like the text, so punctuation
	// and case do not matter. A trailing "*" matches any word ending.
	Anchors []string `yaml:"anchors"`
	// Patterns are regular expressions (RE2, case-insensitive) on the
	// canonical sentence; one must match. Empty means the anchor suffices.
	Patterns []string `yaml:"patterns"`
	// Require are regular expressions that must all match too.
	Require []string `yaml:"require"`
	// Near requires two terms within a number of words of each other.
	Near []Near `yaml:"near"`
	// Unless are regular expressions that veto the sentence (exceptions).
	Unless []string `yaml:"unless"`
	// Despite are regular expressions that lift the Unless vetoes: "may
	// terminate … if it discontinues the product or without cause" is
	// termination for convenience although it names a condition.
	Despite []string `yaml:"despite"`
	// SkipNegated vetoes a match preceded in its sentence by a negation
	// ("shall not", "no", "never", "prohibited") unless an exception word
	// ("except", "unless", "other than") comes between.
	SkipNegated bool `yaml:"skip_negated"`
	// Scope is a regular expression the heading of the enclosing section
	// (or any of its parents) must match.
	Scope string `yaml:"scope"`
	// Clause tests the sentences of the clause around the sentence (see
	// ClauseTest): what a neighbouring sentence says can make or unmake
	// the risk ("you may be required to work longer hours" … "we do not
	// operate any overtime scheme"; a carve-out from the cap … a separate
	// cap on what was carved out).
	Clause *ClauseTest `yaml:"clause"`
	// Sides tests the sentence with the parties' names replaced by who
	// they are in this review (see SideTest): "Customer is not responsible
	// for Provider's income taxes" frees the reviewer in a client's review
	// and limits what the reviewer can recover in a contractor's.
	Sides *SideTest `yaml:"sides"`
	// Confidence overrides the default confidence of a hit.
	Confidence float64 `yaml:"confidence"`
	// Actor "other" says the risk is something the other side does ("may
	// suspend", "may change"): for a reviewer the engine can name (a client
	// or licensee), a sentence whose nearest party before the match is the
	// reviewer's own side ("Customer may terminate"), or both sides, is not
	// reported. "own" says the risk binds the reviewer ("Distributor shall
	// not sell competing products"): a sentence binding the other side
	// only is not reported.
	Actor string `yaml:"actor"`
}

// SideTest holds regular expressions run on a sentence in which every
// name of the reviewer's side is written "ownside" and every name of the
// other side "otherside", as Actor reads the names: the document's own
// ("Distributor", "AT&T"), then the role's usual ones ("Customer",
// "Provider"). Only a client's, licensee's or contractor's review names
// the sides; in any other (and with no role) a Require never holds and
// an Unless or ClauseUnless vetoes nothing.
type SideTest struct {
	// Require must each match the marked sentence.
	Require []string `yaml:"require"`
	// Unless veto the sentence when one matches it: "^ ownside (shall|will)
	// not be liable" is the reviewer's own freedom, not the other side's
	// limit.
	Unless []string `yaml:"unless"`
	// Despite lift the Unless vetoes: a sentence that frees the reviewer
	// and limits the other side too ("Provider shall not be liable to
	// Customer, and Customer shall not be liable to Provider, for …") is
	// still the other side's limit.
	Despite []string `yaml:"despite"`
	// ClauseUnless veto the sentence when one matches a sentence of the
	// clause around it, marked the same way (the clause Detect.Clause
	// reads): a cap on the other side's liability is no one-sided cap
	// where the next sentence caps the reviewer's.
	ClauseUnless []string `yaml:"clause_unless"`
}

// ClauseTest holds regular expressions run on each sentence of the clause
// around a sentence a present rule matched: its numbered clause with the
// clauses beside it under the same parent (a leaf clause), else the clause
// itself, else its section or paragraph; at most maxContext bytes.
type ClauseTest struct {
	// Require must each match some sentence of the clause, the matched
	// one included.
	Require []string `yaml:"require"`
	// Unless veto the match when one matches a sentence of the clause,
	// the matched one included.
	Unless []string `yaml:"unless"`
}

// Near is a proximity test between two regular expressions.
type Near struct {
	A      string `yaml:"a"`
	B      string `yaml:"b"`
	Within int    `yaml:"within"` // words between the starts of the two matches
}

// Placement says where a missing protection belongs: the first section
// whose heading matches one of Headings, else the end of the document.
type Placement struct {
	Headings []string `yaml:"headings"`
}

// AskIn returns what a reviewer in role should ask for on a lease of use
// (empty: not a lease): the role's own ask first, then the use's.
func (r *Rule) AskIn(role, use string) string {
	return byRoleThenUse(r.AskByRole, r.AskByLeaseUse, role, use, r.Ask)
}

// WhyIn returns why the rule matters on a lease of use (empty: not a
// lease).
func (r *Rule) WhyIn(use string) string {
	return byRoleThenUse(nil, r.WhyByLeaseUse, "", use, r.Why)
}

// LawAt returns what the law of home, the reviewer's jurisdiction code
// ("US-CA"), says of the rule's point, if the rule knows: only that
// jurisdiction's own entry, since a country's code ("US") does not say
// which state's law is the reviewer's.
func (r *Rule) LawAt(home string) string {
	return strings.TrimSpace(r.LawByHome[strings.ToUpper(home)])
}

// SuggestionIn returns the wording proposed to a reviewer in role on a
// lease of use (empty: not a lease): the role's own first, then the use's.
func (r *Rule) SuggestionIn(role, use string) Suggestion {
	return byRoleThenUse(r.SuggestionByRole, r.SuggestionByLeaseUse, role, use, r.Suggestion)
}

// SeverityIn returns the rule's severity for a reviewer in role on a
// lease of use (empty: not a lease): the role's own first, as for the ask
// and the suggestion, then the use's.
func (r *Rule) SeverityIn(role, use string) string {
	return byRoleThenUse(r.SeverityByRole, r.SeverityByLeaseUse, role, use, r.Severity)
}

// byRoleThenUse picks a rule's text or severity: the role's own wins,
// since the role says whose risk it is and the use only what kind of
// lease; then the use's; then the rule's own.
func byRoleThenUse[T any](byRole, byUse map[string]T, role, use string, def T) T {
	if v, ok := byRole[role]; ok {
		return v
	}
	if v, ok := byUse[use]; ok {
		return v
	}
	return def
}

// AppliesTo reports whether the rule runs for document type docType and
// role; an empty argument matches every rule.
func (r *Rule) AppliesTo(docType, role string) bool {
	if docType != "" && len(r.DocTypes) > 0 && !slices.Contains(r.DocTypes, docType) {
		return false
	}
	if role != "" && !slices.Contains(r.RiskTo, role) && !slices.Contains(r.RiskTo, "all") {
		return false
	}
	return true
}

// AppliesIn reports whether the rule runs in a review with opt: its
// document type and role (AppliesTo), and on a lease its use. An empty
// field matches every rule.
func (r *Rule) AppliesIn(opt MatchOptions) bool {
	return r.AppliesTo(opt.DocType, opt.Role) && (opt.LeaseUse == "" || r.LeaseUse == "" || r.LeaseUse == opt.LeaseUse)
}

// Set is a compiled collection of rules with unique ids.
type Set struct {
	rules []*Rule
	byID  map[string]*Rule
	// supersededBy lists, for a rule id, the rules that supersede it.
	supersededBy map[string][]string

	once sync.Once
	m    *matcher
}

func newSet(rs []*Rule) (*Set, error) {
	s := &Set{byID: make(map[string]*Rule, len(rs))}
	for _, r := range rs {
		if prev, ok := s.byID[r.ID]; ok {
			return nil, fmt.Errorf("%s: duplicate rule id %q (first defined at %s)", r.Source, r.ID, prev.Source)
		}
		s.byID[r.ID] = r
		s.rules = append(s.rules, r)
		for _, id := range r.Supersedes {
			if s.supersededBy == nil {
				s.supersededBy = map[string][]string{}
			}
			s.supersededBy[id] = append(s.supersededBy[id], r.ID)
		}
	}
	sort.SliceStable(s.rules, func(i, j int) bool {
		if s.rules[i].Pack != s.rules[j].Pack {
			return s.rules[i].Pack < s.rules[j].Pack
		}
		return s.rules[i].ID < s.rules[j].ID
	})
	return s, nil
}

// Rules returns the rules ordered by pack, then id.
func (s *Set) Rules() []*Rule { return slices.Clone(s.rules) }

// Lookup returns the rule with the given id, or nil.
func (s *Set) Lookup(id string) *Rule { return s.byID[id] }

// SupersededBy returns the ids of the rules that supersede the rule id
// (say its risk more precisely).
func (s *Set) SupersededBy(id string) []string { return s.supersededBy[id] }

// Merge returns a set with the rules of s and other; a rule of other
// replaces the rule of s with the same id.
func (s *Set) Merge(other *Set) (*Set, error) {
	var rs []*Rule
	for _, r := range s.rules {
		if other.byID[r.ID] == nil {
			rs = append(rs, r)
		}
	}
	rs = append(rs, other.rules...)
	return newSet(rs)
}

// Prepare builds what Match builds on first use, the first pass over
// every rule (some 10 ms): a command that loads the set before reading
// its document can run it in a goroutine meanwhile. It is safe to call
// concurrently with Match and more than once.
func (s *Set) Prepare() { s.matcher() }

func (s *Set) matcher() *matcher {
	s.once.Do(func() { s.m = newMatcher(s.rules) })
	return s.m
}
