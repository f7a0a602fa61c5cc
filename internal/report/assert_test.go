package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/rules"
)

// node helpers over golang.org/x/net/html.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, c string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), c)
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func noSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// checkSelfContained fails when the page could run code or fetch anything.
func checkSelfContained(t *testing.T, root *html.Node) {
	t.Helper()
	walk(root, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "img", "link", "iframe", "object", "embed", "video", "audio", "form", "input":
			t.Errorf("page has a <%s> element", n.Data)
		case "style":
			if css := textOf(n); strings.Contains(css, "url(") || strings.Contains(css, "@import") {
				t.Errorf("CSS loads an external resource")
			}
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "src" {
				t.Errorf("<%s> has attribute %s=%q", n.Data, a.Key, a.Val)
			}
			if a.Key == "href" && a.Val != "" && !strings.HasPrefix(a.Val, "#") {
				t.Errorf("<%s> links outside the page: %q", n.Data, a.Val)
			}
		}
	})
}

// TestHTMLHighlightsEveryQuote checks, on real documents, that each
// finding's quote is the text highlighted for it in the document, that each
// finding and its passage link to each other, and that the page is self-
// contained.
func TestHTMLHighlightsEveryQuote(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			r := scan(t, name, analyze.Options{})
			var b bytes.Buffer
			if err := HTML(&b, r); err != nil {
				t.Fatal(err)
			}
			root, err := html.Parse(&b)
			if err != nil {
				t.Fatal(err)
			}
			checkSelfContained(t, root)

			ids := map[string]*html.Node{}
			marked := map[int]string{} // finding number → highlighted text
			var cards []*html.Node
			walk(root, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				if id := attr(n, "id"); id != "" {
					if ids[id] != nil {
						t.Errorf("duplicate id %q", id)
					}
					ids[id] = n
				}
				if n.Data == "mark" {
					for _, f := range strings.Fields(attr(n, "data-f")) {
						k, _ := strconv.Atoi(f)
						marked[k] += textOf(n)
					}
				}
				if n.Data == "div" && hasClass(n, "finding") {
					cards = append(cards, n)
				}
			})
			walk(root, func(n *html.Node) {
				if href := attr(n, "href"); n.Type == html.ElementNode && strings.HasPrefix(href, "#") && ids[href[1:]] == nil {
					t.Errorf("link to missing anchor %s", href)
				}
			})
			if len(cards) != len(r.Findings) {
				t.Fatalf("%d finding cards, want %d", len(cards), len(r.Findings))
			}
			var quotes, wantQuotes []string
			for _, f := range r.Findings {
				if f.Quote != "" {
					wantQuotes = append(wantQuotes, noSpace(f.Quote))
				}
			}
			for _, card := range cards {
				id := attr(card, "id") // d1-fN
				n, err := strconv.Atoi(id[strings.LastIndex(id, "f")+1:])
				if err != nil {
					t.Fatalf("finding id %q", id)
				}
				passage := ids["d1-p"+strconv.Itoa(n)]
				if passage == nil {
					t.Errorf("finding %d has no passage in the text", n)
				} else if attr(passage, "href") != "#"+id {
					t.Errorf("passage of finding %d links to %q", n, attr(passage, "href"))
				}
				var quote *html.Node
				walk(card, func(c *html.Node) {
					if c.Type == html.ElementNode && c.Data == "blockquote" && !hasClass(c, "fix") && quote == nil {
						quote = c
					}
				})
				if quote == nil {
					if marked[n] != "" {
						t.Errorf("finding %d has no quote but text is highlighted for it", n)
					}
					continue
				}
				// A list item's lead-in is shown before it, set apart; the
				// quote itself is what the text highlights.
				var lead string
				walk(quote, func(c *html.Node) {
					if c.Type == html.ElementNode && c.Data == "span" && hasClass(c, "lead") {
						lead = textOf(c)
					}
				})
				q := strings.TrimPrefix(noSpace(textOf(quote)), noSpace(lead))
				quotes = append(quotes, q)
				if got := noSpace(marked[n]); got != q {
					t.Errorf("finding %d: highlighted text\n%q\nwant its quote\n%q", n, got, q)
				}
			}
			slices.Sort(quotes)
			slices.Sort(wantQuotes)
			if !slices.Equal(quotes, wantQuotes) {
				t.Errorf("quotes on the page differ from the report's:\n%q\n%q", quotes, wantQuotes)
			}
		})
	}
}

// hostile is contract text full of HTML and Markdown syntax; the work made
// for hire sentence makes a rule fire so that it is quoted.
const hostile = `# Terms <script>alert(1)</script>

All deliverables are a work made for hire <img src=x onerror=alert(1)> *owned* by [Client](javascript:alert(1)) | see § 2 & "Schedule" ` + "`code`" + `.

1. The Contractor shall deliver the work by 1 March 2026.`

func hostileReport(t *testing.T) *analyze.Report {
	t.Helper()
	rs, err := ruleSet()
	if err != nil {
		t.Fatal(err)
	}
	doc := rules.ExampleDocument(hostile)
	doc.Name = "<b>evil.md"
	r, err := analyze.New(rs).Analyze(doc, analyze.Options{Type: "freelance", Role: "contractor"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(r.Findings, func(f analyze.Finding) bool { return strings.Contains(f.Quote, "<img") }) {
		t.Fatalf("no finding quotes the hostile sentence: %+v", r.Findings)
	}
	return r
}

func TestHTMLEscapes(t *testing.T) {
	r := hostileReport(t)
	var b bytes.Buffer
	if err := HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	checkSelfContained(t, root)
	if !strings.Contains(textOf(root), "<img src=x onerror=alert(1)>") {
		t.Error("the quoted markup is not shown as text")
	}
	if strings.Contains(b.String(), "<b>evil") {
		t.Error("the file name is not escaped")
	}
}

func TestMarkdownEscapes(t *testing.T) {
	r := hostileReport(t)
	var b bytes.Buffer
	if err := Markdown(&b, []*analyze.Report{r}, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`\<img src=x onerror=alert(1)\>`,
		`\*owned\* by \[Client\](javascript:alert(1)) \| see § 2 \& "Schedule" \` + "`code\\`",
		`# Contract review: \<b\>evil.md`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("memo lacks %q:\n%s", want, out)
		}
	}
}

func TestMarkdownLineEscaping(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"# not a heading", `\# not a heading`},
		{"- not a list", `\- not a list`},
		{"+ not a list", `\+ not a list`},
		{"12. not a list", `12\. not a list`},
		{"3) not a list", `3\) not a list`},
		{"> not a quote", `\> not a quote`},
		{"=== not a heading", `\=== not a heading`},
		{"a_b*c`d[e]f<g>h|i~j&k\\l", "a\\_b\\*c\\`d\\[e\\]f\\<g\\>h\\|i\\~j\\&k\\\\l"},
		{"2026. A year", `2026\. A year`},
		{"1,000 dollars", "1,000 dollars"},
	} {
		if got := mdLine(tc.in); got != tc.want {
			t.Errorf("mdLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownNegotiation(t *testing.T) {
	r := scan(t, "freelance-contract.md", analyze.Options{})
	email := func(r *analyze.Report) string {
		return "Hi,\n\nThanks for the draft of " + displayName(r.Document.Name) + ". Two changes:\n- interest on late payment"
	}
	for _, tc := range []struct {
		opt  MarkdownOptions
		want string
	}{
		{MarkdownOptions{}, ""},
		{MarkdownOptions{Negotiate: true}, "## Negotiation email\n\n*The negotiation email is not available in this build.*\n"},
		{MarkdownOptions{Negotiate: true, Negotiation: email}, "## Negotiation email\n\n> Hi,\n>\n> Thanks for the draft of freelance-contract.md. Two changes:  \n> - interest on late payment\n"},
	} {
		var b bytes.Buffer
		if err := Markdown(&b, []*analyze.Report{r}, tc.opt); err != nil {
			t.Fatal(err)
		}
		if tc.want == "" {
			if strings.Contains(b.String(), "Negotiation") {
				t.Error("email section without --negotiate")
			}
		} else if !strings.HasSuffix(b.String(), tc.want) {
			t.Errorf("memo ends\n%q\nwant\n%q", b.String()[max(0, b.Len()-300):], tc.want)
		}
	}
}

func TestHTMLNegotiation(t *testing.T) {
	r := scan(t, "freelance-contract.md", analyze.Options{})
	email := func(*analyze.Report) string {
		return "Dear client <3,\n\n**1. Late fees.** Please pay on time. <script>alert(1)</script> [x](javascript:alert(1))"
	}
	var b bytes.Buffer
	if err := HTMLReports(&b, []*analyze.Report{r}, HTMLOptions{Negotiation: email}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<div class="email"><p>Dear client &lt;3,</p>`+"\n<p><strong>1. Late fees.</strong> Please pay on time.") {
		t.Errorf("email missing, not rendered or not escaped:\n%s", b.String()[strings.Index(b.String(), "Negotiation email"):])
	}
	root, err := html.Parse(&b)
	if err != nil {
		t.Fatal(err)
	}
	checkSelfContained(t, root)
}

// TestSARIF checks the log of the real samples against the SARIF 2.1.0
// schema and against the reports it was made from.
func TestSARIF(t *testing.T) {
	var reports []*analyze.Report
	total := 0
	for _, name := range samples {
		r := scan(t, name, analyze.Options{})
		reports = append(reports, r)
		total += len(r.Findings)
	}
	rs, _ := ruleSet()
	var b bytes.Buffer
	if err := SARIF(&b, reports, rs); err != nil {
		t.Fatal(err)
	}
	validate(t, filepath.Join("testdata", "sarif-2.1.0-subset.schema.json"), b.Bytes())

	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI   string `json:"uri"`
							Index int    `json:"index"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine, EndLine     int
							CharOffset, CharLength int
							Snippet                *struct{ Text string }
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Results) != total {
		t.Fatalf("%d results, want %d findings", len(run.Results), total)
	}
	levels := map[string]string{"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
	k := 0
	for ri, r := range reports {
		lines := fileLines(t, filepath.Join("testdata", samples[ri]))
		for _, f := range r.Findings {
			res := run.Results[k]
			k++
			if res.RuleID != f.Rule || run.Tool.Driver.Rules[res.RuleIndex].ID != f.Rule {
				t.Errorf("result %d: rule %s (index → %s), want %s", k, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID, f.Rule)
			}
			if res.Level != levels[f.Severity] {
				t.Errorf("%s: level %s for severity %s", f.Rule, res.Level, f.Severity)
			}
			if res.PartialFingerprints["termscoreFinding/v1"] == "" {
				t.Errorf("%s: no fingerprint", f.Rule)
			}
			loc := res.Locations[0].PhysicalLocation
			if loc.ArtifactLocation.URI != r.Document.Name || loc.ArtifactLocation.Index != ri {
				t.Errorf("%s: artifact %+v, want %s", f.Rule, loc.ArtifactLocation, r.Document.Name)
			}
			reg := loc.Region
			if reg.CharOffset != f.Location.Start || reg.CharLength != f.Location.End-f.Location.Start {
				t.Errorf("%s: region %d+%d, want %d..%d", f.Rule, reg.CharOffset, reg.CharLength, f.Location.Start, f.Location.End)
			}
			if f.Quote == "" {
				continue
			}
			if reg.Snippet == nil || reg.Snippet.Text != f.Quote {
				t.Errorf("%s: snippet is not the quote", f.Rule)
			}
			// The lines the region names hold the quote's first words in
			// the original Markdown file.
			if reg.StartLine < 1 || reg.EndLine < reg.StartLine || reg.EndLine > len(lines) {
				t.Errorf("%s: lines %d-%d of %d", f.Rule, reg.StartLine, reg.EndLine, len(lines))
				continue
			}
			first := strings.Fields(f.Quote)[0]
			src := strings.Join(lines[reg.StartLine-1:reg.EndLine], "\n")
			if !strings.Contains(src, strings.Trim(first, `"“”.,;:()`)) {
				t.Errorf("%s: lines %d-%d of %s do not contain %q:\n%s", f.Rule, reg.StartLine, reg.EndLine, samples[ri], first, src)
			}
		}
	}
}

func fileLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

func TestSARIFEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := SARIF(&b, nil, nil); err != nil {
		t.Fatal(err)
	}
	validate(t, filepath.Join("testdata", "sarif-2.1.0-subset.schema.json"), b.Bytes())
	if !regexp.MustCompile(`"results": \[\]`).Match(b.Bytes()) {
		t.Errorf("an empty log must still list its (empty) results:\n%s", b.String())
	}
}

func TestSARIFURI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"contract.pdf", "contract.pdf"},
		{"-", "stdin"},
		{"my docs/NDA #2.docx", "my%20docs/NDA%20%232.docx"},
		{`C:\work\a.md`, "C%3A/work/a.md"},
		{"/tmp/ü.md", "/tmp/%C3%BC.md"},
	} {
		if got := sarifURI(tc.in); got != tc.want {
			t.Errorf("sarifURI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
