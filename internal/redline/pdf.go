package redline

import (
	"bytes"
	"fmt"
	"strings"
)

// A small PDF writer for addenda: the base-14 Helvetica fonts in
// WinAnsiEncoding (every PDF viewer has them, nothing is embedded), text
// wrapped to the measured width of each word, and pages broken as they
// fill. Enough for a two-page legal document, and no dependency.

const (
	pageW, pageH = 595.0, 842.0 // A4 in points
	margin       = 64.0
	textW        = pageW - 2*margin
)

type pdfFont int

const (
	fRegular pdfFont = iota
	fBold
	fOblique
	fBoldOblique
)

var pdfFontNames = [...]string{"Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"}

// Advance widths (1/1000 em) of Helvetica and Helvetica-Bold for the
// printable ASCII characters 32–126, from the Adobe font metrics. The
// oblique faces share their upright widths.
var helvetica = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

var helveticaBold = [95]int{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
}

// winAnsi maps the characters outside Latin-1 that WinAnsiEncoding holds.
var winAnsi = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
	'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
	'–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// encode converts s to WinAnsi bytes; characters it lacks become "?".
func encode(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7F, r >= 0xA0 && r <= 0xFF:
			out = append(out, byte(r))
		case winAnsi[r] != 0:
			out = append(out, winAnsi[r])
		case r == '\u2011' || r == '\u2010':
			out = append(out, '-')
		default:
			out = append(out, '?')
		}
	}
	return out
}

// width returns the width of s in points.
func width(s string, f pdfFont, size float64) float64 {
	table := &helvetica
	if f == fBold || f == fBoldOblique {
		table = &helveticaBold
	}
	w := 0
	for _, c := range encode(s) {
		switch {
		case c >= 32 && c <= 126:
			w += table[c-32]
		case c == 0x91 || c == 0x92:
			w += 222
		case c == 0x93 || c == 0x94:
			w += 333
		case c == 0x97:
			w += 1000
		default:
			w += 556
		}
	}
	return float64(w) * size / 1000
}

// wrap breaks text into lines no wider than max points.
func wrap(text string, f pdfFont, size, max float64) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && width(try, f, size) > max {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// pdfDoc lays out text top to bottom over pages.
type pdfDoc struct {
	pages []*bytes.Buffer
	y     float64
}

func (p *pdfDoc) page() *bytes.Buffer {
	if len(p.pages) == 0 {
		p.newPage()
	}
	return p.pages[len(p.pages)-1]
}

func (p *pdfDoc) newPage() {
	p.pages = append(p.pages, &bytes.Buffer{})
	p.y = pageH - margin
}

// need starts a new page unless h points fit on this one.
func (p *pdfDoc) need(h float64) {
	if len(p.pages) == 0 || p.y-h < margin {
		p.newPage()
	}
}

func (p *pdfDoc) text(x, y float64, s string, f pdfFont, size float64) {
	b := p.page()
	fmt.Fprintf(b, "BT /F%d %.1f Tf %.2f %.2f Td (", int(f)+1, size, x, y)
	for _, c := range encode(s) {
		if c == '(' || c == ')' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteString(") Tj ET\n")
}

// paragraph writes wrapped text at indent x (from the margin).
func (p *pdfDoc) paragraph(s string, f pdfFont, size, indent, after float64, center bool) {
	lead := size * 1.35
	lines := wrap(s, f, size, textW-indent)
	for i, l := range lines {
		// Keep at least two lines of a paragraph together.
		if i == 0 {
			p.need(lead * float64(min(len(lines), 2)))
		} else {
			p.need(lead)
		}
		p.y -= lead
		x := margin + indent
		if center {
			x = (pageW - width(l, f, size)) / 2
		}
		p.text(x, p.y, l, f, size)
	}
	p.y -= after
}

func (p *pdfDoc) rule(x1, x2, y float64) {
	fmt.Fprintf(p.page(), "0.5 w %.2f %.2f m %.2f %.2f l S\n", x1, y, x2, y)
}

func addendumPDF(els []elem, d addendumData) []byte {
	p := &pdfDoc{}
	for _, e := range els {
		switch e.kind {
		case elTitle:
			p.paragraph(e.text, fBold, 17, 0, 14, true)
		case elSummary:
			top := p.y
			p.y -= 4
			p.paragraph("In plain English: "+e.text, fOblique, 10.5, 12, 6, false)
			// A bar beside the summary, as in a quoted block.
			if len(p.pages) > 0 && p.y < top {
				fmt.Fprintf(p.page(), "0.6 g %.2f %.2f 3 %.2f re f 0 g\n", margin, p.y+2, top-p.y-4)
			}
			p.y -= 8
		case elHeading:
			p.need(40)
			p.y -= 6
			p.paragraph(e.text, fBold, 12, 0, 4, false)
		case elItem:
			p.paragraph(e.text, fRegular, 10.5, 18, 5, false)
		case elPara:
			p.paragraph(e.text, fRegular, 10.5, 0, 7, false)
		case elSignatures:
			p.need(150)
			p.y -= 24
			p.paragraph("Signatures", fBold, 12, 0, 8, false)
			col := textW/2 + 10
			sides := [][2]string{{d.ClientTerm, d.ClientParty}, {d.ContractorTerm, d.ContractorParty}}
			top := p.y
			bottom := top
			// The signature lines start level on both sides, below the
			// taller of the two party names.
			names := make([][]string, len(sides))
			rows := 0
			for i, s := range sides {
				names[i] = wrap(strings.ToUpper(s[0])+": "+s[1], fBold, 10, col-20)
				rows = max(rows, len(names[i]))
			}
			for i := range sides {
				p.y = top
				x := margin + float64(i)*col
				for _, l := range names[i] {
					p.y -= 14
					p.text(x, p.y, l, fBold, 10)
				}
				p.y = top - 14*float64(rows)
				for _, l := range signatureLines {
					p.y -= 30
					p.text(x, p.y, l+":", fRegular, 10)
					p.rule(x+55, x+col-20, p.y-2)
				}
				bottom = min(bottom, p.y)
			}
			p.y = bottom - 10
		}
	}
	return writePDF(p.pages)
}

// writePDF assembles the page content streams into a PDF file.
func writePDF(pages []*bytes.Buffer) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	nFonts := len(pdfFontNames)
	firstPage := 3 + nFonts // object number of the first page
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", firstPage+2*i))
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	var fonts []string
	for i, name := range pdfFontNames {
		obj(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>", name))
		fonts = append(fonts, fmt.Sprintf("/F%d %d 0 R", i+1, 3+i))
	}
	for i, c := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Resources << /Font << %s >> >> /Contents %d 0 R >>",
			pageW, pageH, strings.Join(fonts, " "), firstPage+2*i+1))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}
