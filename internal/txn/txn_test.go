package txn

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"verso/internal/testenv"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// memDir is t.TempDir, in memory (/dev/shm) where there is one: the tests
// that fail or stop a commit at every step wait for the disk otherwise.
func memDir(t *testing.T) string {
	dir, err := os.MkdirTemp("/dev/shm", "verso-txn-test-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// fixture is a repository with two files to replace, one to create in a
// new directory, a symbolic link to write through, and a file to delete.
func fixture(t *testing.T) (root string, files []File) { return fixtureIn(t, memDir(t)) }

func fixtureIn(t *testing.T, root string) (string, []File) {
	write(t, root, map[string]string{
		"translations/a.ru.toml":       "old a",
		"translations/a.ru.review.tsv": "old review",
		"shared/b.ru.toml":             "old b",
		"translations/gone.ru.toml":    "old gone",
	})
	if err := os.Symlink("../shared/b.ru.toml", filepath.Join(root, "translations", "b.ru.toml")); err != nil {
		t.Fatal(err)
	}
	files := []File{
		{Path: "translations/a.ru.toml", Data: []byte("new a"), Check: true, Base: []byte("old a")},
		{Path: "translations/a.ru.review.tsv", Data: []byte("new review"), Check: true, Base: []byte("old review")},
		{Path: "translations/b.ru.toml", Data: []byte("new b"), Check: true, Base: []byte("old b")},
		{Path: "sheets/new/c.xlsx", Data: []byte("new c")},
		{Path: "translations/gone.ru.toml", Delete: true, Check: true, Base: []byte("old gone")},
	}
	return root, files
}

func TestCommitWritesEveryFileAndLeavesNothingElse(t *testing.T) {
	root, files := fixtureIn(t, t.TempDir()) // on the disk, not in memory
	os.Chmod(filepath.Join(root, "translations", "a.ru.toml"), 0o600)
	if err := Commit(root, files); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"translations/":                "",
		"translations/a.ru.toml":       "new a",
		"translations/a.ru.review.tsv": "new review",
		"translations/b.ru.toml":       "-> ../shared/b.ru.toml",
		"shared/":                      "",
		"shared/b.ru.toml":             "new b",
		"sheets/":                      "",
		"sheets/new/":                  "",
		"sheets/new/c.xlsx":            "new c",
	}
	if got := testenv.Tree(t, root); !maps.Equal(got, want) {
		t.Errorf("after the commit:\n%v\nwant\n%v", got, want)
	}
	if fi, _ := os.Stat(filepath.Join(root, "translations", "a.ru.toml")); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the file's own 0600", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(filepath.Join(root, "sheets", "new", "c.xlsx")); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", fi.Mode().Perm())
	}
}

func TestCommitRefusesAFileChangedSinceRead(t *testing.T) {
	root, files := fixture(t)
	write(t, root, map[string]string{"translations/a.ru.review.tsv": "edited by hand"})
	before := testenv.Tree(t, root)
	err := Commit(root, files)
	var ce *ChangedError
	if !errors.As(err, &ce) || ce.Path != "translations/a.ru.review.tsv" {
		t.Fatalf("got %v, want a ChangedError naming translations/a.ru.review.tsv", err)
	}
	if got := testenv.Tree(t, root); !maps.Equal(got, before) {
		t.Errorf("a refused commit changed the tree:\n%v\nwant\n%v", got, before)
	}
	// A file that should not exist yet, and does.
	write(t, root, map[string]string{"translations/a.ru.review.tsv": "old review", "x/new": "there"})
	err = Commit(root, []File{{Path: "x/new", Data: []byte("y"), Check: true}})
	if !errors.As(err, &ce) || ce.Path != "x/new" {
		t.Fatalf("got %v, want a ChangedError naming x/new", err)
	}
}

// steps counts the steps of a commit of the fixture.
func steps(t *testing.T) int {
	root, files := fixture(t)
	n := 0
	defer Inject(func(Op, string) error { n++; return nil })()
	if err := Commit(root, files); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEveryFailingStepLeavesBeforeOrAfter fails each step of a commit in
// turn (every write, sync, close, link, rename and remove): the tree is
// then exactly as before or, for a failure after the commit point, as
// after; anything left over (a journal whose cleanup failed) is resolved
// by the next Recover, which leaves the tree as after.
func TestEveryFailingStepLeavesBeforeOrAfter(t *testing.T) {
	n := steps(t)
	if n < 30 {
		t.Fatalf("only %d steps", n)
	}
	root, files := fixture(t)
	before := testenv.Tree(t, root)
	if err := Commit(root, files); err != nil {
		t.Fatal(err)
	}
	after := testenv.Tree(t, root)
	befores, afters := 0, 0
	for k := 1; k <= n; k++ {
		root, files := fixture(t)
		var failed string
		i := 0
		remove := Inject(func(op Op, p string) error {
			if i++; i == k {
				failed = fmt.Sprintf("%s %s", op, p)
				return syscall.EIO
			}
			return nil
		})
		err := Commit(root, files)
		remove()
		if err == nil && !strings.HasPrefix(failed, "syncdir") {
			// Only a failing directory sync after the journal's removal
			// goes unreported: everything is written.
			t.Errorf("step %d (%s): commit succeeded", k, failed)
		}
		got := testenv.Tree(t, root)
		var inc *IncompleteError
		if errors.As(err, &inc) {
			if _, err := Recover(root, []string{"translations", "shared", "sheets/new"}); err != nil {
				t.Errorf("step %d (%s): recover: %v", k, failed, err)
			}
			got = testenv.Tree(t, root)
		}
		switch {
		case maps.Equal(got, before):
			befores++
		case maps.Equal(got, after):
			afters++
		default:
			t.Errorf("step %d (%s): error %v; tree neither before nor after:\n%v", k, failed, err, got)
		}
	}
	t.Logf("%d steps failed in turn: %d left the tree as before, %d as after, 0 in between", n, befores, afters)
	if befores == 0 || afters == 0 {
		t.Errorf("%d before, %d after: some step should fail each way", befores, afters)
	}
}

// TestCrashAtEveryStepIsRecovered stops a commit dead at each step in
// turn, as a SIGKILL would (no cleanup of any kind runs), then recovers:
// the tree is exactly as before or as after, with nothing left over, and
// Recover says what it did.
func TestCrashAtEveryStepIsRecovered(t *testing.T) {
	n := steps(t)
	root, files := fixture(t)
	before := testenv.Tree(t, root)
	Commit(root, files)
	after := testenv.Tree(t, root)
	outcomes := map[string]int{}
	for k := 1; k <= n; k++ {
		root, files := fixture(t)
		var at string
		i := 0
		remove := Inject(func(op Op, p string) error {
			if i++; i == k {
				at = fmt.Sprintf("%s %s", op, p)
				runtime.Goexit() // the process dies here
			}
			return nil
		})
		done := make(chan struct{})
		go func() {
			defer close(done)
			Commit(root, files)
		}()
		<-done
		remove()
		report, err := Recover(root, []string{"translations", "shared", "sheets/new"})
		if err != nil {
			t.Fatalf("crash at step %d (%s): recover: %v", k, at, err)
		}
		got := testenv.Tree(t, root)
		switch {
		case maps.Equal(got, before):
			outcomes["before"]++
		case maps.Equal(got, after):
			outcomes["after"]++
		default:
			t.Errorf("crash at step %d (%s): after recovery neither before nor after:\n%v\nreport: %q", k, at, got, report)
		}
		for _, line := range report {
			switch {
			case strings.HasPrefix(line, "verso: completed an interrupted write of 5 files (write, pid "):
				outcomes["completed"]++
			case strings.HasPrefix(line, "verso: cleaned up an interrupted write of 5 files"):
				outcomes["cleaned up"]++
			case strings.HasPrefix(line, "verso: removed "):
				outcomes["stray removed"]++
			default:
				t.Errorf("crash at step %d (%s): report %q", k, at, line)
			}
		}
	}
	t.Logf("crashed at each of %d steps: %v", n, outcomes)
	if outcomes["completed"] == 0 || outcomes["cleaned up"] == 0 {
		t.Errorf("outcomes %v: want some completed and some cleaned up", outcomes)
	}
}

// TestRecoverRollsBackWhenAFileChangedAfterTheCrash: a commit stopped after
// its first rename, then a hand edit of a file it had not yet replaced:
// completing would overwrite the edit, so the write is rolled back and the
// edit kept.
func TestRecoverRollsBackWhenAFileChangedAfterTheCrash(t *testing.T) {
	root, files := fixture(t)
	renames := 0
	remove := Inject(func(op Op, p string) error {
		if op == OpRename && !strings.Contains(p, Dir) {
			if renames++; renames == 2 {
				runtime.Goexit()
			}
		}
		return nil
	})
	done := make(chan struct{})
	go func() { defer close(done); Commit(root, files) }()
	<-done
	remove()
	write(t, root, map[string]string{"translations/a.ru.review.tsv": "edited after the crash"})
	report, err := Recover(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(report) != 1 || !strings.Contains(report[0], "rolled back an interrupted write of 5 files") || !strings.Contains(report[0], "left as they are: translations/a.ru.review.tsv") {
		t.Errorf("report %q", report)
	}
	want := map[string]string{
		"translations/":                "",
		"translations/a.ru.toml":       "old a",
		"translations/a.ru.review.tsv": "edited after the crash",
		"translations/b.ru.toml":       "-> ../shared/b.ru.toml",
		"translations/gone.ru.toml":    "old gone",
		"shared/":                      "",
		"shared/b.ru.toml":             "old b",
	}
	if got := testenv.Tree(t, root); !maps.Equal(got, want) {
		t.Errorf("after recovery:\n%v\nwant\n%v", got, want)
	}
}

func TestRecoverRemovesStrayTemporaryFiles(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"translations/x.ru.toml":                            "kept",
		"translations/.x.ru.toml.tmp123456":                 "left by verso before transactions",
		"translations/.x.ru.toml.verso-tmp-77-00aa11bb22cc": "left without a journal",
		"translations/.notes.txt.tmp1":                      "not verso's",
	})
	report, err := Recover(root, []string{"translations"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"verso: removed translations/.x.ru.toml.tmp123456, a temporary file left by an interrupted verso",
		"verso: removed translations/.x.ru.toml.verso-tmp-77-00aa11bb22cc, a temporary file left by an interrupted verso",
	}
	if strings.Join(report, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(report, "\n"), strings.Join(want, "\n"))
	}
	if got := testenv.Tree(t, root); len(got) != 3 || got["translations/.notes.txt.tmp1"] == "" {
		t.Errorf("left: %v", got)
	}
}

func TestRecoverRefusesADamagedJournal(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{".verso/journal": "{\"version\": 1, \"state\": "})
	_, err := Recover(root, nil)
	if err == nil || !strings.HasPrefix(err.Error(), ".verso/journal: unreadable journal of an interrupted write") {
		t.Errorf("got %v", err)
	}
}

func TestLockTimesOutNamingTheHolder(t *testing.T) {
	root := t.TempDir()
	l, err := Acquire(root, "sheet import", DefaultTimeout, nil)
	if err != nil || l == nil {
		t.Fatalf("acquire: %v %v", l, err)
	}
	defer l.Release()
	if other, err := TryAcquire(root, "sync"); other != nil || err != nil {
		t.Fatalf("second lock taken while held: %v %v", other, err)
	}
	var waited string
	_, err = Acquire(root, "sync", 50e6, func(h string) { waited = h })
	holder := fmt.Sprintf("pid %d, command sheet import", os.Getpid())
	var te *TimeoutError
	if !errors.As(err, &te) || te.Holder != holder || waited != holder {
		t.Fatalf("got %v (waited for %q), want a timeout naming %q", err, waited, holder)
	}
	l.Release()
	l2, err := TryAcquire(root, "sync")
	if l2 == nil || err != nil {
		t.Fatalf("lock not free after release: %v", err)
	}
	l2.Release()
}

func TestCommitIntoANewDirectory(t *testing.T) {
	root := filepath.Join(t.TempDir(), "new", "repo")
	if err := Commit(root, []File{{Path: "sources/a.txt", Data: []byte("a")}}); err != nil {
		t.Fatal(err)
	}
	if got := testenv.Tree(t, root); !maps.Equal(got, map[string]string{"sources/": "", "sources/a.txt": "a"}) {
		t.Errorf("got %v", got)
	}
}

// TestDeleteRefusesAChangedFileAndRemovesALinkItself: a deletion whose file
// changed since it was read is refused with nothing done; a symbolic link
// is deleted itself, the file it names kept; a file already gone is
// nothing to do.
func TestDeleteRefusesAChangedFileAndRemovesALinkItself(t *testing.T) {
	root, _ := fixture(t)
	before := testenv.Tree(t, root)
	err := Commit(root, []File{
		{Path: "translations/a.ru.toml", Delete: true, Check: true, Base: []byte("old a")},
		{Path: "translations/gone.ru.toml", Delete: true, Check: true, Base: []byte("what was read")},
	})
	var ce *ChangedError
	if !errors.As(err, &ce) || ce.Path != "translations/gone.ru.toml" {
		t.Fatalf("got %v, want a ChangedError naming translations/gone.ru.toml", err)
	}
	if got := testenv.Tree(t, root); !maps.Equal(got, before) {
		t.Errorf("a refused deletion changed the tree:\n%v\nwant\n%v", got, before)
	}
	if err := Commit(root, []File{{Path: "translations/b.ru.toml", Delete: true}, {Path: "translations/never.ru.toml", Delete: true}}); err != nil {
		t.Fatal(err)
	}
	want := maps.Clone(before)
	delete(want, "translations/b.ru.toml")
	if got := testenv.Tree(t, root); !maps.Equal(got, want) {
		t.Errorf("after deleting the link:\n%v\nwant\n%v", got, want)
	}
	if err := Commit(root, []File{{Path: "shared", Delete: true}}); err == nil || !strings.Contains(err.Error(), "shared: is a directory") {
		t.Errorf("deleting a directory: %v", err)
	}
}
