// Command termseval measures key-term extraction (internal/terms) against
// the CUAD answers, and document-type detection (internal/doctype) against
// CUAD contract types, the template manifest, the UNFAIR-ToS documents and
// non-contract text.
//
//	go run ./tools/termseval [-data ../shared/data] [-v field] [-negatives GLOB] [-dump terms.jsonl]
//
// Matching rules (one row per CUAD category, over all contracts):
//   - a document counts as "gold" when CUAD's answer is non-empty, as
//     "predicted" when the extractor returned a value; it is "correct" when
//     both are present and equal after normalisation: dates as M/D/YYYY
//     (blanks as []), durations in days (months as 30, years as 365),
//     governing law as an ISO 3166 code (same name when no code), titles
//     as lower-case words;
//   - precision = correct/predicted, recall = correct/gold, accuracy =
//     (correct + both empty)/documents;
//   - parties: recall is the fraction of CUAD's party names found (a name
//     matches when equal after dropping case, punctuation and company
//     suffixes, or when one contains the other, or the defined aliases are
//     equal); precision is the fraction of extracted parties that match a
//     CUAD party.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/doctype"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/segment"
	"github.com/termscore/termscore/internal/terms"
)

type cuadDoc struct {
	TXT    string `json:"contract_txt"`
	Type   string `json:"contract_type"`
	Labels map[string]struct {
		Answer string `json:"answer"`
		Spans  int    `json:"n_spans"`
	} `json:"labels"`
}

func main() {
	data := flag.String("data", "../shared/data", "the shared data directory")
	verbose := flag.String("v", "", "print the documents where this field (or \"doctype\") was wrong")
	negatives := flag.String("negatives", "/usr/share/doc/*/README*", "glob of non-contract texts for the is-contract check")
	dump := flag.String("dump", "", "write each CUAD contract's key terms and detected type to this JSON Lines file")
	flag.Parse()
	if err := run(*data, *verbose, *negatives, *dump); err != nil {
		fmt.Fprintln(os.Stderr, "termseval:", err)
		os.Exit(1)
	}
}

func run(data, verbose, negatives, dump string) error {
	docs, err := loadCUAD(filepath.Join(data, "cuad", "documents.jsonl"))
	if err != nil {
		return err
	}
	var out *json.Encoder
	if dump != "" {
		f, err := os.Create(dump)
		if err != nil {
			return err
		}
		defer f.Close()
		out = json.NewEncoder(f)
	}
	ex := extract.New(extract.Options{NoOCR: true})
	stats := map[string]*stat{}
	var party partyStat
	dt := newConfusion()
	roles := roleTally{}
	var elapsed, slowest time.Duration
	var slowestDoc string
	for _, d := range docs {
		doc, err := read(ex, filepath.Join(data, "cuad", "contracts", d.TXT))
		if err != nil {
			return err
		}
		start := time.Now()
		kt := terms.Extract(doc)
		took := time.Since(start)
		elapsed += took
		if took > slowest {
			slowest, slowestDoc = took, fmt.Sprintf("%s, %d KB", d.TXT, len(doc.Text)>>10)
		}
		for _, f := range fields {
			gold := strings.TrimSpace(d.Labels[f.cuad].Answer)
			got := f.get(kt)
			st := stats[f.cuad]
			if st == nil {
				st = &stat{}
				stats[f.cuad] = st
			}
			ok := st.add(gold, got, f.norm)
			if verbose == f.cuad && !ok {
				fmt.Printf("%s\n  gold: %q\n  got:  %q\n", d.TXT, gold, got)
			}
		}
		party.add(d.Labels["Parties"].Answer, kt.Parties, verbose == "Parties", d.TXT)
		if out != nil {
			if err := out.Encode(map[string]any{"contract": d.TXT, "type": doctype.Detect(doc).Type, "key_terms": kt}); err != nil {
				return err
			}
		}
		if r := doctype.Detect(doc); r.IsContract {
			roles.add(d.Type, r.Role)
		}
		if want := cuadType(d.Type); want != "" {
			r := doctype.Detect(doc)
			dt.add("cuad", want, r)
			if verbose == "doctype" && (r.Type != want || !r.IsContract) {
				fmt.Printf("%s (%s): got %s %v\n", d.TXT, d.Type, r.Type, r.Evidence)
			}
		}
	}
	fmt.Printf("Key terms on %d CUAD contracts (extraction wall time %.2f ms per contract on average, slowest %.2f ms: %s):\n\n",
		len(docs), float64(elapsed.Microseconds())/1000/float64(len(docs)), float64(slowest.Microseconds())/1000, slowestDoc)
	fmt.Printf("| field | gold | predicted | correct | precision | recall | accuracy |\n|---|---|---|---|---|---|---|\n")
	fmt.Printf("| Parties (names) | %d | %d | %d/%d | %.3f | %.3f | |\n", party.gold, party.pred, party.found, party.predOK, ratio(party.predOK, party.pred), ratio(party.found, party.gold))
	for _, f := range fields {
		st := stats[f.cuad]
		fmt.Printf("| %s | %d | %d | %d | %.3f | %.3f | %.3f |\n", f.cuad, st.gold, st.pred, st.correct, ratio(st.correct, st.pred), ratio(st.correct, st.gold), ratio(st.correct+st.bothEmpty, st.n))
	}

	if err := templates(ex, data, dt, verbose == "doctype"); err != nil {
		return err
	}
	if err := unfairToS(filepath.Join(data, "unfair-tos", "sentences.jsonl"), dt, verbose == "doctype"); err != nil {
		return err
	}
	if negatives != "" {
		files, _ := filepath.Glob(negatives)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil || len(raw) < 400 || len(raw) > 200000 {
				continue
			}
			doc := build(f, string(raw))
			r := doctype.Detect(doc)
			dt.add("non-contracts", "not-a-contract", r)
			if verbose == "doctype" && r.IsContract {
				fmt.Printf("%s: read as a contract (%s) %v\n", f, r.Type, r.Evidence)
			}
		}
	}
	dt.print()
	roles.print()
	return nil
}

// roleTally counts the default reviewer role Detect gives the CUAD
// contracts of each CUAD type: the lawyer's check that a distributor
// agreement is reviewed for the distributor, a franchise for the
// franchisee.
type roleTally map[string]map[string]int

func (t roleTally) add(cuadType, role string) {
	if t[cuadType] == nil {
		t[cuadType] = map[string]int{}
	}
	t[cuadType][role]++
}

func (t roleTally) print() {
	fmt.Printf("\nDefault role of the CUAD contracts by CUAD type (contracts only):\n\n| CUAD type | roles |\n|---|---|\n")
	types := make([]string, 0, len(t))
	for k := range t {
		types = append(types, k)
	}
	sort.Strings(types)
	for _, k := range types {
		var parts []string
		for r, n := range t[k] {
			parts = append(parts, fmt.Sprintf("%s %d", r, n))
		}
		sort.Strings(parts)
		fmt.Printf("| %s | %s |\n", k, strings.Join(parts, ", "))
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func loadCUAD(path string) ([]cuadDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []cuadDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d cuadDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

// read reads a file through the product's extractor; when the reader for
// its format is not built yet, it falls back to paragraphs split on blank
// lines, so the evaluation measures the extractor, not the reader.
func read(ex *extract.Extractor, path string) (*document.Document, error) {
	doc, err := ex.ReadFile(context.Background(), path)
	if err == nil {
		return doc, nil
	}
	raw, rerr := os.ReadFile(path)
	if rerr != nil {
		return nil, rerr
	}
	return build(path, string(raw)), nil
}

func build(name, text string) *document.Document {
	b := document.NewBuilder(name, document.Text)
	for _, p := range regexp.MustCompile(`\n\s*\n`).Split(text, -1) {
		b.Add(document.Block{Kind: document.Paragraph}, p)
	}
	doc := b.Document()
	segment.Build(doc)
	return doc
}

// field is one CUAD category compared with one extracted value.
type field struct {
	cuad string
	get  func(terms.KeyTerms) string
	norm func(string) string
}

var fields = []field{
	{"Document Name", func(k terms.KeyTerms) string { return k.DocumentTitle }, normWords},
	{"Agreement Date", func(k terms.KeyTerms) string { return dateMDY(k.AgreementDate) }, normDate},
	{"Effective Date", func(k terms.KeyTerms) string { return dateMDY(k.EffectiveDate) }, normDate},
	{"Expiration Date", func(k terms.KeyTerms) string {
		if k.Perpetual {
			return "perpetual"
		}
		return dateMDY(k.ExpirationDate)
	}, normDate},
	{"Renewal Term", func(k terms.KeyTerms) string {
		if k.RenewalTerm == nil {
			return ""
		}
		return durationText(&k.RenewalTerm.Duration)
	}, normDuration},
	{"Notice Period to Terminate Renewal", func(k terms.KeyTerms) string { return durationText(k.NoticePeriodToTerminateRenewal) }, normDuration},
	{"Governing Law", func(k terms.KeyTerms) string {
		if k.GoverningLaw == nil {
			return ""
		}
		return k.GoverningLaw.Name
	}, normLaw},
}

func dateMDY(d *terms.Date) string {
	if d == nil || d.Year == 0 && d.Month == 0 && d.Day == 0 && !d.Placeholder {
		// No date ("the date of last signature"): CUAD gives none either.
		return ""
	}
	part := func(v int) string {
		if v == 0 {
			return "[]"
		}
		return strconv.Itoa(v)
	}
	return part(d.Month) + "/" + part(d.Day) + "/" + part(d.Year)
}

func durationText(d *terms.Duration) string {
	if d == nil {
		return ""
	}
	return strconv.FormatFloat(d.Count, 'f', -1, 64) + " " + d.Unit
}

var spaces = regexp.MustCompile(`[^a-z0-9]+`)

func normWords(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(strings.ToLower(s), " "))
}

func normDate(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "perpetual") {
		return "perpetual"
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return s
	}
	for i, p := range parts {
		if v, err := strconv.Atoi(p); err == nil {
			parts[i] = strconv.Itoa(v)
		}
	}
	// CUAD writes a few non-US dates day first (31/01/2025).
	if m, _ := strconv.Atoi(parts[0]); m > 12 {
		parts[0], parts[1] = parts[1], parts[0]
	}
	return strings.Join(parts, "/")
}

var durRe = regexp.MustCompile(`(?i)(\d+(?:\.\d+)?|one|two|three|four|five|six|twelve)\)?\s*(day|week|month|year)`)

// normDuration turns "successive 1 year" or "30 days" into days; the
// first duration of a multi-valued answer is the one compared.
func normDuration(s string) string {
	m := durRe.FindStringSubmatch(s)
	if m == nil {
		return strings.ToLower(strings.TrimSpace(s))
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		n = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "twelve": 12}[strings.ToLower(m[1])]
	}
	days := map[string]float64{"day": 1, "week": 7, "month": 30, "year": 365}[strings.ToLower(m[2])] * n
	if strings.ToLower(m[2]) == "month" && int(n)%12 == 0 {
		days = 365 * n / 12
	}
	return strconv.FormatFloat(days, 'f', 0, 64) + " days"
}

func normLaw(s string) string {
	first := strings.Split(s, ";")[0]
	if j, ok := terms.ParseJurisdiction(first); ok && j.Code != "" {
		return j.Code
	}
	return normWords(first)
}

type stat struct{ n, gold, pred, correct, bothEmpty int }

func (s *stat) add(gold, got string, norm func(string) string) bool {
	s.n++
	if strings.Trim(gold, "[]* /") == "" {
		gold = ""
	}
	switch {
	case gold == "" && got == "":
		s.bothEmpty++
		return true
	case gold == "":
		s.pred++
		return false
	case got == "":
		s.gold++
		return false
	}
	s.gold++
	s.pred++
	if norm(gold) == norm(got) {
		s.correct++
		return true
	}
	return false
}

type partyStat struct{ gold, found, pred, predOK int }

var quotedRe = regexp.MustCompile(`["“”]([^"“”]+)["“”]`)

var suffixes = map[string]bool{"inc": true, "corp": true, "corporation": true, "ltd": true, "llc": true, "l": true,
	"limited": true, "co": true, "company": true, "plc": true, "lp": true, "the": true, "sa": true, "nv": true,
	"bv": true, "ag": true, "gmbh": true, "incorporated": true, "p": true, "c": true, "a": true, "s": true}

func normName(s string) string {
	var out []string
	for _, w := range strings.Fields(spaces.ReplaceAllString(strings.ToLower(s), " ")) {
		if !suffixes[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

type goldParty struct{ name, alias string }

func parseGoldParties(answer string) []goldParty {
	var out []goldParty
	for _, e := range strings.Split(answer, ";") {
		e = strings.TrimSpace(e)
		name := e
		if i := strings.IndexByte(e, '('); i >= 0 {
			name = e[:i]
		}
		name = strings.TrimSpace(name)
		low := strings.ToLower(e)
		if name == "" || strings.Contains(low, "collectively") || strings.Contains(low, "individually") || strings.HasPrefix(low, "each") {
			continue
		}
		g := goldParty{name: normName(name)}
		if m := quotedRe.FindStringSubmatch(e); m != nil {
			g.alias = normName(m[1])
		}
		if g.name != "" {
			out = append(out, g)
		}
	}
	return out
}

func partyMatch(g goldParty, p terms.Party) bool {
	n := normName(p.Name)
	a := normName(p.Alias)
	switch {
	case n == "":
		return false
	case n == g.name:
		return true
	case len(n) >= 4 && len(g.name) >= 4 && (strings.Contains(n, g.name) || strings.Contains(g.name, n)):
		return true
	case a != "" && a == g.alias:
		return true
	}
	return false
}

func (s *partyStat) add(answer string, got []terms.Party, verbose bool, name string) {
	gold := parseGoldParties(answer)
	s.gold += len(gold)
	s.pred += len(got)
	missed := 0
	for _, g := range gold {
		found := false
		for _, p := range got {
			if partyMatch(g, p) {
				found = true
				break
			}
		}
		if found {
			s.found++
		} else {
			missed++
		}
	}
	for _, p := range got {
		for _, g := range gold {
			if partyMatch(g, p) {
				s.predOK++
				break
			}
		}
	}
	if verbose && missed > 0 {
		fmt.Printf("%s\n  gold: %q\n  got:  %q\n", name, answer, got)
	}
}

// cuadType maps CUAD contract types to TermScore's where one is a fit.
// Everything else is a commercial agreement TermScore calls "other".
func cuadType(t string) string {
	switch t {
	case "Service", "Maintenance", "Outsourcing", "Hosting", "Consulting Agreements":
		return doctype.Services
	case "License_Agreements":
		return doctype.License
	case "":
		return ""
	case "Development", "IP", "Non_Compete_Non_Solicit":
		// Mixed bags: development deals are services or licences, IP
		// agreements licences or assignments. Not scored.
		return ""
	}
	return doctype.Other
}

// templateTypes maps the manifest's doc_type to TermScore's type.
var templateTypes = []struct{ prefix, typ string }{
	{"SaaS/cloud service agreement", doctype.Services},
	{"Mutual NDA", doctype.NDA},
	{"Professional services", doctype.Services},
	{"Independent contractor", doctype.Freelance},
	{"Statement of work", doctype.Services},
	{"Software license", doctype.License},
	{"AI addendum", ""},
	{"Employment offer", doctype.Employment},
	{"Consumer/online terms", doctype.TermsOfService},
	{"SaaS terms of service", doctype.TermsOfService},
	{"Freelance", doctype.Freelance},
	{"Contractor work-for-hire", doctype.Freelance},
	{"Residential lease", doctype.Lease},
}

func templates(ex *extract.Extractor, data string, c *confusion, verbose bool) error {
	dir := filepath.Join(data, "templates")
	f, err := os.Open(filepath.Join(dir, "manifest.csv"))
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return err
	}
	for _, r := range rows[1:] {
		file, txt, kind := r[0], r[1], r[2]
		want := ""
		for _, t := range templateTypes {
			if strings.HasPrefix(kind, t.prefix) {
				want = t.typ
			}
		}
		if want == "" {
			continue
		}
		if txt != "" && strings.HasSuffix(file, ".docx") {
			file = txt
		}
		doc, err := read(ex, filepath.Join(dir, file))
		if err != nil {
			return err
		}
		res := doctype.Detect(doc)
		c.add("templates", want, res)
		if verbose {
			fmt.Printf("template %s (%s): got %s %.2f role %s %v\n", file, want, res.Type, res.Confidence, res.Role, res.Evidence)
		}
	}
	return nil
}

// unfairToS rebuilds each company's terms from the UNFAIR-ToS sentences.
func unfairToS(path string, c *confusion, verbose bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	byCompany := map[string][]string{}
	var order []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var s struct{ Company, Text string }
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return err
		}
		if _, ok := byCompany[s.Company]; !ok {
			order = append(order, s.Company)
		}
		byCompany[s.Company] = append(byCompany[s.Company], s.Text)
	}
	for _, co := range order {
		doc := build(co, strings.Join(byCompany[co], "\n\n"))
		r := doctype.Detect(doc)
		c.add("unfair-tos", doctype.TermsOfService, r)
		if verbose && r.Type != doctype.TermsOfService {
			fmt.Printf("unfair-tos %s: got %s %v\n", co, r.Type, r.Evidence)
		}
	}
	return sc.Err()
}

type confusion struct {
	sets  []string
	cells map[string]map[[2]string]int // set -> (want, got) -> n
}

func newConfusion() *confusion { return &confusion{cells: map[string]map[[2]string]int{}} }

func (c *confusion) add(set, want string, r doctype.Result) {
	if c.cells[set] == nil {
		c.cells[set] = map[[2]string]int{}
		c.sets = append(c.sets, set)
	}
	got := r.Type
	if !r.IsContract {
		got = "not-a-contract"
	}
	c.cells[set][[2]string{want, got}]++
}

func (c *confusion) print() {
	fmt.Printf("\nDocument type (rows: expected, columns: detected; not-a-contract = IsContract false):\n")
	for _, set := range c.sets {
		cells := c.cells[set]
		var wants, gots []string
		seenW, seenG := map[string]bool{}, map[string]bool{}
		n, ok, contract, family := 0, 0, 0, 0
		for k, v := range cells {
			if !seenW[k[0]] {
				seenW[k[0]] = true
				wants = append(wants, k[0])
			}
			if !seenG[k[1]] {
				seenG[k[1]] = true
				gots = append(gots, k[1])
			}
			n += v
			if k[0] == k[1] {
				ok += v
			}
			if (k[0] == "not-a-contract") == (k[1] == "not-a-contract") {
				contract += v
			}
			if k[0] == k[1] || k[0] == doctype.Services && k[1] == doctype.Freelance || k[0] == doctype.Freelance && k[1] == doctype.Services {
				family += v
			}
		}
		sort.Strings(wants)
		sort.Strings(gots)
		fmt.Printf("\n%s: %d documents, type accuracy %.3f (%.3f counting services and freelance as one), contract/not-contract accuracy %.3f\n\n| expected \\ detected | %s |\n|---|%s\n",
			set, n, ratio(ok, n), ratio(family, n), ratio(contract, n), strings.Join(gots, " | "), strings.Repeat("---|", len(gots)))
		for _, w := range wants {
			row := make([]string, len(gots))
			for i, g := range gots {
				row[i] = strconv.Itoa(cells[[2]string{w, g}])
			}
			fmt.Printf("| %s | %s |\n", w, strings.Join(row, " | "))
		}
	}
}
