package analyze

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/termscore/termscore/internal/extract"
)

// TestFormatParity reviews one contract saved in every format a user may
// bring it in (the Common Paper Independent Contractor Agreement: the DOCX,
// and LibreOffice's ODT, RTF and PDF of it, committed in testdata/parity)
// and checks that the review does not depend on the format: the same
// document type and role, the same findings in the same sections, the same
// key terms. What a format cannot carry is listed, with why, in tolerated.
func TestFormatParity(t *testing.T) {
	rs := embeddedRules(t)
	an := New(rs)
	ex := extract.New(extract.Options{NoOCR: true})
	review := func(name string) (*Report, map[string]bool) {
		t.Helper()
		doc, err := ex.ReadFile(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := an.Analyze(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		for _, f := range r.Findings {
			set[f.Rule+" § "+f.Location.Section] = true
		}
		return r, set
	}
	base, want := review(filepath.Join("testdata", "common-paper-independent-contractor-agreement.docx"))
	if len(want) < 10 {
		t.Fatalf("the DOCX gives %d findings, want at least 10 for the comparison to mean something", len(want))
	}
	tests := []struct {
		file string
		// tolerated differences: "-" a finding the format loses, "+" one it
		// adds, "key_terms.FIELD" a key term that may differ.
		tolerated map[string]string
	}{
		{file: "contractor.odt"},
		{file: "contractor.rtf"},
		{file: "contractor.pdf", tolerated: map[string]string{
			// The cover page's table has no table structure in a PDF:
			// its rows are paragraphs, so the governing-law row is
			// filed under the cover page's heading. (Its venue, once
			// read from the governing law's field run into the courts'
			// heading, is the same since the terms package skips it.)
			"- dispute.governing-law § 6":                 "cover-page table row",
			"+ dispute.governing-law § Statement of Work": "cover-page table row",
			// Same text, same clause tree (4.3(a) under 4.3). The DOCX,
			// ODT and RTF carry "a." as list numbering, the PDF only as
			// text, and rules/leadin.go joins the lead-in "Upon any
			// expiration or termination:" to a numbered paragraph's
			// items only when it binds someone ("shall", "may"), which
			// this one does not; for list items and numbered headings
			// it does not ask.
			"- term.post-termination-obligations § 4.3(a)": "block kind",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, got := review(filepath.Join("testdata", "parity", tt.file))
			if r.Document.Type != base.Document.Type || r.Role != base.Role {
				t.Errorf("type %s, role %s; the DOCX gives %s, %s", r.Document.Type, r.Role, base.Document.Type, base.Role)
			}
			var diffs []string
			for k := range want {
				if !got[k] {
					diffs = append(diffs, "- "+k)
				}
			}
			for k := range got {
				if !want[k] {
					diffs = append(diffs, "+ "+k)
				}
			}
			for _, f := range keyTermFields(t, base, r) {
				diffs = append(diffs, "key_terms."+f)
			}
			slices.Sort(diffs)
			for _, d := range diffs {
				if _, ok := tt.tolerated[d]; !ok {
					t.Errorf("%s differs from the DOCX: %s", tt.file, d)
				}
			}
			for d := range tt.tolerated {
				if !slices.Contains(diffs, d) {
					t.Errorf("%s: tolerated difference %q is gone; remove it from the test", tt.file, d)
				}
			}
		})
	}
}

// keyTermFields returns the names of the key terms that differ between two
// reports.
func keyTermFields(t *testing.T, a, b *Report) []string {
	t.Helper()
	fields := func(r *Report) map[string]json.RawMessage {
		raw, err := json.Marshal(r.KeyTerms)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]json.RawMessage{}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	ma, mb := fields(a), fields(b)
	var out []string
	for k := range ma {
		if string(ma[k]) != string(mb[k]) {
			out = append(out, k)
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}
