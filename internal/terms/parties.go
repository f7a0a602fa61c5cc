package terms

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// aliasRe matches a parenthesis that defines a party's short name:
// ("Acme"), (the “Client”), (hereinafter referred to as "Contractor").
var aliasRe = regexp.MustCompile(`\((?:[^()"“”]{0,60})?["“”']([^"“”()]{1,60})["“”'][^()]{0,80}\)`)

// nameEndStarts is nameEndRe tried at one start.
var nameEndStarts = newStartRe(nameEndRe)

// nameEndFirst marks the bytes that can follow the comma and spaces a
// nameEndRe match begins with: the first letter of one of its words (in
// either case; none folds to a non-ASCII letter), a figure, or "(".
var nameEndFirst = func() (t [256]bool) {
	for _, c := range "athwloiedfrcbATHWLOIEDFRCB0123456789(" {
		t[c] = true
	}
	return t
}()

// nameEnd returns nameEndRe.FindStringIndex(name), trying the expression
// only at a comma or space followed (after the spaces) by a byte of
// nameEndFirst. At every space the expression tried each of its forty
// words, which made it a fifth of parties: 50,000 instructions for the
// ten bytes of "[ * * * ] ".
func nameEnd(name string) []int {
	for p := 0; p < len(name); p++ {
		q := p
		if name[q] == ',' {
			q++
		} else if !isSpace(name[q]) {
			continue
		}
		for q < len(name) && isSpace(name[q]) {
			q++
		}
		if q == len(name) || !nameEndFirst[name[q]] {
			continue
		}
		if m := nameEndStarts.anchored(name, p); m != nil {
			return m[:2]
		}
	}
	return nil
}

// isSpace reports whether \s matches c.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// findAliases returns aliasRe.FindAllStringSubmatchIndex(text, n). A
// match runs from a "(" to the first ")" after it, with no bracket
// between, so the expression is asked of each such span alone: on a
// whole preamble Go runs it as an NFA, whose counted repetitions made it
// a tenth of Extract.
func findAliases(text string, n int) [][]int {
	var out [][]int
	for at := 0; n < 0 || len(out) < n; {
		i := strings.IndexByte(text[at:], '(')
		if i < 0 {
			break
		}
		i += at
		j := strings.IndexAny(text[i+1:], "()")
		if j < 0 {
			break
		}
		j += i + 1
		if text[j] == '(' {
			at = j
			continue
		}
		m := aliasRe.FindStringSubmatchIndex(text[i : j+1])
		if m == nil {
			at = j + 1
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		at = m[1]
	}
	return out
}

// nameEndRe marks where a party's name ends and its description begins.
var nameEndRe = regexp.MustCompile(`(?i),?\s+(?:a|an|the|having|with|whose|located|organi[sz]ed|incorporated|existing|acting|its|which|doing business|d/b/a|formerly|on behalf|duly|residing|of\s+\d|at\s+\d|each|both|collectively|individually|as\s+(?:identified|defined|named|set\s+forth|specified|described|listed|stated)|identified|hereinafter|who|that|agrees?|desires?|wish(?:es)?|dated|on\s+(?:the|or|this)|c/o)\b|,\s*(?:\d|a\s)|\s+\(|\s+(?:address|e-?mail|phone|tel|telephone|fax|website)\s*:`)

// roleWords are the defined names contracts give their parties. Standing
// alone in a party list ("between Company and Contractor, each as
// identified on the SOW"), one is a role whose name is given elsewhere,
// not a name.
var roleWords = map[string]bool{
	"company": true, "contractor": true, "client": true, "customer": true, "consultant": true, "consultancy": true,
	"provider": true, "service provider": true, "supplier": true, "vendor": true, "licensor": true,
	"licensee": true, "employee": true, "employer": true, "landlord": true, "tenant": true,
	"buyer": true, "seller": true, "purchaser": true, "discloser": true, "recipient": true,
	"disclosing party": true, "receiving party": true, "party": true, "agency": true, "freelancer": true,
	"distributor": true, "reseller": true, "partner": true, "developer": true, "publisher": true,
	"franchisor": true, "franchisee": true, "lessor": true, "lessee": true, "owner": true,
	"manufacturer": true, "sponsor": true, "member": true, "user": true, "executive": true, "intern": true,
	"advisor": true, "adviser": true, "driver": true,
	// A release's or a booking's rows: "Model: Dana Whitfield", "PODCASTER
	// (Host/Producer): Name: Marcus Lee". ("Creator" and "Producer" are
	// not: a platform's terms define its creators, and a beat licence
	// names the beat's producer, who is no party.)
	"model": true, "photographer": true, "guest": true, "podcaster": true, "speaker": true,
}

// isRole reports whether name is only a role word: "Company", "the Client".
func isRole(name string) bool {
	low := strings.ToLower(strings.TrimSpace(name))
	low = strings.TrimPrefix(low, "the ")
	// "Tenants: [Tenant Name(s)] ("Tenants")"
	return roleWords[low] || strings.HasSuffix(low, "s") && roleWords[low[:len(low)-1]]
}

var trailingRoleRe = regexp.MustCompile(`^,?\s+and\s+(?:the\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:agree|hereby|each|,|\()`)

var genericAlias = map[string]bool{"party": true, "parties": true, "agreement": true, "this agreement": true}

// notPartyAlias are defined terms of a preamble that never name a party
// (documents are told apart by namesNoParty).
var notPartyAlias = map[string]bool{"effective date": true, "commencement date": true, "execution date": true}

// parties reads the parties from the preamble: "by and between X
// ("Client") and Y ("Contractor")", or a first sentence that names them
// with defined aliases. Of the candidate passages, the one naming the most
// parties wins.
func parties(s *scanner) []Party {
	end := s.preambleEnd()
	best := partiesIn(s, 0, end)
	if len(best) < 2 {
		// A cover page or a table of contents can push the preamble past
		// the first pages: look again from its opening words.
		if at := preambleOpening(s.lower, end); at > 0 {
			lo, hi := at, min(len(s.lower), at+3500)
			if ps := partiesIn(s, lo, hi); len(ps) >= 2 && len(ps) > len(best) {
				best, end = ps, hi
			}
		}
	}
	for i := range best {
		if best[i].Name == "" {
			resolveRole(s, &best[i], end)
		}
	}
	if len(best) < 2 {
		if rows := coverParties(s, 0, 6000); len(rows) >= 2 {
			best = rows
		} else if rows := coverParties(s, len(s.text)-3000, len(s.text)); len(rows) >= 2 {
			// "Seller: Coastal Smoothie Franchising Inc." / "Buyer: Harbor
			// Blends LLC": the signature block is the only place that
			// names them.
			best = rows
		} else if rows := nameRowParties(s); len(rows) >= 2 {
			best = rows
		} else if rows := numberedParties(s); len(rows) >= 2 {
			best = rows
		} else if rows := definedParties(s); len(rows) >= 2 {
			best = rows
		}
	}
	if len(best) == 1 {
		best = append(best, otherParty(s, best[0])...)
	}
	// "between Provider and Customer … Customer ("Customer")": one party.
	return slices.CompactFunc(best, func(a, b Party) bool {
		return a.Name == b.Name && strings.EqualFold(a.Alias, b.Alias)
	})
}

// eachPartyRe is a sentence that names both parties as the "Parties":
// "Spark Inventory and Customer shall herein be referred to each as a
// "Party"".
var eachPartyRe = regexp.MustCompile(`([A-Z][\w&.,' -]{0,40}?)\s+and\s+(?:the\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:shall|will|are|may)\s+(?:herein(?:after)?\s+)?(?:be\s+)?(?:each\s+|individually\s+|collectively\s+)?referred\s+to\s+(?:herein\s+)?(?:each\s+|individually\s+)?as\s+(?:a\s+|the\s+)?["“]Part(?:y|ies)["”]`)

// otherParty finds the party a preamble left out when it named only one:
// a customer the document defines later ("CUSTOMER (AS DEFINED BELOW)"),
// named beside the first where both are called the "Parties".
func otherParty(s *scanner, first Party) []Party {
	head := s.text[:min(len(s.text), 6000)]
	m := eachPartyRe.FindStringSubmatch(head)
	if m == nil {
		return nil
	}
	a, b := strings.TrimPrefix(strings.TrimSpace(m[1]), "The "), strings.TrimSpace(m[2])
	if !strings.EqualFold(a, first.Alias) && !strings.EqualFold(a, first.Name) || !isRole(b) {
		return nil
	}
	return []Party{{Alias: b}}
}

// resolveRole names a party known only by its role: from the role's
// definition elsewhere in the preamble ("join Automattic Inc. (the
// "Company")"), else from a cover-page field beside the role
// ("Company	{company_name_and_address}"), which is a placeholder.
func resolveRole(s *scanner, p *Party, end int) {
	pre := s.text[:end]
	for _, m := range findAliases(pre, -1) {
		// (the “Company” or “Ausomattic”) defines both names.
		if !strings.EqualFold(strings.TrimSpace(pre[m[2]:m[3]]), p.Alias) && !quotes(pre[m[0]:m[1]], p.Alias) {
			continue
		}
		// "…, a statutory trust organized under the laws of the State of
		// Delaware (the "Adviser")": a place ends the description, not
		// the name.
		if name, at := trailingName(pre[max(0, m[0]-120):m[0]]); name != "" && !isRole(name) && !isPlace(name) {
			at += max(0, m[0]-120)
			p.Name, p.Span, p.Placeholder = name, Span{Start: at, End: at + len(name)}, isPlaceholder(name)
			return
		}
	}
	// A cover-page row: the role, a tab or colon, then a template field.
	low := s.lower
	role := strings.ToLower(p.Alias)
	for at := 0; at < len(low); {
		i := strings.Index(low[at:], role)
		if i < 0 {
			return
		}
		i += at
		at = i + len(role)
		if i > 0 && low[i-1] != '\n' {
			continue
		}
		rest := s.text[at:min(len(s.text), at+80)]
		if t := strings.TrimLeft(rest, " \t:"); len(t) < len(rest) && t != "" && (t[0] == '{' || t[0] == '[') {
			// A figure in brackets is a share or a sum, not a name to fill
			// in: a split table's "Artist	[50]%".
			if j := strings.IndexAny(t, "}]"); j > 0 && !strings.ContainsAny(t[:j], "\n") && strings.ContainsFunc(t[:j], func(r rune) bool { return unicode.IsLetter(r) || r == '_' }) {
				off := at + len(rest) - len(t)
				p.Name, p.Placeholder, p.Span = t[:j+1], true, Span{Start: off, End: off + j + 1}
				return
			}
		}
	}
}

// isPlace reports whether name is a place's name, perhaps styled: "State
// of Delaware", "England and Wales".
func isPlace(name string) bool {
	j, ok := ParseJurisdiction(name)
	return ok && len(name)-len(strings.Split(j.Name, ",")[0]) < 12
}

// trailingName returns the run of capitalised words that ends chunk, the
// way a name stands before its defining parenthesis: "for you to join
// Automattic Inc." gives "Automattic Inc.", and its offset in chunk.
func trailingName(chunk string) (string, int) {
	chunk = strings.TrimRight(chunk, " ,")
	words := strings.Fields(chunk)
	n := 0
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.Trim(words[i], ",")
		if w == "" {
			break
		}
		c := w[0]
		if c >= 'A' && c <= 'Z' || c >= 0x80 || c >= '0' && c <= '9' || (w == "of" || w == "and" || w == "&" || w == "de") && n > 0 {
			n++
			continue
		}
		break
	}
	for n > 0 && (words[len(words)-n] == "of" || words[len(words)-n] == "and" || words[len(words)-n] == "&" || words[len(words)-n] == "de") {
		n--
	}
	if n == 0 || n > 8 {
		return "", 0
	}
	name := strings.Join(words[len(words)-n:], " ")
	at := strings.LastIndex(chunk, words[len(words)-n])
	if at < 0 || !strings.HasPrefix(chunk[at:], name) {
		return "", 0
	}
	return name, at
}

// partiesIn reads the parties from the passages of text[lo:hi] that can
// hold them: after "between" or "among", and the sentence with the first
// defined name. Of the candidates, the one naming the most parties wins.
func partiesIn(s *scanner, lo, hi int) []Party {
	low := s.lower[:hi]
	var starts []int
	for _, w := range []string{"between", "among"} {
		for at := lo; len(starts) < 6; {
			i := indexWord(low[at:], w)
			if i < 0 {
				break
			}
			starts = append(starts, at+i+len(w))
			at += i + len(w)
		}
	}
	if i := strings.Index(low[lo:], "(\""); i >= 0 {
		starts = append(starts, max(lo, s.sentence(lo+i).Start))
	} else if i := strings.Index(low[lo:], "(“"); i >= 0 {
		starts = append(starts, max(lo, s.sentence(lo+i).Start))
	}
	// The sentence that first defines a role: "join Automattic Inc. (the
	// “Company”)", where the first quoted definition names a document.
	for _, m := range findAliases(s.text[lo:hi], 6) {
		if isRole(s.text[lo+m[2] : lo+m[3]]) {
			if at := max(lo, s.sentence(lo+m[0]).Start); !slices.Contains(starts, at) {
				starts = append(starts, at)
			}
			break
		}
	}
	var best []Party
	bestAliases := -1
	for _, at := range starts {
		ps := partiesAt(s, at, hi)
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

// preambleOpening finds the opening words of a preamble after byte from,
// within the first 40 KB: "is made and entered into", "by and between".
func preambleOpening(low string, from int) int {
	lim := min(len(low), 40000)
	if from >= lim {
		return -1
	}
	best := -1
	for _, w := range []string{"by and between", "by and among", "entered into by and", "made and entered into by"} {
		if i := strings.Index(low[from:lim], w); i >= 0 && (best < 0 || from+i < best) {
			best = from + i
		}
	}
	return best
}

// partiesAt reads a list of parties starting at byte at.
func partiesAt(s *scanner, at, end int) []Party {
	sp := s.sentence(at)
	// The list's lead-in, for its last word: "by and between" may end a
	// line of its own, the parties on the lines after it.
	lead := sp.Start
	sp.Start = at
	if sp.End > end+500 {
		sp.End = min(len(s.text), end+500)
	}
	// A list broken over lines: "between Tripath Technology, Inc.
	// ("Tripath"), and" / "Uniquest Corporation ("Distributor")".
	// A cover page's rows: "Between: Synto Labs ("Provider")" / "And:
	// [Client Name] ("Client")"; an "and" on a line of its own.
	// A lead-in on a line of its own ("between" / "LEO PHARMA A/S …
	// ("LEO")" / "and" / "GALEN …") leaves the list one more line.
	lines := 2
	if strings.TrimSpace(s.text[sp.Start:sp.End]) == "" {
		lines = 3
	}
	// A cover block: "BETWEEN:" on a line of its own, each party a name
	// on its own row followed by rows of address, email and phone and then
	// its alias, "(hereinafter referred to as the "Client")". Its short
	// rows are read up to the second alias.
	lead0 := strings.Trim(s.lower[lead:sp.End], " \t\n*_")
	block := lead0 == "between:"
	// A preamble ending "by and between:" with the parties' rows below
	// it, an "and" row between them, is read as far as a block is: a
	// party's name is its first row after the "and" (the rows before it
	// are the previous party's address), the alias under its rows
	// ("Lasting Ember LLC ("Company")" / "[Address]" / "and" / "Artist
	// Name: ____" / "Email: ____" / "(collectively, "Artist" or "you")").
	rows := block
	if !block && strings.HasSuffix(lead0, "between:") {
		_, rows = afterAndRow(s.text[sp.End:min(len(s.text), sp.End+300)])
	}
	if rows {
		lines = 16
	}
	for n := 0; n < lines && sp.End < len(s.text) && sp.End < end+500; n++ {
		t := strings.TrimRight(s.lower[min(lead, sp.Start):sp.End], " \t\n")
		o := sp.End
		for o < len(s.text) && (s.text[o] == ' ' || s.text[o] == '\n' || s.text[o] == '\t') {
			o++
		}
		next := s.sentence(min(o, len(s.text)-1))
		nextRow := strings.TrimLeft(s.lower[min(next.Start, len(s.lower)):min(next.Start+5, len(s.lower))], " *_")
		if rows {
			// A long row or a numbered clause ("1. SCOPE OF WORK") ends the block; "12 Elm Street" does not.
			if next.End-next.Start > 100 || clauseNumberRe.MatchString(s.lower[next.Start:min(next.End, len(s.lower))]) || len(findAliases(s.text[sp.Start:sp.End], 2)) >= 2 {
				break
			}
		} else if !strings.HasSuffix(t, " and") && !strings.HasSuffix(t, "\nand") && !strings.HasSuffix(t, ",") && !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "between") &&
			!strings.HasPrefix(nextRow, "and:") && strings.TrimSpace(s.lower[next.Start:min(next.End, len(s.lower))]) != "and" {
			break
		}
		if next.End <= sp.End {
			break
		}
		sp.End = min(next.End, len(s.text))
	}
	text := s.text[sp.Start:sp.End]
	// Stop at the recital or the start of the operative text.
	for _, w := range []string{"WHEREAS", "RECITALS", "Recitals", "BACKGROUND", "NOW, THEREFORE", "witnesseth", "WITNESSETH"} {
		for _, before := range []string{" ", "\n"} {
			if i := strings.Index(text, before+w); i > 0 {
				text = text[:i]
			}
		}
	}
	var out []Party
	prev := 0
	for _, m := range findAliases(text, -1) {
		chunk := text[prev:m[0]]
		alias := strings.TrimSpace(text[m[2]:m[3]])
		if pronouns[strings.ToLower(alias)] {
			// ("You" or "Licensee"): the second name is the party's role.
			if n := quotedAfterRe.FindStringSubmatch(text[m[3]+1 : m[1]]); n != nil && !pronouns[strings.ToLower(n[1])] {
				alias = n[1]
			}
		}
		chunkAt := prev
		prev = m[1]
		if strings.TrimSpace(chunk) == "" {
			continue // a second alias for the party just read
		}
		if namesNoParty(alias) {
			continue
		}
		if block {
			chunk = firstRow(chunk)
		} else if after, ok := afterAndRow(chunk); ok && rows {
			chunk = firstRow(after)
		}
		name, off := partyName(chunk)
		// A cover row's label: "Provider: [Company Name] ("Provider")".
		// … or a longer label ending in the alias: "Sales Representative: ____ ("Representative")".
		// … or the alias's name: "Artist Name: ____ … ("Artist")".
		if i := strings.Index(name, ":"); i > 0 && i < 25 && (isRole(name[:i]) || alias != "" && (strings.HasSuffix(strings.ToLower(name[:i]), " "+strings.ToLower(alias)) || strings.EqualFold(name[:i], alias+" name"))) {
			rest := strings.TrimSpace(name[i+1:])
			off += len(name) - len(rest)
			name = rest
		}
		if letterOpening(chunk) && (name == "" || letterOpening(name)) {
			// "We are delighted to … join Automattic Inc. (the “Company”)":
			// the name is the capitalised run before the parenthesis.
			name, off = trailingName(chunk)
			if _, ok := ParseJurisdiction(name); ok {
				name = "" // "If you are a user in … or the United Kingdom (“European User”)"
			}
		}
		// "These Internship Terms of Participation ("ITOP")", "This
		// Agreement ("MSA")": the document under a short name, not a party.
		if f, _, _ := strings.Cut(name, " "); strings.EqualFold(f, "this") || strings.EqualFold(f, "these") {
			continue
		}
		if name == "" {
			// "by and between BeVo Media, LLC ("BeVo Media" or "we"), and
			// you, ("you" or "Affiliate")": the reader, named by role.
			if role := youRole(chunk, text[m[0]:m[1]]); role != "" {
				out = append(out, Party{Alias: role})
			} else if undersignedRe.MatchString(chunk) && !genericAlias[strings.ToLower(alias)] {
				// A form signed by whoever fills it in: "between the
				// undersigned company (the 'Company') and the undersigned
				// advisor (the 'Advisor')" (the Founder Institute's advisor
				// template). The parties are their roles until signed.
				out = append(out, Party{Alias: strings.TrimPrefix(strings.TrimPrefix(alias, "the "), "The ")})
			}
			continue
		}
		// "between Employee and Asurion, LLC … (the “Company”)": a party
		// named by its role, then the one the alias names.
		if role, rest, ok := strings.Cut(name, " and "); ok && isRole(role) && (legalFormRe.MatchString(rest) || isPlaceholder(rest)) && len(out) == 0 {
			out = append(out, Party{Alias: strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(role), "the "), "The ")})
			off += len(role) + len(" and ")
			name = strings.TrimSpace(rest)
		}
		if strings.Trim(name, "_ .[]()") == "" {
			// A blank to fill in: "__________ ("Landlord")", "[ ________ ]".
			out = append(out, Party{Alias: strings.Trim(strings.TrimPrefix(strings.TrimPrefix(alias, "the "), "The "), " ,.")})
			continue
		}
		if !bareName(name) && !strings.HasSuffix(name, ".") {
			// A place, not a name: "… Austin, Texas ("COFS")". A company
			// named earlier in the same stretch is the party: "provided by
			// Stream Learning Limited (company no: …) … registered in
			// England and Wales with registered address at … London
			// ("Supplier/we/us/our")".
			if ms := companyNameRe.FindAllStringIndex(chunk, -1); len(ms) > 0 {
				m := ms[len(ms)-1]
				out = append(out, Party{Name: chunk[m[0]:m[1]], Alias: alias, Span: Span{Start: sp.Start + chunkAt + m[0], End: sp.Start + chunkAt + m[1]}})
				continue
			}
			out = append(out, Party{Alias: alias})
			continue
		}
		if genericAlias[strings.ToLower(alias)] {
			alias = ""
		}
		alias = strings.TrimPrefix(strings.TrimPrefix(alias, "the "), "The ")
		p := Party{Name: name, Alias: alias, Span: Span{Start: sp.Start + chunkAt + off, End: sp.Start + m[1]}}
		p.Placeholder = isPlaceholder(name)
		if isRole(name) && (alias == "" || strings.EqualFold(strings.TrimPrefix(strings.ToLower(name), "the "), strings.ToLower(alias))) {
			p = Party{Alias: strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ")}
		}
		out = append(out, p)
		if len(out) == 12 {
			break
		}
	}
	if len(out) > 0 {
		// "Wendy Winkie ("Consultant") and Company agree": a last party
		// named only by its role.
		// … or by a name the opening defined: "Barry Bounceback
		// ("Consultant") and Ausomattic agree".
		if m := trailingRoleRe.FindStringSubmatch(text[prev:]); m != nil && (isRole(m[1]) || !genericAlias[strings.ToLower(m[1])] && quotes(s.text[:end], m[1])) {
			out = append(out, Party{Alias: m[1]})
		}
		return out
	}
	// No defined names: "between Acme Corp. and Beta LLC."
	for _, part := range splitTopLevel(text) {
		if name, _ := partyName(part); name != "" && bareName(name) {
			if isRole(name) {
				out = append(out, Party{Alias: strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The ")})
			} else {
				p := Party{Name: strings.TrimSpace(name), Placeholder: isPlaceholder(name)}
				// "{{landlord}}, herein called “Landlord,”"
				if m := hereinCalledRe.FindStringSubmatch(part); m != nil && !namesNoParty(strings.Trim(m[1], " ,.")) {
					p.Alias = strings.Trim(m[1], " ,.")
					if strings.Trim(p.Name, "_ .[]()") == "" {
						// "________, individually or collectively as the
						// "Sublessor,"": a blank to fill in, known by its role.
						p = Party{Alias: p.Alias}
					}
				}
				out = append(out, p)
			}
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

// quotedAfterRe is a second quoted name in an alias's parenthesis: the
// "Licensee" of ("You" or "Licensee").
var quotedAfterRe = regexp.MustCompile(`^[^"“”']*?\bor\s+(?:the\s+)?["“”']([A-Z][^"“”'()]{0,40})["“”']`)

// undersignedRe is a party named only as whoever signs the form: "the
// undersigned company", "the undersigned".
var undersignedRe = regexp.MustCompile(`(?i)\bthe\s+undersigned(?:\s+[a-z]+){0,2}\s*$`)

// clauseNumberRe matches a row that opens with a clause number: "1. ",
// "3) ".
var clauseNumberRe = regexp.MustCompile(`^[ *_#]*\d+(?:\.\d+)*[.)]\s`)

// firstRow returns chunk up to the end of its first row that is not a
// cover block's "AND:" or "BETWEEN:" label: in a block, a party's name
// is that row, and the rows after it its address, email and phone.
func firstRow(chunk string) string {
	for at := 0; at < len(chunk); {
		end := strings.IndexByte(chunk[at:], '\n')
		if end < 0 {
			return chunk
		}
		end += at
		row := strings.ToLower(strings.Trim(chunk[at:end], " \t*_:"))
		if row != "" && row != "and" && row != "between" {
			return chunk[:end]
		}
		at = end + 1
	}
	return chunk
}

// afterAndRow returns chunk after its last row that is "and" alone,
// and whether it has one.
func afterAndRow(chunk string) (string, bool) {
	for at := len(chunk); at > 0; {
		start := strings.LastIndexByte(chunk[:at-1], '\n') + 1
		if strings.ToLower(strings.Trim(chunk[start:at], " \t\n*_:")) == "and" {
			return chunk[at:], true
		}
		at = start
	}
	return chunk, false
}

// youRole returns the role a party list gives its reader, "you": chunk
// is the text before the parenthesis paren that defines it, and the
// role is the parenthesis's first quoted name that is no pronoun.
func youRole(chunk, paren string) string {
	t := strings.ToLower(strings.Trim(chunk, " ,;\n\t"))
	if t != "you" && !strings.HasSuffix(t, " you") {
		return ""
	}
	for _, m := range quotedRe.FindAllStringSubmatch(paren, 4) {
		w := strings.TrimSpace(m[1])
		if low := strings.ToLower(w); w != "" && !pronouns[low] && low != "your" && low != "yours" && !strings.Contains(w, "/") && bareName(w) {
			return w
		}
	}
	return ""
}

var quotedRe = regexp.MustCompile(`["“]([^"“”]{1,40})["”]`)

// hereinCalledRe reads a defined name given without parentheses: "herein
// called “Landlord,”", "hereinafter referred to as "Tenant"", a
// sublease's "individually or collectively as the "Sublessor,"".
var hereinCalledRe = regexp.MustCompile(`(?i)(?:\bherein(?:after)?\s+(?:called|referred\s+to\s+as|known\s+as)|,\s+(?:individually\s+(?:or|and)\s+collectively\s+)?as)\s+(?:the\s+)?["“]([^"“”]{1,40})["”]`)

// coverRowRe matches a cover page's party row at a line start: "Landlord:
// Jane Smith", "**Tenant(s)**: [TENANT NAME(S)]", "Employer : {employer_name}",
// "OWNER (Landlord/Lessor/Agent): {{OWNER_NAME}}".
var coverRowRe = regexp.MustCompile(`(?m)^[*_ ]*([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)(?:\(s\))?(?:/[A-Za-z]+)?(?: \([A-Za-z/ ]+\))?[*_ ]*[:\t][*_ \t:]*([^\n]{1,120})`)

// cellRowRe is a table cell after a tab that opens with a label and a
// colon, as a cover row does: "\tCUSTOMER: ".
var cellRowRe = regexp.MustCompile(`\t[*_ ]*[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?[*_ ]*:`)

// coverParties reads the parties from cover-page or signature rows in
// text[lo:hi], for documents that name them nowhere else: a lease's
// "Landlord: Jane Smith. Tenant: Tom Brown." or a template's cover terms.
// Only rows whose label is a role word count, at most one per role.
func coverParties(s *scanner, lo, hi int) []Party {
	lo, hi = max(lo, 0), min(hi, len(s.text))
	if lo >= hi {
		return nil
	}
	// "Landlord: Jane Smith. Tenant: Tom Brown.": a row may follow
	// another on the same line; a sentence end is read as a line end (the
	// same length, so offsets hold). A row starts a line, so the window
	// starts at one.
	if i := strings.IndexByte(s.text[lo:hi], '\n'); lo > 0 && i >= 0 {
		lo += i + 1
	}
	head := strings.ReplaceAll(s.text[lo:hi], ". ", ".\n")
	// "PROVIDER: {company_name}\tCUSTOMER: {company_name}": a signature
	// table's cells, joined by a tab, each a row of its own. Only a tab
	// before a role's label and colon: "Company\t{company_name}" is one
	// row, its label and its field.
	head = cellRowRe.ReplaceAllStringFunc(head, func(m string) string {
		if !isRole(strings.TrimSuffix(strings.TrimRight(m[1:], "*_ :"), " Name")) {
			return m
		}
		return "\n" + m[1:]
	})
	var out []Party
	seen := map[string]bool{}
	for _, m := range coverRowRe.FindAllStringSubmatchIndex(head, -1) {
		// "Company Name: Elegant Moments", "Primary Client: Emma Rose
		// Martinez": the role in a longer label.
		role := strings.TrimPrefix(strings.TrimSuffix(head[m[2]:m[3]], " Name"), "Primary ")
		if !isRole(role) || seen[strings.ToLower(role)] {
			continue
		}
		val := head[m[4]:m[5]]
		val = strings.TrimSpace(strings.Trim(strings.TrimSpace(val), "*_`,;"))
		if !endsInSuffixRe.MatchString(val) {
			val = strings.TrimRight(val, ".") // not the "." of "Inc."
		}
		if i := strings.Index(val, "  "); i > 0 {
			val = val[:i]
		}
		// "PODCASTER (Host/Producer): Name: Marcus Lee": the row's own
		// field label.
		for _, l := range []string{"Name:", "Full Name:", "Legal Name:"} {
			if rest, ok := strings.CutPrefix(val, l); ok {
				val = strings.TrimSpace(rest)
				break
			}
		}
		if val == "" || strings.HasPrefix(val, "_") {
			continue // a blank line to fill in
		}
		// "[CLIENT NAME], with an address at [CLIENT ADDRESS] ("Client")":
		// the row's own definition and the address are not the name.
		if m := rowAliasRe.FindStringIndex(val); m != nil {
			val = strings.TrimSpace(val[:m[0]])
		}
		if m := addressRe.FindStringIndex(val); m != nil && m[0] > 0 {
			val = strings.TrimSpace(val[:m[0]])
		}
		// "[COMPANY NAME], a [State] corporation": the description after
		// the name.
		for _, w := range []string{", a ", ", an "} {
			if i := strings.Index(val, w); i > 0 {
				val = strings.TrimSpace(val[:i])
			}
		}
		// "ORCACLUB, Authorized Representative": a signature row's
		// signer's title after the name.
		if m := signerTitleRe.FindStringIndex(val); m != nil && m[0] > 0 {
			val = strings.TrimSpace(val[:m[0]])
		}
		// "Full Stack Craft LLC (operated by …) Website: https://…": an
		// aside and the next row, run onto the line, are not the name.
		if m := rowTailRe.FindStringIndex(val); m != nil && m[0] > 0 {
			val = strings.TrimSpace(strings.TrimRight(val[:m[0]], ", ;"))
		}
		// "Sweet Dreams Music LLC, Fort Wayne, IN": the company's place
		// after its legal form.
		if m := companyNameRe.FindStringIndex(val); m != nil && m[0] == 0 && strings.HasPrefix(val[m[1]:], ", ") {
			val = val[:m[1]]
		}
		// "Marcus Lee (Founders Unfiltered podcast)": an aside that ends
		// the row ("Acme (UK) Ltd" keeps its brackets).
		if i := strings.LastIndex(val, " ("); i > 0 && strings.HasSuffix(val, ")") && strings.Count(val[i:], "(") == 1 {
			val = strings.TrimSpace(val[:i])
		}
		name, placeholder := val, isPlaceholder(val)
		if !placeholder && !bareName(name) {
			continue
		}
		// "Client<tab>the business that asks the Agency for services": a
		// definitions table's row that describes a role names no party.
		if c := name[0]; c >= 'a' && c <= 'z' && !companySuffixRe.MatchString(name) {
			continue
		}
		seen[strings.ToLower(role)] = true
		if role == strings.ToUpper(role) {
			role = role[:1] + strings.ToLower(role[1:]) // "PROVIDER:" in a signature block
		}
		at := lo + m[4] + strings.Index(head[m[4]:m[5]], val)
		out = append(out, Party{Name: name, Alias: role, Placeholder: placeholder, Span: Span{Start: at, End: at + len(name)}})
		if len(out) == 4 {
			break
		}
	}
	return out
}

// nameRowRe is a party's heading row with its name on the next row:
// "**BORROWER/MAKER** (Person/Entity borrowing money):" / "- **Name**:
// {{borrowerName}}".
var nameRowRe = regexp.MustCompile(`(?m)^[*_# \t]*([A-Z][A-Za-z]+)(?:/[A-Za-z]+)?[*_ \t]*(?:\([^()\n]{0,60}\))?[*_ \t]*:?[*_ \t]*\n[ \t]*\n?[ \t]*[-*•]?[ \t]*[*_]*(?:Full |Legal )?Name[*_]*[ \t]*:[*_ \t]*([^\n]{1,80})`)

// loanRoles are the parties of a loan, which roleWords does not hold
// because "Lender" and "Borrower" in a party list elsewhere are read as
// names.
var loanRoles = map[string]bool{"borrower": true, "lender": true, "maker": true, "payee": true, "guarantor": true, "co-signer": true}

// nameRowParties reads the parties from heading rows that give a role
// and a "Name:" row under each, in the first 6,000 bytes.
func nameRowParties(s *scanner) []Party {
	head := s.text[:min(len(s.text), 6000)]
	var out []Party
	seen := map[string]bool{}
	for _, m := range nameRowRe.FindAllStringSubmatchIndex(head, -1) {
		role := head[m[2]:m[3]]
		low := strings.ToLower(role)
		if !isRole(role) && !loanRoles[low] || seen[low] {
			continue
		}
		val := strings.TrimSpace(strings.Trim(strings.TrimSpace(head[m[4]:m[5]]), "*_`,;"))
		if val == "" || strings.HasPrefix(val, "_") || !isPlaceholder(val) && !bareName(val) {
			continue
		}
		seen[low] = true
		at := m[4] + strings.Index(head[m[4]:m[5]], val)
		out = append(out, Party{Name: val, Alias: role[:1] + low[1:], Placeholder: isPlaceholder(val), Span: Span{Start: at, End: at + len(val)}})
		if len(out) == 4 {
			break
		}
	}
	return out
}

// numberedPartyRe is a numbered list's party, its role and then its name
// in brackets: "1. **Client (Northwind Audio Inc.)**".
var numberedPartyRe = regexp.MustCompile(`(?m)^[ \t]*\d{1,2}[.)][ \t]+[*_]*([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)[*_]*[ \t]*\(([^()\n]{2,80})\)`)

// listRoles are the roles a numbered party list may give besides
// roleWords: the list's form says they are parties, which a performer's
// or an actor's name in a party list alone would not.
var listRoles = map[string]bool{"voice actor": true, "actor": true, "performer": true, "talent": true, "artist": true, "creator": true, "influencer": true, "author": true, "writer": true}

// numberedParties reads the parties from a numbered list of roles with
// each party's name in brackets, in the first 6,000 bytes: "1. Client
// (Northwind Audio Inc.)" / "2. Voice Actor (Jamie Rivera)".
func numberedParties(s *scanner) []Party {
	head := s.text[:min(len(s.text), 6000)]
	var out []Party
	seen := map[string]bool{}
	for _, m := range numberedPartyRe.FindAllStringSubmatchIndex(head, -1) {
		role, low := head[m[2]:m[3]], strings.ToLower(head[m[2]:m[3]])
		if !isRole(role) && !listRoles[low] || seen[low] {
			continue
		}
		val := strings.TrimSpace(head[m[4]:m[5]])
		if !isPlaceholder(val) && !bareName(val) {
			continue
		}
		seen[low] = true
		at := m[4] + strings.Index(head[m[4]:m[5]], val)
		out = append(out, Party{Name: val, Alias: role, Placeholder: isPlaceholder(val), Span: Span{Start: at, End: at + len(val)}})
		if len(out) == 4 {
			break
		}
	}
	return out
}

var (
	rowAliasRe = regexp.MustCompile(`\s*\(\s*(?:the\s+)?["“][^"”]{1,40}["”]\s*\)`)
	addressRe  = regexp.MustCompile(`(?i),\s*(?:with (?:an|its) (?:address|office|principal|registered)|having (?:an|its) (?:address|office|principal|registered)|located at|residing (?:at|in)|whose (?:address|registered)|of \d)`)
	// signerTitleRe is a signer's title after a comma: ", Authorized
	// Representative", ", its CEO".
	signerTitleRe = regexp.MustCompile(`,\s+(?:its\s+|by\s+its\s+)?(?:Authori[sz]ed|Director|CEO|President|Vice President|Managing|Manager|Owner|Founder|Signatory|Representative)\b`)
	rowTailRe     = regexp.MustCompile(`\s+\([a-z]|\s+[A-Z][A-Za-z]+:\s`)
)

// quotes reports whether text holds name in quotation marks, as a
// definition does.
func quotes(text, name string) bool {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		if strings.Contains(text, q[0]+name+q[1]) {
			return true
		}
	}
	return false
}

// namesNoParty reports whether a defined name is a document's or a
// date's, not a party's: ("Proprietary Information Agreement"), ("Terms"),
// ("Effective Date").
func namesNoParty(alias string) bool {
	low := strings.ToLower(alias)
	if notPartyAlias[low] {
		return true
	}
	for _, w := range []string{"agreement", "terms", "terms of service", "policy", "statement", "addendum", "plan", "program", "programme", "services", "website", "site",
		"app", "application", "software"} {
		if low == w || strings.HasSuffix(low, " "+w) {
			return true
		}
	}
	return false
}

// letterOpening reports whether chunk is a letter's sentence in the first
// or second person ("We are delighted to extend an invitation for you to
// join"), not a party list, so that only the name at its end is a party.
func letterOpening(chunk string) bool {
	for _, w := range strings.Fields(chunk) {
		switch strings.Trim(w, ",.;:") {
		case "Dear", "We", "we", "you", "our":
			return true
		}
	}
	return false
}

// bareName reports whether a name found without a defining parenthesis
// reads as one: not a sentence's end ("Lucid."), not a place
// ("Delaware").
func bareName(name string) bool {
	if strings.HasSuffix(name, ".") && !endsInSuffixRe.MatchString(name) {
		return false
	}
	if j, ok := ParseJurisdiction(name); ok && len(name) <= len(j.Name)+4 {
		return false
	}
	return true
}

// partyName cleans the text before a party's alias into its name, and
// returns the offset of the name in chunk.
func partyName(chunk string) (string, int) {
	start := 0
	// A party in a labelled row of its own ("…Address].\n\nTenants:
	// [Tenant Name(s)]") starts after the paragraph break.
	if i := strings.LastIndex(chunk, "\n\n"); i >= 0 && rowLabelRe.MatchString(chunk[i+2:]) {
		start = i + 2
	}
	// The text since the previous party may still hold its description:
	// ", a Delaware corporation, and Beta LLC". Start after the last list
	// separator, or after "between" or a plain "and" when the text starts
	// in lower case.
	lowChunk := asciiLower(chunk)
	for _, sep := range []string{", and ", "; and ", "; ", " and: ", "and:", "between:", "between ", "\nand\n", "in favour of ", "in favor of ",
		"(b) ", "(c) ", "(d) ", "(e) ", "(f) ", "(ii) ", "(iii) ", "(iv) ", "(v) "} {
		in := chunk
		if strings.HasSuffix(sep, ":") || strings.HasSuffix(sep, ": ") {
			in = lowChunk // a cover row's label: "And: Acme Corp"
		}
		if i := strings.LastIndex(in[start:], sep); i >= 0 {
			start += i + len(sep)
		}
	}
	// "… TERMS (THE "AGREEMENT") CAREFULLY BEFORE USING THE SERVICES
	// OFFERED BY SPARK INVENTORY, INC., A DELAWARE CORPORATION ("SPARK
	// INVENTORY")": the party is the one the services come from.
	if has(lowChunk[start:], offeredByVerbs...) {
		if ms := offeredByRe.FindAllStringIndex(chunk[start:], -1); len(ms) > 0 {
			start += ms[len(ms)-1][1]
		}
	}
	// "; and\n\n(2) Tom Baker trading as …": the list's "and" ends a line.
	if t := strings.TrimLeft(chunk[start:], " ,;:"); len(t) > 4 && t[:3] == "and" && (t[3] == '\n' || t[3] == '\t') {
		start += len(chunk[start:]) - len(t) + 3
	}
	if t := strings.TrimLeft(chunk[start:], " ,;:"); t != "" && t[0] >= 'a' && t[0] <= 'z' && !companySuffixRe.MatchString(strings.TrimSpace(t)) {
		if i := strings.LastIndex(chunk[start:], " and "); i >= 0 {
			start += i + len(" and ")
		} else if i := strings.Index(chunk[start:], ", "); i >= 0 {
			start += i + 2 // "professional golfer, TOM WATSON,"
		} else if name, at := trailingName(chunk[start:]); name != "" {
			start += at // "to retain Gianluca Rotino"
		}
	}
	// "Effective February 15th, 2024, Wendy Winkie": the name comes
	// after a leading date.
	if ds := findDates(chunk[start:], asciiLower(chunk[start:]), start); len(ds) > 0 {
		if last := ds[len(ds)-1]; strings.TrimLeft(chunk[last.Span.End:], " ,") != "" {
			start = last.Span.End
		}
	}
	for {
		t := chunk[start:]
		trimmed := strings.TrimLeft(t, " ,;:.\t\n-●•·*")
		start += len(t) - len(trimmed)
		low := strings.ToLower(trimmed)
		cut := ""
		for _, w := range []string{"and ", "and,", "and\n", "between ", "among ", "by ", "& ", "(1) ", "(2) ", "(3) ", "(4) ", "1. ", "2. ", "3. ",
			"a) ", "b) ", "c) ", "d) ", "(a) ", "(b) ", "(c) ", "(d) ", "(i) ", "(ii) ", "(iii) ", "(iv) "} {
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
	if m := nameEnd(name); m != nil && m[0] > 0 {
		// "TOM Online (BVI) Limited", "GALEN (CHEMICALS) LIMITED": a
		// bracket inside the name, before its legal form. (Only nameEndRe's
		// " (" can open one: the expression is not asked otherwise.)
		if name[m[1]-1] == '(' {
			if b := bracketedFormRe.FindStringIndex(name[m[0]:]); b != nil {
				if n := nameEnd(name[m[0]+b[1]:]); n != nil {
					m = []int{m[0] + b[1] + n[0]}
				} else {
					m = nil
				}
			}
		}
		if m != nil {
			name = name[:m[0]]
		}
	}
	name = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name), ",;:"))
	if name == "" || len(name) > 120 {
		return "", 0
	}
	if name = tidyName(name); name == "" {
		return "", 0
	}
	// The name must start like a name, not like a clause ("each of"), and
	// not be the agreement itself ("This Services Agreement").
	c := name[0]
	if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '[' || c == '{' || c == '_' || c >= 0x80) &&
		!(c >= 'a' && c <= 'z' && companySuffixRe.MatchString(name)) { // "ebix.com, Inc."
		return "", 0
	}
	low := strings.ToLower(name)
	// … or a sentence's first word: "Subject to the terms …, the Basket
	// Buddy (the “App”)", "ONLY THEUNOiA LLP shall have the authority".
	for _, w := range []string{"this ", "the agreement", "pursuant", "whereas", "in consideration", "exhibit", "section", "schedule",
		"effective ", "dated ", "as of ", "made ", "entered ", "on ", "date ",
		"subject ", "only ", "unless ", "except ", "if ", "upon ", "notwithstanding ", "under ", "without ", "neither ", "either ", "any ", "all ",
		// … or an adverb opening a sentence: "However, the Consultancy may
		// … provide the Services through another person engaged by the
		// Consultancy ("Substitute")" (a UK agency's contractor terms).
		"however ", "therefore ", "accordingly ", "furthermore ", "moreover ", "otherwise ", "thereafter ", "in addition "} {
		if strings.HasPrefix(low+" ", w) { // "Subject" alone too
			return "", 0
		}
	}
	if strings.Count(name, "(") != strings.Count(name, ")") {
		return "", 0
	}
	low = strings.TrimRight(low, ".")
	if strings.HasSuffix(low, "agreement") || strings.HasSuffix(low, "parties") || strings.HasSuffix(low, "commission") || strings.HasSuffix(low, " to") || strings.HasSuffix(low, " of") || yearEnd.MatchString(low) {
		return "", 0
	}
	if _, ok := months[strings.Trim(strings.Fields(low)[0], ".,")]; ok && low != "may" {
		return "", 0 // a date, not a name
	}
	return name, start
}

// bracketedFormRe is a bracket inside a company's name, then its legal
// form: " (BVI) Limited".
var bracketedFormRe = regexp.MustCompile(`^\s+\([A-Za-z .]{1,20}\)\s+(?i:limited|ltd|llc|inc|incorporated|corporation|corp|plc|gmbh|s\.a|b\.v|pty|pte)\b\.?`)

// offeredByRe is the words that name who provides what a sentence is
// about, before the provider's name: "the services offered by". ("owned
// by" names a brand's owner, often no party.)
var offeredByRe = regexp.MustCompile(`(?i)\b(?:offered|provided|operated|supplied|made\s+available)\s+by\s+`)

// offeredByVerbs are strings one of which every offeredByRe match holds,
// lower-cased: most chunks have none, and the search for them costs a
// fraction of the expression's. ("upplied", as (?i) reads the long s of
// "ſupplied" as an s.)
var offeredByVerbs = []string{"offered", "provided", "operated", "upplied", "available"}

var rowLabelRe = regexp.MustCompile(`^\s*[-*•]?\s*[A-Z][A-Za-z]+(?: [A-Za-z]+)?\s*:\s`)

// legalFormRe is a company's legal form anywhere in a name: "Asurion,
// LLC".
var legalFormRe = regexp.MustCompile(`\b(?:Limited|Ltd|Pty|LLC|L\.L\.C|LLP|Inc|Incorporated|Corporation|Corp|plc|PLC|GmbH|S\.A|B\.V)\b`)

// companyNameRe matches a capitalised company name with its legal form:
// "Stream Learning Limited", "Harbour Digital Pty Ltd", "Acme Corp.".
var companyNameRe = regexp.MustCompile(`\b[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|of|and))*\s+(?:Limited|Ltd\.?|Pty\.?\s+Ltd\.?|LLC|L\.L\.C\.|LLP|Inc\.?|Incorporated|Corporation|Corp\.|plc|PLC|GmbH|S\.A\.|B\.V\.)`)

// companySuffixRe matches a company name written in lower case:
// "ebix.com, Inc.", "salesforce.com, inc.".
var companySuffixRe = regexp.MustCompile(`^[a-z][\w&-]*[.\d][\w.&-]*(?:\s+[\w.&-]+){0,3},?\s+(?i:inc|corp|corporation|llc|ltd|limited|plc|gmbh|l\.p|s\.a)\.?$`)

// endsInSuffixRe matches a name ending in a company suffix.
var endsInSuffixRe = regexp.MustCompile(`(?i)\b(?:inc|corp|corporation|llc|l\.l\.c|ltd|limited|plc|gmbh|l\.p|lp|s\.a|n\.a|b\.v|n\.v|ag|co|company|pte)\.?$`)

// nameConnectors are the lower-case words names hold: "Bank of America",
// "Bruyette & Woods", "Galaxy Telecom dba ...".
var nameConnectors = map[string]bool{"of": true, "and": true, "the": true, "de": true, "du": true, "des": true,
	"la": true, "le": true, "van": true, "von": true, "der": true, "den": true, "y": true, "e": true, "&": true,
	"dba": true, "d/b/a": true, "fka": true, "f/k/a": true, "for": true, "in": true, "et": true, "da": true, "di": true,
	// A performer's stage name: "Jane Doe p/k/a DJ Jaydee" (a beat licence).
	"pka": true, "p/k/a": true, "aka": true, "a/k/a": true,
	// A sole trader's business name: "Tom Baker trading as Baker Data Services", "t/a" (tidyName takes
	// the "as" after "trading").
	"trading": true, "t/a": true}

var pronouns = map[string]bool{"you": true, "we": true, "us": true, "i": true, "me": true, "it": true, "they": true}

// tidyName drops trailing words that are not part of a name ("GALEN
// regarding", "AIRSOPURE or") and rejects what does not read as one: a
// clause ("LEO has appointed GALEN"), an address ("Floor, Boston, MA
// 02116"), a bare suffix ("Inc."), a pronoun ("You").
func tidyName(name string) string {
	words := strings.Fields(name)
	for len(words) > 1 {
		w := words[len(words)-1]
		if c := w[0]; c >= 'a' && c <= 'z' && !strings.Contains(w, ".") || w == "&" {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	if len(words) == 0 {
		return ""
	}
	for i, w := range words {
		if i == 0 {
			continue
		}
		if w == "as" && words[i-1] == "trading" {
			continue
		}
		if c := w[0]; c >= 'a' && c <= 'z' && !nameConnectors[strings.Trim(w, ",.")] && !strings.Contains(w, ".") {
			// "Natalija Tunevic, director of FreeCook": the name ends at
			// the comma; "LEO has appointed GALEN" is no name.
			if strings.HasSuffix(words[i-1], ",") {
				words = words[:i]
				break
			}
			return ""
		}
	}
	name = strings.TrimRight(strings.Join(words, " "), ",;:")
	low := strings.ToLower(name)
	if pronouns[low] || low == "the" || low == "this" || low == "that" || low == "each" || low == "such" || low == "said" || bareSuffix[strings.Trim(low, ",. ")] {
		return ""
	}
	digits := strings.ContainsAny(name, "0123456789")
	if digits && (strings.Contains(name, ",") && !endsInSuffixRe.MatchString(name) || zipRe.MatchString(name)) || has(low, " floor", " suite ", " street", " avenue", " road", "p.o. box") {
		return ""
	}
	return name
}

// bareSuffix are company suffixes that are left when a name was split at
// its comma: "Inc." of "ebix.com, Inc.".
var bareSuffix = map[string]bool{"inc": true, "corp": true, "llc": true, "l.l.c": true, "ltd": true, "limited": true,
	"plc": true, "l.p": true, "lp": true, "co": true, "gmbh": true, "s.a": true, "n.a": true, "b.v": true, "n.v": true, "ag": true, "pte": true}

var zipRe = regexp.MustCompile(`\b\d{5}\b`)

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
