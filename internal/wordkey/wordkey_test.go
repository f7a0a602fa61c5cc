package wordkey

import "testing"

func TestSet(t *testing.T) {
	var s Set
	words := []string{"agreement", "lease", "employ", "terms", "license", "licensee", "non"}
	for _, w := range words {
		s.Add(Of(w))
	}
	seen := map[int]string{}
	for _, w := range words {
		i := s.Find(Of(w))
		if i < 0 || i >= Slots {
			t.Fatalf("Find(%q) = %d", w, i)
		}
		if p, ok := seen[i]; ok && Of(p) != Of(w) {
			t.Errorf("%q and %q share slot %d", p, w, i)
		}
		seen[i] = w
	}
	// "license" and "licensee" share a key; six distinct keys in all.
	if got := len(s.Keys()); got != 6 {
		t.Errorf("Keys() has %d keys, want 6", got)
	}
	for _, w := range []string{"the", "xyz", "agx"} {
		if i := s.Find(Of(w)); i >= 0 {
			t.Errorf("Find(%q) = %d, want -1", w, i)
		}
	}
}

func TestAddFull(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic past half full")
		}
	}()
	var s Set
	for k := range uint32(Slots/2 + 1) {
		s.Add(k)
	}
}
