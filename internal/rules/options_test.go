package rules

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract/plaintext"
	"github.com/termscore/termscore/internal/segment"
)

// TestUncheckedOptions: the wording after an empty box up to the next box
// is an unticked option; a ticked box, or "(x)" numbering a list item, is
// not one.
func TestUncheckedOptions(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"☐ Uncapped ☐ 2x fees ☑ 1x fees", []string{" Uncapped ", " 2x fees "}},
		{"[ x ]Date of last signature on this Cover Page [ ]{custom_effective_date}", []string{"{custom_effective_date}"}},
		{"[ ] Provider will procure Third-Party Materials.\t[ ] Customer will procure Third-Party Materials.",
			[]string{" Provider will procure Third-Party Materials.", " Customer will procure Third-Party Materials."}},
		{"( ) No Third-Party Materials will be incorporated. ( x ) Third-Party Materials will be incorporated.",
			[]string{" No Third-Party Materials will be incorporated. "}},
		{"(x) any claim arising from (y) the Services", nil},
		{"The fees [] are due.", nil},
		{"[X] Uncapped", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, o := range uncheckedOptions(tt.text, nil) {
			got = append(got, tt.text[o.Start:o.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("uncheckedOptions(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// readText reads a testdata file as extract reads plain text.
func readText(t *testing.T, name string) *document.Document {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := plaintext.Read(context.Background(), string(data))
	if err != nil {
		t.Fatal(err)
	}
	segment.Build(doc)
	return doc
}

// TestMatchSkipsUncheckedOptions: on Common Paper's professional services
// cover page, whose options are all unticked but the dates and the general
// cap, the insurance options offered do not fire present rules (before,
// liab.insurance-required fired on four of them); the rows that are not
// options still do.
func TestMatchSkipsUncheckedOptions(t *testing.T) {
	s := embedded(t)
	doc := readText(t, "common-paper-psa-cover.txt")
	var got []string
	for _, h := range s.Match(doc, MatchOptions{}) {
		if h.Rule.Kind != Present {
			continue
		}
		got = append(got, h.Rule.ID)
		at := h.Match.Start - h.Span.Start
		for _, o := range uncheckedOptions(doc.Slice(h.Span), nil) {
			if o.Start <= at && at < o.End {
				t.Errorf("%s fires on an unticked option: %q", h.Rule.ID, doc.Slice(h.Match))
			}
		}
	}
	ids := strings.Join(got, " ")
	if strings.Contains(ids, "liab.insurance-required") {
		t.Errorf("liab.insurance-required fires; only unticked options offer insurance")
	}
	if strings.Count(ids, "liab.limitation-of-liability") != 4 {
		t.Errorf("liab.limitation-of-liability fires %d times on the cover page's rows, want 4; got %v",
			strings.Count(ids, "liab.limitation-of-liability"), got)
	}
}

// FuzzUncheckedOptions: on any text the options are ordered, disjoint
// ranges of it, and onlyUnchecked does not fail.
func FuzzUncheckedOptions(f *testing.F) {
	for _, s := range []string{"☐ Uncapped ☐ 2x fees ☑ 1x fees", "[ x ]Date [ ]{custom}", "( ) a ( x ) b\t[ ] c",
		"[", "(", "\xe2", "\xe2\x98", "[ \xff ]", "[]", "[    ]x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, o := range uncheckedOptions(s, nil) {
			if o.Start < end || o.End < o.Start || o.End > len(s) {
				t.Fatalf("uncheckedOptions(%q): bad range %v after %d", s, o, end)
			}
			end = o.End
		}
		onlyUnchecked(s)
	})
}

// TestMissingRulesSkipUncheckedOptions: a protection offered only as an
// unticked option is not in the contract, and a precondition met only by
// one does not make a missing rule apply.
func TestMissingRulesSkipUncheckedOptions(t *testing.T) {
	s := embedded(t)
	tests := []struct {
		text string
		fire bool
	}{
		{"Contractor shall perform the Services.\n\nCap: ☐ Total liability shall not exceed the fees paid ☐ Uncapped", true},
		{"Contractor shall perform the Services.\n\nCap: ☑ Total liability shall not exceed the fees paid ☐ Uncapped", false},
		{"Contractor shall perform the Services.\n\nEach party's total liability shall not exceed the fees paid.", false},
	}
	r := s.Lookup("liab.cap-missing")
	for _, tt := range tests {
		fired := len(s.matchRule(ExampleDocument(tt.text), r)) > 0
		if fired != tt.fire {
			t.Errorf("liab.cap-missing on %q: fired %v, want %v", tt.text, fired, tt.fire)
		}
	}
}
