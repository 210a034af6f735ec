package xlsx

import (
	"fmt"

	"verso/align"
	"verso/export/exchange"
)

// Current is the repository's state of one document in the workbook's
// locale.
type Current = exchange.Current

// Prefer decides conflicts: a row that the translator changed and whose
// translation (or review state) also changed in the repository since the
// export.
type Prefer = exchange.Prefer

// The ways to decide a conflict.
const (
	PreferNone  = exchange.PreferNone // report the conflict and import nothing of the row
	PreferSheet = exchange.PreferFile // take the sheet's version
	PreferRepo  = exchange.PreferRepo // keep the repository's version
)

// Result is the outcome of Merge, with the workbook's problems.
type Result struct {
	// Translations maps a document name to its new translations, in
	// document order, orphans last in their old order. Only documents
	// whose translations change are present.
	Translations map[string][]align.Translation
	// Reviews maps a document name to its new review state, for the
	// documents whose review state changes.
	Reviews map[string][]align.Review
	// Extras maps a document name to its new extra paragraphs, for the
	// documents whose extras change.
	Extras map[string][]align.Extra
	// Imported, Confirmed, Reviewed, Changed and Unchanged count rows as
	// [exchange.Result] counts entries.
	Imported, Confirmed, Reviewed, Changed, Unchanged int
	// Problems holds the workbook's problems and those of the merge.
	Problems Problems
}

// Merge compares the workbook's rows with the repository (docs maps every
// document name of the project to its state) and plans the changes, as
// [exchange.Merge] does for every format.
func Merge(wb *Workbook, docs map[string]*Current, prefer Prefer) *Result {
	r := exchange.Merge(wb.Exchange(), docs, prefer)
	res := &Result{Translations: r.Translations, Reviews: r.Reviews, Extras: r.Extras, Imported: r.Imported, Confirmed: r.Confirmed,
		Reviewed: r.Reviewed, Changed: r.Changed, Unchanged: r.Unchanged}
	for _, p := range r.Problems {
		res.Problems = append(res.Problems, wb.problem(p))
	}
	return res
}

// Exchange returns the workbook's rows as an exchange file. Its problems
// are the workbook's, placed at their cells; a row whose hidden columns do
// not match the export is rejected.
func (wb *Workbook) Exchange() *exchange.File {
	f := &exchange.File{Name: wb.File, Locale: wb.Locale,
		Terms: exchange.Terms{Unit: "row", Part: "sheet", Prefer: "sheet", Target: "the Translation column"},
		Locate: func(part, pos int, fl exchange.Field) exchange.Place {
			sh := wb.Sheets[part]
			p := &Problem{File: wb.File, Sheet: sh.Name, Row: pos, sheetIndex: sh.index}
			if pos > 0 {
				p.Col = fieldCol[fl]
			}
			return p.place()
		}}
	for _, p := range wb.Problems {
		f.Problems = append(f.Problems, &exchange.Problem{File: p.File, Place: p.place(), Level: p.Level, Err: p.Err})
	}
	for _, sh := range wb.Sheets {
		part := exchange.Part{Doc: sh.Doc, Label: "sheet " + quoteSheet(sh.Name), Entries: make([]exchange.Entry, 0, len(sh.Rows))}
		for _, r := range sh.Rows {
			if x, ok, err := extraEntry(sh.Doc, &r); ok {
				switch {
				case err != nil:
					pr := &Problem{File: wb.File, Sheet: sh.Name, Row: r.Num, Col: colSourceHash, Level: LevelRejected, sheetIndex: sh.index,
						Err: fmt.Errorf("%w: the hidden columns J:M of this extra paragraph's row do not match the export; undo the edit, or export a new workbook (the row was not imported)", err)}
					f.Problems = append(f.Problems, &exchange.Problem{File: pr.File, Place: pr.place(), Level: pr.Level, Err: pr.Err})
				case !r.Bad:
					part.Extras = append(part.Extras, x)
				}
				continue
			}
			e := exchange.Entry{ID: r.ID, Source: r.Source, HasBase: true,
				Base: exchange.Base{SourceHash: r.SourceHash, TrFP: r.TrFP, ReviewFP: r.ReviewFP},
				Text: r.Translation, Status: r.Status, Note: r.Note, Bad: r.Bad, Pos: r.Num}
			if r.ID != "" && rowCheck(sh.Doc, r.ID, r.SourceHash, r.TrFP, r.ReviewFP) != r.Check {
				e.BaseErr = fmt.Errorf("%w: the ID or the hidden columns J:M of this row do not match the export; undo the edit, or export a new workbook (the row was not imported)", ErrHiddenEdited)
			}
			part.Entries = append(part.Entries, e)
		}
		f.Parts = append(f.Parts, part)
	}
	return f
}

// fieldCol is the column of each field of a row.
var fieldCol = map[exchange.Field]int{
	exchange.FieldID: colID, exchange.FieldSource: colSource, exchange.FieldTranslation: colTranslation,
	exchange.FieldStatus: colStatus, exchange.FieldBase: colSourceHash,
}

// place returns the problem's place for the exchange layer.
func (p *Problem) place() exchange.Place {
	return exchange.Place{Cell: p.Cell(), Line: p.Row, Col: p.Col, Order: [3]int{p.sheetIndex, p.Row, p.Col}}
}

// problem turns an exchange problem of the workbook back into one placed
// at its sheet, row and column.
func (wb *Workbook) problem(p *exchange.Problem) *Problem {
	out := &Problem{File: p.File, Row: p.Place.Order[1], Col: p.Place.Order[2], Level: p.Level, Err: p.Err, sheetIndex: p.Place.Order[0]}
	if p.Place.Cell != "" {
		for _, sh := range wb.Sheets {
			if sh.index == out.sheetIndex {
				out.Sheet = sh.Name
			}
		}
	}
	return out
}
