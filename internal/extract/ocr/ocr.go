// Package ocr reads scanned PDFs and images, with tesseract, into a document.Document.
package ocr

import (
	"context"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Options configure OCR.
type Options struct {
	Language string
	MaxPages int
}

// PDF reads a scanned PDF with OCR.
func PDF(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	return nil, fault.New(fault.ToolMissing, "OCR not built yet")
}

// Image reads a scanned image with OCR.
func Image(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	return nil, fault.New(fault.ToolMissing, "OCR not built yet")
}
