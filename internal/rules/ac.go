package rules

// literals finds which of a fixed set of strings occur in a text: an
// Aho–Corasick automaton compiled to a dense table over the few distinct
// bytes the strings use. Canonical text has about forty distinct bytes, so
// a state's transitions fit in one short row, which keeps the automaton
// small and in cache (a general 256-way trie node is 4 KB).
type literals struct {
	class [256]uint8 // byte → column; 0 is every byte no string uses
	cols  int
	// delta[state*cols+class] is the next state, times cols so that the
	// scan needs no multiplication, and complemented (negative) when
	// strings end there: the scan then needs no look at out for most
	// bytes.
	delta []int32
	// delta16, when there are fewer than 1<<16 states, is the same table
	// with plain state numbers, renumbered so that the states where
	// strings end come last, from firstOut on: half the size, so more of
	// it stays in cache (it is megabytes), and one comparison tells
	// whether strings end.
	delta16  []uint16
	firstOut uint16
	out      [][]int32 // out[state]: indexes of the strings that end here
	nwords   int
}

func newLiterals(words []string) *literals {
	l := &literals{nwords: len(words)}
	l.cols = 1
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			if l.class[w[i]] == 0 {
				l.class[w[i]] = uint8(l.cols)
				l.cols++
			}
		}
	}
	// The trie: goto edges, -1 for none. It has at most one state per
	// byte of the words, plus the root: sized once, as growing it a state
	// at a time cost more than the rest of the construction.
	states := 1
	for _, w := range words {
		states += len(w)
	}
	next := make([]int32, 0, states*l.cols)
	l.out = make([][]int32, 0, states)
	newState := func() int32 {
		for range l.cols {
			next = append(next, -1)
		}
		l.out = append(l.out, nil)
		return int32(len(l.out) - 1)
	}
	newState()
	for wi, w := range words {
		s := int32(0)
		for i := 0; i < len(w); i++ {
			c := int32(l.class[w[i]])
			if next[s*int32(l.cols)+c] < 0 {
				n := newState()
				next[s*int32(l.cols)+c] = n
			}
			s = next[s*int32(l.cols)+c]
		}
		l.out[s] = append(l.out[s], int32(wi))
	}
	// Breadth first: failure links, outputs merged along them, and the
	// full transition table.
	n := len(l.out)
	cols := int32(l.cols)
	fail := make([]int32, n)
	l.delta = make([]int32, n*l.cols)
	queue := make([]int32, 0, n)
	for c := range cols {
		if t := next[c]; t >= 0 {
			l.delta[c] = t
			fail[t] = 0
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if len(l.out[fail[s]]) > 0 {
			l.out[s] = append(l.out[s], l.out[fail[s]]...)
		}
		for c := range cols {
			t := next[s*cols+c]
			if t < 0 {
				l.delta[s*cols+c] = l.delta[fail[s]*cols+c]
				continue
			}
			l.delta[s*cols+c] = t
			fail[t] = l.delta[fail[s]*cols+c]
			queue = append(queue, t)
		}
	}
	if n < 1<<16 && len(l.out[0]) == 0 {
		l.compact16()
		return l
	}
	for i, t := range l.delta {
		l.delta[i] = t * cols
		if len(l.out[t]) > 0 {
			l.delta[i] = ^l.delta[i]
		}
	}
	return l
}

// compact16 moves delta to delta16. States keep their order (a word's
// states stay next to each other), except that those where strings end
// move, in order, after all the others; the start state, where none
// ends, stays 0.
func (l *literals) compact16() {
	n := len(l.out)
	renum := make([]uint16, n)
	k := 0
	for pass := range 2 {
		for s := range n {
			if (len(l.out[s]) > 0) == (pass == 1) {
				renum[s] = uint16(k)
				k++
			}
		}
		if pass == 0 {
			l.firstOut = uint16(k)
		}
	}
	cols := l.cols
	l.delta16 = make([]uint16, len(l.delta))
	out := make([][]int32, n)
	for s := range n {
		to := int(renum[s])
		out[to] = l.out[s]
		for c := range cols {
			l.delta16[to*cols+c] = renum[l.delta[s*cols+c]]
		}
	}
	l.out, l.delta = out, nil
}

// scan appends to found, once, the index of each string that occurs in
// s; seen and gen (distinct for every call with the same seen) suppress
// repeats, and seen[i] == gen afterwards tells that string i occurs.
func (l *literals) scan(s []byte, seen []uint32, gen uint32, found []int32) []int32 {
	if l.delta16 != nil {
		return l.scan16(s, seen, gen, found)
	}
	state := int32(0)
	cols := int32(l.cols)
	for _, b := range s {
		state = l.delta[state+int32(l.class[b])]
		if state >= 0 {
			continue
		}
		state = ^state
		for _, i := range l.out[state/cols] {
			if seen[i] != gen {
				seen[i] = gen
				found = append(found, i)
			}
		}
	}
	return found
}

// scan16 is scan with delta16.
func (l *literals) scan16(s []byte, seen []uint32, gen uint32, found []int32) []int32 {
	state := uint16(0)
	cols := uint(l.cols)
	firstOut := l.firstOut
	for _, b := range s {
		state = l.delta16[uint(state)*cols+uint(l.class[b])]
		if state < firstOut {
			continue
		}
		for _, i := range l.out[state] {
			if seen[i] != gen {
				seen[i] = gen
				found = append(found, i)
			}
		}
	}
	return found
}
