package batch

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/report"
)

// ErrorSchema marks a line of a JSON Lines batch output that records a
// document that could not be scanned.
const ErrorSchema = "termscore/batch-error/v1"

// Failure is the JSON form of a document that could not be scanned.
type Failure struct {
	Schema string `json:"schema"`
	File   string `json:"file"`
	SHA256 string `json:"sha256,omitempty"`
	Error  struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// CSVHeader is the header row of the CSV summary.
var CSVHeader = []string{"file", "sha256", "format", "type", "role", "score", "grade",
	"critical", "high", "medium", "low", "info", "findings", "error"}

// Output writes batch results to a file as JSON Lines (one full report per
// document) or, for a .csv name, as a CSV summary.
type Output struct {
	f   *os.File
	bw  *bufio.Writer
	csv *csv.Writer
}

// IsCSV reports whether path names a CSV output.
func IsCSV(path string) bool { return strings.EqualFold(filepath.Ext(path), ".csv") }

// Done reads an earlier output at path and returns the SHA-256 of every
// document it reported (failures are not included: they are tried again).
// A missing file is an empty set.
func Done(path string) (map[string]bool, error) {
	done := map[string]bool{}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return done, nil
	}
	if err != nil {
		return nil, &fault.Error{Kind: fault.Invalid, File: path, Reason: "cannot read the earlier output", Err: err}
	}
	defer f.Close()
	if IsCSV(path) {
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		for i := 0; ; i++ {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, &fault.Error{Kind: fault.Invalid, File: path, Reason: "the earlier output is not a TermScore CSV", Err: err}
			}
			if i > 0 && len(rec) == len(CSVHeader) && rec[1] != "" && rec[len(rec)-1] == "" {
				done[rec[1]] = true
			}
		}
		return done, nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	for line := 1; sc.Scan(); line++ {
		var r struct {
			Schema   string `json:"schema"`
			Document struct {
				SHA256 string `json:"sha256"`
			} `json:"document"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			// An interrupted run can leave a cut-off last line: ignore it.
			continue
		}
		if r.Schema == analyze.Schema && r.Document.SHA256 != "" {
			done[r.Document.SHA256] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &fault.Error{Kind: fault.Invalid, File: path, Reason: "cannot read the earlier output", Err: err}
	}
	return done, nil
}

// Create opens path for writing results. With resume, results are appended
// to what an earlier run wrote; otherwise the file is replaced.
func Create(path string, resume bool) (*Output, error) {
	flag := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if resume {
		flag = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return nil, &fault.Error{Kind: fault.Invalid, File: path, Reason: "cannot write the output", Err: err}
	}
	o := &Output{f: f, bw: bufio.NewWriterSize(f, 1<<16)}
	if IsCSV(path) {
		o.csv = csv.NewWriter(o.bw)
		if st, err := f.Stat(); err == nil && st.Size() == 0 {
			o.csv.Write(CSVHeader)
		}
	}
	return o, nil
}

// Write records one result and flushes it, so that an interrupted run
// loses nothing it reported. Skipped items are not written.
func (o *Output) Write(it Item) error {
	if it.Skipped {
		return nil
	}
	if err := o.write(it); err != nil {
		return err
	}
	if o.csv != nil {
		o.csv.Flush()
	}
	return o.bw.Flush()
}

func (o *Output) write(it Item) error {
	if o.csv != nil {
		return o.writeCSV(it)
	}
	if it.Err != nil {
		fl := Failure{Schema: ErrorSchema, File: it.Path, SHA256: it.SHA256}
		fl.Error.Code = fault.KindOf(it.Err).String()
		fl.Error.Message = it.Err.Error()
		b, _ := json.Marshal(fl)
		_, err := o.bw.Write(append(b, '\n'))
		return err
	}
	return report.JSON(o.bw, it.Report)
}

func (o *Output) writeCSV(it Item) error {
	if it.Err != nil {
		return o.csv.Write([]string{it.Path, it.SHA256, "", "", "", "", "", "", "", "", "", "", "", it.Err.Error()})
	}
	r := it.Report
	score, grade := "", ""
	if r.Score != nil {
		score, grade = strconv.FormatFloat(r.Score.Value, 'f', 1, 64), r.Score.Grade
	}
	n := func(sev string) string { return strconv.Itoa(r.Summary.BySev[sev]) }
	return o.csv.Write([]string{it.Path, r.Document.SHA256, string(r.Document.Format), r.Document.Type, r.Role,
		score, grade, n("critical"), n("high"), n("medium"), n("low"), n("info"), strconv.Itoa(r.Summary.Findings), ""})
}

// Close flushes and closes the file.
func (o *Output) Close() error {
	if o.csv != nil {
		o.csv.Flush()
		if err := o.csv.Error(); err != nil {
			o.f.Close()
			return err
		}
	}
	if err := o.bw.Flush(); err != nil {
		o.f.Close()
		return fmt.Errorf("write %s: %w", o.f.Name(), err)
	}
	return o.f.Close()
}
