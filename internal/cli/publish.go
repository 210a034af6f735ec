package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"verso/align"
	"verso/export/apparatus"
	"verso/export/pdf"
	"verso/export/pdf/hyph"
	"verso/internal/diag"
	"verso/internal/installed"
	"verso/internal/project"
)

func init() {
	register(define(command{name: "publish",
		synopsis: "[--locale L]... [--layout columns|interleaved] [--draft | --draft-incomplete] [--allow-missing] [--hang-punctuation] [--shard K/N] [-o DIR] [DOC...]",
		summary:  "typeset bilingual PDF editions: <output>/<doc>.<source-lang>-<locale>.pdf",
		help:     publishHelp, access: writesLate},
		(*publishOptions).addFlags, runPublish))
}

const publishHelp = "Typesets every document (or those named) with its translation into every configured locale (or\n" +
	"those named with --locale) as a bilingual PDF: <output>/<doc>.<source-lang>-<locale>.pdf.\n" +
	"A final edition needs a complete translation: a locale with missing or stale segments is\n" +
	"refused (exit 1), naming them, and nothing is written; --allow-missing prints marked\n" +
	"placeholders instead, --draft makes a reviewer's copy, --draft-incomplete makes drafts of the\n" +
	"incomplete locales and final editions of the others. Chinese, Japanese and Korean text needs a\n" +
	"CJK font (.otf, .ttf, .ttc): [publish.fonts] cjk in verso.toml, or one found on the system (Debian:\n" +
	"apt-get install " + installed.FontPackage + "). Latin and Cyrillic text is hyphenated with the system's\n" +
	"patterns (Debian: apt-get install hyphen-en-us hyphen-ru ...; VERSO_HYPHEN_PATH, a list of\n" +
	"directories, replaces /usr/share/hyphen); without them it is set unhyphenated, with a hint.\n" +
	"Dates in the file come from SOURCE_DATE_EPOCH or the last commit, so the same inputs give\n" +
	"the same bytes. --shard K/N typesets a deterministic K-th of all (document, locale) editions,\n" +
	"balanced by size, so that N CI jobs together publish everything once."

// publishOptions are the flags and arguments of verso publish.
type publishOptions struct {
	operands     // the documents (default all)
	locales      multiFlag
	layout       string
	draft        bool
	draftPartial bool
	allowMissing bool
	hang         bool
	out          string
	shard        string
}

func (o *publishOptions) addFlags(fs *flag.FlagSet) {
	fs.Var(&o.locales, "locale", "publish this locale (repeatable); default: every configured locale")
	fs.StringVar(&o.layout, "layout", "columns", "columns (source left, translation right) or interleaved (each source segment followed by its translation)")
	fs.BoolVar(&o.draft, "draft", false, "for reviewers: placeholders for missing and stale segments, segment IDs in the margin, a DRAFT header")
	fs.BoolVar(&o.draftPartial, "draft-incomplete", false, "final editions of the complete locales, drafts of the others (what make publish does)")
	fs.BoolVar(&o.allowMissing, "allow-missing", false, "publish a final edition of an incomplete translation, with marked placeholders")
	fs.BoolVar(&o.hang, "hang-punctuation", false, "let 。，、 ending a Chinese, Japanese or Korean line hang half an em into the margin")
	fs.StringVar(&o.out, "o", "", "output directory (default: [publish] output in verso.toml, or dist)")
	fs.StringVar(&o.shard, "shard", "", "publish only the K-th of N parts of the editions (K/N, such as 2/4), for a CI job matrix")
}

// publishJob is one edition to typeset.
type publishJob struct {
	doc    *project.Doc
	locale string
	path   string // output, slash-separated, relative to the root
	draft  bool   // a reviewer's draft (--draft, or --draft-incomplete of an incomplete locale)
	cov    *align.Coverage
	data   []byte
	res    *pdf.Result
	err    error
}

// runPublish typesets without the lock, which it takes for its write
// alone (access writesLate): options, plan, typeset, write, report.
func runPublish(ctx context.Context, e *env, o *publishOptions) error {
	part, err := o.check()
	if err != nil {
		return &usageError{err}
	}
	p, err := e.open(openOptions{})
	if err != nil {
		return err
	}
	docs, locales, err := publishSelection(p, o)
	if err != nil {
		return err
	}
	e.noteApparatus(append([]string{p.Config.SourceLanguage}, locales...))
	pl, err := planPublish(p, docs, locales, part, o)
	if err != nil {
		return err
	}
	if len(pl.refused) > 0 {
		return e.refuse(pl.refused)
	}
	opts, err := e.publishSettings(p, o, locales, pl.needCJK)
	if err != nil {
		return err
	}
	files, err := typeset(e, pl.jobs, opts)
	if err != nil {
		return err
	}
	if err := e.writeLocked(p.Root, "publish", files); err != nil {
		return err
	}
	for _, j := range pl.jobs {
		e.reportEdition(j)
	}
	return nil
}

// publishSelection returns the documents and locales to publish: those
// named, or all. The files of the locales must have loaded.
func publishSelection(p *project.Project, o *publishOptions) ([]*project.Doc, []string, error) {
	docs, err := selectDocs(p, o.args)
	if err != nil {
		return nil, nil, err
	}
	locales, err := selectLocales(p, o.locales)
	if err != nil {
		return nil, nil, &usageError{err}
	}
	if err := p.Err(locales); err != nil {
		return nil, nil, err
	}
	if len(locales) == 0 || len(docs) == 0 {
		return nil, nil, usagef("nothing to publish: no documents or no locales")
	}
	return docs, locales, nil
}

// noteApparatus says which languages verso has no words for (footers,
// placeholders, draft marks): their editions say them in English.
func (e *env) noteApparatus(langs []string) {
	for _, l := range langs {
		if !apparatus.For(l).Known() {
			e.notef("note: verso has no words for %s yet (footers, placeholders, draft marks); they are in English. Languages: %s",
				l, strings.Join(apparatus.Languages(), ", "))
		}
	}
}

// publishSettings are the typesetting options of the editions: the flags,
// [publish] of verso.toml, the date, the fonts and the hyphenation
// patterns.
func (e *env) publishSettings(p *project.Project, o *publishOptions, locales []string, needCJK bool) (pdf.Options, error) {
	fonts, err := publishFonts(p, locales, needCJK)
	if err != nil {
		return pdf.Options{}, err
	}
	c := p.Config.Publish
	return pdf.Options{Layout: pdf.Layout(o.layout), AllowMissing: o.allowMissing, HangingPunctuation: o.hang,
		Paper: c.Paper, NewPage: pdf.NewPage(c.NewPage), Author: c.Author, Publisher: c.Publisher,
		Date: e.outputDate(p.Root), Fonts: fonts,
		Hyphenation: publishHyphenation(e, append([]string{p.Config.SourceLanguage}, locales...))}, nil
}

// typeset typesets the editions and returns their files; an edition that
// failed stops the command before anything is written.
func typeset(e *env, jobs []*publishJob, opts pdf.Options) ([]project.File, error) {
	publishAll(e, jobs, opts)
	var files []project.File
	for _, j := range jobs {
		if j.err != nil {
			return nil, fmt.Errorf("%s (%s): %w", j.doc.Path, j.locale, j.err)
		}
		files = append(files, project.File{Path: j.path, Data: j.data})
	}
	return files, nil
}

// check validates the flags that need no repository and returns the shard
// to publish.
func (o *publishOptions) check() (shard, error) {
	if o.draft && o.draftPartial {
		return shard{}, fmt.Errorf("--draft and --draft-incomplete exclude each other: --draft makes drafts of every locale, --draft-incomplete only of the incomplete ones; use one")
	}
	var part shard
	if o.shard != "" {
		var err error
		if part, err = parseShard(o.shard); err != nil {
			return shard{}, err
		}
	}
	if o.layout != string(pdf.Columns) && o.layout != string(pdf.Interleaved) {
		return shard{}, fmt.Errorf("unknown layout %q: use columns or interleaved", o.layout)
	}
	return part, nil
}

// publishPlan is what publish will typeset, and what it refuses.
type publishPlan struct {
	jobs    []*publishJob
	refused []*publishJob // final editions of incomplete locales
	needCJK bool          // some edition needs a CJK font
}

// planPublish lists the editions of the shard: every document in every
// locale, with its output path and whether it is a draft, refusing
// scripts that need shaping and incomplete final editions before any work
// is done.
func planPublish(p *project.Project, docs []*project.Doc, locales []string, part shard, o *publishOptions) (*publishPlan, error) {
	out := p.Config.Publish.Output
	if o.out != "" {
		out = o.out
	}
	// Relative output directories are relative to the repository; an
	// absolute one is used, and shown, as given.
	outDir := filepath.ToSlash(filepath.Clean(out))
	type edition struct {
		doc    *project.Doc
		locale string
	}
	var all []edition
	var keys []string
	var weights []int
	for _, d := range docs {
		for _, l := range locales {
			all = append(all, edition{d, l})
			keys = append(keys, d.Name+"\x00"+l)
			weights = append(weights, len(d.Segments))
		}
	}
	pl := &publishPlan{}
	for _, i := range part.pick(keys, weights) {
		d, l := all[i].doc, all[i].locale
		j := &publishJob{doc: d, locale: l, cov: d.Coverage(l),
			path: path.Join(outDir, fmt.Sprintf("%s.%s-%s.pdf", d.Name, p.Config.SourceLanguage, l))}
		cjk, err := pdf.Needs(j.cov)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
		pl.needCJK = pl.needCJK || cjk
		j.draft = o.draft || o.draftPartial && !j.cov.Complete()
		if !j.draft && !o.allowMissing && !j.cov.Complete() {
			pl.refused = append(pl.refused, j)
			continue
		}
		pl.jobs = append(pl.jobs, j)
	}
	return pl, nil
}

// refuse reports the missing and stale segments of the refused editions
// (stdout) and why nothing was written: the outcome of publish (exit 1).
func (e *env) refuse(refused []*publishJob) error {
	for _, j := range refused {
		for _, it := range j.cov.Items {
			if it.State == align.Missing || it.State == align.Stale {
				dg := segDiag(j.doc, j.locale, it)
				fmt.Fprintln(e.stdout, dg.String())
			}
		}
	}
	for _, j := range refused {
		c := j.cov
		e.diagnose(diag.Diagnostic{Severity: diag.Error, Code: "refused",
			Message: fmt.Sprintf("%s: %s: refused: %d missing, %d stale segments; translate them, or use --draft or --allow-missing",
				c.Doc.Path, c.Locale, c.Counts[align.Missing], c.Counts[align.Stale])})
	}
	return problemsf("nothing was written")
}

// publishFonts loads the fonts of the editions: the embedded Liberation
// faces or [publish.fonts] latin, and, when needCJK, the CJK face of
// [publish.fonts] cjk or the system's.
func publishFonts(p *project.Project, locales []string, needCJK bool) (*pdf.Fonts, error) {
	fonts, err := pdf.DefaultFonts()
	if err != nil {
		return nil, err
	}
	if lf := p.Config.Publish.Fonts["latin"]; lf != "" {
		if !filepath.IsAbs(lf) {
			lf = filepath.Join(p.Root, lf)
		}
		face, err := installed.LoadFont(lf, 0) // a collection's first face
		if err != nil {
			return nil, fmt.Errorf("%s: [publish.fonts] latin: %w", project.ConfigFile, err)
		}
		fonts.Serif, fonts.SerifBold, fonts.SerifItalic, fonts.SerifBoldItalic = face, face, face, face
	}
	if needCJK {
		req := installed.FontRequest{Lang: publishCJKLang(p.Config.SourceLanguage, locales)}
		if c := p.Config.Publish.Fonts["cjk"]; c != "" {
			req.Path = c
			if !filepath.IsAbs(c) {
				req.Path = filepath.Join(p.Root, c)
			}
		}
		found, err := installed.Font(req)
		if err != nil {
			return nil, err
		}
		fonts.CJK, fonts.CJKBold = found.Face, found.Bold
	}
	return &fonts, nil
}

// reportEdition prints what was written of one edition (stdout) and the
// characters no font could print (stderr).
func (e *env) reportEdition(j *publishJob) {
	note := ""
	if n := len(j.res.Placeholders); n > 0 {
		note = fmt.Sprintf(", %d placeholders", n)
	}
	fmt.Fprintf(e.stdout, "%s: %s%s\n", j.path, plural(j.res.Pages, "page"), note)
	if len(j.res.Tofu) > 0 {
		var cs []string
		for _, r := range j.res.Tofu {
			cs = append(cs, fmt.Sprintf("%c U+%04X", r, r))
		}
		e.diagnose(diag.Diagnostic{File: j.path, Severity: diag.Warning, Code: "tofu",
			Message: fmt.Sprintf("no font can print %s; drawn as boxes with the code point (text extraction still gives the characters)", strings.Join(cs, ", "))})
	}
}

// editionMemory is the soft memory limit for each edition typeset at once.
const editionMemory = 256 << 20

// publishAll typesets the jobs in parallel, one worker per CPU, with a
// progress bar when stderr is a terminal.
func publishAll(e *env, jobs []*publishJob, opts pdf.Options) {
	var bar *mpb.Bar
	var prog *mpb.Progress
	if publishTerminal(e.stderr) && len(jobs) > 1 {
		prog = mpb.New(mpb.WithOutput(e.stderr), mpb.WithWidth(40))
		bar = prog.AddBar(int64(len(jobs)),
			mpb.PrependDecorators(decor.Name("publish "), decor.CountersNoUnit("%d/%d")),
			mpb.AppendDecorators(decor.Elapsed(decor.ET_STYLE_GO)))
	}
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	// A soft memory limit per edition typeset at once keeps the memory of
	// a long edition flat: the garbage collector runs before the heap
	// doubles rather than after (4,039 pages: 327 MB peak without it, 286
	// MB with it, for 6% more CPU). GOMEMLIMIT, when set, decides instead.
	if e.getenv("GOMEMLIMIT") == "" && workers > 0 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(editionMemory * int64(workers)))
	}
	work := make(chan *publishJob)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range work {
				var buf bytes.Buffer
				o := opts
				o.Draft = j.draft
				j.res, j.err = pdf.Write(&buf, j.cov, o)
				j.data = buf.Bytes()
				if bar != nil {
					bar.Increment()
				}
			}
		})
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
	if prog != nil {
		prog.Wait()
	}
}

func publishTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// publishHyphenation loads the hyphenation patterns of the languages set
// in Latin or Cyrillic type: from the directories of VERSO_HYPHEN_PATH
// when it is set, else from the system's (Debian: /usr/share/hyphen). A
// language without them is set unhyphenated; one hint on stderr, the
// finder's, names them all and the packages to install.
func publishHyphenation(e *env, langs []string) map[string]*hyph.Patterns {
	var dirs []string
	if v := e.getenv("VERSO_HYPHEN_PATH"); v != "" {
		dirs = filepath.SplitList(v)
	}
	var want []string
	seen := map[string]bool{}
	for _, l := range langs {
		base := strings.ToLower(strings.SplitN(l, "-", 2)[0])
		if seen[l] || base == "zh" || base == "ja" || base == "ko" || pdf.CheckLanguage(l) != nil {
			continue // CJK text is not hyphenated; shaped scripts are refused
		}
		seen[l] = true
		want = append(want, l)
	}
	paths, missingErr := installed.PatternFiles(want, dirs)
	pats := map[string]*hyph.Patterns{}
	for _, l := range want {
		path, ok := paths[l]
		if !ok {
			continue
		}
		p, err := installed.LoadPatterns(path)
		if err != nil {
			e.warnf("%v; %s is set without hyphenation", err, l)
			continue
		}
		pats[l] = p
	}
	if missingErr != nil {
		e.notef("hint: set without hyphenation: %v", missingErr)
	}
	return pats
}

// publishCJKLang is the language that chooses the CJK face: the source's when it
// is Chinese, Japanese or Korean, else the first such locale.
func publishCJKLang(src string, locales []string) string {
	for _, l := range append([]string{src}, locales...) {
		b := strings.ToLower(strings.SplitN(l, "-", 2)[0])
		if b == "zh" || b == "ja" || b == "ko" {
			return l
		}
	}
	return src
}
