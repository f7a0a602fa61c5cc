package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/termscore/termscore/internal/analyze"
)

// Negotiator writes the negotiation email for a report. The redliner
// provides it (redline.Negotiation); renderers take it as a value so that
// this package does not depend on the redliner.
type Negotiator func(r *analyze.Report) string

// MarkdownOptions control the Markdown memo.
type MarkdownOptions struct {
	// Negotiate adds the negotiation email to each document's memo.
	Negotiate bool
	// Negotiation writes that email; when nil, Negotiate adds a note that
	// the email is not available in this build.
	Negotiation Negotiator
}

// Markdown writes a review memo per report: the score with its sub-scores,
// a table of the findings, one section per finding (quote, why, what to ask
// for, suggested wording), the key terms and, with opt.Negotiate, the
// negotiation email. Several reports are separated by a rule.
func Markdown(w io.Writer, reports []*analyze.Report, opt MarkdownOptions) error {
	var b strings.Builder
	for i, r := range reports {
		if i > 0 {
			b.WriteString("\n---\n\n")
		}
		writeMarkdown(&b, r, opt)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMarkdown(b *strings.Builder, r *analyze.Report, opt MarkdownOptions) {
	d := r.Document
	fmt.Fprintf(b, "# Contract review: %s\n\n", mdInline(displayName(d.Name)))
	meta := []string{capitalize(DocumentLabel(d)), "reviewed as " + r.Role}
	if d.Pages > 0 {
		meta = append(meta, Count(d.Pages, "page"))
	}
	meta = append(meta, Count(d.Words, "word"), string(d.Format))
	fmt.Fprintf(b, "%s  \nFile `%s`, SHA-256 `%s`\n\n", mdInline(strings.Join(meta, " · ")), mdCode(d.Name), d.SHA256)

	if r.Score == nil {
		fmt.Fprintf(b, "> **Not scored.** %s\n", mdInline(r.Notice))
		writeMarkdownWarnings(b, r)
		return
	}
	s := r.Score
	fmt.Fprintf(b, "**Score %.1f/100, grade %s.** %s.\n\n", s.Value, s.Grade, capitalize(summaryLine(r.Summary)))
	if cats := categoriesByScore(s); len(cats) > 0 {
		b.WriteString("| Category | Score | Grade |\n|---|--:|:-:|\n")
		for _, c := range cats {
			cs := s.Categories[c]
			fmt.Fprintf(b, "| %s | %.0f | %s |\n", mdCell(CategoryTitle(c)), cs.Value, cs.Grade)
		}
		b.WriteString("\n")
	}

	if len(r.Findings) == 0 {
		fmt.Fprintf(b, "No risky clause or missing protection found for a %s.\n", r.Role)
	} else {
		b.WriteString("## Findings\n\n| # | Severity | Finding | Rule | Where |\n|--:|---|---|---|---|\n")
		for i, f := range r.Findings {
			fmt.Fprintf(b, "| %d | %s | %s | `%s` | %s |\n", Number(i), capitalize(f.Severity), mdCell(f.Title), mdCode(f.Rule), mdCell(place(f)))
		}
		for i, f := range r.Findings {
			writeMarkdownFinding(b, Number(i), f)
			writeMarkdownMarketLine(b, r, f)
		}
	}

	if rows := keyTermRows(r); len(rows) > 0 {
		b.WriteString("\n## Key terms\n\n| Term | Value |\n|---|---|\n")
		for _, kv := range rows {
			fmt.Fprintf(b, "| %s | %s |\n", mdCell(kv[0]), mdCell(kv[1]))
		}
	}
	writeMarkdownMarket(b, r)
	writeMarkdownWarnings(b, r)
	if opt.Negotiate {
		b.WriteString("\n## Negotiation email\n\n")
		if opt.Negotiation == nil {
			b.WriteString("*The negotiation email is not available in this build.*\n")
		} else if email := strings.TrimSpace(opt.Negotiation(r)); email != "" {
			// The email is prose the user will copy: quote it as it is,
			// line by line, so its own line breaks survive.
			b.WriteString(mdBlockquote(email, false))
		}
	}
}

func writeMarkdownFinding(b *strings.Builder, n int, f analyze.Finding) {
	if !strings.HasSuffix(b.String(), "\n\n") {
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "### %d. %s\n\n", n, mdInline(f.Title))
	meta := []string{"**" + capitalize(f.Severity) + "**", "`" + mdCode(f.Rule) + "`", mdInline(CategoryTitle(f.Category))}
	if where := place(f); where != "" {
		meta = append(meta, mdInline(where))
	}
	if f.Cost > 0 {
		meta = append(meta, fmt.Sprintf("costs %.1f points", f.Cost))
	}
	if f.Confidence < 0.7 {
		meta = append(meta, fmt.Sprintf("confidence %.0f%%: check this one", f.Confidence*100))
	}
	fmt.Fprintf(b, "%s\n\n", strings.Join(meta, " · "))
	if f.Quote != "" {
		q := f.Quote
		if f.LeadIn != "" {
			q = f.LeadIn + " … " + q
		}
		b.WriteString(mdBlockquote(q, true))
		b.WriteString("\n")
	}
	if f.Kind == "missing" && f.Evidence != "" {
		fmt.Fprintf(b, "*%s*\n\n", mdInline(capitalize(f.Evidence)))
	}
	fmt.Fprintf(b, "**Why it matters.** %s\n\n", mdInline(f.Why))
	if f.Ask != "" {
		fmt.Fprintf(b, "**What to ask for.** %s\n\n", mdInline(f.Ask))
	}
	if sg := f.Suggestion; sg != nil {
		switch {
		case sg.Action == "delete" && sg.Text == "":
			b.WriteString("**Suggested change:** delete this wording.\n\n")
		case sg.Text != "":
			fmt.Fprintf(b, "**Suggested wording** (%s):\n\n", actionLabel(sg.Action))
			b.WriteString(mdBlockquote(sg.Text, true))
			b.WriteString("\n")
		}
		if sg.Fallback != "" {
			fmt.Fprintf(b, "**Fallback.** %s\n\n", mdInline(sg.Fallback))
		}
	}
}

func writeMarkdownWarnings(b *strings.Builder, r *analyze.Report) {
	if len(r.Warnings) == 0 {
		return
	}
	b.WriteString("\n## Reading warnings\n\n")
	for _, w := range r.Warnings {
		fmt.Fprintf(b, "- %s\n", mdInline(w))
	}
}

func actionLabel(a string) string {
	switch a {
	case "replace":
		return "replace the quoted text"
	case "insert":
		return "add"
	case "delete":
		return "delete"
	}
	return a
}

// displayName is the file name without its directories; "-" is stdin.
func displayName(name string) string {
	if name == "-" || name == "" {
		return "standard input"
	}
	return filepath.Base(name)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdBlockquote quotes s: each line of s becomes a quoted line, escaped so
// that contract text never turns into Markdown structure. With escape
// false the lines are taken as they are apart from the quote marker.
func mdBlockquote(s string, escape bool) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	var b strings.Builder
	for i, line := range lines {
		line = strings.TrimSpace(strings.ReplaceAll(line, "\t", "    "))
		if escape {
			line = mdLine(line)
		}
		if line == "" {
			b.WriteString(">\n")
			continue
		}
		b.WriteString("> " + line)
		// Two trailing spaces keep a line break of the source.
		if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			b.WriteString("  ")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// mdInline escapes text for use inside a Markdown paragraph: every
// character CommonMark could read as inline markup is backslash-escaped,
// and line breaks become spaces.
func mdInline(s string) string {
	return mdLine(strings.Join(strings.Fields(s), " "))
}

// mdCell is mdInline for a table cell, where a pipe ends the cell.
func mdCell(s string) string { return mdInline(s) }

// mdCode makes s safe inside a `code span`: a backtick would end it.
func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }

// inline punctuation that CommonMark treats as markup anywhere in a line.
const mdSpecial = "\\`*_[]<>|~&"

// mdLine escapes one line of text. Besides inline markup it escapes what
// would start a block at the beginning of a line: headings, list items,
// thematic breaks, ordered-list numbers ("1." or "1)").
func mdLine(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if out == "" {
		return out
	}
	switch out[0] {
	case '#', '+', '-', '=', '>':
		return "\\" + out
	}
	// "12. text" or "3) text" would start an ordered list.
	i := 0
	for i < len(out) && i < 9 && out[i] >= '0' && out[i] <= '9' {
		i++
	}
	if i > 0 && i < len(out) && (out[i] == '.' || out[i] == ')') {
		return out[:i] + "\\" + out[i:]
	}
	return out
}
