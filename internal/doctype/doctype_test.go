package doctype

import (
	"context"
	"os"
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
func TestDetect(t *testing.T) {
	tests := []struct {
		file       string
		want       string
		isContract bool
	}{
		{"cuad-ability-services.txt", Services, true},
		{"cuad-2themart-cobranding.txt", Other, true},
		{"cuad-allied-content-license.txt", License, true},
		{"commonpaper-mutual-nda.md", NDA, true},
		{"ashedryden-freelance.md", Freelance, true},
		{"dotlegal-contractor-work-for-hire.md", Freelance, true},
		{"github-terms-of-service.md", TermsOfService, true},
		{"unfair-tos-skype.txt", TermsOfService, true},
		{"automattic-offer-letter.md", Employment, true},
		{"uk-model-tenancy.md", Lease, true},
		{"go-godebug-excerpt.md", Other, false},
		{"recipe-lentil-soup.txt", Other, false},
		{"random-words.txt", Other, false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := Detect(readDoc(t, "testdata/"+tt.file))
			if r.Type != tt.want || r.IsContract != tt.isContract {
				t.Errorf("got %s (contract %v, confidence %.2f), want %s (contract %v)\nevidence: %v",
					r.Type, r.IsContract, r.Confidence, tt.want, tt.isContract, r.Evidence)
			}
			if r.Confidence < 0 || r.Confidence > 1 {
				t.Errorf("confidence %v outside [0, 1]", r.Confidence)
			}
		})
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

// FuzzDetect: any text gives a valid type and a confidence in [0, 1].
func FuzzDetect(f *testing.F) {
	f.Add("This Agreement is made between Landlord and Tenant. The Tenant shall pay rent.")
	f.Add("\"\" \"Licensor\" “Employee” agreement agreement shall shall")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		b := document.NewBuilder("fuzz", document.Text)
		b.Add(document.Block{Kind: document.Paragraph}, s)
		r := Detect(b.Document())
		if !ValidType(r.Type) || r.Confidence < 0 || r.Confidence > 1 {
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
