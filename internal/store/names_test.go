package store

import "testing"

func TestCleanName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"contract.docx", "contract.docx"},
		{`C:\Users\jo\contract.docx`, "contract.docx"},
		{"../../etc/passwd", "passwd"},
		{"invoice\u202Efdp.exe", "invoicefdp.exe"},
		{"a\u202eslash\\back.md", "back.md"},
		{"q%22uo'te.md", `q"uo'te.md`},
		{"tab\there\x00.txt", "tabhere.txt"},
		{"contract-חוזה-📝.md", "contract-חוזה-📝.md"},
		{"", "upload"},
		{"/", "upload"},
		{"..", "upload"},
		{"bad\xffutf8.txt", "bad\uFFFDutf8.txt"}, // strings.Map replaces the bad byte
	} {
		if got := CleanName(tt.in); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
