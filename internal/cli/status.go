package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"

	"verso/align"
)

func init() {
	register(define(command{name: "status", synopsis: "[--json] [DOC...]",
		summary: "show translation progress per document and locale",
		help:    "Shows, for each document and locale, how many segments are translated, stale, missing and orphaned."},
		func(o *statusOptions, fs *flag.FlagSet) {
			fs.BoolVar(&o.json, "json", false, "print JSON: a list of {doc, path, title, locale, required, total, translated, stale, missing, orphaned, needs_review, extra, percent}")
		}, runStatus))
}

// statusOptions are the flags and arguments of verso status.
type statusOptions struct {
	operands // the documents (default all)
	json     bool
}

type statusJSON struct {
	Doc        string `json:"doc"`
	Path       string `json:"path"`
	Title      string `json:"title"`
	Locale     string `json:"locale"`
	Required   bool   `json:"required"`
	Total      int    `json:"total"`
	Translated int    `json:"translated"`
	Stale      int    `json:"stale"`
	Missing    int    `json:"missing"`
	Orphaned   int    `json:"orphaned"`
	Review     int    `json:"needs_review"`
	Extra      int    `json:"extra"`
	Percent    int    `json:"percent"`
}

func runStatus(ctx context.Context, e *env, o *statusOptions) error {
	p, err := e.open(openOptions{})
	if err != nil {
		return err
	}
	docs, err := selectDocs(p, o.args)
	if err != nil {
		return err
	}
	// A file that does not load is reported, and the rest shown.
	loadErr := p.Err(nil)
	var rows []statusJSON
	for _, d := range docs {
		for _, l := range p.Locales {
			if d.Translations[l].Bad {
				continue
			}
			c := d.Coverage(l)
			rows = append(rows, statusJSON{Doc: d.Name, Path: d.Path, Title: d.Title(), Locale: l,
				Required: p.Config.IsRequired(l), Total: len(d.Segments),
				Translated: c.Counts[align.Translated], Stale: c.Counts[align.Stale],
				Missing: c.Counts[align.Missing], Orphaned: c.Counts[align.Orphaned],
				Review: len(d.Translations[l].NeedsReview()), Extra: len(d.Translations[l].Extras), Percent: c.Percent()})
		}
	}
	if o.json {
		if rows == nil {
			rows = []statusJSON{}
		}
		if err := writeJSON(e.stdout, rows); err != nil {
			return err
		}
		return loadErr
	}
	if len(p.Locales) == 0 {
		e.warnf("no locales: add translations or set locales in verso.toml")
	}
	table := [][]string{{"DOCUMENT", "TITLE", "LOCALE", "TOTAL", "TRANSLATED", "STALE", "MISSING", "ORPHANED", "REVIEW", "EXTRA", "%"}}
	for _, r := range rows {
		loc := r.Locale
		if r.Required {
			loc += "*"
		}
		table = append(table, []string{r.Doc, truncWidth(r.Title, 30), loc, strconv.Itoa(r.Total), strconv.Itoa(r.Translated),
			strconv.Itoa(r.Stale), strconv.Itoa(r.Missing), strconv.Itoa(r.Orphaned), strconv.Itoa(r.Review), strconv.Itoa(r.Extra), strconv.Itoa(r.Percent)})
	}
	writeTable(e, table, 3)
	if len(rows) > 0 {
		fmt.Fprintln(e.stdout, "* required locale; REVIEW: segments flagged needs-review in the review file; EXTRA: paragraphs of a translation that face no segment (verso align), kept in the review file")
	}
	return loadErr
}

// writeTable prints rows with columns padded to their display width (East
// Asian wide characters count two cells). Columns from numericFrom on are
// right-aligned.
func writeTable(e *env, rows [][]string, numericFrom int) {
	widths := map[int]int{}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], uniseg.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-uniseg.StringWidth(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if i >= numericFrom {
				b.WriteString(pad + c)
			} else if i < len(r)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		fmt.Fprintln(e.stdout, strings.TrimRight(b.String(), " "))
	}
}

// truncWidth shortens s to at most w display cells.
func truncWidth(s string, w int) string {
	if uniseg.StringWidth(s) <= w {
		return s
	}
	var b strings.Builder
	width := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		cw := g.Width()
		if width+cw > w-1 {
			break
		}
		b.WriteString(g.Str())
		width += cw
	}
	return b.String() + "…"
}
