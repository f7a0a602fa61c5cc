package analyze

import (
	"cmp"
	"math"
	"slices"
)

// MaxPerRule is how many findings of one rule a report lists separately.
// A lease that lets the landlord raise the rent says so in a dozen
// clauses; the reader needs the first few places and a list of the rest,
// and the score should not count the same risk a dozen times.
const MaxPerRule = 3

// maxInfo is the same for a rule of severity info: it notes what the
// contract says (at-will employment, the governing law), which is not a
// risk to weigh place by place, so an offer letter that repeats "at-will"
// in its acceptance block gets one note with the other place beside it.
const maxInfo = 1

// foldRepeats keeps, for each rule, its MaxPerRule (maxInfo) most
// confident findings (among equals, those the clause model is surest of,
// then in document order) and folds the locations of the rest into the
// last one kept, in document order.
func foldRepeats(fs []Finding) []Finding {
	byRule := map[string][]int{}
	for i, f := range fs {
		byRule[f.Rule] = append(byRule[f.Rule], i)
	}
	drop := make([]bool, len(fs))
	for _, idx := range byRule {
		limit := MaxPerRule
		if fs[idx[0]].Severity == "info" {
			limit = maxInfo
		}
		if len(idx) <= limit {
			continue
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			if c := cmp.Compare(fs[b].Confidence, fs[a].Confidence); c != 0 {
				return c
			}
			// Rounded: the model's 0.99 and 1.00 are the same certainty.
			if c := cmp.Compare(math.Round(fs[b].modelP*10), math.Round(fs[a].modelP*10)); c != 0 {
				return c
			}
			return cmp.Compare(fs[a].Location.Start, fs[b].Location.Start)
		})
		keep, rest := idx[:limit], slices.Clone(idx[limit:])
		slices.SortFunc(rest, func(a, b int) int { return cmp.Compare(fs[a].Location.Start, fs[b].Location.Start) })
		last := slices.Max(keep)
		for _, i := range rest {
			fs[last].Also = append(fs[last].Also, fs[i].Location)
			drop[i] = true
		}
	}
	out := fs[:0]
	for i, f := range fs {
		if !drop[i] {
			out = append(out, f)
		}
	}
	return out
}
