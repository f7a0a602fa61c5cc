package cli

import (
	"context"
	"log/slog"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/store"
)

// addBatchFlags adds the batch flags of `termscore serve`.
func addBatchFlags(f *pflag.FlagSet, workers *int, root *string) {
	f.IntVar(workers, "workers", 0, "batch documents this server scans itself (default: one per CPU on SQLite; 0 with --db postgres://, where \"termscore worker\" processes do the work)")
	f.StringVar(root, "batch-root", "", "let POST /api/v1/batches name a folder on this server under this directory (default: uploads only)")
}

// openBatches starts the batch service of `termscore serve`: River on
// PostgreSQL, the in-process pool on SQLite (docs/batch.md).
// Its workers take each document's scan from mem, the server's upload
// memory, so that batches and uploads together stay within it.
func (a *app) openBatches(cmd *cobra.Command, st *store.Store, dbURL string, rs *rules.Set, workers int, mem queue.Memory, log *slog.Logger) (*queue.Service, error) {
	an, err := a.analyzer(cmd, rs)
	if err != nil {
		return nil, err
	}
	cfg := queue.Config{URL: dbURL, Scanner: &queue.Scanner{Extractor: a.extractor(), Analyzer: an, Memory: mem},
		// 0 (the default): one per CPU on SQLite, none on PostgreSQL.
		Jobs: max(workers, 0), MaxBytes: a.limits.MaxBytes, Log: log}
	if st.Dialect() != "postgres" {
		cfg.URL = ""
	}
	return queue.Open(cmd.Context(), st, cfg)
}

// closeBatches lets the server's own batch documents finish for a while.
func (a *app) closeBatches(cmd *cobra.Command, svc *queue.Service) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(cmd.Context()), 30*time.Second)
	defer cancel()
	svc.Close(ctx)
}
