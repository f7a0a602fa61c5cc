package model

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// PretrainText gathers the unlabelled legal text word vectors are pretrained
// on: the CUAD contracts, the template documents and the given sentences
// (the UNFAIR-ToS train split; never the validation or test text). Files are
// read in sorted order so the corpus is the same on every run.
func PretrainText(dataDir string, sentences []string) ([]string, error) {
	var docs []string
	for _, pat := range []string{
		filepath.Join(dataDir, "cuad", "contracts", "*.txt"),
		filepath.Join(dataDir, "templates", "*", "*.md"),
		filepath.Join(dataDir, "templates", "*", "*.txt"),
	} {
		files, err := filepath.Glob(pat)
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			docs = append(docs, string(b))
		}
	}
	docs = append(docs, strings.Join(sentences, "\n"))
	return docs, nil
}

// SkipGram are the settings of word-vector pretraining.
type SkipGram struct {
	Dim, Window, Negative, Epochs, MinCount int
	LR                                      float64
	Sample                                  float64 // frequent-word subsampling threshold
	Seed                                    uint64
}

// pretrainVectors learns word vectors from docs by skip-gram with negative
// sampling (Mikolov et al., 2013), single-threaded so that a seed gives the
// same vectors, and lays them out as embedding rows of the unigram features
// they hash to (2^bits rows of dim). Rows no word hashes to stay zero; two
// words in one row are averaged, weighted by count.
func pretrainVectors(docs []string, bits int, sg SkipGram) []float32 {
	// Vocabulary.
	count := map[string]int{}
	var streams [][]string
	var toks []byte
	for _, doc := range docs {
		toks = Tokens(toks[:0], doc)
		words := strings.Fields(string(toks))
		for _, w := range words {
			count[w]++
		}
		streams = append(streams, words)
	}
	var vocab []string
	for w, c := range count {
		if c >= sg.MinCount {
			vocab = append(vocab, w)
		}
	}
	slices.SortFunc(vocab, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	id := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		id[w] = int32(i)
	}
	var total float64
	corpus := make([][]int32, len(streams))
	for s, words := range streams {
		for _, w := range words {
			if i, ok := id[w]; ok {
				corpus[s] = append(corpus[s], i)
				total++
			}
		}
	}
	// Negative-sampling table over count^0.75.
	const tableSize = 1 << 22
	table := make([]int32, 0, tableSize)
	var z float64
	for _, w := range vocab {
		z += math.Pow(float64(count[w]), 0.75)
	}
	var acc float64
	for i, w := range vocab {
		acc += math.Pow(float64(count[w]), 0.75) / z
		for len(table) < tableSize && float64(len(table)) < acc*tableSize {
			table = append(table, int32(i))
		}
	}
	for len(table) < tableSize {
		table = append(table, int32(len(vocab)-1))
	}
	keep := make([]float64, len(vocab))
	for i, w := range vocab {
		f := float64(count[w]) / total
		keep[i] = math.Min(1, (math.Sqrt(f/sg.Sample)+1)*sg.Sample/f)
	}
	d := sg.Dim
	rng := rand.New(rand.NewPCG(sg.Seed, 0x5e9))
	in := make([]float32, len(vocab)*d)
	outv := make([]float32, len(vocab)*d)
	for i := range in {
		in[i] = float32((rng.Float64() - 0.5) / float64(d))
	}
	grad := make([]float32, d)
	steps := float64(sg.Epochs) * total
	var done float64
	var sent []int32
	for ep := 0; ep < sg.Epochs; ep++ {
		for _, words := range corpus {
			sent = sent[:0]
			for _, w := range words {
				if rng.Float64() < keep[w] {
					sent = append(sent, w)
				}
			}
			done += float64(len(words))
			lr := float32(sg.LR * math.Max(1e-4, 1-done/steps))
			for pos, w := range sent {
				b := rng.IntN(sg.Window)
				for c := pos - sg.Window + b; c <= pos+sg.Window-b; c++ {
					if c < 0 || c >= len(sent) || c == pos {
						continue
					}
					v := in[int(sent[c])*d : int(sent[c])*d+d]
					clear(grad)
					for k := 0; k <= sg.Negative; k++ {
						target, label := w, float32(1)
						if k > 0 {
							target = table[rng.IntN(tableSize)]
							if target == w {
								continue
							}
							label = 0
						}
						o := outv[int(target)*d : int(target)*d+d]
						var dot float32
						for j := range v {
							dot += v[j] * o[j]
						}
						g := lr * (label - float32(sigmoid(float64(dot))))
						for j := range v {
							grad[j] += g * o[j]
							o[j] += g * v[j]
						}
					}
					for j := range v {
						v[j] += grad[j]
					}
				}
			}
		}
	}
	mask := uint64(1)<<bits - 1
	rows := make([]float32, (1<<bits)*d)
	weight := make([]float64, 1<<bits)
	for i, w := range vocab {
		j := int(hashBytes(seedWord, []byte(w)) & mask)
		c := float64(count[w])
		dst := rows[j*d : j*d+d]
		src := in[i*d : i*d+d]
		for k := range dst {
			dst[k] = float32((float64(dst[k])*weight[j] + float64(src[k])*c) / (weight[j] + c))
		}
		weight[j] += c
	}
	return rows
}
