package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/document/documenttest"
	"github.com/termscore/termscore/internal/store"
	"github.com/termscore/termscore/internal/terms"
)

// TestHomeCodesMatchTerms: the upload page offers exactly the
// jurisdictions terms.HomeName names a law for, found by trying every
// two-letter country and every state or province code of two or three
// letters, so that a jurisdiction added to package terms is not missing
// from the page, nor one offered that it does not know.
func TestHomeCodesMatchTerms(t *testing.T) {
	var offered []string
	h, err := newHomes()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range h.groups {
		for _, o := range g.Homes {
			offered = append(offered, o.Code)
		}
	}
	// Every code of n capital letters.
	codes := func(n int) []string {
		list := []string{""}
		for range n {
			var next []string
			for _, p := range list {
				for c := 'A'; c <= 'Z'; c++ {
					next = append(next, p+string(c))
				}
			}
			list = next
		}
		return list
	}
	var known []string
	for _, cc := range codes(2) {
		if _, ok := terms.HomeName(cc); ok {
			known = append(known, cc)
		}
	}
	for _, country := range []string{"US", "CA", "AU"} {
		for _, sub := range append(codes(2), codes(3)...) {
			if _, ok := terms.HomeName(country + "-" + sub); ok {
				known = append(known, country+"-"+sub)
			}
		}
	}
	slices.Sort(offered)
	slices.Sort(known)
	if len(offered) < 100 || !slices.Equal(slices.Compact(offered), known) {
		t.Errorf("the page offers %d jurisdictions %v;\nterms.HomeName knows %d: %v", len(offered), offered, len(known), known)
	}
	for code, want := range map[string]string{"US-CA": "California", "US-MA": "Massachusetts", "US-DC": "District of Columbia",
		"CA-QC": "Quebec", "AU-ACT": "Australian Capital Territory", "GB": "United Kingdom (England and Wales)",
		"NL": "Netherlands", "DE": "Germany", "US": "United States", "AU": "Australia", "XX": "XX"} {
		if got := h.Label(code); got != want {
			t.Errorf("Label(%s) = %q, want %q", code, got, want)
		}
	}
}

// docxText is the text of a DOCX's body, tags left out.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(documenttest.ZipPart(t, data, "word/document.xml")), "")
}

// TestScanHome: a scan sent to the API with a home jurisdiction is
// analysed with it (the suggested wording names it, a governing law
// elsewhere is flagged), keeps it (the list says it, the report page
// shows it), and the downloads that analyse the file again (the redline,
// the HTML and Markdown reports) say the same; an unknown code is refused
// with 400 bad_home and stores nothing. On SQLite, and on PostgreSQL too
// when TERMSCORE_TEST_PG is set.
func TestScanHome(t *testing.T) {
	for name, url := range testDBs() {
		t.Run(name, func(t *testing.T) {
			st, rs := openStore(t, url)
			srv, err := New(st, rs, Config{Auth: true})
			if err != nil {
				t.Fatal(err)
			}
			// A fresh user keeps runs on a shared PostgreSQL apart.
			tok, _, err := st.NewToken(t.Context(), "home-"+store.NewID()[:8], store.APIToken, 0)
			if err != nil {
				t.Fatal(err)
			}
			hs := httptest.NewServer(srv)
			t.Cleanup(hs.Close)
			get := func(path string) []byte {
				t.Helper()
				req, _ := http.NewRequest("GET", hs.URL+path, nil)
				req.Header.Set("Authorization", "Bearer "+tok)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, err := io.ReadAll(resp.Body)
				if err != nil || resp.StatusCode != 200 {
					t.Fatalf("GET %s: %d %v\n%.300s", path, resp.StatusCode, err, b)
				}
				return b
			}
			post := func(fields ...string) result {
				t.Helper()
				ct, body := form(t, fields...)
				req, _ := http.NewRequest("POST", hs.URL+"/api/v1/scans", body)
				req.Header.Set("Content-Type", ct)
				req.Header.Set("Authorization", "Bearer "+tok)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return result{resp.StatusCode, resp.Header, b}
			}

			for _, c := range []struct {
				file, home string
				want       []string // in the report and the reports downloaded
				place      string   // in the redline, which cuts its changes word by word
				why        string   // in the report: the governing law compared
			}{
				{"freelance.md", "us-ca", []string{"The courts of the State of California have jurisdiction", "governed by the laws of the State of California"}, "California", ""},
				{"joint-venture.pdf", "US-CA", []string{"governed by the laws of the State of California"}, "California", "The contract picks Pennsylvania law, which is not your home jurisdiction (US-CA)."},
				{"joint-venture.pdf", "GB", []string{"governed by the laws of England and Wales"}, "England and Wales", "The contract picks Pennsylvania law, which is not your home jurisdiction (GB)."},
				{"joint-venture.pdf", "US-PA", []string{"governed by the laws of the Commonwealth of Pennsylvania."}, "Pennsylvania", ""},
				// A federal country as a whole: Pennsylvania law is at home,
				// and no one law fills the blank.
				{"joint-venture.pdf", "US", []string{"governed by the laws of [your jurisdiction]"}, "[your jurisdiction]", ""},
				{"freelance.md", "", []string{"The courts of [your jurisdiction]"}, "[your jurisdiction]", ""},
			} {
				r := post("file", c.file, "home", c.home)
				if r.Status != 201 {
					t.Fatalf("%s home %q: %d %s", c.file, c.home, r.Status, r.Body)
				}
				id := r.json(t)["id"].(string)
				if got := r.json(t)["home"]; got != strings.ToUpper(c.home) {
					t.Errorf("%s home %q: the scan answers home %q", c.file, c.home, got)
				}
				if !bytes.Contains(get("/api/v1/scans/"+id), []byte(`"home":"`+strings.ToUpper(c.home)+`"`)) {
					t.Errorf("%s home %q: GET does not answer the home", c.file, c.home)
				}
				redline := docxText(t, get("/api/v1/scans/"+id+"/redline.docx"))
				// Markdown writes a blank's brackets escaped.
				md := strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(string(get("/api/v1/scans/" + id + "/report.md")))
				html := string(get("/api/v1/scans/" + id + "/report.html"))
				for _, w := range c.want {
					if !bytes.Contains(r.Body, []byte(w)) {
						t.Errorf("%s home %q: the report does not say %q", c.file, c.home, w)
					}
					if !strings.Contains(md, w) || !strings.Contains(html, w) {
						t.Errorf("%s home %q: the downloaded reports do not say %q", c.file, c.home, w)
					}
				}
				if !strings.Contains(redline, c.place) {
					t.Errorf("%s home %q: the redline does not name %q", c.file, c.home, c.place)
				}
				if c.home == "" && (strings.Contains(string(r.Body), "California") || strings.Contains(md, "California") || strings.Contains(redline, "California")) {
					t.Errorf("%s without a home names California", c.file)
				}
				if c.why != "" && !bytes.Contains(r.Body, []byte(c.why)) {
					t.Errorf("%s home %q: the report does not say %q", c.file, c.home, c.why)
				}
				if c.why == "" && bytes.Contains(r.Body, []byte("not your home jurisdiction")) {
					t.Errorf("%s home %q: the governing law is flagged as foreign", c.file, c.home)
				}
				if list := string(get("/api/v1/scans?limit=1")); !strings.Contains(list, `"home":"`+strings.ToUpper(c.home)+`"`) {
					t.Errorf("%s home %q: the list says %s", c.file, c.home, list)
				}
				page := eyebrow(string(get("/scans/" + id)))
				label := map[string]string{"us-ca": "California", "US-CA": "California", "GB": "United Kingdom (England and Wales)", "US-PA": "Pennsylvania", "US": "United States"}[c.home]
				if (label != "") != strings.Contains(page, "home: "+label) {
					t.Errorf("%s home %q: the report page says %s", c.file, c.home, page)
				}
			}

			before := len(mustScans(t, st, tok))
			for _, c := range []struct{ home, msg string }{
				{"Atlantis", `unknown jurisdiction \"ATLANTIS\"`},
				{"US-XX", `unknown jurisdiction \"US-XX\"`},
			} {
				r := post("home", c.home, "file", "freelance.md")
				if r.Status != 400 || r.code() != "bad_home" || !strings.Contains(string(r.Body), c.msg) {
					t.Errorf("home %q: %d %s; want 400 bad_home saying %q", c.home, r.Status, r.Body, c.msg)
				}
			}
			if after := len(mustScans(t, st, tok)); after != before {
				t.Errorf("refused homes stored %d scans", after-before)
			}
		})
	}
}

// eyebrow is the line above a report page's title: "Freelance contract
// · read as the contractor (guessed) · home: California".
func eyebrow(page string) string {
	_, s, _ := strings.Cut(page, `class="eyebrow">`)
	s, _, _ = strings.Cut(s, "</p>")
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, "")
}

func mustScans(t *testing.T, st *store.Store, tok string) []store.Scan {
	t.Helper()
	list, err := st.Scans(t.Context(), mustOwner(t, st, tok), 500, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestUploadPageHome: the upload page offers the jurisdictions by
// country; the one a form is posted with (no script) is used for the scan
// or the batch, shown on their pages, and remembered for the browser
// session in a cookie, which the page then selects; choosing none forgets
// it. The batch API takes "home" and answers an unknown one as the scan
// API does.
func TestUploadPageHome(t *testing.T) {
	srv, svc := newBatchServer(t, Config{})
	page := do(srv, "GET", "/", nil)
	csrf := cookieValue(page.Header, csrfCookie)
	for _, want := range []string{`<select id="home" name="home"`, `<option value="">Not given</option>`,
		`<optgroup label="United States">`, `<option value="US-CA" >California</option>`,
		`<optgroup label="Canada">`, `<option value="CA-QC" >Quebec</option>`,
		`<optgroup label="Other countries">`, `<option value="GB" >United Kingdom (England and Wales)</option>`} {
		if !bytes.Contains(page.Body, []byte(want)) {
			t.Errorf("the upload page lacks %s", want)
		}
	}
	post := func(cookie string, fields ...string) result {
		t.Helper()
		ct, body := form(t, append([]string{"csrf", csrf}, fields...)...)
		return do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf+cookie)
	}
	remembered := func(r result) *http.Cookie {
		for _, c := range (&http.Response{Header: r.Header}).Cookies() {
			if c.Name == homeCookie {
				return c
			}
		}
		return nil
	}

	r := post("", "role", "contractor", "home", "us-ny", "file", "freelance.md")
	c := remembered(r)
	if r.Status != 303 || c == nil || c.Value != "US-NY" || c.MaxAge != 0 || !c.Expires.IsZero() || !c.HttpOnly {
		t.Fatalf("upload with home us-ny: %d, cookie %+v; want the scan, and US-NY kept for the session", r.Status, c)
	}
	if e := eyebrow(string(do(srv, "GET", r.Header.Get("Location"), nil).Body)); !strings.Contains(e, "home: New York") {
		t.Errorf("the report page says %q", e)
	}
	again := do(srv, "GET", "/", nil, "Cookie", csrfCookie+"="+csrf+"; "+homeCookie+"=US-NY")
	if !bytes.Contains(again.Body, []byte(`<option value="US-NY" selected>New York</option>`)) {
		t.Errorf("the page does not select the remembered jurisdiction")
	}
	// A cookie the page does not offer is ignored.
	if b := do(srv, "GET", "/", nil, "Cookie", homeCookie+"=XX").Body; bytes.Contains(b, []byte("selected>")) {
		t.Errorf("the page selects a jurisdiction for an unknown cookie")
	}

	// Several files: a batch with the home, said on its pages.
	r = post("; "+homeCookie+"=US-NY", "home", "GB", "file", "freelance.md", "file", "acme-terms.md")
	if c := remembered(r); r.Status != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/batches/") || c == nil || c.Value != "GB" {
		t.Fatalf("batch upload with home GB: %d %q, cookie %+v", r.Status, r.Header.Get("Location"), c)
	}
	b := waitBatch(t, svc, strings.TrimPrefix(r.Header.Get("Location"), "/batches/"))
	if b.Home != "GB" || b.Done != 2 {
		t.Errorf("batch home %q with %d done; want GB with 2", b.Home, b.Done)
	}
	if p := string(do(srv, "GET", "/batches/"+b.ID, nil).Body); !strings.Contains(p, `home: United Kingdom (England and Wales)`) {
		t.Errorf("the batch's page does not name its home:\n%s", head(p, `class="eyebrow"`))
	}
	for _, it := range b.Items {
		p := string(do(srv, "GET", "/batches/"+b.ID+"/items/"+it.ID, nil).Body)
		if e := eyebrow(p); !strings.Contains(e, "home: United Kingdom (England and Wales)") {
			t.Errorf("%s of the batch: %q", it.Name, e)
		}
		if it.Name == "freelance.md" && !strings.Contains(p, "The courts of England and Wales have jurisdiction") {
			t.Errorf("%s of the batch: the suggested wording does not name England and Wales", it.Name)
		}
	}
	if h := string(do(srv, "GET", "/history", nil).Body); !strings.Contains(h, "· home: United Kingdom (England and Wales) ·") {
		t.Errorf("the history does not name the batch's home:\n%s", head(h, `class="scan-list batch-list"`))
	}

	// None chosen: the cookie is forgotten and the blank stays.
	r = post("; "+homeCookie+"=GB", "home", "", "file", "freelance.md")
	if c := remembered(r); r.Status != 303 || c == nil || c.MaxAge >= 0 {
		t.Errorf("upload with no home: %d, cookie %+v; want it deleted", r.Status, c)
	}
	if p := string(do(srv, "GET", r.Header.Get("Location"), nil).Body); strings.Contains(eyebrow(p), "home:") || !strings.Contains(p, "The courts of [your jurisdiction]") {
		t.Errorf("without a home the report page says %q", eyebrow(p))
	}

	// An unknown code: the page says so, keeps the cookie and stores
	// nothing; the batch API answers 400 bad_home.
	before, _ := svc.Batches(t.Context(), store.LocalOwner)
	r = post("; "+homeCookie+"=GB", "home", "Narnia", "file", "freelance.md", "file", "acme-terms.md")
	if r.Status != 400 || remembered(r) != nil || !strings.Contains(string(r.Body), "Unknown jurisdiction &#34;NARNIA&#34;") {
		t.Errorf("home Narnia from the page: %d\n%s", r.Status, head(string(r.Body), `id="error"`))
	}
	ct, body := form(t, "home", "Atlantis", "file", "freelance.md", "file", "acme-terms.md")
	if r := do(srv, "POST", "/api/v1/batches", body, "Content-Type", ct); r.Status != 400 || r.code() != "bad_home" {
		t.Errorf("home Atlantis to the batch API: %d %s; want 400 bad_home", r.Status, r.Body)
	}
	ct, body = form(t, "home", "de", "file", "freelance.md", "file", "acme-terms.md")
	if r := do(srv, "POST", "/api/v1/batches", body, "Content-Type", ct); r.Status != 201 || r.json(t)["home"] != "DE" {
		t.Errorf("home de to the batch API: %d %s", r.Status, r.Body)
	}
	if after, _ := svc.Batches(t.Context(), store.LocalOwner); len(after) != len(before)+1 {
		t.Errorf("%d batches stored, want %d (none for the refused homes)", len(after), len(before)+1)
	}
}
