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
	"time"

	"verso/align"
	"verso/export/xlsx"
	"verso/internal/project"
)

func init() {
	register(command{"sheet", "export and import translator review spreadsheets (.xlsx)", runSheet})
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
	force   bool
	out     string
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
	// Plan every workbook, check what they would overwrite, then write
	// them all at once.
	created := outputDate(e, cmd, p.Root)
	old := staleSources(p, sel, o.locales)
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
			if !mayOverwrite(e, p, b.out) {
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
	var xdocs []xlsx.Doc
	for _, d := range sel {
		cov := d.Coverage(locale)
		xd := xlsx.Doc{Coverage: cov, Reviews: d.Translations[locale].Reviews, OldSource: map[string]string{}}
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
	sum, err := xlsx.Write(&buf, xdocs, xlsx.Options{SourceLang: p.Config.SourceLanguage, All: o.all, Created: created})
	if err != nil {
		return b, err
	}
	if sum.Total().Rows > 0 {
		b.data, b.sum = buf.Bytes(), sum
	}
	return b, nil
}

// mayOverwrite reports whether the workbook may be written to out: there
// is no file there, or it is a review workbook that holds nothing to
// import. It plans an import of the existing file, as verso sheet import
// --dry-run --prefer sheet would (a conflict is an edit too), and says on
// stderr why not.
func mayOverwrite(e *env, p *project.Project, out string) bool {
	const cmd = "sheet export"
	fi, err := os.Stat(resolve(p, out))
	if errors.Is(err, os.ErrNotExist) {
		return true
	}
	if err == nil && fi.IsDir() {
		// WriteFiles says so.
		return true
	}
	wb, err := readWorkbook(e, p, out)
	if err != nil {
		var ps xlsx.Problems
		if errors.As(err, &ps) {
			for _, pr := range ps {
				fmt.Fprintln(e.stderr, pr)
			}
		} else {
			fmt.Fprintf(e.stderr, "%s: %v\n", out, err)
		}
		fmt.Fprintf(e.stderr, "verso %s: %s: exists and cannot be read as a review workbook; move it away, or use --force to overwrite it\n", cmd, out)
		return false
	}
	plan := planImport(p, []*xlsx.Workbook{wb}, xlsx.PreferSheet)
	if len(plan.writes) == 0 {
		return true
	}
	fmt.Fprintf(e.stderr, "verso %s: %s: holds %s not yet imported; import it first (verso sheet import %s), or use --force to overwrite it\n",
		cmd, out, plural(plan.results[0].Changed, "edited row"), out)
	return false
}

// resolve returns the file name of a path given on the command line:
// relative paths are relative to the repository root.
func resolve(p *project.Project, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(p.Root, filepath.FromSlash(name))
}

// staleSources finds, for every document, the source texts that the
// stale translations of the locales were made from, by hash. The
// repository keeps only current texts (the ID record), so they are searched
// in git history, once per document for all locales: the versions of the ID
// record in the last 100 commits that touched it, newest first. Without
// git, or when history does not have a text, it is unknown and the workbook
// says so.
func staleSources(p *project.Project, docs []*project.Doc, locales []string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, d := range docs {
		hashOf := make(map[string]string, len(d.Segments))
		for _, s := range d.Segments {
			hashOf[s.ID] = s.Hash
		}
		want := map[string]bool{}
		for _, l := range locales {
			for _, t := range d.Translations[l].Items {
				if h, ok := hashOf[t.ID]; ok && h != t.Hash {
					want[t.Hash] = true
				}
			}
		}
		if len(want) > 0 {
			out[d.Name] = historyTexts(p.Root, d.RecordPath, want)
		}
	}
	return out
}

// historyTexts returns, by hash, the texts of past versions of a record
// whose hashes are wanted.
func historyTexts(root, recordPath string, want map[string]bool) map[string]string {
	out := map[string]string{}
	git := func(args ...string) ([]byte, error) {
		return exec.Command("git", append([]string{"-C", root}, args...)...).Output()
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
			if h := align.Hash(en.Text); want[h] && out[h] == "" {
				out[h] = en.Text
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
	plan := planImport(p, wbs, o.prefer)
	worst := xlsx.Level(-1)
	for i, res := range plan.results {
		wb := wbs[i]
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
		reviewed := "1 status or note changed"
		if res.Reviewed != 1 {
			reviewed = fmt.Sprintf("%d statuses or notes changed", res.Reviewed)
		}
		fmt.Fprintf(e.stdout, "%s: %s: %s imported, %d confirmed, %s, %s unchanged, %d rejected\n",
			wb.File, wb.Locale, plural(res.Imported, "translation"), res.Confirmed, reviewed, plural(res.Unchanged, "row"), rejected)
	}
	writes := plan.writes
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

// importPlan is what importing workbooks would do.
type importPlan struct {
	results []*xlsx.Result // one per workbook, in order
	writes  []project.File // the translation and review files whose bytes change
}

// planImport merges each workbook into the state left by the ones before
// it and plans the writes; it writes nothing. verso sheet import applies
// the plan; verso sheet export asks it whether a workbook it would
// overwrite holds edits not yet imported.
func planImport(p *project.Project, wbs []*xlsx.Workbook, prefer xlsx.Prefer) *importPlan {
	state := map[string]map[string]*xlsx.Current{} // locale -> doc -> state
	current := func(locale string) map[string]*xlsx.Current {
		if s := state[locale]; s != nil {
			return s
		}
		s := map[string]*xlsx.Current{}
		for _, d := range p.Docs {
			t := p.TranslationsOf(d, locale)
			s[d.Name] = &xlsx.Current{Doc: d.Document, Translations: t.Items, Reviews: t.Reviews,
				TranslationPath: t.Path, ReviewPath: t.ReviewPath}
		}
		state[locale] = s
		return s
	}
	type change struct{ trs, revs bool }
	changed := map[[2]string]*change{} // {locale, doc}
	plan := &importPlan{}
	for _, wb := range wbs {
		cur := current(wb.Locale)
		res := xlsx.Merge(wb, cur, prefer)
		plan.results = append(plan.results, res)
		mark := func(doc string) *change {
			k := [2]string{wb.Locale, doc}
			if changed[k] == nil {
				changed[k] = &change{}
			}
			return changed[k]
		}
		for doc, trs := range res.Translations {
			cur[doc].Translations = trs
			mark(doc).trs = true
		}
		for doc, revs := range res.Reviews {
			cur[doc].Reviews = revs
			mark(doc).revs = true
		}
	}
	// Only files whose bytes change.
	keys := make([][2]string, 0, len(changed))
	for k := range changed {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	for _, k := range keys {
		locale, doc := k[0], k[1]
		c, t := state[locale][doc], p.TranslationsOf(p.Doc(doc), locale)
		if f, ok := t.Plan(c.Translations); ok && changed[k].trs {
			plan.writes = append(plan.writes, f)
		}
		if f, ok := t.PlanReviews(c.Reviews); ok && changed[k].revs {
			plan.writes = append(plan.writes, f)
		}
	}
	return plan
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
