package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/termscore/termscore/internal/fault"
)

// Blobs keeps uploaded files in a directory, one file per key, written
// through a temporary file and a rename so a reader never sees half a file.
type Blobs struct {
	dir string
}

// NewBlobs returns the blob store in dir, creating it.
func NewBlobs(dir string) (*Blobs, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the upload directory: %w", err)
	}
	return &Blobs{dir: dir}, nil
}

// path maps a key to its file; keys are the store's hex ids, anything
// else is refused so a key can never name a path outside dir.
func (b *Blobs) path(key string) (string, error) {
	if len(key) < 2 || strings.Trim(key, "0123456789abcdef") != "" {
		return "", fault.New(fault.Invalid, "bad blob key %q", key)
	}
	return filepath.Join(b.dir, key[:2], key), nil
}

// Put stores data under key.
func (b *Blobs) Put(key string, data []byte) error {
	p, err := b.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("storing the upload: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return fmt.Errorf("storing the upload: %w", err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), p)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("storing the upload: %w", werr)
	}
	return nil
}

// Get returns the data stored under key.
func (b *Blobs) Get(key string) ([]byte, error) {
	p, err := b.path(key)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if os.IsNotExist(err) {
		return nil, fault.New(fault.NotFound, "the uploaded file is gone")
	}
	return data, err
}

// Delete removes key; a missing key is not an error.
func (b *Blobs) Delete(key string) {
	if p, err := b.path(key); err == nil {
		os.Remove(p)
	}
}

// Keys lists every stored key.
func (b *Blobs) Keys() ([]string, error) {
	var keys []string
	dirs, err := os.ReadDir(b.dir)
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, err := os.ReadDir(filepath.Join(b.dir, d.Name()))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if !strings.HasPrefix(f.Name(), ".") {
				keys = append(keys, f.Name())
			}
		}
	}
	return keys, nil
}

// Age is how long ago key was written.
func (b *Blobs) Age(key string) time.Duration {
	p, err := b.path(key)
	if err != nil {
		return 0
	}
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return time.Since(st.ModTime())
}
