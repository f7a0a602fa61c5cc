// Package report renders an analyze.Report for people and programs: text
// for the terminal, JSON (the v1 schema), Markdown, a self-contained HTML
// page, and SARIF for CI pipelines.
package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/analyze"
)

// TextOptions control terminal output.
type TextOptions struct {
	Color bool // ANSI colours (only on a terminal, and not when NO_COLOR is set)
	Width int  // wrap width; 0 means 100
}

// ANSI styles.
const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	green  = "\x1b[32m"
	cyan   = "\x1b[36m"
	blue   = "\x1b[34m"
)

type painter struct{ on bool }

func (p painter) paint(style, s string) string {
	if !p.on || s == "" {
		return s
	}
	return style + s + reset
}

func (p painter) severity(sev string) string {
	label := fmt.Sprintf("%-8s", strings.ToUpper(sev))
	switch sev {
	case "critical":
		return p.paint(bold+red, label)
	case "high":
		return p.paint(red, label)
	case "medium":
		return p.paint(yellow, label)
	case "low":
		return p.paint(cyan, label)
	}
	return p.paint(dim, label)
}

func (p painter) grade(g string, s string) string {
	switch g {
	case "A", "B":
		return p.paint(bold+green, s)
	case "C":
		return p.paint(bold+yellow, s)
	}
	return p.paint(bold+red, s)
}

// Text writes r for a person reading a terminal: the score, the findings
// grouped by category (worst category first) and severity, each with its
// place, quote, why and what to ask for, then the key terms.
func Text(w io.Writer, r *analyze.Report, opt TextOptions) error {
	if opt.Width <= 0 {
		opt.Width = 100
	}
	p := painter{opt.Color}
	var b strings.Builder
	d := r.Document
	fmt.Fprintf(&b, "%s\n", p.paint(bold, d.Name))
	meta := []string{DocumentLabel(d), "reviewed as " + r.Role}
	if d.Pages > 0 {
		meta = append(meta, Count(d.Pages, "page"))
	}
	meta = append(meta, Count(d.Words, "word"), string(d.Format))
	fmt.Fprintf(&b, "%s\n\n", p.paint(dim, strings.Join(meta, " · ")))

	if r.Score == nil {
		fmt.Fprintf(&b, "%s\n", wrap(r.Notice, opt.Width, ""))
		_, err := io.WriteString(w, b.String())
		return err
	}
	s := r.Score
	fmt.Fprintf(&b, "Score %s  Grade %s   %s\n", p.grade(s.Grade, fmt.Sprintf("%5.1f/100", s.Value)),
		p.grade(s.Grade, s.Grade), summaryLine(r.Summary))
	cats := categoriesByScore(s)
	var parts []string
	for _, c := range cats {
		cs := s.Categories[c]
		parts = append(parts, fmt.Sprintf("%s %s", c, p.grade(cs.Grade, fmt.Sprintf("%.0f %s", cs.Value, cs.Grade))))
	}
	if len(parts) > 0 {
		fmt.Fprintf(&b, "%s\n", wrap(strings.Join(parts, "   "), opt.Width+20*len(parts)*boolInt(opt.Color), ""))
	}

	if len(r.Findings) == 0 {
		fmt.Fprintf(&b, "\nNo risky clause or missing protection found for a %s.\n", r.Role)
	}
	byCat := map[string][]analyze.Finding{}
	for _, f := range r.Findings {
		byCat[f.Category] = append(byCat[f.Category], f)
	}
	const indent = "           "
	for _, c := range cats {
		fs := byCat[c]
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", p.paint(bold+blue, CategoryTitle(c)))
		for _, f := range fs {
			where := place(f)
			head := fmt.Sprintf("%s %s", f.Title, p.paint(dim, "("+f.Rule+")"))
			cost := ""
			if f.Cost > 0 {
				cost = fmt.Sprintf("−%.1f", f.Cost)
			}
			room := opt.Width - 2 - 9 - utf8.RuneCountInString(f.Title+f.Rule) - 3
			tail := cost
			if where != "" {
				tail = where + "  " + cost
			}
			if where != "" && utf8.RuneCountInString(tail)+1 >= room {
				// A long place ("Cancellation and Termination § 4") gets
				// its own line rather than running past the width.
				fmt.Fprintf(&b, "  %s %s%s\n%s%s\n", p.severity(f.Severity), head, padLeft(cost, room), indent, where)
			} else {
				fmt.Fprintf(&b, "  %s %s%s\n", p.severity(f.Severity), head, padLeft(tail, room))
			}
			if f.Quote != "" {
				q := shorten(f.Quote, 320)
				if f.LeadIn != "" {
					q = shorten(f.LeadIn, 160) + " … " + q
				}
				fmt.Fprintf(&b, "%s\n", wrap("“"+q+"”", opt.Width, indent))
			}
			if len(f.Also) > 0 {
				fmt.Fprintf(&b, "%s\n", p.paint(dim, wrap(alsoLine(f), opt.Width, indent)))
			}
			if f.Kind == "missing" && f.Evidence != "" {
				fmt.Fprintf(&b, "%s\n", p.paint(dim, wrap(f.Evidence, opt.Width, indent)))
			}
			fmt.Fprintf(&b, "%s\n", wrap(p.paint(bold, "Why: ")+f.Why, opt.Width, indent))
			if f.Ask != "" {
				fmt.Fprintf(&b, "%s\n", wrap(p.paint(bold, "Ask: ")+f.Ask, opt.Width, indent))
			}
			if s := signals(f); s != "" {
				fmt.Fprintf(&b, "%s\n", p.paint(dim, wrap(s, opt.Width, indent)))
			}
			writeTextMarketLine(&b, r, f, p, opt.Width, indent)
		}
	}
	writeKeyTerms(&b, r, p)
	writeTextMarket(&b, r, p, opt.Width)
	_, err := io.WriteString(w, b.String())
	return err
}

// alsoLine lists the further places a rule fired, as "§ 6.3, § 6.6, p. 4".
func alsoLine(f analyze.Finding) string {
	var places []string
	for _, l := range f.Also {
		switch {
		case l.Section != "" && l.Section != l.Heading:
			places = append(places, withinPrefix(l)+"§ "+l.Section)
		case l.Section != "":
			places = append(places, "“"+l.Section+"”")
		case l.Page > 0:
			places = append(places, fmt.Sprintf("p. %d", l.Page))
		}
	}
	places = slices.Compact(places)
	more := fmt.Sprintf("%d more places", len(f.Also))
	if len(f.Also) == 1 {
		more = "1 more place"
	}
	if len(places) == 0 {
		return "The same wording appears in " + more + "."
	}
	return "Also in " + more + ": " + strings.Join(places, ", ") + "."
}

// signals says which signals found a finding and how sure it is, when that
// is worth a line: model findings, model confirmations, low confidence.
func signals(f analyze.Finding) string {
	rule, model := slices.Contains(f.Sources, "rule"), slices.Contains(f.Sources, "model")
	var s string
	switch {
	case model && !rule:
		s = "Found by the clause model only (no rule matched this wording)."
	case model && rule:
		s = "Found by a rule and confirmed by the clause model."
	}
	if f.Confidence < 0.7 {
		s = strings.TrimSpace(s + fmt.Sprintf(" Confidence %.0f%%: check this one.", f.Confidence*100))
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func writeKeyTerms(b *strings.Builder, r *analyze.Report, p painter) {
	rows := keyTermRows(r)
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", p.paint(bold+blue, "Key terms"))
	w := 0
	for _, kv := range rows {
		w = max(w, utf8.RuneCountInString(kv[0]))
	}
	for _, kv := range rows {
		fmt.Fprintf(b, "  %-*s  %s\n", w, kv[0], kv[1])
	}
}

// withinPrefix names the part a section number belongs to when the
// document numbers several parts from 1 ("Cancellation and Termination "),
// shortened to keep the place on one line.
func withinPrefix(l analyze.Location) string {
	if l.Within == "" {
		return ""
	}
	w := []rune(strings.TrimSuffix(l.Within, ":"))
	if len(w) > 32 {
		w = append(w[:31], '…')
	}
	return string(w) + " "
}

func place(f analyze.Finding) string {
	var parts []string
	if f.Location.Section != "" {
		sec := f.Location.Section
		if !strings.HasPrefix(sec, "Article") && !strings.HasPrefix(sec, "Schedule") && !strings.HasPrefix(sec, "Exhibit") && sec != f.Location.Heading {
			sec = withinPrefix(f.Location) + "§ " + sec
		}
		if f.Kind == "missing" {
			sec = "add to " + sec
		}
		parts = append(parts, sec)
	} else if f.Kind == "missing" {
		parts = append(parts, "add at end")
	}
	if f.Location.Page > 0 {
		parts = append(parts, fmt.Sprintf("p. %d", f.Location.Page))
	}
	return strings.Join(parts, ", ")
}

func summaryLine(s analyze.Summary) string {
	if s.Findings == 0 {
		return "no findings"
	}
	var parts []string
	for _, sev := range []string{"critical", "high", "medium", "low", "info"} {
		if n := s.BySev[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	return Count(s.Findings, "finding") + ": " + strings.Join(parts, ", ")
}

// categoriesByScore orders categories worst first, then by name.
func categoriesByScore(s *analyze.Score) []string {
	cats := make([]string, 0, len(s.Categories))
	for c := range s.Categories {
		cats = append(cats, c)
	}
	slices.SortFunc(cats, func(a, b string) int {
		if c := cmp.Compare(s.Categories[a].Value, s.Categories[b].Value); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return cats
}

var categoryTitles = map[string]string{
	"ip-ai":        "Intellectual property and AI",
	"payment":      "Payment and engagement",
	"liability":    "Liability and risk",
	"termination":  "Term, termination and change",
	"disputes":     "Disputes",
	"restrictions": "Restrictive covenants and confidentiality",
	"employment":   "Employment",
	"lease":        "Lease",
}

// CategoryTitle names a rule category (a pack) as the reports and the web
// pages head it.
func CategoryTitle(c string) string {
	if t, ok := categoryTitles[c]; ok {
		return t
	}
	return c
}

var typeLabels = map[string]string{
	"services":         "services agreement",
	"freelance":        "freelance agreement",
	"nda":              "non-disclosure agreement",
	"employment":       "employment contract",
	"lease":            "lease",
	"terms-of-service": "terms of service",
	"license":          "licence agreement",
	"other":            "other document",
}

// TypeLabel names a document type (doctype.Types) as people do: "terms
// of service", not "terms-of-service".
func TypeLabel(t string) string {
	if l, ok := typeLabels[t]; ok {
		return l
	}
	return strings.ReplaceAll(t, "-", " ")
}

// DocumentLabel names the kind of document d is as people do: its type's
// label, and for a lease whose use is known "commercial lease" or
// "residential lease", since the two are reviewed differently.
func DocumentLabel(d analyze.DocInfo) string {
	if d.Type == "lease" && d.LeaseUse != "" {
		return d.LeaseUse + " lease"
	}
	return TypeLabel(d.Type)
}

// Count writes n of word as a reader does: "1 page", "17,579 words".
func Count(n int, word string) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	s += " " + word
	if n != 1 {
		s += "s"
	}
	return s
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}

func padLeft(s string, width int) string {
	n := utf8.RuneCountInString(s)
	if width <= n+1 {
		return "  " + s
	}
	return strings.Repeat(" ", width-n) + s
}

// wrap fills s to width, each line starting with indent. ANSI escape
// sequences do not count towards the width.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	line := 0
	b.WriteString(indent)
	line = len(indent)
	for i, word := range strings.Fields(s) {
		n := visibleLen(word)
		if i > 0 {
			if line+1+n > width {
				b.WriteString("\n")
				b.WriteString(indent)
				line = len(indent)
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}

func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			if r == 'm' {
				esc = false
			}
		default:
			n++
		}
	}
	return n
}
