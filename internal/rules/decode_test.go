package rules

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/parser"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// decodeBoth decodes a pack with decodeSimple and with yaml.NodeToValue.
func decodeBoth(t *testing.T, data []byte) (simple, ref packFile, ok bool, refErr error) {
	t.Helper()
	f, err := parser.ParseBytes(data, 0)
	if err != nil || len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return simple, ref, false, err
	}
	body := f.Docs[0].Body
	if ok = decodeSimple(body, &simple); ok {
		refErr = decodeYAML(body, &ref)
	}
	return simple, ref, ok, refErr
}

var ruleFields = cmpopts.IgnoreUnexported(Rule{})

// TestDecodeSimpleEmbedded: every embedded pack takes the fast path, and
// it gives what goccy/go-yaml's decoder gives.
func TestDecodeSimpleEmbedded(t *testing.T) {
	names, err := fs.Glob(packsFS, "packs/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatal(names, err)
	}
	for _, name := range names {
		data, err := packsFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		simple, ref, ok, refErr := decodeBoth(t, data)
		if refErr != nil {
			t.Fatalf("%s: %v", name, refErr)
		}
		if !ok {
			t.Errorf("%s: decodeSimple fell back to the YAML decoder", name)
			continue
		}
		if d := cmp.Diff(ref, simple, ruleFields); d != "" {
			t.Errorf("%s: decodeSimple differs (-yaml +simple):\n%s", name, d)
		}
	}
}

// FuzzDecodeSimple: whatever decodeSimple accepts, goccy/go-yaml's strict
// decoder accepts and decodes to the same value.
func FuzzDecodeSimple(f *testing.F) {
	f.Add([]byte("pack: test\ntitle: Test\nrules:\n  - id: test.one\n    title: One\n    kind: present\n    risk_to: [contractor]\n    severity_by_role: {client: low}\n    detect:\n      anchors: [work made for hire]\n      near: [{a: x, b: y, within: 5}]\n      confidence: 0.5\n      skip_negated: true\n"))
	f.Add([]byte("pack: p\nrules:\n  - why: |\n      two\n      lines\n    ask: >\n      folded\n      text\n    examples: {positive: ['a', \"b\\n\"], negative: []}\n"))
	f.Add([]byte("pack: p\nrules:\n  - id: &a x\n    title: *a\n    detect: ~\n    placement: {headings: [1, 2.5, true]}\n"))
	f.Add([]byte("pack: p\nrules: [{detect: {confidence: 1, near: [{within: 99999999999999999999}]}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		simple, ref, ok, refErr := decodeBoth(t, data)
		if !ok {
			return
		}
		if refErr != nil {
			t.Fatalf("decodeSimple accepted what the YAML decoder refuses: %v", refErr)
		}
		if d := cmp.Diff(ref, simple, ruleFields); d != "" {
			t.Fatalf("decodeSimple differs (-yaml +simple):\n%s", d)
		}
	})
}

// TestLoadDecoderPanic: a tag without a value crashed goccy/go-yaml's
// decoder (found by FuzzDecodeSimple); the pack is refused instead.
func TestLoadDecoderPanic(t *testing.T) {
	data := []byte("pack: p\ntitle: t\nrules:\n  - id: p.one\n    risk_to: !x\nx:\n  y: 0\n")
	_, err := parsePack("bad.yaml", data)
	if err == nil || !strings.HasPrefix(err.Error(), "bad.yaml: the YAML decoder failed") {
		t.Errorf("parsePack = %v, want the decoder's failure in bad.yaml", err)
	}
}
