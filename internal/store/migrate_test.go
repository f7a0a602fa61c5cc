package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// oldSchema writes the schema as the releases before migration `upTo`+1
// left it: migrations 1..upTo, recorded in schema_migrations as migrate
// records them.
func oldSchema(t *testing.T, db *sql.DB, upTo int) {
	t.Helper()
	ctx := t.Context()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > upTo {
			break
		}
		if _, err := db.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			m.version, m.name, time.Now().UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUpgradeKeepsBatches opens a database made by the migrations before
// 0003_batch_role, holding a batch and a scan as those releases stored
// them: the store upgrades it, the old batch reads as one without a role
// (each document's role inferred, which is what it was) and both without
// a home jurisdiction (0004_home), and both survive.
func TestUpgradeKeepsBatches(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) (*sql.DB, func() (*Store, error)){
		"sqlite": func(t *testing.T) (*sql.DB, func() (*Store, error)) {
			dir := t.TempDir()
			db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "termscore.db")+"?_pragma=foreign_keys(1)")
			if err != nil {
				t.Fatal(err)
			}
			return db, func() (*Store, error) { return Open(context.Background(), "", dir) }
		},
		"postgres": func(t *testing.T) (*sql.DB, func() (*Store, error)) {
			url := pgSchema(t)
			db, err := sql.Open("pgx", url)
			if err != nil {
				t.Fatal(err)
			}
			return db, func() (*Store, error) { return Open(context.Background(), url, t.TempDir()) }
		},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			db, reopen := open(t)
			oldSchema(t, db, 2)
			if _, err := db.ExecContext(ctx, `INSERT INTO batches (id, owner, name, total, created_at) VALUES ('b1', 'local', 'old batch', 1, 1700000000000)`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecContext(ctx, `INSERT INTO batch_items (id, batch_id, seq, name, sha256, size, status, updated_at)
				VALUES ('i1', 'b1', 0, 'lease.pdf', '00', 7, 'queued', 1700000000000)`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecContext(ctx, `INSERT INTO scans (id, owner, name, sha256, format, size, role, doc_type, score, grade, findings, created_at, report, document, blob)
				VALUES ('s1', 'local', 'nda.md', '00', 'markdown', 7, 'recipient', 'nda', 90, 'A', 1, 1700000000000, '{}', '{}', 'k1')`); err != nil {
				t.Fatal(err)
			}
			db.Close()

			s, err := reopen()
			if err != nil {
				t.Fatalf("opening the old database: %v", err)
			}
			defer s.Close()
			var n int
			if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			ms, _ := loadMigrations()
			if n != len(ms) {
				t.Errorf("%d migrations recorded after the upgrade, %d exist", n, len(ms))
			}
			var bname, role, home string
			if err := s.db.QueryRowContext(ctx, `SELECT name, role, home FROM batches WHERE id = 'b1'`).Scan(&bname, &role, &home); err != nil {
				t.Fatalf("reading the old batch: %v", err)
			}
			if bname != "old batch" || role != "" || home != "" {
				t.Errorf("old batch: name %q role %q home %q; want %q and no role or home", bname, role, home, "old batch")
			}
			sc, err := s.Scan(ctx, "local", "s1")
			if err != nil {
				t.Fatalf("reading the old scan: %v", err)
			}
			if sc.Name != "nda.md" || sc.Role != "recipient" || sc.Home != "" {
				t.Errorf("old scan: name %q role %q home %q; want nda.md, recipient and no home", sc.Name, sc.Role, sc.Home)
			}
			var items int
			s.db.QueryRowContext(ctx, `SELECT count(*) FROM batch_items WHERE batch_id = 'b1'`).Scan(&items)
			if items != 1 {
				t.Errorf("old batch: %d items, want 1", items)
			}
			// A second open finds nothing to do.
			s.Close()
			again, err := reopen()
			if err != nil {
				t.Fatalf("reopening: %v", err)
			}
			again.Close()
		})
	}
}

// pgSchema is TERMSCORE_TEST_PG with a fresh, empty schema of its own as
// the search path, dropped after the test.
func pgSchema(t *testing.T) string {
	admin := openPG(t) // skips without PostgreSQL; its schema is not used
	schema := "u_" + NewID()[:16]
	if _, err := admin.db.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE") })
	url := os.Getenv("TERMSCORE_TEST_PG")
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
}
