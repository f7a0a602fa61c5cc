package rules

import (
	"strings"

	"github.com/termscore/termscore/internal/document"
)

// Check boxes. A cover page (Common Paper's CSA and PSA) offers choices
// as a list of options, each after a box: "☐ Uncapped ☐ 2x fees", "[ ]
// Breach of Section 3 … [ x ] Date of last signature". An option left
// unticked is not a term of the contract, so present rules do not report
// wording in it.
var (
	untickedBoxes = []string{"☐", "□"}
	tickedBoxes   = []string{"☑", "☒", "■"}
)

// checkBox returns the length of the check box at the start of s, 0 if
// there is none, and whether it is ticked: "☐", "☑", "[ ]", "[x]",
// "[ X ]", "[✓]", "( )" and "( x )". A bare "(x)" numbers a list item.
func checkBox(s string) (n int, ticked bool) {
	for _, b := range untickedBoxes {
		if strings.HasPrefix(s, b) {
			return len(b), false
		}
	}
	for _, b := range tickedBoxes {
		if strings.HasPrefix(s, b) {
			return len(b), true
		}
	}
	if s == "" || s[0] != '[' && s[0] != '(' {
		return 0, false
	}
	closing := byte(']')
	if s[0] == '(' {
		closing = ')'
	}
	end := strings.IndexByte(s[:min(len(s), 8)], closing)
	if end < 0 {
		return 0, false
	}
	inside := s[1:end]
	switch mark := strings.TrimSpace(inside); mark {
	case "":
		// "[]" is an empty list or a redaction more often than a box.
		if inside == "" {
			return 0, false
		}
		return end + 1, false
	case "x", "X", "✓", "✔":
		if closing == ')' && mark == inside {
			return 0, false
		}
		return end + 1, true
	}
	return 0, false
}

// uncheckedOptions appends to out the byte ranges of s that are options
// left unticked: from the end of an empty box to the next box, tab or
// line break, or to the end of s.
func uncheckedOptions(s string, out []document.Span) []document.Span {
	// Nearly every sentence has no empty box: say so without reading it
	// byte by byte.
	if !strings.Contains(s, "[ ") && !strings.Contains(s, "( ") &&
		!strings.Contains(s, untickedBoxes[0]) && !strings.Contains(s, untickedBoxes[1]) {
		return out
	}
	open := -1 // start of the current unticked option
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n':
			// A table cell or a line ends an option.
			if open >= 0 {
				out = append(out, document.Span{Start: open, End: i})
				open = -1
			}
			continue
		case '[', '(', 0xE2: // 0xE2 leads ☐ □ ☑ ☒ ■
		default:
			continue
		}
		n, ticked := checkBox(s[i:])
		if n == 0 {
			continue
		}
		if open >= 0 {
			out = append(out, document.Span{Start: open, End: i})
			open = -1
		}
		if !ticked {
			open = i + n
		}
		i += n - 1
	}
	if open >= 0 {
		out = append(out, document.Span{Start: open, End: len(s)})
	}
	return out
}

// onlyUnchecked reports whether s is a list of options none of which is
// ticked, with no wording before its first box.
func onlyUnchecked(s string) bool {
	first := -1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '[' && c != '(' && c != 0xE2 {
			continue
		}
		n, ticked := checkBox(s[i:])
		if n == 0 {
			continue
		}
		if ticked {
			return false
		}
		if first < 0 {
			first = i
		}
		i += n - 1
	}
	return first >= 0 && strings.TrimSpace(s[:first]) == ""
}
