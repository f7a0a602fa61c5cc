package extract

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/document"
	"github.com/termscore/termscore/internal/fault"
)

func zipWith(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 64)...)
	tests := []struct {
		name   string
		data   []byte
		format document.Format
		image  string
		kind   fault.Kind
	}{
		{"pdf", []byte("%PDF-1.7\n..."), document.PDF, "", 0},
		{"pdf after junk", append(make([]byte, 100), "%PDF-1.4"...), document.PDF, "", 0},
		{"png named pdf", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "", "PNG", 0},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0}, "", "JPEG", 0},
		{"rtf", []byte(`{\rtf1\ansi hello}`), document.RTF, "", 0},
		{"docx", zipWith(t, map[string]string{"[Content_Types].xml": "x", "word/document.xml": "x"}), document.DOCX, "", 0},
		{"odt", zipWith(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text"}), document.ODT, "", 0},
		{"ods", zipWith(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), "", "", fault.Unsupported},
		{"xlsx", zipWith(t, map[string]string{"[Content_Types].xml": "x", "xl/workbook.xml": "x"}), "", "", fault.Unsupported},
		{"plain zip", zipWith(t, map[string]string{"a.txt": "x"}), "", "", fault.Unsupported},
		// The entries of real iWork packages (Pages, Keynote 13+ and Pages '09).
		{"pages", zipWith(t, map[string]string{"Index/Document.iwa": "x", "Index/DocumentStylesheet.iwa": "x", "Metadata/Properties.plist": "x", "preview.jpg": "x"}), "", "", fault.Unsupported},
		{"keynote", zipWith(t, map[string]string{"Index/Document.iwa": "x", "Index/Slide-8060.iwa": "x", "Index/MasterSlide-7983.iwa": "x", "preview.jpg": "x"}), "", "", fault.Unsupported},
		{"pages 09", zipWith(t, map[string]string{"index.xml": "x", "QuickLook/Thumbnail.jpg": "x"}), "", "", fault.Unsupported},
		{"truncated zip", []byte("PK\x03\x04garbage"), "", "", fault.Invalid},
		{"legacy doc", append(append([]byte{}, ole...), utf16le("WordDocument")...), document.DOC, "", 0},
		{"encrypted docx", append(append([]byte{}, ole...), utf16le("EncryptedPackage")...), "", "", fault.Encrypted},
		{"gzip", []byte("\x1f\x8b\x08\x00"), "", "", fault.Unsupported},
		{"text", []byte("This Agreement is made between A and B."), document.Text, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := sniff(tt.data)
			if k.format != tt.format || k.image != tt.image {
				t.Errorf("sniff = format %q image %q, want %q %q", k.format, k.image, tt.format, tt.image)
			}
			if tt.kind != 0 && (k.reason == "" || k.kind != tt.kind) {
				t.Errorf("sniff = kind %v reason %q, want kind %v with a reason", k.kind, k.reason, tt.kind)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
		kind fault.Kind
	}{
		{"utf8", []byte("Café “quoted” €5"), "Café “quoted” €5", 0},
		{"utf8 bom", []byte("\xEF\xBB\xBFHello"), "Hello", 0},
		{"utf16le bom", append([]byte{0xFF, 0xFE}, utf16le("Lease")...), "Lease", 0},
		{"utf16be bom", []byte{0xFE, 0xFF, 0, 'O', 0, 'K'}, "OK", 0},
		{"windows-1252", []byte("Caf\xe9 \x93quoted\x94 \x805"), "Café “quoted” €5", 0},
		{"binary", bytes.Repeat([]byte{0, 1, 2, 3, 250, 251}, 100), "", fault.Unsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeText(tt.data)
			if tt.kind != 0 {
				if fault.KindOf(err) != tt.kind {
					t.Fatalf("err = %v, want kind %v", err, tt.kind)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("decodeText = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestTextFormat(t *testing.T) {
	tests := []struct {
		name, text string
		want       document.Format
	}{
		{"html", "<!DOCTYPE html><html><body><p>Terms</p></body></html>", document.HTML},
		{"html fragment", "<div><h1>Terms</h1><p>You agree.</p></div>", document.HTML},
		{"markdown", "# Terms\n\n## 1. Use\n\nYou **must** read the [policy](x).\n\n- one\n- two\n", document.Markdown},
		{"plain contract", "CONSULTING AGREEMENT\n\n1. Services. Consultant shall provide services.\n- signed -\n", document.Text},
		// Escaped clause numbers are Markdown: plain text has no reason to write "8\.".
		{"escaped numbers", "Proprietary Information Agreement\n\n7\\. I agree not to compete.\n\n8\\. I agree that this is not an employment contract.\n", document.Markdown},
		// Pandoc escapes dollars and asterisks in a converted contract's text.
		{"escaped dollars", "BANQUET HALL SERVICE AGREEMENT\n\nA deposit of \\$500 is required.\nA payment of \\$1,000 is due in ten days.\nMonthly payments of \\$500 follow.\n", document.Markdown},
		// A path and a lone escape are not enough.
		{"backslashes in text", "SERVICES AGREEMENT\n\nFiles are kept in C:\\Users\\Shared and D:\\Projects.\nThe fee is \\$500.\n", document.Text},
		// A converter's lazy numbering with one heading is Markdown; the
		// numbering alone, in plain text, is not.
		{"lazy numbered markdown", "# Software Development Agreement\n\n1.  Definitions.\n    1. \"Software\" means the system.\n1.  Services. The Developer shall develop the Software.\n1.  Fees. The Customer shall pay the Developer.\n", document.Markdown},
		{"text numbered 1. thrice", "SERVICES AGREEMENT\n\n1. Services.\n\nSCHEDULE A\n\n1. Fees.\n\nSCHEDULE B\n\n1. Deliverables.\n", document.Text},
		// Pandoc's spans for a converted Word document's underlining.
		{"pandoc spans", "**[AUTHOR AGREEMENT]{.underline}**\n\nThis agreement (this \"[Agreement]{.underline}\") is made as of March 1.\n\n1. [Work]{.underline}. Author shall write the Work.\n", document.Markdown},
		// SEC redactions and signature lines are not Markdown.
		{"redactions", "***Text Omitted and Filed Separately***\nThe term \"[…***…] ctDNA […***…]\" shall mean…\nPrice: [*****] per [* ****] unit.\n____________________\n- a\n- b\n", document.Text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textFormat(tt.text); got != tt.want {
				t.Errorf("textFormat = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestSniffIWork checks that a Pages or Keynote file renamed .docx is named
// for what it is, with the way out, not called a ZIP archive to unpack.
func TestSniffIWork(t *testing.T) {
	for _, tt := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"Index/Document.iwa": "x", "Metadata/Properties.plist": "x", "preview.jpg": "x"}, "an Apple Pages document"},
		{map[string]string{"index.xml": "x", "QuickLook/Thumbnail.jpg": "x"}, "an Apple Pages document"},
		{map[string]string{"Index/Document.iwa": "x", "Index/Slide-8060.iwa": "x"}, "an Apple Keynote file"},
		{map[string]string{"index.apxl": "x"}, "an Apple Keynote file"},
		{map[string]string{"Index/Document.iwa": "x", "Index/CalculationEngine.iwa": "x"}, "an Apple Numbers file"},
		{map[string]string{"index.xml": "x"}, "a ZIP archive"},
	} {
		k := sniff(zipWith(t, tt.files))
		if k.kind != fault.Unsupported || !strings.HasPrefix(k.reason, tt.want) {
			t.Errorf("sniff(%v) = kind %v reason %q, want Unsupported starting %q", tt.files, k.kind, k.reason, tt.want)
		}
	}
}
