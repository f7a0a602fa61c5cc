package market

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/termscore/termscore/internal/terms"
)

// fixture is the corpus of testdata/corpus: eight small CUAD contracts,
// with the values a reader finds in each by hand (the sentence is quoted
// beside each value) and a hand-picked set of rule findings. Types are
// the ones termscore detects for them.
func fixture(t *testing.T) []Sample {
	t.Helper()
	labels, err := LoadCUADLabels("testdata/documents.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	days := func(n float64) *terms.Duration { return &terms.Duration{Count: n, Unit: "day", Days: n} }
	all := []string{"dispute.governing-law", "pay.late-fee-missing", "restrict.non-compete"}
	kinds := map[string]string{"dispute.governing-law": "present", "pay.late-fee-missing": "missing", "restrict.non-compete": "present"}
	s := []Sample{
		{Name: "GALACTICOMMTECHNOLOGIESINC_11_07_1997-EX-10.46-WEB HOSTING AGREEMENT.txt", Type: "services",
			Flagged: []string{"pay.late-fee-missing"}},
		{Name: "KUBIENT,INC_07_02_2020-EX-10.14-MASTER SERVICES AGREEMENT_Part2.txt", Type: "services",
			// "payment shall be made to the appropriate Party net 30 days"
			Terms: terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{NetDays: 30}}},
		{Name: "NETZEEINC_11_14_2002-EX-10.3-MAINTENANCE AGREEMENT.txt", Type: "services",
			// "renew maintenance for subsequent periods of one (1) year each"
			Terms: terms.KeyTerms{RenewalTerm: &terms.Renewal{Duration: terms.Duration{Count: 1, Unit: "year", Days: 365, Months: 12}}}},
		{Name: "SCOUTCAMINC_05_12_2020-EX-10.22-SERVICES AGREEMENT.txt", Type: "services",
			Flagged: []string{"dispute.governing-law", "restrict.non-compete", "restrict.non-compete"},
			// "terminate this agreement on five days prior written notice";
			// "for a period of two (2) years after expiration"
			Terms: terms.KeyTerms{NoticePeriod: days(5), NonCompete: &terms.NonCompete{Months: 24}}},
		{Name: "SIBANNAC,INC_12_04_2017-EX-2.1-Strategic Alliance Agreement.txt", Type: "other",
			Flagged: []string{"dispute.governing-law"},
			// "payable NET 30 days"; "ninety (90) days written notice"
			Terms: terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{NetDays: 30}, NoticePeriod: days(90)}},
		{Name: "SOLUTIONSVENDINGINTERNATIONAL,INC_03_31_2020-EX1A-1 UNDR AGMT-SERVICES AGREEMENT.txt", Type: "services",
			// "a finance charge of 1.5% per month"
			Terms: terms.KeyTerms{LateFee: &terms.LateFee{RatePercent: 1.5, Per: "month"}}},
		{Name: "TICKETSCOMINC_06_22_1999-EX-10.22-SPONSORSHIP AGREEMENT.txt", Type: "other",
			Flagged: []string{"dispute.governing-law"},
			// "upon thirty (30) days' notice"; "one and one-half percent (1.5%) per month"
			Terms: terms.KeyTerms{NoticePeriod: days(30), LateFee: &terms.LateFee{RatePercent: 1.5, Per: "month"}}},
		{Name: "WatchitMediaInc_20061201_8-K_EX-10.1_4148672_EX-10.1_Content License Agreement.txt", Type: "license",
			Flagged: []string{"pay.late-fee-missing"}},
	}
	for i := range s {
		s[i].Applicable, s[i].Kinds = all, kinds
		s[i].Categories = labels[s[i].Name]
		if s[i].Categories == nil {
			t.Fatalf("no CUAD labels for %s", s[i].Name)
		}
	}
	return s
}

func to(v float64) *float64 { return &v }

func TestBuildHandCounts(t *testing.T) {
	st := Build(fixture(t), Provenance{Name: "fixture"})
	if st.Provenance.Documents != 8 || st.All.Documents != 8 {
		t.Fatalf("documents = %d/%d, want 8", st.Provenance.Documents, st.All.Documents)
	}
	docs := map[string]int{}
	for typ, g := range st.Types {
		docs[typ] = g.Documents
	}
	if d := cmp.Diff(map[string]int{"services": 5, "other": 2, "license": 1}, docs); d != "" {
		t.Errorf("documents per type (-want +got):\n%s", d)
	}

	// Notice periods 5, 30 and 90 days: positions p*(n-1) = p*2.
	notice := st.All.Terms["notice_period_days"]
	want := &Dist{Unit: "days", N: 3,
		Quantiles: Quantiles{P10: 10, P25: 17.5, P50: 30, P75: 60, P90: 78},
		Histogram: []Bin{{From: 0, To: to(15), Count: 1}, {From: 15, To: to(30)}, {From: 30, To: to(60), Count: 1},
			{From: 60, To: to(90)}, {From: 90, To: to(180), Count: 1}, {From: 180, To: to(365)}, {From: 365}},
		Values: []Count{{5, 1}, {30, 1}, {90, 1}}}
	if d := cmp.Diff(want, notice); d != "" {
		t.Errorf("notice_period_days (-want +got):\n%s", d)
	}
	// Two net-30 contracts, one of each type "services" and "other".
	if d := st.All.Terms["payment_net_days"]; d.N != 2 || d.Quantiles.P50 != 30 || len(d.Values) != 1 || d.Values[0] != (Count{30, 2}) {
		t.Errorf("payment_net_days = %+v", d)
	}
	// 1.5% a month is 18% a year.
	if d := st.All.Terms["late_fee_percent_per_year"]; d.N != 2 || d.Quantiles.P10 != 18 || d.Quantiles.P90 != 18 {
		t.Errorf("late_fee_percent_per_year = %+v", d)
	}
	if d := st.Types["services"].Terms["renewal_term_months"]; d == nil || d.N != 1 || d.Quantiles.P50 != 12 {
		t.Errorf("services renewal_term_months = %+v", d)
	}
	if _, ok := st.Types["license"].Terms["notice_period_days"]; ok {
		t.Error("license has a notice period distribution, but its only contract has none")
	}

	// Rules: a rule flagged twice in one document counts once.
	wantRules := map[string]Freq{
		"dispute.governing-law": {Kind: "present", Flagged: 3, N: 8},
		"pay.late-fee-missing":  {Kind: "missing", Flagged: 2, N: 8},
		"restrict.non-compete":  {Kind: "present", Flagged: 1, N: 8},
	}
	if d := cmp.Diff(wantRules, st.All.Rules); d != "" {
		t.Errorf("rules (-want +got):\n%s", d)
	}
	if f := st.Types["other"].Rules["dispute.governing-law"]; f != (Freq{Kind: "present", Flagged: 2, N: 2}) {
		t.Errorf("other governing-law = %+v", f)
	}

	// CUAD expert labels: governing law in SCOUTCAM, SIBANNAC and
	// TICKETSCOM; a cap only in TICKETSCOM; a non-compete only in SCOUTCAM.
	for cat, want := range map[string]Freq{"Governing Law": {Flagged: 3, N: 8}, "Cap on Liability": {Flagged: 1, N: 8}, "Non-Compete": {Flagged: 1, N: 8}} {
		if got := st.All.Categories[cat]; got != want {
			t.Errorf("category %s = %+v, want %+v", cat, got, want)
		}
	}
	if got := st.Types["other"].Categories["Governing Law"]; got != (Freq{Flagged: 2, N: 2}) {
		t.Errorf("other Governing Law = %+v", got)
	}
	if n := len(st.All.Categories); n != 41 {
		t.Errorf("%d CUAD categories, want 41", n)
	}
}

func TestBuildIsOrderIndependent(t *testing.T) {
	s := fixture(t)
	a, err := Build(s, Provenance{}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	b, _ := Build(s, Provenance{}).Marshal()
	if string(a) != string(b) {
		t.Error("statistics depend on the order of the samples")
	}
}

func TestQuantile(t *testing.T) {
	for _, tc := range []struct {
		s    []float64
		p    float64
		want float64
	}{
		{[]float64{7}, .5, 7},
		{[]float64{7}, .1, 7},
		{[]float64{10, 20}, .5, 15},
		{[]float64{10, 20}, .25, 12.5},
		{[]float64{10, 20}, .9, 19},
		{[]float64{1, 2, 3, 4, 5}, .5, 3},
		{[]float64{1, 2, 3, 4, 5}, .1, 1.4},
		{[]float64{30, 30, 30, 60}, .75, 37.5},
		{[]float64{30, 30, 30, 60}, .9, 51},
	} {
		if got := quantile(tc.s, tc.p); got != tc.want {
			t.Errorf("quantile(%v, %v) = %v, want %v", tc.s, tc.p, got, tc.want)
		}
	}
}

// netStats is a corpus of payment terms: services agreements with the
// given net days, and nothing else.
func netStats(services []int, others ...int) *Stats {
	var s []Sample
	add := func(typ string, days []int) {
		for _, d := range days {
			s = append(s, Sample{Type: typ, Terms: terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{NetDays: d}}})
		}
	}
	add("services", services)
	add("other", others)
	return Build(s, Provenance{Name: "test"})
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func TestCompareTermWording(t *testing.T) {
	// 8 at net 30, 1 at 45, 1 at 60, 1 at 90: net 60 is slower than the
	// 9 of 11 strictly below it (81%).
	base := append(append(repeat(30, 8), 45, 60), 90)
	for _, tc := range []struct {
		name  string
		st    *Stats
		typ   string
		role  string
		net   int
		want  string
		group string
		share float64 // share_better: corpus values strictly better for the role
	}{
		{"slower", netStats(base), "services", "contractor", 60,
			"net 60: slower than 81% of services agreements in the corpus (median net 30, n=11)", "services", .818},
		{"faster", netStats(base), "services", "client", 15,
			"net 15: faster than 100% of services agreements in the corpus (median net 30, n=11)", "services", 1},
		{"typical at the median", netStats(base), "services", "contractor", 30,
			"net 30: typical of services agreements in the corpus (median net 30, n=11; 0% are faster, 27% slower, 72% the same)", "services", 0},
		// Exactly half below is not "slower than most": 5 of 10 below.
		{"boundary half", netStats([]int{10, 10, 10, 10, 10, 60, 60, 60, 60, 60}), "services", "", 30,
			"net 30: typical of services agreements in the corpus (median net 35, n=10; 50% are faster, 50% slower, 0% the same)", "services", 0},
		// 6 of 11 below is more than half: 54%, rounded down.
		{"boundary just over half", netStats([]int{10, 10, 10, 10, 10, 10, 60, 60, 60, 60, 60}), "services", "", 30,
			"net 30: slower than 54% of services agreements in the corpus (median net 10, n=11)", "services", 0},
		{"small own type falls back to all", netStats([]int{30, 30}, append(repeat(30, 5), 45, 45, 60, 60, 90, 90)...), "services", "", 90,
			"net 90: slower than 84% of contracts in the corpus (median net 30, n=13)", "all", 0},
		{"small corpus says so", netStats([]int{30, 30, 45, 60}), "services", "", 60,
			"net 60: slower than 75% of services agreements in the corpus (median net 37.5, n=4); only 4 comparable contracts: a weak signal", "services", 0},
		{"unknown type uses all", netStats(base), "lease", "tenant", 60,
			"net 60: slower than 81% of contracts in the corpus (median net 30, n=11)", "all", .091},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Compare(tc.st, Input{Type: tc.typ, Role: tc.role, Terms: terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{NetDays: tc.net}}})
			tcmp := c.Term("payment_net_days")
			if tcmp == nil {
				t.Fatal("no comparison")
			}
			if tcmp.Text != tc.want {
				t.Errorf("text\n got %s\nwant %s", tcmp.Text, tc.want)
			}
			if tcmp.Group != tc.group {
				t.Errorf("group = %s, want %s", tcmp.Group, tc.group)
			}
			if tcmp.BetterShare != tc.share {
				t.Errorf("share_better = %v, want %v", tcmp.BetterShare, tc.share)
			}
			if s := tcmp.Below + tcmp.Equal + tcmp.Above; s < .99 || s > 1.01 {
				t.Errorf("shares add up to %v", s)
			}
		})
	}
}

func TestCompareRuleWording(t *testing.T) {
	mk := func(kind string, flagged, n int) *Stats {
		var s []Sample
		for i := range n {
			sm := Sample{Type: "services", Applicable: []string{"r"}, Kinds: map[string]string{"r": kind}}
			if i < flagged {
				sm.Flagged = []string{"r"}
			}
			s = append(s, sm)
		}
		return Build(s, Provenance{})
	}
	for _, tc := range []struct {
		name, kind    string
		flagged, n    int
		want          string
		shareWithRule float64
	}{
		{"common present", "present", 30, 40, "common: 75% of services agreements in the corpus have such a clause (30 of 40)", .75},
		{"unusual present", "present", 3, 40, "unusual: only 8% of services agreements in the corpus have such a clause (3 of 40)", .075},
		{"middling present", "present", 10, 40, "25% of services agreements in the corpus have such a clause (10 of 40)", .25},
		{"rare protection", "missing", 39, 40, "missing from 98% of services agreements in the corpus too (39 of 40): a rare clause, where market practice is only starting to move", .025},
		{"usual protection", "missing", 4, 40, "missing from only 10% of services agreements in the corpus (4 of 40): most have it or do not need it, so asking for it is normal", .9},
		{"half missing", "missing", 20, 40, "missing from 50% of services agreements in the corpus too (20 of 40)", .5},
		{"weak", "present", 1, 3, "such a clause in 1 of 3 services agreements in the corpus; only 3 comparable contracts: a weak signal", .333},
		{"one document", "present", 0, 1, "such a clause in 0 of 1 services agreements in the corpus; only 1 comparable contract: a weak signal", 0},
		{"weak protection", "missing", 2, 4, "missing from 2 of 4 services agreements in the corpus; only 4 comparable contracts: a weak signal", .5},
		{"weak but shared", "present", 3, 6, "50% of services agreements in the corpus have such a clause (3 of 6); only 6 comparable contracts: a weak signal", .5},
		{"none present", "present", 0, 40, "unusual: none of the 40 services agreements in the corpus has such a clause", 0},
		{"none missing", "missing", 0, 40, "none of the 40 services agreements in the corpus lacks it, so asking for it is normal", 1},
		{"tiny share", "present", 1, 400, "unusual: only under 1% of services agreements in the corpus have such a clause (1 of 400)", .003},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Compare(mk(tc.kind, tc.flagged, tc.n), Input{Type: "services", Findings: []Found{{Rule: "r", Kind: tc.kind}}})
			rc := c.Rule("r")
			if rc == nil {
				t.Fatal("no comparison")
			}
			if rc.Text != tc.want {
				t.Errorf("text\n got %s\nwant %s", rc.Text, tc.want)
			}
			if rc.Share != tc.shareWithRule {
				t.Errorf("share_with_clause = %v, want %v", rc.Share, tc.shareWithRule)
			}
		})
	}
}

func TestCompareExpertLabels(t *testing.T) {
	st := Build(fixture(t), Provenance{})
	c := Compare(st, Input{Type: "services", Findings: []Found{{Rule: "dispute.governing-law", Kind: "present", CUAD: []string{"Governing Law"}}}})
	rc := c.Rule("dispute.governing-law")
	if rc == nil || rc.Expert == nil {
		t.Fatalf("no expert figure: %+v", rc)
	}
	// Five services agreements are too few: both figures use all eight.
	want := &ExpertFreq{Category: "Governing Law", Group: "all", Flagged: 3, N: 8, Share: .375}
	if d := cmp.Diff(want, rc.Expert); d != "" {
		t.Errorf("expert (-want +got):\n%s", d)
	}
	if !strings.Contains(rc.Text, `CUAD's expert labels find such a clause ("Governing Law") in 38% of 8 labelled contracts`) {
		t.Errorf("text = %s", rc.Text)
	}
}

func TestCompareNothing(t *testing.T) {
	if c := Compare(nil, Input{Type: "services"}); c != nil {
		t.Errorf("Compare(nil) = %+v", c)
	}
	st := netStats([]int{30})
	if c := Compare(st, Input{Type: "services"}); c != nil {
		t.Errorf("no terms and no findings gave %+v", c)
	}
	// A rule the corpus never ran is not compared.
	if c := Compare(st, Input{Type: "services", Findings: []Found{{Rule: "x.unknown", Kind: "present"}}}); c != nil {
		t.Errorf("unknown rule gave %+v", c)
	}
}

func TestDefault(t *testing.T) {
	st, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	p := st.Provenance
	if p.Name != "default" || p.BuiltAt == "" || !strings.Contains(p.Command, "market build") {
		t.Errorf("provenance = %+v", p)
	}
	if len(p.Corpora) != 2 || p.Corpora[0].Name != "cuad/contracts" || p.Corpora[0].Licence != CUADLicence || p.Corpora[0].Documents < 380 {
		t.Errorf("corpora = %+v", p.Corpora)
	}
	if st.All.Documents != p.Documents || st.All.Documents < 400 {
		t.Errorf("documents = %d, provenance says %d", st.All.Documents, p.Documents)
	}
	for _, typ := range []string{"services", "license", "other"} {
		if g := st.Types[typ]; g == nil || g.Documents < 20 {
			t.Errorf("type %s: %+v", typ, g)
		}
	}
	if f := st.All.Categories["Governing Law"]; f.N < 380 || f.Share() < .8 {
		t.Errorf("Governing Law by CUAD labels = %+v", f)
	}
	if d := st.All.Terms["payment_net_days"]; d == nil || d.N < 50 || d.Quantiles.P50 != 30 {
		t.Errorf("payment_net_days = %+v", d)
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{``, `{`, `[]`, `{"schema":"termscore/market/v0","all":{}}`, `{"schema":"termscore/market/v1"}`} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
}

// Values are printed as a reader writes them: a deposit of 15 weeks' rent
// over 13 months is "1.15 months' rent", not 1.1538461538461537.
func TestNum(t *testing.T) {
	for v, want := range map[float64]string{1.1538461538461537: "1.15", 2: "2", 37.5: "37.5", 0.333: "0.33", 12.999: "13"} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}
