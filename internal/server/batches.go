package server

import (
	"net/http"
	"strings"

	"github.com/termscore/termscore/internal/queue"
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
		WriteError: s.writeError,
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
	ops := map[string]*operation{
		"POST /api/v1/batches": {ID: "createBatch", Tag: "batches", Summary: "Scan many documents as one batch",
			Description: "Either multipart/form-data with any number of `file` fields (and an optional `name`), or JSON " +
				"{\"folder\": \"DIR\", \"name\": \"…\"} naming a folder under the server's --batch-root (refused when it has none). " +
				"Answers at once with the batch's id; the documents are scanned in the background (docs/batch.md).",
			Responses: ok(errs(403, 404, 413, 415, 422), 201, "The batch, its documents queued")},
		"GET /api/v1/batches": {ID: "listBatches", Tag: "batches", Summary: "List your batches with their progress",
			Responses: ok(errs(), 200, "Your latest 100 batches")},
		"GET /api/v1/batches/{id}": {ID: "getBatch", Tag: "batches", Summary: "A batch's progress and every document's status",
			Description: "Counts (queued, running, done, failed), finished, and per document its status, attempts, worker, error code and reason, type, score and grade.",
			Responses:   ok(errs(404), 200, "The batch")},
		"GET /api/v1/batches/{id}/items/{item}/report.json": {ID: "getBatchReport", Tag: "batches", Summary: "The v1 report of one document of a batch",
			Responses: ok(errs(404), 200, "The v1 JSON report")},
	}
	var routes []route
	for _, q := range api.Routes() {
		h := q.Handler
		op := ops[q.Method+" "+q.Pattern]
		if !strings.HasPrefix(q.Pattern, "/api/") {
			// A page: unknown callers go to sign in first.
			h = s.page(func(w http.ResponseWriter, r *http.Request, _ identity) { q.Handler.ServeHTTP(w, r) })
		}
		routes = append(routes, route{q.Method, q.Pattern, h, op})
	}
	return routes
}
