// Package odt reads OpenDocument text files into a document.Document.
package odt

import (
	"context"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Options bound the reading of one file.
type Options struct {
	MaxUncompressed int64
	MaxXMLDepth     int
}

// Read reads an ODT file.
func Read(ctx context.Context, data []byte, opt Options) (*document.Document, error) {
	return nil, fault.New(fault.Unsupported, "ODT reader not built yet")
}
