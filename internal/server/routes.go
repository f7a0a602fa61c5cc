package server

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// route is one entry of the route table, which both registers the
// handlers and writes the OpenAPI document, so the two cannot drift.
type route struct {
	Method, Pattern string
	Handler         http.Handler
	API             *operation // set for the routes the OpenAPI document lists
}

// operation documents an API route.
type operation struct {
	ID, Summary, Description string
	Tag                      string
	Query                    []param
	Upload                   bool // multipart/form-data body with file, role and home
	Responses                map[int]response
}

type param struct {
	Name, Description, Type string
}

type response struct {
	Description string
	Schema      string // a component schema name for JSON; "" for none
	Content     string // a non-JSON content type (a download)
}

func (s *Server) routeTable() []route {
	errs := func(codes ...int) map[int]response {
		m := map[int]response{}
		for _, c := range codes {
			m[c] = response{Description: http.StatusText(c), Schema: "Error"}
		}
		return m
	}
	with := func(m map[int]response, code int, r response) map[int]response {
		m[code] = r
		return m
	}
	authErrs := func(codes ...int) map[int]response {
		if s.cfg.Auth {
			codes = append(codes, http.StatusUnauthorized)
		}
		return errs(codes...)
	}
	file := func(ctype string) response {
		return response{Description: "The file, as an attachment", Content: ctype}
	}
	return append([]route{
		{"GET", "/healthz", http.HandlerFunc(s.healthz), &operation{ID: "health", Tag: "service",
			Summary: "Check that the server and its database answer", Responses: with(errs(500), 200, response{"The server is up", "Health", ""})}},
		{"GET", "/api/v1/openapi.json", http.HandlerFunc(s.openAPI), &operation{ID: "openapi", Tag: "service",
			Summary: "This document", Responses: map[int]response{200: {"The OpenAPI 3.1 document", "", "application/json"}}}},
		{"POST", "/api/v1/scans", s.api(s.apiCreateScan), &operation{ID: "createScan", Tag: "scans",
			Summary:     "Scan a contract",
			Description: "Upload a contract (PDF, DOCX, ODT, RTF, HTML, Markdown, text or a scan) as the multipart field `file`, with an optional `role` and `home` (your own jurisdiction as an ISO code: US-CA, GB, DE; it fills the suggested wording's \"[your jurisdiction]\" and flags a governing law elsewhere; an unknown code is refused with 400 bad_home). The document is read and analysed on this server and the report returned; the file and report are stored until deleted.",
			Upload:      true,
			Responses:   with(authErrs(400, 413, 415, 422, 429, 501, 503, 504), 201, response{"The scan and its report", "Scan", ""})}},
		{"GET", "/api/v1/scans", s.api(s.apiListScans), &operation{ID: "listScans", Tag: "scans",
			Summary: "List your scans, newest first",
			Query: []param{{"limit", "How many scans to return (1–500, default 50)", "integer"},
				{"before", "Only scans created before this time (RFC 3339); the `next` value of the previous page", "string"}},
			Responses: with(authErrs(400), 200, response{"One page of scans", "ScanList", ""})}},
		{"DELETE", "/api/v1/scans", s.api(s.apiDeleteAll), &operation{ID: "deleteAllScans", Tag: "scans",
			Summary:   "Delete all your scans and uploaded files",
			Responses: with(authErrs(), 200, response{"How many scans were deleted", "Deleted", ""})}},
		{"GET", "/api/v1/scans/{id}", s.api(s.apiGetScan), &operation{ID: "getScan", Tag: "scans",
			Summary: "Get a scan's report", Responses: with(authErrs(404), 200, response{"The scan and its report", "Scan", ""})}},
		{"DELETE", "/api/v1/scans/{id}", s.api(s.apiDeleteScan), &operation{ID: "deleteScan", Tag: "scans",
			Summary: "Delete a scan and its uploaded file", Responses: with(authErrs(404), 204, response{Description: "Deleted"})}},
		{"GET", "/api/v1/scans/{id}/redline.docx", s.api(s.apiRedline), &operation{ID: "getRedline", Tag: "downloads",
			Summary:     "The contract with the suggested changes as Word tracked changes",
			Description: "A DOCX upload keeps its own formatting; other formats become a clean DOCX of their text carrying the same changes.",
			Responses:   with(authErrs(404, 422, 503), 200, file(docxType))}},
		{"GET", "/api/v1/scans/{id}/report.html", s.api(s.apiReportHTML), &operation{ID: "getReportHTML", Tag: "downloads",
			Summary: "The report as one self-contained, printable HTML page", Responses: with(authErrs(404, 503), 200, file("text/html"))}},
		{"GET", "/api/v1/scans/{id}/report.md", s.api(s.apiReportMarkdown), &operation{ID: "getReportMarkdown", Tag: "downloads",
			Summary: "The report as a Markdown memo, with the negotiation email", Responses: with(authErrs(404, 503), 200, file("text/markdown"))}},
		{"GET", "/api/v1/scans/{id}/report.json", s.api(s.apiReportJSON), &operation{ID: "getReportJSON", Tag: "downloads",
			Summary: "The v1 JSON report as a file", Responses: with(authErrs(404), 200, file("application/json"))}},
		{"GET", "/api/v1/scans/{id}/addenda/{kind}", s.api(s.apiAddendum), &operation{ID: "getAddendum", Tag: "downloads",
			Summary:     "A ready-to-sign addendum filled in with the contract's parties",
			Description: "kind is one of no-ai-training, purpose-limitation, ip-on-payment, kill-fee, portfolio-rights, late-payment.",
			Query:       []param{{"format", "docx (default), markdown or pdf", "string"}},
			Responses:   with(authErrs(400, 404), 200, file(docxType))}},

		// Pages.
		{"GET", "/{$}", s.page(s.uploadPage), nil},
		{"POST", "/scans", s.uploadForm(s.createScanPage), nil},
		// A failed upload without script leaves the browser at /scans;
		// opening that address again shows the form.
		{"GET", "/scans", http.RedirectHandler("/", http.StatusSeeOther), nil},
		{"GET", "/scans/{id}", s.page(s.reportPage), nil},
		{"GET", "/scans/{id}/delete", s.page(s.confirmDeletePage), nil},
		{"POST", "/scans/{id}/delete", s.page(s.deletePage), nil},
		{"GET", "/history", s.page(s.historyPage), nil},
		{"POST", "/history/delete", s.page(s.deleteAllPage), nil},
		{"GET", "/login", http.HandlerFunc(s.loginPage), nil},
		{"POST", "/login", http.HandlerFunc(s.login), nil},
		{"POST", "/logout", http.HandlerFunc(s.logout), nil},
		{"GET", "/static/", staticHandler(), nil},
	}, s.batchRoutes()...) // batches.go
}

var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

// openAPIDoc builds the OpenAPI 3.1 document from the route table.
func (s *Server) openAPIDoc() map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range s.routes {
		op := rt.API
		if op == nil {
			continue
		}
		o := map[string]any{"operationId": op.ID, "summary": op.Summary, "tags": []string{op.Tag}}
		if op.Description != "" {
			o["description"] = op.Description
		}
		var params []map[string]any
		for _, m := range pathParam.FindAllStringSubmatch(rt.Pattern, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]string{"type": "string"}})
		}
		for _, q := range op.Query {
			params = append(params, map[string]any{"name": q.Name, "in": "query", "description": q.Description, "schema": map[string]string{"type": q.Type}})
		}
		if params != nil {
			o["parameters"] = params
		}
		if op.Upload {
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{
				"schema": map[string]any{"type": "object", "required": []string{"file"}, "properties": map[string]any{
					"file": map[string]string{"type": "string", "format": "binary", "description": "the contract"},
					"role": map[string]string{"type": "string", "description": "your role: contractor, client, tenant, landlord, employee, employer, consumer, recipient, discloser …; default: inferred"},
					"home": map[string]string{"type": "string", "description": "your own jurisdiction as an ISO 3166 code: a US state, Canadian province or Australian state (US-CA, CA-ON, AU-NSW) or a country (GB, DE, FR …); default: none"},
				}}}}}
		}
		resps := map[string]any{}
		for code, r := range op.Responses {
			rr := map[string]any{"description": r.Description}
			switch {
			case r.Schema != "":
				rr["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]string{"$ref": "#/components/schemas/" + r.Schema}}}
			case r.Content != "":
				rr["content"] = map[string]any{r.Content: map[string]any{"schema": map[string]string{"type": "string", "format": "binary"}}}
			}
			resps[strconv.Itoa(code)] = rr
		}
		o["responses"] = resps
		if s.cfg.Auth && rt.Pattern != "/healthz" && rt.Pattern != "/api/v1/openapi.json" {
			o["security"] = []map[string][]string{{"bearer": {}}}
		}
		if paths[rt.Pattern] == nil {
			paths[rt.Pattern] = map[string]any{}
		}
		paths[rt.Pattern][strings.ToLower(rt.Method)] = o
	}
	obj := func(required []string, props map[string]any) map[string]any {
		sort.Strings(required)
		return map[string]any{"type": "object", "required": required, "properties": props}
	}
	str := map[string]string{"type": "string"}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "TermScore API", "version": "1",
			"description": "Scan contracts for risky clauses and missing protections. Errors are JSON {\"error\": {\"code\", \"message\"}}."},
		"paths": paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]string{"type": "http", "scheme": "bearer",
				"description": "An API token from `termscore serve token NAME`; only when the server runs with --auth"}},
			"schemas": map[string]any{
				"Error": obj([]string{"error"}, map[string]any{"error": obj([]string{"code", "message"}, map[string]any{"code": str, "message": str})}),
				"Scan": obj([]string{"id", "created", "home", "report"}, map[string]any{"id": str, "home": str,
					"created": map[string]string{"type": "string", "format": "date-time"},
					"report":  map[string]string{"type": "object", "description": "The v1 report (docs/report.schema.json)"}}),
				"ScanList": obj([]string{"scans"}, map[string]any{
					"scans": map[string]any{"type": "array", "items": obj([]string{"id", "name", "format", "type", "role", "home", "score", "findings", "size", "created"}, map[string]any{
						"id": str, "name": str, "format": str, "type": str, "role": str, "home": str, "grade": str,
						"score":    map[string]any{"type": []string{"number", "null"}},
						"findings": map[string]string{"type": "integer"}, "size": map[string]string{"type": "integer"},
						"created": map[string]string{"type": "string", "format": "date-time"}})},
					"next": str}),
				"Deleted": obj([]string{"deleted"}, map[string]any{"deleted": map[string]string{"type": "integer"}}),
				"Health":  obj([]string{"status"}, map[string]any{"status": str, "database": str}),
			},
		},
	}
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(s.openAPIDoc())
}
