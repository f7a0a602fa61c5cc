package extract

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/termscore/termscore/internal/fault"
)

// TestReasons checks the reasons a person gets for files with no text to
// read: each says what to do, in words that fit the terminal and the web
// page alike (no flag to pass).
func TestReasons(t *testing.T) {
	tests := []struct {
		file  string
		noOCR bool
		kind  fault.Kind
		want  string
	}{
		{"png-named.pdf", true, fault.Unsupported,
			"png-named.pdf: it is a PNG image, not a PDF, and OCR (reading text from pictures) is off here; use the contract's own PDF, Word or text file"},
		{"blank-scan.pdf", true, fault.Empty,
			"blank-scan.pdf: this PDF has no text layer, only pictures of its pages (a scan?), and OCR (reading text from pictures) is off here; use the document it was made from, or a PDF with selectable text"},
		{"png-named.pdf", false, fault.Empty,
			"png-named.pdf: no text found in this PNG image, even with OCR (a blank, faint or skewed scan?); scan it again, black on white at 300 dpi, or use the document it was made from"},
		{"blank-scan.pdf", false, fault.Empty,
			"blank-scan.pdf: no text found in this PDF, even with OCR (a blank, faint or skewed scan?); scan it again, black on white at 300 dpi, or use the document it was made from"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if !tt.noOCR {
				for _, tool := range []string{"pdftoppm", "tesseract"} {
					if _, err := exec.LookPath(tool); err != nil {
						t.Skipf("%s is not installed", tool)
					}
				}
			}
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = New(Options{NoOCR: tt.noOCR}).ReadBytes(context.Background(), tt.file, data)
			if err == nil || fault.KindOf(err) != tt.kind || err.Error() != tt.want {
				t.Errorf("got %v (%v)\nwant %s (%v)", err, fault.KindOf(err), tt.want, tt.kind)
			}
		})
	}
	_, err := New(Options{}).ReadBytes(context.Background(), "empty.txt", nil)
	if want := "empty.txt: " + ReasonEmptyFile; err == nil || err.Error() != want {
		t.Errorf("empty file: %v, want %s", err, want)
	}
}

func TestImageNoOCRNames(t *testing.T) {
	for name, want := range map[string]string{
		"scan.PDF":      "it is a JPEG image, not a PDF, and",
		"contract.docx": "it is a JPEG image, not a DOCX file, and",
		"photo.jpg":     "it is a JPEG image, and",
		"noext":         "it is a JPEG image, and",
	} {
		if got := imageNoOCR(name, "JPEG").Error(); got[:len(want)] != want {
			t.Errorf("%s: %q, want it to start %q", name, got, want)
		}
	}
}
