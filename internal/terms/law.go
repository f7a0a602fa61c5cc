package terms

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
)

// Jurisdiction is a place whose law or courts a contract chooses.
type Jurisdiction struct {
	// Name is the place as a reader would say it: "California",
	// "England and Wales", "Ontario, Canada".
	Name string
	// Code is ISO 3166: a country ("GB", "DE") or a subdivision ("US-CA",
	// "CA-ON"); empty when the place is not recognised.
	Code string
	// Text is the wording the place was read from.
	Text string
	// Placeholder is set when Name is a template field, not a place.
	Placeholder bool
	Span        Span
}

// MarshalJSON writes the place's name, the form the report shows.
func (j Jurisdiction) MarshalJSON() ([]byte, error) { return json.Marshal(j.Name) }

type place struct{ name, code string }

var usStates = map[string]string{
	"alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
	"colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
	"hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA",
	"kansas": "KS", "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD",
	"massachusetts": "MA", "michigan": "MI", "minnesota": "MN", "mississippi": "MS",
	"missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH",
	"new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
	"north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
	"rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
	"texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
	"west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC",
	"puerto rico": "PR",
}

var caProvinces = map[string]string{
	"ontario": "ON", "british columbia": "BC", "quebec": "QC", "québec": "QC", "alberta": "AB",
	"manitoba": "MB", "saskatchewan": "SK", "nova scotia": "NS", "new brunswick": "NB",
	"newfoundland": "NL", "prince edward island": "PE",
}

// auStates are Australia's states and territories: "the laws of New South
// Wales" is not Wales.
var auStates = map[string]string{
	"new south wales": "NSW", "victoria": "VIC", "queensland": "QLD", "western australia": "WA",
	"south australia": "SA", "tasmania": "TAS", "australian capital territory": "ACT",
	"northern territory": "NT",
}

var countries = map[string]place{
	"england and wales": {"England and Wales", "GB"}, "england & wales": {"England and Wales", "GB"},
	"england": {"England", "GB"}, "wales": {"Wales", "GB"}, "scotland": {"Scotland", "GB"},
	"northern ireland": {"Northern Ireland", "GB"},
	"united kingdom":   {"United Kingdom", "GB"}, "uk": {"United Kingdom", "GB"},
	"united states": {"United States", "US"}, "united states of america": {"United States", "US"},
	"usa": {"United States", "US"}, "germany": {"Germany", "DE"},
	"federal republic of germany": {"Germany", "DE"}, "france": {"France", "FR"},
	"ireland": {"Ireland", "IE"}, "republic of ireland": {"Ireland", "IE"},
	"netherlands": {"Netherlands", "NL"}, "the netherlands": {"Netherlands", "NL"},
	"switzerland": {"Switzerland", "CH"}, "israel": {"Israel", "IL"}, "state of israel": {"Israel", "IL"},
	"japan": {"Japan", "JP"}, "china": {"China", "CN"}, "people's republic of china": {"China", "CN"},
	"prc": {"China", "CN"}, "hong kong": {"Hong Kong", "HK"},
	"hong kong special administrative region": {"Hong Kong", "HK"}, "taiwan": {"Taiwan", "TW"},
	"singapore": {"Singapore", "SG"}, "india": {"India", "IN"}, "canada": {"Canada", "CA"},
	"australia": {"Australia", "AU"}, "new zealand": {"New Zealand", "NZ"}, "sweden": {"Sweden", "SE"},
	"denmark": {"Denmark", "DK"}, "norway": {"Norway", "NO"}, "finland": {"Finland", "FI"},
	"spain": {"Spain", "ES"}, "italy": {"Italy", "IT"}, "belgium": {"Belgium", "BE"},
	"luxembourg": {"Luxembourg", "LU"}, "austria": {"Austria", "AT"}, "poland": {"Poland", "PL"},
	"brazil": {"Brazil", "BR"}, "mexico": {"Mexico", "MX"}, "korea": {"South Korea", "KR"},
	"republic of korea": {"South Korea", "KR"}, "south korea": {"South Korea", "KR"},
	"cayman islands": {"Cayman Islands", "KY"}, "bermuda": {"Bermuda", "BM"},
	"republic of kazakhstan": {"Kazakhstan", "KZ"}, "kazakhstan": {"Kazakhstan", "KZ"},
	"british virgin islands": {"British Virgin Islands", "VG"}, "portugal": {"Portugal", "PT"},
	"south africa": {"South Africa", "ZA"}, "malaysia": {"Malaysia", "MY"},
	"philippines": {"Philippines", "PH"}, "thailand": {"Thailand", "TH"},
	"united arab emirates": {"United Arab Emirates", "AE"}, "chile": {"Chile", "CL"},
	"argentina": {"Argentina", "AR"}, "cyprus": {"Cyprus", "CY"}, "greece": {"Greece", "GR"},
}

// placeNames lists every known name, longest first, so that "new york"
// wins over "york" and "england and wales" over "england".
var placeNames = func() []string {
	var names []string
	for k := range usStates {
		names = append(names, k)
	}
	for k := range caProvinces {
		names = append(names, k)
	}
	for k := range auStates {
		names = append(names, k)
	}
	for k := range countries {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return names
}()

// placesByFirst lists placeNames by first byte, in placeNames' order.
var placesByFirst = func() (t [256][]string) {
	for _, n := range placeNames {
		t[n[0]] = append(t[n[0]], n)
	}
	return t
}()

// placeIn returns the place named in low, lower-cased, and where it begins.
// The earliest place wins; among places at the same spot, the longest,
// which placesByFirst lists first. A place begins a word in the first 80
// bytes: looking up the names by each word's first letter costs a
// fraction of a search of low for each of them.
func placeIn(low string) (string, int) {
	for i := 0; i <= min(80, len(low)-1); i++ {
		if i > 0 && isWordByte(low[i-1]) {
			continue
		}
		for _, n := range placesByFirst[low[i]] {
			if end := i + len(n); strings.HasPrefix(low[i:], n) && (end == len(low) || !isWordByte(low[end])) {
				return n, i
			}
		}
	}
	return "", -1
}

// ParseJurisdiction recognises the place named at the start of s (after
// "the laws of"): "the State of New York", "England and Wales", "the
// Province of Ontario and the federal laws of Canada applicable therein".
func ParseJurisdiction(s string) (Jurisdiction, bool) {
	low := strings.ToLower(s)
	best, bestAt := placeIn(low)
	if bestAt < 0 {
		return Jurisdiction{}, false
	}
	j := Jurisdiction{Text: s}
	rest := low[bestAt+len(best):]
	switch {
	case usStates[best] != "" && !(best == "georgia" && strings.HasPrefix(rest, " (country)")):
		if best == "washington" && strings.HasPrefix(rest, ", d.c") {
			j.Name, j.Code = "District of Columbia", "US-DC"
			break
		}
		j.Name, j.Code = titleCase(best), "US-"+usStates[best]
		if best == "district of columbia" {
			j.Name = "District of Columbia"
		}
	case caProvinces[best] != "":
		j.Name, j.Code = titleCase(best)+", Canada", "CA-"+caProvinces[best]
	case auStates[best] != "":
		j.Name, j.Code = titleCase(best)+", Australia", "AU-"+auStates[best]
	default:
		p := countries[best]
		j.Name, j.Code = p.name, p.code
	}
	return j, true
}

// indexWord finds w in s at word boundaries.
func indexWord(s, w string) int {
	from := 0
	for {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(w)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		from = i + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if w == "of" || w == "and" {
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// commonwealths are the US states that style themselves so: "the laws of
// the Commonwealth of Massachusetts".
var commonwealths = map[string]bool{"KY": true, "MA": true, "PA": true, "VA": true, "PR": true}

// theCountries take an article after "the laws of": "the Netherlands".
var theCountries = map[string]bool{"US": true, "GB": true, "NL": true, "AE": true, "PH": true, "KY": true, "VG": true}

// HomeCodes returns every code HomeName names a law for, sorted: each
// US state, Canadian province and Australian state or territory
// ("US-CA"), and each country whose law this package knows ("GB", "DE").
// It is what a reviewer may give as their own jurisdiction.
func HomeCodes() []string {
	var codes []string
	for country, m := range federal {
		for _, sub := range m {
			codes = append(codes, country+"-"+sub)
		}
	}
	for _, p := range countries {
		codes = append(codes, p.code)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	return slices.DeleteFunc(codes, func(c string) bool {
		_, ok := HomeName(c)
		return !ok
	})
}

// federal holds the countries whose contract law is their states' or
// provinces', with their subdivisions by name.
var federal = map[string]map[string]string{"US": usStates, "CA": caProvinces, "AU": auStates}

// Federal reports whether code is such a country as a whole ("US", "CA",
// "AU"): a home jurisdiction to compare a contract's law with, though no
// one law of its own (HomeName reports false for it).
func Federal(code string) bool {
	_, ok := federal[strings.ToUpper(strings.TrimSpace(code))]
	return ok
}

// HomeName names the jurisdiction an ISO 3166 code stands for ("US-CA",
// "GB", "de") as a contract writes it after "the laws of": "the State of
// California", "England and Wales", "Germany", "the Province of Ontario".
// It reports false for a code it does not know, and for the United
// States, Canada and Australia as a whole, whose contract law is their
// states' and provinces': a suggestion keeps its blank there rather than
// naming a law that does not govern contracts.
func HomeName(code string) (string, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	country, sub, _ := strings.Cut(code, "-")
	// lookup takes the first matching name in byte order, so that
	// Quebec is always spelt the same way.
	lookup := func(m map[string]string) string {
		found := ""
		for name, c := range m {
			if c == sub && (found == "" || name < found) {
				found = name
			}
		}
		return found
	}
	switch {
	case sub == "":
	case country == "US":
		name := lookup(usStates)
		switch {
		case name == "":
			return "", false
		case sub == "DC":
			return "the District of Columbia", true
		case commonwealths[sub]:
			return "the Commonwealth of " + titleCase(name), true
		}
		return "the State of " + titleCase(name), true
	case country == "CA":
		if name := lookup(caProvinces); name != "" {
			return "the Province of " + titleCase(name), true
		}
		return "", false
	case country == "AU":
		if name := lookup(auStates); name != "" {
			if sub == "ACT" || sub == "NT" {
				return "the " + titleCase(name), true
			}
			return "the State of " + titleCase(name), true
		}
		return "", false
	default:
		return "", false
	}
	switch country {
	case "US", "CA", "AU":
		return "", false
	case "GB":
		// English law is what a UK contract chooses unless it says
		// Scotland or Northern Ireland; the courts are "of England and
		// Wales" too.
		return "England and Wales", true
	}
	for _, p := range countries {
		if p.code == country {
			if theCountries[country] {
				return "the " + p.name, true
			}
			return p.name, true
		}
	}
	return "", false
}
