// Package html reads HTML pages into a document.Document.
package html

import (
	"context"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Read reads an HTML page.
func Read(ctx context.Context, s string) (*document.Document, error) {
	return nil, fault.New(fault.Unsupported, "HTML reader not built yet")
}
