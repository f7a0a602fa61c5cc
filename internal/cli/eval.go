package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/presence"
)

func (a *app) evalCommand() *cobra.Command {
	var data, taxonomy string
	cmd := &cobra.Command{
		Use:   "eval [--data DIR] [--taxonomy unfair-tos|cuad|all]",
		Short: "Measure the clause models on the public labelled data",
		Long: "Print per-label precision, recall and F1 and the micro/macro averages of the clause models:\n" +
			"unfair-tos: the embedded model is trained on the train and validation splits, so it is not scored on\n" +
			"either; its recipe is retrained on the train split (about a second) and scored on the validation\n" +
			"split, and 5-fold cross-validation over all 40 companies is printed (LexGLUE-style micro/macro F1\n" +
			"add a \"none\" column for sentences without a label, as the LexGLUE code does); then the embedded model\n" +
			"on every sentence of three current terms of service it never saw, labelled by us (internal/model/heldout);\n" +
			"cuad: 5-fold cross-validation over the CUAD contracts (this trains five sentence and five clause models, about two minutes),\n" +
			"sentence level against the labelled spans and document-level presence of the 36 clause categories.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch taxonomy {
			case model.UnfairToS, model.CUAD, "all":
			default:
				return fmt.Errorf("unknown --taxonomy %q: use unfair-tos, cuad or all", taxonomy)
			}
			if taxonomy != model.CUAD {
				if err := a.evalUnfair(data); err != nil {
					return err
				}
			}
			if taxonomy != model.UnfairToS {
				return a.evalCUAD(data)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&data, "data", "../shared/data", "the shared data directory")
	cmd.Flags().StringVar(&taxonomy, "taxonomy", "all", "unfair-tos, cuad or all")
	return cmd
}

// evalUnfair prints held-out figures only: the embedded model was trained
// on the validation split too, so scoring it there would measure recall of
// what it has seen. The recipe is retrained (about a second) on the train
// split and scored on the validation split, and the shipped model's CV over
// all companies is printed.
func (a *app) evalUnfair(data string) error {
	m, err := model.Load(model.UnfairToS)
	if err != nil {
		return err
	}
	h := m.Header()
	run, err := model.TrainUnfairToS(data, h.Train, h.Date)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "unfair-tos: embedded model %s v%s, trained on %s\n", h.Name, h.Version, h.Data)
	fmt.Fprintln(a.stdout, "\nunfair-tos: its recipe trained on the train split (30 companies) and scored on the validation split (10 other companies, held out):")
	if err := run.Holdout.Print(a.stdout, true); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "\nunfair-tos: the shipped recipe, 5-fold cross-validation over the 40 companies of both splits (thresholds tuned outside each fold):")
	if err := run.AllCV.Print(a.stdout, true); err != nil {
		return err
	}
	same := "the same weights as the embedded model"
	if !run.Shipped.IsEmbedded() {
		same = "NOT the embedded model's weights (other data or code): the figures describe the recipe, not the binary"
	}
	fmt.Fprintf(a.stdout, "retrained on both splits, the recipe gives %s\n", same)
	cur, err := model.EvaluateCurrentToS(m)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "\nunfair-tos: the embedded model on every sentence of three current terms of service (GitHub, Basecamp,\n"+
		"WordPress.com; ordinary casing, never trained on, labelled by the TermScore team):")
	if err := cur.Print(a.stdout, true); err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "LexGLUE-style macro-F1 over the labels these documents have or the model guessed, and none: %.1f\n\n", 100*cur.PresentMacroF1())
	return err
}

func (a *app) evalCUAD(data string) error {
	start := time.Now()
	fmt.Fprintln(a.stdout, "cuad: 5-fold cross-validation over the contracts (training five sentence and five clause models) ...")
	res, err := presence.Train(data, model.DefaultConfig(model.CUAD), "", "")
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "cuad, sentence level against the labelled spans (%s):\n", time.Since(start).Round(time.Second))
	if err := res.Sentence.Print(a.stdout, false); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "\ncuad, document-level presence of the 36 clause categories:")
	return res.Document.Print(a.stdout, false)
}
