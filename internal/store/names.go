package store

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanName keeps the base name of an uploaded file, as the user knows it,
// without control characters; every door that takes uploads (a scan, a
// batch) stores this name. A Windows browser or client may send the whole
// path, "C:\Users\jo\contract.docx": the base name is kept. Bidirectional
// controls go too: a right-to-left override shows "invoice\u202Efdp.exe" as
// "invoiceexe.pdf" on every page and download that names the file.
//
// A browser sends a quote in a file's name as "%22" (HTML's form encoding);
// it is put back.
func CleanName(name string) string {
	name = strings.ReplaceAll(name, "%22", `"`)
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, name)
	if !utf8.ValidString(name) || name == "." || name == ".." || name == "/" || name == "" {
		name = "upload"
	}
	if len(name) > 200 {
		name = name[:200]
	}
	return name
}
