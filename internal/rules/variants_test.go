package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestVariants runs the rules on clauses (our own wording) written the many ways real
// contracts of one type say the same thing (testdata/variants/TYPE.tsv),
// and on fair clauses that must not be reported. Each file's first line
// names the document type and the reviewer's role.
func TestVariants(t *testing.T) {
	s := embedded(t)
	files, err := filepath.Glob("testdata/variants/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no variant files: %v", err)
	}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		var opt MatchOptions
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			if strings.HasPrefix(text, "#") {
				fields := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(text))
				for i := 0; i+1 < len(fields); i++ {
					switch fields[i] {
					case "type":
						opt.DocType = fields[i+1]
					case "role":
						opt.Role = fields[i+1]
					}
				}
				continue
			}
			rule, clause, ok := strings.Cut(text, "\t")
			if !ok {
				t.Fatalf("%s:%d: want RULE<TAB>CLAUSE", file, line)
			}
			doc := ExampleDocument("Agreement between the parties.\n\n" + clause)
			// A positive may be a missing rule that now applies; a fair
			// clause must set off no present rule.
			var fired, present []string
			for _, h := range s.Match(doc, opt) {
				fired = append(fired, h.Rule.ID)
				if h.Rule.Kind == Present {
					present = append(present, h.Rule.ID)
				}
			}
			switch {
			case rule == "-" && len(present) > 0:
				t.Errorf("%s:%d: fair clause reported as %v: %q", file, line, present, clause)
			case rule != "-" && !slices.Contains(fired, rule):
				t.Errorf("%s:%d: %s not found (fired %v): %q", file, line, rule, fired, clause)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
}
