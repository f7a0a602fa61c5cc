package terms

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/segment"
	"github.com/termscore/termscore/internal/wordkey"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sentenceDoc makes a one-paragraph document of a real contract sentence,
// segmented as a scan would segment it.
func sentenceDoc(text string) *document.Document {
	b := document.NewBuilder("sentence", document.Text)
	// Each line is a block, as a reader lays out a cover page's rows.
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) != "" {
			b.Add(document.Block{Kind: document.Paragraph}, line)
		}
	}
	doc := b.Document()
	segment.Build(doc)
	return doc
}

// The sentences are quoted from CUAD v1 contracts (CC BY 4.0, The Atticus
// Project) and from the template documents listed in testdata/ATTRIBUTION.md.
func TestExtractSentences(t *testing.T) {
	tests := []struct {
		source string
		text   string
		check  func(k KeyTerms) string // returns the value compared with want
		want   string
	}{
		{"AMERICASSHOPPINGMALLINC site development and hosting (CUAD)",
			"This Agreement shall be governed and construed and enforced in accordance with the laws of the State of New York applicable to contracts made and to be performed exclusively in that State without giving effect to the principles of conflict of laws.",
			lawOf, "New York US-NY"},
		{"HEALTHGATEDATACORP hosting (CUAD)",
			"This Agreement shall be governed by and construed in accordance with the laws of England and Wales.",
			lawOf, "England and Wales GB"},
		{"EhaveInc license (CUAD)",
			"This Agreement shall be governed by, and construed and enforced in accordance with, the laws in force in the Province of Ontario (excluding any conflict of laws rule or principle which might refer such construction to the laws of another jurisdiction).",
			lawOf, "Ontario, Canada CA-ON"},
		{"Australian contractor agreement (template): New South Wales is not Wales",
			"This Agreement will be governed by and construed in accordance with the laws of New South Wales, Australia.",
			lawOf, "New South Wales, Australia AU-NSW"},
		{"EMERALDHEALTHTHERAPEUTICSINC consulting (CUAD)",
			"This Agreement will be governed by and construed inaccordance with the laws of British Columbia and the federal laws of Canada applicable in British Columbia, and the parties irrevocably submit to and accept generally and unconditionally the exclusive jurisdiction of the courts and appellate courts of British Columbia in that regard.",
			func(k KeyTerms) string { return lawOf(k) + " / " + venueOf(k) }, "British Columbia, Canada CA-BC / British Columbia, Canada CA-BC exclusive"},
		{"consultant's MSA: the state after the United States",
			"This Agreement is governed by the laws of the United States and the state of [Governing State], without regard to conflicts of laws principles.",
			func(k KeyTerms) string { return fmt.Sprintf("%s %v", lawOf(k), k.GoverningLawPlaceholder) }, "[Governing State]  true"},
		{"federal and state law named together",
			"This Agreement shall be governed by the laws of the United States of America and the Commonwealth of Massachusetts.",
			lawOf, "Massachusetts US-MA"},
		{"the United States alone",
			"This Agreement shall be governed by the laws of the United States of America.",
			lawOf, "United States US"},
		{"a cover page's rows (consultant's MSA)",
			"MASTER SERVICES AGREEMENT\nBetween: Synto Labs (\"Provider\")\nAnd: [Client Name] (\"Client\")\nDate: [Date]",
			partiesOf, `Synto Labs ("Provider"); [Client Name] ("Client")`},
		{"\"AND:\" before the second party (CUAD consulting agreement)",
			"BETWEEN: CORAL GOLD RESOURCES LTD. (the \"Company\")\nAND: INTERMARK CAPITAL CORP. (the \"Consultant\")\nWITNESSETH: WHEREAS, the Company wishes to retain the Consultant (\"Services\")",
			partiesOf, `CORAL GOLD RESOURCES LTD. ("Company"); INTERMARK CAPITAL CORP. ("Consultant")`},
		{"a bracketed blank (Virginia lease)",
			"This Lease is made between Quantico Properties, LLC (\"Landlord\") and [ _______________ ] (\"Tenant\").",
			partiesOf, `Quantico Properties, LLC ("Landlord"); "Tenant" (role; name not stated)`},
		{"cover rows with their own definition and an address (developer's own contract)",
			"**Client**: [CLIENT NAME], with an address at [CLIENT ADDRESS] (\"Client\")\n**Developer**: [DEVELOPER NAME], with an address at [DEVELOPER ADDRESS] (\"Developer\")",
			partiesOf, `[CLIENT NAME] ("Client"); [DEVELOPER NAME] ("Developer")`},
		{"a cover row's label before a definition (SaaS template)",
			"This SaaS Subscription Agreement is entered into between:\nProvider: [Company Name] (\"Provider\")\nCustomer: [Company Name] (\"Customer\")",
			partiesOf, `[Company Name] ("Provider"); [Company Name] ("Customer")`},
		{"a numbered list of roles, each with its party's name in brackets (own words)",
			"Voice Recording Work-for-Hire Agreement\nThis Agreement is made on 2 February 2026 between the following parties:\n1. Client (Northwind Audio Inc.) Address: 14 Harbour Road, Portland, OR 97201\n2. Voice Actor (Jamie Rivera) Address: 8 Elm Street, Salem, OR 97301\n1. Services\nVoice Actor will record the scripts the Client sends.",
			partiesOf, `Northwind Audio Inc. ("Client"); Jamie Rivera ("Voice Actor")`},
		{"a numbered list of headings with asides is no party list (own words)",
			"Services Agreement\n1. Services (Scope)\n2. Payment (Fees)\n3. Term (Duration)",
			partiesOf, ``},
		{"roles defined by name in a definitions clause, no preamble (own words, a UK agency's form)",
			"CONSULTANCY SUPPLY TERMS\nTHESE TERMS apply from the date on which both parties have signed them.\n2. DEFINITIONS\n2.1 In these Terms: \"Agency\" means Harrow Lane Recruitment Ltd; \"Consultancy\" means Pennant Data Services Ltd, a company registered in England; \"Client\" means the business that asks the Agency for the Consultancy's services; \"Fees\" means the daily rate.",
			partiesOf, `Harrow Lane Recruitment Ltd ("Agency"); Pennant Data Services Ltd ("Consultancy")`},
		{"roles defined as template fields, each in a row of a definitions table (own words)",
			"Supply Terms\n1. Definitions\n\"Company\"\tshall mean [COMPANY NAME], whose registered office is at [ADDRESS]\n\"Contractor\"\tshall mean [CONTRACTOR NAME]\n\"Services\"\tmeans the work in the Schedule",
			partiesOf, `[COMPANY NAME] ("Company"); [CONTRACTOR NAME] ("Contractor")`},
		{"roles defined in bold, each opening its line, as a reader gives them without the stars (own words)",
			"Contractor Terms\n1. Definitions\n1.1 Agency means Harrow Lane Recruitment Ltd;\n1.2 Consultancy means Pennant Data Services Ltd;\n1.3 Client means the business that asks the Agency for services.\n2. Services\nThe Consultancy shall provide the Services. In this clause Company means Acme Ltd.",
			partiesOf, `Harrow Lane Recruitment Ltd ("Agency"); Pennant Data Services Ltd ("Consultancy")`},
		{"a role defined by a description names no party (own words)",
			"Supply Terms\n1. In these Terms \"Client\" means the business for which the Services are done; \"Agency\" means Harrow Lane Recruitment Ltd; \"Party\" means the Agency or the Consultancy.",
			partiesOf, ``},
		{"a programme's defined name is no party (creator terms)",
			"Your participation in the GitHub Sponsors Program (the \"Program\") is subject to the GitHub Terms of Service (the \"Agreement\").",
			partiesOf, ``},
		{"Harris County venue (CUAD)",
			"The Parties hereby irrevocably consent to the exclusive jurisdiction of the state or federal courts located in Harris County, Texas.",
			venueOf, "Harris County, Texas US-TX exclusive"},
		{"King County venue (CUAD)",
			"Should mediation fail, each party consents to the personal jurisdiction of the state and federal courts located in King County, Washington.",
			venueOf, "King County, Washington US-WA"},
		{"Agape supply agreement (CUAD)",
			"This agreement shall be governed by the Laws of England (English common and statutory Law).",
			lawOf, "England GB"},
		{"BNCMORTGAGEINC licensing (CUAD)",
			"This Agreement shall renew automatically thereafter for successive one year periods until terminated pursuant to Section 12 herein or unless either Client or TrueLink deliver to the other written notice of intent not to renew no later than thirty (30) days prior to the end of said year.",
			renewalOf, "renew 1 year auto; notice 30 day"},
		{"AMERICASSHOPPINGMALLINC renewal (CUAD)",
			"This Agreement shall be automatically renewed for an additional one year period on each anniversary of the Effective Date, unless terminated by either Party hereto upon ninety (90) days written notice to the other.",
			renewalOf, "renew 1 year auto; notice 90 day"},
		{"BELLICUMPHARMACEUTICALS supply (CUAD)",
			`Thereafter, Bellicum shall have consecutive separate options to extend the Term for successive renewal terms of five (5) years each (each, a "Renewal Term", and collectively with the Initial Term, the "Term").`,
			renewalOf, "renew 5 year; notice -"},
		{"EhaveInc cap (CUAD)",
			"Subject to Section 17(c), in no event shall either Party's liability under this Agreement exceed the aggregate of all amounts paid under this Agreement and amounts that have accrued but not yet been paid in the twelve (12) months preceding the event giving rise to the claim.",
			capOf, "fees x1 over 12 months"},
		{"GopageCorp cap (CUAD)",
			"EACH PARTY'S LIABILITY ARISING OUT OF OR RELATED TO THIS AGREEMENT WILL NOT EXCEED AN AMOUNT EQUAL TO THE AGGREGATE AMOUNTS PAID OR PAYABLE TO LICENSOR IN THE TWELVE (12) MONTHS PRECEDING THE COMMENCEMENT OF THE CLAIM.",
			capOf, "fees x1 over 12 months"},
		{"JOINTCORP franchise (CUAD)",
			"Upon expiration or termination of this Agreement for any reason, you agree not to engage in a competitive business for a period of two (2) years after the termination or expiration and within twenty-five (25) miles of your Franchise Premises or any other The Joint Corp. Location franchise location.",
			nonCompeteOf, "24 months, 25 miles"},
		{"MusclepharmCorp endorsement (CUAD)",
			"Endorser's duty not to compete with the business of MusclePharm shall continue for a period of one year following the expiration or termination of this Agreement.",
			nonCompeteOf, "12 months, 0 miles"},
		{"a non-solicitation of customers to buy competing services is no non-compete (own)",
			"For twelve months after this Agreement ends, the Agent shall not directly solicit the Company's customers to purchase competing cleaning services.",
			nonCompeteOf, "none"},
		{"AIRTECHINTERNATIONALGROUP franchise (CUAD)",
			"Delinquent fees shall bear interest at a rate of the lower of: (i) one and one-half percent (1.5%) per month, or (ii) the maximum rate permitted by applicable law.",
			lateFeeOf, "1.5% per month"},
		{"interest at a margin over a base rate has no rate of its own (own words after a UK student tenancy)",
			"Late Payment Fees will be applied after 14 calendar days at a rate of 3% above the Bank of England base rate to any outstanding rent for each day since the rent payment has been outstanding.",
			lateFeeOf, "0% per "},
		{"a late fee of a share of the amount is charged once (CUAD distributor)",
			"Payments received after the 30 day calendar period will be subject to a late fee of 1.5% of the invoice amount.",
			lateFeeOf, "1.5% per once"},
		{"a fee 'on the 1st of each month' is still charged once (own)",
			"If payment is not received on the 1st of each month a late payment fee of 5% will be immediately incurred.",
			lateFeeOf, "5% per once"},
		{"a service charge right before its period recurs (own)",
			"Overdue invoices are subject to a late payment service charge of one and one-half percent (1.5%) per month.",
			lateFeeOf, "1.5% per month"},
		{"a late charge at an annual rate is a rate (CUAD IP agreement)",
			"Overdue payments hereunder shall be subject to a late payment charge calculated at an annual rate of three percent (3%) over the prime rate.",
			lateFeeOf, "3% per year"},
		{"BIOAMBERINC development (CUAD)",
			"Bioamber will pay Cargill's costs within thirty (30) days of receipt of invoice and supporting documentation.",
			netDays, "30"},
		{"revenue sharing (CUAD)",
			"Revenue Sharing Fees: Quarterly payments shall be due to receiving party, net 30 days after quarter close.",
			netDays, "30"},
		{"ADUROBIOTECH consulting (CUAD)",
			"Aduro shall pay Consultant for the Services at the rate of €500 per hour.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "500 EUR"},
		{"ADAPTIMMUNE strategic alliance (CUAD)",
			"This Strategic Collaboration Agreement is made and entered into this 23rd day of September, 2016.",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "2016-09-23"},
		{"ADIANUTRITION reseller (CUAD)",
			`This Reseller Agreement is entered as of this ___ day of _________, 2004 ("Effective Date") by and between PivX Corporation, a California corporation, having its principal place of business at 23 Corporate Plaza Drive, Newport Beach, California, 92661 ("PivX") and Detto Technologies, a Washington corporation, having its principal place of business at 14320 NE 21st Street, Suite 11, Bellevue, Washington, 98007 ("Detto").`,
			func(k KeyTerms) string { return dateOf(k.AgreementDate) + " | " + partiesOf(k) }, `placeholder 0/0/2004 | PivX Corporation ("PivX"); Detto Technologies ("Detto")`},
		{"AlliedEsports sponsorship (CUAD)",
			`This Event Sponsorship Agreement ("Agreement") is made and effective as of February 1, 2019 (the "Effective Date"), by and between Newegg Inc. ("Newegg"), a Delaware corporation, and Allied Esports International, Inc., a Nevada corporation ("Allied").`,
			func(k KeyTerms) string { return dateOf(k.EffectiveDate) + " | " + partiesOf(k) }, `2019-02-01 | Newegg Inc. ("Newegg"); Allied Esports International, Inc. ("Allied")`},
		{"ADUROBIOTECH consulting preamble (CUAD)",
			`Aduro Biotech, Inc., with a place of business at 740 Heinz Avenue, Berkeley, CA 94710 ("Aduro") and IREYA B.V having an address at Staalwijkstraat 16, 2313 XR Leiden, the Netherlands, represented by Andrea van Elsas, ("Consultant") agree to all terms and conditions of this Consulting Agreement ("Agreement") dated June 1, 2020, effective as of July 1, 2020 ("Effective Date").`,
			func(k KeyTerms) string {
				return dateOf(k.AgreementDate) + " " + dateOf(k.EffectiveDate) + " | " + partiesOf(k)
			}, `2020-06-01 2020-07-01 | Aduro Biotech, Inc. ("Aduro"); IREYA B.V ("Consultant")`},
		{"Common Paper independent contractor cover page (template)",
			"“Governing Law” means the laws of {governing_law}.",
			func(k KeyTerms) string { return lawOf(k) }, "{governing_law} "},
		{"ashedryden freelance contract (template)",
			"[DATE]",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "placeholder 0/0/0"},
		// Regressions seen in real output.
		{"Common Paper independent contractor preamble (template)",
			"This Independent Contractor Agreement is entered into as of the Effective Date, by and between Company and Contractor, each as identified on the SOW.",
			partiesOf, `"Company" (role; name not stated); "Contractor" (role; name not stated)`},
		{"Automattic contractor agreement (template)",
			"Effective February 15th, 2024, Wendy Winkie (“Consultant”) and Company agree as follows:",
			partiesOf, `Wendy Winkie ("Consultant"); "Company" (role; name not stated)`},
		{"Founder Institute advisor template (FAST): parties who are whoever signs the form, aliases in single quotes",
			"This Founder Advisor Standard Template (the 'Agreement') is entered into the date set forth on the signature page by and between the undersigned company (the 'Company') and the undersigned advisor (the 'Advisor').",
			partiesOf, `"Company" (role; name not stated); "Advisor" (role; name not stated)`},
		{"beat licence (template): a producer's stage name after p/k/a, and a licensee called \"You\" first",
			`This Agreement is made and effective as of {{ CONTRACT_DATE }} by and between {{ PRODUCT_OWNER_FULLNAME }} p/k/a {{ PRODUCER_ALIAS }} (the "Producer" or "Licensor") and {{ CUSTOMER_FULLNAME }} ("You" or "Licensee").`,
			partiesOf, `{{ PRODUCT_OWNER_FULLNAME }} p/k/a {{ PRODUCER_ALIAS }} ("Producer"); {{ CUSTOMER_FULLNAME }} ("Licensee")`},
		{"sublease (template): blanks for the parties, each named by role after \"as the\"",
			`This Sublease Agreement is made between ________________________, individually or collectively as the "Sublessor," and ___________________________, as the "Sublessee," together referred to as the "Parties."`,
			partiesOf, `"Sublessor" (role; name not stated); "Sublessee" (role; name not stated)`},
		{"a sentence's opening adverb is no party (own words, after a UK agency's contractor terms)",
			`However, the Consultancy may provide the Services through another person engaged by the Consultancy ("Substitute") provided that the Substitute is suitably qualified.`,
			partiesOf, ``},
		{"Automattic offer letter (template): the company is defined in a letter's opening, a later definition is a document",
			"Dear Bobbie Beakshine,\n\nWe are delighted to extend an invitation for you to join Automattic Inc. (the “Company”) commencing on February 15th, 2024 as a Bald Eagle Groomer.\n\nEmployment with the Company is contingent upon: 1) your signing and returning the enclosed Proprietary Information and Inventions Agreement (“Proprietary Information Agreement”); 2) your ability to provide proper documentation.",
			partiesOf, `Automattic Inc. ("Company")`},
		{"Common Paper CSA, no preamble (template): a party named twice is one party",
			"1. Access and Use. If a Customer Affiliate enters a separate Order Form with Provider, the Customer’s Affiliate creates a separate agreement between Provider and that Affiliate, where Provider’s responsibility to the Affiliate is individual and separate from Customer and Customer is not responsible for its Affiliates’ agreement.",
			partiesOf, `"Provider" (role; name not stated); "Customer" (role; name not stated)`},
		{"open-agreements offer letter cover terms (template)",
			"Employment Offer Letter\n\nCover Terms\n\nEmployer : {employer_name}\n\nEmployee : {employee_name}\n\nPosition Title : {position_title}\n\nStart Date : {start_date}",
			partiesOf, `{employer_name} ("Employer"); {employee_name} ("Employee")`},
		{"open-agreements offer letter: a start date field is no agreement date (template)",
			"Employment Offer Letter\n\nCover Terms\n\nEmployer : {employer_name}\n\nStart Date : {start_date}\n\nOffer Expiration Date : {offer_expiration_date}",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"room rental with its parties in one line (own)",
			"Room Rental Agreement\n\nLandlord: Jane Smith. Tenant: Tom Brown.\n\n1. Rent is $900 per month.",
			partiesOf, `Jane Smith ("Landlord"); Tom Brown ("Tenant")`},
		{"lease template parties block",
			"RESIDENTIAL LEASE AGREEMENT\n\nPARTIES\n\n**Landlord**: [LANDLORD NAME/ENTITY]\nAddress: [ADDRESS]\n\n**Tenant(s)**: [TENANT NAME(S)]\nAddress: [ADDRESS]\n\nPROPERTY",
			partiesOf, `[LANDLORD NAME/ENTITY] ("Landlord"); [TENANT NAME(S)] ("Tenant")`},
		{"lease with blanks to fill in has no parties yet",
			"RESIDENTIAL LEASE AGREEMENT\n\nLANDLORD/HOST:\nName: ___________________________\n\nTENANT/RENTER:\nName: ___________________________",
			partiesOf, ``},
		{"Automattic Australian contractor agreement (template): the company is named in the opening by a second alias",
			"We are delighted to extend an invitation for you to join Ausomattic Pty Ltd (the “Company” or “Ausomattic”) commencing on February 15th, 2024.\n\nEffective February 15th, 2024, Barry Bounceback (“Consultant”) and Ausomattic agree as follows:",
			partiesOf, `Barry Bounceback ("Consultant"); Ausomattic Pty Ltd ("Ausomattic")`},
		{"lease form with blanks for the parties",
			`This LEASE AGREEMENT (Lease) made this ________ (Month & Day), ______ (Year), is entered into by and between __________________________________ ("Landlord") and __________________ (collectively "Tenant").`,
			partiesOf, `"Landlord" (role; name not stated); "Tenant" (role; name not stated)`},
		{"rental form naming its parties without parentheses",
			"THIS AGREEMENT made on {{date}} by and between {{landlord}} , herein called “Landlord,” and {{tenant}} , herein called “Tenant.” Landlord hereby agrees to rent to Tenant the dwelling.",
			partiesOf, `{{landlord}} ("Landlord"); {{tenant}} ("Tenant")`},
		{"lease late payment charge per day, not the returned-check fee",
			"If Tenant fails to pay any installment of rent by the 5th of the month, Tenant shall pay Landlord a late payment charge equal to $10.00 per day after the due date up to a maximum of $300.00. Returned checks will have applicable late fees and a $50.00 non-sufficient funds (NSF) fee.",
			func(k KeyTerms) string {
				if k.LateFee == nil {
					return "none"
				}
				return fmt.Sprintf("%v %s per %s", k.LateFee.Amount, k.LateFee.Currency, k.LateFee.Per)
			}, "10 USD per day"},
		{"a sentence's first word is no party's name (a mobile app EULA)",
			"LICENSE GRANT\n\nSubject to the terms and conditions of this EULA, the Basket Buddy (the “App”) is licensed, not sold, to you by Robert J Sarvis Jr (the “Licensor”) for use on your mobile device.",
			partiesOf, `Robert J Sarvis Jr ("Licensor")`},
		{"a place that ends a user's description is no party (WordPress.com terms)",
			"If you are a user in countries located in the European Economic Area, Switzerland, or the United Kingdom (“European User”), some special terms apply to you as mentioned below.",
			partiesOf, ``},
		{"labelled rows, a plural role, an address line between (own words)",
			"Residential Lease Agreement\n\nThis Residential Lease Agreement (\"Lease\") is entered into on [Date] by and between:\n\nLandlord: [Landlord Name] (\"Landlord\"), mailing address: [Landlord Mailing Address].\n\nTenants: [Tenant Name(s)] (\"Tenants\").\n\n1. Premises",
			partiesOf, `[Landlord Name] ("Landlord"); [Tenant Name(s)] ("Tenants")`},
		{"an intern's agreement in labelled rows with asides (own words)",
			"Internship Agreement\n\nCompany: Brightline Studio LLC (operated by Jane Roe)\nWebsite: https://brightline.example\n\nIntern: [Full Legal Name], residing in [Country]\n\n1. Position",
			partiesOf, `Brightline Studio LLC ("Company"); [Full Legal Name] ("Intern")`},
		{"a law clause that refers to the cover page's Governing State (Common Paper DPA form)",
			"Key Terms\n\nGoverning State\tThe State of Delaware, United States\n\n11. Governing Law. All disputes about this DPA will be governed by the laws of the Governing State without regard to its conflict of laws provisions.",
			func(k KeyTerms) string { return lawOf(k) }, "Delaware US-DE"},
		{"an 'and' on a line of its own between the parties (own words)",
			"This Interpreter Agreement (\"Agreement\") is entered into by and between:\n\nLanguage Bridge Inc. (\"Company\"), with its principal place of business at 12 Main Street, Oceanside, CA 92054,\n\nand\n\nInterpreter (\"Contractor\"), an independent contractor\n\n1. Relationship",
			partiesOf, `Language Bridge Inc. ("Company"); Interpreter ("Contractor")`},
		{"a notice period with its words in brackets (own words)",
			"Either party may terminate this Agreement without cause by providing at least 30 days' (one month) written notice.",
			func(k KeyTerms) string { return durationOf(k.NoticePeriod) }, "30 day"},
		{"double-brace template fields keep both braces (own words)",
			"This Lease is entered into as of {{EFFECTIVE_DATE}} (\"Effective Date\").\n\n14.2 Governing Law. This Lease shall be governed by the laws of {{GOVERNING_STATE}}.",
			func(k KeyTerms) string {
				if k.AgreementDate == nil {
					return "none"
				}
				return k.AgreementDate.Text + " | " + lawOf(k)
			}, "{{EFFECTIVE_DATE}} | {{GOVERNING_STATE}} "},
		{"Common Paper governing law field (template)",
			"“Governing Law” means the laws of {governing_law}. “Chosen Courts” means the state or federal courts in {jurisdiction}.",
			func(k KeyTerms) string {
				return fmt.Sprintf("%s %v / %s %v", lawOf(k), k.GoverningLawPlaceholder, venueOf(k), k.VenuePlaceholder)
			}, "{governing_law}  true / {jurisdiction}  true"},
		{"Common Paper effective date by signature (template)",
			"10.6 “Effective Date” means the date of last signature on the SOW.",
			func(k KeyTerms) string { return dateOf(k.EffectiveDate) }, "partial the date of last signature"},
		{"effective date as the later signature date (CUAD)",
			"11.16 Effective Date. The Effective Date of this Agreement shall be the later of the dates shown by the signatures below.",
			func(k KeyTerms) string { return dateOf(k.EffectiveDate) }, "partial the later of the dates shown by the signatures below"},
		{"KUBIENT non-solicitation is no renewal notice (CUAD)",
			"NON-SOLICITATION: During the Term and any renewal terms of the Agreement, and for a period of one (1) year following the expiration or earlier termination thereof, Customer shall not, without Kubient's prior written consent, directly or indirectly (i) solicit or encourage any person to leave the employment or other service of Kubient.",
			renewalOf, "renew -; notice -"},
		{"TICKETSCOM payment dates are no term (CUAD)",
			"3. Sponsor Fees. Tickets agrees to pay MP3.com, during the term of this Agreement, as follows: (i) $[***] payable on the Effective Date; (ii) $[***] payable on or before one month subsequent to the Effective Date. 4. Term and Termination. This Agreement shall commence on the Effective Date and shall remain in full force and effect until one (1) year subsequent to the Effective Date.",
			func(k KeyTerms) string { return durationOf(k.Term) }, "1 year"},
		{"CCAINDUSTRIES cure period is no payment term (CUAD)",
			"(b) Notwithstanding the provisions of Section 8.01, in the event that a party hereto fails to pay any amounts payable hereunder when due, the other party may terminate this Agreement (i) if such breach may be cured, upon written notice if the breaching party fails to cure such breach within three (3) business days after its receipt of written notice thereof.",
			netDays, "none"},
		{"FIBROGEN parties after a cover page (CUAD)",
			`This COLLABORATION AGREEMENT ("Agreement"), effective as of June 1, 2005 (the "Effective Date"), is made by and between FibroGen, Inc., a Delaware corporation having offices at 225 Gateway Boulevard, South San Francisco, California 94080 ("FG" or "FibroGen"), and Astellas Pharma Inc., a Japanese corporation having offices at 3-11 Nihonbashi-Honcho, 2-Chome, Chuo-ku, Tokyo, 103-8411 Japan ("Astellas").`,
			partiesOf, `FibroGen, Inc. ("FG"); Astellas Pharma Inc. ("Astellas")`},
		{"EbixInc lower-case company name (CUAD)",
			`This Co-Branding Agreement (the "Agreement"), dated this 19th day of January, 2001 (the "Effective Date"), is by and between About.com, Inc. ("About"), a Delaware corporation, located at 1440 Broadway, 19th Floor, New York, NY 10018 and ebix.com, Inc. ("ebix"), a Delaware corporation, located at 1900 E.Golf Road, Schaumberg, IL 60173.`,
			partiesOf, `About.com, Inc. ("About"); ebix.com, Inc. ("ebix")`},
		{"Freecook parties with titles (CUAD)",
			`This Website Design, Development and Hosting Agreement the ("Agreement") is entered into on January 11, 2018 by and between Natalija Tunevic, director of FreeCook (hereinafter referred to as "Client") and Mitchell Vitalis, director of Mitchell's Web Advance, PLC (hereinafter referred to as "Company").`,
			partiesOf, `Natalija Tunevic ("Client"); Mitchell Vitalis ("Company")`},
		{"Common Paper CSA (template)",
			"Except for Increased Claims, each party's total cumulative liability will not be more than the General Cap Amount.",
			capOf, "none"},
		{"EcoScienceSolutions endorsement: laws and decisions of (CUAD)",
			"Regardless of the place of execution hereof, this Agreement, all amendments hereto, and any and all issues or controversies arising here from or related hereto, shall be governed by and construed exclusively in accordance with the laws and decisions of the State of Michigan.",
			lawOf, "Michigan US-MI"},
		{"TomOnline co-branding: the courts of England and Wales (CUAD)",
			"This Agreement will be governed by and construed in accordance with the laws of England and Wales, without regard to conflict of laws principles. Subject to the parties' rights to seek injunctive relief or other right in equity by any court of competent jurisdiction, the parties to this Agreement expressly understand and agree that any dispute arising under this Agreement will be brought exclusively in the courts located in England and Wales and the parties to this Agreement hereby consent to the exclusive personal jurisdiction and venue therein.",
			venueOf, "England and Wales GB exclusive"},
		{"GitHub terms: an indemnity including attorneys' fees caps nothing (template)",
			"You agree to indemnify us, defend us, and hold us harmless from and against any and all claims, liabilities, and expenses, including attorneys' fees, arising out of your use of the Website and the Service, including but not limited to your violation of this Agreement.",
			capOf, "none"},
		{"BNL outsourcing: an indemnity subject to the limitations of another section (CUAD)",
			"C. Subject to the limitations set forth in paragraphs 9(E), 9(F) and 9(G) of this Agreement and not including the claims covered by paragraph 8(B) of this Agreement, VIP shall indemnify, defend and hold BNL and its officers, directors, stockholders, employees, agents and representatives harmless from any and all claims, actions, damages, liabilities, costs and expenses, including reasonable attorneys' fees and expenses, arising out of or relating to (i) any acts or omissions of VIP pertaining to the EDP Services, including without limitation any breach of this Agreement by VIP , or (ii) any information provided by or on behalf of, or any instruction, approval or decision by, VIP pertaining to the EDP Services relied upon by BNL.",
			capOf, "none"},
		{"a UK party list numbered (1), (2), its \"and\" ending a line, a sole trader \"trading as\" (own words)",
			"THIS AGREEMENT is dated 1 April 2025 and is made BETWEEN:\n(1) Brightwater Analytics Limited, a company incorporated in England and Wales (company number 09876543) whose registered office is at 10 High Street, Bristol BS1 2AA (the \"Customer\"); and\n(2) Tom Baker trading as Baker Data Services of 4 Mill Lane, Bath BA1 1AA (the \"Supplier\").",
			partiesOf, `Brightwater Analytics Limited ("Customer"); Tom Baker trading as Baker Data Services ("Supplier")`},
		{"a code before the dollar sign (own words)",
			"The rental fee is CAD $1,800 plus GST, payable thirty (30) days before the event.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "1800 CAD"},
		{"a bare dollar under Australian law (own words)",
			"The Client must pay the Consultant $150 per hour plus GST within 14 days of receiving a tax invoice.\nThis Agreement is governed by the laws of New South Wales.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "150 AUD"},
		{"U.S. dollars under Canadian law stay U.S. dollars (own words)",
			"The Client shall pay the Contractor a fee of 5,000 U.S. dollars within 30 days of receipt of each invoice.\nThis Agreement is governed by the laws of the Province of Ontario.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "5000 USD"},
		{"an event's date is not the agreement's (own words)",
			"Wedding Photography Contract\n\nContract Number: WED2025002\nDate of Agreement: January 16, 2025\n\nWedding Date: 2025-08-14\nVenue: Rosewood Gardens",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "2025-01-16"},
		{"a defined date of something else is not the agreement's (own words)",
			"Separation Agreement and General Release\n\nDefinitions\n\nC. “Last Working Day” shall mean September 25, 2024\nD. “Separation Date” shall mean November 25, 2024",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"a start date alone is not the agreement's (own words)",
			"Internship Agreement\n\nStart Date: March 3, 2026\n\nThe Intern will work 20 hours a week.",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"a worked example and a refund are not the price (own words)",
			"As an example of how this works, if your membership fee is £60 per month and you cancel after 10 days, we shall refund you £40.\nThe membership fee is £45 per month, payable in advance.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "45 GBP"},
		{"a model management agreement's tax-form threshold is not the pay (own words)",
			"Model is an independent contractor. If services result in payment to Model of $600.00 or more, Model will receive a 1099 tax form.\nManager's commission is 20% of the fees Model earns.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "none"},
		{"a tax shortfall the contractor repays is no liability cap (own words)",
			"9.2 If the Agency pays any such taxes and, to the extent that the taxes paid by the Agency shall exceed the amounts payable by the Agency to the Consultancy, the Consultancy shall indemnify the Agency for the excess.",
			func(k KeyTerms) string { return capOf(k) }, "none"},
		{"money paid back is not the pay (own words)",
			"If Employee sues the Company in violation of this Agreement, Employee shall promptly return all payments made under this Agreement except $500.00.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "none"},
		{"a card processing fee is not the price (own words)",
			"Processing Fee (2.5%): $352.34\nFinal Payment: $7,663.47 - Due: July 31, 2025",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "7663.47 USD"},
		{"a price list's total is the price (own words)",
			"Retainer Payment: $7,663.48 - Due upon signing\nFinal Payment: $7,663.47 - Due: July 31, 2025\nTotal Contract Amount: $15,326.95",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "15326.95 USD"},
		{"a lettered statement of work row's total, after an extra revision's fee (own words)",
			"5. Approvals:\n   c. Additional revision fee: USD 150.\n7. Compensation and Payments:\n   a. Total Fee and currency: 4,500 USD.\n   b. Milestones: 50% on signing, 50% on go-live.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "4500 USD"},
		{"a bare dollar under Canadian law in a contract that names U.S. dollars (own words)",
			"The Client shall pay the Contractor a fee of $5,000 within 30 days of receipt of each invoice. All amounts in this Agreement are in US dollars.\nThis Agreement is governed by the laws of the Province of Ontario.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "5000 USD"},
		{"a bare dollar in a contract that names NZD elsewhere (own words)",
			"The Client shall pay the Contractor $2,000 within 20 days of receipt of each invoice. All amounts are stated in NZD and exclude GST.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "2000 NZD"},
		{"a venue's deposit after its rental fee (own words)",
			"The rental fee is CAD $1,800 plus GST, payable as a non-refundable deposit of $500 on signing and the balance thirty (30) days before the event.",
			func(k KeyTerms) string {
				if k.Deposit == nil {
					return "none"
				}
				return num(k.Deposit.Amount) + " " + k.Deposit.Currency
			}, "500 CAD"},
		{"a UK provider named before its registration and address (own words)",
			`These terms ("Terms") apply to the subscriptions bought by schools and parents ("Subscriber/you") for the revision videos ("Services") provided by Brightpath Tutoring Limited (company no: 12345678) trading as "Brightpath" registered in England and Wales with registered address at 12 Market Street, Leeds, LS1 6DT ("Supplier/we/us/our").`,
			partiesOf, `Brightpath Tutoring Limited ("Supplier/we/us/our")`},
		{"a referral programme's title after the company's name (own words)",
			"Harbourline Tours - Referral Partner Agreement\n\nPromotion Standards\n\nYou introduce customers to Harbourline Tours using your referral code.",
			func(k KeyTerms) string { return k.DocumentTitle }, "Referral Partner Agreement"},
		{"a heading with \"nda\" inside a word is no title (own words)",
			"Promotion Standards\n\nFoundation Calendar\n\nYou introduce customers to Harbourline Tours using your referral code.",
			func(k KeyTerms) string { return k.DocumentTitle }, ""},
		{"a header field names the governing law (own words)",
			"Driver Independent Contractor Agreement\nVersion: 1.4\nEffective Date: 24 Dec 2025\nGoverning Law: Victoria, Australia\nThis Independent Contractor Agreement is made between Fleetway Pty Ltd and the Driver.",
			lawOf, "Victoria, Australia AU-VIC"},
		{"a cover table's row leaves the governing law to fill in (own words)",
			"Label\tValue\nCompany\t{company_name}\nGoverning Law\t{governing_law}\nVenue\t{venue}",
			func(k KeyTerms) string { return fmt.Sprintf("%s %v", lawOf(k), k.GoverningLawPlaceholder) }, "{governing_law}  true"},
		{"an all-caps notice names the provider after \"offered by\", and the customer beside it as a \"Party\" (own words)",
			"PLEASE READ THESE HARBOURLIGHT CLOUD TERMS OF SUBSCRIPTION (THE \"AGREEMENT\") CAREFULLY BEFORE USING THE SERVICES OFFERED BY HARBOURLIGHT SYSTEMS, INC., A DELAWARE CORPORATION (\"HARBOURLIGHT\"). BY SIGNING AN ORDER FORM, CUSTOMER (AS DEFINED BELOW) AGREES TO BE BOUND BY THE AGREEMENT.\nHarbourlight and Customer shall herein be referred to each as a \"Party\" and collectively as the \"Parties\".",
			partiesOf, `HARBOURLIGHT SYSTEMS, INC. ("HARBOURLIGHT"); "Customer" (role; name not stated)`},
		{"\"Parties\" naming another than the party read is no party (own words)",
			"These terms are provided by Northwind Tools Ltd (\"Northwind\").\nThe Reseller and Customer shall each be referred to as a \"Party\".",
			partiesOf, `Northwind Tools Ltd ("Northwind")`},
		{"a promissory note's title before its section headings (own words)",
			"PROMISSORY NOTE\nLOAN TERMS\nThe Borrower promises to pay the Lender the principal sum of $12,000.",
			func(k KeyTerms) string { return k.DocumentTitle }, "PROMISSORY NOTE"},
		{"a delivery deadline is not the agreement date (own words)",
			"PUBLISHING AGREEMENT\nThis Agreement is made between Ruth Calder (\"the Author\") and Northgate Books Ltd (\"the Publisher\").\nThe Author shall deliver the complete manuscript of the Work to the Publisher by 31 March 2027.",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"a date the work is due no later than is not the agreement date (own words)",
			"Logo Design Contract\nThe Designer shall deliver the final artwork no later than June 30, 2026.",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"the signature block's rows name the parties a preamble left out (own words)",
			"FRANCHISE AGREEMENT\n1. Franchise Fee\nThe Franchisee agrees to pay the Franchisor a franchise fee of $20,000.00.\nSignatories\nSeller: Bayside Bagel Franchising Inc.\nSignature: ______________ Date: May 3, 2025\nBuyer: Dune Street Foods LLC\nSignature: ______________ Date: May 3, 2025",
			partiesOf, `Bayside Bagel Franchising Inc. ("Seller"); Dune Street Foods LLC ("Buyer")`},
		{"a signature row's signer title is not the name (own words)",
			"Mutual NDA\nThe parties agree to keep each other's information confidential.\nService Provider: BRIGHTWAVE, Authorized Representative. Date: ________\nClient: Kestrel Analytics Inc., Director. Date: ________",
			partiesOf, `BRIGHTWAVE ("Service Provider"); Kestrel Analytics Inc. ("Client")`},
		{"a note's party headings with a name row under each (own words)",
			"PROMISSORY NOTE\nPARTIES\n**BORROWER/MAKER** (Person borrowing money):\n- **Name**: {{borrower_name}}\n- **Address**: {{borrower_address}}\n**LENDER/PAYEE** (Person lending money):\n- **Name**: Harriet Lowe",
			partiesOf, `{{borrower_name}} ("Borrower"); Harriet Lowe ("Lender")`},
		{"the reader named \"you\" with a role beside it (own words)",
			"This Reseller Programme Agreement (the \"Agreement\") is made by and between Quillfeather Software, LLC (\"Quillfeather\" or \"we\"), and you, (\"you\" or \"Reseller\") the person applying to resell our products.",
			partiesOf, `Quillfeather Software, LLC ("Quillfeather"); "Reseller" (role; name not stated)`},
		{"the reader named \"you\" with no role beside it (own words)",
			"This Agreement is made by and between Quillfeather Software, LLC (\"Quillfeather\" or \"we\"), and you (\"you\" or \"your\").",
			partiesOf, `Quillfeather Software, LLC ("Quillfeather")`},
		{"a heading \"Governing Law\" is no law (own words)",
			"Governing Law\nThe parties will agree the governing law in the order form.",
			lawOf, "none"},
		{"a date the term ends on is not the agreement's (own words)",
			"RESIDENTIAL LEASE AGREEMENT\nBETWEEN: Harbour Residential Properties, LLC (the \"Landlord\") AND: [ _______________] (the \"Tenant\").\na. Total Term of Lease: The term of this Lease shall begin on the Effective date, and shall terminate on September 30, 2022.",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"FTENETWORKS strategic alliance (CUAD): made effective on a misread date, through the end date",
			`THIS STRATEGIC ALLIANCE AGREEMENT (the "Agreement"), made effective this 17t h day of February 2016, through February 16, 2019 (the "Initial Term") is entered into by and between EDGE Communications Solutions, LLC and FTE Networks, Inc.`,
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"a template field with a dotted name (own words)",
			`This Rental Agreement ("Agreement") is made and entered into as of {{document.date}}, by and between Snowcone Rentals ("Owner"), and {{client.name}} ("Renter").`,
			func(k KeyTerms) string { return k.AgreementDate.Text }, "{{document.date}}"},
		{"a party named by its role before the company (own words after a separation agreement)",
			`This Separation Agreement and General Release (“Agreement”) is entered into by and between Employee and Northwind Logistics, LLC on behalf of itself, its parent, its subsidiaries and affiliates (the “Company”).`,
			partiesOf, `"Employee" (role; name not stated); Northwind Logistics, LLC ("Company")`},
		{"cover rows with a description after the name (own words after an advisor template)",
			"This Advisor Agreement (\"Agreement\") is entered into as of [DATE] (\"Effective Date\") by and between:\n**Company:** [COMPANY NAME], a [State] corporation (\"Company\")\n**Address:** [Company Address]\n**Advisor:** [ADVISOR NAME] (\"Advisor\")",
			partiesOf, `[COMPANY NAME] ("Company"); [ADVISOR NAME] ("Advisor")`},
		{"a cover block: each name on its own row, address rows, then the alias (own words after a subcontractor agreement)",
			"SUBCONTRACTOR AGREEMENT\n\nDate: [DATE]\n\nBETWEEN:\n\nMaria Lopez\n\n12 Elm Street, Springfield\n\nmaria@example.com\n\n(hereinafter referred to as the \"Client\")\n\nAND:\n\nDevon Park\n\n[ADDRESS]\n\n[PHONE]\n\n(hereinafter referred to as the \"Subcontractor\")\n\n1. SCOPE OF WORK\n\nThe Subcontractor will build the Client's website.",
			partiesOf, `Maria Lopez ("Client"); Devon Park ("Subcontractor")`},
		{"a cover row's address and email rows are not the name; a blank row under a longer label (own words after a sales representative agreement)",
			"This Sales Representative Agreement is entered into as of [DATE]\n\nBETWEEN:\n\nCompany: Harbor Signage LLC Address: ____________ (\"Company\")\n\nAND:\n\nSales Representative: ____________ Email: ____________ (\"Representative\")\n\n1. APPOINTMENT",
			partiesOf, `Harbor Signage LLC ("Company"); "Representative" (role; name not stated)`},
		{"a form's party left blank under a name row, after the other party's address rows (own words after a sync library's artist agreement)",
			"This Catalog Agreement (\"Agreement\") is made as of [DATE] by and between:\n\nBluefinch Audio LLC (\"Library\", \"we\")\n\n[Street Address]\n\n[Email]\n\nand\n\nComposer Name: ______________\n\nEmail: ______________\n\n(collectively, \"Composer\" or \"you\")\n\n1. Tracks\n\nComposer will deliver the tracks listed below.",
			partiesOf, `Bluefinch Audio LLC ("Library"); "Composer" (role; name not stated)`},
		{"a split table's share in brackets is no name for a party known by its role (own words)",
			"This Catalog Agreement is made by and between:\n\nBluefinch Audio LLC (\"Library\")\n\nand\n\nComposer Name: ______________\n\n(\"Composer\")\n\n4. Revenue Split\n\nParty\tShare\nComposer\t[60]%\nLibrary\t[40]%",
			partiesOf, `Bluefinch Audio LLC ("Library"); "Composer" (role; name not stated)`},
		{"a fee far into a long sentence is shown as its clause (own words after a photo licence)",
			"In return for every right this Agreement grants and for the Photographer's help with the shoot, Harbor Goods shall pay the Photographer a one-time fee of one thousand eight hundred dollars ($1,800.00) on signature, payable by bank transfer within ten (10) days of the Photographer's invoice.",
			func(k KeyTerms) string { return money(k.PaymentTerms) + ": " + k.PaymentTerms.Text },
			"1800 USD: Harbor Goods shall pay the Photographer a one-time fee of one thousand eight hundred dollars ($1,800.00) on signature"},
		{"a fee's clause keeps when it is paid (own words after an essay contract)",
			"In consideration for the rights the Writer grants to the Magazine and for the Writer's revisions under this Agreement, the Writer will receive a payment of USD $90.00, which will be paid on publication of the Essay.",
			func(k KeyTerms) string { return money(k.PaymentTerms) + ": " + k.PaymentTerms.Text },
			"90 USD: the Writer will receive a payment of USD $90.00, which will be paid on publication of the Essay."},
		{"a fee near a sentence's start keeps its sentence (own words)",
			"The Client will pay the Designer a fee of $640 for the logo, half on signature and half on delivery of the final files, by bank transfer to the account the Designer names.",
			func(k KeyTerms) string { return k.PaymentTerms.Text },
			"The Client will pay the Designer a fee of $640 for the logo, half on signature and half on delivery of the final files, by bank transfer to the account the Designer names."},
		{"a manager's commission on the client's earnings (own words after an artist-manager agreement)",
			"4.1 In return for the Manager's services, the Singer shall pay the Manager a commission of fifteen percent (15%) of the Singer's \"Gross Income\" each month during the Term.",
			func(k KeyTerms) string {
				if k.Commission == nil {
					return "none"
				}
				return num(k.Commission.RatePercent) + "% of " + k.Commission.Base + " per " + k.Commission.Per
			}, "15% of gross income per month"},
		{"a cap on commissions is no commission (own words)",
			"In no event shall the Agent's commission exceed twenty percent (20%) of the Writer's earnings from any engagement.",
			func(k KeyTerms) string {
				if k.Commission == nil {
					return "none"
				}
				return num(k.Commission.RatePercent)
			}, "none"},
		// An agent's or a manager's share of a creator's money is a
		// commission though the sentence never says so; a royalty, a revenue
		// share between businesses, a management fee on a business's
		// revenues or interest on what is owed is none.
		{"an agency clause's share of what the author is owed (own words after a book contract's agency clause)",
			"14. Agency. The Author directs the Publisher to pay the Author's literary agent, Harrow & Vale Associates, fifteen percent (15%) of all amounts due to the Author under this Agreement.",
			commissionOf, "15% of amounts due to the author"},
		{"a manager's share of the artist's earnings, not called a commission (own words)",
			"The Manager shall be entitled to retain twenty percent (20%) of the Artist's gross earnings and advances from all engagements during the Term.",
			commissionOf, "20% of artist's gross earnings and advances"},
		{"a sports agent's share of the player's compensation (own words)",
			"The Agent shall receive three percent (3%) of all compensation paid to the Player under any player contract negotiated by the Agent.",
			commissionOf, "3% of compensation paid to the player"},
		{"a commission on monies received by the author names the author (own words)",
			"The Agent's commission shall be fifteen percent (15%) of all monies received by the Author from the sale of the Work.",
			commissionOf, "15% of monies received by the author"},
		{"a royalty paid through the author's agent is no commission (own words)",
			"The Publisher shall pay the Author's agent, on the Author's behalf, a royalty of ten percent (10%) of net receipts from all sales of the Work.",
			commissionOf, "none"},
		{"a management fee on a franchise's revenues is no commission (own words after a franchise agreement)",
			"If we assume management of the Franchise, we may charge you a management fee of ten percent (10%) of the Franchise's gross revenues.",
			commissionOf, "none"},
		{"a distribution agent's revenue share with a label is no commission (own words)",
			"The Distribution Agent shall pay the Label seventy percent (70%) of all net receipts from sales of the Recordings.",
			commissionOf, "none"},
		{"interest on what an agent owes the author is no commission (own words)",
			"Any sum the Agent fails to remit bears interest at one percent (1%) of the amounts due to the Author for each month of delay.",
			commissionOf, "none"},
		{"an agent paying the artist its share is no commission (own words)",
			"The Agent shall pay the Artist eighty percent (80%) of all amounts received by the Agent.",
			commissionOf, "none"},
		{"a singular possessive unit: one month's notice (own words)",
			"This Agreement starts on 1 May 2026.\nEither party may terminate this Agreement on one month's notice in writing.",
			noticeDays, "one month's notice = 30 days"},
		// A template's defaults in brackets (own words after a SaaS subscription template).
		{"a bracketed default notice period",
			"Either party may terminate this Agreement on [four (4) weeks'] written notice.",
			noticeDays, "[four (4) weeks'] written notice = 28 days"},
		{"bracketed default net days and late fee",
			"Fees are payable within [30] days of invoice. Overdue amounts bear interest at [1.5]% per month.",
			func(k KeyTerms) string { return netDays(k) + " / " + lateFeeOf(k) }, "30 / 1.5% per month"},
		{"a placeholder in brackets stays a placeholder",
			"Fees are payable within [NUMBER] days of invoice.",
			netDays, "none"},
		{"a probation's notice is not the notice period (own words after an Australian employment agreement)",
			"During the probationary period either party may terminate the employment on one week's notice.\nAfter the probationary period, either party may terminate the employment by giving four weeks' written notice to the other.",
			noticeText, "four weeks' written notice"},
		{"a breach's cure notice is no notice period (own words after an artist-manager agreement)",
			"The Manager will represent the Artist for two years.\nEither side may terminate this Agreement on sixty (60) days' written notice to the other if the other commits a material breach and does not cure it within that time.",
			noticeText, "none"},
		{"the notice to end without cause, after a cure notice (own words)",
			"Either party may terminate this Agreement upon fifteen (15) days' written notice in the event of a material breach that is not cured within that period.\nThe Writer may also terminate this Agreement for any reason upon forty-five (45) days' written notice.",
			noticeText, "forty-five (45) days' written notice"},
		{"a notice for any reason, or at once upon breach, keeps its notice (own words)",
			"Either party may terminate this Agreement upon thirty (30) days' written notice, or immediately upon a material breach by the other party.",
			noticeText, "thirty (30) days' written notice"},
		{"a cure notice and a notice for any reason in one sentence: the latter (own words)",
			"The Licence runs from 1 June 2026.\nEither party may terminate this Licence for material breach on twenty-one (21) days' notice if the breach is not put right, or for any reason on ninety (90) days' written notice.",
			noticeText, "ninety (90) days' written notice"},
		{"a cure notice's period named again in the same sentence is no notice period (own words after a development agreement)",
			"If either party fails to perform a material obligation, the other party may terminate this Agreement upon fifteen (15) days written notice to the breaching party, unless: (a) the failure has been put right within the fifteen (15) day notice period; or (b) the failing party has begun to put it right within the fifteen (15) day notice period, in which case termination takes effect only if the failure is not put right within forty-five (45) days.",
			noticeText, "none"},
		{"a change of control's notice is no notice period (own words after a promotion agreement)",
			"The Promoter may terminate this Agreement upon forty-five (45) days notice following a Change of Control of the Promoter.",
			noticeText, "none"},
		{"a force majeure's notice is no notice period (own words after a development agreement)",
			"If Force Majeure has lasted for at least four (4) months, the other party may terminate this Agreement on twenty (20) days' notice.",
			noticeText, "none"},
		{"an ownership change's notice is no notice period (own words after a co-branding agreement)",
			"Either party may terminate this Agreement upon 15 days written notice if the other party undergoes a material ownership change.",
			noticeText, "none"},
		{"an event's notice, then the notice without cause in the same sentence (own words)",
			"The Distributor may terminate this Agreement upon ten (10) days' notice if the Supplier becomes insolvent, and may terminate it without cause upon sixty (60) days' written notice.",
			noticeText, "sixty (60) days' written notice"},
		{"a section named in passing is no event (own words)",
			"Subject to Section 14 (Assignment), either party may terminate this Agreement upon thirty (30) days written notice to the other party.",
			noticeText, "thirty (30) days written notice"},
		{"a clause that names an event but says for convenience keeps its notice (own words)",
			"After any assignment of this Agreement, either party may terminate it for convenience upon thirty (30) days' written notice.",
			noticeText, "thirty (30) days' written notice"},
		{"a probation's notice when the contract states no other (own words)",
			"The Employee's employment begins on 1 March 2026.\nDuring the probationary period either party may terminate the employment on two weeks' notice.",
			noticeText, "two weeks' notice"},
		{"FEDERATED power of attorney (CUAD): a place is no party's name",
			`KNOW ALL MEN BY THESE PRESENTS, dated as of January 1, 2004, that FEDERATED INVESTMENT MANAGEMENT COMPANY, a statutory trust duly organized under the laws of the State of Delaware (the "Adviser"), does hereby appoint FEDERATED ADVISORY SERVICES COMPANY ("FASC") pursuant to the Services Agreement dated as of January 1, 2004 between the Adviser and FASC.`,
			func(k KeyTerms) string {
				for _, p := range k.Parties {
					if strings.Contains(p.Name, "Delaware") {
						return "a place: " + p.Name
					}
				}
				return "no place"
			}, "no place"},
		{"WordPress.com terms (CC BY-SA 4.0, Automattic): the venue ends with its sentence",
			"The proper venue for any disputes arising out of or relating to the Agreement and any access to or use of our Services will be the state and federal courts located in San Francisco County, California, U.S.A. Nothing in this Agreement affects your rights as a consumer to rely on mandatory provisions.",
			venueOf, "San Francisco County, California, U.S.A. US-CA"},
		{"a cover page read from a PDF: the courts' heading run into the law's field (own words after Common Paper)",
			"Governing Law & Chosen Courts “Governing Law” means the laws of {governing_law}. “Chosen Courts” means the state or federal courts in {jurisdiction}.",
			func(k KeyTerms) string { return lawOf(k) + " / " + venueOf(k) }, "{governing_law}  / {jurisdiction} "},
		{"UK model tenancy (OGL v3.0): a rent threshold is not the deposit",
			"The deposit is no greater than five weeks’ rent (or six weeks’ rent if the annual rent on the property is greater than £50,000).",
			func(k KeyTerms) string {
				if k.Deposit == nil {
					return "none"
				}
				return num(k.Deposit.Amount) + " " + k.Deposit.Currency
			}, "0 "},
		{"cover rows whose labels hold the role (own words after a wedding contract)",
			"WEDDING SERVICES CONTRACT\nDate of Agreement: January 16, 2025\nService Provider\nCompany Name: Lantern Hall Events\nContact Person: Sarah Williams\nClient Information\nPrimary Client: Emma Rose Martinez\nSecondary Client: David Chen",
			partiesOf, `Lantern Hall Events ("Company"); Emma Rose Martinez ("Client")`},
		{"a form's version date is not the agreement's (own words after a speaker agreement)",
			"Keynote, Speaker, and Trainer Agreement\nv. 2019-11-23\nPRESENTER AGREEMENT & RELEASE\nI accept the offer of the Foundation to participate as a conference speaker.",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"GLOBALTECHNOLOGIES consulting (CUAD): the term commences on a date",
			"2. TERM OF AGREEMENT. This Agreement shall be in full force and effect commencing on January 2, 2020 and shall remain in effect for one (1) year or until Consultant is terminated.",
			func(k KeyTerms) string { return dateOf(k.EffectiveDate) + " " + dateOf(k.ExpirationDate) }, "2020-01-02 2021-01-02"},
		{"employment for an indefinite period from a date (own words)",
			"This Employment Agreement is made on March 1, 2024 between Acme Inc. (\"Employer\") and John Smith (\"Employee\").\nEmployee's employment under this Agreement shall be for an indefinite period, commencing on March 15, 2024, and shall continue until terminated by either party.",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) + " " + dateOf(k.EffectiveDate) }, "2024-03-01 2024-03-15"},
		{"a template's effective date field after \"effective on\" (own words after a consultant's MSA)",
			"3.1 This Agreement becomes effective on [Effective Date] and remains in effect until terminated.",
			func(k KeyTerms) string { return dateOf(k.EffectiveDate) + " " + k.EffectiveDate.Text }, "placeholder 0/0/0 [Effective Date]"},
		{"a party list under a lead-in line, lettered a) to c) (own words after a speaker booking)",
			"SPEAKER AGREEMENT\nThis agreement is entered into by and between\na) Podium Talent, a division of Example Bookings, LLC (\"Agent\" for the Speaker),\nb) Dr. Ana Silva (\"Speaker\"), and\nc) Redwood Freight Inc. (\"Client\") for the purposes of engaging the Speaker for:",
			partiesOf, `Podium Talent ("Agent"); Dr. Ana Silva ("Speaker"); Redwood Freight Inc. ("Client")`},
		{"WARNERCHILCOTT development (CUAD): \"between\" and \"and\" on lines of their own",
			"DEVELOPMENT AGREEMENT\nbetween\nLEO PHARMA A/S of Industriparken 55, DK-2750 Ballerup, Denmark (hereinafter referred to as \"LEO\") ---\nand\nGALEN (CHEMICALS) LIMITED of 4 Adelaide Street, Dun Laoghaire, Co. Dublin, Ireland (hereinafter referred to as \"GALEN\").",
			partiesOf, `LEO PHARMA ("LEO"); GALEN (CHEMICALS) LIMITED ("GALEN")`},
		{"a release signed by one party in favour of the other (own words)",
			"This Guest Appearance Release is signed on 3 June 2026 by Mara Quinn (\"Guest\") in favour of Tidewater Audio LLC, the producer of the podcast \"Open Books\" (\"Producer\").",
			partiesOf, `Mara Quinn ("Guest"); Tidewater Audio LLC ("Producer")`},
		{"a release's rows: the model and the client (own words)",
			"Model Release\nThis Model Release is entered into as of April 2, 2026 by and between:\nClient: Harbor Knitwear Co.\nModel: Lena Park\nThe Model grants to the Client the right to use photographs of the Model.",
			partiesOf, `Harbor Knitwear Co. ("Client"); Lena Park ("Model")`},
		{"a guest release's rows with a name field, an aside and an email (own words)",
			"GUEST RELEASE FORM\nPODCASTER (Host/Producer): Name: Omar Haddad (Night Shift podcast), Email: omar@example.com\nGUEST: Name: Ruth Byrne, Email: ruth@example.com\nGuest grants to Podcaster the right to record and publish the interview.",
			partiesOf, `Omar Haddad ("Podcaster"); Ruth Byrne ("Guest")`},
		{"an event's date and time is not the agreement's (own words after a speaker booking)",
			"SPEAKER AGREEMENT\nThis agreement is entered into by and between Podium Talent (\"Agent\") and Redwood Freight Inc. (\"Client\").\nDate(s)/Time(s): Friday, October 9, 2026 from 9:00 am to 11:00 am",
			func(k KeyTerms) string { return dateOf(k.AgreementDate) }, "none"},
		{"a tax duty \"as governed by\" federal law is no choice of law (own words after a speaker booking)",
			"The Speaker assumes all responsibility for federal and state income tax, etc., as governed by the laws of the federal government of the United States and the Speaker's state of residence.\nThis Agreement shall be governed by California law without reference to its conflicts of law principles.",
			lawOf, "California US-CA"},
		{"\"The term is\" five years (own words after a commercial lease)",
			"4. Term. The term is five years from the Commencement Date.",
			func(k KeyTerms) string { return durationOf(k.Term) }, "5 year"},
		{"a cover row's company with its town after the legal form (own words after a beat licence)",
			"BEAT LICENSE AGREEMENT\nLicensor: Night Owl Audio LLC, Dayton, OH (on behalf of producer \"Kilo\")\nLicensee: Sam Rivers, Email: sam@example.com",
			partiesOf, `Night Owl Audio LLC ("Licensor"); Sam Rivers ("Licensee")`},
		{"net days of compensation \"paid\" (own words after an influencer agreement)",
			"Compensation shall be paid Net 60 days following Sponsor's receipt of the final post.",
			func(k KeyTerms) string {
				if k.PaymentTerms == nil {
					return "none"
				}
				return fmt.Sprint(k.PaymentTerms.NetDays)
			}, "60"},
		{"TomOnline co-branding (CUAD): parties lettered (a) to (e), a bracket inside a name",
			"THIS CO-BRANDING AGREEMENT (this \"Agreement\"), entered into on the 22nd day of August 2005 and effective as of the 22nd day of August 2005 (\"Effective Date\"), by and among (a) Skype Communications, S.A. (\"Skype\"), a limited company (société anonyme) incorporated in Luxembourg, with its principal place of business at 6 rue Adolphe Fischer, L-1520 Luxembourg, Luxembourg, (b) Skype Technologies, S.A. (\"Skype Holding\"), a limited company (société anonyme) incorporated in Luxembourg; (c) TOM Online (BVI) Limited (\"Online BVI\"), a company incorporated in the British Virgin Islands with limited liability; and (d) Tel-Online Limited (\"Company\"), a company incorporated in the Cayman Islands.",
			partiesOf, `Skype Communications, S.A. ("Skype"); Skype Technologies, S.A. ("Skype Holding"); TOM Online (BVI) Limited ("Online BVI"); Tel-Online Limited ("Company")`},
		{"parties numbered (i) to (iii), with curly quotes (own words after a brand-influencer platform agreement)",
			"This Master Agreement is made as of March 3, 2026 by and among: (i) Lumen Skincare Inc., with its principal place of business at 410 Harbor Street, Wilmington, Delaware (“Brand”); (ii) Dana Reyes, with its principal place of business at 22 Elm Court, Austin, Texas (“Influencer”); and (iii) Glamlink, Inc., with its principal place of business at 100 Market Street, San Francisco, California (“Glamlink”).",
			partiesOf, `Lumen Skincare Inc. ("Brand"); Dana Reyes ("Influencer"); Glamlink, Inc. ("Glamlink")`},
		{"a document under a short name is no party (own words after Outreachy's internship terms)",
			"Dear Participant:\n\nThese Internship Terms of Participation (“ITOP”) will serve as the agreement between you and Conservancy concerning your participation in the program. “Conservancy” means Open Code Conservancy, Inc., a New York non-profit corporation.",
			partiesOf, ``},
		{"a schedule's payment terms row (own words after a UK agency's placement terms)",
			"Placement Terms\nPay Rate: 700\nRate Type: Daily\nPayment Terms: 7 days\nContractor Notice: 1 week",
			netDays, "7"},
		{"a schedule's payment terms row among rows read as one sentence (own words)",
			"Placement Terms Pay Rate: 700\nRate Type: Daily\nPayment Terms: 14 days\nContractor Notice: 1 week",
			netDays, "14"},
		{"a schedule's payment terms row run into the next rows (own words)",
			"Placement Terms\n\nPayment Terms: 7 days Contractor Notice: 1 week Client Notice: 1 week",
			netDays, "7"},
		{"a payment terms row that names no days is none (own words)",
			"Placement Terms\nPayment Terms: as agreed for the Placement",
			netDays, "none"},
		{"a payout threshold is not the pay (own words)",
			"We have no obligation to make any payment under this section until the outstanding amount owed to you exceeds fifty US dollars ($50).\nWe will issue a payout for any month that your balance reaches $100.",
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			k := Extract(sentenceDoc(tt.text))
			if got := tt.check(k); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func durationOf(d *Duration) string {
	if d == nil {
		return "none"
	}
	return num(d.Count) + " " + d.Unit
}

func lawOf(k KeyTerms) string {
	if k.GoverningLaw == nil {
		return "none"
	}
	return k.GoverningLaw.Name + " " + k.GoverningLaw.Code
}

func venueOf(k KeyTerms) string {
	if k.Venue == nil {
		return "none"
	}
	s := k.Venue.Place.Name + " " + k.Venue.Place.Code
	if k.Venue.Exclusive {
		s += " exclusive"
	}
	return s
}

func renewalOf(k KeyTerms) string {
	s := "renew -"
	if r := k.RenewalTerm; r != nil {
		s = "renew " + num(r.Count) + " " + r.Unit
		if r.Automatic {
			s += " auto"
		}
	}
	if n := k.NoticePeriodToTerminateRenewal; n != nil {
		return s + "; notice " + num(n.Count) + " " + n.Unit
	}
	return s + "; notice -"
}

func capOf(k KeyTerms) string {
	c := k.LiabilityCap
	if c == nil {
		return "none"
	}
	if c.FeesMultiple > 0 {
		return "fees x" + num(c.FeesMultiple) + " over " + num(c.FeesMonths) + " months"
	}
	return num(c.Amount) + " " + c.Currency
}

func nonCompeteOf(k KeyTerms) string {
	if k.NonCompete == nil {
		return "none"
	}
	return num(k.NonCompete.Months) + " months, " + num(k.NonCompete.Miles) + " miles"
}

// noticeText is the notice period as quoted, noticeDays with its days.
func noticeText(k KeyTerms) string {
	if k.NoticePeriod == nil {
		return "none"
	}
	return k.NoticePeriod.Text
}

func noticeDays(k KeyTerms) string {
	if k.NoticePeriod == nil {
		return "none"
	}
	return k.NoticePeriod.Text + " = " + num(k.NoticePeriod.Days) + " days"
}

func lateFeeOf(k KeyTerms) string {
	if k.LateFee == nil {
		return "none"
	}
	return num(k.LateFee.RatePercent) + "% per " + k.LateFee.Per
}

func netDays(k KeyTerms) string {
	if k.PaymentTerms == nil {
		return "none"
	}
	return num(float64(k.PaymentTerms.NetDays))
}

func money(p *PaymentTerms) string {
	if p == nil {
		return "none"
	}
	return num(p.Amount) + " " + p.Currency
}

func dateOf(d *Date) string {
	switch {
	case d == nil:
		return "none"
	case d.ISO != "":
		return d.ISO
	case d.Placeholder:
		return "placeholder " + num(float64(d.Month)) + "/" + num(float64(d.Day)) + "/" + num(float64(d.Year))
	}
	return "partial " + d.Text
}

func partiesOf(k KeyTerms) string {
	var s []string
	for _, p := range k.Parties {
		s = append(s, p.String())
	}
	return strings.Join(s, "; ")
}

func num(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestParseNumber(t *testing.T) {
	tests := map[string]float64{
		"thirty (30)": 30, "sixty": 60, "one hundred twenty (120)": 120, "twenty-four": 24,
		"90": 90, "five (5)": 5, "one hundred and eighty": 180, "1.5": 1.5, "30 (thirty)": 30,
	}
	for in, want := range tests {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}

func TestDurations(t *testing.T) {
	tests := []struct {
		in           string
		count, days  float64
		unit         string
		businessDays bool
	}{
		{"within thirty (30) days of receipt", 30, 30, "day", false},
		{"a period of two (2) years following", 2, 730, "year", false},
		{"five (5) business days after", 5, 5, "day", true},
		{"a twelve (12) month period", 12, 360, "month", false},
		{"upon 6 weeks notice", 6, 42, "week", false},
	}
	for _, tt := range tests {
		low := asciiLower(tt.in)
		ms := findDurations(low)
		if len(ms) == 0 {
			t.Errorf("%q: no duration", tt.in)
			continue
		}
		d, ok := durationAt(tt.in, low, ms[0], 0)
		if !ok || d.Count != tt.count || d.Days != tt.days || d.Unit != tt.unit || d.Business != tt.businessDays {
			t.Errorf("%q: got %+v", tt.in, d)
		}
		if tt.in[d.Span.Start:d.Span.End] != d.Text {
			t.Errorf("%q: span %v does not cover %q", tt.in, d.Span, d.Text)
		}
	}
}

func TestDates(t *testing.T) {
	tests := map[string]string{
		"October 1, 2019":                "2019-10-01",
		"the 1st day of October, 2019":   "2019-10-01",
		"1 October 2019":                 "2019-10-01",
		"10/01/2019":                     "2019-10-01",
		"2019-10-01":                     "2019-10-01",
		"Sept. 30, 2020":                 "2020-09-30",
		"31/01/2025":                     "2025-01-31",
		"this ___ day of ________, 2000": "",
	}
	for in, want := range tests {
		ds := findDates(in, asciiLower(in), 0)
		if len(ds) != 1 {
			t.Errorf("%q: %d dates", in, len(ds))
			continue
		}
		if ds[0].ISO != want {
			t.Errorf("%q: ISO %q, want %q", in, ds[0].ISO, want)
		}
		if want == "" && (!ds[0].Placeholder || ds[0].Year != 2000) {
			t.Errorf("%q: want a placeholder date in 2000, got %+v", in, ds[0])
		}
	}
}

// TestPartiesInTableRows reads the parties from a cover page's or a
// signature block's table, whose cells a reader joins with tabs: Common
// Paper's forms sign in a two-column table, "PROVIDER: {company_name}" in
// one cell and "CUSTOMER: {company_name}" beside it on the same row.
func TestPartiesInTableRows(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want string
	}{
		{"both parties in one row (Common Paper PSA signature block)",
			[][]string{{"PROVIDER: {company_name}", "CUSTOMER: {company_name}"}, {"Signature"}, {"Print Name", "{provider_signatory_name}", "{customer_signatory_name}"}},
			`{company_name} ("Provider"); {company_name} ("Customer")`},
		{"a role's label and its field in two cells (own words)",
			[][]string{{"Company", "{company_name_and_address}"}, {"Consultant", "{consultant_name}"}},
			`{company_name_and_address} ("Company"); {consultant_name} ("Consultant")`},
		{"a field's label in the next cell is no party (own words)",
			[][]string{{"Client", "Name: Jane Roe"}, {"Contractor", "Name: Sam Poe"}},
			`Jane Roe ("Client"); Sam Poe ("Contractor")`},
		{"a definitions table whose row describes a role names no party by it (own words, after a UK agency's terms)",
			[][]string{{"Term", "Meaning"}, {"Agency", "Harrow Lane Recruitment Ltd, a company registered in England"}, {"Consultancy", "Pennant Data Services Ltd"}, {"Client", "the business that asks the Agency for services"}},
			`Harrow Lane Recruitment Ltd ("Agency"); Pennant Data Services Ltd ("Consultancy")`},
		{"a company written in lower case is a name (own words)",
			[][]string{{"Client", "ebix.com, Inc."}, {"Contractor", "Sam Poe"}},
			`ebix.com, Inc. ("Client"); Sam Poe ("Contractor")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := document.NewBuilder("table", document.DOCX)
			b.Add(document.Block{Kind: document.Paragraph}, "Professional Services Agreement")
			b.Add(document.Block{Kind: document.Paragraph}, "By signing this Cover Page, each party agrees to enter into this Agreement as of the Effective Date.")
			for r, row := range tt.rows {
				for c, cell := range row {
					b.Add(document.Block{Kind: document.TableCell, Source: document.Source{Table: 1, Row: r + 1, Col: c + 1}}, cell)
				}
			}
			doc := b.Document()
			segment.Build(doc)
			k := Extract(doc)
			if got := partiesOf(k); got != tt.want {
				t.Errorf("text %q\ngot  %q\nwant %q", doc.Text, got, tt.want)
			}
			checkSpans(t, doc, k)
		})
	}
}

// TestSumInTableRow reads a sum from the cell beside its label, a
// Markdown table cell being a sentence of its own: an offer letter's
// cover terms, "| **Base Salary** | $148,000 per year |", and a UK student
// tenancy's first page, "|Tenancy Deposit|£ 150.00|".
func TestSumInTableRow(t *testing.T) {
	deposit := func(k KeyTerms) string {
		if k.Deposit == nil {
			return "none"
		}
		return num(k.Deposit.Amount) + " " + k.Deposit.Currency
	}
	tests := []struct {
		name, title, after string
		rows               [][]string
		get                func(KeyTerms) string
		want               string
	}{
		{"an offer letter's base salary", "Employment Offer Letter", "Either Employee or Company may end employment at any time.",
			[][]string{{"Term", "Value"}, {"Employer", "Brightline Analytics, Inc."}, {"Employee", "Jordan Lee"},
				{"Base Salary", "$148,000 per year"}, {"Bonus Terms", "Target annual bonus of 10% of base salary"}},
			func(k KeyTerms) string { return money(k.PaymentTerms) }, "148000 USD"},
		{"a tenancy's deposit", "Assured Shorthold Tenancy Agreement", "I agree to pay the Rent in full for the whole Tenancy Period.",
			[][]string{{"Tenancy Period", "beginning on 14/09/2024 ending on 05/09/2025 (51 weeks)"}, {"Rent", "£ 13,515.00 (for 51 weeks) payable in advance in instalments"},
				{"Tenancy Deposit", "£ 150.00"}, {"Tenancy Deposit Holder", "TDS Custodial"}},
			deposit, "150 GBP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := document.NewBuilder("table", document.Markdown)
			b.Add(document.Block{Kind: document.Paragraph}, tt.title)
			for r, row := range tt.rows {
				for c, cell := range row {
					b.Add(document.Block{Kind: document.TableCell, Source: document.Source{Table: 1, Row: r + 1, Col: c + 1}}, cell)
				}
			}
			b.Add(document.Block{Kind: document.Paragraph}, tt.after)
			doc := b.Document()
			segment.Build(doc)
			k := Extract(doc)
			if got := tt.get(k); got != tt.want {
				t.Errorf("text %q\ngot  %q\nwant %q", doc.Text, got, tt.want)
			}
			checkSpans(t, doc, k)
		})
	}
}

// commissionOf is the commission's rate and base, or "none".
func commissionOf(k KeyTerms) string {
	if k.Commission == nil {
		return "none"
	}
	return num(k.Commission.RatePercent) + "% of " + k.Commission.Base
}

// TestGolden extracts the key terms of whole real documents and compares
// their JSON, the report's key_terms, with testdata/*.golden.json.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	md, _ := filepath.Glob("testdata/*.md")
	docx, _ := filepath.Glob("testdata/*.docx")
	for _, f := range append(append(files, md...), docx...) {
		if filepath.Base(f) == "ATTRIBUTION.md" {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := readDoc(t, f)
			k := Extract(doc)
			got, err := json.MarshalIndent(k, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, filepath.Ext(f)) + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), string(got)); d != "" {
				t.Errorf("key terms differ from %s (-want +got):\n%s", golden, d)
			}
			checkSpans(t, doc, k)
		})
	}
}

// checkSpans verifies that every span points at its own text.
func checkSpans(t *testing.T, doc *document.Document, k KeyTerms) {
	t.Helper()
	in := func(what string, sp Span, text string) {
		if sp.Start < 0 || sp.End > len(doc.Text) || sp.Start > sp.End {
			t.Errorf("%s: span %v outside the text", what, sp)
			return
		}
		if text != "" && !strings.Contains(doc.Text[sp.Start:sp.End], text) && doc.Text[sp.Start:sp.End] != text {
			t.Errorf("%s: span %v holds %q, not %q", what, sp, doc.Text[sp.Start:sp.End], text)
		}
	}
	for _, p := range k.Parties {
		if p.Span != (Span{}) {
			in("party", p.Span, p.Name)
		}
	}
	for name, d := range map[string]*Date{"agreement": k.AgreementDate, "effective": k.EffectiveDate, "expiration": k.ExpirationDate} {
		if d != nil && d.Computed {
			in(name+" date", d.Span, "") // the span is the term's, the text says how it was computed
		} else if d != nil {
			in(name+" date", d.Span, d.Text)
		}
	}
	for name, d := range map[string]*Duration{"term": k.Term, "notice": k.NoticePeriod, "renewal notice": k.NoticePeriodToTerminateRenewal} {
		if d != nil {
			in(name, d.Span, d.Text)
		}
	}
	if k.RenewalTerm != nil {
		in("renewal", k.RenewalTerm.Span, k.RenewalTerm.Text)
	}
	if k.GoverningLaw != nil {
		in("governing law", k.GoverningLaw.Span, "")
	}
	if t := k.IndefiniteTerm; t != nil {
		in("indefinite term", t.Span, t.Quote)
	}
}

// localDollar finds the same dollar as trying every name over the whole
// text in turn, which is what it replaced for speed.
func TestLocalDollarAnchors(t *testing.T) {
	// It tries the names without "$" only at word starts: each of their
	// anchors must start a word in them.
	for _, d := range dollarNames {
		for _, n := range d.names {
			for _, w := range dollarWords {
				if i := strings.Index(n, w); i > 0 && isWordByte(n[i-1]) {
					t.Errorf("dollar name %q holds %q in the middle of a word", n, w)
				}
			}
			if !strings.Contains(n, "$") && !slices.ContainsFunc(dollarWords, func(w string) bool { return strings.Contains(n, w) }) {
				t.Errorf("dollar name %q holds no anchor", n)
			}
		}
	}
	naive := func(low string) string {
		for _, d := range dollarNames {
			for _, n := range d.names {
				for off := 0; off < len(low); {
					i := strings.Index(low[off:], n)
					if i < 0 {
						break
					}
					i += off
					end := i + len(n)
					if (i == 0 || !isWordByte(low[i-1])) && (len(n) != 3 || end == len(low) || !isWordByte(low[end])) {
						return d.code
					}
					off = i + 1
				}
			}
		}
		return ""
	}
	for _, text := range []string{
		"the fee is $500",
		"all amounts are in canadian dollars; the fee is $500",
		"fees of nzd 400 per day",
		"a fee of sgd1,000",
		"payable in hkd",
		"the usda grant",
		"us$ 100 and canadian dollars",
		"cad $1,800 plus gst",
		"aud$ 90 an hour",
		"cdn$ 5",
		"a$ 20 or c$ 30",
		"nzdx and sgds are no codes",
		"united states dollars; australian dollars",
		"the price: hk$ 3 or s$ 4",
		"usd",
		"hong kong dollars",
		"petrodollars, 100usd, us_dollar and mynzd",
		"singapore dollars or u.s.$ 5",
	} {
		want := naive(text)
		if want == "" {
			want = "USD"
		}
		if got := localDollar(&scanner{text: text, lower: text}, nil); got != want {
			t.Errorf("%q: %s, want %s", text, got, want)
		}
	}
}

// asciiLower lowers eight bytes at a time: it must lower exactly the ASCII
// capitals, whatever the bytes around them and wherever they fall.
func TestASCIILower(t *testing.T) {
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	texts := []string{"", "A", "Z@[`az{", "THE Effective Date: ÄÖÜ “Client” ſ K", string(all)}
	for shift := range 9 {
		texts = append(texts, strings.Repeat("x", shift)+string(all)+"AZ")
	}
	for _, s := range texts {
		want := []byte(s)
		for i, c := range want {
			if 'A' <= c && c <= 'Z' {
				want[i] = c + 'a' - 'A'
			}
		}
		if got := asciiLower(s); got != string(want) {
			t.Errorf("asciiLower(%q) = %q, want %q", s, got, want)
		}
	}
}

// indexWords finds word starts eight bytes at a time: it must find the
// same ones as a byte loop, whatever the bytes and wherever they fall.
func TestIndexWords(t *testing.T) {
	raw, err := os.ReadFile("testdata/cuad-ability-services.txt")
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for c := range 256 {
		all = append(all, byte(c), 'x', byte(c), byte(c), 'e', 'f', 'f')
	}
	texts := []string{"", "net", "ne", " net", "a_b net_30 9net effective", asciiLower(string(raw)), string(all)}
	for shift := range 9 {
		texts = append(texts, strings.Repeat(" ", shift)+"net renew_ notice"+string(all)+"net")
	}
	for _, text := range texts {
		var want [wordkey.Slots][]int
		for i := range len(text) {
			if isWordByte(text[i]) && (i == 0 || !isWordByte(text[i-1])) && i+3 <= len(text) {
				if j := indexed.Find(wordkey.Of(text[i : i+3])); j >= 0 {
					want[j] = append(want[j], i)
				}
			}
		}
		s := &scanner{text: text, lower: text}
		s.indexWords()
		if !slices.EqualFunc(s.words[:], want[:], slices.Equal) {
			t.Errorf("%.40q…: word starts differ from a byte loop's", text)
		}
	}
}

// startRe jumps between occurrences of the literal a match begins with,
// where there is one.
func TestLiteralPrefix(t *testing.T) {
	for re, want := range map[string]string{
		lawsOfRe.String():      "law",
		`\b(?:laws?|law)\s+of`: "law",
		`^(?:net)\s+\d+`:       "net",
		`(?i:courts?)\b`:       "",
		`\b(?:law|rule)s?`:     "",
		durationRe.String():    "",
	} {
		if got := newStartRe(regexp.MustCompile(re)).lit; got != want {
			t.Errorf("%.40s: literal prefix %q, want %q", re, got, want)
		}
	}
}

// startRe skips the bytes where a match that begins with \b cannot.
func TestBeginsWithBoundary(t *testing.T) {
	for re, want := range map[string]bool{
		durationRe.String():    true,
		noticeRe.String():      false,
		lawsOfRe.String():      true,
		`\bnet|\b\d+ days`:     true,
		`\bnet|\d+ days`:       false,
		`(?:\b(?:a|b))c`:       true,
		`\B(?:a|b)`:            false,
		invoiceDaysRe.String(): true,
	} {
		if got := newStartRe(regexp.MustCompile(re)).boundary; got != want {
			t.Errorf("%.40s: boundary %v, want %v", re, got, want)
		}
	}
	// dateAt skips the bytes where \b does not hold.
	for _, f := range dateForms {
		if !newStartRe(regexp.MustCompile(f)).boundary {
			t.Errorf("date form %.40s does not begin with \\b", f)
		}
	}
}

// startRe tries an expression only where a string of its prefix set
// begins, where it has one.
func TestPrefixSet(t *testing.T) {
	for _, tt := range []struct {
		re   string
		want []string // nil: no set
	}{
		{`\b(?:within|in|than)\s+\d`, []string{"in", "than", "within"}},
		{`(?:t(?:wo|en)|\d{1,5})\s*days`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "ten", "two"}},
		{`\blaws?\b`, []string{"law"}},
		{`(?i:net)\s+\d+`, []string{"net\t", "net\n", "net\f", "net\r", "net "}},
		{`(?i:courts?)\b`, []string{"court"}},
		{`(?i:seat|kin)`, nil},
		{`(?:net)?\s*\d+`, nil},
		{`[^.;]{1,40}days`, nil},
	} {
		parsed, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got, fold := prefixSet(parsed, maxPrefixes)
		if fold {
			for i := range got {
				got[i] = strings.ToLower(got[i])
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("prefixSet(%q) = %q, want %q", tt.re, got, tt.want)
		}
	}
	if sr := newStartRe(durationRe); sr.prefixes == nil || !slices.Contains(sr.prefixes['t'], "thirty") {
		t.Errorf("durationRe has no prefix set with %q", "thirty")
	}
}

func TestUnbracketNumbers(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"within [30] days", "within  30  days"},
		{"on [four (4) weeks'] notice", "on  four (4) weeks'  notice"},
		{"[date] and [***] and [company name]", "[date] and [***] and [company name]"},
		{"[1.5]% a month [", " 1.5 % a month ["},
		{"[[30]]", "[ 30 ]"},
		{"[30 days, far too long a bracket to be a single default number]", "[30 days, far too long a bracket to be a single default number]"},
	} {
		b := []byte(tc.in)
		unbracketNumbers(b)
		if string(b) != tc.want {
			t.Errorf("unbracketNumbers(%q) = %q, want %q", tc.in, b, tc.want)
		}
	}
}
