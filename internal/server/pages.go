package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/doctype"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/market"
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
		"size": humanBytes,
		"score": func(v *float64) string {
			if v == nil {
				return "—"
			}
			return fmt.Sprintf("%.0f", *v)
		},
		"lower": strings.ToLower,
	}
	p := &pages{t: map[string]*template.Template{}}
	for _, name := range []string{"upload", "report", "history", "login", "error"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "web/layout.html", "web/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parsing the %s page: %w", name, err)
		}
		p.t[name] = t
	}
	var err error
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

type errorView struct {
	Status  int
	Code    string
	Message string
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, err error) {
	e := errorOf(err)
	if e.Status >= 500 {
		s.log.Error("request failed", slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	id, _ := s.identify(r)
	s.render(w, r, "error", e.Status, id, http.StatusText(e.Status), errorView{e.Status, e.Code, e.Message})
}

type uploadView struct {
	Roles   []string
	Role    string
	Error   string
	MaxSize string
	Recent  []scanItem
}

func (s *Server) uploadView(r *http.Request, id identity) uploadView {
	v := uploadView{Roles: doctype.Roles(), MaxSize: humanBytes(s.cfg.Limits.MaxBytes)}
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
// it and is redirected to the report.
func (s *Server) createScanPage(w http.ResponseWriter, r *http.Request, id identity) {
	if !s.allowUpload(w, r, id) {
		return
	}
	up, err := s.readUpload(w, r)
	var sc *store.Scan
	if err == nil {
		sc, _, err = s.scan(r.Context(), id.Owner, up)
	}
	wantsJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	if err != nil {
		if wantsJSON {
			s.writeError(w, r, err)
			return
		}
		v := s.uploadView(r, id)
		e := errorOf(err)
		v.Error = e.Message
		if up != nil {
			v.Role = up.Role
		}
		s.render(w, r, "upload", e.Status, id, "Check a contract", v)
		return
	}
	url := "/scans/" + sc.ID
	if wantsJSON {
		writeJSON(w, http.StatusCreated, map[string]string{"id": sc.ID, "url": url})
		return
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
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
	s.render(w, r, "report", http.StatusOK, id, v.Name, v)
}

func (s *Server) deletePage(w http.ResponseWriter, r *http.Request, id identity) {
	if err := s.store.DeleteScan(r.Context(), id.Owner, r.PathValue("id")); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/history?deleted=1", http.StatusSeeOther)
}

type historyView struct {
	Scans   []scanItem
	Message string
}

func (s *Server) historyPage(w http.ResponseWriter, r *http.Request, id identity) {
	list, err := s.store.Scans(r.Context(), id.Owner, 500, time.Time{})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := historyView{}
	for _, sc := range list {
		v.Scans = append(v.Scans, itemOf(sc))
	}
	switch {
	case r.URL.Query().Get("deleted") == "all":
		v.Message = "Everything is deleted: every scan and every uploaded file."
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
		s.errorPage(w, r, &apiError{http.StatusForbidden, "csrf", "this form has expired; reload the page and try again"})
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
		Name   string `json:"name"`
		Format string `json:"format"`
		Pages  int    `json:"pages"`
		Words  int    `json:"words"`
		Type   string `json:"type"`
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
			Start   int    `json:"start"`
			End     int    `json:"end"`
			Page    int    `json:"page"`
			Section string `json:"section"`
			Heading string `json:"heading"`
			Within  string `json:"within"`
		} `json:"location"`
		Quote      string `json:"quote"`
		LeadIn     string `json:"lead_in"`
		Why        string `json:"why"`
		Ask        string `json:"ask"`
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
	ID, Name, Format, Type, Role string
	RoleInferred                 bool
	Pages, Words                 int
	Created                      time.Time
	Scored                       bool
	Score, Grade                 string
	Gauge                        string // arc length out of 100
	Summary                      string
	Notice                       string
	Categories                   []categoryView
	Counts                       []countView
	Findings                     []findingView
	Shown                        int
	FilterCats                   []categoryView
	Cat                          string
	KeyTerms                     [][2]string
	Market                       []marketView
	MarketSource                 string
	Blocks                       []blockView
	Email                        string
	Addenda                      []redline.AddendumInfo
	Warnings                     []string
}

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
	N                         int
	Severity, Category, Title string
	CategoryTitle             string
	Missing                   bool
	Where                     string
	Cost                      string
	Quote, LeadIn, Why, Ask   string
	Action, Text, Fallback    string
	HasPassage                bool
	Hidden                    bool
	Market                    string // how common the clause is in the corpus
}

// marketView is one key term set against the corpus, with its chart.
type marketView struct {
	Label, Text string
	Chart       template.HTML
}

type blockView struct {
	Kind  string
	Level int
	Segs  []segView
}

type segView struct {
	Text     string
	Severity string
	Anchor   int    // finding number whose passage starts here; 0 for none
	Refs     string // finding numbers covering the run, e.g. "3 7"
	First    int    // the first of them, the one a click goes to
}

var severities = []string{"critical", "high", "medium", "low", "info"}

var categoryTitles = map[string]string{
	"ip-ai":        "Intellectual property and AI",
	"payment":      "Payment and engagement",
	"liability":    "Liability and risk",
	"termination":  "Term, termination and change",
	"disputes":     "Disputes",
	"restrictions": "Restrictive covenants and confidentiality",
	"employment":   "Employment",
	"lease":        "Residential lease",
}

func categoryTitle(c string) string {
	if t, ok := categoryTitles[c]; ok {
		return t
	}
	return c
}

func newReportView(sc *store.Scan, addenda []redline.AddendumInfo, q map[string][]string) (*reportView, error) {
	var rep pageReport
	if err := json.Unmarshal(sc.Report, &rep); err != nil {
		return nil, fault.Wrap(fault.Internal, err, "reading the stored report")
	}
	var l layout
	if err := json.Unmarshal(sc.Document, &l); err != nil {
		return nil, fault.Wrap(fault.Internal, err, "reading the stored document")
	}
	v := &reportView{ID: sc.ID, Name: sc.Name, Format: rep.Document.Format, Type: rep.Document.Type, Role: rep.Role,
		RoleInferred: rep.RoleFrom != "given", Pages: rep.Document.Pages, Words: rep.Document.Words, Created: sc.Created,
		Notice: rep.Notice, Email: l.Email, Addenda: addenda, Warnings: rep.Warnings}
	if rep.Score != nil {
		v.Scored = true
		v.Score = fmt.Sprintf("%.0f", rep.Score.Value)
		v.Grade = rep.Score.Grade
		v.Gauge = fmt.Sprintf("%.1f", max(rep.Score.Value, 0.5))
		for name, c := range rep.Score.Categories {
			v.Categories = append(v.Categories, categoryView{Name: name, Title: categoryTitle(name),
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
		fv := findingView{N: i + 1, Severity: f.Severity, Category: f.Category, CategoryTitle: categoryTitle(f.Category),
			Title: f.Title, Missing: f.Kind == "missing", Cost: fmt.Sprintf("%.1f", f.Cost),
			Quote: f.Quote, LeadIn: f.LeadIn, Why: f.Why, Ask: f.Ask, HasPassage: f.Kind != "missing" && f.Location.End > f.Location.Start}
		var where []string
		if sec, head := f.Location.Section, f.Location.Heading; sec != "" || head != "" {
			// Unnumbered sections are named by their heading, once.
			switch {
			case sec == "" || sec == head || len(sec) > 12:
				where = append(where, "Under “"+strings.TrimSuffix(cmpOr(head, sec), ":")+"”")
			case head != "":
				where = append(where, "Section "+sec+" ("+head+")")
			case f.Location.Within != "":
				where = append(where, "Section "+sec+" of “"+strings.TrimSuffix(f.Location.Within, ":")+"”")
			default:
				where = append(where, "Section "+sec)
			}
		}
		if f.Location.Page > 0 {
			where = append(where, fmt.Sprintf("page %d", f.Location.Page))
		}
		fv.Where = strings.Join(where, ", ")
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
		v.FilterCats = append(v.FilterCats, categoryView{Name: c, Title: categoryTitle(c), N: n})
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
	v.Summary = fmt.Sprintf("%s and %s", plural(present, "risky clause"), plural(missing, "missing protection"))
	v.KeyTerms = keyTermRows(rep.KeyTerms)
	if m := rep.Market; m != nil && len(m.Terms) > 0 {
		for _, tc := range m.Terms {
			v.Market = append(v.Market, marketView{Label: tc.Label, Text: tc.Text, Chart: report.MarketChart(tc)})
		}
		v.MarketSource = report.MarketSource(m)
	}

	// The document, split into runs at every finding boundary.
	type span struct{ start, end, n int }
	var spans []span
	sevOf := map[int]string{}
	for _, f := range v.Findings {
		if f.HasPassage {
			loc := rep.Findings[f.N-1].Location
			spans = append(spans, span{loc.Start, loc.End, f.N})
			sevOf[f.N] = f.Severity
		}
	}
	text := []rune(l.Text)
	for _, b := range l.Blocks {
		if b.Start < 0 || b.End > len(text) || b.Start >= b.End {
			continue
		}
		cuts := []int{b.Start, b.End}
		for _, sp := range spans {
			for _, c := range []int{sp.start, sp.end} {
				if c > b.Start && c < b.End {
					cuts = append(cuts, c)
				}
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		bv := blockView{Kind: b.Kind, Level: b.Level}
		for i := 0; i+1 < len(cuts); i++ {
			a, e := cuts[i], cuts[i+1]
			seg := segView{Text: string(text[a:e])}
			var refs []string
			best := len(severities)
			for _, sp := range spans {
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
		v.Blocks = append(v.Blocks, bv)
	}
	return v, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
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

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// keyTermOrder is the order a lawyer's summary lists the key terms in.
var keyTermOrder = []struct{ key, label string }{
	{"document_title", "Title"},
	{"parties", "Parties"},
	{"agreement_date", "Agreement date"},
	{"effective_date", "Effective date"},
	{"expiration_date", "Expires"},
	{"term", "Term"},
	{"perpetual", "Perpetual"},
	{"renewal_term", "Renewal"},
	{"notice_period_to_terminate_renewal", "Notice to stop renewal"},
	{"notice_period", "Notice period"},
	{"governing_law", "Governing law"},
	{"venue", "Venue"},
	{"payment_terms", "Payment"},
	{"late_fee", "Late fee"},
	{"liability_cap", "Liability cap"},
	{"non_compete", "Non-compete"},
	{"deposit", "Deposit"},
}

func keyTermRows(kt map[string]json.RawMessage) [][2]string {
	var rows [][2]string
	seen := map[string]bool{}
	add := func(key, label string) {
		raw, ok := kt[key]
		seen[key] = true
		if !ok {
			return
		}
		var v any
		if json.Unmarshal(raw, &v) != nil {
			return
		}
		if s := valueText(v); s != "" {
			rows = append(rows, [2]string{label, s})
		}
	}
	for _, k := range keyTermOrder {
		add(k.key, k.label)
	}
	var rest []string
	for k := range kt {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		label := strings.ReplaceAll(k, "_", " ")
		add(k, strings.ToUpper(label[:1])+label[1:])
	}
	return rows
}

// valueText renders a key term's JSON value as a short phrase.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case float64:
		return fmt.Sprint(x)
	case []any:
		var parts []string
		for _, e := range x {
			if s := valueText(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		// An object with a text form shows that; otherwise its fields.
		for _, k := range []string{"text", "quote", "name"} {
			if s, ok := x[k].(string); ok && s != "" {
				return s
			}
		}
		var keys []string
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			if s := valueText(x[k]); s != "" && k != "placeholder" && k != "start" && k != "end" {
				parts = append(parts, strings.ReplaceAll(k, "_", " ")+" "+s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
