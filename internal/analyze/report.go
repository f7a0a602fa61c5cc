package analyze

import (
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/market"
	"github.com/termscore/termscore/internal/terms"
)

// Schema is the version of the report format (see docs/report.md).
const Schema = "termscore/report/v1"

// Report is the result of analysing one document: the content of the v1
// JSON report, which every renderer, the redliner and the server share.
type Report struct {
	Schema   string         `json:"schema"`
	Document DocInfo        `json:"document"`
	Role     string         `json:"role"`
	RoleFrom string         `json:"role_source"` // "given" or "inferred"
	Score    *Score         `json:"score"`       // null when the document is not a contract
	Summary  Summary        `json:"summary"`
	Notice   string         `json:"notice,omitempty"` // e.g. "no recognisable contract text"
	Findings []Finding      `json:"findings"`
	KeyTerms terms.KeyTerms `json:"key_terms"`
	Warnings []string       `json:"warnings,omitempty"`
	// Market compares the key terms and findings with a corpus (see
	// docs/market.md); nil without statistics or for a non-contract.
	Market *market.Comparison `json:"market,omitempty"`

	// Doc is the document the report was made from, for renderers that
	// show the text (HTML) and for the redliner. Not serialised.
	Doc *document.Document `json:"-"`
}

// DocInfo describes the document.
type DocInfo struct {
	Name           string          `json:"name"`
	SHA256         string          `json:"sha256"`
	Format         document.Format `json:"format"`
	Pages          int             `json:"pages"`
	Words          int             `json:"words"`
	Type           string          `json:"type"`
	TypeFrom       string          `json:"type_source"` // "given" or "detected"
	TypeConfidence float64         `json:"type_confidence"`
	// LeaseUse is, for a lease, what the premises are let for:
	// "residential" or "commercial" (doctype.LeaseUse). Left out for
	// other types.
	LeaseUse string `json:"lease_use,omitempty"`
}

// Score is the document's score with its sub-scores.
type Score struct {
	Value      float64                  `json:"value"`
	Grade      string                   `json:"grade"`
	Penalty    float64                  `json:"penalty"`
	Categories map[string]CategoryScore `json:"categories"`
}

// CategoryScore is the sub-score of one category (rule pack).
type CategoryScore struct {
	Value float64 `json:"value"`
	Grade string  `json:"grade"`
}

// Summary counts findings by severity.
type Summary struct {
	Findings int            `json:"findings"`
	Missing  int            `json:"missing"`
	BySev    map[string]int `json:"by_severity"`
}

// Finding is one risky clause or missing protection.
type Finding struct {
	Rule       string   `json:"rule"`
	Title      string   `json:"title"`
	Category   string   `json:"category"`
	Kind       string   `json:"kind"`
	Severity   string   `json:"severity"`
	Confidence float64  `json:"confidence"`
	Location   Location `json:"location"`
	Quote      string   `json:"quote"`
	// LeadIn is the sentence introducing the list the quote is an item
	// of ("Landlord may enter the Premises:"), when the rule read both.
	LeadIn     string      `json:"lead_in,omitempty"`
	Why        string      `json:"why"`
	Ask        string      `json:"ask"`
	Suggestion *Suggestion `json:"suggestion,omitempty"`
	// Cost is how many score points the finding costs: the score would
	// be this much higher without it.
	Cost float64 `json:"cost"`
	// Also lists further places where the same rule fired, beyond the
	// MaxPerRule findings reported for it: a reader sees the pattern once
	// instead of the same explanation ten times.
	Also []Location `json:"also,omitempty"`
	// Sources name the signals that found it: "rule", "model".
	Sources  []string `json:"sources"`
	Evidence string   `json:"evidence,omitempty"`

	// modelP is the clause model's highest probability for the finding's
	// clause when it confirms it: among findings of one rule and equal
	// confidence, the ones the model is surest of are listed first.
	modelP float64

	// Byte offsets into the document text, for renderers and the redliner.
	Span  document.Span `json:"-"`
	Match document.Span `json:"-"`
	// Repeats are the other sentences of the finding's clause the rule
	// fired on, when its suggestion restates them all (StrikeRepeats):
	// the redliner strikes them with the one it rewrites.
	Repeats []document.Span `json:"-"`
}

// Location is where a finding is; offsets count Unicode code points into
// the text `termscore text` prints.
type Location struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Page    int    `json:"page,omitempty"`
	Section string `json:"section,omitempty"`
	// Heading is the title of the section, when it has one.
	Heading string `json:"heading,omitempty"`
	// Within is the heading of the unnumbered part the section sits in,
	// given only when the document numbers more than one section the same
	// way (terms of service whose parts each number their paragraphs from
	// 1 again), so that "4" alone would not say which.
	Within string `json:"within,omitempty"`
	// MatchStart/MatchEnd narrow the location to the words that triggered
	// the finding.
	MatchStart int `json:"match_start,omitempty"`
	MatchEnd   int `json:"match_end,omitempty"`
}

// Suggestion is the fix a rule proposes, with its fallback position.
type Suggestion struct {
	Action   string `json:"action"`
	Text     string `json:"text"`
	Fallback string `json:"fallback,omitempty"`
	// StrikeRepeats: the redliner strikes the finding's Repeats too.
	StrikeRepeats bool `json:"-"`
}
