// Package batch scans many documents in parallel on one machine: it walks
// folders and globs, skips documents an earlier run already reported (by
// content hash), reads and analyses the rest on a pool of workers, and
// hands every result — a report or a failure with its reason — to one
// consumer, so that output is written by a single goroutine.
package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/termscore/termscore/internal/analyze"
	"github.com/termscore/termscore/internal/extract"
	"github.com/termscore/termscore/internal/fault"
)

// Extensions of the files picked up when walking a folder. Files named
// explicitly are always scanned: their format is sniffed from content.
var Extensions = []string{".pdf", ".docx", ".doc", ".odt", ".rtf", ".html", ".htm", ".md", ".markdown", ".txt", ".text"}

// Item is one input file and what happened to it.
type Item struct {
	Path   string
	SHA256 string
	Report *analyze.Report // nil when Err is set or the file was skipped
	Err    error
	// Skipped is set when an earlier run already reported this content.
	Skipped bool
}

// Options configure a run.
type Options struct {
	Jobs    int             // parallel workers; 0 means one per CPU
	Analyze analyze.Options // type, role, home for every document
	// Done holds the SHA-256 of documents already reported; they are
	// skipped (resuming an interrupted run).
	Done map[string]bool
}

// Expand turns the PATH arguments into a list of files: folders are walked
// (symbolic links to folders are not followed, so a link loop cannot trap
// the walk), globs are expanded, and each file appears once. Arguments
// that match nothing are returned as errors, not silently dropped.
func Expand(args []string) (files []string, errs []error) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, arg := range args {
		matches := []string{arg}
		if strings.ContainsAny(arg, "*?[") {
			m, err := filepath.Glob(arg)
			if err != nil {
				errs = append(errs, &fault.Error{Kind: fault.Invalid, File: arg, Reason: "bad glob pattern"})
				continue
			}
			if len(m) == 0 {
				errs = append(errs, &fault.Error{Kind: fault.NotFound, File: arg, Reason: "no file matches"})
				continue
			}
			matches = m
		}
		for _, p := range matches {
			st, err := os.Stat(p)
			if err != nil {
				errs = append(errs, &fault.Error{Kind: fault.NotFound, File: p, Reason: "no such file or folder"})
				continue
			}
			if !st.IsDir() {
				add(p)
				continue
			}
			walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					errs = append(errs, &fault.Error{Kind: fault.Invalid, File: path, Reason: "cannot read", Err: errors.Unwrap(err)})
					if d != nil && d.IsDir() {
						return fs.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					if path != p && strings.HasPrefix(d.Name(), ".") {
						return fs.SkipDir // .git and the like
					}
					return nil
				}
				if d.Type()&fs.ModeSymlink != 0 {
					// A link to a file is scanned; a link to a folder is not followed.
					if st, err := os.Stat(path); err != nil || st.IsDir() {
						return nil
					}
				}
				if slices.Contains(Extensions, strings.ToLower(filepath.Ext(path))) {
					add(path)
				}
				return nil
			})
			if walkErr != nil {
				errs = append(errs, &fault.Error{Kind: fault.Invalid, File: p, Reason: "cannot walk", Err: walkErr})
			}
		}
	}
	return files, errs
}

// Run scans files with a pool of workers and calls emit for every file,
// from one goroutine at a time, in the order results complete. It returns
// when every file has been emitted or ctx is cancelled; files not yet
// started when ctx is cancelled are not emitted.
func Run(ctx context.Context, files []string, ex *extract.Extractor, an *analyze.Analyzer, opt Options, emit func(Item)) error {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = defaultJobs()
	}
	paths := make(chan string)
	results := make(chan Item, jobs)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range paths {
				results <- scanOne(ctx, p, ex, an, opt)
			}
		}()
	}
	go func() {
		defer close(paths)
		for _, p := range files {
			select {
			case paths <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	for it := range results {
		emit(it)
	}
	return ctx.Err()
}

func scanOne(ctx context.Context, path string, ex *extract.Extractor, an *analyze.Analyzer, opt Options) Item {
	it := Item{Path: path}
	data, err := os.ReadFile(path)
	if err != nil {
		// A file that vanished between the walk and now is reported, not lost.
		reason := "cannot read"
		if errors.Is(err, fs.ErrNotExist) {
			reason = "the file disappeared before it could be read"
		}
		it.Err = &fault.Error{Kind: fault.Invalid, File: path, Reason: reason}
		return it
	}
	sum := sha256.Sum256(data)
	it.SHA256 = hex.EncodeToString(sum[:])
	if opt.Done[it.SHA256] {
		it.Skipped = true
		return it
	}
	doc, err := ex.ReadBytes(ctx, path, data)
	if err != nil {
		it.Err = err
		return it
	}
	it.Report, it.Err = an.Analyze(doc, opt.Analyze)
	if it.Err != nil {
		it.Err = fault.WithFile(it.Err, path)
	}
	return it
}

func defaultJobs() int { return runtime.GOMAXPROCS(0) }
