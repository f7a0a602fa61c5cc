package server

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/terms"
)

// homeCountries groups the jurisdictions the upload page offers (every
// code terms.HomeCodes gives) by the country whose states or provinces
// they are; the rest are countries. The United States, Canada and
// Australia are offered by state and province only, as terms names no
// law for them as a whole.
var homeCountries = []struct{ prefix, country string }{
	{"US-", "United States"}, {"CA-", "Canada"}, {"AU-", "Australia"}, {"", "Other countries"},
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
	groups := make([]homeGroup, len(homeCountries))
	for i, c := range homeCountries {
		groups[i].Country = c.country
	}
	for _, code := range terms.HomeCodes() {
		name, ok := terms.HomeName(code)
		if !ok {
			return nil, fmt.Errorf("the jurisdiction %s offered on the upload page has no name in package terms", code)
		}
		label := homeLabel(name)
		if code == "GB" {
			label = "United Kingdom (England and Wales)"
		}
		i := slices.IndexFunc(homeCountries, func(c struct{ prefix, country string }) bool { return strings.HasPrefix(code, c.prefix) })
		groups[i].Homes = append(groups[i].Homes, homeOption{code, label})
		h.label[code] = label
	}
	// The API takes a federal country as a whole ("home": "US"), which
	// the page does not offer.
	for _, c := range homeCountries {
		if code, ok := strings.CutSuffix(c.prefix, "-"); ok {
			h.label[code] = c.country
		}
	}
	for _, g := range groups {
		sort.Slice(g.Homes, func(i, j int) bool { return g.Homes[i].Label < g.Homes[j].Label })
	}
	h.groups = groups
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
