package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func embedded(t testing.TB) *Set {
	t.Helper()
	s, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExamples runs every example of every embedded rule.
func TestExamples(t *testing.T) {
	s := embedded(t)
	for _, r := range s.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			for _, f := range s.TestRule(r) {
				t.Error(f.Error())
			}
		})
	}
	if fs := s.Test(); len(fs) > 0 {
		t.Errorf("Set.Test reports %d failures", len(fs))
	}
}

// TestCatalog checks that every rule id of the spec's catalog
// (testdata/catalog-ids.txt, copied from spec/rules.md) exists in the pack
// the catalog puts it in, with the kind and roles the catalog gives.
func TestCatalog(t *testing.T) {
	s := embedded(t)
	f, err := os.Open("testdata/catalog-ids.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		id := strings.TrimSpace(sc.Text())
		if id == "" {
			continue
		}
		n++
		if s.Lookup(id) == nil {
			t.Errorf("catalog rule %s is missing", id)
		}
	}
	if n != 76 {
		t.Errorf("catalog has %d ids, want 76", n)
	}
	packs := map[string]bool{}
	for _, r := range s.Rules() {
		packs[r.Pack] = true
	}
	for _, p := range []string{"ip-ai", "payment", "liability", "termination", "disputes", "restrictions", "employment", "lease"} {
		if !packs[p] {
			t.Errorf("pack %s is missing", p)
		}
	}
}

// TestNegation checks that negated and excepted wording is handled.
func TestNegation(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		rule, text string
		fire       bool
	}{
		{"ai.training-permitted", "Client shall not use the Deliverables to train any artificial intelligence model.", false},
		{"ai.training-permitted", "client shall not use the deliverables to train , fine-tune or test any ai model .", false},
		{"ai.training-permitted", "Provider will never use Customer Data for training machine learning models.", false},
		{"ai.training-permitted", "The use of Customer Content to train AI models is prohibited.", false},
		{"ai.training-permitted", "Use of the Deliverables to train AI models is not permitted.", false},
		{"ai.training-permitted", "Use of the Deliverables to train AI models shall not be permitted.", false},
		{"ai.training-permitted", "Use of the Deliverables to train AI models is strictly forbidden.", false},
		{"ai.training-permitted", "Use of Customer Content to train AI models is permitted.", true},
		{"ai.training-permitted", "Use of Customer Content to train AI models is prohibited, except that Provider may use it to train its own AI models.", true},
		{"ai.training-permitted", "Customer Content is confidential, except that Provider may use it to train its AI models.", true},
		{"ai.training-permitted", "Provider may use Customer Content to train and improve its machine learning models.", true},
		{"ip.sublicense-transfer", "The license is non-transferable.", false},
		{"ip.sublicense-transfer", "The license is transferable.", true},
		{"ip.work-made-for-hire", "The Deliverables are not works made for hire.", false},
		{"emp.at-will", "Your employment is not at will.", false},
		{"pay.set-off", "Client shall pay without set-off or deduction.", false},
		{"ip.assignment-broad", "Neither party may assign this Agreement without consent.", false},
		// References are not wording.
		{"ip.work-made-for-hire", "Incorporate <https://reference.legal/v1/templates/employment/contractor-work-for-hire>.", false},
		{"restrict.non-solicit", "Sections 1.2 (Non-Solicitation), 3 (Ownership) and 5 (Confidentiality) survive any termination.", false},
		{"restrict.non-solicit", "Contractor shall not (directly or indirectly) solicit any employee of Company.", true},
		// "Without limitation" and "but not limited to" introduce a list; they negate nothing.
		{"dispute.one-way-fees", "Tenant shall pay all costs incurred by Landlord because of Tenant's default including, without limitation, lost rent, attorney's fees and re-letting costs.", true},
		{"dispute.one-way-fees", "Customer will reimburse Provider for its collection costs, including but not limited to reasonable attorneys' fees.", true},
		{"dispute.one-way-fees", "Tenant shall not be required to pay Landlord's attorneys' fees.", false},
		{"ai.training-permitted", "Client shall not, without limitation of its other obligations, use the Deliverables to train any AI model.", false},
		{"liab.liquidated-damages", "Neither party shall be liable for the termination, including, but not limited to, payment of liquidated damages.", false},
		{"liab.liquidated-damages", "Upon such termination the parties shall not be liable to each other for the termination of this Agreement, including, but not limited to, payment of late fees, liquidated damages or compensation.", false},
		{"liab.liquidated-damages", "Buyer may recover all losses, including but not limited to liquidated damages.", true},
		// An operative "hereby grants" starts a clause an earlier "not" does not reach.
		{"ip.perpetual-irrevocable-license", "If the Work uses any technology owned by Consultant and not assigned under this Agreement, Consultant hereby grants Company a perpetual, irrevocable, worldwide license to use that technology.", true},
		{"ip.perpetual-irrevocable-license", "No perpetual or irrevocable license is hereby granted to Company.", false},
	}
	for _, tt := range tests {
		r := s.Lookup(tt.rule)
		if r == nil {
			t.Fatalf("no rule %s", tt.rule)
		}
		got := len(s.matchRule(ExampleDocument(tt.text), r)) > 0
		if got != tt.fire {
			t.Errorf("%s on %q: fired %v, want %v", tt.rule, tt.text, got, tt.fire)
		}
	}
}

const validRule = `pack: test
rules:
  - id: test.one
    title: A test rule
    kind: present
    severity: high
    risk_to: [contractor]
    detect:
      anchors: [work made for hire]
      patterns: ['\bwork made for hire\b']
    why: Because.
    ask: Ask.
    suggestion: {action: delete}
    examples:
      positive: [The Work is a work made for hire.]
      negative: [The Work is yours.]
`

func writePack(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadErrors checks that every kind of mistake in a pack is refused
// with the file, line and field.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replaced in validRule
		want     string // regexp the error must match
	}{
		{"unknown field", "      patterns:", "      patern:", `bad\.yaml:10:7: .*unknown field "patern"`},
		{"bad regexp", `['\bwork made for hire\b']`, `['\bwork (made for hire\b']`, `bad\.yaml:10:\d+: rules\[0\]\.detect\.patterns\[0\]: bad regular expression`},
		{"punctuation", `['\bwork made for hire\b']`, `['\bwork-made-for-hire\b']`, `bad\.yaml:10:\d+: rules\[0\]\.detect\.patterns\[0\]: '-' can never match`},
		{"upper case", `['\bwork made for hire\b']`, `['\bWork made for hire\b']`, `bad\.yaml:10:\d+: .*'W' can never match: .*lower case`},
		{"severity", "severity: high", "severity: hgh", `bad\.yaml:6:\d+: rules\[0\]\.severity: unknown severity "hgh"`},
		{"kind", "kind: present", "kind: absent", `bad\.yaml:5:\d+: rules\[0\]\.kind: unknown kind "absent"`},
		{"role", "risk_to: [contractor]", "risk_to: [contractr]", `bad\.yaml:7:\d+: rules\[0\]\.risk_to\[0\]: unknown role "contractr"`},
		{"doc type", "risk_to: [contractor]", "risk_to: [contractor]\n    doc_types: [leese]", `bad\.yaml:8:\d+: rules\[0\]\.doc_types\[0\]: unknown document type "leese"`},
		{"lease use", "risk_to: [contractor]", "risk_to: [contractor]\n    lease_use: shop", `bad\.yaml:8:\d+: rules\[0\]\.lease_use: unknown lease use "shop" \(use residential, commercial\)`},
		{"lease use off leases", "risk_to: [contractor]", "risk_to: [contractor]\n    doc_types: [services]\n    lease_use: commercial", `bad\.yaml:9:\d+: rules\[0\]\.lease_use: limits the rule on leases, but doc_types does not list lease`},
		{"why by lease use", "risk_to: [contractor]", "risk_to: [contractor]\n    why_by_lease_use: {office: Because.}", `bad\.yaml:8:\d+: rules\[0\]\.why_by_lease_use\.office: unknown lease use "office"`},
		{"ask for the other use", "risk_to: [contractor]", "risk_to: [contractor]\n    lease_use: residential\n    ask_by_lease_use: {commercial: Ask.}", `rules\[0\]\.ask_by_lease_use\.commercial: the rule runs only on residential leases`},
		{"suggestion by lease use", "risk_to: [contractor]", "risk_to: [contractor]\n    suggestion_by_lease_use: {shop: {action: delete}}", `bad\.yaml:8:\d+: rules\[0\]\.suggestion_by_lease_use\.shop: unknown lease use "shop"`},
		{"suggestion by lease use without text", "risk_to: [contractor]", "risk_to: [contractor]\n    suggestion_by_lease_use: {commercial: {action: replace}}", `rules\[0\]\.suggestion_by_lease_use\.commercial\.text: required unless the action is delete`},
		{"severity by lease use", "risk_to: [contractor]", "risk_to: [contractor]\n    severity_by_lease_use: {commercial: severe}", `bad\.yaml:8:\d+: rules\[0\]\.severity_by_lease_use\.commercial: unknown severity "severe"`},
		{"severity by lease use off leases", "risk_to: [contractor]", "risk_to: [contractor]\n    doc_types: [services]\n    severity_by_lease_use: {commercial: high}", `rules\[0\]\.severity_by_lease_use\.commercial: varies the rule by lease use, but doc_types does not list lease`},
		{"law by home", "risk_to: [contractor]", "risk_to: [contractor]\n    law_by_home: {California: Void.}", `bad\.yaml:8:\d+: rules\[0\]\.law_by_home\.California: not a jurisdiction code --home takes`},
		{"law by home in lower case", "risk_to: [contractor]", "risk_to: [contractor]\n    law_by_home: {us-ca: Void.}", `rules\[0\]\.law_by_home\.us-ca: not a jurisdiction code`},
		{"law by home empty", "risk_to: [contractor]", "risk_to: [contractor]\n    law_by_home: {US-CA: ' '}", `rules\[0\]\.law_by_home\.US-CA: empty`},
		{"cuad", "risk_to: [contractor]", "risk_to: [contractor]\n    maps_to: {cuad: [Non Compete]}", `bad\.yaml:8:\d+: rules\[0\]\.maps_to\.cuad\[0\]: unknown CUAD category`},
		{"confirm only without a label", "risk_to: [contractor]", "risk_to: [contractor]\n    maps_to: {confirm_only: true}", `rules\[0\]\.maps_to\.confirm_only: needs a label`},
		{"weak doubt without a label", "risk_to: [contractor]", "risk_to: [contractor]\n    maps_to: {weak_doubt: true}", `rules\[0\]\.maps_to\.weak_doubt: needs a label`},
		{"no anchors", "      anchors: [work made for hire]\n", "", `bad\.yaml:\d+:\d+: rules\[0\]\.detect\.anchors: required`},
		{"missing without protection", "kind: present", "kind: missing", `bad\.yaml:\d+:\d+: rules\[0\]\.protection: required`},
		{"id", "id: test.one", "id: Test One", `bad\.yaml:3:\d+: rules\[0\]\.id: "Test One" is not a rule id`},
		{"no examples", "      negative: [The Work is yours.]", "", `rules\[0\]\.examples\.negative: at least one`},
		{"strike repeats off a replace", "suggestion: {action: delete}", "suggestion: {action: delete, strike_repeats: true}", `bad\.yaml:\d+:\d+: rules\[0\]\.suggestion\.strike_repeats: only a replace`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(validRule, tt.old, tt.new, 1)
			if text == validRule {
				t.Fatalf("%q not found in the valid rule", tt.old)
			}
			_, err := LoadDir(writePack(t, map[string]string{"bad.yaml": text}))
			if err == nil {
				t.Fatal("loaded without error")
			}
			if !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("error %q does not match %s", err, tt.want)
			}
		})
	}
}

func TestLoadDuplicateID(t *testing.T) {
	dir := writePack(t, map[string]string{"a.yaml": validRule, "b.yaml": validRule})
	_, err := LoadDir(dir)
	if err == nil || !regexp.MustCompile(`b\.yaml:3: duplicate rule id "test\.one" \(first defined at .*a\.yaml:3\)`).MatchString(err.Error()) {
		t.Fatalf("got %v, want a duplicate id error naming both files", err)
	}
	twice := validRule + validRule[strings.Index(validRule, "  - id"):]
	_, err = LoadDir(writePack(t, map[string]string{"c.yaml": twice}))
	if err == nil || !strings.Contains(err.Error(), `c.yaml:17:`) || !strings.Contains(err.Error(), "duplicate rule id") {
		t.Fatalf("got %v, want a duplicate id error at c.yaml:17", err)
	}
}

func TestLoadDirAndMerge(t *testing.T) {
	user, err := LoadDir(writePack(t, map[string]string{"mine.yaml": validRule}))
	if err != nil {
		t.Fatal(err)
	}
	if fs := user.Test(); len(fs) > 0 {
		t.Fatalf("examples fail: %v", fs)
	}
	s := embedded(t)
	merged, err := s.Merge(user)
	if err != nil {
		t.Fatal(err)
	}
	if merged.Lookup("test.one") == nil || merged.Lookup("ip.work-made-for-hire") == nil {
		t.Fatal("merged set lacks a rule")
	}
	// Override an embedded rule by id.
	over := strings.Replace(validRule, "id: test.one", "id: ip.work-made-for-hire", 1)
	over = strings.Replace(over, "severity: high", "severity: low", 1)
	user, err = LoadDir(writePack(t, map[string]string{"over.yaml": over}))
	if err != nil {
		t.Fatal(err)
	}
	merged, err = s.Merge(user)
	if err != nil {
		t.Fatal(err)
	}
	if got := merged.Lookup("ip.work-made-for-hire").Severity; got != "low" {
		t.Errorf("override severity = %s, want low", got)
	}
	if len(merged.Rules()) != len(s.Rules()) {
		t.Errorf("override changed the number of rules: %d, want %d", len(merged.Rules()), len(s.Rules()))
	}
	if _, err := LoadDir(t.TempDir()); err == nil {
		t.Error("an empty directory loaded without error")
	}
}

// TestLeaseUse checks a rule limited to one lease use runs on leases of
// that use, on leases of unknown use and on other documents, and that its
// explanation follows the use.
func TestLeaseUse(t *testing.T) {
	s := embedded(t)
	home, shop := s.Lookup("lease.deposit-return-late"), s.Lookup("lease.relocation")
	both := s.Lookup("lease.early-termination-penalty")
	if home == nil || shop == nil || both == nil {
		t.Fatal("a lease rule is missing")
	}
	tests := []struct {
		rule     *Rule
		typ, use string
		want     bool
	}{
		{home, "lease", "residential", true},
		{home, "lease", "commercial", false},
		{home, "lease", "", true},
		{home, "other", "", true},
		{shop, "lease", "commercial", true},
		{shop, "lease", "residential", false},
		{both, "lease", "commercial", true},
		{both, "lease", "residential", true},
	}
	for _, tt := range tests {
		if got := tt.rule.AppliesIn(MatchOptions{DocType: tt.typ, Role: "tenant", LeaseUse: tt.use}); got != tt.want {
			t.Errorf("%s.AppliesIn(%s, %q) = %v, want %v", tt.rule.ID, tt.typ, tt.use, got, tt.want)
		}
	}
	if both.WhyIn("commercial") == both.Why || both.WhyIn("residential") != both.Why || both.WhyIn("") != both.Why {
		t.Errorf("%s: the commercial explanation is not used on a commercial lease alone", both.ID)
	}
	if both.AskIn("tenant", "commercial") == both.Ask || both.AskIn("tenant", "") != both.Ask {
		t.Errorf("%s: the commercial ask is not used on a commercial lease alone", both.ID)
	}
	// The suggestion and severity follow the use too; the role's own win.
	if both.SuggestionIn("tenant", "commercial").Text == both.Suggestion.Text || both.SuggestionIn("tenant", "residential") != both.Suggestion || both.SuggestionIn("tenant", "") != both.Suggestion {
		t.Errorf("%s: the commercial suggestion is not used on a commercial lease alone", both.ID)
	}
	ban := s.Lookup("lease.subletting-banned")
	if got := ban.SeverityIn("tenant", "commercial"); got != "high" {
		t.Errorf("%s on a commercial lease: severity %q, want high", ban.ID, got)
	}
	if got := ban.SeverityIn("tenant", "residential"); got != ban.Severity {
		t.Errorf("%s on a residential lease: severity %q, want %q", ban.ID, got, ban.Severity)
	}
	r := &Rule{Severity: "low", SeverityByRole: map[string]string{"consumer": "medium"}, SeverityByLeaseUse: map[string]string{"commercial": "high"},
		Suggestion:           Suggestion{Action: "replace", Text: "default"},
		SuggestionByRole:     map[string]Suggestion{"consumer": {Action: "replace", Text: "consumer"}},
		SuggestionByLeaseUse: map[string]Suggestion{"commercial": {Action: "replace", Text: "commercial"}}}
	for _, tt := range []struct{ role, use, sev, text string }{
		{"tenant", "", "low", "default"},
		{"tenant", "commercial", "high", "commercial"},
		{"consumer", "commercial", "medium", "consumer"},
		{"consumer", "", "medium", "consumer"},
	} {
		if sev, text := r.SeverityIn(tt.role, tt.use), r.SuggestionIn(tt.role, tt.use).Text; sev != tt.sev || text != tt.text {
			t.Errorf("%s on a %q lease: severity %q, suggestion %q; want %q, %q", tt.role, tt.use, sev, text, tt.sev, tt.text)
		}
	}

	// A lease-use rule's hits depend on the lease use Match is given.
	doc := ExampleDocument("Landlord may relocate Tenant to other space in the Building at any time on thirty days' notice.")
	for use, want := range map[string]int{"commercial": 1, "residential": 0, "": 1} {
		n := 0
		for _, h := range s.Match(doc, MatchOptions{DocType: "lease", Role: "tenant", LeaseUse: use}) {
			if h.Rule == shop {
				n++
			}
		}
		if n != want {
			t.Errorf("lease use %q: %d hits of %s, want %d", use, n, shop.ID, want)
		}
	}
}
