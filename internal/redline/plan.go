package redline

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
)

// Plan turns the findings of r that have a suggestion into edits of
// r.Doc's text, changing as few words as it can: the words the suggestion
// shares with the clause stay, only the differing ones are struck and
// replaced, the way a lawyer marks up. only, when not empty, keeps the
// findings of those rules (ids, or a pack prefix like "ip."). Findings
// that cannot become an edit are returned in skipped with the reason.
func Plan(r *analyze.Report, only []string) (edits []Edit, skipped []Skipped) {
	ps, skipped := settle(r, only)
	return cut(r.Doc, ps), skipped
}

// settle decides what each finding of r proposes, leaves out the repeats
// and the overlaps, and returns the proposals that stand, in document
// order, with the findings skipped and why. The email needs no more than
// this; Plan goes on to cut the proposals into edits.
func settle(r *analyze.Report, only []string) (ps []*proposal, skipped []Skipped) {
	doc := r.Doc
	if doc == nil {
		return nil, nil
	}
	fs := make([]analyze.Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if wanted(f.Rule, only) {
			fs = append(fs, f)
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Span.Start < fs[j].Span.Start })
	// The text with plain quotes, made once: made for each suggestion, it
	// copied a 4 MB contract twice 80 times.
	plain := sync.OnceValue(func() string { return plainQuotes.Replace(doc.Text) })
	for _, f := range fs {
		skip := func(reason string) {
			skipped = append(skipped, Skipped{Rule: f.Rule, Title: f.Title, Reason: reason, Span: f.Span})
		}
		s := f.Suggestion
		if s == nil || (s.Action != "delete" && strings.TrimSpace(s.Text) == "") {
			skip("the rule has no wording to propose; see its advice in the report")
			continue
		}
		p := &proposal{f: f, text: tidy(s.Text)}
		if s.Action == "delete" {
			p.text = ""
		}
		if at := alreadySays(doc.Text, plain, p.text); at >= 0 {
			// Redlining a file TermScore already marked up (its changes
			// read as accepted) once added the same wording a second
			// time: the rule finds the clause it rewrote, or misses the
			// clause it inserted.
			skip(fmt.Sprintf("the document already says it%s: %q", sectionAt(doc, at), clipWords(p.text, 8)))
			continue
		}
		if f.Kind == "missing" || s.Action == "insert" {
			at := f.Span.Start
			if f.Kind != "missing" {
				at = f.Span.End
			}
			if at < 0 || at > len(doc.Text) {
				skip("the place for the new clause is outside the document")
				continue
			}
			if at == len(doc.Text) {
				at = beforeSignatures(doc)
			}
			p.insert, p.target = true, document.Span{Start: at, End: at}
			ps = append(ps, p)
			continue
		}
		target, why := anchor(doc, f, s)
		if why != "" {
			skip(why)
			continue
		}
		if blank := lawBlank(r, target); blank != "" && strings.Contains(p.text, "governed by the laws of [") {
			// Striking the template's blank for another blank changes
			// nothing a signer needs.
			skip(fmt.Sprintf("the document leaves the governing law blank (%s): fill in your own", blank))
			continue
		}
		p.target = target
		ps = append(ps, p)
	}
	// A rewrite does not propose again what its paragraph already says
	// beside the words it changes; with nothing else to say, it is no
	// change.
	beside := map[*proposal]string{}
	for _, p := range ps {
		rest, held := heldBeside(doc, p, ps)
		if held == "" {
			continue
		}
		if strings.EqualFold(document.Normalize(rest), document.Normalize(doc.Slice(p.target))) {
			beside[p] = held
			continue
		}
		p.text = rest
	}
	ps = slices.DeleteFunc(ps, func(p *proposal) bool {
		held, ok := beside[p]
		if ok {
			skipped = append(skipped, Skipped{Rule: p.f.Rule, Title: p.f.Title, Span: p.f.Span,
				Reason: fmt.Sprintf("the document already says it%s: %q", sectionAt(doc, p.target.Start), clipWords(held, 8))})
		}
		return ok
	})
	// Repeats are dropped before overlaps are refused, so that a change
	// left out as a repeat does not keep another from its words; a
	// change that loses to an overlap cannot keep what it repeats from
	// others, so it leaves the round and the next round runs without it.
	for _, p := range ps {
		p.orig = p.text
	}
	for {
		for _, p := range ps {
			p.text, p.dropped, p.lostTo, p.items, p.repeats = p.orig, false, nil, nil, nil
		}
		repeated := dedupe(doc, ps)
		over, lost := overlaps(doc, ps)
		if len(lost) == 0 {
			skipped = append(skipped, repeated...)
			skipped = append(skipped, over...)
			break
		}
		for _, q := range lost {
			skipped = append(skipped, Skipped{Rule: q.f.Rule, Title: q.f.Title, Reason: q.overlap, Span: q.f.Span})
		}
		ps = slices.DeleteFunc(ps, func(p *proposal) bool { return slices.Contains(lost, p) })
	}
	return slices.DeleteFunc(ps, func(p *proposal) bool { return p.dropped || p.overlap != "" }), skipped
}

// alreadySays returns where text, the document's text, holds say, a
// whole suggestion of two or more sentences or of twelve words or more
// (shorter wording, "thirty (30) days", may well be in a contract for
// other reasons), with white space and quotation marks as the reader
// gives them; -1 when it does not. plain returns text with plainQuotes
// applied.
func alreadySays(text string, plain func() string, say string) int {
	if say == "" || (len(strings.Fields(say)) < 12 && strings.Count(say, ". ") == 0) {
		return -1
	}
	at := strings.Index(plain(), plainQuotes.Replace(document.Normalize(say)))
	if at < 0 {
		return -1
	}
	// at counts each curly quotation mark before it as one byte: the
	// reason named section 6.3 of the Common Paper PSA for wording in
	// 6.4, past 93 of them.
	n := 0
	for i, r := range text {
		if n >= at {
			return i
		}
		if strings.ContainsRune("’‘“”", r) {
			n++
		} else {
			_, size := utf8.DecodeRuneInString(text[i:])
			n += size
		}
	}
	return len(text)
}

var plainQuotes = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`)

// sectionAt names the clause holding offset off (" (section 3.1)"), or
// nothing when it is in none with a number.
func sectionAt(doc *document.Document, off int) string {
	if c := doc.ClauseAt(off); c != nil && c.Path != "" {
		return " (section " + c.Path + ")"
	}
	return ""
}

// clipWords shortens s to its first n words.
func clipWords(s string, n int) string {
	if w := strings.Fields(s); len(w) > n {
		return strings.Join(w[:n], " ") + " …"
	}
	return s
}

// cut turns settled proposals into edits of doc's text, in document
// order.
func cut(doc *document.Document, ps []*proposal) (edits []Edit) {
	for _, p := range ps {
		comment := reason(p.f)
		if p.insert {
			edits = append(edits, Edit{Span: p.target, Action: "insert", Text: p.text, Comment: comment, Rule: p.f.Rule})
			continue
		}
		hs := minimal(doc.Text, p.target, p.text)
		for _, it := range p.items {
			hs = append(hs, Edit{Span: it, Action: "delete", Paragraph: true})
		}
		for _, it := range p.repeats {
			hs = append(hs, Edit{Span: it, Action: "delete", Paragraph: wholeParagraph(doc, it)})
		}
		for i := range hs {
			hs[i].Rule = p.f.Rule
			if i == 0 {
				hs[i].Comment = comment
			}
		}
		edits = append(edits, hs...)
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Span.Start < edits[j].Span.Start })
	return edits
}

// changes reports whether cut makes at least one edit of p: an insertion,
// list items struck, or a rewrite whose words differ from those it
// replaces (minimal makes none when they are the same).
func (p *proposal) changes(text string) bool {
	if p.insert || len(p.items) > 0 || len(p.repeats) > 0 {
		return true
	}
	a, b := wordPair(text, p.target, document.Normalize(p.text))
	return len(a) > 0 && !slices.EqualFunc(a, b, func(x, y token) bool { return x.word == y.word })
}

// wordPair splits into words text[target] and repl, the normalised
// wording put in its place.
func wordPair(text string, target document.Span, repl string) (a, b []token) {
	return words(text[target.Start:target.End], target.Start), words(repl, 0)
}

// overlaps refuses, in document order, each change whose words overlap
// the words an earlier one strikes, and returns them as skipped; lost are
// those among them whose sentences dedupe had kept over another's.
func overlaps(doc *document.Document, ps []*proposal) (skipped []Skipped, lost []*proposal) {
	var taken []document.Span // struck spans so far
	owner := map[document.Span]string{}
	// A sentence another change rewrites is left to it, not struck as a
	// repeat of an earlier one.
	var targets []document.Span
	for _, p := range ps {
		if !p.dropped && !p.insert {
			targets = append(targets, p.target)
		}
	}
	for _, p := range ps {
		p.overlap = ""
		if p.dropped || p.insert {
			continue
		}
		if i := slices.IndexFunc(taken, p.target.Overlaps); i >= 0 {
			p.overlap = fmt.Sprintf("its words overlap the change already made for %s", owner[taken[i]])
			skipped = append(skipped, Skipped{Rule: p.f.Rule, Title: p.f.Title, Reason: p.overlap, Span: p.f.Span})
			continue
		}
		taken = append(taken, p.target)
		owner[p.target] = p.f.Rule
		if p.text != "" {
			// A sentence introducing a list ("… that is based on:") whose
			// replacement does not: the items would be left hanging.
			p.items = listAfter(doc, p.target, p.text)
			for _, it := range p.items {
				taken = append(taken, it)
				owner[it] = p.f.Rule
			}
			p.repeats = repeatsOf(doc, p.f, slices.Concat(taken, targets))
			for _, it := range p.repeats {
				taken = append(taken, it)
				owner[it] = p.f.Rule
			}
		}
	}
	for _, p := range ps {
		for _, q := range p.lostTo {
			if q.overlap != "" && !slices.Contains(lost, q) {
				lost = append(lost, q)
			}
		}
	}
	return skipped, lost
}

// lawBlank is the template field the document leaves for its governing
// law ("{governing_law}", "[STATE]") when target holds it, else "".
func lawBlank(r *analyze.Report, target document.Span) string {
	kt := r.KeyTerms
	if !kt.GoverningLawPlaceholder || kt.GoverningLaw == nil {
		return ""
	}
	if kt.GoverningLaw.Span.Overlaps(target) {
		return kt.GoverningLaw.Name
	}
	return ""
}

// proposal is the change one finding asks for, before it is checked
// against the others and cut into the words that differ.
type proposal struct {
	f       analyze.Finding
	target  document.Span   // the words replaced, or the insertion point
	insert  bool            // a new clause at target
	text    string          // the proposed wording; empty for a deletion
	items   []document.Span // list items struck with a rewritten lead-in
	repeats []document.Span // sentences the rewrite restates (repeatsOf)
	dropped bool
	orig    string      // text before dedupe
	lostTo  []*proposal // the proposals dedupe gave this one's sentences to
	overlap string      // why the change was refused for overlapping another
	wording *wording    // orig's words, for dedupe
}

// UnknownOnly returns the entries of a --only list ("ip.", "ai",
// "term.auto-renewal") that select none of the rule ids, so that a typo is
// said, not taken for a contract with nothing to change.
func UnknownOnly(only, ids []string) []string {
	var unknown []string
	for _, o := range only {
		if !slices.ContainsFunc(ids, func(id string) bool { return wanted(id, []string{o}) }) {
			unknown = append(unknown, o)
		}
	}
	return unknown
}

func wanted(rule string, only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		o = strings.TrimSpace(o)
		if o == rule || (strings.HasSuffix(o, ".") && strings.HasPrefix(rule, o)) || strings.HasPrefix(rule, o+".") {
			return true
		}
	}
	return false
}

// reason is the comment on a change: why it matters and what it asks,
// one sentence each.
func reason(f analyze.Finding) string {
	// The marked-up file goes to the other side (the email says "I've
	// marked these up as suggested wording"), so its comments speak as
	// the sender, as the email does: "Only you can walk away without a
	// reason, while I am locked in. Could we make the right mutual …?",
	// not the report's "Only the other side can walk away …, while you
	// are locked in. Make the right mutual …", which the other side would
	// read as about itself.
	why := toSender(firstSentence(f.Why))
	ask := request(firstSentence(f.Ask))
	switch {
	case why == "":
		return ask
	case ask == "" || len(why)+len(ask) > 400:
		return why
	}
	return why + " " + ask
}

func firstSentence(s string) string {
	s = document.Normalize(s)
	for i := 0; i < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (i+1 == len(s) || s[i+1] == ' ') {
			// Not after a one-letter abbreviation or "e.g".
			if i >= 2 && (s[i-2] == ' ' || s[i-2] == '.') {
				continue
			}
			return s[:i+1]
		}
	}
	return s
}

// listAfter returns the paragraphs a sentence introduces, when it ends
// its paragraph with a colon, the clause it opens goes on below it, and
// repl, the sentence replacing it, is a whole sentence of its own: the
// rest of that clause (its items "a. a claim that …", "Step 1: …").
func listAfter(doc *document.Document, target document.Span, repl string) []document.Span {
	bi := doc.BlockAt(target.Start)
	if bi < 0 || !strings.HasSuffix(strings.TrimSpace(doc.Slice(target)), ":") || strings.HasSuffix(strings.TrimSpace(repl), ":") {
		return nil
	}
	blk := doc.Blocks[bi]
	if strings.TrimSpace(doc.Text[target.End:blk.End]) != "" {
		return nil
	}
	c := doc.ClauseAt(target.Start)
	if c == nil || c.Start < blk.Start || c.Start > target.Start {
		return nil // not a clause this paragraph opens
	}
	var items []document.Span
	for j := bi + 1; j < len(doc.Blocks) && doc.Blocks[j].End <= c.End; j++ {
		if doc.Blocks[j].Kind == document.TableCell || len(items) == 20 {
			return nil
		}
		it := doc.Blocks[j].Span
		if n := doc.Blocks[j].Number; n != "" && strings.HasPrefix(doc.Slice(it), n+" ") {
			it.Start += len(n) + 1 // automatic numbering goes with the mark
		}
		if it = trimSpan(doc, it); it.Len() > 0 {
			items = append(items, it)
		}
	}
	return items
}

// repeatsOf returns the other sentences of f's clause that f's rewrite
// restates (Finding.Repeats, for a suggestion that says so), each with
// the spaces after it so that striking it leaves one space, and none
// that overlaps a span in taken.
func repeatsOf(doc *document.Document, f analyze.Finding, taken []document.Span) []document.Span {
	if f.Suggestion == nil || !f.Suggestion.StrikeRepeats || f.Suggestion.Action != "replace" {
		return nil
	}
	var out []document.Span
	for _, r := range f.Repeats {
		sen, ok := sentenceAt(doc, r.Start)
		if !ok {
			continue
		}
		sen = trimSpan(doc, sen)
		if sen.Len() == 0 || slices.ContainsFunc(taken, sen.Overlaps) {
			continue
		}
		if b := doc.BlockAt(sen.Start); b >= 0 {
			for sen.End < doc.Blocks[b].End && doc.Text[sen.End] == ' ' {
				sen.End++
			}
		}
		out = append(out, sen)
		taken = append(taken, sen)
	}
	return out
}

// wholeParagraph reports whether sp is all of its paragraph's text but
// the paragraph's number.
func wholeParagraph(doc *document.Document, sp document.Span) bool {
	b := doc.BlockAt(sp.Start)
	if b < 0 {
		return false
	}
	blk := doc.Blocks[b]
	before := strings.TrimSpace(doc.Text[blk.Start:sp.Start])
	return (before == "" || before == blk.Number || literalNumber.MatchString(before+" ")) && strings.TrimSpace(doc.Text[sp.End:blk.End]) == ""
}

// signing opens a signature block: "Signed by …", "IN WITNESS WHEREOF",
// "Signature: ____", "By: ____".
var signing = regexp.MustCompile(`(?i)^(signed\b|signature\b|signatures\b|in witness whereof|executed (as a deed|by)\b|agreed and accepted|accepted and agreed|by:)`)

var attachment = regexp.MustCompile(`(?i)^(exhibit|schedule|annex|appendix|attachment)\b`)

// beforeSignatures is where a clause with no better place goes: the end
// of the text, or, when the text ends with a signature block, just before
// it (and before a short title over it, "The dotted line"), not under the
// signatures where nobody would sign it.
func beforeSignatures(doc *document.Document) int {
	first := -1
	// A signature block is a few short lines at the very end.
	for i := len(doc.Blocks) - 1; i >= 0 && i >= len(doc.Blocks)-20; i-- {
		text := strings.TrimSpace(doc.Slice(doc.Blocks[i].Span))
		if len(strings.Fields(text)) > 30 {
			break
		}
		if attachment.MatchString(text) {
			// The text ends with an exhibit after the signatures: the
			// end is no place for a clause, nor is between signatures.
			return len(doc.Text)
		}
		if signing.MatchString(text) {
			first = i
		}
	}
	if first <= 0 {
		return len(doc.Text)
	}
	if prev := doc.Blocks[first-1]; first > 1 && len(strings.Fields(doc.Slice(prev.Span))) <= 6 && !strings.HasSuffix(strings.TrimSpace(doc.Slice(prev.Span)), ".") {
		first--
	}
	return doc.Blocks[first-1].End
}

// anchor picks the words a present finding's suggestion replaces: the
// sentence holding the match when the suggestion is a whole sentence (or
// the edit a deletion), else the match itself. It returns why not when
// there is no sensible place.
func anchor(doc *document.Document, f analyze.Finding, s *analyze.Suggestion) (document.Span, string) {
	valid := func(sp document.Span) bool {
		return sp.Start >= 0 && sp.End <= len(doc.Text) && sp.Start < sp.End && strings.TrimSpace(doc.Slice(sp)) != ""
	}
	m := f.Match
	if !valid(m) {
		m = f.Span
	}
	if !valid(m) {
		return document.Span{}, "the words the finding points at could not be found in the text"
	}
	if m.Start > 0 && m.End < len(doc.Text) && doc.Text[m.Start-1] == '(' && doc.Text[m.End] == ')' {
		return document.Span{}, fmt.Sprintf("the words found, %q, are a cross-reference to the clause, not the clause itself", doc.Slice(m))
	}
	if s.Action != "delete" && !isSentence(s.Text) {
		return trimSpan(doc, m), ""
	}
	sen, ok := sentenceAt(doc, m.Start)
	if !ok || m.End > sen.End {
		if valid(f.Span) && f.Span.Start <= m.Start && m.End <= f.Span.End {
			return trimSpan(doc, f.Span), ""
		}
		return trimSpan(doc, m), ""
	}
	if len(strings.Fields(doc.Slice(sen))) < 5 && opensBlock(doc, sen) {
		// A clause heading ("Non-Solicitation."): the clause is the
		// sentence after it.
		if next, ok := sentenceAt(doc, sen.End+1); ok && doc.BlockAt(next.Start) == doc.BlockAt(sen.Start) {
			return trimSpan(doc, next), ""
		}
		return document.Span{}, "the words found are a clause heading with no sentence after them to rewrite"
	}
	return trimSpan(doc, sen), ""
}

// opensBlock reports whether sentence sen opens its paragraph, after at
// most the paragraph's number: where a clause heading is. A short
// sentence after others ("… annually in advance. Fees paid are
// non-refundable.") is a sentence of the clause, not its heading.
func opensBlock(doc *document.Document, sen document.Span) bool {
	b := doc.BlockAt(sen.Start)
	if b < 0 {
		return true
	}
	return len(strings.Fields(doc.Text[doc.Blocks[b].Start:sen.Start])) <= 1
}

func trimSpan(doc *document.Document, s document.Span) document.Span {
	for s.Start < s.End && doc.Text[s.Start] == ' ' {
		s.Start++
	}
	for s.End > s.Start && doc.Text[s.End-1] == ' ' {
		s.End--
	}
	return s
}

// isSentence reports whether text reads as a whole sentence: a capital
// first and a full stop last.
func isSentence(text string) bool {
	text = strings.TrimSpace(text)
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsUpper(r) && strings.HasSuffix(text, ".")
}

func sentenceAt(doc *document.Document, off int) (document.Span, bool) {
	i := sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].End > off })
	if i < len(doc.Sentences) && doc.Sentences[i].Start <= off {
		s := doc.Sentences[i]
		// A sentence never crosses a block: keep it inside the match's.
		if b := doc.BlockAt(off); b >= 0 {
			blk := doc.Blocks[b]
			s.Start = max(s.Start, blk.Start)
			s.End = min(s.End, blk.End)
			// Not the number the reader put before the paragraph.
			if s.Start == blk.Start && blk.Number != "" && strings.HasPrefix(doc.Text[s.Start:], blk.Number+" ") {
				s.Start += len(blk.Number) + 1
				if s.Start >= s.End {
					return document.Span{}, false
				}
				if off < s.Start {
					off = s.Start
				}
			} else if s.Start == blk.Start && blk.Number == "" {
				// Nor a number typed as text ("5.1 Where …", "(a) the …"):
				// a suggestion is the clause's words, and striking its
				// number would leave the clause unnumbered.
				if n := literalNumber.FindString(doc.Text[s.Start:s.End]); n != "" && s.Start+len(n) < s.End {
					s.Start += len(n)
				}
			}
		}
		return s, true
	}
	return document.Span{}, false
}

// literalNumber is a clause number typed at the start of a paragraph:
// "10. ", "5.1 ", "B4.1 ", "(a) ", "iv) ", "a. ".
//
// It is not segment's reading of the paragraph's number (Clause.Number,
// parseLabel), which answers otherwise where it matters here: of the
// 62,099 sentences that open a paragraph without a reader's number in the
// templates, the analyze testdata and CUAD, the two agree on 57,833;
// segment reads a number in 2,927 more, "Section 2.1 (Deliverables),
// Section 2.3 … apply" among them, a cross-reference that is the
// sentence's subject and must stay in the words a suggestion rewrites; and
// none in 1,339 where this finds one, "1 THE PARTIES" (a bare number
// without its stop is too ambiguous for segment's tree, but is no word of
// the clause to strike either). Its own fault: it takes "52 " off "52 /
// 12”; if you start …", a quantity (reported, not changed here).
var literalNumber = regexp.MustCompile(`^(?:\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]\d{1,3}(?:\.\d{1,3})*\.?|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5}|[A-Z])\)|[a-z]\.|[A-Z]\.) +`)

// token is a word of text with its byte range.
type token struct {
	start, end int
	word       string
}

func words(s string, base int) []token {
	var ts []token
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				ts = append(ts, token{base + start, base + i, s[start:i]})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		ts = append(ts, token{base + start, base + len(s), s[start:]})
	}
	return ts
}

// minimal returns the edits that turn text[target] into repl, striking
// and inserting only the words that differ. When the two share little,
// the differing middle is replaced as one piece: scattered one-word
// changes through a rewritten sentence are harder to read than one.
func minimal(text string, target document.Span, repl string) []Edit {
	repl = document.Normalize(repl)
	a, b := wordPair(text, target, repl)
	if len(a) == 0 {
		return nil
	}
	type hunk struct{ i1, i2, j1, j2 int }
	var hunks []hunk
	if len(a)*len(b) <= 250000 {
		// LCS table over words.
		n, m := len(a), len(b)
		l := make([][]int32, n+1)
		for i := range l {
			l[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if a[i].word == b[j].word {
					l[i][j] = l[i+1][j+1] + 1
				} else {
					l[i][j] = max(l[i+1][j], l[i][j+1])
				}
			}
		}
		i, j := 0, 0
		cur := hunk{-1, -1, -1, -1}
		open := false
		for i < n || j < m {
			if i < n && j < m && a[i].word == b[j].word {
				if open {
					cur.i2, cur.j2 = i, j
					hunks = append(hunks, cur)
					open = false
				}
				i, j = i+1, j+1
				continue
			}
			if !open {
				cur, open = hunk{i, i, j, j}, true
			}
			if j < m && (i == n || l[i][j+1] >= l[i+1][j]) {
				j++
			} else {
				i++
			}
		}
		if open {
			cur.i2, cur.j2 = i, j
			hunks = append(hunks, cur)
		}
		common := l[0][0]
		// Too little in common, or too scattered: one piece.
		if float64(common) < 0.5*float64(len(a)) || len(hunks) > 4 {
			hunks = nil
		}
	}
	if hunks == nil {
		p := 0
		for p < len(a) && p < len(b) && a[p].word == b[p].word {
			p++
		}
		s := 0
		for s < len(a)-p && s < len(b)-p && a[len(a)-1-s].word == b[len(b)-1-s].word {
			s++
		}
		hunks = []hunk{{p, len(a) - s, p, len(b) - s}}
		if p == len(a) && p == len(b) {
			return nil
		}
	}
	var out []Edit
	for _, h := range hunks {
		ins := ""
		if h.j2 > h.j1 {
			ins = repl[b[h.j1].start:b[h.j2-1].end]
		}
		switch {
		case h.i2 > h.i1 && ins != "":
			out = append(out, Edit{Span: document.Span{Start: a[h.i1].start, End: a[h.i2-1].end}, Action: "replace", Text: ins})
		case h.i2 > h.i1:
			sp := document.Span{Start: a[h.i1].start, End: a[h.i2-1].end}
			if h.i2 < len(a) {
				sp.End = a[h.i2].start // and the space after
			} else if h.i1 > 0 {
				sp.Start = a[h.i1-1].end // and the space before
			}
			out = append(out, Edit{Span: sp, Action: "delete"})
		case ins != "":
			if h.i1 < len(a) {
				at := a[h.i1].start
				out = append(out, Edit{Span: document.Span{Start: at, End: at}, Action: "replace", Text: ins + " "})
			} else {
				at := a[len(a)-1].end
				out = append(out, Edit{Span: document.Span{Start: at, End: at}, Action: "replace", Text: " " + ins})
			}
		}
	}
	return out
}

var doubledThe = regexp.MustCompile(`\b([Tt]he) the\b`)

// tidy repairs what filling placeholders can leave behind: "the the
// Deliverables" when a rule writes "the {{deliverables}}" and the name
// already carries its article.
func tidy(s string) string {
	return doubledThe.ReplaceAllString(document.Normalize(s), "$1")
}
