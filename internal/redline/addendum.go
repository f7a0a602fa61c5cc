package redline

import (
	"bytes"
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/terms"
)

//go:embed addenda/*.tmpl
var addendaFS embed.FS

// AddendumKinds are the addenda TermScore writes, one per common gap.
var AddendumKinds = []string{"no-ai-training", "purpose-limitation", "ip-on-payment", "kill-fee", "portfolio-rights", "late-payment"}

// Parties fills an addendum in. Empty fields become blanks to fill in by
// hand ("[Client name and address]").
type Parties struct {
	Client, Contractor         string // legal names, e.g. "Acme Ltd"
	ClientTerm, ContractorTerm string // defined terms; default "Client" and "Contractor"
	Agreement                  string // title of the main agreement
	AgreementDate              string // its date, as written
	Date                       string // date of the addendum
	KillFee                    string // cancellation fee share; default "fifty per cent (50%)"
	LateRate                   string // monthly late interest; default "1.5%"
}

// addendumData is what the templates see.
type addendumData struct {
	Parties
	ClientParty, ContractorParty string
	AgreementRef                 string
	Next                         int // number of the precedence section
}

// AddendumInfo describes one kind of addendum.
type AddendumInfo struct {
	Kind, Title, Summary string
}

// Addenda lists the kinds with their titles and plain-English summaries
// (with the default party terms).
func Addenda() ([]AddendumInfo, error) {
	var out []AddendumInfo
	for _, k := range AddendumKinds {
		t, err := addendumTemplate(k)
		if err != nil {
			return nil, err
		}
		d := fill(Parties{})
		var title, sum bytes.Buffer
		if err := t.ExecuteTemplate(&title, "title", d); err != nil {
			return nil, err
		}
		if err := t.ExecuteTemplate(&sum, "summary", d); err != nil {
			return nil, err
		}
		out = append(out, AddendumInfo{Kind: k, Title: title.String(), Summary: sum.String()})
	}
	return out, nil
}

func addendumTemplate(kind string) (*template.Template, error) {
	if !slices.Contains(AddendumKinds, kind) {
		return nil, fault.New(fault.Invalid, "unknown addendum %q (one of: %s)", kind, strings.Join(AddendumKinds, ", "))
	}
	return template.New(kind).Option("missingkey=error").ParseFS(addendaFS, "addenda/common.tmpl", "addenda/"+kind+".tmpl")
}

func fill(p Parties) addendumData {
	def := func(s *string, v string) {
		if strings.TrimSpace(*s) == "" {
			*s = v
		}
	}
	def(&p.ClientTerm, "Client")
	def(&p.ContractorTerm, "Contractor")
	def(&p.Date, "____________________")
	def(&p.KillFee, "fifty per cent (50%)")
	def(&p.LateRate, "1.5%")
	d := addendumData{Parties: p, ClientParty: p.Client, ContractorParty: p.Contractor}
	def(&d.ClientParty, "[Client name and address]")
	def(&d.ContractorParty, "[Contractor name and address]")
	switch {
	case p.Agreement != "" && p.AgreementDate != "" && !strings.ContainsAny(p.AgreementDate, "0123456789"):
		// Not a calendar date but an event ("the date of last
		// signature"): "dated the date of …" would not read.
		d.AgreementRef = fmt.Sprintf("the %s between the parties, effective on %s", strings.TrimPrefix(p.Agreement, "the "), p.AgreementDate)
	case p.Agreement != "" && p.AgreementDate != "":
		d.AgreementRef = fmt.Sprintf("the %s dated %s", strings.TrimPrefix(p.Agreement, "the "), p.AgreementDate)
	case p.Agreement != "":
		d.AgreementRef = "the " + strings.TrimPrefix(p.Agreement, "the ") + " between the parties"
	default:
		d.AgreementRef = "the agreement between the parties dated [date of the agreement]"
	}
	return d
}

// Addendum writes the addendum of the given kind as "docx", "markdown"
// or "pdf".
func Addendum(kind string, p Parties, format string) ([]byte, error) {
	t, err := addendumTemplate(kind)
	if err != nil {
		return nil, err
	}
	d := fill(p)
	var clauses bytes.Buffer
	if err := t.ExecuteTemplate(&clauses, "clauses", d); err != nil {
		return nil, err
	}
	d.Next = strings.Count("\n"+clauses.String(), "\n## ") + 1
	var text bytes.Buffer
	if err := t.ExecuteTemplate(&text, "addendum", d); err != nil {
		return nil, err
	}
	els := parseAddendum(text.String())
	switch format {
	case "markdown", "md":
		return addendumMarkdown(els, d), nil
	case "docx":
		return buildDOCX(addendumParas(els, d))
	case "pdf":
		return addendumPDF(els, d), nil
	}
	return nil, fault.New(fault.Invalid, "unknown format %q: use docx, markdown or pdf", format)
}

type elemKind int

const (
	elTitle elemKind = iota
	elSummary
	elHeading
	elPara
	elItem // "(a) …": an indented list item
	elSignatures
)

type elem struct {
	kind elemKind
	text string
}

// parseAddendum reads the templates' light markup: "# " title, "> "
// summary, "## " heading, "!signatures", paragraphs between blank lines.
func parseAddendum(s string) []elem {
	var out []elem
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "## "):
			out = append(out, elem{elHeading, line[3:]})
		case strings.HasPrefix(line, "# "):
			out = append(out, elem{elTitle, line[2:]})
		case strings.HasPrefix(line, "> "):
			out = append(out, elem{elSummary, strings.TrimPrefix(line[2:], "In plain English: ")})
		case line == "!signatures":
			out = append(out, elem{kind: elSignatures})
		case strings.HasPrefix(line, "("):
			out = append(out, elem{elItem, line})
		default:
			out = append(out, elem{elPara, line})
		}
	}
	return out
}

var signatureLines = []string{"Signature", "Name", "Title", "Date"}

func addendumMarkdown(els []elem, d addendumData) []byte {
	var b strings.Builder
	for _, e := range els {
		switch e.kind {
		case elTitle:
			b.WriteString("# " + e.text + "\n\n")
		case elSummary:
			b.WriteString("> **In plain English:** " + e.text + "\n\n")
		case elHeading:
			b.WriteString("## " + e.text + "\n\n")
		case elItem:
			b.WriteString("   " + e.text + "\n\n")
		case elPara:
			b.WriteString(e.text + "\n\n")
		case elSignatures:
			b.WriteString("## Signatures\n\n")
			for _, side := range [][2]string{{d.ClientTerm, d.ClientParty}, {d.ContractorTerm, d.ContractorParty}} {
				fmt.Fprintf(&b, "**%s**: %s\n\n", strings.ToUpper(side[0]), side[1])
				for _, l := range signatureLines {
					fmt.Fprintf(&b, "%s: ______________________________\n\n", l)
				}
			}
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}

func addendumParas(els []elem, d addendumData) []para {
	var ps []para
	for _, e := range els {
		switch e.kind {
		case elTitle:
			ps = append(ps, para{style: "Title", runs: plain(e.text)})
		case elSummary:
			ps = append(ps, para{runs: []textRun{{text: "In plain English: ", bold: true, italic: true}, {text: e.text, italic: true}}})
		case elHeading:
			ps = append(ps, para{style: "Heading2", runs: plain(e.text)})
		case elItem:
			ps = append(ps, para{indent: 1, runs: plain(e.text)})
		case elPara:
			ps = append(ps, para{runs: plain(e.text)})
		case elSignatures:
			ps = append(ps, para{style: "Heading2", runs: plain("Signatures"), space: true})
			rows := [][]string{{strings.ToUpper(d.ClientTerm) + ": " + d.ClientParty, strings.ToUpper(d.ContractorTerm) + ": " + d.ContractorParty}}
			for _, l := range signatureLines {
				rows = append(rows, []string{l + ":", l + ":"})
			}
			ps = append(ps, para{rows: rows, sign: true})
		}
	}
	return ps
}

// PartiesFrom takes the parties, the agreement's title and its date from
// a scanned contract's key terms. Party names that are template fields
// or redactions are left blank.
func PartiesFrom(r *analyze.Report) Parties {
	var p Parties
	kt := r.KeyTerms
	for _, party := range kt.Parties {
		if !plausibleName(party) {
			continue
		}
		alias := party.Alias
		switch {
		case p.Client == "" && isTerm(alias, clientWords):
			p.Client, p.ClientTerm = party.Name, alias
		case p.Contractor == "" && isTerm(alias, contractorWords):
			p.Contractor, p.ContractorTerm = party.Name, alias
		}
	}
	// One side known by its role word and one other named party: that
	// party is the other side, under the name the contract gives it
	// (Aduro Biotech's consulting agreement: "Aduro" and "Consultant").
	if (p.Client == "") != (p.Contractor == "") {
		var others []terms.Party
		for _, party := range kt.Parties {
			if plausibleName(party) && party.Name != p.Client && party.Name != p.Contractor {
				others = append(others, party)
			}
		}
		if len(others) == 1 {
			o := others[0]
			switch {
			case p.Client == "" && !isTerm(o.Alias, contractorWords):
				p.Client, p.ClientTerm = o.Name, o.Alias
			case p.Contractor == "" && !isTerm(o.Alias, clientWords):
				p.Contractor, p.ContractorTerm = o.Name, o.Alias
			}
		}
	}
	// Without recognisable roles, the first two named parties in order.
	if p.Client == "" && p.Contractor == "" {
		var named []string
		for _, party := range kt.Parties {
			if plausibleName(party) {
				named = append(named, party.Name)
			}
		}
		if len(named) == 2 {
			p.Client, p.Contractor = named[0], named[1]
		}
	}
	p.Agreement = readableTitle(kt.DocumentTitle)
	if kt.AgreementDate != nil && !kt.AgreementDate.Placeholder {
		p.AgreementDate = kt.AgreementDate.Text
	} else if kt.EffectiveDate != nil && !kt.EffectiveDate.Placeholder {
		p.AgreementDate = kt.EffectiveDate.Text
	}
	return p
}

// readableTitle writes a title set in capitals ("CONSULTING AGREEMENT")
// the way a person would type it in an email or a reference ("Consulting
// Agreement"): capitals read as shouting there. Small words are lower
// case after the first, and acronyms and Roman numerals stay as they are.
// A title with any lower-case letter is kept as written.
func readableTitle(title string) string {
	if strings.ToUpper(title) != title || strings.ToLower(title) == title {
		return title
	}
	words := strings.Fields(title)
	for i, w := range words {
		core := strings.TrimRight(w, ".,:;)")
		switch {
		case keepCapitals[core] || romanNumeral.MatchString(core):
		case i > 0 && smallWords[strings.ToLower(w)]:
			words[i] = strings.ToLower(w)
		default:
			r, n := utf8.DecodeRuneInString(w)
			words[i] = string(r) + strings.ToLower(w[n:])
		}
	}
	return strings.Join(words, " ")
}

var (
	smallWords   = map[string]bool{"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true, "in": true, "of": true, "on": true, "or": true, "the": true, "to": true, "with": true}
	keepCapitals = map[string]bool{"AI": true, "API": true, "EU": true, "IP": true, "IT": true, "LLC": true, "LLP": true, "MSA": true, "NDA": true, "SLA": true, "SOW": true, "UK": true, "US": true, "USA": true}
	romanNumeral = regexp.MustCompile(`^(II|III|IV|VI|VII|VIII|IX|XI|XII)$`)
)

var (
	clientWords     = []string{"Agency", "Client", "Customer", "Company", "Buyer", "Purchaser", "Studio", "Publisher", "Licensee", "Employer"}
	contractorWords = []string{"Contractor", "Consultant", "Freelancer", "Designer", "Developer", "Service Provider", "Provider", "Supplier", "Vendor", "Creator", "Artist", "Writer", "Licensor"}
)

func isTerm(alias string, words []string) bool {
	for _, w := range words {
		if strings.EqualFold(alias, w) {
			return true
		}
	}
	return false
}

// plausibleName rejects what is not a party's name: template fields, a
// role word standing in for the name ("Company"), or a phrase of the
// template ("Contractor, each as identified on").
func plausibleName(p terms.Party) bool {
	name := strings.TrimSpace(p.Name)
	if p.Placeholder || name == "" || len(name) > 80 || strings.EqualFold(name, p.Alias) ||
		isTerm(name, clientWords) || isTerm(name, contractorWords) || strings.ContainsAny(name, "{}[]_") {
		return false
	}
	for _, w := range strings.Fields(name)[1:] {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !connector[w] {
			return false
		}
	}
	return true
}

// Lower-case words that appear inside company names.
var connector = map[string]bool{"of": true, "and": true, "the": true, "de": true, "du": true, "der": true, "van": true, "von": true, "&": true, "for": true, "la": true, "le": true}
