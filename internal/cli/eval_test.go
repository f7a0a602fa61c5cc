package cli

import (
	"os"
	"strings"
	"testing"
)

// eval --taxonomy unfair-tos prints held-out figures (the recipe retrained
// on the train split, scored on the validation split), the CV over all
// companies, whether the embedded weights are the recipe's, and the
// embedded model on current terms of service it never saw: never the
// embedded model scored on sentences it was trained on.
func TestEvalUnfairHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	const dir = "../../../shared/data"
	if _, err := os.Stat(dir + "/unfair-tos/sentences.jsonl"); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	out, errs, status := run(t, "", "eval", "--taxonomy", "unfair-tos", "--data", dir)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	for _, want := range []string{
		"trained on the train split (30 companies) and scored on the validation split (10 other companies, held out)",
		"(2275 items)",
		"5-fold cross-validation over the 40 companies",
		"(7807 items)",
		"the same weights as the embedded model",
		"three current terms of service",
		"(1002 items)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "LexGLUE-style (with none column)"); n != 3 {
		t.Errorf("%d LexGLUE lines, want 3 (held out, CV, current terms):\n%s", n, out)
	}
}
