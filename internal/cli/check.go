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
	register(command{"check", "fail when required locales have missing or stale translations (for CI)", runCheck})
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
}

func runCheck(e *env, args []string) int {
	fs := newFlags(e, "check", "[--locale L]... [--qa] [--format text|json|github|sarif|junit]",
		"Checks the translations of the required locales (verso.toml required) and of every locale named\n"+
			"with --locale. Exits 1 when one of them has missing or stale segments. Orphaned translations\n"+
			"(IDs no longer in the source) are reported as warnings.")
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
	p, err := project.Load(e.dir)
	if err != nil {
		reportLoadError(e, *format, err)
		return e.fail("check", err)
	}
	e.warnRecords(p)
	check := slices.Clone(p.Config.Required)
	named, err := selectLocales(p, locales)
	if err != nil {
		fmt.Fprintf(e.stderr, "verso check: %v\n", err)
		return ExitUsage
	}
	for _, l := range named {
		if len(locales) > 0 && !slices.Contains(check, l) {
			check = append(check, l)
		}
	}
	if len(check) == 0 {
		fmt.Fprintln(e.stderr, "verso check: no required locales in verso.toml and none named with --locale; nothing to check")
	}
	out := checkJSON{OK: true, Locales: []checkLocaleJSON{}}
	var errs, warns diag.List
	for _, l := range check {
		lj := checkLocaleJSON{Locale: l, Required: p.Config.IsRequired(l), OK: true}
		for _, d := range p.Docs {
			c := d.Coverage(l)
			markup := markupDiffs(c)
			flagged := map[string]bool{}
			for _, id := range d.Translations[l].NeedsReview() {
				flagged[id] = true
			}
			dj := checkDocJSON{Doc: d.Name, Path: d.Path, TranslationPath: d.Translations[l].Path, OK: c.Complete(),
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
			var xw diag.List
			xw, dj.Extra = extraDiags(d, l)
			warns = append(warns, xw...)
			lj.OK = lj.OK && dj.OK
			lj.Documents = append(lj.Documents, dj)
		}
		out.OK = out.OK && lj.OK
		out.Locales = append(out.Locales, lj)
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
		var n [3]int
		markup := 0
		for _, dj := range lj.Documents {
			n[0], n[1], n[2] = n[0]+len(dj.Missing), n[1]+len(dj.Stale), n[2]+len(dj.Orphaned)
			markup += len(dj.Markup)
		}
		verdict, hint := "ok", ""
		if !lj.OK {
			verdict = "FAIL"
			hint = fmt.Sprintf("; translate the missing and revise the stale segments (verso sheet export --locale %s), then commit", lj.Locale)
		}
		if markup > 0 {
			hint += fmt.Sprintf("; %s whose markup differs from the source", plural(markup, "translation"))
		}
		fmt.Fprintf(e.stderr, "verso check: %s: %s: %d missing, %d stale, %d orphaned%s\n", lj.Locale, verdict, n[0], n[1], n[2], hint)
	}
	if *withQA && summarizeQA(e.stderr, "check --qa", check, qaFound) > 0 {
		return ExitProblems
	}
	if !out.OK {
		return ExitProblems
	}
	return ExitOK
}

// reportLoadError prints the problems that kept the repository from
// loading in the machine-readable formats too, so that CI shows them where
// it shows translation problems.
func reportLoadError(e *env, format string, err error) {
	f := diag.Format(format)
	if f == diag.Text {
		return // e.fail prints them
	}
	list := diag.From(".", err)
	for i := range list {
		list[i].Title = "verso check"
		list[i].Line = max(list[i].Line, 1)
	}
	diag.Write(e.stdout, f, &diag.Report{Tool: "verso check", Diagnostics: list})
}
