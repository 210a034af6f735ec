package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"verso/align"
	"verso/align/tm"
	"verso/export/tmx"
	"verso/internal/project"
)

func init() {
	register(define(command{name: "suggest", synopsis: "[--locale L]... [--doc D]... [--min-score S] [--max N] [--format text|json]",
		summary: "print translation-memory suggestions for missing and stale segments",
		help:    suggestSummary},
		func(o *suggestOptions, fs *flag.FlagSet) {
			fs.Var(&o.locales, "locale", "suggest for this locale (repeatable; default: every configured locale)")
			fs.Var(&o.docs, "doc", "suggest for this document (repeatable; default: all)")
			fs.Float64Var(&o.minScore, "min-score", 0.5, "the lowest score shown, 0 to 1")
			fs.IntVar(&o.max, "max", 3, "suggestions per segment")
			fs.StringVar(&o.format, "format", "text", "output format: text or json")
		}, runSuggest))
}

const suggestSummary = `For every missing or stale segment of the documents (all, or those named with --doc) in each
locale (every configured one, or those named with --locale), prints the closest translated segments
of the translation memory: every current translation of every document of the locale, and the
pairs of the TMX files in translations/memory/ (*.tmx). The score is 1 minus the edit distance of the two
sources over the longer one's length (100% for the same text). verso sheet export puts the best
suggestion in the workbook's Suggestion column; nothing is written here.`

// suggestOptions are the flags of verso suggest.
type suggestOptions struct {
	locales, docs multiFlag
	minScore      float64
	max           int
	format        string
}

// suggestJSON is a segment in verso suggest --format json.
type suggestJSON struct {
	File    string             `json:"file"`
	Line    int                `json:"line"`
	Locale  string             `json:"locale"`
	ID      string             `json:"id"`
	State   string             `json:"state"`
	Source  string             `json:"source"`
	Matches []suggestMatchJSON `json:"matches"`
}

// suggestMatchJSON is one suggestion for a segment.
type suggestMatchJSON struct {
	Score  float64 `json:"score"`
	Origin string  `json:"origin"`
	Source string  `json:"source"`
	Text   string  `json:"text"`
}

func runSuggest(ctx context.Context, e *env, o *suggestOptions) error {
	switch {
	case o.minScore < 0 || o.minScore > 1 || o.max < 1:
		return usagef("--min-score is a number from 0 to 1 and --max at least 1")
	case o.format != "text" && o.format != "json":
		return usagef("unknown format %q: use text or json", o.format)
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
	out := []suggestJSON{}
	for _, l := range ls {
		segs, err := suggestLocale(e, p, sel, l, o)
		if err != nil {
			return err
		}
		out = append(out, segs...)
	}
	if o.format == "json" {
		return writeJSON(e.stdout, out)
	}
	return nil
}

// suggestLocale looks up the missing and stale segments of the documents
// in the locale's memory, prints them in text, and sums them up on stderr.
func suggestLocale(e *env, p *project.Project, sel []*project.Doc, l string, o *suggestOptions) ([]suggestJSON, error) {
	mem, err := buildMemory(p, l)
	if err != nil {
		return nil, err
	}
	var out []suggestJSON
	found := 0
	for _, d := range sel {
		for _, it := range d.Coverage(l).Items {
			if it.State != align.Missing && it.State != align.Stale {
				continue
			}
			s := d.Segments[it.Index]
			sj := suggestJSON{File: d.Path, Line: s.Line, Locale: l, ID: s.ID, State: string(it.State), Source: s.Text, Matches: []suggestMatchJSON{}}
			for _, m := range mem.Lookup(s.Text, s.ID, o.minScore, o.max) {
				sj.Matches = append(sj.Matches, suggestMatchJSON{Score: m.Score, Origin: m.Origin, Source: m.Source, Text: m.Target})
			}
			if len(sj.Matches) > 0 {
				found++
			}
			if o.format == "text" {
				printSuggestions(e, sj)
			}
			out = append(out, sj)
		}
	}
	e.notef("%s: %d of %s have suggestions (memory of %s)", l, found, plural(len(out), "missing or stale segment"), plural(mem.Len(), "translated segment"))
	return out, nil
}

// printSuggestions prints a segment and its suggestions in text.
func printSuggestions(e *env, s suggestJSON) {
	fmt.Fprintf(e.stdout, "%s:%d: %s: %s %s: %s\n", s.File, s.Line, s.Locale, s.State, s.ID, align.Excerpt(s.Source, 40))
	if len(s.Matches) == 0 {
		fmt.Fprintln(e.stdout, "  (no suggestion)")
	}
	for _, m := range s.Matches {
		fmt.Fprintf(e.stdout, "  %3.0f%%  %s  %s\n", m.Score*100, m.Origin, m.Text)
	}
}

// buildMemory indexes every current translation of the locale in every
// document, and the locale's pairs of the TMX files in translations/memory
// (where verso tmx import stores them).
func buildMemory(p *project.Project, locale string) (*tm.Memory, error) {
	mem := tm.New()
	for _, d := range p.Docs {
		for _, it := range d.Coverage(locale).Items {
			if it.State != align.Translated {
				continue
			}
			s := d.Segments[it.Index]
			mem.Add(tm.Entry{Source: s.Text, Target: it.Tr.Text, Origin: fmt.Sprintf("%s:%d %s", d.Path, s.Line, s.ID), ID: s.ID})
		}
	}
	files, err := filepath.Glob(filepath.Join(p.Root, filepath.FromSlash(p.MemoryDir()), "*.tmx"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel := p.MemoryDir() + "/" + filepath.Base(f)
		units, err := tmx.ReadBytes(rel, data)
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			src, tgt := tmxPair(u, p.Config.SourceLanguage, locale)
			mem.Add(tm.Entry{Source: src, Target: tgt, Origin: fmt.Sprintf("%s:%d", rel, u.Line)})
		}
	}
	return mem, nil
}

// tmxPair returns a TMX unit's text in the source language and in the
// locale; "" when it has none. The source is the header's source variant
// when its language is the source language, else a target variant in it
// (a memory written from the other side).
func tmxPair(u tmx.Unit, srcLang, locale string) (src, tgt string) {
	vs := append([]tmx.Variant{u.Source}, u.Targets...)
	for _, v := range vs {
		switch {
		case src == "" && align.SameLanguage(v.Lang, srcLang):
			src = v.Text
		case tgt == "" && align.SameLanguage(v.Lang, locale):
			tgt = v.Text
		}
	}
	return src, tgt
}

// workbookSuggestions returns the best suggestion for each missing or
// stale segment of the documents in a locale, as the workbook's
// suggestion column shows it: by document name, then ID. (A proposal of
// verso align is not one: the workbook pre-fills it as the row's draft
// translation, see export/xlsx.)
func workbookSuggestions(p *project.Project, sel []*project.Doc, locale string) (map[string]map[string]string, error) {
	mem, err := buildMemory(p, locale)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	for _, d := range sel {
		m := map[string]string{}
		for _, it := range d.Coverage(locale).Items {
			if it.State != align.Missing && it.State != align.Stale {
				continue
			}
			s := d.Segments[it.Index]
			if ms := mem.Lookup(s.Text, s.ID, 0.5, 1); len(ms) > 0 {
				m[s.ID] = fmt.Sprintf("%.0f%% %s: %s", ms[0].Score*100, strings.TrimSpace(ms[0].Origin), ms[0].Target)
			}
		}
		out[d.Name] = m
	}
	return out, nil
}
