package pdf

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/document"
)

// numbered matches numbering that starts a clause or list item: "7", "7.2",
// "7.2.1.", "(a)", "a)", "(iv)", "ARTICLE IV", "Section 5", "Schedule B".
var numbered = regexp.MustCompile(`^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-zA-Z]{1}[.)]|\([a-zA-Z]{1,2}\)|\(?(?:[ivxl]{1,6}|[IVXL]{1,6})[.)]|(?i:article|section|schedule|exhibit|annex|appendix)\s+[0-9A-Z][0-9A-Z.]*|[•·▪◦*§-])(?:\s|$)`)

// bulletRunes start a list item: the bullets of fonts and word
// processors, and the Symbol and Wingdings bullets that fonts without a
// Unicode table leave in the Private Use Area ("\uf0b7" is Word's).
const bulletRunes = "•·▪◦●○■□‣⁃∙➢➤►✓✔–-*\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8"

// bullet returns the length of the bullet and the space after it that
// start s, 0 if s does not start with one.
func bullet(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError || !strings.ContainsRune(bulletRunes, r) {
		return 0
	}
	rest := strings.TrimLeft(s[n:], " \t")
	if len(rest) == len(s)-n || rest == "" {
		return 0 // "-5", "*Note", a bullet alone
	}
	return len(s) - len(rest)
}

// pageLabel matches a short header or footer ending with the page number
// ("Services Agreement – page 4", "Confidential | Page iv of x").
var pageLabel = regexp.MustCompile(`^.{0,60}\b(?i:page)\s+(\d{1,4}|[ivxlcIVXLC]{1,9})(?:\s*(?i:of|/)\s*(?:\d{1,4}|[ivxlcIVXLC]{1,9}))?$`)

// pageNumber matches a line that is only a page number ("7", "Page 2 of
// 9", "- 3 -", "iv", "Page XII").
var pageNumber = regexp.MustCompile(`^((?i:page)\s*)?[-–—(\[]?\s*(\d{1,4}|[ivxlcIVXLC]{1,9})\s*[-–—)\]]?(?:\s*(?i:of|/)\s*(?:\d{1,4}|[ivxlcIVXLC]{1,9}))?$`)

// roman is a roman numeral up to 399, as front matter numbers its pages.
var roman = regexp.MustCompile(`^c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$`)

// IsPageNumber reports whether a line of a page is only its number,
// arabic or roman: "7", "- 3 -", "Page 2 of 9", "iv", "Page xii". A
// bare roman numeral counts in small letters only, as front matter prints
// it ("I" or "V" alone may be a heading's number); after "Page" in either
// case. The OCR reader takes page numbers off scans with it too.
func IsPageNumber(line string) bool {
	m := pageNumber.FindStringSubmatch(strings.TrimSpace(line))
	return m != nil && pageValue(m[2], m[1] != "")
}

// isPageLabel reports whether a short header or footer ends with its
// page's number ("Services Agreement – page 4").
func isPageLabel(line string) bool {
	m := pageLabel.FindStringSubmatch(strings.TrimSpace(line))
	return m != nil && pageValue(m[1], true)
}

// pageValue reports whether v, digits or letters, can be a page's
// number; named says whether the word "page" comes before it.
func pageValue(v string, named bool) bool {
	if v[0] >= '0' && v[0] <= '9' {
		return true
	}
	if !named && strings.ToLower(v) != v {
		return false
	}
	return roman.MatchString(strings.ToLower(v))
}

// page is one page's lines in reading order.
type page struct {
	n     int
	lines []line
}

// furniture removes repeated headers and footers and bare page numbers
// from the top and bottom lines of each page, and returns what it removed.
func furniture(pages []page) []string {
	const edge = 3 // lines at the top and bottom of a page that may be furniture
	type cand = struct{ page, idx int }
	byKey := map[string][]cand{}
	isEdge := func(p page, i int) bool {
		return i < edge || i >= len(p.lines)-edge
	}
	order := func(p page) []int {
		idx := make([]int, len(p.lines))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return p.lines[idx[a]].y > p.lines[idx[b]].y })
		return idx
	}
	orders := make([][]int, len(pages))
	for pi, p := range pages {
		orders[pi] = order(p)
		seen := map[string]bool{}
		for pos, i := range orders[pi] {
			if !isEdge(p, pos) {
				continue
			}
			k := furnitureKey(p.lines[i].text)
			if k == "" || len(k) > 200 || seen[k] {
				continue
			}
			seen[k] = true
			byKey[k] = append(byKey[k], cand{pi, i})
		}
	}
	drop := map[cand]bool{}
	need := int(math.Ceil(0.5 * float64(len(pages))))
	if need < 2 {
		need = 2
	}
	for _, cs := range byKey {
		if len(cs) >= need && len(pages) >= 2 || runningHead(pages, orders, cs) {
			for _, c := range cs {
				drop[c] = true
			}
		}
	}
	// Bare page numbers: among the top-most or bottom-most two lines, or
	// anywhere when set apart from the lines around them (files made by
	// joining printed pages carry the old page numbers mid-page).
	for pi, p := range pages {
		o := orders[pi]
		for pos, i := range o {
			l := p.lines[i]
			if !IsPageNumber(l.text) {
				continue
			}
			apart := (pos == 0 || p.lines[o[pos-1]].y-l.y > 1.8*l.size) &&
				(pos == len(o)-1 || l.y-p.lines[o[pos+1]].y > 1.8*l.size)
			if pos < 2 || pos >= len(o)-2 || apart {
				drop[cand{pi, i}] = true
			}
		}
		// A running head or foot that names the page ("Services
		// Agreement – page 1", "Confidential | Page 2 of 9") is furniture
		// even on a one-page document, where nothing repeats.
		for _, pos := range []int{0, len(o) - 1} {
			if pos >= 0 && len(o) > 1 && isPageLabel(p.lines[o[pos]].text) {
				drop[cand{pi, o[pos]}] = true
			}
		}
	}
	var removed []string
	seen := map[string]bool{}
	for pi := range pages {
		p := &pages[pi]
		kept := p.lines[:0:0]
		for i, l := range p.lines {
			if drop[cand{pi, i}] {
				if !seen[l.text] {
					seen[l.text] = true
					removed = append(removed, l.text)
				}
				continue
			}
			kept = append(kept, l)
		}
		p.lines = kept
	}
	return removed
}

// runningHead reports whether the repeats cs of one line are a header or
// footer that only some pages carry, as when a cover section and the terms
// each have their own ("SOW" on pages 1–2, "TERMS AND CONDITIONS" on 3–5):
// the top-most or bottom-most line of two or more consecutive pages, short,
// at the same height on each.
func runningHead(pages []page, orders [][]int, cs []struct{ page, idx int }) bool {
	if len(cs) < 2 {
		return false
	}
	var y float64
	for k, c := range cs {
		o := orders[c.page]
		if c.idx != o[0] && c.idx != o[len(o)-1] {
			return false
		}
		l := pages[c.page].lines[c.idx]
		if utf8.RuneCountInString(l.text) > 60 || endsSentence(l.text) {
			return false
		}
		if k > 0 && (c.page != cs[k-1].page+1 || math.Abs(l.y-y) > 1) {
			return false
		}
		y = l.y
	}
	return true
}

// furnitureKey folds the parts of a header or footer that change from page
// to page (page numbers) so that repeats compare equal.
func furnitureKey(s string) string {
	var b strings.Builder
	digits := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsDigit(r):
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		case unicode.IsSpace(r):
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	return b.String()
}

// para is a paragraph being assembled from lines.
type para struct {
	page                  int
	x0, y0, x1, y1        float64 // box in user space
	lines                 int
	text                  strings.Builder
	bold, numbered, upper bool
	item                  bool // started by a bullet, which is left out of the text
	size                  float64
	last                  line
	firstX0               float64 // left edge of the first line
	endsSentence          bool
}

// paragraphs joins lines into paragraphs and adds them to b.
func paragraphs(b *document.Builder, pages []page) {
	body := bodySize(pages)
	vocab := vocabulary(pages)
	var cur *para
	var label *para // a side label met inside cur, added before it
	emit := func() {
		if cur == nil {
			return
		}
		if label != nil {
			b.Add(document.Block{Kind: document.Paragraph, Source: document.Source{Page: label.page, X: round(label.x0), Y: round(label.y0), W: round(label.x1 - label.x0), H: round(label.y1 - label.y0)}}, label.text.String())
			label = nil
		}
		text := cur.text.String()
		kind := document.Paragraph
		if cur.item {
			kind = document.ListItem
		} else if cur.lines <= 2 && utf8.RuneCountInString(text) <= 120 && !strings.HasSuffix(strings.TrimSpace(text), ",") &&
			(cur.upper || cur.bold || cur.size >= 1.15*body) && len(strings.Fields(text)) <= 16 {
			kind = document.Heading
		}
		blk := document.Block{Kind: kind, Source: document.Source{Page: cur.page, X: round(cur.x0), Y: round(cur.y0), W: round(cur.x1 - cur.x0), H: round(cur.y1 - cur.y0)}}
		if kind == document.Heading {
			blk.Level = 1
		}
		b.Add(blk, text)
		cur = nil
	}
	for _, p := range pages {
		spacing := lineSpacing(p.lines)
		right := map[int]float64{} // right edge of the text, by column
		for _, l := range p.lines {
			right[l.col] = math.Max(right[l.col], l.x1)
		}
		for i, l := range p.lines {
			text := strings.TrimSpace(l.text)
			bl := bullet(text)
			text = text[bl:]
			if text == "" {
				continue
			}
			num := bl > 0 || numbered.MatchString(text)
			if cur != nil && num && bl == 0 && (countFigure(cur.last.text, text) || wrapped(cur, l, p.n, right[l.col])) {
				num = false
			}
			if cur != nil && bl == 0 && i+1 < len(p.lines) && sideLabel(cur, l, p.lines[i+1], p.n, spacing) {
				if label == nil {
					label = &para{page: p.n, x0: l.x0, x1: l.x1, y0: l.y - 0.25*l.size, y1: l.y + 0.85*l.size}
					label.text.WriteString(text)
				} else {
					label.text.WriteString(" " + text)
					label.x1 = math.Max(label.x1, l.x1)
					label.y0 = math.Min(label.y0, l.y-0.25*l.size)
				}
				continue
			}
			if cur != nil {
				var brk bool
				if cur.page != p.n || i == 0 || l.col != cur.last.col {
					// A new page or column continues a paragraph only when
					// the sentence visibly runs on.
					brk = cur.endsSentence || num || !(startsLower(text) || strings.HasSuffix(cur.last.text, ",") || strings.HasSuffix(cur.last.text, "-"))
				} else {
					brk = breaks(cur, l, text, num, spacing, body)
				}
				if brk {
					emit()
				} else {
					appendLine(cur, l, text, vocab)
					if cur.page != p.n {
						continue // keep the box of the first page
					}
					cur.x0 = math.Min(cur.x0, l.x0)
					cur.x1 = math.Max(cur.x1, l.x1)
					cur.y0 = math.Min(cur.y0, l.y-0.25*l.size)
					continue
				}
			}
			cur = &para{page: p.n, x0: l.x0, x1: l.x1, firstX0: l.x0, y0: l.y - 0.25*l.size, y1: l.y + 0.85*l.size,
				bold: l.bold, numbered: num, upper: isUpper(text), size: l.size, item: bl > 0}
			cur.text.WriteString(text)
			cur.lines = 1
			cur.last = l
			cur.endsSentence = endsSentence(text)
		}
	}
	emit()
}

// figure matches the figure that contracts write after a number in words:
// "thirty" / "(30) days", which is not an item numbered (30).
var figure = regexp.MustCompile(`^\(\d[\d,.]*\)(?:\s|$)`)

// spelledNumber matches a line ending in a number written in words.
var spelledNumber = regexp.MustCompile(`(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)$`)

// countFigure reports whether line next starts with the figure that
// repeats the number in words ending line prev, the line break falling
// between the two halves of "thirty (30)".
func countFigure(prev, next string) bool {
	return figure.MatchString(next) && spelledNumber.MatchString(strings.TrimSpace(prev))
}

// wrapped reports whether line l, which starts with what looks like a
// number, is only the running text of cur wrapped there ("... or death;" /
// "(ii) injury or destruction ..."): cur's first line is indented, its
// following lines start further left, l starts there too, and the line
// before it is full to the right edge of the text. An item of a list starts
// at the indent of the first line instead.
func wrapped(cur *para, l line, page int, right float64) bool {
	tol := 0.5 * l.size
	return cur.page == page && cur.lines >= 2 && l.col == cur.last.col &&
		math.Abs(l.x0-cur.x0) < tol && l.x0 < cur.firstX0-tol &&
		cur.last.x1 > right-1.5*l.size && !strings.HasSuffix(cur.last.text, ":")
}

// sideLabel reports whether line l is the label of a table row or a margin
// heading met between two lines of cur, its neighbour to the right: the
// label, vertically centred on the row, gets a baseline between the cell's
// lines ("… such as expense or travel" / "Other Terms" / "reimbursements. …")
// and would land in the middle of the cell's sentence. It lies wholly left
// of cur, and the next line takes cur up again at its left edge, close below.
func sideLabel(cur *para, l, next line, page int, spacing float64) bool {
	tol := 0.5 * l.size
	gap := 2.5 * l.size
	if spacing > 0 {
		gap = 2.5 * spacing
	}
	return cur.page == page && l.col == cur.last.col && next.col == l.col &&
		l.x1 < cur.x0-l.size && math.Abs(next.x0-cur.last.x0) < tol &&
		cur.last.y-next.y < gap && l.y < cur.last.y && l.y > next.y &&
		!cur.endsSentence
}

func round(f float64) float64 { return math.Round(f*10) / 10 }

// breaks decides whether line l starts a new paragraph after cur on the
// same page and column.
func breaks(cur *para, l line, text string, num bool, spacing, body float64) bool {
	prev := cur.last
	dy := prev.y - l.y
	switch {
	case dy < -0.5*l.size: // moved up: a new block of text
		return true
	case num:
		return true
	case !endsSentence(prev.text) && startsLower(text):
		return false // a sentence running on, whatever the gap
	case spacing > 0 && dy > 1.4*spacing && dy > 1.2*l.size:
		return true
	case spacing == 0 && dy > 1.8*l.size:
		return true
	case math.Abs(l.size-prev.size) > 0.15*math.Max(l.size, prev.size):
		return true
	case prev.bold && !l.bold && (isUpper(prev.text) || endsSentence(prev.text) || len(prev.text) < 80):
		return true
	case cur.upper && cur.lines == 1 && !isUpper(text) && (endsSentence(prev.text) || len(strings.Fields(prev.text)) <= 3):
		return true
	}
	// A short line ending a sentence ends its paragraph.
	if endsSentence(prev.text) && !startsLower(text) {
		if prev.x1 < l.x1-4*body || l.x0 > prev.x0+1.5*body {
			return true
		}
	}
	return false
}

// appendLine adds l's text to cur. A word broken by a hyphen at the line
// end is joined: without the hyphen when the document spells the joined
// word elsewhere and never with the hyphen ("agree-" "ment"), else with it,
// since contracts hyphenate compounds ("non-" "exclusive") far more often
// than they break words.
func appendLine(cur *para, l line, text string, vocab map[string]bool) {
	prev := cur.text.String()
	if strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, "--") && startsLower(text) {
		r, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
		if unicode.IsLetter(r) {
			cur.text.Reset()
			if !KeepsHyphen(prev[:len(prev)-1], text, vocab) {
				cur.text.WriteString(prev[:len(prev)-1])
			} else {
				cur.text.WriteString(prev)
			}
			cur.text.WriteString(text)
			goto done
		}
	}
	cur.text.WriteByte(' ')
	cur.text.WriteString(text)
done:
	cur.lines++
	cur.bold = cur.bold && l.bold
	cur.upper = cur.upper && isUpper(text)
	cur.last = l
	cur.endsSentence = endsSentence(text)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || r == '-' }

// KeepsHyphen reports whether a word broken by a hyphen at a line end,
// prev being the text before the hyphen and next the following line, keeps
// its hyphen when the lines are joined: unless the document's vocabulary
// (see Vocabulary) spells the joined word and never the hyphenated one.
// The OCR reader joins its lines with it too.
func KeepsHyphen(prev, next string, vocab map[string]bool) bool {
	head, tail := lastWord(prev), firstWord(next)
	return !vocab[strings.ToLower(head+tail)] || vocab[strings.ToLower(head+"-"+tail)]
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return s[:i]
	}
	return s
}

// vocabulary is the Vocabulary of all lines of the pages.
func vocabulary(pages []page) map[string]bool {
	var ls []string
	for _, p := range pages {
		for _, l := range p.lines {
			ls = append(ls, l.text)
		}
	}
	return Vocabulary(ls)
}

// Vocabulary is the set of lower-cased words (letters and inner hyphens)
// of lines, less each line's last word when it ends in a hyphen, which may
// be a broken half.
func Vocabulary(lines []string) map[string]bool {
	v := map[string]bool{}
	for _, l := range lines {
		ws := strings.FieldsFunc(strings.ToLower(l), func(r rune) bool { return !isWordRune(r) })
		for i, w := range ws {
			w = strings.Trim(w, "-")
			if w != "" && (i < len(ws)-1 || !strings.HasSuffix(l, "-")) {
				v[w] = true
			}
		}
	}
	return v
}

// lineSpacing is the usual distance between consecutive baselines on a page.
func lineSpacing(ls []line) float64 {
	var d []float64
	for i := 1; i < len(ls); i++ {
		dy := ls[i-1].y - ls[i].y
		if dy > 0.5*ls[i].size && dy < 2.5*ls[i].size && ls[i].col == ls[i-1].col {
			d = append(d, dy)
		}
	}
	if len(d) < 3 {
		return 0
	}
	sort.Float64s(d)
	return d[len(d)/4] // lower quartile: paragraph gaps inflate the median
}

// bodySize is the most common font size, weighted by text length.
func bodySize(pages []page) float64 {
	count := map[float64]int{}
	for _, p := range pages {
		for _, l := range p.lines {
			count[math.Round(l.size*2)/2] += len(l.text)
		}
	}
	best, n := 10.0, 0
	for s, c := range count {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}
