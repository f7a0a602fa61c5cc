package rules

import (
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// decodeSimple decodes a YAML tree of plain mappings, sequences and
// scalars into v, a pointer to a struct of the pack layout. It reports
// false, leaving v partly set, on anything else: an unknown field, a
// null, an anchor, alias or tag, a scalar of another type than its field.
// The caller then decodes with yaml.NodeToValue, whose results and errors
// are the reference. goccy/go-yaml's decoder looks up every struct's
// fields by reflection at every value and was a sixth of loading the
// packs; this is the same walk without it.
func decodeSimple(n ast.Node, v any) bool {
	d := fieldCache{}
	return d.decode(n, reflect.ValueOf(v).Elem())
}

// fieldCache maps a struct type to its fields by YAML key.
type fieldCache map[reflect.Type]map[string]int

func (c fieldCache) fields(t reflect.Type) map[string]int {
	if m, ok := c[t]; ok {
		return m
	}
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		m[name] = i
	}
	c[t] = m
	return m
}

func (c fieldCache) decode(n ast.Node, dst reflect.Value) bool {
	switch dst.Kind() {
	case reflect.String:
		switch n := n.(type) {
		case *ast.StringNode:
			dst.SetString(n.Value)
			return true
		case *ast.LiteralNode:
			dst.SetString(n.Value.Value)
			return true
		case *ast.IntegerNode:
			// An anchor such as 2870 (a statute number): the decoder
			// formats the number it parsed.
			switch i := n.Value.(type) {
			case int64:
				dst.SetString(strconv.FormatInt(i, 10))
				return true
			case uint64:
				dst.SetString(strconv.FormatUint(i, 10))
				return true
			}
		}
	case reflect.Bool:
		if n, ok := n.(*ast.BoolNode); ok {
			dst.SetBool(n.Value)
			return true
		}
	case reflect.Int:
		if n, ok := n.(*ast.IntegerNode); ok {
			var i int64
			switch v := n.Value.(type) {
			case int64:
				i = v
			case uint64:
				if v > math.MaxInt64 {
					return false
				}
				i = int64(v)
			default:
				return false
			}
			if !dst.OverflowInt(i) {
				dst.SetInt(i)
				return true
			}
		}
	case reflect.Float64:
		if n, ok := n.(*ast.FloatNode); ok {
			dst.SetFloat(n.Value)
			return true
		}
	case reflect.Pointer:
		if dst.Type().Elem().Kind() != reflect.Struct {
			return false
		}
		p := reflect.New(dst.Type().Elem())
		if !c.decode(n, p.Elem()) {
			return false
		}
		dst.Set(p)
		return true
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			return false
		}
		s := reflect.MakeSlice(dst.Type(), len(seq.Values), len(seq.Values))
		for i, e := range seq.Values {
			if !c.decode(e, s.Index(i)) {
				return false
			}
		}
		dst.Set(s)
		return true
	case reflect.Map:
		m, ok := n.(*ast.MappingNode)
		if !ok || dst.Type().Key().Kind() != reflect.String {
			return false
		}
		out := reflect.MakeMapWithSize(dst.Type(), len(m.Values))
		for _, kv := range m.Values {
			k, ok := kv.Key.(*ast.StringNode)
			if !ok {
				return false
			}
			e := reflect.New(dst.Type().Elem()).Elem()
			if !c.decode(kv.Value, e) {
				return false
			}
			out.SetMapIndex(reflect.ValueOf(k.Value), e)
		}
		dst.Set(out)
		return true
	case reflect.Struct:
		m, ok := n.(*ast.MappingNode)
		if !ok {
			return false
		}
		fields := c.fields(dst.Type())
		for _, kv := range m.Values {
			k, ok := kv.Key.(*ast.StringNode)
			if !ok {
				return false
			}
			i, ok := fields[k.Value]
			if !ok {
				return false
			}
			if !c.decode(kv.Value, dst.Field(i)) {
				return false
			}
		}
		return true
	}
	return false
}
