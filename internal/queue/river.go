package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"runtime"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/termscore/termscore/internal/analyze"
)

// QueueName is the River queue batch documents go through.
const QueueName = "termscore_scan"

// ScanArgs is a River job: scan one document of a batch. The document's
// bytes are in batch_files under Item, so that a worker on any machine
// can read them from the database.
type ScanArgs struct {
	Batch string `json:"batch"`
	Item  string `json:"item"`
	Name  string `json:"name"` // for River's UI and logs
}

// Kind names the job type in river_job.
func (ScanArgs) Kind() string { return "termscore_scan" }

// InsertOpts puts every scan on QueueName with MaxAttempts tries.
func (ScanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueName, MaxAttempts: MaxAttempts}
}

// WorkerConfig configures River workers.
type WorkerConfig struct {
	Jobs int    // documents worked at once (0: one per CPU)
	ID   string // names this worker in batch_items.worker (default host-pid)
	// JobTimeout bounds one attempt (default 5 minutes: the reader's own
	// timeout plus analysis). RescueAfter is when a job whose worker
	// vanished is handed to another worker (default 10 minutes; must be
	// longer than JobTimeout so that a slow live job is never doubled).
	JobTimeout  time.Duration
	RescueAfter time.Duration
	// RetryBase is the wait before the second attempt; it doubles after
	// each failure (default 10 seconds).
	RetryBase time.Duration
	// PollInterval is how often an idle worker looks for work besides
	// PostgreSQL notifications (default 1 second).
	PollInterval time.Duration
	Log          *slog.Logger
	// Delay is added to every attempt; the tests use it to kill a worker
	// while it holds a job.
	Delay time.Duration
}

func (c *WorkerConfig) defaults() {
	if c.Jobs <= 0 {
		c.Jobs = runtime.GOMAXPROCS(0)
	}
	if c.ID == "" {
		host, _ := os.Hostname()
		c.ID = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = 5 * time.Minute
	}
	if c.RescueAfter <= 0 {
		c.RescueAfter = 10 * time.Minute
	}
	if c.RescueAfter <= c.JobTimeout {
		c.RescueAfter = c.JobTimeout + time.Minute
	}
	if c.RetryBase <= 0 {
		c.RetryBase = 10 * time.Second
	}
	if c.PollInterval <= 0 {
		c.PollInterval = time.Second
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
}

func connect(ctx context.Context, url string) (*pgxpool.Pool, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	return pool, nil
}

// Migrate creates or upgrades River's tables. An advisory lock held on a
// connection of its own keeps a server and several workers starting
// together from migrating at once (River's versions cannot share one
// transaction: some add enum values the next one uses).
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("migrating the job queue: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrating the job queue: %w", err)
	}
	defer conn.Release()
	const lockID = 0x72697672 // "rivr"
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		return fmt.Errorf("migrating the job queue: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockID)
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrating the job queue: %w", err)
	}
	return nil
}

// backoff waits RetryBase, then twice that, and so on, capped at an hour.
type backoff struct{ base time.Duration }

func (b backoff) NextRetry(job *rivertype.JobRow) time.Time {
	d := time.Duration(float64(b.base) * math.Pow(2, float64(max(job.Attempt-1, 0))))
	return time.Now().Add(min(d, time.Hour))
}

// newClient makes a River client; it works jobs only when started with
// cfg.Jobs > 0 (a server that only enqueues never starts it).
func newClient(pool *pgxpool.Pool, sc *Scanner, cfg WorkerConfig) (*river.Client[pgx.Tx], error) {
	cfg.defaults()
	workers := river.NewWorkers()
	river.AddWorker(workers, &scanWorker{pool: pool, scan: sc, cfg: cfg})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		ID:                   cfg.ID,
		Queues:               map[string]river.QueueConfig{QueueName: {MaxWorkers: cfg.Jobs}},
		Workers:              workers,
		MaxAttempts:          MaxAttempts,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		RetryPolicy:          backoff{cfg.RetryBase},
		FetchPollInterval:    cfg.PollInterval,
		// River's default cooldown (100 ms) allows a worker one fetch per
		// 100 ms, which at one job a worker caps it at 10 documents a
		// second; a worker fetches only when it has room, so a short
		// cooldown costs nothing when the queue is idle.
		FetchCooldown: min(5*time.Millisecond, cfg.PollInterval),
		Logger:        cfg.Log,
	})
	if err != nil {
		return nil, fmt.Errorf("setting up the job queue: %w", err)
	}
	return client, nil
}

// stopClient lets running jobs finish until ctx ends, then cancels them:
// a cancelled job is put back for another worker (see Work).
func stopClient(ctx context.Context, c *river.Client[pgx.Tx]) error {
	err := c.Stop(ctx)
	if err == nil {
		return nil
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return errors.Join(err, c.StopAndCancel(cctx))
}

// Run works batch documents from the PostgreSQL database at url until ctx
// is cancelled (SIGINT, SIGTERM), then stops gracefully: it takes no new
// documents and waits up to grace for the running ones; those still
// running after that are handed back to the queue.
func Run(ctx context.Context, url string, sc *Scanner, cfg WorkerConfig, grace time.Duration) error {
	cfg.defaults()
	pool, err := connect(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := Migrate(ctx, pool); err != nil {
		return err
	}
	client, err := newClient(pool, sc, cfg)
	if err != nil {
		return err
	}
	// River must outlive ctx so that stopping is graceful.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("starting the worker: %w", err)
	}
	cfg.Log.Info("worker started", slog.String("id", cfg.ID), slog.Int("jobs", cfg.Jobs))
	<-ctx.Done()
	cfg.Log.Info("worker stopping", slog.String("id", cfg.ID))
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	return stopClient(sctx, client)
}

type pgxExec struct{ tx pgx.Tx }

func (e pgxExec) exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := e.tx.Exec(ctx, q, args...)
	return tag.RowsAffected(), err
}

// scanWorker works ScanArgs jobs.
type scanWorker struct {
	river.WorkerDefaults[ScanArgs]
	pool *pgxpool.Pool
	scan *Scanner
	cfg  WorkerConfig
}

// Work scans one document. Its report and the job's completion commit in
// one transaction (river.JobCompleteTx), so a crash either loses the
// attempt (the job is rescued and run again) or records both; and the
// guarded UPDATEs make a rerun of a finished item change nothing.
func (w *scanWorker) Work(ctx context.Context, job *river.Job[ScanArgs]) error {
	item := job.Args.Item
	// Claim the item and read its bytes in one statement (one round trip
	// per document matters at hundreds of documents a second).
	var data []byte
	var opt analyze.Options
	err := w.pool.QueryRow(ctx, `UPDATE batch_items SET status = 'running', attempts = attempts + 1, worker = $1, updated_at = $2
		WHERE id = $3 AND `+notFinal+` RETURNING (SELECT data FROM batch_files WHERE item_id = $3), `+batchOptions,
		w.cfg.ID, now(), item).Scan(&data, &opt.Role, &opt.Home)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // already final: a rerun after a crash, nothing to do
	}
	if err != nil {
		return err
	}
	if data == nil {
		return w.fail(ctx, job, "internal", errNoFile.Error())
	}
	if w.cfg.Delay > 0 {
		select {
		case <-time.After(w.cfg.Delay):
		case <-ctx.Done():
		}
	}
	res, err := w.scan.scan(ctx, job.Args.Name, opt, data, func(waiting bool) {
		if err := w.autocommitErr(ctx, func(e execer) error { return noteWaiting(ctx, e, item, waiting) }); err != nil && ctx.Err() == nil {
			w.cfg.Log.Warn("batch document", slog.Any("err", err))
		}
	})
	if errors.Is(err, errWaitingForMemory) {
		// The other documents of this process held the memory until the
		// worker stopped or the job timed out: queue the document again
		// as it was, and snooze the job, which River does not count as
		// an attempt.
		bg := context.WithoutCancel(ctx)
		w.autocommitErr(bg, func(e execer) error {
			_, err := e.exec(bg, `UPDATE batch_items SET status = 'queued', attempts = attempts - 1, updated_at = $1
				WHERE id = $2 AND status = 'running'`, now(), item)
			if err == nil {
				err = noteWaiting(bg, e, item, false)
			}
			return err
		})
		return river.JobSnooze(0)
	}
	if ctx.Err() != nil {
		// Stopping (or past JobTimeout): hand the document back rather
		// than blame it.
		// Recorded without ctx, which is done: with it the statement
		// failed, and the item stayed "running" until tried again.
		bg := context.WithoutCancel(ctx)
		w.autocommit(bg, func(e execer) (bool, error) {
			return true, recordRetry(bg, e, item, "timeout", "interrupted; it will be tried again")
		})
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("scanning %s took longer than %s", job.Args.Name, w.cfg.JobTimeout)
		}
		return river.JobSnooze(0)
	}
	if err != nil {
		code, msg := errorText(err)
		if permanent(err) {
			// Retrying cannot make an unreadable document readable.
			return w.fail(ctx, job, code, msg)
		}
		if job.Attempt >= job.MaxAttempts {
			// The last attempt: River discards the job (its dead letter)
			// and the item says why.
			if _, ferr := w.autocommit(ctx, func(e execer) (bool, error) { return recordFailed(ctx, e, item, code, lastAttempt(job, msg)) }); ferr != nil {
				return errors.Join(err, ferr)
			}
			return err
		}
		if rerr := w.autocommitErr(ctx, func(e execer) error { return recordRetry(ctx, e, item, code, msg) }); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	tx, err := w.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	ok, err := recordDone(ctx, pgxExec{tx}, item, res)
	if err != nil {
		return err
	}
	if !ok {
		return nil
	}
	if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
		if errors.Is(err, rivertype.ErrNotFound) {
			return nil // another worker finished the job meanwhile; ours rolls back
		}
		return err
	}
	return tx.Commit(ctx)
}

func lastAttempt(job *river.Job[ScanArgs], msg string) string {
	return fmt.Sprintf("gave up after %d attempts: %s", job.Attempt, msg)
}

// fail records a permanent failure and cancels the job so River does not
// retry it. A crash in between reruns the job, which finds the item final.
func (w *scanWorker) fail(ctx context.Context, job *river.Job[ScanArgs], code, msg string) error {
	if _, err := w.autocommit(ctx, func(e execer) (bool, error) { return recordFailed(ctx, e, job.Args.Item, code, msg) }); err != nil {
		return err
	}
	return river.JobCancel(errors.New(msg))
}

func (w *scanWorker) autocommit(ctx context.Context, f func(execer) (bool, error)) (bool, error) {
	tx, err := w.pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	ok, err := f(pgxExec{tx})
	if err != nil {
		return false, err
	}
	return ok, tx.Commit(ctx)
}

func (w *scanWorker) autocommitErr(ctx context.Context, f func(execer) error) error {
	_, err := w.autocommit(ctx, func(e execer) (bool, error) { return true, f(e) })
	return err
}

// Settle marks failed the items of batch whose River job ended without
// the worker recording it: discarded by the rescuer after the worker died
// on the last attempt, or cancelled by an operator.
func Settle(ctx context.Context, pool *pgxpool.Pool, batch string) error {
	_, err := pool.Exec(ctx, `UPDATE batch_items SET status = 'failed', error_code = 'internal',
		error = 'gave up after ' || j.attempt || ' attempts: ' || COALESCE(j.errors[array_length(j.errors, 1)]->>'error', 'the job was ' || j.state),
		completions = completions + 1, updated_at = $2
		FROM river_job j
		WHERE batch_items.batch_id = $1 AND batch_items.status NOT IN ('done', 'failed')
		  AND j.id = batch_items.job_id AND j.state IN ('discarded', 'cancelled')`, batch, now())
	if err != nil {
		return fmt.Errorf("reading the job queue: %w", err)
	}
	return nil
}
