package report

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/market"
)

// The market comparison (docs/market.md) in each format: a line under each
// finding it concerns and a section after the key terms.

// writeTextMarketLine adds the market line of finding f, if any.
func writeTextMarketLine(b *strings.Builder, r *analyze.Report, f analyze.Finding, p painter, width int, indent string) {
	if rc := r.Market.Rule(f.Rule); rc != nil {
		fmt.Fprintf(b, "%s\n", p.paint(dim, wrap("Market: "+rc.Text+".", width, indent)))
	}
}

// writeTextMarket adds the "Compared with the market" section.
func writeTextMarket(b *strings.Builder, r *analyze.Report, p painter, width int) {
	m := r.Market
	if m == nil || len(m.Terms) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", p.paint(bold+blue, "Compared with the market"))
	for _, tc := range m.Terms {
		fmt.Fprintf(b, "%s\n", wrap(capitalize(tc.Label)+": "+tc.Text+".", width, "  "))
	}
	fmt.Fprintf(b, "%s\n", p.paint(dim, wrap(marketSource(m), width, "  ")))
}

// writeMarkdownMarketLine adds the market paragraph of finding f, if any.
func writeMarkdownMarketLine(b *strings.Builder, r *analyze.Report, f analyze.Finding) {
	if rc := r.Market.Rule(f.Rule); rc != nil {
		fmt.Fprintf(b, "**Market.** %s.\n\n", mdInline(capitalize(rc.Text)))
	}
}

// writeMarkdownMarket adds the "Compared with the market" section.
func writeMarkdownMarket(b *strings.Builder, r *analyze.Report) {
	m := r.Market
	if m == nil || len(m.Terms) == 0 {
		return
	}
	b.WriteString("\n## Compared with the market\n\n| Term | This contract | Corpus median (p25–p75) | n | Comparison |\n|---|--:|--:|--:|---|\n")
	for _, tc := range m.Terms {
		fmt.Fprintf(b, "| %s | %s | %s (%s–%s) | %d | %s |\n", mdCell(capitalize(tc.Label)), fmtValue(tc.Value, tc.Unit),
			fmtValue(tc.Median, tc.Unit), fmtNumber(tc.P25), fmtNumber(tc.P75), tc.N, mdCell(tc.Text))
	}
	fmt.Fprintf(b, "\n*%s*\n", mdInline(marketSource(m)))
}

// marketSource names the corpus a comparison was made against. The web
// pages word it for readers without a command line (server.marketSource).
func marketSource(m *market.Comparison) string {
	return fmt.Sprintf("Corpus %q: %d contracts, built %s (termscore market show for details).", m.Corpus, m.Documents, strings.TrimSuffix(m.BuiltAt, "T00:00:00Z"))
}

func fmtValue(v float64, unit string) string {
	switch unit {
	case "× fees":
		return fmtNumber(v) + "×"
	case "% a year":
		return fmtNumber(v) + "%"
	}
	return fmtNumber(v) + " " + strings.Fields(unit)[0]
}

func fmtNumber(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// MarketHTML is the "Compared with the market" section of the HTML report:
// for each key term, its sentence and a small chart of the corpus's
// distribution with this contract's value marked. Empty without a
// comparison. HOOK: the HTML template calls it after the key terms.
func MarketHTML(r *analyze.Report) template.HTML {
	m := r.Market
	if m == nil || len(m.Terms) == 0 {
		return ""
	}
	var b strings.Builder
	// The style travels with the section, so pages without a comparison
	// stay as they are.
	b.WriteString(`<section class="market" aria-label="Compared with the market"><style>` +
		`.market figure{margin:.8rem 0;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}` +
		`.market figcaption{flex:1 1 18rem}.market-line,.market-source{color:var(--muted);font-size:.85rem}</style>` +
		`<h2>Compared with the market</h2>`)
	for _, tc := range m.Terms {
		fmt.Fprintf(&b, `<figure class="market-term">%s<figcaption><b>%s</b>: %s.</figcaption></figure>`,
			MarketChart(tc), template.HTMLEscapeString(capitalize(tc.Label)), template.HTMLEscapeString(tc.Text))
	}
	fmt.Fprintf(&b, `<p class="market-source">%s</p></section>`, template.HTMLEscapeString(marketSource(m)))
	return template.HTML(b.String())
}

// MarketFindingHTML is the market sentence of one finding, for the HTML
// finding card; empty when the finding has none.
func MarketFindingHTML(r *analyze.Report, rule string) template.HTML {
	rc := r.Market.Rule(rule)
	if rc == nil {
		return ""
	}
	return template.HTML(`<p class="market-line"><b>Market:</b> ` + template.HTMLEscapeString(rc.Text) + `.</p>`)
}

// MarketChart draws the corpus histogram of one term as a small inline SVG
// bar chart: one bar per bin, the bin holding this contract's value in the
// accent colour, the median as a dashed line. Self-contained: no script,
// no external style.
func MarketChart(tc market.TermComparison) template.HTML {
	const w, h, top, bottom = 240.0, 64.0, 4.0, 14.0
	bins := tc.Histogram
	if len(bins) == 0 {
		return ""
	}
	most := 1
	for _, bin := range bins {
		most = max(most, bin.Count)
	}
	bw := w / float64(len(bins))
	inner := h - top - bottom
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="market-chart" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s">`,
		w, h, w, h, template.HTMLEscapeString(fmt.Sprintf("Distribution of %s in %d contracts; this contract: %s", tc.Label, tc.N, fmtValue(tc.Value, tc.Unit))))
	for i, bin := range bins {
		bh := inner * float64(bin.Count) / float64(most)
		fill := "#b8c2cc"
		if inBin(tc.Value, bin) {
			fill = "#d9480f"
		}
		x := float64(i) * bw
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %d</title></rect>`,
			x+1, top+inner-bh, bw-2, math.Max(bh, 0.5), fill, template.HTMLEscapeString(binLabel(bin)), bin.Count)
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" font-size="8" fill="#555">%s</text>`, x+1, h-3, fmtNumber(bin.From))
	}
	// The median, placed by linear interpolation inside its bin.
	for i, bin := range bins {
		if !inBin(tc.Median, bin) {
			continue
		}
		frac := 0.5
		if bin.To != nil && *bin.To > bin.From {
			frac = (tc.Median - bin.From) / (*bin.To - bin.From)
		}
		x := (float64(i) + frac) * bw
		fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%g" y2="%g" stroke="#222" stroke-dasharray="3 2"><title>median %s</title></line>`,
			x, x, top, top+inner, template.HTMLEscapeString(fmtValue(tc.Median, tc.Unit)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func inBin(v float64, bin market.Bin) bool {
	return v >= bin.From && (bin.To == nil || v < *bin.To)
}

func binLabel(bin market.Bin) string {
	if bin.To == nil {
		return fmtNumber(bin.From) + " or more"
	}
	return fmtNumber(bin.From) + " to under " + fmtNumber(*bin.To)
}
