package model

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// A Paraphrase is another wording of a training sentence, written by a
// language model asked to keep its legal effect: the sentence's labels
// hold for it.
type Paraphrase struct {
	Company string `json:"company"`
	Source  string `json:"source"` // the training sentence's text, as in the corpus
	Text    string `json:"text"`
}

// ReadParaphrases reads a JSON Lines file of Paraphrase.
func ReadParaphrases(path string) ([]Paraphrase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Paraphrase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var p Paraphrase
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// ParaphraseCopies returns a SeedOptions.Copies function giving every
// training sentence its paraphrases, with its labels and company, so that
// a paraphrase is trained on only where its source is (never in the fold
// scored, never when its source is validation data).
func ParaphraseCopies(paras []Paraphrase) func([]LabelledSentence) []LabelledSentence {
	type key struct{ company, text string }
	byKey := map[key][]string{}
	for _, p := range paras {
		k := key{p.Company, p.Source}
		byKey[k] = append(byKey[k], p.Text)
	}
	return func(sents []LabelledSentence) []LabelledSentence {
		var out []LabelledSentence
		for _, s := range sents {
			for _, t := range byKey[key{s.Group, s.Text}] {
				out = append(out, LabelledSentence{Text: t, Labels: s.Labels, Split: s.Split, Group: s.Group})
			}
		}
		return out
	}
}
