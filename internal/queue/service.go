package queue

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/store"
)

// Config configures a Service.
type Config struct {
	// URL is the PostgreSQL URL the store was opened with; empty on SQLite.
	URL     string
	Scanner *Scanner
	// Jobs is the number of documents the server itself scans at once:
	// the in-process pool on SQLite (0: one per CPU); on PostgreSQL, River
	// workers inside the server (0: none, `termscore worker` does the work).
	Jobs int
	// MaxBytes is the largest document accepted into a batch.
	MaxBytes int64
	Worker   WorkerConfig // River settings when Jobs > 0 on PostgreSQL
	Log      *slog.Logger
}

// Service creates batches and reports their progress.
type Service struct {
	db     *sql.DB
	pg     bool
	pool   *pgxpool.Pool
	client *river.Client[pgx.Tx]
	local  *localPool
	cfg    Config
	log    *slog.Logger
}

// Open prepares batches on st. On PostgreSQL it migrates River's tables
// and, with cfg.Jobs > 0, starts River workers in this process; on SQLite
// it starts the in-process pool.
func Open(ctx context.Context, st *store.Store, cfg Config) (*Service, error) {
	s := &Service{db: st.DB(), pg: st.Dialect() == "postgres", cfg: cfg, log: cfg.Log}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBytes <= 0 {
		s.cfg.MaxBytes = 50 << 20
	}
	if !s.pg {
		s.local = startLocal(s, cfg.Jobs)
		return s, nil
	}
	if cfg.URL == "" {
		return nil, errors.New("queue: the PostgreSQL URL is required")
	}
	pool, err := connect(ctx, cfg.URL)
	if err != nil {
		return nil, err
	}
	if err := Migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	wc := cfg.Worker
	wc.Jobs = cfg.Jobs
	if wc.Log == nil {
		wc.Log = s.log
	}
	client, err := newClient(pool, cfg.Scanner, wc)
	if err != nil {
		pool.Close()
		return nil, err
	}
	if cfg.Jobs > 0 {
		if err := client.Start(ctx); err != nil {
			pool.Close()
			return nil, fmt.Errorf("starting the batch workers: %w", err)
		}
	}
	s.pool, s.client = pool, client
	return s, nil
}

// Close stops the workers this process runs, letting running documents
// finish until ctx ends.
func (s *Service) Close(ctx context.Context) error {
	if s.local != nil {
		s.local.stop()
		return nil
	}
	var err error
	if s.cfg.Jobs > 0 {
		err = stopClient(ctx, s.client)
	}
	s.pool.Close()
	return err
}

// Source is one document to put in a batch. Read is called once, while
// the batch is created; an error (a file that vanished or cannot be read)
// lists the document as failed with that reason instead of failing the
// batch.
type Source struct {
	Name string
	Read func() ([]byte, error)
}

// Spec is what a new batch is: its name, the role its documents are
// read as and the reviewer's home jurisdiction.
type Spec struct {
	Name string
	// Role is the reviewer's role for every document (contractor,
	// tenant, …), as `termscore batch --role` takes it; empty: each
	// document's role is inferred from its type.
	Role string
	// Home is the reviewer's own jurisdiction, an ISO code as `termscore
	// batch --home` takes it ("US-CA", "GB"; any case); empty: none.
	Home string
}

// RoleError is Create's answer to a role that is not one of
// doctype.Roles: a fault.Invalid error, which the server reports as the
// same bad_role a single scan gets.
type RoleError struct{ Err error }

func (e *RoleError) Error() string { return e.Err.Error() }
func (e *RoleError) Unwrap() error { return e.Err }

// HomeError is Create's answer to a home jurisdiction analyze.CheckHome refuses:
// a fault.Invalid error, which the server reports as the same bad_home a
// single scan gets.
type HomeError struct{ Err error }

func (e *HomeError) Error() string { return e.Err.Error() }
func (e *HomeError) Unwrap() error { return e.Err }

// Create stores a batch of srcs for owner and queues its documents. The
// batch, its items, their bytes and (on PostgreSQL) their River jobs are
// written in one transaction: a batch exists whole or not at all. An
// unknown role is a *RoleError, an unknown home a *HomeError, and either
// stores nothing.
func (s *Service) Create(ctx context.Context, owner string, spec Spec, srcs []Source) (*Batch, error) {
	if err := (analyze.Options{Role: spec.Role}).Validate(); err != nil {
		return nil, &RoleError{err}
	}
	home, err := analyze.CheckHome(spec.Home)
	if err != nil {
		return nil, &HomeError{err}
	}
	if len(srcs) == 0 {
		return nil, fault.New(fault.Empty, "the batch has no documents")
	}
	b := &Batch{ID: store.NewID(), Name: spec.Name, Role: spec.Role, Home: home, Created: time.Now(), Total: len(srcs)}
	var jobs []river.InsertManyParams
	var jobItems []string
	write := func(e execer) error {
		if _, err := e.exec(ctx, `INSERT INTO batches (id, owner, name, role, home, total, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			b.ID, owner, b.Name, b.Role, b.Home, b.Total, b.Created.UnixMilli()); err != nil {
			return fmt.Errorf("storing the batch: %w", err)
		}
		for i, src := range srcs {
			it := Item{ID: store.NewID(), Seq: i, Name: src.Name, Status: Queued}
			data, err := src.Read()
			if err == nil && int64(len(data)) > s.cfg.MaxBytes {
				err = tooLarge(src.Name, s.cfg.MaxBytes)
			}
			if err != nil {
				it.Status = Failed
				it.ErrorCode, it.Error = errorText(readError(err, src.Name))
			} else {
				sum := sha256.Sum256(data)
				it.SHA256, it.Size = hex.EncodeToString(sum[:]), int64(len(data))
			}
			completions := 0
			if it.Status == Failed {
				completions = 1
			}
			if _, err := e.exec(ctx, `INSERT INTO batch_items (id, batch_id, seq, name, sha256, size, status, error_code, error, completions, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				it.ID, b.ID, it.Seq, it.Name, it.SHA256, it.Size, it.Status, it.ErrorCode, it.Error, completions, now()); err != nil {
				return fmt.Errorf("storing the batch: %w", err)
			}
			if it.Status == Failed {
				b.Failed++
				continue
			}
			if _, err := e.exec(ctx, `INSERT INTO batch_files (item_id, data) VALUES ($1, $2)`, it.ID, data); err != nil {
				return fmt.Errorf("storing %s: %w", src.Name, err)
			}
			b.Queued++
			jobs = append(jobs, river.InsertManyParams{Args: ScanArgs{Batch: b.ID, Item: it.ID, Name: it.Name}})
			jobItems = append(jobItems, it.ID)
		}
		return nil
	}
	if !s.pg {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return nil, fmt.Errorf("storing the batch: %w", err)
		}
		defer tx.Rollback()
		if err := write(sqlExec{tx}); err != nil {
			return nil, err
		}
		if err := tx.Commit(); err != nil {
			return nil, fmt.Errorf("storing the batch: %w", err)
		}
		s.local.wake()
		b.Finished = b.Queued == 0
		return b, nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("storing the batch: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := write(pgxExec{tx}); err != nil {
		return nil, err
	}
	if len(jobs) > 0 {
		res, err := s.client.InsertManyTx(ctx, tx, jobs)
		if err != nil {
			return nil, fmt.Errorf("queueing the batch: %w", err)
		}
		ids := make([]int64, len(res))
		for i, r := range res {
			ids[i] = r.Job.ID
		}
		// The job id lets a progress query see jobs River gave up on.
		if _, err := tx.Exec(ctx, `UPDATE batch_items SET job_id = v.job
			FROM unnest($1::text[], $2::bigint[]) AS v(item, job) WHERE batch_items.id = v.item`, jobItems, ids); err != nil {
			return nil, fmt.Errorf("queueing the batch: %w", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("storing the batch: %w", err)
	}
	b.Finished = b.Queued == 0
	return b, nil
}

// readError words an error reading a source for the user.
func readError(err error, name string) error {
	var fe *fault.Error
	switch {
	case errors.As(err, &fe):
		return fault.WithFile(err, name)
	case errors.Is(err, fs.ErrNotExist):
		return &fault.Error{Kind: fault.NotFound, File: name, Reason: "the file disappeared before it could be read"}
	case errors.Is(err, fs.ErrPermission):
		return &fault.Error{Kind: fault.Invalid, File: name, Reason: "permission denied: the server cannot read this file"}
	}
	return &fault.Error{Kind: fault.Invalid, File: name, Reason: "cannot read the file"}
}

// Batch returns owner's batch id with its items, or a fault.NotFound
// error.
func (s *Service) Batch(ctx context.Context, owner, id string) (*Batch, error) {
	b, err := s.batch(ctx, owner, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, seq, name, sha256, size, status, attempts, worker, error_code, error,
		doc_type, score, grade, findings, completions, updated_at FROM batch_items WHERE batch_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("reading batch %s: %w", id, err)
	}
	defer rows.Close()
	b.Items = []Item{}
	for rows.Next() {
		var it Item
		var score sql.NullFloat64
		var updated int64
		if err := rows.Scan(&it.ID, &it.Seq, &it.Name, &it.SHA256, &it.Size, &it.Status, &it.Attempts, &it.Worker,
			&it.ErrorCode, &it.Error, &it.DocType, &score, &it.Grade, &it.Findings, &it.Completions, &updated); err != nil {
			return nil, fmt.Errorf("reading batch %s: %w", id, err)
		}
		if score.Valid {
			v := score.Float64
			it.Score = &v
		}
		it.Updated = time.UnixMilli(updated)
		b.Items = append(b.Items, it)
	}
	return b, rows.Err()
}

// batch reads a batch's row and counts, after settling items whose job
// River gave up on without the worker recording it (a worker killed on
// the last attempt).
func (s *Service) batch(ctx context.Context, owner, id string) (*Batch, error) {
	b := &Batch{ID: id}
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT name, role, home, total, created_at FROM batches WHERE id = $1 AND owner = $2`, id, owner).
		Scan(&b.Name, &b.Role, &b.Home, &b.Total, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading batch %s: %w", id, err)
	}
	b.Created = time.UnixMilli(created)
	if s.pg {
		if err := Settle(ctx, s.pool, id); err != nil {
			return nil, err
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT status, count(*) FROM batch_items WHERE batch_id = $1 GROUP BY status`, id)
	if err != nil {
		return nil, fmt.Errorf("reading batch %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("reading batch %s: %w", id, err)
		}
		switch st {
		case Queued, Retrying:
			b.Queued += n
		case Running:
			b.Running += n
		case Done:
			b.Done += n
		case Failed:
			b.Failed += n
		}
	}
	b.Finished = b.Done+b.Failed == b.Total
	return b, rows.Err()
}

// Batches lists owner's batches with their counts, newest first.
func (s *Service) Batches(ctx context.Context, owner string) ([]Batch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM batches WHERE owner = $1 ORDER BY created_at DESC LIMIT 100`, owner)
	if err != nil {
		return nil, fmt.Errorf("listing batches: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("listing batches: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	list := []Batch{}
	for _, id := range ids {
		b, err := s.batch(ctx, owner, id)
		if err != nil {
			return nil, err
		}
		list = append(list, *b)
	}
	return list, nil
}

// Report returns the v1 report of a done item of owner's batch.
func (s *Service) Report(ctx context.Context, owner, batchID, itemID string) (json.RawMessage, error) {
	var rep sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT i.report FROM batch_items i JOIN batches b ON b.id = i.batch_id
		WHERE i.id = $1 AND i.batch_id = $2 AND b.owner = $3`, itemID, batchID, owner).Scan(&rep)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fault.New(fault.NotFound, "no document %q in batch %q", itemID, batchID)
	}
	if err != nil {
		return nil, fmt.Errorf("reading a batch report: %w", err)
	}
	if !rep.Valid {
		return nil, fault.New(fault.NotFound, "document %q has no report (yet)", itemID)
	}
	return json.RawMessage(rep.String), nil
}

// Delete removes owner's batch id with its items, their reports and the
// bytes of documents not yet scanned. A batch still running is cancelled:
// its waiting documents are dropped (on PostgreSQL their River jobs are
// cancelled in the same transaction), and a document being scanned right
// now finishes but records nothing, as the guarded UPDATE of
// recordDone/recordFailed finds no item. It returns how many documents
// the batch had.
func (s *Service) Delete(ctx context.Context, owner, id string) (int, error) {
	const where = `batch_id = (SELECT id FROM batches WHERE id = $1 AND owner = $2)`
	// Explicit deletes rather than ON DELETE CASCADE alone, so that a
	// database opened without foreign keys enforced keeps no orphans.
	stmts := []string{
		`DELETE FROM batch_files WHERE item_id IN (SELECT id FROM batch_items WHERE ` + where + `)`,
		`DELETE FROM batch_items WHERE ` + where,
	}
	del := func(e execer) (int, error) {
		for _, q := range stmts {
			if _, err := e.exec(ctx, q, id, owner); err != nil {
				return 0, fmt.Errorf("deleting batch %s: %w", id, err)
			}
		}
		n, err := e.exec(ctx, `DELETE FROM batches WHERE id = $1 AND owner = $2`, id, owner)
		if err != nil {
			return 0, fmt.Errorf("deleting batch %s: %w", id, err)
		}
		if n == 0 {
			return 0, errNotFound(id)
		}
		return int(n), nil
	}
	total := func() (int, error) {
		var n int
		err := s.db.QueryRowContext(ctx, `SELECT total FROM batches WHERE id = $1 AND owner = $2`, id, owner).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, errNotFound(id)
		}
		if err != nil {
			return 0, fmt.Errorf("deleting batch %s: %w", id, err)
		}
		return n, nil
	}
	n, err := total()
	if err != nil {
		return 0, err
	}
	if !s.pg {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return 0, fmt.Errorf("deleting batch %s: %w", id, err)
		}
		defer tx.Rollback()
		if _, err := del(sqlExec{tx}); err != nil {
			return 0, err
		}
		if err := tx.Commit(); err != nil {
			return 0, fmt.Errorf("deleting batch %s: %w", id, err)
		}
		return n, nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("deleting batch %s: %w", id, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	// The items are locked before their jobs, in the order a worker
	// recording a scan takes them (its item, then the item's files, then
	// river.JobCompleteTx): cancelling the jobs first deadlocked now and
	// then with a worker finishing one of them.
	rows, err := tx.Query(ctx, `SELECT job_id FROM batch_items WHERE `+where+` AND job_id IS NOT NULL AND `+notFinal+` FOR UPDATE`, id, owner)
	if err != nil {
		return 0, fmt.Errorf("deleting batch %s: %w", id, err)
	}
	jobs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return 0, fmt.Errorf("deleting batch %s: %w", id, err)
	}
	for _, j := range jobs {
		// A job already finished or gone needs no cancelling.
		if _, err := s.client.JobCancelTx(ctx, tx, j); err != nil && !errors.Is(err, rivertype.ErrNotFound) {
			return 0, fmt.Errorf("cancelling the documents of batch %s: %w", id, err)
		}
	}
	if _, err := del(pgxExec{tx}); err != nil {
		return 0, err
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("deleting batch %s: %w", id, err)
	}
	return n, nil
}

// DeleteAll removes every batch of owner, as Delete does one, and returns
// how many batches there were.
func (s *Service) DeleteAll(ctx context.Context, owner string) (int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM batches WHERE owner = $1`, owner)
	if err != nil {
		return 0, fmt.Errorf("deleting batches: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("deleting batches: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("deleting batches: %w", err)
	}
	n := 0
	for _, id := range ids {
		if _, err := s.Delete(ctx, owner, id); err != nil {
			if fault.KindOf(err) == fault.NotFound {
				continue // deleted meanwhile
			}
			return n, err
		}
		n++
	}
	return n, nil
}
