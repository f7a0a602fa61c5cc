package segment

import "strings"

// stops finds, in order, the positions in a text of a few bytes that are
// rare in it (sentence ends, brackets). One fast strings.IndexByte search
// per byte, remembered until passed, costs far less than testing every
// byte of the text.
type stops struct {
	s    string
	set  string
	next [8]int // per byte of set: its first position at or after the last from, or len(s)
}

// newStops returns stops for up to eight bytes.
func newStops(s, set string) stops {
	st := stops{s: s, set: set}
	for k := range set {
		st.next[k] = -1
	}
	return st
}

// from returns the smallest position at or after i of a byte of the set,
// or len(s). Calls must not go back: i never decreases.
func (st *stops) from(i int) int {
	best := len(st.s)
	for k := 0; k < len(st.set); k++ {
		if st.next[k] < i {
			st.next[k] = len(st.s)
			if i < len(st.s) {
				if j := strings.IndexByte(st.s[i:], st.set[k]); j >= 0 {
					st.next[k] = i + j
				}
			}
		}
		best = min(best, st.next[k])
	}
	return best
}
