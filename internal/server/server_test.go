package server

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/store"
)

func newTestServer(t testing.TB, cfg Config) (*Server, *store.Store) {
	t.Helper()
	st, rs := openStore(t, "")
	srv, err := New(st, rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, st
}

// openStore opens a store on dbURL (empty: SQLite) in a temporary
// directory, closed when the test ends, and the embedded rules.
func openStore(t testing.TB, dbURL string) (*store.Store, *rules.Set) {
	t.Helper()
	st, err := store.Open(t.Context(), dbURL, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rs, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return st, rs
}

// testDBs are the databases a test runs on by name: SQLite, and the
// PostgreSQL of TERMSCORE_TEST_PG when it is set.
func testDBs() map[string]string {
	dbs := map[string]string{"sqlite": ""}
	if url := os.Getenv("TERMSCORE_TEST_PG"); url != "" {
		dbs["postgres"] = url
	}
	return dbs
}

// form builds a multipart body with the given fields; a field named
// "file" is sent as a file upload of the named testdata file, or of
// literal content when the value starts with "=".
func form(t testing.TB, fields ...string) (string, *bytes.Buffer) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for i := 0; i+1 < len(fields); i += 2 {
		k, v := fields[i], fields[i+1]
		if k != "file" {
			w.WriteField(k, v)
			continue
		}
		name, data := "upload.bin", []byte(strings.TrimPrefix(v, "="))
		if !strings.HasPrefix(v, "=") {
			var err error
			if data, err = os.ReadFile("testdata/" + v); err != nil {
				t.Fatal(err)
			}
			name = v
		}
		fw, _ := w.CreateFormFile("file", name)
		fw.Write(data)
	}
	w.Close()
	return w.FormDataContentType(), &b
}

type result struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r result) json(t testing.TB) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("status %d, body not JSON: %v\n%s", r.Status, err, r.Body)
	}
	return v
}

func (r result) code() string {
	var e errorBody
	json.Unmarshal(r.Body, &e)
	return e.Error.Code
}

func do(h http.Handler, method, target string, body io.Reader, header ...string) result {
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return result{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func postScan(t testing.TB, h http.Handler, header []string, fields ...string) result {
	ct, body := form(t, fields...)
	return do(h, "POST", "/api/v1/scans", body, append([]string{"Content-Type", ct}, header...)...)
}

func TestScanAPI(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	for _, file := range []string{"freelance.md", "ica.docx", "joint-venture.pdf"} {
		t.Run(file, func(t *testing.T) {
			res := postScan(t, srv, nil, "file", file, "role", "contractor")
			if res.Status != http.StatusCreated {
				t.Fatalf("POST: %d %s", res.Status, res.Body)
			}
			v := res.json(t)
			id, _ := v["id"].(string)
			rep, _ := v["report"].(map[string]any)
			if len(id) != 32 || rep["schema"] != "termscore/report/v1" || rep["role"] != "contractor" {
				t.Fatalf("response id %q report %v", id, rep["schema"])
			}
			if loc := res.Header.Get("Location"); loc != "/api/v1/scans/"+id {
				t.Errorf("Location %q", loc)
			}
			doc := rep["document"].(map[string]any)
			if doc["name"] != file {
				t.Errorf("document name %v", doc["name"])
			}
			if fs, _ := rep["findings"].([]any); len(fs) == 0 {
				t.Errorf("no findings in a real %s contract", file)
			}

			got := do(srv, "GET", "/api/v1/scans/"+id, nil)
			if got.Status != 200 {
				t.Fatalf("GET: %d %s", got.Status, got.Body)
			}
			if a, b := mustJSON(t, got.json(t)["report"]), mustJSON(t, rep); a != b {
				t.Error("GET returns a different report than POST")
			}

			red := do(srv, "GET", "/api/v1/scans/"+id+"/redline.docx", nil)
			if red.Status != 200 || !bytes.HasPrefix(red.Body, []byte("PK")) || red.Header.Get("Content-Type") != docxType {
				t.Errorf("redline: %d %q %.60q", red.Status, red.Header.Get("Content-Type"), red.Body)
			}
			if cd := red.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "-redline.docx") {
				t.Errorf("redline disposition %q", cd)
			}
			html := do(srv, "GET", "/api/v1/scans/"+id+"/report.html", nil)
			if html.Status != 200 || !bytes.Contains(html.Body, []byte("<html")) {
				t.Errorf("report.html: %d", html.Status)
			}
			md := do(srv, "GET", "/api/v1/scans/"+id+"/report.md", nil)
			if md.Status != 200 || !bytes.HasPrefix(md.Body, []byte("#")) {
				t.Errorf("report.md: %d %.80q", md.Status, md.Body)
			}
			add := do(srv, "GET", "/api/v1/scans/"+id+"/addenda/kill-fee?format=markdown", nil)
			if add.Status != 200 || !bytes.Contains(bytes.ToLower(add.Body), []byte("addendum")) {
				t.Errorf("addendum: %d %.80q", add.Status, add.Body)
			}
			page := do(srv, "GET", "/scans/"+id, nil)
			if page.Status != 200 || !bytes.Contains(page.Body, []byte(`id="f-1"`)) || !bytes.Contains(page.Body, []byte(`<mark class="hl sev-`)) {
				t.Errorf("report page: %d, findings or highlights missing", page.Status)
			}

			if del := do(srv, "DELETE", "/api/v1/scans/"+id, nil); del.Status != 204 {
				t.Errorf("DELETE: %d %s", del.Status, del.Body)
			}
			for _, p := range []string{"", "/redline.docx", "/report.html"} {
				if r := do(srv, "GET", "/api/v1/scans/"+id+p, nil); r.Status != 404 || r.code() != "not_found" {
					t.Errorf("GET%s after delete: %d %s", p, r.Status, r.Body)
				}
			}
		})
	}
}

func mustJSON(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every bad request gets a clear JSON error with the right status, and
// nothing is stored.
func TestBadRequests(t *testing.T) {
	srv, st := newTestServer(t, Config{Limits: limitsOf(64 << 10)})
	tests := []struct {
		name   string
		fields []string
		ctype  string
		status int
		code   string
	}{
		{"no file", []string{"role", "contractor"}, "", 400, "missing_file"},
		{"empty file", []string{"file", "="}, "", 422, "empty"},
		{"unknown role", []string{"file", "freelance.md", "role", "wizard"}, "", 400, "bad_role"},
		{"binary garbage", []string{"file", "=\x00\x01\x02\x03\xff\xfe garbage \x00\x00"}, "", 415, "unsupported"},
		{"corrupt PDF", []string{"file", "=%PDF-1.7\n1 0 obj << /Type /Catalog"}, "", 422, "invalid"},
		{"truncated DOCX", []string{"file", "=PK\x03\x04\x14\x00\x00\x00\x08\x00"}, "", 422, "invalid"},
		{"too large", []string{"file", "=" + strings.Repeat("a", 70<<10)}, "", 413, "too_large"},
		{"not multipart", nil, "application/json", 415, "bad_content_type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var res result
			if tc.ctype != "" {
				res = do(srv, "POST", "/api/v1/scans", strings.NewReader(`{"file":"x"}`), "Content-Type", tc.ctype)
			} else {
				res = postScan(t, srv, nil, tc.fields...)
			}
			if res.Status != tc.status || res.code() != tc.code {
				t.Errorf("got %d %s, want %d %s", res.Status, res.Body, tc.status, tc.code)
			}
			if msg := res.json(t)["error"].(map[string]any)["message"].(string); len(msg) < 15 {
				t.Errorf("message %q is not a clear reason", msg)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
		})
	}
	if list, _ := st.Scans(t.Context(), store.LocalOwner, 100, time.Time{}); len(list) != 0 {
		t.Errorf("%d failed uploads were stored", len(list))
	}
	for _, tc := range []struct{ method, path string }{
		{"GET", "/api/v1/scans/0123456789abcdef0123456789abcdef"},
		{"DELETE", "/api/v1/scans/nope"},
		{"GET", "/api/v1/scans/nope/redline.docx"},
		{"GET", "/api/v1/nothing"},
	} {
		if r := do(srv, tc.method, tc.path, nil); r.Status != 404 || r.code() != "not_found" {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, r.Status, r.Body)
		}
	}
	if r := do(srv, "GET", "/api/v1/scans?limit=0", nil); r.Status != 400 {
		t.Errorf("limit=0: %d", r.Status)
	}
	if r := do(srv, "PUT", "/api/v1/scans", nil); r.Status != 405 {
		t.Errorf("PUT: %d", r.Status)
	}
	page := do(srv, "GET", "/scans/0123456789abcdef0123456789abcdef", nil)
	if page.Status != 404 || !bytes.Contains(page.Body, []byte("Not found")) {
		t.Errorf("missing report page: %d", page.Status)
	}
}

// Users with accounts see only their own scans: another user's id is a
// 404, like an id that never existed.
func TestAuthAndIsolation(t *testing.T) {
	srv, st := newTestServer(t, Config{Auth: true})
	alice, _, err := st.NewToken(t.Context(), "alice", store.APIToken, 0)
	if err != nil {
		t.Fatal(err)
	}
	bob, _, _ := st.NewToken(t.Context(), "bob", store.APIToken, 0)
	as := func(tok string) []string { return []string{"Authorization", "Bearer " + tok} }

	if r := postScan(t, srv, nil, "file", "freelance.md"); r.Status != 401 || r.code() != "unauthorized" {
		t.Errorf("anonymous upload: %d %s", r.Status, r.Body)
	}
	if r := postScan(t, srv, as("ts_forged"), "file", "freelance.md"); r.Status != 401 {
		t.Errorf("forged token: %d", r.Status)
	}
	res := postScan(t, srv, as(alice), "file", "freelance.md")
	if res.Status != 201 {
		t.Fatalf("alice's upload: %d %s", res.Status, res.Body)
	}
	id := res.json(t)["id"].(string)
	for _, tc := range []struct{ method, path string }{
		{"GET", "/api/v1/scans/" + id},
		{"GET", "/api/v1/scans/" + id + "/redline.docx"},
		{"GET", "/api/v1/scans/" + id + "/report.html"},
		{"GET", "/api/v1/scans/" + id + "/report.json"},
		{"DELETE", "/api/v1/scans/" + id},
	} {
		if r := do(srv, tc.method, tc.path, nil, as(bob)...); r.Status != 404 {
			t.Errorf("bob %s %s: %d", tc.method, tc.path, r.Status)
		}
	}
	if r := do(srv, "DELETE", "/api/v1/scans", nil, as(bob)...); r.Status != 200 || r.json(t)["deleted"].(float64) != 0 {
		t.Errorf("bob's delete-all: %d %s", r.Status, r.Body)
	}
	list := do(srv, "GET", "/api/v1/scans", nil, as(bob)...).json(t)["scans"].([]any)
	if len(list) != 0 {
		t.Errorf("bob lists %d scans", len(list))
	}
	if r := do(srv, "GET", "/api/v1/scans/"+id, nil, as(alice)...); r.Status != 200 {
		t.Errorf("alice's own scan: %d", r.Status)
	}
	// Pages send strangers to sign in; the report page with bob's
	// session is a 404.
	if r := do(srv, "GET", "/scans/"+id, nil); r.Status != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/login?next=") {
		t.Errorf("anonymous report page: %d %s", r.Status, r.Header.Get("Location"))
	}
	bobSession := signIn(t, srv, bob)
	if r := do(srv, "GET", "/scans/"+id, nil, "Cookie", bobSession); r.Status != 404 {
		t.Errorf("bob's session on alice's report page: %d", r.Status)
	}
	if r := do(srv, "GET", "/history", nil, "Cookie", bobSession); r.Status != 200 || bytes.Contains(r.Body, []byte(id)) {
		t.Errorf("bob's history: %d, shows alice's scan: %v", r.Status, bytes.Contains(r.Body, []byte(id)))
	}
	// The health check and the API description need no token.
	for _, p := range []string{"/healthz", "/api/v1/openapi.json"} {
		if r := do(srv, "GET", p, nil); r.Status != 200 {
			t.Errorf("%s: %d", p, r.Status)
		}
	}
}

// signIn posts a token to the sign-in form and returns the cookies to send.
func signIn(t *testing.T, srv *Server, tok string) string {
	t.Helper()
	page := do(srv, "GET", "/login", nil)
	csrf := cookieValue(page.Header, csrfCookie)
	body := url.Values{"token": {tok}, "csrf": {csrf}, "next": {"/history"}}.Encode()
	res := do(srv, "POST", "/login", strings.NewReader(body),
		"Content-Type", "application/x-www-form-urlencoded", "Cookie", csrfCookie+"="+csrf)
	if res.Status != 303 || res.Header.Get("Location") != "/history" {
		t.Fatalf("sign in: %d %s", res.Status, res.Body)
	}
	return csrfCookie + "=" + csrf + "; " + sessionCookie + "=" + cookieValue(res.Header, sessionCookie)
}

func cookieValue(h http.Header, name string) string {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// Forms need the page's CSRF token; other sites cannot post them.
func TestCSRF(t *testing.T) {
	srv, st := newTestServer(t, Config{})
	res := postScan(t, srv, nil, "file", "freelance.md")
	id := res.json(t)["id"].(string)
	page := do(srv, "GET", "/history", nil)
	csrf := cookieValue(page.Header, csrfCookie)
	if csrf == "" || !bytes.Contains(page.Body, []byte(`name="csrf" value="`+csrf+`"`)) {
		t.Fatal("the history page has no CSRF token in its forms")
	}
	post := func(path, token string, header ...string) result {
		body := url.Values{"csrf": {token}, "confirm": {"yes"}}.Encode()
		return do(srv, "POST", path, strings.NewReader(body), append([]string{
			"Content-Type", "application/x-www-form-urlencoded", "Cookie", csrfCookie + "=" + csrf}, header...)...)
	}
	if r := post("/scans/"+id+"/delete", ""); r.Status != 403 {
		t.Errorf("delete without token: %d", r.Status)
	}
	if r := post("/scans/"+id+"/delete", strings.Repeat("x", 32)); r.Status != 403 {
		t.Errorf("delete with a wrong token: %d", r.Status)
	}
	if r := post("/history/delete", csrf, "Sec-Fetch-Site", "cross-site"); r.Status != 403 {
		t.Errorf("cross-site delete-all: %d", r.Status)
	}
	if r := post("/history/delete", csrf, "Origin", "https://evil.example"); r.Status != 403 {
		t.Errorf("delete-all from another origin: %d", r.Status)
	}
	ct, body := form(t, "file", "freelance.md")
	if r := do(srv, "POST", "/api/v1/scans", body, "Content-Type", ct, "Sec-Fetch-Site", "cross-site"); r.Status != 403 || r.code() != "cross_origin" {
		t.Errorf("cross-site API upload: %d %s", r.Status, r.Body)
	}
	if _, err := st.Scan(t.Context(), store.LocalOwner, id); err != nil {
		t.Fatalf("a forged request deleted the scan: %v", err)
	}
	if r := post("/scans/"+id+"/delete", csrf, "Sec-Fetch-Site", "same-origin"); r.Status != 303 {
		t.Errorf("delete with the token: %d %s", r.Status, r.Body)
	}
	if _, err := st.Scan(t.Context(), store.LocalOwner, id); err == nil {
		t.Error("the scan survived its delete")
	}
}

func TestSecureHeaders(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	for _, p := range []string{"/", "/history", "/api/v1/scans", "/static/app.css", "/nope"} {
		r := do(srv, "GET", p, nil)
		csp := r.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: nosniff/frame headers missing", p)
		}
	}
	// No page has an inline script, inline style or style attribute: the
	// CSP would block them.
	home := do(srv, "GET", "/", nil).Body
	inline := regexp.MustCompile(`<script>|<script [^>]*>[^<]|<style|\sstyle=`)
	if m := inline.Find(home); m != nil {
		t.Errorf("inline script or style on the upload page: %q", m)
	}
	res := postScan(t, srv, nil, "file", "ica.docx")
	id := res.json(t)["id"].(string)
	if m := inline.Find(do(srv, "GET", "/scans/"+id, nil).Body); m != nil {
		t.Errorf("inline script or style on the report page: %q", m)
	}
}

func TestRateLimit(t *testing.T) {
	srv, _ := newTestServer(t, Config{UploadsPerMinute: 2})
	for i := range 3 {
		r := postScan(t, srv, nil, "file", "=x")
		if i < 2 && r.Status == 429 {
			t.Fatalf("upload %d limited", i)
		}
		if i == 2 && (r.Status != 429 || r.Header.Get("Retry-After") != "30") {
			t.Errorf("third upload: %d, Retry-After %q", r.Status, r.Header.Get("Retry-After"))
		}
		// The message says the same wait, in words ("1 seconds" once).
		if msg, _ := r.json(t)["error"].(map[string]any)["message"].(string); i == 2 && msg != "too many scans in a short time; try again in 30 seconds" {
			t.Errorf("third upload's message: %q", msg)
		}
	}
}

func TestRetention(t *testing.T) {
	srv, st := newTestServer(t, Config{Retention: time.Hour})
	old := &store.Scan{Owner: store.LocalOwner, Name: "old.md", Format: "markdown", Created: time.Now().Add(-2 * time.Hour),
		Report: json.RawMessage(`{}`), Document: json.RawMessage(`{}`)}
	if err := st.CreateScan(t.Context(), old, []byte("x")); err != nil {
		t.Fatal(err)
	}
	res := postScan(t, srv, nil, "file", "freelance.md")
	id := res.json(t)["id"].(string)
	srv.Housekeep(t.Context())
	if _, err := st.Scan(t.Context(), store.LocalOwner, old.ID); err == nil {
		t.Error("a scan older than the retention period was kept")
	}
	if _, err := st.Scan(t.Context(), store.LocalOwner, id); err != nil {
		t.Errorf("a new scan was deleted: %v", err)
	}
}

// The OpenAPI document lists exactly the API routes the server serves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	srv, _ := newTestServer(t, Config{Auth: true})
	r := do(srv, "GET", "/api/v1/openapi.json", nil)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(r.Body, &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi.json: %v %s", err, doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
			// Every documented operation reaches a handler: the mux
			// matches it to the same pattern.
			target := strings.NewReplacer("{id}", "0123456789abcdef0123456789abcdef", "{kind}", "kill-fee").Replace(path)
			req := httptest.NewRequest(strings.ToUpper(method), target, nil)
			if _, pattern := srv.mux().Handler(req); pattern != strings.ToUpper(method)+" "+path {
				t.Errorf("%s %s is documented but routes to %q", method, path, pattern)
			}
		}
	}
	want := []string{"POST /api/v1/scans", "GET /api/v1/scans", "GET /api/v1/scans/{id}", "DELETE /api/v1/scans/{id}",
		"GET /api/v1/scans/{id}/redline.docx", "GET /api/v1/scans/{id}/report.html", "GET /healthz", "GET /api/v1/openapi.json"}
	for _, w := range want {
		if !documented[w] {
			t.Errorf("%s (interfaces.md) is not in the OpenAPI document", w)
		}
	}
	for _, rt := range srv.routes {
		key := rt.Method + " " + rt.Pattern
		if strings.HasPrefix(rt.Pattern, "/api/") && !documented[key] {
			t.Errorf("API route %s is served but not documented", key)
		}
	}
	if len(documented) != countAPI(srv) {
		t.Errorf("%d documented operations, %d API routes", len(documented), countAPI(srv))
	}
}

func countAPI(s *Server) int {
	n := 0
	for _, rt := range s.routes {
		if rt.API != nil {
			n++
		}
	}
	return n
}

func TestHealthz(t *testing.T) {
	srv, st := newTestServer(t, Config{})
	if r := do(srv, "GET", "/healthz", nil); r.Status != 200 || r.json(t)["status"] != "ok" {
		t.Errorf("healthz: %d %s", r.Status, r.Body)
	}
	st.Close()
	if r := do(srv, "GET", "/healthz", nil); r.Status != 500 {
		t.Errorf("healthz with the database closed: %d", r.Status)
	}
}

func TestHistoryAndDeleteAll(t *testing.T) {
	srv, st := newTestServer(t, Config{})
	for range 2 {
		if r := postScan(t, srv, nil, "file", "freelance.md"); r.Status != 201 {
			t.Fatal(r.Status)
		}
	}
	page := do(srv, "GET", "/history", nil)
	if n := bytes.Count(page.Body, []byte(`/delete?from=history"`)); n != 2 {
		t.Errorf("history shows %d delete buttons, want 2", n)
	}
	for _, batches := range []string{"The batches below", "Batches still running"} {
		if bytes.Contains(page.Body, []byte(batches)) {
			t.Errorf("a history without batches speaks of them: %q", batches)
		}
	}
	csrf := cookieValue(page.Header, csrfCookie)
	post := func(confirm string) result {
		body := url.Values{"csrf": {csrf}, "confirm": {confirm}}.Encode()
		return do(srv, "POST", "/history/delete", strings.NewReader(body),
			"Content-Type", "application/x-www-form-urlencoded", "Cookie", csrfCookie+"="+csrf)
	}
	if r := post(""); r.Status != 400 {
		t.Errorf("delete everything without confirming: %d", r.Status)
	}
	if r := post("yes"); r.Status != 303 || r.Header.Get("Location") != "/history?deleted=all" {
		t.Errorf("delete everything: %d %s", r.Status, r.Header.Get("Location"))
	}
	if page := string(do(srv, "GET", "/history?deleted=all", nil).Body); !strings.Contains(page, "All your scans and their uploaded files are deleted.") {
		t.Errorf("after deleting all: %s", head(page, "<h1>"))
	}
	if list, _ := st.Scans(t.Context(), store.LocalOwner, 10, time.Time{}); len(list) != 0 {
		t.Errorf("%d scans left", len(list))
	}
}

// The page upload without JavaScript: the form posts and the browser is
// redirected to the report; a bad file re-shows the form with the reason.
func TestUploadForm(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	home := do(srv, "GET", "/", nil)
	csrf := cookieValue(home.Header, csrfCookie)
	// The form's token is its first field, as the browser sends it.
	ct, body := form(t, "csrf", csrf, "file", "freelance.md", "role", "contractor")
	r := do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf)
	if r.Status != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/scans/") {
		t.Fatalf("form upload: %d %s", r.Status, r.Header.Get("Location"))
	}
	// A failed upload shows the page again, at the form's own URL: no
	// redirect carrying anything.
	ct, body = form(t, "csrf", csrf, "file", "=")
	r = do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf)
	if r.Status != 422 || r.Header.Get("Location") != "" || !bytes.Contains(r.Body, []byte("The file is empty (0 bytes)")) {
		t.Errorf("empty form upload: %d %q", r.Status, r.Header.Get("Location"))
	}
	refused := []struct {
		name   string
		target string
		fields []string
	}{
		{"no token", "/scans", []string{"file", "freelance.md"}},
		{"a wrong token", "/scans", []string{"csrf", strings.Repeat("x", 32), "file", "freelance.md"}},
		// The token must come before the file, so a forged upload is
		// refused before the file is read.
		{"the token after the file", "/scans", []string{"file", "freelance.md", "csrf", csrf}},
		// A token in the URL is not accepted: history and logs keep URLs.
		{"the token in the URL", "/scans?csrf=" + csrf, []string{"file", "freelance.md"}},
	}
	for _, tt := range refused {
		ct, body := form(t, tt.fields...)
		r := do(srv, "POST", tt.target, body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf)
		if r.Status != 403 || !bytes.Contains(r.Body, []byte("<strong>This page had expired.</strong> Choose the file again and check it; nothing was stored.")) {
			t.Errorf("form upload with %s: %d\n%s", tt.name, r.Status, head(string(r.Body), `id="error"`))
		}
	}
	if list, _ := srv.store.Scans(t.Context(), store.LocalOwner, 10, time.Time{}); len(list) != 1 {
		t.Errorf("%d scans stored, want the 1 with its token", len(list))
	}
	// Opening the form's address, where a failed upload leaves the
	// browser, shows the form.
	if r := do(srv, "GET", "/scans", nil); r.Status != 303 || r.Header.Get("Location") != "/" {
		t.Errorf("GET /scans: %d %s", r.Status, r.Header.Get("Location"))
	}
	// No page puts the token in a URL.
	for _, page := range []string{"/", "/history"} {
		if b := do(srv, "GET", page, nil, "Cookie", csrfCookie+"="+csrf).Body; bytes.Contains(b, []byte("?csrf=")) || bytes.Contains(b, []byte("&csrf=")) || !bytes.Contains(b, []byte(`value="`+csrf+`"`)) {
			t.Errorf("%s: the token is in a URL, or in no form:\n%s", page, head(string(b), "csrf="))
		}
	}
}

func limitsOf(max int64) extract.Limits {
	l := extract.DefaultLimits()
	l.MaxBytes = max
	return l
}

// Deleting a scan on the pages asks first, on a page of its own that
// works without script: it names the document and says what is deleted;
// only its form, with the token and the confirmation, deletes.
func TestDeleteConfirmation(t *testing.T) {
	srv, st := newTestServer(t, Config{})
	id := postScan(t, srv, nil, "file", "freelance.md", "role", "contractor").json(t)["id"].(string)
	for _, tt := range []struct{ target, cancel string }{
		{"/scans/" + id + "/delete", "/scans/" + id},
		{"/scans/" + id + "/delete?from=history", "/history"},
	} {
		r := do(srv, "GET", tt.target, nil)
		page := string(r.Body)
		for _, want := range []string{
			"<h1>Delete “freelance.md”?</h1>",
			"the uploaded file itself",
			`<form method="post" action="/scans/` + id + `/delete"`,
			`<input type="hidden" name="confirm" value="yes">`,
			`<a class="button" href="` + tt.cancel + `" id="cancel-delete">Cancel</a>`,
		} {
			if r.Status != 200 || !strings.Contains(page, want) {
				t.Errorf("GET %s: %d, want %s in\n%s", tt.target, r.Status, want, head(page, `<main`))
			}
		}
	}
	if _, err := st.Scan(t.Context(), store.LocalOwner, id); err != nil {
		t.Fatalf("asking deleted the scan: %v", err)
	}
	if r := do(srv, "GET", "/scans/"+strings.Repeat("0", 32)+"/delete", nil); r.Status != 404 {
		t.Errorf("confirming the delete of a missing scan: %d", r.Status)
	}

	csrf := cookieValue(do(srv, "GET", "/history", nil).Header, csrfCookie)
	post := func(fields url.Values) result {
		return do(srv, "POST", "/scans/"+id+"/delete", strings.NewReader(fields.Encode()),
			"Content-Type", "application/x-www-form-urlencoded", "Cookie", csrfCookie+"="+csrf)
	}
	// A form from before the confirmation (no confirm field) is asked.
	if r := post(url.Values{"csrf": {csrf}}); r.Status != 303 || r.Header.Get("Location") != "/scans/"+id+"/delete" {
		t.Errorf("unconfirmed delete: %d %s", r.Status, r.Header.Get("Location"))
	}
	if r := post(url.Values{"confirm": {"yes"}}); r.Status != 403 {
		t.Errorf("confirmed delete without the token: %d", r.Status)
	}
	if _, err := st.Scan(t.Context(), store.LocalOwner, id); err != nil {
		t.Fatalf("an unconfirmed or forged delete deleted the scan: %v", err)
	}
	if r := post(url.Values{"csrf": {csrf}, "confirm": {"yes"}}); r.Status != 303 || r.Header.Get("Location") != "/history?deleted=1" {
		t.Errorf("confirmed delete: %d %s", r.Status, r.Header.Get("Location"))
	}
	if _, err := st.Upload(t.Context(), store.LocalOwner, id); err == nil {
		t.Error("the uploaded file survived the delete")
	}
	// The API's DELETE is unchanged: no confirmation, 204.
	id = postScan(t, srv, nil, "file", "freelance.md").json(t)["id"].(string)
	if r := do(srv, "DELETE", "/api/v1/scans/"+id, nil); r.Status != 204 {
		t.Errorf("API DELETE: %d %s", r.Status, r.Body)
	}
}

// A wrong method is a 405 listing the right ones, in the header and in
// words.
func TestMethodNotAllowed(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	for _, tt := range []struct{ method, path, allow, msg string }{
		{"PUT", "/api/v1/scans", "GET, POST, DELETE", "PUT is not allowed here; use GET, POST or DELETE"},
		{"POST", "/history", "GET", "POST is not allowed here; use GET"},
		{"DELETE", "/scans/abc/delete", "GET, POST", "DELETE is not allowed here; use GET or POST"},
	} {
		r := do(srv, tt.method, tt.path, nil, "Accept", "application/json")
		msg, _ := r.json(t)["error"].(map[string]any)["message"].(string)
		if r.Status != 405 || r.Header.Get("Allow") != tt.allow || msg != tt.msg {
			t.Errorf("%s %s: %d, Allow %q, %q; want 405, %q, %q", tt.method, tt.path, r.Status, r.Header.Get("Allow"), msg, tt.allow, tt.msg)
		}
	}
}
