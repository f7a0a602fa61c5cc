package presence

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/model"
)

// The headings of a real CUAD contract name the categories its clauses are
// about ("7.2 Governing Law.", "3.5 Effect of Termination.", "6.2
// Succession and Assignment.") and none it has no clause for.
func TestHeadingCounts(t *testing.T) {
	doc := read(readContract(t))
	if doc == nil {
		t.Fatal("no text")
	}
	got := compileHeadings().count(doc)
	for cat, want := range map[string]int{
		"Governing Law":             1,
		"Post-Termination Services": 1,
		"Anti-Assignment":           1,
		"Insurance":                 0,
		"Liquidated Damages":        0,
		"Source Code Escrow":        0,
	} {
		if got[cat] != want {
			t.Errorf("%s: %d headings, want %d (all: %v)", cat, got[cat], want, got)
		}
	}
	for cat := range headed {
		if !slices.Contains(model.CUADClauseLabels, cat) {
			t.Errorf("heading words of %q, not a CUAD clause category", cat)
		}
	}
}

// Every option adds one feature per category after the four of
// DefaultOptions, which it leaves as they were; the second highest clause
// probability is at most the highest.
func TestOptionFeatures(t *testing.T) {
	set, cm := embedded(t)
	text := readContract(t)
	base := Features(set, cm).Features(text)
	opt := Options{Heading: true, ClauseTop2: true, ClauseCount: 0.5}
	f := FeaturesWith(set, cm, opt)
	if f.Width != width+3 {
		t.Fatalf("width %d, want %d", f.Width, width+3)
	}
	got := f.Features(text)
	for cat, v := range got {
		if len(v) != f.Width {
			t.Fatalf("%s: %d features, want %d", cat, len(v), f.Width)
		}
		if !slices.Equal(v[:width], base[cat]) {
			t.Errorf("%s: base features %v, want %v", cat, v[:width], base[cat])
		}
		if v[width+1] > v[1] {
			t.Errorf("%s: second highest clause logit %.2f above the highest %.2f", cat, v[width+1], v[1])
		}
	}
	if v := got["Governing Law"]; v[width] < math.Log(2) || v[width+2] < math.Log(2) {
		t.Errorf("Governing Law: heading %.2f, clauses at 0.5 or above %.2f, want both log(1 + at least one)", v[width], v[width+2])
	}
	if v := got["Insurance"]; v[width] != 0 || v[width+2] != 0 {
		t.Errorf("Insurance: heading %.2f, clauses at 0.5 or above %.2f, want 0", v[width], v[width+2])
	}
	for cat, v := range f.Features("") {
		if len(v) != f.Width {
			t.Errorf("no text: %s has %d features, want %d", cat, len(v), f.Width)
		}
	}
}

// The trial phrases find their category's wording, and the curated ones
// are still there beside them.
func TestTrialPhrases(t *testing.T) {
	ps := Options{Trial: true}.phrases()
	for cat := range trial {
		if !slices.Contains(model.CUADClauseLabels, cat) {
			t.Errorf("trial phrases of %q, not a CUAD clause category", cat)
		}
	}
	for _, c := range []struct {
		text, cat string
		want      int
	}{
		{"If Distributor terminates this Agreement before the third anniversary, it shall pay Supplier a termination fee of $50,000 as liquidated damages and not as a penalty.", "Liquidated Damages", 1},
		{"Licensee shall pay Licensor fifty percent of the Net Revenues received from the sale of the Licensed Products.", "Revenue/Profit Sharing", 1},
		{"Licensee shall not contest the validity of the Licensed Marks or Licensor's ownership of them.", "Covenant Not to Sue", 1},
		{"Inventions made jointly shall be jointly owned by the Parties.", "Joint IP Ownership", 1},
		{"The escrow agent shall hold the source code.", "Source Code Escrow", 1},
		{"Licensee shall pay the fees within thirty days.", "Liquidated Damages", 0},
	} {
		doc := read(c.text)
		if got := ps.count(doc)[c.cat]; got != c.want {
			t.Errorf("%.60q: %s in %d sentences, want %d", c.text, c.cat, got, c.want)
		}
	}
}

// A defined term names its category ("Change of Control" means …); the
// heading chain puts every heading above a clause body before it.
func TestDefinedAndChain(t *testing.T) {
	doc := read("1. Definitions. 1.1 \"Change of Control\" means a merger of a Party. 1.2 \"Net Sales\" means the gross amounts invoiced. 2. Termination. 2.1 Effect of Termination. Upon termination, Supplier shall supply the remaining orders.")
	if doc == nil {
		t.Fatal("no text")
	}
	got := compileDefined().count(doc)
	for cat, want := range map[string]int{"Change of Control": 1, "Revenue/Profit Sharing": 1, "Warranty Duration": 0} {
		if got[cat] != want {
			t.Errorf("%s: %d defined terms, want %d (terms %v)", cat, got[cat], want, doc.Definitions)
		}
	}
	chain := false
	for _, c := range clausesWith(doc, true) {
		if strings.HasPrefix(c.text, "Termination. Effect of Termination. ") {
			chain = true
		}
	}
	if !chain {
		t.Errorf("no unit under both headings: %v", clausesWith(doc, true))
	}
	for _, c := range clausesWith(doc, false) {
		if strings.HasPrefix(c.text, "Termination. Effect of Termination. ") {
			t.Errorf("unit under both headings without the chain: %.60q", c.text)
		}
	}
}

// With cover, the clause model's units hold the whole text of a real
// contract but for the short gaps between clauses, none longer than
// maxClause plus its heading, and a long body is cut after a full stop.
func TestCoveredUnits(t *testing.T) {
	doc := read(readContract(t))
	if doc == nil {
		t.Fatal("no text")
	}
	n := 0
	for _, u := range unitsOf(doc, false, true) {
		if u.span.End-u.span.Start > maxClause || len(u.text) > maxClause+200 {
			t.Errorf("unit of %d bytes (span %d): %.60q", len(u.text), u.span.End-u.span.Start, u.text)
		}
		n += u.span.End - u.span.Start
	}
	if n < len(doc.Text)*9/10 {
		t.Errorf("units cover %d of %d bytes", n, len(doc.Text))
	}
	long := strings.Repeat("Supplier shall deliver the goods on time. ", 300)
	ps := pieces(long, document.Span{Start: 0, End: len(long)})
	if len(ps) < 3 {
		t.Fatalf("%d pieces of %d bytes, want at least 3", len(ps), len(long))
	}
	for k, p := range ps {
		if p.End-p.Start > maxClause || k > 0 && p.Start != ps[k-1].End {
			t.Errorf("piece %d: %v", k, p)
		}
		if k < len(ps)-1 && !strings.HasSuffix(long[p.Start:p.End], ". ") {
			t.Errorf("piece %d ends %q, want after a full stop", k, long[p.End-10:p.End])
		}
	}
	if ps[len(ps)-1].End != len(long) {
		t.Errorf("pieces end at %d, want %d", ps[len(ps)-1].End, len(long))
	}
}
