package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"
)

// glyph is one character drawn on a page, in PDF user space (y grows up).
type glyph struct {
	x, y float64 // origin on the baseline
	w    float64 // advance width
	size float64 // font size as drawn
	bold bool
	s    string // decoded text, usually one rune
}

// Limits on one page's content, so that a hostile file cannot keep the
// interpreter busy or fill memory: a real contract page has a few thousand
// glyphs and a few tens of thousands of operators. The most text pieces
// (strings shown) on a page of the PDFs in the repository's testdata is
// 5,921, from a generator that shows each glyph alone; a page of 6-point
// type holds about 15,000 characters.
const (
	maxOpsPerPage    = 2_000_000
	maxGlyphsPerPage = 200_000
	maxPiecesPerPage = 50_000
	maxFormDepth     = 8
	maxStateDepth    = 64
)

// errTooComplex is raised (as a panic, like the library's own parse errors)
// when a page exceeds the limits above.
type errTooComplex struct {
	what  string
	limit int
}

func (e errTooComplex) Error() string {
	return fmt.Sprintf("over %s %s: too many to be a contract's page", thousands(e.limit), e.what)
}

// thousands writes n with comma separators, as the limits are written.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// font is what the interpreter needs of a PDF font: how to split a string
// into codes, each code's advance and text.
type font struct {
	twoByte bool
	bold    bool
	widths  map[int]float64 // glyph-space units (1/1000 em)
	dw      float64         // default width
	scale   float64         // glyph-space to text-space (1/1000 except Type3)
	enc     lpdf.TextEncoding
	text    map[int]string // decoded code cache
}

func newFont(f lpdf.Font) *font {
	ft := &font{widths: map[int]float64{}, dw: 1000, scale: 0.001, text: map[int]string{}}
	v := f.V
	base := v.Key("BaseFont").Name()
	ft.bold = isBoldName(base)
	switch v.Key("Subtype").Name() {
	case "Type0":
		ft.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
			ft.dw = dw.Float64()
		}
		readCIDWidths(d.Key("W"), ft.widths)
		ft.bold = ft.bold || isBoldDescriptor(d.Key("FontDescriptor")) || isBoldName(d.Key("BaseFont").Name())
	case "Type3":
		if m := v.Key("FontMatrix"); m.Len() >= 1 {
			ft.scale = m.Index(0).Float64()
		}
		ft.dw = 0
		fallthrough
	default:
		first := int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		n := ws.Len()
		if n > 256 {
			n = 256
		}
		for i := 0; i < n; i++ {
			ft.widths[first+i] = ws.Index(i).Float64()
		}
		if n > 0 && ft.scale == 0.001 {
			ft.dw = 0
			if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() == lpdf.Integer || mw.Kind() == lpdf.Real {
				ft.dw = mw.Float64()
			}
		} else if n == 0 {
			ft.dw = 500 // a standard-14 font without widths: half an em is near the average
		}
		ft.bold = ft.bold || isBoldDescriptor(v.Key("FontDescriptor"))
	}
	ft.enc = f.Encoder()
	return ft
}

func isBoldName(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "bold") || strings.Contains(s, "black") || strings.Contains(s, "heavy") || strings.Contains(s, "semibold")
}

func isBoldDescriptor(d lpdf.Value) bool {
	if d.Kind() != lpdf.Dict {
		return false
	}
	const forceBold = 1 << 18
	return d.Key("Flags").Int64()&forceBold != 0 || d.Key("FontWeight").Float64() >= 600
}

// readCIDWidths reads a CIDFont /W array: [c [w1 w2 …]] or [cfirst clast w].
func readCIDWidths(w lpdf.Value, out map[int]float64) {
	n := w.Len()
	for i := 0; i < n; {
		c := int(w.Index(i).Int64())
		if i+1 >= n {
			return
		}
		next := w.Index(i + 1)
		if next.Kind() == lpdf.Array {
			m := next.Len()
			for j := 0; j < m && len(out) < 1<<16; j++ {
				out[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			return
		}
		last := int(next.Int64())
		wd := w.Index(i + 2).Float64()
		for k := c; k <= last && k-c < 1<<16 && len(out) < 1<<16; k++ {
			out[k] = wd
		}
		i += 3
	}
}

func (f *font) width(code int) float64 {
	if w, ok := f.widths[code]; ok {
		return w
	}
	return f.dw
}

func (f *font) decode(code int, raw string) string {
	if s, ok := f.text[code]; ok {
		return s
	}
	s := f.enc.Decode(raw)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = expandLigatures(s)
	if len(f.text) < 1<<16 {
		f.text[code] = s
	}
	return s
}

func expandLigatures(s string) string {
	if !strings.ContainsAny(s, "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06") {
		return s
	}
	return strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st").Replace(s)
}

type matrix [6]float64 // a b c d e f

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm                  matrix
	tc, tw, th, tl, rise float64
	fnt                  *font
	fs                   float64
}

// interp runs a page's content streams and collects its glyphs.
type interp struct {
	glyphs  []glyph
	ops     int
	pieces  int              // strings shown (Tj, ', ", each string of a TJ)
	fonts   map[string]*font // by resource dictionary identity + name
	skipped int              // rotated glyphs left out
}

// pageGlyphs returns the glyphs of page p, appended to buf[:0]: a reader
// passes the previous page's, once laid out, so that the glyphs of every
// page (56 bytes each, thousands a page) are not allocated anew.
func pageGlyphs(p lpdf.Page, buf []glyph) ([]glyph, int) {
	in := &interp{glyphs: buf[:0], fonts: map[string]*font{}}
	res := p.Resources()
	in.run(p.V.Key("Contents"), res, identity, 0)
	in.formFields(p.V.Key("Annots"), res)
	return in.glyphs, in.skipped
}

// maxWidgets bounds the form fields read on one page.
const maxWidgets = 1000

// formFields draws the filled-in text fields of a fillable PDF, as a viewer
// does: the parties' names, dates and amounts of a form contract are there,
// not in the page's content. Each field's appearance stream is drawn in its
// rectangle; a field without one (the filler left it to the viewer) gets
// its value set in the rectangle in its default font size.
func (in *interp) formFields(annots, res lpdf.Value) {
	for i := range min(annots.Len(), maxWidgets) {
		a := annots.Index(i)
		if a.Key("Subtype").Name() != "Widget" || a.Key("F").Int64()&(2|32) != 0 { // Hidden, NoView
			continue
		}
		ft := a.Key("FT").Name()
		if ft == "" {
			ft = a.Key("Parent").Key("FT").Name()
		}
		if ft != "Tx" && ft != "Ch" { // buttons and signatures hold no text
			continue
		}
		rv := a.Key("Rect")
		if rv.Len() != 4 {
			continue
		}
		rect := [4]float64{math.Min(num(rv.Index(0)), num(rv.Index(2))), math.Min(num(rv.Index(1)), num(rv.Index(3))),
			math.Max(num(rv.Index(0)), num(rv.Index(2))), math.Max(num(rv.Index(1)), num(rv.Index(3)))}
		if ap := a.Key("AP").Key("N"); ap.Kind() == lpdf.Stream {
			in.appearance(ap, res, rect)
			continue
		}
		v := a.Key("V")
		if v.Kind() == lpdf.Null {
			v = a.Key("Parent").Key("V")
		}
		if v.Kind() != lpdf.String || strings.TrimSpace(v.Text()) == "" {
			continue
		}
		size := 10.0
		if f := strings.Fields(a.Key("DA").RawString()); len(f) >= 2 {
			for j := 1; j < len(f); j++ {
				if f[j] == "Tf" {
					if n, err := strconv.ParseFloat(f[j-1], 64); err == nil && n > 0 && n < 100 {
						size = n
					}
				}
			}
		}
		x, y := rect[0]+2, rect[1]+(rect[3]-rect[1]-size)/2+0.2*size
		for _, r := range v.Text() {
			w := 0.5 * size
			in.glyphs = append(in.glyphs, glyph{x: x, y: y, w: w, size: size, s: string(r)})
			x += w
		}
	}
}

// appearance draws a field's appearance stream ap in the rectangle rect:
// its bounding box, transformed by its matrix, is mapped onto rect.
func (in *interp) appearance(ap, res lpdf.Value, rect [4]float64) {
	m := identity
	if mv := ap.Key("Matrix"); mv.Len() == 6 {
		m = matrix{num(mv.Index(0)), num(mv.Index(1)), num(mv.Index(2)), num(mv.Index(3)), num(mv.Index(4)), num(mv.Index(5))}
	}
	bb := ap.Key("BBox")
	if bb.Len() != 4 {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range [][2]int{{0, 1}, {0, 3}, {2, 1}, {2, 3}} {
		px, py := num(bb.Index(c[0])), num(bb.Index(c[1]))
		tx, ty := m[0]*px+m[2]*py+m[4], m[1]*px+m[3]*py+m[5]
		x0, y0, x1, y1 = math.Min(x0, tx), math.Min(y0, ty), math.Max(x1, tx), math.Max(y1, ty)
	}
	if x1-x0 < 1e-6 || y1-y0 < 1e-6 {
		return
	}
	sx, sy := (rect[2]-rect[0])/(x1-x0), (rect[3]-rect[1])/(y1-y0)
	fit := matrix{sx, 0, 0, sy, rect[0] - x0*sx, rect[1] - y0*sy}
	r := ap.Key("Resources")
	if r.Kind() != lpdf.Dict {
		r = res
	}
	in.run(ap, r, m.mul(fit), 1)
}

func num(v lpdf.Value) float64 {
	f := v.Float64()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

func (in *interp) font(res lpdf.Value, name string, depth int) *font {
	key := string(rune('0'+depth)) + name
	if f, ok := in.fonts[key]; ok {
		return f
	}
	fv := res.Key("Font").Key(name)
	f := newFont(lpdf.Font{V: fv})
	in.fonts[key] = f
	return f
}

func (in *interp) run(strm, res lpdf.Value, ctm matrix, depth int) {
	if strm.Kind() != lpdf.Stream && strm.Kind() != lpdf.Array {
		return
	}
	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	var tm, tlm matrix
	show := func(raw string) {
		if in.pieces++; in.pieces > maxPiecesPerPage {
			panic(errTooComplex{"text pieces", maxPiecesPerPage})
		}
		f := g.fnt
		if f == nil {
			return
		}
		step := 1
		if f.twoByte {
			step = 2
		}
		for i := 0; i+step <= len(raw); i += step {
			code := int(raw[i])
			if step == 2 {
				code = code<<8 | int(raw[i+1])
			}
			s := f.decode(code, raw[i:i+step])
			w0 := f.width(code) * f.scale
			trm := matrix{g.fs * g.th, 0, 0, g.fs, 0, g.rise}.mul(tm).mul(g.ctm)
			if len(in.glyphs) >= maxGlyphsPerPage {
				panic(errTooComplex{"characters", maxGlyphsPerPage})
			}
			tx := w0*g.fs + g.tc
			if step == 1 && raw[i] == ' ' {
				tx += g.tw
			}
			if math.Abs(trm[1]) > math.Abs(trm[0])/4 || trm[0] <= 0 {
				in.skipped++ // rotated, vertical or mirrored text: margin stamps, not body text
			} else {
				// The width includes character spacing, so that letter-spaced
				// text ("S T U D Y") does not fall apart into words.
				in.glyphs = append(in.glyphs, glyph{
					x: trm[4], y: trm[5],
					w:    w0*trm[0] + g.tc*g.th*trm[0]/math.Max(g.fs*g.th, 1e-9),
					size: math.Hypot(trm[2], trm[3]),
					bold: f.bold,
					s:    s,
				})
			}
			tm = matrix{1, 0, 0, 1, tx * g.th, 0}.mul(tm)
		}
	}
	lpdf.Interpret(strm, func(stk *lpdf.Stack, op string) {
		in.ops++
		if in.ops > maxOpsPerPage {
			panic(errTooComplex{"drawing operations", maxOpsPerPage})
		}
		n := stk.Len()
		args := make([]lpdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		arg := func(i int) float64 {
			if i < len(args) {
				return num(args[i])
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < maxStateDepth {
				stack = append(stack, g)
			}
		case "Q":
			if k := len(stack) - 1; k >= 0 {
				g = stack[k]
				stack = stack[:k]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = matrix{arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			g.tc = arg(0)
		case "Tw":
			g.tw = arg(0)
		case "Tz":
			g.th = arg(0) / 100
		case "TL":
			g.tl = arg(0)
		case "Ts":
			g.rise = arg(0)
		case "Tf":
			if len(args) == 2 {
				g.fnt = in.font(res, args[0].Name(), depth)
				g.fs = arg(1)
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.tl = -arg(1)
				}
				tlm = matrix{1, 0, 0, 1, arg(0), arg(1)}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = arg(0), arg(1)
				args = args[2:]
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.Kind() == lpdf.String {
					show(x.RawString())
				} else {
					tx := -num(x) / 1000 * g.fs * g.th
					tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
				}
			}
		case "Do":
			if len(args) != 1 || depth >= maxFormDepth {
				return
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Kind() != lpdf.Stream || xo.Key("Subtype").Name() != "Form" {
				return
			}
			m := identity
			if mv := xo.Key("Matrix"); mv.Len() == 6 {
				m = matrix{num(mv.Index(0)), num(mv.Index(1)), num(mv.Index(2)), num(mv.Index(3)), num(mv.Index(4)), num(mv.Index(5))}
			}
			r := xo.Key("Resources")
			if r.Kind() != lpdf.Dict {
				r = res
			}
			in.run(xo, r, m.mul(g.ctm), depth+1)
		}
	})
}
