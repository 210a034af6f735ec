package txn

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// File is a planned write, or with Delete a planned deletion.
type File struct {
	// Path is the file's slash-separated path relative to the root, or an
	// absolute path.
	Path string
	// Data is the file's new content.
	Data []byte
	// Delete removes the file instead (Data is not used): a symbolic link
	// is removed itself, not the file it names; a file already gone is
	// nothing to do.
	Delete bool
	// Check asks the commit to verify that the file still holds Base, the
	// content the command read (nil: the file did not exist), and to fail
	// with a *ChangedError if not.
	Check bool
	Base  []byte
}

// ChangedError is returned by [Commit] when a file changed since the
// command read it; nothing was written.
type ChangedError struct {
	Path string // as in File.Path
}

func (e *ChangedError) Error() string {
	return e.Path + ": changed by another program since verso read it (run the command again)"
}

// ErrInterrupted is returned by [Commit] when the process was interrupted
// (see [Hold]) before the commit point; nothing was written.
var ErrInterrupted = errors.New("interrupted")

// IncompleteError is returned by [Commit] when a failure left the
// repository with a journal that the next [Recover] resolves: the
// rollback after a failed rename could not restore every file, or the
// journal could not be removed.
type IncompleteError struct {
	Err    error // the failure
	Detail string
}

func (e *IncompleteError) Error() string { return fmt.Sprintf("%v; %s", e.Err, e.Detail) }
func (e *IncompleteError) Unwrap() error { return e.Err }

// gate is held for reading by every commit, and for writing by Hold;
// running by each commit and recovery.
var (
	gate        sync.RWMutex
	interrupted atomic.Bool
	running     sync.Mutex
)

// Hold is for a signal handler about to end the process: it makes running
// commits stop staging (a commit past its commit point runs to its end),
// waits until no commit is running and keeps new ones from starting. The
// caller then exits.
func Hold() {
	interrupted.Store(true)
	gate.Lock()
}

// The journal states.
const (
	stateStaging  = "staging"
	stateCommit   = "commit"
	stateRollback = "rollback"
)

// journal is the content of .verso/journal.
type journal struct {
	Version int     `json:"version"`
	State   string  `json:"state"`
	Command string  `json:"command"`
	PID     int     `json:"pid"`
	Time    string  `json:"time"`
	Files   []entry `json:"files"`
	// Dirs are the directories the transaction creates, parents first.
	Dirs []string `json:"dirs,omitempty"`
}

// entry is one file of a transaction. Paths are relative to the root when
// inside it, else absolute.
type entry struct {
	Target string `json:"target"`
	Temp   string `json:"temp"`
	Backup string `json:"backup,omitempty"` // "" when the target did not exist
	Before string `json:"before,omitempty"` // SHA-256 of the target before; "" when it did not exist
	After  string `json:"after,omitempty"`  // SHA-256 of the new content; "" for a deletion
	// Delete: the target is removed (no temporary file); done when it is
	// gone.
	Delete bool `json:"delete,omitempty"`
}

// tx is a transaction in progress.
type tx struct {
	root      string
	journaled bool // false in a read-only repository (no .verso)
	j         journal
	files     []File
	abs       []entry // the entries with absolute paths
	perm      []os.FileMode
	exists    []bool
}

// Commit writes the files as one transaction (see the package
// documentation) in the repository at root. The caller should hold the
// repository lock ([Acquire]); if it does not, Commit takes it for the
// duration of the commit. Errors name the file by its File.Path.
func Commit(root string, files []File) error {
	if len(files) == 0 {
		return nil
	}
	gate.RLock()
	defer gate.RUnlock()
	if interrupted.Load() {
		return ErrInterrupted
	}
	l := retain(root)
	if l == nil {
		var err error
		if l, err = Acquire(root, "write", DefaultTimeout, nil); err != nil {
			return err
		}
	}
	defer l.Release()
	// One transaction at a time in this process: commands running on
	// goroutines of one process share its lock.
	running.Lock()
	defer running.Unlock()
	command := "write"
	if l != nil {
		command = l.command
	}
	t := &tx{root: root, files: files, j: journal{Version: 1, State: stateStaging, Command: command,
		PID: os.Getpid(), Time: time.Now().UTC().Format(time.RFC3339)}}
	if err := t.plan(); err != nil {
		return err
	}
	if err := t.stage(); err != nil {
		return t.abandon(err)
	}
	if err := t.verify(); err != nil {
		return t.abandon(err)
	}
	return t.commit()
}

// plan resolves the targets and names the temporary files.
func (t *tx) plan() error {
	seen := map[string]bool{}
	var newDirs []string
	for _, f := range t.files {
		p := filepath.FromSlash(f.Path)
		if !filepath.IsAbs(p) {
			p = filepath.Join(t.root, p)
		}
		target, err := p, error(nil)
		if !f.Delete {
			if target, err = resolveLink(p); err != nil {
				return fmt.Errorf("%s: %w", f.Path, err)
			}
		}
		if seen[target] {
			return fmt.Errorf("%s: written twice in one transaction", f.Path)
		}
		seen[target] = true
		e := entry{Target: target, Delete: f.Delete}
		perm, exists := os.FileMode(0o644), false
		stat := os.Stat
		if f.Delete {
			stat = os.Lstat
		}
		switch fi, err := stat(target); {
		case err == nil && fi.IsDir() && f.Delete:
			return fmt.Errorf("%s: is a directory; verso deletes only files", f.Path)
		case err == nil && fi.IsDir():
			return fmt.Errorf("%s: is a directory; move it away to write the file", f.Path)
		case err == nil:
			perm, exists = fi.Mode().Perm(), true
		case !os.IsNotExist(err):
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		dir := filepath.Dir(target)
		for d := dir; !f.Delete && !slices.Contains(newDirs, d); d = filepath.Dir(d) {
			if _, err := os.Lstat(d); err == nil || d == filepath.Dir(d) {
				break
			}
			newDirs = append(newDirs, d)
		}
		if !f.Delete {
			if e.Temp, err = freeName(dir, filepath.Base(target), "tmp"); err != nil {
				return err
			}
		}
		if exists {
			if e.Backup, err = freeName(dir, filepath.Base(target), "old"); err != nil {
				return err
			}
		}
		t.abs = append(t.abs, e)
		t.perm = append(t.perm, perm)
		t.exists = append(t.exists, exists)
	}
	slices.SortFunc(newDirs, func(a, b string) int { return len(a) - len(b) }) // parents first
	t.j.Dirs = newDirs
	t.j.Files = make([]entry, len(t.abs))
	for i, e := range t.abs {
		t.j.Files[i] = entry{Target: t.rel(e.Target), Temp: t.rel(e.Temp), Backup: t.rel(e.Backup), Delete: e.Delete}
	}
	for i, d := range t.j.Dirs {
		t.j.Dirs[i] = t.rel(d)
	}
	return nil
}

// rel returns p relative to the root when it is inside it.
func (t *tx) rel(p string) string {
	if p == "" {
		return ""
	}
	return relTo(t.root, p)
}

func relTo(root, p string) string {
	r, err := filepath.Rel(absRoot(root), absRoot(p))
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return absRoot(p)
	}
	return filepath.ToSlash(r)
}

// resolveLink follows p while it is a symbolic link and returns the path
// of the file it finally names (which need not exist).
func resolveLink(p string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return p, nil
		}
		to, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(p), to)
		}
		p = to
	}
	return "", errors.New("too many levels of symbolic links")
}

// tempPrefix and the kinds "tmp" and "old" make the names of temporary
// files and backups: .NAME.verso-tmp-PID-RANDOM.
const tempPrefix = ".verso-"

// freeName returns a name for a temporary file or backup of base in dir
// that is not taken.
func freeName(dir, base, kind string) (string, error) {
	if len(base) > 200 {
		base = base[:200]
	}
	for range 10 {
		var r [6]byte
		rand.Read(r[:])
		p := filepath.Join(dir, fmt.Sprintf(".%s%s%s-%d-%s", base, tempPrefix, kind, os.Getpid(), hex.EncodeToString(r[:])))
		if _, err := os.Lstat(p); os.IsNotExist(err) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: no free name for a temporary file", dir)
}

// stage writes the staging journal and the temporary files.
func (t *tx) stage() error {
	if err := t.saveJournal(); err != nil {
		return err
	}
	for _, d := range t.j.Dirs {
		if err := mkdir(t.abs1(d)); err != nil && !os.IsExist(err) {
			return fileError(d, "cannot create the directory", err)
		}
	}
	for i, e := range t.abs {
		if interrupted.Load() {
			return ErrInterrupted
		}
		if e.Delete {
			continue
		}
		if err := writeFile(e.Temp, t.files[i].Data, t.perm[i]); err != nil {
			return fileError(t.files[i].Path, "cannot write the new content beside it", err)
		}
	}
	return nil
}

// abs1 makes a journal path absolute.
func (t *tx) abs1(p string) string { return absPath(t.root, p) }

func absPath(root, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, filepath.FromSlash(p))
}

// verify checks the bases, records the hashes and makes the backups.
func (t *tx) verify() error {
	for i, e := range t.abs {
		f := t.files[i]
		cur, exists, err := hashFile(e.Target)
		if err != nil {
			return fileError(f.Path, "cannot be read", err)
		}
		if f.Check && (exists != (f.Base != nil) || exists && cur != hash(f.Base)) {
			return &ChangedError{Path: f.Path}
		}
		if exists != t.exists[i] {
			// It appeared or went since planning: the backup name is wrong.
			return &ChangedError{Path: f.Path}
		}
		t.j.Files[i].Before = cur
		if !f.Delete {
			t.j.Files[i].After = hash(f.Data)
		}
	}
	for i, e := range t.abs {
		if e.Backup == "" {
			continue
		}
		if err := link(e.Target, e.Backup); err != nil {
			if interrupted.Load() || !canCopy(err) {
				return fileError(t.files[i].Path, "cannot be backed up beside it", err)
			}
			if err := copyFile(e.Target, e.Backup, t.perm[i]); err != nil {
				return fileError(t.files[i].Path, "cannot be backed up beside it", err)
			}
		}
	}
	for _, d := range t.dirs() {
		if err := syncDir(d); err != nil {
			return fileError(t.rel(d), "cannot be synced to disk", err)
		}
	}
	if interrupted.Load() {
		return ErrInterrupted
	}
	return nil
}

// canCopy reports whether a failed hard link is worth a copy: the file
// system does not do links, or the file may not be linked (an immutable
// file, a link count at its limit).
func canCopy(err error) bool {
	var pe *os.PathError
	if errors.As(err, &pe) && pe.Op == string(OpLink) {
		return false // an injected fault stands for the real link failing
	}
	return true
}

// dirs returns the directories of the targets, once each.
func (t *tx) dirs() []string {
	var ds []string
	for _, e := range t.abs {
		if d := filepath.Dir(e.Target); !slices.Contains(ds, d) {
			ds = append(ds, d)
		}
	}
	return ds
}

// fileError describes a failed step on the file the user named (never
// on a temporary file, whose name means nothing to the user), keeping the
// system's error for errors.Is.
func fileError(path, what string, err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		err = errno
	}
	return fmt.Errorf("%s: %s: %w", path, what, err)
}

func hash(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// commit passes the commit point and renames the files into place.
func (t *tx) commit() error {
	t.j.State = stateCommit
	if err := t.saveJournal(); err != nil {
		return t.abandon(err)
	}
	for i, e := range t.abs {
		switch {
		case !e.Delete:
			if err := rename(e.Temp, e.Target); err != nil {
				return t.rollback(i, fileError(t.files[i].Path, "cannot be replaced", err))
			}
		case e.Backup != "": // a file to delete that exists
			if err := remove(e.Target); err != nil && !os.IsNotExist(err) {
				return t.rollback(i, fileError(t.files[i].Path, "cannot be deleted", err))
			}
		}
	}
	var err error
	for _, d := range t.dirs() {
		if serr := syncDir(d); err == nil && serr != nil {
			err = fileError(t.rel(d), "cannot be synced to disk", serr)
		}
	}
	for _, e := range t.abs {
		if e.Backup != "" {
			if rerr := remove(e.Backup); err == nil && rerr != nil && !os.IsNotExist(rerr) {
				err = rerr
			}
		}
	}
	if err == nil {
		err = t.removeJournal()
	}
	if err != nil {
		return &IncompleteError{Err: err, Detail: "every file was written; the next verso command will finish cleaning up"}
	}
	return nil
}

// rollback undoes the first n renames after a failure, and removes what
// was staged.
func (t *tx) rollback(n int, cause error) error {
	t.j.State = stateRollback
	jerr := t.saveJournal()
	var failed []string
	for i := n - 1; i >= 0; i-- {
		e := t.abs[i]
		var err error
		switch {
		case e.Backup != "":
			err = rename(e.Backup, e.Target)
		case !e.Delete:
			err = remove(e.Target)
		}
		if err != nil {
			failed = append(failed, t.files[i].Path)
		}
	}
	if len(failed) > 0 {
		if jerr != nil {
			return &IncompleteError{Err: cause, Detail: fmt.Sprintf("%s could not be restored (%v), and the journal could not record it (%v)", strings.Join(failed, ", "), failed, jerr)}
		}
		return &IncompleteError{Err: cause, Detail: fmt.Sprintf("%s could not be restored yet; the next verso command restores %s from the journal", strings.Join(failed, ", "), pronoun(len(failed)))}
	}
	return t.abandon(cause)
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// abandon removes everything staged and the journal after a failure
// before or instead of the renames, and returns cause. If the cleanup
// fails, the journal stays for the next Recover.
func (t *tx) abandon(cause error) error {
	if t.cleanup() == nil {
		t.removeJournal()
	}
	return cause
}

// cleanup removes the temporary files, backups and created directories
// that exist.
func (t *tx) cleanup() error {
	var err error
	for _, e := range t.abs {
		for _, p := range []string{e.Temp, e.Backup} {
			if p == "" {
				continue
			}
			if rerr := remove(p); rerr != nil && !os.IsNotExist(rerr) && err == nil {
				err = rerr
			}
		}
	}
	for _, d := range slices.Backward(t.j.Dirs) {
		if rerr := remove(t.abs1(d)); rerr != nil && !os.IsNotExist(rerr) && err == nil && isEmptyDir(t.abs1(d)) {
			err = rerr
		}
	}
	return err
}

func isEmptyDir(p string) bool {
	es, err := os.ReadDir(p)
	return err == nil && len(es) == 0
}
