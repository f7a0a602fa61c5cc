package rules

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A reader of the YAML the embedded packs are written in, for Embedded
// only: goccy/go-yaml's scanner and parser were 40% of loading them (and
// a good part of the garbage collected while starting). It reads block
// mappings and sequences, flow sequences and mappings, plain, quoted and
// folded or literal scalars, and gives up (errPlain) on anything else:
// anchors, tags, multi-line plain or quoted scalars, a plain scalar that
// YAML would read as another type than the string field it fills, an
// unknown field. Embedded then reads the packs with the full decoder.
// TestPlainYAML checks that every embedded pack is read, and read exactly
// as the full decoder reads it; packs a user loads always take the full
// decoder.

// errPlain is the reader giving up on a construct it does not read.
var errPlain = errors.New("not plain YAML")

// ynode is a value read: a scalar, a mapping or a sequence.
type ynode struct {
	kind  byte // 's', 'm' or 'q'
	str   string
	plain bool // an unquoted scalar, whose type YAML infers
	line  int  // 1-based
	keys  []string
	vals  []*ynode // the mapping's values, or the sequence's items
}

type yreader struct {
	src   string
	pos   int
	line  int // of pos, 1-based
	start int // offset of the line pos is on
}

// readPlainYAML reads src, a pack; see errPlain.
func readPlainYAML(src string) (*ynode, error) {
	if !utf8.ValidString(src) || strings.IndexByte(src, '\r') >= 0 || strings.IndexByte(src, '\t') >= 0 {
		// The full decoder reads U+FFFD for a bad byte, and a carriage
		// return as a line break.
		return nil, errPlain
	}
	y := &yreader{src: src, line: 1}
	indent, ok := y.nextContent()
	if !ok {
		return nil, errPlain
	}
	if indent != 0 {
		return nil, errPlain
	}
	n, err := y.block(0)
	if err != nil {
		return nil, err
	}
	if _, ok := y.nextContent(); ok {
		return nil, errPlain // a line less indented than the document
	}
	return n, nil
}

// nextContent moves to the first character of the next line holding
// something other than spaces and a comment, and returns its indentation;
// false at the end of the text. pos must be at the start of a line.
func (y *yreader) nextContent() (int, bool) {
	for y.pos < len(y.src) {
		i := y.pos
		for i < len(y.src) && y.src[i] == ' ' {
			i++
		}
		if i < len(y.src) && y.src[i] != '\n' && y.src[i] != '#' {
			indent := i - y.pos
			y.pos = i
			return indent, true
		}
		y.skipLine()
	}
	return 0, false
}

// skipLine moves past the end of the current line.
func (y *yreader) skipLine() {
	i := strings.IndexByte(y.src[y.pos:], '\n')
	if i < 0 {
		y.pos = len(y.src)
		return
	}
	y.pos += i + 1
	y.line++
	y.start = y.pos
}

// fail returns errPlain with the line it gave up on.
func (y *yreader) fail() error { return fmt.Errorf("line %d: %w", y.line, errPlain) }

func (y *yreader) col() int { return y.pos - y.start }

// endOfLine checks that only spaces and a comment remain on the line and
// moves past it.
func (y *yreader) endOfLine() error {
	for y.pos < len(y.src) && y.src[y.pos] == ' ' {
		y.pos++
	}
	if y.pos < len(y.src) && y.src[y.pos] != '\n' && y.src[y.pos] != '#' {
		return y.fail()
	}
	y.skipLine()
	return nil
}

// peek moves past blank and comment lines to the start of the next
// content line and returns its indentation and first character; false at
// the end of the text. pos must be at the start of a line.
func (y *yreader) peek() (indent int, dash, ok bool) {
	n, ok := y.nextContent()
	if !ok {
		return 0, false, false
	}
	dash = y.dash()
	y.pos = y.start
	return n, dash, true
}

// dash reports whether pos is at the dash of a sequence item.
func (y *yreader) dash() bool {
	return y.src[y.pos] == '-' && (y.pos+1 == len(y.src) || y.src[y.pos+1] == ' ' || y.src[y.pos+1] == '\n')
}

// more reports whether the block at indent goes on with a line that
// starts with a dash (item) or not (key), and if so moves to it.
func (y *yreader) more(indent int, item bool) bool {
	n, dash, ok := y.peek()
	if !ok || n != indent || dash != item {
		return false
	}
	y.pos += n
	return true
}

// dedented checks, where a block at indent ended, that the next content
// line is less indented (or that the text ended).
func (y *yreader) dedented(indent int) error {
	if n, _, ok := y.peek(); ok && n > indent {
		return y.fail()
	}
	return nil
}

// block reads the mapping or sequence at pos, at column indent.
func (y *yreader) block(indent int) (*ynode, error) {
	if y.dash() {
		return y.sequence(indent)
	}
	return y.mapping(indent)
}

func (y *yreader) sequence(indent int) (*ynode, error) {
	n := &ynode{kind: 'q', line: y.line}
	for {
		y.pos++ // the dash
		for y.pos < len(y.src) && y.src[y.pos] == ' ' {
			y.pos++
		}
		if y.pos == len(y.src) || y.src[y.pos] == '\n' || y.src[y.pos] == '#' || y.src[y.pos] == '-' {
			return nil, y.fail() // an item on the next line, a null, or a nested sequence
		}
		var item *ynode
		var err error
		if y.isKey() {
			item, err = y.mapping(y.col())
		} else {
			item, err = y.value(indent)
		}
		if err != nil {
			return nil, err
		}
		n.vals = append(n.vals, item)
		if !y.more(indent, true) {
			return n, y.dedented(indent)
		}
	}
}

// isKey reports whether the line at pos is "key: …" with a plain key.
func (y *yreader) isKey() bool {
	end := strings.IndexByte(y.src[y.pos:], '\n')
	if end < 0 {
		end = len(y.src) - y.pos
	}
	s := y.src[y.pos : y.pos+end]
	i := strings.Index(s+" ", ": ")
	return i > 0 && plainKey(s[:i])
}

func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' && i > 0) {
			return false
		}
	}
	return true
}

func (y *yreader) mapping(indent int) (*ynode, error) {
	n := &ynode{kind: 'm', line: y.line}
	for {
		if !y.isKey() {
			return nil, y.fail()
		}
		i := strings.IndexByte(y.src[y.pos:], ':')
		key := y.src[y.pos : y.pos+i]
		for _, k := range n.keys {
			if k == key {
				return nil, y.fail() // the full decoder says what is wrong
			}
		}
		y.pos += i + 1
		for y.pos < len(y.src) && y.src[y.pos] == ' ' {
			y.pos++
		}
		var v *ynode
		var err error
		if y.pos == len(y.src) || y.src[y.pos] == '\n' || y.src[y.pos] == '#' {
			// A nested block, more indented or a sequence at the key's
			// own indentation.
			y.skipLine()
			m, ok := y.nextContent()
			switch {
			case !ok:
				return nil, y.fail() // null
			case m > indent:
				v, err = y.block(m)
			case m == indent && y.dash():
				v, err = y.sequence(m)
			default:
				return nil, y.fail() // null
			}
		} else {
			v, err = y.value(indent)
		}
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.vals = append(n.vals, v)
		if !y.more(indent, false) {
			return n, y.dedented(indent)
		}
	}
}

// value reads a scalar or flow collection at pos, the value of a key or
// item of a block at column indent, and moves past its last line.
func (y *yreader) value(indent int) (*ynode, error) {
	line := y.line
	switch y.src[y.pos] {
	case '>', '|':
		return y.blockScalar(indent)
	case '[', '{':
		n, err := y.flow()
		if err != nil {
			return nil, err
		}
		return n, y.endOfLine()
	case '\'', '"':
		s, err := y.quoted()
		if err != nil {
			return nil, err
		}
		return &ynode{kind: 's', str: s, line: line}, y.endOfLine()
	}
	s, err := y.plainScalar(false)
	if err != nil {
		return nil, err
	}
	for {
		comment := y.pos < len(y.src) && y.src[y.pos] == '#'
		if err := y.endOfLine(); err != nil {
			return nil, err
		}
		// The next line continues the scalar if it is more indented,
		// folded into one space; after a comment, or a blank or comment
		// line, a more indented line is an error (or what the full
		// decoder may read otherwise).
		if comment || !y.continues(indent) {
			break
		}
		more, err := y.plainScalar(false)
		if err != nil {
			return nil, err
		}
		s += " " + more
	}
	if err := y.dedented(indent); err != nil {
		return nil, err
	}
	return &ynode{kind: 's', str: s, plain: true, line: line}, nil
}

// continues reports whether the line at pos holds text indented more than
// indent, and if so moves to it.
func (y *yreader) continues(indent int) bool {
	i := y.pos
	for i < len(y.src) && y.src[i] == ' ' {
		i++
	}
	if i-y.pos <= indent || i == len(y.src) || y.src[i] == '\n' || y.src[i] == '#' {
		return false
	}
	y.pos = i
	return true
}

// plainScalar reads an unquoted scalar to the end of the line or a
// comment; in a flow collection also to , ] or }.
func (y *yreader) plainScalar(flow bool) (string, error) {
	c := y.src[y.pos]
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", c) >= 0 {
		return "", y.fail() // an indicator, or "-" that may begin a number
	}
	start := y.pos
	for y.pos < len(y.src) {
		c := y.src[y.pos]
		if c == '\n' || c == '\r' || c == '\t' {
			break
		}
		if c == '#' && y.src[y.pos-1] == ' ' {
			break
		}
		if c == ':' && (y.pos+1 == len(y.src) || strings.IndexByte(" \n,[]{}", y.src[y.pos+1]) >= 0) {
			return "", y.fail()
		}
		if flow && strings.IndexByte(",[]{}", c) >= 0 {
			break
		}
		y.pos++
	}
	s := strings.TrimRight(y.src[start:y.pos], " ")
	if s == "" {
		return "", y.fail()
	}
	return s, nil
}

// quoted reads a single- or double-quoted scalar on one line.
func (y *yreader) quoted() (string, error) {
	q := y.src[y.pos]
	y.pos++
	// Most quoted scalars have no escape: they are the text between the
	// quotes.
	end := y.pos
	for end < len(y.src) && y.src[end] != q && y.src[end] != '\n' && (q == '\'' || y.src[end] != '\\') {
		end++
	}
	if end < len(y.src) && y.src[end] == q && (q == '"' || end+1 == len(y.src) || y.src[end+1] != '\'') {
		s := y.src[y.pos:end]
		y.pos = end + 1
		return s, nil
	}
	var b strings.Builder
	for {
		if y.pos >= len(y.src) || y.src[y.pos] == '\n' {
			return "", y.fail() // runs on over lines
		}
		c := y.src[y.pos]
		switch {
		case c == q && q == '\'' && y.pos+1 < len(y.src) && y.src[y.pos+1] == '\'':
			b.WriteByte('\'')
			y.pos += 2
		case c == q:
			y.pos++
			return b.String(), nil
		case c == '\\' && q == '"':
			if y.pos+1 >= len(y.src) {
				return "", y.fail()
			}
			if n := strings.IndexByte("xuU", y.src[y.pos+1]); n >= 0 {
				// \x41, \u00e9, \U0001F600: a code point in 2, 4 or 8 hex
				// digits, not a surrogate.
				digits := []int{2, 4, 8}[n]
				if y.pos+2+digits > len(y.src) {
					return "", y.fail()
				}
				r, err := strconv.ParseUint(y.src[y.pos+2:y.pos+2+digits], 16, 32)
				if err != nil || !utf8.ValidRune(rune(r)) {
					return "", y.fail()
				}
				b.WriteRune(rune(r))
				y.pos += 2 + digits
				continue
			}
			e := strings.IndexByte(`"\/ntr0`, y.src[y.pos+1])
			if e < 0 {
				return "", y.fail() // the rarer escapes: the full decoder
			}
			b.WriteByte("\"\\/\n\t\r\x00"[e])
			y.pos += 2
		default:
			b.WriteByte(c)
			y.pos++
		}
	}
}

// flow reads a flow sequence or mapping, which may run over lines.
func (y *yreader) flow() (*ynode, error) {
	open := y.src[y.pos]
	n := &ynode{kind: 'q', line: y.line}
	closer := byte(']')
	if open == '{' {
		n.kind, closer = 'm', '}'
	}
	y.pos++
	for {
		if err := y.flowSpace(); err != nil {
			return nil, err
		}
		if y.src[y.pos] == closer && len(n.vals) == 0 {
			y.pos++
			return n, nil
		}
		if n.kind == 'm' {
			i := strings.IndexByte(y.src[y.pos:], ':')
			if i <= 0 || !plainKey(y.src[y.pos:y.pos+i]) {
				return nil, y.fail()
			}
			key := y.src[y.pos : y.pos+i]
			y.pos += i
			for _, k := range n.keys {
				if k == key {
					return nil, y.fail()
				}
			}
			n.keys = append(n.keys, key)
			y.pos++
			if err := y.flowSpace(); err != nil {
				return nil, err
			}
		}
		v, err := y.flowValue()
		if err != nil {
			return nil, err
		}
		n.vals = append(n.vals, v)
		if err := y.flowSpace(); err != nil {
			return nil, err
		}
		switch y.src[y.pos] {
		case ',':
			y.pos++
		case closer:
			y.pos++
			return n, nil
		default:
			return nil, y.fail()
		}
	}
}

func (y *yreader) flowValue() (*ynode, error) {
	line := y.line
	switch y.src[y.pos] {
	case '[', '{':
		return y.flow()
	case '\'', '"':
		s, err := y.quoted()
		return &ynode{kind: 's', str: s, line: line}, err
	}
	s, err := y.plainScalar(true)
	return &ynode{kind: 's', str: s, plain: true, line: line}, err
}

// flowSpace skips spaces, line breaks and comments inside a flow
// collection; the text must not end there.
func (y *yreader) flowSpace() error {
	for y.pos < len(y.src) {
		switch y.src[y.pos] {
		case ' ':
			y.pos++
		case '\n', '#':
			if y.src[y.pos] == '#' && y.pos > 0 && y.src[y.pos-1] != ' ' && y.src[y.pos-1] != '\n' {
				return y.fail()
			}
			y.skipLine()
		default:
			return nil
		}
	}
	return y.fail()
}

// blockScalar reads a folded (>) or literal (|) scalar, clipped or with
// its final line breaks stripped (-), whose lines are indented more than
// indent, all by the same amount.
func (y *yreader) blockScalar(indent int) (*ynode, error) {
	line := y.line
	folded := y.src[y.pos] == '>'
	y.pos++
	strip := y.pos < len(y.src) && y.src[y.pos] == '-'
	if strip {
		y.pos++
	}
	if y.pos < len(y.src) && y.src[y.pos] != ' ' && y.src[y.pos] != '\n' {
		return nil, y.fail() // keep (+) or an indentation indicator
	}
	if err := y.endOfLine(); err != nil {
		return nil, err
	}
	var lines []string // the content lines, "" for an empty one
	content := -1
	for y.pos < len(y.src) {
		end := strings.IndexByte(y.src[y.pos:], '\n')
		if end < 0 {
			end = len(y.src) - y.pos
		}
		s := y.src[y.pos : y.pos+end]
		text := strings.TrimLeft(s, " ")
		if text == "" {
			if content < 0 || len(s) > content {
				return nil, y.fail() // a leading empty line, or spaces kept in one
			}
			lines = append(lines, "")
			y.skipLine()
			continue
		}
		n := len(s) - len(text)
		if content < 0 {
			if n <= indent {
				return nil, y.fail() // no content
			}
			content = n
		}
		if n < content {
			break
		}
		if n > content || y.pos+end == len(y.src) || s[len(s)-1] == ' ' {
			// A more indented line, kept as is by >; no line break to
			// clip; trailing spaces, which goccy/go-yaml drops.
			return nil, y.fail()
		}
		lines = append(lines, text)
		y.skipLine()
	}
	if content < 0 {
		return nil, y.fail()
	}
	// Trailing empty lines are the chomping's.
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var b strings.Builder
	for i, l := range lines {
		switch {
		case i == 0:
		case !folded || l == "" || lines[i-1] == "":
			if !(folded && l != "" && lines[i-1] == "") {
				b.WriteByte('\n')
			}
		default:
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	if !strip && len(lines) > 0 {
		b.WriteByte('\n')
	}
	if err := y.dedented(indent); err != nil {
		return nil, err
	}
	return &ynode{kind: 's', str: b.String(), line: line}, nil
}

// decodePlain decodes n into v, a pointer to a struct of the pack layout,
// as decodeSimple does a goccy tree; false on anything it does not
// decode exactly as the full decoder does.
func decodePlain(n *ynode, v any) bool {
	return fieldCache{}.decodePlain(n, reflect.ValueOf(v).Elem())
}

func (c fieldCache) decodePlain(n *ynode, dst reflect.Value) bool {
	switch dst.Kind() {
	case reflect.String:
		if n.kind != 's' {
			return false
		}
		if n.plain && !plainString(n.str) {
			if _, err := strconv.ParseInt(n.str, 10, 64); err != nil || n.str != strconv.Itoa(atoi(n.str)) {
				return false
			}
			// A decimal number (a statute's 2870): the decoder formats
			// the number it read, which is the same text.
		}
		dst.SetString(n.str)
		return true
	case reflect.Bool:
		if n.kind == 's' && n.plain && (n.str == "true" || n.str == "false") {
			dst.SetBool(n.str == "true")
			return true
		}
	case reflect.Int:
		if n.kind == 's' && n.plain {
			i, err := strconv.ParseInt(n.str, 10, 64)
			if err == nil && n.str == strconv.FormatInt(i, 10) && !dst.OverflowInt(i) {
				dst.SetInt(i)
				return true
			}
		}
	case reflect.Float64:
		// Only d.d: "1" is an integer to the full decoder, and 1e3,
		// .5 or .inf have their own rules.
		if n.kind == 's' && n.plain && decimalFraction(n.str) {
			f, err := strconv.ParseFloat(n.str, 64)
			if err == nil && !math.IsInf(f, 0) {
				dst.SetFloat(f)
				return true
			}
		}
	case reflect.Pointer:
		if dst.Type().Elem().Kind() != reflect.Struct {
			return false
		}
		p := reflect.New(dst.Type().Elem())
		if !c.decodePlain(n, p.Elem()) {
			return false
		}
		dst.Set(p)
		return true
	case reflect.Slice:
		if n.kind != 'q' {
			return false
		}
		s := reflect.MakeSlice(dst.Type(), len(n.vals), len(n.vals))
		for i, e := range n.vals {
			if !c.decodePlain(e, s.Index(i)) {
				return false
			}
		}
		dst.Set(s)
		return true
	case reflect.Map:
		if n.kind != 'm' || dst.Type().Key().Kind() != reflect.String {
			return false
		}
		out := reflect.MakeMapWithSize(dst.Type(), len(n.vals))
		for i, k := range n.keys {
			e := reflect.New(dst.Type().Elem()).Elem()
			if !plainString(k) || !c.decodePlain(n.vals[i], e) {
				return false
			}
			out.SetMapIndex(reflect.ValueOf(k), e)
		}
		dst.Set(out)
		return true
	case reflect.Struct:
		if n.kind != 'm' {
			return false
		}
		fields := c.fields(dst.Type())
		for i, k := range n.keys {
			fi, ok := fields[k]
			if !ok || !c.decodePlain(n.vals[i], dst.Field(fi)) {
				return false
			}
		}
		return true
	}
	return false
}

func atoi(s string) int {
	i, _ := strconv.Atoi(s)
	return i
}

// plainString reports whether YAML reads the unquoted scalar s as a
// string: not a null, boolean, number or date, nor anything that might
// be one.
func plainString(s string) bool {
	if len(s) <= len("false") {
		switch strings.ToLower(s) {
		case "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n":
			return false
		}
	}
	if c := s[0]; !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
		return true
	}
	// Starts like a number: a string only if it has a character no
	// number, date or time has ("45 days", "3rd").
	return strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || strings.ContainsRune("+-._:eExXoObBaAcCdDfFtTzZ", r))
	})
}

// decimalFraction reports whether s is digits, a point and digits.
func decimalFraction(s string) bool {
	i := strings.IndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return false
	}
	for j := 0; j < len(s); j++ {
		if j != i && (s[j] < '0' || s[j] > '9') {
			return false
		}
	}
	return true
}
