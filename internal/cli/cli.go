// Package cli implements the verso command line. Every command is a plain
// function of its options, testable without a process; only this package,
// internal/project and internal/txn (which makes every write a
// transaction) touch the disk.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"verso/align"
	"verso/internal/project"
	"verso/internal/txn"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0 // success: nothing to report
	ExitProblems = 1 // the command ran and found problems (check failed, conflicts, out-of-date records)
	ExitUsage    = 2 // bad usage or unusable input; nothing was written
)

// env is what a command sees of the world.
type env struct {
	dir            string // repository root
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	lockWait       string            // --lock-timeout
	changed        *txn.ChangedError // set by fail: a file changed under the command
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

// commands lists the subcommands in help order. It is filled by init
// functions of the command files, so that each command lives in one file.
var commands []command

func register(c command) { commands = append(commands, c) }

const exitCodesHelp = `Exit codes:
  0  success
  1  the command found problems (check or qa failed, sync --check found an
     out-of-date record, sync refused to retire most of a document's IDs
     without --force, an import found conflicts or rejected rows,
     publish refused an incomplete locale, align kept existing translations
     that differ from the aligned text)
  2  usage error or unusable input (bad file, bad flag); nothing was written
`

// Main runs verso with the given arguments (without the program name) and
// returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	handleSignals()
	out := &outputWriter{w: stdout}
	code := dispatch(args, stdin, out, stderr)
	if c := caught.Load(); c != 0 {
		return int(c) // interrupted: the signal's code, as the handler exits
	}
	return outputError(stderr, code, out.err)
}

func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{dir: ".", stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	for len(args) >= 2 && (args[0] == "-C" || args[0] == "--lock-timeout") {
		if args[0] == "-C" {
			e.dir = args[1]
		} else {
			e.lockWait = args[1]
		}
		args = args[2:]
	}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		switch {
		case len(args) > 1 && args[1] == "exit-codes":
			fmt.Fprint(stdout, exitCodesHelp)
			return ExitOK
		case len(args) > 1:
			return Main([]string{args[1], "--help"}, stdin, stdout, stderr)
		}
		usage(stdout)
		return ExitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			release, code, ok := e.begin(args)
			if !ok {
				return code
			}
			defer release()
			if slices.Contains(writerCommands, c.name) {
				return e.runWriter(c, args[1:])
			}
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "verso: unknown command %q; run verso help\n", args[0])
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, "verso translates documents paragraph by paragraph and publishes bilingual editions.\n\n")
	fmt.Fprint(w, "Usage: verso [-C DIR] [--lock-timeout DURATION] COMMAND [flags] [args]\n\nCommands:\n")
	sorted := slices.Clone(commands)
	slices.SortFunc(sorted, func(a, b command) int { return strings.Compare(a.name, b.name) })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun verso COMMAND --help for a command's flags. -C DIR runs in DIR. --lock-timeout\n"+
		"(or VERSO_LOCK_TIMEOUT; default 60s) is how long a command that writes waits for\n"+
		"another verso writing in the same repository.\n\n"+exitCodesHelp)
}

// newFlags returns a flag set whose help names the command and lists the
// exit codes.
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: verso %s %s\n\n%s\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
		fmt.Fprint(e.stderr, "\n"+exitCodesHelp)
	}
	return fs
}

// parse parses flags that may stand before, between or after the positional
// arguments, and returns the positional arguments. It returns ok=false
// with the exit code to use when parsing failed or help was asked for.
func parse(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	var flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBool(f) && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	if slices.Contains(flags, "-C") && fs.Lookup("C") == nil {
		fmt.Fprintf(fs.Output(), "verso %s: -C goes before the command: verso -C DIR %s ...\n", fs.Name(), fs.Name())
		return nil, ExitUsage, false
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, ExitOK, false
		}
		return nil, ExitUsage, false
	}
	return pos, 0, true
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// writers are the commands that change files: their failures say that
// nothing was written.
var writers = []string{"sync", "sheet export", "sheet import", "po export", "po import", "xliff export", "xliff import",
	"tmx export", "tmx import", "align", "publish", "prune", "fmt", "glossary import"}

// fail reports an error on stderr and returns ExitUsage. Positional errors
// are printed one per line as file:line: message.
func (e *env) fail(cmd string, err error) int {
	var list align.ErrorList
	var pe *align.PosError
	written := ""
	if slices.Contains(writers, cmd) {
		written = "; nothing was written"
	}
	switch {
	case errors.As(err, &list):
		for _, p := range list {
			fmt.Fprintln(e.stderr, p)
		}
		fmt.Fprintf(e.stderr, "verso %s: %s%s\n", cmd, plural(len(list), "problem"), written)
	case errors.As(err, &pe):
		fmt.Fprintln(e.stderr, err)
		if written != "" {
			fmt.Fprintf(e.stderr, "verso %s: nothing was written\n", cmd)
		}
	default:
		var ce *txn.ChangedError
		if errors.As(err, &ce) {
			e.changed = ce // the command may run again (runWriter)
		}
		var inc *txn.IncompleteError
		if errors.As(err, &inc) {
			written = "" // it says what was
		}
		fmt.Fprintf(e.stderr, "verso %s: %v%s\n", cmd, err, written)
	}
	return ExitUsage
}

// load loads the project and warns about records that are out of date;
// any file that did not load stops the command.
func (e *env) load(cmd string) (*project.Project, int) {
	p, code := e.loadScoped(cmd)
	if p != nil {
		if err := p.Err(nil); err != nil {
			return nil, e.fail(cmd, err)
		}
	}
	return p, code
}

// loadScoped loads the project as load does, but leaves the files that did
// not load to the command (see need): a bad file stops only the commands
// that need it. segments and sync do not read translation files at all.
func (e *env) loadScoped(cmd string) (*project.Project, int) {
	p, err := project.LoadWith(e.dir, project.Options{NoTranslations: cmd == "segments" || cmd == "sync"})
	if err != nil {
		return nil, e.fail(cmd, err)
	}
	if cmd != "sync" {
		e.warnRecords(p)
	}
	if cmd != "check" && cmd != "prune" {
		warnGone(e, p)
	}
	return p, ExitOK
}

// need fails the command (ok false, with the exit code) when files of the
// locales it works on did not load.
func (e *env) need(cmd string, p *project.Project, locales []string) (code int, ok bool) {
	if err := p.Err(locales); err != nil {
		return e.fail(cmd, err), false
	}
	return ExitOK, true
}

// warnRecords warns about ID records that are out of date.
func (e *env) warnRecords(p *project.Project) {
	for _, d := range p.Docs {
		if !d.RecordCurrent {
			fmt.Fprintf(e.stderr, "%s: warning: ID record out of date; run verso sync and commit %s\n", d.Path, d.RecordPath)
		}
	}
}

// selectDocs returns the named documents, or all when names is empty.
func selectDocs(p *project.Project, names []string) ([]*project.Doc, error) {
	if len(names) == 0 {
		return p.Docs, nil
	}
	var out []*project.Doc
	for _, n := range names {
		d := p.Doc(align.DocName(n))
		if d == nil {
			known := make([]string, len(p.Docs))
			for i, d := range p.Docs {
				known[i] = d.Name
			}
			return nil, fmt.Errorf("unknown document %q; documents: %s", n, strings.Join(known, ", "))
		}
		out = append(out, d)
	}
	return out, nil
}

// writeJSON writes v as indented JSON, with <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// plural returns "1 thing" or "n things".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// excerpt shortens normalized text to at most n characters.
func excerpt(s string, n int) string {
	s = align.Normalize(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// outputDate is the date written into generated files (PDFs, workbooks): SOURCE_DATE_EPOCH, else the
// date of the last commit, else the Unix epoch, so that the same inputs
// give the same bytes.
func outputDate(e *env, cmd, root string) time.Time {
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
		fmt.Fprintf(e.stderr, "verso %s: warning: SOURCE_DATE_EPOCH=%q is not a number of seconds; ignored\n", cmd, s)
	}
	git := exec.Command("git", "log", "-1", "--format=%ct")
	git.Dir = root
	if out, err := git.Output(); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Unix(0, 0).UTC()
}

// runSubcommand dispatches verso NAME export|import: usage, with the exit
// codes, on no argument (exit 2) or a request for help (exit 0); the
// subcommand; or a usage error naming the unknown one.
func runSubcommand(e *env, name, usage string, args []string, export, imp func([]string) int) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stderr, usage+"\n"+exitCodesHelp)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	switch args[0] {
	case "export":
		return export(args[1:])
	case "import":
		return imp(args[1:])
	}
	fmt.Fprintf(e.stderr, "verso %s: unknown subcommand %q: use export or import\n", name, args[0])
	return ExitUsage
}
