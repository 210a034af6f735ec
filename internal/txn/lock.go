package txn

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Dir is the directory, under the repository root, of the lock and the
// journal.
const Dir = ".verso"

// DefaultTimeout is how long [Acquire] waits for another process by
// default.
const DefaultTimeout = 60 * time.Second

// Lock is the repository lock, held by this process.
type Lock struct {
	f       *os.File
	root    string
	command string
	refs    int // the holders: the command, and commits running; guarded by held
}

// TimeoutError is returned by [Acquire] when the lock is still held by
// another process after the timeout.
type TimeoutError struct {
	Holder  string // "pid N, command C", or "" when unknown
	Timeout time.Duration
}

func (e *TimeoutError) Error() string {
	who := "another verso"
	if e.Holder != "" {
		who += " (" + e.Holder + ")"
	}
	return fmt.Sprintf("%s still holds the repository lock after %s; wait for it to finish and run the command again, or allow more time with --lock-timeout or VERSO_LOCK_TIMEOUT", who, e.Timeout)
}

// held maps the absolute root of each repository this process holds the
// lock of to its lock, so that a commit knows the lock is held and by
// which command.
var held struct {
	sync.Mutex
	m map[string]*Lock
}

func absRoot(root string) string {
	if a, err := filepath.Abs(root); err == nil {
		return a
	}
	return root
}

// Acquire takes the lock of the repository at root for command, waiting up
// to timeout while another process holds it; waiting, when not nil, is
// called once, with the holder ("pid N, command C"), when the lock is not
// free at once. Without a .verso directory one is created. Where none can
// be created (a read-only repository, which no transaction can change
// either), Acquire returns a nil lock and no error.
func Acquire(root, command string, timeout time.Duration, waiting func(holder string)) (*Lock, error) {
	f, err := openLock(root)
	if f == nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		err := tryLock(f)
		if err == nil {
			return register(f, root, command), nil
		}
		if !errors.Is(err, errBusy) {
			f.Close()
			return nil, fmt.Errorf("%s: %w", filepath.Join(Dir, "lock"), err)
		}
		if waiting != nil {
			waiting(holder(f))
			waiting = nil
		}
		if !time.Now().Before(deadline) {
			h := holder(f)
			f.Close()
			return nil, &TimeoutError{Holder: h, Timeout: timeout}
		}
		time.Sleep(min(wait, time.Until(deadline)+time.Millisecond))
	}
}

// TryAcquire is [Acquire] without waiting: it returns a nil lock when
// another process holds it, or when the repository has no .verso
// directory (no verso ever wrote in it, so there is nothing to resolve).
func TryAcquire(root, command string) (*Lock, error) {
	if _, err := os.Stat(filepath.Join(root, Dir)); err != nil {
		return nil, nil
	}
	f, err := openLock(root)
	if f == nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errBusy) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %w", filepath.Join(Dir, "lock"), err)
	}
	return register(f, root, command), nil
}

// openLock opens (creating it if need be) the lock file; it returns nil
// and no error when the repository is read-only.
func openLock(root string) (*os.File, error) {
	dir := filepath.Join(root, Dir)
	if _, err := os.Stat(root); os.IsNotExist(err) {
		// A commit into a directory yet to be made (a new repository).
		if err := os.MkdirAll(root, 0o755); err != nil {
			return nil, err
		}
	}
	switch err := os.Mkdir(dir, 0o755); {
	case err == nil:
		// verso's state is no content: keep it out of version control.
		os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("# verso's lock and journal (see verso help); not content\n*\n"), 0o644)
	case errors.Is(err, os.ErrExist):
	case readOnly(err):
		return nil, nil
	default:
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		if readOnly(err) {
			return nil, nil
		}
		return nil, err
	}
	return f, nil
}

func readOnly(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

// register records the lock as held and writes the holder into the file.
func register(f *os.File, root, command string) *Lock {
	l := &Lock{f: f, root: absRoot(root), command: command, refs: 1}
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(fmt.Sprintf("%d %s\n", os.Getpid(), command)), 0)
	}
	held.Lock()
	if held.m == nil {
		held.m = map[string]*Lock{}
	}
	held.m[l.root] = l
	held.Unlock()
	return l
}

// holder reads who holds the lock from the lock file.
func holder(f *os.File) string {
	buf := make([]byte, 256)
	n, _ := f.ReadAt(buf, 0)
	pid, cmd, ok := strings.Cut(strings.TrimSpace(string(buf[:n])), " ")
	if !ok || pid == "" {
		return ""
	}
	return "pid " + pid + ", command " + cmd
}

// Release releases the lock; a commit still running under it keeps it
// until it ends. It may be called on a nil lock.
func (l *Lock) Release() {
	if l == nil {
		return
	}
	held.Lock()
	if l.refs--; l.refs > 0 {
		held.Unlock()
		return
	}
	if held.m[l.root] == l {
		delete(held.m, l.root)
	}
	held.Unlock()
	l.f.Truncate(0) // no holder: a process about to wait must not name this one
	l.f.Close()     // closing the last descriptor releases the flock
}

// retain returns the lock this process holds on the repository, counting
// one more holder, or nil.
func retain(root string) *Lock {
	held.Lock()
	defer held.Unlock()
	l := held.m[absRoot(root)]
	if l != nil {
		l.refs++
	}
	return l
}
