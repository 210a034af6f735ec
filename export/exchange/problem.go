package exchange

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"verso/align"
)

// Sentinel errors wrapped by problems, for callers that test with errors.Is.
var (
	// Rejected entries.
	ErrUnknownID    = errors.New("unknown ID")
	ErrDuplicateID  = errors.New("duplicate ID")
	ErrMovedRow     = errors.New("row of another document")
	ErrNoID         = errors.New("row without ID")
	ErrSourceEdited = errors.New("source cell edited")
	ErrStatus       = errors.New("unknown status")
	ErrConflict     = errors.New("conflict")
	ErrLocale       = errors.New("wrong locale")
	ErrMarkup       = errors.New("markup differs from the source")

	// Warnings: the entry is imported (or there was nothing to import).
	ErrSourceChanged = errors.New("source changed since export")
	ErrKeptRepo      = errors.New("kept the repository's version")
	ErrNoBase        = errors.New("no export fingerprints")
)

// Level is how grave a problem is.
type Level int

// The levels, from least to most grave.
const (
	LevelWarning  Level = iota // reported; the entry is imported
	LevelRejected              // the entry is not imported; the rest is
	LevelFatal                 // the file cannot be used; nothing is imported
)

// Field is the part of an entry a problem is about; a codec turns it into
// a column or a line.
type Field int

// The fields of an entry.
const (
	FieldNone Field = iota // the whole entry
	FieldID
	FieldSource
	FieldTranslation
	FieldStatus
	FieldBase // the fingerprints of the export
)

// Place is where a problem is in its file: a line and column for text
// formats, a cell ("Sheet!A5") for a spreadsheet, neither for the whole
// file. Order sorts the problems of a file (sheet, row, column; or line,
// column).
type Place struct {
	Line, Col int
	Cell      string
	Order     [3]int
}

// String returns the place as a cell, "line N", or "".
func (p Place) String() string {
	switch {
	case p.Cell != "":
		return p.Cell
	case p.Line > 0:
		return fmt.Sprintf("line %d", p.Line)
	}
	return ""
}

// Problem is a finding at a place in a file.
type Problem struct {
	File  string // display name of the file
	Place Place
	Level Level
	Err   error
}

func (p *Problem) Error() string {
	switch {
	case p.Place.Cell != "":
		return p.File + ": " + p.Place.Cell + ": " + p.Err.Error()
	case p.Place.Line > 0 && p.Place.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %v", p.File, p.Place.Line, p.Place.Col, p.Err)
	case p.Place.Line > 0:
		return fmt.Sprintf("%s:%d: %v", p.File, p.Place.Line, p.Err)
	}
	return p.File + ": " + p.Err.Error()
}

func (p *Problem) Unwrap() error { return p.Err }

// Where returns the problem's place, for diagnostics.
func (p *Problem) Where() (file string, line, col int, cell string) {
	if p.Place.Cell != "" {
		return p.File, 0, 0, p.Place.Cell
	}
	return p.File, p.Place.Line, p.Place.Col, ""
}

// IsWarning reports whether the problem is only a warning.
func (p *Problem) IsWarning() bool { return p.Level == LevelWarning }

// Code names the kind of problem for diagnostics: the sentinel it wraps
// ("conflict", "unknown-id", …), or "input".
func (p *Problem) Code() string { return CodeOf(p.Err) }

// codes names the sentinels.
var codes = []struct {
	err  error
	code string
}{
	{ErrUnknownID, "unknown-id"}, {ErrDuplicateID, "duplicate-id"}, {ErrMovedRow, "moved"}, {ErrNoID, "no-id"},
	{ErrSourceEdited, "source-edited"}, {ErrStatus, "status"}, {ErrConflict, "conflict"}, {ErrLocale, "locale"},
	{ErrMarkup, "markup"}, {ErrSourceChanged, "source-changed"}, {ErrKeptRepo, "kept-repo"}, {ErrNoBase, "no-base"},
}

// CodeOf returns the diagnostic code of an error that wraps one of the
// package's sentinels, or "input".
func CodeOf(err error) string {
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return "input"
}

// Problems is every problem of one file, reported at once.
type Problems []*Problem

// Sort orders the problems by file and place.
func (l Problems) Sort() {
	slices.SortStableFunc(l, func(a, b *Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Place.Order[0], b.Place.Order[0]),
			cmp.Compare(a.Place.Order[1], b.Place.Order[1]), cmp.Compare(a.Place.Order[2], b.Place.Order[2]))
	})
}

// Max returns the gravest level in the list, or -1 when it is empty.
func (l Problems) Max() Level {
	m := Level(-1)
	for _, p := range l {
		m = max(m, p.Level)
	}
	return m
}

// Count returns the number of problems of a level.
func (l Problems) Count(lvl Level) int {
	n := 0
	for _, p := range l {
		if p.Level == lvl {
			n++
		}
	}
	return n
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l Problems) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

func (l Problems) Error() string { return align.JoinErrors(l) }

// Unwrap returns the problems, for errors.Is and errors.As.
func (l Problems) Unwrap() []error { return align.Errors(l) }
