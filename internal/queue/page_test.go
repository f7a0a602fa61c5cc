package queue

import (
	"strings"
	"testing"
)

// The progress page shows a reported document's score as a number (it
// once printed "%!f(*float64=0xc000…)") and nothing for one without.
func TestProgressPageScore(t *testing.T) {
	score := 72.5
	b := &Batch{ID: "b1", Name: "contracts", Total: 2, Done: 1, Failed: 1, Finished: true, Items: []Item{
		{ID: "i1", Seq: 1, Name: "lease.pdf", Status: "done", DocType: "lease", Score: &score, Grade: "B", Findings: 4},
		{ID: "i2", Seq: 2, Name: "scan.pdf", Status: "failed", Error: "scan.pdf: the PDF is password-protected"},
	}}
	var out strings.Builder
	if err := pageTmpl.Execute(&out, b); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	if !strings.Contains(page, "<td>72.5 B</td>") || strings.Contains(page, "%!") {
		t.Errorf("scores on the progress page:\n%s", page[strings.Index(page, "<tbody>"):])
	}
	if !strings.Contains(page, "<td> </td>") {
		t.Error("a failed document shows a score")
	}
}
