package server

import (
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFindingNumbersAgree: a finding has one number everywhere a reader
// meets it. A real contract read as the contractor: the report page, its
// addenda ("answers finding 3"), the downloaded HTML report, the
// Markdown report and the JSON report's order give every finding the
// same number, so the addendum for late payment answers the finding the
// downloaded report numbers as the missing late fee.
func TestFindingNumbersAgree(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	r := postScan(t, srv, nil, "file", "freelance.md", "role", "contractor")
	if r.Status != 201 {
		t.Fatalf("scan: %d %s", r.Status, r.Body)
	}
	v := r.json(t)
	id := v["id"].(string)
	var rules []string
	for _, f := range v["report"].(map[string]any)["findings"].([]any) {
		rules = append(rules, f.(map[string]any)["rule"].(string))
	}
	get := func(path string) string {
		t.Helper()
		r := do(srv, "GET", path, nil)
		if r.Status != 200 {
			t.Fatalf("GET %s: %d", path, r.Status)
		}
		return string(r.Body)
	}
	// number → title, as each output shows it.
	titles := func(out, pattern string) map[int]string {
		t.Helper()
		m := map[int]string{}
		for _, g := range regexp.MustCompile(pattern).FindAllStringSubmatch(out, -1) {
			if g[1] != g[2] {
				t.Errorf("%s: anchor %s holds finding %s", pattern, g[1], g[2])
			}
			n, _ := strconv.Atoi(g[2])
			m[n] = html.UnescapeString(strings.ReplaceAll(g[3], `\`, ""))
		}
		return m
	}
	page := get("/scans/" + id)
	onPage := titles(page, `<li class="finding[^"]*" id="f-(\d+)"[\s\S]*?<h3>(\d+)\. (.*?)</h3>`)
	htmlRep := get("/api/v1/scans/" + id + "/report.html")
	inHTML := titles(htmlRep, `<div class="finding[^"]*" id="d1-f(\d+)">\s*<h3><span class="n">(\d+)\.</span>(.*?)</h3>`)
	md := get("/api/v1/scans/" + id + "/report.md")
	inMD := titles(md, `(?m)^### ((\d+))\. (.*)$`) // no anchors: the number twice
	if len(onPage) != len(rules) || len(onPage) < 4 {
		t.Fatalf("%d findings on the page, %d in the report; want the same, at least 4", len(onPage), len(rules))
	}
	for n := 1; n <= len(rules); n++ {
		if inHTML[n] != onPage[n] || inMD[n] != onPage[n] {
			t.Errorf("finding %d: page %q, HTML report %q, Markdown %q", n, onPage[n], inHTML[n], inMD[n])
		}
		// The HTML report's finding n is the JSON report's n-th.
		rule := regexp.MustCompile(`id="d1-f` + strconv.Itoa(n) + `">[\s\S]*?<code>([^<]+)</code>`).FindStringSubmatch(htmlRep)
		if rule == nil || rule[1] != rules[n-1] {
			t.Errorf("HTML report's finding %d is %v; the JSON report's is %s", n, rule, rules[n-1])
		}
		// Its mark in the document text carries the same number.
		if !strings.Contains(htmlRep, `href="#d1-f`+strconv.Itoa(n)+`"`) {
			t.Errorf("no mark in the HTML report's text links to finding %d", n)
		}
	}

	// The addenda the page offers name findings by these numbers.
	answered := 0
	for _, a := range regexp.MustCompile(`/addenda/([a-z-]+)">[^<]*</a> <span class="answers">answers (.*?)</span>`).FindAllStringSubmatch(page, -1) {
		kind := a[1]
		for _, g := range regexp.MustCompile(`href="#f-(\d+)">finding (\d+)<`).FindAllStringSubmatch(a[2], -1) {
			n, _ := strconv.Atoi(g[2])
			if g[1] != g[2] || n < 1 || n > len(rules) || !slices.Contains(addendumRules[kind], rules[n-1]) {
				t.Errorf("the %s addendum answers finding %s (anchor f-%s), which is %v", kind, g[2], g[1], rules[max(0, min(n, len(rules))-1)])
				continue
			}
			answered++
			t.Logf("the %s addendum answers finding %d: %q in the HTML report, %q in the Markdown", kind, n, inHTML[n], inMD[n])
		}
	}
	// No-AI-training answers finding 1; late payment a low finding after
	// the medium one, where numbering by category once differed.
	if answered < 2 {
		t.Errorf("%d findings answered by addenda, want the AI-training and late-payment ones", answered)
	}
}
