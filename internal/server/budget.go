package server

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// budget bounds the bytes that uploads hold in memory at once: a request
// reserves what its Content-Length says (the most it may read when it
// says nothing) before its body is read, and gives it back once its file
// is analysed or queued. Without it, many uploads at once (each up to
// --max-size, or 512 MB of files from the page) hold as much memory as
// they like; the analysis slots bound only the analysis.
type budget struct {
	mu    sync.Mutex
	free  int64
	size  int64
	freed chan struct{} // closed, and replaced, whenever bytes are given back
}

func newBudget(size int64) *budget {
	return &budget{free: size, size: size, freed: make(chan struct{})}
}

// take waits until n bytes (at most the whole budget, so one request can
// always run alone) are free, or ctx is done.
func (b *budget) take(ctx context.Context, n int64) (int64, error) {
	n = min(n, b.size)
	for {
		b.mu.Lock()
		if n <= b.free {
			b.free -= n
			b.mu.Unlock()
			return n, nil
		}
		ch := b.freed
		b.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func (b *budget) give(n int64) {
	b.mu.Lock()
	b.free += n
	close(b.freed)
	b.freed = make(chan struct{})
	b.mu.Unlock()
}

// uploadWait is how long an upload waits for memory before it is refused
// as busy (Server.uploadWait, shorter in tests).
const uploadWait = 30 * time.Second

// reserve takes the memory r's upload may need from the budget; release
// gives it back. On a server too busy for it, the answer is 503 with
// Retry-After, and nothing of the body has been read.
func (s *Server) reserve(w http.ResponseWriter, r *http.Request, multi bool) (release func(), err error) {
	n := r.ContentLength
	if limit := s.uploadLimit(multi); n < 0 || n > limit {
		n = limit
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.uploadWait)
	defer cancel()
	got, err := s.uploads.take(ctx, n)
	if err != nil {
		w.Header().Set("Retry-After", "60")
		return nil, &apiError{http.StatusServiceUnavailable, "busy", "the server is busy with other uploads; try again in a minute"}
	}
	return func() { s.uploads.give(got) }, nil
}
