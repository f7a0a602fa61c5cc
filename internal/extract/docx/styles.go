package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// val is the common shape of WordprocessingML properties: <w:x w:val="…"/>.
type val struct {
	Val *string `xml:"val,attr"`
}

// on reads an on/off property: present without a value means on.
func (v *val) on() bool {
	if v == nil {
		return false
	}
	if v.Val == nil {
		return true
	}
	switch strings.ToLower(*v.Val) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

func (v *val) str() string {
	if v == nil || v.Val == nil {
		return ""
	}
	return *v.Val
}

// num reads an integer property; Word also writes "1.0".
func (v *val) num() (int, bool) {
	if v == nil || v.Val == nil {
		return 0, false
	}
	return atoi(*v.Val)
}

func atoi(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > -1e9 && f < 1e9 {
		return int(f), true
	}
	return 0, false
}

type xNumPr struct {
	Ilvl  *val `xml:"ilvl"`
	NumID *val `xml:"numId"`
}

type xStyles struct {
	Styles []struct {
		Type    string `xml:"type,attr"`
		ID      string `xml:"styleId,attr"`
		Default string `xml:"default,attr"`
		Name    val    `xml:"name"`
		BasedOn val    `xml:"basedOn"`
		PPr     struct {
			NumPr   *xNumPr `xml:"numPr"`
			Outline *val    `xml:"outlineLvl"`
		} `xml:"pPr"`
		RPr struct {
			Vanish *val `xml:"vanish"`
		} `xml:"rPr"`
	} `xml:"style"`
}

type style struct {
	name, basedOn string
	outline       int // -1 when not set
	numID         string
	ilvl          int // -1 when not set
	vanish        bool
}

// styles holds what the reader needs from word/styles.xml.
type styles struct {
	byID        map[string]*style
	defaultPara string
}

func parseStyles(x xStyles) *styles {
	s := &styles{byID: make(map[string]*style)}
	for _, xs := range x.Styles {
		st := &style{name: xs.Name.str(), basedOn: xs.BasedOn.str(), outline: -1, ilvl: -1, vanish: xs.RPr.Vanish.on()}
		if n, ok := xs.PPr.Outline.num(); ok {
			st.outline = n
		}
		if np := xs.PPr.NumPr; np != nil {
			st.numID = np.NumID.str()
			if n, ok := np.Ilvl.num(); ok {
				st.ilvl = n
			}
		}
		if _, dup := s.byID[xs.ID]; !dup {
			s.byID[xs.ID] = st
		}
		if xs.Type == "paragraph" && (&val{Val: &xs.Default}).on() && xs.Default != "" && s.defaultPara == "" {
			s.defaultPara = xs.ID
		}
	}
	return s
}

// maxChain bounds basedOn chains, which a crafted file can make circular.
const maxChain = 32

// chain calls fn for the style id and its ancestors until fn returns true.
func (s *styles) chain(id string, fn func(id string, st *style) bool) {
	if s == nil {
		return
	}
	if id == "" {
		id = s.defaultPara
	}
	for i := 0; i < maxChain && id != ""; i++ {
		st := s.byID[id]
		if st == nil || fn(id, st) {
			return
		}
		id = st.basedOn
	}
}

// heading returns the heading level (1 = top) of a paragraph with style id
// and its own outline level (-1 if none), and whether it is a heading.
func (s *styles) heading(id string, outline int) (int, bool) {
	if outline < 0 {
		s.chain(id, func(_ string, st *style) bool {
			if st.outline >= 0 {
				outline = st.outline
				return true
			}
			return false
		})
	}
	if outline >= 0 {
		// Level 9 is "body text"; 0–8 are heading levels 1–9.
		return outline + 1, outline <= 8
	}
	level := 0
	s.chain(id, func(_ string, st *style) bool {
		name := strings.ToLower(st.name)
		if name == "title" {
			level = 1
			return true
		}
		if rest, ok := strings.CutPrefix(name, "heading "); ok {
			if n, err := strconv.Atoi(rest); err == nil && n >= 1 && n <= 9 {
				level = n
				return true
			}
		}
		return false
	})
	return level, level > 0
}

// numPr returns the numbering a style gives its paragraphs.
func (s *styles) numPr(id string) (numID string, ilvl int, styleID string) {
	ilvl = -1
	s.chain(id, func(sid string, st *style) bool {
		if st.numID != "" {
			numID, styleID = st.numID, sid
			if ilvl < 0 {
				ilvl = st.ilvl
			}
			return true
		}
		if ilvl < 0 && st.ilvl >= 0 {
			ilvl = st.ilvl
		}
		return false
	})
	return numID, ilvl, styleID
}

// vanish reports whether a character style hides its text.
func (s *styles) vanish(id string) bool {
	if s == nil || id == "" {
		return false
	}
	hidden := false
	s.chain(id, func(_ string, st *style) bool {
		hidden = st.vanish
		return st.vanish
	})
	return hidden
}

func decodeInto(d xml.TokenReader, v any) error {
	return xml.NewTokenDecoder(d).Decode(v)
}
