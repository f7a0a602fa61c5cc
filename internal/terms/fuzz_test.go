package terms

import (
	"encoding/json"
	"os"
	"testing"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary text to the extractor: it must not panic,
// every span must lie inside the text, and the result must marshal.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"This Agreement is made as of the ___ day of ______, 20__ by and between [CLIENT] (\"Client\") and {contractor} (\"Contractor\").",
		"governed by the laws of the State of New York; exclusive jurisdiction of the courts located in Santa Clara County, California",
		"net 30. 1.5% per month. shall not exceed the fees paid in the twelve (12) months preceding. two (2) years within 50 miles",
		"security deposit of $1,500, equal to five weeks' rent. renew for successive one (1) year periods unless ninety (90) days prior notice",
		"(\"\"(\"\") between and among 1999-13-45 31/31/2020 [ ] {",
	} {
		f.Add(s)
	}
	if raw, err := os.ReadFile("testdata/cuad-aduro-consulting.txt"); err == nil {
		f.Add(string(raw[:4000]))
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		doc := sentenceDoc(s)
		k := Extract(doc)
		checkSpans(t, doc, k)
		if _, err := json.Marshal(k); err != nil {
			t.Fatal(err)
		}
	})
}
