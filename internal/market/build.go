package market

import (
	"cmp"
	"math"
	"slices"

	"github.com/termscore/termscore/internal/terms"
)

// Sample is what a build needs of one scanned document.
type Sample struct {
	Name string
	Type string // document type
	// Applicable lists the rules that ran on the document (they apply
	// to its type and role); Flagged those that produced a finding.
	Applicable []string
	Flagged    []string
	Kinds      map[string]string // rule id -> kind, for the rules above
	Terms      terms.KeyTerms
	// Categories are CUAD expert labels (category -> has at least one
	// labelled span); nil when the document has none.
	Categories map[string]bool
}

// term describes one numeric key term: how to read it from the key terms,
// the edges of its histogram, and the words for its two directions.
type term struct {
	Name  string
	Unit  string
	value func(terms.KeyTerms) (float64, bool)
	edges []float64
	// Higher/Lower describe a value above/below the corpus's: "slower"
	// and "faster" for payment days.
	Higher, Lower string
	// Label is the term in a sentence ("payment terms").
	Label string
	// format shows a value: "net 60", "90 days".
	format func(float64) string
	// lowerBetter lists the roles for which a lower value is better;
	// higherBetter those for which a higher one is.
	lowerBetter, higherBetter []string
}

// termDefs are the numeric terms measured, in report order.
var termDefs = []term{
	{Name: "payment_net_days", Unit: "days", Label: "payment terms", Higher: "slower", Lower: "faster",
		value: func(k terms.KeyTerms) (float64, bool) {
			if k.PaymentTerms == nil || k.PaymentTerms.NetDays <= 0 {
				return 0, false
			}
			return float64(k.PaymentTerms.NetDays), true
		},
		edges: []float64{0, 15, 30, 45, 60, 90, 120}, format: func(v float64) string { return "net " + num(v) },
		lowerBetter: []string{"contractor", "licensor", "landlord", "employee"}, higherBetter: []string{"client", "licensee", "tenant", "consumer", "employer"}},
	{Name: "notice_period_days", Unit: "days", Label: "notice period", Higher: "longer", Lower: "shorter",
		value: func(k terms.KeyTerms) (float64, bool) { return days(k.NoticePeriod) },
		edges: []float64{0, 15, 30, 60, 90, 180, 365}, format: daysText},
	{Name: "term_months", Unit: "months", Label: "initial term", Higher: "longer", Lower: "shorter",
		value: func(k terms.KeyTerms) (float64, bool) { return months(k.Term) },
		edges: []float64{0, 6, 12, 24, 36, 60, 120}, format: monthsText},
	{Name: "renewal_term_months", Unit: "months", Label: "renewal term", Higher: "longer", Lower: "shorter",
		value: func(k terms.KeyTerms) (float64, bool) {
			if k.RenewalTerm == nil {
				return 0, false
			}
			return months(&k.RenewalTerm.Duration)
		},
		edges: []float64{0, 1, 6, 12, 24, 36}, format: monthsText},
	{Name: "renewal_notice_days", Unit: "days", Label: "notice to stop a renewal", Higher: "longer", Lower: "shorter",
		value: func(k terms.KeyTerms) (float64, bool) { return days(k.NoticePeriodToTerminateRenewal) },
		edges: []float64{0, 15, 30, 60, 90, 180}, format: daysText,
		lowerBetter: []string{"client", "licensee", "tenant", "consumer", "contractor", "employee"}},
	{Name: "liability_cap_fees_multiple", Unit: "× fees", Label: "liability cap", Higher: "higher", Lower: "lower",
		value: func(k terms.KeyTerms) (float64, bool) {
			if k.LiabilityCap == nil || k.LiabilityCap.FeesMultiple <= 0 {
				return 0, false
			}
			return k.LiabilityCap.FeesMultiple, true
		},
		edges: []float64{0, 1, 1.5, 2, 3, 5}, format: func(v float64) string { return num(v) + "× fees" },
		higherBetter: []string{"client", "licensee", "consumer"}},
	{Name: "liability_cap_fees_months", Unit: "months of fees", Label: "liability cap look-back", Higher: "longer", Lower: "shorter",
		value: func(k terms.KeyTerms) (float64, bool) {
			if k.LiabilityCap == nil || k.LiabilityCap.FeesMonths <= 0 {
				return 0, false
			}
			return k.LiabilityCap.FeesMonths, true
		},
		edges: []float64{0, 3, 6, 12, 24}, format: func(v float64) string { return num(v) + " months of fees" },
		higherBetter: []string{"client", "licensee", "consumer"}},
	{Name: "non_compete_months", Unit: "months", Label: "non-compete", Higher: "longer", Lower: "shorter",
		value: func(k terms.KeyTerms) (float64, bool) {
			if k.NonCompete == nil || k.NonCompete.Months <= 0 {
				return 0, false
			}
			return k.NonCompete.Months, true
		},
		edges: []float64{0, 6, 12, 24, 36, 60}, format: monthsText,
		lowerBetter: []string{"contractor", "employee", "licensee", "client"}},
	{Name: "late_fee_percent_per_year", Unit: "% a year", Label: "late-payment interest", Higher: "higher", Lower: "lower",
		value: func(k terms.KeyTerms) (float64, bool) {
			if k.LateFee == nil || k.LateFee.RatePercent <= 0 {
				return 0, false
			}
			r := k.LateFee.RatePercent
			switch k.LateFee.Per {
			case "month":
				r *= 12
			case "day":
				r *= 365
			case "year", "":
			default:
				return 0, false
			}
			return math.Round(r*100) / 100, true
		},
		edges: []float64{0, 5, 10, 12, 18, 24, 36}, format: func(v float64) string { return num(v) + "% a year" },
		lowerBetter: []string{"client", "licensee", "tenant", "consumer", "employer"}, higherBetter: []string{"contractor", "licensor", "landlord"}},
	{Name: "deposit_months", Unit: "months of rent", Label: "deposit", Higher: "larger", Lower: "smaller",
		value: func(k terms.KeyTerms) (float64, bool) {
			if k.Deposit == nil || k.Deposit.MonthsOfRent <= 0 {
				return 0, false
			}
			return k.Deposit.MonthsOfRent, true
		},
		edges: []float64{0, 1, 1.5, 2, 3}, format: func(v float64) string { return num(v) + " months' rent" },
		lowerBetter: []string{"tenant"}, higherBetter: []string{"landlord"}},
}

// TermNames lists the numeric terms measured, in report order.
func TermNames() []string {
	out := make([]string, len(termDefs))
	for i, t := range termDefs {
		out[i] = t.Name
	}
	return out
}

func days(d *terms.Duration) (float64, bool) {
	if d == nil || d.Days <= 0 {
		return 0, false
	}
	return d.Days, true
}

func months(d *terms.Duration) (float64, bool) {
	if d == nil || d.Days <= 0 {
		return 0, false
	}
	if d.Months > 0 {
		return d.Months, true
	}
	// Days and weeks, in months of 30 days, to one decimal.
	return math.Round(d.Days/30*10) / 10, true
}

// Build computes the statistics of samples. prov is copied into the result
// with its document count filled in.
func Build(samples []Sample, prov Provenance) *Stats {
	st := &Stats{
		Schema:     Schema,
		Provenance: prov,
		Sources: map[string]string{
			"rules":           "termscore's own rule findings on each document (flagged: documents with at least one finding of the rule; n: documents of the group the rule applies to)",
			"cuad_categories": "expert labels of the CUAD v1 dataset (documents.jsonl): a category counts when at least one span is labelled; only documents with labels count in n",
			"terms":           "termscore's key-term extraction on each document; only documents where the term was found count in n",
		},
		Types: map[string]*Group{},
	}
	st.Provenance.Documents = len(samples)
	st.All = buildGroup(samples)
	byType := map[string][]Sample{}
	for _, s := range samples {
		byType[s.Type] = append(byType[s.Type], s)
	}
	for t, ss := range byType {
		st.Types[t] = buildGroup(ss)
	}
	return st
}

func buildGroup(samples []Sample) *Group {
	g := &Group{Documents: len(samples), Rules: map[string]Freq{}, Terms: map[string]*Dist{}}
	for _, s := range samples {
		for _, id := range uniq(s.Applicable) {
			f := g.Rules[id]
			f.N++
			f.Kind = s.Kinds[id]
			g.Rules[id] = f
		}
		for _, id := range uniq(s.Flagged) {
			f := g.Rules[id]
			f.Flagged++
			f.Kind = s.Kinds[id]
			g.Rules[id] = f
		}
		if s.Categories != nil {
			if g.Categories == nil {
				g.Categories = map[string]Freq{}
			}
			for c, has := range s.Categories {
				f := g.Categories[c]
				f.N++
				if has {
					f.Flagged++
				}
				g.Categories[c] = f
			}
		}
	}
	for _, t := range termDefs {
		var vs []float64
		for _, s := range samples {
			if v, ok := t.value(s.Terms); ok {
				vs = append(vs, v)
			}
		}
		if len(vs) > 0 {
			g.Terms[t.Name] = newDist(vs, t.Unit, t.edges)
		}
	}
	return g
}

func uniq(ids []string) []string {
	s := slices.Clone(ids)
	slices.Sort(s)
	return slices.Compact(s)
}

func newDist(vs []float64, unit string, edges []float64) *Dist {
	s := slices.Clone(vs)
	slices.Sort(s)
	d := &Dist{Unit: unit, N: len(s), Quantiles: Quantiles{
		P10: quantile(s, .10), P25: quantile(s, .25), P50: quantile(s, .50), P75: quantile(s, .75), P90: quantile(s, .90),
	}}
	for i, v := range s {
		if i > 0 && s[i-1] == v {
			d.Values[len(d.Values)-1].N++
			continue
		}
		d.Values = append(d.Values, Count{Value: v, N: 1})
	}
	for i, from := range edges {
		b := Bin{From: from}
		if i+1 < len(edges) {
			to := edges[i+1]
			b.To = &to
		}
		for _, v := range s {
			if v >= from && (b.To == nil || v < *b.To) {
				b.Count++
			}
		}
		d.Histogram = append(d.Histogram, b)
	}
	return d
}

// quantile of sorted s by linear interpolation: position p*(n-1).
func quantile(s []float64, p float64) float64 {
	if len(s) == 0 {
		return 0
	}
	pos := p * float64(len(s)-1)
	i := int(pos)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	q := s[i] + (pos-float64(i))*(s[i+1]-s[i])
	return math.Round(q*100) / 100
}

// counts returns how many values of d are strictly below v, equal to v,
// and strictly above v.
func (d *Dist) counts(v float64) (below, equal, above int) {
	for _, c := range d.Values {
		switch cmp.Compare(c.Value, v) {
		case -1:
			below += c.N
		case 0:
			equal += c.N
		default:
			above += c.N
		}
	}
	return
}
