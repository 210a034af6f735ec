package txn

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sync/atomic"
)

// Op names a step of a transaction that touches the disk.
type Op string

// The steps, as passed to the fault hook.
const (
	OpMkdir   Op = "mkdir"   // create a directory
	OpCreate  Op = "create"  // create a temporary file
	OpWrite   Op = "write"   // write a temporary file's content
	OpSync    Op = "sync"    // fsync a file
	OpChmod   Op = "chmod"   // set a temporary file's permissions
	OpClose   Op = "close"   // close a file
	OpRead    Op = "read"    // read a target to verify it
	OpLink    Op = "link"    // hard-link a target to its backup
	OpRename  Op = "rename"  // rename a file
	OpRemove  Op = "remove"  // remove a file or an empty directory
	OpSyncDir Op = "syncdir" // fsync a directory
)

var hook atomic.Pointer[func(Op, string) error]

// Inject installs f as the fault hook: every step of every transaction and
// of every recovery first calls f with the step and the path it works on,
// and fails with f's error when that is not nil, as if the system call had
// failed. Tests use it to fail each step in turn, or to slow steps down.
// It returns a function that removes the hook. There is no hook by default.
func Inject(f func(op Op, path string) error) (remove func()) {
	hook.Store(&f)
	return func() { hook.Store(nil) }
}

// step calls the fault hook.
func step(op Op, path string) error {
	if f := hook.Load(); f != nil {
		if err := (*f)(op, path); err != nil {
			return &os.PathError{Op: string(op), Path: path, Err: err}
		}
	}
	return nil
}

// The file system operations of a transaction, each behind the hook.

func mkdir(p string) error {
	if err := step(OpMkdir, p); err != nil {
		return err
	}
	return os.Mkdir(p, 0o755)
}

func rename(from, to string) error {
	if err := step(OpRename, to); err != nil {
		return err
	}
	return os.Rename(from, to)
}

func remove(p string) error {
	if err := step(OpRemove, p); err != nil {
		return err
	}
	return os.Remove(p)
}

func link(from, to string) error {
	if err := step(OpLink, to); err != nil {
		return err
	}
	return os.Link(from, to)
}

// hashFile returns the SHA-256 of a file's content, streamed; exists is
// false when there is no file.
func hashFile(p string) (sum string, exists bool, err error) {
	if err := step(OpRead, p); err != nil {
		return "", false, err
	}
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", false, err
	}
	return hex.EncodeToString(h.Sum(nil)), true, nil
}

// writeFile creates p (which must not exist), writes data, syncs it, sets
// its permissions and closes it. A file left half written is removed.
func writeFile(p string, data []byte, perm os.FileMode) error {
	if err := step(OpCreate, p); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = step(OpWrite, p)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		if err = step(OpSync, p); err == nil {
			err = f.Sync()
		}
	}
	if err == nil {
		if err = step(OpChmod, p); err == nil {
			err = f.Chmod(perm)
		}
	}
	if cerr := step(OpClose, p); err == nil && cerr != nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
	}
	return err
}

// copyFile copies from to the new file to, synced: the backup of a target
// that cannot be hard-linked.
func copyFile(from, to string, perm os.FileMode) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	data, err := io.ReadAll(src)
	if err != nil {
		return err
	}
	return writeFile(to, data, perm)
}

// syncDir fsyncs a directory, so that the names created, renamed or
// removed in it are on the disk.
func syncDir(p string) error {
	if err := step(OpSyncDir, p); err != nil {
		return err
	}
	d, err := os.Open(p)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
