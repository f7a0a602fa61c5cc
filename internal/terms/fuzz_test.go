package terms

import (
	"encoding/json"
	"os"
	"regexp"
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
		"Tenant shall pay rent of [Monthly Rent] per month and a security deposit of $_____ or ______ ($____); fee {{fee}} $[***]",
		"The tenancy is month-to-month. Your employment is at-will. This Agreement shall continue until terminated by either party on 30 days' notice.",
		"Governing Law\t{governing_law}\nGoverning Law: Victoria, Australia\nshall terminate on September 30, 2022",
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

// FuzzStartRe checks the start-by-start search against the standard
// library for every expression that uses it.
func FuzzStartRe(f *testing.F) {
	for _, s := range []string{
		"within thirty (30) days after receipt of the invoice; net 45",
		"upon ninety (90) days' prior written notice. one hundred twenty-four months",
		"x30 days, 2 weeks\xe2\x80\x99 notice, sixty-five (65) business days\xffthirty days",
		"no later than fifteen business days following the date of invoice",
		"Thirty (30) Days Notice \u212a 3 years",
		"governed by the laws of the State of New York; the law in force in England, lawful laws and regulations of",
		"law of",
		"including, without limitation, fees; but not limited to; not\tlimited to; without limiting; withoutlimitation",
		"usd 5, us$ 6, u.s. $7, cad$8, €9, £10 million, ¥11, ₹12, rs. 13, 14 dollars, 15 u.s. dollars, plus$16",
		"interest at one and one-half percent (1.5%) per month, often ten per cent; 2 %",
		"the COURTS located in New York, N.Y.; the Court of Chancery for the State of Delaware; tennis courts in Paris",
	} {
		f.Add(s)
	}
	res := []*regexp.Regexp{durationRe, noticeRe, invoiceDaysRe, dateRe, courtsRe, lawsOfRe, percentRe, moneyRe, listIntroRe}
	starts := make([]*startRe, len(res))
	for i, re := range res {
		starts[i] = newStartRe(re)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, re := range res {
			want := re.FindAllStringSubmatchIndex(s, -1)
			if got := starts[i].FindAllStringSubmatchIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s on %q: %v, want %v", re, s, got, want)
			}
			if got, want := starts[i].FindStringIndex(s), re.FindStringIndex(s); !slices.Equal(got, want) {
				t.Fatalf("%s on %q: first %v, want %v", re, s, got, want)
			}
		}
	})
}

// FuzzMentionsMoney checks the one-pass test against a search per word.
func FuzzMentionsMoney(f *testing.F) {
	for _, s := range []string{"a fee of $1,500", "eur 20", "twenty pounds", "\xe2\x82 rs. 5", "€", "", "the yearly rate", "hk"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := mentionsMoney(s), has(s, moneyWords...); got != want {
			t.Fatalf("mentionsMoney(%q) = %v, want %v", s, got, want)
		}
	})
}
