// Package ocr reads scanned PDFs and images, with tesseract, into a document.Document.
//
// Pages of a PDF are rendered with poppler's pdftoppm at 300 dpi in grey,
// one page at a time, and each image is read by tesseract, whose TSV output
// gives every word's box and its block, paragraph and line. Paragraphs
// become blocks with their box in PDF points. A page scanned askew is
// turned upright before tesseract reads it (deskew.go).
package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/pdf"
	"github.com/termscore/termscore/internal/fault"
)

// Options configure OCR.
type Options struct {
	Language string // tesseract language code(s), "eng" when empty
	MaxPages int    // 0 means no limit
}

// Warning is added to every document read with OCR.
const Warning = "read with OCR; check the text"

const dpi = 300

var (
	installTesseract = "install tesseract-ocr (Debian/Ubuntu: apt-get install tesseract-ocr) to read scanned documents"
	installPoppler   = "install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils) to read scanned PDFs"
)

// PDF reads a scanned PDF with OCR.
func PDF(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	for _, tool := range []struct{ name, install string }{{"pdfinfo", installPoppler}, {"pdftoppm", installPoppler}, {"tesseract", installTesseract}} {
		if _, err := exec.LookPath(tool.name); err != nil {
			return nil, fault.New(fault.ToolMissing, "this PDF has no text layer (a scan) and %s is not installed: %s", tool.name, tool.install)
		}
	}
	dir, err := os.MkdirTemp("", "termscore-ocr-")
	if err != nil {
		return nil, fault.Wrap(fault.Internal, err, "cannot create a temporary directory for OCR")
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fault.Wrap(fault.Internal, err, "cannot write a temporary file for OCR")
	}
	n, err := pageCount(ctx, in)
	if err != nil {
		return nil, err
	}
	if opt.MaxPages > 0 && n > opt.MaxPages {
		return nil, fault.New(fault.TooLarge, "the PDF has %d pages, over the limit of %d; raise it with --max-pages", n, opt.MaxPages)
	}
	b := document.NewBuilder("", document.PDF)
	b.Warn(Warning)
	pages := make([][]para, 0, n)
	for p := 1; p <= n; p++ {
		if err := ctx.Err(); err != nil {
			return nil, fault.Wrap(fault.Timeout, err, "OCR took too long")
		}
		img := filepath.Join(dir, "page")
		cmd := exec.CommandContext(ctx, "pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-png", "-singlefile",
			"-f", strconv.Itoa(p), "-l", strconv.Itoa(p), in, img)
		if out, err := cmd.CombinedOutput(); err != nil {
			if ctx.Err() != nil {
				return nil, fault.Wrap(fault.Timeout, ctx.Err(), "OCR took too long")
			}
			return nil, fault.Wrap(fault.Invalid, errors.New(firstLine(out)), fmt.Sprintf("cannot render page %d of the PDF for OCR", p))
		}
		ps, err := readImage(ctx, img+".png", opt)
		if err != nil {
			return nil, err
		}
		pages = append(pages, ps)
		os.Remove(img + ".png")
	}
	fixSmallL(pages)
	for _, f := range furniture(pages) {
		b.AddFurniture(f)
	}
	for i, ps := range pages {
		addParas(b, ps, i+1)
	}
	b.SetPages(n)
	return b.Document(), nil
}

func addParas(b *document.Builder, ps []para, page int) {
	for _, p := range ps {
		b.Add(document.Block{Kind: document.Paragraph, Source: document.Source{Page: page, X: p.x, Y: p.y, W: p.w, H: p.h}}, p.text)
	}
}

// furniture removes the running heads and feet of a scanned document, as
// the PDF reader does for a text layer: the top-most or bottom-most
// paragraph of a page that recurs on at least half the pages (two or more),
// compared with digits and the letters OCR confuses with them folded, and
// bare page numbers there. A top-most paragraph's first line counts as a
// head too, and is cut off it when it recurs so: tesseract often reads a
// running head into the paragraph that goes on below it. It returns what
// it removed.
func furniture(pages [][]para) []string {
	edges := func(ps []para) []int {
		if len(ps) < 2 {
			return nil
		}
		top, bottom := 0, 0
		for i, p := range ps {
			if p.y > ps[top].y {
				top = i
			}
			if p.y < ps[bottom].y {
				bottom = i
			}
		}
		return []int{top, bottom}
	}
	count := map[string]int{}
	for _, ps := range pages {
		seen := map[string]bool{}
		e := edges(ps)
		for _, i := range e {
			if k := furnitureKey(ps[i].text); k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
		if e != nil && ps[e[0]].first != "" {
			if k := furnitureKey(ps[e[0]].first); k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	var removed []string
	seen := map[string]bool{}
	for pi, ps := range pages {
		drop := map[int]bool{}
		e := edges(ps)
		for _, i := range e {
			t := strings.TrimSpace(ps[i].text)
			if count[furnitureKey(t)] >= need || pdf.IsPageNumber(t) {
				drop[i] = true
				if k := furnitureKey(t); !seen[k] {
					seen[k] = true
					removed = append(removed, t)
				}
			}
		}
		// The head read into the top paragraph: only cut where the text
		// still starts with the line as read, so no body text goes.
		if e != nil && !drop[e[0]] {
			p := &ps[e[0]]
			head := strings.TrimSpace(p.first)
			if k := furnitureKey(head); head != "" && k != "" && count[k] >= need && strings.HasPrefix(p.text, p.first+" ") {
				p.text, p.h, p.first = p.text[len(p.first)+1:], p.h2, ""
				if !seen[k] {
					seen[k] = true
					removed = append(removed, head)
				}
			}
		}
		kept := ps[:0:0]
		for i, p := range ps {
			if !drop[i] {
				kept = append(kept, p)
			}
		}
		pages[pi] = kept
	}
	return removed
}

// furnitureKey folds what changes between the pages' copies of a header or
// footer, or between their readings: case, spacing and punctuation, page
// numbers, and the 1, l, I and | that OCR mixes up.
func furnitureKey(s string) string {
	var b strings.Builder
	fold := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsDigit(r) || strings.ContainsRune("il|", r):
			if !fold {
				b.WriteByte('#')
			}
			fold = true
			continue
		case unicode.IsLetter(r):
			b.WriteRune(r)
		}
		fold = false
	}
	if len(b.String()) > 200 {
		return ""
	}
	return b.String()
}

// Image reads a scanned image (PNG, JPEG, TIFF) with OCR.
func Image(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		return nil, fault.New(fault.ToolMissing, "this is an image and tesseract is not installed: %s", installTesseract)
	}
	dir, err := os.MkdirTemp("", "termscore-ocr-")
	if err != nil {
		return nil, fault.Wrap(fault.Internal, err, "cannot create a temporary directory for OCR")
	}
	defer os.RemoveAll(dir)
	img := filepath.Join(dir, "image")
	if err := os.WriteFile(img, data, 0o600); err != nil {
		return nil, fault.Wrap(fault.Internal, err, "cannot write a temporary file for OCR")
	}
	// Its text is laid out as a one-page PDF scan's would be.
	b := document.NewBuilder("", document.Image)
	b.Warn(Warning)
	ps, err := readImage(ctx, img, opt)
	if err != nil {
		return nil, err
	}
	fixSmallL([][]para{ps})
	addParas(b, ps, 1)
	b.SetPages(1)
	return b.Document(), nil
}

func pageCount(ctx context.Context, pdf string) (int, error) {
	out, err := exec.CommandContext(ctx, "pdfinfo", pdf).CombinedOutput()
	if err != nil {
		if ctx.Err() != nil {
			return 0, fault.Wrap(fault.Timeout, ctx.Err(), "OCR took too long")
		}
		msg := firstLine(out)
		if strings.Contains(strings.ToLower(msg), "incorrect password") {
			return 0, fault.New(fault.Encrypted, "the PDF is password-protected; remove the password and try again")
		}
		return 0, fault.Wrap(fault.Invalid, errors.New(msg), "the PDF is damaged and cannot be read")
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(rest))
			if err == nil && n > 0 {
				return n, nil
			}
		}
	}
	return 0, fault.New(fault.Empty, "the PDF has no pages")
}

// readImage runs tesseract on one image and adds its paragraphs to b.
func readImage(ctx context.Context, img string, opt Options) ([]para, error) {
	lang := opt.Language
	if lang == "" {
		lang = "eng"
	}
	straight := img + ".pgm"
	if ok, err := deskew(img, straight); err != nil {
		return nil, fault.Wrap(fault.Internal, err, "cannot straighten the page for OCR")
	} else if ok {
		defer os.Remove(straight)
		img = straight
	}
	cmd := exec.CommandContext(ctx, "tesseract", img, "-", "-l", lang, "tsv")
	// Without a thread limit tesseract's OpenMP threads fight each other on
	// small machines: 14 s a page instead of 2.6 s.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, fault.Wrap(fault.Timeout, ctx.Err(), "OCR took too long")
		}
		msg := stderr.String()
		if strings.Contains(msg, "Failed loading language") || strings.Contains(msg, "Error opening data file") {
			return nil, fault.New(fault.ToolMissing, "tesseract has no data for language %q: install it (Debian/Ubuntu: apt-get install tesseract-ocr-%s)", lang, strings.SplitN(lang, "+", 2)[0])
		}
		if strings.Contains(msg, "Image file") || strings.Contains(msg, "Error in pixRead") || strings.Contains(msg, "Unsupported image") {
			return nil, fault.New(fault.Invalid, "the image is damaged or in a format tesseract cannot read")
		}
		return nil, fault.Wrap(fault.Invalid, errors.New(firstLine(stderr.Bytes())), "OCR failed")
	}
	return parseTSV(out), nil
}

func firstLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		s = "no message"
	}
	return s
}

// para is one paragraph read by tesseract, with its box in PDF points
// (origin at the bottom left of the page, as in the PDF reader).
type para struct {
	text       string
	lines      []string // as tesseract read them, text being them joined
	x, y, w, h float64
	// first is the first of two or more lines and h2 the height without
	// it: tesseract often puts a running head in the paragraph below it.
	first string
	h2    float64
}

// numbered matches numbering that starts a clause or list item.
var numbered = regexp.MustCompile(`^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\([a-zA-Z]{1,3}\)|[a-z][.)]|(?i:article|section)\s+\w+)(?:\s|$)`)

var misreadParen = regexp.MustCompile(`^\{[a-zA-Z0-9]{1,3}\)`)

// misreadNumber matches clause numbering at the start of a line in which
// tesseract read a 1 as "|" or "l" ("|. Services", "l.2 Fees", "1l. Term").
var misreadNumber = regexp.MustCompile(`^[0-9|l]{1,3}(?:\.[0-9|l]{1,3})*\.?\s`)

// misreadAI matches "Al" as a word (see fixAI).
var misreadAI = regexp.MustCompile(`\bAl\b`)

// fixMisreads corrects a line's clause numbering where tesseract mistook
// its characters and the context leaves no doubt: numbering is made of
// digits and ends in a full stop.
func fixMisreads(line string) string {
	if m := misreadNumber.FindString(line); m != "" && strings.ContainsAny(m, "|l") && strings.ContainsAny(m, "0123456789.") {
		line = strings.NewReplacer("|", "1", "l", "1").Replace(m) + line[len(m):]
	}
	if m := misreadStop.FindStringSubmatchIndex(line); m != nil {
		line = line[:m[3]] + "." + line[m[3]+1:]
	}
	return line
}

// fixAI turns the "Al"s of a page into "AI" when there are at least two:
// tesseract reads "AI" as "Al" in sans-serif type, where capital I and small
// l are the same glyph, and a page about AI names it often, while a person
// called Al (a signatory) is named once or twice in a whole contract.
func fixAI(ps []para) {
	n := 0
	for _, p := range ps {
		n += len(misreadAI.FindAllStringIndex(p.text, -1))
	}
	if n < 2 {
		return
	}
	for i := range ps {
		ps[i].text = misreadAI.ReplaceAllString(ps[i].text, "AI")
	}
}

// misreadStop matches clause numbering whose full stop tesseract read as a
// comma ("11, General."): up to three digits, a comma, a capitalised word.
var misreadStop = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3})*),\s+\p{Lu}\p{Ll}`)

// parseTSV groups tesseract's words into lines and paragraphs. A line that
// starts with clause numbering starts a new paragraph even when tesseract
// put it in the previous one.
func parseTSV(tsv []byte) []para {
	type box struct{ l, t, r, b float64 }
	var (
		out            []para
		pageH          float64
		key, lineKey   string
		words, lines   []string
		pb             box
		havePara       bool
		lineBox        box
		lineStartsPara bool
		secondTop      float64 // top of a paragraph's second line
	)
	scale := 72.0 / dpi
	grow := func(a *box, c box) {
		a.l, a.t = math.Min(a.l, c.l), math.Min(a.t, c.t)
		a.r, a.b = math.Max(a.r, c.r), math.Max(a.b, c.b)
	}
	flushPara := func() {
		if havePara && len(lines) > 0 {
			p := para{
				lines: lines,
				x:     round(pb.l * scale), y: round((pageH - pb.b) * scale),
				w: round((pb.r - pb.l) * scale), h: round((pb.b - pb.t) * scale),
			}
			if len(lines) > 1 {
				p.first, p.h2 = lines[0], round((pb.b-secondTop)*scale)
			}
			out = append(out, p)
		}
		lines, havePara = nil, false
	}
	flushLine := func() {
		if len(words) == 0 {
			return
		}
		text := strings.Join(words, " ")
		words = nil
		if misreadParen.MatchString(text) {
			text = "(" + text[1:] // tesseract often reads "(a)" as "{a)"
		}
		text = fixMisreads(text)
		if lineStartsPara || numbered.MatchString(text) && len(lines) > 0 {
			flushPara()
		}
		if !havePara {
			pb, havePara = lineBox, true
		} else {
			if len(lines) == 1 {
				secondTop = lineBox.t
			}
			grow(&pb, lineBox)
		}
		lines = append(lines, text)
		lineStartsPara = false
	}
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] == "level" {
			continue
		}
		level, _ := strconv.Atoi(f[0])
		num := func(i int) float64 { v, _ := strconv.ParseFloat(f[i], 64); return v }
		c := box{num(6), num(7), num(6) + num(8), num(7) + num(9)}
		switch level {
		case 1: // page
			pageH = c.b
		case 5: // word
			text := strings.TrimSpace(f[11])
			if text == "" {
				continue
			}
			pk := f[2] + "/" + f[3]
			lk := pk + "/" + f[4]
			if lk != lineKey {
				flushLine()
				lineKey, lineBox = lk, c
				if pk != key {
					key, lineStartsPara = pk, true
				}
			} else {
				grow(&lineBox, c)
			}
			words = append(words, text)
		}
	}
	flushLine()
	flushPara()
	vocab := vocabulary(out)
	for i := range out {
		out[i].text = joinLines(out[i].lines, vocab)
	}
	fixAI(out)
	return out
}

// misreadL matches a word in which tesseract may have read a small l on a
// noisy scan as a capital J at its start ("Jocal Jaws", "Jega)") or as a
// closing bracket at its end ("al)", "al]").
var misreadL = regexp.MustCompile(`\b(J?)(\p{Ll}+)([)\]]?)`)

// fixSmallL turns such a J or bracket back into an l where the document
// spells the word so at least as often as read ("Jocal" on a page that
// says "local"), and a bracket only when none is open before it: "July",
// "Joint" and "(all)" stay.
func fixSmallL(pages [][]para) {
	count := map[string]int{}
	for _, ps := range pages {
		for _, p := range ps {
			for _, w := range strings.FieldsFunc(strings.ToLower(p.text), func(r rune) bool { return !unicode.IsLetter(r) }) {
				count[w]++
			}
		}
	}
	for _, ps := range pages {
		for i := range ps {
			ps[i].text = fixSmallLIn(ps[i].text, count)
		}
	}
}

// fixSmallLIn makes fixSmallL's corrections in one paragraph's text, count
// being the document's lower-cased words.
func fixSmallLIn(text string, count map[string]int) string {
	var b strings.Builder
	last := 0
	for _, m := range misreadL.FindAllStringSubmatchIndex(text, -1) {
		j, word, paren := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]
		if j == "" && paren == "" {
			continue
		}
		read, fixed := strings.ToLower(j)+word, word
		if j != "" {
			fixed = "l" + word
		}
		before := text[:m[0]]
		open := strings.Count(before, "(")+strings.Count(before, "[") > strings.Count(before, ")")+strings.Count(before, "]")
		if paren != "" && !open && count[fixed+"l"] > 0 {
			fixed, paren = fixed+"l", ""
		}
		if fixed == read || count[fixed] == 0 || count[read] > count[fixed] {
			continue
		}
		b.WriteString(text[last:m[0]])
		b.WriteString(fixed + paren)
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// joinLines joins a paragraph's lines. A word broken by a hyphen at a line
// end, the next line going on in lower case, is joined without the hyphen
// only when the page spells it whole elsewhere and never with the hyphen
// ("agree-" "ment"): contracts break compounds at their hyphen ("twenty-"
// "five", "non-" "exclusive") far more often than they hyphenate words, as
// the PDF reader also assumes.
func joinLines(lines []string, vocab map[string]bool) string {
	var sb strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := sb.String()
			r, _ := utf8.DecodeRuneInString(l)
			if strings.HasSuffix(prev, "-") && len(prev) > 1 && unicode.IsLower(r) {
				last, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
				if unicode.IsLetter(last) {
					if !pdf.KeepsHyphen(prev[:len(prev)-1], l, vocab) {
						prev = prev[:len(prev)-1]
					}
					sb.Reset()
					sb.WriteString(prev)
					sb.WriteString(l)
					continue
				}
			}
			sb.WriteByte(' ')
		}
		sb.WriteString(l)
	}
	return sb.String()
}

// vocabulary is the pdf.Vocabulary of a page's lines.
func vocabulary(ps []para) map[string]bool {
	var ls []string
	for _, p := range ps {
		ls = append(ls, p.lines...)
	}
	return pdf.Vocabulary(ls)
}

func round(f float64) float64 { return math.Round(f*10) / 10 }
