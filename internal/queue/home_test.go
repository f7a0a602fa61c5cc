package queue

import (
	"bytes"
	"context"
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
	"github.com/termscore/termscore/internal/store"
)

// TestBatchHome: a batch made with a home jurisdiction reads every
// document with it, sent as uploads or a folder, worked by the in-process
// pool (SQLite) or River workers (PostgreSQL): each report is the one a
// single scan with that home makes, byte for byte, and fills "[your
// jurisdiction]" with it. A batch without one leaves the blank.
func TestBatchHome(t *testing.T) {
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

			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			mw.WriteField("home", "us-ca")
			for _, f := range files {
				w, _ := mw.CreateFormFile("file", filepath.Base(f))
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				w.Write(data)
			}
			mw.Close()
			uploaded := post(t, srv.URL, mw.FormDataContentType(), &body, http.StatusCreated)
			if uploaded.Home != "US-CA" {
				t.Errorf("POST answered home %q, want US-CA", uploaded.Home)
			}
			folder := post(t, srv.URL, "application/json", strings.NewReader(`{"folder": "other", "role": "discloser", "home": "GB"}`), http.StatusCreated)
			none := post(t, srv.URL, "application/json", strings.NewReader(`{"folder": "other"}`), http.StatusCreated)

			for _, c := range []struct {
				b          *Batch
				opt        analyze.Options
				nda        string // in the NDA's report
				page       string // on the progress page
				wantOnPage bool
			}{
				{uploaded, analyze.Options{Home: "US-CA"}, "The courts of the State of California have jurisdiction", "Home jurisdiction: US-CA.", true},
				{folder, analyze.Options{Role: "discloser", Home: "GB"}, "governed by the laws of England and Wales", "Home jurisdiction: GB.", true},
				{none, analyze.Options{}, "[your jurisdiction]", "Home jurisdiction", false},
			} {
				b := poll(t, srv.URL, c.b.ID)
				if b.Home != c.opt.Home || b.Role != c.opt.Role {
					t.Errorf("%s: GET says role %q home %q, want %q and %q", b.Name, b.Role, b.Home, c.opt.Role, c.opt.Home)
				}
				if page := get(t, srv.URL+"/batches/"+b.ID); strings.Contains(page, c.page) != c.wantOnPage {
					t.Errorf("%s: the progress page says %q: %v, want %v", b.Name, c.page, !c.wantOnPage, c.wantOnPage)
				}
				done := 0
				for _, it := range b.Items {
					if it.Status != Done {
						continue
					}
					done++
					got, err := svc.Report(ctx, store.LocalOwner, b.ID, it.ID)
					if err != nil {
						t.Fatal(err)
					}
					data, err := os.ReadFile(filepath.Join("testdata/other", it.Name))
					if err != nil {
						t.Fatal(err)
					}
					want, err := svc.cfg.Scanner.scan(ctx, it.Name, c.opt, data, nil)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got, want.report) {
						t.Errorf("%s / %s: the report differs from a single scan with %+v", b.Name, it.Name, c.opt)
					}
					if it.Name == "Mutual-NDA.md" && !bytes.Contains(got, []byte(c.nda)) {
						t.Errorf("%s / %s: the report does not say %q", b.Name, it.Name, c.nda)
					}
				}
				if done != 2 {
					t.Errorf("%s: %d documents done, want 2", b.Name, done)
				}
			}

			// An unknown home is refused before anything is stored.
			assertRefused(t, svc, st, srv.URL, Spec{Name: "bad", Home: "US-ZZ"}, fileSource(files[0]), `{"folder": "other", "home": "Atlantis"}`,
				func(err error) bool {
					var he *HomeError
					return errors.As(err, &he) && strings.Contains(err.Error(), "US-CA")
				})
		})
	}
}
