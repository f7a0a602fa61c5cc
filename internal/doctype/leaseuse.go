package doctype

import (
	"fmt"

	"github.com/termscore/termscore/internal/document"
)

// The uses of the premises a lease lets. A home and a shop are let on
// different law: a residential tenant has statutory deposit, repair and
// entry rights a business tenant mostly lacks, and a business tenant
// faces service charges, relocation, reinstatement and guarantees a home
// tenant rarely sees. The rule packs hold some lease rules to one use.
const (
	Residential = "residential"
	Commercial  = "commercial"
)

// ValidLeaseUse reports whether u is a lease use.
func ValidLeaseUse(u string) bool { return u == Residential || u == Commercial }

// useCue is a phrase of one lease use and its weight. Phrases match at
// the start of a word, as everywhere in this package ("rentable square
// feet"), and count with diminishing returns.
type useCue struct {
	phrase string
	weight float64
}

// commercialCues are words of leases of shops, offices and industrial
// units: the permitted business use, shared running costs, net rents and
// floor areas, fit-out and reinstatement, and the English business
// tenancy statute. None is usual in a lease of a home; "business" alone
// is ("business days", "no business shall be conducted in the unit").
var commercialCues = []useCue{
	{"commercial lease", 3}, {"commercial tenancy", 3}, {"commercial premises", 3}, {"commercial property", 2},
	{"business premises", 3}, {"business tenancy", 3}, {"business lease", 3}, {"business rates", 2},
	{"landlord and tenant act 1954", 4}, {"permitted use", 2}, {"use class", 1.5}, {"retail", 1},
	{"office premises", 2}, {"office space", 1.5}, {"office lease", 3}, {"retail lease", 3}, {"retail premises", 2},
	{"shopping cent", 2}, {"industrial unit", 2}, {"warehouse", 1}, {"trade fixtures", 2},
	{"common area maintenance", 2}, {"cam charges", 2}, {"triple net", 3}, {"nnn lease", 3}, {"net lease", 2},
	{"gross lease", 2}, {"service charge", 1.5}, {"rentable square", 3}, {"rentable area", 2}, {"usable square", 2},
	{"operating expenses", 1}, {"percentage rent", 2}, {"gross sales", 1.5}, {"tenant improvements", 1.5},
	{"tenant's business", 1.5}, {"tenant’s business", 1.5}, {"conduct of its business", 1.5}, {"signage", 1},
	{"fit-out", 1.5}, {"fit out", 1.5}, {"fitting out", 1.5}, {"dilapidations", 1.5}, {"reinstate", 1},
	{"estoppel certificate", 1}, {"exclusive use", 1}, {"radius restriction", 2}, {"relocat", 0.5},
}

// residentialCues are words of leases of homes: who lives there, the
// dwelling and its rooms, the statutes and duties of residential
// tenancies.
var residentialCues = []useCue{
	{"assured shorthold", 4}, {"residential tenancy", 3}, {"residential lease", 3}, {"dwelling", 2},
	{"residence", 1.5}, {"occupants", 1.5}, {"household", 1.5}, {"habitable", 1.5}, {"bedroom", 1.5},
	{"apartment", 1}, {"roommate", 1.5}, {"lead-based paint", 2}, {"tenancy deposit", 2}, {"deposit protection", 2},
	{"smoke alarm", 1}, {"smoke detector", 1}, {"pets", 1}, {"family", 0.5}, {"home", 0.5}, {"guests", 0.5},
	{"furnished", 0.5}, {"live in", 0.5}, {"living", 0.5},
}

// commercialTitles and residentialTitles name the use in a lease's title.
var (
	commercialTitles = []string{"commercial lease", "commercial tenancy", "commercial rental", "commercial property lease",
		"office lease", "retail lease", "shop lease", "industrial lease", "warehouse lease", "business lease",
		"lease of business premises", "lease of commercial premises", "business premises", "office space lease"}
	residentialTitles = []string{"residential", "assured shorthold", "apartment", "room rental", "house rental",
		"home rental", "dwelling"}
)

// useKeys holds the phrases of both lists, counted apart from the other
// cues: only a lease needs them.
var useKeys = func() *keySet {
	var all []string
	for _, u := range append(commercialCues, residentialCues...) {
		all = append(all, u.phrase)
	}
	return newKeySet(all)
}()

// LeaseUse returns what the premises of doc would be let for if it is a
// lease, Commercial or Residential: Detect's Result.LeaseUse, for a
// document whose type was given as lease rather than detected.
func LeaseUse(doc *document.Document) string {
	low := toLower(doc.Text)
	use, _ := leaseUse(low, headText(doc, low))
	return use
}

// leaseUse decides what the premises of a lease are for: Commercial only
// when the text says so clearly, Residential otherwise, since a home
// tenant's explanations are TermScore's default and the safer mistake.
// low is the lower-cased text, head its title area. The second result
// says why, for the evidence.
//
// A title naming a commercial lease decides unless the body reads more
// like a home; without one, commercial words must add up to 5 and to
// twice the residential ones. A title naming a residential lease decides
// for residential.
func leaseUse(low, head string) (string, string) {
	cnt := newCounterOf(low, useKeys)
	var c, r float64
	for _, u := range commercialCues {
		c += u.weight * saturate(float64(cnt.count(u.phrase)))
	}
	for _, u := range residentialCues {
		r += u.weight * saturate(float64(cnt.count(u.phrase)))
	}
	titledC, titledR := "", ""
	for _, t := range commercialTitles {
		if indexWord(head, t) >= 0 {
			titledC = t
			break
		}
	}
	for _, t := range residentialTitles {
		if indexWord(head, t) >= 0 {
			titledR = t
			break
		}
	}
	why := fmt.Sprintf("commercial words %.1f, residential words %.1f", c, r)
	switch {
	case titledR != "":
		return Residential, fmt.Sprintf("residential: title %q", titledR)
	case titledC != "" && c >= r:
		return Commercial, fmt.Sprintf("commercial: title %q, %s", titledC, why)
	case c >= 5 && c >= 2*r:
		return Commercial, "commercial: " + why
	}
	return Residential, "residential: " + why
}
