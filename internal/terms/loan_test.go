package terms

import (
	"fmt"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/segment"
)

// TestFranchiseAndLoanTerms reads a franchise's royalty and initial fee,
// a publisher's or label's royalty, and a promissory note's principal,
// interest rate and maturity date. All texts are our own, written after
// a franchise purchase agreement, a promissory note template, a record
// deal and a publishing contract a user's pass read (their licences are
// unstated, so none of their words are copied here).
func TestFranchiseAndLoanTerms(t *testing.T) {
	tests := []struct {
		name, text string
		want       string
	}{
		{"a franchise's monthly royalty on gross sales",
			"7. Royalty Fee\nEach month the Franchisee shall pay the Franchisor a royalty fee of 5.5% of gross sales of the restaurant for the preceding month.",
			"royalty 5.5% of gross sales per month"},
		{"a royalty under a royalty heading, on its own line",
			"5. ROYALTIES\n\nThe Publisher shall pay the Author these royalties:\n\n- 12% of net receipts on print copies\n- 20% of net receipts on audiobooks",
			"royalty 12% of net receipts per "},
		{"a label's royalty on the retail price, written out",
			"The Company shall pay the Artist a royalty of eight percent (8%) of the suggested retail list price of all records sold.",
			"royalty 8% of suggested retail list price per "},
		{"an initial franchise fee whose sum stands in the next sentence",
			"4. Initial Fee\nOn signing the Franchisee shall pay the Franchisor an initial franchise fee for the grant of the franchise. The fee is fully earned when paid. Amount: $25,000.00\n\n5. Royalty\nThe Franchisee shall pay a weekly royalty of 4% of Gross Revenues.",
			"initial fee 25000 USD | royalty 4% of gross revenues per week"},
		{"a note's principal and rate to fill in, and its maturity date",
			"PROMISSORY NOTE\n\nPrincipal Amount: ${{loan_amount}}\n\nMaturity Date: {{maturity_date}}\n\nFor value received, the Borrower promises to pay the Lender the principal sum of ${{loan_amount}}, with interest at {{rate}}% per annum. Each instalment of ${{instalment}} is due monthly.",
			"payment ${{loan_amount}} USD 0 | interest {{rate}} per year | ends {{maturity_date}}"},
		{"a note with figures",
			"The Borrower promises to pay to the Lender the principal amount of $50,000, together with interest on the unpaid balance at 7.25% per annum. The maturity date of this Note is March 1, 2029.",
			"payment  USD 50000 | interest 7.25 per year | ends 2029-03-01"},
		{"an initial fee in words and figures: the No/100 of the words is no sum",
			"6.1 Initial Franchise Fee. You agree to pay us the initial franchise fee of Twelve Thousand and No/100 Dollars ($12,000.00) when you sign this Agreement.",
			"payment  USD 12000"}, // the initial fee is the price here: not repeated
		{"a note's principal in words runs past a short window",
			"PROMISSORY NOTE\n\nFor value received, the Maker promises to pay to the Payee the principal sum of SEVEN HUNDRED FIFTY THOUSAND DOLLARS ($750,000.00), with interest at six percent (6%) per annum.",
			"payment  USD 750000 | interest 6 per year"},
		// Not a royalty, an initial fee or a loan's rate.
		{"an agreement that mentions notes' principal is no loan",
			"The Company has registered for sale an aggregate principal amount of $40,000,000 of subordinated notes. The Company will pay the Contractor a monthly service fee of $3,000.",
			"payment  USD 3000"},
		{"a floating rate in a loan is not read as a figure",
			"LOAN AGREEMENT\n\nThe Borrower shall pay interest on the Loan at the Prime Rate plus 2% per annum.",
			""},
		{"a royalty-free licence with a percentage elsewhere",
			"Licensor grants Licensee a royalty-free license. Licensee shall receive a discount of 10% of the list price.",
			""},
		{"an audit threshold on royalties",
			"If an audit shows that royalties were underpaid by more than 5% of the royalties due, Licensee shall bear the cost of the audit.",
			""},
		{"a late charge in a service agreement is no loan's rate",
			"Client shall pay each invoice within 30 days of receipt of the invoice. Unpaid amounts bear interest at 1.5% per month.",
			"payment  0 30"},
		{"a note's default rate is not its rate",
			"This promissory note is made by the Borrower. Upon default, interest shall accrue at 18% per annum.",
			""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := Extract(sentenceDoc(tc.text))
			var got []string
			if p := k.PaymentTerms; p != nil && p.NetDays > 0 {
				got = append(got, fmt.Sprintf("payment %s %s %d", p.AmountBlank, num(p.Amount), p.NetDays))
			} else if p != nil {
				got = append(got, "payment "+p.AmountBlank+" "+p.Currency+" "+num(p.Amount))
			}
			if f := k.InitialFee; f != nil {
				got = append(got, "initial fee "+num(f.Amount)+" "+f.Currency)
			}
			if r := k.Royalty; r != nil {
				got = append(got, "royalty "+num(r.RatePercent)+"% of "+r.Base+" per "+r.Per)
			}
			if r := k.InterestRate; r != nil {
				rate := r.RateBlank
				if rate == "" {
					rate = num(r.RatePercent)
				}
				got = append(got, "interest "+rate+" per "+r.Per)
			}
			if d := k.ExpirationDate; d != nil {
				e := d.ISO
				if d.Placeholder {
					e = d.Text
				}
				got = append(got, "ends "+e)
			}
			if s := strings.Join(got, " | "); s != tc.want {
				t.Errorf("got  %q\nwant %q", s, tc.want)
			}
		})
	}
}

// TestTableTotal reads a price table's total whose figures are bare, the
// currency standing in the column's heading. Own text, after a car
// rental agreement a user's pass read (its licence is unstated).
func TestTableTotal(t *testing.T) {
	tests := []struct {
		name, text string
		want       string
	}{
		{"a tab-separated table",
			"Pricing Summary\n\nDescription\tAmount (MAD)\nBase Rental Charge\t2,400.00\nGrand Total\t2,400.00\n\nRenter agrees to pay all charges specified herein.",
			"2400 MAD"},
		{"a markdown table",
			"| Item | Price (EUR) |\n|---|---|\n| Hire of van | 450.00 |\n| **Total** | 450.00 |",
			"450 EUR"},
		// Not a total to read.
		{"a currency column with no total row",
			"| Item | Amount (USD) |\n|---|---|\n| Hire of van | 450.00 |",
			"none"},
		{"a total row with no currency heading",
			"| Item | Amount |\n|---|---|\n| Total | 450.00 |",
			"none"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := Extract(tableDoc(tc.text))
			got := "none"
			if p := k.PaymentTerms; p != nil && p.Amount > 0 {
				got = num(p.Amount) + " " + p.Currency
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// tableDoc is sentenceDoc with a line of tab-separated cells read as a
// table row, as the readers lay out a document's tables.
func tableDoc(text string) *document.Document {
	b := document.NewBuilder("table", document.Text)
	row := 0
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !strings.Contains(line, "\t") {
			b.Add(document.Block{Kind: document.Paragraph}, line)
			continue
		}
		row++
		for col, cell := range strings.Split(line, "\t") {
			b.Add(document.Block{Kind: document.TableCell, Source: document.Source{Table: 1, Row: row, Col: col + 1}}, cell)
		}
	}
	doc := b.Document()
	segment.Build(doc)
	return doc
}
