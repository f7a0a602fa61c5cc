package zipsafe

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/termscore/termscore/internal/fault"
)

func archive(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadFile(t *testing.T) {
	zr, err := Open(archive(t, map[string]string{"a.xml": "<a/>", "b.txt": strings.Repeat("b", 5000)}), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := zr.ReadFile("a.xml"); err != nil || string(got) != "<a/>" {
		t.Errorf("ReadFile = %q, %v", got, err)
	}
	if _, err := zr.ReadFile("missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if !zr.Has("b.txt") || zr.Has("c") || strings.Join(zr.Names(), ",") != "a.xml,b.txt" {
		t.Errorf("names %v", zr.Names())
	}
	if _, err := zr.ReadFile("b.txt"); err != nil || zr.Used() != 5004 {
		t.Errorf("used %d, %v", zr.Used(), err)
	}
}

func TestLimits(t *testing.T) {
	many := map[string]string{}
	for i := range 20 {
		many[fmt.Sprint(i)] = ""
	}
	if _, err := Open(archive(t, many), Limits{MaxEntries: 10}); fault.KindOf(err) != fault.TooLarge {
		t.Errorf("21 entries over a limit of 10: %v", err)
	}
	// The budget is shared by all parts read.
	zr, err := Open(archive(t, map[string]string{"a": strings.Repeat("a", 600), "b": strings.Repeat("b", 600)}), Limits{MaxUncompressed: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zr.ReadFile("a"); err != nil {
		t.Fatal(err)
	}
	if _, err := zr.ReadFile("b"); fault.KindOf(err) != fault.TooLarge || !strings.Contains(err.Error(), "more than 1000 bytes") {
		t.Errorf("second part over budget: %v", err)
	}
	if _, err := Open([]byte("PK\x03\x04 not really a zip"), Limits{}); fault.KindOf(err) != fault.Invalid {
		t.Errorf("damaged: %v", err)
	}
}

// TestRatio reads an entry that inflates about 1000 times: a ratio limit
// of 100 stops it long before the budget.
func TestRatio(t *testing.T) {
	// One compressed MiB, flushed (byte-aligned, self-contained), repeated.
	var chunk, comp bytes.Buffer
	fw, _ := flate.NewWriter(&chunk, flate.BestCompression)
	fw.Write(bytes.Repeat([]byte{'x'}, 1<<20))
	fw.Flush()
	for range 64 {
		comp.Write(chunk.Bytes())
	}
	comp.Write([]byte{1, 0, 0, 0xff, 0xff})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "bomb", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 64 << 20})
	w.Write(comp.Bytes())
	zw.Close()
	zr, err := Open(buf.Bytes(), Limits{MaxRatio: 100})
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("bomb")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	if fault.KindOf(err) != fault.TooLarge || !strings.Contains(err.Error(), "expands more than 100 times") {
		t.Errorf("got %v", err)
	}
	if max := int64(comp.Len())*100 + 1; zr.Used() > max {
		t.Errorf("inflated %d bytes, more than the ratio allows (%d)", zr.Used(), max)
	}
}

func TestXMLDecoder(t *testing.T) {
	tests := []struct {
		name, xml string
		depth     int
		kind      fault.Kind
		reason    string
	}{
		{"ok", `<a><b/></a>`, 2, 0, ""},
		{"too deep", `<a><b><c/></b></a>`, 2, fault.Invalid, "nested deeper than 2 levels"},
		{"entities", `<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`, 0, fault.Invalid, "declares entities"},
		{"unknown entity", `<a>&x;</a>`, 0, fault.Invalid, "damaged XML in part"},
		{"unclosed", `<a><b>`, 0, fault.Invalid, "damaged XML in part"},
		{"huge text", "<a>" + strings.Repeat("t", MaxXMLRun+10) + "</a>", 0, fault.TooLarge, "larger than 16 MiB"},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><a>caf` + "\xe9" + `</a>`, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := NewXMLDecoder(strings.NewReader(tt.xml), "part", tt.depth)
			var err error
			for err == nil {
				_, err = x.Token()
			}
			if tt.reason == "" {
				if err != io.EOF {
					t.Errorf("got %v, want EOF", err)
				}
				return
			}
			if fault.KindOf(err) != tt.kind || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("got %v, want %s with %q", err, tt.kind, tt.reason)
			}
		})
	}
}
