package rules

import (
	"testing"
)

func embedded(t testing.TB) *Set {
	t.Helper()
	s, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExamples runs every example of every embedded rule.
func TestExamples(t *testing.T) {
	s := embedded(t)
	for _, r := range s.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			for _, f := range s.TestRule(r) {
				t.Error(f.Error())
			}
		})
	}
}
