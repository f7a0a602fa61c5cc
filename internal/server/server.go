// Package server is `termscore serve`: the web pages (upload a contract,
// read its report, download the fixes, see and delete past scans) and the
// REST API under /api/v1, on the storage of package store.
//
// Everything runs on this machine: uploads are read and analysed in this
// process (and the local tools the extractor calls), and no document or
// text is sent anywhere.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/store"
)

// Config is how the server runs.
type Config struct {
	// Auth requires every request to carry an API token (Authorization:
	// Bearer) or a session from signing in with one; each user sees only
	// their own scans. Without it every scan belongs to one local user,
	// which is right for the default loopback-only server.
	Auth bool
	// Limits bound what one upload may cost; MaxBytes is also the
	// largest request body accepted.
	Limits extract.Limits
	NoOCR  bool
	// UploadsPerMinute is how many scans one user (or, without Auth, one
	// client address) may start per minute; 0 means 30. Bursts up to the
	// same number are allowed.
	UploadsPerMinute int
	// Concurrency is how many documents are analysed at once; 0 means the
	// number of CPUs. Further uploads wait their turn.
	Concurrency int
	// UploadMemory is the most memory that uploads being read, analysed
	// or queued, and downloads that analyse a file again, may take at
	// once, each charged what its scan will cost (scanCost: 12 times a
	// text file's size, more for short paragraphs), a batch its bytes. 0 means
	// DefaultUploadMemory. One upload larger than all of it runs alone;
	// further uploads wait their turn, up to 30 seconds, then get 503.
	UploadMemory int64
	// Memory, when set, is the upload memory, shared with the batch
	// workers of this process (queue.Scanner.Memory), so that batches and
	// uploads together stay within it; it overrides UploadMemory. nil: a
	// memory of UploadMemory bytes that only uploads take from.
	Memory *Memory
	// Retention deletes scans older than this; 0 keeps them forever.
	Retention time.Duration
	// SessionTTL is how long a sign-in lasts; 0 means 30 days.
	SessionTTL time.Duration
	// Secure marks cookies Secure (set it behind HTTPS).
	Secure bool
	Log    *slog.Logger

	// Batches serves /api/v1/batches and /batches/{id} (internal/queue);
	// nil: no batch routes. BatchRoot lets a batch name a server folder
	// under it (empty: uploads only).
	Batches   *queue.Service
	BatchRoot string

	// Analyzer analyses uploads; nil means the rule packs alone. The CLI
	// passes the same analyzer `termscore scan` uses (rules, clause models,
	// market statistics), so a scan reads the same on the web and the
	// command line.
	Analyzer *analyze.Analyzer
}

// DefaultUploadMemory is the upload memory of a server that accepts files
// of up to maxBytes, with batches or without: room for the largest upload
// (a scan of the largest file, or the 512 MB of files of one batch), and
// 128 MB more, so that ordinary contracts (16 MB each) are still read
// while it is; a second large upload waits. For the default 64 MB files
// that is 897 MB, and the server's peak memory under 1 GB with the models
// (the batch workers of a server take their documents' scans from the same
// memory: Config.Memory).
func DefaultUploadMemory(maxBytes int64, batches bool) int64 {
	n := maxScanCost(maxBytes + multipartOverhead)
	if batches {
		n = max(n, maxBatchBytes)
	}
	return n + 128<<20
}

// Server serves the pages and the API. Create it with New.
type Server struct {
	cfg      Config
	store    *store.Store
	rules    *rules.Set
	analyzer *analyze.Analyzer
	log      *slog.Logger
	pages    *pages
	slots    chan struct{} // one per concurrent analysis
	uploads  *budget       // memory held by uploads
	// uploadWait is how long an upload waits for memory (uploadWait).
	uploadWait time.Duration
	limiter    *limiter
	handler    http.Handler
	routes     []route
	serveMux   *http.ServeMux
}

// New returns a server on st using rule set rs.
func New(st *store.Store, rs *rules.Set, cfg Config) (*Server, error) {
	if cfg.Limits.MaxBytes == 0 {
		cfg.Limits = extract.DefaultLimits()
	}
	if cfg.UploadsPerMinute == 0 {
		cfg.UploadsPerMinute = 30
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = runtime.NumCPU()
	}
	if cfg.Memory != nil {
		cfg.UploadMemory = cfg.Memory.b.size
	}
	if cfg.UploadMemory <= 0 {
		cfg.UploadMemory = DefaultUploadMemory(cfg.Limits.MaxBytes, cfg.Batches != nil)
	}
	if cfg.Memory == nil {
		cfg.Memory = NewMemory(cfg.UploadMemory, cfg.Limits)
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 30 * 24 * time.Hour
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Analyzer == nil {
		cfg.Analyzer = analyze.New(rs)
	}
	p, err := newPages()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, store: st, rules: rs, analyzer: cfg.Analyzer, log: cfg.Log, pages: p,
		slots:   make(chan struct{}, cfg.Concurrency),
		uploads: cfg.Memory.b, uploadWait: uploadWait,
		limiter: newLimiter(cfg.UploadsPerMinute, time.Minute),
	}
	s.routes = s.routeTable()
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+rt.Pattern, rt.Handler)
	}
	mux.HandleFunc("/", s.notFound)
	s.serveMux = mux
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, &apiError{http.StatusForbidden, "cross_origin", "cross-origin requests are not allowed; use the page on this server"})
	}))
	s.handler = s.recover(s.secureHeaders(cop.Handler(mux)))
	return s, nil
}

// mux is the router, for tests that check the route table.
func (s *Server) mux() *http.ServeMux { return s.serveMux }

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Serve serves on l until ctx is done, then shuts down gracefully. It
// also deletes scans past the retention period, at start and hourly.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Uploading the largest accepted file over a slow line, then
		// reading it (OCR included), must fit in these.
		ReadTimeout:  5 * time.Minute,
		WriteTimeout: s.cfg.Limits.Timeout + 5*time.Minute,
		IdleTimeout:  2 * time.Minute,
		BaseContext:  func(net.Listener) context.Context { return ctx },
		ErrorLog:     slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	go s.housekeeping(ctx)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		err := hs.Shutdown(sctx)
		if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
		return err
	}
}

// housekeeping applies the retention setting and removes expired sessions
// and orphaned uploads, now and every hour.
func (s *Server) housekeeping(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		s.Housekeep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Housekeep runs one round of housekeeping.
func (s *Server) Housekeep(ctx context.Context) {
	if s.cfg.Retention > 0 {
		n, err := s.store.DeleteBefore(ctx, time.Now().Add(-s.cfg.Retention))
		if err != nil {
			s.log.Error("retention", slog.Any("err", err))
		} else if n > 0 {
			s.log.Info("retention: deleted old scans", slog.Int("scans", n))
		}
	}
	if err := s.store.DeleteExpiredTokens(ctx); err != nil {
		s.log.Error("expiring sessions", slog.Any("err", err))
	}
	if _, err := s.store.Sweep(ctx); err != nil {
		s.log.Error("sweeping uploads", slog.Any("err", err))
	}
}

// secureHeaders sets the headers every response carries: a CSP that
// allows only this server's own scripts and styles, no framing, no
// sniffing, no referrer.
func (s *Server) secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.cfg.Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// recover turns a panic in a handler into a 500 instead of a dropped
// connection, and logs it.
func (s *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", slog.String("path", r.URL.Path), slog.Any("panic", v))
				s.fail(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// isAPI tells whether r wants a JSON answer rather than a page.
// navigating reports whether r is a browser opening a page: a link
// followed or an address typed (Sec-Fetch-Dest, which browsers send only
// over HTTPS and to this machine; elsewhere their Accept names HTML).
func navigating(r *http.Request) bool {
	return r.Method == http.MethodGet && (r.Header.Get("Sec-Fetch-Dest") == "document" ||
		strings.Contains(r.Header.Get("Accept"), "text/html"))
}

func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/healthz" ||
		strings.Contains(r.Header.Get("Accept"), "application/json")
}

// fail reports err as JSON to API clients and as a page to people. A
// download link on the report page (redline.docx, report.md …) is under
// /api/, but a browser following it asks for a page: it gets the error
// page, not the JSON as text.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) && !navigating(r) {
		s.writeError(w, r, err)
		return
	}
	s.errorPage(w, r, err)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	// The catch-all pattern hides the mux's own 405s: find them again.
	var allow []string
	for _, m := range []string{"GET", "POST", "DELETE"} {
		if m == r.Method {
			continue
		}
		req := r.Clone(r.Context())
		req.Method = m
		if _, p := s.serveMux.Handler(req); p != "/" && p != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		use := allow[len(allow)-1]
		if n := len(allow); n > 1 {
			use = strings.Join(allow[:n-1], ", ") + " or " + use
		}
		s.fail(w, r, &apiError{http.StatusMethodNotAllowed, "method_not_allowed", r.Method + " is not allowed here; use " + use})
		return
	}
	s.fail(w, r, &apiError{http.StatusNotFound, "not_found", "there is nothing at " + r.URL.Path})
}

// limiter is a token bucket per key: n requests per period, bursting to n.
type limiter struct {
	mu     sync.Mutex
	n      float64
	period time.Duration
	bucket map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(n int, period time.Duration) *limiter {
	return &limiter{n: float64(n), period: period, bucket: map[string]*bucket{}}
}

// allow takes a token for key; when there is none it returns how long
// until there will be.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.bucket[key]
	if !ok {
		if len(l.bucket) > 10000 {
			// Forget full buckets rather than grow without bound.
			for k, v := range l.bucket {
				if now.Sub(v.last) > l.period {
					delete(l.bucket, k)
				}
			}
		}
		b = &bucket{tokens: l.n, last: now}
		l.bucket[key] = b
	}
	b.tokens = min(l.n, b.tokens+now.Sub(b.last).Seconds()*l.n/l.period.Seconds())
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) * float64(l.period) / l.n)
	return false, wait
}
