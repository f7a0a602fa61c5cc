// Package pdf reads the text layer of PDF files into a document.Document.
package pdf

import (
	"context"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Options bound the reading of one file.
type Options struct {
	MaxPages int
}

// Read reads the text layer of a PDF.
func Read(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	return nil, fault.New(fault.Unsupported, "PDF reader not built yet")
}
