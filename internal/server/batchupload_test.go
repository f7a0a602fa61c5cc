package server

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/store"
)

// newBatchServer is a server with batches on the in-process pool of a
// real SQLite store, as `termscore serve` runs by default.
func newBatchServer(t *testing.T, cfg Config) (*Server, *queue.Service) {
	t.Helper()
	ctx := t.Context()
	st, rs := openStore(t, "")
	svc, err := queue.Open(ctx, st, queue.Config{Jobs: 1,
		Scanner: &queue.Scanner{Extractor: extract.New(extract.Options{}), Analyzer: analyze.New(rs)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(ctx) })
	cfg.Batches = svc
	srv, err := New(st, rs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, svc
}

// pageForm posts a plain form (the confirmation pages) with the token.
func pageForm(srv http.Handler, target, csrf string, fields ...string) result {
	v := url.Values{"csrf": {csrf}}
	for i := 0; i+1 < len(fields); i += 2 {
		v.Set(fields[i], fields[i+1])
	}
	return do(srv, "POST", target, strings.NewReader(v.Encode()),
		"Content-Type", "application/x-www-form-urlencoded", "Cookie", csrfCookie+"="+csrf)
}

func waitBatch(t *testing.T, svc *queue.Service, id string) *queue.Batch {
	t.Helper()
	for end := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		b, err := svc.Batch(t.Context(), store.LocalOwner, id)
		if err != nil {
			t.Fatal(err)
		}
		if b.Finished {
			return b
		}
		if time.Now().After(end) {
			t.Fatalf("batch not finished: %+v", b)
		}
	}
}

// TestUploadSeveral: the upload page takes several files as one form
// posted without script, makes a batch of them and opens its page; one
// file still makes a scan. Refusals (token, a file too large or empty,
// the total) name what was refused and store nothing.
func TestUploadSeveral(t *testing.T) {
	srv, svc := newBatchServer(t, Config{Limits: limitsOf(20 << 10)})
	home := do(srv, "GET", "/", nil)
	csrf := cookieValue(home.Header, csrfCookie)
	if !bytes.Contains(home.Body, []byte(`type="file" required multiple`)) {
		t.Errorf("the upload page's file input does not take several files:\n%s", head(string(home.Body), `id="file"`))
	}
	post := func(fields ...string) result {
		ct, body := form(t, fields...)
		return do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf)
	}
	batches := func() int {
		list, err := svc.Batches(t.Context(), store.LocalOwner)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}

	// ica.docx is 24 KB, over this server's 20 KB.
	refused := []struct {
		name   string
		fields []string
		status int
		want   string
	}{
		{"no token", []string{"file", "freelance.md", "file", "acme-terms.md"}, 403, "<strong>This page had expired.</strong>"},
		{"the token after the files", []string{"file", "freelance.md", "file", "acme-terms.md", "csrf", csrf}, 403, "<strong>This page had expired.</strong>"},
		{"a file too large", []string{"csrf", csrf, "file", "freelance.md", "file", "ica.docx", "file", "acme-terms.md"}, 413,
			"<strong>Couldn&#39;t check ica.docx.</strong> The file is larger than this server accepts (20 KB)"},
		{"an empty file", []string{"csrf", csrf, "file", "freelance.md", "file", "="}, 422,
			"<strong>Couldn&#39;t check upload.bin.</strong> The file is empty (0 bytes)"},
	}
	for _, tt := range refused {
		r := post(tt.fields...)
		if r.Status != tt.status || !bytes.Contains(r.Body, []byte(tt.want)) {
			t.Errorf("%s: %d, want %d with %q:\n%s", tt.name, r.Status, tt.status, tt.want, head(string(r.Body), `id="error"`))
		}
	}
	// A total over the limit is refused from its length, before any of it
	// is read.
	ct, body := form(t, "csrf", csrf, "file", "freelance.md", "file", "acme-terms.md")
	req := httptest.NewRequest("POST", "/scans", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Cookie", csrfCookie+"="+csrf)
	req.ContentLength = maxBatchBytes + 1
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != 413 || !strings.Contains(rec.Body.String(), "These files together are larger than the 512 MB") || body.Len() == 0 {
		t.Errorf("a total over the limit: %d, unread %d bytes\n%s", rec.Code, body.Len(), head(rec.Body.String(), `id="error"`))
	}
	if n := batches(); n != 0 {
		t.Fatalf("%d batches stored by refused uploads", n)
	}

	// Three files: a batch, and its page.
	r := post("csrf", csrf, "file", "freelance.md", "file", "acme-terms.md", "file", "freelance.md")
	loc := r.Header.Get("Location")
	if r.Status != 303 || !strings.HasPrefix(loc, "/batches/") {
		t.Fatalf("three files: %d %q, want the batch's page", r.Status, loc)
	}
	id := strings.TrimPrefix(loc, "/batches/")
	b := waitBatch(t, svc, id)
	if b.Name != "freelance.md and 2 more" || b.Total != 3 || b.Done != 3 {
		t.Errorf("batch: %q, %d done of %d; want 3 done", b.Name, b.Done, b.Total)
	}
	page := string(do(srv, "GET", loc, nil).Body)
	for _, want := range []string{"3 reported", `href="/batches/` + id + `/items/` + b.Items[1].ID + `"`, "acme-terms.md", `href="/batches/` + id + `/delete"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the batch's page lacks %q", want)
		}
	}
	// One file keeps the scan's flow.
	if r := post("csrf", csrf, "file", "freelance.md"); r.Status != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/scans/") {
		t.Errorf("one file: %d %q, want the report", r.Status, r.Header.Get("Location"))
	}
	// The page's script posts with the token in a header and reads JSON.
	ct, body = form(t, "file", "freelance.md", "file", "acme-terms.md")
	r = do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf, "X-CSRF-Token", csrf, "Accept", "application/json")
	if r.Status != 201 || !strings.HasPrefix(r.json(t)["url"].(string), "/batches/") {
		t.Errorf("two files from the script: %d %s", r.Status, r.Body)
	}
	if n := batches(); n != 2 {
		t.Errorf("%d batches, want 2", n)
	}
	// The API's single scan still takes one file.
	ct, body = form(t, "file", "freelance.md", "file", "acme-terms.md")
	if r := do(srv, "POST", "/api/v1/scans", body, "Content-Type", ct); r.Status != 400 || !strings.Contains(string(r.Body), "send one file per scan") {
		t.Errorf("two files to POST /api/v1/scans: %d %s", r.Status, r.Body)
	}
}

// TestUploadSeveralWithoutBatches: a server without the batch service
// offers one file, and says so when sent more.
func TestUploadSeveralWithoutBatches(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	home := do(srv, "GET", "/", nil)
	if bytes.Contains(home.Body, []byte(`multiple`)) {
		t.Error("a server without batches offers several files")
	}
	csrf := cookieValue(home.Header, csrfCookie)
	ct, body := form(t, "csrf", csrf, "file", "freelance.md", "file", "acme-terms.md")
	r := do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf)
	if r.Status != 400 || !bytes.Contains(r.Body, []byte("Send one file per scan.")) {
		t.Errorf("two files: %d\n%s", r.Status, head(string(r.Body), `id="error"`))
	}
}

// TestDeleteBatch: a batch is deleted from its page or the history after
// a confirmation page, with its items and reports; "Delete everything"
// takes the batches too and says so.
func TestDeleteBatch(t *testing.T) {
	srv, svc := newBatchServer(t, Config{})
	csrf := cookieValue(do(srv, "GET", "/", nil).Header, csrfCookie)
	create := func() *queue.Batch {
		var srcs []queue.Source
		for _, f := range []string{"freelance.md", "acme-terms.md"} {
			data, err := os.ReadFile("testdata/" + f)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, queue.Source{Name: f, Read: func() ([]byte, error) { return data, nil }})
		}
		b, err := svc.Create(t.Context(), store.LocalOwner, queue.Spec{Name: "two contracts"}, srcs)
		if err != nil {
			t.Fatal(err)
		}
		return waitBatch(t, svc, b.ID)
	}
	b := create()
	hist := string(do(srv, "GET", "/history", nil).Body)
	if !strings.Contains(hist, `href="/batches/`+b.ID+`/delete?from=history"`) {
		t.Errorf("the history has no Delete for the batch:\n%s", head(hist, `class="batches"`))
	}
	for _, tt := range []struct{ target, cancel string }{
		{"/batches/" + b.ID + "/delete", "/batches/" + b.ID},
		{"/batches/" + b.ID + "/delete?from=history", "/history"},
	} {
		r := do(srv, "GET", tt.target, nil, "Cookie", csrfCookie+"="+csrf)
		page := string(r.Body)
		for _, want := range []string{"Delete “two contracts”?", "the 2 reports", `action="/batches/` + b.ID + `/delete"`,
			`name="confirm" value="yes"`, `value="` + csrf + `"`, `href="` + tt.cancel + `" id="cancel-delete"`} {
			if r.Status != 200 || !strings.Contains(page, want) {
				t.Errorf("GET %s: %d, lacks %q", tt.target, r.Status, want)
			}
		}
	}
	// Without the token nothing is deleted; without the confirmation the
	// question is asked.
	if r := do(srv, "POST", "/batches/"+b.ID+"/delete", strings.NewReader("confirm=yes"), "Content-Type", "application/x-www-form-urlencoded"); r.Status != 403 {
		t.Errorf("POST without the token: %d", r.Status)
	}
	if r := pageForm(srv, "/batches/"+b.ID+"/delete", csrf); r.Status != 303 || r.Header.Get("Location") != "/batches/"+b.ID+"/delete" {
		t.Errorf("POST without confirm: %d %q", r.Status, r.Header.Get("Location"))
	}
	if _, err := svc.Batch(t.Context(), store.LocalOwner, b.ID); err != nil {
		t.Fatalf("the batch is gone before it was confirmed: %v", err)
	}
	r := pageForm(srv, "/batches/"+b.ID+"/delete", csrf, "confirm", "yes")
	if r.Status != 303 || r.Header.Get("Location") != "/history?deleted=batch" {
		t.Fatalf("confirmed delete: %d %q", r.Status, r.Header.Get("Location"))
	}
	hist = string(do(srv, "GET", "/history?deleted=batch", nil).Body)
	if strings.Contains(hist, b.ID) || !strings.Contains(hist, "The batch, its reports and its uploaded files are deleted.") {
		t.Errorf("history after deleting the batch:\n%s", hist)
	}
	for _, target := range []string{"/batches/" + b.ID, "/batches/" + b.ID + "/items/" + b.Items[0].ID} {
		if r := do(srv, "GET", target, nil); r.Status != 404 {
			t.Errorf("GET %s after delete: %d, want 404", target, r.Status)
		}
	}
	if r := do(srv, "DELETE", "/api/v1/batches/"+b.ID, nil); r.Status != 404 {
		t.Errorf("DELETE of a deleted batch: %d, want 404", r.Status)
	}

	// The API deletes too.
	b = create()
	if r := do(srv, "DELETE", "/api/v1/batches/"+b.ID, nil); r.Status != 204 {
		t.Errorf("DELETE /api/v1/batches/{id}: %d %s", r.Status, r.Body)
	}

	// "Delete everything" names the batches and deletes them.
	create()
	if r := postScan(t, srv, nil, "file", "freelance.md"); r.Status != 201 {
		t.Fatalf("scan: %d", r.Status)
	}
	hist = string(do(srv, "GET", "/history", nil).Body)
	if !strings.Contains(hist, "Delete the scan and the batch, with their reports and every uploaded file.") {
		t.Errorf("Delete everything does not say what it deletes:\n%s", head(hist, `<section class="card danger">`))
	}
	if r := pageForm(srv, "/history/delete", csrf, "confirm", "yes"); r.Status != 303 {
		t.Fatalf("delete all: %d", r.Status)
	}
	if list, _ := svc.Batches(t.Context(), store.LocalOwner); len(list) != 0 {
		t.Errorf("%d batches left after Delete everything", len(list))
	}
	hist = string(do(srv, "GET", "/history?deleted=all", nil).Body)
	if !strings.Contains(hist, "All your scans and batches, their reports and uploaded files are deleted.") || !strings.Contains(hist, "No scans yet.") {
		t.Errorf("history after Delete everything:\n%s", hist)
	}
}

// TestDeleteUnfinishedBatch: the confirmation of a batch still waiting
// says that deleting stops it, and deleting it leaves nothing to scan.
func TestDeleteUnfinishedBatch(t *testing.T) {
	srv, svc := newBatchServer(t, Config{})
	// With its pool stopped the batch waits for good: a batch caught
	// before it finishes, without racing the workers.
	svc.Close(t.Context())
	csrf := cookieValue(do(srv, "GET", "/", nil).Header, csrfCookie)
	ct, body := form(t, "csrf", csrf, "file", "freelance.md", "file", "acme-terms.md")
	r := do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf)
	if r.Status != 303 {
		t.Fatalf("two files: %d", r.Status)
	}
	loc := r.Header.Get("Location")
	page := string(do(srv, "GET", loc, nil).Body)
	if !strings.Contains(page, `data-finished="false"`) || !strings.Contains(page, "2 waiting") {
		t.Fatalf("the batch is not waiting:\n%s", head(page, `id="batch"`))
	}
	page = string(do(srv, "GET", loc+"/delete", nil).Body)
	for _, want := range []string{"still running", "<strong>The batch is still running.</strong> Deleting it stops it: the 2 documents waiting are not read",
		"the uploaded files still waiting to be read."} {
		if !strings.Contains(page, want) {
			t.Errorf("the confirmation of a waiting batch lacks %q:\n%s", want, head(page, "<h1>"))
		}
	}
	if r := pageForm(srv, loc+"/delete", csrf, "confirm", "yes"); r.Status != 303 {
		t.Fatalf("delete: %d", r.Status)
	}
	if list, _ := svc.Batches(t.Context(), store.LocalOwner); len(list) != 0 {
		t.Errorf("%d batches left", len(list))
	}
}

// TestUploadSeveralWithRole: the role chosen on the upload page applies
// to every document of the batch it makes, as to a single scan, and the
// batch's page, the history and each document's report say so; without
// one each document's role is inferred. The API takes the same field and
// refuses an unknown role with the single scan's bad_role.
func TestUploadSeveralWithRole(t *testing.T) {
	srv, svc := newBatchServer(t, Config{})
	csrf := cookieValue(do(srv, "GET", "/", nil).Header, csrfCookie)
	post := func(fields ...string) *queue.Batch {
		t.Helper()
		ct, body := form(t, append([]string{"csrf", csrf}, fields...)...)
		r := do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf)
		loc := r.Header.Get("Location")
		if r.Status != 303 || !strings.HasPrefix(loc, "/batches/") {
			t.Fatalf("%v: %d %q, want the batch's page", fields, r.Status, loc)
		}
		return waitBatch(t, svc, strings.TrimPrefix(loc, "/batches/"))
	}
	given := post("file", "freelance.md", "file", "acme-terms.md", "role", "client")
	auto := post("file", "freelance.md", "file", "acme-terms.md", "role", "")

	for _, c := range []struct {
		b          *queue.Batch
		role, page string
	}{
		{given, "client", "all read as the client"},
		{auto, "", "each read as its type suggests"},
	} {
		if c.b.Role != c.role || c.b.Done != 2 {
			t.Errorf("batch role %q with %d done; want %q with 2", c.b.Role, c.b.Done, c.role)
		}
		if page := string(do(srv, "GET", "/batches/"+c.b.ID, nil).Body); !strings.Contains(page, c.page) {
			t.Errorf("the batch's page lacks %q", c.page)
		}
		for _, it := range c.b.Items {
			page := string(do(srv, "GET", "/batches/"+c.b.ID+"/items/"+it.ID, nil).Body)
			eyebrow := head(page, `class="eyebrow"`)
			switch {
			case c.role != "" && (!strings.Contains(eyebrow, "read as the "+c.role) || strings.Contains(eyebrow, "guessed")):
				t.Errorf("%s of the %s batch: %s", it.Name, c.role, eyebrow)
			case c.role == "" && !strings.Contains(eyebrow, "(guessed)"):
				t.Errorf("%s of the batch without a role: %s", it.Name, eyebrow)
			}
		}
	}
	if h := string(do(srv, "GET", "/history", nil).Body); !strings.Contains(h, "· as the client ·") {
		t.Errorf("the history does not name the batch's role:\n%s", head(h, `class="scan-list batch-list"`))
	}

	// An unknown role: the page says so and stores nothing; the API
	// answers as POST /api/v1/scans does.
	ct, body := form(t, "csrf", csrf, "file", "freelance.md", "file", "acme-terms.md", "role", "pirate")
	if r := do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf); r.Status != 400 || !strings.Contains(string(r.Body), "Unknown role") {
		t.Errorf("role pirate from the page: %d\n%s", r.Status, head(string(r.Body), `id="error"`))
	}
	ct, body = form(t, "role", "pirate", "file", "freelance.md", "file", "acme-terms.md")
	r := do(srv, "POST", "/api/v1/batches", body, "Content-Type", ct)
	if r.Status != 400 || r.json(t)["error"].(map[string]any)["code"] != "bad_role" {
		t.Errorf("role pirate to the API: %d %s; want 400 bad_role", r.Status, r.Body)
	}
	ct, body = form(t, "role", "client", "file", "freelance.md", "file", "acme-terms.md")
	if r := do(srv, "POST", "/api/v1/batches", body, "Content-Type", ct); r.Status != 201 || r.json(t)["role"] != "client" {
		t.Errorf("role client to the API: %d %s", r.Status, r.Body)
	}
	if list, _ := svc.Batches(t.Context(), store.LocalOwner); len(list) != 3 {
		t.Errorf("%d batches, want 3 (none for the unknown role)", len(list))
	}
}
