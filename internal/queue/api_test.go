package queue

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/store"
)

func TestAPI(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			ctx := context.Background()
			svc, st := openService(t, db, 2, 100*time.Millisecond)
			root, err := filepath.Abs("testdata")
			if err != nil {
				t.Fatal(err)
			}
			api := &API{Service: svc, FolderRoot: root, Owner: func(*http.Request) (string, error) { return store.LocalOwner, nil }}
			srv := httptest.NewServer(api.Handler())
			defer srv.Close()

			// Uploads.
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			mw.WriteField("name", "three uploads")
			for _, f := range []string{"testdata/other/Mutual-NDA.md", "testdata/other/common-paper-ai-addendum.docx", "testdata/other/encrypted-aes256.pdf"} {
				w, _ := mw.CreateFormFile("file", filepath.Base(f))
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				w.Write(data)
			}
			mw.Close()
			b := post(t, srv.URL, mw.FormDataContentType(), &body, http.StatusCreated)
			b = poll(t, srv.URL, b.ID)
			if b.Name != "three uploads" || b.Total != 3 || b.Done != 2 || b.Failed != 1 {
				t.Errorf("uploads: %+v; want 3 = 2 done + 1 failed", b)
			}
			for _, it := range b.Items {
				if it.Name == "encrypted-aes256.pdf" && (it.ErrorCode != "encrypted" || !strings.Contains(it.Error, "password")) {
					t.Errorf("encrypted PDF: %s %q", it.ErrorCode, it.Error)
				}
			}
			resp, err := http.Get(srv.URL + "/api/v1/batches/" + b.ID + "/items/" + b.Items[0].ID + "/report.json")
			if err != nil {
				t.Fatal(err)
			}
			rep, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Contains(rep, []byte(`"termscore/report/v1"`)) {
				t.Errorf("report: %d %.200s", resp.StatusCode, rep)
			}
			page := get(t, srv.URL+"/batches/"+b.ID)
			if !strings.Contains(page, "Finished.") || !strings.Contains(page, "Mutual-NDA.md") || strings.Contains(page, `http-equiv="refresh"`) {
				t.Errorf("progress page of a finished batch:\n%s", page)
			}

			// A folder under the root; the batch's own name is the folder.
			b = post(t, srv.URL, "application/json", strings.NewReader(`{"folder": "other"}`), http.StatusCreated)
			b = poll(t, srv.URL, b.ID)
			// scan.jpg is not picked up from a folder (batch.Extensions).
			if b.Total != 4 || b.Done != 2 || b.Failed != 2 {
				t.Errorf("folder: total %d done %d failed %d; want 4 = 2 done + 2 failed (empty, encrypted)", b.Total, b.Done, b.Failed)
			}

			// Folders outside the root are refused.
			for _, f := range []string{"..", "/etc", "other/../../..", "no-such"} {
				body := `{"folder": "` + f + `"}`
				resp, err := http.Post(srv.URL+"/api/v1/batches", "application/json", strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
					t.Errorf("folder %q: status %d, want 403 or 404", f, resp.StatusCode)
				}
			}
			// Someone else's batch does not exist for them.
			other := &API{Service: svc, Owner: func(*http.Request) (string, error) { return "mallory", nil }}
			rec := httptest.NewRecorder()
			other.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/batches/"+b.ID, nil))
			if rec.Code != http.StatusNotFound {
				t.Errorf("another owner's GET: %d, want 404", rec.Code)
			}
			rec = httptest.NewRecorder()
			other.Handler().ServeHTTP(rec, httptest.NewRequest("DELETE", "/api/v1/batches/"+b.ID, nil))
			if rec.Code != http.StatusNotFound {
				t.Errorf("another owner's DELETE: %d, want 404", rec.Code)
			}

			// Deleting a batch takes its items, reports and files.
			for _, want := range []int{http.StatusNoContent, http.StatusNotFound} {
				req, _ := http.NewRequest("DELETE", srv.URL+"/api/v1/batches/"+b.ID, nil)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != want {
					t.Errorf("DELETE: %d, want %d", resp.StatusCode, want)
				}
			}
			resp, err = http.Get(srv.URL + "/api/v1/batches/" + b.ID)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET after DELETE: %d, want 404", resp.StatusCode)
			}
			var items int
			if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM batch_items WHERE batch_id = $1`, b.ID).Scan(&items); err != nil || items != 0 {
				t.Errorf("after DELETE: %d items left (%v)", items, err)
			}
		})
	}
}

func post(t *testing.T, base, ctype string, body io.Reader, want int) *Batch {
	t.Helper()
	resp, err := http.Post(base+"/api/v1/batches", ctype, body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("POST: %d %s", resp.StatusCode, data)
	}
	var b Batch
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	return &b
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, data)
	}
	return string(data)
}

// poll GETs the batch until it is finished.
func poll(t *testing.T, base, id string) *Batch {
	t.Helper()
	for end := time.Now().Add(time.Minute); ; {
		var b Batch
		if err := json.Unmarshal([]byte(get(t, base+"/api/v1/batches/"+id)), &b); err != nil {
			t.Fatal(err)
		}
		if b.Finished {
			return &b
		}
		if time.Now().After(end) {
			t.Fatalf("batch %s not finished: %+v", id, b)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestFolderEscapes: a folder reached through a symbolic link that leads
// outside the root is refused; a link loop inside it does not trap the
// walk.
func TestFolderEscapes(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("not yours"), 0o644)
	os.Mkdir(filepath.Join(root, "in"), 0o755)
	os.WriteFile(filepath.Join(root, "in", "a.txt"), []byte("This Agreement is made between A and B."), 0o644)
	if err := os.Symlink(outside, filepath.Join(root, "out")); err != nil {
		t.Skip("no symbolic links here")
	}
	os.Symlink(filepath.Join(root, "in"), filepath.Join(root, "in", "loop"))
	a := &API{FolderRoot: root}
	for _, dir := range []string{"out", filepath.Join(root, "out"), "in/../out", outside} {
		if _, err := a.folder(dir); err == nil {
			t.Errorf("folder %q outside the root was accepted", dir)
		}
	}
	srcs, err := a.folder("in")
	if err != nil || len(srcs) != 1 || srcs[0].Name != "a.txt" {
		t.Errorf("folder in: %v sources, %v; want a.txt only", len(srcs), err)
	}
	if _, err := (&API{}).folder("in"); err == nil {
		t.Error("a folder was accepted by a server without a batch root")
	}
}
