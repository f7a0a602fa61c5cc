package model

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestParaphraseCopies checks that a paraphrase joins training only with
// its own source sentence (same company and text), carrying its labels:
// one whose source is in the fold scored, or in another split, is never
// trained on.
func TestParaphraseCopies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "para.jsonl")
	lines := `{"company":"Acme","source":"we may remove your content .","text":"We can take down anything you post."}
{"company":"Acme","source":"we may remove your content .","text":"The Company may delete User Content at its discretion."}
{"company":"Other","source":"we may remove your content .","text":"Other's wording."}
{"company":"Acme","source":"these terms are governed by english law .","text":"English law governs these terms."}
`
	if err := os.WriteFile(path, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	paras, err := ReadParaphrases(path)
	if err != nil {
		t.Fatal(err)
	}
	copies := ParaphraseCopies(paras)([]LabelledSentence{
		{Text: "we may remove your content .", Labels: []string{"CR"}, Group: "Acme", Split: "train"},
		{Text: "you agree by using the service .", Labels: []string{"USE"}, Group: "Acme", Split: "train"},
	})
	var got []string
	for _, c := range copies {
		if c.Group != "Acme" || !slices.Equal(c.Labels, []string{"CR"}) || c.Split != "train" {
			t.Errorf("copy %q: group %q labels %v split %q, want Acme [CR] train", c.Text, c.Group, c.Labels, c.Split)
		}
		got = append(got, c.Text)
	}
	want := []string{"We can take down anything you post.", "The Company may delete User Content at its discretion."}
	if !slices.Equal(got, want) {
		t.Errorf("copies = %q, want %q", got, want)
	}
	if _, err := ReadParaphrases(filepath.Join(t.TempDir(), "missing.jsonl")); err == nil {
		t.Error("a missing file read without error")
	}
}
