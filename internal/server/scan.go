package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/redline"
	"github.com/termscore/termscore/internal/report"
	"github.com/termscore/termscore/internal/store"
)

// upload is a parsed scan request: one file (Name, Data), or, from the
// upload page, several (Files, each also within the size limit).
type upload struct {
	Name string
	Data []byte
	Role string
	// Home is the reviewer's own jurisdiction, checked and in capitals
	// ("US-CA"); HomeSent is set when the form had the field at all (the
	// upload page's always does, "" for none).
	Home     string
	HomeSent bool
	Files    []upFile
}

// upFile is one file of an upload.
type upFile struct {
	Name string
	Data []byte
}

// multipartOverhead is what the form adds around the file: headers,
// boundaries and the role field.
const multipartOverhead = 64 << 10

// Limits of one upload of several files from the page (a batch). The
// total is what the batch API accepts in one POST; the count keeps the
// per-part overhead bounded.
const (
	maxBatchBytes = 512 << 20
	maxBatchFiles = 100
)

// readUpload reads the multipart form of a scan request: the file (field
// "file"), the optional role and home jurisdiction, refusing more than the size limit
// without reading it all. On an error it still returns what it read of
// the upload (its name, for the message), when it got that far.
//
// With multi set (the upload page), several "file" parts are accepted:
// each is held to the size limit of one scan, and the whole form to
// maxBatchBytes, refused from its Content-Length before anything is read
// when that says it is larger.
//
// A page's form posted without script carries its CSRF token as a field
// (never in the URL, where history and logs would keep it): when csrf is
// set, a "csrf" field equal to it must come before the file, so a forged
// upload is refused before its file is read.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request, csrf string, multi bool) (*upload, error) {
	body := r.Body
	up, err := s.readForm(w, r, csrf, multi)
	// A client still sending (a browser posting the form, a script without
	// "Expect: 100-continue") sees the connection reset, not the answer,
	// when the server closes it with the upload unread: read the rest and
	// drop it. Only so much: one file up to twice the limit, several up to
	// their limit (more is refused unread); the server's read timeout
	// bounds the time.
	drain := s.uploadLimit(multi)
	if !multi {
		drain *= 2
	}
	if err != nil && errorOf(err).Status == http.StatusRequestEntityTooLarge && r.ContentLength <= drain {
		io.CopyN(io.Discard, body, drain)
	}
	return up, err
}

// uploadLimit is the most readUpload reads of one request.
func (s *Server) uploadLimit(multi bool) int64 {
	total := s.cfg.Limits.MaxBytes + multipartOverhead
	if multi && total < maxBatchBytes {
		total = maxBatchBytes
	}
	return total
}

// readForm is readUpload without the draining of a refused upload.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request, csrf string, multi bool) (*upload, error) {
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || ct != "multipart/form-data" || params["boundary"] == "" {
		return nil, &apiError{http.StatusUnsupportedMediaType, "bad_content_type", "send the contract as multipart/form-data with a field named \"file\""}
	}
	max, total := s.cfg.Limits.MaxBytes, s.uploadLimit(multi)
	if multi && r.ContentLength > total {
		return nil, batchTooLarge()
	}
	// One file whose form says it is too large is refused once its name
	// is read, so the answer can name it.
	over := r.ContentLength > total
	r.Body = http.MaxBytesReader(w, r.Body, total)
	mr := multipart.NewReader(r.Body, params["boundary"])
	up := &upload{}
	// Over the total limit after some files: the group is too large, not
	// the file being read.
	tooBig := func() error {
		if len(up.Files) > 0 && multi {
			return batchTooLarge()
		}
		return tooLarge(max)
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if isTooLarge(err) {
				return nil, tooBig()
			}
			return nil, badRequest("bad_form", "the upload was cut off or is not a valid form; try again")
		}
		switch p.FormName() {
		case "csrf":
			v, err := io.ReadAll(io.LimitReader(p, 100))
			if err != nil {
				return nil, badRequest("bad_form", "the upload was cut off; try again")
			}
			if csrf != "" && subtle.ConstantTimeCompare(v, []byte(csrf)) == 1 {
				csrf = ""
			}
		case "file":
			if csrf != "" {
				return nil, errCSRF
			}
			if len(up.Files) > 0 && !multi {
				return nil, badRequest("bad_form", "send one file per scan")
			}
			if len(up.Files) == maxBatchFiles {
				return up, badRequest("too_many_files", fmt.Sprintf("send at most %d files at once", maxBatchFiles))
			}
			f := upFile{Name: store.CleanName(p.FileName())}
			up.Name = f.Name
			if over {
				return up, named(tooLarge(max), f.Name)
			}
			f.Data, err = io.ReadAll(io.LimitReader(p, max+1))
			if err != nil {
				if isTooLarge(err) && multi && len(up.Files) > 0 {
					return nil, batchTooLarge() // the total, not this file
				}
				if isTooLarge(err) {
					return up, named(tooLarge(max), f.Name)
				}
				return up, badRequest("bad_form", f.Name+": the upload was cut off; try again")
			}
			if int64(len(f.Data)) > max {
				return up, named(tooLarge(max), f.Name)
			}
			if len(f.Data) == 0 && p.FileName() == "" && multi {
				// A form posted with no file chosen sends one empty part
				// without a name: no file, not an empty one.
				continue
			}
			up.Files = append(up.Files, f)
		case "role":
			v, err := io.ReadAll(io.LimitReader(p, 100))
			if err != nil {
				return nil, badRequest("bad_form", "the upload was cut off; try again")
			}
			up.Role = strings.TrimSpace(string(v))
		case "home":
			v, err := io.ReadAll(io.LimitReader(p, 100))
			if err != nil {
				return nil, badRequest("bad_form", "the upload was cut off; try again")
			}
			// Checked here, so that what is kept is always a known code.
			home, err := analyze.CheckHome(string(v))
			if err != nil {
				return up, badRequest("bad_home", errorOf(err).Message)
			}
			up.Home, up.HomeSent = home, true
		default:
			// Unknown fields are ignored, but read, so the next part can be.
			io.Copy(io.Discard, io.LimitReader(p, multipartOverhead))
		}
		p.Close()
	}
	if csrf != "" {
		return nil, errCSRF
	}
	if len(up.Files) == 0 {
		return nil, badRequest("missing_file", "choose a contract to upload (form field \"file\")")
	}
	for _, f := range up.Files {
		if len(f.Data) == 0 {
			up.Name = f.Name
			return up, fault.WithFile(fault.New(fault.Empty, extract.ReasonEmptyFile), f.Name)
		}
	}
	up.Name, up.Data = up.Files[0].Name, up.Files[0].Data
	if err := (analyze.Options{Role: up.Role}).Validate(); err != nil {
		return up, badRequest("bad_role", errorOf(err).Message)
	}
	return up, nil
}

// batchTooLarge refuses several files whose total is over maxBatchBytes.
func batchTooLarge() error {
	return &apiError{http.StatusRequestEntityTooLarge, "too_large",
		fmt.Sprintf("these files together are larger than the %s this server accepts at once; upload them in smaller groups", humanBytes(maxBatchBytes))}
}

// named puts the uploaded file's name in front of an error's message, the
// name the person knows the file by.
func named(err error, name string) error {
	var ae *apiError
	if name == "" || !errors.As(err, &ae) {
		return err
	}
	return &apiError{ae.Status, ae.Code, name + ": " + ae.Message}
}

func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

func tooLarge(max int64) error {
	return &apiError{http.StatusRequestEntityTooLarge, "too_large",
		fmt.Sprintf("the file is larger than this server accepts (%s); upload a smaller file", humanBytes(max))}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// scan reads, analyses and stores one upload for owner.
func (s *Server) scan(ctx context.Context, owner string, up *upload) (*store.Scan, *analyze.Report, error) {
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-ctx.Done():
		return nil, nil, fault.New(fault.Timeout, "the server is busy; try again in a minute")
	}
	r, err := s.analyse(ctx, up.Name, up.Data, analyze.Options{Role: up.Role, Home: up.Home})
	if err != nil {
		return nil, nil, err
	}
	sc, err := newScan(owner, r, int64(len(up.Data)))
	if err != nil {
		return nil, nil, err
	}
	// The downloads analyse the file again (rescan): with the same home.
	sc.Home = up.Home
	if err := s.store.CreateScan(ctx, sc, up.Data); err != nil {
		return nil, nil, err
	}
	return sc, r, nil
}

// analyse reads data and analyses it with opt.
func (s *Server) analyse(ctx context.Context, name string, data []byte, opt analyze.Options) (*analyze.Report, error) {
	ex := extract.New(extract.Options{Limits: s.cfg.Limits, NoOCR: s.cfg.NoOCR})
	doc, err := ex.ReadBytes(ctx, name, data)
	if err != nil {
		return nil, err
	}
	return s.analyzer.Analyze(doc, opt)
}

// rescan rebuilds the full report (with its document) of a stored scan,
// for the downloads that need the document's structure (the redlined
// DOCX, the standalone HTML report), with the role and home jurisdiction
// the scan was made with.
//
// It costs what the scan did, and takes that from the upload memory until
// release is called, once the download is written (503 busy when there
// is no room in time).
func (s *Server) rescan(ctx context.Context, w http.ResponseWriter, owner string, sc *store.Scan) (data []byte, r *analyze.Report, release func(), err error) {
	data, err = s.store.Upload(ctx, owner, sc.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	mem := &hold{b: s.uploads}
	if err := s.afford(ctx, w, mem, data); err != nil {
		return nil, nil, nil, err
	}
	s.slots <- struct{}{}
	defer func() { <-s.slots }()
	r, err = s.analyse(ctx, sc.Name, data, analyze.Options{Role: sc.Role, Home: sc.Home})
	if err != nil {
		mem.release()
		return nil, nil, nil, err
	}
	return data, r, mem.release, nil
}

func newScan(owner string, r *analyze.Report, size int64) (*store.Scan, error) {
	var rep bytes.Buffer
	if err := report.JSON(&rep, r); err != nil {
		return nil, err
	}
	doc, err := json.Marshal(layoutOf(r))
	if err != nil {
		return nil, err
	}
	sc := &store.Scan{
		Owner: owner, Name: r.Document.Name, SHA256: r.Document.SHA256, Format: string(r.Document.Format),
		Size: size, Role: r.Role, DocType: r.Document.Type, Findings: len(r.Findings), Created: time.Now(),
		Report: bytes.TrimSpace(rep.Bytes()), Document: doc,
	}
	if r.Score != nil {
		v := r.Score.Value
		sc.Score, sc.Grade = &v, r.Score.Grade
	}
	return sc, nil
}

// layout is what the report page needs of the document: its text and
// blocks, with offsets in code points like the report's locations.
type layout struct {
	Text   string        `json:"text"`
	Blocks []layoutBlock `json:"blocks"`
	// Email is the negotiation email and Parties fill in the addenda;
	// both need the full key terms, which the JSON report flattens.
	Email   string          `json:"email"`
	Parties redline.Parties `json:"parties"`
}

type layoutBlock struct {
	Kind  string `json:"k"`
	Start int    `json:"s"`
	End   int    `json:"e"`
	Level int    `json:"l,omitempty"`
	// A table cell's 1-based table, row and column, to show it in its
	// table.
	Table int `json:"t,omitempty"`
	Row   int `json:"r,omitempty"`
	Col   int `json:"c,omitempty"`
}

func layoutOf(r *analyze.Report) layout {
	doc := r.Doc
	l := layout{Text: doc.Text, Blocks: make([]layoutBlock, 0, len(doc.Blocks)),
		Email: redline.Negotiation(r), Parties: redline.PartiesFrom(r)}
	for _, b := range doc.Blocks {
		l.Blocks = append(l.Blocks, layoutBlock{string(b.Kind), doc.Runes(b.Span.Start), doc.Runes(b.Span.End), b.Level,
			b.Source.Table, b.Source.Row, b.Source.Col})
	}
	return l
}
