package ocr

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // scans and photos of contracts
	_ "image/png"  // pdftoppm's pages
	"math"
	"os"
)

// Skew is searched for within maxSkew degrees either way, in steps of
// skewStep, and pages sloping by less than minSkew are left as they are:
// tesseract reads those as well (at 0.8° the same text) and a turned page's
// table rules and letters lose a little sharpness. From about 1° on,
// tesseract cuts a hanging clause number ("1.", "2." set out left of their
// paragraphs) off its line, reads it as "i", "." or "_", and splits the
// paragraph after its first line.
const (
	maxSkew  = 5.0
	skewStep = 0.1
	minSkew  = 0.6
)

// deskew straightens the image in file in when its lines of text slope by
// minSkew degrees or more, writing the upright page to out (PGM, which
// tesseract reads) and returning true. An image it cannot decode is left to
// tesseract, which reads more formats. The text boxes of a straightened
// page are those of the upright page, a few points off the scan's.
func deskew(in, out string) (bool, error) {
	f, err := os.Open(in)
	if err != nil {
		return false, err
	}
	src, _, err := image.Decode(bufio.NewReader(f))
	f.Close()
	if err != nil {
		return false, nil
	}
	g := toGray(src)
	a := skew(g)
	if math.Abs(a) < minSkew {
		return false, nil
	}
	return true, writePGM(out, rotate(g, -a))
}

func toGray(src image.Image) *image.Gray {
	if g, ok := src.(*image.Gray); ok {
		return g
	}
	b := src.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			g.SetGray(x, y, color.GrayModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.Gray))
		}
	}
	return g
}

// skew returns the slope of the text of g in degrees, positive when lines
// fall to the left (y + x·tan(a) is constant along a line, y growing
// downwards): the angle at which the dark pixels, projected onto the
// vertical, bunch up most sharply into lines. Pixels are sampled on a grid
// of about 800 columns, which keeps a 300 dpi page to a few tens of
// milliseconds.
func skew(g *image.Gray) float64 {
	b := g.Bounds()
	step := max(1, b.Dx()/800)
	type pt struct{ x, y float64 }
	var dark []pt
	for y := b.Min.Y; y < b.Max.Y; y += step {
		for x := b.Min.X; x < b.Max.X; x += step {
			if g.GrayAt(x, y).Y < 128 {
				dark = append(dark, pt{float64(x - b.Min.X), float64(y - b.Min.Y)})
			}
		}
	}
	if len(dark) < 100 {
		return 0
	}
	w := float64(b.Dx())
	pad := w*math.Tan(maxSkew*math.Pi/180) + 1
	bins := make([]int, int((float64(b.Dy())+2*pad)/float64(step))+1)
	best, bestScore := 0.0, -1
	for i := -int(maxSkew / skewStep); i <= int(maxSkew/skewStep); i++ {
		a := float64(i) * skewStep
		t := math.Tan(a * math.Pi / 180)
		clear(bins)
		for _, p := range dark {
			bins[int((p.y+p.x*t+pad)/float64(step))]++
		}
		score := 0
		for _, n := range bins {
			score += n * n
		}
		// Ties go to the smaller angle: a blank or uniform page stays.
		if score > bestScore || score == bestScore && math.Abs(a) < math.Abs(best) {
			best, bestScore = a, score
		}
	}
	return best
}

// rotate turns g by a degrees about its centre, so that rotate(g, -skew(g))
// is upright, filling the corners with white. Pixels are interpolated
// between their four neighbours: the stair-steps of nearest-neighbour
// sampling cost tesseract letters ("I{nsurance", "al)" for "all").
func rotate(g *image.Gray, a float64) *image.Gray {
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	sin, cos := math.Sincos(a * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(g.Pix[g.PixOffset(b.Min.X+x, b.Min.Y+y)])
	}
	for y := 0; y < h; y++ {
		dy := float64(y) - cy
		row := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := range row {
			dx := float64(x) - cx
			sx, sy := cx+dx*cos-dy*sin, cy+dx*sin+dy*cos
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := (at(x0, y0)*(1-fx)+at(x0+1, y0)*fx)*(1-fy) + (at(x0, y0+1)*(1-fx)+at(x0+1, y0+1)*fx)*fy
			row[x] = uint8(math.Round(v))
		}
	}
	return out
}

func writePGM(path string, g *image.Gray) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	b := g.Bounds()
	fmt.Fprintf(w, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
	for y := 0; y < b.Dy(); y++ {
		w.Write(g.Pix[y*g.Stride : y*g.Stride+b.Dx()])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
