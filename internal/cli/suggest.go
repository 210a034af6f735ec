package cli

import (
	"bytes"
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
	registerLegacy("suggest", "print translation-memory suggestions for missing and stale segments", runSuggest)
}

const suggestSummary = `For every missing or stale segment of the documents (all, or those named with --doc) in each
locale (every configured one, or those named with --locale), prints the closest translated segments
of the translation memory: every current translation of every document of the locale, and the
pairs of the TMX files in translations/memory/ (*.tmx). The score is 1 minus the edit distance of the two
sources over the longer one's length (100% for the same text). verso sheet export puts the best
suggestion in the workbook's Suggestion column; nothing is written here.`

// suggestOptions are the flags of verso suggest.
type suggestOptions struct {
	minScore float64
	max      int
}

func runSuggest(e *env, args []string) int {
	fs := newFlags(e, "suggest", "[--locale L]... [--doc D]... [--min-score S] [--max N] [--format text|json]", suggestSummary)
	var locales, docs multiFlag
	fs.Var(&locales, "locale", "suggest for this locale (repeatable; default: every configured locale)")
	fs.Var(&docs, "doc", "suggest for this document (repeatable; default: all)")
	var o suggestOptions
	fs.Float64Var(&o.minScore, "min-score", 0.5, "the lowest score shown, 0 to 1")
	fs.IntVar(&o.max, "max", 3, "suggestions per segment")
	format := fs.String("format", "text", "output format: text or json")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "verso suggest: unexpected argument %q\n", pos[0])
		return ExitUsage
	}
	if o.minScore < 0 || o.minScore > 1 || o.max < 1 {
		fmt.Fprintln(e.stderr, "verso suggest: --min-score is a number from 0 to 1 and --max at least 1")
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(e.stderr, "verso suggest: unknown format %q: use text or json\n", *format)
		return ExitUsage
	}
	p, code := e.load("suggest")
	if p == nil {
		return code
	}
	sel, err := selectDocs(p, docs)
	if err != nil {
		return e.fail("suggest", err)
	}
	ls, err := qaLocales(p, locales)
	if err != nil {
		return e.fail("suggest", err)
	}
	type matchJSON struct {
		Score  float64 `json:"score"`
		Origin string  `json:"origin"`
		Source string  `json:"source"`
		Text   string  `json:"text"`
	}
	type segJSON struct {
		File    string      `json:"file"`
		Line    int         `json:"line"`
		Locale  string      `json:"locale"`
		ID      string      `json:"id"`
		State   string      `json:"state"`
		Source  string      `json:"source"`
		Matches []matchJSON `json:"matches"`
	}
	out := []segJSON{}
	total, found := 0, 0
	for _, l := range ls {
		mem, err := buildMemory(p, l)
		if err != nil {
			return e.fail("suggest", err)
		}
		for _, d := range sel {
			for _, it := range d.Coverage(l).Items {
				if it.State != align.Missing && it.State != align.Stale {
					continue
				}
				s := d.Segments[it.Index]
				total++
				ms := mem.Lookup(s.Text, s.ID, o.minScore, o.max)
				if len(ms) > 0 {
					found++
				}
				sj := segJSON{File: d.Path, Line: s.Line, Locale: l, ID: s.ID, State: string(it.State), Source: s.Text, Matches: []matchJSON{}}
				for _, m := range ms {
					sj.Matches = append(sj.Matches, matchJSON{Score: m.Score, Origin: m.Origin, Source: m.Source, Text: m.Target})
				}
				out = append(out, sj)
				if *format == "text" {
					fmt.Fprintf(e.stdout, "%s:%d: %s: %s %s: %s\n", d.Path, s.Line, l, it.State, s.ID, excerpt(s.Text, 40))
					if len(ms) == 0 {
						fmt.Fprintln(e.stdout, "  (no suggestion)")
					}
					for _, m := range ms {
						fmt.Fprintf(e.stdout, "  %3.0f%%  %s  %s\n", m.Score*100, m.Origin, m.Target)
					}
				}
			}
		}
		fmt.Fprintf(e.stderr, "verso suggest: %s: %d of %s have suggestions (memory of %s)\n", l, found, plural(total, "missing or stale segment"), plural(mem.Len(), "translated segment"))
		total, found = 0, 0
	}
	if *format == "json" {
		if err := writeJSON(e.stdout, out); err != nil {
			return e.fail("suggest", err)
		}
	}
	return ExitOK
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
		units, err := tmx.ReadFile(rel, bytes.NewReader(data))
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
