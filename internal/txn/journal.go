package txn

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

func journalPath(root string) string { return filepath.Join(root, Dir, "journal") }

// saveJournal writes the journal whole: to journal.tmp, synced, renamed.
// In a read-only repository (no .verso can be made) there is no journal.
func (t *tx) saveJournal() error {
	if t.j.State == stateStaging {
		switch err := os.Mkdir(filepath.Join(t.root, Dir), 0o755); {
		case err == nil || os.IsExist(err):
			t.journaled = true
		case readOnly(err):
			t.journaled = false
		default:
			return err
		}
	}
	if !t.journaled {
		return nil
	}
	data, err := json.MarshalIndent(&t.j, "", "\t")
	if err != nil {
		return err
	}
	p := journalPath(t.root)
	tmp := p + ".tmp"
	os.Remove(tmp)
	if err := writeFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fileError(Dir+"/journal", "cannot be written", err)
	}
	if err := rename(tmp, p); err != nil {
		os.Remove(tmp)
		return fileError(Dir+"/journal", "cannot be written", err)
	}
	if err := syncDir(filepath.Dir(p)); err != nil {
		return fileError(Dir, "cannot be synced to disk", err)
	}
	return nil
}

func (t *tx) removeJournal() error {
	if !t.journaled {
		return nil
	}
	return dropJournal(t.root)
}

func dropJournal(root string) error {
	p := journalPath(root)
	if err := remove(p); err != nil && !os.IsNotExist(err) {
		return err
	}
	return syncDir(filepath.Dir(p))
}

// Pending reports whether the repository at root has a journal, that is a
// transaction that is running or was interrupted; a reader then waits for
// the lock and calls [Recover] before reading.
func Pending(root string) bool {
	_, err := os.Lstat(journalPath(root))
	return err == nil
}

// Recover resolves the journal of an interrupted transaction, if any, and
// removes stray temporary files of verso in dirs (relative to root). The
// caller holds the lock. It returns one line for the user per thing done.
// An error means the journal could not be resolved; it stays for the next
// try, and the repository must not be read or written meanwhile.
func Recover(root string, dirs []string) (report []string, err error) {
	running.Lock()
	defer running.Unlock()
	data, err := os.ReadFile(journalPath(root))
	switch {
	case os.IsNotExist(err):
	case err != nil:
		return nil, err
	default:
		line, err := recoverJournal(root, data)
		if err != nil {
			return nil, err
		}
		report = append(report, line)
	}
	os.Remove(journalPath(root) + ".tmp") // never the commit point: a journal is only valid once renamed
	for _, d := range dirs {
		report = append(report, removeStrays(root, d)...)
	}
	return report, nil
}

func recoverJournal(root string, data []byte) (string, error) {
	const name = Dir + "/journal"
	var j journal
	if err := json.Unmarshal(data, &j); err != nil || j.Version != 1 {
		if err == nil {
			err = fmt.Errorf("version %d", j.Version)
		}
		return "", fmt.Errorf("%s: unreadable journal of an interrupted write (%v); it was not written by this version of verso, or was damaged: check the files it names, then delete it", name, err)
	}
	t := &tx{root: root, journaled: true, j: j}
	for _, e := range j.Files {
		t.abs = append(t.abs, entry{Target: t.abs1(e.Target), Temp: t.abs1(e.Temp), Backup: t.abs1(e.Backup), Before: e.Before, After: e.After, Delete: e.Delete})
		t.files = append(t.files, File{Path: e.Target})
	}
	what := fmt.Sprintf("%s (%s, pid %d, at %s)", plural(len(j.Files), "file"), j.Command, j.PID, j.Time)
	if j.State == stateStaging {
		if err := t.cleanup(); err != nil {
			return "", fmt.Errorf("%s: cleaning up an interrupted write: %w", name, err)
		}
		if err := dropJournal(root); err != nil {
			return "", err
		}
		return "verso: cleaned up an interrupted write of " + what + ": it had not changed any file", nil
	}

	// Where is each file: before, after or changed since?
	var changed []string
	missing := false
	state := make([]string, len(t.abs))
	for i, e := range t.abs {
		h, exists, err := hashFile(e.Target)
		if err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
		switch {
		case e.Delete && !exists, !e.Delete && exists && h == e.After:
			state[i] = "after"
		case h == e.Before:
			state[i] = "before"
			if _, err := os.Lstat(e.Temp); err != nil && !e.Delete {
				missing = true // cannot be completed
			}
		default:
			state[i] = "changed"
			changed = append(changed, j.Files[i].Target)
		}
	}
	if j.State == stateCommit && len(changed) == 0 && !missing {
		for i, e := range t.abs {
			if state[i] != "before" {
				continue
			}
			var err error
			if e.Delete {
				err = remove(e.Target)
			} else {
				err = rename(e.Temp, e.Target)
			}
			if err != nil {
				return "", fmt.Errorf("%s: completing an interrupted write: %s: %w", name, j.Files[i].Target, err)
			}
		}
		for _, d := range t.dirs() {
			if err := syncDir(d); err != nil {
				return "", err
			}
		}
		if err := t.cleanup(); err != nil {
			return "", fmt.Errorf("%s: cleaning up a completed write: %w", name, err)
		}
		if err := dropJournal(root); err != nil {
			return "", err
		}
		return "verso: completed an interrupted write of " + what, nil
	}
	// Roll back: the files written get their backups back; a file changed
	// since the crash is left as it is.
	for i, e := range t.abs {
		if state[i] != "after" {
			continue
		}
		var err error
		switch {
		case e.Backup != "" && e.Before != "":
			err = rename(e.Backup, e.Target)
		case e.Before == "" && !e.Delete:
			err = remove(e.Target)
		}
		if err != nil {
			return "", fmt.Errorf("%s: rolling back an interrupted write: %s: %w", name, j.Files[i].Target, err)
		}
	}
	if err := t.cleanup(); err != nil {
		return "", fmt.Errorf("%s: cleaning up a rolled back write: %w", name, err)
	}
	if err := dropJournal(root); err != nil {
		return "", err
	}
	line := "verso: rolled back an interrupted write of " + what
	if len(changed) > 0 {
		line += "; changed since, and left as they are: " + strings.Join(changed, ", ")
	}
	return line, nil
}

// strayRE matches the temporary files and backups of a transaction, and
// the temporary files of verso versions before transactions.
var strayRE = regexp.MustCompile(`^\.(.+)(\.verso-(tmp|old)-[0-9]+-[0-9a-f]+|\.tmp[0-9]+)$`)

// removeStrays removes the temporary files left in dir by processes that
// died without a journal to say so.
func removeStrays(root, dir string) []string {
	es, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		return nil
	}
	var report []string
	for _, e := range es {
		m := strayRE.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() {
			continue
		}
		if m[3] == "" && !slices.Contains([]string{".toml", ".tsv", ".ids", ".xlsx", ".pdf"}, filepath.Ext(m[1])) {
			continue // .NAME.tmpN of something that is not verso's
		}
		rel := filepath.ToSlash(filepath.Join(dir, e.Name()))
		if err := remove(filepath.Join(root, dir, e.Name())); err != nil {
			report = append(report, fmt.Sprintf("verso: warning: cannot remove %s, a temporary file left by an interrupted verso: %v", rel, err))
			continue
		}
		report = append(report, fmt.Sprintf("verso: removed %s, a temporary file left by an interrupted verso", rel))
	}
	return report
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
