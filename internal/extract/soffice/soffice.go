// Package soffice converts legacy Word files with LibreOffice.
package soffice

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/fault"
)

// missing is the reason given when LibreOffice is not installed.
const missing = "reading legacy .doc files needs LibreOffice, which is not installed; install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) to read legacy .doc files, or save the file as DOCX in Word"

// ToDOCX converts a legacy .doc file to DOCX by running LibreOffice
// headless. Each conversion uses its own temporary directory and LibreOffice
// profile, so concurrent conversions do not collide; the conversion stops
// when ctx is done.
func ToDOCX(ctx context.Context, data []byte) ([]byte, error) {
	bin, err := find()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "termscore-soffice-")
	if err != nil {
		return nil, fault.Wrap(fault.Internal, err, "cannot create a temporary directory for LibreOffice")
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.doc")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fault.Wrap(fault.Internal, err, "cannot write the file for LibreOffice")
	}
	out := filepath.Join(dir, "out")
	profile := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "profile"))}
	cmd := exec.CommandContext(ctx, bin,
		"-env:UserInstallation="+profile.String(),
		"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", out, in)
	cmd.Dir = dir
	// LibreOffice may start helper processes; stop them all on cancellation.
	killGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, fault.Wrap(fault.Timeout, ctx.Err(), "LibreOffice did not finish converting the .doc file in time")
	}
	docx, err := os.ReadFile(filepath.Join(out, "in.docx"))
	if err != nil || len(docx) == 0 {
		reason := "LibreOffice could not convert the .doc file; it may be damaged or password-protected"
		if msg := strings.TrimSpace(lastLine(stderr.String())); msg != "" {
			reason += " (LibreOffice said: " + msg + ")"
		}
		return nil, fault.Wrap(fault.Invalid, errors.Join(runErr, err), reason)
	}
	return docx, nil
}

// find returns the LibreOffice program on PATH.
func find() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fault.New(fault.ToolMissing, "%s", missing)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
