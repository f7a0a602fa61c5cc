// Package documenttest holds what the readers' tests share.
package documenttest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Golden compares got with the golden file at path. With update it first
// rewrites the file, so that `go test -update` regenerates every golden
// file and the diff is reviewed in version control.
func Golden(t testing.TB, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output differs from %s (-want +got; rerun with -update if intended):\n%s", path, diff)
	}
}

// ZipPart returns the part called name of the ZIP archive data (a DOCX's
// "word/document.xml"), failing the test if there is none.
func ZipPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a ZIP archive: %v", err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("no %s in the archive: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
