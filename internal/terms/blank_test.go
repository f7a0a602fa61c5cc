package terms

import "testing"

// TestAmountBlank reads a template's price, rent or deposit left blank.
// Sources: the ashedryden freelance contract (CC0), the open-agreements
// offer letter and the Common Paper professional services agreement as
// bundled by open-agreements (CC BY 4.0); the cases marked "own text" we
// wrote after the lease and offer-letter templates we read.
func TestAmountBlank(t *testing.T) {
	tests := []struct {
		source, text string
		want         string // "payment: blank currency amount", then " | deposit: …" when there is one
	}{
		{"own text: a lease's rent as a bracketed field",
			"Tenants agree to pay Landlord rent in the amount of [Monthly Rent] per month, due on the first day of each month.",
			"payment: [Monthly Rent]  0"},
		{"own text: underscores after a dollar sign",
			"Tenant shall pay a security deposit in the amount of $______ to be held as security for the payment of rent.",
			"payment: none | deposit: $______ USD 0"},
		{"own text: words and figures both blank",
			"The Tenant shall pay to the Landlord the amount of ______ ($____) per month to lease the property.",
			"payment: ______ ($____) USD 0"},
		{"own text: a double-brace field after a dollar sign, and a deposit",
			"Monthly Base Rent: ${{MONTHLY_RENT}} per month\nTenant shall deposit with Landlord the sum of ${{SECURITY_DEPOSIT}} as security for Tenant's faithful performance.",
			"payment: ${{MONTHLY_RENT}} USD 0 | deposit: ${{SECURITY_DEPOSIT}} USD 0"},
		{"own text: pounds in the field",
			"We will provide ongoing services for an agreed monthly fee of [£ fee] excluding VAT.",
			"payment: [£ fee] GBP 0"},
		{"ashedryden freelance contract (CC0)",
			"You ([CLIENT COMPANY]) are hiring us ([MY COMPANY]) to [PROJECT NAME OR DESCRIPTION] at the hourly rate of [HOURLY RATE] per hour.",
			"payment: [HOURLY RATE]  0"},
		{"open-agreements offer letter (CC BY 4.0): the salary row of an offer of employment",
			"We are pleased to offer you employment with {company_name} on the terms below.\nBase Salary : {base_salary}",
			"payment: {base_salary}  0"},
		{"own text: the rent blank comes before a pet fee, which is not the rent",
			"Base Rental Amount(s): $__________________\nIf approved, an additional monthly fee of $100 will be applied to the tenant's current rent.",
			"payment: $__________________ USD 0"},
		{"own text: a filled-in rent is an amount",
			"Tenant shall pay rent of $1,250 per month, due on the first day of each month.",
			"payment:  USD 1250"},
		{"THERAVANCEBIOPHARMA service agreement (CUAD): a salary",
			"7. Salary 7.1 The Executive shall be paid a basic salary of £448,903 per annum subject to deductions required by law.",
			"payment:  GBP 448903"},
		// Not the price.
		{"own text after ExactSciences (CUAD): a salary excluded from a definition",
			"Field Force Expense means the costs of the Employees, including base salary, but excluding (i) base salary and (ii) single product ad hoc awards that, in the aggregate, do not exceed $2,000 per Calendar Year.",
			"payment: none"},
		{"ULTRAGENYXPHARMACEUTICAL supply (CUAD): a redacted price is no blank",
			"At the date of signing the Parties agree on a Price of €[***] per kilogram for the Product.",
			"payment: none"},
		// Blanks that are no price.
		{"own text: the day rent is due",
			"Tenant agrees to pay rent monthly in advance on day {{monthly_rent_due_day}} of each month.",
			"payment: none"},
		{"own text: a late fee's rate",
			"Rent not received by the due date shall incur a late fee of {{LATE_FEE_PERCENTAGE}}% of the overdue amount.",
			"payment: none"},
		{"Common Paper professional services agreement: a liability cap's field",
			"[ ] ${general_cap_amount} [ ] The greater of ${increased_cap_amount} or 3x the fees paid or payable by Customer to Provider in the 12 month period.",
			"payment: none"},
		{"ImpresseCorp marketing agreement (CUAD): bracketed section titles",
			"Impresse shall pay the fees set forth in Sections 4.2 [SLOTTING FEES], 4.3 [BANNER/NEWSLETTER PURCHASE COMMITMENT] and 4.4 [HOSTING FEE] as an aggregate amount.",
			"payment: none"},
		{"own text: a date field in a payment sentence",
			"Client shall pay the balance on [Completion Date].",
			"payment: none"},
	}
	for _, tc := range tests {
		t.Run(tc.source, func(t *testing.T) {
			doc := sentenceDoc(tc.text)
			k := Extract(doc)
			got := "payment: none"
			if p := k.PaymentTerms; p != nil && (p.AmountBlank != "" || p.Amount != 0) {
				got = "payment: " + p.AmountBlank + " " + p.Currency + " " + num(p.Amount)
			}
			if d := k.Deposit; d != nil {
				got += " | deposit: " + d.AmountBlank + " " + d.Currency + " " + num(d.Amount)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
