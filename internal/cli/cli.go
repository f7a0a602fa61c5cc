// Package cli implements the termscore command line: it parses flags, calls
// the packages that do the work and prints their results.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract"
)

// Exit statuses, as the interface spec defines them.
const (
	exitOK      = 0
	exitFinding = 1 // a finding at or above --fail-on
	exitUsage   = 2 // usage error or unreadable input
)

// app carries what every command needs; no global state.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	status         int // exit status once the command has run

	limits   extract.Limits
	noOCR    bool
	rulesDir string // --rules: a directory of the user's own rule packs
	noModel  bool   // --no-model: rules only
}

// Main runs the command line args and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, limits: extract.DefaultLimits()}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(stderr, "termscore:", err)
		if a.status == exitOK {
			a.status = exitUsage
		}
	}
	return a.status
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "termscore",
		Short:         "Find the risky clauses and missing protections in a contract",
		Long:          "TermScore reads a contract (PDF, DOCX, ODT, RTF, HTML, Markdown, text or a scan), finds every risky clause\nand every missing protection, explains each in plain English, scores the document and suggests fixes.\nEverything runs offline on this machine.",
		SilenceUsage:  true,
		SilenceErrors: true,
		// Defaults from the configuration file, for the flags the
		// command line leaves unset.
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			c, err := loadConfig()
			if err != nil {
				return err
			}
			return c.apply(cmd.Flags())
		},
	}
	pf := root.PersistentFlags()
	pf.Int64Var(&a.limits.MaxBytes, "max-size", a.limits.MaxBytes, "largest input file accepted, in bytes")
	pf.IntVar(&a.limits.MaxPages, "max-pages", a.limits.MaxPages, "most pages read from one PDF")
	pf.DurationVar(&a.limits.Timeout, "timeout", a.limits.Timeout, "longest time spent reading one file")
	pf.BoolVar(&a.noOCR, "no-ocr", false, "do not read scanned PDFs and images with OCR")
	pf.StringVar(&a.rulesDir, "rules", "", "directory of extra rule packs (YAML) to use with the built-in ones")
	pf.BoolVar(&a.noModel, "no-model", false, "use the rule packs only, without the clause models")
	root.AddCommand(a.scanCommand(), a.batchCommand(), a.textCommand(), a.classifyCommand(), a.evalCommand(), a.redlineCommand(), a.addendumCommand(), a.rulesCommand(), a.marketCommand(), a.workerCommand(), a.serveCommand(), a.versionCommand(), a.configCommand())
	addMarketFlag(root)
	return root
}

// read reads one input; "-" is the command's standard input.
func (a *app) read(ctx context.Context, ex *extract.Extractor, name string) (*document.Document, error) {
	if name == "-" {
		return ex.Read(ctx, "-", a.stdin)
	}
	return ex.ReadFile(ctx, name)
}

func (a *app) extractor() *extract.Extractor {
	return extract.New(extract.Options{Limits: a.limits, NoOCR: a.noOCR})
}

// inputError reports an unreadable input and remembers exit status 2; the
// other inputs of the same run are still processed.
func (a *app) inputError(err error) {
	fmt.Fprintln(a.stderr, "termscore:", err)
	a.status = exitUsage
}
