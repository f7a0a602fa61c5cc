package server

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/termscore/termscore/internal/extract"
)

// budget bounds the memory that uploads take at once: what reading and
// analysing them will cost, not only their bytes (a scan of a text file
// peaks at 6 to 9 times its size; see scanCost). A request reserves the
// most its upload may cost, from its Content-Length, before its body is
// read; once the file is read that becomes what a file of its kind and
// size costs (hold.resize), and it is all given back once the file is
// analysed or queued. Without it, several large uploads at once take as
// much memory as they like; the analysis slots bound only how many are
// analysed, not how large they are.
type budget struct {
	mu    sync.Mutex
	free  int64
	size  int64
	freed chan struct{} // closed, and replaced, whenever bytes are given back
	// uploads counts the uploads waiting for memory: while there is one,
	// batch documents (takeBatch) wait, so that an upload, which someone
	// is waiting for, goes first and is not starved by a batch's queue.
	uploads int
}

func newBudget(size int64) *budget {
	return &budget{free: size, size: size, freed: make(chan struct{})}
}

// take waits until n bytes (at most the whole budget, so one request can
// always run alone) are free, or ctx is done.
func (b *budget) take(ctx context.Context, n int64) (int64, error) {
	return b.acquire(ctx, n, false, nil)
}

// takeBatch is take for a batch document: it also waits while an upload
// waits. onWait, when not nil, is called once if it has to wait.
func (b *budget) takeBatch(ctx context.Context, n int64, onWait func()) (int64, error) {
	return b.acquire(ctx, n, true, onWait)
}

func (b *budget) acquire(ctx context.Context, n int64, batch bool, onWait func()) (int64, error) {
	n = min(n, b.size)
	waiting := false
	if !batch {
		defer func() {
			if waiting {
				b.mu.Lock()
				b.uploads--
				b.wake() // batch documents may go now
				b.mu.Unlock()
			}
		}()
	}
	for {
		b.mu.Lock()
		if n <= b.free && (!batch || b.uploads == 0) {
			b.free -= n
			b.mu.Unlock()
			return n, nil
		}
		if !batch && !waiting {
			waiting = true
			b.uploads++
		}
		ch := b.freed
		b.mu.Unlock()
		if onWait != nil {
			onWait()
			onWait = nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// wake tells every waiter to look again; b.mu is held.
func (b *budget) wake() {
	close(b.freed)
	b.freed = make(chan struct{})
}

func (b *budget) give(n int64) {
	b.mu.Lock()
	b.free += n
	b.wake()
	b.mu.Unlock()
}

// Memory is a server's upload memory (--upload-memory) as something to
// share: `termscore serve` gives the same Memory to the server and to its
// batch workers (queue.Scanner.Memory), and `termscore worker` one of its
// own, so that every document scanned in a process is charged what its
// scan costs (scanCost) against one bound.
type Memory struct {
	b      *budget
	maxXML int64 // what the reader inflates of a DOCX or ODT (Limits.MaxUncompressed)
}

// NewMemory returns a memory of size bytes for scans of documents read
// within lim.
func NewMemory(size int64, lim extract.Limits) *Memory {
	if lim.MaxBytes == 0 {
		lim = extract.DefaultLimits()
	}
	return &Memory{b: newBudget(size), maxXML: lim.MaxUncompressed}
}

// Take waits, as long as ctx allows, until scanning data fits (a document
// that costs more than the whole memory waits for all of it and runs
// alone), takes that, and returns what gives it back. It is for batch
// documents: unlike an upload, no one is waiting for the answer, so it
// waits for its turn however long that takes, and lets waiting uploads
// go first. waiting, when not nil, is called once when it has to wait.
func (m *Memory) Take(ctx context.Context, data []byte, waiting func()) (release func(), err error) {
	n, err := m.b.takeBatch(ctx, scanCost(data, m.maxXML), waiting)
	if err != nil {
		return nil, fmt.Errorf("waiting for memory to scan a document: %w", err)
	}
	var once sync.Once
	return func() { once.Do(func() { m.b.give(n) }) }, nil
}

// uploadWait is how long an upload waits for memory before it is refused
// as busy (Server.uploadWait, shorter in tests).
const uploadWait = 30 * time.Second

// errBusy is the answer when the budget has no room within uploadWait.
var errBusy = &apiError{http.StatusServiceUnavailable, "busy", "the server is busy with other uploads; try again in a minute"}

// hold is memory taken from a budget by one request.
type hold struct {
	b *budget
	n int64
}

// release gives the memory back.
func (h *hold) release() {
	h.b.give(h.n)
	h.n = 0
}

// resize makes the hold n bytes (at most the whole budget). Less gives
// the rest back at once. More is taken without waiting when it is free;
// otherwise everything held is given back before waiting for all of n,
// so that two requests that both need more never wait for each other.
func (h *hold) resize(ctx context.Context, n int64) error {
	n = min(n, h.b.size)
	switch {
	case n < h.n:
		h.b.give(h.n - n)
		h.n = n
		return nil
	case n == h.n:
		return nil
	}
	if h.b.tryTake(n - h.n) {
		h.n = n
		return nil
	}
	h.release()
	got, err := h.b.take(ctx, n)
	h.n = got
	return err
}

// tryTake takes n bytes if they are free now.
func (b *budget) tryTake(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n > b.free {
		return false
	}
	b.free -= n
	return true
}

// reserve takes from the budget the most r's upload may cost before its
// body is read: what a scan of a file of its length costs when it may be
// one file to scan now (scan set), its bytes otherwise (files queued for
// a batch, scanned later). On a server too busy for it, the answer is 503
// with Retry-After, and nothing of the body has been read.
func (s *Server) reserve(w http.ResponseWriter, r *http.Request, multi, scan bool) (*hold, error) {
	n := r.ContentLength
	if limit := s.uploadLimit(multi); n < 0 || n > limit {
		n = limit
	}
	// A form longer than one file's limit holds several files: a batch.
	if scan && n <= s.uploadLimit(false) {
		n = maxScanCost(n)
	}
	h := &hold{b: s.uploads}
	if err := s.waitFor(r.Context(), w, h, n); err != nil {
		return nil, err
	}
	return h, nil
}

// afford makes h what scanning data costs (cost: scanCost, or
// redlineCost for a redlined DOCX), once the upload is read and its kind
// is known: 503 busy when that is more than h holds and does not come
// free in time.
func (s *Server) afford(ctx context.Context, w http.ResponseWriter, h *hold, data []byte, cost func([]byte, int64) int64) error {
	return s.waitFor(ctx, w, h, cost(data, s.cfg.Limits.MaxUncompressed))
}

// waitFor resizes h to n, waiting at most s.uploadWait.
func (s *Server) waitFor(ctx context.Context, w http.ResponseWriter, h *hold, n int64) error {
	ctx, cancel := context.WithTimeout(ctx, s.uploadWait)
	defer cancel()
	if err := h.resize(ctx, n); err != nil {
		w.Header().Set("Retry-After", "60")
		return errBusy
	}
	return nil
}

// What a scan costs in memory: the peak RSS of `termscore serve` taking
// one upload through POST /api/v1/scans (read, analysed, its report and
// document stored) less the server's idle RSS (about 59 MB, the rule
// packs and models), measured on 2026-11-23 on inputs made by repeating
// CUAD contracts, the most of two or three runs; docs/api.md has the
// table. In MB:
//
//	text, Markdown, HTML   4 MB: 28-61   16-17 MB: 99-237   32 MB: 214-300   63-66 MB: 451-568
//	DOCX                   1 MB (4 MB of XML): 27   4 MB (16 MB of XML): 102   16 MB stored: 125
//	PDF                    0.7 MB (200 pages): 28   3.6 MB (1,000 pages): 94   61 MB (the same, padded): 236
//
// Per byte of text that is 6 to 9 times its size, about what `termscore
// scan` takes: the server no longer stores the text of a document too
// long to show, and lets go of the file and of the analysis before it
// stores the scan (Server.scan). A file of short paragraphs costs more
// than that, by its paragraphs (1 to 1.5 KB a line: 16 MB of Markdown in
// 193,000 lines 237 MB; 95,000 paragraphs of HTML on one line, 2.2 MB,
// 101 MB), up to the 100,000 paragraphs the reader takes. Each estimate
// below is above every measurement of its kind, by a third or more.
const (
	// minScanCost is the least any upload is charged: a small contract's
	// scan takes a few MB, its report and page a few more (a 1 MB
	// contract 5 MB, 1 MB of terms of service in 25,000 lines 23 MB).
	minScanCost = 16 << 20
	// A text, Markdown or HTML file costs textPerByte times its size,
	// or perLine for each line (or two HTML tags) when that is more.
	textPerByte     = 12
	perLine         = 2 << 10
	maxLinesCharged = 200_000 // 100,000 paragraphs and the blank lines between them
	// A PDF's text can be far larger than its compressed streams (48
	// times at 200 pages), but its pages are limited (--max-pages): the
	// text of a thousand pages plus three times the file.
	pdfPerByte      = 64
	pdfBase         = 128 << 20
	pdfPerByteLarge = 3
)

// A redlined DOCX (a download that analyses the file again and rewrites it
// with its changes) costs redlinePerScan times what its scan costs before
// the floor (kindCost), and redlineBase more. Measured the same way (peak
// over idle, the upload's scan before it), the most of one to three runs:
// text of 0.1 MB 10 MB, 0.25 MB 25, 0.5 MB 37, 1 MB 44, 2 MB 55, 4 MB 82,
// 16 MB 229, 32 MB 326, 63 MB 581; HTML of 4 MB 52, of 95,000 paragraphs
// on one line (2.2 and 8 MB) 131 and 157; Markdown of 16 MB in 193,000
// lines 238; a DOCX of 7 MB of XML 98; a 1,000-page PDF 143. That is at
// most about 30 MB and 12 times the text from 0.25 MB on, which the charge
// exceeds by a third or more everywhere; a small contract's takes a few
// MB. Until the redline kept a document's characters by stretches of text,
// not a struct each, it took 2.5 to 8.2 times the scan's charge, ten times
// which it was charged (4 MB of text 399 MB, 16 MB 1.4 GB, the PDF 844
// MB). The HTML and Markdown reports cost what the scan does (0.7 to 0.94
// times its charge).
const (
	redlinePerScan = 2
	redlineBase    = 40 << 20
)

// textCost is what scanning n bytes of text, Markdown or HTML in lines
// lines costs (lines 0: not known), less the floor minScanCost.
func textCost(n, lines int64) int64 {
	return max(textPerByte*n, perLine*min(lines, maxLinesCharged))
}

func pdfCost(n int64) int64 {
	return min(pdfPerByte*n, pdfBase+pdfPerByteLarge*n)
}

// maxScanCost is what a file of n bytes is charged before it is read: the
// most a text or PDF file of its size costs. A file of short lines, or a
// DOCX or ODT (whose text is compressed), may cost more: it is charged
// that once it is read (hold.resize).
func maxScanCost(n int64) int64 {
	return max(minScanCost, textCost(n, 0), pdfCost(n))
}

// scanCost is what scanning data will cost: a PDF as a PDF, a DOCX or
// ODT as the text of its XML parts (at most maxXML bytes, what the reader
// inflates) plus the file, anything else as text (a legacy .doc and OCR
// run mostly in other processes, and are charged like text all the same).
func scanCost(data []byte, maxXML int64) int64 {
	return max(minScanCost, kindCost(data, maxXML))
}

// redlineCost is what a redlined DOCX of data costs (redlinePerScan).
func redlineCost(data []byte, maxXML int64) int64 {
	return redlinePerScan*kindCost(data, maxXML) + redlineBase
}

// kindCost is scanCost without its floor.
func kindCost(data []byte, maxXML int64) int64 {
	n := int64(len(data))
	head := data[:min(len(data), 1024)]
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return pdfCost(n)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(data), n)
		if err != nil {
			break // refused when read
		}
		var xml int64
		for _, f := range zr.File {
			if strings.HasSuffix(f.Name, ".xml") {
				xml += int64(min(f.UncompressedSize64, 1<<40))
			}
		}
		if maxXML > 0 {
			xml = min(xml, maxXML)
		}
		return textCost(xml, 0) + n
	}
	// HTML may hold every paragraph on one line: count its tags, two to
	// a paragraph (<p>…</p>), when they are more.
	lines := max(bytes.Count(data, []byte("\n"))+1, bytes.Count(data, []byte("<"))/2)
	return textCost(n, int64(lines))
}
