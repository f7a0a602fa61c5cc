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
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
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

// take returns the upload's file and forgets it (Data, Files), so that
// its bytes can be collected once they are read.
func (up *upload) take() []byte {
	data := up.Data
	up.Data, up.Files = nil, nil
	return data
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
	cr := &countReader{r: r.Body}
	mr := multipart.NewReader(cr, params["boundary"])
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
			// What is left of the form (and what its reader has
			// buffered) bounds the file; 0 when its length is not known.
			var size int64
			if r.ContentLength > 0 {
				size = min(r.ContentLength-cr.n+multipartOverhead, max+1)
			}
			f.Data, err = readAll(io.LimitReader(p, max+1), size)
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

// readAll is io.ReadAll into a buffer of size bytes (when that is more
// than 0), grown only if r holds more: io.ReadAll grows its buffer step
// by step, which leaves garbage of about the file's size again and a
// buffer up to a quarter larger than the file, held while it is scanned.
// A buffer less than half full (one of several files in a form) is
// copied to its size.
func readAll(r io.Reader, size int64) ([]byte, error) {
	if size <= 0 {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			if len(b) < cap(b)/2 {
				b = bytes.Clone(b)
			}
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
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
//
// It keeps as little as it can while the file is analysed, the most
// memory a scan takes: the file is stored first and its bytes are let go
// once read (up.take), and the analysis (the document and everything
// found in it, several times the file's size) is let go once the report
// and what the page shows of the document are made, before they are
// inserted.
func (s *Server) scan(ctx context.Context, owner string, up *upload) (*store.Scan, error) {
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-ctx.Done():
		return nil, fault.New(fault.Timeout, "the server is busy; try again in a minute")
	}
	data := up.take()
	size := int64(len(data))
	key, err := s.store.PutUpload(data)
	if err != nil {
		return nil, err
	}
	sc, err := s.analyseScan(ctx, owner, up, data)
	if err != nil {
		s.store.DeleteUpload(key)
		return nil, err
	}
	sc.Size = size
	if err := s.store.CreateScanOf(ctx, sc, key); err != nil {
		return nil, err
	}
	return sc, nil
}

// analyseScan analyses data, up's file, into the scan to store. data is
// not used once read, so that it can be collected.
func (s *Server) analyseScan(ctx context.Context, owner string, up *upload, data []byte) (*store.Scan, error) {
	r, err := s.analyse(ctx, up.Name, data, analyze.Options{Role: up.Role, Home: up.Home})
	if err != nil {
		return nil, err
	}
	sc, err := newScan(owner, r)
	if err != nil {
		return nil, err
	}
	// The downloads analyse the file again (rescan): with the same home.
	sc.Home = up.Home
	return sc, nil
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
// the scan was made with. It returns the file's bytes only with keepFile
// (a DOCX's redline is written into the file itself); otherwise they are
// let go once read, as a scan lets them go (a text file's redline held
// all of its bytes until it was sent).
//
// It costs what the scan did, or more for what the download makes of it
// (cost: scanCost, or redlineCost), and takes that from the upload memory
// until release is called, once the download is written (503 busy when
// there is no room in time).
func (s *Server) rescan(ctx context.Context, w http.ResponseWriter, owner string, sc *store.Scan, cost func([]byte, int64) int64, keepFile bool) ([]byte, *analyze.Report, func(), error) {
	data, err := s.store.Upload(ctx, owner, sc.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	mem := &hold{b: s.uploads}
	if err := s.afford(ctx, w, mem, data, cost); err != nil {
		return nil, nil, nil, err
	}
	s.slots <- struct{}{}
	defer func() { <-s.slots }()
	var file []byte
	if keepFile {
		file = data
	}
	r, err := s.analyse(ctx, sc.Name, data, analyze.Options{Role: sc.Role, Home: sc.Home})
	if err != nil {
		mem.release()
		return nil, nil, nil, err
	}
	return file, r, mem.release, nil
}

func newScan(owner string, r *analyze.Report) (*store.Scan, error) {
	var rep bytes.Buffer
	if err := report.JSON(&rep, r); err != nil {
		return nil, err
	}
	doc, err := json.Marshal(layoutOf(r, maxDocRunes))
	if err != nil {
		return nil, err
	}
	sc := &store.Scan{
		Owner: owner, Name: r.Document.Name, SHA256: r.Document.SHA256, Format: string(r.Document.Format),
		Role: r.Role, DocType: r.Document.Type, Findings: len(r.Findings), Created: time.Now(),
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
//
// A text longer than the page shows (maxDocRunes) is not stored: the
// page leaves it out all the same, and storing it cost the server its
// size several times over (the JSON, the insert's copies), on top of the
// analysis. Such a layout has Omitted set and only the blocks the page
// still reads: for each finding, the last short heading before it (what
// a finding in no section is placed under), with its text.
type layout struct {
	Text   string        `json:"text"`
	Blocks []layoutBlock `json:"blocks"`
	// Omitted is the length in code points of a text not stored for
	// being too long to show; 0 when Text is the document's.
	Omitted int `json:"omitted,omitempty"`
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
	// Text is a heading's text when the layout's text is omitted.
	Text string `json:"x,omitempty"`
}

// layoutOf is r's document as the report page needs it: all of it when
// its text is at most maxRunes code points long, the headings its
// findings are placed under otherwise.
func layoutOf(r *analyze.Report, maxRunes int) layout {
	doc := r.Doc
	l := layout{Email: redline.Negotiation(r), Parties: redline.PartiesFrom(r)}
	if n := doc.Runes(len(doc.Text)); n > maxRunes {
		l.Omitted, l.Blocks = n, headingsBefore(r)
		return l
	}
	l.Text, l.Blocks = doc.Text, make([]layoutBlock, 0, len(doc.Blocks))
	for _, b := range doc.Blocks {
		l.Blocks = append(l.Blocks, layoutBlock{string(b.Kind), doc.Runes(b.Span.Start), doc.Runes(b.Span.End), b.Level,
			b.Source.Table, b.Source.Row, b.Source.Col, ""})
	}
	return l
}

// headingsBefore is, for each of r's findings, the last heading before it
// of at most maxHeadingWords words (the one the page places a finding in
// no section under), in the document's order and each once, with its
// text.
func headingsBefore(r *analyze.Report) []layoutBlock {
	doc := r.Doc
	var heads []layoutBlock
	for _, b := range doc.Blocks {
		if h := strings.TrimSpace(doc.Slice(b.Span)); b.Kind == document.Heading && b.Span.Start < b.Span.End && len(strings.Fields(h)) <= maxHeadingWords {
			heads = append(heads, layoutBlock{Kind: string(b.Kind), Start: doc.Runes(b.Span.Start), End: doc.Runes(b.Span.End), Level: b.Level, Text: h})
		}
	}
	used := make([]bool, len(heads))
	for _, f := range r.Findings {
		// The first heading at or after the finding; the one before it is
		// the last before.
		if i := sort.Search(len(heads), func(i int) bool { return heads[i].Start >= f.Location.Start }); i > 0 {
			used[i-1] = true
		}
	}
	kept := []layoutBlock{}
	for i, h := range heads {
		if used[i] {
			kept = append(kept, h)
		}
	}
	return kept
}
