package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/termscore/termscore/internal/analyze"
)

// reportSchema is the documented JSON Schema of the v1 report.
var reportSchema = filepath.Join("..", "..", "docs", "report.schema.json")

// validate checks the JSON document data against the schema at path,
// with format assertions on.
func validate(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := validateErr(path, data); err != nil {
		t.Errorf("%s: %v", path, err)
	}
}

func validateErr(path string, data []byte) error {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(path)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestJSONMatchesSchema validates real scan output against
// docs/report.schema.json: the samples, a report with the role and type
// given, and a document that is not a contract (score null, notice set).
func TestJSONMatchesSchema(t *testing.T) {
	type sample struct {
		file string
		opt  analyze.Options
	}
	cases := []sample{{"ATTRIBUTION.md", analyze.Options{}}, {"freelance-contract.md", analyze.Options{Role: "client", Type: "services"}},
		{"basecamp-terms.md", analyze.Options{}}} // locations with within
	for _, s := range samples {
		cases = append(cases, sample{s, analyze.Options{}})
	}
	sawNull := false
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			r := scan(t, tc.file, tc.opt)
			sawNull = sawNull || r.Score == nil
			var b bytes.Buffer
			if err := JSON(&b, r); err != nil {
				t.Fatal(err)
			}
			validate(t, reportSchema, b.Bytes())
		})
	}
	if !sawNull {
		t.Error("no sample was left unscored: the null score is not covered")
	}
}

// TestSchemaRejects makes sure the schema is not vacuous: it requires the
// fields the spec lists and still allows fields added later.
func TestSchemaRejects(t *testing.T) {
	r := scan(t, "contractor-work-for-hire-form.md", analyze.Options{})
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(m map[string]any)
		ok   bool
	}{
		{"unchanged", func(map[string]any) {}, true},
		{"added field", func(m map[string]any) { m["reviewer"] = "x"; finding(m)["model_score"] = 0.5 }, true},
		{"no findings", func(m map[string]any) { delete(m, "findings") }, false},
		{"no key terms", func(m map[string]any) { delete(m, "key_terms") }, false},
		{"no score", func(m map[string]any) { delete(m, "score") }, false},
		{"wrong schema", func(m map[string]any) { m["schema"] = "termscore/report/v2" }, false},
		{"no sha256", func(m map[string]any) { delete(m["document"].(map[string]any), "sha256") }, false},
		{"unknown format", func(m map[string]any) { m["document"].(map[string]any)["format"] = "pages" }, false},
		{"grade F", func(m map[string]any) { m["score"].(map[string]any)["grade"] = "F" }, false},
		{"no quote", func(m map[string]any) { delete(finding(m), "quote") }, false},
		{"no why", func(m map[string]any) { delete(finding(m), "why") }, false},
		{"bad severity", func(m map[string]any) { finding(m)["severity"] = "severe" }, false},
		{"negative offset", func(m map[string]any) { finding(m)["location"].(map[string]any)["start"] = -1 }, false},
		{"bad action", func(m map[string]any) { finding(m)["suggestion"].(map[string]any)["action"] = "rewrite" }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(b.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			tc.edit(m)
			data, _ := json.Marshal(m)
			err := validateErr(reportSchema, data)
			if tc.ok && err != nil {
				t.Errorf("rejected: %v", err)
			}
			if !tc.ok && err == nil {
				t.Error("accepted")
			}
		})
	}
}

// finding returns the first finding with a suggestion.
func finding(m map[string]any) map[string]any {
	for _, f := range m["findings"].([]any) {
		if f := f.(map[string]any); f["suggestion"] != nil {
			return f
		}
	}
	panic("the sample has no finding with a suggestion")
}
