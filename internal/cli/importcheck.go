package cli

import (
	"fmt"
	"slices"
	"strings"

	"verso/align"
	"verso/export/exchange"
	"verso/export/xlsx"
	"verso/internal/history"
	"verso/internal/project"
)

// fromHere refuses a workbook exported from another repository: its
// recorded repository differs from this one's, or none of its documents
// was ever in this repository (neither a source nor one removed).
func fromHere(p *project.Project, wb *xlsx.Workbook) error {
	var docs []string
	known := false
	for _, sh := range wb.Sheets {
		docs = append(docs, sh.Doc)
		known = known || p.Doc(sh.Doc) != nil || slices.ContainsFunc(p.Gone, func(g *project.Gone) bool { return g.Name == sh.Doc })
	}
	if wb.Repository != "" {
		if here := history.RepoID(p.Root); here != "" && here != wb.Repository {
			return fmt.Errorf("made in another repository (%s; this one is %s; documents %s); import it in the repository it was exported from, or export a new workbook here",
				wb.Repository, here, strings.Join(docs, ", "))
		}
	}
	if !known && len(docs) > 0 {
		return fmt.Errorf("made in another repository (documents %s; none of them is, or was, in this one); import it in the repository it was exported from, or export a new workbook here",
			strings.Join(docs, ", "))
	}
	return nil
}

// scriptWarnings warns about translations typed in another script than
// the locale's (Cyrillic in the English workbook), as verso align refuses
// a file in the wrong script: entries whose translation differs from the
// repository's and is written in the wrong script are imported, with a
// warning at their translation.
func scriptWarnings(p *project.Project, f *exchange.File) exchange.Problems {
	var out exchange.Problems
	for pi, part := range f.Parts {
		d := p.Doc(part.Doc)
		if d == nil {
			continue
		}
		current := map[string]string{}
		for _, t := range p.TranslationsOf(d, f.Locale).Items {
			current[t.ID] = align.Normalize(t.Text)
		}
		for _, en := range part.Entries {
			text := align.Normalize(en.Text)
			if en.Bad || text == "" || text == current[en.ID] {
				continue
			}
			if got, want := align.TextScriptMismatch(f.Locale, d.Format, text); got != "" {
				out = append(out, &exchange.Problem{File: f.Name, Place: f.Locate(pi, en.Pos, exchange.FieldTranslation), Level: exchange.LevelWarning,
					Err: fmt.Errorf("written in the %s script, but %s is written in %s: is it the right file, or the right %s? (imported)", got, f.Locale, want, f.Terms.Unit)})
			}
		}
	}
	return out
}

// keepLong rejects the rows that would replace a stored translation longer
// than a cell holds: the workbook showed only its beginning (see
// xlsx.Write), so a cell that no longer reads as that unchanged
// beginning, such as one a spreadsheet cut at its limit, would shorten it.
func keepLong(p *project.Project, wb *xlsx.Workbook) {
	for _, sh := range wb.Sheets {
		d := p.Doc(sh.Doc)
		if d == nil {
			continue
		}
		long := map[string]int{}
		for _, t := range p.TranslationsOf(d, wb.Locale).Items {
			if n := utf16Len(t.Text); n > xlsx.MaxCellChars {
				long[t.ID] = n
			}
		}
		if len(long) == 0 {
			continue
		}
		tr := p.TranslationsOf(d, wb.Locale).Path
		for i := range sh.Rows {
			r := &sh.Rows[i]
			if n, ok := long[r.ID]; ok && !r.Bad && r.Translation != "" {
				r.Bad = true
				wb.Problems = append(wb.Problems, &xlsx.Problem{File: wb.File, Sheet: sh.Name, Row: r.Num, Col: xlsx.TranslationCol, Level: xlsx.LevelRejected,
					Err: fmt.Errorf("%w: the translation of %s in %s has %d characters, more than a cell holds, and the workbook can only show its beginning; importing this cell would cut it, so edit it in %s (the row was not imported)", xlsx.ErrTooLong, r.ID, tr, n, tr)})
			}
		}
	}
}

// utf16Len counts UTF-16 code units, as spreadsheets count characters.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
