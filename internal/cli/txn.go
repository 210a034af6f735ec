package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"verso/internal/project"
	"verso/internal/txn"
)

// lock takes the repository lock as a command needs it (see access) and
// first resolves an interrupted write found in the repository (package
// txn). It returns the function that releases the lock.
func (e *env) lock(c *command) (release func(), err error) {
	release = func() {}
	if !isRepository(e.dir) {
		return release, nil
	}
	timeout, err := e.lockTimeout()
	if err != nil {
		return nil, &usageError{err}
	}
	var l *txn.Lock
	if c.access == writes {
		l, err = txn.Acquire(e.dir, c.name, timeout, e.waiting)
	} else if l, err = txn.TryAcquire(e.dir, c.name); l == nil && err == nil && txn.Pending(e.dir) {
		// A reader reads without the lock, unless an interrupted write
		// must be resolved first; it cleans up when the lock is free.
		l, err = txn.Acquire(e.dir, c.name, timeout, e.waiting)
	}
	if err != nil || l == nil {
		return release, err
	}
	report, err := txn.Recover(e.dir, recoveryDirs(e.dir))
	for _, line := range report {
		fmt.Fprintln(e.stderr, line)
	}
	if err != nil || c.access != writes {
		l.Release()
		return release, err
	}
	return l.Release, nil
}

// runWriting runs a command. One that writes runs once more, on the
// repository as it is then, if its write failed because a file changed
// since the command read it (another program saved it); only the output
// of the last run is shown (each run's output is kept until it ends, in
// the order written).
func (e *env) runWriting(ctx context.Context, c *command, run runFunc, args []string) error {
	if c.access != writes {
		return run(ctx, e, args)
	}
	for attempt := 0; ; attempt++ {
		rec := &recorder{}
		r := *e
		r.stdout, r.stderr = recStream{rec, false}, recStream{rec, true}
		err := run(ctx, &r, args)
		var ce *txn.ChangedError
		if errors.As(err, &ce) && attempt == 0 {
			fmt.Fprintf(e.stderr, "verso: %s changed while verso was working; reading the repository again\n", ce.Path)
			continue
		}
		rec.replay(e.stdout, e.stderr)
		e.diags = r.diags
		return err
	}
}

// recorder keeps what a command writes to its stdout and stderr, in order.
type recorder struct {
	mu     sync.Mutex
	chunks []chunk
}

type chunk struct {
	stderr bool
	data   []byte
}

// recStream is one of the recorder's streams.
type recStream struct {
	r      *recorder
	stderr bool
}

func (s recStream) Write(b []byte) (int, error) {
	s.r.mu.Lock()
	s.r.chunks = append(s.r.chunks, chunk{s.stderr, slices.Clone(b)})
	s.r.mu.Unlock()
	return len(b), nil
}

func (r *recorder) replay(stdout, stderr io.Writer) {
	for _, c := range r.chunks {
		if c.stderr {
			stderr.Write(c.data)
		} else {
			stdout.Write(c.data)
		}
	}
}

// waiting says that the command waits for the lock another verso holds.
func (e *env) waiting(holder string) {
	if holder == "" {
		holder = "pid unknown"
	}
	fmt.Fprintf(e.stderr, "verso: waiting for another verso (%s) to finish…\n", holder)
}

// writeLocked writes the files of a command that did not take the lock for
// its run (publish): it takes it for the write alone, waiting as lock
// does.
func (e *env) writeLocked(root, label string, files []project.File) error {
	if len(files) == 0 {
		return nil
	}
	timeout, err := e.lockTimeout()
	if err != nil {
		return err
	}
	l, err := txn.Acquire(root, label, timeout, e.waiting)
	if err != nil {
		return err
	}
	defer l.Release()
	return project.WriteFiles(root, files)
}

// isRepository reports whether dir looks like a verso repository, so that
// no .verso directory is made elsewhere.
func isRepository(dir string) bool {
	for _, name := range []string{project.ConfigFile, "sources"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// recoveryDirs are the directories where verso writes, and where older
// versions, without a journal, may have left temporary files: the
// sources, the translations, the workbooks and the editions.
func recoveryDirs(root string) []string {
	cfg, err := project.LoadConfig(root)
	if err != nil {
		cfg = project.DefaultConfig() // the command reports the configuration's problems
	}
	dirs := []string{cfg.Sources, cfg.Translations, "sheets"}
	if !filepath.IsAbs(cfg.Publish.Output) {
		dirs = append(dirs, cfg.Publish.Output)
	}
	return dirs
}

// lockTimeout is --lock-timeout, else VERSO_LOCK_TIMEOUT, else the
// default: a Go duration (90s, 2m) or a number of seconds.
func (e *env) lockTimeout() (time.Duration, error) {
	s, what := e.lockWait, "--lock-timeout"
	if s == "" {
		s, what = e.getenv("VERSO_LOCK_TIMEOUT"), "VERSO_LOCK_TIMEOUT"
	}
	if s == "" {
		return txn.DefaultTimeout, nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 0 {
		return time.Duration(n * float64(time.Second)), nil
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return d, nil
	}
	return 0, fmt.Errorf("%s %q: want a duration such as 90s or 2m, or a number of seconds", what, s)
}

// outputWriter remembers the first error writing to the output, so that a
// closed pipe (verso sync | head) does not stop a command before it has
// written its files; the error is looked at when the command is done.
type outputWriter struct {
	w   io.Writer
	err error
}

func (o *outputWriter) Write(b []byte) (int, error) {
	if o.err != nil {
		return len(b), nil // already reported; keep the command going
	}
	n, err := o.w.Write(b)
	if err != nil {
		o.err = err
		return len(b), nil
	}
	return n, nil
}

// outputError returns the exit code for a command that returned code and
// whose standard output failed with err: a closed pipe is the reader's
// choice and changes nothing; any other failure (a full disk) is reported
// and is exit 2.
func outputError(stderr io.Writer, code int, err error) int {
	if err == nil || errors.Is(err, syscall.EPIPE) {
		return code
	}
	fmt.Fprintf(stderr, "verso: writing the output: %v\n", err)
	return max(code, ExitUsage)
}

var (
	signalsOnce sync.Once
	caught      atomic.Int32 // the exit code for the signal that came, or 0
)

// handleSignals makes the process safe to interrupt: a write to a closed
// pipe returns an error (EPIPE) instead of killing the process, and
// SIGINT, SIGTERM and SIGHUP end it only when no write is half done
// (txn.Hold), with the exit code of the signal (128+N).
func handleSignals() {
	signalsOnce.Do(func() {
		signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
		go func() {
			sig := int32(128 + (<-stop).(syscall.Signal))
			caught.Store(sig)
			txn.Hold()
			os.Exit(int(sig))
		}()
	})
}
