package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"verso/internal/diag"
	"verso/internal/txn"
)

// Exit codes, the same for every command. Main maps a command's error to
// one of them (exitCode).
const (
	ExitOK       = 0 // success: nothing to report
	ExitProblems = 1 // the command ran and found problems (check failed, conflicts, out-of-date records)
	ExitUsage    = 2 // bad usage or unusable input; nothing was written
)

const exitCodesHelp = `Exit codes:
  0  success
  1  the command found problems (check or qa failed, sync --check found an
     out-of-date record, sync refused to retire most of a document's IDs
     without --force, an import found conflicts or rejected rows,
     publish refused an incomplete locale, align kept existing translations
     that differ from the aligned text)
  2  usage error or unusable input (bad file, bad flag); nothing was written
`

// usageError is a command line that cannot run (a missing argument, flags
// that do not go together): exit 2, before anything is read or written.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// problemsError is the outcome of a command that ran and found problems
// (exit 1): it has reported them itself, and the error's message, if any,
// sums them up ("2 conflicts").
type problemsError struct{ summary string }

func (e *problemsError) Error() string {
	if e.summary == "" {
		return "problems found"
	}
	return e.summary
}

// problemsf returns a problemsError whose summary Main prints after the
// program's name; with an empty format, it prints nothing.
func problemsf(format string, args ...any) error {
	if format == "" {
		return &problemsError{}
	}
	return &problemsError{fmt.Sprintf(format, args...)}
}

// exitCode maps a command's error to its exit code: none is success, a
// problemsError is exit 1, any other error (bad usage, unusable input, a
// write that failed) is exit 2.
func exitCode(err error) int {
	var pe *problemsError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &pe):
		return ExitProblems
	}
	return ExitUsage
}

// reportError reports the error a command returned, through the
// diagnostics of the run (e.diagnose): every positioned error at its
// place, then one line naming the command, what went wrong or how many
// problems there were and, for a command that writes, that nothing was
// written.
func (e *env) reportError(err error) {
	var pe *problemsError
	if errors.As(err, &pe) {
		if pe.summary != "" {
			e.diagnose(diag.Diagnostic{Severity: diag.Note, Code: "problems", Message: pe.summary}) // the problems themselves are the errors: the run itself went well
		}
		return
	}
	var ue *usageError
	usage := errors.As(err, &ue)
	var inc *txn.IncompleteError
	// A writer's failure wrote nothing; an incomplete write says what it
	// wrote, and bad usage stops before anything is read.
	written := e.cmd != nil && e.cmd.access != reads && !usage && !errors.As(err, &inc)
	ds := diag.From("", err)
	if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.File != "" }) {
		// No place: the error's whole message on one line.
		d := diag.Diagnostic{Severity: diag.Error, Code: "error", Message: err.Error()}
		if usage {
			d.Code = "usage"
		}
		if written {
			d.Message += "; nothing was written"
		}
		e.diagnose(d)
		return
	}
	e.diagnose(ds...) // each at its place (one without a place after the command's name)
	var summary []string
	if len(ds) > 1 || isList(err) {
		summary = append(summary, plural(len(ds), "problem"))
	}
	if written {
		summary = append(summary, "nothing was written")
	}
	if len(summary) > 0 {
		e.diagnose(diag.Diagnostic{Severity: diag.Error, Code: "error", Message: strings.Join(summary, "; ")})
	}
}

// isList reports whether err is a list of errors (Unwrap() []error).
func isList(err error) bool {
	_, ok := err.(interface{ Unwrap() []error })
	return ok
}
