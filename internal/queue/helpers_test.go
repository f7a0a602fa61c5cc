package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/store"
)

// pgAdmin is the URL of the test PostgreSQL (scripts/pg). In CI the
// PostgreSQL tests must run, so a missing URL fails there.
func pgAdmin(t testing.TB) string {
	u := os.Getenv("TERMSCORE_TEST_PG")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TERMSCORE_TEST_PG is not set: CI runs scripts/pg before the tests")
		}
		t.Skip("TERMSCORE_TEST_PG is not set; run: export TERMSCORE_TEST_PG=$(scripts/pg)")
	}
	return u
}

// freshDB creates a database of its own for one test, so that tests (and
// engineers) sharing the cluster never see each other's jobs, and drops
// it afterwards.
func freshDB(t testing.TB) string {
	admin := pgAdmin(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connecting to the test PostgreSQL: %v", err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	name := "tsq_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating a test database: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

var (
	scannerOnce sync.Once
	scannerVal  *Scanner
	scannerErr  error
)

func testScanner(t testing.TB, limits extract.Limits) *Scanner {
	scannerOnce.Do(func() {
		rs, err := rules.Embedded()
		if err != nil {
			scannerErr = err
			return
		}
		scannerVal = &Scanner{Analyzer: analyze.New(rs)}
	})
	if scannerErr != nil {
		t.Fatal(scannerErr)
	}
	return &Scanner{Extractor: extract.New(extract.Options{Limits: limits}), Analyzer: scannerVal.Analyzer}
}

// testSources is the batch the tests run: 36 CUAD contracts (plain text),
// a DOCX and a Markdown agreement, an empty file and an encrypted PDF.
func testSources(t testing.TB) []Source {
	var srcs []Source
	for _, dir := range []string{"testdata/cuad", "testdata/other"} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if e.Name() == "scan.jpg" {
				continue // the dead-letter test's document
			}
			srcs = append(srcs, fileSource(filepath.Join(dir, e.Name())))
		}
	}
	if len(srcs) != 40 {
		t.Fatalf("testdata holds %d documents, want 40", len(srcs))
	}
	return srcs
}

func fileSource(path string) Source {
	return Source{Name: filepath.Base(path), Read: func() ([]byte, error) { return os.ReadFile(path) }}
}

// wantFailed are the documents of testSources that cannot be scanned,
// with the fault kind they must fail with.
var wantFailed = map[string]string{"empty.txt": "empty", "encrypted-aes256.pdf": "encrypted"}

// checkBatch asserts that every item of a finished batch is reported or
// failed with its reason, exactly once.
func checkBatch(t *testing.T, b *Batch) {
	t.Helper()
	if !b.Finished || b.Total != 40 || b.Done != 38 || b.Failed != 2 || b.Queued != 0 || b.Running != 0 {
		t.Fatalf("batch: total %d done %d failed %d queued %d running %d finished %v; want 40 = 38 done + 2 failed",
			b.Total, b.Done, b.Failed, b.Queued, b.Running, b.Finished)
	}
	for _, it := range b.Items {
		if it.Completions != 1 {
			t.Errorf("%s: result recorded %d times, want exactly once", it.Name, it.Completions)
		}
		if code, bad := wantFailed[it.Name]; bad {
			if it.Status != Failed || it.ErrorCode != code || !strings.Contains(it.Error, it.Name) {
				t.Errorf("%s: status %s, error %s %q; want failed, %s, naming the file", it.Name, it.Status, it.ErrorCode, it.Error, code)
			}
			if it.Attempts > 1 {
				t.Errorf("%s: unreadable document tried %d times, want once", it.Name, it.Attempts)
			}
			continue
		}
		if it.Status != Done || it.DocType == "" || it.Error != "" {
			t.Errorf("%s: status %s, type %q, error %q; want done", it.Name, it.Status, it.DocType, it.Error)
		}
	}
}

// waitFinished polls the batch until it is finished.
func waitFinished(t *testing.T, svc *Service, id string, limit time.Duration) *Batch {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		b, err := svc.Batch(context.Background(), store.LocalOwner, id)
		if err != nil {
			t.Fatal(err)
		}
		if b.Finished {
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch not finished after %s: %d done, %d failed, %d queued, %d running", limit, b.Done, b.Failed, b.Queued, b.Running)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// termscoreBinary builds cmd/termscore once per test run.
func termscoreBinary(t testing.TB) string {
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "termscore-queue-test")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "termscore")
		out, err := exec.Command("go", "build", "-o", binPath, "github.com/termscore/termscore/cmd/termscore").CombinedOutput()
		if err != nil {
			binErr = &buildError{out: string(out), err: err}
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return "building termscore: " + e.err.Error() + "\n" + e.out }

// openService opens a queue on a fresh store of db ("sqlite", or
// "postgres" on a fresh database of TERMSCORE_TEST_PG), closed when the
// test ends.
func openService(t *testing.T, db string, jobs int, poll time.Duration) (*Service, *store.Store) {
	t.Helper()
	ctx := context.Background()
	url := ""
	if db == "postgres" {
		url = freshDB(t)
	}
	st, err := store.Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc, err := Open(ctx, st, Config{URL: url, Scanner: testScanner(t, extract.DefaultLimits()), Jobs: jobs,
		Worker: WorkerConfig{PollInterval: poll}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(ctx) })
	return svc, st
}
