// Package terms extracts the key terms of a contract: parties, dates,
// durations, governing law and venue, payment, late fees, the liability
// cap, non-compete scope and lease deposits. Numbers are extracted as
// numbers, so that later stages can compare them with market practice.
package terms

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/document"
)

// KeyTerms are the facts the report shows under "key_terms".
type KeyTerms struct {
	Parties        []Party `json:"parties,omitempty"`
	DocumentTitle  string  `json:"document_title,omitempty"`
	AgreementDate  *Date   `json:"agreement_date,omitempty"`
	EffectiveDate  *Date   `json:"effective_date,omitempty"`
	ExpirationDate *Date   `json:"expiration_date,omitempty"`
	// Perpetual is set when the agreement runs with no end date.
	Perpetual bool      `json:"perpetual,omitempty"`
	Term      *Duration `json:"term,omitempty"`
	// IndefiniteTerm is set, when there is no fixed term or end date,
	// for a term that runs until someone ends it.
	IndefiniteTerm                 *Indefinite   `json:"indefinite_term,omitempty"`
	RenewalTerm                    *Renewal      `json:"renewal_term,omitempty"`
	NoticePeriodToTerminateRenewal *Duration     `json:"notice_period_to_terminate_renewal,omitempty"`
	NoticePeriod                   *Duration     `json:"notice_period,omitempty"`
	GoverningLaw                   *Jurisdiction `json:"governing_law,omitempty"`
	// GoverningLawPlaceholder is set when governing_law is a template
	// field ("{governing_law}", "[STATE]"), not a place: governing_law
	// keeps the field's text, as the spec wants a string there.
	GoverningLawPlaceholder bool   `json:"governing_law_placeholder,omitempty"`
	Venue                   *Venue `json:"venue,omitempty"`
	// VenuePlaceholder is the same for venue ("courts in {jurisdiction}").
	VenuePlaceholder bool          `json:"venue_placeholder,omitempty"`
	PaymentTerms     *PaymentTerms `json:"payment_terms,omitempty"`
	LateFee          *LateFee      `json:"late_fee,omitempty"`
	LiabilityCap     *LiabilityCap `json:"liability_cap,omitempty"`
	NonCompete       *NonCompete   `json:"non_compete,omitempty"`
	Deposit          *Deposit      `json:"deposit,omitempty"`
	// Royalty is a share of sales or receipts paid as it is earned.
	Royalty *Royalty `json:"royalty,omitempty"`
	// Commission is a manager's or an agent's share of what the client
	// earns ("20% of Artist's Gross Earnings"): what the creator gives
	// up, read as a royalty is.
	Commission *Royalty `json:"commission,omitempty"`
	// InitialFee is a one-off fee beside the running price: a
	// franchise's initial fee, a set-up fee.
	InitialFee *InitialFee `json:"initial_fee,omitempty"`
	// InterestRate is the rate a loan bears.
	InterestRate *InterestRate `json:"interest_rate,omitempty"`
}

// Party is one party named in the preamble.
type Party struct {
	// Name is the party's name: "Acme Corp". It is empty when the
	// contract names the party only by its role ("between Company and
	// Contractor, each as identified on the SOW"); then Alias holds the
	// role.
	Name        string
	Alias       string // the defined name: "Client"
	Placeholder bool   // a template field or a redaction, not a name
	Span        Span
}

// String is how the report shows a party: Acme Corp ("Client"), or for a
// party known only by its role: "Company" (role; name not stated).
func (p Party) String() string {
	if p.Name == "" {
		return `"` + p.Alias + `" (role; name not stated)`
	}
	if p.Alias == "" || strings.EqualFold(p.Alias, p.Name) {
		return p.Name
	}
	return p.Name + ` ("` + p.Alias + `")`
}

// MarshalJSON writes the party as one string.
func (p Party) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

// Renewal is the length of each renewal period.
type Renewal struct {
	Duration
	// Automatic is set when the term renews unless someone gives notice.
	Automatic bool `json:"automatic,omitempty"`
}

// Venue is where disputes are heard.
type Venue struct {
	Place     Jurisdiction `json:"place"`
	Exclusive bool         `json:"exclusive,omitempty"`
	Text      string       `json:"text"`
}

// MarshalJSON writes the venue as the place's name, like governing_law.
func (v Venue) MarshalJSON() ([]byte, error) { return json.Marshal(v.Place.Name) }

// PaymentTerms say how much is paid and how soon after invoicing.
type PaymentTerms struct {
	Amount   float64 `json:"amount,omitempty"`
	Currency string  `json:"currency,omitempty"`
	// AmountBlank is the template field where the amount goes when the
	// document leaves it to fill in: "[Monthly Rent]", "$_____".
	AmountBlank string `json:"amount_blank,omitempty"`
	NetDays     int    `json:"net_days,omitempty"`
	Text        string `json:"text"`
	Span        Span   `json:"-"`
}

// LateFee is interest or a fee on late payment.
type LateFee struct {
	RatePercent float64 `json:"rate_percent,omitempty"`
	Per         string  `json:"per,omitempty"` // day, month or year
	Amount      float64 `json:"amount,omitempty"`
	Currency    string  `json:"currency,omitempty"`
	Text        string  `json:"text"`
	Span        Span    `json:"-"`
}

// LiabilityCap is the ceiling on a party's liability.
type LiabilityCap struct {
	Amount   float64 `json:"amount,omitempty"`
	Currency string  `json:"currency,omitempty"`
	// FeesMultiple is the cap as a multiple of fees (1 for "the fees
	// paid"), FeesMonths the look-back window of those fees.
	FeesMultiple float64 `json:"fees_multiple,omitempty"`
	FeesMonths   float64 `json:"fees_months,omitempty"`
	Text         string  `json:"text"`
	Span         Span    `json:"-"`
}

// NonCompete is the scope of a covenant not to compete.
type NonCompete struct {
	Months float64 `json:"months,omitempty"`
	Area   string  `json:"area,omitempty"`
	Miles  float64 `json:"miles,omitempty"`
	Text   string  `json:"text"`
	Span   Span    `json:"-"`
}

// Deposit is a lease's security deposit.
type Deposit struct {
	Amount   float64 `json:"amount,omitempty"`
	Currency string  `json:"currency,omitempty"`
	// AmountBlank is as for PaymentTerms: "{{SECURITY_DEPOSIT}}".
	AmountBlank  string  `json:"amount_blank,omitempty"`
	MonthsOfRent float64 `json:"months_of_rent,omitempty"`
	Text         string  `json:"text"`
	Span         Span    `json:"-"`
}

// Extract reads the key terms of doc. Fields it cannot find stay empty.
func Extract(doc *document.Document) KeyTerms {
	s := newScanner(doc)
	var k KeyTerms
	k.DocumentTitle = title(doc, s)
	k.Parties = parties(s)
	k.AgreementDate, k.EffectiveDate = agreementDates(s)
	k.ExpirationDate, k.Perpetual = expiration(s)
	if k.ExpirationDate == nil {
		k.ExpirationDate = maturity(s)
	}
	k.Term = term(s)
	if k.Term != nil {
		k.Perpetual = false // a fixed term elsewhere wins over "until terminated"
		if k.ExpirationDate == nil {
			k.ExpirationDate = endOfTerm(k)
		}
	}
	k.RenewalTerm, k.NoticePeriodToTerminateRenewal = renewal(s)
	k.NoticePeriod = noticePeriod(s)
	if k.Term == nil && k.ExpirationDate == nil {
		k.IndefiniteTerm = indefinite(s, k.NoticePeriod)
	}
	k.GoverningLaw = governingLaw(s)
	k.GoverningLawPlaceholder = k.GoverningLaw != nil && k.GoverningLaw.Placeholder
	k.Venue = venue(s)
	k.VenuePlaceholder = k.Venue != nil && k.Venue.Place.Placeholder
	s.dollar = localDollar(s, k.GoverningLaw)
	k.PaymentTerms = payment(s)
	k.LateFee = lateFee(s)
	k.LiabilityCap = liabilityCap(s)
	k.NonCompete = nonCompete(s)
	k.Deposit = deposit(s)
	k.Royalty = royalty(s)
	k.Commission = commission(s)
	k.InitialFee = initialFee(s, k.PaymentTerms)
	k.InterestRate = interestRate(s)
	return k
}

// clip returns the text of sp, trimmed, for a Text field.
func (s *scanner) clip(sp Span) string { return strings.TrimSpace(s.text[sp.Start:sp.End]) }

// preambleEnd is how far the preamble (title, parties, date) may reach.
func (s *scanner) preambleEnd() int {
	if s.preamble > 0 {
		return s.preamble
	}
	end := min(len(s.lower), 5000)
	for _, w := range []string{"whereas", "recitals", "now, therefore", "now therefore", "background"} {
		if i := strings.Index(s.lower[:end], w); i > 200 {
			end = i
		}
	}
	s.preamble = end
	return end
}

var titleWords = []string{"agreement", "contract", "terms", "lease", "license", "licence", "policy",
	"addendum", "amendment", "letter", "statement of work", "nda", "tenancy", "conditions", "deed", "memorandum",
	"promissory note"}

// notTitleWords mark a heading that names a part of the document, not the
// document: "Agreement Summary", "How to set up an agreement".
var notTitleWords = []string{"summary", "table of contents", "how to", "interpreting", "instructions",
	"cover page", "signature", "key terms", "overview", "recitals", "definitions", "exhibit", "appendix", "annex"}

var capsTitleRe = regexp.MustCompile(`\b((?:[A-Z0-9][A-Z0-9&/,.'’-]*[ \t]+){0,8}(?:AGREEMENT|CONTRACT|LEASE|LICENSE|LICENCE|AMENDMENT|ADDENDUM|TERMS OF SERVICE|TERMS OF USE|STATEMENT OF WORK))\b`)

// capsTitleWords are the words one of which ends every capsTitleRe match.
var capsTitleWords = []string{"AGREEMENT", "CONTRACT", "LEASE", "LICENSE", "LICENCE", "AMENDMENT", "ADDENDUM",
	"TERMS OF SERVICE", "TERMS OF USE", "STATEMENT OF WORK"}

// capsTitle returns capsTitleRe.FindStringSubmatch(head), running the
// expression only around the words it ends with: over a whole head of
// capitals it cost a tenth of Extract. A match is at most eight words
// (runs of capsByte bytes apart by spaces or tabs), then one of
// capsTitleWords of up to three; so a match that starts at or before the
// first of those words lies between eight gaps before it and ten after
// it, and none starts earlier.
func capsTitle(head string) []string {
	for at := 0; at < len(head); {
		k := -1
		for _, w := range capsTitleWords {
			if i := strings.Index(head[at:], w); i >= 0 && (k < 0 || i < k) {
				k = i
			}
		}
		if k < 0 {
			return nil
		}
		k += at
		lo, hi := capsWords(head, k, -1, 8), capsWords(head, k, 1, 10)
		// One rune either side, whole, for \b to read as it does in head.
		if lo > 0 {
			lo--
			for lo > 0 && head[lo]&0xC0 == 0x80 {
				lo--
			}
		}
		if hi < len(head) {
			hi++
			for hi < len(head) && head[hi]&0xC0 == 0x80 {
				hi++
			}
		}
		if m := capsTitleRe.FindStringSubmatchIndex(head[lo:hi]); m != nil && lo+m[0] <= k {
			out := make([]string, len(m)/2)
			for i := range out {
				if m[2*i] >= 0 {
					out[i] = head[lo+m[2*i] : lo+m[2*i+1]]
				}
			}
			return out
		}
		at = k + 1
	}
	return nil
}

// capsWords walks from byte i of s in direction dir (-1 or 1) over
// capsByte bytes, crossing at most gaps runs of spaces and tabs, and
// returns where it stopped: the start (or end) of the run of words.
func capsWords(s string, i, dir, gaps int) int {
	if dir < 0 {
		for ; i > 0 && capsByte[s[i-1]]; i-- {
			if c := s[i-1]; (c == ' ' || c == '\t') && i < len(s) && s[i] != ' ' && s[i] != '\t' {
				if gaps == 0 {
					return i
				}
				gaps--
			}
		}
		return i
	}
	for ; i < len(s) && capsByte[s[i]]; i++ {
		if c := s[i]; (c == ' ' || c == '\t') && i > 0 && s[i-1] != ' ' && s[i-1] != '\t' {
			if gaps == 0 {
				return i
			}
			gaps--
		}
	}
	return i
}

// capsByte marks the bytes of a capsTitleRe match: capitals, digits,
// &/,.'- and the bytes of ’, spaces and tabs.
var capsByte = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&/,.'- \t’") {
		t[c] = true
	}
	return t
}()

var thisTitleRe = regexp.MustCompile(`\bTh(?:is|e)\s+((?:[A-Z][\w&/-]*\s+){0,7}(?:Agreement|Contract|Lease|License|Licence|Amendment|Addendum))\b`)

// definedTitleRe finds a title written in lower case where the agreement
// defines itself: "this consulting agreement ("Agreement")".
var definedTitleRe = regexp.MustCompile(`\bthis\s+((?:[a-z][\w-]*\s+){1,4}(?:agreement|contract))\s*\(\s*(?:the\s+|this\s+)?["“”]agreement["“”]\s*\)`)

// title finds the document's title: the first short heading-like block
// that names a kind of document, or the first capitalised name of one.
func title(doc *document.Document, s *scanner) string {
	for i, b := range doc.Blocks {
		if i >= 40 || b.Start > 3000 {
			break
		}
		t := doc.Text[b.Start:b.End]
		if len(t) > 120 || len(t) < 3 {
			continue
		}
		low := strings.ToLower(t)
		// A numeric exhibit label is the filing's, not the contract's:
		// "EXHIBIT 10.1 RESELLER AGREEMENT".
		if m := exhibitLabelRe.FindStringIndex(low); m != nil && m[1] < len(low) {
			t, low = t[m[1]:], low[m[1]:]
		}
		switch {
		case b.Kind == document.Heading || mostlyUpper(t):
		case b.Kind == document.Paragraph && titleCased(t) && endsWithTitleWord(low):
			// "Independent Contractor Agreement" set as a plain paragraph.
		default:
			continue
		}
		if hasTitleWord(low) && !strings.HasPrefix(low, "this ") && !has(low, notTitleWords...) && !sectionHeadingRe.MatchString(t) {
			if c := cleanTitle(strings.Trim(strings.TrimLeft(t, "#* "), "*_ :")); c != "" {
				return c
			}
		}
	}
	head := s.text[:min(len(s.text), 1500)]
	if m := capsTitle(head); m != nil {
		t := strings.TrimSpace(m[1])
		// Drop a leading exhibit label run into the title.
		if i := strings.LastIndex(t, ". "); i >= 0 {
			t = t[i+2:]
		}
		if c := cleanTitle(t); c != "" {
			return c
		}
	}
	if m := thisTitleRe.FindStringSubmatch(head); m != nil {
		return strings.TrimSpace(m[1])
	}
	lowHead := s.lower[:len(head)]
	if m := definedTitleRe.FindStringSubmatchIndex(lowHead); m != nil {
		return head[m[2]:m[3]]
	}
	return ""
}

var (
	exhibitLabelRe   = regexp.MustCompile(`^(?:exhibit|ex\.?)\s+\d+(?:\.[\w()]+)*[.:]?\s+(?:-\s+)?`)
	sectionHeadingRe = regexp.MustCompile(`^(?:\d{1,2}\.|[IVX]+\.|ARTICLE|Article|Section|SECTION)\s`)
	// leadNoiseRe: filing numbers, "(TRANSLATION)", "EXECUTION COPY"
	// before a title.
	leadNoiseRe = regexp.MustCompile(`^(?i:\d+(?:\.[\w()]+)+\s+|\d{1,3}\s+|\(translation\)\s*|execution\s+(?:copy|version)\s+|confidential\s+)+`)
	// tailNoiseRe: what follows a title on its line.
	tailNoiseRe = regexp.MustCompile(`(?i)(?:,?\s+(?:dated|between|by\s+and|among|made|entered|effective|contract\s+no)\b|\s+-\s+|\s+--).*$`)
	// corpPrefixRe: a party's name before the title, ending in a company
	// suffix: "BIOPURE CORPORATION AGENCY AGREEMENT".
	corpPrefixRe = regexp.MustCompile(`^(?:[A-Z0-9][\w&.,'’-]*\s+){0,10}?(?:[A-Z0-9][\w&.,'’-]*,?\s+(?:INC\.?|CORPORATION|CORP\.?|LLC|L\.L\.C\.|LTD\.?|LIMITED|L\.P\.|CO\.|N\.D\. INC\.))\s+`)
)

// cleanTitle trims what is run into a title: filing labels before it, a
// party's name before it, dates and party lists after it.
func cleanTitle(t string) string {
	t = strings.TrimSpace(t)
	t = leadNoiseRe.ReplaceAllString(t, "")
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		t = t[:i]
	}
	// "Azure Yacht Group - Referral Partner Agreement": a name before the
	// dash, the title after it.
	if i := strings.Index(t, " - "); i > 0 && !hasTitleWord(strings.ToLower(t[:i])) && hasTitleWord(strings.ToLower(t[i+3:])) {
		t = strings.TrimSpace(t[i+3:])
	}
	t = tailNoiseRe.ReplaceAllString(t, "")
	if m := corpPrefixRe.FindStringIndex(t); m != nil && !strings.HasPrefix(strings.ToLower(t), "amendment") {
		if rest := strings.ToLower(t[m[1]:]); hasTitleWord(rest) {
			t = t[m[1]:]
		}
	}
	t = strings.TrimSpace(strings.TrimRight(t, " ,;:"))
	if len(t) < 3 || !hasTitleWord(strings.ToLower(t)) {
		return ""
	}
	return t
}

// hasTitleWord reports whether low has a word of titleWords at a word
// start, and "nda" as a whole word: not the "nda" of "standards",
// "calendar" or "foundation".
func hasTitleWord(low string) bool {
	for _, w := range titleWords {
		for off := 0; off < len(low); {
			i := strings.Index(low[off:], w)
			if i < 0 {
				break
			}
			i += off
			end := i + len(w)
			if (i == 0 || !isWordByte(low[i-1])) && (w != "nda" || end == len(low) || !isWordByte(low[end])) {
				return true
			}
			off = i + 1
		}
	}
	return false
}

// titleCased reports whether every longer word of s starts with a capital
// and s has no sentence punctuation: "Independent Contractor Agreement".
func titleCased(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 10 || strings.ContainsAny(s, ".;:,\"“”()") {
		return false
	}
	for _, w := range words {
		if len(w) > 3 && !(w[0] >= 'A' && w[0] <= 'Z') {
			return false
		}
	}
	return true
}

func endsWithTitleWord(low string) bool {
	for _, w := range []string{"agreement", "contract", "lease", "license", "licence", "addendum", "amendment", "terms", "terms of service", "terms of use", "statement of work", "nda"} {
		if strings.HasSuffix(low, " "+w) {
			return true
		}
	}
	return false
}

// mostlyUpper reports whether most letters of s are capitals, as in a
// title line of a plain-text contract.
func mostlyUpper(s string) bool {
	up, letters := 0, 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			up++
			letters++
		case r >= 'a' && r <= 'z':
			letters++
		}
	}
	return letters > 0 && up*10 >= letters*7
}

// endOfTerm works out the end date from the effective (or agreement) date
// and the initial term, when both are known.
func endOfTerm(k KeyTerms) *Date {
	start := k.EffectiveDate
	if start == nil || start.ISO == "" {
		start = k.AgreementDate
	}
	if start == nil || start.ISO == "" {
		return nil
	}
	t := time.Date(start.Year, time.Month(start.Month), start.Day, 0, 0, 0, 0, time.UTC)
	n := int(k.Term.Count)
	if float64(n) != k.Term.Count {
		return nil
	}
	switch k.Term.Unit {
	case "year":
		t = t.AddDate(n, 0, 0)
	case "month":
		t = t.AddDate(0, n, 0)
	case "week":
		t = t.AddDate(0, 0, 7*n)
	default:
		t = t.AddDate(0, 0, n)
	}
	return &Date{
		Text:     fmt.Sprintf("%s after %s", k.Term.Text, start.Text),
		ISO:      t.Format("2006-01-02"),
		Year:     t.Year(),
		Month:    int(t.Month()),
		Day:      t.Day(),
		Computed: true,
		Span:     k.Term.Span,
	}
}
