package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"

	"verso/align"
	"verso/align/qa"
	"verso/internal/diag"
	"verso/internal/project"
)

func init() {
	register(define(command{name: "qa", synopsis: "[--locale L]... [--doc D]... [--format text|json|github|sarif|junit]",
		summary: "check present translations: numbers, dates, brackets, markup, length, untranslated text, terminology; lint the sources",
		help:    qaSummary},
		func(o *qaOptions, fs *flag.FlagSet) {
			fs.Var(&o.locales, "locale", "check this locale (repeatable; default: every configured locale)")
			fs.Var(&o.docs, "doc", "check this document (repeatable; default: all)")
			fs.StringVar(&o.format, "format", "text", "output format: text, json, github (workflow annotations), sarif (SARIF 2.1.0) or junit (JUnit XML)")
		}, runQA))
}

// qaOptions are the flags of verso qa.
type qaOptions struct {
	locales, docs multiFlag
	format        string
}

const qaSummary = `Checks the current translations of every configured locale (or those named with --locale) of
every document (or those named with --doc), and lints the sources. Each problem is printed as
  sources/FILE:LINE: LOCALE: CHECK ID: WHAT
The checks (severity "error", "warning" or "off" per check in verso.toml's [qa] table):
  numbers       every number of the source is in the translation (二〇二〇, 七十五周年, 百分之五,
                １０, 10 000 and 10,000 read as the same numbers)                     [error]
  dates         every date of the source, written as the target language writes it  [error]
  brackets      brackets and quotation marks balanced, parentheses and quotations
                carried from the source                                               [error]
  markup        links, code spans and footnote references as in the source           [error]
  length        length far outside the repository's own ratio for the pair           [warning]
  untranslated  Chinese text left in the translation, or a copy of the source        [error]
  terminology   translations/glossary/LOCALE.toml: required and forbidden renderings              [error]
  consistency   one source text or glossary term rendered in several ways            [warning]
  source        ASCII ,:;() in Chinese text, doubled or stray spaces, no-break spaces
                in the sources (fixed by verso fmt --source)                          [warning]
Exits 1 when a check of severity error finds a problem.`

func runQA(ctx context.Context, e *env, o *qaOptions) error {
	f, err := diag.ParseFormat(o.format)
	if err != nil {
		return &usageError{err}
	}
	p, err := e.openAll(openOptions{})
	if err != nil {
		return err
	}
	sel, err := selectDocs(p, o.docs)
	if err != nil {
		return err
	}
	ls, err := selectLocales(p, o.locales)
	if err != nil {
		return err
	}
	problems, err := qaProblems(p, ls, sel, true)
	if err != nil {
		return err
	}
	var checked []string
	for _, d := range sel {
		checked = append(checked, d.Path)
	}
	if err := printQA(e.stdout, f, problems, checked); err != nil {
		return err
	}
	if summarizeQA(e, "", ls, problems) > 0 {
		return problemsf("") // the summary said how many
	}
	return nil
}

// qaProblems runs the checks of the locales over the whole repository (the
// length model and consistency look at every document) and keeps the
// problems of the selected documents; lint adds the source lint of those
// documents.
func qaProblems(p *project.Project, locales []string, sel []*project.Doc, lint bool) ([]qa.Problem, error) {
	sev := p.Config.Severities
	selected := map[string]bool{}
	for _, d := range sel {
		selected[d.Path] = true
	}
	var out []qa.Problem
	for _, l := range locales {
		g, err := p.Glossary(l)
		if err != nil {
			return nil, err
		}
		in := qa.Input{SourceLang: p.Config.SourceLanguage, Locale: l, Glossary: g}
		for _, d := range p.Docs {
			c := d.Coverage(l)
			for _, it := range c.Items {
				if it.State != align.Translated {
					continue
				}
				in.Pairs = append(in.Pairs, qa.Pair{Doc: d.Name, Path: d.Path, Format: d.Format, Document: d.Document, Seg: d.Segments[it.Index], Target: it.Tr.Text})
			}
		}
		for _, pr := range qa.Run(in, sev) {
			if selected[pr.Path] {
				out = append(out, pr)
			}
		}
	}
	if lint && sev.Of(qa.Source) != qa.Off {
		for _, d := range sel {
			data, err := p.Source(d)
			if err != nil {
				return nil, err
			}
			for _, pr := range qa.Lint(d.Document, data) {
				pr.Severity = sev.Of(qa.Source)
				out = append(out, pr)
			}
		}
	}
	qa.Sort(out)
	return out, nil
}

// qaProblemJSON is a problem in verso qa --format json.
type qaProblemJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column,omitempty"`
	Locale   string `json:"locale"`
	Check    string `json:"check"`
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func qaJSON(ps []qa.Problem) []qaProblemJSON {
	out := make([]qaProblemJSON, len(ps))
	for i, p := range ps {
		out[i] = qaProblemJSON{p.Path, p.Line, p.Column, p.Locale, string(p.Check), p.ID, string(p.Severity), p.Message}
	}
	return out
}

// qaRules describe qa's diagnostic codes, for SARIF; check --qa uses
// them too.
var qaRules = map[string]string{
	"qa-numbers":      "A number of the source is missing from the translation or changed.",
	"qa-dates":        "A date of the source is missing from the translation, changed, or written in another language's conventions.",
	"qa-brackets":     "A bracket or quotation mark is not closed, or the translation has fewer parenthesised parts or quotations than the source.",
	"qa-markup":       "The translation's links, code spans or footnote references differ from the source's.",
	"qa-length":       "The translation is far longer or shorter than the repository's length ratio for the language pair.",
	"qa-untranslated": "Source-language text is left in the translation, or the translation copies its source.",
	"qa-terminology":  "A glossary term's required rendering is missing, or a forbidden one is used.",
	"qa-consistency":  "The same source text or glossary term is rendered in several ways across the repository.",
	"qa-source":       "Source lint: ASCII punctuation in Chinese text, doubled or stray spaces, no-break spaces.",
}

func init() {
	for code, rule := range qaRules {
		checkRules[code] = rule
	}
}

// qaDiagnostics turns the problems into diagnostics: the message is
// "LOCALE: CHECK ID: WHAT"; source lint keeps its column, except in text,
// whose lines read sources/FILE:LINE: like every other problem's.
func qaDiagnostics(ps []qa.Problem, f diag.Format) diag.List {
	out := make(diag.List, 0, len(ps))
	for _, p := range ps {
		sev := diag.Error
		if p.Severity == qa.Warning {
			sev = diag.Warning
		}
		d := diag.Diagnostic{File: p.Path, Line: p.Line, Severity: sev, Code: "qa-" + string(p.Check),
			Title:   fmt.Sprintf("verso qa %s %s (%s)", p.Check, p.ID, p.Locale),
			Message: fmt.Sprintf("%s: %s %s: %s", p.Locale, p.Check, p.ID, p.Message)}
		if f != diag.Text {
			d.Col = p.Column
		}
		out = append(out, d)
	}
	return out
}

// printQA writes the problems in a format: json as qaProblemJSON (with
// locale, check and ID apart), the others through internal/diag.
func printQA(w io.Writer, f diag.Format, ps []qa.Problem, checked []string) error {
	if f == diag.JSON {
		errs := 0
		for _, p := range ps {
			if p.Severity == qa.Error {
				errs++
			}
		}
		return writeJSON(w, struct {
			OK       bool            `json:"ok"`
			Problems []qaProblemJSON `json:"problems"`
		}{errs == 0, qaJSON(ps)})
	}
	return diag.Write(w, f, &diag.Report{Tool: "verso qa", Rules: qaRules, Checked: checked, Diagnostics: qaDiagnostics(ps, f)})
}

// summarizeQA prints the counts per locale on stderr, after the command's
// name and flag ("verso check --qa: en: ok: ..."), and returns the number
// of errors.
func summarizeQA(e *env, flag string, locales []string, ps []qa.Problem) int {
	src := map[string]bool{}
	for _, p := range ps {
		if p.Check == qa.Source {
			src[p.Locale] = true
		}
	}
	all := slices.Clone(locales)
	for _, l := range slices.Sorted(maps.Keys(src)) {
		if !slices.Contains(all, l) {
			all = append(all, l)
		}
	}
	total := 0
	for _, l := range all {
		errs, warns := qaCounts(ps, l)
		total += errs
		what := l
		if src[l] && !slices.Contains(locales, l) {
			what = l + " (sources)"
		}
		verdict := "ok"
		if errs > 0 {
			verdict = "FAIL"
		}
		fmt.Fprintf(e.stderr, "%s%s: %s: %s: %s, %s\n", e.prog(), flag, what, verdict, plural(errs, "error"), plural(warns, "warning"))
	}
	return total
}

// qaCounts counts the errors and warnings of a locale.
func qaCounts(ps []qa.Problem, locale string) (errs, warns int) {
	for _, p := range ps {
		switch {
		case p.Locale != locale:
		case p.Severity == qa.Error:
			errs++
		default:
			warns++
		}
	}
	return errs, warns
}
