package queue

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/store"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// TestLocalPool runs the batch on the in-process pool of a SQLite server.
func TestLocalPool(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc, err := Open(ctx, st, Config{Scanner: testScanner(t, extract.DefaultLimits()), Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close(ctx)
	b, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "local"}, testSources(t))
	if err != nil {
		t.Fatal(err)
	}
	b = waitFinished(t, svc, b.ID, 2*time.Minute)
	checkBatch(t, b)
	checkReport(t, svc, b)
	// Reports are only for their owner.
	if _, err := svc.Batch(ctx, "someone-else", b.ID); err == nil {
		t.Error("another owner can read the batch")
	}
}

// TestSourceErrors: a document that vanished or is too large when the
// batch is made is listed as failed with the reason; the rest runs.
func TestSourceErrors(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc, err := Open(ctx, st, Config{Scanner: testScanner(t, extract.DefaultLimits()), Jobs: 1, MaxBytes: 20 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close(ctx)
	gone := filepath.Join(t.TempDir(), "gone.txt")
	b, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "errors"}, []Source{
		fileSource(gone),
		fileSource("testdata/other/Mutual-NDA.md"),
		fileSource("testdata/other/common-paper-ai-addendum.docx"), // 22 KB, over the 20 KB limit
	})
	if err != nil {
		t.Fatal(err)
	}
	b = waitFinished(t, svc, b.ID, time.Minute)
	got := map[string]string{}
	for _, it := range b.Items {
		got[it.Name] = it.Status + " " + it.ErrorCode
		if it.Status == Failed && !strings.Contains(it.Error, it.Name) {
			t.Errorf("%s: error %q does not name the file", it.Name, it.Error)
		}
	}
	want := map[string]string{"gone.txt": "failed not_found", "Mutual-NDA.md": "done ", "common-paper-ai-addendum.docx": "failed too_large"}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q", name, got[name], w)
		}
	}
}

func checkReport(t *testing.T, svc *Service, b *Batch) {
	t.Helper()
	for _, it := range b.Items {
		if it.Status != Done {
			continue
		}
		raw, err := svc.Report(context.Background(), store.LocalOwner, b.ID, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Schema   string `json:"schema"`
			Document struct {
				SHA256 string `json:"sha256"`
			} `json:"document"`
		}
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatalf("%s: report: %v", it.Name, err)
		}
		if !strings.HasPrefix(r.Schema, "termscore/report") || r.Document.SHA256 != it.SHA256 {
			t.Errorf("%s: report schema %q sha %s; want a v1 report of %s", it.Name, r.Schema, r.Document.SHA256, it.SHA256)
		}
	}
}

// worker starts `termscore worker` as a real process.
func startWorker(t *testing.T, db, id string, extra ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	args := append([]string{"worker", "--db", db, "--jobs", "1", "--id", id, "--poll", "200ms",
		"--rescue-after", "3s", "--job-timeout", "2s", "--retry-base", "200ms", "--grace", "10s"}, extra...)
	cmd := exec.Command(termscoreBinary(t), args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, &out
}

// TestWorkersExactlyOnce runs a batch of 40 documents on two worker
// processes, kills one with SIGKILL while it holds a document, and checks
// that every document ends reported or failed exactly once, the killed
// worker's document included.
func TestWorkersExactlyOnce(t *testing.T) {
	db := freshDB(t)
	termscoreBinary(t) // build before the clock matters
	ctx := context.Background()
	st, err := store.Open(ctx, db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc, err := Open(ctx, st, Config{URL: db}) // enqueues only, like `serve --db postgres://`
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close(ctx)
	b, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "two workers"}, testSources(t))
	if err != nil {
		t.Fatal(err)
	}
	// The delay keeps each document in hand long enough to kill a worker
	// holding one.
	w1, out1 := startWorker(t, db, "w1", "--delay", "150ms")
	w2, out2 := startWorker(t, db, "w2", "--delay", "150ms")

	// Kill w1 once it has finished a few documents and holds another.
	var victim string
	deadline := time.Now().Add(time.Minute)
	for victim == "" {
		if time.Now().After(deadline) {
			t.Fatalf("w1 never held a document after finishing three\nw1: %s\nw2: %s", out1, out2)
		}
		var done int
		err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM batch_items WHERE batch_id = $1 AND worker = 'w1' AND status = 'done'`, b.ID).Scan(&done)
		if err != nil {
			t.Fatal(err)
		}
		if done >= 3 {
			err := st.DB().QueryRowContext(ctx, `SELECT id FROM batch_items WHERE batch_id = $1 AND worker = 'w1' AND status = 'running'`, b.ID).Scan(&victim)
			if err == nil {
				w1.Process.Signal(syscall.SIGKILL)
				w1.Wait()
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}

	// River's rescuer hands the stuck document to w2 after --rescue-after;
	// if w1 was the leader, w2 takes over leadership first (about 15 s).
	b = waitFinished(t, svc, b.ID, 3*time.Minute)
	if err := w2.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := w2.Wait(); err != nil {
		t.Errorf("w2 did not stop cleanly on SIGTERM: %v\n%s", err, out2)
	}
	b, err = svc.Batch(ctx, store.LocalOwner, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkBatch(t, b)
	workers := map[string]int{}
	for _, it := range b.Items {
		workers[it.Worker]++
		if it.ID == victim {
			if it.Status != Done || it.Worker != "w2" || it.Attempts < 2 {
				t.Errorf("the killed worker's document %s: status %s, worker %s, attempts %d; want done by w2 on a later attempt",
					it.Name, it.Status, it.Worker, it.Attempts)
			}
		}
	}
	if workers["w1"] < 3 || workers["w2"] == 0 {
		t.Errorf("documents per worker: %v; want both to have worked", workers)
	}
	// River agrees: one job per queued document, none left to run.
	states := settledJobStates(t, db, func(s map[string]int) bool { return s["cancelled"] == 2 })
	if states["completed"] != 38 || states["cancelled"] != 2 || len(states) != 2 {
		t.Errorf("river_job states %v; want 38 completed and 2 cancelled (the unreadable documents)", states)
	}
	checkReport(t, svc, b)
}

// settledJobStates waits up to 10 s for River to record the states that
// follow a worker's return (cancel, discard), which it does just after the
// item's outcome is committed.
func settledJobStates(t *testing.T, db string, ok func(map[string]int) bool) map[string]int {
	t.Helper()
	states := jobStates(t, db)
	for end := time.Now().Add(10 * time.Second); !ok(states) && time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
		states = jobStates(t, db)
	}
	return states
}

func jobStates(t *testing.T, db string) map[string]int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT state, count(*) FROM river_job GROUP BY state`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	states := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		states[s] = n
	}
	return states
}

// TestDeadLetter: a document that fails every attempt for a reason that
// retrying might cure (OCR past its time limit here) is tried MaxAttempts
// times, then River discards its job and the item is failed with the
// reason.
func TestDeadLetter(t *testing.T) {
	db := freshDB(t)
	ctx := context.Background()
	st, err := store.Open(ctx, db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	limits := extract.DefaultLimits()
	limits.Timeout = 5 * time.Millisecond
	svc, err := Open(ctx, st, Config{URL: db, Scanner: testScanner(t, limits), Jobs: 1,
		Worker: WorkerConfig{ID: "in-process", RetryBase: 50 * time.Millisecond, PollInterval: 100 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close(ctx)
	b, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "dead letter"}, []Source{fileSource("testdata/other/scan.jpg")})
	if err != nil {
		t.Fatal(err)
	}
	b = waitFinished(t, svc, b.ID, time.Minute)
	it := b.Items[0]
	if it.Status != Failed || it.Attempts != MaxAttempts || it.Completions != 1 ||
		!strings.Contains(it.Error, "gave up after 3 attempts") || !strings.Contains(it.Error, "scan.jpg") {
		t.Errorf("item: status %s, attempts %d, completions %d, error %s %q; want failed after %d attempts with the reason",
			it.Status, it.Attempts, it.Completions, it.ErrorCode, it.Error, MaxAttempts)
	}
	if it.ErrorCode != "timeout" && it.ErrorCode != "tool_missing" {
		t.Errorf("error code %q, want timeout (or tool_missing without tesseract)", it.ErrorCode)
	}
	states := settledJobStates(t, db, func(s map[string]int) bool { return s["discarded"] == 1 })
	if states["discarded"] != 1 || len(states) != 1 {
		t.Errorf("river_job states %v; want the job discarded (River's dead letter)", states)
	}
}

// TestSettle: when River gives a job up without its worker recording it
// (the worker died on the last attempt and the rescuer discarded the
// job), the next progress query fails the item with River's last error.
func TestSettle(t *testing.T) {
	db := freshDB(t)
	ctx := context.Background()
	st, err := store.Open(ctx, db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc, err := Open(ctx, st, Config{URL: db})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close(ctx)
	b, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "settle"}, []Source{fileSource("testdata/other/Mutual-NDA.md")})
	if err != nil {
		t.Fatal(err)
	}
	// What River's rescuer does to a stuck job on its last attempt.
	if _, err := svc.pool.Exec(ctx, `UPDATE river_job SET state = 'discarded', attempt = 3, finalized_at = now(),
		errors = ARRAY['{"at": "2026-01-01T00:00:00Z", "attempt": 3, "error": "Stuck job rescued by Rescuer"}'::jsonb]`); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Batch(ctx, store.LocalOwner, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	it := got.Items[0]
	if !got.Finished || it.Status != Failed || it.Completions != 1 || it.Error != "gave up after 3 attempts: Stuck job rescued by Rescuer" {
		t.Errorf("item after its job was discarded: %+v", it)
	}
}
