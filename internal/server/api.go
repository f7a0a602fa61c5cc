package server

import (
	"bytes"
	"encoding/json"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/redline"
	"github.com/termscore/termscore/internal/report"
	"github.com/termscore/termscore/internal/store"
)

// scanBody is a scan as the API returns it.
type scanBody struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	// Home is the reviewer's jurisdiction the scan was made with; the v1
	// report has no field for it.
	Home   string          `json:"home"`
	Report json.RawMessage `json:"report"`
}

// scanItem is a scan in a list.
type scanItem struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Format   string    `json:"format"`
	Type     string    `json:"type"`
	Role     string    `json:"role"`
	Home     string    `json:"home"` // the reviewer's jurisdiction given; "" for none
	Score    *float64  `json:"score"`
	Grade    string    `json:"grade,omitempty"`
	Findings int       `json:"findings"`
	Size     int64     `json:"size"`
	Created  time.Time `json:"created"`
}

type scanList struct {
	Scans []scanItem `json:"scans"`
	// Next is the value of "before" that gives the next page; empty on
	// the last one.
	Next string `json:"next,omitempty"`
}

func itemOf(sc store.Scan) scanItem {
	return scanItem{ID: sc.ID, Name: sc.Name, Format: sc.Format, Type: sc.DocType, Role: sc.Role, Home: sc.Home, Score: sc.Score,
		Grade: sc.Grade, Findings: sc.Findings, Size: sc.Size, Created: sc.Created.UTC()}
}

// allowUpload applies the upload rate limit; it answers 429 itself.
func (s *Server) allowUpload(w http.ResponseWriter, r *http.Request, id identity) bool {
	key := id.Owner
	if !s.cfg.Auth {
		key = clientAddr(r)
	}
	ok, wait := s.limiter.allow(key, time.Now())
	if !ok {
		secs := int(wait.Seconds()) + 1
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		s.fail(w, r, &apiError{http.StatusTooManyRequests, "rate_limited",
			"too many scans in a short time; try again in " + report.Count(secs, "second")})
	}
	return ok
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) apiCreateScan(w http.ResponseWriter, r *http.Request, id identity) {
	if !s.allowUpload(w, r, id) {
		return
	}
	mem, err := s.reserve(w, r, false, true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer mem.release()
	up, err := s.readUpload(w, r, "", false)
	if err == nil {
		err = s.afford(r.Context(), w, mem, up.Data, scanCost)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sc, err := s.scan(r.Context(), id.Owner, up)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/scans/"+sc.ID)
	writeJSON(w, http.StatusCreated, scanBody{sc.ID, sc.Created.UTC(), sc.Home, sc.Report})
}

func (s *Server) apiListScans(w http.ResponseWriter, r *http.Request, id identity) {
	limit := 50
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			s.writeError(w, r, badRequest("bad_limit", "limit must be a number from 1 to 500"))
			return
		}
		limit = n
	}
	var before time.Time
	if v := r.URL.Query().Get("before"); v != "" {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			s.writeError(w, r, badRequest("bad_before", "before must be a time like 2025-01-31T12:00:00Z (the next value of the previous page)"))
			return
		}
		before = t
	}
	list, err := s.store.Scans(r.Context(), id.Owner, limit, before)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := scanList{Scans: make([]scanItem, 0, len(list))}
	for _, sc := range list {
		out.Scans = append(out.Scans, itemOf(sc))
	}
	if len(list) == limit {
		out.Next = list[len(list)-1].Created.UTC().Format(time.RFC3339Nano)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiGetScan(w http.ResponseWriter, r *http.Request, id identity) {
	sc, err := s.store.Scan(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, scanBody{sc.ID, sc.Created.UTC(), sc.Home, sc.Report})
}

func (s *Server) apiDeleteScan(w http.ResponseWriter, r *http.Request, id identity) {
	if err := s.store.DeleteScan(r.Context(), id.Owner, r.PathValue("id")); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiDeleteAll(w http.ResponseWriter, r *http.Request, id identity) {
	n, err := s.store.DeleteAll(r.Context(), id.Owner)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"deleted": n})
}

// download sends a generated file as an attachment named after the scan.
func download(w http.ResponseWriter, name, ext, contentType string, data []byte) {
	base := strings.TrimSuffix(name, pathExt(name))
	if base == "" {
		base = "contract"
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", attachment(base+ext))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// attachment is a Content-Disposition naming the file. A name beyond ASCII
// ("Vertrag Müller.pdf") goes in filename* (RFC 6266), with an ASCII
// filename beside it for the clients that read only that.
func attachment(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	v := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	// A name mime can quote ('a"b.pdf') stays one filename; only a name it
	// writes as filename* gets the ASCII one beside it.
	if ascii == name || !strings.Contains(v, "filename*=") {
		return v
	}
	return `attachment; filename="` + ascii + `"; ` + strings.TrimPrefix(v, "attachment; ")
}

func pathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

func (s *Server) apiRedline(w http.ResponseWriter, r *http.Request, id identity) {
	sc, err := s.store.Scan(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	docx := sc.Format == string(document.DOCX)
	data, rep, release, err := s.rescan(r.Context(), w, id.Owner, sc, redlineCost, docx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer release()
	edits, _ := redline.Plan(rep, nil)
	// Edits that cannot be placed are left out; the report lists every
	// finding anyway.
	opt := redline.Options{Date: sc.Created, Skipped: func(redline.Edit, string) {}}
	var out []byte
	if docx {
		out, err = redline.DOCX(data, rep.Doc, edits, opt)
	} else {
		out, err = redline.FromDocument(rep.Doc, edits, opt)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	download(w, sc.Name, "-redline.docx", docxType, out)
}

func (s *Server) apiReportHTML(w http.ResponseWriter, r *http.Request, id identity) {
	sc, err := s.store.Scan(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, rep, release, err := s.rescan(r.Context(), w, id.Owner, sc, scanCost, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer release()
	var b bytes.Buffer
	if err := report.HTMLReports(&b, []*analyze.Report{rep}, report.HTMLOptions{Negotiation: redline.Negotiation}); err != nil {
		s.fail(w, r, err)
		return
	}
	// The standalone report carries its own inline styles and no script:
	// it gets a CSP of its own that allows exactly that.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
	download(w, sc.Name, "-report.html", "text/html; charset=utf-8", b.Bytes())
}

func (s *Server) apiReportMarkdown(w http.ResponseWriter, r *http.Request, id identity) {
	sc, err := s.store.Scan(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, rep, release, err := s.rescan(r.Context(), w, id.Owner, sc, scanCost, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer release()
	var b bytes.Buffer
	if err := report.Markdown(&b, []*analyze.Report{rep}, report.MarkdownOptions{Negotiate: true, Negotiation: redline.Negotiation}); err != nil {
		s.fail(w, r, err)
		return
	}
	download(w, sc.Name, "-report.md", "text/markdown; charset=utf-8", b.Bytes())
}

func (s *Server) apiReportJSON(w http.ResponseWriter, r *http.Request, id identity) {
	sc, err := s.store.Scan(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	download(w, sc.Name, "-report.json", "application/json", append(bytes.Clone(sc.Report), '\n'))
}

var addendumFormats = map[string]struct{ ext, ctype string }{
	"docx":     {".docx", docxType},
	"markdown": {".md", "text/markdown; charset=utf-8"},
	"pdf":      {".pdf", "application/pdf"},
}

func (s *Server) apiAddendum(w http.ResponseWriter, r *http.Request, id identity) {
	sc, err := s.store.Scan(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "docx"
	}
	f, ok := addendumFormats[format]
	if !ok {
		s.fail(w, r, badRequest("bad_format", "format must be docx, markdown or pdf"))
		return
	}
	var l layout
	if err := json.Unmarshal(sc.Document, &l); err != nil {
		s.fail(w, r, err)
		return
	}
	kind := r.PathValue("kind")
	data, err := redline.Addendum(kind, l.Parties, format)
	if fault.KindOf(err) == fault.Invalid {
		err = fault.New(fault.NotFound, "no addendum %q", kind)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	download(w, sc.Name, "-addendum-"+kind+f.ext, f.ctype, data)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(r.Context()); err != nil {
		s.writeError(w, r, fault.Wrap(fault.Internal, err, "the database does not answer"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": s.store.Dialect()})
}
