package doctype

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract"
)

func readDoc(tb testing.TB, path string) *document.Document {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := extract.New(extract.Options{NoOCR: true}).ReadBytes(context.Background(), path, raw)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestDetect runs on whole real documents; see testdata/ATTRIBUTION.md.
// role is the side a reviewer of that kind of document most likely takes
// (see sides in doctype.go).
func TestDetect(t *testing.T) {
	tests := []struct {
		file       string
		want       string
		isContract bool
		role       string
	}{
		{"cuad-ability-services.txt", Services, true, "contractor"},
		{"cuad-2themart-cobranding.txt", Other, true, "contractor"},
		{"cuad-allied-content-license.txt", License, true, "licensee"},
		{"commonpaper-mutual-nda.md", NDA, true, "recipient"},
		{"ashedryden-freelance.md", Freelance, true, "contractor"},
		{"dotlegal-contractor-work-for-hire.md", Freelance, true, "contractor"},
		{"github-terms-of-service.md", TermsOfService, true, "consumer"},
		{"unfair-tos-skype.txt", TermsOfService, true, "consumer"},
		{"automattic-offer-letter.md", Employment, true, "employee"},
		{"uk-model-tenancy.md", Lease, true, "tenant"},
		// A SaaS provider's standard terms: the customer reviews them.
		{"commonpaper-csa.md", Services, true, "client"},
		// "Services Outsourcing Agreement" with a Disclosing/Receiving
		// Party confidentiality clause: not an NDA.
		{"cuad-cca-outsourcing.txt", Services, true, "client"},
		// Distributor agreements, one reselling licensed software.
		{"cuad-precheck-distributor.txt", Other, true, "client"},
		{"cuad-neon-distributor.txt", Other, true, "client"},
		// A franchise agreement written as "you" and "we".
		{"cuad-soupman-franchise.txt", Other, true, "licensee"},
		{"cuad-agape-supply.txt", Other, true, "contractor"},
		// A one-paragraph room rental: too short for many drafting words,
		// but titled as a lease and naming landlord and tenant.
		{"room-rental-short.md", Lease, true, "tenant"},
		// A short business lease titled by its premises, "Commercial
		// Lease", without the word "agreement" (ours).
		{"commercial-lease-short.md", Lease, true, "tenant"},
		// A guest's release signed by the guest alone "in favour of" the
		// producer, its clauses under the title heading (ours).
		{"guest-release-onesided.md", Services, true, "contractor"},
		// An 80-word model release that grants, waives and releases
		// without "agreement", "party" or "shall" (ours).
		{"model-release-short.md", Services, true, "contractor"},
		// The same release as a photographer's form, still written for
		// the person photographed ("I, Jane Doe ("Model"), grant"): read
		// as the model release is, not as a studio's client (ours).
		{"photography-release-form.md", Services, true, "contractor"},
		// A plain-language offer letter: few drafting words, but its
		// title says what it is.
		{"offer-of-employment-letter.md", Employment, true, "employee"},
		// A 223-word offer letter with bold run-in headings and no
		// numbered clauses; an article about offer letters is not one.
		{"offer-letter-plain.md", Employment, true, "employee"},
		{"offer-letter-tips.md", Other, false, "contractor"},
		// An agency's standard terms for the consultancies it places:
		// "Terms and Conditions" throughout, but contractor terms.
		{"agency-contractor-terms.md", Freelance, true, "contractor"},
		// A plain-language web-design contract written as "we" and "you".
		{"plain-web-design-contract.md", Freelance, true, "contractor"},
		// Opening sentences that refer to "the terms and conditions set
		// forth herein" do not make a contract terms of service: a
		// presenter's engagement, a referral partner agreement.
		{"presenter-agreement.md", Freelance, true, "contractor"},
		{"referral-partner.md", Other, true, "contractor"},
		// A photographer's release, signed by its client.
		{"photo-release.md", Services, true, "consumer"},
		// A portrait studio's "Terms & Conditions" for its clients.
		{"studio-terms.md", TermsOfService, true, "consumer"},
		// A "Rental Agreement" for machines hires out goods, not a home.
		{"equipment-rental.md", Other, true, "client"},
		// A plant hire firm's "Conditions of Hire" for a business hirer,
		// which names the hirer's site and premises once or twice; an
		// employer's "conditions of hire" are a job offer.
		{"conditions-of-hire-plant.txt", Other, true, "client"},
		{"conditions-of-hire-employee.md", Employment, true, "employee"},
		// A person renting a car is a consumer.
		{"car-rental-individual.md", Other, true, "consumer"},
		// A provider's subscription terms that a business customer signs
		// through an order form are a services agreement it reviews as
		// client; a recipe box's subscription terms stay consumer terms,
		// though they too mention an order form.
		{"saas-order-form-terms.md", Services, true, "client"},
		{"consumer-subscription-terms.md", TermsOfService, true, "consumer"},
		// A promissory note is reviewed by its borrower.
		{"promissory-note.md", Other, true, "consumer"},
		// An affiliate agreement titled as terms of service: the
		// affiliate earns commissions, as a contractor does.
		{"affiliate-program-terms.md", Other, true, "contractor"},
		// A short article about rental agreements is not one.
		{"rental-tips-short.md", Other, false, "contractor"},
		{"go-godebug-excerpt.md", Other, false, "contractor"},
		{"recipe-lentil-soup.txt", Other, false, "contractor"},
		{"random-words.txt", Other, false, "contractor"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := Detect(readDoc(t, "testdata/"+tt.file))
			if r.Type != tt.want || r.IsContract != tt.isContract || r.Role != tt.role {
				t.Errorf("got %s (contract %v, confidence %.2f, role %s), want %s (contract %v, role %s)\nevidence: %v",
					r.Type, r.IsContract, r.Confidence, r.Role, tt.want, tt.isContract, tt.role, r.Evidence)
			}
			if r.Confidence < 0 || r.Confidence > 1 {
				t.Errorf("confidence %v outside [0, 1]", r.Confidence)
			}
		})
	}
}

// TestRoleFor checks the title line decides the role, the earliest kind
// first, and that a phrase outside the title line does not count.
func TestRoleFor(t *testing.T) {
	tests := []struct {
		typ, head, want string
	}{
		{Services, "cloud service agreement\n\nthis agreement", "client"},
		{Services, "professional services agreement\n\nhosting of deliverables", "contractor"},
		{Services, "exhibit 10.1\n\nsoftware maintenance agreement", "client"},
		{Services, "consulting and hosting services agreement", "contractor"},
		{Other, "supply and distribution agreement", "contractor"},
		{Other, "exclusive distributor agreement", "client"},
		{Other, "master franchise agreement", "licensee"},
		{Other, "wholesale marketing agreement\n\nbetween alps distributors, inc.", "contractor"},
		{Other, "", "contractor"},
		{Other, "co-branding, marketing and distribution agreement", "contractor"},
		{Services, "software as a service agreement", "client"},
		{Lease, "residential lease", "tenant"},
		{License, "distribution license agreement", "licensee"},
		{Other, "promissory note\n\nprincipal amount", "consumer"},
		{Other, "personal loan agreement", "consumer"},
		{Other, "revolving credit agreement", "client"},
		{Other, "regulated consumer credit agreement", "consumer"},
	}
	for _, tt := range tests {
		pos, first := titlePositions(tt.head)
		start, end := titleLine(tt.head, first)
		if got := roleFor(tt.typ, tt.head[start:end], fullTitle(pos, start, end)); got != tt.want {
			t.Errorf("roleFor(%s, %q) = %s, want %s", tt.typ, tt.head, got, tt.want)
		}
	}
}

// TestIndexTitle checks "terms and conditions" counts as a title, not as a
// reference to the terms of the contract it opens.
func TestIndexTitle(t *testing.T) {
	tests := []struct {
		s, phrase string
		want      int
	}{
		{"terms and conditions\n\nthese terms", "terms and conditions", 0},
		{"these terms and conditions apply", "terms and conditions", 6},
		{"subject to the terms and conditions set forth herein", "terms and conditions", -1},
		{"agree to the following terms and conditions. terms and conditions of sale", "terms and conditions", 45},
		{"subject to the services agreement", "services agreement", 15},
	}
	for _, tt := range tests {
		if got := indexTitle(newCounterOf(tt.s, newKeySet([]string{tt.phrase})), tt.phrase); got != tt.want {
			t.Errorf("indexTitle(%q, %q) = %d, want %d", tt.s, tt.phrase, got, tt.want)
		}
	}
}

func TestIndexWord(t *testing.T) {
	tests := []struct {
		s, phrase string
		want      int
	}{
		{"lease agreement", "lease", 0},
		{"please read; the lease", "lease", 17},
		{"release", "lease", -1},
		{"non-disclosure", "disclosure", 4},
		{"distributors", "distribut", 0},
		{"", "lease", -1},
	}
	for _, tt := range tests {
		if got := indexWord(tt.s, tt.phrase); got != tt.want {
			t.Errorf("indexWord(%q, %q) = %d, want %d", tt.s, tt.phrase, got, tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	want := map[string]string{
		Services: "contractor", Freelance: "contractor", NDA: "recipient", Employment: "employee",
		Lease: "tenant", TermsOfService: "consumer", License: "licensee", Other: "contractor",
	}
	for _, typ := range Types() {
		if !ValidType(typ) {
			t.Errorf("ValidType(%q) = false", typ)
		}
		r := DefaultRole(typ)
		if r != want[typ] || !ValidRole(r) {
			t.Errorf("DefaultRole(%q) = %q, want %q", typ, r, want[typ])
		}
	}
	for _, bad := range []string{"", "Services", "saas", "tos"} {
		if ValidType(bad) {
			t.Errorf("ValidType(%q) = true", bad)
		}
	}
	for _, bad := range []string{"", "Tenant", "freelancer"} {
		if ValidRole(bad) {
			t.Errorf("ValidRole(%q) = true", bad)
		}
	}
	if len(Roles()) != 11 {
		t.Errorf("%d roles, want the 11 of rules.md", len(Roles()))
	}
}

// FuzzDetect: any text gives a valid type and role and a confidence in [0, 1].
func FuzzDetect(f *testing.F) {
	f.Add("This Agreement is made between Landlord and Tenant. The Tenant shall pay rent.")
	f.Add("COMMERCIAL LEASE. Landlord and Tenant: permitted use, CAM charges, triple net, rentable square feet; the dwelling's occupants.")
	f.Add("\"\" \"Licensor\" “Employee” agreement agreement shall shall")
	f.Add("")
	f.Add("Exhibit 10.1 Sales, Marketing, Distribution, and Supply Agreement. The Distributor shall purchase the products.")
	f.Add("CLOUD SERVICE AGREEMENT: Provider grants Customer a subscription; this agreement is governed by the law of Delaware.")
	f.Fuzz(func(t *testing.T, s string) {
		b := document.NewBuilder("fuzz", document.Text)
		b.Add(document.Block{Kind: document.Paragraph}, s)
		r := Detect(b.Document())
		if !ValidType(r.Type) || !ValidRole(r.Role) || r.Confidence < 0 || r.Confidence > 1 ||
			(r.Type == Lease) != ValidLeaseUse(r.LeaseUse) {
			t.Fatalf("bad result %+v", r)
		}
	})
}

func BenchmarkDetect(b *testing.B) {
	doc := readDoc(b, "testdata/cuad-ability-services.txt")
	for b.Loop() {
		Detect(doc)
	}
}

// TestGoodsHire checks a rental of machines is told from a rental of a
// home that happens to list its equipment.
func TestGoodsHire(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"the owner rents the equipment to the renter. the renter returns the equipment clean.", true},
		{"the vehicle is rented for three days; the renter refuels the vehicle before return.", true},
		{"lessor rents lessee the home at 4 elm road with its kitchen equipment; lessee keeps the equipment clean.", false},
		{"landlord provides laundry equipment; tenant shall not remove the equipment.", false},
		{"the owner rents the equipment to the renter.", false},
		// Delivery "to the hirer's premises" once among many mentions of
		// the equipment is still a hire of goods.
		{"the company hires the equipment to the hirer. " + strings.Repeat("the hirer keeps the equipment insured. ", 10) +
			"the equipment is delivered to the hirer's premises.", true},
	}
	for _, tt := range tests {
		if got := goodsHire(newCounter(tt.text)); got != tt.want {
			t.Errorf("goodsHire(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestLeaseUse checks leases of business premises are told from leases of
// homes on whole documents: three commercial leases written for these
// tests (a retail unit with CAM charges, an office with a relocation
// clause, an English business lease outside the 1954 Act), the UK model
// tenancy, and a flat above shops that forbids business use.
func TestLeaseUse(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		{"retail-lease-cam.md", Commercial},
		{"office-lease-relocation.md", Commercial},
		{"uk-business-lease.md", Commercial},
		{"uk-model-tenancy.md", Residential},
		{"room-rental-short.md", Residential},
		{"apartment-lease-business-words.md", Residential},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := Detect(readDoc(t, "testdata/"+tt.file))
			if r.Type != Lease || r.LeaseUse != tt.want {
				t.Errorf("got %s %s, want lease %s\nevidence: %v", r.Type, r.LeaseUse, tt.want, r.Evidence)
			}
		})
	}
}

// TestLeaseUseCues checks the decision on the words alone: a title says
// it, else commercial words must clearly outweigh residential ones; when
// unsure, residential.
func TestLeaseUseCues(t *testing.T) {
	tests := []struct {
		head, body, want string
	}{
		{"commercial lease agreement", "the tenant shall pay rent.", Commercial},
		{"lease agreement", "tenant shall use the premises for the permitted use. tenant shall pay its share of common area maintenance and operating expenses. rentable square feet.", Commercial},
		{"lease agreement", "the premises shall be the tenant's private residence. no business or retail sales. the household's pets. occupants: two.", Residential},
		// A word or two of business is not enough.
		{"lease agreement", "the tenant shall not use the premises for retail or warehouse storage.", Residential},
		// A commercial title with a home's body: the body wins.
		{"commercial lease", "the dwelling is let as the tenant's residence for the tenant's household and occupants, with pets and guests.", Residential},
		// A residential title decides.
		{"residential lease", "permitted use; common area maintenance; triple net; rentable square feet.", Residential},
		{"", "", Residential},
	}
	for _, tt := range tests {
		low := tt.head + "\n" + tt.body
		if got, why := leaseUse(low, tt.head); got != tt.want {
			t.Errorf("leaseUse(%q, %q) = %s (%s), want %s", tt.head, tt.body, got, why, tt.want)
		}
	}
}

// TestHirer checks who hires goods: a person, a consumer, unless the text
// says the hirer acts for a business.
func TestHirer(t *testing.T) {
	tests := []struct{ text, want string }{
		{`"renter" refers to the individual(s) listed above.`, "consumer"},
		{"driver's licence number: ______ date of birth: ______", "consumer"},
		{"the hirer confirms that it is not a consumer and hires the equipment for the purposes of a business carried on by it. no individual may operate it untrained.", "client"},
		{`2.3.1 it is not a "consumer" as defined in the unfair contract terms act 1977`, "client"},
		{"the renter shall return the equipment clean.", "client"},
		{"the hirer shall ensure that any individual operating the equipment is trained.", "client"},
	}
	for _, tt := range tests {
		if got := hirer(tt.text); got != tt.want {
			t.Errorf("hirer(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

// TestTitleForms checks that "Terms of Service" or "Terms and Conditions"
// in a title line that names a kind of contract gives way to the kind,
// and only then.
func TestTitleForms(t *testing.T) {
	const body = "\n\nThese terms are a binding agreement between the parties. Either party may terminate this agreement on notice. " +
		"The parties shall keep confidential information secret. This agreement is governed by the laws of New York, and any dispute " +
		"shall be decided by its courts. Neither party is liable for indirect loss. Payment of fees is due within 30 days. " +
		"Each party warrants that it may enter into this agreement, and hereby agrees to its terms."
	tests := []struct{ title, want string }{
		{"Affiliate Program Operating Agreement Terms of Service", Other},
		{"Terms of Service for the Acme Affiliate Program", Other},
		{"Affiliate Terms and Conditions", Other},
		{"Software License Terms and Conditions", License},
		{"Tenancy Terms and Conditions", Lease},
		// "service agreement" inside "terms of service agreement" is the
		// form's own words.
		{"Terms of Service Agreement", TermsOfService},
		{"Website Terms and Conditions", TermsOfService},
		{"Membership Terms and Conditions", TermsOfService},
	}
	for _, tt := range tests {
		b := document.NewBuilder("title", document.Markdown)
		b.Add(document.Block{Kind: document.Heading}, tt.title)
		b.Add(document.Block{Kind: document.Paragraph}, strings.TrimSpace(body))
		if r := Detect(b.Document()); r.Type != tt.want {
			t.Errorf("%q: got %s, want %s\nevidence: %v", tt.title, r.Type, tt.want, r.Evidence)
		}
	}
}

// TestTitlePositions checks the indexed search for title cues against a
// plain search of the head, on the heads of every test document: a cue
// the word index cannot find (one not starting with a letter or digit)
// would be missed silently.
func TestTitlePositions(t *testing.T) {
	files, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.IsDir() || f.Name() == "ATTRIBUTION.md" {
			continue
		}
		doc := readDoc(t, "testdata/"+f.Name())
		low := toLower(doc.Text)
		head := headText(doc, low)
		pos, _ := titlePositions(head)
		for k, c := range titleCues {
			if slices.Contains(referenced, c.phrase) {
				continue // TestIndexTitle
			}
			if want := indexWord(head, c.phrase); pos[k] != want {
				t.Errorf("%s: %q at %d, want %d", f.Name(), c.phrase, pos[k], want)
			}
		}
	}
}

func TestReleasesOwnLikeness(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{`i, jane doe ("model"), grant to bright lens studio the right to use photographs of me.`, true},
		{"the photographer may use my name and likeness in its portfolio.", true},
		{"i hereby consent to be recorded.", true},
		{`made between northlight studio llc ("photographer") and the undersigned client ("client").`, false},
		// Whole words only.
		{"the minutes of meeting of members; the modeling fee.", false},
		{"hawaii gives notice.", false},
	} {
		if got := releasesOwnLikeness(tc.text); got != tc.want {
			t.Errorf("releasesOwnLikeness(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
