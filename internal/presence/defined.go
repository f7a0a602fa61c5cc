package presence

import (
	"regexp"

	"github.com/termscore/termscore/internal/document"
)

// defined are hand-written words of defined terms that a category's clause
// needs a name for ("Change of Control" means …, the "Warranty Period",
// "Net Sales" to share, a "Sell-Off Period"): a contract that defines one
// mostly uses it in such a clause, even where the rules pass over the
// definition itself (Options.Defined).
var defined = map[string]string{
	"Change of Control":         `change (of|in) control|acquir(er|or)`,
	"Warranty Duration":         `warranty period`,
	"Minimum Commitment":        `minimum`,
	"Revenue/Profit Sharing":    `net (sales|revenues?|profits?|receipts|income)|gross (revenues?|receipts|sales|profits?)|revenue shar|profit shar|royalt`,
	"Post-Termination Services": `transition|sell[- ]?off|wind[- ]?down|run[- ]?off|tail period`,
	"Exclusivity":               `exclusiv`,
	"Liquidated Damages":        `liquidated|termination (fee|payment)|break(up)? fee`,
	"Rofr/Rofo/Rofn":            `first refusal|first offer|first negotiation|\brof[ron]\b`,
	"Most Favored Nation":       `most favou?red`,
	"Source Code Escrow":        `escrow|source code|deposit materials`,
	"Non-Compete":               `non-?compet|competi|restricted (period|territory|business)`,
	"Renewal Term":              `renewal (term|period)`,
	"Joint IP Ownership":        `joint(ly)? (ip|intellectual|invent|technology|develop|owned)`,
	"Cap on Liability":          `liability cap|\bcap\b`,
}

// definedSet is the compiled defined-term words by category.
type definedSet map[string]*regexp.Regexp

func compileDefined() definedSet { return compileByCategory(defined) }

// count returns, by category, how many of a document's defined terms name
// it.
func (ds definedSet) count(doc *document.Document) map[string]int {
	out := map[string]int{}
	for _, d := range doc.Definitions {
		for cat, re := range ds {
			if re.MatchString(d.Term) {
				out[cat]++
			}
		}
	}
	return out
}
