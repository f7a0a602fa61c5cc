package zipsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"golang.org/x/net/html/charset"

	"github.com/termscore/termscore/internal/fault"
)

// DefaultMaxXMLDepth is the nesting depth allowed when none is given. Word
// and LibreOffice documents nest 20–40 levels; deeply nested tables and
// text boxes stay well under 256.
const DefaultMaxXMLDepth = 256

// XMLDecoder streams the tokens of one XML part, refusing nesting deeper
// than its limit and documents that declare entities. encoding/xml itself
// expands only the five predefined entities and never fetches external
// ones; refusing a DOCTYPE with entity declarations up front gives a clear
// error instead of a confusing "invalid character entity" further on.
type XMLDecoder struct {
	d     *xml.Decoder
	part  string
	depth int
	max   int
}

// NewXMLDecoder returns a decoder of the part called part (named in
// errors), read from r, allowing maxDepth levels of nesting (0 for the
// default).
func NewXMLDecoder(r io.Reader, part string, maxDepth int) *XMLDecoder {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxXMLDepth
	}
	d := xml.NewDecoder(&runLimiter{r: r, part: part})
	d.CharsetReader = charset.NewReaderLabel
	return &XMLDecoder{d: d, part: part, max: maxDepth}
}

// Depth returns the number of elements open after the last token.
func (x *XMLDecoder) Depth() int { return x.depth }

// Token returns the next token, with namespaces resolved, or io.EOF at the
// end of the part. Every other error is a *fault.Error.
func (x *XMLDecoder) Token() (xml.Token, error) {
	tok, err := x.d.Token()
	if err != nil {
		if err == io.EOF {
			if x.depth > 0 {
				return nil, x.invalid(io.ErrUnexpectedEOF)
			}
			return nil, io.EOF
		}
		var fe *fault.Error
		if errors.As(err, &fe) {
			return nil, err // the zip budget, already explained
		}
		return nil, x.invalid(err)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > x.max {
			return nil, fault.New(fault.Invalid, "%s: XML nested deeper than %d levels; the file is damaged or crafted", x.part, x.max)
		}
	case xml.EndElement:
		x.depth--
	case xml.Directive:
		if bytes.Contains(bytes.ToUpper(t), []byte("<!ENTITY")) || bytes.Contains(bytes.ToUpper(t), []byte("ENTITY ")) {
			return nil, fault.New(fault.Invalid, "%s: the XML declares entities (a DOCTYPE), which office programs never write; the file is damaged or crafted", x.part)
		}
	}
	return tok, nil
}

// MaxXMLRun is the most bytes an XML part may hold between two markup
// characters ('<' or '>'): one text node, tag or comment. encoding/xml
// buffers a whole token, so without this a part of one huge text node
// would be held in memory whole. Real documents stay under a megabyte.
const MaxXMLRun = 16 << 20

// runLimiter fails reading once MaxXMLRun bytes pass without '<' or '>'.
type runLimiter struct {
	r    io.Reader
	part string
	run  int
}

func (l *runLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	b := p[:n]
	first := bytes.IndexAny(b, "<>")
	if first < 0 {
		l.run += n
	} else {
		if l.run+first > MaxXMLRun {
			l.run += first
		} else {
			l.run = n - 1 - max(bytes.LastIndexByte(b, '<'), bytes.LastIndexByte(b, '>'))
		}
	}
	if l.run > MaxXMLRun {
		return n, fault.New(fault.TooLarge, "%s holds a single XML text or tag larger than %s: a zip bomb or a crafted file?", l.part, human(MaxXMLRun))
	}
	return n, err
}

// Skip skips the rest of the element whose start tag was just read.
func (x *XMLDecoder) Skip() error {
	start := x.depth
	for x.depth >= start {
		if _, err := x.Token(); err != nil {
			if err == io.EOF {
				return x.invalid(io.ErrUnexpectedEOF)
			}
			return err
		}
	}
	return nil
}

func (x *XMLDecoder) invalid(err error) error {
	return fault.Wrap(fault.Invalid, err, fmt.Sprintf("damaged XML in %s", x.part))
}
