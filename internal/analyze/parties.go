package analyze

import (
	"slices"
	"strings"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/terms"
)

// parties are the names a document uses for the two sides and the work,
// so that suggested wording reads in the document's own terms ("the
// Agency", "Consultant", "Work Product") rather than generic ones.
type parties struct {
	client, contractor, deliverables string
}

// Defined terms that name each side, most specific first.
var (
	clientTerms       = []string{"Agency", "Client", "Customer", "Company", "Buyer", "Purchaser", "Studio", "Publisher", "Licensee", "Employer", "Landlord"}
	contractorTerms   = []string{"Contractor", "Consultant", "Freelancer", "Designer", "Developer", "Service Provider", "Provider", "Supplier", "Vendor", "Creator", "Artist", "Writer", "Licensor", "Employee", "Tenant"}
	deliverablesTerms = []string{"Deliverables", "Work Product", "Works", "Work", "Materials", "Services"}
)

func partyNames(doc *document.Document, kt terms.KeyTerms) parties {
	defined := make([]string, 0, len(doc.Definitions))
	for _, d := range doc.Definitions {
		defined = append(defined, d.Term)
	}
	for _, p := range kt.Parties {
		if p.Alias != "" {
			defined = append(defined, p.Alias)
		}
	}
	pick := func(cands []string, def string) string {
		for _, c := range cands {
			if i := slices.IndexFunc(defined, func(t string) bool { return strings.EqualFold(t, c) }); i >= 0 {
				return "the " + defined[i]
			}
		}
		return def
	}
	return parties{
		client:       pick(clientTerms, "the Client"),
		contractor:   pick(contractorTerms, "the Contractor"),
		deliverables: pick(deliverablesTerms, "the Deliverables"),
	}
}

// fill replaces {{client}}, {{contractor}} and {{deliverables}}, with a
// capital when the placeholder starts a sentence.
func (p parties) fill(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	for _, kv := range [][2]string{{"client", p.client}, {"contractor", p.contractor}, {"deliverables", p.deliverables}} {
		ph := "{{" + kv[0] + "}}"
		for {
			i := strings.Index(s, ph)
			if i < 0 {
				break
			}
			v := kv[1]
			// The pack's wording may carry its own article: "the {{client}}".
			if before := strings.ToLower(s[:i]); strings.HasSuffix(before, "the ") || strings.HasSuffix(before, "any ") || strings.HasSuffix(before, "such ") {
				v = strings.TrimPrefix(v, "the ")
			}
			if atSentenceStart(s[:i]) {
				v = strings.ToUpper(v[:1]) + v[1:]
			}
			s = s[:i] + v + s[i+len(ph):]
		}
	}
	return s
}

func atSentenceStart(before string) bool {
	t := strings.TrimRight(before, " \"“(")
	return t == "" || strings.HasSuffix(t, ".") || strings.HasSuffix(t, "\n")
}
