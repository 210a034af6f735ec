package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"verso/align"
	"verso/internal/project"
)

func init() {
	register(command{"check", "fail when required locales have missing or stale translations (for CI)", runCheck})
}

type checkDocJSON struct {
	Doc             string         `json:"doc"`
	Path            string         `json:"path"`
	TranslationPath string         `json:"translation_path"`
	OK              bool           `json:"ok"`
	Missing         []string       `json:"missing"`
	Stale           []string       `json:"stale"`
	Orphaned        []string       `json:"orphaned"`
	NeedsReview     []string       `json:"needs_review"`
	Markup          []string       `json:"markup"`
	Counts          map[string]int `json:"counts"`
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
}

// problem is one finding of check, placed at a file and line.
type problem struct {
	path   string
	line   int
	locale string
	state  align.State
	id     string
	text   string
}

func runCheck(e *env, args []string) int {
	fs := newFlags(e, "check", "[--locale L]... [--format text|json|github]",
		"Checks the translations of the required locales (verso.toml required) and of every locale named\n"+
			"with --locale. Exits 1 when one of them has missing or stale segments. Orphaned translations\n"+
			"(IDs no longer in the source) are reported as warnings.")
	var locales multiFlag
	fs.Var(&locales, "locale", "also check this locale (repeatable)")
	format := fs.String("format", "text", "output format: text (file:line: locale: state id: excerpt), json, or github (workflow annotations)")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "verso check: unexpected argument %q\n", pos[0])
		return ExitUsage
	}
	switch *format {
	case "text", "json", "github":
	default:
		fmt.Fprintf(e.stderr, "verso check: unknown format %q: use text, json or github\n", *format)
		return ExitUsage
	}
	p, err := project.Load(e.dir)
	if err != nil {
		reportLoadError(e, *format, err)
		return e.fail("check", err)
	}
	e.warnRecords(p)
	check := slices.Clone(p.Config.Required)
	for _, l := range locales {
		if !slices.Contains(p.Locales, l) && len(p.Config.Locales) > 0 {
			fmt.Fprintf(e.stderr, "verso check: locale %q is not configured; locales: %s\n", l, strings.Join(p.Locales, ", "))
			return ExitUsage
		}
		if !slices.Contains(check, l) {
			check = append(check, l)
		}
	}
	if len(check) == 0 {
		fmt.Fprintln(e.stderr, "verso check: no required locales in verso.toml and none named with --locale; nothing to check")
	}
	out := checkJSON{OK: true, Locales: []checkLocaleJSON{}}
	var errs, warns []problem
	for _, l := range check {
		lj := checkLocaleJSON{Locale: l, Required: p.Config.IsRequired(l), OK: true}
		for _, d := range p.Docs {
			c := d.Coverage(l)
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
			for _, it := range c.Items {
				switch it.State {
				case align.Missing:
					dj.Missing = append(dj.Missing, it.ID)
					errs = append(errs, segProblem(d, l, it))
				case align.Stale:
					dj.Stale = append(dj.Stale, it.ID)
					errs = append(errs, segProblem(d, l, it))
				case align.Orphaned:
					dj.Orphaned = append(dj.Orphaned, it.ID)
					warns = append(warns, problem{d.Translations[l].Path, it.Tr.Line, l, it.State, it.ID, it.Tr.Text})
				case align.Translated:
					// The translation must carry its source's links, code
					// and footnote references.
					if diff := d.MarkupDiff(d.Segments[it.Index].Text, it.Tr.Text); diff != nil {
						dj.Markup = append(dj.Markup, it.ID)
						dj.OK = false
						errs = append(errs, problem{d.Translations[l].Path, it.Tr.Line, l, stateMarkup, it.ID, strings.Join(diff, "; ")})
					}
				}
			}
			for _, it := range c.Items {
				if it.Index < 0 || !flagged[it.ID] {
					continue
				}
				s := d.Segments[it.Index]
				dj.NeedsReview = append(dj.NeedsReview, it.ID)
				warns = append(warns, problem{d.Path, s.Line, l, "needs review", it.ID, s.Text})
			}
			lj.OK = lj.OK && dj.OK
			lj.Documents = append(lj.Documents, dj)
		}
		out.OK = out.OK && lj.OK
		out.Locales = append(out.Locales, lj)
	}
	switch *format {
	case "json":
		if err := writeJSON(e.stdout, out); err != nil {
			return e.fail("check", err)
		}
	case "github":
		for _, pr := range errs {
			fmt.Fprintf(e.stdout, "::error file=%s,line=%d,title=%s::%s\n", ghProp(pr.path), pr.line,
				ghProp(fmt.Sprintf("%s translation %s (%s)", pr.state, pr.id, pr.locale)), ghData(pr.message()))
		}
		for _, pr := range warns {
			what := "its segment is gone from the source; delete it or move the text to the new segment"
			if pr.state != align.Orphaned {
				what = "flagged in the review file; review it in the spreadsheet (verso sheet export) and approve it"
			}
			fmt.Fprintf(e.stdout, "::warning file=%s,line=%d,title=%s::%s\n", ghProp(pr.path), pr.line,
				ghProp(fmt.Sprintf("%s translation %s (%s)", pr.state, pr.id, pr.locale)), ghData(pr.message()+" ("+what+")"))
		}
		for _, d := range p.Docs {
			if !d.RecordCurrent {
				fmt.Fprintf(e.stdout, "::warning file=%s::%s\n", ghProp(d.RecordPath), ghData("ID record out of date; run verso sync and commit it"))
			}
		}
	default:
		for _, pr := range errs {
			fmt.Fprintf(e.stdout, "%s:%d: %s\n", pr.path, pr.line, pr.message())
		}
		for _, pr := range warns {
			fmt.Fprintf(e.stdout, "%s:%d: %s (warning)\n", pr.path, pr.line, pr.message())
		}
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
	if !out.OK {
		return ExitProblems
	}
	return ExitOK
}

// reportLoadError prints the problems that kept the repository from
// loading in the machine-readable formats too, so that CI shows them where
// it shows translation problems.
func reportLoadError(e *env, format string, err error) {
	var list align.ErrorList
	var pe *align.PosError
	switch {
	case errors.As(err, &list):
	case errors.As(err, &pe):
		list = align.ErrorList{pe}
	default:
		list = align.ErrorList{{Path: ".", Err: err}}
	}
	switch format {
	case "github":
		for _, p := range list {
			fmt.Fprintf(e.stdout, "::error file=%s,line=%d,title=verso check::%s\n", ghProp(p.Path), max(p.Line, 1), ghData(p.Err.Error()))
		}
	case "json":
		type errJSON struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Message string `json:"message"`
		}
		out := struct {
			OK     bool      `json:"ok"`
			Errors []errJSON `json:"errors"`
		}{}
		for _, p := range list {
			out.Errors = append(out.Errors, errJSON{p.Path, p.Line, p.Err.Error()})
		}
		writeJSON(e.stdout, out)
	}
}

func segProblem(d *project.Doc, locale string, it align.Item) problem {
	s := d.Segments[it.Index]
	return problem{d.Path, s.Line, locale, it.State, it.ID, s.Text}
}

// stateMarkup is the problem of a translation whose markup differs from
// its source's.
const stateMarkup align.State = "markup"

func (pr problem) message() string {
	if pr.state == stateMarkup {
		return fmt.Sprintf("%s: %s %s: %s; carry the source's links, code and footnote references over as they are", pr.locale, pr.state, pr.id, pr.text)
	}
	return fmt.Sprintf("%s: %s %s: %s", pr.locale, pr.state, pr.id, excerpt(pr.text, 40))
}

// ghData escapes a GitHub workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a GitHub workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
