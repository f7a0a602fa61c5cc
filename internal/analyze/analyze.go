// Package analyze runs every check on a document: it decides the document
// type and the reviewer's role, runs the rule packs, extracts key terms,
// and scores the result into a Report, the content of TermScore's v1 JSON
// report.
package analyze

import (
	"cmp"
	"slices"
	"strings"

	"github.com/termscore/termscore/internal/doctype"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/market"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/score"
	"github.com/termscore/termscore/internal/terms"
)

// Analyzer analyses documents with one rule set. It is safe for
// concurrent use.
type Analyzer struct {
	rules  *rules.Set
	market *market.Stats
	clf    *classifiers // nil: rules only
}

// New returns an Analyzer using rs.
func New(rs *rules.Set) *Analyzer { return &Analyzer{rules: rs} }

// WithMarket returns a copy of a that compares every report with the
// market statistics st (nil: no comparison).
func (a *Analyzer) WithMarket(st *market.Stats) *Analyzer {
	b := *a
	b.market = st
	return &b
}

// Options are the reviewer's choices for one analysis.
type Options struct {
	Type string // document type; empty: detect
	Role string // reviewer's role; empty: infer from the type
	Home string // reviewer's jurisdiction (ISO code, e.g. "US-CA"); empty: unknown
}

// Validate checks the options against the known types, roles and home
// jurisdictions.
func (o Options) Validate() error {
	if o.Type != "" && !doctype.ValidType(o.Type) {
		return fault.New(fault.Invalid, "unknown document type %q (one of: %s)", o.Type, strings.Join(doctype.Types(), ", "))
	}
	if o.Role != "" && !doctype.ValidRole(o.Role) {
		return fault.New(fault.Invalid, "unknown role %q (one of: %s)", o.Role, strings.Join(doctype.Roles(), ", "))
	}
	_, err := CheckHome(o.Home)
	return err
}

// CheckHome returns code, the reviewer's own jurisdiction as an ISO 3166
// code, in capitals ("us-ca" is "US-CA"), or a fault.Invalid error when it
// is neither a jurisdiction terms.HomeName knows nor a federal country as a
// whole (the CLI, its configuration file, the web page and the API all ask
// here): such a code would neither fill "[your jurisdiction]" nor compare
// with the contract's governing law as the person meant. Empty is no home
// and no error.
func CheckHome(code string) (string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return "", nil
	}
	if _, ok := terms.HomeName(code); ok {
		return code, nil
	}
	if terms.Federal(code) {
		// A federal country as a whole, as the interface spec allows ("ISO
		// country, optionally with a region"): a governing law abroad is
		// still flagged, but no one law fills "[your jurisdiction]"
		// there; a state or province does both.
		return code, nil
	}
	if len(code) > 20 {
		code = code[:20] + "…"
	}
	return "", fault.New(fault.Invalid, "unknown jurisdiction %q: give your own as an ISO 3166 code, e.g. US-CA, GB or DE", code)
}

// Analyze analyses doc.
func (a *Analyzer) Analyze(doc *document.Document, opt Options) (*Report, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt.Home, _ = CheckHome(opt.Home) // "us-ca" reads "US-CA" in the report
	r := &Report{
		Schema: Schema,
		Document: DocInfo{Name: doc.Name, SHA256: doc.SHA256, Format: doc.Format,
			Pages: doc.Pages, Words: doc.Words()},
		Findings: []Finding{},
		Warnings: doc.Warnings,
		Doc:      doc,
	}
	dt := doctype.Detect(doc)
	r.Document.Type, r.Document.TypeFrom, r.Document.TypeConfidence = dt.Type, "detected", round2(dt.Confidence)
	if opt.Type != "" {
		r.Document.Type, r.Document.TypeFrom = opt.Type, "given"
	}
	if r.Document.Type == doctype.Lease {
		// Rules limited to homes or to business premises read it.
		r.Document.LeaseUse = dt.LeaseUse
		if r.Document.LeaseUse == "" {
			r.Document.LeaseUse = doctype.LeaseUse(doc)
		}
	}
	// The detected role knows the kind of contract (a distributor's, a
	// SaaS customer's); a type given by the user gives only its default.
	r.Role, r.RoleFrom = dt.Role, "inferred"
	if r.Document.Type != dt.Type {
		r.Role = doctype.DefaultRole(r.Document.Type)
	}
	if opt.Role != "" {
		r.Role, r.RoleFrom = opt.Role, "given"
	}
	r.KeyTerms = terms.Extract(doc)
	if !dt.IsContract && opt.Type == "" {
		r.Notice = "This does not read like a contract: no parties, obligations or clause structure were recognised, so it was not scored. Use --type to scan it anyway."
		r.Summary = summarize(r.Findings)
		return r, nil
	}

	names := partyNames(doc, r.KeyTerms, r.Role).withHome(opt.Home)
	hits := a.rules.Match(doc, matchOptions(r, names))
	// One finding per rule and clause: a lawyer marks a clause once, not
	// every sentence of it that repeats the point. Outside any clause (a
	// letter with run-in headings), one per rule and paragraph.
	type key struct {
		rule   string
		clause *document.Clause
		block  int
	}
	seen := map[key]int{}
	for _, h := range hits {
		k := key{h.Rule.ID, doc.ClauseAt(h.Span.Start), -1}
		if k.clause == nil {
			k.block = doc.BlockAt(h.Span.Start)
		}
		if i, ok := seen[k]; ok && (k.clause != nil || k.block >= 0 || h.Rule.Kind == rules.Missing) {
			f := &r.Findings[i]
			if h.Confidence > f.Confidence {
				repeats := append(f.Repeats, f.Span)
				*f = a.finding(doc, h, r, opt, names)
				f.Repeats = repeats
			} else {
				f.Repeats = append(f.Repeats, h.Span)
			}
			continue
		}
		seen[k] = len(r.Findings)
		r.Findings = append(r.Findings, a.finding(doc, h, r, opt, names))
	}
	r.Findings = a.applyModels(doc, r, opt, names, r.Findings)
	markWithin(doc, r.Findings)
	r.Findings = foldRepeats(r.Findings)
	slices.SortStableFunc(r.Findings, func(x, y Finding) int {
		if c := cmp.Compare(rules.SeverityRank(x.Severity), rules.SeverityRank(y.Severity)); c != 0 {
			return c
		}
		return cmp.Compare(x.Location.Start, y.Location.Start)
	})

	items := make([]score.Item, len(r.Findings))
	for i, f := range r.Findings {
		items[i] = score.Item{ID: f.Rule, Category: f.Category, Severity: f.Severity, Confidence: f.Confidence}
	}
	res := score.Compute(items, a.categories(r.Document.Type, r.Role))
	for i := range r.Findings {
		r.Findings[i].Cost = res.Costs[i]
	}
	r.Score = &Score{Value: res.Value, Grade: res.Grade, Penalty: round2(res.Penalty),
		Categories: make(map[string]CategoryScore, len(res.Categories))}
	for c, s := range res.Categories {
		r.Score.Categories[c] = CategoryScore{Value: s.Value, Grade: s.Grade}
	}
	r.Summary = summarize(r.Findings)
	r.Market = a.compare(r)
	return r, nil
}

// compare sets the report against the market statistics, if any.
func (a *Analyzer) compare(r *Report) *market.Comparison {
	if a.market == nil {
		return nil
	}
	in := market.Input{Type: r.Document.Type, Role: r.Role, Terms: r.KeyTerms}
	for _, f := range r.Findings {
		fd := market.Found{Rule: f.Rule, Kind: f.Kind}
		if rule := a.rules.Lookup(f.Rule); rule != nil {
			fd.CUAD = rule.MapsTo.CUAD
		}
		in.Findings = append(in.Findings, fd)
	}
	return market.Compare(a.market, in)
}

// categories lists the packs with at least one rule for this type and role:
// those are the sub-scores the report shows.
func (a *Analyzer) categories(docType, role string) []string {
	var out []string
	for _, rule := range a.rules.Rules() {
		if rule.AppliesTo(docType, role) && !slices.Contains(out, rule.Pack) {
			out = append(out, rule.Pack)
		}
	}
	return out
}

func (a *Analyzer) finding(doc *document.Document, h rules.Hit, r *Report, opt Options, names parties) Finding {
	rule := h.Rule
	f := Finding{
		Rule:       rule.ID,
		Title:      rule.Title,
		Category:   rule.Pack,
		Kind:       rule.Kind,
		Severity:   rule.SeverityIn(r.Role, r.Document.LeaseUse),
		Confidence: round2(h.Confidence),
		Why:        strings.TrimSpace(rule.WhyIn(r.Document.LeaseUse)),
		Ask:        names.fill(strings.TrimSpace(rule.AskIn(r.Role, r.Document.LeaseUse))),
		Sources:    []string{"rule"},
		Evidence:   h.Evidence,
		Span:       h.Span,
		Match:      h.Match,
	}
	f.Location = Location{Start: doc.Runes(h.Span.Start), End: doc.Runes(h.Span.End), Page: doc.PageAt(h.Span.Start)}
	if h.Match.End > h.Match.Start {
		f.Location.MatchStart, f.Location.MatchEnd = doc.Runes(h.Match.Start), doc.Runes(h.Match.End)
	}
	if s := h.Section; s != nil {
		f.Location.Section, f.Location.Heading = s.Path, s.Heading
		if f.Location.Section == "" {
			f.Location.Section = s.Heading
		}
	}
	if rule.Kind == rules.Present {
		f.Quote = doc.Slice(h.Span)
		f.LeadIn = doc.Slice(h.Lead)
	}
	if s := rule.SuggestionIn(r.Role, r.Document.LeaseUse); s.Text != "" || s.Action == "delete" {
		f.Suggestion = &Suggestion{Action: s.Action, Text: names.fill(strings.TrimSpace(s.Text)), Fallback: names.fill(strings.TrimSpace(s.Fallback)),
			StrikeRepeats: s.StrikeRepeats}
	}
	if opt.Home != "" {
		atHome(&f, rule, &r.KeyTerms, opt.Home)
	}
	return f
}

// atHome reads finding f against the reviewer's home jurisdiction: the
// governing law and the courts the contract picks, compared with it, and
// what its own law says of the point (the rule's law_by_home).
func atHome(f *Finding, rule *rules.Rule, kt *terms.KeyTerms, home string) {
	switch {
	case f.Rule == "dispute.governing-law" && kt.GoverningLaw != nil && kt.GoverningLaw.Code != "":
		// Governing law is information, unless it is not the reviewer's own.
		if !sameJurisdiction(kt.GoverningLaw.Code, home) {
			f.Severity = "medium"
			f.Why += " The contract picks " + kt.GoverningLaw.Name + " law, which is not your home jurisdiction (" + home + ")."
		}
	case f.Rule == "dispute.jurisdiction" && kt.Venue != nil && kt.Venue.Place.Code != "":
		// Courts at home take most of the cost and the trouble away.
		if sameJurisdiction(kt.Venue.Place.Code, home) {
			if rules.SeverityRank(f.Severity) < rules.SeverityRank("low") {
				f.Severity = "low"
			}
			f.Why += " The courts it names, in " + kt.Venue.Place.Name + ", are in your home jurisdiction (" + home + ")."
		} else {
			f.Why += " The courts it names are in " + kt.Venue.Place.Name + ", not your home jurisdiction (" + home + ")."
		}
	}
	if law := rule.LawAt(home); law != "" {
		f.Why += " " + law
	}
}

// sameJurisdiction: "US-CA" matches home "US-CA" and home "US"; "GB" matches "GB".
func sameJurisdiction(code, home string) bool {
	code, home = strings.ToUpper(code), strings.ToUpper(home)
	return code == home || strings.HasPrefix(code, home+"-")
}

func summarize(fs []Finding) Summary {
	s := Summary{Findings: len(fs), BySev: map[string]int{}}
	for _, f := range fs {
		s.BySev[f.Severity]++
		if f.Kind == rules.Missing {
			s.Missing++
		}
	}
	return s
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// matchOptions are the role and names the rules read a review with; the
// models' findings are held to the same.
func matchOptions(r *Report, names parties) rules.MatchOptions {
	return rules.MatchOptions{DocType: r.Document.Type, Role: r.Role, LeaseUse: r.Document.LeaseUse,
		Own: []string{strings.TrimPrefix(names.contractor, "the ")}, Other: []string{strings.TrimPrefix(names.client, "the ")},
		Parties: partyAliases(r.KeyTerms)}
}
