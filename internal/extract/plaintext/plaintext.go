// Package plaintext reads plain text into a document.Document.
package plaintext

import (
	"context"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

// Read reads plain text.
func Read(ctx context.Context, s string) (*document.Document, error) {
	return nil, fault.New(fault.Unsupported, "text reader not built yet")
}
