// Package segment builds the clause tree, defined terms and sentences of a
// document from its blocks.
package segment

import "github.com/termscore/termscore/internal/document"

// Build fills doc.Clauses, doc.Definitions and doc.Sentences.
func Build(doc *document.Document) {}
