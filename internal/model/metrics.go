package model

import (
	"fmt"
	"io"
	"slices"
)

// LabelScore is precision, recall and F1 of one label.
type LabelScore struct {
	Label          string
	TP, FP, FN     int
	Precision      float64
	Recall, F1     float64
	Support, Guess int // gold and predicted positives
}

// Scores are per-label figures and their averages. MicroF1 and MacroF1 are
// computed as LexGLUE does for UNFAIR-ToS: an extra "none" column, 1 when a
// sentence has no label, is added to both the gold and the predicted label
// matrices before sklearn-style micro and macro F1 (zero_division=0) are
// taken over all columns. The plain averages over the real labels only are
// given too.
type Scores struct {
	Labels           []LabelScore
	None             LabelScore
	MicroF1, MacroF1 float64 // LexGLUE-style, with the none column
	LabelMicroF1     float64 // over the real labels only
	LabelMacroF1     float64
	N                int
}

// PresentMacroF1 is the LexGLUE-style macro F1 over the labels the gold
// data has or the model guessed, and none: a set of documents without an
// arbitration clause, say, has no F1 for arbitration to average unless the
// model claims one.
func (sc *Scores) PresentMacroF1() float64 {
	sum, n := sc.None.F1, 1
	for _, s := range sc.Labels {
		if s.Support > 0 || s.Guess > 0 {
			sum += s.F1
			n++
		}
	}
	return sum / float64(n)
}

func (s *LabelScore) finish() {
	s.Support = s.TP + s.FN
	s.Guess = s.TP + s.FP
	if s.Guess > 0 {
		s.Precision = float64(s.TP) / float64(s.Guess)
	}
	if s.Support > 0 {
		s.Recall = float64(s.TP) / float64(s.Support)
	}
	if d := 2*s.TP + s.FP + s.FN; d > 0 {
		s.F1 = 2 * float64(s.TP) / float64(d)
	}
}

// Evaluate compares predicted with gold label sets, one pair per item.
func Evaluate(labels []string, gold, pred [][]string) Scores {
	sc := Scores{Labels: make([]LabelScore, len(labels)), None: LabelScore{Label: "none"}, N: len(gold)}
	for i, l := range labels {
		sc.Labels[i].Label = l
	}
	count := func(s *LabelScore, g, p bool) {
		switch {
		case g && p:
			s.TP++
		case p:
			s.FP++
		case g:
			s.FN++
		}
	}
	for i := range gold {
		for li, l := range labels {
			count(&sc.Labels[li], slices.Contains(gold[i], l), slices.Contains(pred[i], l))
		}
		count(&sc.None, !anyOf(gold[i], labels), !anyOf(pred[i], labels))
	}
	var tp, fp, fn int
	var sum float64
	for i := range sc.Labels {
		s := &sc.Labels[i]
		s.finish()
		tp, fp, fn = tp+s.TP, fp+s.FP, fn+s.FN
		sum += s.F1
	}
	if len(labels) > 0 {
		sc.LabelMacroF1 = sum / float64(len(labels))
	}
	if d := 2*tp + fp + fn; d > 0 {
		sc.LabelMicroF1 = 2 * float64(tp) / float64(d)
	}
	sc.None.finish()
	tp, fp, fn = tp+sc.None.TP, fp+sc.None.FP, fn+sc.None.FN
	sc.MacroF1 = (sum + sc.None.F1) / float64(len(labels)+1)
	if d := 2*tp + fp + fn; d > 0 {
		sc.MicroF1 = 2 * float64(tp) / float64(d)
	}
	return sc
}

func anyOf(have, labels []string) bool {
	for _, h := range have {
		if slices.Contains(labels, h) {
			return true
		}
	}
	return false
}

// Print writes the per-label table and the averages.
func (sc *Scores) Print(w io.Writer, withNone bool) error {
	fmt.Fprintf(w, "%-36s %9s %9s %9s %8s %8s\n", "label", "precision", "recall", "f1", "support", "guessed")
	rows := sc.Labels
	if withNone {
		rows = append(slices.Clip(rows), sc.None)
	}
	for _, s := range rows {
		fmt.Fprintf(w, "%-36s %9.1f %9.1f %9.1f %8d %8d\n", s.Label, 100*s.Precision, 100*s.Recall, 100*s.F1, s.Support, s.Guess)
	}
	if withNone {
		fmt.Fprintf(w, "LexGLUE-style (with none column): micro-F1 %.1f  macro-F1 %.1f\n", 100*sc.MicroF1, 100*sc.MacroF1)
	}
	_, err := fmt.Fprintf(w, "over the %d labels only:           micro-F1 %.1f  macro-F1 %.1f  (%d items)\n",
		len(sc.Labels), 100*sc.LabelMicroF1, 100*sc.LabelMacroF1, sc.N)
	return err
}
