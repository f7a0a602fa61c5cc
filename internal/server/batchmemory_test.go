package server

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/store"
)

// TestBatchWorkersShareUploadMemory: the server's batch workers take each
// document's scan from the upload memory, as an upload does. With all
// but a megabyte of it held, the documents of a batch are claimed and
// wait (a scan costs at least 16 MB), neither scanned nor failed; given
// the memory back, they are scanned and give it all back in turn. A
// memory smaller than one document's scan still scans every document,
// one at a time. On SQLite (the in-process pool), and on PostgreSQL
// (River workers in the server) when TERMSCORE_TEST_PG is set.
func TestBatchWorkersShareUploadMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("scans four documents in batches")
	}
	for name, url := range testDBs() {
		t.Run(name+"/held", func(t *testing.T) {
			srv := batchServer(t, url, 64<<20)
			held, err := srv.uploads.take(t.Context(), srv.uploads.size-1<<20)
			if err != nil {
				t.Fatal(err)
			}
			id := postBatch(t, srv)
			// Claimed by the two workers, then waiting for memory.
			waitClaimed(t, srv, id)
			time.Sleep(2 * time.Second)
			b := getBatch(t, srv, id)
			if b.Done+b.Failed != 0 {
				t.Fatalf("with no memory free, %d of the batch's documents were scanned and %d failed; want both to wait", b.Done, b.Failed)
			}
			// Each says it waits for memory, not that it is being scanned.
			for _, it := range b.Items {
				if it.Status != queue.Running || it.ErrorCode != queue.WaitingForMemory || !strings.HasPrefix(it.Error, "waiting for memory") {
					t.Errorf("%s, waiting for memory, is %s (%q: %q)", it.Name, it.Status, it.ErrorCode, it.Error)
				}
			}
			page := string(do(srv, "GET", "/batches/"+id, nil).Body)
			if n := strings.Count(page, "Waiting for memory"); n != len(b.Items) || strings.Contains(page, "Being scanned") {
				t.Errorf("the batch's page shows %d documents waiting for memory of %d:\n%s", n, len(b.Items), page)
			}
			srv.uploads.give(held)
			done := waitBatch(t, srv.cfg.Batches, id)
			if done.Done != done.Total {
				t.Fatalf("%d of %d documents scanned once memory was free: %+v", done.Done, done.Total, done.Items)
			}
			for _, it := range done.Items {
				if it.ErrorCode != "" || it.Error != "" {
					t.Errorf("%s, scanned, still says %q: %q", it.Name, it.ErrorCode, it.Error)
				}
			}
			waitFree(t, srv, "the workers did not give back what they took", func(free int64) bool { return free == srv.uploads.size })
		})
		t.Run(name+"/smaller-than-one-scan", func(t *testing.T) {
			srv := batchServer(t, url, 1<<20)
			id := postBatch(t, srv)
			b := waitBatch(t, srv.cfg.Batches, id)
			if b.Done != b.Total {
				t.Fatalf("%d of %d documents scanned with a memory smaller than one scan: %+v", b.Done, b.Total, b.Items)
			}
			waitFree(t, srv, "the workers did not give back what they took", func(free int64) bool { return free == srv.uploads.size })
		})
	}
}

// batchServer is a server with batches on dbURL (empty: SQLite; else a
// fresh schema of that PostgreSQL), scanned by two workers that share its
// upload memory of size bytes, as `termscore serve` sets it up.
func batchServer(t *testing.T, dbURL string, size int64) *Server {
	t.Helper()
	if dbURL != "" {
		dbURL = pgSchemaURL(t, dbURL)
	}
	st, rs := openStore(t, dbURL)
	mem := NewMemory(size, extract.DefaultLimits())
	svc, err := queue.Open(t.Context(), st, queue.Config{URL: dbURL, Jobs: 2,
		Scanner: &queue.Scanner{Extractor: extract.New(extract.Options{}), Analyzer: analyze.New(rs), Memory: mem},
		Worker:  queue.WorkerConfig{PollInterval: 50 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(context.Background()) })
	srv, err := New(st, rs, Config{Memory: mem, Batches: svc, UploadsPerMinute: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if srv.uploads != mem.b || srv.cfg.UploadMemory != size {
		t.Fatalf("the server's upload memory is not the one given (%d bytes)", size)
	}
	return srv
}

// pgSchemaURL is url with a fresh schema of its own as the search path
// (River's tables included), dropped after the test.
func pgSchemaURL(t *testing.T, url string) string {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatalf("connecting to TERMSCORE_TEST_PG: %v", err)
	}
	defer conn.Close(context.Background())
	schema := "bm_" + store.NewID()[:16]
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			return
		}
		defer conn.Close(context.Background())
		conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
}

// postBatch uploads a Markdown contract and a DOCX as a batch and
// returns its id.
func postBatch(t *testing.T, srv *Server) string {
	t.Helper()
	files := []string{"freelance.md", "ica.docx"}
	ct, body := multipartBody(t, []part{{"file", files[0]}, {"file", files[1]}},
		[][]byte{testFile(t, files[0]), testFile(t, files[1])})
	r := do(srv, "POST", "/api/v1/batches", strings.NewReader(string(body)), "Content-Type", ct)
	if r.Status != 201 {
		t.Fatalf("POST /api/v1/batches: %d %s", r.Status, r.Body)
	}
	return r.json(t)["id"].(string)
}

func getBatch(t *testing.T, srv *Server, id string) queue.Batch {
	t.Helper()
	r := do(srv, "GET", "/api/v1/batches/"+id, nil)
	if r.Status != 200 {
		t.Fatalf("GET batch: %d %s", r.Status, r.Body)
	}
	var b queue.Batch
	if err := json.Unmarshal(r.Body, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// waitClaimed waits until no document of batch id is queued: the
// workers have claimed them all.
func waitClaimed(t *testing.T, srv *Server, id string) {
	t.Helper()
	for end := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		b := getBatch(t, srv, id)
		if b.Queued == 0 {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("batch not claimed after a minute: %+v", b)
		}
	}
}

// TestBatchDocumentsLetUploadsGoFirst: while an upload waits for memory,
// a batch document waits too, even when it would fit, so that a batch's
// queue of large documents cannot keep an upload waiting until it is
// refused; once the upload has its memory, or gives up, the document
// goes.
func TestBatchDocumentsLetUploadsGoFirst(t *testing.T) {
	for _, uploadGivesUp := range []bool{false, true} {
		b := newBudget(100)
		first, err := b.take(t.Context(), 60)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		upload := make(chan error, 1)
		go func() {
			_, err := b.take(ctx, 50)
			upload <- err
		}()
		for waiting := 0; waiting == 0; time.Sleep(time.Millisecond) {
			b.mu.Lock()
			waiting = b.uploads
			b.mu.Unlock()
		}
		doc := make(chan error, 1)
		go func() {
			_, err := b.takeBatch(t.Context(), 10, nil)
			doc <- err
		}()
		select {
		case <-doc:
			t.Fatal("a batch document took memory while an upload waited for it")
		case <-time.After(100 * time.Millisecond):
		}
		if uploadGivesUp {
			cancel()
		} else {
			b.give(first)
		}
		for _, c := range []struct {
			what string
			ch   chan error
		}{{"upload", upload}, {"batch document", doc}} {
			select {
			case err := <-c.ch:
				if c.what == "batch document" && err != nil {
					t.Fatalf("the batch document after the upload: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("the %s still waits (upload gives up: %v)", c.what, uploadGivesUp)
			}
		}
		cancel()
	}
}
