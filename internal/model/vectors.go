package model

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// vectorsMagic opens a word-vector file.
const vectorsMagic = "termscore-vectors/v1\n"

// WordVectors are pretrained word vectors (GloVe, tools/glove), int8 with a
// scale per word, looked up by normalised token (Tokens). Words keep the
// order of the source, most frequent first.
type WordVectors struct {
	Dim   int
	Words []string
	index map[string]int32
	q     []int8    // [word][dim]
	scale []float32 // vector = q × scale
}

// NewWordVectors quantises vectors [word][dim] of words.
func NewWordVectors(words []string, dim int, vecs []float32) *WordVectors {
	wv := &WordVectors{Dim: dim, Words: words, index: make(map[string]int32, len(words)),
		q: make([]int8, len(words)*dim), scale: make([]float32, len(words))}
	for i, w := range words {
		wv.index[w] = int32(i)
		row := vecs[i*dim : i*dim+dim]
		var m float64
		for _, x := range row {
			m = math.Max(m, math.Abs(float64(x)))
		}
		s := float32(m / 127)
		if s == 0 {
			s = 1
		}
		wv.scale[i] = s
		for k, x := range row {
			wv.q[i*dim+k] = int8(math.Max(-127, math.Min(127, math.Round(float64(x/s)))))
		}
	}
	return wv
}

// Lookup returns the index of a token, or -1.
func (wv *WordVectors) Lookup(tok []byte) int {
	if i, ok := wv.index[string(tok)]; ok {
		return int(i)
	}
	return -1
}

// Vector writes word i's vector into dst (len Dim).
func (wv *WordVectors) Vector(dst []float32, i int) {
	s := wv.scale[i]
	for k, x := range wv.q[i*wv.Dim : i*wv.Dim+wv.Dim] {
		dst[k] = float32(x) * s
	}
}

// WriteTo stores the vectors: the magic line, the word count and width as
// uvarints, then per word its length (uvarint), its bytes, its scale
// (float32, little-endian) and its Dim int8 values.
func (wv *WordVectors) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	b := []byte(vectorsMagic)
	b = binary.AppendUvarint(b, uint64(len(wv.Words)))
	b = binary.AppendUvarint(b, uint64(wv.Dim))
	n := int64(0)
	for i, word := range wv.Words {
		b = binary.AppendUvarint(b, uint64(len(word)))
		b = append(b, word...)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(wv.scale[i]))
		for _, x := range wv.q[i*wv.Dim : i*wv.Dim+wv.Dim] {
			b = append(b, byte(x))
		}
		k, err := bw.Write(b)
		n += int64(k)
		if err != nil {
			return n, err
		}
		b = b[:0]
	}
	return n, bw.Flush()
}

// ParseWordVectors reads vectors stored by WriteTo.
func ParseWordVectors(b []byte) (*WordVectors, error) {
	bad := errors.New("word vectors: truncated or corrupt")
	if len(b) < len(vectorsMagic) || string(b[:len(vectorsMagic)]) != vectorsMagic {
		return nil, errors.New("word vectors: not a termscore vector file")
	}
	b = b[len(vectorsMagic):]
	count, n := binary.Uvarint(b)
	if n <= 0 {
		return nil, bad
	}
	b = b[n:]
	dim, n := binary.Uvarint(b)
	if n <= 0 || dim == 0 || dim > 4096 || count > uint64(len(b))/(dim+5) {
		return nil, bad
	}
	b = b[n:]
	wv := &WordVectors{Dim: int(dim), Words: make([]string, 0, count), index: make(map[string]int32, count),
		q: make([]int8, 0, count*dim), scale: make([]float32, 0, count)}
	for range count {
		l, n := binary.Uvarint(b)
		if n <= 0 || l > uint64(len(b)-n) {
			return nil, bad
		}
		b = b[n:]
		word := string(b[:l])
		b = b[l:]
		if uint64(len(b)) < 4+dim {
			return nil, bad
		}
		wv.index[word] = int32(len(wv.Words))
		wv.Words = append(wv.Words, word)
		wv.scale = append(wv.scale, math.Float32frombits(binary.LittleEndian.Uint32(b)))
		for _, x := range b[4 : 4+dim] {
			wv.q = append(wv.q, int8(x))
		}
		b = b[4+dim:]
	}
	if len(b) != 0 {
		return nil, bad
	}
	return wv, nil
}

// ReadWordVectors reads a vector file.
func ReadWordVectors(path string) (*WordVectors, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	wv, err := ParseWordVectors(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return wv, nil
}
