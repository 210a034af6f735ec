package testenv

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Tree returns every file under dir with its content (symbolic links as
// "-> target", directories as "dir/"), temporary files and the journal
// included, the repository lock not: the state a write must leave exactly
// as before or as after.
func Tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".verso/lock" || rel == ".verso/.gitignore":
		case d.Type()&fs.ModeSymlink != 0:
			to, _ := os.Readlink(p)
			out[rel] = "-> " + to
		case d.IsDir():
			if rel != "." && rel != ".verso" {
				out[rel+"/"] = ""
			}
		default:
			b, err := os.ReadFile(p)
			out[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
