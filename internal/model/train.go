package model

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
)

// TrainConfig holds the learner's settings; it is stored in the weights
// header with the feature settings.
type TrainConfig struct {
	Features  FeatureConfig `json:"features"`
	Epochs    int           `json:"epochs"`     // most passes of coordinate descent
	C         float64       `json:"c"`          // the SVM's cost: higher fits the training data closer
	PosWeight float64       `json:"pos_weight"` // cap on the weight of a positive example (sqrt(neg/pos) below it)
	Folds     int           `json:"folds"`      // cross-validation folds for thresholds and calibration
	Seed      uint64        `json:"seed"`       // shuffling seed
	// Learner is "svm" (the default when empty), "lr" (logistic
	// regression by AdaGrad) or "svm+lr" (both, averaged after scaling
	// their margins to unit spread: one linear model, no inference cost).
	Learner string `json:"learner,omitempty"`
	// Neural, when set, adds an ensemble of small networks whose
	// probabilities are blended with the linear model's (neural.go).
	Neural *NeuralConfig `json:"neural,omitempty"`
	// PerLabel overrides C and PosWeight for some labels, by name (a
	// pointer keeps TrainConfig comparable).
	PerLabel *PerLabel `json:"per_label,omitempty"`
	// Bags, when above 1, averages the weights of that many models, each
	// trained on a random BagShare of the training groups: still one
	// linear model at inference.
	Bags     int     `json:"bags,omitempty"`
	BagShare float64 `json:"bag_share,omitempty"`
	// RepeatCV, when above 1, cross-validates over that many fold
	// partitions for calibration and thresholds.
	RepeatCV int `json:"repeat_cv,omitempty"`
	// NBAlpha, when above 0, scales every feature of a label's SVM by its
	// naive Bayes log-count ratio on the training rows, smoothed by NBAlpha
	// (NB-SVM, Wang and Manning 2012; nbsvm.go). The scaling is folded
	// into the stored weights, so inference does not change.
	NBAlpha float64 `json:"nb_alpha,omitempty"`
	// NBMean is NB-SVM's 1-beta: the share of the mean absolute weight
	// mixed into every seen feature's weight (0: none).
	NBMean float64 `json:"nb_mean,omitempty"`
	// ProviderAs, when set, replaces each training company's own names
	// with this word ("-" drops them) in the training sentences only
	// (providers.go); inference is unchanged.
	ProviderAs string `json:"provider_as,omitempty"`
	// MinGroups and MinDF, when above 0, keep at zero the weight of every
	// feature found in the training rows of fewer groups (companies) or
	// fewer texts (prune.go).
	MinGroups int `json:"min_groups,omitempty"`
	MinDF     int `json:"min_df,omitempty"`
	// GroupBalance, when above 0, scales each training text's cost by
	// (mean group size / its group's size)^GroupBalance, so that long
	// terms do not outweigh short ones.
	GroupBalance float64 `json:"group_balance,omitempty"`
	// FoldMean ships the mean of the cross-validation's fold models
	// instead of a model trained on every text, so the shipped margins
	// are on the scale calibration and thresholds were fitted on.
	FoldMean bool `json:"fold_mean,omitempty"`
	// DupWeight, when above 0, divides the cost of a training text by
	// (1 + its near-duplicates in other groups among the training rows)
	// raised to DupWeight: terms copied from another company's (Masquerade
	// from WhatsApp's) count once, not twice.
	DupWeight float64 `json:"dup_weight,omitempty"`
	// PosGroups, when above 0, keeps at zero a label's weight of every
	// feature found in its positive training texts of fewer groups than
	// this, unless no positive has it (labelfeat.go).
	PosGroups int `json:"pos_groups,omitempty"`
	// TopK, when above 0, trains each label on the TopK features of
	// largest absolute naive Bayes log-count ratio only.
	TopK int `json:"top_k,omitempty"`
}

// PerLabel are the labels' own learner settings, by name.
type PerLabel map[string]LabelTrain

// LabelTrain are one label's own learner settings; zero keeps the
// TrainConfig's.
type LabelTrain struct {
	C         float64 `json:"c,omitempty"`
	PosWeight float64 `json:"pos_weight,omitempty"`
}

// forLabel returns the settings label name is trained with.
func (c *TrainConfig) forLabel(name string) *TrainConfig {
	if c.PerLabel == nil {
		return c
	}
	o, ok := (*c.PerLabel)[name]
	if !ok {
		return c
	}
	cc := *c
	if o.C > 0 {
		cc.C = o.C
	}
	if o.PosWeight > 0 {
		cc.PosWeight = o.PosWeight
	}
	return &cc
}

// dataset is a featurised training set: one vector per text, and for each
// label a bit per text.
type dataset struct {
	vecs     []vector
	norms    []float32
	idf      []float32 // nil without IDF weighting
	idfBytes []byte
	idfScale float32
	y        [][]bool  // y[label][text]
	names    []string  // of the labels
	groups   []int     // group (company, contract) of each text, for folds
	extra    int       // the last extra texts are always trained on, never scored
	cost     []float32 // each text's cost factor; nil for ones
	dups     [][]int32 // near-duplicates of each text in other groups (with DupWeight)
	// extraByGroup trains an extra text only in the folds whose training
	// rows hold its group (copies made from the scored texts).
	extraByGroup bool
}

func featurize(cfg *FeatureConfig, texts []string) []vector {
	vecs := make([]vector, len(texts))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var toks []byte
			for i := w; i < len(texts); i += workers {
				toks = Tokens(toks[:0], texts[i])
				v := cfg.features(nil, toks, nil)
				v.idx = append([]uint32(nil), v.idx...)
				vecs[i] = v
			}
		}(w)
	}
	wg.Wait()
	return vecs
}

// linear is one label's trained weights.
type linear struct {
	w    []float32
	bias float32
}

func (l *linear) margin(v *vector) float64 {
	s := l.bias
	for k, j := range v.idx {
		s += l.w[j] * v.vals[k]
	}
	return float64(s)
}

// trainAll trains one linear model per label over rows, the labels in
// parallel (each label's result does not depend on the others).
func trainAll(cfg *TrainConfig, d *dataset, rows []int) []linear {
	d = pruned(cfg, d, rows)
	out := make([]linear, len(d.y))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for li := range d.y {
		wg.Add(1)
		sem <- struct{}{}
		go func(li int) {
			defer wg.Done()
			out[li] = trainLabel(cfg.forLabel(d.names[li]), d, li, rows)
			<-sem
		}(li)
	}
	wg.Wait()
	return out
}

// trainLabel trains label li's linear model over rows, bagged when the
// settings ask for it.
func trainLabel(cfg *TrainConfig, d *dataset, li int, rows []int) linear {
	if cfg.Bags <= 1 {
		return trainOne(cfg, d, li, rows, cfg.Seed+uint64(li))
	}
	var out linear
	rng := rand.New(rand.NewPCG(cfg.Seed+uint64(li), 0xba95))
	var ids []int
	seen := map[int]bool{}
	for _, r := range rows {
		if g := d.groups[r]; !seen[g] {
			seen[g] = true
			ids = append(ids, g)
		}
	}
	keep := max(1, int(math.Round(cfg.BagShare*float64(len(ids)))))
	for b := 0; b < cfg.Bags; b++ {
		rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		in := map[int]bool{}
		for _, g := range ids[:keep] {
			in[g] = true
		}
		var sub []int
		for _, r := range rows {
			if in[d.groups[r]] {
				sub = append(sub, r)
			}
		}
		m := trainOne(cfg, d, li, sub, cfg.Seed+uint64(li)+uint64(b)*1000)
		if out.w == nil {
			out.w = make([]float32, len(m.w))
		}
		for j, w := range m.w {
			out.w[j] += w
		}
		out.bias += m.bias
	}
	f := 1 / float32(cfg.Bags)
	for j := range out.w {
		out.w[j] *= f
	}
	out.bias *= f
	return out
}

func trainOne(cfg *TrainConfig, d *dataset, li int, rows []int, seed uint64) linear {
	switch cfg.Learner {
	case "lr":
		return trainLR(cfg, d.vecs, d.y[li], rows, seed)
	case "svm+lr":
		s := trainSVM(cfg, d.vecs, d.norms, d.cost, d.y[li], rows, seed)
		l := trainLR(cfg, d.vecs, d.y[li], rows, seed)
		return blend(s, l, d.vecs, rows)
	default:
		if cfg.PosGroups > 0 || cfg.TopK > 0 {
			return trainSVMSelected(cfg, d, li, rows, seed)
		}
		if cfg.NBAlpha > 0 {
			return trainNBSVM(cfg, d, li, rows, seed)
		}
		return trainSVM(cfg, d.vecs, d.norms, d.cost, d.y[li], rows, seed)
	}
}

// foldsOf assigns every group to one of k folds, in a seeded order, and
// returns the fold of every text.
func foldsOf(groups []int, k int, seed uint64) []int {
	set := map[int]bool{}
	for _, g := range groups {
		set[g] = true
	}
	ids := make([]int, 0, len(set))
	for g := range set {
		ids = append(ids, g)
	}
	sort.Ints(ids)
	rng := rand.New(rand.NewPCG(seed, 0xf01d))
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	foldOf := map[int]int{}
	for i, g := range ids {
		foldOf[g] = i % k
	}
	out := make([]int, len(groups))
	for i, g := range groups {
		out[i] = foldOf[g]
	}
	return out
}

// crossValidate returns out-of-fold margins [label][text] from k models each
// trained without one fold of groups.
func crossValidate(cfg *TrainConfig, d *dataset) [][]float64 {
	oof, _ := crossValidateModels(cfg, d)
	return oof
}

// crossValidateModels is crossValidate that also returns the mean of the
// k fold models of every label.
func crossValidateModels(cfg *TrainConfig, d *dataset) ([][]float64, []linear) {
	n := len(d.vecs) - d.extra
	folds := foldsOf(d.groups[:n], cfg.Folds, cfg.Seed)
	foldOfGroup := map[int]int{}
	for i, f := range folds {
		foldOfGroup[d.groups[i]] = f
	}
	oof := make([][]float64, len(d.y))
	for li := range oof {
		oof[li] = make([]float64, n)
	}
	var mean []linear
	for f := 0; f < cfg.Folds; f++ {
		var train, test []int
		for i, fi := range folds {
			if fi == f {
				test = append(test, i)
			} else {
				train = append(train, i)
			}
		}
		for i := n; i < len(d.vecs); i++ {
			if d.extraByGroup && foldOfGroup[d.groups[i]] == f {
				continue
			}
			train = append(train, i)
		}
		models := trainAll(cfg, d, train)
		for li := range models {
			for _, i := range test {
				oof[li][i] = models[li].margin(&d.vecs[i])
			}
		}
		if mean == nil {
			mean = make([]linear, len(models))
			for li := range mean {
				mean[li].w = make([]float32, len(models[li].w))
			}
		}
		f := 1 / float32(cfg.Folds)
		for li, m := range models {
			for j, w := range m.w {
				mean[li].w[j] += f * w
			}
			mean[li].bias += f * m.bias
		}
	}
	return oof, mean
}

// platt fits p = sigmoid(a*m + b) to margins m and labels y by Newton's
// method on the log loss, with Platt's smoothed targets.
func platt(m []float64, y []bool) (a, b float64) {
	hi, lo, _, _ := plattTargets(y)
	a, b = 1, 0
	for it := 0; it < 100; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, x := range m {
			t := lo
			if y[i] {
				t = hi
			}
			p := sigmoid(a*x + b)
			d := p - t
			w := math.Max(p*(1-p), 1e-12)
			ga += d * x
			gb += d
			haa += w * x * x
			hab += w * x
			hbb += w
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da) < 1e-9 && math.Abs(db) < 1e-9 {
			break
		}
	}
	return a, b
}

// plattTargets returns Platt's smoothed targets for positives (hi) and
// negatives (lo), and the counts they come from.
func plattTargets(y []bool) (hi, lo, npos, nneg float64) {
	for _, v := range y {
		if v {
			npos++
		} else {
			nneg++
		}
	}
	return (npos + 1) / (npos + 2), 1 / (nneg + 2), npos, nneg
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// bestThreshold returns the probability threshold that maximises F1 of
// "score >= t" against y, halfway between two neighbouring scores.
func bestThreshold(scores []float64, y []bool) (t, f1 float64) {
	t = 0.5
	for _, c := range thresholdCuts(scores, y) {
		if c.f1 > f1 {
			t, f1 = c.t, c.f1
		}
	}
	return t, f1
}

// cut is a threshold between two distinct scores and the F1 of calling
// every score above it positive.
type cut struct{ t, f1 float64 }

// thresholdCuts returns the cuts below each distinct score, from the
// highest score down; a cut lies midway to the next lower score (0 below
// the lowest).
func thresholdCuts(scores []float64, y []bool) []cut {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
	pos := 0
	for _, v := range y {
		if v {
			pos++
		}
	}
	var cuts []cut
	tp := 0
	for k, i := range idx {
		if y[i] {
			tp++
		}
		if k+1 < len(idx) && scores[idx[k+1]] == scores[i] {
			continue
		}
		next := 0.0
		if k+1 < len(idx) {
			next = scores[idx[k+1]]
		}
		cuts = append(cuts, cut{(scores[i] + next) / 2, 2 * float64(tp) / float64(k+1+pos)})
	}
	return cuts
}
