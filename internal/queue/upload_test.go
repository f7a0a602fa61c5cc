package queue

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/store"
)

// TestUploadNamesAndSizes posts a batch over real HTTP into a real SQLite
// store: file names are cleaned as the scan API cleans them (a Windows
// path keeps its base name, a right-to-left override goes, a browser's
// "%22" is a quote again), and a file over the per-file limit is read no
// further than the limit and fails alone with the scan API's reason, while
// the files after it are read and scanned.
func TestUploadNamesAndSizes(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc, err := Open(ctx, st, Config{Scanner: testScanner(t, extract.DefaultLimits()), Jobs: 1, MaxBytes: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(ctx) })
	api := &API{Service: svc, Owner: func(*http.Request) (string, error) { return store.LocalOwner, nil }}
	srv := httptest.NewServer(api.Handler())
	defer srv.Close()

	nda, err := os.ReadFile("testdata/other/Mutual-NDA.md")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range []struct {
		name string
		data []byte
	}{
		{`C:\Users\jo\Mutual-NDA.md`, nda},
		{"big.txt", bytes.Repeat([]byte("The Supplier shall deliver the goods.\n"), 2000)}, // 76 KB
		{"a\u202eslash\\back.md", nda},
		{"q%22uo'te.md", nda},
	} {
		w, err := mw.CreateFormFile("file", f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	b := poll(t, srv.URL, post(t, srv.URL, mw.FormDataContentType(), &body, http.StatusCreated).ID)

	want := []struct{ name, status, code, error string }{
		{"Mutual-NDA.md", Done, "", ""},
		{"big.txt", Failed, "too_large", "big.txt: the file is larger than this server accepts (64 KB); upload a smaller file"},
		{"back.md", Done, "", ""},
		{`q"uo'te.md`, Done, "", ""},
	}
	if len(b.Items) != len(want) {
		t.Fatalf("%d items, want %d: %+v", len(b.Items), len(want), b.Items)
	}
	for i, w := range want {
		it := b.Items[i]
		if it.Name != w.name || it.Status != w.status || it.ErrorCode != w.code || it.Error != w.error {
			t.Errorf("item %d: %q %s %s %q; want %q %s %s %q", i, it.Name, it.Status, it.ErrorCode, it.Error, w.name, w.status, w.code, w.error)
		}
	}
	if b.Name != "Mutual-NDA.md and 3 more" {
		t.Errorf("batch name %q", b.Name)
	}
	page := get(t, srv.URL+"/batches/"+b.ID)
	if strings.Contains(page, "\u202e") || strings.Contains(page, `C:\`) {
		t.Errorf("progress page shows a name as sent:\n%s", page)
	}
}
