package queue

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/store"
)

// heldMemory is a Memory that has no room until free is closed, as when
// the other documents of a process hold it all.
type heldMemory struct{ free chan struct{} }

func (m heldMemory) Take(ctx context.Context, _ []byte, waiting func()) (func(), error) {
	select {
	case <-m.free:
		return func() {}, nil
	default:
	}
	if waiting != nil {
		waiting()
	}
	select {
	case <-m.free:
		return func() {}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// TestRiverWaitsForMemory: a River worker whose document waits for memory
// past the job timeout hands the document back without counting an
// attempt against it (neither retrying nor failed, however often it
// times out), and scans it once memory is free: one attempt in all.
func TestRiverWaitsForMemory(t *testing.T) {
	ctx := context.Background()
	mem := heldMemory{make(chan struct{})}
	sc := *testScanner(t, extract.DefaultLimits())
	sc.Memory = mem
	svc, id := oneDocumentOnRiver(t, &sc, WorkerConfig{JobTimeout: 300 * time.Millisecond, RetryBase: 10 * time.Millisecond})
	// Ten job timeouts: without the hand-back, the third would fail it.
	time.Sleep(3 * time.Second)
	got, err := svc.Batch(ctx, store.LocalOwner, id)
	if err != nil {
		t.Fatal(err)
	}
	if it := got.Items[0]; it.Status == Failed || it.Status == Retrying || it.Attempts > 1 {
		t.Fatalf("a document waiting for memory is %s after %d attempts (%s)", it.Status, it.Attempts, it.Error)
	}
	close(mem.free)
	got = waitFinished(t, svc, id, time.Minute)
	if it := got.Items[0]; it.Status != Done || it.Attempts != 1 || it.Completions != 1 {
		t.Fatalf("once memory was free: %s after %d attempts, %d completions (%s)", it.Status, it.Attempts, it.Completions, it.Error)
	}
}

// TestRiverTimeoutIsRetrying: a document whose attempt outlives the job
// timeout is reported as retrying, with the reason, while it waits for
// its next attempt (it stayed "running", as if still being scanned).
func TestRiverTimeoutIsRetrying(t *testing.T) {
	svc, id := oneDocumentOnRiver(t, testScanner(t, extract.DefaultLimits()),
		WorkerConfig{JobTimeout: 300 * time.Millisecond, Delay: time.Minute, RetryBase: time.Hour})
	var it Item
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		got, err := svc.Batch(context.Background(), store.LocalOwner, id)
		if err != nil {
			t.Fatal(err)
		}
		if it = got.Items[0]; it.Status == Retrying {
			break
		}
	}
	if it.Status != Retrying || it.ErrorCode != "timeout" || it.Attempts != 1 {
		t.Fatalf("after its attempt timed out the document is %s after %d attempts (%s: %s); want retrying after 1, timeout", it.Status, it.Attempts, it.ErrorCode, it.Error)
	}
}

// oneDocumentOnRiver queues a batch of one CUAD contract on a fresh
// PostgreSQL database, worked by one River worker of this process that
// scans with sc, and returns the service and the batch's id.
func oneDocumentOnRiver(t *testing.T, sc *Scanner, wc WorkerConfig) (*Service, string) {
	t.Helper()
	db := freshDB(t)
	ctx := context.Background()
	st, err := store.Open(ctx, db, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	wc.PollInterval = 50 * time.Millisecond
	svc, err := Open(ctx, st, Config{URL: db, Scanner: sc, Jobs: 1, Worker: wc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close(ctx) })
	src := fileSource(filepath.Join("testdata", "cuad", "ADUROBIOTECH,INC_06_02_2020-EX-10.7-CONSULTING AGREEMENT.txt"))
	b, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "one document"}, []Source{src})
	if err != nil {
		t.Fatal(err)
	}
	return svc, b.ID
}
