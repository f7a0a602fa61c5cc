package presence

import (
	"regexp"

	"github.com/termscore/termscore/internal/document"
)

// curated are hand-written key phrases of the clause categories the
// document stage finds hardest, from CUAD's category descriptions and
// common drafting, not mined from the contracts: a phrase is evidence, not
// the label (most contracts that say "third party beneficiary" deny there
// is one, and CUAD labels some of those too), so the stage weighs how many
// sentences have one beside its other features.
var curated = map[string][]string{
	"Most Favored Nation": {
		`most[- ]favou?red`,
		`(no less|at least as|more) favou?rable (terms|prices?|rates?|than|to)`,
		`(lowest|best) (net )?(prices?|rates?|terms)`,
		`favou?rable than th`,
	},
	"Non-Disparagement": {
		`disparag`,
		`defam`,
		`speak ill`,
		`negative (statements?|comments?|remarks?)`,
	},
	"Third Party Beneficiary": {
		`third[- ]party beneficiar`,
		`intended beneficiar`,
		`beneficiar(y|ies) of (this|the)`,
		`(confer|give|create)\w* (upon |on |to )?any (person|party|third)`,
		`other than the parties`,
	},
	"Price Restrictions": {
		`price protection`,
		`consumer price index|\bcpi\b`,
		`(increase|raise)\w* .{0,60}(shall|will|may) not exceed`,
		`(prices?|fees?|rates?) (shall|will) (remain|be) (fixed|firm)`,
		`not (to )?(increase|raise) (the|its|any) (prices?|fees?|rates?)`,
		`(price|fee|rate) increases?`,
	},
	"Volume Restriction": {
		`in excess of`,
		`overage`,
		`exceed\w* .{0,40}(number|volume|units|users|quantity|minutes|transactions|capacity)`,
		`additional (fees?|charges?)`,
		`maximum (number|quantity|volume)`,
	},
	"No-Solicit of Customers": {
		`solicit\w*.{0,80}(customers?|clients?|accounts?|suppliers?|distributors?)`,
		`(customers?|clients?).{0,40}solicit`,
		`divert\w*`,
		`(induce|entice)\w*.{0,60}(customers?|clients?)`,
	},
	"Competitive Restriction Exception": {
		`notwithstanding (the foregoing|anything)`,
		`(shall not|will not|does not) (be deemed to |be construed to )?(prevent|restrict|prohibit|limit)`,
		`nothing (in this|herein).{0,60}(prevent|restrict|prohibit|limit)`,
		`(shall|will) not (apply|be applicable) to`,
	},
	"Affiliate License-Licensor": {
		`on behalf of (itself and )?its affiliates`,
		`(owned|controlled) by .{0,40}(or|and) (any of )?its affiliates`,
		`affiliates.{0,40}(hereby )?grants?`,
	},
	"Affiliate License-Licensee": {
		`(licensee|distributor|customer) and (its|their) affiliates`,
		`(to|for) .{0,30}and (its|their) (affiliates|subsidiaries)`,
		`sublicens\w* .{0,40}affiliates`,
	},
	"Unlimited/All-You-Can-Eat-License": {
		`unlimited`,
		`all[- ]you[- ]can[- ]eat`,
		`enterprise[- ](wide|licen)`,
		`(any|an unlimited) number of (copies|users|units|seats)`,
		`site licen`,
	},
	"Source Code Escrow": {
		`source code.{0,200}escrow|escrow.{0,200}source code`,
		`escrow agent`,
		`escrow agreement`,
		`release condition`,
		`deposit materials`,
	},
}

// phraseSet is the compiled curated phrases: one expression per category.
type phraseSet map[string]*regexp.Regexp

func compilePhrases() phraseSet {
	out := phraseSet{}
	for cat, ps := range curated {
		expr := "(?i)"
		for k, p := range ps {
			if k > 0 {
				expr += "|"
			}
			expr += "(?:" + p + ")"
		}
		out[cat] = regexp.MustCompile(expr)
	}
	return out
}

// count returns, by category, how many of a document's sentences have a
// curated phrase. A phrase is matched within one sentence: "source code"
// in one and "escrow" in the next are not a source code escrow.
func (ps phraseSet) count(doc *document.Document) map[string]int {
	sents := doc.Sentences
	if len(sents) == 0 {
		sents = []document.Span{{Start: 0, End: len(doc.Text)}}
	}
	out := map[string]int{}
	for _, s := range sents {
		text := doc.Text[s.Start:s.End]
		for cat, re := range ps {
			if re.MatchString(text) {
				out[cat]++
			}
		}
	}
	return out
}
