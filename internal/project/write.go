package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a planned write: a slash-separated path relative to the root and
// the file's new content.
type File struct {
	Path string
	Data []byte
}

// WriteFiles writes every file atomically: each is written to a temporary
// file in its directory and synced, and only when all temporary files are
// written, and no target is a directory, are they renamed over the old
// files. A failure before the renames leaves every file as it was; each
// rename replaces its file whole.
func WriteFiles(root string, files []File) error {
	for _, f := range files {
		if fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f.Path))); err == nil && fi.IsDir() {
			return fmt.Errorf("%s: is a directory; move it away to write the file", f.Path)
		}
	}
	tmps := make([]string, 0, len(files))
	cleanup := func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	for _, f := range files {
		dst := filepath.Join(root, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			cleanup()
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp*")
		if err != nil {
			cleanup()
			// Name the user's file, not the temporary one.
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return fmt.Errorf("%s: cannot write: %w", f.Path, err)
		}
		tmps = append(tmps, tmp.Name())
		_, err = tmp.Write(f.Data)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	for i, f := range files {
		if err := os.Rename(tmps[i], filepath.Join(root, filepath.FromSlash(f.Path))); err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	return nil
}
