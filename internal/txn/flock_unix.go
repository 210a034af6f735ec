//go:build unix

package txn

import (
	"errors"
	"os"
	"syscall"
)

// errBusy is tryLock's error when another process holds the lock.
var errBusy = errors.New("lock held by another process")

// tryLock takes an exclusive flock(2) on f without waiting.
func tryLock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errBusy
		}
		return err
	}
}
