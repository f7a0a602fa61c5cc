//go:build unix

package redline

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteFileThroughLinksAndPipes writes the way a user's -o may name
// its output: through a symbolic link, and into a named pipe standing for
// -o /dev/stdout. Both were once replaced by a regular file renamed over
// them; as root, "termscore addendum ... -o /dev/stdout" replaced the
// system's /dev/stdout link with a file.
func TestWriteFileThroughLinksAndPipes(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "contract-redlined.docx")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.docx")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a symbolic link (%v)", link, err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("the linked file holds %q, want %q", b, "new")
	}

	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := WriteFile(fifo, []byte("addendum")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		// The reader may wait on the pipe for ever: not waited for.
		t.Fatalf("the named pipe was replaced (%v)", err)
	}
	if s := <-got; s != "addendum" {
		t.Errorf("read %q from the pipe, want %q", s, "addendum")
	}
}
