package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/model"
)

func (a *app) evalCommand() *cobra.Command {
	var data, taxonomy string
	cmd := &cobra.Command{
		Use:   "eval [--data DIR] [--taxonomy unfair-tos|cuad|all]",
		Short: "Measure the clause models on the public labelled data",
		Long: "Print per-label precision, recall and F1 and the micro/macro averages of the clause models:\n" +
			"unfair-tos: the embedded model on the UNFAIR-ToS validation split (LexGLUE-style micro/macro F1\n" +
			"add a \"none\" column for sentences without a label, as the LexGLUE code does);\n" +
			"cuad: 5-fold cross-validation over the CUAD contracts (this trains five models, a few minutes),\n" +
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

func (a *app) evalUnfair(data string) error {
	m, err := model.Load(model.UnfairToS)
	if err != nil {
		return err
	}
	sc, err := model.EvalUnfairToS(m, data)
	if err != nil {
		return err
	}
	h := m.Header()
	fmt.Fprintf(a.stdout, "unfair-tos: model %s v%s on the UNFAIR-ToS validation split\n", h.Name, h.Version)
	if err := sc.Print(a.stdout, true); err != nil {
		return err
	}
	_, err = fmt.Fprintln(a.stdout)
	return err
}

func (a *app) evalCUAD(data string) error {
	start := time.Now()
	fmt.Fprintln(a.stdout, "cuad: 5-fold cross-validation over the contracts (training five models) ...")
	res, err := model.TrainCUAD(data, model.DefaultConfig(model.CUAD), "")
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
