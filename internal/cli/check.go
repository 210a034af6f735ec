package cli

import (
	"fmt"
	"slices"
	"strings"

	"verso/align"
	"verso/align/qa"
	"verso/internal/diag"
	"verso/internal/project"
)

func init() {
	registerLegacy("check", "fail when required locales have missing or stale translations (for CI)", runCheck)
}

type checkDocJSON struct {
	Doc             string           `json:"doc"`
	Path            string           `json:"path"`
	TranslationPath string           `json:"translation_path"`
	OK              bool             `json:"ok"`
	Missing         []string         `json:"missing"`
	Stale           []string         `json:"stale"`
	Orphaned        []string         `json:"orphaned"`
	NeedsReview     []string         `json:"needs_review"`
	Markup          []string         `json:"markup"`
	Extra           []checkExtraJSON `json:"extra"`
	Counts          map[string]int   `json:"counts"`
	// Gone is set for a document whose source is gone while its
	// translations remain; OrphanedAll when every translation is orphaned.
	Gone        bool `json:"gone,omitempty"`
	OrphanedAll bool `json:"orphaned_all,omitempty"`
}

type checkLocaleJSON struct {
	Locale    string         `json:"locale"`
	Required  bool           `json:"required"`
	OK        bool           `json:"ok"`
	Documents []checkDocJSON `json:"documents"`
}

type checkJSON struct {
	OK      bool              `json:"ok"`
	Locales []checkLocaleJSON `json:"locales"`
	QA      []qaProblemJSON   `json:"qa,omitempty"` // with --qa
	// Errors are the files that did not load (the rest was checked).
	Errors []loadErrJSON `json:"errors,omitempty"`
}

type loadErrJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func runCheck(e *env, args []string) int {
	fs := newFlags(e, "check", "[--locale L]... [--qa] [--format text|json|github|sarif|junit]",
		"Checks the translations of the required locales (verso.toml required) and of every locale named\n"+
			"with --locale. Exits 1 when one of them has missing or stale segments, or translations orphaned\n"+
			"wholesale: a document whose source is gone, or one none of whose translations belongs to a\n"+
			"segment any more (a truncated or replaced source). Other orphaned translations (IDs no longer\n"+
			"in the source) are warnings; verso prune deletes them. A file that does not load is reported\n"+
			"and the rest checked; the exit code is then 2.")
	var locales multiFlag
	fs.Var(&locales, "locale", "also check this locale (repeatable)")
	format := fs.String("format", "text", "output format: text (file:line: locale: state id: excerpt), json, github (workflow annotations), sarif (SARIF 2.1.0, for code scanning) or junit (JUnit XML, for CI test reports)")
	withQA := fs.Bool("qa", false, "also run verso qa's checks on the checked locales and lint the sources; their errors fail the check")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "verso check: unexpected argument %q\n", pos[0])
		return ExitUsage
	}
	if _, err := diag.ParseFormat(*format); err != nil {
		fmt.Fprintf(e.stderr, "verso check: %v\n", err)
		return ExitUsage
	}
	// A file that does not load is reported, and the rest checked.
	p, loadErr := project.LoadWith(e.dir, project.Options{})
	if loadErr == nil {
		loadErr = p.Err(nil)
	}
	if loadErr != nil {
		if p == nil {
			reportLoadError(e, *format, loadErr)
			return e.fail("check", loadErr)
		}
		e.fail("check", loadErr)
	}
	e.warnRecords(p)
	check, err := checkedLocales(p, locales)
	if err != nil {
		fmt.Fprintf(e.stderr, "verso check: %v\n", err)
		return ExitUsage
	}
	if len(check) == 0 {
		fmt.Fprintln(e.stderr, "verso check: no required locales in verso.toml and none named with --locale; nothing to check")
	}
	out := checkJSON{OK: true, Locales: []checkLocaleJSON{}}
	var errs, warns diag.List
	for _, l := range check {
		lj := checkLocaleJSON{Locale: l, Required: p.Config.IsRequired(l), OK: true}
		for _, d := range p.Docs {
			if d.Translations[l].Bad {
				// Reported above; the other documents are checked.
				lj.OK = false
				continue
			}
			dj, de, dw := checkDocument(d, l)
			errs, warns = append(errs, de...), append(warns, dw...)
			lj.OK = lj.OK && dj.OK
			lj.Documents = append(lj.Documents, dj)
		}
		gj, ge := checkGone(p, l)
		if len(gj) > 0 {
			lj.OK = false
			lj.Documents = append(lj.Documents, gj...)
			errs = append(errs, ge...)
		}
		out.OK = out.OK && lj.OK
		out.Locales = append(out.Locales, lj)
	}
	if loadErr != nil {
		out.OK = false
		for _, pe := range diag.From(".", loadErr) {
			out.Errors = append(out.Errors, loadErrJSON{pe.File, pe.Line, pe.Message})
		}
		if diag.Format(*format) != diag.Text {
			// The text format has them on stderr already.
			errs = append(loadDiags(loadErr), errs...)
		}
	}
	var qaFound []qa.Problem
	if *withQA {
		if qaFound, err = qaProblems(p, check, p.Docs, true); err != nil {
			return e.fail("check", err)
		}
		out.QA = qaJSON(qaFound)
		errs = append(errs, qaDiagnostics(qaFound, diag.Format(*format))...)
	}
	if err := writeCheck(e, p, diag.Format(*format), out, errs, warns); err != nil {
		return e.fail("check", err)
	}
	for _, lj := range out.Locales {
		e.checkSummary(p, lj)
	}
	qaFailed := *withQA && summarizeQA(e.stderr, "check --qa", check, qaFound) > 0
	if loadErr != nil {
		return ExitUsage
	}
	if qaFailed || !out.OK {
		return ExitProblems
	}
	return ExitOK
}

// checkedLocales are the locales verso check checks: the required ones and
// those named with --locale.
func checkedLocales(p *project.Project, asked multiFlag) ([]string, error) {
	check := slices.Clone(p.Config.Required)
	named, err := selectLocales(p, asked)
	if err != nil {
		return nil, err
	}
	for _, l := range named {
		if len(asked) > 0 && !slices.Contains(check, l) {
			check = append(check, l)
		}
	}
	return check, nil
}

// checkDocument checks one document's translations into locale l: its
// report for the JSON output, the errors (missing, stale, markup,
// translations orphaned wholesale) and the warnings (orphaned, needs
// review).
func checkDocument(d *project.Doc, l string) (dj checkDocJSON, errs, warns diag.List) {
	c := d.Coverage(l)
	markup := markupDiffs(c)
	flagged := map[string]bool{}
	for _, id := range d.Translations[l].NeedsReview() {
		flagged[id] = true
	}
	dj = checkDocJSON{Doc: d.Name, Path: d.Path, TranslationPath: d.Translations[l].Path, OK: c.Complete(),
		Missing: []string{}, Stale: []string{}, Orphaned: []string{}, NeedsReview: []string{}, Markup: []string{},
		Counts: map[string]int{"total": len(d.Segments)}}
	for _, s := range align.States {
		dj.Counts[string(s)] = c.Counts[s]
	}
	for i, it := range c.Items {
		switch it.State {
		case align.Missing:
			dj.Missing = append(dj.Missing, it.ID)
			errs = append(errs, segDiag(d, l, it))
		case align.Stale:
			dj.Stale = append(dj.Stale, it.ID)
			errs = append(errs, segDiag(d, l, it))
		case align.Orphaned:
			dj.Orphaned = append(dj.Orphaned, it.ID)
			warns = append(warns, checkDiag(d.Translations[l].Path, it.Tr.Line, l, string(it.State), it.ID, it.Tr.Text))
		case align.Translated:
			// The translation must carry its source's links, code
			// and footnote references.
			if markup != nil && markup[i] != nil {
				dj.Markup = append(dj.Markup, it.ID)
				dj.OK = false
				errs = append(errs, checkDiag(d.Translations[l].Path, it.Tr.Line, l, "markup", it.ID, strings.Join(markup[i], "; ")))
			}
		}
	}
	for _, it := range c.Items {
		if it.Index < 0 || !flagged[it.ID] {
			continue
		}
		s := d.Segments[it.Index]
		dj.NeedsReview = append(dj.NeedsReview, it.ID)
		warns = append(warns, checkDiag(d.Path, s.Line, l, "needs review", it.ID, s.Text))
	}
	if n := c.Counts[align.Orphaned]; n > 0 && n == len(d.Translations[l].Items) {
		dj.OK, dj.OrphanedAll = false, true
		errs = append(errs, wholesaleDiag(d.Translations[l].Path, c.Items[len(c.Items)-n].Tr.Line, l, "orphaned-all",
			fmt.Sprintf("%s: all %s of %s are orphaned: none belongs to a segment of the source any more (was it truncated or replaced?); restore the source and run verso sync (restored paragraphs get their IDs back), or delete them with verso prune --locale %s --doc %s",
				l, plural(n, "translation"), d.Path, l, d.Name)))
	}
	var xw diag.List
	xw, dj.Extra = extraDiags(d, l)
	return dj, errs, append(warns, xw...)
}

// checkGone reports the translations into l of documents whose source is
// gone: each is an error.
func checkGone(p *project.Project, l string) ([]checkDocJSON, diag.List) {
	var docs []checkDocJSON
	var errs diag.List
	for _, g := range p.Gone {
		if g.Files[l] == "" {
			continue
		}
		n := g.Messages[l]
		docs = append(docs, checkDocJSON{Doc: g.Name, TranslationPath: g.Files[l], Gone: true, OrphanedAll: true,
			Missing: []string{}, Stale: []string{}, Orphaned: []string{}, NeedsReview: []string{}, Markup: []string{}, Counts: map[string]int{"orphaned": n}})
		errs = append(errs, wholesaleDiag(g.Files[l], 1, l, "gone",
			fmt.Sprintf("%s: %s orphaned: document %q is gone (no %s/%s.txt or .md); restore it, rename a misnamed file, or delete its translations with verso prune --doc %s",
				l, plural(n, "translation"), g.Name, p.Config.Sources, g.Name, g.Name)))
	}
	return docs, errs
}

// checkSummary prints a locale's verdict on stderr, with what to do.
func (e *env) checkSummary(p *project.Project, lj checkLocaleJSON) {
	var n [3]int
	markup, wholesale := 0, 0
	for _, dj := range lj.Documents {
		n[0], n[1], n[2] = n[0]+len(dj.Missing), n[1]+len(dj.Stale), n[2]+len(dj.Orphaned)
		if dj.Gone {
			n[2] += dj.Counts["orphaned"]
		}
		if dj.OrphanedAll {
			wholesale++
		}
		markup += len(dj.Markup)
	}
	verdict, hint := "ok", ""
	switch {
	case p.Err([]string{lj.Locale}) != nil:
		verdict, hint = "FAIL", "; fix the files reported above"
	case !lj.OK && wholesale > 0 && n[0]+n[1] == 0:
		verdict = "FAIL"
		hint = fmt.Sprintf("; the translations of %s are orphaned wholesale: restore the source, or delete them with verso prune (see above)", plural(wholesale, "document"))
	case !lj.OK:
		verdict = "FAIL"
		hint = fmt.Sprintf("; translate the missing and revise the stale segments (verso sheet export --locale %s), then commit", lj.Locale)
	}
	if markup > 0 {
		hint += fmt.Sprintf("; %s whose markup differs from the source", plural(markup, "translation"))
	}
	fmt.Fprintf(e.stderr, "verso check: %s: %s: %d missing, %d stale, %d orphaned%s\n", lj.Locale, verdict, n[0], n[1], n[2], hint)
}

// reportLoadError prints the problems that kept the repository from
// loading in the machine-readable formats too, so that CI shows them where
// it shows translation problems.
func reportLoadError(e *env, format string, err error) {
	f := diag.Format(format)
	if f == diag.Text {
		return // e.fail prints them
	}
	diag.Write(e.stdout, f, &diag.Report{Tool: "verso check", Diagnostics: loadDiags(err)})
}

// loadDiags are the diagnostics of the files that did not load.
func loadDiags(err error) diag.List {
	list := diag.From(".", err)
	for i := range list {
		list[i].Title = "verso check"
		list[i].Line = max(list[i].Line, 1)
	}
	return list
}
