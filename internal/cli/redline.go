package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
	"github.com/termscore/termscore/internal/redline"
	"github.com/termscore/termscore/internal/report"
)

func (a *app) redlineCommand() *cobra.Command {
	var (
		out, author string
		only        []string
		opt         analyze.Options
	)
	cmd := &cobra.Command{
		Use:   "redline [flags] FILE -o OUT.docx",
		Short: "Mark up the contract with the suggested changes as Word tracked changes",
		Long: "Scan FILE and write OUT.docx: the contract with each suggested fix as a Word tracked change (struck and\n" +
			"inserted words, attributed to --author) and a comment giving the reason. A DOCX input keeps its own\n" +
			"formatting: only the changed words are touched. Other inputs (PDF, text, Markdown …) become a clean DOCX\n" +
			"of their text carrying the same changes. Missing protections are inserted as new clauses where they belong.\n" +
			"Findings that cannot be turned into a change are listed with the reason.",
		Example: "  termscore redline agency-msa.docx -o agency-msa-redline.docx\n  termscore redline --only ip.,ai. --author \"Sam Lee\" contract.pdf -o contract-redline.docx",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("missing -o OUT.docx: where to write the marked-up contract")
			}
			if ext := strings.ToLower(filepath.Ext(out)); otherFormats[ext] {
				return fmt.Errorf("-o %s: redline writes a Word file (DOCX) with tracked changes, which opens in nothing under a %s name; give it a name ending in .docx (a PDF, text or Markdown contract becomes a DOCX too)", out, ext)
			}
			if err := opt.Validate(); err != nil {
				return err
			}
			rs, err := a.ruleSet()
			if err != nil {
				return err
			}
			var ids []string
			for _, rule := range rs.Rules() {
				ids = append(ids, rule.ID)
			}
			if unknown := redline.UnknownOnly(only, ids); len(unknown) > 0 {
				return fmt.Errorf("--only %s: no rule has that id or starts so (termscore rules list names them)", strings.Join(unknown, ","))
			}
			name := args[0]
			data, doc, err := a.readWithBytes(cmd.Context(), name)
			if err != nil {
				a.inputError(err)
				return nil
			}
			r, err := analyze.New(rs).Analyze(doc, opt)
			if err != nil {
				a.inputError(fmt.Errorf("%s: %w", name, err))
				return nil
			}
			edits, skipped := redline.Plan(r, only)
			titles := map[string]string{}
			for _, f := range r.Findings {
				titles[f.Rule] = f.Title
			}
			refused := map[redline.Edit]bool{}
			ropt := redline.Options{Author: author, Date: time.Now(), Skipped: func(e redline.Edit, why string) {
				refused[e] = true
				skipped = append(skipped, redline.Skipped{Rule: e.Rule, Title: titles[e.Rule], Reason: why})
			}}
			var result []byte
			if doc.Format == document.DOCX {
				result, err = redline.DOCX(data, doc, edits, ropt)
			} else {
				result, err = redline.FromDocument(doc, edits, ropt)
			}
			if err != nil {
				a.inputError(fault.WithFile(err, name))
				return nil
			}
			if err := a.writeOutput(out, result); err != nil {
				return err
			}
			// What the writer could not place is listed under "Not
			// changed" with its reason, not also as made.
			placed := slices.DeleteFunc(slices.Clone(edits), func(e redline.Edit) bool { return refused[e] })
			a.redlineSummary(doc, out, placed, skipped)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "output", "o", "", "the DOCX file to write")
	f.StringVar(&opt.Role, "role", "", "your role, e.g. contractor, tenant, employee (default: inferred from the document type)")
	f.StringVar(&opt.Type, "type", "", "document type (default: detected)")
	f.StringVar(&opt.Home, "home", "", "your own jurisdiction as an ISO code, e.g. US-CA, GB, DE (names it where the suggested wording says [your jurisdiction])")
	f.StringSliceVar(&only, "only", nil, "change only the findings of these rules (ids, or pack prefixes like ip.), comma-separated")
	f.StringVar(&author, "author", "TermScore", "name shown on the tracked changes and comments")
	return cmd
}

// readWithBytes reads the input once, keeping its bytes for the writer.
func (a *app) readWithBytes(ctx context.Context, name string) ([]byte, *document.Document, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(a.stdin, a.limits.MaxBytes+1))
	} else {
		var st os.FileInfo
		if st, err = os.Stat(name); err == nil && st.Size() > a.limits.MaxBytes {
			return nil, nil, &fault.Error{Kind: fault.TooLarge, File: name,
				Reason: fmt.Sprintf("file is too large (over the %d-byte limit; raise it with --max-size)", a.limits.MaxBytes)}
		}
		if err == nil {
			data, err = os.ReadFile(name)
		}
	}
	if err != nil {
		// The extractor words file errors for users.
		_, rerr := a.extractor().ReadFile(ctx, name)
		if rerr == nil {
			rerr = err
		}
		return nil, nil, rerr
	}
	doc, err := a.extractor().ReadBytes(ctx, name, data)
	if err != nil {
		return nil, nil, err
	}
	return data, doc, nil
}

func (a *app) redlineSummary(doc *document.Document, out string, edits []redline.Edit, skipped []redline.Skipped) {
	var changes, clauses, findings int
	for _, e := range edits {
		if e.Action == "insert" {
			clauses++
		} else {
			changes++
		}
		if e.Comment != "" {
			findings++
		}
	}
	w := a.stdout
	if out == "-" {
		w, out = a.stderr, "standard output" // which holds the DOCX
	}
	var made []string
	if changes > 0 {
		made = append(made, report.Count(changes, "tracked change"))
	}
	if clauses > 0 {
		made = append(made, report.Count(clauses, "new clause"))
	}
	if len(made) == 0 {
		fmt.Fprintf(w, "Wrote %s: nothing to change, so it holds the contract as it was.\n", out)
	} else {
		fmt.Fprintf(w, "Wrote %s: %s fixed with %s, a comment on each.\n", out, report.Count(findings, "finding"), strings.Join(made, " and "))
	}
	for _, e := range edits {
		switch e.Action {
		case "insert":
			fmt.Fprintf(w, "  + %-34s new clause: %s\n", e.Rule, clip(e.Text, 70))
		case "delete":
			fmt.Fprintf(w, "  - %-34s strike %q\n", e.Rule, clip(doc.Slice(e.Span), 70))
		default:
			if e.Span.Len() == 0 {
				fmt.Fprintf(w, "  ~ %-34s add %q\n", e.Rule, clip(e.Text, 70))
			} else {
				fmt.Fprintf(w, "  ~ %-34s %q → %q\n", e.Rule, clip(doc.Slice(e.Span), 40), clip(e.Text, 40))
			}
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "Not changed (%d):\n", len(skipped))
		for _, s := range skipped {
			fmt.Fprintf(w, "  ! %-34s %s\n", s.Rule, s.Reason)
		}
	}
}

// otherFormats are extensions of formats redline does not write: a DOCX
// under such a name opens in nothing.
var otherFormats = map[string]bool{".pdf": true, ".md": true, ".markdown": true, ".txt": true, ".odt": true, ".rtf": true, ".doc": true, ".html": true, ".htm": true}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
