// Package rtf reads RTF files into a document.Document.
package rtf

import (
	"context"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Options bound the reading of one file.
type Options struct {
	MaxDepth int
}

// Read reads an RTF file.
func Read(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	return nil, fault.New(fault.Unsupported, "RTF reader not built yet")
}
