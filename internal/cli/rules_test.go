package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/rules"
)

func TestRulesList(t *testing.T) {
	out, errOut, status := run(t, "", "rules", "list")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 77 || !strings.HasPrefix(lines[0], "ID ") {
		t.Fatalf("want a header and at least 76 rules, got %d lines", len(lines))
	}
	if !strings.Contains(out, "ai.training-permitted") || !strings.Contains(out, "critical") {
		t.Error("ai.training-permitted is not listed as critical")
	}
}

func TestRulesExplain(t *testing.T) {
	out, _, status := run(t, "", "rules", "explain", "ip.transfer-before-payment")
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{"kind:         missing", "Why it matters", "Suggested wording (insert)", "Fires when the document lacks", "Insert in the first section"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q", want)
		}
	}
	// A rule for one lease use says so; one that explains itself per use shows both.
	out, _, _ = run(t, "", "rules", "explain", "lease.relocation")
	if !strings.Contains(out, "lease use:    commercial leases only") {
		t.Errorf("explain lease.relocation lacks its lease use:\n%s", out)
	}
	out, _, _ = run(t, "", "rules", "explain", "lease.early-termination-penalty")
	if !strings.Contains(out, "Why it matters on a commercial lease") || strings.Contains(out, "lease use:") {
		t.Errorf("explain lease.early-termination-penalty lacks its commercial explanation:\n%s", out)
	}
	if !strings.Contains(out, "Suggested wording on a commercial lease (replace)") {
		t.Errorf("explain lease.early-termination-penalty lacks its commercial wording:\n%s", out)
	}
	out, _, _ = run(t, "", "rules", "explain", "lease.subletting-banned")
	if !strings.Contains(out, "severity:     low, high on commercial leases") {
		t.Errorf("explain lease.subletting-banned lacks its commercial severity:\n%s", out)
	}
	// A rule that other wording in the document lowers says what and why.
	out, _, _ = run(t, "", "rules", "explain", "dispute.one-way-fees")
	if !strings.Contains(out, "Lowered to low when the document also has") || !strings.Contains(out, "whichever party wins") {
		t.Errorf("explain dispute.one-way-fees lacks its mitigation:\n%s", out)
	}
	if _, errOut, status := run(t, "", "rules", "explain", "no.such-rule"); status != 2 || !strings.Contains(errOut, "no rule") {
		t.Errorf("unknown id: status %d, %q", status, errOut)
	}
}

func TestRulesTest(t *testing.T) {
	out, _, status := run(t, "", "rules", "test")
	if status != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Fatalf("embedded packs: status %d, %q", status, out)
	}
	dir := t.TempDir()
	pack := `pack: mine
rules:
  - id: mine.hire
    title: Work for hire
    kind: present
    severity: low
    risk_to: [all]
    detect: {anchors: [work for hire]}
    why: Because.
    ask: Ask.
    suggestion: {action: delete}
    examples:
      positive: [This is a work made for hire.]
      negative: [This is a work for hire.]
`
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(pack), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, status = run(t, "", "rules", "test", dir)
	if status != 1 {
		t.Errorf("failing examples: status %d, want 1", status)
	}
	for _, want := range []string{"FAIL mine.hire", "positive example 1 did not fire", "negative example 1 fired", "2 of 2 examples failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(strings.Replace(pack, "detect:", "detetc:", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, status := run(t, "", "rules", "test", dir)
	if status != 2 || !strings.Contains(errOut, "mine.yaml:8:5") || !strings.Contains(errOut, "detetc") {
		t.Errorf("bad pack: status %d, %q", status, errOut)
	}
}

// TestRulesExplainTests: explain shows every test of a detection, named as
// the pack's YAML names it, one line each, and nothing for a test not set,
// so that a reader can see which one kept a rule from firing.
func TestRulesExplainTests(t *testing.T) {
	tests := []struct {
		name   string
		detect rules.Detect
		want   []string
	}{
		{"anchors only", rules.Detect{Anchors: []string{"compete"}}, []string{
			"anchor    compete",
		}},
		{"despite and actor", rules.Detect{
			Anchors: []string{"compete"},
			Unless:  []string{`\bfree to\b`},
			Despite: []string{`\bprovided that\b`},
			Actor:   "own",
		}, []string{
			"anchor    compete",
			`unless    \bfree to\b`,
			`despite   \bprovided that\b`,
			"actor     own (not reported where it binds the other side only)",
		}},
		{"clause and sides", rules.Detect{
			Anchors: []string{"liab*"},
			Clause:  &rules.ClauseTest{Require: []string{"cap"}, Unless: []string{"each party"}},
			Sides: &rules.SideTest{
				Require:      []string{"otherside s liability"},
				Unless:       []string{"ownside s liability"},
				Despite:      []string{"and ownside"},
				ClauseUnless: []string{"ownside shall not exceed"},
			},
			Actor:       "other",
			SkipNegated: true,
		}, []string{
			"anchor              liab*",
			"clause require      cap",
			"clause unless       each party",
			"sides require       otherside s liability",
			"sides unless        ownside s liability",
			"sides despite       and ownside",
			"sides clause_unless ownside shall not exceed",
			"actor               other (not reported where the reviewer's own side, or both, act)",
			`negation            ignored when negated ("shall not …")`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := detectLines(&tt.detect)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	// Through the command, on the built-in rules that use them.
	for id, want := range map[string][]string{
		"restrict.non-compete": {"  despite   ", "  actor     own"},
		"liab.cap-one-sided":   {"  clause unless       ", "  sides require       ", "  sides clause_unless "},
	} {
		out, _, status := run(t, "", "rules", "explain", id)
		if status != 0 {
			t.Fatalf("explain %s: status %d", id, status)
		}
		for _, w := range want {
			if !strings.Contains(out, "\n"+w) {
				t.Errorf("explain %s lacks a line %q", id, w)
			}
		}
	}
}
