// Package wordkey holds a small set of word keys (a word's first three
// bytes) in an open-addressed table. Indexing a text by word starts looks
// up every word, and there a Go map cost more than the rest of the pass;
// doctype and terms both index that way.
package wordkey

// Slots is the size of a Set's table and the number of distinct slot
// indexes Find returns: several times the keys a Set is meant to hold.
const Slots = 1 << 8

// Of returns the key of w, which must be at least three bytes long.
func Of(w string) uint32 { return uint32(w[0])<<16 | uint32(w[1])<<8 | uint32(w[2]) }

// Set is a set of keys. The zero value is empty; fill it before sharing
// it, as it is read without locks.
type Set struct {
	slots [Slots]uint32 // key+1; 0 is free
	n     int
}

func (s *Set) slot(k uint32) int {
	i := int(k*2654435761>>24) & (Slots - 1)
	for s.slots[i] != 0 && s.slots[i] != k+1 {
		i = (i + 1) & (Slots - 1)
	}
	return i
}

// Add adds k. It panics when the set is half full: the set is filled from
// fixed keyword lists at initialisation, and a longer probe would cost
// every lookup.
func (s *Set) Add(k uint32) {
	i := s.slot(k)
	if s.slots[i] == 0 {
		if s.n >= Slots/2 {
			panic("wordkey: too many keys")
		}
		s.n++
	}
	s.slots[i] = k + 1
}

// Find returns the slot of k, in [0, Slots), or -1 if k is not in the set.
func (s *Set) Find(k uint32) int {
	if i := s.slot(k); s.slots[i] != 0 {
		return i
	}
	return -1
}

// Keys returns the keys in the set, in slot order.
func (s *Set) Keys() []uint32 {
	var out []uint32
	for _, k := range s.slots {
		if k != 0 {
			out = append(out, k-1)
		}
	}
	return out
}
