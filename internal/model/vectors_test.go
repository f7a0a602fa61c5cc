package model

import (
	"bytes"
	"testing"
)

func TestWordVectorsRoundTrip(t *testing.T) {
	words := []string{"the", "terminate", "arbitration"}
	vecs := []float32{0.5, -1, 0.25, 2, 0, -0.5, 0, 0, 0}
	wv := NewWordVectors(words, 3, vecs)
	var buf bytes.Buffer
	if _, err := wv.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ParseWordVectors(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Dim != 3 || len(got.Words) != 3 {
		t.Fatalf("dim %d, %d words", got.Dim, len(got.Words))
	}
	v := make([]float32, 3)
	for i, w := range words {
		j := got.Lookup([]byte(w))
		if j != i {
			t.Fatalf("Lookup(%q) = %d, want %d", w, j, i)
		}
		got.Vector(v, j)
		for k, x := range v {
			if d := x - vecs[i*3+k]; d > 0.01 || d < -0.01 {
				t.Errorf("%s[%d] = %v, want %v", w, k, x, vecs[i*3+k])
			}
		}
	}
	if got.Lookup([]byte("absent")) != -1 {
		t.Error("Lookup of an absent word found it")
	}
	for n := range buf.Len() {
		if _, err := ParseWordVectors(buf.Bytes()[:n]); err == nil {
			t.Fatalf("a file cut to %d bytes parsed", n)
		}
	}
}

func FuzzParseWordVectors(f *testing.F) {
	var buf bytes.Buffer
	NewWordVectors([]string{"may", "terminate"}, 2, []float32{1, -1, 0.5, 0.25}).WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(vectorsMagic + "\xff\xff\xff\xff\x0f\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		wv, err := ParseWordVectors(b)
		if err != nil {
			return
		}
		v := make([]float32, wv.Dim)
		for i := range wv.Words {
			wv.Vector(v, i)
		}
	})
}
