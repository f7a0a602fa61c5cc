package report

import (
	"encoding/json"
	"io"

	"github.com/termscore/termscore/internal/analyze"
)

// JSON writes r as one line of JSON (the v1 schema: docs/report.md), so
// that several documents make a JSON Lines stream.
func JSON(w io.Writer, r *analyze.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
