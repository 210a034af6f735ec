package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"verso/align"
	"verso/align/msgfile"
	"verso/export/xlsx"
	"verso/internal/project"
)

func init() {
	register(command{"sheet", "export and import translator review spreadsheets (.xlsx)", runSheet})
}

const sheetUsage = `Usage:
  verso sheet export --locale L [--doc D]... [--all] [-o FILE]
  verso sheet import FILE... [--dry-run] [--prefer sheet|repo]

export writes one .xlsx workbook for a locale (default sheets/<locale>.xlsx):
an instructions sheet and a sheet per document with the segments that need
work (missing or stale), or with --all every segment.

import brings filled workbooks back into the translation files. It checks
every workbook first and writes nothing when one is unusable; then it writes
all changed translation and review files at once. An empty translation cell
never deletes a translation. Problems are reported as FILE: Sheet!Cell: what
to do.

Run verso sheet export --help or verso sheet import --help for the flags.
`

func runSheet(e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stderr, sheetUsage+"\n"+exitCodesHelp)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	switch args[0] {
	case "export":
		return runSheetExport(e, args[1:])
	case "import":
		return runSheetImport(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "verso sheet: unknown subcommand %q: use export or import\n", args[0])
	return ExitUsage
}

// sheetExportOptions are the flags of verso sheet export.
type sheetExportOptions struct {
	locales []string
	docs    []string
	all     bool
	out     string
}

func runSheetExport(e *env, args []string) int {
	const cmd = "sheet export"
	fs := newFlags(e, cmd, "[--locale L]... [--doc D]... [--all] [-o FILE]",
		"Writes a review workbook (.xlsx) per locale for translators: an instructions sheet and a sheet\n"+
			"per document, with the missing and stale segments (the headings of their sections for context),\n"+
			"or with --all every segment. For stale rows the previous translation and, when git history has\n"+
			"it, the old source text are shown. Without --locale, every configured locale with work gets a\n"+
			"workbook; a locale with nothing to do gets none. Bring workbooks back with verso sheet import.")
	var o sheetExportOptions
	var docs, locales multiFlag
	fs.Var(&locales, "locale", "the locale to export (repeatable; default: every configured locale)")
	fs.Var(&docs, "doc", "export only this document (repeatable; default all)")
	fs.BoolVar(&o.all, "all", false, "export every segment, not only missing and stale ones")
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
	p, code := e.load(cmd)
	if p == nil {
		return code
	}
	if len(o.locales) == 0 {
		o.locales = p.Locales
	}
	for _, l := range o.locales {
		if !slices.Contains(p.Locales, l) {
			fmt.Fprintf(e.stderr, "verso %s: locale %q is not configured; locales: %s\n", cmd, l, strings.Join(p.Locales, ", "))
			return ExitUsage
		}
	}
	sel, err := selectDocs(p, o.docs)
	if err != nil {
		return e.fail(cmd, err)
	}
	for _, l := range o.locales {
		if code := exportLocale(e, p, sel, l, o); code != ExitOK {
			return code
		}
	}
	return ExitOK
}

// exportLocale writes the workbook of one locale, unless it has no rows.
func exportLocale(e *env, p *project.Project, sel []*project.Doc, locale string, o sheetExportOptions) int {
	const cmd = "sheet export"
	out := o.out
	if out == "" {
		out = path.Join("sheets", locale+".xlsx")
	}
	var xdocs []xlsx.Doc
	for _, d := range sel {
		cov := d.Coverage(locale)
		revs, err := readReviews(p, d.Name, locale)
		if err != nil {
			return e.fail(cmd, err)
		}
		xd := xlsx.Doc{Coverage: cov, Reviews: revs}
		stale := map[string]string{}
		for _, it := range cov.Items {
			if it.State == align.Stale {
				stale[it.ID] = it.Tr.Hash
			}
		}
		if len(stale) > 0 {
			xd.OldSource = oldSources(p.Root, d.RecordPath, stale)
		}
		xdocs = append(xdocs, xd)
	}
	var buf bytes.Buffer
	sum, err := xlsx.Write(&buf, xdocs, xlsx.Options{SourceLang: p.Config.SourceLanguage, All: o.all, Created: outputDate(e, cmd, p.Root)})
	if err != nil {
		return e.fail(cmd, err)
	}
	rows, missing, stale := sum.Totals()
	if rows == 0 {
		fmt.Fprintf(e.stderr, "verso %s: %s: nothing to translate or revise; nothing written (use --all to export every segment)\n", cmd, locale)
		return ExitOK
	}
	root := p.Root
	if filepath.IsAbs(out) {
		root = ""
	}
	if err := project.WriteFiles(root, []project.File{{Path: filepath.ToSlash(out), Data: buf.Bytes()}}); err != nil {
		return e.fail(cmd, err)
	}
	fmt.Fprintf(e.stdout, "%s: %s, %d documents, %d rows: %d to translate, %d to revise\n", out, locale, len(sum.Docs), rows, missing, stale)
	return ExitOK
}

// readReviews reads a review file; a missing file is an empty state.
func readReviews(p *project.Project, doc, locale string) ([]msgfile.Review, error) {
	rel := p.ReviewPath(doc, locale)
	data, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(rel)))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return msgfile.ParseReview(rel, data)
}

// oldSources looks for the source texts that stale translations were made
// from. The repository keeps only current texts (the ID record), so they
// are searched in git history: the versions of the ID record in the last
// commits that touched it, newest first; a text whose hash is the one the
// translation records is the old source. Without git, or when history does
// not have it, the text is unknown and the workbook says so.
func oldSources(root, recordPath string, want map[string]string) map[string]string {
	out := map[string]string{}
	git := func(args ...string) ([]byte, error) {
		c := exec.Command("git", append([]string{"-C", root}, args...)...)
		c.Stderr = nil
		return c.Output()
	}
	logOut, err := git("log", "--format=%H", "-n", "100", "--", recordPath)
	if err != nil {
		return out
	}
	for _, commit := range strings.Fields(string(logOut)) {
		data, err := git("show", commit+":./"+recordPath)
		if err != nil {
			continue
		}
		rec, err := align.ParseRecord(recordPath, data)
		if err != nil {
			continue
		}
		for _, en := range rec.Entries {
			if h, ok := want[en.ID]; ok && out[en.ID] == "" && align.Hash(en.Text) == h {
				out[en.ID] = en.Text
			}
		}
		if len(out) == len(want) {
			break
		}
	}
	return out
}

// sheetImportOptions are the flags of verso sheet import.
type sheetImportOptions struct {
	dryRun bool
	prefer xlsx.Prefer
}

func runSheetImport(e *env, args []string) int {
	const cmd = "sheet import"
	fs := newFlags(e, cmd, "FILE... [--dry-run] [--prefer sheet|repo]",
		"Imports filled review workbooks into the translation files. Every workbook is checked first;\n"+
			"an unusable one (not an xlsx, encrypted, damaged, too large, not a verso workbook, sheets or\n"+
			"columns removed) stops the import with exit 2 and nothing written. Rows with problems (unknown,\n"+
			"duplicate or moved IDs, edited source or hidden cells, formulas, control characters, over-long\n"+
			"text, conflicts) are reported and not imported (exit 1); the other rows are. A conflict is a row\n"+
			"the translator changed whose translation also changed in the repository since the export:\n"+
			"--prefer decides it. An empty translation cell never deletes a translation.")
	var o sheetImportOptions
	fs.BoolVar(&o.dryRun, "dry-run", false, "report what would be imported; write nothing")
	prefer := fs.String("prefer", "", "decide conflicts: sheet (take the workbook's) or repo (keep the repository's)")
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	switch *prefer {
	case "":
	case "sheet":
		o.prefer = xlsx.PreferSheet
	case "repo":
		o.prefer = xlsx.PreferRepo
	default:
		fmt.Fprintf(e.stderr, "verso %s: --prefer %q: use sheet or repo\n", cmd, *prefer)
		return ExitUsage
	}
	if len(files) == 0 {
		fmt.Fprintf(e.stderr, "verso %s: name the workbooks to import\n", cmd)
		return ExitUsage
	}
	p, code := e.load(cmd)
	if p == nil {
		return code
	}
	// Read and check every workbook before anything is planned.
	var wbs []*xlsx.Workbook
	var fatal xlsx.Problems
	for _, name := range files {
		wb, err := readWorkbook(e, p, name)
		if err != nil {
			var ps xlsx.Problems
			if errors.As(err, &ps) {
				fatal = append(fatal, ps...)
				continue
			}
			fatal = append(fatal, &xlsx.Problem{File: name, Level: xlsx.LevelFatal, Err: err})
			continue
		}
		wbs = append(wbs, wb)
	}
	if len(fatal) > 0 {
		for _, pr := range fatal {
			fmt.Fprintln(e.stderr, pr)
		}
		fmt.Fprintf(e.stderr, "verso %s: unusable input; nothing was written\n", cmd)
		return ExitUsage
	}
	// Merge each workbook into the state left by the ones before it.
	state := map[string]map[string]*xlsx.Current{} // locale -> doc -> state
	current := func(locale string) (map[string]*xlsx.Current, error) {
		if s := state[locale]; s != nil {
			return s, nil
		}
		s := map[string]*xlsx.Current{}
		for _, d := range p.Docs {
			revs, err := readReviews(p, d.Name, locale)
			if err != nil {
				return nil, err
			}
			var trs []align.Translation
			if t := d.Translations[locale]; t != nil {
				trs = t.Items
			}
			s[d.Name] = &xlsx.Current{Doc: d.Document, Translations: trs, Reviews: revs,
				TranslationPath: p.TranslationPath(d.Name, locale), ReviewPath: p.ReviewPath(d.Name, locale)}
		}
		state[locale] = s
		return s, nil
	}
	type change struct{ trs, revs bool }
	changed := map[[2]string]*change{} // {locale, doc}
	worst := xlsx.Level(-1)
	for _, wb := range wbs {
		cur, err := current(wb.Locale)
		if err != nil {
			return e.fail(cmd, err)
		}
		res := xlsx.Merge(wb, cur, o.prefer)
		for _, pr := range res.Problems {
			fmt.Fprintln(e.stderr, pr)
		}
		worst = max(worst, res.Problems.Max())
		rejected := 0
		for _, pr := range res.Problems {
			if pr.Level == xlsx.LevelRejected {
				rejected++
			}
		}
		for doc, trs := range res.Translations {
			cur[doc].Translations = trs
			k := [2]string{wb.Locale, doc}
			if changed[k] == nil {
				changed[k] = &change{}
			}
			changed[k].trs = true
		}
		for doc, revs := range res.Reviews {
			cur[doc].Reviews = revs
			k := [2]string{wb.Locale, doc}
			if changed[k] == nil {
				changed[k] = &change{}
			}
			changed[k].revs = true
		}
		fmt.Fprintf(e.stdout, "%s: %s: %d translations imported, %d statuses or notes changed, %d rows unchanged, %d rejected\n",
			wb.File, wb.Locale, res.Imported, res.Reviewed, res.Unchanged, rejected)
	}
	// Plan the writes: only files whose bytes change.
	var writes []project.File
	keys := make([][2]string, 0, len(changed))
	for k := range changed {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	for _, k := range keys {
		locale, doc := k[0], k[1]
		c := state[locale][doc]
		if changed[k].trs {
			rel := c.TranslationPath
			old, _ := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(rel)))
			data := msgfile.Marshal(msgfile.Header(old), c.Translations)
			if !bytes.Equal(old, data) {
				writes = append(writes, project.File{Path: rel, Data: data})
			}
		}
		if changed[k].revs {
			rel := c.ReviewPath
			old, _ := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(rel)))
			data := msgfile.MarshalReview(c.Reviews)
			if !bytes.Equal(old, data) {
				writes = append(writes, project.File{Path: rel, Data: data})
			}
		}
	}
	if o.dryRun {
		for _, w := range writes {
			fmt.Fprintf(e.stderr, "would write %s\n", w.Path)
		}
		fmt.Fprintf(e.stderr, "verso %s: dry run; nothing was written\n", cmd)
	} else {
		if err := project.WriteFiles(p.Root, writes); err != nil {
			return e.fail(cmd, err)
		}
		for _, w := range writes {
			fmt.Fprintf(e.stderr, "wrote %s\n", w.Path)
		}
	}
	if worst >= xlsx.LevelRejected {
		return ExitProblems
	}
	return ExitOK
}

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
	if !slices.Contains(p.Locales, wb.Locale) {
		return nil, fmt.Errorf("%w: its locale %q is not configured; locales: %s", xlsx.ErrNotReview, wb.Locale, strings.Join(p.Locales, ", "))
	}
	return wb, nil
}
