package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document/documenttest"
)

func TestMain(m *testing.M) {
	// The tests must not read the configuration of whoever runs them.
	dir, err := os.MkdirTemp("", "termscore-cli-config")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	os.Unsetenv("TERMSCORE_CONFIG")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// writeConfig writes a configuration file and points TERMSCORE_CONFIG at
// it.
func writeConfig(t *testing.T, dir, text string) string {
	t.Helper()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TERMSCORE_CONFIG", path)
	return path
}

// TestConfigDefaults: the configuration file gives scan its home, redline
// its author and every command the user's rule packs (a path relative to
// the file), and a flag on the command line wins.
func TestConfigDefaults(t *testing.T) {
	dir := t.TempDir()
	packs := filepath.Join(dir, "packs")
	os.Mkdir(packs, 0o755)
	pack := "pack: mine\nrules:\n  - id: mine.counterparts\n    title: Counterparts\n    kind: present\n    severity: low\n    risk_to: [all]\n" +
		"    detect: {anchors: [counterparts]}\n    why: Because.\n    ask: Ask.\n    suggestion: {action: delete}\n" +
		"    examples:\n      positive: [It may be executed in counterparts.]\n      negative: [It may be signed.]\n"
	if err := os.WriteFile(filepath.Join(packs, "mine.yaml"), []byte(pack), 0o644); err != nil {
		t.Fatal(err)
	}
	writeConfig(t, dir, "home: us-ny\nauthor: Jane Doe\nrules: packs\n")

	// The consulting agreement is governed by California law.
	contract := sample("cuad-adurobiotech-consulting-agreement.txt")
	out, errs, status := run(t, "", "scan", contract)
	if status != 0 {
		t.Fatalf("scan: status %d: %s", status, errs)
	}
	if !strings.Contains(out, "not your home jurisdiction (US-NY)") {
		t.Errorf("scan did not take home US-NY from the config:\n%s", out)
	}
	if !strings.Contains(out, "mine.counterparts") {
		t.Errorf("scan did not run the config's rule packs:\n%s", out)
	}
	if out, _, _ := run(t, "", "scan", "--home", "US-CA", contract); strings.Contains(out, "not your home jurisdiction") {
		t.Errorf("--home US-CA did not win over the config's US-NY")
	}

	redlined := filepath.Join(dir, "out.docx")
	for _, c := range []struct {
		args   []string
		author string
	}{
		{nil, "Jane Doe"},
		{[]string{"--author", "Sam Lee"}, "Sam Lee"},
	} {
		args := append([]string{"redline", sample("freelance-contract.md"), "-o", redlined}, c.args...)
		if _, errs, status := run(t, "", args...); status != 0 {
			t.Fatalf("%v: status %d: %s", args, status, errs)
		}
		data, err := os.ReadFile(redlined)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(documenttest.ZipPart(t, data, "word/document.xml")); !strings.Contains(got, `w:author="`+c.author+`"`) {
			t.Errorf("%v: the tracked changes are not by %s", args, c.author)
		}
	}

	out, _, status = run(t, "", "config")
	if status != 0 {
		t.Fatalf("config: status %d", status)
	}
	for _, want := range []string{"(found)", "home       US-NY", "author     Jane Doe", "rules      " + packs, "market     -"} {
		if !strings.Contains(out, want) {
			t.Errorf("termscore config lacks %q:\n%s", want, out)
		}
	}
}

// TestConfigErrors: a configuration file that cannot be used stops every
// command with a message naming the file and the setting, before any
// input is read.
func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		text string
		want string
	}{
		{"home: Narnia\n", `home: unknown jurisdiction "NARNIA"`},
		{"hme: US-CA\n", `unknown field "hme"`},
		{"home: [US-CA\n", "settings: home, author, rules, market"},
		{"author: " + strings.Repeat("x", maxConfigSize) + "\n", "larger than 64 KB"},
	} {
		path := writeConfig(t, dir, c.text)
		_, errs, status := run(t, "", "scan", sample("freelance-contract.md"))
		if status != 2 || !strings.Contains(errs, "config "+path+": ") || !strings.Contains(errs, c.want) {
			t.Errorf("%.20q: status %d, stderr %q; want 2 and %q", c.text, status, errs, c.want)
		}
	}
	t.Setenv("TERMSCORE_CONFIG", filepath.Join(dir, "missing.yaml"))
	if _, errs, status := run(t, "", "version"); status != 2 || !strings.Contains(errs, "missing.yaml: no such file") {
		t.Errorf("a missing TERMSCORE_CONFIG: status %d, stderr %q", status, errs)
	}
}
