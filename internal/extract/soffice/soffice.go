// Package soffice converts legacy Word files with LibreOffice.
package soffice

import (
	"context"

	"github.com/termscore/termscore/internal/fault"
)

// ToDOCX converts a legacy .doc file to DOCX.
func ToDOCX(ctx context.Context, data []byte) ([]byte, error) {
	return nil, fault.New(fault.ToolMissing, "LibreOffice conversion not built yet")
}
