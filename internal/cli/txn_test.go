package cli

import (
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"verso/align"
	"verso/align/msgfile"
	"verso/export/xlsx/xlsxtest"
	"verso/internal/project"
	"verso/internal/txn"
)

// TestMain lets the tests run verso as a child process (the test binary
// itself, with VERSO_TEST_CHILD=1): a process that can be killed, get
// signals and write to a closed pipe. VERSO_TEST_STEP_DELAY slows each
// fsync and rename of a write, so that a kill or an interrupt at a random
// moment often lands in the write phase.
func TestMain(m *testing.M) {
	if os.Getenv("VERSO_TEST_CHILD") == "1" {
		d, err := time.ParseDuration(os.Getenv("VERSO_TEST_STEP_DELAY"))
		notify := os.Getenv("VERSO_TEST_NOTIFY") != "" // fd 3: a byte at the first step of a write
		if err == nil || notify {
			var once sync.Once
			txn.Inject(func(op txn.Op, _ string) error {
				if notify {
					once.Do(func() {
						f := os.NewFile(3, "notify")
						f.Write([]byte{1})
						f.Close()
					})
				}
				if op == txn.OpSync || op == txn.OpRename {
					time.Sleep(d)
				}
				return nil
			})
		}
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// child returns the command that runs verso as a child process.
func child(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(append(os.Environ(), "VERSO_TEST_CHILD=1"), env...)
	return cmd
}

// repoTree returns every file of the repository with its content
// (symbolic links as "-> target", directories as "dir/"), temporary files
// and the journal included, the lock not: the state a write must leave
// exactly as before or as after.
func repoTree(t *testing.T, dir string) map[string]string {
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

// diffTrees describes how got differs from want.
func diffTrees(got, want map[string]string) string {
	var d []string
	for k, v := range got {
		if w, ok := want[k]; !ok {
			d = append(d, "extra "+k)
		} else if w != v {
			d = append(d, "changed "+k)
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			d = append(d, "missing "+k)
		}
	}
	slices.Sort(d)
	return strings.Join(d, ", ")
}

// copyTree copies a repository into a new temporary directory, in memory
// (/dev/shm) where there is one: the tests that write a repository at
// every step of a command wait for the disk otherwise.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(memTempDir(t), "repo")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// importRepo makes a repository of docs documents of paras paragraphs
// each, with a Russian translation of every title, and w.xlsx, the Russian
// workbook with every other segment translated and every third flagged
// for review: importing it replaces a translation file and creates a
// review file per document.
func importRepo(t *testing.T, docs, paras int) string {
	t.Helper()
	files := map[string]string{"verso.toml": "source_language = \"zh-Hans\"\nlocales = [\"ru\"]\n"}
	for d := range docs {
		var b strings.Builder
		fmt.Fprintf(&b, "第%d号文件标题\n", d)
		for p := range paras {
			fmt.Fprintf(&b, "\n第%d号文件的第%d段落。\n", d, p)
		}
		files[fmt.Sprintf("sources/d%02d.txt", d)] = b.String()
	}
	root := miniRepo(t, files)
	mustRun(t, root, 0, "sync")
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range p.Docs {
		s := d.Segments[0]
		tr := msgfile.Marshal("", []align.Translation{{ID: s.ID, Hash: s.Hash, Text: "Заголовок " + d.Name}})
		write(t, root, "translations/"+d.Name+".ru.toml", string(tr))
	}
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "-o", "w.xlsx")
	var sets [][3]string
	for _, d := range p.Docs {
		for i, s := range d.Segments[1:] {
			sets = append(sets, [3]string{s.ID, "F", fmt.Sprintf("Перевод %d абзаца %s.", i, d.Name)})
			if i%3 == 0 {
				sets = append(sets, [3]string{s.ID, "H", "needs-review"})
			}
		}
	}
	fillWorkbook(t, filepath.Join(root, "w.xlsx"), sets)
	return root
}

// memTempDir is t.TempDir, in /dev/shm where there is one.
func memTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("/dev/shm", "verso-test-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func fillWorkbook(t *testing.T, file string, sets [][3]string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err == nil {
		data, err = xlsxtest.SetCells(data, sets)
	}
	if err == nil {
		err = os.WriteFile(file, data, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeCase is a command that writes several files, on a repository made
// by setup.
type writeCase struct {
	name  string
	setup func(t *testing.T) string
	args  []string
}

var writeCases = []writeCase{
	{"sheet import", func(t *testing.T) string { return importRepo(t, 2, 4) }, []string{"sheet", "import", "w.xlsx"}},
	{"align", alignRepo, []string{"align", "--doc", "alpha", "--locale", "ru", "--min-confidence", "0.9995", "--force", "ru.txt"}},
	{"sync", syncRepo, []string{"sync"}},
}

// alignRepo is a repository with a Russian text of its document: aligning
// it replaces the translation file and creates the review file.
func alignRepo(t *testing.T) string {
	root := sheetProject(t)
	write(t, root, "ru.txt", "Образец документа\n\nРаздел первый\n\nПервый абзац текста.\n\nВторой абзац текста.\n\nТретий абзац текста.\n")
	return root
}

// syncRepo is a repository with two edited documents and a new one.
func syncRepo(t *testing.T) string {
	root := sheetProject(t)
	write(t, root, "sources/alpha.txt", "示例文件标题\n\n第一节\n\n第一段落,有修改。\n\n第三段落。\n\n新的段落。\n")
	write(t, root, "sources/beta.txt", "附件\n\n附件第二段。\n")
	write(t, root, "sources/gamma.txt", "另一个文件\n\n其段落。\n")
	return root
}

// beforeAfter returns the tree of the repository before and after the
// command, which must succeed.
func beforeAfter(t *testing.T, template string, args ...string) (before, after map[string]string) {
	t.Helper()
	root := copyTree(t, template)
	before = repoTree(t, root)
	mustRun(t, root, 0, args...)
	after = repoTree(t, root)
	if maps.Equal(before, after) {
		t.Fatalf("verso %s changed nothing", strings.Join(args, " "))
	}
	return before, after
}

// countSteps returns the number of disk steps of the command's write.
func countSteps(t *testing.T, template string, args ...string) int {
	t.Helper()
	root := copyTree(t, template)
	n := 0
	remove := txn.Inject(func(txn.Op, string) error { n++; return nil })
	defer remove()
	mustRun(t, root, 0, args...)
	return n
}

// TestEveryStepOfAWriteFails fails each disk step of a multi-file import,
// align and sync in turn (every write, sync, close, link, rename, remove
// of the transaction): the repository is then exactly as before, with the
// exit code 2 and a message saying nothing was written, or, for a failure
// past the commit point, exactly as after once the next command has run.
// (Issue 10, case 4: before transactions, a failing second rename left
// the first file replaced.)
func TestEveryStepOfAWriteFails(t *testing.T) {
	for _, c := range writeCases {
		t.Run(c.name, func(t *testing.T) {
			template := c.setup(t)
			before, after := beforeAfter(t, template, c.args...)
			n := countSteps(t, template, c.args...)
			befores, afters := 0, 0
			for k := 1; k <= n; k++ {
				root := copyTree(t, template)
				i, at := 0, ""
				remove := txn.Inject(func(op txn.Op, p string) error {
					if i++; i == k {
						at = fmt.Sprintf("%s %s", op, filepath.Base(p))
						return syscall.EIO
					}
					return nil
				})
				code, _, stderr := runVerso(root, c.args...)
				remove()
				got := repoTree(t, root)
				switch {
				case maps.Equal(got, before):
					befores++
					if code != ExitUsage || !strings.Contains(stderr, "input/output error; nothing was written\n") || strings.Contains(stderr, "wrote ") {
						t.Errorf("step %d (%s): nothing written, but exit %d and stderr:\n%s", k, at, code, stderr)
					}
				case !maps.Equal(got, after) || code == 0:
					// A failure past the commit point is finished by
					// the next command.
					mustRun(t, root, 0, "status")
					if got = repoTree(t, root); !maps.Equal(got, after) {
						t.Errorf("step %d (%s): exit %d; after the next command, neither before nor after: %s\n%s", k, at, code, diffTrees(got, after), stderr)
						continue
					}
					afters++
				default:
					afters++
					if !strings.Contains(stderr, "every file was written") {
						t.Errorf("step %d (%s): everything written, but exit %d and stderr:\n%s", k, at, code, stderr)
					}
				}
			}
			t.Logf("%s: %d steps failed in turn: %d left the repository as before, %d as after, 0 in between", c.name, n, befores, afters)
			if befores < n/2 || afters == 0 {
				t.Errorf("%d before, %d after", befores, afters)
			}
		})
	}
}

// TestCrashAtEveryStepOfAWrite stops the command dead at each disk step of
// its write in turn, as a SIGKILL would (nothing of verso runs after it;
// the lock is released as by the kernel at a process's death): the next
// command, a reader, completes or rolls back the write, says so, and the
// repository is exactly as before or after, without a temporary file.
func TestCrashAtEveryStepOfAWrite(t *testing.T) {
	for _, c := range writeCases {
		t.Run(c.name, func(t *testing.T) {
			template := c.setup(t)
			before, after := beforeAfter(t, template, c.args...)
			n := countSteps(t, template, c.args...)
			outcomes := map[string]int{}
			for k := 1; k <= n; k++ {
				root := copyTree(t, template)
				i := 0
				remove := txn.Inject(func(op txn.Op, p string) error {
					if i++; i == k {
						runtime.Goexit()
					}
					return nil
				})
				done := make(chan struct{})
				go func() {
					defer close(done)
					runVerso(root, c.args...)
				}()
				<-done
				remove()
				_, stderr := mustRun(t, root, 0, "status")
				got := repoTree(t, root)
				switch {
				case maps.Equal(got, before) && strings.Contains(stderr, "verso: cleaned up an interrupted write of "):
					outcomes["before, cleaned up"]++
				case maps.Equal(got, before):
					outcomes["before"]++
				case maps.Equal(got, after) && strings.Contains(stderr, "verso: completed an interrupted write of "):
					outcomes["after, completed"]++
				case maps.Equal(got, after):
					outcomes["after"]++
				default:
					t.Errorf("crash at step %d: neither before nor after: %s\n%s", k, diffTrees(got, after), stderr)
				}
			}
			t.Logf("%s: crashed at each of %d steps: %v", c.name, n, outcomes)
			if outcomes["before, cleaned up"] == 0 || outcomes["after, completed"] == 0 {
				t.Errorf("outcomes %v", outcomes)
			}
		})
	}
}

// startNotifying starts the command with a pipe on which the child says
// when its write begins; the returned channel is closed then (or when the
// child exits without writing).
func startNotifying(t *testing.T, cmd *exec.Cmd) (writing <-chan struct{}, err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd.ExtraFiles = []*os.File{w}
	cmd.Env = append(cmd.Env, "VERSO_TEST_NOTIFY=1")
	err = cmd.Start()
	w.Close()
	if err != nil {
		r.Close()
		return nil, err
	}
	ch := make(chan struct{})
	go func() {
		r.Read(make([]byte, 1))
		r.Close()
		close(ch)
	}()
	return ch, nil
}

// TestKilledImportIsBeforeOrAfter kills a large import (10 files) with
// SIGKILL at random moments, 200 times: each time, after the next command
// (a reader), the repository is exactly as before or after the import,
// with no temporary file left. Seven kills in eight are aimed at the write
// phase (the child says when it begins; its writes are slowed by
// VERSO_TEST_STEP_DELAY), the others at the time before it; the test
// counts what the next command reports. Three kills run at a time.
func TestKilledImportIsBeforeOrAfter(t *testing.T) {
	const iterations, workers, files = 200, 3, 10
	template := importRepo(t, files/2, 4)
	before, after := beforeAfter(t, template, "sheet", "import", "w.xlsx")
	env := []string{"VERSO_TEST_STEP_DELAY=1ms"}
	// How long the load and the write phase of an unkilled import take.
	var load, write time.Duration
	for range 3 {
		cmd := child(t, env, "-C", copyTree(t, template), "sheet", "import", "w.xlsx")
		start := time.Now()
		writing, err := startNotifying(t, cmd)
		if err != nil {
			t.Fatal(err)
		}
		<-writing
		began := time.Now()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("import: %v", err)
		}
		load, write = max(load, began.Sub(start)), max(write, time.Since(began))
	}
	type result struct {
		state string
		err   error
	}
	results := make(chan result)
	jobs := make(chan int)
	for range workers {
		go func() {
			for i := range jobs {
				root := copyTree(t, template)
				cmd := child(t, env, "-C", root, "sheet", "import", "w.xlsx")
				writing, err := startNotifying(t, cmd)
				if err != nil {
					results <- result{err: err}
					continue
				}
				if i%8 == 0 {
					time.Sleep(time.Duration(rand.Int64N(int64(load))))
				} else {
					<-writing
					time.Sleep(time.Duration(rand.Int64N(int64(write))))
				}
				cmd.Process.Signal(syscall.SIGKILL)
				killed := cmd.Wait() != nil
				code, _, stderr := runVerso(root, "status")
				got := repoTree(t, root)
				var state string
				switch {
				case code != 0:
					results <- result{err: fmt.Errorf("kill %d: the next command: exit %d\n%s", i, code, stderr)}
					continue
				case maps.Equal(got, before):
					state = "before"
				case maps.Equal(got, after):
					state = "after"
				default:
					results <- result{err: fmt.Errorf("kill %d: neither before nor after: %s\n%s", i, diffTrees(got, after), stderr)}
					continue
				}
				switch {
				case strings.Contains(stderr, fmt.Sprintf("verso: completed an interrupted write of %d files", files)):
					state += ", completed by the next command"
				case strings.Contains(stderr, fmt.Sprintf("verso: cleaned up an interrupted write of %d files", files)):
					state += ", cleaned up by the next command"
				case !killed:
					state += ", not killed"
				}
				results <- result{state: state}
			}
		}()
	}
	go func() {
		for i := range iterations {
			jobs <- i
		}
		close(jobs)
	}()
	outcomes := map[string]int{}
	for range iterations {
		r := <-results
		if r.err != nil {
			t.Error(r.err)
			continue
		}
		outcomes[r.state]++
	}
	t.Logf("%d kills of an import of %d files (load %v, write %v): %v; 0 in between", iterations, files, load.Round(time.Millisecond), write.Round(time.Millisecond), outcomes)
	inWrite := outcomes["before, cleaned up by the next command"] + outcomes["after, completed by the next command"]
	if inWrite < iterations/3 {
		t.Errorf("only %d of %d kills landed in the write phase", inWrite, iterations)
	}
}

// TestConcurrentImportsAndSyncAllLand runs, 50 times, three imports of
// different workbooks (two translators' halves of one document, and
// another document) and a sync of a third document at the same time, as
// separate processes: every translation lands and the record is synced.
// (Issue 10, case 1: without the lock, one of two imports into the same
// file was lost in 20 runs of 20.)
func TestConcurrentImportsAndSyncAllLand(t *testing.T) {
	const rounds = 50
	var b strings.Builder
	b.WriteString("示例文件标题\n")
	for i := range 10 {
		fmt.Fprintf(&b, "\n第%d段落。\n", i)
	}
	template := miniRepo(t, map[string]string{
		"verso.toml":        "source_language = \"zh-Hans\"\nlocales = [\"ru\"]\n",
		"sources/alpha.txt": b.String(),
		"sources/beta.txt":  "附件\n\n附件第一段。\n\n附件第二段。\n",
		"sources/gamma.txt": "另一个文件\n\n其段落。\n",
	})
	mustRun(t, template, 0, "sync")
	mustRun(t, template, 0, "sheet", "export", "--locale", "ru", "-o", "w1.xlsx")
	wb, _ := os.ReadFile(filepath.Join(template, "w1.xlsx"))
	os.WriteFile(filepath.Join(template, "w2.xlsx"), wb, 0o644)
	os.WriteFile(filepath.Join(template, "w3.xlsx"), wb, 0o644)
	p, err := project.Load(template)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{"alpha": {}, "beta": {}} // doc -> ID -> text
	var sets [3][][3]string
	for i, s := range p.Doc("alpha").Segments {
		text := fmt.Sprintf("Абзац %d.", i)
		sets[i%2] = append(sets[i%2], [3]string{s.ID, "F", text}) // alternate rows: each translator half
		want["alpha"][s.ID] = s.Hash + " " + text
	}
	for i, s := range p.Doc("beta").Segments {
		text := fmt.Sprintf("Приложение, абзац %d.", i)
		sets[2] = append(sets[2], [3]string{s.ID, "F", text})
		want["beta"][s.ID] = s.Hash + " " + text
	}
	for i, set := range sets {
		fillWorkbook(t, filepath.Join(template, fmt.Sprintf("w%d.xlsx", i+1)), set)
	}
	waited := 0
	for round := range rounds {
		root := copyTree(t, template)
		write(t, root, "sources/gamma.txt", fmt.Sprintf("另一个文件\n\n其段落。\n\n第%d轮的新段落。\n", round))
		cmds := []*exec.Cmd{
			child(t, nil, "-C", root, "sheet", "import", "w1.xlsx"),
			child(t, nil, "-C", root, "sheet", "import", "w2.xlsx"),
			child(t, nil, "-C", root, "sheet", "import", "w3.xlsx"),
			child(t, nil, "-C", root, "sync"),
		}
		outs := make([]strings.Builder, len(cmds))
		for i, c := range cmds {
			c.Stdout, c.Stderr = &outs[i], &outs[i]
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Fatalf("round %d: %v: %v\n%s", round, c.Args[3:], err, outs[i].String())
			}
			waited += strings.Count(outs[i].String(), "verso: waiting for another verso (pid ")
		}
		for doc, ids := range want {
			got := readMessages(t, root, "translations/"+doc+".ru.toml")
			if !maps.Equal(got, ids) {
				t.Fatalf("round %d: %s.ru.toml holds %d of the %d translations imported:\n%v", round, doc, len(got), len(ids), got)
			}
		}
		if code, _, stderr := runVerso(root, "sync", "--check"); code != 0 {
			t.Fatalf("round %d: the sync was lost: %s", round, stderr)
		}
	}
	t.Logf("%d rounds of 3 imports and a sync at once: 0 translations or records lost; %d waits for the lock", rounds, waited)
	if waited == 0 {
		t.Error("no command ever waited for another: the commands did not overlap")
	}
}

// TestWriterWaitsForTheLockAndTimesOut: a writer waits for another verso,
// saying which, and gives up after --lock-timeout with exit 2, writing
// nothing; once the lock is free it runs.
func TestWriterWaitsForTheLockAndTimesOut(t *testing.T) {
	root := syncRepo(t)
	before := repoTree(t, root)
	l, err := txn.Acquire(root, "sheet import", time.Second, nil)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runVerso(root, "--lock-timeout", "0.2", "sync")
	holder := fmt.Sprintf("pid %d, command sheet import", os.Getpid())
	wantErr := []string{
		"verso: waiting for another verso (" + holder + ") to finish…\n",
		"verso sync: another verso (" + holder + ") still holds the repository lock after 200ms; wait for it to finish and run the command again, or allow more time with --lock-timeout or VERSO_LOCK_TIMEOUT; nothing was written\n",
	}
	if code != ExitUsage || stderr != strings.Join(wantErr, "") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and:\n%s", code, stderr, strings.Join(wantErr, ""))
	}
	if got := repoTree(t, root); !maps.Equal(got, before) {
		t.Errorf("a writer that did not get the lock wrote: %s", diffTrees(got, before))
	}
	// Readers do not wait.
	mustRun(t, root, 0, "status")
	if code, _, stderr := runVerso(root, "--lock-timeout", "soon", "sync"); code != ExitUsage || !strings.Contains(stderr, `--lock-timeout "soon": want a duration such as 90s or 2m, or a number of seconds`) {
		t.Errorf("bad --lock-timeout: exit %d\n%s", code, stderr)
	}
	go func() { time.Sleep(100 * time.Millisecond); l.Release() }()
	t.Setenv("VERSO_LOCK_TIMEOUT", "10s")
	_, stderr = mustRun(t, root, 0, "sync")
	if !strings.HasPrefix(stderr, "verso: waiting for another verso ("+holder+") to finish…\nwrote ") {
		t.Errorf("stderr:\n%s", stderr)
	}
}
