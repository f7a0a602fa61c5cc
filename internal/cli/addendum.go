package cli

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/redline"
)

var addendumFormats = []string{"docx", "markdown", "pdf"}

func (a *app) addendumCommand() *cobra.Command {
	var (
		out, format, from string
		p                 redline.Parties
	)
	cmd := &cobra.Command{
		Use:   "addendum KIND [flags] -o FILE",
		Short: "Write a short, ready-to-sign addendum that adds a missing protection",
		Long: "Write an addendum to an existing agreement: a plain-English summary, the parties, a reference to the\n" +
			"agreement, the clauses, a precedence clause and signature blocks. KIND is one of:\n  " +
			strings.Join(redline.AddendumKinds, ", ") + "\n" +
			"(\"termscore addendum list\" describes each). Party names come from --client/--contractor, or from the\n" +
			"contract given with --from; what is unknown is left as a blank to fill in.",
		Example: "  termscore addendum no-ai-training --client \"Acme Ltd\" --contractor \"Jo Rivera\" -o no-ai.docx\n" +
			"  termscore addendum kill-fee --from agency-msa.pdf --format pdf -o kill-fee.pdf\n  termscore addendum list",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := args[0]
			if kind == "list" {
				return a.listAddenda()
			}
			if !slices.Contains(redline.AddendumKinds, kind) {
				return fmt.Errorf("unknown addendum %q: use one of %s (or list)", kind, strings.Join(redline.AddendumKinds, ", "))
			}
			if out == "" {
				return fmt.Errorf("missing -o FILE: where to write the addendum")
			}
			if format == "md" {
				format = "markdown"
			}
			// The file's name says the format when --format does not:
			// "-o kill-fee.pdf" once wrote a DOCX under that name, which
			// no PDF viewer opens (the README's own example did).
			named := formatNamed(out)
			if format == "" {
				format = cmp.Or(named, "docx")
			}
			if !slices.Contains(addendumFormats, format) {
				return fmt.Errorf("unknown --format %q: use one of %s", format, strings.Join(addendumFormats, ", "))
			}
			if named != "" && named != format {
				return fmt.Errorf("--format %s but -o %s names a %s file: drop --format, or give the file a name that ends as its format does", format, out, named)
			}
			if from != "" {
				doc, err := a.read(cmd.Context(), a.extractor(), from)
				if err != nil {
					a.inputError(err)
					return nil
				}
				rs, err := a.ruleSet()
				if err != nil {
					return err
				}
				r, err := analyze.New(rs).Analyze(doc, analyze.Options{})
				if err != nil {
					a.inputError(fmt.Errorf("%s: %w", from, err))
					return nil
				}
				scanned := redline.PartiesFrom(r)
				// Flags win over what the contract says.
				if p.Client == "" {
					p.Client, p.ClientTerm = scanned.Client, firstNonEmpty(p.ClientTerm, scanned.ClientTerm)
				}
				if p.Contractor == "" {
					p.Contractor, p.ContractorTerm = scanned.Contractor, firstNonEmpty(p.ContractorTerm, scanned.ContractorTerm)
				}
				p.Agreement = firstNonEmpty(p.Agreement, scanned.Agreement)
				p.AgreementDate = firstNonEmpty(p.AgreementDate, scanned.AgreementDate)
			}
			data, err := redline.Addendum(kind, p, format)
			if err != nil {
				return err
			}
			// "-o -" is standard output, as FILE "-" is standard input;
			// what is said about it goes to standard error.
			say := a.stdout
			if err := a.writeOutput(out, data); err != nil {
				return err
			}
			shown := out
			if out == "-" {
				say, shown = a.stderr, "standard output"
			}
			fmt.Fprintf(say, "Wrote %s (%s addendum, %s).\n", shown, kind, format)
			var blanks []string
			if p.Client == "" {
				blanks = append(blanks, "client name")
			}
			if p.Contractor == "" {
				blanks = append(blanks, "contractor name")
			}
			if p.AgreementDate == "" {
				blanks = append(blanks, "agreement date")
			}
			if len(blanks) > 0 {
				fmt.Fprintf(say, "Fill in by hand: %s.\n", strings.Join(blanks, ", "))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "output", "o", "", "the file to write")
	f.StringVar(&format, "format", "", "output format: "+strings.Join(addendumFormats, ", ")+" (default: as -o's name ends, .pdf, .md or .docx; else docx)")
	f.StringVar(&from, "from", "", "a contract to take the parties and the agreement's title and date from")
	f.StringVar(&p.Client, "client", "", "the client's legal name")
	f.StringVar(&p.Contractor, "contractor", "", "the contractor's legal name")
	f.StringVar(&p.Agreement, "agreement", "", "title of the main agreement, e.g. \"Design Services Agreement\"")
	f.StringVar(&p.AgreementDate, "agreement-date", "", "date of the main agreement, as written in it")
	f.StringVar(&p.Date, "date", "", "date of the addendum (default: a blank to fill in)")
	f.StringVar(&p.KillFee, "kill-fee", "", "kill-fee: the share of the remaining fees due on cancellation (default \"fifty per cent (50%)\")")
	f.StringVar(&p.LateRate, "late-rate", "", "late-payment: the monthly interest rate (default \"1.5%\")")
	return cmd
}

// writeOutput writes a command's output file: to standard output for
// "-" (a file named "-" was once left in the directory), else through
// redline.WriteFile.
func (a *app) writeOutput(name string, data []byte) error {
	if name == "-" {
		_, err := a.stdout.Write(data)
		return err
	}
	if err := redline.WriteFile(name, data); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// formatNamed is the output format a file name's extension names, or ""
// for another or none.
func formatNamed(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return "pdf"
	case ".md", ".markdown":
		return "markdown"
	case ".docx":
		return "docx"
	}
	return ""
}

func (a *app) listAddenda() error {
	list, err := redline.Addenda()
	if err != nil {
		return err
	}
	for _, ad := range list {
		fmt.Fprintf(a.stdout, "%-20s %s\n%-20s %s\n\n", ad.Kind, ad.Title, "", ad.Summary)
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
