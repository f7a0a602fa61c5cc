package redline

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var testParties = Parties{Client: "Acme Studio Ltd", Contractor: "Jo Rivera", Agreement: "Design Services Agreement", AgreementDate: "3 March 2025", Date: "14 March 2025"}

func TestAddendumMarkdown(t *testing.T) {
	for _, kind := range AddendumKinds {
		t.Run(kind, func(t *testing.T) {
			md, err := Addendum(kind, testParties, "markdown")
			if err != nil {
				t.Fatal(err)
			}
			s := string(md)
			for _, want := range []string{"# ", "> **In plain English:**", `Acme Studio Ltd ("Client")`, `Jo Rivera ("Contractor")`,
				"the Design Services Agreement dated 3 March 2025", "If this Addendum conflicts with the Agreement, this Addendum prevails.",
				"Signature: ____", "made on 14 March 2025"} {
				if !strings.Contains(s, want) {
					t.Errorf("no %q in:\n%s", want, s)
				}
			}
			// The plain-English summary comes first, before any clause.
			if strings.Index(s, "In plain English") > strings.Index(s, "## ") {
				t.Error("the summary is not before the clauses")
			}
			golden(t, filepath.Join("testdata", "addenda", kind+".md"), md)
		})
	}
	if _, err := Addendum("no-such-thing", testParties, "markdown"); err == nil || !strings.Contains(err.Error(), "no-ai-training") {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestAddendumBlanks(t *testing.T) {
	md, err := Addendum("no-ai-training", Parties{}, "markdown")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[Client name and address]", "[Contractor name and address]", "[date of the agreement]"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("no blank %q", want)
		}
	}
}

// TestAddendumFromContract fills the parties from the Common Paper
// contractor agreement, whose effective date is an event, not a date.
func TestAddendumFromContract(t *testing.T) {
	r := analyzeFile(t, "ica.docx", "contractor")
	md, err := Addendum("late-payment", PartiesFrom(r), "markdown")
	if err != nil {
		t.Fatal(err)
	}
	const want = "the Independent Contractor Agreement between the parties, effective on the date of last signature"
	if !strings.Contains(string(md), want) {
		t.Errorf("no %q in:\n%s", want, md)
	}
}

// TestAddendumOtherPartyByName fills both parties from Aduro Biotech's
// consulting agreement, which calls the consultant "Consultant" but the
// client by its name, "Aduro": the client was once left a blank to fill
// in, though the contract names it.
func TestAddendumOtherPartyByName(t *testing.T) {
	r := analyzeFile(t, "../../../testdata/contracts/cuad-adurobiotech-consulting-agreement.txt", "contractor")
	md, err := Addendum("kill-fee", PartiesFrom(r), "markdown")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`between Aduro Biotech, Inc. ("Aduro") and IREYA B.V ("Consultant")`, "If Aduro cancels a project", "**ADURO**: Aduro Biotech, Inc.",
		// The contract's title is in capitals: referred to as typed.
		"forms part of the Consulting Agreement dated June 1, 2020"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("no %q in:\n%s", want, md)
		}
	}
	if strings.Contains(string(md), "[Client name") {
		t.Errorf("the client is left blank:\n%s", md)
	}
}

func TestAddendumDOCX(t *testing.T) {
	data, err := Addendum("no-ai-training", testParties, "docx")
	if err != nil {
		t.Fatal(err)
	}
	doc := readDOCX(t, data)
	for _, want := range []string{"No-AI-Training Addendum", "In plain English:", "train, fine-tune", "this Addendum prevails", "CLIENT: Acme Studio Ltd"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("DOCX text lacks %q", want)
		}
	}
	// Room to sign: the signature row was once one line of text high.
	x := string(zipPart(t, data, mainPart))
	sig := strings.Index(x, "Signature:")
	if sig < 0 {
		t.Fatal("no signature row in the DOCX")
	}
	row := x[strings.LastIndex(x[:sig], "<w:tr>"):sig]
	m := regexp.MustCompile(`<w:trHeight w:val="(\d+)"`).FindStringSubmatch(row)
	if m == nil {
		t.Error("the signature row has no height: one line of text, no room to sign")
	} else if h, _ := strconv.Atoi(m[1]); h < 850 {
		t.Errorf("the signature row is %d twips high, want at least 850 (1.5 cm)", h)
	}
	if soffice, err := exec.LookPath("soffice"); err == nil {
		if _, err := exec.LookPath("pdftotext"); err == nil {
			text := strings.Join(strings.Fields(convertWithLibreOffice(t, soffice, data)), " ")
			if !strings.Contains(text, "this Addendum prevails") {
				t.Error("LibreOffice's PDF of the addendum lacks the precedence clause")
			}
		}
	}
}

func TestAddendumPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	for _, kind := range AddendumKinds {
		data, err := Addendum(kind, testParties, "pdf")
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(t.TempDir(), kind+".pdf")
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", f, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v\n%s", kind, err, out)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		md, _ := Addendum(kind, testParties, "markdown")
		// Every sentence of the Markdown is in the PDF, in words.
		for _, line := range strings.Split(string(md), "\n") {
			line = strings.Trim(line, "#> *")
			line = strings.ReplaceAll(line, "**", "")
			if line == "" || strings.Contains(line, "____") || line == "Signatures" {
				continue
			}
			if !strings.Contains(text, strings.Join(strings.Fields(line), " ")) {
				t.Errorf("%s: the PDF lacks %q", kind, line)
			}
		}
		if os.Getenv("REDLINE_KEEP_PDF") != "" {
			os.WriteFile(filepath.Join(filepath.Dir(os.Getenv("REDLINE_KEEP_PDF")), kind+".pdf"), data, 0o644)
		}
	}
}

// TestAddendumPDFSignatureLines: with the blanks left for the names, the
// contractor's "[Contractor name and address]" wraps to two lines and the
// client's does not; the signature lines must still face each other.
func TestAddendumPDFSignatureLines(t *testing.T) {
	data, err := Addendum("late-payment", Parties{}, "pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, label := range []string{"Signature:", "Name:", "Title:", "Date:"} {
		re := regexp.MustCompile(`([\d.]+) ([\d.]+) Td \(` + regexp.QuoteMeta(label) + `\)`)
		ys := map[string]bool{}
		var n int
		for _, m := range re.FindAllSubmatch(data, -1) {
			ys[string(m[2])] = true
			n++
		}
		if n != 2 || len(ys) != 1 {
			t.Errorf("%q: %d on the page at heights %v, want 2 at one height", label, n, ys)
		}
	}
}

func TestReadableTitle(t *testing.T) {
	for in, want := range map[string]string{
		"CONSULTING AGREEMENT":                    "Consulting Agreement",
		"AMENDMENT NO. 3":                         "Amendment No. 3",
		"JOINT VENTURE AGREEMENT":                 "Joint Venture Agreement",
		"MASTER SERVICES AGREEMENT FOR IT AND AI": "Master Services Agreement for IT and AI",
		"AMENDMENT II TO THE IP LICENSE":          "Amendment II to the IP License",
		"Independent Contractor Agreement":        "Independent Contractor Agreement",
		"Cloud SaaS AGREEMENT":                    "Cloud SaaS AGREEMENT",
		"2024":                                    "2024",
	} {
		if got := readableTitle(in); got != want {
			t.Errorf("readableTitle(%q) = %q, want %q", in, got, want)
		}
	}
}
