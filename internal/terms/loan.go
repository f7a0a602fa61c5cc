package terms

import (
	"regexp"
	"strconv"
	"strings"
)

// Royalty is a running payment set as a share of revenue: a franchise's
// "6% of Gross Retail Sales", a publisher's "10% of net receipts".
type Royalty struct {
	RatePercent float64 `json:"rate_percent"`
	// Base is what the share is of, as written: "gross retail sales".
	Base string `json:"base,omitempty"`
	Per  string `json:"per,omitempty"` // month, quarter, year when stated
	Text string `json:"text"`
	Span Span   `json:"-"`
}

// InterestRate is the rate a loan bears, per year unless Per says
// otherwise.
type InterestRate struct {
	RatePercent float64 `json:"rate_percent,omitempty"`
	// RateBlank is the template field where the rate goes:
	// "{{interestRate}}%".
	RateBlank string `json:"rate_blank,omitempty"`
	Per       string `json:"per,omitempty"`
	Text      string `json:"text"`
	Span      Span   `json:"-"`
}

var (
	kwRoyalty  = keywords("royalt")
	kwInterest = keywords("interest")
	kwShareOf  = keywords("receipts", "gross sales", "net sales", "gross revenue", "net revenue")
	kwMaturity = keywords("maturity date")
)

// shareRe is a percentage of a base: "6% of Gross Retail Sales", "ten
// percent (10%) of the net receipts". Group 1 or 2 is the figure, group 3
// the base up to a word that ends it.
var shareRe = regexp.MustCompile(`(?:(\d{1,2}(?:\.\d{1,2})?)\s*%|(\d{1,2}(?:\.\d{1,2})?)\s+percent)\s*\)?\s+of\s+(?:the\s+|all\s+|its\s+|their\s+|such\s+)?((?:[a-z'’-]+\s+){0,4}?(?:sales|receipts|revenues?|income|profits?|price|proceeds))\b`)

// shareStarts is shareRe tried only where a figure begins.
var shareStarts = newStartRe(shareRe)

// royaltyPerRe is how often a royalty is counted: "a continuing monthly
// royalty", "royalties … payable quarterly".
var royaltyPerRe = regexp.MustCompile(`\b(monthly|per\s+month|each\s+month|quarterly|per\s+quarter|each\s+quarter|annual|annually|per\s+annum|per\s+year|weekly|per\s+week)\b`)

// royalty reads the first royalty set as a share of sales or receipts. A
// sentence with the share but no word for a royalty counts when a royalty
// heading stands just before it ("ROYALTIES … - 10% of net receipts on
// hardcover sales").
func royalty(s *scanner) *Royalty {
	spans := s.hits(30, kwRoyalty...)
	spans = append(spans, s.hits(30, kwShareOf...)...)
	var best *Royalty
	for _, sp := range spans {
		low := s.lower[sp.Start:sp.End]
		if !strings.Contains(low, "%") && !strings.Contains(low, "percent") {
			continue
		}
		if !strings.Contains(low, "royalt") && !strings.Contains(s.lower[max(0, sp.Start-300):sp.Start], "royalt") {
			continue
		}
		// A cap ("in no event … more than 50% of all revenues"), a discount,
		// an audit threshold or a late charge is no royalty.
		if has(low, "royalty-free", "royalty free", "underpa", "discrepanc", "in excess of", "exceed", "more than", "in no event", "discount", "late", "interest", "audit") {
			continue
		}
		m := shareStarts.FindStringSubmatchIndex(low)
		if m == nil {
			continue
		}
		r, ok := shareOf(s, sp, low, m)
		if !ok || strings.Contains(r.Base, "royalt") {
			continue // "75% of the statutory mechanical royalty rate"
		}
		if best == nil || sp.Start < best.Span.Start {
			best = r
		}
	}
	return best
}

var (
	kwCommission = keywords("commission")
	// kwAgent are the words for who takes a cut of a creator's money
	// without calling it a commission: "the Agent shall receive 15% of
	// all amounts due to the Author".
	kwAgent = keywords("agent", "agency", "manager", "management")
)

// creatorRe names the one whose money an agent or a manager takes a share
// of: an author, an artist, a performer. ("Client" is not: a staffing or
// a sales agency's client is a business.)
const creatorRe = `(?:author|artist|writer|composer|songwriter|illustrator|creator|talent|performer|model|athlete|player|actor|actress|musician|band|influencer|photographer)s?`

// paidRe is what a creator is paid, up to three words before it ("gross
// earnings", "advances and royalties").
const paidRe = `(?:["“]?[a-z'’-]+\s+){0,3}?["“]?(?:earnings|income|amounts?|monies|moneys|sums|advances?|royalties|compensation|fees|proceeds|payments)` +
	`(?:\s+and\s+(?:[a-z'’-]+\s+){0,2}?(?:earnings|income|amounts?|monies|moneys|sums|advances?|royalties|compensation|fees|proceeds|payments))?`

// creatorMoneyRe is money a creator is owed or paid: "all amounts due
// to the Author", "monies received by Artist", "advances and royalties
// payable to the Writer".
const creatorMoneyRe = paidRe + `\s+(?:(?:now\s+or\s+hereafter\s+)?(?:due|payable|paid|owed|owing|credited)\s+to|(?:received|earned)\s+by)\s+(?:the\s+)?` + creatorRe + `\b`

// commissionRe is a commission's share of what it is counted on: "20%
// of Artist's "Gross Earnings"", "fifteen percent (15%) of all monies
// received by the Author". Group 1 or 2 is the figure, group 3 the base,
// with the creator it is owed to where the sentence names one.
var commissionRe = regexp.MustCompile(`(?:(\d{1,2}(?:\.\d{1,2})?)\s*%|(\d{1,2}(?:\.\d{1,2})?)\s+percent)\s*\)?\s+of\s+(?:the\s+|all\s+|any\s+|its\s+|their\s+|such\s+)?(?:[a-z]+['’]s\s+)?(` +
	creatorMoneyRe + `|(?:["“]?[a-z'’-]+\s+){0,4}?["“]?(?:earnings|sales|receipts|revenues?|income|profits?|proceeds|monies|moneys|compensation|fees|amounts?|advances?)\b)`)

var commissionStarts = newStartRe(commissionRe)

// agentShareRe is an agent's or a manager's share of a creator's money
// in a sentence that never says "commission": the share must be of what
// is owed or paid to the creator, or of the creator's own ("15% of all
// amounts due to the Author", "20% of the Artist's gross earnings"), so
// that a royalty, a revenue share between businesses or a management
// fee on a franchise's revenues is none. Groups as commissionRe's.
var agentShareRe = regexp.MustCompile(`(?:(\d{1,2}(?:\.\d{1,2})?)\s*%|(\d{1,2}(?:\.\d{1,2})?)\s+percent)\s*\)?\s+of\s+(?:the\s+|all\s+|any\s+|such\s+)?(` +
	creatorMoneyRe + `|(?:the\s+)?` + creatorRe + `['’]s?\s+` + paidRe + `\b)`)

var agentShareStarts = newStartRe(agentShareRe)

// agentWordRe is the one who takes the share, named before it.
var agentWordRe = regexp.MustCompile(`\b(?:agent|agency|manager|management)\b`)

// notCommission marks a sentence whose share is a cap, a threshold, a
// discount, an audit's or a late payment's, or no commission at all.
var notCommission = []string{"in excess of", "exceed", "more than", "in no event", "late", "interest", "audit", "discount", "no commission", "shall not be entitled", "not entitled"}

// commission reads the first commission set as a share: a manager's or
// an agent's cut. A cap or a threshold ("no commission in excess of 20%
// of ...") is none. Where no sentence says "commission", an agent's or
// a manager's share of what a creator is owed is one: a book contract's
// agency clause directs the publisher to pay "the Author's sole and
// exclusive agent ... fifteen percent (15%) of all amounts due to the
// Author".
func commission(s *scanner) *Royalty {
	for _, sp := range s.hits(30, kwCommission...) {
		low := s.lower[sp.Start:sp.End]
		if !strings.Contains(low, "%") && !strings.Contains(low, "percent") || has(low, notCommission...) {
			continue
		}
		m := commissionStarts.FindStringSubmatchIndex(low)
		if m == nil || !strings.Contains(low[max(0, m[0]-200):min(len(low), m[1]+80)], "commission") {
			continue
		}
		if r, ok := shareOf(s, sp, low, m); ok {
			return r
		}
	}
	for _, sp := range s.hits(0, kwAgent...) {
		low := s.lower[sp.Start:sp.End]
		if !strings.Contains(low, "%") && !strings.Contains(low, "percent") || has(low, notCommission...) {
			continue
		}
		m := agentShareStarts.FindStringSubmatchIndex(low)
		if m == nil || !agentWordRe.MatchString(low[:m[0]]) {
			continue
		}
		if r, ok := shareOf(s, sp, low, m); ok {
			return r
		}
	}
	return nil
}

// unquote drops the quotation marks of a defined term.
var unquote = strings.NewReplacer(`"`, "", "“", "", "”", "")

// shareOf reads the share matched at m in the sentence sp (low is its
// lower-cased text) by shareRe or commissionRe: the figure, what it is
// of (without the quotation marks of a defined term: ""gross earnings""),
// and how often it is counted.
func shareOf(s *scanner, sp Span, low string, m []int) (*Royalty, bool) {
	num := group(low, m, 1)
	if num == "" {
		num = group(low, m, 2)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v <= 0 || v >= 100 {
		return nil, false
	}
	base := unquote.Replace(strings.Join(strings.Fields(group(low, m, 3)), " "))
	r := &Royalty{RatePercent: v, Base: base, Text: s.clip(sp), Span: sp}
	if p := royaltyPerRe.FindString(low); p != "" {
		r.Per = perWord(p)
	}
	return r, true
}

// perWord names the period a rate is counted over.
func perWord(p string) string {
	switch {
	case has(p, "month"):
		return "month"
	case has(p, "quarter"):
		return "quarter"
	case has(p, "week"):
		return "week"
	case has(p, "day", "daily"):
		return "day"
	}
	return "year"
}

// loanDoc reports whether the document is a loan: its opening names a
// promissory note or a loan, or a borrower and a lender. Only there is
// an interest rate the price of the deal rather than a charge on late
// payment, and a principal amount the sum lent rather than notes an
// agreement mentions.
func loanDoc(s *scanner) bool {
	if s.loan == 0 {
		head := s.lower[:min(len(s.lower), 3000)]
		s.loan = 1
		if has(head, "promissory note", "loan agreement", "note agreement") || has(head, "borrower") && has(head, "lender") {
			s.loan = 2
		}
	}
	return s.loan == 2
}

// rateRe is an interest rate: "6.5% per annum", "{{interestRate}}% per
// annum", "8 percent". Group 1 is the figure or the blank.
var rateRe = regexp.MustCompile(`(\d{1,2}(?:\.\d{1,4})?|\{\{?[ \w.-]{1,40}\}\}?|\[[^\[\]\n]{1,40}\]|_{3,})\s*(?:%|percent\b)`)

// interestRate reads the rate a loan bears, leaving out default and late
// interest and the usury ceiling.
func interestRate(s *scanner) *InterestRate {
	if !loanDoc(s) {
		return nil
	}
	for _, sp := range s.hits(40, kwInterest...) {
		low := s.lower[sp.Start:sp.End]
		if !strings.Contains(low, "%") && !strings.Contains(low, "percent") {
			continue
		}
		// Default and late interest, the usury ceiling, a floating rate
		// ("Prime +2%").
		if has(low, "default", "late", "overdue", "past due", "due date", "maximum", "usur", "exceed", "penalt", "after maturity", "judgment", "prime", "libor", "sofr") {
			continue
		}
		i := strings.Index(low, "interest")
		// The rate follows "interest" closely: "interest at 7% per annum",
		// "Interest Rate: {{interestRate}}%".
		m := rateRe.FindStringSubmatchIndex(low[i:min(len(low), i+60)])
		if m == nil {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		fig := sent[i+m[2] : i+m[3]]
		r := &InterestRate{Text: s.clip(sp), Span: sp, Per: "year"}
		rest := i + m[1]
		if p := perAfterRe.FindStringIndex(low[rest:]); p != nil {
			r.Per = perWord(low[rest+p[0] : rest+p[1]])
			rest += p[1]
		}
		// Labelled lines run together ("Principal Amount: … Interest
		// Rate: 8% per annum (fixed)"), or a long sentence, are cut to the
		// rate's own words.
		if i > 80 {
			if j := strings.IndexByte(low[rest:min(len(low), rest+40)], ')'); j >= 0 && strings.HasPrefix(strings.TrimLeft(low[rest:], " "), "(") {
				rest += j + 1
			}
			line := Span{Start: sp.Start + i, End: sp.Start + rest}
			r.Text, r.Span = s.clip(line), line
		}
		if v, err := strconv.ParseFloat(fig, 64); err == nil {
			if v <= 0 || v >= 100 {
				continue
			}
			r.RatePercent = v
		} else {
			r.RateBlank = fig
		}
		return r
	}
	return nil
}

// maturityRe is a note's maturity date as a labelled line or a clause:
// "Maturity Date: {{maturityDate}}", "the maturity date shall be June 1,
// 2027".
var maturityRe = regexp.MustCompile(`maturity\s+date\W{0,4}(?::|\bis\b|\bshall\s+be\b|\bof\b|\bmeans\b)`)

// maturity reads a loan's maturity date, the end of the note.
func maturity(s *scanner) *Date {
	if !loanDoc(s) {
		return nil
	}
	for _, sp := range s.hits(10, kwMaturity...) {
		low := s.lower[sp.Start:sp.End]
		m := maturityRe.FindStringIndex(low)
		if m == nil {
			continue
		}
		end := min(len(low), m[1]+40)
		sent := s.text[sp.Start:sp.End]
		if pm := placeholderRe.FindStringIndex(sent[m[1]:end]); pm != nil && pm[0] < 10 {
			at := sp.Start + m[1]
			return &Date{Text: sent[m[1]+pm[0] : m[1]+pm[1]], Placeholder: true, Span: Span{Start: at + pm[0], End: at + pm[1]}}
		}
		if d := findDates(s.text[sp.Start+m[1]:sp.Start+end], low[m[1]:end], sp.Start+m[1]); len(d) > 0 {
			return &d[0]
		}
	}
	return nil
}

// principal reads a loan's principal: the sum, or the template's blank
// for it, right after "principal amount" or "principal sum of".
func principal(s *scanner) (Span, Money, AmountBlank, bool) {
	if !loanDoc(s) {
		return Span{}, Money{}, AmountBlank{}, false
	}
	for _, sp := range s.hits(10, keywords("principal")...) {
		low := s.lower[sp.Start:sp.End]
		i := strings.Index(low, "principal amount")
		if i < 0 {
			i = strings.Index(low, "principal sum")
		}
		// "the unpaid principal amount", a prepayment or default clause:
		// not the sum lent.
		if i < 0 || has(low[max(0, i-20):i], "unpaid", "outstanding", "remaining") || has(low, "prepay", "default") {
			continue
		}
		at := i + len("principal sum")
		sent := s.text[sp.Start:sp.End]
		// The sum starts close after the words but may run long: "NINE
		// HUNDRED THOUSAND DOLLARS ($900,000.00)".
		if money := findMoney(sent[at:], low[at:], sp.Start+at, s.dollar); len(money) > 0 && money[0].Span.Start-(sp.Start+at) < 80 {
			return sp, money[0], AmountBlank{}, true
		}
		window := min(len(sent), at+40)
		if b, ok := findAmountBlank(sent[at:window], sp.Start+at, s.dollar); ok {
			return sp, Money{}, b, true
		}
	}
	return Span{}, Money{}, AmountBlank{}, false
}

// InitialFee is a one-off fee paid at the start beside the running price.
type InitialFee struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency,omitempty"`
	Text     string  `json:"text"`
	Span     Span    `json:"-"`
}

// initialFeeWords name a one-off fee, those that say it comes first
// before the rest: a franchise agreement may name both its "Franchise
// Fee" and its "initial franchise fee".
var initialFeeWords = [][]string{
	{"initial franchise fee", "initial fee", "initial license fee", "initial licence fee"},
	{"franchise fee", "set-up fee", "setup fee", "one-time fee", "one time fee", "upfront fee", "up-front fee", "joining fee", "onboarding fee", "signing fee"},
}

// initialFee reads the first one-off fee with its sum. The sum may stand
// in the next sentence of the same paragraph ("… an initial franchise
// fee in accordance with the schedule … Amount: $10,000.00"). A fee that
// is already the payment terms' amount is not repeated.
func initialFee(s *scanner, pay *PaymentTerms) *InitialFee {
	for _, words := range initialFeeWords {
		for _, sp := range s.hits(10, keywords(words...)...) {
			low := s.lower[sp.Start:sp.End]
			i := -1
			for _, w := range words {
				if j := strings.Index(low, w); j >= 0 && (i < 0 || j < i) {
					i = j
				}
			}
			if i < 0 || has(low, "late", "refund of", "waive", "discount", "reduc", "transfer fee", "renewal fee") {
				continue
			}
			at := sp.Start + i
			end := min(len(s.text), at+400)
			if j := strings.Index(s.text[at:end], "\n\n"); j >= 0 {
				end = at + j
			}
			var m *Money
			money := findMoney(s.text[at:end], s.lower[at:end], at, s.dollar)
			for i := range money {
				// "Twenty-Nine Thousand and No/100 Dollars ($29,000.00)":
				// the cents, not the fee.
				if st := money[i].Span.Start; st > 0 && s.text[st-1] == '/' {
					continue
				}
				m = &money[i]
				break
			}
			if m == nil || pay != nil && pay.Amount == m.Amount && pay.Currency == m.Currency {
				continue
			}
			// The sentence with the sum says more than a heading would; a
			// bare "Amount: $10,000.00" needs the sentence naming the fee.
			ms := s.sentence(m.Span.Start)
			text := s.clip(ms)
			if ms.Start >= sp.End && ms.End-ms.Start < 60 {
				text += " (" + s.clip(sp) + ")"
			}
			return &InitialFee{Amount: m.Amount, Currency: m.Currency, Text: text, Span: ms}
		}
	}
	return nil
}
