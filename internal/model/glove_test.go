package model

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func sampleVectors(t *testing.T) *WordVectors {
	t.Helper()
	wv, err := ReadWordVectors("testdata/glove-sample.vec")
	if err != nil {
		t.Fatal(err)
	}
	return wv
}

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s / (norm(a) * norm(b))
}

// TestDenseBlocks checks each dense block against the pooling it names,
// computed here from the words' vectors: punctuation and words without a
// vector ("at") are skipped, the cue block reads only the words near "may".
func TestDenseBlocks(t *testing.T) {
	wv := sampleVectors(t)
	c := FeatureConfig{Bits: 16, GloVe: "mean,max,cue", GloVeScale: 0.5}.WithVectors(wv)
	dim := wv.Dim
	vec := func(w string) []float32 {
		v := make([]float32, dim)
		wv.Vector(v, wv.Lookup([]byte(w)))
		return v
	}
	toks := Tokens(nil, "We may remove any content at any time.")
	got := make([]float32, c.denseDim())
	c.dense(got, toks, nil)
	mean, maxv, cue := make([]float32, dim), make([]float32, dim), make([]float32, dim)
	for k := range maxv {
		maxv[k] = float32(math.Inf(-1))
	}
	for i, w := range []string{"we", "may", "remove", "any", "content", "any", "time"} {
		for k, x := range vec(w) {
			mean[k] += x
			maxv[k] = max(maxv[k], x)
			if i < 5 { // "at" is token 5, within 3 tokens of "may" (1) up to "content" (4)
				cue[k] += x
			}
		}
	}
	for b, want := range [][]float32{mean, maxv, cue} {
		block := got[b*dim : b*dim+dim]
		if n := norm(block); math.Abs(n-0.5) > 1e-4 {
			t.Errorf("block %s has norm %.5f, want 0.5", denseBlocks[b], n)
		}
		if cs := cosine(block, want); cs < 0.9999 {
			t.Errorf("block %s: cosine %.5f with the pooled vectors", denseBlocks[b], cs)
		}
	}
	c.dense(got, Tokens(nil, "The court of law."), nil)
	if n := norm(got[2*dim:]); n != 0 {
		t.Errorf("cue block of a sentence without a modal has norm %v, want 0", n)
	}
}

// TestDenseModelMatchesTraining trains a model with dense features on real
// UNFAIR-ToS sentences and checks that inference (the quantised table and
// the dense features computed from the tokens) gives the margins of the
// float weights training fitted on its own feature vectors.
func TestDenseModelMatchesTraining(t *testing.T) {
	wv := sampleVectors(t)
	var sents []LabelledSentence
	for _, s := range readSamples(t, "testdata/unfair_validation_sample.jsonl") {
		sents = append(sents, LabelledSentence{Text: s.Text, Labels: s.Labels, Group: s.Company})
	}
	cfg := DefaultConfig(UnfairToS)
	cfg.Features.GloVe, cfg.Features.GloVeScale = "mean,cue", 0.5
	cfg.Features = cfg.Features.WithVectors(wv)
	tr := Train(cfg, sents, UnfairLabels)
	m, err := Parse(tr.HeaderJSON(), tr.Table)
	if err != nil {
		t.Fatal(err)
	}
	m.hdr.Train.Features.vectors = wv
	d := newDataset(&cfg.Features, sents, UnfairLabels)
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	models := trainAll(&cfg, d, all)
	dense := 0
	for i, s := range sents {
		v := &d.vecs[i]
		if v.idx[len(v.idx)-1] >= 1<<cfg.Features.Bits {
			dense++
		}
		p := m.Scores(nil, s.Text)
		for l, lp := range m.hdr.Labels {
			if p[l] < 1e-9 || p[l] > 1-1e-9 {
				continue
			}
			got := (math.Log(p[l]/(1-p[l])) - lp.PlattB) / lp.PlattA
			want := models[l].margin(v)
			// int8 weights: within a few quantisation steps.
			if math.Abs(got-want) > 0.05+0.02*math.Abs(want) {
				t.Fatalf("sentence %d label %s: inference margin %.4f, training %.4f", i, lp.Name, got, want)
			}
		}
	}
	if dense < len(sents)/2 {
		t.Errorf("only %d of %d sentences have dense features", dense, len(sents))
	}
	with := m.Scores(nil, sents[0].Text)
	m.hdr.Train.Features.vectors = nil
	if slices.Equal(m.Scores(nil, sents[0].Text), with) {
		t.Error("scores do not depend on the word vectors")
	}
}

func TestGloVeNeighbours(t *testing.T) {
	wv := sampleVectors(t)
	var texts []string
	for range 3 {
		texts = append(texts, "We may remove any content.", "The court may terminate your account.")
	}
	nb := GloVeNeighbours(wv, texts, len(wv.Words), 3, 0.3)
	for rare, want := range map[string]string{
		"eliminate": "remove", "delete": "remove", "suspend": "terminate", "judge": "court", "arbitrator": "court",
	} {
		if nb[rare] != want {
			t.Errorf("neighbour of %q = %q, want %q", rare, nb[rare], want)
		}
	}
	for _, frequent := range []string{"remove", "court", "may"} {
		if w, ok := nb[frequent]; ok {
			t.Errorf("frequent word %q mapped to %q", frequent, w)
		}
	}
}

func TestGloVeClusters(t *testing.T) {
	wv := sampleVectors(t)
	cl := GloVeClusters(wv, []string{"The arbitrator may remove content."}, len(wv.Words), 4)
	if len(cl) != len(wv.Words) {
		t.Errorf("%d words clustered, want %d", len(cl), len(wv.Words))
	}
	day := cl["monday"]
	for _, w := range []string{"tuesday", "wednesday", "thursday", "friday"} {
		if cl[w] != day {
			t.Errorf("%s in cluster %d, monday in %d", w, cl[w], day)
		}
	}
	if cl["arbitration"] != cl["arbitrator"] || cl["arbitration"] == day {
		t.Errorf("arbitration %d, arbitrator %d, weekdays %d", cl["arbitration"], cl["arbitrator"], day)
	}
}

func TestGloVeRows(t *testing.T) {
	wv := sampleVectors(t)
	train := []LabelledSentence{{Text: "We may remove or delete any content."}}
	const bits = 16
	row := func(rows []float32, dim int, w string) []float32 {
		j := int(hashBytes(seedWord, []byte(w)) & (1<<bits - 1))
		return rows[j*dim : j*dim+dim]
	}
	full := gloveRows(wv, train, bits, wv.Dim, 0)
	v := make([]float32, wv.Dim)
	wv.Vector(v, wv.Lookup([]byte("remove")))
	if !slices.Equal(row(full, wv.Dim, "remove"), v) {
		t.Error("the row of remove is not its vector")
	}
	if norm(row(full, wv.Dim, "judge")) != 0 {
		t.Error("judge, in no training text and not among the top words, has a row")
	}
	// A narrower network gets a random projection, which keeps angles
	// roughly.
	small := gloveRows(wv, train, bits, 32, len(wv.Words))
	d := v
	dv := make([]float32, wv.Dim)
	wv.Vector(dv, wv.Lookup([]byte("delete")))
	want := cosine(d, dv)
	got := cosine(row(small, 32, "remove"), row(small, 32, "delete"))
	if math.Abs(got-want) > 0.3 {
		t.Errorf("cosine remove/delete %.2f after projection, %.2f before", got, want)
	}
	if norm(row(small, 32, "judge")) == 0 {
		t.Error("judge, among the top words, has no row")
	}
}

func TestGloVeAugment(t *testing.T) {
	wv := sampleVectors(t)
	in := []LabelledSentence{{Text: "We may remove any content without notice.", Labels: []string{"CR"}, Group: "x"}}
	aug := GloVeAugment(wv, 2, 1, len(wv.Words), 0.3, 1)
	out := aug(in)
	if len(out) != 2 {
		t.Fatalf("%d copies, want 2", len(out))
	}
	for _, c := range out {
		if !slices.Equal(c.Labels, in[0].Labels) || c.Group != "x" {
			t.Errorf("copy %+v lost its labels or company", c)
		}
		words := strings.Fields(c.Text)
		// Function words, modals and negations stay; "remove" has a
		// near neighbour in the sample.
		for k, w := range map[int]string{0: "we", 1: "may", 3: "any", 5: "without", 7: "."} {
			if words[k] != w {
				t.Errorf("copy %q changed %q", c.Text, w)
			}
		}
		if words[2] == "remove" {
			t.Errorf("copy %q kept remove", c.Text)
		}
	}
	if again := aug(in); !slices.EqualFunc(again, out, func(a, b LabelledSentence) bool { return a.Text == b.Text }) {
		t.Error("copies differ between calls")
	}
}

// TestCopiesFollowTheirCompany checks that a copy is trained on only in
// the folds that train on its company: copies identical to their
// sentences give exactly the out-of-fold margins of the sentences doubled,
// and would give others if the scored fold's copies were trained on.
func TestCopiesFollowTheirCompany(t *testing.T) {
	var sents []LabelledSentence
	for _, s := range readSamples(t, "testdata/unfair_validation_sample.jsonl")[:200] {
		sents = append(sents, LabelledSentence{Text: s.Text, Labels: s.Labels, Group: s.Company})
	}
	cfg := DefaultConfig(UnfairToS)
	doubled := append(slices.Clip(sents), sents...)
	d1 := newDataset(&cfg.Features, doubled, UnfairLabels)
	d1.extra, d1.extraByGroup = len(sents), true
	d2 := newDataset(&cfg.Features, doubled, UnfairLabels)
	want := crossValidate(&cfg, d2)
	got := crossValidate(&cfg, d1)
	for l := range got {
		for i := range sents {
			if got[l][i] != want[l][i] {
				t.Fatalf("label %s sentence %d: margin %v, want %v", UnfairLabels[l], i, got[l][i], want[l][i])
			}
		}
	}
	d1.extraByGroup = false
	leaky := crossValidate(&cfg, d1)
	if slices.Equal(leaky[0], got[0]) {
		t.Error("training on the scored fold's copies changes nothing")
	}
}
