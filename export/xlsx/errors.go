package xlsx

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/export/exchange"
)

// Sentinel errors wrapped by problems, for callers that test with errors.Is.
var (
	// Unusable input: nothing may be imported.
	ErrNotWorkbook = errors.New("not an xlsx workbook")
	ErrEncrypted   = errors.New("encrypted or legacy workbook")
	ErrTooLarge    = errors.New("workbook too large")
	ErrDamaged     = errors.New("damaged workbook")
	ErrNotReview   = errors.New("not a verso review workbook")
	ErrLayout      = errors.New("sheet layout changed")

	// Rejected rows: the merge's, for every format, and the workbook's.
	ErrUnknownID    = exchange.ErrUnknownID
	ErrDuplicateID  = exchange.ErrDuplicateID
	ErrMovedRow     = exchange.ErrMovedRow
	ErrNoID         = exchange.ErrNoID
	ErrSourceEdited = exchange.ErrSourceEdited
	ErrStatus       = exchange.ErrStatus
	ErrConflict     = exchange.ErrConflict
	ErrHiddenEdited = errors.New("hidden columns edited")
	ErrFormula      = errors.New("formula")
	ErrControl      = errors.New("control character")
	ErrTooLong      = errors.New("text too long")
	ErrMarkup       = exchange.ErrMarkup

	// Warnings: the row is imported (or there was nothing to import).
	ErrSourceChanged = exchange.ErrSourceChanged
	ErrKeptRepo      = exchange.ErrKeptRepo
	ErrRowsMissing   = errors.New("rows missing")
)

// Level is how grave a problem is: the exchange layer's levels.
type Level = exchange.Level

// The levels, from least to most grave.
const (
	LevelWarning  = exchange.LevelWarning  // reported; the row is imported
	LevelRejected = exchange.LevelRejected // the row is not imported; the rest is
	LevelFatal    = exchange.LevelFatal    // the workbook cannot be used; nothing is imported
)

// Problem is a finding at a place in a workbook.
type Problem struct {
	File  string // display name of the workbook
	Sheet string // sheet name; empty for the whole file
	Row   int    // 1-based row; 0 for the whole sheet
	Col   int    // 1-based column; 0 for the whole row
	Level Level
	Err   error

	sheetIndex int // for sorting: position of the sheet in the workbook
}

// Cell returns the problem's place as Sheet!A1 (quoted when the name needs
// it), Sheet!5:5 for a row, Sheet for a sheet, or "" for the whole file.
func (p *Problem) Cell() string {
	if p.Sheet == "" {
		return ""
	}
	s := quoteSheet(p.Sheet)
	switch {
	case p.Row > 0 && p.Col > 0:
		c, _ := excelize.CoordinatesToCellName(p.Col, p.Row)
		return s + "!" + c
	case p.Row > 0:
		return fmt.Sprintf("%s!%d:%d", s, p.Row, p.Row)
	}
	return s
}

func (p *Problem) Error() string {
	if c := p.Cell(); c != "" {
		return p.File + ": " + c + ": " + p.Err.Error()
	}
	return p.File + ": " + p.Err.Error()
}

func (p *Problem) Unwrap() error { return p.Err }

// Where returns the problem's place, for diagnostics.
func (p *Problem) Where() (file string, line, col int, cell string) { return p.File, 0, 0, p.Cell() }

// IsWarning reports whether the problem is only a warning.
func (p *Problem) IsWarning() bool { return p.Level == LevelWarning }

// Code names the kind of problem for diagnostics.
func (p *Problem) Code() string { return exchange.CodeOf(p.Err) }

// quoteSheet quotes a sheet name as a formula would when it holds anything
// but letters, digits and underscores.
func quoteSheet(name string) string {
	for _, r := range name {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f) {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}

// Problems is every problem of one workbook, reported at once.
type Problems []*Problem

// Sort orders the problems by file, sheet position, row and column.
func (l Problems) Sort() {
	slices.SortStableFunc(l, func(a, b *Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.sheetIndex, b.sheetIndex),
			cmp.Compare(a.Row, b.Row), cmp.Compare(a.Col, b.Col))
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

// fatal returns a fatal problem for the whole file or a sheet.
func fatal(file, sheet string, err error) *Problem {
	return &Problem{File: file, Sheet: sheet, Level: LevelFatal, Err: err}
}
