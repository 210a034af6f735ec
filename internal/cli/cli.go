// Package cli implements the verso command line. Every command is an
// options struct, its flags and a run function of them (command.go),
// testable without a process; its errors are typed and Main maps them to
// exit codes and diagnostics (errors.go). The packages below it touch
// the disk only through internal/project (the repository: every write a
// transaction of internal/txn), internal/history (git) and
// internal/installed (the system's fonts and hyphenation patterns); the
// align and export packages work on values.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"verso/align"
	"verso/internal/diag"
	"verso/internal/history"
	"verso/internal/project"
)

// env is what a command sees of the world.
type env struct {
	dir            string // repository root
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	lockWait       string   // --lock-timeout
	cmd            *command // the command running
	// errFormat is how diagnostics are rendered (--error-format); in
	// another format than text they are kept in diags and rendered once,
	// as one document, when the command ends.
	errFormat diag.Format
	diags     diag.List
}

// Main runs verso with the given arguments (without the program name) and
// returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	handleSignals()
	out := &outputWriter{w: stdout}
	code := dispatch(context.Background(), args, stdin, out, stderr)
	if c := caught.Load(); c != 0 {
		return int(c) // interrupted: the signal's code, as the handler exits
	}
	return outputError(stderr, code, out.err)
}

// globalFlags reads the flags before the command: -C DIR, --lock-timeout
// and --error-format (each as "--flag value" or "--flag=value"), and
// returns the rest.
func globalFlags(e *env, args []string) ([]string, error) {
	format := e.getenv("VERSO_ERROR_FORMAT")
	for len(args) > 0 {
		name, value, hasValue := strings.Cut(args[0], "=")
		if name != "-C" && name != "--lock-timeout" && name != "--error-format" {
			break
		}
		n := 1
		if !hasValue {
			if len(args) < 2 {
				return nil, fmt.Errorf("%s needs a value", name)
			}
			value, n = args[1], 2
		}
		switch name {
		case "-C":
			e.dir = value
		case "--lock-timeout":
			e.lockWait = value
		default:
			format = value
		}
		args = args[n:]
	}
	if format != "" {
		f, err := diag.ParseFormat(format)
		if err != nil {
			return nil, fmt.Errorf("--error-format: %w", err)
		}
		e.errFormat = f
	}
	return args, nil
}

func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{dir: ".", stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, errFormat: diag.Text}
	args, err := globalFlags(e, args)
	if err != nil {
		fmt.Fprintf(stderr, "verso: %v\n", err)
		return ExitUsage
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
		case len(args) > 1 && args[1] == "commands":
			reference(stdout)
			return ExitOK
		case len(args) > 1:
			return Main(append(args[1:], "--help"), stdin, stdout, stderr)
		}
		usage(stdout)
		return ExitOK
	}
	c, n, g, sub := lookup(args)
	switch {
	case g != nil && (sub == "" || isHelp(sub)):
		g.usage(stderr)
		if sub == "" {
			return ExitUsage
		}
		return ExitOK
	case g != nil:
		fmt.Fprintf(stderr, "verso %s: unknown subcommand %q; verso %s --help lists them\n", g.name, sub, g.name)
		return ExitUsage
	case c == nil:
		fmt.Fprintf(stderr, "verso: unknown command %q; run verso help\n", args[0])
		return ExitUsage
	}
	return e.run(ctx, c, args[n:])
}

// run parses a command's flags, takes the repository lock as the command
// needs, runs it and reports its error: the exit code.
func (e *env) run(ctx context.Context, c *command, args []string) int {
	e.cmd = c
	fs := c.flagSet(e.stderr)
	run := c.bind(fs)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil {
		return ExitUsage // the flag package said why
	}
	if c.lean && e.getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	release, err := e.lock(c)
	if err == nil {
		defer release()
		err = e.runWriting(ctx, c, run, pos)
	}
	if err != nil {
		e.reportError(err)
	}
	e.flushDiagnostics()
	return exitCode(err)
}

func isHelp(s string) bool { return s == "-h" || s == "-help" || s == "--help" || s == "help" }

// diagnose reports diagnostics: in text, at once on stderr (FILE:LINE:
// message, or "verso COMMAND: message" for one that has no place;
// "warning: " before the message of a warning); in
// another format, when the command ends (flushDiagnostics).
func (e *env) diagnose(ds ...diag.Diagnostic) {
	if e.errFormat != diag.Text {
		e.diags = append(e.diags, ds...)
		return
	}
	for i := range ds {
		place, warning := ds[i].Place(), ""
		if place == "" {
			place = e.prog()
		}
		if ds[i].Severity == diag.Warning {
			warning = "warning: "
		}
		fmt.Fprintf(e.stderr, "%s: %s%s\n", place, warning, ds[i].Message)
	}
}

// flushDiagnostics renders the diagnostics kept for a format other than
// text, as one document on stderr.
func (e *env) flushDiagnostics() {
	if e.errFormat == diag.Text {
		return
	}
	r := &diag.Report{Tool: e.prog(), Diagnostics: e.diags}
	if err := diag.Write(e.stderr, e.errFormat, r); err != nil {
		fmt.Fprintf(e.stderr, "%s: writing diagnostics: %v\n", e.prog(), err)
	}
	e.diags = nil
}

// prog names the running command in messages: "verso sheet import".
func (e *env) prog() string {
	if e.cmd == nil {
		return "verso"
	}
	return "verso " + e.cmd.name
}

// warnf reports a warning without a place ("verso COMMAND: warning: ...").
func (e *env) warnf(format string, args ...any) {
	e.diagnose(diag.Diagnostic{Severity: diag.Warning, Code: "warning", Message: fmt.Sprintf(format, args...)})
}

// notef says something on stderr after the command's name ("verso
// COMMAND: ..."): a summary, or what a dry run would do. It is output, not
// a diagnostic.
func (e *env) notef(format string, args ...any) {
	fmt.Fprintf(e.stderr, "%s: %s\n", e.prog(), fmt.Sprintf(format, args...))
}

// path resolves a file name the user gave against the directory verso
// runs in (-C DIR): the one rule for every path verso takes.
func (e *env) path(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(e.dir, filepath.FromSlash(name))
}

// parseFlags parses flags that may stand before, between or after the
// positional arguments, and returns the positional arguments. An error
// (flag.ErrHelp when help was asked for) has been reported by the flag
// package.
func parseFlags(fs *flag.FlagSet, args []string) (pos []string, err error) {
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
	if slices.ContainsFunc(flags, isDirFlag) && fs.Lookup("C") == nil {
		err := fmt.Errorf("-C goes before the command: verso -C DIR %s [flags] [args]", fs.Name())
		fmt.Fprintf(fs.Output(), "verso %s: %v\n", fs.Name(), err)
		return nil, err
	}
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	return pos, nil
}

// isDirFlag reports whether a flag argument is -C (-C, --C, -C=DIR).
func isDirFlag(a string) bool {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return strings.HasPrefix(a, "-") && name == "C"
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// openOptions say what a command reads of the repository, and what it
// reports itself.
type openOptions struct {
	// sourcesOnly: the command reads no translation file (segments,
	// sync), so none can stop it.
	sourcesOnly bool
	// ownRecords: the command reports out-of-date ID records itself
	// (sync); ownGone: documents whose source is gone (check, prune).
	ownRecords, ownGone bool
}

// open loads the project and warns about out-of-date ID records and gone
// documents. Files that did not load are left to the command: a bad file
// stops only the commands that need it, which ask p.Err with the locales
// they work on (p.Err(nil): every file).
func (e *env) open(o openOptions) (*project.Project, error) {
	p, err := project.LoadWith(e.dir, project.Options{NoTranslations: o.sourcesOnly})
	if err != nil {
		return nil, err
	}
	if !o.ownRecords {
		for _, d := range p.Docs {
			if !d.RecordCurrent {
				e.diagnose(diag.Diagnostic{File: d.Path, Severity: diag.Warning, Code: "record",
					Message: "ID record out of date; run verso sync and commit " + d.RecordPath})
			}
		}
	}
	if !o.ownGone {
		for _, g := range p.Gone {
			e.diagnose(diag.Diagnostic{File: goneFile(g), Severity: diag.Warning, Code: "gone", Message: goneMessage(p, g)})
		}
	}
	return p, nil
}

// openAll is open for a command that needs every file of the project.
func (e *env) openAll(o openOptions) (*project.Project, error) {
	p, err := e.open(o)
	if err != nil {
		return nil, err
	}
	return p, p.Err(nil)
}

// apply writes the files at once (one transaction: all or none), and says
// on stderr "wrote PATH" for each; in a dry run it writes nothing and says
// "would write PATH" for each, then that nothing was written.
func (e *env) apply(root string, files []project.File, dryRun bool) error {
	verb := "would write"
	if !dryRun {
		if err := project.WriteFiles(root, files); err != nil {
			return err
		}
		verb = "wrote"
	}
	for _, f := range files {
		fmt.Fprintf(e.stderr, "%s %s\n", verb, f.Path)
	}
	if dryRun {
		e.notef("dry run; nothing was written")
	}
	return nil
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

// outputDate is the date written into generated files (PDFs, workbooks): SOURCE_DATE_EPOCH, else the
// date of the last commit, else the Unix epoch, so that the same inputs
// give the same bytes.
func (e *env) outputDate(root string) time.Time {
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
		e.warnf("SOURCE_DATE_EPOCH=%q is not a number of seconds; ignored", s)
	}
	if t, ok := history.LastCommit(root); ok {
		return t
	}
	return time.Unix(0, 0).UTC()
}
