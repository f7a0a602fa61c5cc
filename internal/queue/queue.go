// Package queue runs batches of documents for the server: it stores a
// batch and its documents in the database, has them read and analysed,
// and reports progress per batch and per document.
//
// On PostgreSQL the documents are River jobs (github.com/riverqueue/river):
// any number of `termscore worker` processes, on any machine that reaches
// the database, take them, with retries, backoff, a dead-letter state and
// rescue of jobs whose worker died. On SQLite the same batches run on an
// in-process pool of the server. Both record a result with the same
// guarded UPDATE, so an item is reported exactly once: the first final
// outcome wins and every later attempt finds the item final and stops.
//
// The document bytes travel in the database (batch_files, BYTEA), not on a
// shared disk, so a worker needs nothing but the database URL; the row is
// deleted in the same transaction that records the item's result.
package queue

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/report"
)

// Item statuses.
const (
	Queued   = "queued"   // waiting for a worker
	Running  = "running"  // a worker has it
	Retrying = "retrying" // an attempt failed; it will be tried again
	Done     = "done"     // reported
	Failed   = "failed"   // could not be scanned; Error says why
)

// MaxAttempts is how often a document is tried before it is given up
// (River's discarded state, "failed" here). Unreadable documents are not
// retried at all.
const MaxAttempts = 3

// Batch is a batch with its progress counts and, from Service.Batch, its
// items.
type Batch struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Role is the reviewer's role every document is read as; empty: each
	// document's own, inferred from its type.
	Role string `json:"role"`
	// Home is the reviewer's own jurisdiction every document is read
	// with (an ISO code, "US-CA"), as `termscore batch --home` takes it;
	// empty: none.
	Home     string    `json:"home"`
	Created  time.Time `json:"created"`
	Total    int       `json:"total"`
	Queued   int       `json:"queued"` // queued and retrying
	Running  int       `json:"running"`
	Done     int       `json:"done"`
	Failed   int       `json:"failed"`
	Finished bool      `json:"finished"` // every item is done or failed
	Items    []Item    `json:"items,omitempty"`
}

// Item is one document of a batch.
type Item struct {
	ID        string    `json:"id"`
	Seq       int       `json:"seq"`
	Name      string    `json:"name"`
	SHA256    string    `json:"sha256"`
	Size      int64     `json:"size"`
	Status    string    `json:"status"`
	Attempts  int       `json:"attempts"`
	Worker    string    `json:"worker,omitempty"`
	ErrorCode string    `json:"error_code,omitempty"`
	Error     string    `json:"error,omitempty"`
	DocType   string    `json:"doc_type,omitempty"`
	Score     *float64  `json:"score,omitempty"`
	Grade     string    `json:"grade,omitempty"`
	Findings  int       `json:"findings"`
	Updated   time.Time `json:"updated"`
	// Completions counts results recorded for the item: 1 once it is
	// final, never more (what the exactly-once tests check).
	Completions int `json:"-"`
}

// Scanner reads and analyses one document, the same calls `termscore
// scan` makes.
type Scanner struct {
	Extractor *extract.Extractor
	Analyzer  *analyze.Analyzer
	Options   analyze.Options
	// Memory, when set, bounds what the documents scanned at once take:
	// each scan waits until its cost is free. `termscore serve` passes
	// its upload memory, so that its batch workers and its uploads share
	// one bound; `termscore worker` a memory of its own. nil: no bound
	// but the number of workers.
	Memory Memory
}

// Memory is a bound on the memory that scans take at once
// (server.Memory).
type Memory interface {
	// Take waits until scanning data fits, takes what it costs, and
	// returns what gives it back; it fails only when ctx ends first.
	// waiting, when not nil, is called once when it has to wait.
	Take(ctx context.Context, data []byte, waiting func()) (release func(), err error)
}

// WaitingForMemory is the error_code of a running item whose worker waits
// for memory to scan it (Scanner.Memory); its error says so in words.
// The item is claimed ("running") but not yet read: the batch's page
// shows it waiting, and the mark goes once the scan starts.
const WaitingForMemory = "waiting_for_memory"

// waitingNote is the error of an item waiting for memory.
const waitingNote = "waiting for memory: the documents and uploads being scanned hold it; scanned once they are done"

// noteWaiting marks a running item as waiting for memory, or, with
// waiting false, takes that mark away (and no other error: an item tried
// again keeps its last attempt's reason until it is final).
func noteWaiting(ctx context.Context, e execer, item string, waiting bool) error {
	var err error
	if waiting {
		_, err = e.exec(ctx, `UPDATE batch_items SET error_code = $1, error = $2 WHERE id = $3 AND status = 'running'`,
			WaitingForMemory, waitingNote, item)
	} else {
		_, err = e.exec(ctx, `UPDATE batch_items SET error_code = '', error = '' WHERE id = $1 AND error_code = $2`,
			item, WaitingForMemory)
	}
	return err
}

// errWaitingForMemory marks a scan that ended (the worker stopping, or
// River's job timeout) before it had memory to start: nothing is wrong
// with the document, and the attempt does not count.
var errWaitingForMemory = errors.New("stopped while waiting for memory to scan the document")

// result is what a successful scan stores.
type result struct {
	report   []byte
	docType  string
	score    *float64
	grade    string
	findings int
}

// scan reads and analyses one document of a batch; a batch's role and
// home jurisdiction (b), when it has them, override the Scanner's. note,
// when not nil, is told when the scan starts waiting for memory (true)
// and when it has it after waiting (false).
func (sc *Scanner) scan(ctx context.Context, name string, b analyze.Options, data []byte, note func(waiting bool)) (result, error) {
	if sc.Memory != nil {
		var waiting func()
		waited := false
		if note != nil {
			waiting = func() { waited = true; note(true) }
		}
		release, err := sc.Memory.Take(ctx, data, waiting)
		if err != nil {
			return result{}, fmt.Errorf("%w: %w", errWaitingForMemory, err)
		}
		if waited {
			note(false)
		}
		// Given back once the report is encoded: what the scan held
		// (the text, the analysis) is garbage by then.
		defer release()
	}
	doc, err := sc.Extractor.ReadBytes(ctx, name, data)
	if err != nil {
		return result{}, err
	}
	opt := sc.Options
	if b.Role != "" {
		opt.Role = b.Role
	}
	if b.Home != "" {
		opt.Home = b.Home
	}
	rep, err := sc.Analyzer.Analyze(doc, opt)
	if err != nil {
		return result{}, fault.WithFile(err, name)
	}
	var buf bytes.Buffer
	if err := report.JSON(&buf, rep); err != nil {
		return result{}, fmt.Errorf("encoding the report of %s: %w", name, err)
	}
	r := result{report: bytes.TrimSpace(buf.Bytes()), docType: rep.Document.Type, findings: rep.Summary.Findings}
	if rep.Score != nil {
		v := rep.Score.Value
		r.score, r.grade = &v, rep.Score.Grade
	}
	return r, nil
}

// permanent reports whether err is about the document itself, so that
// trying again cannot help: such documents fail on the first attempt.
// Everything else (a timeout under load, a missing OCR tool on this
// machine, a database error) is retried, possibly on another worker.
func permanent(err error) bool {
	switch fault.KindOf(err) {
	case fault.Invalid, fault.Unsupported, fault.Encrypted, fault.Empty, fault.TooLarge, fault.NotFound:
		return true
	}
	return false
}

// errorText is the stored reason: the fault's words, which name the file.
func errorText(err error) (code, msg string) {
	return fault.KindOf(err).String(), err.Error()
}

// execer runs one statement in a transaction of either driver and returns
// the rows it changed, so that recording an outcome is written once.
type execer interface {
	exec(ctx context.Context, query string, args ...any) (int64, error)
}

type sqlExec struct{ tx *sql.Tx }

func (e sqlExec) exec(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := e.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

const notFinal = `status NOT IN ('done', 'failed')`

// batchOptions are the role and home jurisdiction of a claimed item's
// batch, returned by the statement that claims the item: the batch row is
// the one place they are kept, so River's workers and the in-process pool
// read them alike.
const batchOptions = `COALESCE((SELECT role FROM batches WHERE batches.id = batch_items.batch_id), ''),
	COALESCE((SELECT home FROM batches WHERE batches.id = batch_items.batch_id), '')`

// recordDone stores a report. It returns false, changing nothing, when the
// item already has a final outcome.
func recordDone(ctx context.Context, e execer, item string, r result) (bool, error) {
	n, err := e.exec(ctx, `UPDATE batch_items SET status = 'done', report = $1, doc_type = $2, score = $3, grade = $4,
		findings = $5, error_code = '', error = '', completions = completions + 1, updated_at = $6
		WHERE id = $7 AND `+notFinal, string(r.report), r.docType, r.score, r.grade, r.findings, now(), item)
	if err != nil || n == 0 {
		return false, err
	}
	_, err = e.exec(ctx, `DELETE FROM batch_files WHERE item_id = $1`, item)
	return true, err
}

// recordFailed gives an item up with its reason; false when it is
// already final.
func recordFailed(ctx context.Context, e execer, item, code, msg string) (bool, error) {
	n, err := e.exec(ctx, `UPDATE batch_items SET status = 'failed', error_code = $1, error = $2,
		completions = completions + 1, updated_at = $3 WHERE id = $4 AND `+notFinal, code, msg, now(), item)
	if err != nil || n == 0 {
		return false, err
	}
	_, err = e.exec(ctx, `DELETE FROM batch_files WHERE item_id = $1`, item)
	return true, err
}

// recordRetry notes a failed attempt that will be tried again.
func recordRetry(ctx context.Context, e execer, item, code, msg string) error {
	_, err := e.exec(ctx, `UPDATE batch_items SET status = 'retrying', error_code = $1, error = $2, updated_at = $3
		WHERE id = $4 AND status = 'running'`, code, msg, now(), item)
	return err
}

func now() int64 { return time.Now().UnixMilli() }

// errNotFound is the answer for a missing batch and for someone else's.
func errNotFound(id string) error {
	return fault.New(fault.NotFound, "no batch with id %q", id)
}

var errNoFile = errors.New("the document's bytes are missing from the database")
