// Package diag is verso's one type of diagnostic: a finding at a place in
// a file (a line and column, or a spreadsheet cell), with a severity, a
// code, a message and a hint, and its renderings for people and machines:
// text, JSON, GitHub workflow annotations, SARIF 2.1.0 (code scanning) and
// JUnit XML (CI systems that show test reports). Every positioned error of
// verso (align.ErrorList, the exchange codecs' problems, hyphenation
// pattern errors, check's findings) converts to it with [From].
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Severity is how grave a diagnostic is.
type Severity int

// The severities, from least to most grave.
const (
	Note Severity = iota
	Warning
	Error
)

// String returns the SARIF level name: note, warning or error.
func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one finding.
type Diagnostic struct {
	File string `json:"file,omitempty"` // slash-separated path, relative to the repository when inside it; "" for the whole run
	Line int    `json:"line,omitempty"` // 1-based; 0 for the whole file
	Col  int    `json:"column,omitempty"`
	// Cell is a spreadsheet cell or range ("Sheet!A5"), for workbooks.
	Cell     string   `json:"cell,omitempty"`
	Severity Severity `json:"severity"`
	// Code names the kind of finding ("missing", "stale", "conflict",
	// "syntax"): the SARIF rule, the JUnit failure type.
	Code string `json:"code"`
	// Title is a short summary (an annotation's title); default the code.
	Title   string `json:"title,omitempty"`
	Message string `json:"message"`
	// Hint says what to do, when the message does not.
	Hint string `json:"hint,omitempty"`
}

// Place returns "file:line:col", "file:line", "file: cell" or "file".
func (d *Diagnostic) Place() string {
	switch {
	case d.Cell != "":
		return d.File + ": " + d.Cell
	case d.Line > 0 && d.Col > 0:
		return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return d.File
}

// String is the text rendering: the place (if any), the message, and
// "(warning)" for warnings.
func (d *Diagnostic) String() string {
	s := d.Message
	if p := d.Place(); p != "" {
		s = p + ": " + s
	}
	if d.Severity == Warning {
		s += " (warning)"
	}
	return s
}

func (d *Diagnostic) title() string { return cmp.Or(d.Title, d.Code) }

// List is the diagnostics of a run.
type List []Diagnostic

// Sort orders the list by file, line, column and cell, keeping the order
// of equal places.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// Max returns the gravest severity, or -1 for an empty list.
func (l List) Max() Severity {
	m := Severity(-1)
	for _, d := range l {
		m = max(m, d.Severity)
	}
	return m
}

// Positioned is an error that knows its place: the error types of verso's
// packages implement it (without importing this package) so that [From]
// converts them. Its message is that of the error it wraps (Unwrap), the
// place left out. It may also have Code() string (default "input") and
// IsWarning() bool (default false: an error).
type Positioned interface {
	error
	Where() (file string, line, col int, cell string)
}

// FromPositioned returns the diagnostic of a positioned error.
func FromPositioned(p Positioned) Diagnostic {
	d := Diagnostic{Severity: Error, Code: "input", Message: p.Error()}
	d.File, d.Line, d.Col, d.Cell = p.Where()
	if inner := errors.Unwrap(p); inner != nil {
		d.Message = inner.Error()
	}
	if c, ok := p.(interface{ Code() string }); ok {
		d.Code = c.Code()
	}
	if w, ok := p.(interface{ IsWarning() bool }); ok && w.IsWarning() {
		d.Severity = Warning
	}
	return d
}

// From converts an error into diagnostics: an error that implements
// [Positioned], or wraps one, gives its own; each error of a list (an
// error with Unwrap() []error) gives its own; any other error is one
// diagnostic of code "error" at file (the input the error is about).
func From(file string, err error) List {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if p, ok := e.(Positioned); ok {
			return List{FromPositioned(p)}
		}
		if u, ok := e.(interface{ Unwrap() []error }); ok {
			var out List
			for _, e := range u.Unwrap() {
				out = append(out, From(file, e)...)
			}
			return out
		}
	}
	if err == nil {
		return nil
	}
	return List{{File: file, Severity: Error, Code: "error", Message: err.Error()}}
}
