package server

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/doctype"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/market"
	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/redline"
	"github.com/termscore/termscore/internal/report"
	"github.com/termscore/termscore/internal/store"
)

//go:embed web/*.html
var templateFS embed.FS

//go:embed web/static
var staticFS embed.FS

type pages struct {
	t       map[string]*template.Template
	addenda []redline.AddendumInfo
	homes   *homes // the jurisdictions the upload page offers
}

func newPages() (*pages, error) {
	funcs := template.FuncMap{
		"title": func(s string) string {
			if s == "" {
				return s
			}
			return strings.ToUpper(s[:1]) + s[1:]
		},
		"when": func(t time.Time) string { return t.Local().Format("2 Jan 2006, 15:04") },
		"iso":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"size": pageSize,
		"score": func(v *float64) string {
			if v == nil {
				return "—"
			}
			return fmt.Sprintf("%.0f", *v)
		},
		"lower":    strings.ToLower,
		"kind":     report.TypeLabel,
		"sentence": sentence,
		// reason is an error about a named file, without the name.
		"reason": func(name, msg string) string { return sentence(strings.TrimPrefix(msg, name+": ")) },
	}
	p := &pages{t: map[string]*template.Template{}}
	// A batch's page names its home jurisdiction as the upload page
	// offers it.
	homes, err := newHomes()
	if err != nil {
		return nil, err
	}
	p.homes = homes
	funcs["home"] = homes.Label
	for _, name := range []string{"upload", "report", "history", "login", "error", "batch", "delete", "batchdelete"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "web/layout.html", "web/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parsing the %s page: %w", name, err)
		}
		p.t[name] = t
	}
	if p.addenda, err = redline.Addenda(); err != nil {
		return nil, err
	}
	return p, nil
}

// pageData is what every page's layout needs.
type pageData struct {
	Title string
	CSRF  string
	User  string // signed-in user's name
	Auth  bool
	Nav   string // the current section, for aria-current
	Data  any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, status int, id identity, title string, data any) {
	pd := pageData{Title: title, CSRF: s.csrfToken(w, r), User: id.Name, Auth: s.cfg.Auth, Nav: name, Data: data}
	var b bytes.Buffer
	if err := s.pages.t[name].ExecuteTemplate(&b, "layout", pd); err != nil {
		s.log.Error("rendering a page", slog.String("page", name), slog.Any("err", err))
		http.Error(w, "the page could not be shown", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// pageSize is humanBytes on a page: "23 KB" with a no-break space, so
// that a narrow column never ends a line with "23" and starts the next
// with "KB".
func pageSize(n int64) string { return strings.Replace(humanBytes(n), " ", "\u00a0", 1) }

type errorView struct {
	Status  int
	Code    string
	Message string
	Hint    string // what the person can do about it
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, err error) {
	e := errorOf(err)
	if e.Status >= 500 {
		s.log.Error("request failed", slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	id, _ := s.identify(r)
	v := errorView{Status: e.Status, Code: e.Code, Message: e.Message}
	if e.Status == http.StatusNotFound && (strings.HasPrefix(r.URL.Path, "/scans/") || strings.HasPrefix(r.URL.Path, "/batches/") ||
		strings.HasPrefix(r.URL.Path, "/api/v1/scans/")) {
		v.Hint = "It may have been deleted, or belong to another account."
	}
	s.render(w, r, "error", e.Status, id, http.StatusText(e.Status), v)
}

type uploadView struct {
	Roles      []string
	Role       string
	Homes      []homeGroup
	Home       string // the jurisdiction chosen, or remembered from the last upload
	ErrorTitle string // "Couldn't check lease.pdf."
	Error      string // the reason, as a sentence
	MaxSize    string
	MaxBytes   int64 // for the page's script, to refuse a file too large before sending it
	Recent     []scanItem
	Batches    bool // several files may be sent at once, as a batch
}

func (s *Server) uploadView(r *http.Request, id identity) uploadView {
	v := uploadView{Roles: doctype.Roles(), Homes: s.pages.homes.groups, Home: s.rememberedHome(r),
		MaxSize: humanBytes(s.cfg.Limits.MaxBytes), MaxBytes: s.cfg.Limits.MaxBytes, Batches: s.cfg.Batches != nil}
	if list, err := s.store.Scans(r.Context(), id.Owner, 3, time.Time{}); err == nil {
		for _, sc := range list {
			v.Recent = append(v.Recent, itemOf(sc))
		}
	}
	return v
}

func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request, id identity) {
	s.render(w, r, "upload", http.StatusOK, id, "Check a contract", s.uploadView(r, id))
}

// createScanPage takes the upload form. The page's script posts it
// asking for JSON (to show progress); without script the browser posts
// it and is redirected to the report. Several files become a batch
// (Service.Create, as POST /api/v1/batches does) and the answer is the
// batch's page.
func (s *Server) createScanPage(w http.ResponseWriter, r *http.Request, id identity) {
	if !s.allowUpload(w, r, id) {
		return
	}
	// The script sends the token in a header; a form posted without
	// script carries it as its first field.
	want := ""
	if r.Header.Get("X-CSRF-Token") == "" {
		if want = csrfCookieValue(r); want == "" {
			s.fail(w, r, errCSRF)
			return
		}
	}
	// A server too busy is said on the upload page, like a refused file.
	var up *upload
	mem, err := s.reserve(w, r, s.cfg.Batches != nil, true)
	if err == nil {
		defer mem.release()
		up, err = s.readUpload(w, r, want, s.cfg.Batches != nil)
	}
	if err == nil {
		// Several files are queued, not scanned here: their bytes are
		// what they hold.
		if len(up.Files) > 1 {
			var n int64
			for _, f := range up.Files {
				n += int64(len(f.Data))
			}
			err = s.waitFor(r.Context(), w, mem, n)
		} else {
			err = s.afford(r.Context(), w, mem, up.Data, scanCost)
		}
	}
	if up != nil && up.HomeSent {
		s.rememberHome(w, up.Home)
	}
	var url, newID string
	switch {
	case err != nil:
	case len(up.Files) > 1:
		var b *queue.Batch
		spec := queue.Spec{Name: batchName(up.Files), Role: up.Role, Home: up.Home}
		if b, err = s.cfg.Batches.Create(r.Context(), id.Owner, spec, batchSources(up.Files)); err == nil {
			url, newID = "/batches/"+b.ID, b.ID
		}
	default:
		var sc *store.Scan
		if sc, err = s.scan(r.Context(), id.Owner, up); err == nil {
			url, newID = "/scans/"+sc.ID, sc.ID
		}
	}
	wantsJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	if err != nil {
		if wantsJSON {
			s.writeError(w, r, err)
			return
		}
		v := s.uploadView(r, id)
		name := ""
		if up != nil {
			v.Role, name = up.Role, up.Name
			if up.HomeSent {
				v.Home = up.Home
			}
		}
		e := errorOf(err)
		v.ErrorTitle, v.Error = uploadError(name, e.Message)
		if name == "" && strings.HasPrefix(e.Message, "these files") {
			v.ErrorTitle = "These files couldn't be checked."
		}
		if e == errCSRF {
			// The page shown now carries a fresh token: no need to reload.
			v.ErrorTitle, v.Error = "This page had expired.", "Choose the file again and check it; nothing was stored."
		}
		s.render(w, r, "upload", e.Status, id, "Check a contract", v)
		return
	}
	if wantsJSON {
		writeJSON(w, http.StatusCreated, map[string]string{"id": newID, "url": url})
		return
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
}

// batchName names a batch of uploads as the history lists it:
// "lease.pdf and 9 more".
func batchName(files []upFile) string {
	return fmt.Sprintf("%s and %d more", files[0].Name, len(files)-1)
}

func batchSources(files []upFile) []queue.Source {
	srcs := make([]queue.Source, len(files))
	for i, f := range files {
		srcs[i] = queue.Source{Name: f.Name, Read: func() ([]byte, error) { return f.Data, nil }}
	}
	return srcs
}

// uploadError splits a failed upload's message into a title naming the
// file and the reason as a sentence: "Couldn't check lease.pdf." "The PDF
// is password-protected; …". app.js does the same for the uploads it
// posts itself.
func uploadError(name, msg string) (title, reason string) {
	if name != "" {
		msg = strings.TrimPrefix(msg, name+": ")
	}
	title = "That file couldn't be checked."
	if name != "" {
		title = "Couldn't check " + name + "."
	}
	return title, sentence(msg)
}

// sentence starts msg with a capital and ends it with a full stop.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.ContainsAny(msg[len(msg)-1:], ".?!") {
		msg += "."
	}
	return msg
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, id identity) {
	sc, err := s.store.Scan(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v, err := newReportView(sc, s.pages.addenda, r.URL.Query())
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	if sc.Home != "" {
		v.Home = s.pages.homes.Label(sc.Home)
	}
	s.render(w, r, "report", http.StatusOK, id, v.Name, v)
}

// deleteView is the page that confirms deleting a scan.
type deleteView struct {
	ID, Name, Type, Size string
	Created              time.Time
	Findings             int
	Grade                string
	Back                 string // where Cancel goes: the page the person came from
}

// confirmDeletePage asks before a scan is deleted. It is a page of its own
// so that it works without script; ?from=history brings Cancel back to
// the history instead of the report.
func (s *Server) confirmDeletePage(w http.ResponseWriter, r *http.Request, id identity) {
	sc, err := s.store.Scan(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := deleteView{ID: sc.ID, Name: sc.Name, Type: sc.DocType, Size: pageSize(sc.Size), Created: sc.Created,
		Findings: sc.Findings, Grade: sc.Grade, Back: "/scans/" + sc.ID}
	if r.URL.Query().Get("from") == "history" {
		v.Back = "/history"
	}
	s.render(w, r, "delete", http.StatusOK, id, "Delete "+sc.Name+"?", v)
}

// deletePage deletes a scan once confirmed. A post without the
// confirmation (a page from before there was one) is shown the question.
func (s *Server) deletePage(w http.ResponseWriter, r *http.Request, id identity) {
	if r.PostFormValue("confirm") != "yes" {
		http.Redirect(w, r, "/scans/"+r.PathValue("id")+"/delete", http.StatusSeeOther)
		return
	}
	if err := s.store.DeleteScan(r.Context(), id.Owner, r.PathValue("id")); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/history?deleted=1", http.StatusSeeOther)
}

type historyView struct {
	Scans   []scanItem
	Batches []queue.Batch
	Message string
	All     bool // every scan is listed (fewer than the page's limit)
}

func (s *Server) historyPage(w http.ResponseWriter, r *http.Request, id identity) {
	list, err := s.store.Scans(r.Context(), id.Owner, 500, time.Time{})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := historyView{Batches: s.batches(r, id.Owner), All: len(list) < 500}
	for _, sc := range list {
		v.Scans = append(v.Scans, itemOf(sc))
	}
	switch {
	case r.URL.Query().Get("deleted") == "all":
		v.Message = "All your scans and their uploaded files are deleted."
		if s.cfg.Batches != nil {
			v.Message = "All your scans and batches, their reports and uploaded files are deleted."
		}
	case r.URL.Query().Get("deleted") == "batch":
		v.Message = "The batch, its reports and its uploaded files are deleted."
	case r.URL.Query().Get("deleted") != "":
		v.Message = "The scan and its uploaded file are deleted."
	}
	s.render(w, r, "history", http.StatusOK, id, "Your scans", v)
}

func (s *Server) deleteAllPage(w http.ResponseWriter, r *http.Request, id identity) {
	if r.PostFormValue("confirm") != "yes" {
		s.errorPage(w, r, badRequest("not_confirmed", "tick the box to confirm that everything should be deleted"))
		return
	}
	// "Delete all" means everything this account has here: batches too.
	if s.cfg.Batches != nil {
		if _, err := s.cfg.Batches.DeleteAll(r.Context(), id.Owner); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	if _, err := s.store.DeleteAll(r.Context(), id.Owner); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/history?deleted=all", http.StatusSeeOther)
}

type loginView struct {
	Next, Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.Auth {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, "login", http.StatusOK, identity{}, "Sign in", loginView{Next: localPath(r.URL.Query().Get("next"))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.Auth {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	next := localPath(r.PostFormValue("next"))
	if !s.validCSRF(r) {
		s.render(w, r, "login", http.StatusForbidden, identity{}, "Sign in", loginView{next, "This form has expired; try again."})
		return
	}
	u, err := s.store.UserByToken(r.Context(), strings.TrimSpace(r.PostFormValue("token")), store.APIToken)
	if err != nil {
		e := errorOf(err)
		msg := "That token is not known here. Ask whoever runs this server for yours."
		if e.Status >= 500 {
			msg = e.Message
		}
		s.render(w, r, "login", e.Status, identity{}, "Sign in", loginView{next, msg})
		return
	}
	tok, err := s.store.SessionFor(r.Context(), u, s.cfg.SessionTTL)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.setSession(w, tok, int(s.cfg.SessionTTL.Seconds()))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if !s.validCSRF(r) {
		s.errorPage(w, r, errCSRF)
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.store.DeleteToken(r.Context(), c.Value)
	}
	s.setSession(w, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "web")
	fsrv := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

// The report page.

// pageReport is the part of the v1 JSON report the page shows.
type pageReport struct {
	Document struct {
		Name     string `json:"name"`
		Format   string `json:"format"`
		Pages    int    `json:"pages"`
		Words    int    `json:"words"`
		Type     string `json:"type"`
		LeaseUse string `json:"lease_use"`
	} `json:"document"`
	Role     string `json:"role"`
	RoleFrom string `json:"role_source"`
	Score    *struct {
		Value      float64 `json:"value"`
		Grade      string  `json:"grade"`
		Categories map[string]struct {
			Value float64 `json:"value"`
			Grade string  `json:"grade"`
		} `json:"categories"`
	} `json:"score"`
	Notice   string `json:"notice"`
	Findings []struct {
		Rule     string  `json:"rule"`
		Title    string  `json:"title"`
		Category string  `json:"category"`
		Kind     string  `json:"kind"`
		Severity string  `json:"severity"`
		Cost     float64 `json:"cost"`
		Location struct {
			Start int `json:"start"`
			End   int `json:"end"`
			// The words that triggered the finding, inside start–end.
			MatchStart int    `json:"match_start"`
			MatchEnd   int    `json:"match_end"`
			Page       int    `json:"page"`
			Section    string `json:"section"`
			Heading    string `json:"heading"`
			Within     string `json:"within"`
		} `json:"location"`
		Quote      string  `json:"quote"`
		LeadIn     string  `json:"lead_in"`
		Evidence   string  `json:"evidence"`
		Confidence float64 `json:"confidence"`
		Why        string  `json:"why"`
		Ask        string  `json:"ask"`
		Suggestion *struct {
			Action   string `json:"action"`
			Text     string `json:"text"`
			Fallback string `json:"fallback"`
		} `json:"suggestion"`
	} `json:"findings"`
	KeyTerms map[string]json.RawMessage `json:"key_terms"`
	Warnings []string                   `json:"warnings"`
	Market   *market.Comparison         `json:"market"`
}

type reportView struct {
	ID, Name, Format, Role string
	Type                   string // "commercial lease", "services agreement": as the downloads name it
	RoleInferred           bool
	Home                   string // the reviewer's jurisdiction it was made with, as a label: "California"
	Pages, Words           int
	Size                   string // "17,579 words · 3 pages"
	Created                time.Time
	BatchID, ItemID        string // a document of a batch, which keeps its report only
	Scored                 bool
	Score, Grade           string
	Gauge                  string // arc length out of 100
	Summary                string
	Notice                 string
	Categories             []categoryView
	Counts                 []countView
	Findings               []findingView
	Shown                  int
	FilterCats             []categoryView
	Cat                    string
	KeyTerms               [][2]string
	Market                 []marketView
	MarketSource           string
	Doc                    []docItem
	DocOmitted             string // why the document is not shown beside the findings
	Email                  string
	Addenda                []addendumView
	Warnings               []string
}

// addendumView is an addendum offered on the report, with the findings it
// answers.
type addendumView struct {
	redline.AddendumInfo
	Answers []int
}

// addendumRules are the findings each addendum answers.
var addendumRules = map[string][]string{
	"no-ai-training":     {"ai.training-prohibition-missing", "ai.training-permitted"},
	"purpose-limitation": {"ip.purpose-limitation-missing", "ip.any-purpose"},
	"ip-on-payment":      {"ip.transfer-before-payment"},
	"kill-fee":           {"pay.kill-fee-missing"},
	"portfolio-rights":   {"ip.portfolio-rights-missing"},
	"late-payment":       {"pay.late-fee-missing"},
}

// cliHint is a sentence of a notice that speaks to the command line ("Use
// --type to scan it anyway."), which means nothing on a page.
var cliHint = regexp.MustCompile(`\s*[^.]*\s--[a-z][^.]*\.`)

// emailBold is the Markdown bold of the email's numbered requests: the
// page offers the email as plain text to paste into a mail program.
var emailBold = regexp.MustCompile(`(?m)^\*\*(\d+\. [^\n]*?)\*\*`)

type categoryView struct {
	Name, Title, Value, Grade, Width string
	N                                int
}

type countView struct {
	Severity string
	N        int
	On       bool
}

type findingView struct {
	N                         int // report.Number: the finding's number in every output
	Severity, Category, Title string
	CategoryTitle             string
	Missing                   bool
	Where                     string
	Cost                      string
	Quote, LeadIn, Why, Ask   string
	// The quote around the words that triggered the finding, when the
	// quote is the passage as written.
	QuoteBefore, QuoteMatch, QuoteAfter string
	Action, Text, Fallback              string
	HasPassage                          bool
	HasPlace                            bool   // a missing protection's place to add it is marked in the document
	Evidence                            string // what a missing protection was looked for as
	Unsure                              string // a note when the finding is less certain
	Hidden                              bool
	Market                              string // how common the clause is in the corpus
}

// marketView is one key term set against the corpus, with its chart.
type marketView struct {
	Label, Text string
	Chart       template.HTML
}

type blockView struct {
	Kind    string
	Level   int
	Segs    []segView
	Inserts []findingView // missing protections that belong after it
}

// maxDocRunes is the longest text the report page shows beside the
// findings, about 250 pages. A longer one (a 30 MB text file is 4.7
// million words) made a 33 MB page that took the browser half a minute.
const maxDocRunes = 600_000

// maxHeadingWords is the longest heading a finding's place is named
// after ("Under …"); a longer one is a sentence a conversion made a
// heading.
const maxHeadingWords = 16

// docItem is a block of the document view, or a table of them: rows of
// cells, each cell one or more blocks.
type docItem struct {
	Block blockView
	Rows  [][][]blockView
	table int
}

// addBlock appends b to the document view, gathering the cells of one
// table (Source.Table, Row, Col) into rows so a table reads as one.
func addBlock(doc []docItem, b blockView, table, row, col int) []docItem {
	if b.Kind != "table-cell" || table == 0 || row < 1 || col < 1 {
		return append(doc, docItem{Block: b})
	}
	if n := len(doc); n == 0 || doc[n-1].table != table {
		doc = append(doc, docItem{table: table})
	}
	t := &doc[len(doc)-1]
	// Rows and columns as numbered, bounded so a damaged file cannot ask
	// for a huge table.
	row, col = min(row, 10000), min(col, 100)
	for len(t.Rows) < row {
		t.Rows = append(t.Rows, nil)
	}
	r := &t.Rows[row-1]
	for len(*r) < col {
		*r = append(*r, nil)
	}
	(*r)[col-1] = append((*r)[col-1], b)
	return doc
}

type segView struct {
	Text     string
	Severity string
	Anchor   int    // finding number whose passage starts here; 0 for none
	Refs     string // finding numbers covering the run, e.g. "3 7"
	First    int    // the first of them, the one a click goes to
	Match    bool   // inside the words that triggered one of them
}

var severities = []string{"critical", "high", "medium", "low", "info"}

func newReportView(sc *store.Scan, addenda []redline.AddendumInfo, q map[string][]string) (*reportView, error) {
	var rep pageReport
	if err := json.Unmarshal(sc.Report, &rep); err != nil {
		return nil, fault.Wrap(fault.Internal, err, "reading the stored report")
	}
	var l layout
	if err := json.Unmarshal(sc.Document, &l); err != nil {
		return nil, fault.Wrap(fault.Internal, err, "reading the stored document")
	}
	v := &reportView{ID: sc.ID, Name: sc.Name, Format: formatLabel(rep.Document.Format, sc.Name), Type: report.DocumentLabel(analyze.DocInfo{Type: rep.Document.Type, LeaseUse: rep.Document.LeaseUse}), Role: rep.Role,
		RoleInferred: rep.RoleFrom != "given", Pages: rep.Document.Pages, Words: rep.Document.Words, Created: sc.Created,
		Notice: strings.TrimSpace(cliHint.ReplaceAllString(rep.Notice, "")), Warnings: rep.Warnings}
	v.Size = report.Count(rep.Document.Words, "word")
	if rep.Document.Pages > 0 {
		v.Size += " · " + report.Count(rep.Document.Pages, "page")
	}
	if rep.Score != nil {
		v.Scored = true
		v.Score = fmt.Sprintf("%.0f", rep.Score.Value)
		v.Grade = rep.Score.Grade
		v.Gauge = fmt.Sprintf("%.1f", max(rep.Score.Value, 0.5))
		for name, c := range rep.Score.Categories {
			v.Categories = append(v.Categories, categoryView{Name: name, Title: report.CategoryTitle(name),
				Value: fmt.Sprintf("%.0f", c.Value), Grade: c.Grade, Width: fmt.Sprintf("%.1f", max(c.Value, 1))})
		}
		sort.Slice(v.Categories, func(i, j int) bool { return v.Categories[i].Title < v.Categories[j].Title })
	}

	// Filters: ?sev=high&sev=critical&cat=ip-ai; none means all.
	sevOn := map[string]bool{}
	for _, sv := range q["sev"] {
		sevOn[sv] = true
	}
	if len(q["cat"]) > 0 {
		v.Cat = q["cat"][0]
	}
	counts := map[string]int{}
	catN := map[string]int{}
	for i, f := range rep.Findings {
		counts[f.Severity]++
		catN[f.Category]++
		fv := findingView{N: report.Number(i), Severity: f.Severity, Category: f.Category, CategoryTitle: report.CategoryTitle(f.Category),
			Title: f.Title, Missing: f.Kind == "missing", Cost: fmt.Sprintf("%.1f", f.Cost),
			Quote: f.Quote, LeadIn: f.LeadIn, Why: f.Why, Ask: f.Ask, HasPassage: f.Kind != "missing" && f.Location.End > f.Location.Start}
		if l := f.Location; l.MatchStart >= l.Start && l.MatchEnd > l.MatchStart && l.MatchEnd <= l.End {
			if q := []rune(f.Quote); len(q) == l.End-l.Start {
				a, b := l.MatchStart-l.Start, l.MatchEnd-l.Start
				fv.QuoteBefore, fv.QuoteMatch, fv.QuoteAfter = string(q[:a]), string(q[a:b]), string(q[b:])
			}
		}
		if fv.Missing {
			fv.Evidence = f.Evidence
		}
		if f.Confidence > 0 && f.Confidence < 0.7 {
			fv.Unsure = fmt.Sprintf("Less certain (confidence %.0f%%): check this one.", f.Confidence*100)
		}
		fv.Where = place(f.Location.Section, f.Location.Heading, f.Location.Within, f.Location.Page, fv.Missing)
		if f.Suggestion != nil {
			fv.Action, fv.Text, fv.Fallback = actionLabel(f.Suggestion.Action), f.Suggestion.Text, f.Suggestion.Fallback
		}
		fv.Hidden = (len(sevOn) > 0 && !sevOn[f.Severity]) || (v.Cat != "" && v.Cat != f.Category)
		if !fv.Hidden {
			v.Shown++
		}
		if rc := rep.Market.Rule(f.Rule); rc != nil {
			fv.Market = rc.Text
		}
		v.Findings = append(v.Findings, fv)
	}
	for _, sv := range severities {
		if counts[sv] > 0 {
			v.Counts = append(v.Counts, countView{sv, counts[sv], len(sevOn) == 0 || sevOn[sv]})
		}
	}
	for c, n := range catN {
		v.FilterCats = append(v.FilterCats, categoryView{Name: c, Title: report.CategoryTitle(c), N: n})
	}
	sort.Slice(v.FilterCats, func(i, j int) bool { return v.FilterCats[i].Title < v.FilterCats[j].Title })
	present, missing := 0, 0
	for _, f := range v.Findings {
		if f.Missing {
			missing++
		} else {
			present++
		}
	}
	v.Summary = summary(present, missing)
	if !v.Scored && len(v.Findings) == 0 {
		v.Summary = "Not checked as a contract"
	}
	// The email asks for changes to a contract; a document that was not
	// scored as one has none to ask for.
	if v.Scored {
		v.Email = emailBold.ReplaceAllString(l.Email, "$1")
	}
	v.Addenda = addendaFor(rep, addenda)
	if raw, err := json.Marshal(rep.KeyTerms); err == nil {
		v.KeyTerms = report.KeyTermRows(raw)
	}
	if m := rep.Market; m != nil && len(m.Terms) > 0 {
		for _, tc := range m.Terms {
			v.Market = append(v.Market, marketView{Label: tc.Label, Text: tc.Text, Chart: report.MarketChart(tc)})
		}
		v.MarketSource = marketSource(m)
	}

	// The document, split into runs at every finding boundary.
	type span struct{ start, end, matchStart, matchEnd, n int }
	var spans []span
	sevOf := map[int]string{}
	for i, f := range v.Findings {
		if f.HasPassage {
			loc := rep.Findings[i].Location
			spans = append(spans, span{loc.Start, loc.End, loc.MatchStart, loc.MatchEnd, f.N})
			sevOf[f.N] = f.Severity
		}
	}
	// A passage the report places in no section (the opening paragraphs
	// of terms of service) is placed by the heading above it, as a reader
	// would find it.
	text := []rune(l.Text)
	for i, f := range v.Findings {
		if f.Where != "" || !f.HasPassage {
			continue
		}
		p, head := rep.Findings[i].Location.Start, ""
		for _, b := range l.Blocks {
			if b.Start >= p {
				break
			}
			if b.Kind != "heading" {
				continue
			}
			h := b.Text // a long document's headings carry their text (layoutOf)
			if l.Omitted == 0 {
				if b.Start < 0 || b.End > len(text) || b.Start >= b.End {
					continue
				}
				h = strings.TrimSpace(string(text[b.Start:b.End]))
			}
			if len(strings.Fields(h)) <= maxHeadingWords {
				head = h
			}
		}
		v.Findings[i].Where = "In the opening text"
		if head != "" {
			v.Findings[i].Where = "Under “" + strings.TrimSuffix(head, ":") + "”"
		}
	}

	if len(text) > maxDocRunes || l.Omitted > 0 {
		v.DocOmitted = "The document (" + v.Size + ") is too long to show beside the findings here; each finding quotes its passage."
		for i := range v.Findings {
			v.Findings[i].HasPassage = false
		}
		return v, nil
	}

	// A missing protection belongs after the block its place falls in (the
	// end of its section), or after the last block when it has none.
	insertAt := map[int][]findingView{}
	for i, f := range v.Findings {
		if !f.Missing {
			continue
		}
		p, at := rep.Findings[i].Location.Start, -1
		for j, b := range l.Blocks {
			if b.Start >= 0 && b.End <= len(text) && b.Start < b.End && (p <= 0 || b.Start < p) {
				at = j
			}
		}
		if at >= 0 {
			v.Findings[i].HasPlace = true
			insertAt[at] = append(insertAt[at], v.Findings[i])
		}
	}
	for j, b := range l.Blocks {
		if b.Start < 0 || b.End > len(text) || b.Start >= b.End {
			continue
		}
		cuts := []int{b.Start, b.End}
		for _, sp := range spans {
			for _, c := range []int{sp.start, sp.end, sp.matchStart, sp.matchEnd} {
				if c > b.Start && c < b.End {
					cuts = append(cuts, c)
				}
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		bv := blockView{Kind: b.Kind, Level: b.Level, Inserts: insertAt[j]}
		for i := 0; i+1 < len(cuts); i++ {
			a, e := cuts[i], cuts[i+1]
			seg := segView{Text: string(text[a:e])}
			var refs []string
			best := len(severities)
			for _, sp := range spans {
				if sp.start <= a && sp.end >= e && sp.matchStart <= a && sp.matchEnd >= e && sp.matchEnd > sp.matchStart {
					seg.Match = true
				}
				if sp.start <= a && sp.end >= e {
					refs = append(refs, fmt.Sprint(sp.n))
					if seg.First == 0 {
						seg.First = sp.n
					}
					if r := slices.Index(severities, sevOf[sp.n]); r < best {
						best, seg.Severity = r, sevOf[sp.n]
					}
				}
				if sp.start == a && seg.Anchor == 0 {
					seg.Anchor = sp.n
				}
			}
			seg.Refs = strings.Join(refs, " ")
			bv.Segs = append(bv.Segs, seg)
		}
		v.Doc = addBlock(v.Doc, bv, b.Table, b.Row, b.Col)
	}
	return v, nil
}

// marketSource says what the terms were compared with, for a person
// reading the page (the reports' line points to a command).
func marketSource(m *market.Comparison) string {
	s := "Compared with " + report.Count(m.Documents, "contract")
	if m.Corpus != "" && m.Corpus != "default" {
		s += " of the corpus “" + m.Corpus + "”"
	} else {
		s += " (the CUAD corpus and public templates)"
	}
	if t, err := time.Parse("2006-01-02", strings.TrimSuffix(m.BuiltAt, "T00:00:00Z")); err == nil {
		s += ", as of " + t.Format("2 January 2006")
	}
	return s + "."
}

// summary counts the findings in words, without "0 missing protections".
func summary(present, missing int) string {
	switch {
	case present > 0 && missing > 0:
		return report.Count(present, "risky clause") + " and " + report.Count(missing, "missing protection")
	case present > 0:
		return report.Count(present, "risky clause") + "; no protection missing"
	case missing > 0:
		return "No risky clause; " + report.Count(missing, "missing protection")
	}
	return "No risky clause and no protection missing"
}

// addendaFor lists the addenda to offer on a report. They are written for
// a contractor (freelancer, agency) to propose to a client, so only a
// contractor is offered them: those answering a finding first, with its
// number.
func addendaFor(rep pageReport, all []redline.AddendumInfo) []addendumView {
	if rep.Role != "contractor" || rep.Score == nil {
		return nil
	}
	var answers, rest []addendumView
	for _, a := range all {
		av := addendumView{AddendumInfo: a}
		for i, f := range rep.Findings {
			if slices.Contains(addendumRules[a.Kind], f.Rule) {
				av.Answers = append(av.Answers, report.Number(i))
			}
		}
		if len(av.Answers) > 0 {
			answers = append(answers, av)
		} else {
			rest = append(rest, av)
		}
	}
	return append(answers, rest...)
}

// formatLabel names a document format as people know it.
func formatLabel(format, name string) string {
	switch strings.ToLower(pathExt(name)) {
	case ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp":
		// Reports stored before the "image" format said "pdf" for a
		// scanned picture.
		return "image"
	}
	if l, ok := map[string]string{"pdf": "PDF", "docx": "Word", "doc": "Word 97–2003", "odt": "OpenDocument",
		"rtf": "RTF", "html": "HTML", "markdown": "Markdown", "text": "plain text", "image": "image"}[format]; ok {
		return l
	}
	return format
}

// place says where a finding is, as a reader finds it in the document:
// "Section 4 (Fees)", "Section 4 of “Cancellation and Termination”",
// "Under “Summary”", with the page when known. A missing protection is
// where to add it.
func place(sec, head, within string, page int, missing bool) string {
	head = strings.TrimSuffix(head, ":")
	within = strings.TrimSuffix(within, ":")
	var where string
	switch {
	case sec == "" && head == "":
	case sec == "" || sec == head || len(sec) > 12:
		// Unnumbered sections are named by their heading, once.
		where = "“" + strings.TrimSuffix(cmp.Or(head, sec), ":") + "”"
		if !missing {
			where = "Under " + where
		}
	case within != "" && head != "":
		where = "Section " + sec + " (" + head + ") of “" + within + "”"
	case within != "":
		where = "Section " + sec + " of “" + within + "”"
	case head != "":
		where = "Section " + sec + " (" + head + ")"
	default:
		where = "Section " + sec
	}
	if missing {
		if where == "" {
			return "Add at the end"
		}
		where = "Add to " + strings.Replace(where, "Section", "section", 1)
	}
	if page > 0 {
		if where != "" {
			where += ", "
		}
		where += fmt.Sprintf("page %d", page)
	}
	if where != "" && where[0] >= 'a' && where[0] <= 'z' {
		where = strings.ToUpper(where[:1]) + where[1:]
	}
	return where
}

func actionLabel(a string) string {
	switch a {
	case "replace":
		return "Replace with"
	case "insert":
		return "Add"
	case "delete":
		return "Delete the clause"
	}
	return "Suggested wording"
}
