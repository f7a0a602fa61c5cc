package server

import (
	"bytes"
	"encoding/json"
	"math"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/market"
	"github.com/termscore/termscore/internal/redline"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/store"
)

// scanPage uploads a testdata file (or literal content after "=") through
// the API and returns its report page.
func scanPage(t *testing.T, h http.Handler, fields ...string) string {
	t.Helper()
	r := postScan(t, h, nil, fields...)
	if r.Status != 201 {
		t.Fatalf("scan %v: %d %s", fields, r.Status, r.Body)
	}
	id := r.json(t)["id"].(string)
	page := do(h, "GET", "/scans/"+id, nil)
	if page.Status != 200 {
		t.Fatalf("report page: %d %s", page.Status, page.Body)
	}
	return string(page.Body)
}

// The report page says what a reader of each kind of document needs, and
// nothing meant for another reader.
func TestReportPageByReader(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	// Not a contract: a shopping list has no parties, obligations or
	// clauses, so it is stored unscored with a notice.
	const list = "=Shopping list\n\nMilk, eggs, bread and two lemons.\n\nCall the plumber on Tuesday.\n"
	tests := []struct {
		name   string
		fields []string
		want   []string
		forbid []string
	}{{
		// The freelancer lacks a no-AI-training clause and a late fee: the
		// matching addenda come first and say which finding they answer.
		name:   "freelance contract, read as the contractor",
		fields: []string{"file", "freelance.md", "role", "contractor"},
		want: []string{`id="addenda"`, `answers <a href="#f-`, `No-AI-Training Addendum`, `id="email"`, `id="dl-redline"`,
			`words · Markdown · checked`,
			// Missing protections: what was looked for, and where in the
			// document each belongs.
			`<p class="evidence">Checked: `, `Show where it belongs`, `+ missing here: Nothing forbids training AI on your work</a>`},
		forbid: []string{"**", "Not checked as a contract", "1 pages"},
	}, {
		// The client is not offered the contractor's addenda (a kill fee
		// it would pay).
		name:   "freelance contract, read as the client",
		fields: []string{"file", "freelance.md", "role", "client"},
		want:   []string{`id="email"`, `id="findings"`},
		forbid: []string{`id="addenda"`, "Cancellation Fee Addendum"},
	}, {
		name:   "not a contract",
		fields: []string{"file", list},
		want:   []string{"Not checked as a contract", "this file was not read as a contract", "does not read like a contract"},
		forbid: []string{"--type", `id="email"`, `id="addenda"`, "No findings match these filters", "0 risky clauses", `id="dl-redline"`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := scanPage(t, srv, tt.fields...)
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, f := range tt.forbid {
				if strings.Contains(page, f) {
					t.Errorf("page has %q", f)
				}
			}
		})
	}
}

// Counts on the report page read as words do: thousands separated, one
// page not "1 pages", and a scanned PDF's warnings at the top.
func TestReportPageSize(t *testing.T) {
	srv, _ := newTestServer(t, Config{NoOCR: true})
	page := scanPage(t, srv, "file", "ica.docx")
	if !regexp.MustCompile(`<p class="meta">\d,\d{3} words · Word · checked`).MatchString(page) {
		t.Errorf("ica.docx: no '3,028 words · Word' line in\n%s", head(page, "<p class=\"meta\">"))
	}
	page = scanPage(t, srv, "file", "joint-venture.pdf")
	if !regexp.MustCompile(`<p class="meta">\d[\d,]* words · \d+ pages? · PDF · checked`).MatchString(page) {
		t.Errorf("joint-venture.pdf: meta line %s", head(page, "<p class=\"meta\">"))
	}
}

func head(page, from string) string {
	i := strings.Index(page, from)
	if i < 0 {
		return "(missing)"
	}
	return page[i:min(len(page), i+120)]
}

// Every finding an addendum claims to answer is a rule that exists, and
// every addendum the redline package writes is mapped.
func TestAddendumRules(t *testing.T) {
	rs, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, r := range rs.Rules() {
		known[r.ID] = true
	}
	for kind, ids := range addendumRules {
		for _, id := range ids {
			if !known[id] {
				t.Errorf("addendum %s answers %s, which is no rule", kind, id)
			}
		}
	}
	for _, kind := range redline.AddendumKinds {
		if len(addendumRules[kind]) == 0 {
			t.Errorf("addendum %s answers no finding", kind)
		}
	}
}

func TestPlace(t *testing.T) {
	tests := []struct {
		sec, head, within string
		page              int
		missing           bool
		want              string
	}{
		{"4", "", "", 0, false, "Section 4"},
		{"4", "Fees", "", 2, false, "Section 4 (Fees), page 2"},
		{"4", "", "Cancellation and Termination:", 0, false, "Section 4 of “Cancellation and Termination”"},
		{"4", "Refunds", "Cancellation and Termination", 0, false, "Section 4 (Refunds) of “Cancellation and Termination”"},
		{"Summary", "Summary", "", 0, false, "Under “Summary”"},
		{"", "Legal stuff:", "", 0, true, "Add to “Legal stuff”"},
		{"3", "Intellectual Property", "", 0, true, "Add to section 3 (Intellectual Property)"},
		{"", "", "", 0, true, "Add at the end"},
		{"", "", "", 3, false, "Page 3"},
		{"", "", "", 0, false, ""},
	}
	for _, tt := range tests {
		if got := place(tt.sec, tt.head, tt.within, tt.page, tt.missing); got != tt.want {
			t.Errorf("place(%q, %q, %q, %d, %v) = %q, want %q", tt.sec, tt.head, tt.within, tt.page, tt.missing, got, tt.want)
		}
	}
}

func TestUploadError(t *testing.T) {
	tests := []struct{ name, msg, title, reason string }{
		{"lease.pdf", "lease.pdf: the PDF is password-protected; remove the password and try again",
			"Couldn't check lease.pdf.", "The PDF is password-protected; remove the password and try again."},
		{"my lease.pdf", "my lease.pdf: binary data, not a document TermScore can read (PDF, DOCX or text)",
			"Couldn't check my lease.pdf.", "Binary data, not a document TermScore can read (PDF, DOCX or text)."},
		{"", "choose a contract to upload", "That file couldn't be checked.", "Choose a contract to upload."},
	}
	for _, tt := range tests {
		title, reason := uploadError(tt.name, tt.msg)
		if title != tt.title || reason != tt.reason {
			t.Errorf("uploadError(%q, %q) = %q, %q; want %q, %q", tt.name, tt.msg, title, reason, tt.title, tt.reason)
		}
	}
}

// A failed upload without script names the file and says why, as a
// sentence; the API names the file too.
func TestUploadErrorNamesFile(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	home := do(srv, "GET", "/", nil)
	csrf := cookieValue(home.Header, csrfCookie)
	ct, body := form(t, "csrf", csrf, "file", "=")
	r := do(srv, "POST", "/scans", body, "Content-Type", ct, "Cookie", csrfCookie+"="+csrf)
	if want := `<strong>Couldn&#39;t check upload.bin.</strong> The file is empty (0 bytes); choose the contract itself.`; r.Status != 422 || !strings.Contains(string(r.Body), want) {
		t.Errorf("empty upload on the page: %d, want %s in\n%s", r.Status, want, head(string(r.Body), `id="error"`))
	}
	r = postScan(t, srv, nil, "file", "=")
	if msg, _ := r.json(t)["error"].(map[string]any)["message"].(string); r.Status != 422 || !strings.HasPrefix(msg, "upload.bin: ") {
		t.Errorf("empty upload on the API: %d %s", r.Status, r.Body)
	}
}

// A signed-out visitor of a shared server sees no menu to pages that
// would only send them back to sign in; a missing scan's page says why it
// may be missing.
func TestSignedOutAndNotFoundPages(t *testing.T) {
	srv, _ := newTestServer(t, Config{Auth: true})
	login := string(do(srv, "GET", "/login", nil).Body)
	if strings.Contains(login, `aria-label="Main"`) {
		t.Error("the sign-in page shows the main menu to a signed-out visitor")
	}
	// A visitor cannot make a token; the page says who can.
	if !strings.Contains(login, "ask whoever runs this server") {
		t.Error("the sign-in page does not say where a token comes from")
	}
	local, _ := newTestServer(t, Config{})
	r := do(local, "GET", "/scans/00000000000000000000000000000000", nil)
	if body := string(r.Body); r.Status != 404 || !strings.Contains(body, `No scan with id &#34;00000000000000000000000000000000&#34;. It may have been deleted`) {
		t.Errorf("missing scan's page: %d %s", r.Status, head(body, `role="alert"`))
	}
	if body := string(do(local, "GET", "/", nil).Body); !strings.Contains(body, `aria-label="Main"`) {
		t.Error("the local server's upload page has no main menu")
	}
}

// A contract's tables read as tables in the document view: the Common
// Paper agreement's cover-page tables are rows of cells, not a column of
// loose paragraphs.
func TestDocumentTables(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	page := scanPage(t, srv, "file", "ica.docx")
	if n := strings.Count(page, `<table class="dt">`); n < 1 {
		t.Errorf("ica.docx: %d tables in the document view", n)
	}
	if strings.Contains(page, `class="dp table-cell"`) {
		t.Error("ica.docx: table cells shown as loose paragraphs")
	}
	if !regexp.MustCompile(`<tr><td><p class="dp">[^<]+</p></td><td>`).MatchString(page) {
		t.Error("ica.docx: no row of two cells")
	}
}

func TestAddBlock(t *testing.T) {
	cell := func(s string) blockView { return blockView{Kind: "table-cell", Segs: []segView{{Text: s}}} }
	var doc []docItem
	doc = addBlock(doc, blockView{Kind: "paragraph"}, 0, 0, 0)
	doc = addBlock(doc, cell("a"), 1, 1, 1)
	doc = addBlock(doc, cell("b"), 1, 1, 2)
	doc = addBlock(doc, cell("b2"), 1, 1, 2) // a second paragraph in the cell
	doc = addBlock(doc, cell("c"), 1, 2, 1)
	doc = addBlock(doc, cell("d"), 2, 1, 1)         // the next table
	doc = addBlock(doc, cell("e"), 0, 0, 0)         // a cell of no known table
	doc = addBlock(doc, cell("f"), 3, 1<<30, 1<<30) // a damaged file's numbers
	if len(doc) != 5 {
		t.Fatalf("%d items, want paragraph, table 1, table 2, loose cell, table 3", len(doc))
	}
	if rows := doc[1].Rows; len(rows) != 2 || len(rows[0]) != 2 || len(rows[0][1]) != 2 || len(rows[1]) != 1 {
		t.Errorf("table 1: %+v", rows)
	}
	if doc[3].Rows != nil || doc[3].Block.Segs[0].Text != "e" {
		t.Errorf("a cell without a table is not shown alone: %+v", doc[3])
	}
	if rows := doc[4].Rows; len(rows) != 10000 || len(rows[9999]) != 100 {
		t.Errorf("damaged numbers are not bounded: %d rows", len(rows))
	}
}

// The Common Paper DOCX styles whole clauses as headings; the document
// view shows them as paragraphs, keeping the real headings.
// The Common Paper forms give whole clauses a Word heading style; the
// document view shows them as the clauses they are, as the reader gives
// them.
func TestHeadingStyledClausesAreClauses(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	page := scanPage(t, srv, "file", "ica.docx")
	heads := regexp.MustCompile(`<h3 class="dh">([^<]*)`).FindAllStringSubmatch(page, -1)
	if len(heads) < 5 {
		t.Errorf("ica.docx: %d headings in the document view", len(heads))
	}
	for _, h := range heads {
		if n := len(strings.Fields(h[1])); n > maxHeadingWords {
			t.Errorf("a heading of %d words: %.80s", n, h[1])
		}
	}
	if !regexp.MustCompile(`<p class="dp list-item">3\.2 Moral Rights\. `).MatchString(page) {
		t.Error("clause 3.2 is not shown as a numbered clause")
	}
}

func TestAttachment(t *testing.T) {
	tests := []struct{ name, want string }{
		{"lease-redline.docx", `attachment; filename=lease-redline.docx`},
		{"my lease-redline.docx", `attachment; filename="my lease-redline.docx"`},
		{"NDA Müller & Söhne-redline.docx", `attachment; filename="NDA M_ller & S_hne-redline.docx"; filename*=utf-8''NDA%20M%C3%BCller%20&%20S%C3%B6hne-redline.docx`},
		// A quote is ASCII that mime quotes: one filename, not two.
		{`Acme "final"-redline.docx`, `attachment; filename="Acme \"final\"-redline.docx"`},
	}
	for _, tt := range tests {
		got := attachment(tt.name)
		if got != tt.want {
			t.Errorf("attachment(%q) = %s, want %s", tt.name, got, tt.want)
		}
		if _, params, err := mime.ParseMediaType(got); err != nil || params["filename"] != tt.name {
			t.Errorf("%s parses as %q, %v", got, params["filename"], err)
		}
	}
}

// Every finding says where it is. Terms of service open with paragraphs
// under no section ("We may update these Terms …"): those are placed by
// the heading above them; a paragraph numbered anew in each part is named
// with its part.
func TestEveryFindingHasAPlace(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	page := scanPage(t, srv, "file", "acme-terms.md")
	findings := strings.Count(page, `<li class="finding `)
	places := strings.Count(page, `<p class="where">`)
	if findings < 3 || places != findings {
		t.Errorf("%d findings, %d with a place", findings, places)
	}
	for _, want := range []string{`<p class="where">Under “Acme Terms of Service”</p>`, `<p class="where">Section 1 of “Account Terms”</p>`, `<p class="where">Add at the end</p>`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s", want)
		}
	}
}

// A document too long to show beside its findings (a 30 MB text file
// made a 33 MB page that took the browser half a minute) is left out of
// the page, which says so; its findings still quote their passages.
func TestReportPageLongDocument(t *testing.T) {
	srv, st := newTestServer(t, Config{})
	id := postScan(t, srv, nil, "file", "freelance.md", "role", "contractor").json(t)["id"].(string)
	sc, err := st.Scan(t.Context(), store.LocalOwner, id)
	if err != nil {
		t.Fatal(err)
	}
	short := do(srv, "GET", "/scans/"+id, nil)
	if !bytes.Contains(short.Body, []byte(`id="doc"`)) || bytes.Contains(short.Body, []byte(`id="doc-omitted"`)) {
		t.Fatal("a short document's page does not show the document")
	}
	// The same report over a text as long as the limit allows, then longer.
	var l layout
	if err := json.Unmarshal(sc.Document, &l); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		runes int
		shown bool
	}{{maxDocRunes, true}, {maxDocRunes + 1, false}} {
		long := l
		long.Text = l.Text + strings.Repeat(" ", tt.runes-utf8.RuneCountInString(l.Text))
		doc, _ := json.Marshal(long)
		cp := *sc
		cp.ID, cp.Document = "", doc
		if err := st.CreateScan(t.Context(), &cp, []byte("x")); err != nil {
			t.Fatal(err)
		}
		r := do(srv, "GET", "/scans/"+cp.ID, nil)
		page := string(r.Body)
		if r.Status != 200 || strings.Contains(page, `id="doc"`) != tt.shown || strings.Contains(page, `class="goto"`) != tt.shown ||
			strings.Contains(page, `id="doc-omitted"`) == tt.shown {
			t.Errorf("%d characters: %d, document shown %v, want %v", tt.runes, r.Status, strings.Contains(page, `id="doc"`), tt.shown)
		}
		if !tt.shown && (!strings.Contains(page, "is too long to show beside the findings here") || !strings.Contains(page, "<blockquote>")) {
			t.Errorf("the page of a long document does not say why the document is missing, or lost its quotes:\n%s", head(page, `What to look at`))
		}
	}
}

// A document too long to show is stored without its text (which cost the
// server its size several times over to store), and its page is the page
// a scan stored with the text had: the document left out, every finding
// quoted and placed as before, the opening paragraphs of terms of
// service under their heading.
func TestLongDocumentStoredWithoutText(t *testing.T) {
	srv, st := newTestServer(t, Config{})
	data := repeated(t, "acme-terms.md", 4*maxDocRunes/3)
	sc, err := srv.scan(t.Context(), store.LocalOwner, &upload{Name: "acme-terms.md", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Document) > 16<<10 {
		t.Errorf("a document of %d bytes stored %d bytes of layout; want only its email, parties and a few headings", len(data), len(sc.Document))
	}
	// The same scan as the previous version stored it, with all its text.
	r, err := srv.analyse(t.Context(), "acme-terms.md", data, analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	full, err := json.Marshal(layoutOf(r, math.MaxInt))
	if err != nil {
		t.Fatal(err)
	}
	old := *sc
	old.ID, old.Document = "", full
	if err := st.CreateScan(t.Context(), &old, data); err != nil {
		t.Fatal(err)
	}
	where := regexp.MustCompile(`<p class="where">[^<]*</p>`)
	var pages [2][]string
	for i, id := range []string{sc.ID, old.ID} {
		r := do(srv, "GET", "/scans/"+id, nil)
		page := string(r.Body)
		if r.Status != 200 || !strings.Contains(page, `id="doc-omitted"`) || strings.Contains(page, `id="doc"`) || !strings.Contains(page, "<blockquote>") {
			t.Fatalf("the page of a long document: %d\n%s", r.Status, head(page, `What to look at`))
		}
		pages[i] = where.FindAllString(page, -1)
	}
	if !slices.Equal(pages[0], pages[1]) {
		t.Errorf("findings placed\n%q\nwithout the text, \n%q\nwith it", pages[0], pages[1])
	}
	if !slices.Contains(pages[0], `<p class="where">Under “Acme Terms of Service”</p>`) {
		t.Errorf("no finding placed under the opening heading: %q", pages[0])
	}
}

// The market comparison's source reads as a sentence for the page, not
// the command-line hint the text report ends it with.
func TestMarketSource(t *testing.T) {
	tests := []struct {
		m    market.Comparison
		want string
	}{
		{market.Comparison{Corpus: "default", Documents: 420, BuiltAt: "2026-11-22T00:00:00Z"},
			"Compared with 420 contracts (the CUAD corpus and public templates), as of 22 November 2026."},
		{market.Comparison{Corpus: "our leases", Documents: 1, BuiltAt: "soon"},
			"Compared with 1 contract of the corpus “our leases”."},
	}
	for _, tt := range tests {
		if got := marketSource(&tt.m); got != tt.want {
			t.Errorf("marketSource(%+v) = %q, want %q", tt.m, got, tt.want)
		}
	}
	st, err := market.Default()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := newTestServer(t, Config{Analyzer: analyze.New(rs).WithMarket(st)})
	page := scanPage(t, srv, "file", "ica.docx", "role", "contractor")
	if !strings.Contains(page, "Compared with the market") || !strings.Contains(page, "Compared with 420 contracts") || strings.Contains(page, "termscore market") {
		t.Errorf("the market section's source: %s", head(page, "Compared with 4"))
	}
}

// The pages name document types as people do ("Terms of service", not
// "terms-of-service"), and count findings without "0 missing protections".
func TestTypeNamesAndSummary(t *testing.T) {
	for _, tt := range []struct {
		present, missing int
		want             string
	}{
		{12, 4, "12 risky clauses and 4 missing protections"},
		{13, 0, "13 risky clauses; no protection missing"},
		{0, 1, "No risky clause; 1 missing protection"},
		{0, 0, "No risky clause and no protection missing"},
	} {
		if got := summary(tt.present, tt.missing); got != tt.want {
			t.Errorf("summary(%d, %d) = %q, want %q", tt.present, tt.missing, got, tt.want)
		}
	}
	srv, _ := newTestServer(t, Config{})
	page := scanPage(t, srv, "file", "acme-terms.md")
	if want := `<p class="eyebrow">Terms of service · read as the consumer (guessed)</p>`; !strings.Contains(page, want) {
		t.Errorf("report page: want %s, got %s", want, head(page, `<p class="eyebrow">`))
	}
	history := string(do(srv, "GET", "/history", nil).Body)
	if !strings.Contains(history, `<span class="meta">Terms of service · `) || strings.Contains(history, "terms-of-service") {
		t.Errorf("history: %s", head(history, `<span class="meta">`))
	}
	// A lease is named for its use, as the downloads name it: the two are
	// reviewed differently.
	lease := scanPage(t, srv, "file", "=# Commercial Lease\n\n"+
		"This Lease is made between Harbor Properties LLC (\"Landlord\") and Blue Fern Cafe LLC (\"Tenant\").\n\n"+
		"1. Premises. Landlord leases to Tenant approximately 1,800 rentable square feet of retail space at 12 Dock Street.\n\n"+
		"2. Permitted Use. Tenant shall use the Premises only as a cafe and for no other purpose.\n\n"+
		"3. Rent. Tenant shall pay base rent of $4,500 per month, plus its share of common area maintenance charges.\n\n"+
		"4. Assignment. Tenant shall not assign this Lease or sublet the Premises without Landlord's consent.\n")
	if want := `<p class="eyebrow">Commercial lease · read as the tenant (guessed)</p>`; !strings.Contains(lease, want) {
		t.Errorf("report page of a commercial lease: want %s, got %s", want, head(lease, `<p class="eyebrow">`))
	}
}

// A document not scored as a contract was not read as anyone's: its page
// says neither the role nor how to read highlights it has none of.
func TestUnscoredReportPage(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	page := scanPage(t, srv, "file", "=Shopping list: eggs, milk, bread.\n\nCall the plumber on Tuesday.\n")
	if !strings.Contains(page, "Not checked as a contract") || strings.Contains(page, "read as the") || strings.Contains(page, "Highlighted passages are findings") {
		t.Errorf("the page of a document that is not a contract:\n%s", head(page, `<div class="report-head">`))
	}
	scored := scanPage(t, srv, "file", "freelance.md", "role", "contractor")
	if !strings.Contains(scored, "read as the contractor</p>") || !strings.Contains(scored, "Highlighted passages are findings") {
		t.Errorf("the page of a contract:\n%s", head(scored, `<p class="eyebrow">`))
	}
}
