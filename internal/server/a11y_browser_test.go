package server

import (
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// a11yAudit lists, on the page shown, what would shut someone out: a
// control without a name, an image without a text alternative, headings
// out of order (not one h1, a level skipped), no lang.
const a11yAudit = `(() => {
  const out = [];
  const name = el => {
    if (el.getAttribute("aria-label")) return el.getAttribute("aria-label");
    const by = el.getAttribute("aria-labelledby");
    if (by) return by.split(" ").map(id => (document.getElementById(id) || {}).textContent || "").join(" ").trim();
    if (el.labels && el.labels.length) return [...el.labels].map(l => l.textContent).join(" ").trim();
    if (el.title) return el.title;
    if (["BUTTON", "A", "SUMMARY"].includes(el.tagName)) return el.textContent.trim();
    return "";
  };
  const what = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.getAttribute("name") ? "[name=" + el.getAttribute("name") + "]" : "");
  if (!document.documentElement.lang) out.push("no lang on <html>");
  document.querySelectorAll("input:not([type=hidden]), select, textarea, button, a[href], summary, progress").forEach(el => {
    if (!name(el)) out.push("no name: " + what(el));
  });
  document.querySelectorAll("img:not([alt])").forEach(el => out.push("no alt: " + what(el)));
  document.querySelectorAll("svg").forEach(el => {
    if (!el.closest("[aria-hidden=true]") && !(el.getAttribute("role") === "img" && el.getAttribute("aria-label"))) out.push("svg without aria-hidden or role=img and a label: " + what(el));
  });
  let prev = 0, h1 = 0;
  document.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(h => {
    const l = +h.tagName[1];
    if (l === 1) h1++;
    if (l > prev + 1) out.push("heading h" + l + " after h" + prev + ": " + h.textContent.trim().slice(0, 40));
    prev = l;
  });
  if (h1 !== 1) out.push(h1 + " h1 headings");
  return out;
})()`

// a11yContrast gives the contrast ratio (WCAG 2) of each severity's and
// grade's coloured text with its background, as the page's CSS draws them:
// one element of each is added to the page and its computed colours read.
const a11yContrast = `(() => {
  const rgb = c => c.match(/[\d.]+/g).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const bg = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (rgb(c).length < 4 || rgb(c)[3] === 1) return c;
    }
    return "rgb(255, 255, 255)";
  };
  const host = document.createElement("div");
  host.className = "finding";
  document.querySelector("main").append(host);
  const out = {};
  const add = (html, key) => {
    host.innerHTML = html;
    const el = host.querySelector("[data-probe]");
    const a = lum(getComputedStyle(el).color), b = lum(bg(el));
    out[key] = Math.round((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) * 100) / 100;
  };
  for (const s of ["critical", "high", "medium", "low", "info"]) {
    add('<span class="badge sev-' + s + '" data-probe>' + s + '</span>', "badge " + s);
    add('<div class="doc-text"><mark class="hl sev-' + s + '" data-probe><a href="#">passage</a></mark></div>', "highlight " + s);
  }
  for (const g of ["a", "b", "c", "d", "e"]) add('<span class="grade-chip grade-' + g + '" data-probe>' + g + '</span>', "grade " + g);
  for (const s of ["done", "failed"]) add('<span class="status-label st-' + s + '" data-probe>' + s + '</span>', "status " + s);
  add('<p class="error" data-probe>error</p>', "error message");
  host.remove();
  return out;
})()`

// focusShown says how the focused element's focus is drawn: its outline,
// or, for the file input hidden over the drop area, the area's.
const focusShown = `(() => {
  const e = document.activeElement;
  const ring = el => { const cs = getComputedStyle(el); return cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2 && +cs.opacity > 0; };
  const r = e.getBoundingClientRect();
  const shown = ring(e) || (e.closest(".drop") && ring(e.closest(".drop")));
  return (e.id || e.tagName.toLowerCase()) + (shown && r.right > 0 && r.bottom > 0 ? "" : " (focus not visible)");
})()`

// TestBrowserAccessibility checks what matters most for people using a
// screen reader, a keyboard or weak eyes, on every page: named controls,
// text alternatives, headings in order, lang; contrast of at least 4.5:1
// (WCAG AA) for the severity badges, highlights, grades and statuses in
// light and dark; and the upload done by keyboard alone, each stop of it
// with its focus visible, from the skip link to the report.
func TestBrowserAccessibility(t *testing.T) {
	srv, svc := newBatchServer(t, Config{})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	id := postScan(t, srv, nil, "file", "ica.docx").json(t)["id"].(string)
	home := do(srv, "GET", "/", nil)
	csrf := cookieValue(home.Header, csrfCookie)
	ct, body := form(t, "csrf", csrf, "file", "freelance.md", "file", "=\x00\x01\x02 not a document \xff\xfe")
	bid := strings.TrimPrefix(do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf).Header.Get("Location"), "/batches/")
	b := waitBatch(t, svc, bid)
	ctx := browser(t)
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	for _, page := range []string{"/", "/scans/" + id, "/scans/" + id + "/delete", "/history", "/batches/" + bid,
		"/batches/" + bid + "/delete", "/batches/" + bid + "/items/" + b.Items[0].ID, "/scans/00000000000000000000000000000000"} {
		must(page, chromedp.Do(ctx, chromedp.Navigate(hs.URL+page), chromedp.WaitVisible(chromedp.CSS("main"))))
		problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](a11yAudit))
		must(page, err)
		for _, p := range problems {
			t.Errorf("%s: %s", page, p)
		}
	}

	// The sign-in page of a shared server, and its refusal.
	authSrv, _ := newTestServer(t, Config{Auth: true})
	auth := httptest.NewServer(authSrv)
	t.Cleanup(auth.Close)
	must("login", chromedp.Do(ctx, chromedp.Navigate(auth.URL+"/login"), chromedp.WaitVisible(chromedp.CSS("#token")),
		chromedp.SendKeys(chromedp.CSS("#token"), "wrong token"), chromedp.Submit(chromedp.CSS("#token")), chromedp.WaitVisible(chromedp.CSS(".error"))))
	problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](a11yAudit))
	must("login", err)
	for _, p := range problems {
		t.Errorf("/login: %s", p)
	}

	must("report", chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/scans/"+id), chromedp.WaitVisible(chromedp.CSS("#findings"))))
	for _, scheme := range []string{"light", "dark"} {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		must(scheme, err)
		ratios, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](a11yContrast))
		must(scheme, err)
		if len(ratios) != 18 {
			t.Fatalf("%s: %d contrast ratios measured: %v", scheme, len(ratios), ratios)
		}
		for k, r := range ratios {
			if r < 4.5 {
				t.Errorf("%s: %s has contrast %.2f:1, under WCAG AA's 4.5:1", scheme, k, r)
			}
		}
		t.Logf("%s: %v", scheme, ratios)
	}
	_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	must("light", err)

	// By keyboard: Tab reaches the skip link first, then the file, role
	// and button, each showing its focus; Enter on the button checks the
	// contract. (Choosing the file is the system's dialog: set here.)
	good, _ := filepath.Abs("testdata/freelance.md")
	must("upload page", chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#upload")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{good})))
	var stops []string
	for range 12 {
		must("tab", chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)))
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](focusShown))
		must("focus", err)
		stops = append(stops, s)
		if s == "submit" {
			break
		}
	}
	want := []string{"a", "a", "a", "a", "file", "role", "home", "submit"} // skip link, brand, New scan, Your scans
	if fmt.Sprint(stops) != fmt.Sprint(want) {
		t.Errorf("Tab stops on the upload page: %v, want %v (each with its focus visible)", stops, want)
	}
	skip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("a.skip").getAttribute("href")`))
	must("skip", err)
	if skip != "#main" {
		t.Errorf("the skip link goes to %q", skip)
	}
	must("Enter", chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("#score"))))
}
