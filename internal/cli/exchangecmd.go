package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"verso/export/exchange"
	"verso/internal/diag"
	"verso/internal/project"
)

// codec is what the export and import commands of an exchange format
// (sheet, po, xliff) need of it.
type codec struct {
	name string // the command: "po", "xliff"
	ext  string // the default file's extension: ".po"
	noun string // what an entry is called in summaries: "message", "unit"
	// files names the files in messages ("files", "workbooks"), kind one
	// that can be imported ("a verso po file"), edit an edit not yet
	// imported ("edit", "edited row").
	files, kind, edit string
	write             func(w *exportJob) ([]byte, error)
	// read reads a file as it goes (never held whole when the format
	// allows).
	read func(name string, r io.Reader) (*exchange.File, error)
	// open replaces reading the file and read, for a format that reads
	// the file itself (workbooks).
	open func(e *env, p *project.Project, name string) (*exchange.File, error)
	// summary and help are the group's (verso help, verso NAME --help);
	// exportHelp is the export's, importHelp the import's (default: the
	// one for translation-tool files).
	summary, help, exportHelp, importHelp string
	// own is --prefer's word for the file's side of a conflict: "file",
	// "sheet".
	own string
	// versions are the format versions --version takes, the first the
	// default; nil when the format has one.
	versions []string
}

// exportJob is one file to export: a locale's documents and their units.
type exportJob struct {
	p       *project.Project
	locale  string
	docs    []exportDoc
	created time.Time
	version string // a format version chosen with a flag, or ""
}

// sizeHint estimates the size of the job's file (exchange.SizeHint), its
// markup around each unit's texts given.
func (j *exportJob) sizeHint(markup int) int {
	n := 0
	for _, d := range j.docs {
		n += exchange.SizeHint(d.units, markup)
	}
	return n
}

// exportDoc is one document's units in a job.
type exportDoc struct {
	doc   *project.Doc
	units []exchange.Unit
}

// registerExchange registers the group of a format for translation tools
// (po, xliff) and its export and import commands.
func registerExchange(c *codec) {
	registerGroup(group{name: c.name, summary: c.summary, help: c.help})
	synopsis := "[--locale L]... [--doc D]... [--force] [-o FILE]"
	if c.versions != nil {
		synopsis += " [--version " + strings.Join(c.versions, "|") + "]"
	}
	register(define(command{name: c.name + " export", synopsis: synopsis,
		summary: "write a file per locale with every segment of the documents", help: c.exportHelp, access: writes, lean: true},
		func(o *exchangeExportOptions, fs *flag.FlagSet) {
			fs.Var(&o.locales, "locale", "the locale to export (repeatable; default: every configured locale)")
			fs.Var(&o.docs, "doc", "export only this document (repeatable; default all)")
			fs.BoolVar(&o.force, "force", false, "overwrite an existing file even if it holds edits not yet imported")
			fs.StringVar(&o.out, "o", "", fmt.Sprintf("output file, with one --locale (default %s/<locale>%s)", c.name, c.ext))
			if c.versions != nil {
				fs.StringVar(&o.version, "version", c.versions[0], "format version: "+strings.Join(c.versions, " or "))
			}
		},
		func(ctx context.Context, e *env, o *exchangeExportOptions) error {
			return runExchangeExport(ctx, e, c, o)
		}))
	registerExchangeImport(c)
}

// exchangeExportOptions are the flags of verso po|xliff export.
type exchangeExportOptions struct {
	locales, docs multiFlag
	force         bool
	out           string
	version       string
}

// runExchangeExport writes one file per locale with every segment of the
// documents.
func runExchangeExport(ctx context.Context, e *env, c *codec, o *exchangeExportOptions) error {
	switch {
	case c.versions != nil && !slices.Contains(c.versions, o.version):
		return usagef("--version %q: use %s", o.version, strings.Join(c.versions, " or "))
	case o.out != "" && len(o.locales) != 1:
		return usagef("-o needs exactly one --locale")
	}
	p, locales, sel, err := e.openExport(o.locales, o.docs)
	if err != nil {
		return err
	}
	files, counts, err := planExchangeExport(e, c, p, locales, sel, o)
	if err != nil {
		return err
	}
	if !o.force {
		paths := make([]string, len(files))
		for i, f := range files {
			paths[i] = f.Path
		}
		if err := keepUnimported(e, p, c, paths); err != nil {
			return err
		}
	}
	if err := project.WriteFiles(p.Root, files); err != nil {
		return err
	}
	for i, f := range files {
		n := counts[i]
		fmt.Fprintf(e.stdout, "%s: %s, %s, %s: %d to translate, %d to revise, %d to review\n",
			f.Path, locales[i], plural(len(sel), "document"), plural(n.Units, c.noun), n.Missing, n.Stale, n.Review)
	}
	return nil
}

// openExport loads the project for an export of the named locales
// (default every locale) and documents (default all): the files of those
// locales must load.
func (e *env) openExport(locales, docs []string) (*project.Project, []string, []*project.Doc, error) {
	p, err := e.open(openOptions{})
	if err != nil {
		return nil, nil, nil, err
	}
	ls, err := selectLocales(p, locales)
	if err != nil {
		return nil, nil, nil, &usageError{err}
	}
	if err := p.Err(ls); err != nil {
		return nil, nil, nil, err
	}
	sel, err := selectDocs(p, docs)
	if err != nil {
		return nil, nil, nil, err
	}
	return p, ls, sel, nil
}

// planExchangeExport makes the file of each locale, with the counts of
// its units.
func planExchangeExport(e *env, c *codec, p *project.Project, locales []string, sel []*project.Doc, o *exchangeExportOptions) ([]project.File, []exchange.Counts, error) {
	created := e.outputDate(p.Root)
	old := p.OldSources(sel, locales)
	var files []project.File
	var counts []exchange.Counts
	for _, l := range locales {
		job := &exportJob{p: p, locale: l, created: created, version: o.version}
		var all []exchange.Unit
		for _, d := range sel {
			xd := exchangeDoc(d, l, old[d.Name])
			units := exchange.Units(xd, true)
			job.docs = append(job.docs, exportDoc{d, units})
			all = append(all, units...)
		}
		data, err := c.write(job)
		if err != nil {
			return nil, nil, err
		}
		out := o.out
		if out == "" {
			out = path.Join(c.name, l+c.ext)
		}
		files = append(files, project.File{Path: filepath.ToSlash(out), Data: data})
		counts = append(counts, exchange.Count(all))
	}
	return files, counts, nil
}

// exchangeDoc is a document's state in a locale, with the old source
// texts of its stale translations that history has.
func exchangeDoc(d *project.Doc, locale string, old map[string]string) *exchange.Doc {
	cov := d.Coverage(locale)
	xd := &exchange.Doc{Coverage: cov, Reviews: d.Translations[locale].Reviews, OldSource: map[string]string{}}
	for _, it := range cov.Items {
		if it.Tr != nil && it.Index >= 0 && it.Tr.Hash != d.Segments[it.Index].Hash {
			if text, ok := old[it.Tr.Hash]; ok {
				xd.OldSource[it.ID] = text
			}
		}
	}
	return xd
}

// keepUnimported refuses an export that would overwrite a file that
// holds edits not yet imported or cannot be read (mayOverwriteWith): it
// reports every such file and returns the error that stops the export.
func keepUnimported(e *env, p *project.Project, c *codec, paths []string) error {
	n := 0
	for _, out := range paths {
		if err := mayOverwriteWith(e, p, c, out); err != nil {
			e.diagnose(diag.Diagnostic{Severity: diag.Error, Code: "overwrite", Message: err.Error()})
			n++
		}
	}
	if n > 0 {
		return fmt.Errorf("refused to overwrite %s", plural(n, "file"))
	}
	return nil
}

// mayOverwriteWith returns nil when a file may be written to out: there
// is no file there, or it holds nothing to import (as an import with
// --dry-run --prefer file would find). Otherwise it returns why not, and
// reports first why a file there cannot be read.
func mayOverwriteWith(e *env, p *project.Project, c *codec, out string) error {
	fi, err := os.Stat(e.path(out))
	if errors.Is(err, os.ErrNotExist) || err == nil && fi.IsDir() {
		return nil // WriteFiles says why a directory cannot be written
	}
	f, err := readExchange(e, p, c, out)
	if err != nil {
		e.diagnose(diag.From(out, err)...)
		return fmt.Errorf("%s: exists and cannot be read as %s; move it away, or use --force to overwrite it", out, c.kind)
	}
	plan := planImport(p, []*exchange.File{f}, exchange.PreferFile)
	if len(plan.writes) == 0 {
		return nil
	}
	return fmt.Errorf("%s: holds %s not yet imported; import it first (verso %s import %s), or use --force to overwrite it",
		out, plural(plan.results[0].Changed, c.edit), c.name, out)
}

// readExchange reads one file of a codec; the name is resolved as every
// path verso takes (env.path). A file whose locale is not configured is
// unusable. Its errors are placed at the file, or in it.
func readExchange(e *env, p *project.Project, c *codec, name string) (*exchange.File, error) {
	if c.open != nil {
		return c.open(e, p, name)
	}
	in, err := os.Open(e.path(name))
	if err == nil {
		var fi os.FileInfo
		if fi, err = in.Stat(); err == nil && fi.IsDir() {
			err = &os.PathError{Op: "read", Path: e.path(name), Err: syscall.EISDIR}
		}
		if err != nil {
			in.Close()
		}
	}
	if err != nil {
		return nil, unusable(name, fmt.Errorf("%w; name a file exported with verso %s export", unwrapPath(err), c.name))
	}
	f, err := c.read(name, in)
	in.Close()
	if err != nil {
		return nil, err
	}
	if err := knownLocale(p, f.Locale); err != nil {
		return nil, unusable(name, fmt.Errorf("%w: its %w", exchange.ErrLocale, err))
	}
	return f, nil
}

// unusable is the error of a file that cannot be imported at all, placed
// at the file for diagnostics.
func unusable(name string, err error) error {
	return &exchange.Problem{File: name, Level: exchange.LevelFatal, Err: err}
}

// readExchanges reads every file to import, and reports every one that
// cannot be used; if any cannot, the import stops.
func readExchanges(e *env, p *project.Project, c *codec, names []string) ([]*exchange.File, error) {
	var files []*exchange.File
	bad := false
	for _, name := range names {
		f, err := readExchange(e, p, c, name)
		if err != nil {
			e.diagnose(diag.From(name, err)...)
			bad = true
			continue
		}
		files = append(files, f)
	}
	if bad {
		return nil, errors.New("unusable input")
	}
	return files, nil
}

// unwrapPath drops the path of an *os.PathError, which the message names
// already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// defaultImportHelp is the help of the import of files for translation
// tools.
const defaultImportHelp = "Imports translated files into the translation files. Every file is checked first; an unusable\n" +
	"one (malformed, truncated, a DOCTYPE, not a verso file, a locale not configured) stops the import\n" +
	"with exit 2 and nothing written. Entries with problems (unknown, duplicate or moved IDs, an edited\n" +
	"source, conflicts) are reported and not imported (exit 1); the others are. A conflict is an entry\n" +
	"the translator changed whose translation also changed in the repository since the export:\n" +
	"--prefer decides it. An empty translation never deletes one."

// registerExchangeImport registers verso NAME import of a format.
func registerExchangeImport(c *codec) {
	own := cmp.Or(c.own, "file")
	register(define(command{name: c.name + " import", synopsis: "FILE... [--dry-run] [--prefer " + own + "|repo]",
		summary: "import the " + c.files + " verso " + c.name + " export wrote", help: cmp.Or(c.importHelp, defaultImportHelp), access: writes, lean: true},
		func(o *exchangeImportOptions, fs *flag.FlagSet) {
			fs.BoolVar(&o.dryRun, "dry-run", false, "report what would be imported; write nothing")
			fs.StringVar(&o.prefer, "prefer", "", "decide conflicts: "+own+" (take the translator's) or repo (keep the repository's)")
		},
		func(ctx context.Context, e *env, o *exchangeImportOptions) error {
			return runExchangeImport(ctx, e, c, o)
		}))
}

// exchangeImportOptions are the flags and arguments of verso
// sheet|po|xliff import.
type exchangeImportOptions struct {
	operands // the files to import
	dryRun   bool
	prefer   string // --prefer: the format's own word, or repo
}

// parsePrefer reads --prefer: the format's own word (sheet, file) or repo.
func parsePrefer(s, own string) (exchange.Prefer, error) {
	switch s {
	case "":
		return exchange.PreferNone, nil
	case own:
		return exchange.PreferFile, nil
	case "repo":
		return exchange.PreferRepo, nil
	}
	return 0, fmt.Errorf("--prefer %q: use %s or repo", s, own)
}

// runExchangeImport checks every file, then merges them and writes every
// changed translation and review file at once.
func runExchangeImport(ctx context.Context, e *env, c *codec, o *exchangeImportOptions) error {
	prefer, err := parsePrefer(o.prefer, cmp.Or(c.own, "file"))
	if err != nil {
		return &usageError{err}
	}
	if len(o.args) == 0 {
		return usagef("name the %s to import, as verso %s export wrote them (verso %s --help shows how)", c.files, c.name, c.name)
	}
	p, err := e.open(openOptions{})
	if err != nil {
		return err
	}
	files, err := readExchanges(e, p, c, o.args)
	if err != nil {
		return err
	}
	// A bad translation or review file stops the import only if it is of
	// a locale imported.
	var locales []string
	for _, f := range files {
		locales = append(locales, f.Locale)
	}
	if err := p.Err(locales); err != nil {
		return err
	}
	plan := planImport(p, files, prefer)
	summaries, worst := reportImport(e, p, c, plan, files)
	if err := applyImport(e, p, plan, summaries, o.dryRun); err != nil {
		return err
	}
	if worst >= exchange.LevelRejected {
		return problemsf("") // reported with the problems
	}
	return nil
}

// reportImport reports the problems of each file and returns the
// summaries of what is imported, to print once the files are written, and
// the gravest level of the problems.
func reportImport(e *env, p *project.Project, c *codec, plan *importPlan, files []*exchange.File) (summaries []string, worst exchange.Level) {
	worst = exchange.Level(-1)
	for i, res := range plan.results {
		res.Problems = append(res.Problems, scriptWarnings(p, files[i])...)
		res.Problems.Sort()
		for _, pr := range res.Problems {
			e.diagnose(diag.FromPositioned(pr))
		}
		worst = max(worst, res.Problems.Max())
		reviewed := "1 status or note changed"
		if res.Reviewed != 1 {
			reviewed = fmt.Sprintf("%d statuses or notes changed", res.Reviewed)
		}
		summaries = append(summaries, fmt.Sprintf("%s: %s: %s imported, %d confirmed, %s, %s unchanged, %d rejected",
			files[i].Name, files[i].Locale, plural(res.Imported, "translation"), res.Confirmed, reviewed,
			plural(res.Unchanged, c.noun), res.Problems.Count(exchange.LevelRejected)))
		if more := importDrafts(res); more != "" {
			summaries = append(summaries, fmt.Sprintf("%s: %s: %s", files[i].Name, files[i].Locale, more))
		}
	}
	return summaries, worst
}

// applyImport writes the plan's files (in a dry run, says which it would
// write) and prints the summaries.
func applyImport(e *env, p *project.Project, plan *importPlan, summaries []string, dryRun bool) error {
	if err := e.apply(p.Root, plan.writes, dryRun); err != nil {
		return err
	}
	for _, s := range summaries {
		fmt.Fprintln(e.stdout, s)
	}
	return nil
}
