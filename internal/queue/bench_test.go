package queue

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/batch"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/market"
	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/store"
)

// benchFiles are the 408 CUAD contracts when ../shared is present, else
// the 36 committed ones.
func benchFiles(b *testing.B) []string {
	files, _ := filepath.Glob("../../../shared/data/cuad/contracts/*.txt")
	if len(files) == 0 {
		files, _ = filepath.Glob("testdata/cuad/*.txt")
	}
	if len(files) == 0 {
		b.Fatal("no CUAD contracts")
	}
	sort.Strings(files)
	return files
}

// benchScanner analyses as `termscore batch` does: rules, clause models
// and the embedded market statistics.
func benchScanner(b *testing.B) *Scanner {
	rs, err := rules.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	st, err := market.Default()
	if err != nil {
		b.Fatal(err)
	}
	unfair, _ := model.Load(model.UnfairToS)
	cuad, _ := model.Load(model.CUAD)
	return &Scanner{Extractor: extract.New(extract.Options{}), Analyzer: analyze.New(rs).WithMarket(st).WithModels(unfair, cuad)}
}

// cpuTime is the user+system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// report adds docs/s (wall) and CPU ms per document, which is the fairer
// figure on a machine shared with other work.
func reportRate(b *testing.B, docs int, wall, cpu time.Duration) {
	n := float64(docs * b.N)
	b.ReportMetric(n/wall.Seconds(), "docs/s")
	b.ReportMetric(float64(cpu.Milliseconds())/n, "cpu-ms/doc")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkBatchInProcess is `termscore batch --jobs N` without output:
// internal/batch's pool over the CUAD contracts.
//
//	go test -run '^$' -bench BatchInProcess -benchtime 1x ./internal/queue
func BenchmarkBatchInProcess(b *testing.B) {
	files := benchFiles(b)
	sc := benchScanner(b)
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d/docs=%d", jobs, len(files)), func(b *testing.B) {
			c0, t0 := cpuTime(), time.Now()
			for range b.N {
				n := 0
				err := batch.Run(context.Background(), files, sc.Extractor, sc.Analyzer, batch.Options{Jobs: jobs}, func(it batch.Item) {
					if it.Err != nil {
						b.Fatal(it.Err)
					}
					n++
				})
				if err != nil || n != len(files) {
					b.Fatalf("%d of %d documents, %v", n, len(files), err)
				}
			}
			reportRate(b, len(files), time.Since(t0), cpuTime()-c0)
		})
	}
}

// BenchmarkBatchPostgres runs the same documents as one batch through
// River on the test PostgreSQL with 2 workers (River clients in this
// process, one job each, as two `termscore worker --jobs 1` would),
// from creating the batch to its last report. CPU time is this process
// only: PostgreSQL's own work is not counted.
//
//	TERMSCORE_TEST_PG=$(scripts/pg) go test -run '^$' -bench BatchPostgres -benchtime 1x ./internal/queue
func BenchmarkBatchPostgres(b *testing.B) {
	files := benchFiles(b)
	sc := benchScanner(b)
	db := freshDB(b)
	ctx := context.Background()
	st, err := store.Open(ctx, db, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc, err := Open(ctx, st, Config{URL: db}) // enqueues only
	if err != nil {
		b.Fatal(err)
	}
	defer svc.Close(ctx)
	for _, id := range []string{"bench-1", "bench-2"} {
		w, err := Open(ctx, st, Config{URL: db, Scanner: sc, Jobs: 1,
			Worker: WorkerConfig{ID: id, PollInterval: 200 * time.Millisecond}})
		if err != nil {
			b.Fatal(err)
		}
		defer w.Close(ctx)
	}
	srcs := make([]Source, len(files))
	for i, f := range files {
		srcs[i] = fileSource(f)
	}
	b.Run(fmt.Sprintf("workers=2/docs=%d", len(files)), func(b *testing.B) {
		c0, t0 := cpuTime(), time.Now()
		for range b.N {
			bt, err := svc.Create(ctx, store.LocalOwner, Spec{Name: "bench"}, srcs)
			if err != nil {
				b.Fatal(err)
			}
			for {
				got, err := svc.batch(ctx, store.LocalOwner, bt.ID)
				if err != nil {
					b.Fatal(err)
				}
				if got.Finished {
					if got.Done != len(files) {
						b.Fatalf("%d of %d done, %d failed", got.Done, len(files), got.Failed)
					}
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		reportRate(b, len(files), time.Since(t0), cpuTime()-c0)
	})
}
