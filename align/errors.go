package align

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Sentinel errors wrapped by position errors, for callers that test with
// errors.Is.
var (
	ErrNotUTF8     = errors.New("not valid UTF-8")
	ErrFormat      = errors.New("unsupported source format")
	ErrRecord      = errors.New("malformed ID record")
	ErrDuplicateID = errors.New("duplicate ID")
	ErrTooLong     = errors.New("segment too long")
)

// PosError is an error at a place in a file. Line and Col are 1-based; zero
// means unknown.
type PosError struct {
	Path string
	Line int
	Col  int
	Err  error
}

func (e *PosError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Line, e.Col, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *PosError) Unwrap() error { return e.Err }

// Where returns the error's place: file, line and column (0 unknown), no
// cell (diagnostics read it).
func (e *PosError) Where() (file string, line, col int, cell string) {
	return e.Path, e.Line, e.Col, ""
}

// Code names the kind of error for diagnostics: "encoding", "duplicate-id",
// "record", "format" or "syntax".
func (e *PosError) Code() string {
	switch {
	case errors.Is(e.Err, ErrNotUTF8):
		return "encoding"
	case errors.Is(e.Err, ErrDuplicateID):
		return "duplicate-id"
	case errors.Is(e.Err, ErrRecord):
		return "record"
	case errors.Is(e.Err, ErrFormat):
		return "format"
	}
	return "syntax"
}

// Errorf returns a PosError whose message is formatted from format and args;
// a %w verb wraps as with fmt.Errorf.
func Errorf(path string, line int, format string, args ...any) *PosError {
	return &PosError{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// ErrorList collects every problem of one run, so that all are reported at
// once, sorted by position.
type ErrorList []*PosError

// Add appends an error.
func (l *ErrorList) Add(e *PosError) { *l = append(*l, e) }

// Sort orders the list by path, line and column.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *PosError) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// Err returns the list sorted as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

func (l ErrorList) Error() string { return JoinErrors(l) }

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error { return Errors(l) }

// JoinErrors is the message of a list of errors, one a line; the error
// lists of the packages that report positioned problems share it.
func JoinErrors[E error](l []E) string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Errors returns a typed list as []error, for an Unwrap method.
func Errors[E error](l []E) []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// LineAt returns the 1-based line of a byte offset in data, for parsers
// that report offsets: an error at the newline that ends a line is on that
// line, not the next (BurntSushi/toml's Position.Line says the next).
func LineAt(data []byte, offset int) int {
	offset = min(max(offset, 0), len(data))
	return 1 + bytes.Count(data[:offset], []byte{'\n'})
}
