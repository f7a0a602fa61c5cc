package report

import (
	"encoding/json"
	"fmt"
	"regexp"
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
	{"indefinite_term", "Term"},
	{"perpetual", "Perpetual"},
	{"renewal_term", "Renewal"},
	{"notice_period_to_terminate_renewal", "Notice to stop renewal"},
	{"notice_period", "Notice period"},
	{"governing_law", "Governing law"},
	{"venue", "Venue"},
	{"payment_terms", "Payment"},
	{"initial_fee", "Initial fee"},
	{"royalty", "Royalty"},
	{"commission", "Commission"},
	{"interest_rate", "Interest rate"},
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
	return KeyTermRows(raw)
}

// KeyTermRows renders key terms in their JSON form (the report's
// key_terms object, as stored by the web app) as label/value rows, in the
// order of keyTermOrder and then by name. Every output that shows key
// terms uses it, so the terminal, the reports and the web page word them
// alike.
func KeyTermRows(keyTerms []byte) [][2]string {
	var m map[string]any
	if json.Unmarshal(keyTerms, &m) != nil {
		return nil
	}
	// An indefinite term says how the agreement ends; "Perpetual: yes"
	// beside it would only repeat it less clearly.
	if _, ok := m["indefinite_term"]; ok {
		delete(m, "perpetual")
	}
	var rows [][2]string
	seen := map[string]bool{}
	add := func(key, label string) {
		seen[key] = true
		seen[key+"_placeholder"] = true
		s := valueText(m[key])
		if s == "" {
			return
		}
		// "governing_law_placeholder": true says the value is a template's
		// blank ("{governing_law}"): say so beside it, not as a row of its
		// own reading "Governing law placeholder: yes".
		if p, _ := m[key+"_placeholder"].(bool); p {
			s += " (a blank to fill in)"
		}
		rows = append(rows, [2]string{label, s})
	}
	for _, k := range keyTermOrder {
		if k.key == "payment_terms" && paysRent(m[k.key]) {
			k.label = "Rent"
		}
		add(k.key, k.label)
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		label := strings.ReplaceAll(k, "_", " ")
		add(k, strings.ToUpper(label[:1])+label[1:])
	}
	return rows
}

// paysRent reports whether payment terms are a lease's rent ("Tenant shall
// pay base rent of $4,500 per month"), which a tenant looks for as such.
func paysRent(v any) bool {
	p, _ := v.(map[string]any)
	text, _ := p["text"].(string)
	return rentWord.MatchString(text)
}

var rentWord = regexp.MustCompile(`(?i)\brent\b`)

// valueText renders a key term's JSON value as a short phrase.
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
		// A sum the template leaves to fill in: say so, not the sentence
		// around the blank.
		if b, ok := v["amount_blank"].(string); ok && b != "" {
			return "to be filled in (" + b + ")"
		}
		// An object with a text form shows that, on one line (a table
		// row's cells are joined by a tab, a clause may break lines);
		// otherwise its fields.
		for _, k := range []string{"text", "quote", "name"} {
			if t, ok := v[k].(string); ok && t != "" {
				return shorten(strings.Join(strings.Fields(t), " "), 120)
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			if k == "placeholder" || k == "start" || k == "end" {
				continue
			}
			if s := valueText(v[k]); s != "" {
				parts = append(parts, strings.ReplaceAll(k, "_", " ")+" "+s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
