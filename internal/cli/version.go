package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/termscore/termscore/internal/model"
)

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of termscore",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v := "(devel)"
			if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
				v = bi.Main.Version
			}
			if _, err := fmt.Fprintf(a.stdout, "termscore %s\n", v); err != nil {
				return err
			}
			for _, h := range model.Describe() {
				if _, err := fmt.Fprintf(a.stdout, "model %s v%s (%s, trained %s): %s\n",
					h.Name, h.Version, h.Taxonomy, h.Date, h.Data); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
