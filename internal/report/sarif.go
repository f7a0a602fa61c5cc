package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"unicode"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/rules"
)

// SARIF constants.
const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	toolName     = "TermScore"
	toolURI      = "https://github.com/termscore/termscore"
)

// The subset of SARIF 2.1.0 TermScore writes. Field order follows the
// specification's examples so the output reads naturally.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool sarifTool `json:"tool"`
		// ColumnKind says how charOffset and columns count: TermScore
		// counts Unicode code points, as the JSON report does.
		ColumnKind string        `json:"columnKind"`
		Artifacts  []sarifArtif  `json:"artifacts"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		Help                 sarifText      `json:"help"`
		DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
		Properties           map[string]any `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifArtif struct {
		Location   sarifArtifactLocation `json:"location"`
		MimeType   string                `json:"mimeType,omitempty"`
		Hashes     map[string]string     `json:"hashes,omitempty"`
		Properties map[string]any        `json:"properties,omitempty"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]any    `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI   string `json:"uri"`
		Index int    `json:"index"`
	}
	sarifRegion struct {
		StartLine  int        `json:"startLine,omitempty"`
		EndLine    int        `json:"endLine,omitempty"`
		CharOffset int        `json:"charOffset"`
		CharLength int        `json:"charLength"`
		Snippet    *sarifText `json:"snippet,omitempty"`
	}
)

// SARIF writes the reports as one SARIF 2.1.0 log with one run, for CI
// pipelines and code-scanning dashboards. The rules of the log are those of
// rs that the findings refer to (a finding whose rule rs lacks is described
// from the finding itself). Regions give charOffset/charLength in code
// points of the text `termscore text` prints, and startLine/endLine in the
// original file when the reader recorded source lines (Markdown and plain
// text). partialFingerprints let a dashboard follow a finding across runs
// even when the text around it moves.
func SARIF(w io.Writer, reports []*analyze.Report, rs *rules.Set) error {
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: toolName, InformationURI: toolURI, Rules: []sarifRule{}}},
		ColumnKind: "unicodeCodePoints",
		Artifacts:  []sarifArtif{},
		Results:    []sarifResult{},
	}
	ruleIndex := map[string]int{}
	for ai, r := range reports {
		d := r.Document
		art := sarifArtif{
			Location: sarifArtifactLocation{URI: sarifURI(d.Name), Index: ai},
			MimeType: mimeTypes[d.Format],
			Properties: map[string]any{
				"documentType": d.Type,
				"role":         r.Role,
			},
		}
		if d.SHA256 != "" {
			art.Hashes = map[string]string{"sha-256": d.SHA256}
		}
		if r.Score != nil {
			art.Properties["score"] = r.Score.Value
			art.Properties["grade"] = r.Score.Grade
		} else if r.Notice != "" {
			art.Properties["notice"] = r.Notice
		}
		run.Artifacts = append(run.Artifacts, art)

		for _, f := range r.Findings {
			idx, ok := ruleIndex[f.Rule]
			if !ok {
				idx = len(run.Tool.Driver.Rules)
				ruleIndex[f.Rule] = idx
				run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(f, rs))
			}
			run.Results = append(run.Results, sarifResultFor(f, idx, r, art.Location))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

var mimeTypes = map[document.Format]string{
	document.PDF:      "application/pdf",
	document.DOCX:     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	document.DOC:      "application/msword",
	document.ODT:      "application/vnd.oasis.opendocument.text",
	document.RTF:      "application/rtf",
	document.HTML:     "text/html",
	document.Markdown: "text/markdown",
	document.Text:     "text/plain",
}

func sarifRuleFor(f analyze.Finding, rs *rules.Set) sarifRule {
	sr := sarifRule{
		ID:                   f.Rule,
		Name:                 ruleName(f.Rule),
		ShortDescription:     sarifText{f.Title},
		FullDescription:      sarifText{f.Why},
		Help:                 sarifText{f.Ask},
		DefaultConfiguration: sarifConfig{sarifLevel(f.Severity)},
		Properties:           map[string]any{"category": f.Category, "kind": f.Kind},
	}
	// The rule's own texts, not the finding's: the finding's may be
	// filled in with the document's party names or adjusted for the role.
	if rs != nil {
		if rule := rs.Lookup(f.Rule); rule != nil {
			sr.ShortDescription.Text = rule.Title
			sr.FullDescription.Text = strings.TrimSpace(rule.Why)
			sr.Help.Text = strings.TrimSpace(rule.Ask)
			sr.DefaultConfiguration.Level = sarifLevel(rule.Severity)
			sr.Properties["category"], sr.Properties["kind"] = rule.Pack, rule.Kind
			sr.Properties["severity"] = rule.Severity
		}
	}
	if sr.Help.Text == "" {
		sr.Help.Text = sr.FullDescription.Text
	}
	return sr
}

func sarifResultFor(f analyze.Finding, idx int, r *analyze.Report, art sarifArtifactLocation) sarifResult {
	msg := f.Title + "."
	if f.Quote != "" {
		msg += " “" + shorten(f.Quote, 200) + "”"
	} else if where := place(f); where != "" {
		msg += " Missing; " + where + "."
	}
	region := sarifRegion{CharOffset: f.Location.Start, CharLength: max(0, f.Location.End-f.Location.Start)}
	if f.Quote != "" {
		region.Snippet = &sarifText{f.Quote}
	}
	region.StartLine, region.EndLine = sourceLines(r.Doc, f.Span)
	fp := sha256.Sum256([]byte(f.Quote))
	props := map[string]any{
		"severity":   f.Severity,
		"category":   f.Category,
		"kind":       f.Kind,
		"confidence": f.Confidence,
		"cost":       f.Cost,
	}
	if f.Location.Section != "" {
		props["section"] = f.Location.Section
		if f.Location.Within != "" {
			props["within"] = f.Location.Within
		}
	}
	if f.Location.Page > 0 {
		props["page"] = f.Location.Page
	}
	if f.Suggestion != nil && f.Suggestion.Text != "" {
		props["suggestion"] = f.Suggestion.Text
	}
	return sarifResult{
		RuleID:    f.Rule,
		RuleIndex: idx,
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{msg},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: art, Region: region}}},
		// A missing protection has no quote: its fingerprint is the rule
		// and where it belongs, which is stable across runs too.
		PartialFingerprints: map[string]string{"termscoreFinding/v1": f.Rule + ":" + fingerprintText(f, fp)},
		Properties:          props,
	}
}

func fingerprintText(f analyze.Finding, quoteSum [32]byte) string {
	if f.Quote == "" {
		sum := sha256.Sum256([]byte("missing\x00" + f.Location.Section))
		return hex.EncodeToString(sum[:])
	}
	return hex.EncodeToString(quoteSum[:])
}

// sourceLines maps a span of the document text to lines of the original
// file through the blocks' source lines. Readers record the first line of
// each block only, so a region spans from the first line of its first
// block to the first line of its last block. Zero means unknown.
func sourceLines(doc *document.Document, s document.Span) (int, int) {
	if doc == nil || len(doc.Blocks) == 0 {
		return 0, 0
	}
	first := doc.BlockAt(s.Start)
	last := doc.BlockAt(max(s.Start, s.End-1))
	if first < 0 || last < 0 {
		return 0, 0
	}
	a, z := doc.Blocks[first].Source.Line, doc.Blocks[last].Source.Line
	if a <= 0 {
		return 0, 0
	}
	if z < a {
		z = a
	}
	return a, z
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(sev string) string {
	switch sev {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

// ruleName makes the SARIF rule name from its id: "ip.assignment-broad"
// becomes "IpAssignmentBroad", an identifier as the specification asks.
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sarifURI turns the file name as given into a URI reference: slashes for
// separators, characters a URI cannot hold percent-encoded. Standard input
// is "stdin".
func sarifURI(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	name = strings.ReplaceAll(name, "\\", "/")
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~/@!$&'()*+,;=", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	return b.String()
}
