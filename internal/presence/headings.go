package presence

import (
	"regexp"

	"github.com/termscore/termscore/internal/document"
)

// headed are hand-written words of clause headings that name a category,
// from CUAD's category descriptions and the headings contracts commonly
// use, not mined from the labelled spans: a heading is what a drafter calls
// the clause, and "Liquidated Damages" or "Right of First Refusal" over a
// clause says more than any of its sentences. Headings are short, so the
// words can be looser than the curated sentence phrases.
var headed = map[string]string{
	"Renewal Term":                       `renew`,
	"Notice Period to Terminate Renewal": `renew`,
	"Governing Law":                      `governing law|applicable law|choice of law|law and (jurisdiction|venue)`,
	"Most Favored Nation":                `most[- ]favou?red|favou?rable (terms|pric)|price protection`,
	"Non-Compete":                        `non[- ]?compet|competition|competitive (activit|business|products)|restrictive covenant`,
	"Exclusivity":                        `exclusiv`,
	"No-Solicit of Customers":            `non[- ]?solicit|solicitation|customers`,
	"Competitive Restriction Exception":  `exception|exclusion|permitted`,
	"No-Solicit of Employees":            `non[- ]?solicit|solicitation|no[- ]hire|hiring|employees`,
	"Non-Disparagement":                  `disparag`,
	"Termination for Convenience":        `convenience|without cause`,
	"Rofr/Rofo/Rofn":                     `first refusal|first offer|first negotiation|right of first|first option`,
	"Change of Control":                  `change (of|in) control|merger|acquisition`,
	"Anti-Assignment":                    `assign`,
	"Revenue/Profit Sharing":             `revenue|profit|royalt|commission|split`,
	"Price Restrictions":                 `price (protection|increase|adjust|change)|pricing`,
	"Minimum Commitment":                 `minimum|commitment|forecast|requirements`,
	"Volume Restriction":                 `excess|overage|usage|capacity|volume`,
	"IP Ownership Assignment":            `ownership|intellectual property|work (made )?for hire|inventions`,
	"Joint IP Ownership":                 `joint(ly)? (owner|own|invent|develop|intellectual|ip)`,
	"License Grant":                      `licen[cs]e|grant of rights`,
	"Non-Transferable License":           `licen[cs]e|transfer`,
	"Affiliate License-Licensor":         `affiliate`,
	"Affiliate License-Licensee":         `affiliate|sublicens`,
	"Unlimited/All-You-Can-Eat-License":  `unlimited|enterprise|site licen`,
	"Irrevocable or Perpetual License":   `perpetual|irrevocable`,
	"Source Code Escrow":                 `escrow|source code`,
	"Post-Termination Services":          `(effect|consequence)s? of (termination|expiration)|(up)?on (termination|expiration)|after (termination|expiration)|post[- ]termination|transition|wind[- ]?down|sell[- ]?off`,
	"Audit Rights":                       `audit|inspection|books|records`,
	"Uncapped Liability":                 `limitation (of|on) liability|exclusion|indemnif`,
	"Cap on Liability":                   `limitation (of|on) liability|liability`,
	"Liquidated Damages":                 `liquidated|termination (fee|payment|charge)|break(up)? fee|penalt`,
	"Warranty Duration":                  `warrant`,
	"Insurance":                          `insurance`,
	"Covenant Not to Sue":                `not to sue|no challenge|validity|contest`,
	"Third Party Beneficiary":            `third[- ]party beneficiar|beneficiar`,
}

// headingSet is the compiled heading words by category.
type headingSet map[string]*regexp.Regexp

func compileHeadings() headingSet { return compileByCategory(headed) }

// compileByCategory compiles a case-insensitive expression per category.
func compileByCategory(exprs map[string]string) map[string]*regexp.Regexp {
	out := make(map[string]*regexp.Regexp, len(exprs))
	for cat, expr := range exprs {
		out[cat] = regexp.MustCompile(`(?i)` + expr)
	}
	return out
}

// headings returns the headings of a document's clauses (the segmenter
// gives a run-in heading, "1.1 Provision of Services. Supplier …", as the
// clause's heading too).
func headings(doc *document.Document) []string {
	var out []string
	var walk func(cs []*document.Clause)
	walk = func(cs []*document.Clause) {
		for _, c := range cs {
			if c.Heading != "" {
				out = append(out, c.Heading)
			}
			walk(c.Children)
		}
	}
	walk(doc.Clauses)
	return out
}

// count returns, by category, how many of a document's clause headings
// name it.
func (hs headingSet) count(doc *document.Document) map[string]int {
	out := map[string]int{}
	for _, h := range headings(doc) {
		for cat, re := range hs {
			if re.MatchString(h) {
				out[cat]++
			}
		}
	}
	return out
}
