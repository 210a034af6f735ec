package cli

import (
	"fmt"

	"verso/align"
	"verso/internal/diag"
	"verso/internal/project"
)

// checkRules describe check's diagnostic codes, for SARIF.
var checkRules = map[string]string{
	"missing":            "A segment of the source has no translation.",
	"stale":              "A translation was made from an older source text.",
	"orphaned":           "A translation whose segment is gone from the source.",
	"needs-review":       "A translation flagged needs-review in the review file.",
	"markup":             "A translation whose links, code spans or footnote references differ from its source's.",
	"record-out-of-date": "The ID record does not match its source; run verso sync.",
	"orphaned-all":       "Every translation of a document is orphaned: its source was truncated or replaced.",
	"gone":               "Translations of a document whose source is gone.",
}

// checkDiag is one finding of check about a segment: errors for missing
// and stale translations, warnings with what to do for the others.
func checkDiag(path string, line int, locale, state, id, text string) diag.Diagnostic {
	d := diag.Diagnostic{File: path, Line: line, Severity: diag.Error, Code: state,
		Title:   fmt.Sprintf("%s translation %s (%s)", state, id, locale),
		Message: fmt.Sprintf("%s: %s %s: %s", locale, state, id, align.Excerpt(text, 40))}
	switch state {
	case "markup":
		d.Message = fmt.Sprintf("%s: %s %s: %s; carry the source's links, code and footnote references over as they are", locale, state, id, text)
	case "orphaned":
		d.Severity, d.Hint = diag.Warning, "its segment is gone from the source; delete it or move the text to the new segment"
	case "needs review":
		d.Severity, d.Code, d.Hint = diag.Warning, "needs-review", "flagged in the review file; review it in the spreadsheet (verso sheet export) and approve it"
	}
	return d
}

// wholesaleDiag is check's finding about a whole translation file: every
// translation of a document orphaned (code "orphaned-all"), or of a
// document that is gone ("gone"). The message says what to do.
func wholesaleDiag(path string, line int, locale, code, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: path, Line: line, Severity: diag.Error, Code: code,
		Title: fmt.Sprintf("orphaned translations (%s)", locale), Message: msg}
}

// segDiag is check's finding about a missing or stale segment.
func segDiag(d *project.Doc, locale string, it align.Item) diag.Diagnostic {
	s := d.Segments[it.Index]
	return checkDiag(d.Path, s.Line, locale, string(it.State), it.ID, s.Text)
}

// writeCheck prints check's findings in a format: errors first, then
// warnings; the machine formats also carry out-of-date ID records (text
// has them on stderr already).
func writeCheck(e *env, p *project.Project, f diag.Format, out checkJSON, errs, warns diag.List) error {
	if f == diag.JSON {
		return writeJSON(e.stdout, out)
	}
	r := &diag.Report{Tool: "verso check", Rules: checkRules, Diagnostics: append(errs, warns...)}
	for _, d := range p.Docs {
		r.Checked = append(r.Checked, d.Path)
		if !d.RecordCurrent && f != diag.Text {
			r.Diagnostics = append(r.Diagnostics, diag.Diagnostic{File: d.RecordPath, Severity: diag.Warning,
				Code: "record-out-of-date", Message: "ID record out of date; run verso sync and commit it"})
		}
	}
	return diag.Write(e.stdout, f, r)
}
