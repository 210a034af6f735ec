package project

import (
	"fmt"
	"os"
	"path/filepath"
)

// PlanDelete plans the deletion of a file (a slash-separated path relative
// to the root), for verso prune: it is deleted in the transaction of
// WriteFiles, and only if it still holds what it holds now.
func (p *Project) PlanDelete(rel string) (File, error) {
	data, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(rel)))
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", rel, err)
	}
	return File{Path: rel, Delete: true, Check: true, Base: data}, nil
}
