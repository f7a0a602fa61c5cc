package redline

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/rules"
	"github.com/termscore/termscore/internal/terms"
)

func analyzeFile(t testing.TB, name, role string) *analyze.Report {
	t.Helper()
	return analyzePath(t, filepath.Join("testdata", name), role)
}

func analyzePath(t testing.TB, path, role string) *analyze.Report {
	t.Helper()
	doc, err := extract.New(extract.Options{}).ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rules.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := analyze.New(rs).Analyze(doc, analyze.Options{Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestMinimal(t *testing.T) {
	for _, tc := range []struct {
		text, target, repl string
		want               []string // "-struck+inserted" per edit
	}{
		{
			"Client may use the Deliverables in perpetuity throughout the universe.", "in perpetuity", "for the Project term",
			[]string{"-in perpetuity+for the Project term"},
		},
		{
			"The Contractor shall pay all fees within ninety (90) days of invoice.",
			"The Contractor shall pay all fees within ninety (90) days of invoice.",
			"The Client shall pay all fees within thirty (30) days of invoice.",
			[]string{"-Contractor+Client", "-ninety (90)+thirty (30)"},
		},
		{
			"Contractor will not solicit any personnel for one (1) year.", "Contractor will not solicit any personnel for one (1) year.",
			"Contractor will not actively solicit any personnel for one (1) year.",
			[]string{"-+actively "},
		},
		{
			"Company may terminate at any time, for any reason or no reason, on notice.", "Company may terminate at any time, for any reason or no reason, on notice.",
			"Company may terminate at any time, on notice.",
			[]string{"-for any reason or no reason, +"},
		},
		{
			"All Work Product is owned by Company.", "All Work Product is owned by Company.",
			"Upon full payment, Contractor assigns to Company the final Deliverables described in the SOW, excluding its tools.",
			[]string{"-All Work Product is owned by Company.+Upon full payment, Contractor assigns to Company the final Deliverables described in the SOW, excluding its tools."},
		},
	} {
		i := strings.Index(tc.text, tc.target)
		sp := document.Span{Start: i, End: i + len(tc.target)}
		var got []string
		for _, e := range minimal(tc.text, sp, tc.repl) {
			got = append(got, "-"+tc.text[e.Span.Start:e.Span.End]+"+"+e.Text)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q → %q:\n got %q\nwant %q", tc.target, tc.repl, got, tc.want)
		}
	}
}

// TestRedlineReport plans the changes for a real contract and checks the
// marked-up DOCX: accepting all changes gives the suggested text and
// rejecting them the original.
func TestRedlineReport(t *testing.T) {
	data, _ := load(t, "ica.docx")
	r := analyzeFile(t, "ica.docx", "contractor")
	edits, skipped := Plan(r, nil)
	if len(edits) < 3 {
		t.Fatalf("only %d edits planned", len(edits))
	}
	for _, s := range skipped {
		if s.Reason == "" {
			t.Errorf("%s skipped without a reason", s.Rule)
		}
	}
	var lost []string
	out, err := DOCX(data, r.Doc, edits, Options{Author: testAuthor, Date: testDate, Skipped: func(e Edit, why string) { lost = append(lost, e.Rule+": "+why) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(lost) > 0 {
		t.Errorf("edits not placed: %q", lost)
	}
	checkMarkup(t, out)
	accepted := readDOCX(t, resolve(t, out, testAuthor, true))
	if got, want := unnumbered(accepted.Text), unnumbered(apply(r.Doc, edits, nil)); got != want {
		t.Errorf("accepting all changes:\n%s", firstDiff(got, want))
	}
	rejected := readDOCX(t, resolve(t, out, testAuthor, false))
	if rejected.Text != r.Doc.Text {
		t.Errorf("rejecting all changes:\n%s", firstDiff(rejected.Text, r.Doc.Text))
	}
	// 7.1's "… that is based on:" is rewritten as a sentence of its own,
	// so the items a.–c. it introduced go with it.
	if strings.Contains(accepted.Text, "alleged breach by Contractor of Section 6") {
		t.Error("the list 7.1 introduced is left after its rewritten sentence")
	}
	// The no-AI-training clause lands at the end of the IP section (3),
	// before section 4.
	ai := strings.Index(accepted.Text, "to train, fine-tune")
	if ai < 0 || ai < strings.Index(accepted.Text, "Moral Rights") || ai > strings.Index(accepted.Text, "Term & Termination") {
		t.Errorf("the no-AI-training clause is not at the end of the IP section")
	}
}

var leadingNumber = regexp.MustCompile(`(?m)^(\d+(\.\d+)*\.?|[a-z]\.|\([a-z0-9]+\)) `)

// unnumbered drops automatic numbers: inserting a numbered clause
// renumbers the ones after it, as it should.
func unnumbered(s string) string { return leadingNumber.ReplaceAllString(s, "") }

// TestFromDocument marks up Markdown contracts: a clean DOCX of their
// text with the same tracked changes, read back with the DOCX reader.
// The Common Paper cloud agreement and NDA number their clauses as
// Markdown lists ("1.1 Access and Use."): every change on a list item was
// once refused as "the paragraph's text in the file does not match the
// text as read", the clean DOCX writing the number as text and the
// writer skipping it as an automatic number.
func TestFromDocument(t *testing.T) {
	for _, tc := range []struct{ file, role string }{
		{"freelance.md", "contractor"},
		{"CSA.md", "client"},
		{"Mutual-NDA.md", "recipient"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := analyzeFile(t, tc.file, tc.role)
			edits, _ := Plan(r, nil)
			if len(edits) == 0 {
				t.Fatal("no edits planned")
			}
			out := fromDocumentPlaced(t, r.Doc, edits)
			rejected := readDOCX(t, resolve(t, out, testAuthor, false))
			if rejected.Text != r.Doc.Text {
				t.Errorf("rejecting all changes:\n%s", firstDiff(rejected.Text, r.Doc.Text))
			}
			accepted := readDOCX(t, resolve(t, out, testAuthor, true))
			if want := apply(r.Doc, edits, nil); accepted.Text != want {
				t.Errorf("accepting all changes:\n%s", firstDiff(accepted.Text, want))
			}
			// Headings stay headings.
			var headings int
			for _, b := range rejected.Blocks {
				if b.Kind == document.Heading {
					headings++
				}
			}
			if headings == 0 {
				t.Error("no headings in the clean DOCX")
			}
		})
	}
}

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the output:\n%s", path, firstDiff(string(got), string(want)))
	}
}

func TestNegotiation(t *testing.T) {
	// A fixed report, so that the golden file does not move with the
	// rule packs; the wording is the packs' at the time of writing.
	r := &analyze.Report{
		KeyTerms: terms.KeyTerms{
			Parties:       []terms.Party{{Name: "Brightline Media LLC", Alias: "Agency"}, {Name: "Dana Okafor", Alias: "Contractor"}},
			DocumentTitle: "Creative Services Agreement",
		},
		Findings: []analyze.Finding{
			{Rule: "ip.assignment-broad", Title: "Broad assignment of all rights in the work", Kind: "present", Severity: "high",
				Location:   analyze.Location{Section: "7.2"},
				Quote:      "Contractor hereby irrevocably assigns to the Agency all right, title and interest in and to all Work Product, whether or not completed, in perpetuity and throughout the universe.",
				Why:        "Everything you create under this contract becomes the other side's property, usually on creation and with no limit to the project. You cannot reuse the work.",
				Ask:        "Limit the assignment to the final deliverables described in the statement of work, effective on full payment, and keep your pre-existing materials and general know-how.",
				Suggestion: &analyze.Suggestion{Action: "replace", Text: "…", Fallback: "Ask for a licence instead of an assignment, exclusive in the client's field only."}},
			{Rule: "ai.training-prohibition-missing", Title: "Nothing forbids training AI on your work", Kind: "missing", Severity: "high",
				Location:   analyze.Location{Section: "7"},
				Ask:        "Add a clause forbidding use of the deliverables to train, fine-tune, test or validate AI or machine-learning models, including by the client's vendors.",
				Suggestion: &analyze.Suggestion{Action: "insert", Text: "…"}},
			{Rule: "pay.net-long", Title: "Payment is due only 90 days after invoice", Kind: "present", Severity: "medium",
				Quote: "Invoices are payable ninety (90) days after receipt."},
		},
	}
	note := Negotiation(r)
	golden(t, filepath.Join("testdata", "negotiation.md"), []byte(note))
	for _, want := range []string{"Hi Brightline Media team,", "Creative Services Agreement", "**1. Broad assignment", "(section 7.2)",
		"Could we limit the assignment", "keep my pre-existing materials", "exclusive in your field only",
		"If you need AI-training rights, let's price them separately.", "Dana Okafor"} {
		if !strings.Contains(note, want) {
			t.Errorf("the note lacks %q:\n%s", want, note)
		}
	}
	// The medium finding is named as a smaller point, not argued, and
	// the note does not pretend the rest is fine.
	if !strings.Contains(note, "There is also one smaller point, which matters less to me: payment is due only 90 days after invoice.") {
		t.Errorf("the medium finding is not named as a smaller point:\n%s", note)
	}
	if strings.Contains(note, "Invoices are payable") || strings.Contains(note, "the rest looks fine") {
		t.Errorf("the medium finding is argued, or the rest called fine:\n%s", note)
	}
}

// TestNegotiationReport checks the note for a real scan: one paragraph
// per high or critical rule, but none for a rule whose change another's
// already makes (ip.transfer-before-payment: the broad-assignment change
// makes the assignment wait for full payment).
func TestNegotiationReport(t *testing.T) {
	r := analyzeFile(t, "ica.docx", "contractor")
	note := Negotiation(r)
	covered, _ := coveredRules(r)
	if covered["ip.transfer-before-payment"] == "" {
		t.Fatal("ip.transfer-before-payment is no longer covered by another change: the test no longer tests that")
	}
	high := map[string]bool{}
	for _, f := range r.Findings {
		if (f.Severity == "high" || f.Severity == "critical") && covered[f.Rule] == "" {
			high[f.Rule] = true
		}
	}
	if strings.Contains(note, "Ownership passes before I am paid") {
		t.Errorf("a paragraph for a change another one makes:\n%s", note)
	}
	// The indemnity wording goes to 7.1 (2.2's copy is left out as a
	// repeat): the paragraph quotes the clause the redline changes.
	if !strings.Contains(note, "Broad indemnity for any claims, not only my own fault** (section 7.1)") {
		t.Errorf("the indemnity paragraph is not about 7.1, the clause the redline changes:\n%s", note)
	}
	if got := strings.Count(note, "\n**"); got != len(high) {
		t.Errorf("%d paragraphs, want one per high-severity rule (%d):\n%s", got, len(high), note)
	}
	if strings.Contains(note, "each as identified") {
		t.Errorf("a template phrase was taken for a name:\n%s", note)
	}
}

func TestToSender(t *testing.T) {
	for in, want := range map[string]string{
		"Add a governing law clause naming your home law.":                                  "Add a governing law clause naming my home law.",
		"Repayment only if you resign without good reason.":                                 "Repayment only if I resign without good reason.",
		"Make it optional for you, including by the client's vendors.":                      "Make it optional for me, including by your vendors.",
		"Your home law, or at least the law where the work is done.":                        "My home law, or at least the law where the work is done.",
		"Transfer allowed only together with the client's whole business":                   "Transfer allowed only together with your whole business",
		"Everything you create becomes theirs; it binds you for years.":                     "Everything I create becomes theirs; it binds me for years.",
		"It cannot be ended, even if the other side stops paying or breaches the contract.": "It cannot be ended, even if you stop paying or breach the contract.",
		"The client has the right to audit you.":                                            "You have the right to audit me.",
		"The client's fees for the client must be paid.":                                    "Your fees for you must be paid.",
		"Late payment means you owe the client damages.":                                    "Late payment means I owe you damages.",
		// Rule titles with the other side as subject: its possessive follows it.
		"The other side excludes or limits its own liability":        "You exclude or limit your own liability",
		"The other side decides disputes, and its decision is final": "You decide disputes, and your decision is final",
		"The other side disclaims how its vendors use your work":     "You disclaim how your vendors use my work",
		// From the packs' advice, as the email and the redline's comments quote it.
		"Limit it to active solicitation (not general advertising or clients who approach you), to people you dealt with, for a short period.": "Limit it to active solicitation (not general advertising or clients who approach me), to people I dealt with, for a short period.",
		"You must buy and keep insurance at levels the other side chooses.":                                                                    "I must buy and keep insurance at levels you choose.",
		"Insurance only of types and amounts you already carry or that are usual for your work.":                                               "Insurance only of types and amounts I already carry or that are usual for my work.",
		"The contract gives the other side rights in your work but never says what for.":                                                       "The contract gives you rights in my work but never says what for.",
		"Money you pay goes first to late fees, costs or other charges the other side claims.":                                                 "Money I pay goes first to late fees, costs or other charges you claim.",
		"Disputes must be brought in a court the other side chose, usually in its home city or country.":                                       "Disputes must be brought in a court you chose, usually in your home city or country.",
		"At least, a small radius, excluding businesses you already operate and any you acquire.":                                              "At least, a small radius, excluding businesses I already operate and any I acquire.",
	} {
		if got := toSender(in); got != want {
			t.Errorf("toSender(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLiteralNumbersKept redlines the UK model tenancy, whose clauses are
// numbered in the text ("5.1 Where the Landlord intends to sell …"): a
// rewritten clause keeps its number, so every number still opens a
// paragraph once all changes are accepted.
func TestLiteralNumbersKept(t *testing.T) {
	r := analyzeFile(t, "uk-tenancy.md", "tenant")
	edits, _ := Plan(r, nil)
	out := fromDocumentPlaced(t, r.Doc, edits)
	checkMarkup(t, out)
	gone := map[int]bool{} // paragraphs struck whole, numbers and all
	for _, e := range edits {
		if e.Paragraph {
			gone[r.Doc.Blocks[r.Doc.BlockAt(e.Span.Start)].Start] = true
		}
	}
	numbers := func(doc *document.Document) map[string]int {
		n := map[string]int{}
		for _, b := range doc.Blocks {
			if doc == r.Doc && gone[b.Start] {
				continue
			}
			if num := literalNumber.FindString(doc.Slice(b.Span)); num != "" {
				n[num]++
			}
		}
		return n
	}
	accepted := numbers(readDOCX(t, resolve(t, out, testAuthor, true)))
	rewritten := 0
	for _, e := range edits {
		if b := r.Doc.BlockAt(e.Span.Start); b >= 0 && e.Action != "insert" && literalNumber.MatchString(r.Doc.Slice(r.Doc.Blocks[b].Span)) {
			rewritten++
		}
	}
	if rewritten < 3 {
		t.Fatalf("only %d changes in numbered clauses: the test no longer tests anything", rewritten)
	}
	for num, n := range numbers(r.Doc) {
		if accepted[num] < n {
			t.Errorf("%d paragraphs begin %q, %d after accepting all changes", n, num, accepted[num])
		}
	}
}

func TestWhere(t *testing.T) {
	for _, tc := range []struct {
		loc  analyze.Location
		want string
	}{
		{analyze.Location{Section: "7.2"}, " (section 7.2)"},
		{analyze.Location{Section: "3(Q)"}, " (section 3(Q))"},
		{analyze.Location{Section: "IV"}, " (section IV)"},
		{analyze.Location{Section: "(ii)"}, " (section (ii))"},
		{analyze.Location{Section: "(b)"}, " (section (b))"},
		{analyze.Location{Section: "Term"}, " (under “Term”)"},
		{analyze.Location{Section: "4", Within: "Cancellation and Termination:"}, " (section 4 of Cancellation and Termination)"},
		{analyze.Location{Section: "Services and Payment"}, " (under “Services and Payment”)"},
		{analyze.Location{Section: "Liability"}, " (under “Liability”)"},
		{analyze.Location{}, ""},
	} {
		if got := where(tc.loc); got != tc.want {
			t.Errorf("where(%+v) = %q, want %q", tc.loc, got, tc.want)
		}
	}
}

// TestNegotiationHeadings writes the email for the freelance contract,
// whose parts have headings and no numbers ("Legal stuff"): no paragraph
// may say "section Legal stuff".
func TestNegotiationHeadings(t *testing.T) {
	r := analyzeFile(t, "freelance.md", "contractor")
	note := Negotiation(r)
	if !strings.Contains(note, "\n**1. ") {
		t.Fatalf("no change asked for: the test no longer tests anything:\n%s", note)
	}
	if m := regexp.MustCompile(`\(section [A-Z][a-z]+`).FindString(note); m != "" {
		t.Errorf("a heading named as a section number, %q:\n%s", m, note)
	}
	if one := !strings.Contains(note, "\n**2. ") && !strings.Contains(note, "smaller point"); one && strings.Contains(note, "marked these up") {
		t.Errorf("one change, but the email speaks of several:\n%s", note)
	}
}

// TestClauseBeforeSignatures: a missing clause with no section of its
// own goes before the signature block the freelance contract ends with
// ("The dotted line", "Signed by …", "Dated [DATE]"), not under it.
func TestClauseBeforeSignatures(t *testing.T) {
	r := analyzeFile(t, "freelance.md", "contractor")
	edits, _ := Plan(r, nil)
	var law *Edit
	for i, e := range edits {
		if e.Rule == "dispute.governing-law-missing" {
			law = &edits[i]
		}
	}
	if law == nil {
		t.Fatal("no governing-law clause to add: the test no longer tests anything")
	}
	if sig := strings.Index(r.Doc.Text, "The dotted line"); law.Span.Start > sig {
		t.Errorf("the clause goes at %d, after the signature block at %d", law.Span.Start, sig)
	}
	out, err := FromDocument(r.Doc, edits, Options{Author: testAuthor, Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	text := readDOCX(t, resolve(t, out, testAuthor, true)).Text
	if strings.Index(text, law.Text) > strings.Index(text, "The dotted line") {
		t.Error("in the DOCX the clause is under the signatures")
	}
}

// fromDocumentPlaced writes a clean DOCX of doc with edits, and fails the
// test for any edit it could not place.
func fromDocumentPlaced(t *testing.T, doc *document.Document, edits []Edit) []byte {
	t.Helper()
	var lost []string
	out, err := FromDocument(doc, edits, Options{Author: testAuthor, Date: testDate, Skipped: func(e Edit, why string) { lost = append(lost, e.Rule+": "+why) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(lost) > 0 {
		t.Errorf("edits not placed: %q", lost)
	}
	return out
}

// TestShortSentenceNotHeading: "Fees paid are non-refundable." is four
// words, but it ends clause 4.1 of a SaaS agreement after another
// sentence, so it is the sentence to rewrite, not a clause heading. It
// was once skipped as "a clause heading with no sentence after them".
func TestShortSentenceNotHeading(t *testing.T) {
	r := analyzeFile(t, "../../analyze/testdata/saas-subscription-sample.md", "client")
	edits, skipped := Plan(r, []string{"pay.non-refundable"})
	for _, s := range skipped {
		t.Errorf("skipped %s: %s", s.Rule, s.Reason)
	}
	if len(edits) != 1 || r.Doc.Slice(edits[0].Span) != "Fees paid are non-refundable." {
		var got []string
		for _, e := range edits {
			got = append(got, e.Action+" "+r.Doc.Slice(e.Span))
		}
		t.Errorf("edits %q, want the sentence \"Fees paid are non-refundable.\" rewritten", got)
	}
}

// TestRedlineOwnOutput redlines the Common Paper contractor agreement, then
// redlines the result again, as a user may who runs TermScore on the file
// it wrote (its changes read as accepted). The second pass once added the
// same wording again: the non-solicit's "General advertising and
// unsolicited approaches are not solicitation." a second time, a second
// ownership-on-payment sentence in 3.1 and a second post-termination
// clause. Now a suggestion the document already holds is skipped, naming
// where.
func TestRedlineOwnOutput(t *testing.T) {
	data, _ := load(t, "ica.docx")
	r := analyzeFile(t, "ica.docx", "contractor")
	edits, _ := Plan(r, nil)
	out, err := DOCX(data, r.Doc, edits, Options{Author: testAuthor, Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "redlined.docx")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	again := analyzePath(t, path, "contractor")
	edits2, skipped := Plan(again, nil)
	for _, e := range edits2 {
		if e.Text != "" && len(strings.Fields(e.Text)) >= 6 && strings.Contains(again.Doc.Text, strings.TrimSpace(e.Text)) {
			t.Errorf("%s adds %q, which the document already holds", e.Rule, e.Text)
		}
	}
	says := map[string]string{}
	for _, s := range skipped {
		if strings.HasPrefix(s.Reason, "the document already says it") {
			says[s.Rule] = s.Reason
		}
	}
	// ip.work-made-for-hire fires on the sentence its rewrite left in
	// 3.1, and once proposed again the ownership-on-payment sentence that
	// ip.assignment-broad's rewrite put beside it in its own words.
	for _, rule := range []string{"restrict.non-solicit", "term.post-termination-obligations", "ip.work-made-for-hire"} {
		if says[rule] == "" {
			t.Errorf("%s is not skipped as already said; skipped: %v", rule, skipped)
		}
	}
	// 3.1's broad assignment is gone: its rewrite struck the sentence
	// that assigned everything at once with the one it rewrote.
	for _, f := range again.Findings {
		if f.Rule == "ip.assignment-broad" {
			t.Errorf("the redlined contract still assigns everything (§ %s): %q", f.Location.Section, f.Quote)
		}
	}
	for rule, want := range map[string]string{
		"restrict.non-solicit":  "the document already says it (section 1.2)",
		"ip.work-made-for-hire": `the document already says it (section 3.1): "Upon the Contractor's receipt of full payment,`,
	} {
		if !strings.HasPrefix(says[rule], want) {
			t.Errorf("%s: %q, want it to start %q", rule, says[rule], want)
		}
	}
}

// TestCommentsSpeakAsSender: the marked-up contract goes to the other
// side, so the comments on its changes speak as the sender, as the email
// does. They once carried the report's advice to the reviewer ("Only the
// other side can walk away without a reason, while you are locked in. Make
// the right mutual …"), which the other side would read as about itself.
func TestCommentsSpeakAsSender(t *testing.T) {
	r := analyzeFile(t, "ica.docx", "contractor")
	edits, _ := Plan(r, nil)
	comments := map[string]string{}
	for _, e := range edits {
		if e.Comment != "" {
			comments[e.Rule] = e.Comment
		}
	}
	if got, want := comments["term.convenience-one-sided"], "Only you can walk away without a reason, while I am locked in. Could we make the right mutual"; !strings.HasPrefix(got, want) {
		t.Errorf("term.convenience-one-sided: %q, want it to start %q", got, want)
	}
	if got, want := comments["liab.insurance-required"], "I must buy and keep insurance at levels you choose. What I'd suggest instead: insurance only of types and amounts I already carry"; !strings.HasPrefix(got, want) {
		t.Errorf("liab.insurance-required: %q, want it to start %q", got, want)
	}
	for rule, c := range comments {
		if strings.Contains(c, "the other side") || strings.Contains(c, "your work") {
			t.Errorf("%s speaks to the reviewer: %q", rule, c)
		}
	}
}

// TestRewriteStrikesRepeats: Common Paper's 3.1 makes the Work Product
// Company's property in one sentence and assigns all right, title and
// interest in it in the next. ip.assignment-broad rewrote the first into an
// assignment of the final deliverables on payment and left the second, so
// that the accepted clause still assigned everything at once. Its wording
// restates the whole assignment (strike_repeats), so the second sentence is
// struck with it, and the space after it, within the paragraph.
func TestRewriteStrikesRepeats(t *testing.T) {
	r := analyzeFile(t, "ica.docx", "contractor")
	edits, _ := Plan(r, nil)
	var struck []string
	for _, e := range edits {
		if e.Rule == "ip.assignment-broad" && e.Action == "delete" {
			struck = append(struck, r.Doc.Slice(e.Span))
			if e.Paragraph {
				t.Errorf("the struck sentence takes its paragraph with it: %q", r.Doc.Slice(e.Span))
			}
		}
	}
	const want = "Contractor hereby irrevocably transfers and assigns to Company, and agrees to irrevocably transfer and assign to Company, all right, title, and interest in and to the Work Product"
	if len(struck) != 1 || !strings.HasPrefix(struck[0], want) || !strings.HasSuffix(struck[0], "therein. ") {
		t.Errorf("struck %q, want the sentence %q … \"therein. \"", struck, want)
	}
}

// TestAlreadySaysWhere: where the document already says a suggestion is
// an offset into its own text, curly quotation marks before it counting
// three bytes each as they do there.
func TestAlreadySaysWhere(t *testing.T) {
	const say = "The Provider warrants that each Deliverable will materially conform to its description for ninety (90) days."
	for _, text := range []string{
		"1. Definitions. “Deliverables” means the work the Provider delivers. 2. Warranty. " + say,
		"1. Definitions. \"Deliverables\" means the work the Provider delivers. 2. Warranty. " + say,
		say,
	} {
		plain := func() string { return plainQuotes.Replace(text) }
		if got, want := alreadySays(text, plain, say), strings.Index(text, say); got != want {
			t.Errorf("%q: at %d, want %d", text, got, want)
		}
	}
	if got := alreadySays("No such words.", func() string { return "No such words." }, say); got != -1 {
		t.Errorf("a document without the words: at %d, want -1", got)
	}
}
