package model

import (
	"math"
	"slices"
)

// FeatureConfig says which hashed features a model uses. It is stored in the
// weights header, so a model always featurises text the way it was trained.
type FeatureConfig struct {
	Bits      int     `json:"bits"`               // hashed dimension 2^Bits
	Bigrams   bool    `json:"bigrams"`            // word bigrams
	Negation  bool    `json:"negation"`           // words in a negation scope as extra features
	CharMin   int     `json:"char_min"`           // shortest character n-gram within a word; 0 for none
	CharMax   int     `json:"char_max"`           // longest character n-gram within a word
	CharShare float64 `json:"char_share"`         // share of the vector's squared norm given to character n-grams
	IDF       bool    `json:"idf"`                // weight features by inverse document frequency
	Cues      bool    `json:"cues,omitempty"`     // legal cue classes, their pairs and negations (cues.go)
	Trigrams  bool    `json:"trigrams,omitempty"` // word trigrams (with Bigrams)
	// CueSeq adds, at every cue word, the ordered pair of its class and
	// the previous cue word's ("may" ... "remove": may>remove), the order
	// the class pairs lack (with Cues).
	CueSeq bool `json:"cue_seq,omitempty"`
	// SkipBigrams adds the bigram of every content word and the content
	// word before it when stop words or punctuation came between them
	// ("may , at any time , terminate": time>terminate).
	SkipBigrams bool `json:"skip_bigrams,omitempty"`
	// GloVe, when not empty, appends dense features made of pretrained
	// word vectors (glove.go), blocks separated by commas: "mean" (the
	// IDF-weighted mean of the words' vectors), "max" (their element-wise
	// maximum), "cue" (the mean over the words near a modal or right).
	// No shipped model uses them: with the shipped costs every block
	// loses 0.8-2.6 of CV macro-F1 (jurisdiction, fitted loosest, most);
	// "max" with its own costs loses 0.3 on the seeds the costs were
	// chosen on (figures in the git log of this file).
	GloVe string `json:"glove,omitempty"`
	// GloVeDim is the word vectors' width, GloVeScale each block's norm
	// (the sparse part's is 1).
	GloVeDim   int     `json:"glove_dim,omitempty"`
	GloVeScale float64 `json:"glove_scale,omitempty"`
	// vectors are the word vectors of GloVe (not stored in the header).
	vectors *WordVectors
	// wordClusters maps a word to its cluster of pretrained word vectors
	// (GloVeClusters), for a cluster feature per word; an experiment, not
	// stored (a pointer keeps the struct comparable). It lost 0.7-1.0 of
	// CV macro-F1 with 256 to 1024 clusters.
	wordClusters *map[string]uint16
	// neighbours maps a word rare in the training texts to its nearest
	// frequent one by pretrained word vectors (GloVeNeighbours), whose
	// unigram feature it adds; an experiment, not stored. At best it tied
	// the shipped features on CV and lost on validation.
	neighbours *map[string]string
	// clusters maps a unigram feature index to its word cluster plus one
	// (WordClusters), for a cluster feature per word; an experiment, not
	// stored with the weights (a string keeps the struct comparable).
	clusters string
}

// WithVectors returns c with the word vectors its GloVe features read.
func (c FeatureConfig) WithVectors(wv *WordVectors) FeatureConfig {
	c.vectors = wv
	c.GloVeDim = wv.Dim
	return c
}

// WithWordClusters returns c with a word-cluster map (GloVeClusters).
func (c FeatureConfig) WithWordClusters(m map[string]uint16) FeatureConfig {
	c.wordClusters = &m
	return c
}

// WithNeighbours returns c with a rare-word map (GloVeNeighbours).
func (c FeatureConfig) WithNeighbours(m map[string]string) FeatureConfig {
	c.neighbours = &m
	return c
}

// WithClusters returns c with a word-cluster table (WordClusters).
func (c FeatureConfig) WithClusters(tab string) FeatureConfig {
	c.clusters = tab
	return c
}

// Seeds that keep the hash spaces of the feature kinds apart.
const (
	seedWord    = 0x9e3779b97f4a7c15
	seedBigram  = 0xc2b2ae3d27d4eb4f
	seedNeg     = 0x165667b19e3779f9
	seedChar    = 0x27d4eb2f165667c5
	seedCue     = 0x85ebca77c2b2ae63
	seedCuePair = 0x5851f42d4c957f2d
	seedCueNeg  = 0x9fb21c651e98df25
	seedCueSeq  = 0x4cf5ad432745937f
	seedSkip    = 0xd6e8feb86659fd93
	seedCluster = 0x2545f4914f6cdd1d
)

// stopWords are skipped by skip bigrams.
var stopWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "and": true, "or": true, "in": true,
	"any": true, "your": true, "our": true, "its": true, "their": true, "such": true, "this": true,
	"these": true, "that": true, "at": true, "by": true, "for": true, "with": true, "on": true,
	"as": true, "be": true, "is": true, "are": true, "all": true, "from": true, "other": true,
	"which": true, "it": true, "us": true, "there": true, "if": true, "will": true, "time": true,
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashBytes(seed uint64, b []byte) uint64 {
	h := uint64(fnvOffset) ^ seed
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return mix(h)
}

// mix is the splitmix64 finaliser: FNV alone leaves the low bits, which
// index the table, poorly spread.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// vector is one text's hashed features: indices into the weight table, the
// first nword of them word features, the rest character n-grams. Every word
// feature has value vw and every character feature value vc, which lets
// inference sum quantised weights as integers.
type vector struct {
	idx    []uint32
	nword  int
	vw, vc float32
	vals   []float32 // value of every occurrence; training only
}

// negation cues open a scope that runs to the next punctuation mark or for
// at most negScope words.
var negationCues = map[string]bool{
	"not": true, "no": true, "n't": true, "never": true, "without": true,
	"nor": true, "neither": true, "cannot": true, "none": true,
}

const negScope = 4

// features appends the hashed features of the normalised tokens toks (as
// Tokens returns them) to dst.
//
// The vector's values follow from idf (nil for all ones): an occurrence of
// feature j has value idf[j]·vw in the word group, idf[j]·vc in the
// character group, where vw and vc make each group's squared norm (counting
// every occurrence apart) its share of 1.
func (c *FeatureConfig) features(dst []uint32, toks []byte, idf []float32) vector {
	return c.wordFeatures(dst, toks, appendWords(nil, toks, 0), idf)
}

// wordFeatures is features given the tokens' places and word hashes
// (appendWords, or a tokenizer that hashed while it wrote them).
func (c *FeatureConfig) wordFeatures(dst []uint32, toks []byte, words []word, idf []float32) vector {
	mask := uint64(1)<<c.Bits - 1
	dst = dst[:0]
	prev := sentenceStart
	prev2 := prev
	neg := 0
	var cs cueSet
	if !c.Cues && !c.Negation {
		dst, prev = c.ngrams(dst, words, mask)
		words = nil // done
	}
	for _, w := range words {
		h := w.h
		dst = append(dst, uint32(h&mask))
		if c.Bigrams {
			if c.Trigrams {
				dst = append(dst, uint32(mix(prev2*0x9e3779b1+prev*31+h)&mask))
				prev2 = prev
			}
			dst = append(dst, uint32(mix(prev*31+h)&mask))
			prev = h
		}
		if !c.Cues && !c.Negation {
			continue
		}
		tok := toks[w.start:w.end]
		if c.Cues {
			if k := defaultCues.lookup(tok); k < numCues {
				cs.has |= 1 << k
				if neg > 0 {
					cs.neg |= 1 << k
				}
			}
		}
		switch {
		case negationCues[string(tok)]:
			neg = negScope
		case len(tok) == 1 && !isWordByte(tok[0]):
			neg = 0
		case neg > 0:
			if c.Negation {
				dst = append(dst, uint32(hashBytes(seedNeg, tok)&mask))
			}
			neg--
		}
	}
	if c.Cues {
		dst = appendCueFeatures(dst, cs, mask)
	}
	if c.CueSeq || c.SkipBigrams || c.clusters != "" || c.wordClusters != nil || c.neighbours != nil {
		dst = c.experimentFeatures(dst, toks, mask)
	}
	if c.Bigrams {
		dst = append(dst, uint32(mix(prev*31+sentenceEnd)&mask))
	}
	nword := len(dst)
	if c.CharMin > 0 {
		dst = c.charGrams(dst, toks, mask)
	}
	v := vector{idx: dst, nword: nword}
	v.weigh(c, idf)
	return v
}

// The hashes of the sentence's bounds, the first bigram's left word and
// the last one's right word.
var (
	sentenceStart = hashBytes(seedBigram, []byte("<s>"))
	sentenceEnd   = hashBytes(seedWord, []byte("</s>"))
)

// ngrams appends the word n-gram features of words (unigrams, bigrams,
// trigrams) as the loop of wordFeatures does for a model without cues or
// negation, and returns the last word's hash, in a loop that calls
// nothing: the calls of the other features (map lookups, append's
// growing) made that loop keep its variables in memory.
func (c *FeatureConfig) ngrams(dst []uint32, words []word, mask uint64) (_ []uint32, last uint64) {
	per := 1
	if c.Bigrams {
		per++
		if c.Trigrams {
			per++
		}
	}
	n := len(dst)
	dst = slices.Grow(dst, per*len(words))[:n+per*len(words)]
	out := dst[n:]
	prev, prev2 := sentenceStart, sentenceStart
	o := 0
	for _, w := range words {
		h := w.h
		out[o] = uint32(h & mask)
		o++
		if c.Bigrams {
			if c.Trigrams {
				out[o] = uint32(mix(prev2*0x9e3779b1+prev*31+h) & mask)
				o++
				prev2 = prev
			}
			out[o] = uint32(mix(prev*31+h) & mask)
			o++
			prev = h
		}
	}
	return dst, prev
}

// word is one token of a tokens buffer (as Tokens writes them): where it
// lies and its word hash, hashBytes(seedWord, token).
type word struct {
	start, end int
	h          uint64
}

// appendWords appends the words of the tokens toks[from:] to dst, hashing
// each token in the same pass that finds its end.
func appendWords(dst []word, toks []byte, from int) []word {
	for i := from; i < len(toks); {
		j := i
		h := uint64(fnvOffset) ^ seedWord
		for ; toks[j] != ' '; j++ {
			h ^= uint64(toks[j])
			h *= fnvPrime
		}
		dst = append(dst, word{start: i, end: j, h: mix(h)})
		i = j + 1
	}
	return dst
}

// weigh sets vw and vc from the feature settings and idf (nil for ones).
func (v *vector) weigh(c *FeatureConfig, idf []float32) {
	share := c.CharShare
	if len(v.idx) == v.nword {
		share = 0
	}
	var ww, wc float64
	if idf == nil {
		ww, wc = float64(v.nword), float64(len(v.idx)-v.nword)
	} else {
		for _, j := range v.idx[:v.nword] {
			ww += float64(idf[j] * idf[j])
		}
		for _, j := range v.idx[v.nword:] {
			wc += float64(idf[j] * idf[j])
		}
	}
	v.vw, v.vc = 0, 0
	if ww > 0 {
		v.vw = float32(math.Sqrt((1 - share) / ww))
	}
	if wc > 0 {
		v.vc = float32(math.Sqrt(share / wc))
	}
}

// setValues fills vals for training: idf[j]·vw or idf[j]·vc.
func (v *vector) setValues(idf []float32) {
	v.vals = make([]float32, len(v.idx))
	for k, j := range v.idx {
		x := v.vw
		if k >= v.nword {
			x = v.vc
		}
		if idf != nil {
			x *= idf[j]
		}
		v.vals[k] = x
	}
}

// idfTable computes the inverse document frequency of every hashed feature
// over vecs, ln((n+1)/(df+1))+1, quantised to a byte with the returned
// scale (idf = byte·scale), and the dequantised table.
func idfTable(bits int, vecs []vector) ([]byte, float32, []float32) {
	dim := 1 << bits
	df := make([]int32, dim)
	last := make([]int32, dim)
	for i := range vecs {
		for _, j := range vecs[i].idx {
			if last[j] != int32(i+1) {
				last[j] = int32(i + 1)
				df[j]++
			}
		}
	}
	n := float64(len(vecs))
	scale := float32((math.Log(n+1) + 1) / 255)
	q := make([]byte, dim)
	for j, d := range df {
		idf := math.Log((n+1)/(float64(d)+1)) + 1
		q[j] = byte(math.Min(255, math.Max(1, math.Round(idf/float64(scale)))))
	}
	return q, scale, dequantiseIDF(q, scale)
}

func dequantiseIDF(q []byte, scale float32) []float32 {
	out := make([]float32, len(q))
	for j, b := range q {
		out[j] = float32(b) * scale
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// nextTok returns the token of toks (space-terminated tokens, as Tokens
// writes them) that starts at i, and where the next one starts.
func nextTok(toks []byte, i int) (tok []byte, next int) {
	j := i
	for toks[j] != ' ' {
		j++
	}
	return toks[i:j], j + 1
}

// charGrams appends the character n-grams of every word token, the word
// framed by '<' and '>' so prefixes and suffixes hash apart.
func (c *FeatureConfig) charGrams(dst []uint32, toks []byte, mask uint64) []uint32 {
	var buf [64]byte
	for i := 0; i < len(toks); {
		var tok []byte
		tok, i = nextTok(toks, i)
		if len(tok) < 2 || !isWordByte(tok[0]) || len(tok) > len(buf)-2 {
			continue
		}
		buf[0] = '<'
		n := copy(buf[1:], tok) + 2
		buf[n-1] = '>'
		w := buf[:n]
		for size := c.CharMin; size <= c.CharMax && size <= n; size++ {
			for k := 0; k+size <= n; k++ {
				dst = append(dst, uint32(hashBytes(seedChar+uint64(size), w[k:k+size])&mask))
			}
		}
	}
	return dst
}

// experimentFeatures appends the features of the settings no shipped model
// uses (CueSeq, SkipBigrams, clusters), in a pass of their own so that the
// main loop stays as fast without them.
func (c *FeatureConfig) experimentFeatures(dst []uint32, toks []byte, mask uint64) []uint32 {
	prevCue := uint64(numCues)
	var prevContent uint64
	skipped := false
	for i := 0; i < len(toks); {
		var tok []byte
		tok, i = nextTok(toks, i)
		h := hashBytes(seedWord, tok)
		if c.clusters != "" {
			if k := c.clusters[h&mask]; k != 0 {
				dst = append(dst, uint32(mix(seedCluster^uint64(k))&mask))
			}
		}
		if c.neighbours != nil {
			if nb, ok := (*c.neighbours)[string(tok)]; ok {
				dst = append(dst, uint32(hashBytes(seedWord, []byte(nb))&mask))
			}
		}
		if c.wordClusters != nil {
			if k, ok := (*c.wordClusters)[string(tok)]; ok {
				dst = append(dst, uint32(mix(seedCluster^(uint64(k)+1)<<8)&mask))
			}
		}
		if c.CueSeq && c.Cues {
			if k := defaultCues.lookup(tok); k < numCues {
				if prevCue != uint64(k) {
					dst = append(dst, uint32(mix(seedCueSeq^(prevCue<<8|uint64(k)))&mask))
				}
				prevCue = uint64(k)
			}
		}
		if c.SkipBigrams {
			switch {
			case !isWordByte(tok[0]) || stopWords[string(tok)]:
				skipped = true
			default:
				if skipped && prevContent != 0 {
					dst = append(dst, uint32(mix(seedSkip^(prevContent*31+h))&mask))
				}
				prevContent, skipped = h, false
			}
		}
	}
	return dst
}
