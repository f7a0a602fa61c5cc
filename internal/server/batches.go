package server

import (
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/queue"
	"github.com/termscore/termscore/internal/store"
)

// batchRoutes mounts internal/queue's batch API and progress page behind
// this server's sign-in, error format and OpenAPI document, when
// Config.Batches is set.
func (s *Server) batchRoutes() []route {
	if s.cfg.Batches == nil {
		return nil
	}
	api := &queue.API{
		Service:    s.cfg.Batches,
		FolderRoot: s.cfg.BatchRoot,
		Owner: func(r *http.Request) (string, error) {
			id, err := s.identify(r)
			return id.Owner, err
		},
		WriteError: func(w http.ResponseWriter, r *http.Request, err error) {
			// The code a single scan gets for the same mistake.
			var re *queue.RoleError
			var he *queue.HomeError
			switch {
			case errors.As(err, &re):
				err = badRequest("bad_role", errorOf(re.Err).Message)
			case errors.As(err, &he):
				err = badRequest("bad_home", errorOf(he.Err).Message)
			}
			s.writeError(w, r, err)
		},
	}
	errs := func(codes ...int) map[int]response {
		if s.cfg.Auth {
			codes = append(codes, http.StatusUnauthorized)
		}
		m := map[int]response{}
		for _, c := range codes {
			m[c] = response{Description: http.StatusText(c), Schema: "Error"}
		}
		return m
	}
	ok := func(m map[int]response, code int, desc string) map[int]response {
		m[code] = response{Description: desc, Content: "application/json"}
		return m
	}
	errsWith := func(m map[int]response, code int, r response) map[int]response {
		m[code] = r
		return m
	}
	ops := map[string]*operation{
		"POST /api/v1/batches": {ID: "createBatch", Tag: "batches", Summary: "Scan many documents as one batch",
			Description: "Either multipart/form-data with any number of `file` fields (and optional `name`, `role` and `home`), or JSON " +
				"{\"folder\": \"DIR\", \"name\": \"…\", \"role\": \"…\", \"home\": \"…\"} naming a folder under the server's --batch-root (refused when it has none). " +
				"`role` is your role for every document (contractor, client, tenant, …, as for one scan); without it each document's role is inferred from it. " +
				"`home` is your own jurisdiction as an ISO code (US-CA, GB, DE, …, as for one scan): it fills the suggested wording's \"[your jurisdiction]\" and flags a governing law elsewhere. " +
				"Answers at once with the batch's id; the documents are scanned in the background (docs/batch.md).",
			Responses: ok(errs(400, 403, 404, 413, 415, 422, 503), 201, "The batch, its documents queued")},
		"GET /api/v1/batches": {ID: "listBatches", Tag: "batches", Summary: "List your batches with their progress",
			Responses: ok(errs(), 200, "Your latest 100 batches")},
		"GET /api/v1/batches/{id}": {ID: "getBatch", Tag: "batches", Summary: "A batch's progress and every document's status",
			Description: "Counts (queued, running, done, failed), finished, and per document its status, attempts, worker, error code and reason, type, score and grade.",
			Responses:   ok(errs(404), 200, "The batch")},
		"DELETE /api/v1/batches/{id}": {ID: "deleteBatch", Tag: "batches", Summary: "Delete a batch, its documents and their reports",
			Description: "A batch still running is cancelled: documents waiting are dropped, and one being scanned finishes without its report being kept.",
			Responses:   errsWith(errs(404), 204, response{Description: "Deleted"})},
		"GET /api/v1/batches/{id}/items/{item}/report.json": {ID: "getBatchReport", Tag: "batches", Summary: "The v1 report of one document of a batch",
			Responses: ok(errs(404), 200, "The v1 JSON report")},
	}
	var routes []route
	for _, q := range api.Routes() {
		h := q.Handler
		op := ops[q.Method+" "+q.Pattern]
		if q.Pattern == "/batches/{id}" {
			// The progress page is this server's, in its layout and under
			// its CSP (queue's own page has inline styles the CSP blocks).
			h = s.page(s.batchPage)
		} else if q.Method == "POST" && q.Pattern == "/api/v1/batches" {
			// The files are read into memory: they count against the
			// budget of uploads like several files from the page.
			next := h
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mem, err := s.reserve(w, r, true, false)
				if err != nil {
					s.writeError(w, r, err)
					return
				}
				defer mem.release()
				next.ServeHTTP(w, r)
			})
		} else if !strings.HasPrefix(q.Pattern, "/api/") {
			// A page: unknown callers go to sign in first.
			h = s.page(func(w http.ResponseWriter, r *http.Request, _ identity) { q.Handler.ServeHTTP(w, r) })
		}
		routes = append(routes, route{q.Method, q.Pattern, h, op})
	}
	return append(routes,
		route{"GET", "/batches/{id}/items/{item}", s.page(s.batchItemPage), nil},
		route{"GET", "/batches/{id}/delete", s.page(s.confirmDeleteBatchPage), nil},
		route{"POST", "/batches/{id}/delete", s.page(s.deleteBatchPage), nil})
}

// batchDeleteView is the page that confirms deleting a batch.
type batchDeleteView struct {
	*queue.Batch
	Back string // where Cancel goes
}

// confirmDeleteBatchPage asks before a batch is deleted, as
// confirmDeletePage does for a scan; ?from=history brings Cancel back to
// the history.
func (s *Server) confirmDeleteBatchPage(w http.ResponseWriter, r *http.Request, id identity) {
	b, err := s.cfg.Batches.Batch(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := batchDeleteView{Batch: b, Back: "/batches/" + b.ID}
	if r.URL.Query().Get("from") == "history" {
		v.Back = "/history"
	}
	name := b.Name
	if name == "" {
		name = "this batch"
	}
	s.render(w, r, "batchdelete", http.StatusOK, id, "Delete "+name+"?", v)
}

// deleteBatchPage deletes a batch once confirmed, cancelling it if it
// still runs (queue.Service.Delete).
func (s *Server) deleteBatchPage(w http.ResponseWriter, r *http.Request, id identity) {
	if r.PostFormValue("confirm") != "yes" {
		http.Redirect(w, r, "/batches/"+r.PathValue("id")+"/delete", http.StatusSeeOther)
		return
	}
	if _, err := s.cfg.Batches.Delete(r.Context(), id.Owner, r.PathValue("id")); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/history?deleted=batch", http.StatusSeeOther)
}

// batchView is a batch's progress page.
type batchView struct {
	*queue.Batch
	// Widths of the progress bar's parts, out of 100.
	DoneW, FailedW, RunningW string
	Percent                  int
}

func (s *Server) batchPage(w http.ResponseWriter, r *http.Request, id identity) {
	b, err := s.cfg.Batches.Batch(r.Context(), id.Owner, r.PathValue("id"))
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := batchView{Batch: b, Percent: 100}
	width := func(n int) string { return "0" }
	if b.Total > 0 {
		width = func(n int) string { return strconv.FormatFloat(float64(n)*100/float64(b.Total), 'f', 1, 64) }
		v.Percent = (b.Done + b.Failed) * 100 / b.Total
	}
	v.DoneW, v.FailedW, v.RunningW = width(b.Done), width(b.Failed), width(b.Running)
	name := b.Name
	if name == "" {
		name = "Batch"
	}
	s.render(w, r, "batch", http.StatusOK, id, name, v)
}

// batches lists the owner's latest batches for the history page; none
// when the server has no batch service.
func (s *Server) batches(r *http.Request, owner string) []queue.Batch {
	if s.cfg.Batches == nil {
		return nil
	}
	list, err := s.cfg.Batches.Batches(r.Context(), owner)
	if err != nil {
		s.log.Warn("listing batches", slog.Any("err", err))
		return nil
	}
	return list
}

// batchItemPage shows one document of a batch as a report page. A batch
// keeps each document's report, not the file, so the page has the
// findings, scores and key terms but no document view and no downloads
// made from the file.
func (s *Server) batchItemPage(w http.ResponseWriter, r *http.Request, id identity) {
	batchID, itemID := r.PathValue("id"), r.PathValue("item")
	b, err := s.cfg.Batches.Batch(r.Context(), id.Owner, batchID)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	i := slices.IndexFunc(b.Items, func(it queue.Item) bool { return it.ID == itemID })
	if i < 0 {
		s.errorPage(w, r, fault.New(fault.NotFound, "no document %q in this batch", itemID))
		return
	}
	rep, err := s.cfg.Batches.Report(r.Context(), id.Owner, batchID, itemID)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	it := b.Items[i]
	v, err := newReportView(&store.Scan{Name: it.Name, Report: rep, Document: []byte("{}"), Created: it.Updated}, nil, r.URL.Query())
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.BatchID, v.ItemID, v.Addenda, v.Email = batchID, itemID, nil, ""
	if b.Home != "" {
		v.Home = s.pages.homes.Label(b.Home)
	}
	for j := range v.Findings {
		// Nothing to point at without the document.
		v.Findings[j].HasPassage, v.Findings[j].HasPlace = false, false
	}
	s.render(w, r, "report", http.StatusOK, id, it.Name, v)
}
