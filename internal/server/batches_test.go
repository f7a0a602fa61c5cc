package server

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/store"
)

// TestBatches: the batch routes behind the server's sign-in, in its
// OpenAPI document, on the in-process pool of a SQLite server.
func TestBatches(t *testing.T) {
	ctx := t.Context()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := queue.Open(ctx, st, queue.Config{Jobs: 1,
		Scanner: &queue.Scanner{Extractor: extract.New(extract.Options{}), Analyzer: analyze.New(rs)}})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close(ctx)
	srv, err := New(st, rs, Config{Auth: true, Batches: svc})
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := st.NewToken(ctx, "alice", store.APIToken, 0)
	if err != nil {
		t.Fatal(err)
	}
	auth := []string{"Authorization", "Bearer " + tok}

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range []string{"testdata/freelance.md", "testdata/ica.docx"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile("file", f[strings.LastIndex(f, "/")+1:])
		w.Write(data)
	}
	mw.Close()
	if r := do(srv, "POST", "/api/v1/batches", bytes.NewReader(body.Bytes()), "Content-Type", mw.FormDataContentType()); r.Status != 401 || r.code() != "unauthorized" {
		t.Errorf("POST without a token: %d %s", r.Status, r.Body)
	}
	r := do(srv, "POST", "/api/v1/batches", &body, append([]string{"Content-Type", mw.FormDataContentType()}, auth...)...)
	if r.Status != 201 {
		t.Fatalf("POST: %d %s", r.Status, r.Body)
	}
	id := r.json(t)["id"].(string)
	var b queue.Batch
	for end := time.Now().Add(time.Minute); !b.Finished; {
		r := do(srv, "GET", "/api/v1/batches/"+id, nil, auth...)
		if r.Status != 200 {
			t.Fatalf("GET: %d %s", r.Status, r.Body)
		}
		if err := json.Unmarshal(r.Body, &b); err != nil {
			t.Fatal(err)
		}
		if time.Now().After(end) {
			t.Fatalf("batch not finished: %+v", b)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if b.Done != 2 || b.Failed != 0 {
		t.Errorf("batch: %d done, %d failed; want 2 done", b.Done, b.Failed)
	}
	if r := do(srv, "GET", "/batches/"+id, nil); r.Status != 303 {
		t.Errorf("progress page without signing in: %d, want a redirect to sign in", r.Status)
	}
	// The progress page is the app's: its layout, grade chips and scores
	// (queue's own page printed "%!f(*float64=0x…)" and had its inline
	// styles blocked by the CSP), and an unknown batch is the HTML 404.
	page := do(srv, "GET", "/batches/"+id, nil, auth...)
	html := string(page.Body)
	if page.Status != 200 || !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("progress page: %d %s", page.Status, page.Header.Get("Content-Type"))
	}
	for _, want := range []string{`aria-label="TermScore home"`, `data-finished="true"`, "2 reported", `class="grade-chip grade-`, "freelance.md", "ica.docx",
		`href="/api/v1/batches/` + id + `/items/`} {
		if !strings.Contains(html, want) {
			t.Errorf("progress page lacks %q", want)
		}
	}
	for _, bad := range []string{"%!", "style="} {
		if strings.Contains(html, bad) {
			t.Errorf("progress page has %q", bad)
		}
	}
	if r := do(srv, "GET", "/batches/00000000000000000000000000000000", nil, auth...); r.Status != 404 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Errorf("unknown batch's page: %d %s, want the HTML 404 page", r.Status, r.Header.Get("Content-Type"))
	}
	if r := do(srv, "GET", "/history", nil, auth...); !strings.Contains(string(r.Body), `href="/batches/`+id+`"`) {
		t.Errorf("Your scans does not list the batch: %d", r.Status)
	}
	// Deleting everything names the batches (TestDeleteBatch deletes them).
	if r := postScan(t, srv, auth, "file", "freelance.md"); r.Status != 201 {
		t.Fatalf("scan: %d %s", r.Status, r.Body)
	}
	if r := do(srv, "GET", "/history", nil, auth...); !strings.Contains(string(r.Body), "and the batch, with their reports and every uploaded file. Batches still running are stopped.") {
		t.Errorf("the history's Delete everything does not name the batches:\n%s", head(string(r.Body), `<section class="card danger">`))
	}

	// Each document of the batch opens as a report page: its findings,
	// without the downloads a batch cannot make (it keeps no file).
	item := b.Items[0]
	if !strings.Contains(html, `href="/batches/`+id+`/items/`+item.ID+`"`) {
		t.Errorf("progress page does not link %s's report page", item.Name)
	}
	page = do(srv, "GET", "/batches/"+id+"/items/"+item.ID, nil, auth...)
	html = string(page.Body)
	if page.Status != 200 {
		t.Fatalf("%s's report page: %d %s", item.Name, page.Status, page.Body)
	}
	for _, want := range []string{item.Name, `id="findings"`, `class="finding sev-`, "Back to the batch", `/api/v1/batches/` + id + `/items/` + item.ID + `/report.json`} {
		if !strings.Contains(html, want) {
			t.Errorf("%s's report page lacks %q", item.Name, want)
		}
	}
	for _, bad := range []string{"/api/v1/scans/", `id="delete"`, `class="goto"`} {
		if strings.Contains(html, bad) {
			t.Errorf("%s's report page has %q, which a batch document cannot do", item.Name, bad)
		}
	}
	if r := do(srv, "GET", "/batches/"+id+"/items/nope", nil, auth...); r.Status != 404 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Errorf("unknown document of a batch: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	if r := do(srv, "POST", "/api/v1/batches", strings.NewReader(`{"folder": "/etc"}`), append([]string{"Content-Type", "application/json"}, auth...)...); r.Status != 403 {
		t.Errorf("folder without --batch-root: %d %s, want 403", r.Status, r.Body)
	}
	doc := string(do(srv, "GET", "/api/v1/openapi.json", nil).Body)
	for _, op := range []string{"createBatch", "getBatch", "listBatches", "getBatchReport", "deleteBatch"} {
		if !strings.Contains(doc, `"`+op+`"`) {
			t.Errorf("OpenAPI document lacks %s", op)
		}
	}
}
