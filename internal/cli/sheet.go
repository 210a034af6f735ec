package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"time"

	"verso/align"
	"verso/export/exchange"
	"verso/export/xlsx"
	"verso/internal/history"
	"verso/internal/project"
)

func init() {
	registerLegacy("sheet", "export and import translator review spreadsheets (.xlsx)", runSheet)
}

const sheetUsage = `Usage:
  verso sheet export [--locale L]... [--doc D]... [--all] [--force] [-o FILE]
  verso sheet import FILE... [--dry-run] [--prefer sheet|repo]

export writes one .xlsx workbook per locale (default every configured locale
with work; sheets/<locale>.xlsx): an instructions sheet and a sheet per
document with the segments that need work (missing, stale, or flagged
needs-review), or with --all every segment. It does not overwrite a workbook
that holds edits not yet imported, nor a file it cannot read, unless --force.

import brings filled workbooks back into the translation files. It checks
every workbook first and writes nothing when one is unusable; then it writes
all changed translation and review files at once. An empty translation cell
never deletes a translation. Problems are reported as FILE: Sheet!Cell: what
to do.

Run verso sheet export --help or verso sheet import --help for the flags.
`

func runSheet(e *env, args []string) int {
	return runSubcommand(e, "sheet", sheetUsage, args,
		func(a []string) int { return runSheetExport(e, a) },
		func(a []string) int { return runSheetImport(e, a) })
}

// sheetExportOptions are the flags of verso sheet export.
type sheetExportOptions struct {
	locales []string
	docs    []string
	all     bool
	force   bool
	out     string
	// repository identifies this repository in the workbook (repoID).
	repository string
}

func runSheetExport(e *env, args []string) int {
	const cmd = "sheet export"
	fs := newFlags(e, cmd, "[--locale L]... [--doc D]... [--all] [--force] [-o FILE]",
		"Writes a review workbook (.xlsx) per locale for translators: an instructions sheet and a sheet\n"+
			"per document, with the missing and stale segments and those flagged needs-review (the headings\n"+
			"of their sections for context), or with --all every segment. For stale rows the previous\n"+
			"translation and, when git history has it, the old source text are shown. Without --locale, every\n"+
			"configured locale with work gets a workbook; a locale with nothing to do gets none. Bring\n"+
			"workbooks back with verso sheet import.\n\n"+
			"An existing workbook is overwritten only when importing it would change nothing (its edits are\n"+
			"imported, or it is untouched); one that holds edits not yet imported, or that cannot be read as a\n"+
			"review workbook, stops the export with exit 2 and nothing written, unless --force.")
	var o sheetExportOptions
	var docs, locales multiFlag
	fs.Var(&locales, "locale", "the locale to export (repeatable; default: every configured locale)")
	fs.Var(&docs, "doc", "export only this document (repeatable; default all)")
	fs.BoolVar(&o.all, "all", false, "export every segment, not only missing, stale and needs-review ones")
	fs.BoolVar(&o.force, "force", false, "overwrite an existing workbook even if it holds edits not yet imported")
	fs.StringVar(&o.out, "o", "", "output file, with one --locale (default sheets/<locale>.xlsx)")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "verso %s: unexpected argument %q\n", cmd, pos[0])
		return ExitUsage
	}
	o.docs, o.locales = docs, locales
	if o.out != "" && len(o.locales) != 1 {
		fmt.Fprintf(e.stderr, "verso %s: -o needs exactly one --locale\n", cmd)
		return ExitUsage
	}
	p, code := e.loadScoped(cmd)
	if p == nil {
		return code
	}
	var err error
	if o.locales, err = selectLocales(p, o.locales); err != nil {
		fmt.Fprintf(e.stderr, "verso %s: %v\n", cmd, err)
		return ExitUsage
	}
	if code, ok := e.need(cmd, p, o.locales); !ok {
		return code
	}
	sel, err := selectDocs(p, o.docs)
	if err != nil {
		return e.fail(cmd, err)
	}
	// Plan every workbook, check what they would overwrite, then write
	// them all at once.
	created := outputDate(e, cmd, p.Root)
	o.repository = history.RepoID(p.Root)
	old := p.OldSources(sel, o.locales)
	var books []workbookPlan
	for _, l := range o.locales {
		b, err := planWorkbook(p, sel, l, o, created, old)
		if err != nil {
			return e.fail(cmd, err)
		}
		if b.sum == nil {
			fmt.Fprintf(e.stderr, "verso %s: %s: nothing to translate, revise or review; nothing written (use --all to export every segment)\n", cmd, l)
			continue
		}
		books = append(books, b)
	}
	if !o.force {
		refused := false
		for _, b := range books {
			if !mayOverwriteWith(e, p, sheetCodec, cmd, b.out, func() (*exchange.File, error) { return readExchange(e, p, sheetCodec, b.out) }) {
				refused = true
			}
		}
		if refused {
			fmt.Fprintf(e.stderr, "verso %s: nothing was written\n", cmd)
			return ExitUsage
		}
	}
	files := make([]project.File, len(books))
	for i, b := range books {
		files[i] = project.File{Path: b.out, Data: b.data}
	}
	if err := project.WriteFiles(p.Root, files); err != nil {
		return e.fail(cmd, err)
	}
	for _, b := range books {
		t := b.sum.Total()
		fmt.Fprintf(e.stdout, "%s: %s, %s, %s: %d to translate, %d to revise, %d to review\n",
			b.out, b.sum.Locale, plural(len(b.sum.Docs), "document"), plural(t.Rows, "row"), t.Missing, t.Stale, t.Review)
	}
	return ExitOK
}

// workbookPlan is the workbook of one locale, ready to write.
type workbookPlan struct {
	out  string // path, slash-separated, relative to the root unless absolute
	data []byte
	sum  *xlsx.Summary // nil when the locale has no rows to export
}

// planWorkbook makes the workbook of one locale; its summary is nil when
// there is nothing to export.
func planWorkbook(p *project.Project, sel []*project.Doc, locale string, o sheetExportOptions, created time.Time, old map[string]map[string]string) (workbookPlan, error) {
	out := o.out
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
	sum, err := xlsx.Write(&buf, xdocs, xlsx.Options{SourceLang: p.Config.SourceLanguage, All: o.all, Created: created, Repository: o.repository})
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
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return wb.Exchange(), nil
	}}

// resolve returns the file name of a path given on the command line:
// relative paths are relative to the repository root.
func resolve(p *project.Project, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(p.Root, filepath.FromSlash(name))
}

func runSheetImport(e *env, args []string) int { return runExchangeImportCmd(e, sheetCodec, args) }

// readWorkbook opens and reads one workbook; the name is resolved against
// the repository root, as every path verso takes.
func readWorkbook(e *env, p *project.Project, name string) (*xlsx.Workbook, error) {
	fn := name
	if !filepath.IsAbs(fn) {
		fn = filepath.Join(e.dir, fn)
	}
	f, err := os.Open(fn)
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
