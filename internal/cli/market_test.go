package cli

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/market"
)

var updateMarket = flag.Bool("update-market", false, "rewrite the golden market statistics")

const marketFixture = "../market/testdata"

// market build on the fixture corpus of eight CUAD contracts (with their
// expert labels) gives the golden statistics, byte for byte.
func TestMarketBuildGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "fixture.json")
	_, stderr, status := run(t, "", "market", "build", "--jobs", "2", "--name", "fixture", "--built-at", "2024-01-01T00:00:00Z",
		"--labels", marketFixture+"/documents.jsonl", marketFixture+"/corpus", "-o", out)
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(stderr, "8 contracts") {
		t.Errorf("stderr = %q", stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got = []byte(strings.ReplaceAll(string(got), out, "fixture.json"))
	golden := filepath.Join(marketFixture, "fixture.golden.json")
	if *updateMarket {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("market build differs from %s (run with -update-market after checking the change)", golden)
	}
	st, err := market.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if st.All.Documents != 8 || len(st.Provenance.Corpora) != 1 || st.Provenance.Corpora[0].Documents != 8 {
		t.Errorf("documents = %d, corpora = %+v", st.All.Documents, st.Provenance.Corpora)
	}
	if f := st.All.Categories["Governing Law"]; f != (market.Freq{Flagged: 3, N: 8}) {
		t.Errorf("Governing Law = %+v, want 3 of 8 by the expert labels", f)
	}
}

// scan compares with the --market statistics; "none" turns it off; the
// default is the embedded corpus.
func TestScanMarketFlag(t *testing.T) {
	doc := filepath.Join(marketFixture, "corpus", "SIBANNAC,INC_12_04_2017-EX-2.1-Strategic Alliance Agreement.txt")
	for _, tc := range []struct {
		flag, corpus string
	}{
		{"", "default"},
		{filepath.Join(marketFixture, "fixture.golden.json"), "fixture"},
		{"none", ""},
	} {
		args := []string{"scan", "--format", "json", doc}
		if tc.flag != "" {
			args = append([]string{"--market", tc.flag}, args...)
		}
		stdout, stderr, status := run(t, "", args...)
		if status != 0 {
			t.Fatalf("%v: status %d: %s", args, status, stderr)
		}
		var r struct {
			Market *market.Comparison `json:"market"`
		}
		if err := json.Unmarshal([]byte(stdout), &r); err != nil {
			t.Fatal(err)
		}
		if tc.corpus == "" {
			if r.Market != nil {
				t.Errorf("--market none: got %+v", r.Market)
			}
			continue
		}
		if r.Market == nil || r.Market.Corpus != tc.corpus {
			t.Fatalf("--market %q: market = %+v", tc.flag, r.Market)
		}
		// The contract says "payable NET 30 days".
		pay := r.Market.Term("payment_net_days")
		if pay == nil || pay.Value != 30 || !strings.HasPrefix(pay.Text, "net 30: ") {
			t.Errorf("--market %q: payment comparison = %+v", tc.flag, pay)
		}
	}
	_, stderr, status := run(t, "", "--market", "no-such-file.json", "scan", "--format", "json", doc)
	if status != exitUsage || !strings.Contains(stderr, "no-such-file.json") {
		t.Errorf("missing --market file: status %d, %q", status, stderr)
	}
}

func TestMarketShow(t *testing.T) {
	stdout, stderr, status := run(t, "", "market", "show", "--type", "all", filepath.Join(marketFixture, "fixture.golden.json"))
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	for _, want := range []string{`Market statistics "fixture": 8 contracts`, "payment_net_days", "30 (2)", "Governing Law", "3 / 8"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("show lacks %q:\n%s", want, stdout)
		}
	}
}
