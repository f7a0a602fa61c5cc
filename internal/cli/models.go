package cli

import "github.com/termscore/termscore/internal/model"

// models returns the embedded clause models, or none with --no-model.
func (a *app) models() (unfair, cuad *model.Model) {
	if a.noModel {
		return nil, nil
	}
	unfair, _ = model.Load(model.UnfairToS)
	cuad, _ = model.Load(model.CUAD)
	return unfair, cuad
}
