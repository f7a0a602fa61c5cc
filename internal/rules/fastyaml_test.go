package rules

import (
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/parser"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fullDecode decodes a pack as parsePack does, with goccy/go-yaml.
func fullDecode(t *testing.T, data []byte) *packFile {
	t.Helper()
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	var pf packFile
	if err := decodeYAML(f.Docs[0].Body, &pf); err != nil {
		t.Fatal(err)
	}
	return &pf
}

// TestPlainYAML: every embedded pack is read by readPlainYAML (else
// loading falls back to the full decoder, several times slower), and read
// exactly as the full decoder reads it, each rule's source line included.
func TestPlainYAML(t *testing.T) {
	names, err := fs.Glob(packsFS, "packs/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no packs: %v", err)
	}
	for _, name := range names {
		data, err := packsFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		root, err := readPlainYAML(string(data))
		if err != nil {
			t.Errorf("%s: %v: Embedded falls back to the full decoder", name, err)
			continue
		}
		var got packFile
		if !decodePlain(root, &got) {
			t.Errorf("%s: decodePlain gives up: Embedded falls back to the full decoder", name)
			continue
		}
		want := fullDecode(t, data)
		if !reflect.DeepEqual(&got, want) {
			diffPacks(t, name, &got, want)
		}
		_, sources, _ := readEmbedded(name, data)
		full, err := parsePack(name, data)
		if err != nil {
			t.Fatal(err)
		}
		for i := range full {
			if sources[i] != full[i].Source {
				t.Errorf("%s: source %s, full decoder %s", full[i].ID, sources[i], full[i].Source)
			}
		}
	}
}

// diffPacks reports the first fields that differ.
func diffPacks(t *testing.T, name string, got, want *packFile) {
	t.Helper()
	if len(got.Rules) != len(want.Rules) {
		t.Errorf("%s: %d rules, full decoder %d", name, len(got.Rules), len(want.Rules))
		return
	}
	n := 0
	for i := range got.Rules {
		g, w := reflect.ValueOf(*got.Rules[i]), reflect.ValueOf(*want.Rules[i])
		for f := range g.NumField() {
			if !reflect.DeepEqual(g.Field(f).Interface(), w.Field(f).Interface()) && n < 5 {
				n++
				t.Errorf("%s: %s.%s:\n got %q\nwant %q", name, want.Rules[i].ID, g.Type().Field(f).Name,
					fmt.Sprint(g.Field(f).Interface()), fmt.Sprint(w.Field(f).Interface()))
			}
		}
	}
	if n == 0 {
		t.Errorf("%s: packs differ", name)
	}
}

// TestPlainYAMLCases: each case is read as the full decoder reads it, or
// not at all.
func TestPlainYAMLCases(t *testing.T) {
	head := "pack: x\ntitle: T\nrules:\n  - id: x.y\n"
	for _, tt := range []struct {
		name, yaml string
		read       bool
	}{
		{"plain", head + "    title: A title # a comment\n    why: it's 45 days\n", true},
		{"folded", head + "    why: >-\n      one\n      two\n\n      three\n\n\n      four\n    ask: x\n", true},
		{"folded clipped", head + "    why: >\n      one\n      two\n\n    ask: x\n", true},
		{"literal", head + "    why: |\n      one\n      two\n\n      three\n    ask: x\n", true},
		{"literal stripped", head + "    why: |-\n      one\n      # not a comment\n  # a comment\n    ask: x\n", true},
		{"flow", head + "    risk_to: [a, 'b c', \"d\\\\b\", 'it''s'] # c\n    maps_to: {unfair_tos: [A, B], cuad: [Governing Law]}\n", true},
		{"flow lines", head + "    risk_to: [a,\n      # note\n      b,\n      c]\n", true},
		{"compact sequence", head + "    risk_to:\n    - a\n    - b\n    kind: present\n", true},
		{"near", head + "    detect:\n      near:\n        - {a: foo, b: bar, within: 12}\n      confidence: 0.75\n      skip_negated: true\n", true},
		{"number", head + "    title: 2870\n", true},
		{"multi-line plain", head + "    title: one\n      two\n       three\n    why: x\n", true},
		{"multi-line plain item", head + "    risk_to:\n      - one\n        two\n      - three\n", true},
		{"multi-line plain after a comment", head + "    title: one # c\n      two\n", false},
		{"multi-line plain after a blank line", head + "    title: one\n\n      two\n", false},
		{"multi-line quoted", head + "    title: 'one\n      two'\n", false},
		{"bool as string", head + "    title: yes\n", false},
		{"null", head + "    title:\n    why: x\n", false},
		{"float as string", head + "    title: 1.5\n", false},
		{"date", head + "    title: 2001-12-14\n", false},
		{"escape", head + "    title: \"a\\u00e9 \\x41 \\U0001F600 \\u2019\"\n", true},
		{"surrogate", head + "    title: \"\\ud83d\\ude00\"\n", false},
		{"rare escape", head + "    title: \"a\\eb\"\n", false},
		{"escapes", head + "    title: \"a\\tb\\n\\\\b \\\" \\/\"\n", true},
		{"anchor", head + "    title: &a x\n", false},
		{"tag", head + "    title: !x y\n", false},
		{"unknown field", head + "    titel: x\n", false},
		{"duplicate key", head + "    title: x\n    title: y\n", false},
		{"more indented", head + "    why: >-\n      one\n        two\n", false},
		{"keep", head + "    why: |+\n      one\n\n    ask: x\n", false},
		{"integer to float", head + "    detect:\n      confidence: 1\n", false},
		{"tab", head + "    title:\tx\n", false},
		{"bad indentation", head + "    title: x\n   why: y\n", false},
		{"CRLF", strings.ReplaceAll(head+"    title: x\n", "\n", "\r\n"), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root, err := readPlainYAML(tt.yaml)
			var got packFile
			read := err == nil && decodePlain(root, &got)
			if read != tt.read {
				t.Fatalf("read %v (%v), want %v", read, err, tt.read)
			}
			if !read {
				return
			}
			want := fullDecode(t, []byte(tt.yaml))
			if !reflect.DeepEqual(&got, want) {
				t.Errorf("got  %+v\nwant %+v", got.Rules[0], want.Rules[0])
			}
		})
	}
}

// FuzzPlainYAML: what readPlainYAML reads, it reads as the full decoder
// does.
func FuzzPlainYAML(f *testing.F) {
	names, _ := fs.Glob(packsFS, "packs/*.yaml")
	for _, name := range names[:2] {
		data, _ := packsFS.ReadFile(path.Clean(name))
		f.Add(string(data[:min(len(data), 3000)]))
	}
	f.Add("pack: x\nrules:\n  - id: a.b\n    why: >-\n      one\n\n      two\n    risk_to: [a, 'b']\n")
	f.Add("pack: x\nrules:\n  - id: a.b\n    title: one\n      two # c\n    ask: \"\\u00e9\\x41\"\n    risk_to:\n    - a\n      b\n")
	f.Fuzz(func(t *testing.T, src string) {
		root, err := readPlainYAML(src)
		if err != nil {
			return
		}
		var got packFile
		if !decodePlain(root, &got) {
			return
		}
		fl, err := parser.ParseBytes([]byte(src), 0)
		if err != nil {
			t.Fatalf("read, but the full parser fails: %v", err)
		}
		var want packFile
		if len(fl.Docs) == 0 || fl.Docs[0].Body == nil {
			t.Fatalf("read, but the full parser finds no document")
		}
		if err := decodeYAML(fl.Docs[0].Body, &want); err != nil {
			t.Fatalf("read, but the full decoder fails: %v", err)
		}
		if d := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Rule{})); d != "" {
			t.Fatalf("read differently (-full +plain):\n%s", d)
		}
	})
}

// TestEmbeddedFastPathErrors: a rule with an error, read by the fast
// path, is refused there without a position (Embedded then reads the
// pack with parsePack, which gives it).
func TestEmbeddedFastPathErrors(t *testing.T) {
	src := "pack: x\ntitle: T\nrules:\n  - id: x.bad\n    title: Bad\n    kind: present\n    severity: high\n" +
		"    risk_to: [contractor]\n    detect:\n      anchors: [terminate]\n      patterns: ['\\bterminat(e\\b']\n" +
		"    why: W.\n    ask: A.\n    suggestion: {action: replace, text: x}\n    examples: {positive: [We terminate.], negative: [Nothing.]}\n"
	pf, sources, ok := readEmbedded("x.yaml", []byte(src))
	if !ok || len(pf.Rules) != 1 || sources[0] != "x.yaml:4" {
		t.Fatalf("read %v, %v", ok, sources)
	}
	v := &validator{file: "x.yaml"}
	v.rule("$.rules[0]", pf.Rules[0])
	if len(v.errs) != 1 || !strings.Contains(v.errs[0].Error(), "bad regular expression") {
		t.Errorf("errors %v, want the bad pattern", v.errs)
	}
	if _, err := parsePack("x.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), "x.yaml:11:") {
		t.Errorf("parsePack: %v, want the pattern's line", err)
	}
}
