// Package redline turns a report's suggestions into documents a
// contractor can send: the contract marked up with Word tracked changes
// and comments, short ready-to-sign addenda for missing protections, and
// a polite note asking for the changes.
//
// Edits are planned on the text of a document.Document (byte offsets into
// Document.Text) and written either into the original DOCX, touching only
// the runs they change, or into a clean DOCX built from the text of any
// other input.
package redline

import "github.com/termscore/termscore/internal/document"

// Edit is one change to a document's text.
type Edit struct {
	// Span is what the edit strikes (replace, delete), or, empty, the
	// point after which an inserted clause goes (insert).
	Span document.Span
	// Action is "replace" (strike Span, add Text in its place; Span may
	// be empty for words added inside a sentence), "delete" (strike Span)
	// or "insert" (Text becomes a new paragraph after the one holding
	// Span.Start, or at the end of the document).
	Action string
	Text   string
	// Comment is the reason, shown as a Word comment on the change; empty
	// for the second and later pieces of one finding's change.
	Comment string
	Rule    string // the rule whose finding asked for it
	// Paragraph, on a delete that strikes a whole paragraph, deletes its
	// paragraph mark too, so that accepting it leaves no empty paragraph
	// (or empty numbered item) behind.
	Paragraph bool
}

// Skipped is a finding that did not become an edit, and why.
type Skipped struct {
	Rule   string
	Title  string
	Reason string
	// CoveredBy, when set, is the rule whose change already says what
	// this one would have (see dedupe).
	CoveredBy string
	// Span is the finding's, when the plan skipped it (not a change the
	// writer could not place).
	Span document.Span
}
