package cli

import (
	"errors"
	"fmt"

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
	written := ""
	var ue *usageError
	var inc *txn.IncompleteError
	if e.cmd != nil && e.cmd.access != reads && !errors.As(err, &ue) && !errors.As(err, &inc) {
		written = "; nothing was written" // an incomplete write says what was
	}
	code := "error"
	if ue != nil {
		code = "usage"
	}
	var placed diag.List
	for _, d := range diag.From("", err) {
		if d.File != "" {
			placed = append(placed, d)
		}
	}
	switch {
	case len(placed) == 0:
		e.diagnose(diag.Diagnostic{Severity: diag.Error, Code: code, Message: err.Error() + written})
	case len(placed) == 1 && !isList(err):
		e.diagnose(placed...)
		if written != "" {
			e.diagnose(diag.Diagnostic{Severity: diag.Error, Code: code, Message: written[2:]})
		}
	default:
		e.diagnose(placed...)
		e.diagnose(diag.Diagnostic{Severity: diag.Error, Code: code, Message: plural(len(placed), "problem") + written})
	}
}

// isList reports whether err is a list of errors (Unwrap() []error).
func isList(err error) bool {
	_, ok := err.(interface{ Unwrap() []error })
	return ok
}
