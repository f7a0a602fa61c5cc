package terms

import (
	"encoding/json"
	"os"
	"slices"
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

// FuzzFindDateRe checks the form-by-form date search against dateRe
// itself.
func FuzzFindDateRe(f *testing.F) {
	for _, s := range []string{
		"dated as of april 13, 2012 and effective october 1st 2019",
		"the 21st day of september, in the year 2019; 10/1/2019, 2019-10-01 or march 2020",
		"this ___ day of ______, 20__ [date] {day} of [month], 2000",
		"x[___] day of {month}.,  1999-12-31x 1/2/2003 1-2-1999 sept. 5, 2001 dec 2019",
		"1933, as amended may 5 2020 mar. 2021 october __, 20__ 12.11.2019",
		"\xe2\x80\x9coctober 1, 2019\xe2\x80\x9d \xff1 may 2000 _1 june 2001",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := dateRe.FindAllStringSubmatchIndex(s, -1)
		got := findDateRe(s, len(s))
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("findDateRe(%q) = %v, want %v", s, got, want)
		}
	})
}
