package analyze

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/termscore/termscore/internal/extract"
)

type goldCase struct {
	File   string            `yaml:"file"`
	Role   string            `yaml:"role"`
	Expect map[string]string `yaml:"expect"`
	Forbid map[string]string `yaml:"forbid"`
}

// TestGold checks the findings on real templates against what a careful
// reviewer expects (testdata/gold.yaml): every expected rule fires, and no
// forbidden rule (or pack prefix) does.
func TestGold(t *testing.T) {
	raw, err := os.ReadFile("testdata/gold.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldCase
	if err := yaml.UnmarshalWithOptions(raw, &cases, yaml.Strict()); err != nil {
		t.Fatal(err)
	}
	rs := embeddedRules(t)
	an := New(rs)
	ex := extract.New(extract.Options{})
	expected, found := 0, 0
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			doc, err := ex.ReadFile(context.Background(), filepath.Join("testdata", c.File))
			if err != nil {
				t.Fatal(err)
			}
			r, err := an.Analyze(doc, Options{Role: c.Role})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, f := range r.Findings {
				got[f.Rule] = true
			}
			for id, why := range c.Expect {
				expected++
				if got[id] {
					found++
				} else {
					t.Errorf("missed %s (%s)", id, why)
				}
			}
			for id, why := range c.Forbid {
				for g := range got {
					if g == id || strings.HasSuffix(id, ".") && strings.HasPrefix(g, id) {
						t.Errorf("false alarm %s (%s)", g, why)
					}
				}
			}
		})
	}
	t.Logf("recall on the gold findings: %d of %d", found, expected)
}
