package queue

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/store"
)

// TestBatchRole: a batch made with a role reads every document as that
// role, whether sent as uploads or a folder, and worked by the in-process
// pool (SQLite) or River workers (PostgreSQL); a batch without one infers
// each document's role, as before. Each report is the one `termscore
// scan --role` makes of the same file.
func TestBatchRole(t *testing.T) {
	files := []string{"testdata/other/Mutual-NDA.md", "testdata/other/common-paper-ai-addendum.docx"}
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

			upload := func(role string) *Batch {
				var body bytes.Buffer
				mw := multipart.NewWriter(&body)
				if role != "" {
					mw.WriteField("role", role)
				}
				for _, f := range files {
					w, _ := mw.CreateFormFile("file", filepath.Base(f))
					data, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					w.Write(data)
				}
				mw.Close()
				return post(t, srv.URL, mw.FormDataContentType(), &body, http.StatusCreated)
			}
			given := upload("discloser")
			if given.Role != "discloser" {
				t.Errorf("POST answered role %q, want discloser", given.Role)
			}
			auto := upload("")
			folder := post(t, srv.URL, "application/json", strings.NewReader(`{"folder": "other", "role": "discloser"}`), http.StatusCreated)

			for _, c := range []struct {
				b    *Batch
				role string
			}{{given, "discloser"}, {auto, ""}, {folder, "discloser"}} {
				b := poll(t, srv.URL, c.b.ID)
				if b.Role != c.role {
					t.Errorf("%s: GET says role %q, want %q", b.Name, b.Role, c.role)
				}
				if page := get(t, srv.URL+"/batches/"+b.ID); c.role != "" && !strings.Contains(page, "read as the "+c.role) {
					t.Errorf("%s: the progress page does not name the role", b.Name)
				}
				done := 0
				for _, it := range b.Items {
					if it.Status != Done {
						continue
					}
					done++
					var rep struct {
						Role     string            `json:"role"`
						RoleFrom string            `json:"role_source"`
						Findings []json.RawMessage `json:"findings"`
					}
					raw, err := svc.Report(ctx, store.LocalOwner, b.ID, it.ID)
					if err != nil {
						t.Fatal(err)
					}
					if err := json.Unmarshal(raw, &rep); err != nil {
						t.Fatal(err)
					}
					data, err := os.ReadFile(filepath.Join("testdata/other", it.Name))
					if err != nil {
						t.Fatal(err)
					}
					want, err := svc.cfg.Scanner.scan(ctx, it.Name, analyze.Options{Role: c.role}, data, nil)
					if err != nil {
						t.Fatal(err)
					}
					wantFrom := "given"
					if c.role == "" {
						wantFrom = "inferred"
					}
					if (c.role != "" && rep.Role != c.role) || rep.RoleFrom != wantFrom || len(rep.Findings) != want.findings {
						t.Errorf("%s / %s: read as %s (%s) with %d findings; want %q (%s) with %d, as a single scan",
							b.Name, it.Name, rep.Role, rep.RoleFrom, len(rep.Findings), c.role, wantFrom, want.findings)
					}
				}
				if done != 2 {
					t.Errorf("%s: %d documents done, want 2", b.Name, done)
				}
			}

			// An unknown role is refused before anything is stored.
			assertRefused(t, svc, st, srv.URL, Spec{Name: "bad", Role: "pirate"}, fileSource(files[0]), `{"folder": "other", "role": "pirate"}`,
				func(err error) bool {
					var re *RoleError
					return errors.As(err, &re) && strings.Contains(err.Error(), "contractor")
				})
		})
	}
}

// assertRefused checks that Create refuses spec with an invalid-input
// error that is, and that the API refuses body with 422, neither storing
// a batch.
func assertRefused(t *testing.T, svc *Service, st *store.Store, apiURL string, spec Spec, src Source, body string, is func(error) bool) {
	t.Helper()
	ctx := context.Background()
	var before int
	st.DB().QueryRowContext(ctx, `SELECT count(*) FROM batches`).Scan(&before)
	_, err := svc.Create(ctx, store.LocalOwner, spec, []Source{src})
	if fault.KindOf(err) != fault.Invalid || !is(err) {
		t.Errorf("Create(%+v): %v; want an invalid-input error saying what to give", spec, err)
	}
	resp, err := http.Post(apiURL+"/api/v1/batches", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("POST %s: %d, want 422", body, resp.StatusCode)
	}
	var after int
	st.DB().QueryRowContext(ctx, `SELECT count(*) FROM batches`).Scan(&after)
	if after != before {
		t.Errorf("a refused batch (%+v, %s) stored %d batches", spec, body, after-before)
	}
}
