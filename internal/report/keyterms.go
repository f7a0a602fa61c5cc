package report

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/termscore/termscore/internal/analyze"
)

// keyTermOrder and labels: the key terms as a person reads them, in the
// order a lawyer's summary lists them.
var keyTermOrder = []struct{ key, label string }{
	{"document_title", "Title"},
	{"parties", "Parties"},
	{"agreement_date", "Agreement date"},
	{"effective_date", "Effective date"},
	{"expiration_date", "Expires"},
	{"term", "Term"},
	{"perpetual", "Perpetual"},
	{"renewal_term", "Renewal"},
	{"notice_period_to_terminate_renewal", "Notice to stop renewal"},
	{"notice_period", "Notice period"},
	{"governing_law", "Governing law"},
	{"venue", "Venue"},
	{"payment_terms", "Payment"},
	{"late_fee", "Late fee"},
	{"liability_cap", "Liability cap"},
	{"non_compete", "Non-compete"},
	{"deposit", "Deposit"},
}

// keyTermRows renders the report's key terms as label/value rows. It reads
// them through their JSON form, the same shape the JSON report shows, so
// the two never disagree.
func keyTermRows(r *analyze.Report) [][2]string {
	raw, err := json.Marshal(r.KeyTerms)
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	var rows [][2]string
	seen := map[string]bool{}
	for _, k := range keyTermOrder {
		seen[k.key] = true
		if v, ok := m[k.key]; ok {
			if s := valueText(v); s != "" {
				// governing_law_placeholder and the like: the value is a
				// template field, not a place.
				if p, _ := m[k.key+"_placeholder"].(bool); p {
					s += " (template field, not filled in)"
				}
				rows = append(rows, [2]string{k.label, s})
			}
		}
		seen[k.key+"_placeholder"] = true
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		if s := valueText(m[k]); s != "" {
			rows = append(rows, [2]string{strings.ReplaceAll(k, "_", " "), s})
		}
	}
	return rows
}

// valueText shows a key-term value: a string as is, a list joined, an
// object by its "text" (the wording in the document) or its fields.
func valueText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		if v {
			return "yes"
		}
		return ""
	case float64:
		return fmt.Sprint(v)
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			if s := valueText(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		if t, ok := v["text"].(string); ok && t != "" {
			return shorten(t, 120)
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			if s := valueText(v[k]); s != "" {
				parts = append(parts, strings.ReplaceAll(k, "_", " ")+" "+s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
