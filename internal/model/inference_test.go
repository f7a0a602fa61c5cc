package model

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Feature settings the golden digests are taken with: what the embedded
// CUAD model uses, and every kind of feature at once. They are fixed here,
// not read from the weights, so retraining does not move the goldens.
var goldenConfigs = []FeatureConfig{
	{Bits: 16, Bigrams: true},
	{Bits: 18, Bigrams: true, Trigrams: true, Negation: true, Cues: true, CharMin: 3, CharMax: 5, CharShare: 0.3},
}

// inferenceTexts are real sentences from the package's testdata: the
// UNFAIR-ToS and CUAD samples, current terms of service, the sentences of a
// whole CUAD contract, and a few strings that take the rare paths (Unicode,
// URLs, clitics, corpus escapes, numbers).
func inferenceTexts(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, f := range []string{"unfair_validation_sample.jsonl", "current_tos.jsonl", "cuad_sample.jsonl"} {
		for _, s := range readSamples(t, filepath.Join("testdata", f)) {
			out = append(out, s.Text)
		}
	}
	b, err := os.ReadFile("testdata/cuad-ability-services.txt")
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, Sentences(string(b))...)
	out = append(out,
		"We’ve updated the Company’s Terms at https://example.com/terms or email help@example.com.",
		"we 've updated the company 's terms at https://example.com/terms or email help@example.com .",
		"-LRB- a -RRB- the licensee shall n't ``assign'' -- or sub-license -- its rights ; see § 12.3(b)",
		"Die Gesellschaft haftet NICHT für Schäden über 12.000,50 € hinaus; ÄNDERUNGEN ﬁnden Anwendung.",
		"Licensee may not use the Software without Licensor's prior written consent, and not at any time.",
		"WWW.EXAMPLE.COM/terms: 75,000 units at 10:30 a.m. (U.S. time), [net 30] {see Exhibit A}",
		"third‐party and/or third‑party rights; it’s the user’s obligation, isn’t it? Yes!",
		strings.Repeat("indemnify ", 400),
		"",
		"   \t ",
	)
	return out
}

// featureDigest hashes the tokens of every text and its features under
// every golden configuration.
func featureDigest(texts []string) string {
	h := sha256.New()
	var toks []byte
	var idx []uint32
	for _, text := range texts {
		toks = Tokens(toks[:0], text)
		h.Write(toks)
		for i := range goldenConfigs {
			v := goldenConfigs[i].features(idx, toks, nil)
			idx = v.idx
			for _, j := range v.idx {
				h.Write(binary.LittleEndian.AppendUint32(nil, j))
			}
			fmt.Fprintf(h, "|%d|%08x|%08x\n", v.nword, math.Float32bits(v.vw), math.Float32bits(v.vc))
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// sharedTexts are the sentences of the full data sets when ../shared is
// present: every UNFAIR-ToS sentence and the sentences of 60 CUAD
// contracts.
func sharedTexts(t *testing.T) []string {
	t.Helper()
	const dir = "../../../shared/data"
	f, err := os.Open(filepath.Join(dir, "unfair-tos/sentences.jsonl"))
	if err != nil {
		t.Skipf("no shared data: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var s sample
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.Text)
	}
	names, err := filepath.Glob(filepath.Join(dir, "cuad/contracts/*.txt"))
	if err != nil || len(names) < 60 {
		t.Skipf("no CUAD contracts in %s", dir)
	}
	slices.Sort(names)
	for _, name := range names[:60] {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Sentences(string(b))...)
	}
	return out
}

// The tokens and hashed features of real text are exactly those recorded
// in testdata/features.golden: the weights were trained on them, so a
// faster tokeniser or featuriser must not move a single feature.
func TestFeaturesGolden(t *testing.T) {
	checkDigest(t, "testdata/features.golden", featureDigest(inferenceTexts(t)))
}

func TestFeaturesGoldenSharedData(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	checkDigest(t, "testdata/features-shared.golden", featureDigest(sharedTexts(t)))
}

func checkDigest(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != strings.TrimSpace(string(want)) {
		t.Errorf("digest of tokens and features = %s, want %s (%s): the features changed", got, strings.TrimSpace(string(want)), path)
	}
}

// referenceScores is Scores written plainly, label by label: the fast
// path's row sums must give exactly these probabilities.
func referenceScores(m *Model, text string) []float64 {
	f := &m.hdr.Train.Features
	v := f.features(nil, Tokens(nil, text), m.idf)
	out := make([]float64, m.nl)
	for l := range out {
		var sw, sc int32
		for k, j := range v.idx {
			w := int32(m.table[int(j)*m.nl+l])
			if k < v.nword {
				sw += w
			} else {
				sc += w
			}
		}
		p := &m.hdr.Labels[l]
		margin := float64(p.Bias) + float64(p.Scale)*(float64(v.vw)*float64(sw)+float64(v.vc)*float64(sc))
		out[l] = sigmoid(p.PlattA*margin + p.PlattB)
	}
	return out
}

// Scores, and the Scores of a subset of the labels, equal the plain
// computation exactly on every test sentence, for both embedded models.
func TestScoresExact(t *testing.T) {
	texts := inferenceTexts(t)
	for _, tax := range []string{UnfairToS, CUAD} {
		t.Run(tax, func(t *testing.T) {
			m := loadModel(t, tax)
			all := m.Labels()
			// Every label, and every other label backwards: a subset
			// keeps the order it is given, not the model's.
			var names []string
			var cols []int
			for l := len(all) - 1; l >= 0; l -= 2 {
				names, cols = append(names, all[l]), append(cols, l)
			}
			// And the first 26, as many as a scan's subset of the CUAD
			// model: four words of eight labels, summed in one pass.
			first := all[:min(26, len(all))]
			var subs []*Subset
			for _, labels := range [][]string{all, names, first} {
				sub, err := m.Subset(labels)
				if err != nil {
					t.Fatal(err)
				}
				if got := sub.Labels(); !slices.Equal(got, labels) {
					t.Fatalf("subset labels %v, want %v", got, labels)
				}
				subs = append(subs, sub)
			}
			var full, whole, part, head []float64
			for _, text := range texts {
				want := referenceScores(m, text)
				full = m.Scores(full, text)
				whole = subs[0].Scores(whole, text)
				part = subs[1].Scores(part, text)
				head = subs[2].Scores(head, text)
				for l := range head {
					if head[l] != want[l] {
						t.Fatalf("%.60q: label %s: subset of the first %d %v, plain sum %v", text, all[l], len(first), head[l], want[l])
					}
				}
				for l := range want {
					if full[l] != want[l] || whole[l] != want[l] {
						t.Fatalf("%.60q: label %s: Scores %v, subset of all %v, plain sum %v", text, all[l], full[l], whole[l], want[l])
					}
				}
				for i, l := range cols {
					if part[i] != want[l] {
						t.Fatalf("%.60q: label %s: subset %v, full model %v", text, all[l], part[i], want[l])
					}
				}
			}
		})
	}
}

func TestSubsetErrors(t *testing.T) {
	m := loadModel(t, CUAD)
	for _, labels := range [][]string{nil, {"Governing Law", "No Such Label"}, {"governing law"}} {
		if _, err := m.Subset(labels); err == nil {
			t.Errorf("Subset(%q): no error", labels)
		}
	}
}

// The subset's lanes must not overflow: with every weight at the extreme
// (+127 or -127) and sentences of thousands of features, its sums still
// equal the plain ones.
func TestSubsetExtremeWeights(t *testing.T) {
	const bits, nl = 8, 11
	var h strings.Builder
	fmt.Fprintf(&h, `{"format":%q,"name":"extreme","train":{"features":{"bits":%d,"bigrams":true}},"labels":[`, FormatVersion, bits)
	for l := range nl {
		if l > 0 {
			h.WriteString(",")
		}
		fmt.Fprintf(&h, `{"name":"L%d","bias":-3,"scale":0.001,"platt_a":1,"platt_b":0}`, l)
	}
	h.WriteString("]}")
	for _, w := range []int8{127, -127} {
		table := make([]byte, (1<<bits)*nl)
		for i := range table {
			table[i] = byte(w)
		}
		m, err := Parse([]byte(h.String()), table)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := m.Subset(m.Labels())
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 128, 129, 257, 258, 2000} {
			text := strings.Repeat("word ", n)
			want, got := referenceScores(m, text), sub.Scores(nil, text)
			if !slices.Equal(got, want) {
				t.Errorf("weights %d, %d words: subset %v, plain %v", w, n, got, want)
			}
		}
	}
}

// BenchmarkSubset measures making a subset of 26 of the CUAD model's 41
// labels, which a program that scans one document pays once.
func BenchmarkSubset(b *testing.B) {
	m := loadModel(b, CUAD)
	labels := m.Labels()[:26]
	for b.Loop() {
		if _, err := m.Subset(labels); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubsetScores measures scoring a CUAD clause with 26 of the
// CUAD model's 41 labels, as many as a scan's subset has (four words of
// eight labels), which is most of the clause models' cost in a scan.
func BenchmarkSubsetScores(b *testing.B) {
	m := loadModel(b, CUAD)
	sub, err := m.Subset(m.Labels()[:26])
	if err != nil {
		b.Fatal(err)
	}
	samples := readSamples(b, "testdata/cuad_sample.jsonl")
	var dst []float64
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dst = sub.Scores(dst, samples[i%len(samples)].Text)
		i++
	}
}

// A subset of a model with networks keeps the whole model's blended
// probabilities of its labels.
func TestSubsetWithNetworks(t *testing.T) {
	samples := readSamples(t, "testdata/unfair_validation_sample.jsonl")
	sents := make([]LabelledSentence, len(samples))
	for i, s := range samples {
		sents[i] = LabelledSentence{Text: s.Text, Labels: s.Labels, Group: s.Company}
	}
	cfg := DefaultConfig(UnfairToS)
	cfg.Features.Bits = 12
	cfg.Folds = 3
	cfg.Neural = &NeuralConfig{Dim: 8, Hidden: 8, Epochs: 4, LR: 0.01, Batch: 8, Members: 1, Blend: 0.5}
	tr := Train(cfg, sents, UnfairLabels)
	if err := addNeural(tr, cfg, sents, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	m, err := Parse(tr.HeaderJSON(), tr.Table)
	if err != nil {
		t.Fatal(err)
	}
	if m.nn == nil {
		t.Fatal("the model has no networks")
	}
	all := m.Labels()
	names := []string{all[5], all[0], all[3]}
	sub, err := m.Subset(names)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range samples {
		want := m.Scores(nil, s.Text)
		got := sub.Scores(nil, s.Text)
		for i, l := range []int{5, 0, 3} {
			if got[i] != want[l] {
				t.Fatalf("%.60q: label %s: subset %v, model %v", s.Text, all[l], got[i], want[l])
			}
		}
	}
}

// The word n-grams of a model without cues or negation (FeatureConfig.ngrams,
// their loop of their own) are those of the definition: every token's
// hash, then the trigram and the bigram ending at it, then the bigram of
// the last token and the sentence's end.
func TestWordNgrams(t *testing.T) {
	for _, c := range []FeatureConfig{
		{Bits: 16},
		{Bits: 16, Bigrams: true},
		{Bits: 18, Bigrams: true, Trigrams: true},
	} {
		mask := uint64(1)<<c.Bits - 1
		for _, text := range inferenceTexts(t) {
			toks := Tokens(nil, text)
			var want []uint32
			prev := hashBytes(seedBigram, []byte("<s>"))
			prev2 := prev
			for _, tok := range strings.Fields(string(toks)) {
				h := hashBytes(seedWord, []byte(tok))
				want = append(want, uint32(h&mask))
				if c.Trigrams {
					want = append(want, uint32(mix(prev2*0x9e3779b1+prev*31+h)&mask))
				}
				if c.Bigrams {
					want = append(want, uint32(mix(prev*31+h)&mask))
				}
				prev2, prev = prev, h
			}
			if c.Bigrams {
				want = append(want, uint32(mix(prev*31+hashBytes(seedWord, []byte("</s>")))&mask))
			}
			if v := c.features(nil, toks, nil); !slices.Equal(v.idx, want) || v.nword != len(want) {
				t.Fatalf("%+v, %.60q: features %v (%d words), want %v", c, text, v.idx, v.nword, want)
			}
		}
	}
}
