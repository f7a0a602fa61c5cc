package doctype

import (
	"context"
	"testing"

	"github.com/termscore/termscore/internal/extract"
)

// TestDetectGenres checks the type and reviewer role of the kinds of
// contract people sign without a lawyer that TestDetect's whole documents
// do not cover; short ones too, which only their title makes contracts.
// Each text is our own, most written after a real public contract of that
// kind (see testdata/ATTRIBUTION.md); the real documents stay outside the
// repository.
func TestDetectGenres(t *testing.T) {
	tests := []struct {
		name, text string
		want, role string
	}{
		{"severance", `# Separation Agreement and General Release

This Separation Agreement and General Release ("Agreement") is entered into by Dana Reyes ("Employee") and Northwind Logistics, Inc. (the "Company").

1. Separation Date. Employee's employment with the Company ends on March 31, 2026. The Company will pay Employee's earned salary and accrued vacation whether or not Employee signs this Agreement.

2. Severance. In consideration of the release below, the Company will pay Employee $18,000, less applicable withholdings, within 30 days after the revocation period ends.

3. General Release. Employee releases the Company and its officers from all claims, known or unknown, arising out of Employee's employment or its termination, including claims under the Age Discrimination in Employment Act.

4. Review and Revocation. Employee has 21 days to consider this Agreement and may revoke it within 7 days after signing. Employee is advised to consult an attorney.

5. Governing Law. This Agreement is governed by the laws of the State of Tennessee.`, Employment, "employee"},
		// "Sublease" is one word: the title cue "lease" did not find it.
		{"sublease", `SUBLEASE AGREEMENT

This Sublease Agreement is made between Anna Park ("Sublessor") and Ben Ortiz ("Sublessee").

1. Premises. Sublessor sublets to Sublessee the back bedroom at 12 Elm Street for six months.

2. Rent. Sublessee shall pay rent of $900 per month on the first day of each month.

3. Deposit. Sublessee shall pay a deposit of $900, returned within 21 days after the end of the sublease.`, Lease, "tenant"},
		{"internship", `Internship Agreement

This Internship Agreement ("Agreement") is made on June 2, 2026 between Brightline Studio LLC (the "Company") and the undersigned student (the "Intern").

1. Placement. The Intern will assist the design team for twelve weeks, about 30 hours per week, under the supervision of a senior designer.

2. Stipend. The Company shall pay the Intern a stipend of $1,200 per month. The Intern is responsible for any taxes on the stipend.

3. Work Product. All designs and other work created by the Intern during the internship belong to the Company, and the Intern hereby assigns them to the Company.

4. Confidentiality. The Intern shall keep the Company's non-public information confidential during and after the internship.

5. Termination. Either party may end this Agreement on two weeks' written notice. The Company may end it immediately for misconduct.`, Employment, "employee"},
		{"courier", `# Courier Independent Contractor Agreement

This agreement is between Parcelgo Pty Ltd ("Parcelgo") and the rider who accepts it in the app ("Courier").

1. Independent contractor. The Courier is an independent contractor and not an employee, and is responsible for their own taxes, insurance and vehicle.

2. Delivery jobs. Parcelgo may offer delivery jobs through the app. The Courier may accept or decline any job. No minimum amount of work is guaranteed.

3. Fees. Fees per delivery are set by Parcelgo's fee schedule and paid weekly to the Courier's nominated account.

4. Deactivation. Parcelgo may suspend or deactivate the Courier's account for fraud, unsafe conduct or repeated late deliveries.

5. Term. This agreement continues until either party ends it on notice.`, Freelance, "contractor"},
		{"banquet hall", `BANQUET HALL SERVICE AGREEMENT

1. RESERVATION AND PAYMENT. A non-refundable deposit of $400 reserves the event date. The balance is due twenty-one days before the event.

2. CANCELLATION. The Client must cancel in writing. All payments made are forfeited on cancellation.

3. DAMAGE. The Client is responsible for any damage to the hall caused by guests or the Client's vendors.

4. LIMITATION OF LIABILITY. The Company's liability shall not exceed the amount paid by the Client.

5. GOVERNING LAW. This Agreement is governed by the laws of the State of Georgia.`, Services, "consumer"},
		{"sales representative", `# Independent Sales Representative Agreement

This Agreement is made on 3 March 2026 between Harbor Signage LLC (the "Company") and Priya Natarajan (the "Representative").

1. Appointment. The Company appoints the Representative as its non-exclusive sales representative to promote the Company's sign-making services to businesses in Oregon.

2. Commission. The Representative shall earn a commission of 15% of the net invoice value of each order she refers, paid monthly after the customer pays.

3. Independent contractor. The Representative is an independent contractor, responsible for her own expenses and taxes.

4. Termination. Either party may end this Agreement on thirty days' written notice.`, Freelance, "contractor"},
		{"creator programme", `# Creator Program Terms

By joining the Streamly Creator Program you agree to these terms.

1. Eligibility. You must be at least 18 years old and keep your account information accurate.

2. Your content. You keep ownership of your videos. You grant us a licence to host, display and promote your content on the service.

3. Revenue share. We share subscription revenue with you at our standard rates. Payments are made monthly once your balance reaches the minimum payout.

4. Changes. We may change these terms or the revenue share rates on 30 days' notice. Your continued use of the service means you accept the change.

5. Termination. We may suspend or remove your account or content for violations of our policies.`, TermsOfService, "consumer"},
		{"freelancer marketplace", `# Freelancer Agreement

This Freelancer Agreement is between Taskhive LLP ("Taskhive") and you, the freelancer who bids on projects on the Taskhive platform ("Freelancer").

1. Independent contractor. The Freelancer is an independent contractor and not an employee of Taskhive.

2. Commission. Taskhive deducts a commission of five percent (5%) of the project value from each payment before releasing the rest to the Freelancer.

3. Disputes. If the client and the Freelancer disagree about the work, Taskhive will decide the dispute and its decision is final.

4. Non-circumvention. The Freelancer shall not work directly with a client introduced through the platform for twelve months.

5. Termination. Taskhive may suspend the Freelancer's account for breach of these terms.`, Freelance, "contractor"},
		{"wedding photography", `# Wedding Photography Contract

Date of agreement: January 10, 2026

Photographer: Lumen & Lace Photography. Client: Priya Shah and Tom Ellis.

1. Services. The photographer will cover the wedding on September 12, 2026 for eight hours and deliver an online gallery of edited images within six weeks.

2. Fees. The total fee is $4,200. A non-refundable retainer of $1,200 is due on signing and the balance 30 days before the wedding.

3. Cancellation. If the client cancels less than 90 days before the wedding, the full fee is due.

4. Copyright. The photographer keeps the copyright in all images. The client receives a licence for personal, non-commercial use.

5. Liability. If the photographer cannot attend, liability is limited to a refund of the fees paid.`, Services, "consumer"},
		{"interpreter", `# Independent Contractor Interpreter Agreement

This agreement is between Clearvoice Language Services Inc. ("Company") and the undersigned interpreter ("Contractor").

1. Relationship. Contractor is an independent contractor and not an employee of the Company.

2. Assignments. Contractor will provide interpretation and translation services as scheduled. No minimum amount of work is guaranteed.

3. Payment. Contractor shall invoice each assignment. The Company will pay within forty-five (45) days of receiving a proper invoice.

4. Cancellations. If Contractor fails to attend a confirmed assignment, the Company may deduct the minimum fee for that assignment from future payments.

5. Confidentiality. Contractor shall keep all patient and client information confidential and comply with HIPAA.`, Freelance, "contractor"},
		{"commercial lease", `# Commercial Lease Agreement

This Commercial Lease ("Lease") is made on April 1, 2026 between Harbor Row Properties LLC ("Landlord") and Corner Bakery Co. ("Tenant").

1. Premises. Landlord leases to Tenant the retail unit at 14 Harbor Row (the "Premises") for use as a bakery.

2. Term. The term is five years from May 1, 2026.

3. Rent. Tenant shall pay base rent of $3,500 per month plus its proportionate share of common area maintenance, property taxes and insurance.

4. Security Deposit. Tenant shall deposit $7,000 with Landlord.

5. Assignment. Tenant shall not assign this Lease or sublet the Premises without Landlord's prior written consent.`, Lease, "tenant"},
		{"data processing agreement", `# Data Processing Addendum

This Data Processing Addendum ("DPA") forms part of the terms of service between Mailtide Ltd ("Provider") and the customer ("Customer").

1. Roles. Where Customer is a controller of Customer Personal Data, Provider processes it as a processor on Customer's behalf.

2. Instructions. Provider will process Customer Personal Data only on Customer's documented instructions.

3. Subprocessors. Provider will give Customer 10 business days' notice of a new subprocessor. Customer may object within 30 days.

4. Security incidents. Provider will notify Customer of a security incident no later than 72 hours after becoming aware of it.

5. Audits. Customer may exercise its audit rights by requesting Provider's latest security report once a year.`, Services, "client"},
		{"mobile app EULA", `END USER LICENSE AGREEMENT FOR POCKETLIST

PLEASE READ THIS END USER LICENSE AGREEMENT CAREFULLY. BY DOWNLOADING OR USING THE APP, YOU AGREE TO BE BOUND BY IT.

LICENSE. The app is licensed, not sold, to you. We grant you a limited, non-transferable, revocable license to use the app on devices you own for personal use.

RESTRICTIONS. You may not copy, modify, reverse-engineer or redistribute the app.

CHANGES. We may modify this agreement at any time by posting the changes in the app. Your continued use means you accept them.

LIABILITY. Our total liability to you shall not exceed fifty dollars ($50.00).

GOVERNING LAW. This agreement is governed by the laws of the State of Texas.`, TermsOfService, "consumer"},
		{"gym membership", `# Membership Terms and Conditions

1. Your membership begins when we confirm your application and is charged monthly by direct debit on the 1st of each month.

2. If a payment fails, a late payment fee of 5% is added and we may end your membership after 14 days.

3. You may cancel your membership by cancelling your direct debit; your membership ends the day before your next payment is due.

4. We may increase the membership fee on one month's notice. If you do not cancel, the new fee applies.

5. We will not be liable for any loss or theft of property you bring to the gym.

6. You agree to follow the club rules, which we may change on notice.`, TermsOfService, "consumer"},
		{"Texas residential lease", `# Residential Lease Agreement

This Residential Lease Agreement ("Lease") is made on July 1, 2026 between Oak Meadow Homes LLC ("Landlord") and Jordan Lee ("Tenant").

1. Premises. Landlord leases to Tenant the house at 118 Cedar Bend, Katy, Texas.

2. Term. The Lease runs for twelve months and then renews month-to-month unless either party gives 30 days' written notice.

3. Rent. Tenant shall pay rent of $2,150 per month on the first day of each month. Rent not paid by the 3rd incurs a late fee of $75.

4. Security Deposit. Tenant shall pay a security deposit of $2,150, refunded within 30 days after Tenant surrenders the Premises.

5. Landlord's Lien. Landlord has a lien on Tenant's nonexempt personal property for unpaid rent as provided by Texas law.

6. Governing Law. This Lease is governed by the laws of the State of Texas.`, Lease, "tenant"},
		{"home improvement", `# Home Improvement Contract

This Home Improvement Contract is made on May 4, 2026 between Summit Remodeling LLC ("Contractor") and Alex and Sam Park ("Owner").

1. Work. Contractor shall remodel the kitchen at the Owner's home at 22 Birch Lane as described in Exhibit A.

2. Price. The contract price is $38,500. Owner shall pay a deposit of $3,850 on signing and progress payments as the work proceeds.

3. Changes. Any change to the work must be agreed in a written change order, which may increase the price.

4. Warranty. Contractor warrants its workmanship for one year after completion.

5. Liability. Contractor is not liable for delays caused by weather, suppliers or the Owner.`, Services, "consumer"},
		{"personal training", `# Personal Training Agreement

This agreement is between FitForm Studio ("Trainer") and the client named below ("Client").

1. Sessions. Client purchases a package of 20 personal training sessions of 60 minutes each, to be used within six months.

2. Payment. The package fee of $1,400 is payable in advance and is non-refundable.

3. Cancellation. Sessions cancelled with less than 24 hours' notice are forfeited.

4. Health. Client confirms they are fit to exercise and releases Trainer from liability for any injury.

5. Expiry. Unused sessions expire six months after purchase.`, Services, "consumer"},
		{"coaching", `# Coaching Agreement

This Coaching Agreement is between Bright Path Coaching LLC ("Coach") and the undersigned client ("Client").

1. Services. Coach will provide twelve one-hour coaching sessions by video call.

2. Fees. The program fee is $2,400, payable in full before the first session. Fees are non-refundable.

3. Rescheduling. Sessions missed without 48 hours' notice are forfeited.

4. No guarantee. Coach makes no promise of any particular result.

5. Confidentiality. Coach will keep the Client's information confidential.`, Services, "consumer"},
		{"nanny", `# Nanny Agreement

This Nanny Agreement is between the Morgan family ("Employer") and Rosa Diaz ("Nanny").

1. Duties. The Nanny will care for two children, prepare meals and drive them to school.

2. Hours and pay. The Nanny will work 40 hours per week at $22 per hour, paid weekly. Overtime is paid at 1.5 times the hourly rate.

3. Time off. The Nanny receives two weeks of paid vacation and the public holidays listed below.

4. Termination. Either party may end this agreement with two weeks' notice. The Employer may end it immediately for serious misconduct.

5. Confidentiality. The Nanny will keep the family's private matters confidential.`, Employment, "employee"},
		// Signed beside an offer letter; its title names no employment agreement.
		{"inventions assignment", `# Employee Proprietary Information and Inventions Agreement

This agreement is between Harbor Robotics, Inc. (the "Company") and the undersigned employee ("Employee").

1. Inventions. Employee assigns to the Company all inventions Employee makes during employment that relate to the Company's business or result from work for the Company.

2. Prior inventions. Inventions Employee made before employment are listed in Exhibit A and remain Employee's.

3. Confidential information. Employee will keep the Company's confidential information secret during and after employment.

4. Return of property. On leaving, Employee will return all Company devices and documents.`, Employment, "employee"},
		// A music library's catalogue agreement: the artist licenses its own tracks on the library's paper.
		{"music library catalogue", `# Composer Catalogue Agreement

This agreement is between Bluewater Music Library LLC ("Library") and the composer named below ("Artist").

1. Grant. Artist hereby grants to Library the exclusive right to license the Tracks for synchronisation in film, television and online video, and to sublicense that right to the Library's licensees.

2. Revenue share. Library pays Artist 50% of the licence fees it receives, quarterly.

3. Term. This agreement continues until either party ends it on 90 days' written notice; licences already issued survive.

4. Warranties. Artist warrants that the Tracks are original and contain no uncleared samples.`, License, "contractor"},
		// A creator's management agreement on the manager's paper, the creator
		// paying a monthly fee and a commission: reviewed as the contractor,
		// though the creator pays. The creator's main risks there are the
		// contractor's rules (commission on all earnings and after the term,
		// exclusivity, arbitration, a broad indemnity, likeness grants); as
		// client a real one scored higher while losing its arbitration and
		// exclusivity findings, and an artist-manager agreement lost all.
		{"creator management", `# Creator Management Agreement

This agreement is between Brightline Talent LLC ("Manager") and the content creator named below ("Creator").

1. Management services. Manager will plan Creator's content, negotiate brand deals and handle Creator's partnerships.

2. Fees. Creator pays Manager a monthly fee of $1,500, billed to Creator's card on file and non-refundable once the month begins, and a commission of 20% of Creator's gross earnings from all sources.

3. Exclusivity. During the term Creator will not engage any other manager.

4. Term. The agreement runs for twelve months and renews automatically for further twelve-month periods unless either party gives sixty days' notice.

5. Disputes. All disputes will be settled by binding arbitration in New York.`, Services, "contractor"},
	}
	// What the leases among them let: a bakery's unit, a house.
	uses := map[string]string{"commercial lease": Commercial, "Texas residential lease": Residential}
	ex := extract.New(extract.Options{NoOCR: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ex.ReadBytes(context.Background(), tt.name+".md", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			r := Detect(doc)
			if r.Type != tt.want || !r.IsContract || r.Role != tt.role {
				t.Errorf("got %s (contract %v, confidence %.2f, role %s), want %s (role %s)\nevidence: %v",
					r.Type, r.IsContract, r.Confidence, r.Role, tt.want, tt.role, r.Evidence)
			}
			if use, ok := uses[tt.name]; ok && r.LeaseUse != use {
				t.Errorf("lease use %s, want %s\nevidence: %v", r.LeaseUse, use, r.Evidence)
			}
		})
	}
}
