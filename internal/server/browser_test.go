package server

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// browser starts a headless Chromium for the test, with the flags that
// work in CI's container; it skips when Chromium is not installed (and
// fails in CI, where scripts/deps installs it).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (scripts/deps installs it)")
		}
		t.Skip("chromium is not installed")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		// Chromium makes its singleton socket's directory
		// (org.chromium.Chromium.XXXXXX) in TMPDIR and removes it only
		// when it exits of itself; a test's end kills it, so without
		// this every test left one in /tmp (213 in a day).
		chromedp.Env("TMPDIR="+t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	return bctx
}

// shot saves a screenshot when TERMSCORE_SCREENSHOTS names a directory,
// for a person to look at.
func shot(t *testing.T, ctx context.Context, name string, width, height int64) {
	t.Helper()
	dir := os.Getenv("TERMSCORE_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A newcomer's path: upload a real contract on the page, wait for the
// report, read the score, open a finding's passage, download the
// redline, delete the scan.
func TestBrowserScanFlow(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	file, _ := filepath.Abs("testdata/freelance.md")

	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	must("open the upload page", chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#upload")),
	))
	shot(t, ctx, "upload-desktop", 1280, 900)
	must("upload", chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.SetValue(chromedp.CSS("#role"), "contractor"),
		chromedp.Click(chromedp.CSS("#submit")),
		chromedp.WaitVisible(chromedp.CSS("#score")),
	))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must("location", err)
	if !strings.Contains(loc, "/scans/") {
		t.Fatalf("after upload the browser is at %s, not a report", loc)
	}
	id := loc[strings.LastIndex(loc, "/")+1:]

	// The score the page shows is the stored report's.
	sc, err := srv.store.Scan(t.Context(), "local", id)
	must("stored scan", err)
	gauge, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".gauge-score")))
	must("score", err)
	if want := strconv.FormatFloat(*sc.Score, 'f', 0, 64); strings.TrimSpace(gauge) != want {
		t.Errorf("page shows score %q, the report says %s", gauge, want)
	}
	title, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#f-1 h3")))
	must("first finding", err)
	if !strings.HasPrefix(title, "1. ") || len(title) < 8 {
		t.Errorf("first finding's title %q", title)
	}
	shot(t, ctx, "report-desktop", 1280, 900)

	// Following a finding's link brings its highlighted passage into view.
	goto1, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector("a.goto"); return a ? a.dataset.goto : ""; })()`))
	must("a finding with a passage", err)
	if goto1 == "" {
		t.Fatal("no finding links to a passage")
	}
	must("show in document", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a.goto[data-goto="`+goto1+`"]`))))
	visible, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const m = document.getElementById("p-`+goto1+`");
		if (!m || !m.classList.contains("flash")) return false;
		const r = m.getBoundingClientRect(), d = document.getElementById("doc").getBoundingClientRect();
		return r.top >= d.top && r.bottom <= d.bottom + 1 && r.top >= 0 && r.bottom <= window.innerHeight;
	})()`, chromedp.WithPollingTimeout(10*time.Second)))
	must("passage in view", err)
	if !visible {
		t.Error("the finding's passage is not in view after following its link")
	}
	passage, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#p-"+goto1)))
	must("passage text", err)
	if len(strings.TrimSpace(passage)) < 10 {
		t.Errorf("highlighted passage %q is too short", passage)
	}

	// Filtering by severity hides the others at once.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		document.querySelectorAll("#filters input[name=sev]").forEach(c => { c.checked = c.value === "high"; });
		document.getElementById("filters").dispatchEvent(new Event("change"));
		return true; })()`))
	must("filter", err)
	wrong, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("#findings .finding")].filter(li => !li.hidden && li.dataset.severity !== "high").length`))
	must("filtered", err)
	if wrong != 0 {
		t.Errorf("%d findings of other severities still shown", wrong)
	}

	// The redline downloads as a DOCX (a ZIP) from the page's link.
	dl, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.getElementById("dl-redline").href).then(async r => {
		const b = new Uint8Array(await r.arrayBuffer());
		return r.status + " " + r.headers.get("content-type") + " " + String.fromCharCode(b[0], b[1]) + " " + b.length; })`, chromedp.EvalAwaitPromise))
	must("download", err)
	if !strings.HasPrefix(dl, "200 application/vnd.openxmlformats-officedocument.wordprocessingml.document PK ") {
		t.Errorf("redline download: %s", dl)
	}

	// Phone width.
	must("phone", chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile), chromedp.Reload()))
	shot(t, ctx, "report-phone", 390, 844)
	must("phone upload page", chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#upload"))))
	shot(t, ctx, "upload-phone", 390, 844)

	// Delete it from the history: the page asks first, naming the
	// document; Cancel goes back and keeps it.
	must("history", chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(hs.URL+"/history"),
		chromedp.Click(chromedp.CSS(`a[href="/scans/`+id+`/delete?from=history"]`)),
		chromedp.WaitVisible(chromedp.CSS("#confirm-delete")),
	))
	question, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main h1")))
	must("confirm page", err)
	if question != "Delete “freelance.md”?" {
		t.Errorf("the confirmation asks %q", question)
	}
	shot(t, ctx, "delete-desktop", 1280, 900)
	must("cancel", chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#cancel-delete")), chromedp.WaitVisible(chromedp.CSS("table.history"))))
	if _, err := srv.store.Scan(t.Context(), "local", id); err != nil {
		t.Fatalf("Cancel deleted the scan: %v", err)
	}
	// Then from its report page, confirming.
	must("delete", chromedp.Do(ctx,
		chromedp.Navigate(hs.URL+"/scans/"+id),
		chromedp.WaitVisible(chromedp.CSS("#delete")),
		chromedp.Click(chromedp.CSS("#delete")),
		chromedp.WaitVisible(chromedp.CSS("#confirm-delete")),
	))
	if _, err := srv.store.Scan(t.Context(), "local", id); err != nil {
		t.Fatalf("asking deleted the scan: %v", err)
	}
	must("confirm", chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#confirm-delete")), chromedp.WaitVisible(chromedp.CSS(".flash"))))
	shot(t, ctx, "history-desktop", 1280, 900)
	if _, err := srv.store.Scan(t.Context(), "local", id); err == nil {
		t.Error("the scan is still stored after deleting it on the page")
	}
}

// Without script the upload form posts itself: a bad file re-shows the
// page with the reason, a good one leads to its report, and the CSRF
// token is in no URL the browser visited.
func TestBrowserUploadWithoutScript(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	bad := filepath.Join(t.TempDir(), "contract.pdf")
	os.WriteFile(bad, []byte("%PDF-1.7\n1 0 obj garbage"), 0o644)
	good, _ := filepath.Abs("testdata/freelance.md")
	var (
		mu   sync.Mutex
		urls []string
	)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			urls = append(urls, e.Request.URL)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	upload := func(file string) error {
		return chromedp.Do(ctx,
			chromedp.Navigate(hs.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS("#upload")),
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
			chromedp.Click(chromedp.CSS("#submit")),
		)
	}
	if err := upload(bad); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#error"))); err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#error")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(msg, "Couldn't check contract.pdf.") {
		t.Errorf("error shown without script: %q", msg)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if loc != hs.URL+"/scans" {
		t.Errorf("after a failed upload the browser is at %s", loc)
	}
	if err := upload(good); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#score"))); err != nil {
		t.Fatal(err)
	}
	history, err := chromedp.Run(ctx, chromedp.Evaluate[int](`history.length`))
	if err != nil {
		t.Fatal(err)
	}
	if history < 3 {
		t.Errorf("history has %d entries", history)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, u := range urls {
		if strings.Contains(u, "csrf") {
			t.Errorf("the CSRF token is in a URL: %s", u)
		}
	}
	if len(urls) < 4 {
		t.Errorf("saw only %d requests: %v", len(urls), urls)
	}
}

// A file the server cannot read gives a clear message on the upload page.
func TestBrowserBadUpload(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	bad := filepath.Join(t.TempDir(), "contract.pdf")
	os.WriteFile(bad, []byte("%PDF-1.7\n1 0 obj garbage"), 0o644)
	err := chromedp.Do(ctx,
		chromedp.Navigate(hs.URL+"/"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{bad}),
		chromedp.Click(chromedp.CSS("#submit")),
		chromedp.WaitVisible(chromedp.CSS("#error")))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#error")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "contract.pdf") || len(msg) < 20 {
		t.Errorf("error shown: %q", msg)
	}
	shot(t, ctx, "upload-error-desktop", 1280, 900)
	if list, _ := srv.store.Scans(t.Context(), "local", 10, time.Time{}); len(list) != 0 {
		t.Errorf("a failed upload was stored: %+v", list)
	}
}

// A real contract's report fits a phone's width (a long category name in
// the filter or a long quote once made it 65 px wider than the screen),
// and on a desktop every finding's highlight in the document covers the
// words its quote shows.
func TestBrowserReportLayout(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	r := postScan(t, srv, nil, "file", "ica.docx", "role", "contractor")
	if r.Status != 201 {
		t.Fatalf("scan: %d %s", r.Status, r.Body)
	}
	url := hs.URL + "/scans/" + r.json(t)["id"].(string)

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#score"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "report-ica-phone", 390, 844)
	// Against 390, not innerWidth: a mobile viewport widens to its content.
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")]
		.filter(e => e.getBoundingClientRect().right > 390.5)
		.map(e => e.tagName + "." + e.className + " ends at " + Math.round(e.getBoundingClientRect().right)).slice(0, 5)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(wide) > 0 {
		t.Errorf("wider than the 390 px screen: %v", wide)
	}

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#score"))); err != nil {
		t.Fatal(err)
	}
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const norm = s => s.replace(/\s+/g, "");
		const out = [];
		let n = 0;
		document.querySelectorAll("#findings .finding").forEach(li => {
			if (!li.querySelector("a.goto") || li.querySelector(".badge.missing")) return;
			n++;
			const id = li.id.slice(2), bq = li.querySelector("blockquote");
			let quote = bq ? bq.textContent : "";
			const lead = bq && bq.querySelector(".lead");
			if (lead) quote = quote.slice(lead.textContent.length);
			const hl = [...document.querySelectorAll("mark.hl")].filter(m => m.dataset.refs.split(" ").includes(id)).map(m => m.textContent).join("");
			if (norm(hl) !== norm(quote)) out.push("finding " + id + ": quote «" + quote.trim().slice(0, 80) + "» highlight «" + hl.trim().slice(0, 80) + "»");
		});
		if (n < 5) out.push("only " + n + " findings with a passage");
		// Every missing protection with a place shows it in the document.
		document.querySelectorAll("#findings .finding").forEach(li => {
			const a = li.querySelector("a.goto");
			if (!a || !li.querySelector(".badge.missing")) return;
			const m = document.getElementById(a.getAttribute("href").slice(1));
			if (!m || !m.classList.contains("insert") || !m.textContent.includes(li.querySelector("h3").textContent.replace(/^\d+\. /, "")))
				out.push("finding " + li.id + ": no marker where it belongs");
		});
		// The words that triggered a finding stand out in its quote and in
		// the document, and are the same words.
		const q = [...document.querySelectorAll("#findings blockquote mark.match")].map(m => norm(m.textContent));
		const d = norm([...document.querySelectorAll("mark.hl.match")].map(m => m.textContent).join(""));
		if (q.length < 3) out.push("only " + q.length + " quotes show the words that triggered them");
		q.forEach(w => { if (!d.includes(w)) out.push("«" + w + "» is not emphasised in the document"); });
		return out; })()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Error(b)
	}
}

// The history fits a phone, and its Delete links read as one word (they
// once broke into "D/el/et/e", one letter pair a line).
func TestBrowserHistoryPhone(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	// A long name leaves the actions column little room.
	for _, name := range []string{"common-paper-independent-contractor-agreement.docx", "ica.docx"} {
		data, err := os.ReadFile("testdata/ica.docx")
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
		mw.Close()
		if r := do(srv, "POST", "/api/v1/scans", &body, "Content-Type", mw.FormDataContentType()); r.Status != 201 {
			t.Fatalf("scan %s: %d", name, r.Status)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(hs.URL+"/history"), chromedp.WaitVisible(chromedp.CSS("table.history"))); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "history-phone", 390, 844)
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 390.5)
			.map(e => e.tagName + "." + e.className + " ends at " + Math.round(e.getBoundingClientRect().right)).slice(0, 5);
		const links = [...document.querySelectorAll("table.history a.danger")];
		if (links.length !== 2) out.push(links.length + " delete links");
		links.forEach(a => { if (a.getClientRects().length !== 1 || a.getBoundingClientRect().height > 30) out.push("«" + a.textContent + "» wraps: " + Math.round(a.getBoundingClientRect().height) + " px high"); });
		// A size stays whole: "23 KB", not "23" at one line's end and "KB"
		// on the next.
		document.querySelectorAll("table.history .meta").forEach(m => {
			const t = m.firstChild, s = t.textContent, i = s.search(/\d+\s(KB|MB|bytes)$/);
			if (i < 0) { out.push("no size in «" + s + "»"); return; }
			const r = document.createRange();
			r.setStart(t, i);
			r.setEnd(t, s.length);
			if (new Set([...r.getClientRects()].map(c => Math.round(c.top))).size !== 1) out.push("«" + s.slice(i) + "» is split over two lines");
		});
		return out; })()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Error(b)
	}
}

// The sign-in form's button stands clear of the token field above it
// (they once touched).
func TestBrowserLoginPage(t *testing.T) {
	srv, _ := newTestServer(t, Config{Auth: true})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	for _, w := range []int64{1280, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 844), chromedp.Navigate(hs.URL+"/login"), chromedp.WaitVisible(chromedp.CSS("#token"))); err != nil {
			t.Fatal(err)
		}
		shot(t, ctx, "login-"+strconv.FormatInt(w, 10), w, 844)
		gap, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("form.login button").getBoundingClientRect().top - document.getElementById("token").getBoundingClientRect().bottom`))
		if err != nil {
			t.Fatal(err)
		}
		if gap < 8 {
			t.Errorf("at %d px the Sign in button is %.0f px below the token field", w, gap)
		}
	}
}

// Ten contracts at once, here three: they are dropped on the upload page
// together, become a batch whose page follows them, each opens as a
// report, and the batch is deleted from its page and leaves the history.
// Without script the same form posts the three files itself.
func TestBrowserBatchFlow(t *testing.T) {
	var files []string
	for _, f := range []string{"freelance.md", "ica.docx", "joint-venture.pdf"} {
		p, _ := filepath.Abs("testdata/" + f)
		files = append(files, p)
	}
	for _, script := range []bool{true, false} {
		t.Run(map[bool]string{true: "script", false: "no-script"}[script], func(t *testing.T) {
			srv, svc := newBatchServer(t, Config{})
			hs := httptest.NewServer(srv)
			t.Cleanup(hs.Close)
			ctx := browser(t)
			must := func(step string, err error) {
				t.Helper()
				if err != nil {
					t.Fatalf("%s: %v", step, err)
				}
			}
			if !script {
				_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				must("disable script", err)
			}
			// The three contracts would each be read as the contractor;
			// the person reviews them as the client.
			must("choose a role and three files", chromedp.Do(ctx,
				chromedp.EmulateViewport(1280, 900),
				chromedp.Navigate(hs.URL+"/"),
				chromedp.WaitVisible(chromedp.CSS("#upload")),
				chromedp.SetValue(chromedp.CSS("#role"), "client"),
				chromedp.SetUploadFiles(chromedp.CSS("#file"), files),
			))
			if script {
				hint, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#file-hint")))
				must("hint", err)
				button, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#submit")))
				must("button", err)
				if !strings.HasPrefix(hint, "3 files · ") || !strings.HasSuffix(hint, "as a batch, each as the client") || button != "Check the 3 contracts" {
					t.Errorf("three files chosen: hint %q, button %q", hint, button)
				}
				shot(t, ctx, "upload-batch-desktop", 1280, 900)
				shot(t, ctx, "upload-batch-phone", 390, 844)
				must("viewport", chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
			}
			must("submit", chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS("#batch"))))
			loc, err := chromedp.Run(ctx, chromedp.Location())
			must("location", err)
			if !strings.Contains(loc, "/batches/") {
				t.Fatalf("after uploading three files the browser is at %s, not a batch", loc)
			}
			id := loc[strings.LastIndex(loc, "/")+1:]
			b := waitBatch(t, svc, id)
			if b.Total != 3 || b.Done != 3 || b.Role != "client" {
				t.Fatalf("batch: %d done, %d failed of %d, role %q; want 3 done as the client", b.Done, b.Failed, b.Total, b.Role)
			}
			// With script the page reloads itself until it is finished;
			// without, the person follows Refresh.
			if script {
				must("finished", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#batch[data-finished="true"]`))))
			} else {
				must("refresh", chromedp.Do(ctx, chromedp.Navigate(loc), chromedp.WaitVisible(chromedp.CSS(`#batch[data-finished="true"]`))))
			}
			status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#progress-h")))
			must("status", err)
			if status != "Finished" {
				t.Errorf("the finished batch's page says %q", status)
			}
			role, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#batch-role")))
			must("role", err)
			if !strings.EqualFold(role, "all read as the client") { // the eyebrow is in capitals
				t.Errorf("the batch's page says %q of its role", role)
			}
			if script {
				shot(t, ctx, "batch-desktop", 1280, 900)
				shot(t, ctx, "batch-phone", 390, 844)
				// On a phone nothing of the batch's page or of the history
				// listing it (with its Delete) runs past the screen.
				for _, page := range []string{loc, hs.URL + "/history"} {
					must("phone", chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
						chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("main"))))
					wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 390.5)
						.map(e => e.tagName + "." + e.className + " ends at " + Math.round(e.getBoundingClientRect().right)).slice(0, 5)`))
					must("widths", err)
					for _, w := range wide {
						t.Errorf("%s on a phone: %s", page, w)
					}
				}
				shot(t, ctx, "history-batch-phone", 390, 844)
				must("viewport", chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
				shot(t, ctx, "history-batch-desktop", 1280, 900)
				must("back", chromedp.Do(ctx, chromedp.Navigate(loc), chromedp.WaitVisible(chromedp.CSS("#batch"))))
			}
			item := b.Items[1]
			must("open a report", chromedp.Do(ctx,
				chromedp.Click(chromedp.CSS(`a[href="/batches/`+id+`/items/`+item.ID+`"]`)),
				chromedp.WaitVisible(chromedp.CSS("#findings")),
			))
			name, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
			must("report name", err)
			if !strings.Contains(name, item.Name) {
				t.Errorf("the report page of %s is headed %q", item.Name, name)
			}
			eyebrow, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".eyebrow")))
			must("report role", err)
			if !strings.HasSuffix(strings.ToLower(eyebrow), "read as the client") {
				t.Errorf("the report of %s says %q, not read as the client", item.Name, eyebrow)
			}
			must("delete from the batch's page", chromedp.Do(ctx,
				chromedp.Navigate(loc),
				chromedp.WaitVisible(chromedp.CSS("#delete-batch")),
				chromedp.Click(chromedp.CSS("#delete-batch")),
				chromedp.WaitVisible(chromedp.CSS("#confirm-delete")),
			))
			question, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main h1")))
			must("question", err)
			if question != "Delete “freelance.md and 2 more”?" {
				t.Errorf("the confirmation asks %q", question)
			}
			if script {
				shot(t, ctx, "batch-delete-desktop", 1280, 900)
				shot(t, ctx, "batch-delete-phone", 390, 844)
				must("viewport", chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))
			}
			must("confirm", chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#confirm-delete")), chromedp.WaitVisible(chromedp.CSS(".flash"))))
			if script {
				shot(t, ctx, "history-after-batch-delete", 1280, 900)
			}
			listed, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('a[href^="/batches/`+id+`"]')`))
			must("history", err)
			if listed {
				t.Error("the history still lists the deleted batch")
			}
			if _, err := svc.Batch(t.Context(), "local", id); err == nil {
				t.Error("the batch is still stored after deleting it on the page")
			}
		})
	}
}

// A file over the server's limit is refused by the page before it is
// sent, in the server's words; nothing is posted.
func TestBrowserFileTooLarge(t *testing.T) {
	srv, _ := newTestServer(t, Config{Limits: limitsOf(20 << 10)})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	big, _ := filepath.Abs("testdata/ica.docx") // 24 KB
	var (
		mu    sync.Mutex
		posts int
	)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request.Method == "POST" {
			mu.Lock()
			posts++
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#upload")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{big}),
		chromedp.Click(chromedp.CSS("#submit")),
		chromedp.WaitVisible(chromedp.CSS("#error")),
	); err != nil {
		t.Fatal(err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#error")))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Couldn't check ica.docx. The file is larger than this server accepts (20 KB); upload a smaller file."; msg != want {
		t.Errorf("error shown: %q, want %q", msg, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if posts != 0 {
		t.Errorf("%d uploads were sent", posts)
	}
}

// A reviewer in California picks the jurisdiction on the upload page: the
// report page says so and its suggested wording names California, the
// Markdown report downloaded from it too, and the upload page remembers
// the choice for the next contract.
func TestBrowserHome(t *testing.T) {
	srv, _ := newBatchServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	file, _ := filepath.Abs("testdata/freelance.md")
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	must("upload with a jurisdiction", chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#upload")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.SetValue(chromedp.CSS("#home"), "US-CA"),
		chromedp.Click(chromedp.CSS("#submit")),
		chromedp.WaitVisible(chromedp.CSS("#score")),
	))
	// The line is styled in capitals: read its text as written.
	home, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("home").textContent`))
	must("home on the report", err)
	if home != "home: California" {
		t.Errorf("the report page says %q, want \"home: California\"", home)
	}
	// Open the venue finding's suggested wording as a reader would.
	wording, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const p = [...document.querySelectorAll("#findings .suggestion")].find(p => p.textContent.startsWith("The courts of"));
		if (!p) return "";
		p.closest("details").querySelector("summary").click();
		return p.checkVisibility() ? p.textContent : "hidden: " + p.textContent; })()`))
	must("suggested wording", err)
	if want := "The courts of the State of California have jurisdiction over any dispute arising out of this contract."; wording != want {
		t.Errorf("the venue finding suggests %q, want %q", wording, want)
	}
	shot(t, ctx, "report-home", 1280, 900)
	md, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href$="/report.md"]').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	must("Markdown download", err)
	if !strings.Contains(md, "governed by the laws of the State of California") {
		t.Errorf("the downloaded Markdown report does not name California:\n%.300s", md)
	}

	must("back to the upload page", chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#upload"))))
	picked, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = document.getElementById("home"); return s.value + " " + s.selectedOptions[0].textContent; })()`))
	must("remembered", err)
	if picked != "US-CA California" {
		t.Errorf("the upload page has %q picked, want the jurisdiction chosen before", picked)
	}
	// Several files: the hint says the batch will be read with it.
	other, _ := filepath.Abs("testdata/acme-terms.md")
	must("two files", chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file, other})))
	hint, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#file-hint")))
	must("hint", err)
	if !strings.HasPrefix(hint, "2 files · ") || !strings.HasSuffix(hint, "checked together as a batch, home: California") {
		t.Errorf("two files chosen: hint %q", hint)
	}
	shot(t, ctx, "upload-home", 1280, 900)
}

// The upload page names the chosen file with its size as a person reads
// it: an empty file is "0 bytes" (not "1 KB"), a large one in MB (not
// "92345 KB"). The role and jurisdiction choices start at one edge; on a
// phone, each under its label, they are as wide as each other.
func TestBrowserChosenFile(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	big := filepath.Join(dir, "big.md")
	good, err := os.ReadFile("testdata/freelance.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, bytes.Repeat(good, 3<<20/len(good)+40), 0o644); err != nil { // 3.4 MB
		t.Fatal(err)
	}
	ica, _ := filepath.Abs("testdata/ica.docx")
	if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#upload"))); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, want string }{
		{empty, "empty.txt · 0\u00a0bytes"},
		{ica, "ica.docx · 24\u00a0KB"},
		{big, "big.md · 3.4\u00a0MB"},
	} {
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{tc.file})); err != nil {
			t.Fatal(err)
		}
		hint, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#file-hint")))
		if err != nil {
			t.Fatal(err)
		}
		if hint != tc.want {
			t.Errorf("chose %s: the page says %q, want %q", filepath.Base(tc.file), hint, tc.want)
		}
	}

	for _, w := range []int64{390, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 844)); err != nil {
			t.Fatal(err)
		}
		box, err := chromedp.Run(ctx, chromedp.Evaluate[[][]float64](`["role", "home"].map(id => { const r = document.getElementById(id).getBoundingClientRect(); return [r.left, r.width]; })`))
		if err != nil {
			t.Fatal(err)
		}
		if box[0][0] != box[1][0] {
			t.Errorf("at %d px the role choice starts at %.0f px, the jurisdiction at %.0f px", w, box[0][0], box[1][0])
		}
		if w == 390 && box[0][1] != box[1][1] {
			t.Errorf("at %d px the role choice is %.0f px wide, the jurisdiction %.0f px", w, box[0][1], box[1][1])
		}
		if w == 1280 && box[0][1] >= box[1][1] {
			t.Errorf("at %d px the role choice (%.0f px) is no narrower than the jurisdiction (%.0f px): each should be as wide as its options", w, box[0][1], box[1][1])
		}
	}
}

// A download on the report page that fails (the server is busy with other
// uploads; the scan was deleted meanwhile) opens the error page, saying
// what happened: not the API's JSON as text, nor, as with the links'
// "download" attribute before, a failed download with no reason. API
// clients still get JSON.
func TestBrowserDownloadError(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	srv.uploadWait = 100 * time.Millisecond
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	id := postScan(t, srv, nil, "file", "freelance.md").json(t)["id"].(string)
	// A download that works leaves the report page where it is.
	if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/scans/"+id), chromedp.WaitVisible(chromedp.CSS("#score")),
		chromedp.Click(chromedp.CSS(`a[href$="/report.json"]`)), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || loc != hs.URL+"/scans/"+id {
		t.Errorf("after downloading the JSON report the browser is at %s (%v)", loc, err)
	}
	all, err := srv.uploads.take(t.Context(), srv.uploads.size)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		link, h1, msg string
	}{
		{"redline.docx", "The server is busy", "The server is busy with other uploads; try again in a minute."},
		{"report.md", "Not found", `No scan with id "` + id + `". It may have been deleted, or belong to another account.`},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/scans/"+id), chromedp.WaitVisible(chromedp.CSS("#score"))); err != nil {
			t.Fatal(err)
		}
		if tc.h1 == "Not found" {
			// Deleted (from another tab) after the page was opened.
			srv.uploads.give(all)
			if r := do(srv, "DELETE", "/api/v1/scans/"+id, nil); r.Status != 204 {
				t.Fatalf("delete: %d", r.Status)
			}
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href$="/`+tc.link+`"]`)), chromedp.WaitVisible(chromedp.CSS("p.error"))); err != nil {
			t.Fatalf("%s failing: %v", tc.link, err)
		}
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil {
			t.Fatal(err)
		}
		msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("p.error")))
		if err != nil {
			t.Fatal(err)
		}
		if h1 != tc.h1 || msg != tc.msg {
			t.Errorf("%s failing: the browser shows %q, %q; want %q, %q", tc.link, h1, msg, tc.h1, tc.msg)
		}
		if r := do(srv, "GET", "/api/v1/scans/"+id+"/"+tc.link, nil); r.code() == "" {
			t.Errorf("%s failing, to an API client: %d %.80s, not a JSON error", tc.link, r.Status, r.Body)
		}
	}
}

// By keyboard, "Show in the document" takes the focus to the passage (its
// link back to the finding), "Show where it belongs" to the "+ missing
// here" mark, and either link takes it back to the finding: before, the
// page scrolled but the focus stayed where it was (or, from a missing
// mark, fell to the page), so Tab went on through the findings and the
// passage was out of reach.
func TestBrowserKeyboardPassage(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := browser(t)
	id := postScan(t, srv, nil, "file", "freelance.md", "role", "contractor").json(t)["id"].(string)
	if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/scans/"+id), chromedp.WaitVisible(chromedp.CSS("#score"))); err != nil {
		t.Fatal(err)
	}
	focused := func() string {
		t.Helper()
		f, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = document.activeElement;
			const m = e.closest("mark.hl, a.insert, li.finding");
			return m ? m.id + " " + e.tagName + (e.closest("#doc") ? " in the document" : "") : e.tagName + "." + e.className; })()`))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, link := range []string{"Show in the document", "Show where it belongs"} {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = [...document.querySelectorAll("a.goto")].find(a => a.textContent === "`+link+`");
			if (!a) return ""; a.focus(); return a.dataset.goto; })()`))
		if err != nil || n == "" {
			t.Fatalf("no %q link: %v", link, err)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if got := focused(); got != "p-"+n+" A in the document" {
			t.Errorf("after Enter on finding %s's %q the focus is on %s, not its place in the document", n, link, got)
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if got := focused(); got != "f-"+n+" LI" {
			t.Errorf("after Enter on finding %s's place in the document the focus is on %s, not the finding", n, got)
		}
	}
}
