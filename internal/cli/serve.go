package cli

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/server"
	"github.com/termscore/termscore/internal/store"
)

func (a *app) serveCommand() *cobra.Command {
	var (
		addr, dataDir, dbURL string
		cfg                  server.Config
		workers              int // batches.go
	)
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--data DIR | --db URL]",
		Short: "Run the web app and REST API: upload a contract, read its report, download the fixes",
		Long: "Serve the TermScore web app and the REST API (/api/v1, described at /api/v1/openapi.json).\n\n" +
			"By default it listens on this machine only and keeps its data (an embedded SQLite database and the\n" +
			"uploaded files) in a per-user directory. Documents are read and analysed here; nothing is sent anywhere.\n\n" +
			"For a shared server use --auth (each user signs in with a token from `termscore serve token NAME` and\n" +
			"sees only their own scans), optionally --db postgres://… and --retention.",
		Example: "  termscore serve\n  termscore serve --addr 0.0.0.0:8080 --auth --retention 720h --db postgres://termscore@db/termscore",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return fmt.Errorf("bad --addr %q: %w", addr, err)
			}
			if ip := net.ParseIP(host); !cfg.Auth && (ip == nil || !ip.IsLoopback()) && host != "localhost" {
				return fmt.Errorf("--addr %s is reachable from other machines: add --auth so that each user signs in and sees only their own scans", addr)
			}
			dir, err := dataDirectory(dataDir)
			if err != nil {
				return err
			}
			st, err := store.Open(cmd.Context(), dbURL, dir)
			if err != nil {
				return err
			}
			defer st.Close()
			rs, err := a.ruleSet()
			if err != nil {
				return err
			}
			cfg.Limits, cfg.NoOCR = a.limits, a.noOCR
			if cfg.Analyzer, err = a.analyzer(cmd, rs); err != nil {
				return err
			}
			cfg.Log = slog.New(slog.NewTextHandler(a.stderr, nil))
			// One memory for uploads and this server's batch workers.
			if cfg.UploadMemory <= 0 {
				cfg.UploadMemory = server.DefaultUploadMemory(a.limits.MaxBytes, true)
			}
			cfg.Memory = server.NewMemory(cfg.UploadMemory, a.limits)
			if cfg.Batches, err = a.openBatches(cmd, st, dbURL, rs, workers, cfg.Memory, cfg.Log); err != nil {
				return err
			}
			defer a.closeBatches(cmd, cfg.Batches)
			srv, err := server.New(st, rs, cfg)
			if err != nil {
				return err
			}
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			where := "SQLite in " + dir
			if st.Dialect() == "postgres" {
				where = "PostgreSQL, uploads in " + dir
			}
			fmt.Fprintf(a.stderr, "TermScore is running at http://%s/ (data: %s). Press Ctrl+C to stop.\n", l.Addr(), where)
			return srv.Serve(cmd.Context(), l)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	f.StringVar(&dataDir, "data", "", "directory for the database and uploaded files (default: a per-user data directory)")
	f.StringVar(&dbURL, "db", "", "database URL, postgres://… (default: SQLite in the data directory)")
	f.BoolVar(&cfg.Auth, "auth", false, "require sign-in with an API token; each user sees only their own scans")
	f.DurationVar(&cfg.Retention, "retention", 0, "delete scans and uploads older than this, e.g. 720h (default: keep)")
	f.IntVar(&cfg.UploadsPerMinute, "uploads-per-minute", 30, "scans one user (or client address) may start per minute")
	f.IntVar(&cfg.Concurrency, "jobs", runtime.NumCPU(), "documents analysed at once")
	f.Int64Var(&cfg.UploadMemory, "upload-memory", 0, "memory, in bytes, that uploads being read and analysed may take at once, each charged what its scan\n"+
		"costs (12 times a text file's size, more for short paragraphs); further uploads wait; the documents of batches this server scans (--workers) take from it too (default: the largest upload's and 128 MB more, 897 MB for --max-size 64 MB)")
	f.BoolVar(&cfg.Secure, "secure-cookies", false, "mark cookies Secure and send HSTS (when served over HTTPS)")
	addBatchFlags(f, &workers, &cfg.BatchRoot)
	cmd.AddCommand(a.tokenCommand(&dataDir, &dbURL))
	return cmd
}

func (a *app) tokenCommand(dataDir, dbURL *string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token NAME",
		Short: "Create a user (if new) and print a new API token for them, for servers run with --auth",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := dataDirectory(*dataDir)
			if err != nil {
				return err
			}
			st, err := store.Open(cmd.Context(), *dbURL, dir)
			if err != nil {
				return err
			}
			defer st.Close()
			tok, _, err := st.NewToken(cmd.Context(), args[0], store.APIToken, 0)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, tok)
			return nil
		},
	}
	cmd.Flags().StringVar(dataDir, "data", "", "the server's data directory")
	cmd.Flags().StringVar(dbURL, "db", "", "the server's database URL")
	return cmd
}

// dataDirectory is --data, or the per-user data directory.
func dataDirectory(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "termscore"), nil
	}
	if runtime.GOOS == "linux" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home directory for the data; use --data DIR: %w", err)
		}
		return filepath.Join(home, ".local", "share", "termscore"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no per-user directory for the data; use --data DIR: %w", err)
	}
	return filepath.Join(d, "termscore"), nil
}
