package cli

import (
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/server"
	"github.com/termscore/termscore/internal/store"
)

func (a *app) workerCommand() *cobra.Command {
	var (
		db    string
		grace time.Duration
		cfg   queue.WorkerConfig
		mem   int64
	)
	cmd := &cobra.Command{
		Use:   "worker --db postgres://... [--jobs N]",
		Short: "Scan the documents of batches queued on a PostgreSQL server, on this machine",
		Long: "Take documents of batches created through `termscore serve --db postgres://...` from the job queue in\n" +
			"PostgreSQL, scan them and store their reports, until SIGINT or SIGTERM. Run any number of workers on any\n" +
			"machines that reach the database: the documents travel through the database, nothing else is shared.\n\n" +
			"A document is retried up to 3 times with growing waits (a timeout, a missing OCR tool on this machine);\n" +
			"one that cannot be read (corrupt, encrypted, unsupported, empty, too large) fails at once with its reason.\n" +
			"When a worker dies, its documents go to another worker after --rescue-after. On SIGINT or SIGTERM a\n" +
			"worker takes no new documents and finishes the running ones (up to --grace); see docs/batch.md.",
		Example: "  termscore worker --db postgres://termscore@db.internal/termscore --jobs 4",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !strings.HasPrefix(db, "postgres://") && !strings.HasPrefix(db, "postgresql://") {
				return fmt.Errorf("--db must be a postgres:// URL: workers share batches through PostgreSQL (on SQLite, `termscore serve` scans batches itself)")
			}
			rs, err := a.ruleSet()
			if err != nil {
				return err
			}
			an, err := a.analyzer(cmd, rs)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			// The store's migrations create the batch tables when a worker
			// starts before any server; its upload directory is unused
			// here, and removed at once (it was left in /tmp).
			dir, err := os.MkdirTemp("", "termscore-worker-")
			if err != nil {
				return fmt.Errorf("creating a temporary directory: %w", err)
			}
			st, err := store.Open(ctx, db, dir)
			if err == nil {
				st.Close()
			}
			os.RemoveAll(dir)
			if err != nil {
				return err
			}
			cfg.Log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
			// The worker's own memory, as a server's upload memory: every
			// document is charged what its scan costs, and waits for room.
			if mem <= 0 {
				mem = server.DefaultUploadMemory(a.limits.MaxBytes, false)
			}
			sc := &queue.Scanner{Extractor: a.extractor(), Analyzer: an, Memory: server.NewMemory(mem, a.limits)}
			fmt.Fprintf(a.stderr, "termscore worker: working batches from %s with %d jobs\n", redactURL(db), max(cfg.Jobs, 0))
			err = queue.Run(ctx, db, sc, cfg, grace)
			fmt.Fprintln(a.stderr, "termscore worker: stopped")
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&db, "db", os.Getenv("TERMSCORE_DB"), "PostgreSQL URL (default $TERMSCORE_DB)")
	f.IntVarP(&cfg.Jobs, "jobs", "j", 0, "documents scanned at once (default: one per CPU)")
	f.Int64Var(&mem, "memory", 0, "memory, in bytes, that the documents scanned at once may take, each charged what its scan costs\n"+
		"(as serve's --upload-memory); further documents wait (default: the largest document's and 128 MB more, 897 MB for --max-size 64 MB)")
	f.StringVar(&cfg.ID, "id", "", "name of this worker in batch progress (default: host-pid)")
	f.DurationVar(&grace, "grace", time.Minute, "on SIGINT/SIGTERM, how long running documents may finish before they are handed back")
	f.DurationVar(&cfg.RescueAfter, "rescue-after", 10*time.Minute, "hand a document to another worker when its worker has not finished it after this long")
	f.DurationVar(&cfg.JobTimeout, "job-timeout", 5*time.Minute, "longest time one attempt at one document may take")
	f.DurationVar(&cfg.RetryBase, "retry-base", 10*time.Second, "wait before the second attempt at a document; doubles after each failure")
	f.DurationVar(&cfg.PollInterval, "poll", time.Second, "how often an idle worker looks for work")
	f.DurationVar(&cfg.Delay, "delay", 0, "wait this long in every attempt (for tests)")
	f.MarkHidden("delay")
	return cmd
}

// redactURL hides a password in a database URL for messages.
func redactURL(url string) string {
	scheme := strings.Index(url, "://")
	at := strings.LastIndex(url, "@")
	if scheme < 0 || at < scheme {
		return url
	}
	if user, _, ok := strings.Cut(url[scheme+3:at], ":"); ok {
		return url[:scheme+3] + user + ":***" + url[at:]
	}
	return url
}
