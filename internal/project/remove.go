package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// RemoveFiles deletes files (slash-separated paths relative to the root),
// for verso prune. Every path is checked to be a regular file (or already
// gone) before any is deleted; a file already gone is not an error.
func RemoveFiles(root string, paths []string) error {
	for _, p := range paths {
		fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return fmt.Errorf("%s: %w", p, err)
		case !fi.Mode().IsRegular() && fi.Mode()&os.ModeSymlink == 0:
			return fmt.Errorf("%s: not a regular file; move it away", p)
		}
	}
	for _, p := range paths {
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(p))); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}
