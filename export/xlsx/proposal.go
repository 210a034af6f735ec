package xlsx

import (
	"math"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/export/exchange"
)

// Drafts in the Translation column: verso align's proposals and the
// extra paragraphs.
//
// A missing row whose unit has a proposal ([exchange.Unit.Proposal]) is
// exported with the proposal in its Translation cell and its status
// needs-review: italic blue on lavender while it is so, a proposal nobody
// decided yet. Setting the status to approved accepts it on import (see
// [exchange.Decide]); editing the text makes it the translator's.
//
// An extra paragraph ([align.Extra]) gets a row of its own after the row
// of the segment it follows (or before the first row): no ID, kind and
// state "extra", a read-only explanation in the Source column, its text in
// the Translation cell on green. Hidden cells: J "extra", K the fingerprint
// of the text as exported ([exchange.ExtraFingerprint]), L the ID it
// follows ("-": the start), M the row check. On import, an emptied cell
// drops the paragraph, an edited one keeps the new text, and a paragraph
// whose text the translator pasted into the translation of the segment
// before or after it has found its place and is dropped.

// extraMarker is the source hash cell (J) of an extra paragraph's row.
const extraMarker = "extra"

// draftFormats are the conditional formats that mark drafts in the
// Translation column, first in its list.
func draftFormats(f *excelize.File) ([]excelize.ConditionalFormatOptions, error) {
	prop, err := f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Italic: true, Color: "1F4E79"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E4DFEC"}}})
	if err != nil {
		return nil, err
	}
	extra, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E2EFDA"}}})
	if err != nil {
		return nil, err
	}
	return []excelize.ConditionalFormatOptions{
		{Type: "formula", StopIfTrue: true, Format: &prop,
			Criteria: `AND($C2="` + string(align.Missing) + `",LEN(TRIM($F2))>0,TRIM($H2)="` + align.NeedsReview + `")`},
		{Type: "formula", StopIfTrue: true, Format: &extra, Criteria: `$C2="` + extraMarker + `"`},
	}, nil
}

// placeExtras sorts the extra paragraphs by the row they follow: before
// the first row those at the start, and those whose segment has no row
// (which exchange.Units does not leave out, but a retired ID may be
// named); after, by segment ID.
func placeExtras(rows []row, extras []align.Extra) (before []align.Extra, after map[string][]align.Extra) {
	after = map[string][]align.Extra{}
	has := make(map[string]bool, len(rows))
	for _, r := range rows {
		has[r.Seg.ID] = true
	}
	for _, x := range extras {
		if x.After != "" && has[x.After] {
			after[x.After] = append(after[x.After], x)
		} else {
			before = append(before, x)
		}
	}
	return before, after
}

// extraValues fills vals with the row of an extra paragraph.
func extraValues(vals []any, st *styles, docName string, x align.Extra) []any {
	for i := range vals {
		vals[i] = nil
	}
	after := x.After
	where := "the start of the document"
	if after == "" {
		after = "-"
	} else {
		where = "segment " + x.After
	}
	fp := exchange.ExtraFingerprint(x.After, x.Text)
	vals[colKind-1] = excelize.Cell{StyleID: st.muted, Value: extraMarker}
	vals[colState-1] = excelize.Cell{StyleID: st.muted, Value: extraMarker}
	vals[colSource-1] = excelize.Cell{StyleID: st.muted, Value: "(no source segment: a paragraph of the translation after " + where +
		". Move its text into the Translation of the row above or below, or empty the cell to drop it.)"}
	vals[colTranslation-1] = excelize.Cell{StyleID: st.edit, Value: x.Text}
	vals[colSourceHash-1] = excelize.Cell{StyleID: st.hidden, Value: extraMarker}
	vals[colTrFP-1] = excelize.Cell{StyleID: st.hidden, Value: fp}
	vals[colReviewFP-1] = excelize.Cell{StyleID: st.hidden, Value: after}
	vals[colCheck-1] = excelize.Cell{StyleID: st.hidden, Value: rowCheck(docName, "", extraMarker, fp, after)}
	return vals
}

// extraHeight is the height of an extra paragraph's row.
func extraHeight(x align.Extra) float64 {
	n := max(wrapLines(x.Text, colWidths[colTranslation]), 3)
	return math.Min(409, 15*float64(n)+4)
}

// extraEntry turns a row read back into an extra paragraph's entry; ok is
// false when the row is not one.
func extraEntry(doc string, r *Row) (e exchange.ExtraEntry, ok bool, err error) {
	if r.ID != "" || r.SourceHash != extraMarker {
		return e, false, nil
	}
	if rowCheck(doc, "", extraMarker, r.TrFP, r.ReviewFP) != r.Check {
		return e, true, ErrHiddenEdited
	}
	after := r.ReviewFP
	if after == "-" {
		after = ""
	}
	return exchange.ExtraEntry{After: after, Base: r.TrFP, Text: r.Translation, Pos: r.Num}, true, nil
}
