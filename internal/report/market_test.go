package report

import (
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/market"
	"github.com/termscore/termscore/internal/terms"
)

func TestMarketRendering(t *testing.T) {
	var samples []market.Sample
	for _, d := range []int{10, 30, 30, 30, 30, 30, 45, 60, 60, 90, 120} {
		samples = append(samples, market.Sample{Type: "services", Terms: terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{NetDays: d}}})
	}
	st := market.Build(samples, market.Provenance{Name: "t<est>", BuiltAt: "2024-01-01T00:00:00Z"})
	r := &analyze.Report{Document: analyze.DocInfo{Type: "services"}, Role: "contractor",
		Market: market.Compare(st, market.Input{Type: "services", Role: "contractor",
			Terms: terms.KeyTerms{PaymentTerms: &terms.PaymentTerms{NetDays: 60}}})}
	tc := r.Market.Term("payment_net_days")
	if tc == nil {
		t.Fatal("no comparison")
	}
	svg := string(MarketChart(*tc))
	// Bins 0,15,30,45,60,90,120: net 60 falls in the fifth, drawn in the
	// accent colour; the median (30) is a dashed line at the start of
	// the third bin.
	if n := strings.Count(svg, "<rect"); n != 7 {
		t.Errorf("%d bars, want 7", n)
	}
	if !strings.Contains(svg, `fill="#d9480f"><title>60 to under 90: 2</title>`) {
		t.Errorf("value's bin not marked:\n%s", svg)
	}
	if !strings.Contains(svg, `<line x1="68.6" x2="68.6"`) || !strings.Contains(svg, "median 30 days") {
		t.Errorf("median line misplaced:\n%s", svg)
	}
	html := string(MarketHTML(r))
	if !strings.Contains(html, "Corpus &#34;t&lt;est&gt;&#34;") || strings.Contains(html, "t<est>") {
		t.Errorf("corpus name not escaped:\n%s", html)
	}
	var b strings.Builder
	writeMarkdownMarket(&b, r)
	if !strings.Contains(b.String(), "| Payment terms | 60 days | 30 days (30–60) | 11 | net 60: slower than 63% of services agreements in the corpus (median net 30, n=11) |") {
		t.Errorf("markdown:\n%s", b.String())
	}
	if MarketHTML(&analyze.Report{}) != "" {
		t.Error("a report without comparison has a market section")
	}
}
