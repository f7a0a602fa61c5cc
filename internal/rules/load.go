package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/termscore/termscore/internal/terms"
)

//go:embed packs/*.yaml
var packsFS embed.FS

// Embedded returns the rule packs built into the binary. It parses and
// compiles them on every call: callers keep the Set.
func Embedded() (*Set, error) {
	if rs, ok := loadEmbedded(); ok {
		return newSet(rs)
	}
	// A pack readPlainYAML does not read, or one with an error, which
	// parsePack reports with its position.
	return loadFS(packsFS, "packs", "internal/rules/packs", parsePack)
}

// loadEmbedded reads the embedded packs with readPlainYAML, then checks
// and compiles their rules on every CPU, a rule at a time: by pack, the
// largest (a fifth of all) was the critical path. False on anything
// parsePack must read or report.
func loadEmbedded() ([]*Rule, bool) {
	entries, err := fs.ReadDir(packsFS, "packs")
	if err != nil {
		return nil, false
	}
	type job struct {
		file, path string
		rule       *Rule
	}
	var jobs []job
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml") {
			continue
		}
		data, err := packsFS.ReadFile("packs/" + name)
		if err != nil {
			return nil, false
		}
		file := filepath.Join("internal/rules/packs", name)
		pf, sources, ok := readEmbedded(file, data)
		if !ok || !packName.MatchString(pf.Pack) || len(pf.Rules) == 0 {
			return nil, false
		}
		seen := map[string]bool{}
		for i, r := range pf.Rules {
			if r == nil || seen[r.ID] {
				return nil, false
			}
			seen[r.ID] = true
			r.Pack, r.Source = pf.Pack, sources[i]
			jobs = append(jobs, job{file, fmt.Sprintf("$.rules[%d]", i), r})
		}
	}
	if len(jobs) == 0 {
		return nil, false
	}
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) || failed.Load() {
					return
				}
				v := &validator{file: jobs[i].file, lazy: true}
				if v.rule(jobs[i].path, jobs[i].rule); len(v.errs) > 0 {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	if failed.Load() {
		return nil, false
	}
	rs := make([]*Rule, len(jobs))
	for i, j := range jobs {
		rs[i] = j.rule
	}
	return rs, true
}

// LoadDir loads every *.yaml and *.yml pack in dir.
func LoadDir(dir string) (*Set, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("rules directory: %w", err)
	}
	return loadFS(os.DirFS(dir), ".", dir, parsePack)
}

func loadFS(fsys fs.FS, dir, shown string, parse func(file string, data []byte) ([]*Rule, error)) (*Set, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read rule packs in %s: %w", shown, err)
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml") {
			continue
		}
		names = append(names, name)
	}
	// The packs are parsed concurrently: loading them is most of the
	// start-up time of a command. Results keep the order of the files.
	type result struct {
		rules []*Rule
		err   error
	}
	results := make([]result, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			data, err := fs.ReadFile(fsys, path.Join(dir, name))
			if err != nil {
				results[i].err = err
				return
			}
			results[i].rules, results[i].err = parse(filepath.Join(shown, name), data)
		})
	}
	wg.Wait()
	var rs []*Rule
	var errs []error
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, r.err)
		}
		rs = append(rs, r.rules...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("%s: no rule packs (*.yaml) found", shown)
	}
	return newSet(rs)
}

// packFile is the YAML layout of a pack.
type packFile struct {
	Pack  string  `yaml:"pack"`
	Title string  `yaml:"title"`
	Rules []*Rule `yaml:"rules"`
}

// validator collects errors, each pointing at the file, line and field.
type validator struct {
	file string
	ast  *ast.File
	errs []error
	// lazy leaves vetoes to be parsed on first use (Embedded's fast path:
	// the embedded packs' patterns are checked by the tests).
	lazy bool
}

// pos returns "file:line:col" of the node at a YAML path such as
// "$.rules[2].detect.patterns[0]", falling back to its nearest parent.
func (v *validator) pos(p string) string {
	if v.ast == nil {
		// Embedded's fast path, which reads the pack again with
		// parsePack for the position of any error.
		return v.file + ":1:1"
	}
	for p != "" && p != "$" {
		if yp, err := yaml.PathString(p); err == nil {
			if n, err := yp.FilterFile(v.ast); err == nil && n != nil {
				t := n.GetToken()
				return fmt.Sprintf("%s:%d:%d", v.file, t.Position.Line, t.Position.Column)
			}
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return v.file + ":1:1"
}

func (v *validator) errorf(p, format string, args ...any) {
	field := strings.TrimPrefix(strings.TrimPrefix(p, "$"), ".")
	v.errs = append(v.errs, fmt.Errorf("%s: %s: %s", v.pos(p), field, fmt.Sprintf(format, args...)))
}

func parsePack(file string, data []byte) ([]*Rule, error) {
	// The pack is parsed once and decoded from the tree the validator
	// looks positions up in: yaml.Unmarshal would parse it a second time.
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(file, err)
	}
	var pf packFile
	for _, doc := range f.Docs {
		if doc.Body == nil {
			continue
		}
		if !decodeSimple(doc.Body, &pf) {
			pf = packFile{}
			if err := decodeYAML(doc.Body, &pf); err != nil {
				return nil, yamlError(file, err)
			}
		}
		break // a pack is one document, as yaml.Unmarshal reads it
	}
	v := &validator{file: file, ast: f}
	return v.pack(&pf, func(i int) string {
		pos := v.pos(fmt.Sprintf("$.rules[%d].id", i))
		return pos[:strings.LastIndexByte(pos, ':')] // file:line
	})
}

// readEmbedded decodes a pack built into the binary with readPlainYAML
// and returns it with the file:line of each rule's id; false where
// readPlainYAML or decodePlain gives up.
func readEmbedded(file string, data []byte) (*packFile, []string, bool) {
	root, err := readPlainYAML(string(data))
	var pf packFile
	if err != nil || !decodePlain(root, &pf) {
		return nil, nil, false
	}
	var sources []string
	if i := slices.Index(root.keys, "rules"); i >= 0 {
		for _, r := range root.vals[i].vals {
			line := r.line
			if k := slices.Index(r.keys, "id"); k >= 0 {
				line = r.vals[k].line
			}
			sources = append(sources, fmt.Sprintf("%s:%d", file, line))
		}
	}
	return &pf, sources, true
}

// pack validates and compiles a decoded pack; source gives the file:line
// of the id of rule i.
func (v *validator) pack(pf *packFile, source func(i int) string) ([]*Rule, error) {
	if !packName.MatchString(pf.Pack) {
		v.errorf("$.pack", "%q is not a pack name (lower-case letters, digits and dashes)", pf.Pack)
	}
	if len(pf.Rules) == 0 {
		v.errorf("$.rules", "a pack needs at least one rule")
	}
	seen := map[string]string{}
	for i, r := range pf.Rules {
		p := fmt.Sprintf("$.rules[%d]", i)
		if r == nil {
			v.errorf(p, "empty rule")
			continue
		}
		r.Pack = pf.Pack
		r.Source = source(i)
		if prev, ok := seen[r.ID]; ok {
			v.errorf(p+".id", "duplicate rule id %q (first defined at %s)", r.ID, prev)
		}
		seen[r.ID] = r.Source
		v.rule(p, r)
	}
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return pf.Rules, nil
}

// decodeYAML is yaml.NodeToValue in strict mode, with a panic of the
// decoder turned into an error: goccy/go-yaml v1.19.2 dereferences nil on
// a tag without a value (`risk_to: !x`), and a bad pack must not crash
// the program.
func decodeYAML(n ast.Node, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML decoder failed (%v): look for a tag (!…) without a value", r)
		}
	}()
	return yaml.NodeToValue(n, v, yaml.Strict())
}

// yamlError returns err with the position of the YAML token it concerns.
func yamlError(file string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return fmt.Errorf("%s:%d:%d: %s", file, p.Line, p.Column, ye.GetMessage())
	}
	return fmt.Errorf("%s: %w", file, err)
}

var (
	packName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	ruleID   = regexp.MustCompile(`^[a-z][a-z0-9]*\.[a-z0-9][a-z0-9-]*$`)
)

var unfairLabels = []string{"A", "CH", "CR", "J", "LAW", "LTD", "TER", "USE"}

// cuadCategories are the 41 CUAD v1 categories.
var cuadCategories = []string{"Document Name", "Parties", "Agreement Date", "Effective Date",
	"Expiration Date", "Renewal Term", "Notice Period to Terminate Renewal", "Governing Law",
	"Most Favored Nation", "Non-Compete", "Exclusivity", "No-Solicit of Customers",
	"Competitive Restriction Exception", "No-Solicit of Employees", "Non-Disparagement",
	"Termination for Convenience", "Rofr/Rofo/Rofn", "Change of Control", "Anti-Assignment",
	"Revenue/Profit Sharing", "Price Restrictions", "Minimum Commitment", "Volume Restriction",
	"IP Ownership Assignment", "Joint IP Ownership", "License Grant", "Non-Transferable License",
	"Affiliate License-Licensor", "Affiliate License-Licensee", "Unlimited/All-You-Can-Eat-License",
	"Irrevocable or Perpetual License", "Source Code Escrow", "Post-Termination Services",
	"Audit Rights", "Uncapped Liability", "Cap on Liability", "Liquidated Damages",
	"Warranty Duration", "Insurance", "Covenant Not to Sue", "Third Party Beneficiary"}

func (v *validator) rule(p string, r *Rule) {
	if !ruleID.MatchString(r.ID) {
		v.errorf(p+".id", "%q is not a rule id (pack.name, lower case, e.g. ip.work-made-for-hire)", r.ID)
	}
	if strings.TrimSpace(r.Title) == "" {
		v.errorf(p+".title", "required")
	}
	v.oneOf(p+".kind", r.Kind, []string{Present, Missing}, "kind")
	v.oneOf(p+".severity", r.Severity, severities, "severity")
	for role, sev := range r.SeverityByRole {
		v.oneOf(p+".severity_by_role."+role, role, roles, "role")
		v.oneOf(p+".severity_by_role."+role, sev, severities, "severity")
	}
	for i, id := range r.Supersedes {
		if !ruleID.MatchString(id) || id == r.ID {
			v.errorf(fmt.Sprintf("%s.supersedes[%d]", p, i), "%q is not another rule's id", id)
		}
	}
	for role, ask := range r.AskByRole {
		v.oneOf(p+".ask_by_role."+role, role, roles, "role")
		if strings.TrimSpace(ask) == "" {
			v.errorf(p+".ask_by_role."+role, "empty")
		}
	}
	for role, sg := range r.SuggestionByRole {
		v.oneOf(p+".suggestion_by_role."+role, role, roles, "role")
		v.oneOf(p+".suggestion_by_role."+role+".action", sg.Action, actions, "action")
		if sg.Action != "delete" && strings.TrimSpace(sg.Text) == "" {
			v.errorf(p+".suggestion_by_role."+role+".text", "required unless the action is delete")
		}
	}
	if len(r.RiskTo) == 0 {
		v.errorf(p+".risk_to", "required: the roles this is a risk to")
	}
	for i, x := range r.RiskTo {
		v.oneOf(fmt.Sprintf("%s.risk_to[%d]", p, i), x, roles, "role")
	}
	for i, x := range r.DocTypes {
		v.oneOf(fmt.Sprintf("%s.doc_types[%d]", p, i), x, docTypes, "document type")
	}
	if r.LeaseUse != "" {
		v.oneOf(p+".lease_use", r.LeaseUse, leaseUses, "lease use")
		if len(r.DocTypes) > 0 && !slices.Contains(r.DocTypes, "lease") {
			v.errorf(p+".lease_use", "limits the rule on leases, but doc_types does not list lease")
		}
	}
	// byUse checks a key of a *_by_lease_use field: a known use, one the
	// rule runs on, on a rule that runs on leases.
	byUse := func(fp, use string) {
		v.oneOf(fp, use, leaseUses, "lease use")
		if r.LeaseUse != "" && use != r.LeaseUse {
			v.errorf(fp, "the rule runs only on %s leases (lease_use)", r.LeaseUse)
		}
		if len(r.DocTypes) > 0 && !slices.Contains(r.DocTypes, "lease") {
			v.errorf(fp, "varies the rule by lease use, but doc_types does not list lease")
		}
	}
	for _, f := range []struct {
		name string
		m    map[string]string
	}{{"why_by_lease_use", r.WhyByLeaseUse}, {"ask_by_lease_use", r.AskByLeaseUse}} {
		for use, text := range f.m {
			byUse(p+"."+f.name+"."+use, use)
			if strings.TrimSpace(text) == "" {
				v.errorf(p+"."+f.name+"."+use, "empty")
			}
		}
	}
	for use, sg := range r.SuggestionByLeaseUse {
		fp := p + ".suggestion_by_lease_use." + use
		byUse(fp, use)
		v.oneOf(fp+".action", sg.Action, actions, "action")
		if sg.Action != "delete" && strings.TrimSpace(sg.Text) == "" {
			v.errorf(fp+".text", "required unless the action is delete")
		}
	}
	for use, sev := range r.SeverityByLeaseUse {
		fp := p + ".severity_by_lease_use." + use
		byUse(fp, use)
		v.oneOf(fp, sev, severities, "severity")
	}
	for home, text := range r.LawByHome {
		fp := p + ".law_by_home." + home
		if _, ok := terms.HomeName(home); !ok || home != strings.ToUpper(home) {
			v.errorf(fp, "not a jurisdiction code --home takes (US-CA, GB, DE …, in capitals)")
		}
		if strings.TrimSpace(text) == "" {
			v.errorf(fp, "empty")
		}
	}
	for i, x := range r.MapsTo.UnfairTOS {
		v.oneOf(fmt.Sprintf("%s.maps_to.unfair_tos[%d]", p, i), x, unfairLabels, "UNFAIR-ToS label")
	}
	for i, x := range r.MapsTo.CUAD {
		v.oneOf(fmt.Sprintf("%s.maps_to.cuad[%d]", p, i), x, cuadCategories, "CUAD category")
	}
	if r.MapsTo.ConfirmOnly && len(r.MapsTo.UnfairTOS)+len(r.MapsTo.CUAD) == 0 {
		v.errorf(p+".maps_to.confirm_only", "needs a label in maps_to for a model to confirm")
	}
	if r.MapsTo.WeakDoubt && len(r.MapsTo.UnfairTOS)+len(r.MapsTo.CUAD) == 0 {
		v.errorf(p+".maps_to.weak_doubt", "needs a label in maps_to for a model to doubt")
	}
	switch r.Kind {
	case Present:
		if r.Detect == nil {
			v.errorf(p+".detect", "required for a present rule")
		}
		for _, f := range []struct {
			name string
			set  bool
		}{{"precondition", r.Precondition != nil}, {"protection", r.Protection != nil}, {"placement", r.Placement != nil}} {
			if f.set {
				v.errorf(p+"."+f.name, "only a missing rule has a %s", f.name)
			}
		}
		r.det = v.detector(p+".detect", r.Detect, r, roleDetect, 0.9)
		v.mitigation(p+".mitigation", r)
	case Missing:
		if r.Mitigation != nil {
			v.errorf(p+".mitigation", "only a present rule is lowered by a mitigation")
		}
		if r.Detect != nil {
			v.errorf(p+".detect", "a missing rule uses precondition and protection, not detect")
		}
		if r.Protection == nil {
			v.errorf(p+".protection", "required for a missing rule: the wording whose absence fires it")
		}
		r.pre = v.detector(p+".precondition", r.Precondition, r, rolePrecondition, 0)
		r.prot = v.detector(p+".protection", r.Protection, r, roleProtection, 0.7)
		if r.Placement != nil {
			for i, h := range r.Placement.Headings {
				if re := v.regexp(fmt.Sprintf("%s.placement.headings[%d]", p, i), h); re != nil {
					r.headings = append(r.headings, re)
				}
			}
		}
	}
	for _, f := range []struct{ name, val string }{{"why", r.Why}, {"ask", r.Ask}} {
		if strings.TrimSpace(f.val) == "" {
			v.errorf(p+"."+f.name, "required")
		}
	}
	v.oneOf(p+".suggestion.action", r.Suggestion.Action, actions, "action")
	if strings.TrimSpace(r.Suggestion.Text) == "" && r.Suggestion.Action != "delete" {
		v.errorf(p+".suggestion.text", "required")
	}
	if r.Suggestion.StrikeRepeats && r.Suggestion.Action != "replace" {
		v.errorf(p+".suggestion.strike_repeats", "only a replace restates the sentences it strikes; the action is %q", r.Suggestion.Action)
	}
	if len(r.Examples.Positive) == 0 {
		v.errorf(p+".examples.positive", "at least one example the rule fires on is required")
	}
	if len(r.Examples.Negative) == 0 {
		v.errorf(p+".examples.negative", "at least one example the rule must not fire on is required")
	}
}

// mitigation checks and compiles r's Mitigation, if any.
func (v *validator) mitigation(p string, r *Rule) {
	m := r.Mitigation
	if m == nil {
		return
	}
	if m.Detect == nil {
		v.errorf(p+".detect", "required: the wording that lowers the rule")
	}
	r.mit = v.detector(p+".detect", m.Detect, r, roleMitigation, 0)
	v.oneOf(p+".severity", m.Severity, severities, "severity")
	if SeverityRank(m.Severity) >= 0 && SeverityRank(m.Severity) <= SeverityRank(r.Severity) {
		v.errorf(p+".severity", "%q does not lower the rule's severity %q", m.Severity, r.Severity)
	}
	if strings.TrimSpace(m.Why) == "" {
		v.errorf(p+".why", "required: why the wording makes the risk smaller")
	}
	// The clause models add findings of a rule mapped to their labels
	// without reading the rest of the document: they could not lower it.
	if len(r.MapsTo.UnfairTOS)+len(r.MapsTo.CUAD) > 0 {
		v.errorf(p, "a rule mapped to dataset labels (maps_to) cannot be lowered: the clause models add its findings unlowered")
	}
	r.lowered = r.lower()
}

func (v *validator) oneOf(p, val string, allowed []string, what string) {
	if !slices.Contains(allowed, val) {
		v.errorf(p, "unknown %s %q (use %s)", what, val, strings.Join(allowed, ", "))
	}
}

func (v *validator) detector(p string, d *Detect, r *Rule, role int, conf float64) *detector {
	if d == nil {
		return nil
	}
	out := &detector{rule: r, role: role, skipNegated: d.SkipNegated, confidence: conf}
	switch d.Actor {
	case "":
	case "other":
		out.actor = actorOther
	case "own":
		out.actor = actorOwn
	default:
		v.oneOf(p+".actor", d.Actor, []string{"other", "own"}, "actor")
	}
	if len(d.Anchors) == 0 {
		v.errorf(p+".anchors", "required: the literal phrases that select candidate sentences")
	}
	for i, a := range d.Anchors {
		prefix := strings.HasSuffix(a, "*")
		c := canonPhrase(strings.TrimSuffix(a, "*"))
		if strings.TrimSpace(c) == "" {
			v.errorf(fmt.Sprintf("%s.anchors[%d]", p, i), "%q has no letters or digits", a)
			continue
		}
		if prefix {
			c = strings.TrimSuffix(c, " ")
		}
		out.anchors = append(out.anchors, c)
	}
	compile := func(field string, src []string) []*pattern {
		var res []*pattern
		for i, s := range src {
			if re := v.regexp(fmt.Sprintf("%s.%s[%d]", p, field, i), s); re != nil {
				res = append(res, re)
			}
		}
		return res
	}
	out.patterns = compile("patterns", d.Patterns)
	out.require = compile("require", d.Require)
	// vetoes compiles the patterns of a veto field, or leaves them to
	// their first use.
	veto := func(field string, src []string) *vetoes {
		if len(src) == 0 {
			return nil
		}
		if v.lazy {
			return &vetoes{src: src}
		}
		ps := compile(field, src)
		if len(ps) != len(src) {
			return nil // refused
		}
		return compiled(src, ps)
	}
	out.unless = veto("unless", d.Unless)
	out.despite = veto("despite", d.Despite)
	if len(d.Despite) > 0 && len(d.Unless) == 0 {
		v.errorf(p+".despite", "lifts the unless vetoes, but there are none")
	}
	for i, n := range d.Near {
		np := fmt.Sprintf("%s.near[%d]", p, i)
		a, b := v.regexp(np+".a", n.A), v.regexp(np+".b", n.B)
		if n.Within <= 0 {
			v.errorf(np+".within", "must be a positive number of words")
		}
		out.near = append(out.near, near{a: a, b: b, within: n.Within})
	}
	if d.Scope != "" {
		out.scope = v.regexp(p+".scope", d.Scope)
	}
	if d.Clause != nil {
		if role != roleDetect {
			v.errorf(p+".clause", "only a present rule's detect reads the clause around its match")
		}
		if len(d.Clause.Require) == 0 && len(d.Clause.Unless) == 0 {
			v.errorf(p+".clause", "needs require or unless")
		}
		out.clauseRequire = veto("clause.require", d.Clause.Require)
		out.clauseUnless = veto("clause.unless", d.Clause.Unless)
	}
	if d.Sides != nil {
		sp := p + ".sides"
		if len(d.Sides.Require) == 0 && len(d.Sides.Unless) == 0 && len(d.Sides.ClauseUnless) == 0 {
			v.errorf(sp, "needs require, unless or clause_unless")
		}
		if len(d.Sides.ClauseUnless) > 0 && role != roleDetect {
			v.errorf(sp+".clause_unless", "only a present rule's detect reads the clause around its match")
		}
		// A test that names neither side tests nothing the plain fields
		// cannot: it belongs in require or unless. A despite may ("neither
		// party" lifts the veto of "Customer shall not be liable").
		for _, f := range []struct {
			field string
			src   []string
		}{{"require", d.Sides.Require}, {"unless", d.Sides.Unless}, {"clause_unless", d.Sides.ClauseUnless}} {
			for i, s := range f.src {
				if !strings.Contains(s, ownSideWord) && !strings.Contains(s, otherSideWord) {
					v.errorf(fmt.Sprintf("%s.%s[%d]", sp, f.field, i), "names neither %q nor %q: a test without the sides belongs in detect's own fields", ownSideWord, otherSideWord)
				}
			}
		}
		out.sideRequire = veto("sides.require", d.Sides.Require)
		out.sideUnless = veto("sides.unless", d.Sides.Unless)
		out.sideDespite = veto("sides.despite", d.Sides.Despite)
		if len(d.Sides.Despite) > 0 && len(d.Sides.Unless) == 0 {
			v.errorf(sp+".despite", "lifts the unless vetoes, but there are none")
		}
		out.sideClauseUnless = veto("sides.clause_unless", d.Sides.ClauseUnless)
	}
	if d.Confidence < 0 || d.Confidence > 1 {
		v.errorf(p+".confidence", "must be between 0 and 1")
	}
	switch {
	case d.Confidence > 0:
		out.confidence = d.Confidence
	case role == roleDetect && len(d.Patterns) == 0 && len(d.Near) > 0:
		out.confidence = 0.6 // proximity only
	case role == roleDetect && len(d.Patterns) == 0:
		out.confidence = 0.8 // anchor phrase only
	}
	return out
}

// regexp compiles a pattern that runs on canonical text. A literal
// character that canonical text never contains (punctuation, upper case)
// can never match, so it is refused rather than left to fail silently.
func (v *validator) regexp(p, src string) *pattern {
	if src == "" {
		v.errorf(p, "empty regular expression")
		return nil
	}
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		v.errorf(p, "bad regular expression: %v", err)
		return nil
	}
	if r, ok := punctuationLiteral(re); ok {
		if unicode.IsUpper(r) {
			v.errorf(p, "%q can never match: patterns run on canonical text, which is lower case", r)
		} else {
			v.errorf(p, "%q can never match: patterns run on canonical text, where every character other than a letter or digit is a single space", r)
		}
		return nil
	}
	pat, err := compilePattern(src, re)
	if err != nil {
		v.errorf(p, "bad regular expression: %v", err)
		return nil
	}
	return pat
}

func punctuationLiteral(re *syntax.Regexp) (rune, bool) {
	if re.Op == syntax.OpLiteral {
		for _, r := range re.Rune {
			if r != ' ' && !unicode.IsLetter(r) && !unicode.IsDigit(r) || unicode.IsUpper(r) {
				return r, true
			}
		}
	}
	for _, s := range re.Sub {
		if r, ok := punctuationLiteral(s); ok {
			return r, ok
		}
	}
	return 0, false
}
