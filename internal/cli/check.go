package cli

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"verso/align"
	"verso/align/qa"
	"verso/internal/diag"
	"verso/internal/project"
)

func init() {
	register(define(command{name: "check", synopsis: "[--locale L]... [--qa] [--format text|json|github|sarif|junit]",
		summary: "fail when required locales have missing or stale translations (for CI)",
		help:    checkHelp},
		func(o *checkOptions, fs *flag.FlagSet) {
			fs.Var(&o.locales, "locale", "also check this locale (repeatable)")
			fs.StringVar(&o.format, "format", "text", "output format: text (file:line: locale: state id: excerpt), json, github (workflow annotations), sarif (SARIF 2.1.0, for code scanning) or junit (JUnit XML, for CI test reports)")
			fs.BoolVar(&o.qa, "qa", false, "also run verso qa's checks on the checked locales and lint the sources; their errors fail the check")
		}, runCheck))
}

const checkHelp = "Checks the translations of the required locales (verso.toml required) and of every locale named\n" +
	"with --locale. Exits 1 when one of them has missing or stale segments, or translations orphaned\n" +
	"wholesale: a document whose source is gone, or one none of whose translations belongs to a\n" +
	"segment any more (a truncated or replaced source). Other orphaned translations (IDs no longer\n" +
	"in the source) are warnings; verso prune deletes them. A file that does not load is reported\n" +
	"and the rest checked; the exit code is then 2."

// checkOptions are the flags of verso check.
type checkOptions struct {
	locales multiFlag
	format  string
	qa      bool
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

// checkRun is what verso check found: the report of --format json, and
// the findings of the other formats, errors and warnings apart.
type checkRun struct {
	out         checkJSON
	errs, warns diag.List
	withQA      bool // --qa: qa holds its problems
	qa          []qa.Problem
}

func runCheck(ctx context.Context, e *env, o *checkOptions) error {
	f, err := diag.ParseFormat(o.format)
	if err != nil {
		return &usageError{err}
	}
	p, err := e.open(openOptions{ownGone: true})
	if err != nil {
		reportLoadError(e, f, err)
		return err
	}
	// A file that does not load is reported, and the rest checked.
	loadErr := p.Err(nil)
	locales, err := checkedLocales(p, o.locales)
	if err != nil {
		return err
	}
	if len(locales) == 0 {
		e.notef("no required locales in verso.toml and none named with --locale; nothing to check")
	}
	r := checkLocales(p, locales)
	if loadErr != nil {
		r.addLoadErrors(loadErr, f)
	}
	if o.qa {
		if err := r.addQA(p, locales, f); err != nil {
			return err
		}
	}
	failed, err := e.reportCheck(p, f, r, locales)
	switch {
	case err != nil:
		return err
	case loadErr != nil:
		return loadErr
	case failed:
		return problemsf("") // the summaries said why
	}
	return nil
}

// reportCheck prints the findings on stdout in the format and each
// locale's verdict on stderr, and reports whether the check failed.
func (e *env) reportCheck(p *project.Project, f diag.Format, r *checkRun, locales []string) (failed bool, err error) {
	if err := writeCheck(e, p, f, r.out, r.errs, r.warns); err != nil {
		return false, err
	}
	for _, lj := range r.out.Locales {
		e.checkSummary(p, lj)
	}
	qaErrors := 0
	if r.withQA {
		qaErrors = summarizeQA(e, " --qa", locales, r.qa)
	}
	return qaErrors > 0 || !r.out.OK, nil
}

// checkLocales checks the translations of every document into the
// locales.
func checkLocales(p *project.Project, locales []string) *checkRun {
	r := &checkRun{out: checkJSON{OK: true, Locales: []checkLocaleJSON{}}}
	for _, l := range locales {
		lj := checkLocaleJSON{Locale: l, Required: p.Config.IsRequired(l), OK: true}
		for _, d := range p.Docs {
			if d.Translations[l].Bad {
				// Reported as a load error; the other documents are checked.
				lj.OK = false
				continue
			}
			dj, de, dw := checkDocument(d, l)
			r.errs, r.warns = append(r.errs, de...), append(r.warns, dw...)
			lj.OK = lj.OK && dj.OK
			lj.Documents = append(lj.Documents, dj)
		}
		if gj, ge := checkGone(p, l); len(gj) > 0 {
			lj.OK = false
			lj.Documents = append(lj.Documents, gj...)
			r.errs = append(r.errs, ge...)
		}
		r.out.OK = r.out.OK && lj.OK
		r.out.Locales = append(r.out.Locales, lj)
	}
	return r
}

// addQA runs verso qa's checks on the locales and lints the sources
// (check --qa): their errors fail the check.
func (r *checkRun) addQA(p *project.Project, locales []string, f diag.Format) error {
	ps, err := qaProblems(p, locales, p.Docs, true)
	if err != nil {
		return err
	}
	r.withQA, r.qa = true, ps
	r.out.QA = qaJSON(ps)
	r.errs = append(r.errs, qaDiagnostics(ps, f)...)
	return nil
}

// addLoadErrors adds the files that did not load to the report: to the
// JSON's errors, and before the findings of the machine formats (text has
// them on stderr, where Main reports the error).
func (r *checkRun) addLoadErrors(loadErr error, f diag.Format) {
	r.out.OK = false
	for _, pe := range diag.From(".", loadErr) {
		r.out.Errors = append(r.out.Errors, loadErrJSON{pe.File, pe.Line, pe.Message})
	}
	if f != diag.Text {
		r.errs = append(loadDiags(loadErr), r.errs...)
	}
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
	e.notef("%s: %s: %d missing, %d stale, %d orphaned%s", lj.Locale, verdict, n[0], n[1], n[2], hint)
}

// reportLoadError prints the problems that kept the repository from
// loading in the machine-readable formats too, so that CI shows them where
// it shows translation problems.
func reportLoadError(e *env, f diag.Format, err error) {
	if f == diag.Text {
		return // Main reports the error on stderr
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
