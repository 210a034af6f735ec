package cli

import (
	"cmp"
	"errors"
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
	"verso/internal/project"
)

// codec is what the export and import commands of an exchange format
// (po, xliff) need of it.
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
	// usage is the command's help; exportHelp the export's, importHelp the
	// import's (default: the one for translation-tool files).
	usage, exportHelp, importHelp string
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

// exchangeExportOptions are the flags of verso po|xliff export.
type exchangeExportOptions struct {
	locales, docs multiFlag
	force         bool
	out           string
	version       string
}

// runExchangeExport writes one file per locale with every segment of the
// documents.
func runExchangeExport(e *env, c *codec, o *exchangeExportOptions) int {
	cmd := c.name + " export"
	if o.out != "" && len(o.locales) != 1 {
		fmt.Fprintf(e.stderr, "verso %s: -o needs exactly one --locale\n", cmd)
		return ExitUsage
	}
	p, code := e.loadScoped(cmd)
	if p == nil {
		return code
	}
	locales, err := selectLocales(p, o.locales)
	if err != nil {
		fmt.Fprintf(e.stderr, "verso %s: %v\n", cmd, err)
		return ExitUsage
	}
	if code, ok := e.need(cmd, p, locales); !ok {
		return code
	}
	sel, err := selectDocs(p, o.docs)
	if err != nil {
		return e.fail(cmd, err)
	}
	created := outputDate(e, cmd, p.Root)
	old := staleSources(p, sel, locales)
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
			return e.fail(cmd, err)
		}
		out := o.out
		if out == "" {
			out = path.Join(c.name, l+c.ext)
		}
		files = append(files, project.File{Path: filepath.ToSlash(out), Data: data})
		counts = append(counts, exchange.Count(all))
	}
	if !o.force {
		refused := false
		for _, f := range files {
			if !mayOverwriteWith(e, p, c, cmd, f.Path, func() (*exchange.File, error) { return readExchange(e, p, c, f.Path) }) {
				refused = true
			}
		}
		if refused {
			fmt.Fprintf(e.stderr, "verso %s: nothing was written\n", cmd)
			return ExitUsage
		}
	}
	if err := project.WriteFiles(p.Root, files); err != nil {
		return e.fail(cmd, err)
	}
	for i, f := range files {
		n := counts[i]
		fmt.Fprintf(e.stdout, "%s: %s, %s, %s: %d to translate, %d to revise, %d to review\n",
			f.Path, locales[i], plural(len(sel), "document"), plural(n.Units, c.noun), n.Missing, n.Stale, n.Review)
	}
	return ExitOK
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

// mayOverwriteWith reports whether a file may be written to out: there is
// no file there, or it holds nothing to import (read tells, as an import
// with --dry-run --prefer file would). It says on stderr why not.
func mayOverwriteWith(e *env, p *project.Project, c *codec, cmd, out string, read func() (*exchange.File, error)) bool {
	fi, err := os.Stat(resolve(p, out))
	if errors.Is(err, os.ErrNotExist) || err == nil && fi.IsDir() {
		return true // WriteFiles says why a directory cannot be written
	}
	f, err := read()
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		fmt.Fprintf(e.stderr, "verso %s: %s: exists and cannot be read as %s; move it away, or use --force to overwrite it\n", cmd, out, c.kind)
		return false
	}
	plan := planImport(p, []*exchange.File{f}, exchange.PreferFile)
	if len(plan.writes) == 0 {
		return true
	}
	fmt.Fprintf(e.stderr, "verso %s: %s: holds %s not yet imported; import it first (verso %s import %s), or use --force to overwrite it\n",
		cmd, out, plural(plan.results[0].Changed, c.edit), c.name, out)
	return false
}

// readExchange reads one file of a codec; the name is resolved against
// the repository root, as every path verso takes. A file whose locale is
// not configured is unusable.
func readExchange(e *env, p *project.Project, c *codec, name string) (*exchange.File, error) {
	if c.open != nil {
		return c.open(e, p, name)
	}
	fn := name
	if !filepath.IsAbs(fn) {
		fn = filepath.Join(e.dir, fn)
	}
	in, err := os.Open(fn)
	if err == nil {
		var fi os.FileInfo
		if fi, err = in.Stat(); err == nil && fi.IsDir() {
			err = &os.PathError{Op: "read", Path: fn, Err: syscall.EISDIR}
		}
		if err != nil {
			in.Close()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w; name a file exported with verso %s export", name, unwrapPath(err), c.name)
	}
	f, err := c.read(name, in)
	in.Close()
	if err != nil {
		return nil, err
	}
	if err := knownLocale(p, f.Locale); err != nil {
		return nil, fmt.Errorf("%s: %w: its %w", name, exchange.ErrLocale, err)
	}
	return f, nil
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

// exchangeImportOptions are the flags of verso po|xliff import.
type exchangeImportOptions struct {
	dryRun bool
	prefer exchange.Prefer
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
func runExchangeImport(e *env, c *codec, names []string, o exchangeImportOptions) int {
	cmd := c.name + " import"
	if len(names) == 0 {
		fmt.Fprintf(e.stderr, "verso %s: name the %s to import, as verso %s export wrote them (verso %s --help shows how)\n", cmd, c.files, c.name, c.name)
		return ExitUsage
	}
	p, code := e.loadScoped(cmd)
	if p == nil {
		return code
	}
	var files []*exchange.File
	fatal := false
	for _, name := range names {
		f, err := readExchange(e, p, c, name)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			fatal = true
			continue
		}
		files = append(files, f)
	}
	if fatal {
		fmt.Fprintf(e.stderr, "verso %s: unusable input; nothing was written\n", cmd)
		return ExitUsage
	}
	// A bad translation or review file stops the import only if it is of
	// a locale imported.
	var locales []string
	for _, f := range files {
		locales = append(locales, f.Locale)
	}
	if code, ok := e.need(cmd, p, locales); !ok {
		return code
	}
	plan := planImport(p, files, o.prefer)
	worst := exchange.Level(-1)
	// The summaries say what was imported: they are printed once the
	// files are written (or, in a dry run, would be).
	var summaries []string
	for i, res := range plan.results {
		res.Problems = append(res.Problems, scriptWarnings(p, files[i])...)
		res.Problems.Sort()
		for _, pr := range res.Problems {
			fmt.Fprintln(e.stderr, pr)
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
	if o.dryRun {
		for _, s := range summaries {
			fmt.Fprintln(e.stdout, s)
		}
		for _, w := range plan.writes {
			fmt.Fprintf(e.stderr, "would write %s\n", w.Path)
		}
		fmt.Fprintf(e.stderr, "verso %s: dry run; nothing was written\n", cmd)
	} else {
		if err := project.WriteFiles(p.Root, plan.writes); err != nil {
			return e.fail(cmd, err)
		}
		for _, s := range summaries {
			fmt.Fprintln(e.stdout, s)
		}
		for _, w := range plan.writes {
			fmt.Fprintf(e.stderr, "wrote %s\n", w.Path)
		}
	}
	if worst >= exchange.LevelRejected {
		return ExitProblems
	}
	return ExitOK
}

// runExchange dispatches verso po|xliff export|import.
func runExchange(e *env, c *codec, args []string) int {
	return runSubcommand(e, c.name, c.usage, args,
		func(a []string) int { return runExchangeExportCmd(e, c, a) },
		func(a []string) int { return runExchangeImportCmd(e, c, a) })
}

// runExchangeExportCmd parses the flags of verso po|xliff export.
func runExchangeExportCmd(e *env, c *codec, args []string) int {
	o := &exchangeExportOptions{}
	synopsis := "[--locale L]... [--doc D]... [--force] [-o FILE]"
	if c.versions != nil {
		synopsis += " [--version " + strings.Join(c.versions, "|") + "]"
	}
	fs := newFlags(e, c.name+" export", synopsis, c.exportHelp)
	fs.Var(&o.locales, "locale", "the locale to export (repeatable; default: every configured locale)")
	fs.Var(&o.docs, "doc", "export only this document (repeatable; default all)")
	fs.BoolVar(&o.force, "force", false, "overwrite an existing file even if it holds edits not yet imported")
	fs.StringVar(&o.out, "o", "", fmt.Sprintf("output file, with one --locale (default %s/<locale>%s)", c.name, c.ext))
	if c.versions != nil {
		fs.StringVar(&o.version, "version", c.versions[0], "format version: "+strings.Join(c.versions, " or "))
	}
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "verso %s export: unexpected argument %q\n", c.name, pos[0])
		return ExitUsage
	}
	if c.versions != nil && !slices.Contains(c.versions, o.version) {
		fmt.Fprintf(e.stderr, "verso %s export: --version %q: use %s\n", c.name, o.version, strings.Join(c.versions, " or "))
		return ExitUsage
	}
	return runExchangeExport(e, c, o)
}

// runExchangeImportCmd parses the flags of verso po|xliff import.
func runExchangeImportCmd(e *env, c *codec, args []string) int {
	cmd := c.name + " import"
	help := c.importHelp
	if help == "" {
		help = "Imports translated files into the translation files. Every file is checked first; an unusable\n" +
			"one (malformed, truncated, a DOCTYPE, not a verso file, a locale not configured) stops the import\n" +
			"with exit 2 and nothing written. Entries with problems (unknown, duplicate or moved IDs, an edited\n" +
			"source, conflicts) are reported and not imported (exit 1); the others are. A conflict is an entry\n" +
			"the translator changed whose translation also changed in the repository since the export:\n" +
			"--prefer decides it. An empty translation never deletes one."
	}
	own := cmp.Or(c.own, "file")
	fs := newFlags(e, cmd, "FILE... [--dry-run] [--prefer "+own+"|repo]", help)
	var o exchangeImportOptions
	fs.BoolVar(&o.dryRun, "dry-run", false, "report what would be imported; write nothing")
	prefer := fs.String("prefer", "", "decide conflicts: "+own+" (take the translator's) or repo (keep the repository's)")
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	var err error
	if o.prefer, err = parsePrefer(*prefer, own); err != nil {
		fmt.Fprintf(e.stderr, "verso %s: %v\n", cmd, err)
		return ExitUsage
	}
	return runExchangeImport(e, c, files, o)
}
