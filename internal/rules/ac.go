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
	// outs[outAt[state]:outAt[state+1]] are the indexes of the strings
	// that end in state: one array, not a slice per state, which was
	// tens of thousands of objects for the garbage collector to walk.
	outs   []int32
	outAt  []uint32
	nwords int
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
	t := newTrie(words, &l.class)
	n := len(t.end)
	fail := make([]int32, n)
	order := t.breadthFirst(fail)
	out := t.outputs(order, fail)
	cols := l.cols
	if n < 1<<16 && len(out.of(0)) == 0 {
		// States keep their order (a word's states stay next to each
		// other), except that those where strings end move, in order,
		// after all the others; the start state, where none ends, stays
		// 0. The table is filled in those numbers directly: building it
		// in trie numbers first and copying it cost as much again.
		renum := make([]uint16, n)
		byNum := make([]int32, n)
		k := 0
		for pass := range 2 {
			for s := range n {
				if (out.n[s] > 0) == (pass == 1) {
					renum[s] = uint16(k)
					byNum[k] = int32(s)
					k++
				}
			}
			if pass == 0 {
				l.firstOut = uint16(k)
			}
		}
		l.delta16 = make([]uint16, n*cols)
		for _, s := range order {
			row := l.delta16[int(renum[s])*cols:][:cols]
			if s != 0 {
				copy(row, l.delta16[int(renum[fail[s]])*cols:][:cols])
			}
			for c := t.child[s]; c >= 0; c = t.sibling[c] {
				row[t.label[c]] = renum[c]
			}
		}
		l.outs, l.outAt = out.flat(byNum)
		return l
	}
	// delta holds states times cols, complemented where strings end.
	l.delta = make([]int32, n*cols)
	for _, s := range order {
		row := l.delta[int(s)*cols:][:cols]
		switch {
		case s != 0:
			copy(row, l.delta[int(fail[s])*cols:][:cols])
		case out.n[0] > 0:
			for c := range row {
				row[c] = ^0 // the root, where the empty string ends
			}
		}
		for c := t.child[s]; c >= 0; c = t.sibling[c] {
			v := c * int32(cols)
			if out.n[c] > 0 {
				v = ^v
			}
			row[t.label[c]] = v
		}
	}
	l.outs, l.outAt = out.flat(nil)
	return l
}

// trie is the goto graph of the automaton, each state's edges a list
// (first child, next sibling): nearly every state has one edge, and a
// dense table of them was as large as the automaton's.
type trie struct {
	child, sibling []int32 // -1: none
	label          []uint8 // the class of the edge into the state
	// end is the first word that ends in a state (-1: none), and same
	// the next word equal to a word (-1: none), in the order of words.
	end, same []int32
	// root is the root's edges by class, where most searches for an
	// edge end and nearly every class has one.
	root [256]int32
}

func newTrie(words []string, class *[256]uint8) *trie {
	// At most one state per byte of the words, plus the root: sized once.
	states := 1
	for _, w := range words {
		states += len(w)
	}
	t := &trie{
		child:   make([]int32, 1, states),
		sibling: make([]int32, 1, states),
		label:   make([]uint8, 1, states),
		end:     make([]int32, 1, states),
		same:    make([]int32, len(words)),
	}
	t.child[0], t.sibling[0], t.end[0] = -1, -1, -1
	for c := range t.root {
		t.root[c] = -1
	}
	for wi, w := range words {
		s := int32(0)
		for i := 0; i < len(w); i++ {
			c := class[w[i]]
			next := t.next(s, c)
			if next < 0 {
				next = int32(len(t.end))
				t.child = append(t.child, -1)
				t.sibling = append(t.sibling, t.child[s])
				t.label = append(t.label, c)
				t.end = append(t.end, -1)
				t.child[s] = next
				if s == 0 {
					t.root[c] = next
				}
			}
			s = next
		}
		t.same[wi] = -1
		p := &t.end[s]
		for *p >= 0 {
			p = &t.same[*p]
		}
		*p = int32(wi)
	}
	return t
}

// next is the goto edge of state s on class c, or -1.
func (t *trie) next(s int32, c uint8) int32 {
	if s == 0 {
		return t.root[c]
	}
	for x := t.child[s]; x >= 0; x = t.sibling[x] {
		if t.label[x] == c {
			return x
		}
	}
	return -1
}

// breadthFirst sets the failure links and returns the states in
// breadth-first order, the root first: a state's failure state comes
// before it.
func (t *trie) breadthFirst(fail []int32) []int32 {
	order := make([]int32, 1, len(t.end))
	for i := 0; i < len(order); i++ {
		s := order[i]
		for c := t.child[s]; c >= 0; c = t.sibling[c] {
			order = append(order, c)
			for f := fail[s]; s != 0; f = fail[f] {
				if g := t.next(f, t.label[c]); g >= 0 {
					fail[c] = g
					break
				}
				if f == 0 {
					break // fail[c] = 0
				}
			}
		}
	}
	return order
}

// outputs are the strings that end in each state: its own words, then
// those of its failure state.
type outputs struct {
	words []int32
	at, n []uint32 // state s's are words[at[s]:at[s]+n[s]]
}

func (t *trie) outputs(order, fail []int32) *outputs {
	n := len(t.end)
	o := &outputs{at: make([]uint32, n), n: make([]uint32, n)}
	for _, s := range order {
		at := len(o.words)
		for w := t.end[s]; w >= 0; w = t.same[w] {
			o.words = append(o.words, w)
		}
		if s != 0 {
			o.words = append(o.words, o.of(fail[s])...)
		}
		o.at[s], o.n[s] = uint32(at), uint32(len(o.words)-at)
	}
	return o
}

func (o *outputs) of(s int32) []int32 { return o.words[o.at[s]:][:o.n[s]] }

// flat lays the outputs out in state order, state k being byNum[k] (nil:
// k), for literals.outs and outAt.
func (o *outputs) flat(byNum []int32) (outs []int32, at []uint32) {
	n := len(o.at)
	outs = make([]int32, 0, len(o.words))
	at = make([]uint32, n+1)
	for k := range n {
		s := int32(k)
		if byNum != nil {
			s = byNum[k]
		}
		at[k] = uint32(len(outs))
		outs = append(outs, o.of(s)...)
	}
	at[n] = uint32(len(outs))
	return outs, at
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
		k := state / cols
		for _, i := range l.outs[l.outAt[k]:l.outAt[k+1]] {
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
		for _, i := range l.outs[l.outAt[state]:l.outAt[state+1]] {
			if seen[i] != gen {
				seen[i] = gen
				found = append(found, i)
			}
		}
	}
	return found
}
