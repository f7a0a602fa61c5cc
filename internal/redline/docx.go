package redline

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/zipsafe"
	"github.com/termscore/termscore/internal/fault"
)

// Options control how changes are attributed.
type Options struct {
	Author string    // shown on every change and comment; default "TermScore"
	Date   time.Time // default: now
	// Skipped, when set, is told about each edit that cannot be placed in
	// the document (and the rest are still made); when nil such an edit
	// is an error.
	Skipped func(Edit, string)
	// MaxUncompressed bounds the bytes inflated from the input DOCX
	// (0: the zipsafe default).
	MaxUncompressed int64
}

func (o Options) author() string {
	if a := strings.TrimSpace(o.Author); a != "" {
		return a
	}
	return "TermScore"
}

func (o Options) date() string {
	d := o.Date
	if d.IsZero() {
		d = time.Now()
	}
	return d.UTC().Format("2006-01-02T15:04:05Z")
}

const (
	mainPart     = "word/document.xml"
	commentsPart = "word/comments.xml"
	relsPart     = "word/_rels/document.xml.rels"
	typesPart    = "[Content_Types].xml"

	commentsType = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
	commentsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
)

// oleMagic starts a Compound File: Word saves password-protected DOCX
// files as an encrypted package inside one.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// DOCX returns original, a DOCX file, with edits made as Word tracked
// changes (w:del / w:ins, attributed to opt.Author at opt.Date) and a
// comment on each edit that has one. doc is the document the DOCX reader
// made of original; edit spans are byte offsets into doc.Text. Every part
// but word/document.xml, word/comments.xml and the two lists that name
// parts is copied byte for byte; inside word/document.xml only the runs
// an edit touches are rewritten.
func DOCX(original []byte, doc *document.Document, edits []Edit, opt Options) ([]byte, error) {
	if bytes.HasPrefix(original, oleMagic) {
		return nil, fault.New(fault.Encrypted, "the Word file is password-protected (or an old .doc); remove the password, save it as .docx and try again")
	}
	zr, err := zipsafe.Open(original, zipsafe.Limits{MaxUncompressed: opt.MaxUncompressed})
	if err != nil {
		return nil, err
	}
	if !zr.Has(mainPart) {
		return nil, fault.New(fault.Invalid, "no word/document.xml inside: not a Word document, or a damaged one")
	}
	data, err := zr.ReadFile(mainPart)
	if err != nil {
		return nil, err
	}
	return markUp(original, zr, data, doc, edits, opt)
}

// markUp is DOCX once original is open (zr) and its word/document.xml
// read (data): FromDocument gives it the part it wrote without packing
// it into the file to unpack it again.
func markUp(original []byte, zr *zipsafe.Reader, data []byte, doc *document.Document, edits []Edit, opt Options) ([]byte, error) {
	if !bytes.Contains(data[:min(len(data), 4096)], []byte(`xmlns:w="`+nsW+`"`)) {
		return nil, fault.New(fault.Unsupported, "word/document.xml does not use the usual w: prefix for WordprocessingML; it cannot be marked up")
	}
	pt, err := scanPart(data, zipsafe.DefaultMaxXMLDepth)
	if err != nil {
		return nil, err
	}
	var comments []byte
	if zr.Has(commentsPart) {
		if comments, err = zr.ReadFile(commentsPart); err != nil {
			return nil, err
		}
	}
	m := &markup{doc: doc, pt: pt, opt: opt, author: escAttr(opt.author()), date: opt.date()}
	m.nextID = max(pt.maxID, maxID(comments)) + 1
	if err := m.plan(edits); err != nil {
		return nil, err
	}
	newDoc, err := m.render()
	if err != nil {
		return nil, err
	}
	replace := map[string][]byte{mainPart: newDoc}
	if len(m.comments) > 0 {
		if comments != nil {
			i := bytes.LastIndex(comments, []byte("</w:comments>"))
			if i < 0 {
				return nil, fault.New(fault.Invalid, "word/comments.xml is damaged")
			}
			replace[commentsPart] = concat(comments[:i], m.commentsXML(), comments[i:])
		} else {
			replace[commentsPart] = concat([]byte(xmlHeader+`<w:comments xmlns:w="`+nsW+`">`), m.commentsXML(), []byte(`</w:comments>`))
			types, err := zr.ReadFile(typesPart)
			if err != nil {
				return nil, fault.Wrap(fault.Invalid, err, "the DOCX has no [Content_Types].xml")
			}
			if replace[typesPart], err = addOverride(types, "/"+commentsPart, commentsType); err != nil {
				return nil, err
			}
			rels, err := zr.ReadFile(relsPart)
			if err != nil {
				return nil, fault.Wrap(fault.Invalid, err, "the DOCX has no word/_rels/document.xml.rels")
			}
			if replace[relsPart], err = addRelationship(rels, commentsRel, "comments.xml"); err != nil {
				return nil, err
			}
		}
	}
	return rezip(original, replace)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

var idAttr = regexp.MustCompile(`\bw:id="(\d{1,9})"`)

func maxID(xml []byte) int {
	n := 0
	for _, m := range idAttr.FindAllSubmatch(xml, -1) {
		if v, err := strconv.Atoi(string(m[1])); err == nil && v > n {
			n = v
		}
	}
	return n
}

// markup places edits in a scanned part.
type markup struct {
	doc          *document.Document
	pt           *part
	opt          Options
	author, date string
	nextID       int

	del      map[charRef]int      // character → id of the deletion striking it
	after    map[charRef][]marker // markers placed after a character
	before   map[charRef][]marker // markers placed before a character
	paras    map[int][]newPara    // paragraphs inserted after paragraph n; -1: end of body; -2-t: after table t
	marks    map[*pinfo]int       // paragraphs whose mark is deleted → revision id
	struck   map[int]bool         // fields (by id) struck whole with their result
	comments []comment
}

// charRef names one character of a paragraph.
type charRef struct {
	para *pinfo
	i    int
}

type markerKind int

const (
	markStart markerKind = iota
	markIns
	markEnd
)

type marker struct {
	kind markerKind
	id   int // comment id, or revision id of an insertion
	text string
}

type comment struct {
	id   int
	text string
}

type newPara struct {
	anchor  *pinfo
	copyPPr bool // continue the anchor's paragraph style and numbering
	// body, when the anchor is not a clause (a table, a heading), is the
	// nearest body paragraph, whose run properties the new text takes:
	// with none, it came out in the document's default font, twice the
	// size of the Common Paper statement of work's text.
	body      *pinfo
	text      string
	commentID int // -1: none
}

func (m *markup) id() int { m.nextID++; return m.nextID - 1 }

func (m *markup) skip(e Edit, reason string) error {
	if m.opt.Skipped != nil {
		m.opt.Skipped(e, reason)
		return nil
	}
	return fault.New(fault.Invalid, "cannot place the change for %s: %s", e.Rule, reason)
}

// plan maps each edit onto characters of the part.
func (m *markup) plan(edits []Edit) error {
	m.del = map[charRef]int{}
	m.after = map[charRef][]marker{}
	m.before = map[charRef][]marker{}
	m.paras = map[int][]newPara{}
	m.marks = map[*pinfo]int{}
	edits = append([]Edit(nil), edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Span.Start < edits[j].Span.Start })
	aligned := map[int]*alignment{}
	// The items of a list a replaced sentence introduced are struck all
	// or none: striking some would leave a list with holes.
	listFails := map[string]bool{}
	for _, e := range edits {
		if !e.Paragraph || listFails[e.Rule] {
			continue
		}
		bi := m.doc.BlockAt(e.Span.Start)
		if bi < 0 {
			listFails[e.Rule] = true
			continue
		}
		if aligned[bi] == nil {
			al, err := m.align(bi)
			if err != nil {
				listFails[e.Rule] = true
				continue
			}
			aligned[bi] = al
		}
	}
	lastEnd := -1
	for _, e := range edits {
		if e.Paragraph && listFails[e.Rule] {
			if reported := listFails[e.Rule+" reported"]; !reported {
				listFails[e.Rule+" reported"] = true
				if err := m.skip(e, "the list its new wording replaces could not be struck item by item; strike the items by hand"); err != nil {
					return err
				}
			}
			continue
		}
		if e.Span.Start < 0 || e.Span.End > len(m.doc.Text) || e.Span.Start > e.Span.End {
			if err := m.skip(e, "its place is outside the document's text"); err != nil {
				return err
			}
			continue
		}
		if e.Action == "insert" {
			if err := m.planParagraph(e); err != nil {
				return err
			}
			continue
		}
		if e.Span.Start < lastEnd {
			if err := m.skip(e, "it overlaps another change"); err != nil {
				return err
			}
			continue
		}
		if e.Action != "replace" && e.Action != "delete" {
			if err := m.skip(e, fmt.Sprintf("unknown action %q", e.Action)); err != nil {
				return err
			}
			continue
		}
		probe := e.Span.Start
		if e.Span.Len() == 0 && probe > 0 {
			if b := m.doc.BlockAt(probe); b < 0 {
				probe--
			}
		}
		bi := m.doc.BlockAt(probe)
		if bi < 0 || (e.Span.Len() > 0 && m.doc.BlockAt(e.Span.End-1) != bi) {
			if err := m.skip(e, "the words to change are not within one paragraph"); err != nil {
				return err
			}
			continue
		}
		al := aligned[bi]
		if al == nil {
			var err error
			if al, err = m.align(bi); err != nil {
				if err := m.skip(e, err.Error()); err != nil {
					return err
				}
				continue
			}
			aligned[bi] = al
		}
		if err := m.planInline(e, al); err != nil {
			if err := m.skip(e, err.Error()); err != nil {
				return err
			}
			continue
		}
		lastEnd = e.Span.End
	}
	return nil
}

// alignment maps the runes of a block's text to the characters of the
// paragraphs it was read from.
type alignment struct {
	blk   document.Block
	text  []rune
	bytes []int // byte offset (from blk.Start) of each rune, and len at the end
	// for each rune: the range of raw characters it stands for, or lo<0
	// for text the reader added (numbering, paragraph joins)
	lo, hi []int
	raw    []rawChar
}

type pre struct {
	r         rune
	raw       int // index in raw, -1 synthetic
	paraStart bool
}

func (m *markup) align(bi int) (*alignment, error) {
	blk := m.doc.Blocks[bi]
	if blk.Source.Part != "" && blk.Source.Part != mainPart {
		return nil, fmt.Errorf("the paragraph is not in the document body")
	}
	var first = -1
	for i, p := range m.pt.emitted {
		if p.index == blk.Source.Paragraph {
			first = i
			break
		}
	}
	if first < 0 {
		return nil, fmt.Errorf("paragraph %d was not found in word/document.xml", blk.Source.Paragraph)
	}
	al := &alignment{blk: blk}
	text := m.doc.Text[blk.Start:blk.End]
	for i, r := range text {
		al.text = append(al.text, r)
		al.bytes = append(al.bytes, i)
	}
	al.bytes = append(al.bytes, len(text))
	// Try the paragraph alone, then with the paragraphs the reader joined
	// to it (the rest of a table cell, or the next paragraph when this
	// one's mark is a tracked deletion).
	var seq []pre
	for k := first; k < len(m.pt.emitted); k++ {
		p := m.pt.emitted[k]
		if k > first {
			prev := m.pt.emitted[k-1]
			join := prev.markDeleted
			cell := blk.Kind == document.TableCell && p.table == prev.table && p.row == prev.row && p.col == prev.col && p.table != 0
			if !join && !cell {
				break
			}
			if !join {
				seq = append(seq, pre{r: ' ', raw: -1})
			}
		}
		for i, c := range p.chars() {
			seq = append(seq, pre{r: c.r, raw: len(al.raw) + i, paraStart: i == 0})
		}
		al.raw = append(al.raw, p.chars()...)
		if al.match(normalize(seq)) {
			return al, nil
		}
	}
	return nil, fmt.Errorf("the paragraph's text in the file does not match the text as read")
}

// norm is a rune of normalised text with the raw characters it covers.
type norm struct {
	r         rune
	lo, hi    int
	paraStart bool
}

// normalize applies document.Normalize's whitespace rules to seq, keeping
// track of where each rune came from.
func normalize(seq []pre) []norm {
	var out []norm
	space := -2 // -2: no pending space; else lo of the pending space run
	spaceHi := -1
	pendingStart := false
	for _, c := range seq {
		r := c.r
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2007':
			if space == -2 {
				space, spaceHi = c.raw, c.raw
			} else {
				if space < 0 {
					space = c.raw
				}
				if c.raw >= 0 {
					spaceHi = c.raw
				}
			}
			pendingStart = pendingStart || c.paraStart
			continue
		case unicode.IsControl(r):
			continue
		}
		if space != -2 && len(out) > 0 {
			lo, hi := space, spaceHi
			if lo < 0 || hi < 0 {
				lo, hi = -1, -1
			}
			out = append(out, norm{r: ' ', lo: lo, hi: hi})
		}
		space = -2
		out = append(out, norm{r: r, lo: c.raw, hi: c.raw, paraStart: c.paraStart || pendingStart})
		pendingStart = false
	}
	return out
}

// match aligns the block text with n, treating a number the reader put
// before a paragraph ("7.2 ") as text of its own.
func (al *alignment) match(n []norm) bool {
	T := al.text
	al.lo, al.hi = make([]int, len(T)), make([]int, len(T))
	i, j := 0, 0
	// The block's own number first: "a. a claim …" would otherwise match
	// its "a" against the text's.
	if num := []rune(al.blk.Number + " "); al.blk.Number != "" && len(T) > len(num) && string(T[:len(num)]) == string(num) {
		for ; i < len(num); i++ {
			al.lo[i], al.hi[i] = -1, -1
		}
	}
	for i < len(T) {
		if j < len(n) && T[i] == n[j].r {
			al.lo[i], al.hi[i] = n[j].lo, n[j].hi
			i, j = i+1, j+1
			continue
		}
		if j == len(n) || n[j].paraStart || j == 0 {
			// A number: up to and including the next space.
			k := i
			for k < len(T) && T[k] != ' ' {
				k++
			}
			if k == len(T) || k == i {
				return false
			}
			for ; i <= k; i++ {
				al.lo[i], al.hi[i] = -1, -1
			}
			continue
		}
		return false
	}
	// Punctuation the reader dropped at the end ("… rights;" read as a
	// heading, "… rights") stays in the file untouched.
	for j < len(n) && strings.ContainsRune(";:,.", n[j].r) {
		j++
	}
	return j == len(n)
}

// runeAt returns the rune index of block-relative byte offset off.
func (al *alignment) runeAt(off int) (int, bool) {
	k := sort.SearchInts(al.bytes, off)
	return k, k < len(al.bytes) && al.bytes[k] == off
}

// planInline places a replace or delete edit inside one block.
func (m *markup) planInline(e Edit, al *alignment) error {
	a, ok1 := al.runeAt(e.Span.Start - al.blk.Start)
	b, ok2 := al.runeAt(e.Span.End - al.blk.Start)
	if !ok1 || !ok2 {
		return fmt.Errorf("the change does not start and end on whole characters")
	}
	text := cleanText(e.Text)
	if e.Action == "delete" {
		text = ""
	}
	if a == b && text == "" {
		return fmt.Errorf("the change neither strikes nor adds anything")
	}
	var startAt, endAt func(marker)
	if a < b {
		lo, hi := -1, -1
		for k := a; k < b; k++ {
			if al.lo[k] < 0 {
				if al.text[k] == ' ' && k > a && k < b-1 {
					return fmt.Errorf("the words to strike run across two paragraphs")
				}
				if al.text[k] != ' ' {
					return fmt.Errorf("the words to strike include automatic numbering, which cannot be struck as text")
				}
				continue
			}
			if lo < 0 {
				lo = al.lo[k]
			}
			hi = al.hi[k]
		}
		if lo < 0 {
			return fmt.Errorf("nothing to strike")
		}
		if al.raw[lo].para != al.raw[hi].para {
			return fmt.Errorf("the words to strike run across two paragraphs")
		}
		for k := lo; k <= hi; k++ {
			if _, dup := m.del[ref(al, k)]; dup {
				return fmt.Errorf("it overlaps another change")
			}
		}
		did := m.id()
		for k := lo; k <= hi; k++ {
			m.del[ref(al, k)] = did
		}
		if e.Paragraph && al.raw[0].para == al.raw[len(al.raw)-1].para {
			lo, hi = 0, len(al.raw)-1 // with what the reader left out
		}
		first, last := ref(al, lo), ref(al, hi)
		if p := first.para; e.Paragraph && last.para == p && blank(p.chars()[:first.i]) && blank(p.chars()[last.i+1:]) && markFree(m.pt.data, p) {
			m.marks[p] = m.id()
		}
		startAt = func(mk marker) { m.before[first] = append(m.before[first], mk) }
		endAt = func(mk marker) { m.after[last] = append(m.after[last], mk) }
	} else {
		// A pure insertion at rune a.
		at, before, err := al.gap(a)
		if err != nil {
			return err
		}
		place := func(mk marker) {
			if before {
				m.before[at] = append(m.before[at], mk)
			} else {
				m.after[at] = append(m.after[at], mk)
			}
		}
		startAt, endAt = place, place
	}
	// The comment is made only once the change has a place: a change
	// refused above must not leave a comment anchored nowhere.
	cid := -1
	if e.Comment != "" {
		cid = m.id()
		m.comments = append(m.comments, comment{id: cid, text: e.Comment})
	}
	if cid >= 0 {
		startAt(marker{kind: markStart, id: cid})
	}
	if text != "" {
		endAt(marker{kind: markIns, id: m.id(), text: text})
	}
	if cid >= 0 {
		endAt(marker{kind: markEnd, id: cid})
	}
	return nil
}

func ref(al *alignment, k int) charRef {
	c := al.raw[k]
	return charRef{para: c.para, i: c.i}
}

// gap finds where text inserted before rune a goes: after the character
// before it when that is in the same paragraph (taking its formatting, as
// typing does), else before the character at a.
func (al *alignment) gap(a int) (charRef, bool, error) {
	next := -1
	if a < len(al.text) && al.lo[a] >= 0 {
		next = al.lo[a]
	}
	prev := -1
	for k := a - 1; k >= 0; k-- {
		if al.hi[k] >= 0 {
			prev = al.hi[k]
			break
		}
	}
	switch {
	case prev >= 0 && (next < 0 || al.raw[prev].para == al.raw[next].para):
		return ref(al, prev), false, nil
	case next >= 0:
		return ref(al, next), true, nil
	}
	return charRef{}, false, fmt.Errorf("no text to anchor the insertion to")
}

// planParagraph places a new paragraph after the paragraph holding the
// edit's insertion point, or at the end of the body.
func (m *markup) planParagraph(e Edit) error {
	text := document.Normalize(e.Text)
	if text == "" {
		return m.skip(e, "the clause to insert is empty")
	}
	np := newPara{text: text, commentID: -1}
	key := -1
	if off := e.Span.Start; off < len(m.doc.Text) || len(m.doc.Blocks) > 0 {
		bi := m.doc.BlockAt(max(off-1, 0))
		if off >= len(m.doc.Text) {
			bi = len(m.doc.Blocks) - 1
		}
		for bi < 0 && off > 0 {
			off--
			bi = m.doc.BlockAt(off)
		}
		if bi >= 0 {
			blk := m.doc.Blocks[bi]
			var p *pinfo
			for _, q := range m.pt.emitted {
				if q.index == blk.Source.Paragraph {
					p = q
				}
			}
			if p == nil {
				return m.skip(e, fmt.Sprintf("paragraph %d was not found in word/document.xml", blk.Source.Paragraph))
			}
			// After the last paragraph the block was read from.
			for p.markDeleted && p.index+1 < len(m.pt.paras) {
				p = m.pt.paras[p.index+1]
			}
			np.anchor = p
			// Continue the anchor's style and numbering when it is a
			// clause, not when it is a title (the reader gives a
			// heading-styled clause as the clause it is).
			np.copyPPr = blk.Kind != document.TableCell && blk.Kind != document.Heading
			if !np.copyPPr {
				np.body = m.bodyNear(bi)
			}
			key = p.index
			if p.outerTable != 0 {
				key = -2 - p.outerTable // after the whole table
			}
		}
	}
	if e.Comment != "" {
		np.commentID = m.id()
		m.comments = append(m.comments, comment{id: np.commentID, text: e.Comment})
	}
	m.paras[key] = append(m.paras[key], np)
	return nil
}

// cleanText makes suggestion text safe for one paragraph: normalised like
// the reader's text, but keeping one space at either end, which an
// insertion inside a sentence needs.
func cleanText(s string) string {
	n := document.Normalize(s)
	if n == "" {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsSpace(r) {
		n = " " + n
	}
	r, _ = utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(r) {
		n += " "
	}
	return n
}

// edit is one byte-range replacement in the part.
type splice struct {
	span span
	with []byte
}

// render rewrites the part.
func (m *markup) render() ([]byte, error) {
	var splices []splice
	touched := map[*rinfo]bool{}
	collect := func(c charRef) { touched[c.para.chars()[c.i].run] = true }
	for c := range m.del {
		collect(c)
	}
	for c := range m.after {
		collect(c)
	}
	for c := range m.before {
		collect(c)
	}
	// A field whose whole result is struck is struck with it, its field
	// characters and instructions too: a cross-reference ("Section 6")
	// inside a struck sentence would otherwise stay behind once the change
	// is accepted, empty, and show its result again when Word updates
	// fields.
	m.struck = map[int]bool{}
	for id, f := range m.pt.fields {
		if !f.whole || len(f.chars) == 0 || !allStruck(m.del, f) {
			continue
		}
		m.struck[id+1] = true
		for _, r := range f.runs {
			touched[r] = true
		}
	}
	// Runs and new paragraphs draw their revision ids as they are
	// rendered: in document order, not map order, so that one input gives
	// one file.
	runs := slices.SortedFunc(maps.Keys(touched), func(a, b *rinfo) int { return cmp.Compare(a.span.start, b.span.start) })
	for _, r := range runs {
		splices = append(splices, splice{r.span, m.renderRun(r)})
	}
	for p, id := range m.marks {
		// Word keeps the formatting of the paragraph a deleted mark joins
		// onto, LibreOffice that of the deleted one: keep the mark of the
		// last paragraph struck when the next is formatted otherwise (a
		// heading after a list), so both show the same, at the price of
		// one empty paragraph once accepted.
		next := p.index + 1
		if next >= len(m.pt.paras) {
			continue
		}
		if _, joined := m.marks[m.pt.paras[next]]; !joined && !bytes.Equal(m.props(p), m.props(m.pt.paras[next])) {
			continue
		}
		splices = append(splices, m.deleteMark(p, id))
	}
	// Inserted paragraphs.
	tableEnd := map[int]int{}
	if len(m.paras) > 0 {
		tableEnds(m.pt.data, tableEnd)
	}
	type insertion struct {
		at, key int
		nps     []newPara
	}
	var ins []insertion
	for key, nps := range m.paras {
		at := m.pt.bodyEnd
		switch {
		case key >= 0:
			at = m.pt.paras[key].span.end
		case key <= -2:
			at = tableEnd[-2-key]
		}
		ins = append(ins, insertion{at, key, nps})
	}
	slices.SortFunc(ins, func(a, b insertion) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.key, b.key)) })
	for _, in := range ins {
		at, nps := in.at, in.nps
		var b bytes.Buffer
		for _, np := range nps {
			m.renderPara(&b, np)
		}
		splices = append(splices, splice{span{at, at}, b.Bytes()})
	}
	sort.SliceStable(splices, func(i, j int) bool {
		a, b := splices[i].span, splices[j].span
		// An insertion before a run at the same place (a new w:pPr) first.
		return a.start < b.start || (a.start == b.start && a.end-a.start < b.end-b.start)
	})
	// Sized exactly: a buffer that outgrows its first guess doubles, and
	// the part is the largest thing a redline holds.
	size := len(m.pt.data)
	for _, s := range splices {
		size += len(s.with) - (s.span.end - s.span.start)
	}
	var out bytes.Buffer
	out.Grow(max(size, 0)) // overlapping splices, refused below, may make it less
	pos := 0
	for _, s := range splices {
		if s.span.start < pos {
			return nil, fault.New(fault.Unsupported, "two changes fall in the same run of nested content (a text box in a changed paragraph?); make fewer changes at once")
		}
		out.Write(m.pt.data[pos:s.span.start])
		out.Write(s.with)
		pos = s.span.end
	}
	out.Write(m.pt.data[pos:])
	return out.Bytes(), nil
}

// tableEnds records the end offset of every w:tbl by its ordinal.
func tableEnds(data []byte, ends map[int]int) {
	var open []int
	n := 0
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte("<w:tbl"))
		k := bytes.Index(data[i:], []byte("</w:tbl>"))
		if j < 0 && k < 0 {
			return
		}
		if j >= 0 && (k < 0 || j < k) {
			i += j + len("<w:tbl")
			if i < len(data) && (data[i] == '>' || data[i] == ' ') {
				n++
				open = append(open, n)
			}
			continue
		}
		i += k + len("</w:tbl>")
		if len(open) > 0 {
			ends[open[len(open)-1]] = i
			open = open[:len(open)-1]
		}
	}
}

// allStruck reports whether every character of f's result is struck.
func allStruck(del map[charRef]int, f field) bool {
	for _, i := range f.chars {
		if del[charRef{para: f.para, i: i}] == 0 {
			return false
		}
	}
	return true
}

func blank(cs []rawChar) bool {
	for _, c := range cs {
		if !unicode.IsSpace(c.r) {
			return false
		}
	}
	return true
}

// props are the paragraph properties of p that matter when it joins
// another: its w:pPr without run properties.
func (m *markup) props(p *pinfo) []byte {
	if !p.pPr.ok() {
		return nil
	}
	return bytes.TrimSpace(pPrChildren(m.pt.data[p.pPr.start:p.pPr.end]))
}

// markFree reports whether p's paragraph mark carries no tracked change
// of its own, so that a deletion can be recorded on it.
func markFree(data []byte, p *pinfo) bool {
	if !p.pPr.ok() {
		return true
	}
	pPr := data[p.pPr.start:p.pPr.end]
	rPr := indexTag(pPr, "w:rPr")
	return rPr < 0 || (!bytes.Contains(pPr[rPr:], []byte("<w:ins ")) && !bytes.Contains(pPr[rPr:], []byte("<w:del ")))
}

// deleteMark records the deletion of p's paragraph mark: a w:del in the
// run properties of its w:pPr, which must come before the other run
// properties there, and the w:rPr before a section break or a record of
// earlier formatting.
func (m *markup) deleteMark(p *pinfo, id int) splice {
	del := fmt.Sprintf(`<w:del w:id="%d" w:author="%s" w:date="%s"/>`, id, m.author, m.date)
	data := m.pt.data
	if !p.pPr.ok() {
		at := p.span.start + bytes.IndexByte(data[p.span.start:p.span.end], '>') + 1
		return splice{span{at, at}, []byte("<w:pPr><w:rPr>" + del + "</w:rPr></w:pPr>")}
	}
	pPr := data[p.pPr.start:p.pPr.end]
	if i := indexTag(pPr, "w:rPr"); i >= 0 {
		gt := bytes.IndexByte(pPr[i:], '>')
		if pPr[i+gt-1] == '/' { // <w:rPr/>
			return splice{span{p.pPr.start + i, p.pPr.start + i + gt + 1}, []byte("<w:rPr>" + del + "</w:rPr>")}
		}
		at := p.pPr.start + i + gt + 1
		return splice{span{at, at}, []byte(del)}
	}
	if pPr[len(pPr)-2] == '/' { // <w:pPr/>
		return splice{span{p.pPr.start, p.pPr.end}, []byte("<w:pPr><w:rPr>" + del + "</w:rPr></w:pPr>")}
	}
	at := p.pPr.end - len("</w:pPr>")
	for _, name := range []string{"w:sectPr", "w:pPrChange"} {
		if i := indexTag(pPr, name); i >= 0 && p.pPr.start+i < at {
			at = p.pPr.start + i
		}
	}
	return splice{span{at, at}, []byte("<w:rPr>" + del + "</w:rPr>")}
}

// renderRun rewrites one run as the pieces its characters fall into:
// kept text, struck text (w:del) and the markers between them.
func (m *markup) renderRun(r *rinfo) []byte {
	data := m.pt.data
	rPr := []byte(nil)
	if r.rPr.ok() {
		rPr = data[r.rPr.start:r.rPr.end]
	}
	startTag := data[r.startTag.start:r.startTag.end]
	var out bytes.Buffer
	// The current piece.
	var (
		cur     = 0 // 0 kept, else the deletion id
		content bytes.Buffer
		text    []rune
		open    bool
	)
	flushText := func() {
		if len(text) == 0 {
			return
		}
		tag := "w:t"
		if cur != 0 {
			tag = "w:delText"
		}
		content.WriteString("<" + tag + ` xml:space="preserve">`)
		content.WriteString(escText(string(text)))
		content.WriteString("</" + tag + ">")
		text = text[:0]
	}
	flush := func() {
		flushText()
		if !open {
			return
		}
		if content.Len() > 0 {
			if cur != 0 {
				fmt.Fprintf(&out, `<w:del w:id="%d" w:author="%s" w:date="%s">`, m.id(), m.author, m.date)
			}
			out.Write(startTag)
			out.Write(rPr)
			out.Write(content.Bytes())
			out.WriteString("</w:r>")
			if cur != 0 {
				out.WriteString("</w:del>")
			}
		}
		content.Reset()
		open = false
	}
	setState := func(s int) {
		if open && s == cur {
			return
		}
		flush()
		cur, open = s, true
	}
	markers := func(mks []marker) {
		if len(mks) == 0 {
			return
		}
		flush()
		for _, mk := range mks {
			switch mk.kind {
			case markStart:
				fmt.Fprintf(&out, `<w:commentRangeStart w:id="%d"/>`, mk.id)
			case markEnd:
				fmt.Fprintf(&out, `<w:commentRangeEnd w:id="%d"/><w:r><w:commentReference w:id="%d"/></w:r>`, mk.id, mk.id)
			case markIns:
				fmt.Fprintf(&out, `<w:ins w:id="%d" w:author="%s" w:date="%s"><w:r>`, mk.id, m.author, m.date)
				out.Write(rPr)
				out.WriteString(`<w:t xml:space="preserve">` + escText(mk.text) + `</w:t></w:r></w:ins>`)
			}
		}
	}
	p := r.para
	charIdx := map[[2]int]int{} // (item, offset) → index in the paragraph
	if p != nil {
		for i, c := range p.chars() {
			if c.run == r {
				charIdx[[2]int{c.item, c.off}] = i
			}
		}
	}
	for ii, it := range r.items {
		var runes []rune // the item's text, for its characters one by one
		if it.kind == itemText && it.visible > 0 {
			runes = []rune(string(it.text))
		}
		if it.visible == 0 && m.struck[it.field] {
			// Part of a field struck whole.
			setState(-1)
			flushText()
			b := data[it.span.start:it.span.end]
			switch it.kind {
			case itemInstr:
				b = bytes.ReplaceAll(b, []byte("w:instrText"), []byte("w:delInstrText"))
			case itemText:
				b = []byte(`<w:delText xml:space="preserve">` + escText(string(it.text)) + `</w:delText>`)
			}
			content.Write(b)
			continue
		}
		if it.visible == 0 {
			// Not shown: kept as is, in a kept piece (a struck field
			// character would break the field, unless the whole field
			// goes).
			setState(0)
			flushText()
			if it.kind == itemText {
				content.WriteString(`<w:t xml:space="preserve">` + escText(string(it.text)) + `</w:t>`)
			} else {
				content.Write(data[it.span.start:it.span.end])
			}
			continue
		}
		for off := 0; off < it.visible; off++ {
			ci, ok := charIdx[[2]int{ii, off}]
			var c charRef
			if ok {
				c = charRef{para: p, i: ci}
				markers(m.before[c])
			}
			setState(m.del[c])
			if it.kind == itemText {
				text = append(text, runes[off])
			} else {
				flushText()
				b := data[it.span.start:it.span.end]
				if cur != 0 && it.kind == itemInstr {
					b = bytes.ReplaceAll(b, []byte("w:instrText"), []byte("w:delInstrText"))
				}
				content.Write(b)
			}
			if ok {
				markers(m.after[c])
			}
		}
		// Text of a w:t beyond what the reader shows (none, normally).
		if len(runes) > it.visible {
			text = append(text, runes[it.visible:]...)
		}
	}
	flush()
	return out.Bytes()
}

// renderPara writes an inserted paragraph: the paragraph mark and its
// text are both tracked insertions.
func (m *markup) renderPara(b *bytes.Buffer, np newPara) {
	b.WriteString("<w:p><w:pPr>")
	if np.anchor != nil && np.copyPPr && np.anchor.pPr.ok() {
		b.Write(pPrChildren(m.pt.data[np.anchor.pPr.start:np.anchor.pPr.end]))
	}
	fmt.Fprintf(b, `<w:rPr><w:ins w:id="%d" w:author="%s" w:date="%s"/></w:rPr></w:pPr>`, m.id(), m.author, m.date)
	if np.commentID >= 0 {
		fmt.Fprintf(b, `<w:commentRangeStart w:id="%d"/>`, np.commentID)
	}
	fmt.Fprintf(b, `<w:ins w:id="%d" w:author="%s" w:date="%s"><w:r>`, m.id(), m.author, m.date)
	switch {
	case np.anchor != nil && np.copyPPr:
		b.Write(m.bodyRPr(np.anchor))
	case np.body != nil:
		b.Write(m.bodyRPr(np.body))
	}
	b.WriteString(`<w:t xml:space="preserve">` + escText(np.text) + `</w:t></w:r></w:ins>`)
	if np.commentID >= 0 {
		fmt.Fprintf(b, `<w:commentRangeEnd w:id="%d"/><w:r><w:commentReference w:id="%d"/></w:r>`, np.commentID, np.commentID)
	}
	b.WriteString("</w:p>")
}

// bodyNear returns the paragraph of the body text nearest after block bi
// (or, with none after, before it): not a table cell or a heading.
func (m *markup) bodyNear(bi int) *pinfo {
	para := func(b document.Block) *pinfo {
		if b.Kind == document.TableCell || b.Kind == document.Heading || (b.Source.Part != "" && b.Source.Part != mainPart) {
			return nil
		}
		for _, q := range m.pt.emitted {
			if q.index == b.Source.Paragraph && q.outerTable == 0 {
				return q
			}
		}
		return nil
	}
	for i := bi + 1; i < len(m.doc.Blocks); i++ {
		if p := para(m.doc.Blocks[i]); p != nil {
			return p
		}
	}
	for i := bi - 1; i >= 0; i-- {
		if p := para(m.doc.Blocks[i]); p != nil {
			return p
		}
	}
	return nil
}

// bodyRPr returns the run properties most of a paragraph's text is in,
// for a new clause after it: the clause body's, not those of the
// underlined or bold heading a clause often opens with ("Moral Rights.
// Contractor hereby …"), which the whole new clause would otherwise take
// on once accepted. A record of earlier formatting (w:rPrChange) is
// left out: the new run had no earlier formatting.
func (m *markup) bodyRPr(p *pinfo) []byte {
	// Counted by the properties' bytes: a body is often many runs with
	// the same properties, between bold defined terms.
	count := map[string]int{}
	best := ""
	for _, c := range p.chars() {
		rPr := ""
		if s := c.run.rPr; s.ok() {
			rPr = string(m.pt.data[s.start:s.end])
		}
		count[rPr]++
		if count[rPr] > count[best] {
			best = rPr
		}
	}
	return dropElement([]byte(best), "w:rPrChange")
}

// pPrChildren returns the content of a w:pPr without the parts that must
// not be copied to a new paragraph: its run properties (the paragraph
// mark's, replaced by the insertion mark), a section break, and a record
// of earlier formatting.
func pPrChildren(pPr []byte) []byte {
	open := bytes.IndexByte(pPr, '>')
	if open < 0 || pPr[open-1] == '/' {
		return nil
	}
	inner := pPr[open+1:]
	if i := bytes.LastIndex(inner, []byte("</")); i >= 0 {
		inner = inner[:i]
	}
	out := inner
	for _, name := range []string{"w:rPr", "w:sectPr", "w:pPrChange"} {
		out = dropElement(out, name)
	}
	return out
}

// dropElement removes every top-level <name …>…</name> or <name …/>.
func dropElement(b []byte, name string) []byte {
	for {
		i := indexTag(b, name)
		if i < 0 {
			return b
		}
		gt := bytes.IndexByte(b[i:], '>')
		if gt < 0 {
			return b
		}
		end := i + gt + 1
		if b[i+gt-1] != '/' {
			c := bytes.Index(b[end:], []byte("</"+name+">"))
			if c < 0 {
				return b
			}
			end += c + len("</"+name+">")
		}
		b = append(append([]byte(nil), b[:i]...), b[end:]...)
	}
}

func indexTag(b []byte, name string) int {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte("<"+name))
		if i < 0 {
			return -1
		}
		i += off
		if j := i + 1 + len(name); j < len(b) && (b[j] == '>' || b[j] == ' ' || b[j] == '/') {
			return i
		}
		off = i + 1
	}
}

func (m *markup) commentsXML() []byte {
	var b bytes.Buffer
	for _, c := range m.comments {
		fmt.Fprintf(&b, `<w:comment w:id="%d" w:author="%s" w:date="%s" w:initials="%s">`, c.id, m.author, m.date, escAttr(initials(m.opt.author())))
		for i, para := range strings.Split(c.text, "\n\n") {
			b.WriteString("<w:p>")
			if i == 0 {
				b.WriteString(`<w:r><w:annotationRef/></w:r>`)
			}
			b.WriteString(`<w:r><w:t xml:space="preserve">` + escText(document.Normalize(para)) + `</w:t></w:r></w:p>`)
		}
		b.WriteString("</w:comment>")
	}
	return b.Bytes()
}

func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

func addOverride(types []byte, partName, contentType string) ([]byte, error) {
	if bytes.Contains(types, []byte(`PartName="`+partName+`"`)) {
		return types, nil
	}
	i := bytes.LastIndex(types, []byte("</Types>"))
	if i < 0 {
		return nil, fault.New(fault.Invalid, "[Content_Types].xml is damaged")
	}
	return concat(types[:i], []byte(`<Override PartName="`+partName+`" ContentType="`+contentType+`"/>`), types[i:]), nil
}

var relID = regexp.MustCompile(`Id="rId(\d+)"`)

func addRelationship(rels []byte, typ, target string) ([]byte, error) {
	i := bytes.LastIndex(rels, []byte("</Relationships>"))
	if i < 0 {
		return nil, fault.New(fault.Invalid, "word/_rels/document.xml.rels is damaged")
	}
	n := 0
	for _, m := range relID.FindAllSubmatch(rels, -1) {
		if v, err := strconv.Atoi(string(m[1])); err == nil && v > n {
			n = v
		}
	}
	rel := fmt.Sprintf(`<Relationship Id="rId%d" Type="%s" Target="%s"/>`, n+1, typ, target)
	return concat(rels[:i], []byte(rel), rels[i:]), nil
}

// rezip writes the archive again: parts in replace get their new content,
// every other part is copied unchanged (still compressed), and new parts
// are added at the end.
func rezip(original []byte, replace map[string][]byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(original), int64(len(original)))
	if err != nil {
		return nil, fault.Wrap(fault.Invalid, err, "damaged ZIP container")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := map[string]bool{}
	for _, f := range zr.File {
		if done[f.Name] {
			continue // a duplicate name: the first one is the part
		}
		done[f.Name] = true
		if data, ok := replace[f.Name]; ok {
			h := f.FileHeader
			h.Method = zip.Deflate
			w, err := zw.CreateHeader(&zip.FileHeader{Name: h.Name, Method: zip.Deflate, Modified: h.Modified})
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(data); err != nil {
				return nil, err
			}
			continue
		}
		if err := zw.Copy(f); err != nil {
			return nil, fault.Wrap(fault.Invalid, err, "damaged ZIP entry "+f.Name)
		}
	}
	names := make([]string, 0, len(replace))
	for name := range replace {
		if !done[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(replace[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escText(s string) string { return textEscaper.Replace(xmlSafe(s)) }

var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func escAttr(s string) string { return attrEscaper.Replace(xmlSafe(s)) }

// xmlSafe drops characters XML 1.0 cannot hold.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 {
			if r == utf8.RuneError {
				return -1
			}
			return r
		}
		return -1
	}, s)
}
