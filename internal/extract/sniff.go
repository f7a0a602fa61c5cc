package extract

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/zipsafe"
	"github.com/termscore/termscore/internal/fault"
)

// kind is what sniffing found: a document format, or something else that
// deserves its own error message.
type kind struct {
	format document.Format
	image  string // "PNG", "JPEG", … for raster images
	reason string // set when the content is not something TermScore reads
	kind   fault.Kind
}

// sniff identifies data by its content, never by the file name.
func sniff(data []byte) kind {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return kind{format: document.PDF}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return sniffZip(data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		// An OLE compound file: a legacy .doc, or an Office file encrypted
		// with a password, which Office stores as an "EncryptedPackage".
		if bytes.Contains(data, utf16le("EncryptedPackage")) {
			return kind{kind: fault.Encrypted, reason: "the document is password-protected; open it in Word, remove the password (File > Info > Protect Document) and save it again"}
		}
		if bytes.Contains(data, utf16le("WordDocument")) {
			return kind{format: document.DOC}
		}
		return kind{kind: fault.Unsupported, reason: "an Office file that is not a Word document (Excel or PowerPoint?)"}
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return kind{format: document.RTF}
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return kind{image: "PNG"}
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return kind{image: "JPEG"}
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return kind{image: "TIFF"}
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return kind{image: "GIF"}
	case bytes.HasPrefix(data, []byte("\x1f\x8b")):
		return kind{kind: fault.Unsupported, reason: "a gzip archive, not a document; unpack it first"}
	}
	return kind{format: document.Text} // refined after decoding
}

func sniffZip(data []byte) kind {
	// zipsafe refuses an archive with absurdly many entries before
	// allocating a directory for them.
	zr, err := zipsafe.Open(data, zipsafe.Limits{})
	if err != nil {
		if fault.KindOf(err) == fault.TooLarge {
			return kind{kind: fault.TooLarge, reason: err.Error()}
		}
		return kind{kind: fault.Invalid, reason: "a damaged ZIP container: the Word or OpenDocument file is corrupt or was cut short; save or download it again"}
	}
	if zr.Has("word/document.xml") {
		return kind{format: document.DOCX}
	}
	if zr.Has("mimetype") {
		if b, err := zr.ReadFile("mimetype"); err == nil && len(b) < 100 {
			switch mt := string(b); {
			case mt == "application/vnd.oasis.opendocument.text":
				return kind{format: document.ODT}
			case strings.HasPrefix(mt, "application/vnd.oasis.opendocument."):
				return kind{kind: fault.Unsupported, reason: "an OpenDocument " + strings.TrimPrefix(mt, "application/vnd.oasis.opendocument.") + ", not a text document"}
			}
		}
	}
	switch {
	case zr.Has("xl/workbook.xml"):
		return kind{kind: fault.Unsupported, reason: "an Excel workbook, not a document"}
	case zr.Has("ppt/presentation.xml"):
		return kind{kind: fault.Unsupported, reason: "a PowerPoint presentation, not a document"}
	case zr.Has("[Content_Types].xml"):
		return kind{kind: fault.Invalid, reason: "an Office file without word/document.xml (a damaged DOCX?)"}
	}
	if app := iWork(zr.Names()); app != "" {
		// A .pages file renamed .docx is a ZIP too, but unpacking it
		// gives nothing readable: say what it is and how to export it.
		if app == "Pages" {
			return kind{kind: fault.Unsupported, reason: "an Apple Pages document, which cannot be read directly; in Pages choose File > Export To > Word (or PDF) and scan the exported file"}
		}
		return kind{kind: fault.Unsupported, reason: "an Apple " + app + " file, not a text document; export it to PDF (File > Export To > PDF) to scan it"}
	}
	return kind{kind: fault.Unsupported, reason: "a ZIP archive, not a document; unpack it and scan the files inside"}
}

// iWork names the Apple app that wrote a ZIP package ("Pages", "Keynote",
// "Numbers"), or returns "" for other archives. Since 2013 the apps store
// their content as Index/*.iwa; before that as index.xml (Pages, Numbers)
// or index.apxl (Keynote).
func iWork(names []string) string {
	var iwa, xml, apxl, slides, tables bool
	for _, n := range names {
		switch {
		case strings.HasPrefix(n, "Index/Slide") || strings.HasPrefix(n, "Index/MasterSlide"):
			slides = true
		case strings.HasPrefix(n, "Index/Tables/") || n == "Index/CalculationEngine.iwa":
			tables = true
		case n == "index.apxl" || n == "index.apxl.gz":
			apxl = true
		case n == "index.xml" || n == "index.xml.gz":
			xml = true
		}
		iwa = iwa || strings.HasPrefix(n, "Index/") && strings.HasSuffix(n, ".iwa")
	}
	switch {
	case apxl || iwa && slides:
		return "Keynote"
	case iwa && tables:
		return "Numbers"
	case iwa || xml && slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "QuickLook/") }):
		return "Pages"
	}
	return ""
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// decodeText turns the bytes of a text-like file into UTF-8: a UTF-8 or
// UTF-16 byte-order mark wins; otherwise valid UTF-8 is taken as is, and
// anything else is read as Windows-1252, the usual encoding of old Windows
// text files. Binary data is refused.
//
// The text is data itself when data is UTF-8: a copy would be a second
// whole file (64 MB at the size limit) alive through the reading. The text
// readers read it as a string sharing its memory (textString), valid only
// while data is not modified, so it must not outlive ReadBytes: they keep
// none of it, since document.Builder copies whatever a document holds
// (TestDocumentOwnsItsText).
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return nil, fault.Wrap(fault.Invalid, err, "broken UTF-16 text")
		}
		return checkTextual(out)
	}
	if utf8.Valid(data) {
		return checkTextual(data)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fault.Wrap(fault.Invalid, err, "undecodable text")
	}
	return checkTextual(out)
}

// textString returns text as a string without copying it: text must not
// be modified while the string is in use.
func textString(text []byte) string {
	if len(text) == 0 {
		return ""
	}
	return unsafe.String(&text[0], len(text))
}

// checkTextual refuses binary data: text has almost no control characters.
func checkTextual(text []byte) ([]byte, error) {
	if len(text) == 0 {
		return text, nil
	}
	bad, n := 0, 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:]) // as ranging over a string does
		i += size
		n++
		if r == 0 || (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f') || r == utf8.RuneError {
			bad++
		}
		if n >= 1<<16 {
			break
		}
	}
	if bad*100 > n { // more than 1% control characters
		return nil, fault.New(fault.Unsupported, "binary data, not a document TermScore can read (PDF, DOCX, ODT, RTF, HTML, Markdown or text)")
	}
	return text, nil
}

// textFormat decides whether decoded text is HTML, Markdown or plain text.
func textFormat(s string) document.Format {
	head := s
	if len(head) > 4096 {
		head = head[:4096]
	}
	lower := strings.ToLower(strings.TrimSpace(head))
	if strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html") ||
		strings.Contains(lower, "<body") || (strings.HasPrefix(lower, "<") && (strings.Contains(lower, "<p>") || strings.Contains(lower, "<div") || strings.Contains(lower, "<h1"))) {
		return document.HTML
	}
	if looksMarkdown(s) {
		return document.Markdown
	}
	return document.Text
}

// escapesMarkup reports whether line escapes with a backslash a character
// that Markdown reads as markup; plain text has no reason to, and a
// Windows path ("C:\Users") escapes letters.
func escapesMarkup(line string) bool {
	for i := strings.IndexByte(line, '\\'); i >= 0 && i+1 < len(line); {
		if strings.IndexByte("$*_[]#`~|<>", line[i+1]) >= 0 {
			return true
		}
		j := strings.IndexByte(line[i+1:], '\\')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// reBold is Markdown bold; "[*****]" redactions are not.
var reBold = regexp.MustCompile(`(?:^|[^*])\*\*[\pL\pN][^*]*[\pL\pN.:)]\*\*(?:[^*]|$)`)

// looksMarkdown looks for Markdown syntax a plain-text contract would not
// use: ATX headings, bold, links and Pandoc spans, code fences and table
// rules. Bullets
// alone are not enough (plain text uses "- " too), nor are underscores
// (signature lines).
func looksMarkdown(s string) bool {
	strong, bullets, lines, ones := 0, 0, 0, 0
	for line := range strings.Lines(s) {
		lines++
		if lines > 400 {
			break
		}
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "#"):
			if n := len(t) - len(strings.TrimLeft(t, "#")); n <= 6 && len(t) > n && t[n] != '#' {
				strong += 2
			}
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "|---"), strings.HasPrefix(t, "| ---"), strings.HasPrefix(t, "|:--"):
			strong += 2
		case strings.HasPrefix(t, "* "), strings.HasPrefix(t, "- "), strings.HasPrefix(t, "> "):
			bullets++
		case strings.HasPrefix(t, "1. "):
			ones++
		}
		if strings.Contains(t, "**") && reBold.MatchString(t) {
			strong++
		}
		// A link, or a Pandoc span ("[Effective Date]{.underline}").
		if strings.Contains(t, "](") || strings.Contains(t, "]{.") {
			strong++
		}
		// "8\. I agree": a numbered clause escaped so as not to be a list.
		if d := len(t) - len(strings.TrimLeft(t, "0123456789")); d > 0 && d < 4 && strings.HasPrefix(t[d:], "\\.") {
			strong += 2
		} else if escapesMarkup(t) {
			// "a deposit of \$500", "\*\*\*": a converter's escape of a
			// character Markdown would read as markup (Pandoc writes "\$").
			strong++
		}
	}
	// Every item numbered "1." is Markdown's lazy numbering (a converter's
	// output, or an author leaving the renderer to count): a hint, not
	// proof, since plain text may start several lists at "1.".
	if ones >= 3 {
		strong++
	}
	return strong >= 2 && strong+min(bullets, 2) >= 3
}
