// Package markdown reads Markdown into a document.Document.
package markdown

import (
	"context"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Read reads Markdown.
func Read(ctx context.Context, s string) (*document.Document, error) {
	return nil, fault.New(fault.Unsupported, "Markdown reader not built yet")
}
