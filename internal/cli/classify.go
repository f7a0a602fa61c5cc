package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/presence"
)

func (a *app) classifyCommand() *cobra.Command {
	var taxonomy, unit string
	cmd := &cobra.Command{
		Use:   "classify --taxonomy unfair-tos|cuad [--unit sentence|document] < in.jsonl > out.jsonl",
		Short: "Label sentences or documents with unfair-term types or CUAD clause categories",
		Long: "Read JSON Lines {\"id\": ..., \"text\": \"...\"} from standard input and write, in the same order,\n" +
			"{\"id\": ..., \"labels\": [...], \"scores\": {label: probability}}. With --unit document each text is\n" +
			"a whole contract and the labels are the categories present anywhere in it. Texts may be raw or\n" +
			"lower-cased and tokenised as in the UNFAIR-ToS corpus.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if unit != "sentence" && unit != "document" {
				return fmt.Errorf("unknown --unit %q: use sentence or document", unit)
			}
			m, err := presence.Load(taxonomy)
			if err != nil {
				return err
			}
			return a.classify(m, unit == "document")
		},
	}
	cmd.Flags().StringVar(&taxonomy, "taxonomy", "", "label set: unfair-tos or cuad")
	cmd.Flags().StringVar(&unit, "unit", "sentence", "what one input text is: sentence or document")
	cmd.MarkFlagRequired("taxonomy")
	return cmd
}

type classifyIn struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
}

type classifyOut struct {
	ID     json.RawMessage    `json:"id"`
	Labels []string           `json:"labels"`
	Scores map[string]float64 `json:"scores"`
}

// classify streams JSON Lines from stdin to stdout. A bad line is reported
// with its number and skipped; the others are still classified, and the
// exit status is 2.
func (a *app) classify(m *model.DocumentModel, document bool) error {
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(make([]byte, 64*1024), 64<<20)
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var in classifyIn
		if err := json.Unmarshal(b, &in); err != nil {
			a.inputError(fmt.Errorf("stdin line %d: not a JSON object: %v", line, err))
			continue
		}
		if in.Text == nil {
			a.inputError(fmt.Errorf("stdin line %d: no \"text\" field", line))
			continue
		}
		if in.ID == nil {
			in.ID = json.RawMessage("null")
		}
		var p model.Prediction
		if document {
			p = m.Classify(*in.Text)
		} else {
			p = m.Model().Classify(*in.Text)
		}
		for k, v := range p.Scores {
			p.Scores[k] = math.Round(v*1e4) / 1e4
		}
		if err := enc.Encode(classifyOut{ID: in.ID, Labels: p.Labels, Scores: p.Scores}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading stdin: %w", err)
	}
	return nil
}
