package pdf

import (
	"context"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/fault"
)

// FuzzRead feeds the reader damaged PDFs: it must return a document or a
// fault, never panic, and finish in bounded time.
func FuzzRead(f *testing.F) {
	f.Add(readFile(f, "tiny.pdf"))
	f.Add(readFile(f, "owner-only.pdf"))
	f.Add(readFile(f, "encrypted-rc4.pdf"))
	f.Add(imageOnlyPDF())
	jv := readFile(f, "jv.pdf")
	f.Add(jv[:2000])
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		doc, err := Read(ctx, data, Options{MaxPages: 50})
		if err != nil {
			var k = fault.KindOf(err)
			if k == fault.Internal {
				t.Fatalf("error without a fault kind: %v", err)
			}
			return
		}
		if doc.Pages < 1 || len(doc.Blocks) == 0 {
			t.Fatalf("document without pages or blocks: %+v", doc)
		}
	})
}
