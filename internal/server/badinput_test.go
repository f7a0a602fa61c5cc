package server

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/store"
)

// badFile is one bad upload and what every door must say about it.
type badFile struct {
	name string
	data []byte
	// status and code of a single scan (API and page); reason is a part of
	// the message, which must also be the reader's own (the CLI's) words.
	status int
	code   string
	reason string
}

// badFiles builds the bad uploads: each is generated here or is a small
// file under testdata (encrypted.pdf, see ATTRIBUTION.md).
func badFiles(t *testing.T, max int64) []badFile {
	t.Helper()
	read := func(name string) []byte { return testFile(t, name) }
	pdf := read("joint-venture.pdf")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
	blob := make([]byte, 20000)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range blob {
		blob[i] = byte(rng.Uint32())
	}
	return []badFile{
		{"empty.txt", nil, 422, "empty", "the file is empty (0 bytes)"},
		{"image.pdf", png, 415, "unsupported", "it is a PNG image, not a PDF, and OCR (reading text from pictures) is off here"},
		{"truncated.pdf", pdf[:len(pdf)/3], 422, "invalid", "the PDF is damaged or incomplete"},
		{"encrypted.pdf", read("encrypted.pdf"), 422, "encrypted", "password-protected; remove the password"},
		{"bomb.docx", zipBomb(t, 256<<20), 413, "too_large", "more than 16 MiB of text"},
		{"deep.docx", docx(t, strings.Repeat("<w:p>", 50000)+strings.Repeat("</w:p>", 50000)), 422, "invalid", "XML nested deeper than"},
		{"photos.docx", zipOf(t, map[string]string{"readme.txt": "holiday photos", "img/a.bin": string(blob[:1000])}), 415, "unsupported", "a ZIP archive, not a document"},
		{"blob.txt", blob, 415, "unsupported", "binary data, not a document"},
		{"huge.txt", bytes.Repeat([]byte("The Contractor shall deliver the Services.\n"), int(3*max/2/40)), 413, "too_large", "larger than this server accepts"},
		{"scan-only.pdf", imagePDF(), 422, "empty", "no text layer"},
		// Within the size limit, but a few dozen bytes a line or hundreds
		// a paragraph would take gigabytes.
		{"lines.txt", bytes.Repeat([]byte("a\n"), 2_000_000), 413, "too_large", "2,000,000 lines: too many to be a contract's text"},
		{"paragraphs.txt", bytes.Repeat([]byte("A.\n\n"), 100_001), 413, "too_large", "over 100,000 paragraphs: too many to be a contract"},
	}
}

// docx is a minimal DOCX whose body is the given XML.
func docx(t *testing.T, body string) []byte {
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`,
	})
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, data := range files {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, data)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zipBomb is a DOCX whose document.xml inflates to n bytes of one
// paragraph's text, from about n/1000 bytes.
func zipBomb(t *testing.T, n int) []byte {
	t.Helper()
	d := docx(t, "")
	zr, err := zip.NewReader(bytes.NewReader(d), int64(len(d)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	for _, f := range zr.File {
		w, _ := z.Create(f.Name)
		if f.Name != "word/document.xml" {
			r, _ := f.Open()
			io.Copy(w, r)
			continue
		}
		io.WriteString(w, `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`)
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for range n >> 20 {
			w.Write(chunk)
		}
		io.WriteString(w, `</w:t></w:r></w:p></w:body></w:document>`)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// imagePDF is a one-page PDF holding only an image: a scan without a text
// layer.
func imagePDF() []byte {
	const w, h = 64, 32
	img := bytes.Repeat([]byte{0x00, 0xff}, w*h/2)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream", w, h, len(img), img),
		"<< /Length 33 >>\nstream\nq 500 0 0 250 50 500 cm /Im0 Do Q\nendstream",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// multipartBody is a form of fields in order; a file is "file" with its
// name in the pair after it: {"file", name, data}.
type part struct{ field, file string }

func multipartBody(t *testing.T, parts []part, data [][]byte) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for i, p := range parts {
		if p.file == "" {
			w.WriteField(p.field, string(data[i]))
			continue
		}
		// CreateFormFile would escape the name; a browser sends it as is,
		// with a quote as %22 (HTML's form encoding).
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="`+p.field+`"; filename="`+strings.ReplaceAll(p.file, `"`, "%22")+`"`)
		h.Set("Content-Type", "application/octet-stream")
		fw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data[i])
	}
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}

// rawPost sends a whole request over a fresh connection before reading the
// answer, as a browser posting a form does (no "Expect: 100-continue"):
// a server that closes the connection with the upload unread resets it,
// and the sender never sees the answer.
func rawPost(t *testing.T, addr, target string, header http.Header, body []byte) (int, []byte, error) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Minute))
	var req bytes.Buffer
	fmt.Fprintf(&req, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", target, addr, len(body))
	header.Write(&req)
	req.WriteString("\r\n")
	if _, err := c.Write(append(req.Bytes(), body...)); err != nil {
		return 0, nil, fmt.Errorf("sending: %w", err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return 0, nil, fmt.Errorf("reading the answer: %w", err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

var pageError = regexp.MustCompile(`(?s)<p id="error"[^>]*>(.*?)</p>`)

// TestBadUploads puts each bad file through every door of a real server
// (HTTP over TCP, SQLite, the batch pool): the API's scan, the upload page
// with and without script, several files on the page, the batch API. Each
// answer names the file and gives the reader's reason, in the reader's
// (and so the CLI's) words, with a 4xx status; nothing is stored; a good
// upload still works after each; no goroutine is left behind.
func TestBadUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates a 256 MB zip bomb")
	}
	// Large enough that a refused upload overflows the connection's
	// buffers, as a browser's does: the server must read it to be heard.
	const max = 8 << 20
	// As `termscore --no-ocr --max-size 8388608 serve` runs: the batch
	// pool reads with the server's options.
	opts := extract.Options{Limits: limitsOf(max), NoOCR: true}
	st, err := store.Open(t.Context(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := queue.Open(t.Context(), st, queue.Config{Jobs: 1, MaxBytes: max, Scanner: &queue.Scanner{Extractor: extract.New(opts), Analyzer: analyze.New(rs)}})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close(context.WithoutCancel(t.Context()))
	srv, err := New(st, rs, Config{Limits: opts.Limits, NoOCR: true, UploadsPerMinute: 10000, Batches: svc})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := ts.Client()
	addr := strings.TrimPrefix(ts.URL, "http://")
	good, err := os.ReadFile("testdata/freelance.md")
	if err != nil {
		t.Fatal(err)
	}
	post := func(t *testing.T, target string, header http.Header, parts []part, data ...[]byte) (int, []byte) {
		t.Helper()
		ct, body := multipartBody(t, parts, data)
		h := header.Clone()
		if h == nil {
			h = http.Header{}
		}
		h.Set("Content-Type", ct)
		status, b, err := rawPost(t, addr, target, h, body)
		if err != nil {
			t.Fatalf("POST %s: %v", target, err)
		}
		return status, b
	}
	message := func(b []byte) string {
		var e errorBody
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatalf("not a JSON error: %v\n%.300s", err, b)
		}
		return e.Error.Message
	}
	scanGood := func(t *testing.T) string {
		t.Helper()
		status, b := post(t, "/api/v1/scans", nil, []part{{"file", "freelance.md"}}, good)
		if status != 201 {
			t.Fatalf("a good upload after the bad ones: %d %.300s", status, b)
		}
		var v scanBody
		json.Unmarshal(b, &v)
		return v.ID
	}
	first := scanGood(t)
	res, err := client.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	csrf := cookieValue(res.Header, csrfCookie)
	page := http.Header{"Cookie": {csrfCookie + "=" + csrf}}
	script := http.Header{"Cookie": {csrfCookie + "=" + csrf}, "X-Csrf-Token": {csrf}, "Accept": {"application/json"}}
	ex := extract.New(opts)
	goroutines := runtime.NumGoroutine()

	for _, f := range badFiles(t, max) {
		t.Run(f.name, func(t *testing.T) {
			// The reader's own words, as `termscore scan` prints them.
			_, rerr := ex.ReadBytes(context.Background(), f.name, f.data)
			cli := ""
			if rerr != nil {
				cli = rerr.Error()
			}
			if f.code == "too_large" && f.name == "huge.txt" {
				// Refused by the server before the reader sees it.
				cli = f.name + ": " + tooLarge(max).Error()
			} else if fault.KindOf(rerr).String() != f.code {
				t.Fatalf("the reader says %v (%s), want %s", rerr, fault.KindOf(rerr), f.code)
			}
			check := func(door string, status int, msg string) {
				t.Helper()
				if status != f.status {
					t.Errorf("%s: status %d, want %d (%s)", door, status, f.status, msg)
				}
				if !strings.HasPrefix(msg, f.name+": ") || !strings.Contains(msg, f.reason) {
					t.Errorf("%s: %q does not name %s and say %q", door, msg, f.name, f.reason)
				}
				// The server may leave out the reader's technical detail
				// ("…: missing %%EOF") or add what to do.
				if !strings.HasPrefix(cli, msg) && !strings.HasPrefix(msg, cli) {
					t.Errorf("%s: %q is not the reader's words %q", door, msg, cli)
				}
			}

			status, b := post(t, "/api/v1/scans", nil, []part{{"file", f.name}}, f.data)
			check("POST /api/v1/scans", status, message(b))
			if got := (result{Body: b}).code(); got != f.code {
				t.Errorf("POST /api/v1/scans: code %q, want %q", got, f.code)
			}

			status, b = post(t, "/scans", script, []part{{"file", f.name}}, f.data)
			check("the page's script", status, message(b))

			status, b = post(t, "/scans", page, []part{{"csrf", ""}, {"file", f.name}}, []byte(csrf), f.data)
			m := pageError.FindSubmatch(b)
			if m == nil {
				t.Fatalf("the page without script: %d, no error shown:\n%.500s", status, b)
			}
			shown := html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(m[1]), ""))
			title, reason := uploadError(f.name, message(mustBody(post(t, "/api/v1/scans", nil, []part{{"file", f.name}}, f.data))))
			if status != f.status || shown != title+" "+reason {
				t.Errorf("the page without script: %d %q, want %d %q", status, shown, f.status, title+" "+reason)
			}

			// Several files on the page, and the batch API: the bad file fails
			// in the batch with the same words, the good one is reported. A
			// file over the size limit or empty refuses the page's batch.
			status, b = post(t, "/scans", script, []part{{"file", f.name}, {"file", "freelance.md"}}, f.data, good)
			switch {
			case f.name == "huge.txt" || f.name == "empty.txt":
				check("several files on the page", status, message(b))
			case status != 201:
				t.Errorf("several files on the page: %d %.300s", status, b)
			default:
				var v struct{ ID string }
				json.Unmarshal(b, &v)
				batchFailed(t, svc, v.ID, f.name, cli)
			}
			// The batch API fails a file over the limit alone, in the scan
			// API's words.
			status, b = post(t, "/api/v1/batches", nil, []part{{"file", f.name}}, f.data)
			if status != 201 {
				t.Fatalf("POST /api/v1/batches: %d %.300s", status, b)
			}
			var bt queue.Batch
			json.Unmarshal(b, &bt)
			batchFailed(t, svc, bt.ID, f.name, cli)
			scanGood(t)
		})
	}

	list, err := st.Scans(t.Context(), store.LocalOwner, 1000, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(list); n != 1+len(badFiles(t, max)) {
		t.Errorf("%d scans stored, want only the %d good ones", n, 1+len(badFiles(t, max)))
	}
	if data, err := st.Upload(t.Context(), store.LocalOwner, first); err != nil || !bytes.Equal(data, good) {
		t.Errorf("the first scan's upload after the bad ones: %d bytes, %v", len(data), err)
	}
	client.CloseIdleConnections()
	for end := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > goroutines+2; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines left, %d before:\n%s", runtime.NumGoroutine(), goroutines, buf[:runtime.Stack(buf, true)])
		}
	}
}

func mustBody(_ int, b []byte) []byte { return b }

// batchFailed waits for batch id and checks that its document name failed
// with the reader's words.
func batchFailed(t *testing.T, svc *queue.Service, id, name, cli string) {
	t.Helper()
	b := waitBatch(t, svc, id)
	for _, it := range b.Items {
		if it.Name != name {
			if it.Status != "done" {
				t.Errorf("batch: %s %s (%s), want done", it.Name, it.Status, it.Error)
			}
			continue
		}
		if it.Status != "failed" || it.Error != cli {
			t.Errorf("batch: %s %s %q, want failed with %q", it.Name, it.Status, it.Error, cli)
		}
	}
}

// TestUploadNames: a file's name is kept as the person knows it, through
// the scan, its report and its downloads, whatever characters it has; a
// path is cut to the name, and bidirectional controls, which would show
// the name reversed, are dropped.
func TestUploadNames(t *testing.T) {
	srv, _ := newTestServer(t, Config{UploadsPerMinute: 1000})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	good, err := os.ReadFile("testdata/freelance.md")
	if err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, tc := range []struct{ sent, want string }{
		{`q"uo'te.md`, `q"uo'te.md`},
		{`C:\Users\me\lease.md`, "lease.md"},
		{"../../etc/passwd.md", "passwd.md"},
		{"invoice\u202Efdp.md", "invoicefdp.md"},
		{"\u2067contract\u2069.md", "contract.md"},
		{"חוזה-שכירות-📝.md", "חוזה-שכירות-📝.md"},
	} {
		ct, body := multipartBody(t, []part{{"file", tc.sent}}, [][]byte{good})
		status, b, err := rawPost(t, addr, "/api/v1/scans", http.Header{"Content-Type": {ct}}, body)
		if err != nil || status != 201 {
			t.Fatalf("%q: %d %v %.200s", tc.sent, status, err, b)
		}
		var v struct {
			ID     string
			Report struct{ Document struct{ Name string } }
		}
		json.Unmarshal(b, &v)
		if v.Report.Document.Name != tc.want {
			t.Errorf("%q: the report names %q, want %q", tc.sent, v.Report.Document.Name, tc.want)
		}
		res, err := ts.Client().Get(ts.URL + "/api/v1/scans/" + v.ID + "/report.md")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		_, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
		if want := strings.TrimSuffix(tc.want, ".md") + "-report.md"; err != nil || params["filename"] != want {
			t.Errorf("%q: the download is named %q (%v), want %q", tc.sent, params["filename"], err, want)
		}
		page, err := ts.Client().Get(ts.URL + "/scans/" + v.ID)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := io.ReadAll(page.Body)
		page.Body.Close()
		if !strings.Contains(html.UnescapeString(string(p)), tc.want) || page.StatusCode != 200 {
			t.Errorf("%q: the report page (%d) does not show %q", tc.sent, page.StatusCode, tc.want)
		}
	}
}

// TestUploadMemoryBound: uploads hold at most Config.UploadMemory at once.
// One that does not fit waits until another is done, and is refused as
// busy (503, Retry-After) when that takes too long; both answers come
// before its body is read.
func TestUploadMemoryBound(t *testing.T) {
	good, err := os.ReadFile("testdata/freelance.md")
	if err != nil {
		t.Fatal(err)
	}
	ct, body := multipartBody(t, []part{{"file", "freelance.md"}}, [][]byte{good})
	// Room for one of these uploads, not two.
	srv, _ := newTestServer(t, Config{UploadMemory: int64(len(body)) * 3 / 2, UploadsPerMinute: 1000})
	// Long enough for the slow upload to be scanned once it is all sent.
	srv.uploadWait = 3 * time.Second
	ts := httptest.NewServer(srv)
	defer ts.Close()

	// A slow upload: half its body now, the rest when told.
	pw, slowDone := slowUpload(t, ts, ct, body)
	send := func() chan result { return postAsync(ts, ct, body) }

	// Let the slow upload take its memory first.
	waitFree(t, srv, "the slow upload took no memory", func(free int64) bool { return free < srv.uploads.size })
	// Waiting too long: busy.
	if r := <-send(); r.Status != 503 || r.code() != "busy" || r.Header.Get("Retry-After") == "" {
		t.Errorf("an upload with no memory free: %d %s, Retry-After %q; want 503 busy", r.Status, r.Body, r.Header.Get("Retry-After"))
	}

	// The page without script says so on the upload page.
	home := do(srv, "GET", "/", nil)
	csrf := cookieValue(home.Header, csrfCookie)
	pct, pbody := multipartBody(t, []part{{"csrf", ""}, {"file", "freelance.md"}}, [][]byte{[]byte(csrf), good})
	res, err := rawPostResult(t, ts, "/scans", http.Header{"Content-Type": {pct}, "Cookie": {csrfCookie + "=" + csrf}}, pbody)
	if err != nil {
		t.Fatal(err)
	}
	if m := pageError.FindSubmatch(res.Body); res.Status != 503 || m == nil || !strings.Contains(string(m[1]), "The server is busy with other uploads; try again in a minute.") {
		t.Errorf("the page with no memory free: %d, error %q", res.Status, m)
	}

	// Waiting its turn: done once the slow upload is.
	if r := waitsForSlow(t, send(), pw, body[len(body)/2:], slowDone); r.Status != 201 {
		t.Errorf("the upload that waited: %d %s", r.Status, r.Body)
	}
	waitFree(t, srv, "not all the budget free after every upload ended", func(free int64) bool { return free == srv.uploads.size })
}

func rawPostResult(t *testing.T, ts *httptest.Server, target string, header http.Header, body []byte) (result, error) {
	status, b, err := rawPost(t, strings.TrimPrefix(ts.URL, "http://"), target, header, body)
	return result{Status: status, Body: b}, err
}

// TestErrorPageHeadings: the error page's heading says what happened, not
// "Something went wrong" for every mistake of the person's.
func TestErrorPageHeadings(t *testing.T) {
	srv, _ := newTestServer(t, Config{UploadsPerMinute: 1})
	home := do(srv, "GET", "/", nil)
	csrf := cookieValue(home.Header, csrfCookie)
	id := postScan(t, srv, nil, "file", "freelance.md").json(t)["id"].(string)
	ct, body := form(t, "csrf", csrf, "file", "freelance.md")
	h1 := regexp.MustCompile(`<h1>([^<]*)</h1>`)
	for _, tc := range []struct {
		name   string
		res    result
		status int
		want   string
	}{
		{"unknown scan", do(srv, "GET", "/scans/00000000000000000000000000000000", nil), 404, "Not found"},
		{"delete without the form's token", do(srv, "POST", "/scans/"+id+"/delete", strings.NewReader("confirm=yes"),
			"Content-Type", "application/x-www-form-urlencoded", "Cookie", csrfCookie+"="+csrf), 403, "This page has expired"},
		{"an upload over the rate", do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf), 429, "Too many scans at once"},
	} {
		m := h1.FindSubmatch(tc.res.Body)
		if tc.res.Status != tc.status || m == nil || html.UnescapeString(string(m[1])) != tc.want {
			t.Errorf("%s: %d %q, want %d %q", tc.name, tc.res.Status, m, tc.status, tc.want)
		}
	}
}
