package market

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/termscore/termscore/internal/terms"
)

// MinN is the smallest number of comparable documents of the document's
// own type worth comparing with; below it Compare uses all contracts, and
// says that fewer than MinN documents are a weak signal.
const MinN = 10

// minShare is the smallest number of documents a share ("12%") and a
// verdict ("common", "unusual") are given for; below it the text gives the
// count alone.
const minShare = 5

// Input is what Compare needs of one analysed document.
type Input struct {
	Type, Role string
	Terms      terms.KeyTerms
	Findings   []Found
}

// Found is one rule that produced a finding.
type Found struct {
	Rule string
	Kind string   // present or missing
	CUAD []string // the CUAD categories the rule maps to, if any
}

// Comparison is the "market" section of a report.
type Comparison struct {
	Corpus    string           `json:"corpus"`           // the statistics' name
	Documents int              `json:"corpus_documents"` // documents in the corpus
	BuiltAt   string           `json:"built_at"`
	Terms     []TermComparison `json:"terms,omitempty"`
	Findings  []RuleComparison `json:"findings,omitempty"`
}

// TermComparison sets one numeric key term against the corpus.
type TermComparison struct {
	Term  string  `json:"term"` // payment_net_days, notice_period_days, ...
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	// Group is the document type compared with, or "all" when the
	// document's own type has fewer than MinN values.
	Group  string  `json:"group"`
	N      int     `json:"n"`
	Median float64 `json:"median"`
	P25    float64 `json:"p25"`
	P75    float64 `json:"p75"`
	// Below, Equal and Above are the shares of the corpus values strictly
	// below, equal to and strictly above Value.
	Below float64 `json:"share_below"`
	Equal float64 `json:"share_equal"`
	Above float64 `json:"share_above"`
	// Better is "lower" or "higher" when one direction is better for the
	// reviewer's role; BetterShare is then the share of corpus values
	// strictly better for the reviewer than this document's.
	Better      string  `json:"better,omitempty"`
	BetterShare float64 `json:"share_better,omitempty"`
	Weak        bool    `json:"weak,omitempty"` // N < MinN
	Text        string  `json:"text"`
	Histogram   []Bin   `json:"histogram"`
}

// RuleComparison says how common the clause behind a finding is.
type RuleComparison struct {
	Rule  string `json:"rule"`
	Kind  string `json:"kind"`
	Group string `json:"group"`
	// Flagged of N documents of the group had the same finding.
	Flagged int `json:"flagged"`
	N       int `json:"n"`
	// Share is the share of the group that has the clause: flagged/n for
	// a present rule, (n-flagged)/n for a missing one (an upper bound:
	// a missing rule also stays silent where it is not needed).
	Share float64 `json:"share_with_clause"`
	// Expert is the same figure from CUAD's expert labels, when the rule
	// maps to a CUAD category and the corpus has labels.
	Expert *ExpertFreq `json:"expert,omitempty"`
	Weak   bool        `json:"weak,omitempty"`
	Text   string      `json:"text"`
}

// ExpertFreq is a CUAD category's frequency by expert label.
type ExpertFreq struct {
	Category string  `json:"category"`
	Group    string  `json:"group"`
	Flagged  int     `json:"flagged"`
	N        int     `json:"n"`
	Share    float64 `json:"share"`
}

// Term returns the comparison of the named term, or nil.
func (c *Comparison) Term(name string) *TermComparison {
	if c == nil {
		return nil
	}
	for i := range c.Terms {
		if c.Terms[i].Term == name {
			return &c.Terms[i]
		}
	}
	return nil
}

// Rule returns the comparison of a finding's rule, or nil.
func (c *Comparison) Rule(id string) *RuleComparison {
	if c == nil {
		return nil
	}
	for i := range c.Findings {
		if c.Findings[i].Rule == id {
			return &c.Findings[i]
		}
	}
	return nil
}

// Compare sets in's key terms and findings against st. It returns nil
// when st is nil or nothing can be compared.
func Compare(st *Stats, in Input) *Comparison {
	if st == nil || st.All == nil {
		return nil
	}
	c := &Comparison{Corpus: st.Provenance.Name, Documents: st.Provenance.Documents, BuiltAt: st.Provenance.BuiltAt}
	own := st.Types[in.Type]
	for _, t := range termDefs {
		v, ok := t.value(in.Terms)
		if !ok {
			continue
		}
		group, d := in.Type, (*Dist)(nil)
		if own != nil {
			d = own.Terms[t.Name]
		}
		if d == nil || d.N < MinN {
			if all := st.All.Terms[t.Name]; all != nil && (d == nil || all.N > d.N) {
				group, d = "all", all
			}
		}
		if d == nil || d.N == 0 {
			continue
		}
		c.Terms = append(c.Terms, compareTerm(&t, v, in.Role, group, d))
	}
	seen := map[string]bool{}
	for _, f := range in.Findings {
		if seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		if rc, ok := compareRule(st, own, in.Type, f); ok {
			c.Findings = append(c.Findings, rc)
		}
	}
	if len(c.Terms) == 0 && len(c.Findings) == 0 {
		return nil
	}
	return c
}

func compareTerm(t *term, v float64, role, group string, d *Dist) TermComparison {
	below, equal, above := d.counts(v)
	n := d.N
	tc := TermComparison{
		Term: t.Name, Label: t.Label, Value: v, Unit: t.Unit, Group: group, N: n,
		Median: d.Quantiles.P50, P25: d.Quantiles.P25, P75: d.Quantiles.P75,
		Below: share(below, n), Equal: share(equal, n), Above: share(above, n),
		Weak: n < MinN, Histogram: d.Histogram,
	}
	switch {
	case slices.Contains(t.lowerBetter, role):
		tc.Better, tc.BetterShare = "lower", tc.Below
	case slices.Contains(t.higherBetter, role):
		tc.Better, tc.BetterShare = "higher", tc.Above
	}
	of := groupLabel(group)
	stats := fmt.Sprintf("median %s, n=%d", t.format(d.Quantiles.P50), n)
	var s string
	// "slower than X%": X% of the corpus values are strictly below this
	// one. Shares are rounded down so that the claim is never overstated.
	switch {
	case 2*below > n:
		s = fmt.Sprintf("%s: %s than %d%% of %s in the corpus (%s)", t.format(v), t.Higher, floorPct(below, n), of, stats)
	case 2*above > n:
		s = fmt.Sprintf("%s: %s than %d%% of %s in the corpus (%s)", t.format(v), t.Lower, floorPct(above, n), of, stats)
	default:
		s = fmt.Sprintf("%s: typical of %s in the corpus (%s; %d%% are %s, %d%% %s, %d%% the same)",
			t.format(v), of, stats, floorPct(below, n), t.Lower, floorPct(above, n), t.Higher, floorPct(equal, n))
	}
	if tc.Weak {
		s += "; " + weak(n)
	}
	tc.Text = s
	return tc
}

func compareRule(st *Stats, own *Group, typ string, f Found) (RuleComparison, bool) {
	group, g := typ, own
	var fr Freq
	if g != nil {
		fr = g.Rules[f.Rule]
	}
	if fr.N < MinN {
		if all := st.All.Rules[f.Rule]; all.N > fr.N {
			group, fr = "all", all
		}
	}
	if fr.N == 0 {
		return RuleComparison{}, false
	}
	kind := f.Kind
	if kind == "" {
		kind = fr.Kind
	}
	have := fr.Flagged
	if kind == "missing" {
		have = fr.N - fr.Flagged
	}
	rc := RuleComparison{Rule: f.Rule, Kind: kind, Group: group, Flagged: fr.Flagged, N: fr.N,
		Share: share(have, fr.N), Weak: fr.N < MinN}
	of := groupLabel(group)
	p := pct(have, fr.N)
	counts := fmt.Sprintf("%d of %d", have, fr.N)
	flagged := fmt.Sprintf("%d of %d", fr.Flagged, fr.N)
	switch {
	// A handful of documents supports a count, not a share or a verdict.
	case fr.N < minShare && kind == "missing":
		rc.Text = fmt.Sprintf("missing from %s %s in the corpus", flagged, of)
	case fr.N < minShare:
		rc.Text = fmt.Sprintf("such a clause in %s %s in the corpus", counts, of)
	// A missing rule does not fire where its precondition is absent, so
	// not flagged means "has it or does not need it": say so.
	case kind == "missing" && fr.Flagged == 0:
		rc.Text = fmt.Sprintf("none of the %d %s in the corpus lacks it, so asking for it is normal", fr.N, of)
	case kind == "missing" && 2*fr.Flagged < fr.N:
		rc.Text = fmt.Sprintf("missing from only %s of %s in the corpus (%s): most have it or do not need it, so asking for it is normal", pct(fr.Flagged, fr.N), of, flagged)
	case kind == "missing" && have*10 < fr.N:
		rc.Text = fmt.Sprintf("missing from %s of %s in the corpus too (%s): a rare clause, where market practice is only starting to move", pct(fr.Flagged, fr.N), of, flagged)
	case kind == "missing":
		rc.Text = fmt.Sprintf("missing from %s of %s in the corpus too (%s)", pct(fr.Flagged, fr.N), of, flagged)
	case 2*have > fr.N:
		rc.Text = fmt.Sprintf("common: %s of %s in the corpus have such a clause (%s)", p, of, counts)
	case have == 0:
		rc.Text = fmt.Sprintf("unusual: none of the %d %s in the corpus has such a clause", fr.N, of)
	case have*10 < fr.N:
		rc.Text = fmt.Sprintf("unusual: only %s of %s in the corpus have such a clause (%s)", p, of, counts)
	default:
		rc.Text = fmt.Sprintf("%s of %s in the corpus have such a clause (%s)", p, of, counts)
	}
	if rc.Weak {
		rc.Text += "; " + weak(fr.N)
	}
	for _, cat := range f.CUAD {
		eg, egroup := own, typ
		var ef Freq
		if eg != nil && eg.Categories != nil {
			ef = eg.Categories[cat]
		}
		if ef.N < MinN && st.All.Categories != nil && st.All.Categories[cat].N > ef.N {
			ef, egroup = st.All.Categories[cat], "all"
		}
		if ef.N == 0 {
			continue
		}
		rc.Expert = &ExpertFreq{Category: cat, Group: egroup, Flagged: ef.Flagged, N: ef.N, Share: share(ef.Flagged, ef.N)}
		rc.Text += fmt.Sprintf(". CUAD's expert labels find such a clause (%q) in %s of %d labelled %s", cat, pct(ef.Flagged, ef.N), ef.N, groupLabel(egroup))
		break
	}
	return rc, true
}

func weak(n int) string {
	if n == 1 {
		return "only 1 comparable contract: a weak signal"
	}
	return fmt.Sprintf("only %d comparable contracts: a weak signal", n)
}

// groupLabel names the documents of a type in a sentence.
func groupLabel(t string) string {
	switch t {
	case "all", "":
		return "contracts"
	case "services":
		return "services agreements"
	case "freelance":
		return "freelance contracts"
	case "nda":
		return "NDAs"
	case "employment":
		return "employment contracts"
	case "lease":
		return "leases"
	case "terms-of-service":
		return "terms of service"
	case "license":
		return "licence agreements"
	case "other":
		return "other contracts"
	}
	return t + " contracts"
}

func share(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return math.Round(float64(k)/float64(n)*1000) / 1000
}

// floorPct is k/n in whole percent, rounded down.
func floorPct(k, n int) int { return k * 100 / n }

// pct is k/n as a rounded percentage, never rounded to 0% or 100% when it
// is not exactly that.
func pct(k, n int) string {
	p := int(math.Round(float64(k) * 100 / float64(n)))
	switch {
	case p == 0 && k > 0:
		return "under 1%"
	case p == 100 && k < n:
		return "over 99%"
	}
	return strconv.Itoa(p) + "%"
}

// num formats a number without trailing zeros.
// num prints v with at most two decimals: a deposit of 1.1538461538461537
// months' rent is "1.15 months' rent".
func num(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64), ".0")
}

func daysText(v float64) string {
	if v == 1 {
		return "1 day"
	}
	return num(math.Round(v*10)/10) + " days"
}

func monthsText(v float64) string {
	if v == 1 {
		return "1 month"
	}
	return num(math.Round(v*10)/10) + " months"
}
