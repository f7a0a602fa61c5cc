package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line progress bar on a terminal: files done out of
// the total, rate, time left and errors. It redraws at most ten times a
// second so that it never slows the work it reports.
type progress struct {
	w        io.Writer
	total    int
	done     int
	errors   int
	start    time.Time
	lastDraw time.Time
	color    bool
}

func newProgress(w io.Writer, total int, color bool) *progress {
	return &progress{w: w, total: total, start: time.Now(), color: color}
}

func (p *progress) add(failed bool) {
	p.done++
	if failed {
		p.errors++
	}
	if now := time.Now(); now.Sub(p.lastDraw) >= 100*time.Millisecond || p.done == p.total {
		p.lastDraw = now
		p.draw()
	}
}

func (p *progress) draw() {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	filled := int(frac * width)
	bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
	elapsed := time.Since(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done) / elapsed
	}
	eta := "--"
	if rate > 0 && p.done < p.total {
		eta = time.Duration(float64(p.total-p.done) / rate * float64(time.Second)).Round(time.Second).String()
	} else if p.done == p.total {
		eta = "done"
	}
	errs := fmt.Sprintf("%d errors", p.errors)
	if p.errors == 1 {
		errs = "1 error"
	}
	if p.color && p.errors > 0 {
		errs = "\x1b[31m" + errs + "\x1b[0m"
	}
	fmt.Fprintf(p.w, "\r%s %*d/%d  %6.1f docs/s  ETA %-6s %s\x1b[K", bar, len(fmt.Sprint(p.total)), p.done, p.total, rate, eta, errs)
}

func (p *progress) finish() { fmt.Fprintln(p.w) }
