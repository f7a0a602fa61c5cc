package queue

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/termscore/termscore/internal/batch"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/store"
)

// API serves the batch endpoints and the progress page. The server mounts
// Routes in its own table, behind its authentication.
type API struct {
	Service *Service
	// Owner identifies the caller (the server's accounts, or
	// store.LocalOwner without them).
	Owner func(*http.Request) (string, error)
	// WriteError reports an error as the server does; the default writes
	// {"error": {"code", "message"}} with a status from the fault kind.
	WriteError func(http.ResponseWriter, *http.Request, error)
	// MaxUpload bounds one POST of files (default 512 MB).
	MaxUpload int64
	// FolderRoot, when set, lets a POST name a folder on the server to
	// scan, which must lie under this root (symbolic links resolved).
	// Empty: folders are refused, only uploads are accepted.
	FolderRoot string
}

// Route is one endpoint for the server's route table.
type Route struct {
	Method, Pattern string
	Handler         http.Handler
}

// Routes lists the endpoints.
func (a *API) Routes() []Route {
	return []Route{
		{"POST", "/api/v1/batches", http.HandlerFunc(a.create)},
		{"GET", "/api/v1/batches", http.HandlerFunc(a.list)},
		{"GET", "/api/v1/batches/{id}", http.HandlerFunc(a.get)},
		{"DELETE", "/api/v1/batches/{id}", http.HandlerFunc(a.delete)},
		{"GET", "/api/v1/batches/{id}/items/{item}/report.json", http.HandlerFunc(a.report)},
		{"GET", "/batches/{id}", http.HandlerFunc(a.page)},
	}
}

// Handler serves Routes on a mux of their own (tests, or a server that
// mounts the whole set).
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, r := range a.Routes() {
		mux.Handle(r.Method+" "+r.Pattern, r.Handler)
	}
	return mux
}

// createRequest is the JSON form of POST /api/v1/batches.
type createRequest struct {
	Name   string `json:"name"`
	Folder string `json:"folder"`
	Role   string `json:"role"`
	Home   string `json:"home"`
}

func (a *API) create(w http.ResponseWriter, r *http.Request) {
	owner, err := a.Owner(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	limit := a.MaxUpload
	if limit <= 0 {
		limit = 512 << 20
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var spec Spec
	var srcs []Source
	ctype, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ctype {
	case "multipart/form-data":
		spec, srcs, err = uploads(multipart.NewReader(r.Body, params["boundary"]), a.Service.cfg.MaxBytes)
	case "application/json":
		var req createRequest
		if err = json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&req); err != nil {
			err = fault.New(fault.Invalid, "the request is not valid JSON: %v", err)
			break
		}
		spec = Spec{Name: req.Name, Role: strings.TrimSpace(req.Role), Home: strings.TrimSpace(req.Home)}
		if spec.Name == "" {
			spec.Name = req.Folder
		}
		srcs, err = a.folder(req.Folder)
	default:
		err = fault.New(fault.Unsupported, "send the documents as multipart/form-data (fields named file) or a folder as JSON {\"folder\": ...}")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	b, err := a.Service.Create(r.Context(), owner, spec, srcs)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/batches/"+b.ID)
	writeJSON(w, http.StatusCreated, b)
}

// uploads reads every file part; a "name" field names the batch, a
// "role" field gives the role its documents are read as and a "home"
// field the reviewer's jurisdiction. A file over max
// bytes is read no further than that and becomes a failed document with
// the reason the scan API gives, not a refused batch. File names are
// cleaned as every upload's are (store.CleanName).
func uploads(mr *multipart.Reader, max int64) (Spec, []Source, error) {
	var spec Spec
	var srcs []Source
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Spec{}, nil, uploadError(err)
		}
		switch {
		case p.FormName() == "name" || p.FormName() == "role" || p.FormName() == "home":
			v, err := io.ReadAll(io.LimitReader(p, 1<<10))
			if err != nil {
				return Spec{}, nil, uploadError(err)
			}
			switch p.FormName() {
			case "name":
				spec.Name = strings.TrimSpace(string(v))
			case "role":
				spec.Role = strings.TrimSpace(string(v))
			default:
				spec.Home = strings.TrimSpace(string(v))
			}
		case p.FileName() != "":
			name := store.CleanName(p.FileName())
			data, err := io.ReadAll(io.LimitReader(p, max+1))
			if err != nil {
				return Spec{}, nil, uploadError(err)
			}
			if int64(len(data)) > max {
				// The rest is read (and dropped) only to reach the next
				// part; the request's own limit bounds it.
				if _, err := io.Copy(io.Discard, p); err != nil {
					return Spec{}, nil, uploadError(err)
				}
				fail := tooLarge(name, max)
				srcs = append(srcs, Source{Name: name, Read: func() ([]byte, error) { return nil, fail }})
				continue
			}
			srcs = append(srcs, Source{Name: name, Read: func() ([]byte, error) { return data, nil }})
		}
	}
	if len(srcs) == 0 {
		return Spec{}, nil, fault.New(fault.Invalid, "no files in the upload: send each document as a multipart field named file")
	}
	if spec.Name == "" {
		// As the web page names its batches: "lease.pdf and 9 more".
		spec.Name = srcs[0].Name
		if len(srcs) > 1 {
			spec.Name += fmt.Sprintf(" and %d more", len(srcs)-1)
		}
	}
	return spec, srcs, nil
}

// tooLarge fails a document over max bytes with the reason a scan of it
// through the scan API gets.
func tooLarge(name string, max int64) error {
	size := fmt.Sprintf("%d bytes", max)
	switch {
	case max >= 1<<20:
		size = fmt.Sprintf("%d MB", max>>20)
	case max >= 1<<10:
		size = fmt.Sprintf("%d KB", max>>10)
	}
	return &fault.Error{Kind: fault.TooLarge, File: name,
		Reason: fmt.Sprintf("the file is larger than this server accepts (%s); upload a smaller file", size)}
}

func uploadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return fault.New(fault.TooLarge, "the upload is larger than the %d MB this server accepts in one batch", mbe.Limit>>20)
	}
	return fault.New(fault.Invalid, "the upload is cut off or malformed: %v", err)
}

// folder lists the documents of a folder under FolderRoot. The folder is
// resolved (symbolic links included) before the check, so a link cannot
// lead outside the root; links inside it are not followed (batch.Expand),
// so a link loop cannot trap the walk.
func (a *API) folder(dir string) ([]Source, error) {
	if a.FolderRoot == "" {
		return nil, fault.New(fault.Forbidden, "this server does not scan folders; upload the files (start it with --batch-root DIR to allow folders under DIR)")
	}
	if dir == "" {
		return nil, fault.New(fault.Invalid, "name a folder, or upload files")
	}
	root, err := filepath.EvalSymlinks(a.FolderRoot)
	if err != nil {
		return nil, fault.New(fault.Internal, "the batch root %s is not readable", a.FolderRoot)
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fault.New(fault.NotFound, "no folder %q under the batch root", dir)
	}
	if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fault.New(fault.Forbidden, "%q is outside the folder this server may scan", dir)
	}
	if st, err := os.Stat(real); err != nil || !st.IsDir() {
		return nil, fault.New(fault.Invalid, "%q is not a folder", dir)
	}
	files, errs := batch.Expand([]string{real})
	var srcs []Source
	for _, f := range files {
		name, _ := filepath.Rel(real, f)
		srcs = append(srcs, Source{Name: name, Read: func() ([]byte, error) { return os.ReadFile(f) }})
	}
	// Unreadable subfolders are listed as failed documents, with the reason.
	for _, e := range errs {
		var fe *fault.Error
		name := "?"
		if errors.As(e, &fe) {
			name, _ = filepath.Rel(real, fe.File)
			fe := *fe
			fe.File = name
			e = &fe
		}
		srcs = append(srcs, Source{Name: name, Read: func() ([]byte, error) { return nil, e }})
	}
	if len(srcs) == 0 {
		return nil, fault.New(fault.Empty, "no documents (%s) in %q", strings.Join(batch.Extensions, " "), dir)
	}
	return srcs, nil
}

func (a *API) list(w http.ResponseWriter, r *http.Request) {
	owner, err := a.Owner(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	list, err := a.Service.Batches(r.Context(), owner)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"batches": list})
}

func (a *API) get(w http.ResponseWriter, r *http.Request) {
	owner, err := a.Owner(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	b, err := a.Service.Batch(r.Context(), owner, r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}

// delete removes a batch, cancelling it when it is still running.
func (a *API) delete(w http.ResponseWriter, r *http.Request) {
	owner, err := a.Owner(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if _, err := a.Service.Delete(r.Context(), owner, r.PathValue("id")); err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) report(w http.ResponseWriter, r *http.Request) {
	owner, err := a.Owner(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rep, err := a.Service.Report(r.Context(), owner, r.PathValue("id"), r.PathValue("item"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(rep)
}

//go:embed web/batch.html
var pageFS embed.FS

var pageTmpl = template.Must(template.New("batch.html").Funcs(template.FuncMap{
	"percent": func(n, total int) int {
		if total == 0 {
			return 100
		}
		return n * 100 / total
	},
}).ParseFS(pageFS, "web/batch.html"))

// page shows a batch's progress; it reloads itself until the batch is
// finished, so it needs no JavaScript.
func (a *API) page(w http.ResponseWriter, r *http.Request) {
	owner, err := a.Owner(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	b, err := a.Service.Batch(r.Context(), owner, r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageTmpl.Execute(w, b); err != nil {
		a.Service.log.Error("batch page", "err", err)
	}
}

func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	if a.WriteError != nil {
		a.WriteError(w, r, err)
		return
	}
	status := map[fault.Kind]int{
		fault.Invalid: 422, fault.Empty: 422, fault.Unsupported: 415, fault.TooLarge: 413,
		fault.NotFound: 404, fault.Unauthorized: 401, fault.Forbidden: 403,
	}[fault.KindOf(err)]
	msg := err.Error()
	if status == 0 {
		status, msg = 500, "something went wrong on the server; try again"
		a.Service.log.Error("batch request", "path", r.URL.Path, "err", err)
	}
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": fault.KindOf(err).String(), "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
