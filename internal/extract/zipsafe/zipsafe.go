// Package zipsafe opens the ZIP containers of office documents (DOCX, ODT)
// within limits, and decodes the XML parts inside them without letting
// their size, nesting or entity declarations blow up.
//
// Nothing the archive says about itself is trusted: sizes in the headers
// can lie, so every byte inflated is counted as it is read, against one
// budget shared by all the parts of the archive.
package zipsafe

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"

	"github.com/termscore/termscore/internal/fault"
)

// Limits bound what one archive may cost. Zero fields take the defaults.
type Limits struct {
	// MaxEntries is the most files the archive may list.
	MaxEntries int
	// MaxUncompressed is the most bytes inflated from all parts read.
	MaxUncompressed int64
	// MaxRatio is the most an entry may expand relative to its compressed
	// size, once it is past a small floor (RatioFloor bytes).
	MaxRatio int64
}

// Defaults: a DOCX has tens of parts and its XML compresses 10–30×; a
// 1000× ratio or 256 MiB inflated is not a document.
const (
	DefaultMaxEntries      = 10000
	DefaultMaxUncompressed = 256 << 20
	DefaultMaxRatio        = 1000
	// RatioFloor is how much an entry may inflate before its ratio is
	// checked, so that tiny parts (an empty XML part compresses 100×) pass.
	RatioFloor = 1 << 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxUncompressed <= 0 {
		l.MaxUncompressed = DefaultMaxUncompressed
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = DefaultMaxRatio
	}
	return l
}

// Reader reads parts of a ZIP archive within a byte budget. It is not safe
// for concurrent use.
type Reader struct {
	lim   Limits
	files map[string]*zip.File
	names []string
	used  int64 // bytes inflated so far, all parts together
}

// Open opens the archive held in data.
func Open(data []byte, lim Limits) (*Reader, error) {
	lim = lim.withDefaults()
	// Refuse an archive announcing too many entries before archive/zip
	// allocates a record for each of them.
	if n, ok := declaredEntries(data); ok && n > uint64(lim.MaxEntries) {
		return nil, tooManyEntries(lim.MaxEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, damaged(err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, tooManyEntries(lim.MaxEntries)
	}
	r := &Reader{lim: lim, files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		if _, dup := r.files[f.Name]; dup {
			continue // the first of duplicate names wins, as in Office
		}
		r.files[f.Name] = f
		r.names = append(r.names, f.Name)
	}
	sort.Strings(r.names)
	return r, nil
}

func damaged(err error) error {
	return fault.Wrap(fault.Invalid, err, "damaged ZIP container: the file is corrupt or was cut short; save or download it again")
}

func tooManyEntries(n int) error {
	return fault.New(fault.TooLarge, "the ZIP container holds more than %d files: not a document", n)
}

// declaredEntries reads the entry count from the end-of-central-directory
// record, if there is one. ok is false when it cannot be found or the count
// is in a ZIP64 record (0xFFFF); archive/zip then checks it.
func declaredEntries(data []byte) (n uint64, ok bool) {
	const eocdLen = 22
	start := len(data) - (eocdLen + 0xFFFF)
	if start < 0 {
		start = 0
	}
	i := bytes.LastIndex(data[start:], []byte("PK\x05\x06"))
	if i < 0 || start+i+eocdLen > len(data) {
		return 0, false
	}
	rec := data[start+i:]
	total := binary.LittleEndian.Uint16(rec[10:12])
	if total == 0xFFFF {
		return 0, false
	}
	return uint64(total), true
}

// Names returns the names of the archive's files, sorted.
func (r *Reader) Names() []string { return r.names }

// Has reports whether the archive holds a file called name.
func (r *Reader) Has(name string) bool { return r.files[name] != nil }

// Used returns the number of bytes inflated so far.
func (r *Reader) Used() int64 { return r.used }

// Open returns a reader of the inflated content of the file called name.
// Reading fails with a fault.TooLarge error once the archive's budget or
// the entry's ratio is exceeded, and with fault.Invalid on a damaged entry.
// A missing file gives an error wrapping fs.ErrNotExist.
func (r *Reader) Open(name string) (io.ReadCloser, error) {
	f := r.files[name]
	if f == nil {
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, damaged(fmt.Errorf("%s: %w", name, err))
	}
	limit := int64(RatioFloor)
	if c := int64(f.CompressedSize64); c > 0 && c <= (1<<62)/r.lim.MaxRatio && c*r.lim.MaxRatio > limit {
		limit = c * r.lim.MaxRatio
	}
	return &entry{r: r, name: name, rc: rc, ratioLimit: limit}, nil
}

// ReadFile returns the inflated content of the file called name, within
// the archive's budget (see Open).
func (r *Reader) ReadFile(name string) ([]byte, error) {
	rc, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	if f := r.files[name]; f.UncompressedSize64 < 16<<20 {
		// A hint only: the budget is enforced while reading.
		buf.Grow(int(f.UncompressedSize64))
	}
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// entry counts the bytes inflated from one file.
type entry struct {
	r          *Reader
	name       string
	rc         io.ReadCloser
	n          int64 // bytes read from this entry
	ratioLimit int64
}

func (e *entry) Read(p []byte) (int, error) {
	// Never ask for more than the budget allows plus one byte, so that
	// an over-long entry is detected without inflating it.
	room := e.r.lim.MaxUncompressed - e.r.used + 1
	if r := e.ratioLimit - e.n + 1; r < room {
		room = r
	}
	if room <= 0 {
		room = 1
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := e.rc.Read(p)
	e.n += int64(n)
	e.r.used += int64(n)
	if e.r.used > e.r.lim.MaxUncompressed {
		return n, fault.New(fault.TooLarge, "the document expands to more than %s when unpacked: a zip bomb?", human(e.r.lim.MaxUncompressed))
	}
	if e.n > e.ratioLimit {
		return n, fault.New(fault.TooLarge, "%s expands more than %d times its packed size: a zip bomb?", e.name, e.r.lim.MaxRatio)
	}
	if err != nil && err != io.EOF {
		return n, damaged(fmt.Errorf("%s: %w", e.name, err))
	}
	return n, err
}

func (e *entry) Close() error { return e.rc.Close() }

func human(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
