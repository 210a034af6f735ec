package xlsx

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"verso/export/apparatus"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/export/exchange"
)

// Doc is one document's part of a workbook: its state in the locale.
type Doc = exchange.Doc

// Options configures Write. The zero value exports the segments that need
// work: missing, stale, or flagged needs-review.
type Options struct {
	// SourceLang is the BCP 47 language of the sources, for the header.
	// Default "source".
	SourceLang string
	// All exports every segment, not only missing, stale and needs-review
	// ones.
	All bool
	// Created is the creation time written to the document properties.
	// Default: the zero time is left out.
	Created time.Time
	// Repository identifies the repository the workbook is exported from
	// (any string; verso uses its first git commit), so that an import
	// into another one is told as such. Empty: not recorded.
	Repository string
}

// DocSummary counts what was exported of one document: Rows in all (with
// the headings included for context), Missing and Stale by state, and
// Review the translated rows flagged needs-review.
type DocSummary struct {
	Doc, Sheet                   string
	Rows, Missing, Stale, Review int
	// Extra counts the rows of extra paragraphs (not in Rows).
	Extra int
}

// Summary tells what Write exported.
type Summary struct {
	Locale string
	Docs   []DocSummary
}

// Total returns the counts over all documents, with Doc and Sheet empty.
func (s *Summary) Total() DocSummary {
	var t DocSummary
	for _, d := range s.Docs {
		t.Rows, t.Missing, t.Stale, t.Review = t.Rows+d.Rows, t.Missing+d.Missing, t.Stale+d.Stale, t.Review+d.Review
	}
	return t
}

// Column widths in Excel units (the width of a "0"): Chinese characters
// take two.
var colWidths = [numCols + 1]float64{
	colID: 9, colKind: 12, colState: 11, colSource: 46, colOldSource: 40,
	colTranslation: 58, colPrevious: 46, colStatus: 14, colNote: 26,
	colSourceHash: 12, colTrFP: 12, colReviewFP: 12, colCheck: 12, colSuggestion: 46,
}

// unknownOldSource is shown in the old source column when history does not
// have it.
const unknownOldSource = "(not in the repository history)"

// styles are the cell styles of a workbook.
type styles struct {
	header, locked, heading, edit, editHeading, hidden, muted int
	title, text, bold                                         int
}

func newStyles(f *excelize.File) (*styles, error) {
	var s styles
	var err error
	mk := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	top := &excelize.Alignment{WrapText: true, Vertical: "top"}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
	headingFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
	mk(&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Protection: locked,
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 2}}})
	mk(&s.locked, &excelize.Style{Alignment: top, Protection: locked, Border: border})
	mk(&s.heading, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Protection: locked, Fill: headingFill, Border: border})
	mk(&s.edit, &excelize.Style{Alignment: top, Protection: unlocked, NumFmt: 49, Border: border})
	mk(&s.editHeading, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top, Protection: unlocked, NumFmt: 49, Fill: headingFill, Border: border})
	mk(&s.hidden, &excelize.Style{Protection: locked, NumFmt: 49})
	mk(&s.muted, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}, Alignment: top, Protection: locked, Border: border})
	mk(&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: top})
	mk(&s.text, &excelize.Style{Alignment: top})
	mk(&s.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	return &s, err
}

// row is one exported segment.
type row = exchange.Unit

// oldText returns the old source text shown for a stale row.
func oldText(r *row) string {
	if r.State != align.Stale {
		return ""
	}
	if !r.OldKnown {
		return unknownOldSource
	}
	return r.OldSource
}

// Write writes a review workbook of the documents' translations into their
// locale (all coverages must be of one locale). Rows are streamed, so the
// memory used does not grow with the number of rows beyond excelize's
// buffers. Write does not close w.
func Write(w io.Writer, docs []Doc, opts Options) (*Summary, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("no documents to export")
	}
	locale := docs[0].Coverage.Locale
	for _, d := range docs[1:] {
		if d.Coverage.Locale != locale {
			return nil, fmt.Errorf("documents of locales %s and %s in one workbook", locale, d.Coverage.Locale)
		}
	}
	if opts.SourceLang == "" {
		opts.SourceLang = "source"
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = d.Coverage.Doc.Name
	}
	sheets := SheetNames(names)
	sum := &Summary{Locale: locale}
	plans := make([][]row, len(docs))
	for i := range docs {
		plans[i] = exchange.Units(&docs[i], opts.All)
		c := exchange.Count(plans[i])
		sum.Docs = append(sum.Docs, DocSummary{Doc: names[i], Sheet: sheets[i], Rows: c.Units, Missing: c.Missing, Stale: c.Stale, Review: c.Review, Extra: len(docs[i].Extras)})
	}
	if err := f.SetSheetName("Sheet1", InstructionsSheet); err != nil {
		return nil, err
	}
	if err := writeInstructions(f, st, sum, opts.SourceLang); err != nil {
		return nil, err
	}
	head := header(opts.SourceLang, locale)
	for i := range docs {
		if _, err := f.NewSheet(sheets[i]); err != nil {
			return nil, err
		}
		if err := writeDocSheet(f, st, sheets[i], names[i], head, plans[i], docs[i].Extras); err != nil {
			return nil, fmt.Errorf("%s: %w", names[i], err)
		}
	}
	if err := writeManifest(f, locale, opts, docs, sum); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	if err := f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}); err != nil {
		return nil, err
	}
	props := &excelize.DocProperties{Title: "verso review workbook: " + locale, Creator: "verso",
		Language: locale, Description: "Translations into " + locale + "; import with verso sheet import."}
	if !opts.Created.IsZero() {
		props.Created = opts.Created.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := f.SetDocProps(props); err != nil {
		return nil, err
	}
	if err := f.Write(w); err != nil {
		return nil, err
	}
	return sum, nil
}

// writeDocSheet streams one document's rows. Everything sheet-level is set
// in the order the stream writer needs: columns and panes before the first
// row; conditional formats, validation and protection after the last row
// but before Flush (Flush writes the worksheet's settings once; anything
// added later is lost).
func writeDocSheet(f *excelize.File, st *styles, sheet, docName string, head []string, rows []row, extras []align.Extra) error {
	if err := fitToPage(f, sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	stale := false
	for _, r := range rows {
		stale = stale || r.State == align.Stale
	}
	for c := colID; c <= numCols; c++ {
		if err := sw.SetColWidth(c, c, colWidths[c]); err != nil {
			return err
		}
	}
	for _, c := range []int{colTranslation, colStatus, colNote} {
		if err := sw.SetColStyle(c, c, st.edit); err != nil {
			return err
		}
	}
	if err := sw.SetColVisible(colSourceHash, colCheck, false); err != nil {
		return err
	}
	if !stale {
		// Nothing to compare: keep the empty columns out of the way.
		for _, c := range []int{colOldSource, colPrevious} {
			if err := sw.SetColVisible(c, c, false); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "F2", ActiveCell: "F2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	hv := make([]any, numCols)
	for i, h := range head {
		hv[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", hv, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	vals := make([]any, numCols)
	before, after := placeExtras(rows, extras)
	n := 2 // the next row
	writeExtras := func(xs []align.Extra) error {
		for _, x := range xs {
			cell, _ := excelize.CoordinatesToCellName(1, n)
			n++
			if err := sw.SetRow(cell, extraValues(vals, st, docName, x), excelize.RowOpts{Height: extraHeight(x)}); err != nil {
				return err
			}
		}
		return nil
	}
	if err := writeExtras(before); err != nil {
		return err
	}
	for _, r := range rows {
		if err := rowValues(vals, st, docName, r); err != nil {
			return err
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		n++
		opts := excelize.RowOpts{Height: rowHeight(r)}
		if r.Seg.Kind == align.KindHeading || r.Seg.Kind == align.KindTitle {
			opts.StyleID = st.heading
		}
		if err := sw.SetRow(cell, vals, opts); err != nil {
			return err
		}
		if err := writeExtras(after[r.Seg.ID]); err != nil {
			return err
		}
	}
	last := n - 1
	if last < 2 {
		last = 2
	}
	if err := sheetSettings(f, sheet, last); err != nil {
		return err
	}
	return sw.Flush()
}

func rowValues(vals []any, st *styles, docName string, r row) error {
	s := r.Seg
	if n := utf16Len(s.Text); n > MaxCellChars {
		return fmt.Errorf("segment %s (line %d) has %d characters, more than a spreadsheet cell holds (%d); split the paragraph in the source, or translate it in the translation file", s.ID, s.Line, n, MaxCellChars)
	}
	lockedSt, editSt := st.locked, st.edit
	if s.Kind == align.KindHeading || s.Kind == align.KindTitle {
		lockedSt, editSt = st.heading, st.editHeading
	}
	if n := utf16Len(r.Review.Note); n > MaxCellChars {
		return fmt.Errorf("the translator's note of segment %s has %d characters, more than a spreadsheet cell holds (%d); shorten it in the review file", s.ID, n, MaxCellChars)
	}
	var trText, prev string
	trFP := ""
	long := false // the translation is too long for its cell: shown cut, read-only
	if r.Tr != nil {
		trFP = exchange.TrFingerprint(r.Tr.Hash, r.Tr.Text)
		trText, long = cellPreview(r.Text())
		prev, _ = cellPreview(r.Previous())
	}
	if trText == "" {
		trText = r.Proposal // a missing row's draft: see proposalFormat
	}
	flag := r.Review.Flag
	revFP := exchange.ReviewFingerprint(flag, r.Review.Note)
	heading := lockedSt == st.heading
	// Empty cells are not written: the column's style (text format,
	// unlocked, for the editable columns) or the heading row's style
	// applies to them. Only the editable cells of a heading row are
	// written empty, so that they stay unlocked.
	cell := func(style int, v string) any {
		if v == "" && !(heading && style == editSt) {
			return nil
		}
		return excelize.Cell{StyleID: style, Value: v}
	}
	vals[colID-1] = cell(lockedSt, s.ID)
	vals[colKind-1] = cell(lockedSt, s.Context())
	vals[colState-1] = cell(lockedSt, string(r.State))
	vals[colSource-1] = cell(lockedSt, s.Text)
	vals[colTranslation-1] = cell(editSt, trText)
	if long {
		vals[colTranslation-1] = cell(lockedSt, trText)
	}
	vals[colStatus-1] = cell(editSt, flag)
	vals[colNote-1] = cell(editSt, r.Review.Note)
	vals[colPrevious-1] = cell(lockedSt, prev)
	suggestion, _ := cellPreview(r.Suggestion) // a memory's translation may be longer than a cell
	vals[colSuggestion-1] = cell(st.muted, suggestion)
	oldSt := lockedSt
	if r.State == align.Stale && !r.OldKnown {
		oldSt = st.muted
	}
	old, oldCut := cellPreview(oldText(&r))
	vals[colOldSource-1] = cell(oldSt, old)
	if r.State == align.Stale && r.OldKnown && !oldCut {
		// Show what changed: the source cell's text is then the
		// normalized source, which hashes the same.
		if oldRuns, newRuns, ok := diffRuns(r.OldSource, align.Normalize(s.Text)); ok {
			vals[colOldSource-1] = excelize.Cell{StyleID: lockedSt, Value: oldRuns}
			vals[colSource-1] = excelize.Cell{StyleID: lockedSt, Value: newRuns}
		}
	}
	vals[colSourceHash-1] = cell(st.hidden, s.Hash)
	vals[colTrFP-1] = cell(st.hidden, trFP)
	vals[colReviewFP-1] = cell(st.hidden, revFP)
	vals[colCheck-1] = cell(st.hidden, rowCheck(docName, s.ID, s.Hash, trFP, revFP))
	return nil
}

// sheetSettings adds the conditional formats, the status drop-down,
// protection and page setup of a document sheet whose data rows are
// 2..last. With a stream writer it must run before Flush.
func sheetSettings(f *excelize.File, sheet string, last int) error {
	rng := func(col int) string {
		a, _ := excelize.CoordinatesToCellName(col, 2)
		b, _ := excelize.CoordinatesToCellName(col, last)
		return a + ":" + b
	}
	yellow, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}})
	if err != nil {
		return err
	}
	orange, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F8CBAD"}}})
	if err != nil {
		return err
	}
	// Stale and still empty: orange; empty: yellow. The state cell keeps
	// its colour so that the row can be found again.
	marks, err := draftFormats(f)
	if err != nil {
		return err
	}
	if err := f.SetConditionalFormat(sheet, rng(colTranslation), append(marks,
		excelize.ConditionalFormatOptions{Type: "formula", Criteria: `AND($C2="stale",LEN(TRIM($F2))=0)`, Format: &orange, StopIfTrue: true},
		excelize.ConditionalFormatOptions{Type: "formula", Criteria: `LEN(TRIM($F2))=0`, Format: &yellow},
	)); err != nil {
		return err
	}
	if err := f.SetConditionalFormat(sheet, rng(colState), []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: `$C2="stale"`, Format: &orange, StopIfTrue: true},
		{Type: "formula", Criteria: `$C2="missing"`, Format: &yellow},
	}); err != nil {
		return err
	}
	// A status to act on: needs-review, lavender.
	lavender, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E4DFEC"}}})
	if err != nil {
		return err
	}
	if err := f.SetConditionalFormat(sheet, rng(colStatus), []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: `TRIM($H2)="` + align.NeedsReview + `"`, Format: &lavender},
	}); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = rng(colStatus)
	if err := dv.SetDropList(Statuses); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Status", "Choose needs-review or approved, or leave the cell empty.")
	dv.SetInput("Status", "needs-review: to be checked; approved: checked and accepted (on a stale row with the translation cell empty: the previous translation is confirmed); empty: no flag.")
	if err := f.AddDataValidation(sheet, dv); err != nil {
		return err
	}
	if err := f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}); err != nil {
		return err
	}
	return pageSetup(f, sheet)
}

// fitToPage turns on the fit-to-page print option. It is a sheet property
// (sheetPr), which the stream writer writes when it is created: call it
// before NewStreamWriter.
func fitToPage(f *excelize.File, sheet string) error {
	yes := true
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes})
}

func pageSetup(f *excelize.File, sheet string) error {
	landscape, one, zero, a4 := "landscape", 1, 0, 9
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1", Scope: sheet})
}

// rowHeight estimates the height in points that shows the whole text of
// the row's wrapped cells. An empty translation cell is given room for a
// translation as long as the source.
func rowHeight(r row) float64 {
	n := 1
	lines := func(text string, col int) int { return wrapLines(text, colWidths[col]) }
	n = max(n, lines(r.Seg.Text, colSource), lines(r.Seg.Context(), colKind))
	if r.State == align.Translated && r.Tr != nil {
		n = max(n, lines(r.Tr.Text, colTranslation))
	} else {
		// A translation from Chinese is about 1.5 times as wide.
		est := int(math.Ceil(float64(displayWidth(r.Seg.Text)) * 1.5 / (colWidths[colTranslation] - 2)))
		n = max(n, est)
	}
	if r.State == align.Stale {
		if r.Tr != nil {
			n = max(n, lines(r.Tr.Text, colPrevious))
		}
		n = max(n, lines(oldText(&r), colOldSource))
	}
	n = max(n, lines(r.Review.Note, colNote))
	n = max(n, lines(r.Suggestion, colSuggestion))
	return math.Min(409, 15*float64(n)+4)
}

// wrapLines estimates the lines text takes in a wrapped column of the
// given width: Latin and Cyrillic letters take about one unit, wide
// characters two.
func wrapLines(text string, width float64) int {
	if text == "" {
		return 1
	}
	usable := width - 2
	n := 0
	for _, ln := range strings.Split(text, "\n") {
		w := float64(displayWidth(ln)) * 1.08
		n += max(1, int(math.Ceil(w/usable)))
	}
	return n
}

// displayWidth estimates the width of s in columns: East Asian wide and
// fullwidth characters take two, others one. It is a fast stand-in for a
// full grapheme-aware width, good enough to size rows.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf && r != 0x303f ||
			r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f ||
			r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6 || r >= 0x20000 && r <= 0x3fffd) {
			n++
		}
	}
	return n
}

// cellPreview returns text as a cell can hold it: the text itself when it
// fits (cut false), else its beginning followed by a marker that says how
// much is not shown and carries a fingerprint of the beginning. A cell
// never silently loses text: Read recognizes an unchanged preview as "no
// change" and refuses an edited one (see readPreview), so the stored
// translation stays whole.
func cellPreview(text string) (shown string, cut bool) {
	n := utf16Len(text)
	if n <= MaxCellChars {
		return text, false
	}
	// Room for the marker with the largest count and a fingerprint.
	room := MaxCellChars - utf16Len(fmt.Sprintf(previewMarker, n, "000000000000"))
	end, units := 0, 0
	for i, r := range text {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > room {
			end = i
			break
		}
		units += u
	}
	head := text[:end]
	return head + fmt.Sprintf(previewMarker, n-units, exchange.Fingerprint("preview", head)[:12]), true
}

// previewMarker ends a cut cell: the number of characters (UTF-16 code
// units) not shown and the fingerprint of what is shown.
const previewMarker = "\n[verso: %d more characters not shown: the text is longer than a spreadsheet cell holds and is kept whole in the repository; this cell cannot be edited here, edit the translation file instead (%s)]"

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// writeInstructions fills the first sheet.
func writeInstructions(f *excelize.File, st *styles, sum *Summary, sourceLang string) error {
	sh := InstructionsSheet
	tl := wordsOf(sum.Locale)
	if tl != nil && tl.name == english.name {
		tl = english
	}
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(sh, cell, cell, style)
	}
	if err := f.SetColWidth(sh, "A", "A", 70); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", 70); err != nil {
		return err
	}
	rowN := 1
	title := apparatus.For(apparatus.Fallback).Say("WorkbookTitle", map[string]any{"Source": sourceLang, "Target": sum.Locale})
	if err := set("A1", title, st.title); err != nil {
		return err
	}
	rowN = 3
	if tl != nil && tl != english {
		if err := set("A3", english.name, st.bold); err != nil {
			return err
		}
		if err := set("B3", tl.name, st.bold); err != nil {
			return err
		}
		rowN = 4
	}
	for i, p := range english.intro {
		style := st.text
		if i == 0 {
			style = st.bold
		}
		a := fmt.Sprintf("A%d", rowN)
		if err := set(a, p, style); err != nil {
			return err
		}
		h := wrapLines(p, 70)
		if tl != nil && tl != english {
			if err := set(fmt.Sprintf("B%d", rowN), tl.intro[i], style); err != nil {
				return err
			}
			h = max(h, wrapLines(tl.intro[i], 70))
		}
		if err := f.SetRowHeight(sh, rowN, 15*float64(h)+4); err != nil {
			return err
		}
		rowN++
	}
	if tl == nil {
		if err := set(fmt.Sprintf("A%d", rowN), apparatus.For(apparatus.Fallback).Say("WorkbookNoWords", map[string]any{"Lang": sum.Locale}), st.muted); err != nil {
			return err
		}
		rowN++
	}
	rowN++
	// Counts: one table in English, headed in both languages.
	cw := english.counts
	if tl != nil && tl != english {
		for i := range cw {
			cw[i] += " / " + tl.counts[i]
		}
	}
	if err := f.SetColWidth(sh, "C", "E", 24); err != nil {
		return err
	}
	for i, h := range cw {
		c, _ := excelize.CoordinatesToCellName(i+1, rowN)
		if err := set(c, h, st.header); err != nil {
			return err
		}
	}
	rowN++
	for _, d := range sum.Docs {
		vals := []any{d.Sheet, d.Missing, d.Stale, d.Review, d.Rows}
		for i, v := range vals {
			c, _ := excelize.CoordinatesToCellName(i+1, rowN)
			if err := set(c, v, st.text); err != nil {
				return err
			}
		}
		rowN++
	}
	t := sum.Total()
	total := apparatus.For(apparatus.Fallback).Say("CountTotal", nil)
	if tl != nil && tl != english {
		total += " / " + apparatus.For(sum.Locale).Say("CountTotal", nil)
	}
	for i, v := range []any{total, t.Missing, t.Stale, t.Review, t.Rows} {
		c, _ := excelize.CoordinatesToCellName(i+1, rowN)
		if err := set(c, v, st.bold); err != nil {
			return err
		}
	}
	rowN += 2
	columns := english.columnsTitle
	if tl != nil && tl != english {
		columns += " / " + tl.columnsTitle
	}
	if err := set(fmt.Sprintf("A%d", rowN), columns, st.bold); err != nil {
		return err
	}
	rowN++
	for i, ch := range columnHelp {
		name, help := ch[0], ch[1]
		h := wrapLines(help, 70)
		if tl != nil && tl != english && i < len(tl.columns) {
			local := tl.suggestion
			if i < len(tl.header) {
				local = tl.header[i]
			}
			name += " / " + local
			help += "\n" + tl.columns[i]
			h += wrapLines(tl.columns[i], 70)
		}
		if err := set(fmt.Sprintf("A%d", rowN), name, st.text); err != nil {
			return err
		}
		if err := set(fmt.Sprintf("B%d", rowN), help, st.text); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, rowN, 15*float64(h)+2); err != nil {
			return err
		}
		rowN++
	}
	if err := fitToPage(f, sh); err != nil {
		return err
	}
	if err := pageSetup(f, sh); err != nil {
		return err
	}
	return f.ProtectSheet(sh, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true})
}

// writeManifest writes the hidden sheet that tells Read what was exported.
func writeManifest(f *excelize.File, locale string, opts Options, docs []Doc, sum *Summary) error {
	if _, err := f.NewSheet(ManifestSheet); err != nil {
		return err
	}
	rows := [][]any{
		{"format", Format},
		{"locale", locale},
		{"source-language", opts.SourceLang},
	}
	if opts.Repository != "" {
		rows = append(rows, []any{"repository", opts.Repository})
	}
	rows = append(rows, []any{"kind", "sheet", "document", "source", "rows"})
	for i, d := range sum.Docs {
		rows = append(rows, []any{"document", d.Sheet, d.Doc, docs[i].Coverage.Doc.Path, d.Rows + d.Extra})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(ManifestSheet, cell, &r); err != nil {
			return err
		}
	}
	if err := f.ProtectSheet(ManifestSheet, &excelize.SheetProtectionOptions{}); err != nil {
		return err
	}
	return f.SetSheetVisible(ManifestSheet, false, true)
}
