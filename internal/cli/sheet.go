package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"verso/align"
	"verso/export/exchange"
	"verso/export/xlsx"
	"verso/internal/history"
	"verso/internal/project"
)

func init() {
	registerGroup(group{name: "sheet", summary: "export and import translator review spreadsheets (.xlsx)", help: sheetHelp})
	register(define(command{name: "sheet export", synopsis: "[--locale L]... [--doc D]... [--all] [--force] [-o FILE]",
		summary: "write a review workbook per locale", help: sheetExportHelp, access: writes, lean: true},
		func(o *sheetExportOptions, fs *flag.FlagSet) {
			fs.Var(&o.locales, "locale", "the locale to export (repeatable; default: every configured locale)")
			fs.Var(&o.docs, "doc", "export only this document (repeatable; default all)")
			fs.BoolVar(&o.all, "all", false, "export every segment, not only missing, stale and needs-review ones")
			fs.BoolVar(&o.force, "force", false, "overwrite an existing workbook even if it holds edits not yet imported")
			fs.StringVar(&o.out, "o", "", "output file, with one --locale (default sheets/<locale>.xlsx)")
		}, runSheetExport))
	registerExchangeImport(sheetCodec)
}

const sheetHelp = `export writes one .xlsx workbook per locale (default every configured locale
with work; sheets/<locale>.xlsx): an instructions sheet and a sheet per
document with the segments that need work (missing, stale, or flagged
needs-review), or with --all every segment. It does not overwrite a workbook
that holds edits not yet imported, nor a file it cannot read, unless --force.

import brings filled workbooks back into the translation files. It checks
every workbook first and writes nothing when one is unusable; then it writes
all changed translation and review files at once. An empty translation cell
never deletes a translation. Problems are reported as FILE: Sheet!Cell: what
to do.`

const sheetExportHelp = "Writes a review workbook (.xlsx) per locale for translators: an instructions sheet and a sheet\n" +
	"per document, with the missing and stale segments and those flagged needs-review (the headings\n" +
	"of their sections for context), or with --all every segment. For stale rows the previous\n" +
	"translation and, when git history has it, the old source text are shown. Without --locale, every\n" +
	"configured locale with work gets a workbook; a locale with nothing to do gets none. Bring\n" +
	"workbooks back with verso sheet import.\n\n" +
	"An existing workbook is overwritten only when importing it would change nothing (its edits are\n" +
	"imported, or it is untouched); one that holds edits not yet imported, or that cannot be read as a\n" +
	"review workbook, stops the export with exit 2 and nothing written, unless --force."

// sheetExportOptions are the flags of verso sheet export.
type sheetExportOptions struct {
	locales, docs multiFlag
	all           bool
	force         bool
	out           string
}

func runSheetExport(ctx context.Context, e *env, o *sheetExportOptions) error {
	if o.out != "" && len(o.locales) != 1 {
		return usagef("-o needs exactly one --locale")
	}
	p, locales, sel, err := e.openExport(o.locales, o.docs)
	if err != nil {
		return err
	}
	// Plan every workbook, check what they would overwrite, then write
	// them all at once.
	books, err := planWorkbooks(e, p, sel, locales, o)
	if err != nil {
		return err
	}
	files := make([]project.File, len(books))
	paths := make([]string, len(books))
	for i, b := range books {
		files[i], paths[i] = project.File{Path: b.out, Data: b.data}, b.out
	}
	if !o.force {
		if err := keepUnimported(e, p, sheetCodec, paths); err != nil {
			return err
		}
	}
	if err := project.WriteFiles(p.Root, files); err != nil {
		return err
	}
	for _, b := range books {
		t := b.sum.Total()
		fmt.Fprintf(e.stdout, "%s: %s, %s, %s: %d to translate, %d to revise, %d to review\n",
			b.out, b.sum.Locale, plural(len(b.sum.Docs), "document"), plural(t.Rows, "row"), t.Missing, t.Stale, t.Review)
	}
	return nil
}

// planWorkbooks makes the workbook of each locale that has rows to export,
// and says which have none.
func planWorkbooks(e *env, p *project.Project, sel []*project.Doc, locales []string, o *sheetExportOptions) ([]workbookPlan, error) {
	xo := xlsx.Options{SourceLang: p.Config.SourceLanguage, All: o.all, Created: e.outputDate(p.Root), Repository: history.RepoID(p.Root)}
	old := p.OldSources(sel, locales)
	var books []workbookPlan
	for _, l := range locales {
		b, err := planWorkbook(p, sel, l, o.out, xo, old)
		if err != nil {
			return nil, err
		}
		if b.sum == nil {
			e.notef("%s: nothing to translate, revise or review; nothing written (use --all to export every segment)", l)
			continue
		}
		books = append(books, b)
	}
	return books, nil
}

// workbookPlan is the workbook of one locale, ready to write.
type workbookPlan struct {
	out  string // path, slash-separated, relative to the root unless absolute
	data []byte
	sum  *xlsx.Summary // nil when the locale has no rows to export
}

// planWorkbook makes the workbook of one locale; its summary is nil when
// there is nothing to export.
func planWorkbook(p *project.Project, sel []*project.Doc, locale, out string, xo xlsx.Options, old map[string]map[string]string) (workbookPlan, error) {
	if out == "" {
		out = path.Join("sheets", locale+".xlsx")
	}
	b := workbookPlan{out: filepath.ToSlash(out)}
	sugg, err := workbookSuggestions(p, sel, locale)
	if err != nil {
		return b, err
	}
	var xdocs []xlsx.Doc
	for _, d := range sel {
		cov := d.Coverage(locale)
		xd := xlsx.Doc{Coverage: cov, Reviews: d.Translations[locale].Reviews, Extras: d.Translations[locale].Extras, OldSource: map[string]string{}, Suggestions: sugg[d.Name]}
		for _, it := range cov.Items {
			if it.State != align.Stale {
				continue
			}
			if text, ok := old[d.Name][it.Tr.Hash]; ok {
				xd.OldSource[it.ID] = text
			}
		}
		xdocs = append(xdocs, xd)
	}
	var buf bytes.Buffer
	sum, err := xlsx.Write(&buf, xdocs, xo)
	if err != nil {
		return b, err
	}
	if sum.Total().Rows > 0 {
		b.data, b.sum = buf.Bytes(), sum
	}
	return b, nil
}

// sheetCodec is the workbook as an exchange format, for the import
// pipeline every format shares.
var sheetCodec = &codec{name: "sheet", noun: "row", files: "workbooks", kind: "a review workbook", edit: "edited row", own: "sheet",
	importHelp: "Imports filled review workbooks into the translation files. Every workbook is checked first;\n" +
		"an unusable one (not an xlsx, encrypted, damaged, too large, not a verso workbook, sheets or\n" +
		"columns removed) stops the import with exit 2 and nothing written. Rows with problems (unknown,\n" +
		"duplicate or moved IDs, edited source or hidden cells, formulas, control characters, over-long\n" +
		"text, conflicts) are reported and not imported (exit 1); the other rows are. A conflict is a row\n" +
		"the translator changed whose translation also changed in the repository since the export:\n" +
		"--prefer decides it. An empty translation cell never deletes a translation.",
	open: func(e *env, p *project.Project, name string) (*exchange.File, error) {
		wb, err := readWorkbook(e, p, name)
		if err != nil {
			var ps xlsx.Problems
			if errors.As(err, &ps) {
				return nil, ps
			}
			return nil, unusable(name, err)
		}
		return wb.Exchange(), nil
	}}

// readWorkbook opens and reads one workbook; the name is resolved as every
// path verso takes (env.path).
func readWorkbook(e *env, p *project.Project, name string) (*xlsx.Workbook, error) {
	f, err := os.Open(e.path(name))
	if err != nil {
		return nil, fmt.Errorf("%w; name an .xlsx file exported with verso sheet export", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory; name an .xlsx file", name)
	}
	wb, err := xlsx.Read(f, fi.Size(), name, xlsx.ReadOptions{})
	if err != nil {
		return nil, err
	}
	if err := fromHere(p, wb); err != nil {
		return nil, err
	}
	if err := knownLocale(p, wb.Locale); err != nil {
		return nil, fmt.Errorf("%w: its %w", xlsx.ErrNotReview, err)
	}
	keepLong(p, wb)
	return wb, nil
}
