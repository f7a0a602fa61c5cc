package queue

import (
	"context"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/store"
)

// TestDeleteRunning deletes a batch of 40 documents while its workers are
// on it: the batch, its items and their bytes go at once, the documents
// still waiting are never scanned (their River jobs are cancelled), and
// a document being scanned meanwhile records nothing.
func TestDeleteRunning(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			ctx := context.Background()
			svc, st := openService(t, db, 1, 50*time.Millisecond)
			b, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "doomed"}, testSources(t))
			if err != nil {
				t.Fatal(err)
			}
			keep, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "kept"}, testSources(t)[:2])
			if err != nil {
				t.Fatal(err)
			}
			// Let the worker start on it.
			for end := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
				got, err := svc.Batch(ctx, store.LocalOwner, b.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Running+got.Done > 0 || time.Now().After(end) {
					break
				}
			}
			if _, err := svc.Delete(ctx, "someone-else", b.ID); fault.KindOf(err) != fault.NotFound {
				t.Errorf("another owner's delete: %v, want not found", err)
			}
			n, err := svc.Delete(ctx, store.LocalOwner, b.ID)
			if err != nil || n != 40 {
				t.Fatalf("Delete: %d, %v; want 40 documents", n, err)
			}
			if _, err := svc.Batch(ctx, store.LocalOwner, b.ID); fault.KindOf(err) != fault.NotFound {
				t.Errorf("Batch after Delete: %v, want not found", err)
			}
			if _, err := svc.Delete(ctx, store.LocalOwner, b.ID); fault.KindOf(err) != fault.NotFound {
				t.Errorf("second Delete: %v, want not found", err)
			}
			// The other batch still runs to its end.
			if got := waitFinished(t, svc, keep.ID, time.Minute); got.Done+got.Failed != 2 {
				t.Errorf("the batch kept: %+v", got)
			}
			time.Sleep(300 * time.Millisecond) // a scan that was running has recorded by now
			count := func(q string, args ...any) int {
				var n int
				if err := st.DB().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			if n := count(`SELECT count(*) FROM batch_items WHERE batch_id = $1`, b.ID); n != 0 {
				t.Errorf("%d items left of the deleted batch", n)
			}
			if n := count(`SELECT count(*) FROM batch_files WHERE item_id NOT IN (SELECT id FROM batch_items)`); n != 0 {
				t.Errorf("%d document files left without their item", n)
			}
			if db == "postgres" {
				if n := count(`SELECT count(*) FROM river_job WHERE args->>'batch' = $1 AND state IN ('available', 'scheduled', 'retryable')`, b.ID); n != 0 {
					t.Errorf("%d River jobs of the deleted batch still waiting", n)
				}
			}
			// DeleteAll takes what is left.
			if n, err := svc.DeleteAll(ctx, store.LocalOwner); err != nil || n != 1 {
				t.Errorf("DeleteAll: %d, %v; want 1 batch", n, err)
			}
			if list, err := svc.Batches(ctx, store.LocalOwner); err != nil || len(list) != 0 {
				t.Errorf("after DeleteAll: %d batches, %v", len(list), err)
			}
		})
	}
}
