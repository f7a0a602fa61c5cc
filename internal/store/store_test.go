package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/fault"
)

// backends opens a fresh store on each database the conformance suite
// runs against: SQLite always, PostgreSQL when TERMSCORE_TEST_PG names a
// server (scripts/pg starts one; in CI it must be set).
func backends(t *testing.T) map[string]func(t *testing.T) *Store {
	return map[string]func(t *testing.T) *Store{
		"sqlite": func(t *testing.T) *Store {
			s, err := Open(t.Context(), "", t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		},
		"postgres": func(t *testing.T) *Store {
			return openPG(t)
		},
	}
}

// openPG opens a store in a schema of its own, dropped after the test.
func openPG(t *testing.T) *Store {
	url := os.Getenv("TERMSCORE_TEST_PG")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TERMSCORE_TEST_PG is not set: CI must run the PostgreSQL half (scripts/test starts it with scripts/pg)")
		}
		t.Skip("TERMSCORE_TEST_PG is not set; run scripts/pg and export its URL to test PostgreSQL")
	}
	admin, err := Open(t.Context(), url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	schema := "t_" + NewID()[:16]
	if _, err := admin.db.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	s, err := Open(t.Context(), url+sep+"search_path="+schema, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		admin.db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	return s
}

func forEach(t *testing.T, test func(t *testing.T, s *Store)) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) { test(t, open(t)) })
	}
}

func sample(owner, name string, created time.Time) *Scan {
	score := 63.5
	return &Scan{
		Owner: owner, Name: name, SHA256: strings.Repeat("ab", 32), Format: "pdf", Size: 7,
		Role: "contractor", Home: "US-CA", DocType: "freelance", Score: &score, Grade: "C", Findings: 4, Created: created,
		Report:   json.RawMessage(`{"schema":"termscore/report/v1","findings":[]}`),
		Document: json.RawMessage(`{"text":"Héllo — world"}`),
	}
}

func TestScanLifecycle(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		sc := sample("alice", "lease.pdf", time.Time{})
		if err := s.CreateScan(ctx, sc, []byte("%PDF-1.7")); err != nil {
			t.Fatal(err)
		}
		if len(sc.ID) != 32 || sc.Created.IsZero() {
			t.Fatalf("id %q created %v not set", sc.ID, sc.Created)
		}
		got, err := s.Scan(ctx, "alice", sc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "lease.pdf" || got.Home != "US-CA" || *got.Score != 63.5 || got.Grade != "C" || got.Findings != 4 ||
			got.Created.UnixMilli() != sc.Created.UnixMilli() || string(got.Document) != `{"text":"Héllo — world"}` {
			t.Errorf("read back %+v", got)
		}
		var rep map[string]any
		if err := json.Unmarshal(got.Report, &rep); err != nil || rep["schema"] != "termscore/report/v1" {
			t.Errorf("report %s: %v", got.Report, err)
		}
		data, err := s.Upload(ctx, "alice", sc.ID)
		if err != nil || string(data) != "%PDF-1.7" {
			t.Errorf("upload = %q, %v", data, err)
		}
		list, err := s.Scans(ctx, "alice", 0, time.Time{})
		if err != nil || len(list) != 1 || list[0].ID != sc.ID || list[0].Home != "US-CA" || list[0].Report != nil {
			t.Errorf("list = %+v, %v", list, err)
		}
		if err := s.DeleteScan(ctx, "alice", sc.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Scan(ctx, "alice", sc.ID); fault.KindOf(err) != fault.NotFound {
			t.Errorf("after delete: %v", err)
		}
		if err := s.DeleteScan(ctx, "alice", sc.ID); fault.KindOf(err) != fault.NotFound {
			t.Errorf("second delete: %v", err)
		}
		if keys, _ := s.blobs.Keys(); len(keys) != 0 {
			t.Errorf("files left after delete: %v", keys)
		}
	})
}

func TestNotAScore(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		sc := sample("alice", "notes.txt", time.Time{})
		sc.Score, sc.Grade = nil, ""
		if err := s.CreateScan(t.Context(), sc, []byte("x")); err != nil {
			t.Fatal(err)
		}
		got, err := s.Scan(t.Context(), "alice", sc.ID)
		if err != nil || got.Score != nil {
			t.Errorf("score = %v, %v; want nil", got.Score, err)
		}
	})
}

// Another user's scan is as absent as a scan that never existed.
func TestOwnersAreIsolated(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		sc := sample("alice", "a.pdf", time.Time{})
		if err := s.CreateScan(ctx, sc, []byte("a")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Scan(ctx, "bob", sc.ID); fault.KindOf(err) != fault.NotFound {
			t.Errorf("bob reads alice's scan: %v", err)
		}
		if _, err := s.Upload(ctx, "bob", sc.ID); fault.KindOf(err) != fault.NotFound {
			t.Errorf("bob reads alice's file: %v", err)
		}
		if err := s.DeleteScan(ctx, "bob", sc.ID); fault.KindOf(err) != fault.NotFound {
			t.Errorf("bob deletes alice's scan: %v", err)
		}
		if n, err := s.DeleteAll(ctx, "bob"); n != 0 || err != nil {
			t.Errorf("bob's delete-all = %d, %v", n, err)
		}
		if list, _ := s.Scans(ctx, "bob", 0, time.Time{}); len(list) != 0 {
			t.Errorf("bob lists %d scans", len(list))
		}
		if _, err := s.Scan(ctx, "alice", sc.ID); err != nil {
			t.Errorf("alice's scan gone: %v", err)
		}
	})
}

func TestListOrderAndPaging(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		base := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
		for i := range 5 {
			if err := s.CreateScan(ctx, sample("alice", fmt.Sprintf("%d.pdf", i), base.Add(time.Duration(i)*time.Minute)), []byte{'x'}); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.Scans(ctx, "alice", 3, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, sc := range list {
			names = append(names, sc.Name)
		}
		if strings.Join(names, " ") != "4.pdf 3.pdf 2.pdf" {
			t.Errorf("first page = %v", names)
		}
		next, err := s.Scans(ctx, "alice", 3, list[2].Created)
		if err != nil || len(next) != 2 || next[0].Name != "1.pdf" {
			t.Errorf("second page = %+v, %v", next, err)
		}
	})
}

func TestDeleteAllAndRetention(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		old := sample("alice", "old.pdf", time.Now().Add(-48*time.Hour))
		recent := sample("alice", "new.pdf", time.Time{})
		bobs := sample("bob", "b.pdf", time.Time{})
		for _, sc := range []*Scan{old, recent, bobs} {
			if err := s.CreateScan(ctx, sc, []byte("x")); err != nil {
				t.Fatal(err)
			}
		}
		n, err := s.DeleteBefore(ctx, time.Now().Add(-24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("retention deleted %d, %v; want 1", n, err)
		}
		if _, err := s.Scan(ctx, "alice", old.ID); fault.KindOf(err) != fault.NotFound {
			t.Errorf("old scan kept: %v", err)
		}
		n, err = s.DeleteAll(ctx, "alice")
		if err != nil || n != 1 {
			t.Fatalf("delete all = %d, %v; want 1", n, err)
		}
		if _, err := s.Scan(ctx, "bob", bobs.ID); err != nil {
			t.Errorf("bob's scan deleted with alice's: %v", err)
		}
		if keys, _ := s.blobs.Keys(); len(keys) != 1 {
			t.Errorf("files = %v, want only bob's", keys)
		}
	})
}

// A row that cannot be stored leaves no file behind.
func TestFailedInsertLeavesNothing(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		a := sample("alice", "a.pdf", time.Time{})
		if err := s.CreateScan(ctx, a, []byte("first")); err != nil {
			t.Fatal(err)
		}
		// A duplicate primary key fails on both databases.
		dup := sample("alice", "b.pdf", time.Time{})
		dup.ID = a.ID
		if err := s.CreateScan(ctx, dup, []byte("second")); err == nil {
			t.Fatal("duplicate id stored")
		}
		data, err := s.Upload(ctx, "alice", a.ID)
		if err != nil || string(data) != "first" {
			t.Errorf("first scan's file = %q, %v", data, err)
		}
		if keys, _ := s.blobs.Keys(); len(keys) != 1 {
			t.Errorf("files after a failed insert: %v, want 1", keys)
		}
	})
}

func TestConcurrentWrites(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- s.CreateScan(ctx, sample("alice", fmt.Sprintf("%d.pdf", i), time.Time{}), []byte{byte(i)})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		list, err := s.Scans(ctx, "alice", 100, time.Time{})
		if err != nil || len(list) != 40 {
			t.Errorf("stored %d of 40, %v", len(list), err)
		}
	})
}

func TestMigrationsAreIdempotent(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		if err := s.migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		ms, _ := loadMigrations()
		if n != len(ms) {
			t.Errorf("%d migrations recorded, %d exist", n, len(ms))
		}
	})
}

func TestTokens(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		tok, u, err := s.NewToken(ctx, "alice", APIToken, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(tok, "ts_") || len(tok) < 40 {
			t.Errorf("token %q", tok)
		}
		got, err := s.UserByToken(ctx, tok, APIToken)
		if err != nil || got != u {
			t.Errorf("token user = %+v, %v; want %+v", got, err, u)
		}
		// A second token for the same name is the same user.
		_, u2, err := s.NewToken(ctx, "alice", APIToken, 0)
		if err != nil || u2.ID != u.ID {
			t.Errorf("second token user %+v, %v", u2, err)
		}
		if _, err := s.UserByToken(ctx, tok, SessionToken); fault.KindOf(err) != fault.Unauthorized {
			t.Errorf("an API token works as a session: %v", err)
		}
		if _, err := s.UserByToken(ctx, tok+"x", APIToken); fault.KindOf(err) != fault.Unauthorized {
			t.Errorf("altered token: %v", err)
		}
		short, err := s.SessionFor(ctx, u, time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
		if _, err := s.UserByToken(ctx, short, SessionToken); fault.KindOf(err) != fault.Unauthorized {
			t.Errorf("expired session accepted: %v", err)
		}
		if err := s.DeleteToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByToken(ctx, tok, APIToken); fault.KindOf(err) != fault.Unauthorized {
			t.Errorf("revoked token accepted: %v", err)
		}
		if err := s.DeleteExpiredTokens(ctx); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.NewToken(ctx, "  ", APIToken, 0); fault.KindOf(err) != fault.Invalid {
			t.Errorf("blank user name: %v", err)
		}
	})
}

func TestSweepRemovesOrphans(t *testing.T) {
	forEach(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		kept := sample("alice", "a.pdf", time.Time{})
		if err := s.CreateScan(ctx, kept, []byte("a")); err != nil {
			t.Fatal(err)
		}
		// An orphan, and a file stored ten minutes ago for a scan still
		// being analysed (a large file on a busy server).
		orphan, fresh := NewID(), NewID()
		s.blobs.Put(orphan, []byte("o"))
		s.blobs.Put(fresh, []byte("f"))
		for key, age := range map[string]time.Duration{orphan: sweepGrace + time.Minute, fresh: 10 * time.Minute} {
			p, _ := s.blobs.path(key)
			at := time.Now().Add(-age)
			os.Chtimes(p, at, at)
		}
		n, err := s.Sweep(ctx)
		if err != nil || n != 1 {
			t.Errorf("swept %d, %v; want 1", n, err)
		}
		keys, _ := s.blobs.Keys()
		if len(keys) != 2 || !slices.Contains(keys, fresh) {
			t.Errorf("left %v, want the scan's file and the fresh one", keys)
		}
	})
}

func TestBlobKeysCannotEscape(t *testing.T) {
	b, err := NewBlobs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"", "a", "../etc/passwd", "ab/../../x", "AB12"} {
		if err := b.Put(key, []byte("x")); err == nil {
			t.Errorf("Put(%q) accepted", key)
		}
	}
	if _, err := b.Get(NewID()); fault.KindOf(err) != fault.NotFound {
		t.Errorf("missing key: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(t.Context(), "mysql://x", dir); err == nil || !strings.Contains(err.Error(), "unknown database URL") {
		t.Errorf("mysql URL: %v", err)
	}
	_, err := Open(t.Context(), "postgres://u:secret@127.0.0.1:1/db?connect_timeout=2", dir)
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("unreachable PostgreSQL: %v (must fail without showing the password)", err)
	}
	s, err := Open(t.Context(), "sqlite:"+filepath.Join(dir, "other.db"), dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, "other.db")); err != nil {
		t.Error(err)
	}
}
