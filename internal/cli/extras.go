package cli

import (
	"fmt"
	"strings"

	"verso/align"
	"verso/export/exchange"
	"verso/internal/diag"
	"verso/internal/project"
)

func init() {
	checkRules["extra"] = "A paragraph of a translation that faces no source segment (found by verso align), kept in the review file until it is moved into a translation or dropped."
}

// checkExtraJSON is an extra paragraph in check's JSON report.
type checkExtraJSON struct {
	After string `json:"after"` // the segment it follows; "" at the start
	Text  string `json:"text"`
	Path  string `json:"path"` // the review file
	Line  int    `json:"line"`
}

// extraDiags returns check's warnings about the extra paragraphs of a
// document in a locale, and their JSON form.
func extraDiags(d *project.Doc, locale string) (diag.List, []checkExtraJSON) {
	t := d.Translations[locale]
	if t == nil || len(t.Extras) == 0 {
		return nil, []checkExtraJSON{}
	}
	var list diag.List
	out := make([]checkExtraJSON, 0, len(t.Extras))
	for _, x := range t.Extras {
		out = append(out, checkExtraJSON{After: x.After, Text: x.Text, Path: t.ReviewPath, Line: x.Line})
		list = append(list, extraDiag(t.ReviewPath, locale, x))
	}
	return list, out
}

// extraDiag is the warning about one extra paragraph.
func extraDiag(path, locale string, x align.Extra) diag.Diagnostic {
	where, into := "at the start", "the first segment"
	if x.After != "" {
		where, into = "after "+x.After, x.After+" or the next segment"
	}
	return diag.Diagnostic{File: path, Line: x.Line, Severity: diag.Warning, Code: "extra",
		Title:   fmt.Sprintf("extra paragraph %s (%s)", where, locale),
		Message: fmt.Sprintf("%s: extra %s: %s", locale, where, align.Excerpt(x.Text, 40)),
		Hint:    fmt.Sprintf("a paragraph of the translation that faces no segment; move it into the translation of %s (the review workbook shows it), or delete the line", into)}
}

// importDrafts says what an import did with verso align's drafts: the
// proposals accepted, the extra paragraphs placed, dropped or edited; ""
// when none.
func importDrafts(res *exchange.Result) string {
	var parts []string
	if res.Accepted > 0 {
		parts = append(parts, fmt.Sprintf("%s of verso align accepted", plural(res.Accepted, "proposal")))
	}
	if n := res.ExtrasPlaced + res.ExtrasDropped + res.ExtrasEdited; n > 0 {
		parts = append(parts, fmt.Sprintf("extra paragraphs: %d moved into a translation, %d dropped, %d edited",
			res.ExtrasPlaced, res.ExtrasDropped, res.ExtrasEdited))
	}
	return strings.Join(parts, "; ")
}
