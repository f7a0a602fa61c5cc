package terms

import (
	"regexp"
	"strings"
)

// aliasRe matches a parenthesis that defines a party's short name:
// ("Acme"), (the “Client”), (hereinafter referred to as "Contractor").
var aliasRe = regexp.MustCompile(`\((?:[^()"“”]{0,60})?["“”']([^"“”()]{1,60})["“”'][^()]{0,80}\)`)

// nameEndRe marks where a party's name ends and its description begins.
var nameEndRe = regexp.MustCompile(`(?i),?\s+(?:a|an|the|having|with|whose|located|organi[sz]ed|incorporated|existing|acting|its|which|doing business|d/b/a|formerly|on behalf|duly|residing|of\s+\d|at\s+\d)\b|,\s*(?:\d|a\s)|\s+\(`)

var genericAlias = map[string]bool{"party": true, "parties": true, "agreement": true, "this agreement": true}

// notPartyAlias are defined terms of a preamble that never name a party.
var notPartyAlias = map[string]bool{"agreement": true, "effective date": true, "commencement date": true, "execution date": true}

// parties reads the parties from the preamble: "by and between X
// ("Client") and Y ("Contractor")", or a first sentence that names them
// with defined aliases. Of the candidate passages, the one naming the most
// parties wins.
func parties(s *scanner) []Party {
	end := s.preambleEnd()
	low := s.lower[:end]
	var starts []int
	for _, w := range []string{"between", "among"} {
		for at := 0; len(starts) < 6; {
			i := indexWord(low[at:], w)
			if i < 0 {
				break
			}
			starts = append(starts, at+i+len(w))
			at += i + len(w)
		}
	}
	if i := strings.Index(low, "(\""); i >= 0 {
		starts = append(starts, s.sentence(i).Start)
	} else if i := strings.Index(low, "(“"); i >= 0 {
		starts = append(starts, s.sentence(i).Start)
	}
	var best []Party
	bestAliases := -1
	for _, at := range starts {
		ps := partiesAt(s, at, end)
		n := 0
		for _, p := range ps {
			if p.Alias != "" {
				n++
			}
		}
		if len(ps) >= 2 && n > bestAliases || len(best) < 2 && len(ps) > len(best) {
			best, bestAliases = ps, n
		}
	}
	return best
}

// partiesAt reads a list of parties starting at byte at.
func partiesAt(s *scanner, at, end int) []Party {
	sp := s.sentence(at)
	sp.Start = at
	if sp.End > end+500 {
		sp.End = min(len(s.text), end+500)
	}
	text := s.text[sp.Start:sp.End]
	// Stop at the recital or the start of the operative text.
	for _, w := range []string{" WHEREAS", " RECITALS", " Recitals", " BACKGROUND", " NOW, THEREFORE", " witnesseth", " WITNESSETH"} {
		if i := strings.Index(text, w); i > 0 {
			text = text[:i]
		}
	}
	var out []Party
	prev := 0
	for _, m := range aliasRe.FindAllStringSubmatchIndex(text, -1) {
		chunk := text[prev:m[0]]
		alias := strings.TrimSpace(text[m[2]:m[3]])
		chunkAt := prev
		prev = m[1]
		if strings.TrimSpace(chunk) == "" {
			continue // a second alias for the party just read
		}
		if notPartyAlias[strings.ToLower(alias)] {
			continue
		}
		name, off := partyName(chunk)
		if name == "" {
			continue
		}
		if genericAlias[strings.ToLower(alias)] {
			alias = ""
		}
		alias = strings.TrimPrefix(strings.TrimPrefix(alias, "the "), "The ")
		p := Party{Name: name, Alias: alias, Span: Span{Start: sp.Start + chunkAt + off, End: sp.Start + m[1]}}
		p.Placeholder = isPlaceholder(name)
		out = append(out, p)
		if len(out) == 12 {
			break
		}
	}
	if len(out) > 0 {
		return out
	}
	// No defined names: "between Acme Corp. and Beta LLC."
	for _, part := range splitTopLevel(text) {
		if name, _ := partyName(part); name != "" {
			out = append(out, Party{Name: name, Placeholder: isPlaceholder(name)})
		}
		if len(out) == 4 {
			break
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// partyName cleans the text before a party's alias into its name, and
// returns the offset of the name in chunk.
func partyName(chunk string) (string, int) {
	start := 0
	// The text since the previous party may still hold its description:
	// ", a Delaware corporation, and Beta LLC". Start after the last list
	// separator, or after "between" or a plain "and" when the text starts
	// in lower case.
	for _, sep := range []string{", and ", "; and ", "; ", " and: ", "and:", "between:", "between "} {
		if i := strings.LastIndex(chunk[start:], sep); i >= 0 {
			start += i + len(sep)
		}
	}
	if t := strings.TrimLeft(chunk[start:], " ,;:"); t != "" && t[0] >= 'a' && t[0] <= 'z' {
		if i := strings.LastIndex(chunk[start:], " and "); i >= 0 {
			start += i + len(" and ")
		} else if i := strings.Index(chunk[start:], ", "); i >= 0 {
			start += i + 2 // "professional golfer, TOM WATSON,"
		}
	}
	for {
		t := chunk[start:]
		trimmed := strings.TrimLeft(t, " ,;:.\t\n")
		start += len(t) - len(trimmed)
		low := strings.ToLower(trimmed)
		cut := ""
		for _, w := range []string{"and ", "between ", "among ", "by ", "& ", "(1) ", "(2) ", "(3) ", "(4) ", "1. ", "2. ", "3. "} {
			if strings.HasPrefix(low, w) {
				cut = w
				break
			}
		}
		if cut == "" {
			break
		}
		start += len(cut)
	}
	name := chunk[start:]
	if m := nameEndRe.FindStringIndex(name); m != nil && m[0] > 0 {
		name = name[:m[0]]
	}
	name = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name), ",;:"))
	if name == "" || len(name) > 120 {
		return "", 0
	}
	// The name must start like a name, not like a clause ("each of"), and
	// not be the agreement itself ("This Services Agreement").
	c := name[0]
	if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '[' || c == '{' || c == '_' || c >= 0x80) {
		return "", 0
	}
	low := strings.ToLower(name)
	for _, w := range []string{"this ", "the agreement", "pursuant", "whereas", "in consideration", "exhibit", "section", "schedule"} {
		if strings.HasPrefix(low, w) {
			return "", 0
		}
	}
	if strings.HasSuffix(low, "agreement") || strings.HasSuffix(low, " to") || strings.HasSuffix(low, " of") || yearEnd.MatchString(low) {
		return "", 0
	}
	return name, start
}

var yearEnd = regexp.MustCompile(`(?:19|20)\d\d$|^\d+(?:\.\d+)*$`)

// splitTopLevel splits a party list on "and" and ";" outside brackets.
func splitTopLevel(s string) []string {
	var parts []string
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ';':
			if depth == 0 {
				parts = append(parts, s[last:i])
				last = i + 1
			}
		case ' ':
			if depth == 0 && i >= last && strings.HasPrefix(s[i:], " and ") {
				parts = append(parts, s[last:i])
				last = i + 5
				i += 3
			}
		case '.':
			if depth == 0 && i+1 < len(s) && s[i+1] == ' ' && i > 3 && !strings.HasSuffix(strings.ToLower(s[:i]), "inc") &&
				!strings.HasSuffix(strings.ToLower(s[:i]), "corp") && !strings.HasSuffix(strings.ToLower(s[:i]), "ltd") &&
				!strings.HasSuffix(strings.ToLower(s[:i]), "co") {
				return append(parts, s[last:i])
			}
		}
	}
	return append(parts, s[last:])
}

func isPlaceholder(s string) bool {
	return strings.HasPrefix(s, "[") || strings.HasPrefix(s, "{") || strings.HasPrefix(s, "_") || strings.Contains(s, "* *")
}
