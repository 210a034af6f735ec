package project

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"verso/align"
	"verso/align/msgfile"
)

// Project is a loaded verso repository.
type Project struct {
	Root    string
	Config  Config
	Docs    []*Doc   // sorted by name
	Locales []string // configured locales, or those found on disk; sorted
	// Problems are the files that did not load (see [LoadWith]).
	Problems []Problem
	// Gone are the documents whose source is gone, by name.
	Gone []*Gone
}

// Doc is a source document with its ID record and translations.
type Doc struct {
	*align.Document
	// RecordPath is the slash-separated path of the ID record.
	RecordPath string
	// Record is the record as synced with the current source; the IDs of
	// Document are those of Record.
	Record *align.Record
	// RecordData is Record as written to disk.
	RecordData []byte
	// Sync tells what syncing the record on disk with the source did.
	Sync *align.SyncReport
	// RecordCurrent reports whether the record on disk is up to date.
	RecordCurrent bool
	// Translations holds the translation files by locale.
	Translations map[string]*Translations

	known     map[string]bool // current and retired IDs
	recordRaw []byte          // the record as read; nil when there was none
}

// RecordFile returns the write that brings the ID record on disk up to
// date, with the record as read as its base.
func (d *Doc) RecordFile() File {
	return File{Path: d.RecordPath, Data: d.RecordData, Check: true, Base: d.recordRaw}
}

// Translations is one translation file, with the review state kept beside
// it.
type Translations struct {
	Path       string // slash-separated, relative to the root
	ReviewPath string // the review file beside it
	Items      []align.Translation
	Reviews    []align.Review // from the review file, sorted by ID
	// Extras are the translation's paragraphs that face no source
	// segment (verso align's 0-1 beads), from the review file.
	Extras []align.Extra
	// Bad is set when the file or its review file did not load (see
	// Project.Problems); Items, Reviews and Extras are then empty, and commands
	// must not rewrite it.
	Bad bool

	raw, rawReviews []byte // the files as read, to plan rewrites
}

// Plan returns the write that gives the translation file these items,
// keeping its header comment; ok is false when the file would not change
// (or would be created empty).
func (t *Translations) Plan(items []align.Translation) (f File, ok bool) {
	data := msgfile.Marshal(msgfile.Header(t.raw), items)
	if bytes.Equal(data, t.raw) || len(items) == 0 && t.raw == nil {
		return File{}, false
	}
	return File{Path: t.Path, Data: data, Check: true, Base: t.raw}, true
}

// PlanReviews is Plan for the review file; its extra paragraphs stay.
func (t *Translations) PlanReviews(rs []align.Review) (f File, ok bool) {
	return t.PlanReviewFile(rs, t.Extras)
}

// PlanReviewFile is Plan for the review file with these review entries and
// extra paragraphs.
func (t *Translations) PlanReviewFile(rs []align.Review, extras []align.Extra) (f File, ok bool) {
	data := msgfile.MarshalReviewFile(rs, extras)
	if bytes.Equal(data, t.rawReviews) || len(rs) == 0 && len(extras) == 0 && t.rawReviews == nil {
		return File{}, false
	}
	return File{Path: t.ReviewPath, Data: data, Check: true, Base: t.rawReviews}, true
}

// NeedsReview returns the IDs flagged needs-review, sorted.
func (t *Translations) NeedsReview() []string {
	var ids []string
	for _, r := range t.Reviews {
		if r.Flag == align.NeedsReview {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// Coverage assesses the document's translations into locale.
func (d *Doc) Coverage(locale string) *align.Coverage {
	var trs []align.Translation
	if t := d.Translations[locale]; t != nil {
		trs = t.Items
	}
	return align.Assess(d.Document, locale, trs)
}

// TranslationPath returns where the translations of the document into
// locale live, whether or not the file exists.
func (p *Project) TranslationPath(doc, locale string) string {
	return path.Join(filepath.ToSlash(p.Config.Translations), msgfile.Name(doc, locale))
}

// TranslationsOf returns the translations of the document into locale: the
// loaded ones, or an empty set with the paths of files yet to be written
// (a locale being started).
func (p *Project) TranslationsOf(d *Doc, locale string) *Translations {
	if t := d.Translations[locale]; t != nil {
		return t
	}
	return &Translations{Path: p.TranslationPath(d.Name, locale), ReviewPath: p.ReviewPath(d.Name, locale)}
}

// ReviewPath returns where the review state of doc in locale lives.
func (p *Project) ReviewPath(doc, locale string) string {
	return path.Join(filepath.ToSlash(p.Config.Translations), msgfile.ReviewName(doc, locale))
}

// Doc returns the document with the given name, or nil.
func (p *Project) Doc(name string) *Doc {
	for _, d := range p.Docs {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Options say what [LoadWith] reads.
type Options struct {
	// NoTranslations skips the translation and review files, for the
	// commands that work on the sources only (segments, sync): a bad
	// translation file does not concern them.
	NoTranslations bool
}

// Problem is a file that did not load, with what it concerns: a source
// document or ID record (Locale "" and not Translation) stops every
// command; a translation or review file only the commands that need its
// locale.
type Problem struct {
	Err *align.PosError
	// Translation is set for translation and review files; Locale is
	// their locale, "" when the file name has none.
	Translation bool
	Locale      string
}

// Gone is a document whose source is no longer in the repository but
// whose ID record or translation files are: a removed document, or a
// misnamed file. verso check fails on it for a checked locale; verso prune
// --doc deletes what is left of it.
type Gone struct {
	Name       string
	RecordPath string            // "" when there is no record
	Files      map[string]string // locale -> translation file path
	// Messages counts the messages of each translation file, by locale.
	Messages map[string]int
}

// Load reads the repository at root: the configuration, every source
// document (synced with its ID record in memory) and every translation
// file, in parallel. Every problem found is reported, with its file and
// line, in one error.
func Load(root string) (*Project, error) {
	p, err := LoadWith(root, Options{})
	if err != nil {
		return nil, err
	}
	if err := p.Err(nil); err != nil {
		return nil, err
	}
	return p, nil
}

// Err returns the problems that concern a command working on the given
// locales (nil: all locales), in one [align.ErrorList], or nil: those of
// the sources, and those of the translation and review files of these
// locales.
func (p *Project) Err(locales []string) error {
	var errs align.ErrorList
	for _, pr := range p.Problems {
		if !pr.Translation || locales == nil || pr.Locale != "" && slices.Contains(locales, pr.Locale) {
			errs.Add(pr.Err)
		}
	}
	return errs.Err()
}

// LoadWith reads the repository at root as [Load] does, but returns the
// project with what could be loaded and the files that could not in
// Problems; its error is only for a repository that cannot be read at all
// (verso.toml, the sources directory). A document whose source does not
// load is left out; a translation file that does not load (or whose review
// file does not) is marked Bad and holds no items.
func LoadWith(root string, o Options) (*Project, error) {
	cfg, err := LoadConfig(root)
	if err != nil {
		return nil, err
	}
	p := &Project{Root: root, Config: cfg}
	srcDir := filepath.ToSlash(cfg.Sources)
	entries, err := os.ReadDir(filepath.Join(root, cfg.Sources))
	if err != nil {
		return nil, fmt.Errorf("%s: %w; create it and put the source documents in it, or set sources in %s", srcDir, err, ConfigFile)
	}
	var srcPaths, recPaths []string
	for _, e := range entries {
		switch {
		case e.IsDir():
		case align.IsSource(e.Name()):
			srcPaths = append(srcPaths, path.Join(srcDir, e.Name()))
		case strings.HasSuffix(e.Name(), ".ids"):
			recPaths = append(recPaths, path.Join(srcDir, e.Name()))
		}
	}
	trDir := filepath.ToSlash(cfg.Translations)
	var trPaths []string
	if !o.NoTranslations {
		entries, err = os.ReadDir(filepath.Join(root, cfg.Translations))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", trDir, err)
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), msgfile.Ext) {
				trPaths = append(trPaths, path.Join(trDir, e.Name()))
			}
		}
	}

	// Parse everything in parallel; results keep their listing order.
	docs := make([]*Doc, len(srcPaths))
	docErrs := make([]error, len(srcPaths))
	trs := make([][]align.Translation, len(trPaths))
	trRaw := make([][]byte, len(trPaths))
	trErrs := make([]error, len(trPaths))
	parallel(len(srcPaths)+len(trPaths), func(i int) {
		if i < len(srcPaths) {
			docs[i], docErrs[i] = loadDoc(root, srcPaths[i], cfg.SourceLanguage)
			return
		}
		i -= len(srcPaths)
		data, err := os.ReadFile(filepath.Join(root, trPaths[i]))
		if err == nil {
			trs[i], err = msgfile.Parse(trPaths[i], data)
		}
		trRaw[i], trErrs[i] = data, err
	})

	add := func(err error, translation bool, locale string) {
		for _, pe := range posErrors(err) {
			p.Problems = append(p.Problems, Problem{Err: pe, Translation: translation, Locale: locale})
		}
	}
	for i, d := range docs {
		switch prev := p.Doc(align.DocName(srcPaths[i])); {
		case docErrs[i] != nil:
			add(docErrs[i], false, "")
		case prev != nil:
			add(align.Errorf(srcPaths[i], 0, "document name %q is also used by %s; rename one of them", prev.Name, prev.Path), false, "")
		default:
			p.Docs = append(p.Docs, d)
		}
	}
	hasSource := func(doc string) bool {
		return slices.ContainsFunc(srcPaths, func(s string) bool { return align.DocName(s) == doc })
	}
	gone := map[string]*Gone{}
	goneDoc := func(name string) *Gone {
		if gone[name] == nil {
			gone[name] = &Gone{Name: name, Files: map[string]string{}, Messages: map[string]int{}}
		}
		return gone[name]
	}
	for _, rel := range recPaths {
		if !slices.ContainsFunc(srcPaths, func(s string) bool { return align.RecordPath(s) == rel }) {
			goneDoc(strings.TrimSuffix(path.Base(rel), ".ids")).RecordPath = rel
		}
	}
	found := map[string]bool{}
	for i, rel := range trPaths {
		docName, locale, err := msgfile.SplitName(rel)
		if err != nil {
			add(align.Errorf(rel, 0, "%w", err), true, "")
			continue
		}
		d := p.Doc(docName)
		switch {
		case d == nil && !hasSource(docName):
			if trErrs[i] != nil {
				add(trErrs[i], true, locale)
				continue
			}
			g := goneDoc(docName)
			g.Files[locale], g.Messages[locale] = rel, len(trs[i])
		case d == nil:
			// The source itself is broken and already reported.
		case len(cfg.Locales) > 0 && !slices.Contains(cfg.Locales, locale):
			add(align.Errorf(rel, 0, "locale %q is not configured; add it to locales in %s", locale, ConfigFile), true, locale)
		case trErrs[i] != nil:
			add(trErrs[i], true, locale)
			d.Translations[locale] = &Translations{Path: rel, Bad: true}
			found[locale] = true
		case unknownIDs(d, rel, trs[i], func(err error) { add(err, true, locale) }) || tooLong(rel, trs[i], func(err error) { add(err, true, locale) }):
			d.Translations[locale] = &Translations{Path: rel, Bad: true}
			found[locale] = true
		default:
			d.Translations[locale] = &Translations{Path: rel, Items: trs[i], raw: trRaw[i]}
			found[locale] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(gone)) {
		p.Gone = append(p.Gone, gone[name])
	}
	p.Locales = slices.Clone(cfg.Locales)
	if len(p.Locales) == 0 {
		for l := range found {
			p.Locales = append(p.Locales, l)
		}
	}
	slices.Sort(p.Locales)
	slices.SortFunc(p.Docs, func(a, b *Doc) int { return strings.Compare(a.Name, b.Name) })
	if o.NoTranslations {
		return p, nil
	}
	for _, d := range p.Docs {
		for _, l := range p.Locales {
			if d.Translations[l] == nil {
				d.Translations[l] = &Translations{Path: p.TranslationPath(d.Name, l)}
			}
			t := d.Translations[l]
			t.ReviewPath = p.ReviewPath(d.Name, l)
			data, err := os.ReadFile(filepath.Join(root, t.ReviewPath))
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err == nil {
				t.rawReviews = data
				t.Reviews, t.Extras, err = msgfile.ParseReviewFile(t.ReviewPath, data)
			}
			for _, r := range t.Reviews {
				if !d.knownID(r.ID) {
					add(align.Errorf(t.ReviewPath, r.Line, "ID %s was never a segment of %s; fix the ID (verso segments lists them) or delete the line", r.ID, d.Path), true, l)
					t.Bad = true
				}
			}
			for _, x := range t.Extras {
				if x.After != "" && !d.knownID(x.After) {
					add(align.Errorf(t.ReviewPath, x.Line, "extra paragraph after ID %s, which was never a segment of %s; fix the ID (verso segments lists them) or delete the line", x.After, d.Path), true, l)
					t.Bad = true
				}
			}
			if err != nil {
				add(err, true, l)
				t.Bad = true
			}
			if t.Bad {
				t.Items, t.Reviews, t.Extras = nil, nil, nil
			}
		}
	}
	return p, nil
}

// posErrors flattens an error into positional errors.
func posErrors(err error) align.ErrorList {
	var pe *align.PosError
	var list align.ErrorList
	switch {
	case errors.As(err, &list):
		return list
	case errors.As(err, &pe):
		return align.ErrorList{pe}
	default:
		return align.ErrorList{&align.PosError{Path: ".", Err: err}}
	}
}

// unknownIDs reports translations whose ID the document never had: neither
// a current nor a retired ID (a retired ID's translation is orphaned, which
// is a state, not an error). It returns whether there were any.
func unknownIDs(d *Doc, rel string, trs []align.Translation, add func(error)) bool {
	bad := false
	for _, t := range trs {
		if !d.knownID(t.ID) {
			add(align.Errorf(rel, t.Line, "ID %s was never a segment of %s; fix the ID (verso segments lists them) or delete the message", t.ID, d.Path))
			bad = true
		}
	}
	return bad
}

// tooLong reports translations longer than a segment may be
// (align.MaxSegmentBytes), which no command could typeset or export. It
// returns whether there were any.
func tooLong(rel string, trs []align.Translation, add func(error)) bool {
	bad := false
	for _, t := range trs {
		if n := len(t.Text); n > align.MaxSegmentBytes {
			add(align.Errorf(rel, t.Line, "%w: the translation of %s has %d bytes, more than verso's limit of %d (1 MiB) for one segment; shorten it, or split its source paragraph", align.ErrTooLong, t.ID, n, align.MaxSegmentBytes))
			bad = true
		}
	}
	return bad
}

// knownID reports whether id is a current or retired ID of the document.
func (d *Doc) knownID(id string) bool { return d.known[id] }

// parallel calls f(0) … f(n-1) on as many goroutines as there are CPUs.
func parallel(n int, f func(int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func loadDoc(root, rel, lang string) (*Doc, error) {
	src, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		return nil, err
	}
	doc, err := align.Parse(rel, lang, src)
	if err != nil {
		return nil, err
	}
	d := &Doc{Document: doc, RecordPath: align.RecordPath(rel), Translations: map[string]*Translations{}}
	var old *align.Record
	onDisk, err := os.ReadFile(filepath.Join(root, d.RecordPath))
	switch {
	case errors.Is(err, os.ErrNotExist):
		onDisk = nil
	case err != nil:
		return nil, err
	default:
		if old, err = align.ParseRecord(d.RecordPath, onDisk); err != nil {
			return nil, err
		}
	}
	d.Record, d.Sync = align.Sync(doc, old)
	d.known = make(map[string]bool, len(d.Record.Entries)+len(d.Record.Retired))
	for _, e := range d.Record.Entries {
		d.known[e.ID] = true
	}
	for _, e := range d.Record.Retired {
		d.known[e.ID] = true
	}
	d.recordRaw = onDisk
	d.RecordData = d.Record.Marshal(rel)
	d.RecordCurrent = onDisk != nil && bytes.Equal(onDisk, d.RecordData)
	if d.RecordCurrent {
		d.RecordData = onDisk // one copy of a large record, not two
	}
	return d, nil
}
