package model

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

type sample struct {
	Text    string   `json:"text"`
	Labels  []string `json:"labels"`
	Source  string   `json:"source"`
	Company string   `json:"company"`
}

func readSamples(t testing.TB, path string) []sample {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []sample
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var s sample
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, s)
	}
	return out
}

func loadModel(t testing.TB, tax string) *Model {
	t.Helper()
	m, err := Load(tax)
	if err != nil {
		t.Fatalf("Load(%q): %v", tax, err)
	}
	return m
}

// The embedded model on 400 real UNFAIR-ToS validation sentences (every
// labelled one and 170 unlabelled). Since model v3 the embedded model is
// trained on the validation split too, so this is a regression check that
// the shipped weights load and classify as trained, not a held-out measure:
// `termscore eval --taxonomy unfair-tos` retrains the recipe on the train
// split and gives the held-out validation figures, and
// TestCurrentTermsOfService checks sentences no model has seen.
func TestUnfairToSValidationSample(t *testing.T) {
	m := loadModel(t, UnfairToS)
	var gold, pred [][]string
	for _, s := range readSamples(t, "testdata/unfair_validation_sample.jsonl") {
		gold = append(gold, s.Labels)
		pred = append(pred, m.Classify(s.Text).Labels)
	}
	sc := Evaluate(UnfairLabels, gold, pred)
	t.Logf("LexGLUE-style micro-F1 %.3f macro-F1 %.3f; labels only micro %.3f macro %.3f",
		sc.MicroF1, sc.MacroF1, sc.LabelMicroF1, sc.LabelMacroF1)
	// Floors a little below what model v3 reaches on sentences it was
	// trained on (0.989, 0.985, 0.984); v2, which had not seen them,
	// reached 0.842, 0.817, 0.809.
	if sc.MicroF1 < 0.95 || sc.MacroF1 < 0.94 || sc.LabelMacroF1 < 0.93 {
		t.Errorf("F1 below the floor: micro %.3f (floor 0.95) macro %.3f (floor 0.94) label macro %.3f (floor 0.93)",
			sc.MicroF1, sc.MacroF1, sc.LabelMacroF1)
	}
	for _, l := range sc.Labels {
		if l.F1 < 0.85 {
			t.Errorf("label %s: F1 %.3f below 0.85", l.Label, l.F1)
		}
	}
}

// Sentences from current terms of service (GitHub, WordPress.com, Basecamp)
// in ordinary casing and punctuation, unlike the corpus, and in no training
// data: the model must get most of them right to show it learned wording,
// not the corpus's format. Models v2 and v3 both get 20 of 24.
func TestCurrentTermsOfService(t *testing.T) {
	m := loadModel(t, UnfairToS)
	samples := readSamples(t, "testdata/current_tos.jsonl")
	right := 0
	for _, s := range samples {
		got := m.Classify(s.Text).Labels
		want := slices.Clone(s.Labels)
		if want == nil {
			want = []string{}
		}
		if slices.Equal(got, want) {
			right++
			continue
		}
		t.Logf("%s: got %v, want %v: %.90s", s.Source, got, want, s.Text)
	}
	t.Logf("%d of %d right", right, len(samples))
	if right < len(samples)*3/4 {
		t.Errorf("%d of %d current ToS sentences labelled right, want at least 3/4", right, len(samples))
	}
}

// The same sentence raw and in the corpus's tokenised form gets the same
// scores.
func TestRawAndTokenisedAgree(t *testing.T) {
	m := loadModel(t, UnfairToS)
	raw := m.Scores(nil, "We may terminate your account at any time, without notice, if we believe you've violated these Terms.")
	tok := m.Scores(nil, "we may terminate your account at any time , without notice , if we believe you 've violated these terms .")
	if !slices.Equal(raw, tok) {
		t.Errorf("raw %v\ntokenised %v", raw, tok)
	}
	if p := m.Classify("We may terminate your account at any time, without notice."); !slices.Contains(p.Labels, "TER") {
		t.Errorf("termination at any time: labels %v, want TER", p.Labels)
	}
}

func TestParseRejectsBadWeights(t *testing.T) {
	h, err := weights.ReadFile("weights/unfair-tos.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name          string
		header, table []byte
	}{
		{"not JSON", []byte("{"), nil},
		{"wrong format", []byte(`{"format":"other/v9"}`), nil},
		{"short table", h, make([]byte, 100)},
	}
	for _, tt := range tests {
		if _, err := Parse(tt.header, tt.table); err == nil {
			t.Errorf("%s: Parse succeeded", tt.name)
		}
	}
}

func TestSentenceSpans(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"This Agreement is made by Acme Inc. and Beta Corp. on May 1. It ends in 2026.",
			[]string{"This Agreement is made by Acme Inc. and Beta Corp. on May 1.", "It ends in 2026."}},
		{"1. Services. 1.1 Provider shall perform the Services (the \"Services\"). (a) Fees are due.",
			// A bare number's stop ends a sentence: headings come apart.
			[]string{"1.", "Services.", "1.1 Provider shall perform the Services (the \"Services\").", "(a) Fees are due."}},
		{"First line without stop\nSecond line. Third? Yes!",
			[]string{"First line without stop", "Second line.", "Third?", "Yes!"}},
		{"See e.g. Section 3 of the U.S. Code. Done.", []string{"See e.g. Section 3 of the U.S. Code.", "Done."}},
		{"  \n\n ", nil},
	}
	for _, tt := range tests {
		if got := Sentences(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("We don't accept liability (see §12) — “ever”.")
	f.Add("we do n't -lrb- see -rrb- `` quoted '' 's n't")
	f.Add("https://x.y/z. help@x.y 75,000 3.5% \xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(nil, s)
		if !utf8.Valid(toks) {
			t.Fatalf("invalid UTF-8 tokens %q", toks)
		}
		if len(toks) > 0 && (toks[len(toks)-1] != ' ' || toks[0] == ' ') {
			t.Fatalf("bad token layout %q", toks)
		}
		c := FeatureConfig{Bits: 10, Bigrams: true, Negation: true, Cues: true, CharMin: 3, CharMax: 5, CharShare: 0.3}
		v := c.features(nil, toks, nil)
		for _, j := range v.idx {
			if j >= 1<<10 {
				t.Fatalf("index %d out of range", j)
			}
		}
	})
}

func FuzzSentenceSpans(f *testing.F) {
	f.Add("A. B. Inc. c.\n\nD? E! (F) \"G.\" H")
	f.Add("1. Services. 1.1 Provision. (a) x")
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, sp := range SentenceSpans(s) {
			if sp[0] < end || sp[1] <= sp[0] || sp[1] > len(s) || sp[1]-sp[0] > maxSentence {
				t.Fatalf("bad span %v after %d in %d bytes", sp, end, len(s))
			}
			end = sp[1]
		}
	})
}

// BenchmarkClassify measures Scores per sentence with each embedded model:
// the UNFAIR-ToS model on its validation sample, the CUAD model on CUAD
// clauses. The target is 50,000 sentences a second per core:
//
//	go test -run '^$' -bench Classify -cpu 1 -count 5 ./internal/model
func BenchmarkClassify(b *testing.B) {
	for _, c := range []struct{ taxonomy, samples string }{
		{UnfairToS, "testdata/unfair_validation_sample.jsonl"},
		{CUAD, "testdata/cuad_sample.jsonl"},
	} {
		b.Run(c.taxonomy, func(b *testing.B) {
			m := loadModel(b, c.taxonomy)
			samples := readSamples(b, c.samples)
			dst := make([]float64, len(m.Labels()))
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime(b)
			for i := 0; i < b.N; i++ {
				dst = m.Scores(dst, samples[i%len(samples)].Text)
			}
			// The machine is shared: wall time per op counts the time
			// other processes held the core. Process CPU time does not.
			cpu := cpuTime(b) - cpu0
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(b.N)/cpu.Seconds(), "sentences/cpu-s")
		})
	}
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The embedded unfair-tos weights are what the recipe trains from the
// shared data, byte for byte, and the held-out figures in their header are
// those of the recipe trained on the train split alone: a change to the
// features or the learner that is not followed by retraining fails here.
func TestUnfairWeightsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	const dir = "../../../shared/data"
	if _, err := os.Stat(dir + "/unfair-tos/sentences.jsonl"); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	h := loadModel(t, UnfairToS).Header()
	run, err := TrainUnfairToS(dir, h.Train, h.Date)
	if err != nil {
		t.Fatal(err)
	}
	if !run.Shipped.IsEmbedded() {
		t.Error("retrained weights differ from the embedded ones: run go run ./tools/train -taxonomy unfair-tos -date " + h.Date)
	}
	for name, got := range map[string]float64{
		"heldout_validation_lexglue_macro_f1": run.Holdout.MacroF1,
		"heldout_validation_lexglue_micro_f1": run.Holdout.MicroF1,
		"cv5_all_lexglue_macro_f1":            run.AllCV.MacroF1,
	} {
		if want := h.Metrics[name]; round4(got) != want {
			t.Errorf("%s = %.4f, header says %.4f", name, got, want)
		}
	}
	if run.Holdout.N != 2275 {
		t.Errorf("held-out figures over %d sentences, want the 2275 of the validation split", run.Holdout.N)
	}
}

// Every sentence of three current terms of service, labelled by us and in
// no training data (heldout/): the LexGLUE-style figures of the embedded
// model, with floors a little below what model v3 reaches, so that a model
// that learned the corpus's lower-cased tokens rather than its wording
// fails here.
func TestCurrentTermsOfServiceDocuments(t *testing.T) {
	m := loadModel(t, UnfairToS)
	sents, err := CurrentToS()
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]int{}
	for _, s := range sents {
		groups[s.Group]++
	}
	if len(sents) != 1002 || len(groups) != 3 {
		t.Fatalf("%d sentences of %v, want 1002 of three documents", len(sents), groups)
	}
	sc, err := EvaluateCurrentToS(m)
	if err != nil {
		t.Fatal(err)
	}
	present := sc.PresentMacroF1()
	t.Logf("LexGLUE-style micro-F1 %.3f, macro-F1 over the labels present %.3f", sc.MicroF1, present)
	for _, l := range sc.Labels {
		t.Logf("%-4s P %.2f R %.2f F1 %.2f (%d gold, %d guessed)", l.Label, l.Precision, l.Recall, l.F1, l.Support, l.Guess)
	}
	if sc.MicroF1 < 0.95 || present < 0.82 {
		t.Errorf("micro-F1 %.3f, macro-F1 %.3f: want at least 0.95 and 0.82", sc.MicroF1, present)
	}
}
