package batch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/rules"
)

// corpus makes a folder of real contracts plus bad files, a nested folder,
// a hidden folder and a symbolic-link loop.
func corpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := "../../testdata/contracts"
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "nested", ".git"), 0o755)
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644)
		os.WriteFile(filepath.Join(dir, "nested", "copy-"+e.Name()), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "empty.pdf"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "garbage.docx"), []byte("PK\x03\x04 definitely not a zip"), 0o644)
	os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte{0xFF, 0xD8, 0xFF}, 0o644) // not a document extension
	os.WriteFile(filepath.Join(dir, "nested", ".git", "HEAD.txt"), []byte("ref: main"), 0o644)
	if err := os.Symlink("..", filepath.Join(dir, "nested", "loop")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestExpand(t *testing.T) {
	dir := corpus(t)
	files, errs := Expand([]string{dir, filepath.Join(dir, "*.md"), filepath.Join(dir, "nothing-*.pdf")})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "no file matches") {
		t.Errorf("errs = %v, want one 'no file matches'", errs)
	}
	var names []string
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		names = append(names, rel)
	}
	slices.Sort(names)
	want := []string{
		"common-paper-independent-contractor-agreement.docx", "cuad-adurobiotech-consulting-agreement.pdf",
		"cuad-adurobiotech-consulting-agreement.txt", "empty.pdf", "freelance-contract.md", "garbage.docx",
		"nested/copy-common-paper-independent-contractor-agreement.docx", "nested/copy-cuad-adurobiotech-consulting-agreement.pdf",
		"nested/copy-cuad-adurobiotech-consulting-agreement.txt", "nested/copy-freelance-contract.md",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
}

// Every file is either reported or failed with a reason, exactly once; a
// second run over the same output skips what was reported and retries
// only the failures.
func TestRunAndResume(t *testing.T) {
	dir := corpus(t)
	files, _ := Expand([]string{dir})
	rs, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ex, an := extract.New(extract.Options{}), analyze.New(rs)
	out := filepath.Join(t.TempDir(), "results.jsonl")

	run := func(done map[string]bool) (reported, failed, skipped map[string]int) {
		reported, failed, skipped = map[string]int{}, map[string]int{}, map[string]int{}
		w, err := Create(out, true)
		if err != nil {
			t.Fatal(err)
		}
		err = Run(context.Background(), files, ex, an, Options{Jobs: 2, Done: done}, func(it Item) {
			switch {
			case it.Skipped:
				skipped[it.Path]++
			case it.Err != nil:
				if !strings.Contains(it.Err.Error(), it.Path) {
					t.Errorf("error %q does not name the file", it.Err)
				}
				failed[it.Path]++
			default:
				reported[it.Path]++
			}
			if err := w.Write(it); err != nil {
				t.Fatal(err)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return
	}
	reported, failed, _ := run(nil)
	if len(reported) != 8 || len(failed) != 2 {
		t.Fatalf("first run: %d reported, %d failed; want 8 and 2", len(reported), len(failed))
	}
	for p, n := range reported {
		if n != 1 {
			t.Errorf("%s reported %d times", p, n)
		}
	}
	done, err := Done(out)
	if err != nil {
		t.Fatal(err)
	}
	// The nested copies have the same content: 4 distinct documents.
	if len(done) != 4 {
		t.Errorf("Done found %d hashes, want 4", len(done))
	}
	reported, failed, skipped := run(done)
	if len(reported) != 0 || len(failed) != 2 || len(skipped) != 8 {
		t.Errorf("resumed run: %d reported, %d failed, %d skipped; want 0, 2, 8", len(reported), len(failed), len(skipped))
	}
}

func TestVanishedFile(t *testing.T) {
	rs, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(t.TempDir(), "gone.pdf")
	var got []Item
	Run(context.Background(), []string{gone}, extract.New(extract.Options{}), analyze.New(rs), Options{}, func(it Item) { got = append(got, it) })
	if len(got) != 1 || got[0].Err == nil || !strings.Contains(got[0].Err.Error(), "disappeared") {
		t.Fatalf("got %+v, want one failure saying the file disappeared", got)
	}
}
