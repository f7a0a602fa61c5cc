package soffice

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/termscore/termscore/internal/document/documenttest"
	"github.com/termscore/termscore/internal/fault"
)

func needSoffice(t *testing.T) {
	t.Helper()
	if _, err := find(); err != nil {
		t.Skip("LibreOffice is not installed")
	}
}

// documentXML returns word/document.xml of a DOCX.
func documentXML(t *testing.T, docx []byte) string {
	t.Helper()
	return string(documenttest.ZipPart(t, docx, "word/document.xml"))
}

func TestToDOCX(t *testing.T) {
	needSoffice(t)
	data, err := os.ReadFile("testdata/commonpaper-contractor.doc")
	if err != nil {
		t.Fatal(err)
	}
	// Two conversions at once must not collide on LibreOffice's profile.
	var wg sync.WaitGroup
	results := make([][]byte, 2)
	errs := make([]error, 2)
	for i := range results {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			results[i], errs[i] = ToDOCX(ctx, data)
		})
	}
	wg.Wait()
	for i := range results {
		if errs[i] != nil {
			t.Fatalf("conversion %d: %v", i, errs[i])
		}
		xml := documentXML(t, results[i])
		for _, want := range []string{"Independent Contractor Agreement", "Performing Services", "Don’t forget"} {
			if !strings.Contains(xml, want) {
				t.Errorf("conversion %d: word/document.xml lacks %q", i, want)
			}
		}
	}
}

func TestTimeout(t *testing.T) {
	needSoffice(t)
	data, err := os.ReadFile("testdata/commonpaper-contractor.doc")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = ToDOCX(ctx, data)
	if fault.KindOf(err) != fault.Timeout {
		t.Errorf("err = %v, want a Timeout fault", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancellation took %s", d)
	}
}

func TestMissingTool(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := exec.LookPath("soffice"); err == nil {
		t.Fatal("soffice still found")
	}
	_, err := ToDOCX(context.Background(), []byte("x"))
	if fault.KindOf(err) != fault.ToolMissing {
		t.Fatalf("err = %v, want ToolMissing", err)
	}
	if !strings.Contains(err.Error(), "apt-get install libreoffice-writer-nogui") {
		t.Errorf("the message does not say what to install: %v", err)
	}
}
