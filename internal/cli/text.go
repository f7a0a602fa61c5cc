package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/document"
)

func (a *app) textCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "text [--format text|json] FILE",
		Short: "Print a document as TermScore reads it",
		Long: "Print the text TermScore reads from FILE (\"-\" for standard input): the normalised text with\n" +
			"its blocks, clause tree, defined terms and sentences. Offsets in the JSON output count Unicode\n" +
			"code points into the printed text, the same offsets scan reports use.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("unknown --format %q: use text or json", format)
			}
			doc, err := a.read(cmd.Context(), a.extractor(), args[0])
			if err != nil {
				a.inputError(err)
				return nil
			}
			if format == "json" {
				return writeTextJSON(a.stdout, doc)
			}
			_, err = fmt.Fprintln(a.stdout, doc.Text)
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

// The JSON shape of `termscore text --format json` (schema termscore/text/v1).
type textJSON struct {
	Schema      string           `json:"schema"`
	Document    docJSON          `json:"document"`
	Text        string           `json:"text"`
	Blocks      []blockJSON      `json:"blocks"`
	Clauses     []*clauseJSON    `json:"clauses"`
	Definitions []definitionJSON `json:"definitions"`
	Sentences   [][2]int         `json:"sentences"`
	Furniture   []string         `json:"furniture,omitempty"`
	Notes       []string         `json:"notes,omitempty"`
	Warnings    []string         `json:"warnings,omitempty"`
}

type docJSON struct {
	Name   string          `json:"name"`
	SHA256 string          `json:"sha256"`
	Format document.Format `json:"format"`
	Pages  int             `json:"pages"`
	Words  int             `json:"words"`
}

type blockJSON struct {
	Kind   document.BlockKind `json:"kind"`
	Start  int                `json:"start"`
	End    int                `json:"end"`
	Level  int                `json:"level,omitempty"`
	Number string             `json:"number,omitempty"`
	Source document.Source    `json:"source"`
}

type clauseJSON struct {
	Number   string        `json:"number,omitempty"`
	Path     string        `json:"path,omitempty"`
	Heading  string        `json:"heading,omitempty"`
	Start    int           `json:"start"`
	End      int           `json:"end"`
	Page     int           `json:"page,omitempty"`
	Children []*clauseJSON `json:"children,omitempty"`
}

type definitionJSON struct {
	Term  string `json:"term"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func writeTextJSON(w io.Writer, doc *document.Document) error {
	out := textJSON{
		Schema: "termscore/text/v1",
		Document: docJSON{Name: doc.Name, SHA256: doc.SHA256, Format: doc.Format,
			Pages: doc.Pages, Words: doc.Words()},
		Text:        doc.Text,
		Blocks:      make([]blockJSON, len(doc.Blocks)),
		Clauses:     clausesJSON(doc, doc.Clauses),
		Definitions: make([]definitionJSON, len(doc.Definitions)),
		Sentences:   make([][2]int, len(doc.Sentences)),
		Furniture:   doc.Furniture,
		Notes:       doc.Notes,
		Warnings:    doc.Warnings,
	}
	for i, b := range doc.Blocks {
		out.Blocks[i] = blockJSON{Kind: b.Kind, Start: doc.Runes(b.Start), End: doc.Runes(b.End),
			Level: b.Level, Number: b.Number, Source: b.Source}
	}
	for i, d := range doc.Definitions {
		out.Definitions[i] = definitionJSON{Term: d.Term, Start: doc.Runes(d.Start), End: doc.Runes(d.End)}
	}
	for i, s := range doc.Sentences {
		out.Sentences[i] = [2]int{doc.Runes(s.Start), doc.Runes(s.End)}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func clausesJSON(doc *document.Document, cs []*document.Clause) []*clauseJSON {
	out := make([]*clauseJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, &clauseJSON{Number: c.Number, Path: c.Path, Heading: c.Heading,
			Start: doc.Runes(c.Start), End: doc.Runes(c.End), Page: c.Page,
			Children: clausesJSON(doc, c.Children)})
	}
	return out
}
