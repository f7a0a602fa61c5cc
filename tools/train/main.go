// Command train trains TermScore's clause models from the shared data and
// writes their weights, reproducibly for a fixed seed:
//
//	go run ./tools/train -data ../shared/data -out internal/model/weights
package main

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/model"
	"github.com/termscore/termscore/internal/presence"
	"github.com/termscore/termscore/internal/rules"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data directory")
	out := flag.String("out", "internal/model/weights", "where to write the weights")
	tax := flag.String("taxonomy", "all", "unfair-tos, cuad or all")
	dry := flag.Bool("n", false, "train and report, but write nothing")
	date := flag.String("date", "", "training date recorded in the header (default today, UTC)")
	cfg := model.DefaultConfig(model.UnfairToS)
	flag.IntVar(&cfg.Features.Bits, "bits", cfg.Features.Bits, "hash bits (unfair-tos)")
	flag.IntVar(&cfg.Epochs, "epochs", cfg.Epochs, "epochs (unfair-tos)")
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed of the folds and shuffles (unfair-tos)")
	flag.Float64Var(&cfg.C, "c", cfg.C, "SVM cost (unfair-tos)")
	flag.BoolVar(&cfg.Features.IDF, "idf", cfg.Features.IDF, "idf (unfair-tos)")
	flag.BoolVar(&cfg.Features.Bigrams, "bigrams", cfg.Features.Bigrams, "bigrams (unfair-tos)")
	flag.Float64Var(&cfg.PosWeight, "posw", cfg.PosWeight, "positive weight cap (unfair-tos)")
	flag.Float64Var(&cfg.Features.CharShare, "charshare", cfg.Features.CharShare, "char share (unfair-tos)")
	flag.IntVar(&cfg.Features.CharMin, "charmin", cfg.Features.CharMin, "char min (unfair-tos)")
	flag.IntVar(&cfg.Features.CharMax, "charmax", cfg.Features.CharMax, "char max (unfair-tos)")
	flag.BoolVar(&cfg.Features.Trigrams, "trigrams", cfg.Features.Trigrams, "word trigrams (unfair-tos)")
	flag.StringVar(&cfg.Learner, "learner", cfg.Learner, "svm, lr or svm+lr (unfair-tos)")
	flag.BoolVar(&cfg.Features.Cues, "cues", cfg.Features.Cues, "legal cue features (unfair-tos)")
	flag.BoolVar(&cfg.Features.Negation, "neg", cfg.Features.Negation, "negation (unfair-tos)")
	nn := model.NeuralConfig{Dim: 32, Hidden: 32, Epochs: 10, LR: 0.003, Batch: 16, Dropout: 0.2, FeatDrop: 0.1, Members: 3, Blend: -1}
	if cfg.Neural != nil {
		nn = *cfg.Neural
	}
	neural := flag.Bool("neural", cfg.Neural != nil, "blend a network ensemble with the linear model (unfair-tos)")
	flag.IntVar(&nn.Dim, "nn-dim", nn.Dim, "embedding width (unfair-tos -neural)")
	flag.IntVar(&nn.Hidden, "nn-hidden", nn.Hidden, "hidden units (unfair-tos -neural)")
	flag.IntVar(&nn.Epochs, "nn-epochs", nn.Epochs, "epochs (unfair-tos -neural)")
	flag.Float64Var(&nn.LR, "nn-lr", nn.LR, "Adam step (unfair-tos -neural)")
	flag.IntVar(&nn.Batch, "nn-batch", nn.Batch, "batch size (unfair-tos -neural)")
	flag.Float64Var(&nn.Dropout, "nn-dropout", nn.Dropout, "hidden dropout (unfair-tos -neural)")
	flag.Float64Var(&nn.FeatDrop, "nn-featdrop", nn.FeatDrop, "input feature dropout (unfair-tos -neural)")
	flag.Float64Var(&nn.Decay, "nn-decay", nn.Decay, "weight decay (unfair-tos -neural)")
	flag.Float64Var(&nn.EmbDecay, "nn-embdecay", nn.EmbDecay, "embedding weight decay (unfair-tos -neural)")
	flag.StringVar(&nn.VectorsCache, "nn-vectors", nn.VectorsCache, "cache file of the pretrained word vectors (unfair-tos -neural)")
	flag.StringVar(&nn.GloVe, "nn-glove", nn.GloVe, "with -nn-pretrained: start the word rows from this word-vector file (tools/glove) instead of skip-gram vectors (unfair-tos -neural)")
	flag.IntVar(&nn.GloVeTop, "nn-glove-top", nn.GloVeTop, "with -nn-glove: also start the rows of this many most frequent GloVe words (unfair-tos -neural)")
	flag.BoolVar(&nn.Weighted, "nn-weighted", nn.Weighted, "embeddings weighted by the linear features' values, not averaged (unfair-tos -neural)")
	flag.IntVar(&nn.Members, "nn-members", nn.Members, "networks averaged (unfair-tos -neural)")
	flag.BoolVar(&nn.Pretrained, "nn-pretrained", nn.Pretrained, "start from skip-gram word vectors (unfair-tos -neural)")
	flag.Float64Var(&nn.Blend, "nn-blend", nn.Blend, "weight of the networks in the blend; negative: chosen by CV (unfair-tos -neural)")
	seeds := flag.Int("seeds", 0, "only report CV on the train split for N fold seeds from -seed on, and their mean (unfair-tos)")
	labelC := flag.String("label-c", "", "per-label SVM cost, e.g. A=0.5,J=0.3 (unfair-tos)")
	labelPosW := flag.String("label-posw", "", "per-label positive weight cap, e.g. A=5 (unfair-tos)")
	flag.IntVar(&cfg.RepeatCV, "repeat-cv", cfg.RepeatCV, "fold partitions whose out-of-fold margins calibration and thresholds rest on (unfair-tos)")
	flag.IntVar(&cfg.Bags, "bags", cfg.Bags, "models averaged, each on a share of the companies (unfair-tos)")
	flag.Float64Var(&cfg.BagShare, "bag-share", cfg.BagShare, "share of the companies per bag (unfair-tos -bags)")
	flag.Float64Var(&cfg.NBAlpha, "nb-alpha", cfg.NBAlpha, "NB-SVM: scale features by their naive Bayes log-count ratios smoothed by this; 0 for none (unfair-tos)")
	flag.Float64Var(&cfg.NBMean, "nb-mean", cfg.NBMean, "NB-SVM: 1-beta, share of the mean weight mixed in (unfair-tos -nb-alpha)")
	flag.StringVar(&cfg.ProviderAs, "provider-as", cfg.ProviderAs, "replace each training company's own names with this word in training sentences, - to drop them (unfair-tos)")
	valProvider := flag.Bool("val-provider", false, "with -seeds -val -provider-as: replace the validation companies' names too (what inference would need to find)")
	flag.IntVar(&cfg.MinGroups, "min-groups", cfg.MinGroups, "zero weight for features found in fewer training companies (unfair-tos)")
	flag.IntVar(&cfg.MinDF, "min-df", cfg.MinDF, "zero weight for features found in fewer training sentences (unfair-tos)")
	flag.Float64Var(&cfg.GroupBalance, "group-balance", cfg.GroupBalance, "scale each sentence's cost by (mean company size / its company's size)^this (unfair-tos)")
	flag.BoolVar(&cfg.Features.CueSeq, "cue-seq", cfg.Features.CueSeq, "ordered pairs of consecutive cue words' classes (unfair-tos)")
	flag.BoolVar(&cfg.Features.SkipBigrams, "skip-bigrams", cfg.Features.SkipBigrams, "bigrams of content words across stop words and punctuation (unfair-tos)")
	flag.BoolVar(&cfg.FoldMean, "fold-mean", cfg.FoldMean, "ship the mean of the CV fold models, not one trained on all sentences (unfair-tos)")
	flag.Float64Var(&cfg.DupWeight, "dup-weight", cfg.DupWeight, "divide each sentence's cost by (1 + its near-duplicates in other training companies)^this (unfair-tos)")
	flag.IntVar(&cfg.PosGroups, "pos-groups", cfg.PosGroups, "a label weighs a feature of its positives only when that many training companies' positives have it (unfair-tos)")
	flag.IntVar(&cfg.TopK, "top-k", cfg.TopK, "each label weighs only its K features of largest naive Bayes log-count ratio (unfair-tos)")
	clusters := flag.Int("clusters", 0, "with -seeds: a feature per word for its cluster among this many of skip-gram vectors pretrained on CUAD and templates (unfair-tos)")
	clusterDim := flag.Int("cluster-dim", 50, "width of the word vectors clustered (unfair-tos -clusters)")
	clusterCache := flag.String("cluster-cache", "", "cache file of the clustered word vectors (unfair-tos -clusters)")
	glove := flag.String("glove", "", "with -seeds: word-vector file (tools/glove) for dense features (unfair-tos)")
	flag.StringVar(&cfg.Features.GloVe, "glove-blocks", "mean", "with -glove: dense blocks, of mean,max,cue (unfair-tos)")
	flag.Float64Var(&cfg.Features.GloVeScale, "glove-scale", 0.5, "with -glove: norm of each dense block; the sparse part's is 1 (unfair-tos)")
	gloveClusters := flag.Int("glove-clusters", 0, "with -seeds -glove: a feature per word for its cluster among this many spherical k-means clusters of the word vectors (unfair-tos)")
	gloveTop := flag.Int("glove-top", 50000, "with -glove-clusters: the most frequent words clustered; the train split's other words go to the nearest centre (unfair-tos)")
	gloveNb := flag.Int("glove-neighbours", 0, "with -seeds -glove: words used fewer times in the train split also read as their nearest word used at least this often (unfair-tos)")
	gloveNbCos := flag.Float64("glove-nb-cos", 0.6, "with -glove-neighbours: least cosine of a neighbour (unfair-tos)")
	gloveAug := flag.Int("glove-aug", 0, "with -seeds -glove: train on this many copies of every sentence with words replaced by their nearest GloVe word (unfair-tos)")
	gloveAugP := flag.Float64("glove-aug-p", 0.2, "with -glove-aug: chance a word is replaced (unfair-tos)")
	gloveAugCos := flag.Float64("glove-aug-cos", 0.6, "with -glove-aug: least cosine of a replacement (unfair-tos)")
	gloveAugCost := flag.Float64("glove-aug-cost", 0.5, "with -glove-aug: cost factor of a copy (unfair-tos)")
	leadIn := flag.String("leadin", "", "with -seeds: list items get their lead-in's words under this prefix, = for bare words (unfair-tos)")
	showVal := flag.Bool("val", false, "with -seeds: also print the validation split's figures (report a chosen change once)")
	ctxWindow := flag.Int("context", 0, "with -seeds: only report a second stage per label over the out-of-fold log-odds of the sentence and of this many neighbours on each side in its terms (-1: the sentence's own alone, which must give the plain figures); with -val also the validation split and the current terms of service, alone and with context (unfair-tos; measured, not adopted)")
	var copt model.ContextOptions
	flag.BoolVar(&copt.Sides, "context-sides", false, "with -context: each neighbour its own feature, not the larger of the two at a distance")
	flag.BoolVar(&copt.Max, "context-max", false, "with -context: also the largest log-odds over the window")
	flag.BoolVar(&copt.Cross, "context-cross", false, "with -context: also every other label's largest log-odds over the window")
	flag.BoolVar(&copt.Prob, "context-prob", false, "with -context: the neighbours' probabilities, not their log-odds")
	ctxWords := flag.Int("context-words", 0, "with -seeds: every sentence also reads the words of this many neighbours on each side in its terms, as features of their own (unfair-tos)")
	flag.Float64Var(&copt.Lambda, "context-lambda", 1, "with -context: the stage's L2 penalty")
	cuadExtra := flag.String("cuad-extra", "", "with -seeds: CUAD categories whose spans every model also trains on, as labels, e.g. 'Governing Law=LAW' (unfair-tos)")
	agreement := flag.Bool("agreement", false, "only report how often near-identical sentences of different companies carry the same labels (unfair-tos)")
	rank := flag.String("rank", "", "with -seeds: only report, for each of these comma-separated gammas, every probability scaled by (its ratio to its company's highest)^gamma (unfair-tos)")
	para := flag.String("para", "", "with -seeds: JSON Lines of paraphrases of training sentences (model.Paraphrase), each trained on with its source's labels where its source is (unfair-tos)")
	paraCost := flag.Float64("para-cost", 0.5, "with -para: cost factor of a paraphrase (unfair-tos)")
	ruleFeats := flag.Bool("rule-feats", false, "with -seeds: add a word per UNFAIR-ToS label whose rules fire on the sentence (unfair-tos)")
	knn := flag.Bool("knn-report", false, "only report kNN prototype features blended with the linear model (unfair-tos)")
	ccfg := model.DefaultConfig(model.CUAD)
	flag.IntVar(&ccfg.Epochs, "cuad-epochs", ccfg.Epochs, "epochs (cuad)")
	flag.Float64Var(&ccfg.C, "cuad-c", ccfg.C, "SVM cost (cuad)")
	flag.Float64Var(&ccfg.PosWeight, "cuad-posw", ccfg.PosWeight, "positive weight cap (cuad)")
	flag.IntVar(&ccfg.Features.Bits, "cuad-bits", ccfg.Features.Bits, "hash bits (cuad)")
	flag.BoolVar(&ccfg.Features.Cues, "cuad-cues", ccfg.Features.Cues, "legal cue features (cuad)")
	flag.BoolVar(&ccfg.Features.IDF, "cuad-idf", ccfg.Features.IDF, "idf (cuad)")
	cache := flag.String("cuad-cache", "", "keep the trained cuad model in this file and reuse it when the settings match")
	stageSeeds := flag.Int("cuad-stage-seeds", 0, "also retrain the document stage on fold seeds 1 to N and print each one's document macro/micro-F1 and the mean (cuad)")
	noRules := flag.Bool("cuad-no-rules", false, "document stage without the rule and clause-model features (cuad; to compare, with -n)")
	stageFirst := flag.Int("cuad-stage-first", 1, "with -cuad-stage-seeds N: the first fold seed (6 for the held-back seeds 6 to 10)")
	sopt := model.CUADStageOptions()
	flag.Float64Var(&sopt.ShrinkK, "cuad-shrink-k", sopt.ShrinkK, "with -cuad-stage-seeds: shrink each category's threshold toward -cuad-shrink-to with weight k/(positives+k)")
	flag.Float64Var(&sopt.ShrinkTo, "cuad-shrink-to", sopt.ShrinkTo, "with -cuad-shrink-k: the common threshold; negative for half the category's best inner F1")
	flag.IntVar(&sopt.Bootstrap, "cuad-bootstrap", sopt.Bootstrap, "with -cuad-stage-seeds: thresholds of best mean F1 over this many bootstrap resamples")
	flag.StringVar(&sopt.Types, "cuad-types", sopt.Types, "with -cuad-stage-seeds: contract kinds from the contract's start as features, hot or rate")
	flag.BoolVar(&sopt.Title, "cuad-types-title", sopt.Title, "with -cuad-types: the kinds named by the title alone (the words before the first \"agreement\")")
	flag.Float64Var(&sopt.Gate, "cuad-gate", sopt.Gate, "with -cuad-stage-seeds: find a category only beside every category present in this share of the training contracts that have it")
	flag.IntVar(&sopt.GateMin, "cuad-gate-min", sopt.GateMin, "with -cuad-gate: only for categories with this many training positives")
	flag.IntVar(&sopt.GateMax, "cuad-gate-max", sopt.GateMax, "with -cuad-gate: only for categories with fewer training positives")
	flag.Float64Var(&sopt.GateBase, "cuad-gate-base", sopt.GateBase, "with -cuad-gate: only by categories in at most this share of the training contracts")
	flag.IntVar(&sopt.Cross, "cuad-cross", sopt.Cross, "with -cuad-stage-seeds: the highest sentence probability of this many most correlated categories as features")
	errorsOf := flag.String("cuad-errors", "", "with -cuad-stage-seeds: print this category's false positives and negatives on the first fold seed (cuad)")
	flag.BoolVar(&sopt.InnerMean, "cuad-inner-mean", sopt.InnerMean, "with -cuad-stage-seeds: decide by the mean of the inner folds' models the threshold was chosen on")
	flag.Float64Var(&sopt.Lambda, "cuad-lambda", sopt.Lambda, "with -cuad-stage-seeds: the document stage's L2 penalty (0: the shipped one)")
	popt := presence.DefaultOptions()
	flag.BoolVar(&popt.Heading, "cuad-heading", popt.Heading, "document stage feature: the clauses whose heading names the category (cuad)")
	flag.BoolVar(&popt.Trial, "cuad-trial-phrases", popt.Trial, "document stage: the curated phrases under measurement too (cuad)")
	flag.IntVar(&popt.Drop, "cuad-drop", popt.Drop, "document stage: zero these base features (bits: 1 rules, 2 clause model, 4 curated phrases, 8 required categories; cuad)")
	flag.BoolVar(&popt.HeadingChain, "cuad-heading-chain", popt.HeadingChain, "clause model: each clause body under every heading above it (cuad; retrains the clause model)")
	flag.IntVar(&popt.ClauseBits, "cuad-clause-bits", popt.ClauseBits, "clause model: hash bits (cuad; retrains the clause model)")
	flag.BoolVar(&popt.Defined, "cuad-defined", popt.Defined, "document stage feature: the defined terms that name the category (cuad)")
	flag.BoolVar(&popt.Cover, "cuad-cover", popt.Cover, "clause model: long bodies in pieces and the text outside every clause as units too (cuad; retrains the clause model)")
	flag.BoolVar(&popt.ClauseTop2, "cuad-clause-top2", popt.ClauseTop2, "document stage feature: the second highest clause probability (cuad)")
	flag.Float64Var(&popt.ClauseCount, "cuad-clause-count", popt.ClauseCount, "document stage feature: the clauses with at least this clause probability (cuad)")
	flag.Parse()
	if *agreement {
		if err := model.AgreementReport(*data, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		return
	}
	if *date == "" {
		*date = time.Now().UTC().Format("2006-01-02")
	}
	cfg.Neural = nil
	if *glove == "" || *seeds == 0 {
		cfg.Features.GloVe, cfg.Features.GloVeScale = "", 0
	} else {
		wv, err := model.ReadWordVectors(*glove)
		if err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		cfg.Features = cfg.Features.WithVectors(wv)
		sents, _, err := model.ReadUnfairToS(*data)
		if err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		var texts []string
		for _, s := range sents {
			if s.Split == "train" {
				texts = append(texts, s.Text)
			}
		}
		if *gloveNb > 0 {
			start := time.Now()
			nb := model.GloVeNeighbours(wv, texts, *gloveTop, *gloveNb, *gloveNbCos)
			cfg.Features = cfg.Features.WithNeighbours(nb)
			fmt.Printf("%d rare words mapped in %s\n", len(nb), time.Since(start).Round(time.Millisecond))
		}
		if *gloveClusters > 0 {
			start := time.Now()
			cfg.Features = cfg.Features.WithWordClusters(model.GloVeClusters(wv, texts, *gloveTop, *gloveClusters))
			fmt.Printf("%d clusters in %s\n", *gloveClusters, time.Since(start).Round(time.Millisecond))
		}
	}
	if err := perLabel(&cfg, *labelC, *labelPosW); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(2)
	}
	if *seeds > 0 {
		var list []uint64
		for s := range *seeds {
			list = append(list, cfg.Seed+uint64(s))
		}
		if *neural {
			c := cfg
			c.Neural = &nn
			if err := model.NeuralSeedReport(*data, c, list, os.Stdout); err != nil {
				fmt.Fprintln(os.Stderr, "train:", err)
				os.Exit(1)
			}
			return
		}
		if *rank != "" {
			var gammas []float64
			for _, g := range strings.Split(*rank, ",") {
				v, err := strconv.ParseFloat(g, 64)
				if err != nil {
					fmt.Fprintln(os.Stderr, "train: -rank:", err)
					os.Exit(2)
				}
				gammas = append(gammas, v)
			}
			if err := model.RankReport(*data, cfg, list, gammas, *showVal, os.Stdout); err != nil {
				fmt.Fprintln(os.Stderr, "train:", err)
				os.Exit(1)
			}
			return
		}
		if *ctxWindow != 0 {
			copt.Window = max(0, *ctxWindow)
			if err := model.ContextReport(*data, cfg, list, copt, *showVal, os.Stdout); err != nil {
				fmt.Fprintln(os.Stderr, "train:", err)
				os.Exit(1)
			}
			return
		}
		var augment func(string) string
		if *ruleFeats {
			var err error
			if augment, err = ruleHits(); err != nil {
				fmt.Fprintln(os.Stderr, "train:", err)
				os.Exit(1)
			}
		}
		if *clusters > 0 {
			tab, err := model.WordClusters(*data, cfg.Features.Bits, *clusters, *clusterDim, *clusterCache)
			if err != nil {
				fmt.Fprintln(os.Stderr, "train:", err)
				os.Exit(1)
			}
			cfg.Features = cfg.Features.WithClusters(tab)
		}
		var extra []model.LabelledSentence
		if *cuadExtra != "" {
			mapping := map[string]string{}
			for _, kv := range strings.Split(*cuadExtra, ",") {
				cat, code, _ := strings.Cut(kv, "=")
				mapping[cat] = code
			}
			var err error
			if extra, err = model.CUADAsUnfair(*data, mapping); err != nil {
				fmt.Fprintln(os.Stderr, "train:", err)
				os.Exit(1)
			}
			fmt.Printf("%d CUAD spans added to every training set\n", len(extra))
		}
		opts := model.SeedOptions{Augment: augment, ShowVal: *showVal, ValProvider: *valProvider, LeadIn: *leadIn, NeighbourWords: *ctxWords, Extra: extra}
		if *gloveAug > 0 {
			wv, err := model.ReadWordVectors(*glove)
			if err != nil {
				fmt.Fprintln(os.Stderr, "train:", err)
				os.Exit(1)
			}
			opts.Copies = model.GloVeAugment(wv, *gloveAug, *gloveAugP, *gloveTop, *gloveAugCos, 1)
			opts.CopyCost = *gloveAugCost
		}
		if *para != "" {
			paras, err := model.ReadParaphrases(*para)
			if err != nil {
				fmt.Fprintln(os.Stderr, "train:", err)
				os.Exit(1)
			}
			opts.Copies = model.ParaphraseCopies(paras)
			opts.CopyCost = *paraCost
			fmt.Printf("%d paraphrases read\n", len(paras))
		}
		if err := model.SeedReport(*data, cfg, list, opts, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		return
	}
	if *knn {
		if err := model.KNNReport(*data, cfg, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		return
	}
	if *neural {
		cfg.Neural = &nn
	}
	if *tax == model.UnfairToS || *tax == "all" {
		if err := trainUnfair(*data, *out, *date, cfg, *dry); err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
	}
	if *tax == model.CUAD || *tax == "all" {
		if err := trainCUAD(*data, *out, *date, *cache, ccfg, *dry, *stageFirst, *stageSeeds, sopt, popt, *errorsOf, *noRules); err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
	}
}

// ruleHits returns a function that appends to a sentence a made-up word
// for every UNFAIR-ToS label a rule mapped to it fires for, the embedded
// rules matched on the sentence alone.
func ruleHits() (func(string) string, error) {
	set, err := rules.Embedded()
	if err != nil {
		return nil, err
	}
	return func(text string) string {
		var b strings.Builder
		b.WriteString(text)
		for _, h := range set.Match(rules.ExampleDocument(text), rules.MatchOptions{}) {
			for _, code := range h.Rule.MapsTo.UnfairTOS {
				b.WriteString(" zzrule" + strings.ToLower(code))
			}
		}
		return b.String()
	}, nil
}

// perLabel sets cfg.PerLabel from "LABEL=VALUE,..." lists of costs and
// positive weight caps, over the default's.
func perLabel(cfg *model.TrainConfig, costs, posw string) error {
	// Start from the default's settings: a flag changes only the labels
	// it names.
	pl := model.PerLabel{}
	if cfg.PerLabel != nil {
		maps.Copy(pl, *cfg.PerLabel)
	}
	for _, f := range []struct {
		list string
		set  func(*model.LabelTrain, float64)
	}{
		{costs, func(l *model.LabelTrain, v float64) { l.C = v }},
		{posw, func(l *model.LabelTrain, v float64) { l.PosWeight = v }},
	} {
		if f.list == "" {
			continue
		}
		for _, kv := range strings.Split(f.list, ",") {
			name, val, ok := strings.Cut(kv, "=")
			v, err := strconv.ParseFloat(val, 64)
			if !ok || err != nil || v <= 0 {
				return fmt.Errorf("bad per-label setting %q: want LABEL=POSITIVE_NUMBER", kv)
			}
			l := pl[name]
			f.set(&l, v)
			pl[name] = l
		}
	}
	if len(pl) > 0 {
		cfg.PerLabel = &pl
	}
	return nil
}

func trainCUAD(data, out, date, cache string, cfg model.TrainConfig, dry bool, stageFirst, stageSeeds int, opt model.StageOptions, popt presence.Options, errorsOf string, noRules bool) error {
	start := time.Now()
	var res *presence.Result
	var err error
	if noRules {
		var r *model.CUADResult
		r, err = model.TrainCUADCached(data, cfg, date, cache)
		res = &presence.Result{CUADResult: r}
	} else {
		res, err = presence.TrainWith(data, cfg, date, cache, popt)
	}
	if err != nil {
		return err
	}
	fmt.Printf("cuad: trained in %s\n", time.Since(start).Round(time.Millisecond))
	fmt.Println("cuad, sentence level (5-fold CV over contracts):")
	res.Sentence.Print(os.Stdout, false)
	fmt.Println("cuad, document-level presence of the 36 clause categories (5-fold CV over contracts):")
	res.Document.Print(os.Stdout, false)
	fmt.Printf("cuad, highest sentence probability alone with thresholds tuned on the scored contracts (optimistic): macro-F1 %.1f\n", 100*res.HighestInSample)
	if stageSeeds > 0 {
		var macro, micro float64
		all := res.StageSeedsWith(stageFirst, stageSeeds, opt)
		for i, sc := range all {
			fmt.Printf("cuad, document stage on fold seed %d: macro-F1 %.1f micro-F1 %.1f\n", stageFirst+i, 100*sc.LabelMacroF1, 100*sc.LabelMicroF1)
			macro += sc.LabelMacroF1 / float64(stageSeeds)
			micro += sc.LabelMicroF1 / float64(stageSeeds)
		}
		fmt.Println("cuad, document-level F1 by category on each fold seed, and the mean:")
		for li, l := range all[0].Labels {
			var mean float64
			fmt.Printf("  %-34s %4d ", l.Label, l.Support)
			for _, sc := range all {
				fmt.Printf(" %5.1f", 100*sc.Labels[li].F1)
				mean += sc.Labels[li].F1 / float64(stageSeeds)
			}
			fmt.Printf("  %5.1f\n", 100*mean)
		}
		fmt.Printf("cuad, document stage, mean of fold seeds %d-%d: macro-F1 %.2f micro-F1 %.2f\n", stageFirst, stageFirst+stageSeeds-1, 100*macro, 100*micro)
		if errorsOf != "" {
			fp, fn := res.StageErrors(stageFirst, opt, errorsOf)
			fmt.Printf("cuad, %s on fold seed %d: %d false positives, %d false negatives\n", errorsOf, stageFirst, len(fp), len(fn))
			for _, l := range fp {
				fmt.Println("  FP", l)
			}
			for _, l := range fn {
				fmt.Println("  FN", l)
			}
		}
	}
	if dry {
		return nil
	}
	return res.Write(out)
}

func trainUnfair(data, out, date string, cfg model.TrainConfig, dry bool) error {
	start := time.Now()
	run, err := model.TrainUnfairToSLog(data, cfg, date, os.Stdout)
	if err != nil {
		return err
	}
	fmt.Printf("unfair-tos: trained in %s\n", time.Since(start).Round(time.Millisecond))
	fmt.Println("unfair-tos, trained on the train split, 5-fold CV over its 30 companies (thresholds tuned outside each fold):")
	run.TrainCV.Print(os.Stdout, true)
	fmt.Println("unfair-tos, trained on the train split, scored on the validation split (held out):")
	run.Holdout.Print(os.Stdout, true)
	fmt.Println("unfair-tos, the shipped model, trained on both splits: 5-fold CV over the 40 companies:")
	run.AllCV.Print(os.Stdout, true)
	if dry {
		return nil
	}
	return run.Shipped.Write(out)
}
