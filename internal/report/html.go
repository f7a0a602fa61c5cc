package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/rules"
)

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// HTMLOptions control the HTML page.
type HTMLOptions struct {
	// Negotiation, when set, adds the negotiation email to the page.
	Negotiation Negotiator
}

// HTML writes r as one self-contained page (inline CSS and SVG, no
// script, no external asset) a person can read on a phone, print or send:
// the score, the findings in the report's order with their numbers
// (Number), the key terms, and the document text with every flagged
// passage highlighted and linked to its finding.
func HTML(w io.Writer, r *analyze.Report) error {
	return HTMLReports(w, []*analyze.Report{r}, HTMLOptions{})
}

// HTMLReports writes one page with a part per report.
func HTMLReports(w io.Writer, reports []*analyze.Report, opt HTMLOptions) error {
	p := htmlPage{Title: "TermScore review"}
	for i, r := range reports {
		p.Docs = append(p.Docs, newHTMLDoc(fmt.Sprintf("d%d", i+1), r, opt))
	}
	if len(reports) == 1 {
		p.Title = "TermScore review: " + displayName(reports[0].Document.Name)
	}
	var b strings.Builder
	if err := htmlTemplate.Execute(&b, p); err != nil {
		return fmt.Errorf("rendering the HTML report: %w", err)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type htmlPage struct {
	Title string
	Docs  []htmlDoc
}

type htmlDoc struct {
	ID         string
	Name       string
	Path       string
	SHA256     string
	Type, Role string
	Facts      []string
	Notice     string
	Scored     bool
	Score      string
	Grade      string
	Gauge      string // dash length of the gauge arc, out of 100
	Categories []htmlCategory
	Counts     []htmlCount
	Summary    string
	Findings   []htmlFinding
	KeyTerms   [][2]string
	Market     template.HTML // comparison with the market corpus
	Warnings   []string
	Text       []htmlBlock
	Email      template.HTML
}

type htmlCategory struct {
	Name, Title, Value, Grade string
	Width                     string // bar width in percent
}

type htmlCount struct {
	Severity string
	N        int
}

type htmlFinding struct {
	N                int
	ID, PassageID    string
	Title, Rule      string
	Category         string // the category's title
	Severity         string
	Kind             string
	Where            string
	Cost             string
	Confidence       string // set when low enough to say so
	Quote            string
	LeadIn           string // the sentence introducing the list the quote is an item of
	Evidence         string
	Why, Ask         string
	Action, Text     string
	Fallback         string
	Market           template.HTML
	HasPassage       bool
	InsertionPassage bool
}

type htmlBlock struct {
	Heading bool
	Segs    []htmlSeg
}

// htmlSeg is a run of document text with the same highlighting. Refs are
// the numbered anchors of the findings that start at the run.
type htmlSeg struct {
	Refs     []htmlRef
	Text     string
	Severity string // of the most severe finding covering it; "" for none
	Match    bool   // inside the words that triggered a finding
	Title    string // titles of the findings covering it
	Numbers  string // numbers of the findings covering it, space-separated
}

type htmlRef struct {
	N        int
	ID, Back string
	Severity string
	Missing  bool
	Title    string
}

func newHTMLDoc(id string, r *analyze.Report, opt HTMLOptions) htmlDoc {
	d := r.Document
	h := htmlDoc{
		ID:     id,
		Name:   displayName(d.Name),
		Path:   d.Name,
		SHA256: d.SHA256,
		Type:   DocumentLabel(d),
		Role:   r.Role,
		Notice: r.Notice,
	}
	if d.Pages > 0 {
		h.Facts = append(h.Facts, Count(d.Pages, "page"))
	}
	h.Facts = append(h.Facts, Count(d.Words, "word"), strings.ToUpper(string(d.Format)))
	h.Warnings = r.Warnings
	h.KeyTerms = keyTermRows(r)
	h.Market = MarketHTML(r)

	// Findings are listed and numbered in the report's order (Number),
	// as on the web page and in the Markdown report, so that "finding 3"
	// is the same finding in every output; the marks in the text use the
	// same numbers.
	if s := r.Score; s != nil {
		h.Scored = true
		h.Score = fmt.Sprintf("%.0f", s.Value)
		h.Grade = s.Grade
		h.Gauge = fmt.Sprintf("%.1f", max(0, min(100, s.Value)))
		h.Summary = Count(r.Summary.Findings, "finding")
		for _, c := range categoriesByScore(s) {
			cat := htmlCategory{Name: c, Title: CategoryTitle(c)}
			cs := s.Categories[c]
			cat.Value, cat.Grade = fmt.Sprintf("%.0f", cs.Value), cs.Grade
			cat.Width = fmt.Sprintf("%.0f", max(2, min(100, cs.Value)))
			h.Categories = append(h.Categories, cat)
		}
		for i, f := range r.Findings {
			hf := newHTMLFinding(id, Number(i), f, r.Doc)
			hf.Market = MarketFindingHTML(r, f.Rule)
			h.Findings = append(h.Findings, hf)
		}
	}
	for _, sev := range []string{"critical", "high", "medium", "low", "info"} {
		if n := r.Summary.BySev[sev]; n > 0 {
			h.Counts = append(h.Counts, htmlCount{sev, n})
		}
	}
	if r.Doc != nil {
		h.Text = highlight(id, r.Doc, r.Findings)
	}
	if opt.Negotiation != nil {
		h.Email = markdownHTML(opt.Negotiation(r))
	}
	return h
}

func newHTMLFinding(docID string, n int, f analyze.Finding, doc *document.Document) htmlFinding {
	h := htmlFinding{
		N:         n,
		ID:        fmt.Sprintf("%s-f%d", docID, n),
		PassageID: fmt.Sprintf("%s-p%d", docID, n),
		Title:     f.Title,
		Rule:      f.Rule,
		Category:  CategoryTitle(f.Category),
		Severity:  f.Severity,
		Kind:      f.Kind,
		Where:     place(f),
		Quote:     f.Quote,
		LeadIn:    f.LeadIn,
		Why:       f.Why,
		Ask:       f.Ask,
	}
	if f.Cost > 0 {
		h.Cost = fmt.Sprintf("−%.1f points", f.Cost)
	}
	if f.Confidence < 0.7 {
		h.Confidence = fmt.Sprintf("Confidence %.0f%%: check this one.", f.Confidence*100)
	}
	if f.Kind == rules.Missing {
		h.Evidence = capitalize(f.Evidence)
	}
	if s := f.Suggestion; s != nil {
		h.Action, h.Text, h.Fallback = s.Action, s.Text, s.Fallback
	}
	if doc != nil {
		h.HasPassage = f.Kind != rules.Missing && validSpan(doc, f.Span) && f.Span.Len() > 0
		h.InsertionPassage = f.Kind == rules.Missing
	}
	return h
}

func validSpan(doc *document.Document, s document.Span) bool {
	return s.Start >= 0 && s.Start <= s.End && s.End <= len(doc.Text) &&
		(s.Start == len(doc.Text) || utf8.RuneStart(doc.Text[s.Start])) &&
		(s.End == len(doc.Text) || utf8.RuneStart(doc.Text[s.End]))
}

// highlight lays the document text out block by block and cuts each block
// where a finding's span or match starts or ends, so that every run of text
// knows which findings cover it. A missing protection is shown as a marker
// where it belongs.
func highlight(docID string, doc *document.Document, fs []analyze.Finding) []htmlBlock {
	blocks := doc.Blocks
	if len(blocks) == 0 && doc.Text != "" {
		blocks = []document.Block{{Kind: document.Paragraph, Span: document.Span{Start: 0, End: len(doc.Text)}}}
	}
	type marked struct {
		i int // index in fs
		analyze.Finding
	}
	var present []marked
	refsAt := map[int][]htmlRef{} // byte offset → anchors starting there
	for i, f := range fs {
		n := Number(i)
		ref := htmlRef{N: n, ID: fmt.Sprintf("%s-p%d", docID, n), Back: fmt.Sprintf("%s-f%d", docID, n),
			Severity: f.Severity, Title: f.Title}
		if f.Kind == rules.Missing {
			ref.Missing = true
			off := anchorOffset(blocks, min(max(f.Span.Start, 0), len(doc.Text)))
			refsAt[off] = append(refsAt[off], ref)
			continue
		}
		if !validSpan(doc, f.Span) || f.Span.Len() == 0 {
			continue
		}
		present = append(present, marked{i, f})
		off := anchorOffset(blocks, f.Span.Start)
		refsAt[off] = append(refsAt[off], ref)
	}
	out := make([]htmlBlock, 0, len(blocks))
	for bi, b := range blocks {
		if !validSpan(doc, b.Span) {
			continue
		}
		cuts := []int{b.Start, b.End}
		for _, m := range present {
			for _, off := range []int{m.Span.Start, m.Span.End, m.Match.Start, m.Match.End} {
				if off > b.Start && off < b.End && utf8.RuneStart(doc.Text[off]) {
					cuts = append(cuts, off)
				}
			}
		}
		for off := range refsAt {
			if off > b.Start && off < b.End {
				cuts = append(cuts, off)
			}
		}
		sort.Ints(cuts)
		cuts = slices.Compact(cuts)
		hb := htmlBlock{Heading: b.Kind == document.Heading}
		for k := 0; k+1 < len(cuts); k++ {
			a, z := cuts[k], cuts[k+1]
			seg := htmlSeg{Text: doc.Text[a:z], Refs: refsAt[a]}
			var titles, nums []string
			rank := len(severityOrder)
			for _, m := range present {
				if m.Span.Start <= a && z <= m.Span.End {
					if r := slices.Index(severityOrder, m.Severity); r >= 0 && r < rank {
						rank, seg.Severity = r, m.Severity
					} else if seg.Severity == "" {
						seg.Severity = "info"
					}
					if m.Match.Start <= a && z <= m.Match.End && m.Match.Len() > 0 {
						seg.Match = true
					}
					nums = append(nums, fmt.Sprint(Number(m.i)))
					if !slices.Contains(titles, m.Title) {
						titles = append(titles, m.Title)
					}
				}
			}
			seg.Title = strings.Join(titles, "; ")
			seg.Numbers = strings.Join(nums, " ")
			hb.Segs = append(hb.Segs, seg)
		}
		// Markers for the end of the document go after the last block.
		if bi == len(blocks)-1 {
			if refs := refsAt[b.End]; len(refs) > 0 {
				hb.Segs = append(hb.Segs, htmlSeg{Refs: refs})
			}
		}
		out = append(out, hb)
	}
	return out
}

// Number is the number finding i of a report (Report.Findings[i], listed
// by severity, then by place in the document) is known by wherever
// findings are numbered: the HTML report and its marks in the text, the
// Markdown report, the web page and the addenda it offers ("answers
// finding 3"). One numbering, so that a reader holding the downloaded
// report and an addendum finds the same finding under the same number.
func Number(i int) int { return i + 1 }

// markdownHTML renders the Markdown of the negotiation email. goldmark's
// defaults leave raw HTML out and drop dangerous link targets, so the
// result is safe to put in the page as it is.
func markdownHTML(md string) template.HTML {
	md = strings.TrimSpace(md)
	if md == "" {
		return ""
	}
	var b strings.Builder
	if err := goldmark.Convert([]byte(md), &b); err != nil {
		// Cannot happen with a strings.Builder; show the text as text.
		return template.HTML("<p>" + template.HTMLEscapeString(md) + "</p>")
	}
	return template.HTML(b.String())
}

var severityOrder = []string{"critical", "high", "medium", "low", "info"}

// anchorOffset moves off to the start of the next block when it falls
// between blocks, so that its anchor is shown with text.
func anchorOffset(blocks []document.Block, off int) int {
	for _, b := range blocks {
		if b.End > off {
			return max(off, b.Start)
		}
	}
	if len(blocks) > 0 {
		return blocks[len(blocks)-1].End
	}
	return off
}
