package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/store"
)

// oneLineHTML is a page of n short paragraphs, all on one line.
func oneLineHTML(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><title>Terms</title></head><body>")
	for i := range n {
		fmt.Fprintf(&b, "<p>%d. Fees are due.</p>", i+1)
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

// testFile is testdata/name.
func testFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// repeated is testdata/name repeated to at least n bytes.
func repeated(t *testing.T, name string, n int) []byte {
	t.Helper()
	b := testFile(t, name)
	return bytes.Repeat(append(b, "\n\n"...), n/(len(b)+2)+1)
}

// TestScanCostCoversScan: what an upload is charged is more than the heap
// its scan (read, analysed and stored) grows by, on real documents of
// each kind. The heap is sampled,
// so this checks the estimate's order, not its margin (the margin comes
// from measuring peak RSS, in the comment on minScanCost): a reader that
// came to hold several times more per byte would fail here.
func TestScanCostCoversScan(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 2 MB document")
	}
	srv, _ := newTestServer(t, Config{})
	cases := []struct {
		name string
		data []byte
	}{
		// Short paragraphs: the most per byte of every kind measured.
		{"freelance.md", repeated(t, "freelance.md", 2<<20)},
		{"acme-terms.md", repeated(t, "acme-terms.md", 1<<20)},
		// HTML with every paragraph on one line.
		{"one-line.html", oneLineHTML(20000)},
		{"ica.docx", nil},
		{"joint-venture.pdf", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if data == nil {
				data = testFile(t, tc.name)
			}
			cost := scanCost(data, extract.DefaultLimits().MaxUncompressed)
			var err error
			grew := heapGrowth(func() {
				_, err = srv.scan(t.Context(), store.LocalOwner, &upload{Name: tc.name, Data: data})
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d bytes: heap grew by %d MB at most, charged %d MB", len(data), grew>>20, cost>>20)
			if grew > cost {
				t.Errorf("scanning %d bytes grew the heap by %d MB, more than the %d MB it is charged", len(data), grew>>20, cost>>20)
			}
		})
	}
}

// heapGrowth runs f and returns the most the heap grew by while it ran,
// sampled every 2 ms.
func heapGrowth(f func()) int64 {
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	peak := make(chan uint64)
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		var most uint64
		for {
			runtime.ReadMemStats(&m)
			most = max(most, m.HeapInuse)
			select {
			case <-stop:
				peak <- most
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	return int64(<-peak) - int64(before.HeapInuse)
}

// TestRedlineCostCoversRedline: what a redlined DOCX is charged is more
// than the heap grows by while it is made and sent, as
// TestScanCostCoversScan checks for the scan. A redline that held a
// struct for every character of the document again (it took 48 bytes
// one, and several times its charge now) would fail here.
func TestRedlineCostCoversRedline(t *testing.T) {
	if testing.Short() {
		t.Skip("redlines a 2 MB document")
	}
	srv, _ := newTestServer(t, Config{UploadsPerMinute: 1000})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"freelance.md", repeated(t, "freelance.md", 2<<20)},
		{"ica.docx", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if data == nil {
				data = testFile(t, tc.name)
			}
			sc, err := srv.scan(t.Context(), store.LocalOwner, &upload{Name: tc.name, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			cost := redlineCost(data, extract.DefaultLimits().MaxUncompressed)
			var res *http.Response
			grew := heapGrowth(func() {
				if res, err = ts.Client().Get(ts.URL + "/api/v1/scans/" + sc.ID + "/redline.docx"); err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
			})
			if err != nil || res.StatusCode != 200 {
				t.Fatalf("redline.docx: %v %v", res, err)
			}
			t.Logf("%d bytes: heap grew by %d MB at most, charged %d MB", len(data), grew>>20, cost>>20)
			if grew > cost {
				t.Errorf("redlining %d bytes grew the heap by %d MB, more than the %d MB it is charged", len(data), grew>>20, cost>>20)
			}
		})
	}
}

// TestScanCostKinds: each kind of file is charged as its kind, whatever
// its name says.
func TestScanCostKinds(t *testing.T) {
	docx := testFile(t, "ica.docx")
	pdf := testFile(t, "joint-venture.pdf")
	big := repeated(t, "freelance.md", 40<<20)
	cases := []struct {
		name string
		data []byte
		want int64
	}{
		{"a small Markdown file: the floor", testFile(t, "freelance.md"), minScanCost},
		{"a small PDF: the floor", pdf, minScanCost},
		{"a 3.5 MB PDF: as a PDF", append(bytes.Clone(pdf), make([]byte, 7<<19)...), pdfBase + pdfPerByteLarge*int64(len(pdf)+7<<19)},
		{"40 MB of Markdown: by its size", big, textPerByte * int64(len(big))},
		{"HTML of 95,000 paragraphs on one line: by its paragraphs (and the page's 9 tags)", oneLineHTML(95000), perLine * (95000 + 9/2)},
	}
	for _, tc := range cases {
		if got := scanCost(tc.data, 0); got != tc.want {
			t.Errorf("%s: charged %d, want %d", tc.name, got, tc.want)
		}
	}
	// A DOCX is charged for the XML it unpacks to (at most what the
	// reader inflates), and its bytes.
	if got, most := scanCost(docx, 1), max(minScanCost, textCost(1, 0)+int64(len(docx))); got != most {
		t.Errorf("ica.docx with 1 byte of XML read at most: charged %d, want %d", got, most)
	}
	// A redlined DOCX costs twice the scan and redlineBase more: a small
	// contract's little more than the base.
	small := testFile(t, "freelance.md")
	if got := redlineCost(small, 0); got <= redlineBase || got > redlineBase+1<<20 {
		t.Errorf("a small contract's redline: charged %d, want within 1 MB above %d", got, redlineBase)
	}
	if got, want := redlineCost(big, 0), redlinePerScan*scanCost(big, 0)+redlineBase; got != want {
		t.Errorf("40 MB of Markdown's redline: charged %d, want %d", got, want)
	}
	// Before it is read, an upload is charged the most its length may cost.
	for _, n := range []int64{0, 100 << 10, 4 << 20, 64 << 20} {
		if got := maxScanCost(n); got < textCost(n, 0) || got < pdfCost(n) {
			t.Errorf("maxScanCost(%d) = %d, less than a text's %d or a PDF's %d", n, got, textCost(n, 0), pdfCost(n))
		}
	}
	// The default budget holds one largest upload, not two.
	for _, mb := range []int64{4, 64, 256} {
		max := mb << 20
		one := maxScanCost(max + multipartOverhead)
		if def := DefaultUploadMemory(max, false); def < one || def >= 2*one {
			t.Errorf("--max-size %d MB: default upload memory %d MB, want room for one largest scan (%d MB), not two", mb, def>>20, one>>20)
		}
	}
}

// TestUploadMemoryScanCost: through the real server, an upload holds what
// its scan will cost, not its bytes: with the default budget one large
// upload being sent leaves no room for a second (it waits its turn), and
// still room for an ordinary contract. A download that analyses the file
// again takes its share too.
func TestUploadMemoryScanCost(t *testing.T) {
	if testing.Short() {
		t.Skip("scans two 3.5 MB documents")
	}
	lim := extract.DefaultLimits()
	lim.MaxBytes = 4 << 20
	srv, _ := newTestServer(t, Config{Limits: lim, UploadsPerMinute: 1000})
	if want := DefaultUploadMemory(lim.MaxBytes, false); srv.uploads.size != want {
		t.Fatalf("upload memory %d, want the default %d", srv.uploads.size, want)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	bigDoc := repeated(t, "freelance.md", 3<<20+512<<10)
	ct, big := multipartBody(t, []part{{"file", "big.md"}}, [][]byte{bigDoc})
	if int64(len(big)) > lim.MaxBytes {
		t.Fatalf("the big upload (%d bytes) is over the limit", len(big))
	}
	pw, slowDone := slowUpload(t, ts, ct, big)
	// Half sent: it holds what a file of its length may cost.
	want := srv.uploads.size - maxScanCost(int64(len(big)))
	waitFree(t, srv, fmt.Sprintf("the big upload (%d bytes), half sent, does not hold its cost (want %d bytes free)", len(big), want),
		func(free int64) bool { return free == want })
	// A second upload as large waits.
	second := postAsync(ts, ct, big)
	// An ordinary contract goes ahead.
	sct, sbody := multipartBody(t, []part{{"file", "freelance.md"}}, [][]byte{testFile(t, "freelance.md")})
	select {
	case r := <-postAsync(ts, sct, sbody):
		if r.Status != 201 {
			t.Fatalf("an ordinary contract beside a large upload: %d %s", r.Status, r.Body)
		}
	case r := <-second:
		t.Fatalf("a second large upload went ahead while the first was sent: %d %s", r.Status, r.Body)
	case <-time.After(time.Minute):
		t.Fatal("an ordinary contract waited for a large upload")
	}
	r := waitsForSlow(t, second, pw, big[len(big)/2:], slowDone)
	if r.Status != 201 {
		t.Fatalf("the large upload that waited: %d %s", r.Status, r.Body)
	}
	allFree := func(when string) {
		t.Helper()
		waitFree(t, srv, "not all the budget free "+when, func(free int64) bool { return free == srv.uploads.size })
	}
	allFree("after every upload ended")

	// A download that analyses the large file again holds its cost: with
	// no room, it is refused as busy; with room, it is served.
	id, _ := r.json(t)["id"].(string)
	srv.uploadWait = 200 * time.Millisecond
	all, err := srv.uploads.take(context.Background(), srv.uploads.size)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ts.Client().Get(ts.URL + "/api/v1/scans/" + id + "/report.md")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" {
		t.Errorf("report.md with no memory free: %d, Retry-After %q; want 503 busy", res.StatusCode, res.Header.Get("Retry-After"))
	}
	srv.uploads.give(all)
	res, err = ts.Client().Get(ts.URL + "/api/v1/scans/" + id + "/report.md")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("report.md: %d", res.StatusCode)
	}
	// The redlined DOCX costs more than the scan: with only the scan's
	// cost free, it is refused.
	held, err := srv.uploads.take(context.Background(), srv.uploads.size-scanCost(bigDoc, lim.MaxUncompressed))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want int
	}{{"report.md", 200}, {"redline.docx", 503}} {
		res, err := ts.Client().Get(ts.URL + "/api/v1/scans/" + id + "/" + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("%s with a scan's cost free: %d, want %d", tc.path, res.StatusCode, tc.want)
		}
	}
	srv.uploads.give(held)
	allFree("after the downloads")
}

// slowUpload posts body to /api/v1/scans, sending half of it now and the
// rest once pw is written and closed; done has the answer's status.
func slowUpload(t *testing.T, ts *httptest.Server, ct string, body []byte) (pw *io.PipeWriter, done chan int) {
	t.Helper()
	pr, pw := io.Pipe()
	slow, err := http.NewRequest("POST", ts.URL+"/api/v1/scans", pr)
	if err != nil {
		t.Fatal(err)
	}
	slow.Header.Set("Content-Type", ct)
	slow.ContentLength = int64(len(body))
	done = make(chan int, 1)
	go func() {
		res, err := ts.Client().Do(slow)
		if err != nil {
			done <- 0
			return
		}
		res.Body.Close()
		done <- res.StatusCode
	}()
	pw.Write(body[:len(body)/2])
	return pw, done
}

// postAsync posts body to /api/v1/scans; the channel has the answer.
func postAsync(ts *httptest.Server, ct string, body []byte) chan result {
	c := make(chan result, 1)
	go func() {
		res, err := ts.Client().Post(ts.URL+"/api/v1/scans", ct, bytes.NewReader(body))
		if err != nil {
			c <- result{}
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		c <- result{res.StatusCode, res.Header, b}
	}()
	return c
}

// waitFree waits until the bytes free in srv's upload memory satisfy ok,
// and fails with msg after 5 seconds. A handler gives its memory back
// just after its answer is sent, so a client sees the answer first.
func waitFree(t *testing.T, srv *Server, msg string, ok func(free int64) bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		srv.uploads.mu.Lock()
		free := srv.uploads.free
		srv.uploads.mu.Unlock()
		if ok(free) {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("%s: %d of %d bytes free", msg, free, srv.uploads.size)
		}
	}
}

// waitsForSlow checks that the upload answering on waiting is not
// answered while the slow upload (slowUpload) is still being sent, then
// sends the slow one's rest and returns the waiting one's answer once the
// slow one succeeded.
func waitsForSlow(t *testing.T, waiting chan result, pw *io.PipeWriter, rest []byte, slowDone chan int) result {
	t.Helper()
	select {
	case r := <-waiting:
		t.Fatalf("an upload went ahead with no memory free for it: %d %s", r.Status, r.Body)
	case <-time.After(300 * time.Millisecond):
	}
	pw.Write(rest)
	pw.Close()
	if status := <-slowDone; status != 201 {
		t.Fatalf("the slow upload: %d", status)
	}
	return <-waiting
}

// TestReadAll: an upload is read into one buffer of the form's length,
// not grown step by step (which leaves its size again in garbage and
// holds up to a quarter more while the file is scanned); a file sharing
// its form with others keeps a buffer of its own size.
func TestReadAll(t *testing.T) {
	data := testFile(t, "freelance.md")
	n := int64(len(data))
	for _, tc := range []struct {
		name    string
		size    int64
		mostCap int64 // the largest buffer wanted; 0: any
	}{
		{"the form's length, a little more than the file", n + 300, n + 300},
		{"length unknown", 0, 0},
		{"a length too short", n / 3, 0},
		{"the length of a form of several files", 10 * n, n * 5 / 4},
	} {
		got, err := readAll(bytes.NewReader(data), tc.size)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: read %d bytes, %v; want the file's %d", tc.name, len(got), err, n)
		}
		if tc.mostCap > 0 && int64(cap(got)) > tc.mostCap {
			t.Errorf("%s: a buffer of %d bytes, want at most %d", tc.name, cap(got), tc.mostCap)
		}
	}
}

// TestRescanKeepsOnlyADocx: a download that analyses the file again keeps
// its bytes only for a DOCX's redline, which is written into them; for
// anything else they are let go once read, as a scan lets them go (a
// text file's redline held all of them until it was sent).
func TestRescanKeepsOnlyADocx(t *testing.T) {
	srv, _ := newTestServer(t, Config{UploadsPerMinute: 1000})
	for _, name := range []string{"freelance.md", "ica.docx"} {
		data := testFile(t, name)
		sc, err := srv.scan(t.Context(), store.LocalOwner, &upload{Name: name, Data: bytes.Clone(data)})
		if err != nil {
			t.Fatal(err)
		}
		docx := sc.Format == string(document.DOCX)
		file, rep, release, err := srv.rescan(t.Context(), httptest.NewRecorder(), store.LocalOwner, sc, redlineCost, docx)
		if err != nil {
			t.Fatal(err)
		}
		release()
		if rep.Doc.Format != document.Format(sc.Format) {
			t.Errorf("%s: read again as %s, scanned as %s", name, rep.Doc.Format, sc.Format)
		}
		if docx != (name == "ica.docx") || !docx && file != nil || docx && !bytes.Equal(file, data) {
			t.Errorf("%s (%s): rescan kept %d bytes of %d", name, sc.Format, len(file), len(data))
		}
	}
}
