// Package store keeps the server's scans, users and tokens in SQLite
// (embedded, the default) or PostgreSQL, through database/sql and one set
// of migrations, and the uploaded files in a blob directory.
//
// Every query is written once, in SQL both databases accept, with $N
// placeholders numbered in order of appearance (SQLite binds $N by first
// appearance, PostgreSQL by number, so the two agree).
package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/termscore/termscore/internal/fault"
)

// LocalOwner owns every scan when the server runs without accounts.
const LocalOwner = "local"

// Store is the server's storage. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect string // "sqlite" or "postgres"
	blobs   *Blobs
}

// Open opens the database at url and the blob directory dir/uploads,
// creating both and migrating the schema as needed. An empty url means
// SQLite in dir/termscore.db; postgres:// or postgresql:// URLs use
// PostgreSQL; sqlite:PATH names a SQLite file elsewhere.
func Open(ctx context.Context, url, dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("store: no data directory")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the data directory: %w", err)
	}
	blobs, err := NewBlobs(filepath.Join(dir, "uploads"))
	if err != nil {
		return nil, err
	}
	s := &Store{blobs: blobs}
	switch {
	case url == "" || strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(url, "sqlite:")
		if path == "" {
			path = filepath.Join(dir, "termscore.db")
		}
		// WAL lets pages read while a scan is stored; immediate
		// transactions wait on busy_timeout instead of failing when two
		// writers meet.
		dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(15000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		s.db, err = sql.Open("sqlite", dsn)
		s.dialect = "sqlite"
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		s.db, err = sql.Open("pgx", url)
		s.dialect = "postgres"
		if err == nil {
			s.db.SetMaxOpenConns(20)
		}
	default:
		return nil, fmt.Errorf("unknown database URL %q: use postgres://… or sqlite:PATH", redact(url))
	}
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("connecting to the database %s: %w", redact(url), err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// redact hides a password in a database URL.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 {
		return url
	}
	cred := url[scheme+3 : at]
	if user, _, ok := strings.Cut(cred, ":"); ok {
		return url[:scheme+3] + user + ":***" + url[at:]
	}
	return url
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// DB is the database, for packages that add their own tables (batches).
func (s *Store) DB() *sql.DB { return s.db }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Scan is one stored scan.
type Scan struct {
	ID     string
	Owner  string
	Name   string
	SHA256 string
	Format string
	Size   int64
	Role   string
	// Home is the reviewer's jurisdiction the scan was made with (an
	// ISO code, "US-CA"); empty: none given.
	Home     string
	DocType  string
	Score    *float64 // nil when the document is not a contract
	Grade    string
	Findings int
	Created  time.Time
	Report   json.RawMessage // the v1 report; empty in lists
	Document json.RawMessage // text and layout for the report page; empty in lists
}

// NewID returns a random identifier: 128 bits, hex.
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// CreateScan stores sc and the uploaded file together: the file is written
// first and removed again if the row cannot be inserted, so a failure
// leaves nothing half-stored. sc.ID and sc.Created are set when empty.
func (s *Store) CreateScan(ctx context.Context, sc *Scan, upload []byte) error {
	key, err := s.PutUpload(upload)
	if err != nil {
		return err
	}
	return s.CreateScanOf(ctx, sc, key)
}

// PutUpload stores an uploaded file ahead of its scan, so that the caller
// need not hold its bytes while it is analysed, and returns the key
// CreateScanOf takes. Each file gets a key of its own, so a failure
// removes only what it wrote. A file no scan comes of is removed with
// DeleteUpload, or else by Sweep, once older than sweepGrace.
func (s *Store) PutUpload(data []byte) (string, error) {
	key := NewID()
	if err := s.blobs.Put(key, data); err != nil {
		return "", err
	}
	return key, nil
}

// DeleteUpload removes a file stored by PutUpload that no scan refers to.
func (s *Store) DeleteUpload(key string) { s.blobs.Delete(key) }

// CreateScanOf stores sc as the scan of the file PutUpload stored under
// key, and removes the file if the row cannot be inserted. sc.ID and
// sc.Created are set when empty.
func (s *Store) CreateScanOf(ctx context.Context, sc *Scan, key string) error {
	if sc.ID == "" {
		sc.ID = NewID()
	}
	if sc.Created.IsZero() {
		sc.Created = time.Now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO scans
		(id, owner, name, sha256, format, size, role, home, doc_type, score, grade, findings, created_at, report, document, blob)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		sc.ID, sc.Owner, sc.Name, sc.SHA256, sc.Format, sc.Size, sc.Role, sc.Home, sc.DocType, sc.Score, sc.Grade,
		sc.Findings, sc.Created.UnixMilli(), string(sc.Report), string(sc.Document), key)
	if err != nil {
		s.blobs.Delete(key)
		return fmt.Errorf("storing the scan: %w", err)
	}
	return nil
}

const summaryColumns = `id, owner, name, sha256, format, size, role, home, doc_type, score, grade, findings, created_at`

func scanSummary(row interface{ Scan(...any) error }, sc *Scan, extra ...any) error {
	var created int64
	var score sql.NullFloat64
	dest := append([]any{&sc.ID, &sc.Owner, &sc.Name, &sc.SHA256, &sc.Format, &sc.Size, &sc.Role, &sc.Home, &sc.DocType,
		&score, &sc.Grade, &sc.Findings, &created}, extra...)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	sc.Created = time.UnixMilli(created)
	if score.Valid {
		v := score.Float64
		sc.Score = &v
	}
	return nil
}

// errNotFound is what every lookup of a missing or someone else's scan
// returns: the two are indistinguishable on purpose.
func errNotFound(id string) error {
	return fault.New(fault.NotFound, "no scan with id %q", id)
}

// Scan returns owner's scan id with its report, or a fault.NotFound error
// when there is none or it belongs to someone else.
func (s *Store) Scan(ctx context.Context, owner, id string) (*Scan, error) {
	var sc Scan
	var rep, doc string
	err := scanSummary(s.db.QueryRowContext(ctx, `SELECT `+summaryColumns+`, report, document
		FROM scans WHERE id = $1 AND owner = $2`, id, owner), &sc, &rep, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading scan %s: %w", id, err)
	}
	sc.Report, sc.Document = json.RawMessage(rep), json.RawMessage(doc)
	return &sc, nil
}

// Scans lists owner's scans, newest first, at most limit of them
// (0: 100) created before the given time (zero: now).
func (s *Store) Scans(ctx context.Context, owner string, limit int, before time.Time) ([]Scan, error) {
	if limit <= 0 {
		limit = 100
	}
	if before.IsZero() {
		before = time.Now().Add(time.Hour)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryColumns+` FROM scans
		WHERE owner = $1 AND created_at < $2 ORDER BY created_at DESC, id DESC LIMIT $3`,
		owner, before.UnixMilli(), limit)
	if err != nil {
		return nil, fmt.Errorf("listing scans: %w", err)
	}
	defer rows.Close()
	list := []Scan{}
	for rows.Next() {
		var sc Scan
		if err := scanSummary(rows, &sc); err != nil {
			return nil, fmt.Errorf("listing scans: %w", err)
		}
		list = append(list, sc)
	}
	return list, rows.Err()
}

// Upload returns the file uploaded for owner's scan id.
func (s *Store) Upload(ctx context.Context, owner, id string) ([]byte, error) {
	var blob string
	err := s.db.QueryRowContext(ctx, `SELECT blob FROM scans WHERE id = $1 AND owner = $2`, id, owner).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading scan %s: %w", id, err)
	}
	return s.blobs.Get(blob)
}

// DeleteScan deletes owner's scan id and its file.
func (s *Store) DeleteScan(ctx context.Context, owner, id string) error {
	n, err := s.deleteWhere(ctx, `id = $1 AND owner = $2`, id, owner)
	if err != nil {
		return err
	}
	if n == 0 {
		return errNotFound(id)
	}
	return nil
}

// DeleteAll deletes every scan of owner and returns how many there were.
func (s *Store) DeleteAll(ctx context.Context, owner string) (int, error) {
	return s.deleteWhere(ctx, `owner = $1`, owner)
}

// DeleteBefore deletes every scan created before t (the retention
// setting) and returns how many there were.
func (s *Store) DeleteBefore(ctx context.Context, t time.Time) (int, error) {
	return s.deleteWhere(ctx, `created_at < $1`, t.UnixMilli())
}

// deleteWhere deletes the matching rows, then their files: a crash in
// between leaves an orphan file (removed by Sweep), never a row without
// its file.
func (s *Store) deleteWhere(ctx context.Context, where string, args ...any) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("deleting scans: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT blob FROM scans WHERE `+where, args...)
	if err != nil {
		return 0, fmt.Errorf("deleting scans: %w", err)
	}
	var blobs []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			rows.Close()
			return 0, fmt.Errorf("deleting scans: %w", err)
		}
		blobs = append(blobs, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("deleting scans: %w", err)
	}
	if len(blobs) == 0 {
		return 0, nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM scans WHERE `+where, args...); err != nil {
		return 0, fmt.Errorf("deleting scans: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("deleting scans: %w", err)
	}
	for _, b := range blobs {
		s.blobs.Delete(b)
	}
	return len(blobs), nil
}

// sweepGrace is how old a file no scan refers to must be for Sweep to
// remove it: a file is stored before it is analysed (PutUpload), which
// may take minutes on a busy server (the read alone is allowed two).
const sweepGrace = time.Hour

// Sweep removes uploaded files no scan refers to (left by a crash between
// a delete and the file's removal, or by an interrupted upload).
func (s *Store) Sweep(ctx context.Context) (int, error) {
	keys, err := s.blobs.Keys()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, k := range keys {
		var one int
		err := s.db.QueryRowContext(ctx, `SELECT 1 FROM scans WHERE blob = $1`, k).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			// A younger file may belong to a scan being analysed now.
			if s.blobs.Age(k) > sweepGrace {
				s.blobs.Delete(k)
				n++
			}
			continue
		}
		if err != nil {
			return n, fmt.Errorf("sweeping uploads: %w", err)
		}
	}
	return n, nil
}

// User is an account of a server started with --auth.
type User struct {
	ID, Name string
}

// Token kinds.
const (
	APIToken     = "api"
	SessionToken = "session"
)

// NewToken makes a token for user name, creating the user if needed, and
// returns it; only its hash is stored. A zero ttl never expires.
func (s *Store) NewToken(ctx context.Context, name, kind string, ttl time.Duration) (string, User, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", User{}, fault.New(fault.Invalid, "a user name is required")
	}
	u, err := s.user(ctx, name)
	if errors.Is(err, sql.ErrNoRows) {
		u = User{ID: NewID(), Name: name}
		_, err = s.db.ExecContext(ctx, `INSERT INTO users (id, name, created_at) VALUES ($1, $2, $3)`,
			u.ID, u.Name, time.Now().UnixMilli())
		if err != nil {
			// Another request may have created the user meanwhile.
			if u, err = s.user(ctx, name); err != nil {
				return "", User{}, fmt.Errorf("creating user %s: %w", name, err)
			}
		}
	} else if err != nil {
		return "", User{}, fmt.Errorf("reading user %s: %w", name, err)
	}
	tok, err := s.addToken(ctx, u.ID, kind, ttl)
	return tok, u, err
}

// SessionFor makes a session token for user u.
func (s *Store) SessionFor(ctx context.Context, u User, ttl time.Duration) (string, error) {
	return s.addToken(ctx, u.ID, SessionToken, ttl)
}

func (s *Store) addToken(ctx context.Context, userID, kind string, ttl time.Duration) (string, error) {
	var b [32]byte
	rand.Read(b[:])
	tok := "ts_" + base64.RawURLEncoding.EncodeToString(b[:])
	var expires any
	if ttl > 0 {
		expires = time.Now().Add(ttl).UnixMilli()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO tokens (hash, user_id, kind, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		hashToken(tok), userID, kind, time.Now().UnixMilli(), expires)
	if err != nil {
		return "", fmt.Errorf("storing a token: %w", err)
	}
	return tok, nil
}

func (s *Store) user(ctx context.Context, name string) (User, error) {
	var u User
	err := s.db.QueryRowContext(ctx, `SELECT id, name FROM users WHERE name = $1`, name).Scan(&u.ID, &u.Name)
	return u, err
}

// UserByToken returns the user a token of the given kind belongs to, or a
// fault.Unauthorized error for an unknown or expired token.
func (s *Store) UserByToken(ctx context.Context, tok, kind string) (User, error) {
	var u User
	err := s.db.QueryRowContext(ctx, `SELECT u.id, u.name FROM tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = $1 AND t.kind = $2 AND (t.expires_at IS NULL OR t.expires_at > $3)`,
		hashToken(tok), kind, time.Now().UnixMilli()).Scan(&u.ID, &u.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, fault.New(fault.Unauthorized, "unknown or expired token")
	}
	if err != nil {
		return User{}, fmt.Errorf("checking a token: %w", err)
	}
	return u, nil
}

// DeleteToken revokes a token (signing out).
func (s *Store) DeleteToken(ctx context.Context, tok string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM tokens WHERE hash = $1`, hashToken(tok))
	return err
}

// DeleteExpiredTokens removes expired sessions.
func (s *Store) DeleteExpiredTokens(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at <= $1`, time.Now().UnixMilli())
	return err
}

func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}
