package report

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
)

var tags = regexp.MustCompile(`<[^>]*>`)

// FuzzMarkdownInline checks that text escaped by mdInline comes out of a
// CommonMark renderer as the same text: no markup, link, list or heading
// can be smuggled in by a contract's wording.
func FuzzMarkdownInline(f *testing.F) {
	for _, s := range []string{
		"plain", "# heading", "1. list", "- item", "*em* _em_ **strong**", "[a](b) ![i](x)",
		"<script>x</script>", "&amp; &#65;", "`code`", "a\\", "| a | b |", "> quote",
		"***", "===", "2026) year", "~~strike~~", "<http://x.y>", "a  \nb",
	} {
		f.Add(s)
	}
	md := goldmark.New()
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return
		}
		want := strings.Join(strings.Fields(s), " ")
		if want == "" {
			return
		}
		var b bytes.Buffer
		if err := md.Convert([]byte(mdInline(s)), &b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.HasPrefix(out, "<p>") {
			t.Fatalf("%q became a block other than a paragraph: %q", s, out)
		}
		if strings.Count(out, "<") != 2 {
			t.Fatalf("%q produced markup: %q", s, out)
		}
		got := strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(out, ""))), " ")
		if got != want {
			t.Fatalf("%q rendered as %q", want, got)
		}
	})
}
