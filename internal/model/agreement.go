package model

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Agreement is how often near-identical sentences of different groups
// carry the same labels: a ceiling of sorts on what any classifier of
// the sentences' words can score against those labels.
type Agreement struct {
	Pairs     int // near-identical pairs of different groups
	Labelled  int // of those, pairs where either sentence has a label
	Differ    int // labelled pairs whose label sets differ
	Instances int // labels of the labelled pairs, a label held by both counted once
	Disputed  int // of those, labels only one sentence of its pair has
}

// F1 is the agreement of one sentence's labels with its twin's, as an
// F1 score over label instances.
func (a Agreement) F1() float64 {
	agree := a.Instances - a.Disputed
	if agree == 0 {
		return 0
	}
	return 100 * float64(2*agree) / float64(2*agree+a.Disputed)
}

// LabelAgreement finds the pairs of sentences of different groups whose
// sets of words (lower-cased letters) overlap by Jaccard minJaccard or
// more, among sentences of at least eight such words, and compares their
// labels. Candidates are the sentences sharing one of a sentence's three
// longest words; a word common to more than 400 sentences proposes none.
func LabelAgreement(sents []LabelledSentence, minJaccard float64) Agreement {
	words := make([][]string, len(sents))
	byWord := map[string][]int{}
	for i, s := range sents {
		ws := strings.FieldsFunc(strings.ToLower(s.Text), func(r rune) bool { return r < 'a' || r > 'z' })
		slices.Sort(ws)
		words[i] = slices.Compact(ws)
		if len(words[i]) < 8 {
			continue
		}
		longest := slices.Clone(words[i])
		slices.SortStableFunc(longest, func(a, b string) int { return len(b) - len(a) })
		for _, w := range longest[:3] {
			byWord[w] = append(byWord[w], i)
		}
	}
	seen := map[[2]int]bool{}
	var a Agreement
	for _, ids := range byWord {
		if len(ids) > 400 {
			continue
		}
		for x, i := range ids {
			for _, j := range ids[x+1:] {
				if sents[i].Group == sents[j].Group || seen[[2]int{i, j}] || jaccard(words[i], words[j]) < minJaccard {
					continue
				}
				seen[[2]int{i, j}] = true
				a.Pairs++
				li, lj := sents[i].Labels, sents[j].Labels
				if len(li)+len(lj) == 0 {
					continue
				}
				a.Labelled++
				union := map[string]int{}
				for _, l := range li {
					union[l] |= 1
				}
				for _, l := range lj {
					union[l] |= 2
				}
				differ := false
				for _, m := range union {
					a.Instances++
					if m != 3 {
						a.Disputed++
						differ = true
					}
				}
				if differ {
					a.Differ++
				}
			}
		}
	}
	return a
}

// jaccard is |a ∩ b| / |a ∪ b| of two sorted sets of words.
func jaccard(a, b []string) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			inter++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// AgreementReport writes LabelAgreement over both labelled UNFAIR-ToS
// splits to w.
func AgreementReport(dataDir string, w io.Writer) error {
	sents, _, err := ReadUnfairToS(dataDir)
	if err != nil {
		return err
	}
	a := LabelAgreement(sents, 0.8)
	fmt.Fprintf(w, "unfair-tos: %d pairs of near-identical sentences of different companies (word-set Jaccard 0.8 or more); %d with a label: %d agree, %d differ; labels %d, held by one of the pair only %d; agreement F1 %.1f\n",
		a.Pairs, a.Labelled, a.Labelled-a.Differ, a.Differ, a.Instances, a.Disputed, a.F1())
	return nil
}
