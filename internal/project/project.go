package project

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"verso/align"
	"verso/align/msgfile"
)

// Project is a loaded verso repository.
type Project struct {
	Root    string
	Config  Config
	Docs    []*Doc   // sorted by name
	Locales []string // configured locales, or those found on disk; sorted
}

// Doc is a source document with its ID record and translations.
type Doc struct {
	*align.Document
	// RecordPath is the slash-separated path of the ID record.
	RecordPath string
	// Record is the record as synced with the current source; the IDs of
	// Document are those of Record.
	Record *align.Record
	// Sync tells what syncing the record on disk with the source did.
	Sync *align.SyncReport
	// RecordCurrent reports whether the record on disk is up to date.
	RecordCurrent bool
	// Translations holds the translation files by locale.
	Translations map[string]*Translations
}

// Translations is one translation file.
type Translations struct {
	Path   string // slash-separated, relative to the root
	Exists bool
	Items  []align.Translation
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

// Doc returns the document with the given name, or nil.
func (p *Project) Doc(name string) *Doc {
	for _, d := range p.Docs {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Load reads the repository at root. Every problem found is reported, with
// its file and line, in one error.
func Load(root string) (*Project, error) {
	cfg, err := LoadConfig(root)
	if err != nil {
		return nil, err
	}
	p := &Project{Root: root, Config: cfg}
	var errs align.ErrorList
	add := func(err error) {
		var pe *align.PosError
		var list align.ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
		case errors.As(err, &pe):
			errs.Add(pe)
		default:
			errs.Add(&align.PosError{Path: ".", Err: err})
		}
	}
	srcDir := filepath.ToSlash(cfg.Sources)
	entries, err := os.ReadDir(filepath.Join(root, cfg.Sources))
	if err != nil {
		return nil, fmt.Errorf("%s: %w; create it and put the source documents in it, or set sources in %s", srcDir, err, ConfigFile)
	}
	for _, e := range entries {
		if e.IsDir() || !align.IsSource(e.Name()) {
			continue
		}
		rel := path.Join(srcDir, e.Name())
		if prev := p.Doc(align.DocName(rel)); prev != nil {
			add(align.Errorf(rel, 0, "document name %q is also used by %s; rename one of them", prev.Name, prev.Path))
			continue
		}
		d, err := loadDoc(root, rel, cfg.SourceLanguage)
		if err != nil {
			add(err)
			continue
		}
		p.Docs = append(p.Docs, d)
	}
	found := map[string]bool{}
	trDir := filepath.ToSlash(cfg.Translations)
	entries, err = os.ReadDir(filepath.Join(root, cfg.Translations))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", trDir, err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), msgfile.Ext) {
			continue
		}
		rel := path.Join(trDir, e.Name())
		docName, locale, err := msgfile.SplitName(e.Name())
		if err != nil {
			add(align.Errorf(rel, 0, "%w", err))
			continue
		}
		d := p.Doc(docName)
		if d == nil {
			add(align.Errorf(rel, 0, "translations of unknown document %q: no %s/%s.txt or .md; rename the file or restore the source", docName, srcDir, docName))
			continue
		}
		if len(cfg.Locales) > 0 && !slices.Contains(cfg.Locales, locale) {
			add(align.Errorf(rel, 0, "locale %q is not configured; add it to locales in %s", locale, ConfigFile))
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			add(err)
			continue
		}
		items, err := msgfile.Parse(rel, data)
		if err != nil {
			add(err)
			continue
		}
		d.Translations[locale] = &Translations{Path: rel, Exists: true, Items: items}
		found[locale] = true
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	p.Locales = slices.Clone(cfg.Locales)
	if len(p.Locales) == 0 {
		for l := range found {
			p.Locales = append(p.Locales, l)
		}
	}
	slices.Sort(p.Locales)
	slices.SortFunc(p.Docs, func(a, b *Doc) int { return strings.Compare(a.Name, b.Name) })
	for _, d := range p.Docs {
		for _, l := range p.Locales {
			if d.Translations[l] == nil {
				d.Translations[l] = &Translations{Path: p.TranslationPath(d.Name, l)}
			}
		}
	}
	return p, nil
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
	d.RecordCurrent = onDisk != nil && bytes.Equal(onDisk, d.Record.Marshal(rel))
	return d, nil
}
