package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/store"
)

// TestLoad sends 50 concurrent uploads of real contracts over loopback
// HTTP and checks that every report is stored and retrievable: none lost,
// none mixed up. It logs the median and p99 latency. It runs on SQLite,
// and on PostgreSQL too when TERMSCORE_TEST_PG is set.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped with -short")
	}
	for name, url := range testDBs() {
		t.Run(name, func(t *testing.T) { loadTest(t, url, 50) })
	}
}

func loadTest(t *testing.T, dbURL string, n int) {
	st, rs := openStore(t, dbURL)
	// A fresh owner per run keeps PostgreSQL runs apart.
	srv, err := New(st, rs, Config{UploadsPerMinute: 10 * n, Auth: true})
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := st.NewToken(t.Context(), "load-"+store.NewID()[:8], store.APIToken, 0)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	client := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: n}}

	files := []string{"freelance.md", "ica.docx", "joint-venture.pdf"}
	type outcome struct {
		file, id, sha string
		took          time.Duration
		err           error
	}
	results := make([]outcome, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			file := files[i%len(files)]
			ct, body := form(t, "file", file)
			req, _ := http.NewRequest("POST", hs.URL+"/api/v1/scans", body)
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Authorization", "Bearer "+tok)
			<-start
			t0 := time.Now()
			resp, err := client.Do(req)
			o := outcome{file: file}
			if err == nil {
				var v struct {
					ID     string `json:"id"`
					Report struct {
						Document struct {
							SHA256 string `json:"sha256"`
						} `json:"document"`
					} `json:"report"`
				}
				data, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated {
					err = fmt.Errorf("status %d: %s", resp.StatusCode, data)
				} else if err = json.Unmarshal(data, &v); err == nil {
					o.id, o.sha = v.ID, v.Report.Document.SHA256
				}
			}
			o.took, o.err = time.Since(t0), err
			results[i] = o
		}()
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	wall := time.Since(t0)

	var lat []time.Duration
	ids := map[string]bool{}
	for _, o := range results {
		if o.err != nil {
			t.Errorf("%s: %v", o.file, o.err)
			continue
		}
		lat = append(lat, o.took)
		ids[o.id] = true
		// Each stored report is the one for the file that was sent.
		want, _ := os.ReadFile("testdata/" + o.file)
		req, _ := http.NewRequest("GET", hs.URL+"/api/v1/scans/"+o.id, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(data, []byte(`"sha256":"`+o.sha+`"`)) || !bytes.Contains(data, []byte(`"name":"`+o.file+`"`)) {
			t.Errorf("scan %s of %s not retrievable intact: %d", o.id, o.file, resp.StatusCode)
		}
		if up, err := st.Upload(t.Context(), mustOwner(t, st, tok), o.id); err != nil || !bytes.Equal(up, want) {
			t.Errorf("uploaded file of %s not stored intact: %v", o.id, err)
		}
	}
	if len(ids) != n {
		t.Errorf("%d distinct scans stored for %d uploads", len(ids), n)
	}
	list, err := st.Scans(t.Context(), mustOwner(t, st, tok), 500, time.Time{})
	if err != nil || len(list) != n {
		t.Errorf("the list has %d scans, want %d (%v)", len(list), n, err)
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		p := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
		t.Logf("%d concurrent uploads: wall %v, median %v, p99 %v, max %v", n, wall.Round(time.Millisecond),
			p(0.5).Round(time.Millisecond), p(0.99).Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
	}
}

func mustOwner(t *testing.T, st *store.Store, tok string) string {
	u, err := st.UserByToken(t.Context(), tok, store.APIToken)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// TestNoOutboundConnections proves that a scan sends nothing off this
// machine: it runs uploads, downloads and the report page in a child
// process under strace, which records every connect() and sendto() of the
// process and anything it starts (pdftotext, tesseract, soffice), and
// checks that each went to loopback or a local socket.
func TestNoOutboundConnections(t *testing.T) {
	if os.Getenv("TERMSCORE_OUTBOUND_CHILD") == "1" {
		outboundChild(t)
		return
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(t.TempDir(), "strace.log")
	cmd := exec.CommandContext(t.Context(), strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", log,
		exe, "-test.run=^TestNoOutboundConnections$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "TERMSCORE_OUTBOUND_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "PTRACE") || strings.Contains(string(out), "ptrace") {
			t.Skipf("strace cannot trace here: %s", out)
		}
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestNoOutboundConnections") {
		t.Fatalf("the child did not run the scans:\n%s", out)
	}
	trace, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	inet := regexp.MustCompile(`sa_family=AF_INET6?,.*?(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")`)
	loopback := 0
	for line := range strings.Lines(string(trace)) {
		if !strings.Contains(line, "AF_INET") {
			continue
		}
		m := inet.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("unrecognised network call: %s", line)
			continue
		}
		addr := m[1] + m[2]
		if strings.HasPrefix(addr, "127.") || addr == "::1" || addr == "::ffff:127.0.0.1" {
			loopback++
			continue
		}
		t.Errorf("connection off this machine during a scan: %s", strings.TrimSpace(line))
	}
	// The child's own HTTP requests to the test server are on loopback:
	// seeing them shows the trace caught the calls it should.
	if loopback == 0 {
		t.Errorf("no loopback connection traced; the trace did not work:\n%.2000s", trace)
	}
}

func outboundChild(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	for _, f := range []string{"freelance.md", "ica.docx", "joint-venture.pdf"} {
		ct, body := form(t, "file", f)
		resp, err := http.Post(hs.URL+"/api/v1/scans", ct, body)
		if err != nil {
			t.Fatal(err)
		}
		var v struct{ ID string }
		json.NewDecoder(resp.Body).Decode(&v)
		resp.Body.Close()
		if resp.StatusCode != 201 {
			t.Fatalf("%s: %d", f, resp.StatusCode)
		}
		for _, p := range []string{"/scans/" + v.ID, "/api/v1/scans/" + v.ID + "/redline.docx", "/api/v1/scans/" + v.ID + "/report.html"} {
			resp, err := http.Get(hs.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", p, resp.StatusCode)
			}
		}
	}
}
