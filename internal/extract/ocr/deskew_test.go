package ocr

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"os"
	"strings"
	"testing"
)

// numberedPage is the top of a one-page freelance agreement whose clauses
// are a numbered list, the numbers hanging left of their paragraphs.
func numberedPage(t *testing.T) *image.Gray {
	t.Helper()
	f, err := os.Open("testdata/numbered-list.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return toGray(img)
}

func TestSkew(t *testing.T) {
	page := numberedPage(t)
	for _, a := range []float64{0, 0.7, -1.2, 2.5, -4} {
		got := skew(rotate(page, a))
		if math.Abs(got-a) > 0.15 {
			t.Errorf("skew of the page turned %.1f° = %.1f°", a, got)
		}
	}
}

// TestDeskewedScan reads the numbered agreement scanned 1.2° askew. Read as
// it is, tesseract cut every clause number off its paragraph ("i", ".",
// "_") and split each paragraph after its first line.
func TestDeskewedScan(t *testing.T) {
	needTools(t, "tesseract")
	var buf bytes.Buffer
	if err := png.Encode(&buf, rotate(numberedPage(t), 1.2)); err != nil {
		t.Fatal(err)
	}
	doc, err := Image(context.Background(), buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1. Scope. Designer will create a logo",
		"2. Payment. Client will pay $6,000: half on signing and half on delivery. Invoices are due within fifteen days.",
		"3. Ownership. On full payment",
		"4. Confidentiality. Each party",
		"5. Termination. Either party may terminate this agreement on ten days",
		"6. Limitation of liability.",
		"7. Governing law. This agreement is governed by the laws of the State of Washington, and disputes",
	}
	for _, w := range want {
		found := false
		for _, b := range doc.Blocks {
			if strings.HasPrefix(doc.Slice(b.Span), w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no block starts with %q; text:\n%s", w, doc.Text)
		}
	}
}
