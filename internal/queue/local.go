package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/termscore/termscore/internal/analyze"
)

// localPool works batches inside the server when the database is SQLite:
// the same items, statuses and recording as River workers, claimed by an
// atomic UPDATE instead of a job queue.
type localPool struct {
	s      *Service
	id     string
	signal chan struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func startLocal(s *Service, jobs int) *localPool {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &localPool{s: s, id: fmt.Sprintf("local-%d", os.Getpid()), signal: make(chan struct{}, 1), cancel: cancel}
	// Only this process works a SQLite database: anything left running
	// was interrupted by a crash or a stop and is queued again.
	if _, err := s.db.ExecContext(ctx, `UPDATE batch_items SET status = 'queued', error_code = CASE WHEN error_code = $1 THEN '' ELSE error_code END,
		error = CASE WHEN error_code = $1 THEN '' ELSE error END WHERE status = 'running'`, WaitingForMemory); err != nil {
		s.log.Error("requeueing interrupted batch documents", slog.Any("err", err))
	}
	for range jobs {
		p.wg.Add(1)
		go p.loop(ctx)
	}
	return p
}

func (p *localPool) wake() {
	select {
	case p.signal <- struct{}{}:
	default:
	}
}

func (p *localPool) stop() {
	p.cancel()
	p.wg.Wait()
}

func (p *localPool) loop(ctx context.Context) {
	defer p.wg.Done()
	for ctx.Err() == nil {
		worked, err := p.next(ctx)
		if err != nil && ctx.Err() == nil {
			p.s.log.Error("batch document", slog.Any("err", err))
		}
		if worked {
			p.wake() // let an idle goroutine look too
			continue
		}
		select {
		case <-p.signal:
		case <-time.After(2 * time.Second):
		case <-ctx.Done():
		}
	}
}

// next claims one queued item and works it; false when there was none.
func (p *localPool) next(ctx context.Context) (bool, error) {
	var item, name string
	var opt analyze.Options
	var attempts int
	err := p.s.db.QueryRowContext(ctx, `UPDATE batch_items SET status = 'running', attempts = attempts + 1, worker = $1, updated_at = $2
		WHERE id = (SELECT id FROM batch_items WHERE status IN ('queued', 'retrying') ORDER BY updated_at, seq LIMIT 1)
		RETURNING id, name, attempts, `+batchOptions, p.id, now()).Scan(&item, &name, &attempts, &opt.Role, &opt.Home)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claiming a batch document: %w", err)
	}
	var data []byte
	err = p.s.db.QueryRowContext(ctx, `SELECT data FROM batch_files WHERE item_id = $1`, item).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return true, p.record(ctx, func(e execer) error {
			_, err := recordFailed(ctx, e, item, "internal", errNoFile.Error())
			return err
		})
	}
	if err != nil {
		return true, err
	}
	res, err := p.s.cfg.Scanner.scan(ctx, name, opt, data, func(waiting bool) {
		if err := p.record(ctx, func(e execer) error { return noteWaiting(ctx, e, item, waiting) }); err != nil && ctx.Err() == nil {
			p.s.log.Warn("batch document", slog.Any("err", err))
		}
	})
	if ctx.Err() != nil {
		return true, nil // stopping: the item is queued again on the next start
	}
	return true, p.record(ctx, func(e execer) error {
		switch {
		case err == nil:
			_, err := recordDone(ctx, e, item, res)
			return err
		case permanent(err):
			code, msg := errorText(err)
			_, err := recordFailed(ctx, e, item, code, msg)
			return err
		case attempts >= MaxAttempts:
			code, msg := errorText(err)
			_, err := recordFailed(ctx, e, item, code, fmt.Sprintf("gave up after %d attempts: %s", attempts, msg))
			return err
		default:
			code, msg := errorText(err)
			return recordRetry(ctx, e, item, code, msg)
		}
	})
}

func (p *localPool) record(ctx context.Context, f func(execer) error) error {
	tx, err := p.s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("recording a batch document: %w", err)
	}
	defer tx.Rollback()
	if err := f(sqlExec{tx}); err != nil {
		return fmt.Errorf("recording a batch document: %w", err)
	}
	return tx.Commit()
}
