package server

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/terms"
)

// homeCodes are the jurisdictions the upload page offers as the
// reviewer's own: every code terms.HomeName names a law for
// (TestHomeCodesMatchTerms holds the two together), by country. The
// United States, Canada and Australia are offered by state and province
// only, as HomeName names no law for them as a whole.
var homeCodes = []struct {
	country string
	codes   []string
}{
	{"United States", []string{"US-AL", "US-AK", "US-AZ", "US-AR", "US-CA", "US-CO", "US-CT", "US-DE", "US-DC", "US-FL",
		"US-GA", "US-HI", "US-ID", "US-IL", "US-IN", "US-IA", "US-KS", "US-KY", "US-LA", "US-ME", "US-MD", "US-MA",
		"US-MI", "US-MN", "US-MS", "US-MO", "US-MT", "US-NE", "US-NV", "US-NH", "US-NJ", "US-NM", "US-NY", "US-NC",
		"US-ND", "US-OH", "US-OK", "US-OR", "US-PA", "US-PR", "US-RI", "US-SC", "US-SD", "US-TN", "US-TX", "US-UT",
		"US-VT", "US-VA", "US-WA", "US-WV", "US-WI", "US-WY"}},
	{"Canada", []string{"CA-AB", "CA-BC", "CA-MB", "CA-NB", "CA-NL", "CA-NS", "CA-ON", "CA-PE", "CA-QC", "CA-SK"}},
	{"Australia", []string{"AU-ACT", "AU-NSW", "AU-NT", "AU-QLD", "AU-SA", "AU-TAS", "AU-VIC", "AU-WA"}},
	{"Other countries", []string{"AE", "AR", "AT", "BE", "BM", "BR", "CH", "CL", "CN", "CY", "DE", "DK", "ES", "FI",
		"FR", "GB", "GR", "HK", "IE", "IL", "IN", "IT", "JP", "KR", "KY", "KZ", "LU", "MX", "MY", "NL", "NO", "NZ",
		"PH", "PL", "PT", "SE", "SG", "TH", "TW", "VG", "ZA"}},
}

// homeGroup is one country's jurisdictions in the upload page's select.
type homeGroup struct {
	Country string
	Homes   []homeOption
}

type homeOption struct {
	Code  string // "US-CA"
	Label string // "California"
}

// homes are the jurisdictions offered, and their labels by code for the
// pages that name the one a scan was made with.
type homes struct {
	groups []homeGroup
	label  map[string]string
}

func newHomes() (*homes, error) {
	h := &homes{label: map[string]string{}}
	for _, c := range homeCodes {
		g := homeGroup{Country: c.country}
		for _, code := range c.codes {
			name, ok := terms.HomeName(code)
			if !ok {
				return nil, fmt.Errorf("the jurisdiction %s offered on the upload page has no name in package terms", code)
			}
			label := homeLabel(name)
			if code == "GB" {
				label = "United Kingdom (England and Wales)"
			}
			g.Homes = append(g.Homes, homeOption{code, label})
			h.label[code] = label
		}
		sort.Slice(g.Homes, func(i, j int) bool { return g.Homes[i].Label < g.Homes[j].Label })
		h.groups = append(h.groups, g)
	}
	return h, nil
}

// homeLabel is a jurisdiction as a person picks it from a list: "the
// State of California" is "California", "the Netherlands" "Netherlands".
func homeLabel(name string) string {
	for _, p := range []string{"the State of ", "the Commonwealth of ", "the Province of ", "the "} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest
		}
	}
	return name
}

// Label names code as the upload page offers it ("California"); a code
// it does not offer is shown as it is.
func (h *homes) Label(code string) string {
	if l, ok := h.label[code]; ok {
		return l
	}
	return code
}

// homeCookie remembers the jurisdiction last chosen on the upload page
// for the browser session, so a person does not pick it for every scan;
// no account is needed.
const homeCookie = "ts_home"

// rememberHome keeps the upload form's jurisdiction in homeCookie, or
// forgets it when the form chose none.
func (s *Server) rememberHome(w http.ResponseWriter, code string) {
	c := &http.Cookie{Name: homeCookie, Value: code, Path: "/", HttpOnly: true,
		Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode}
	if code == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// rememberedHome is the jurisdiction homeCookie holds, when the page
// offers it.
func (s *Server) rememberedHome(r *http.Request) string {
	c, err := r.Cookie(homeCookie)
	if err != nil {
		return ""
	}
	if _, ok := s.pages.homes.label[c.Value]; !ok {
		return ""
	}
	return c.Value
}
