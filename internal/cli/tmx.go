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
	"strings"

	"verso/export/exchange"
	"verso/export/tmx"
	"verso/internal/diag"
	"verso/internal/project"
)

func init() {
	registerGroup(group{name: "tmx", summary: "export translation memories (TMX 1.4b) and import them for suggestions", help: tmxHelp})
	register(define(command{name: "tmx export", synopsis: "[--locale L]... [--doc D]... [-o FILE]",
		summary: "write a translation memory of the translated segments",
		help:    "Writes a TMX 1.4b translation memory of every translated pair of the documents and locales.", access: writes, lean: true},
		func(o *tmxExportOptions, fs *flag.FlagSet) {
			fs.Var(&o.locales, "locale", "the locale to export (repeatable; default: every configured locale)")
			fs.Var(&o.docs, "doc", "export only this document (repeatable; default all)")
			fs.StringVar(&o.out, "o", "tmx/verso.tmx", "output file")
		}, runTMXExport))
	register(define(command{name: "tmx import", synopsis: "FILE... [--dry-run]",
		summary: "store translation memories for suggestions",
		help: "Checks TMX translation memories and stores each under translations/memory/ for translation-memory suggestions.\n" +
			"An unusable file (malformed or truncated XML, a DOCTYPE, not TMX) stops the import with exit 2 and\n" +
			"nothing written.", access: writes, lean: true},
		func(o *tmxImportOptions, fs *flag.FlagSet) {
			fs.BoolVar(&o.dryRun, "dry-run", false, "check the files; write nothing")
		}, runTMXImport))
}

const tmxHelp = `export writes a TMX 1.4b translation memory (default tmx/verso.tmx) of every
translated pair of the documents, one <tu> per segment (tuid <doc>/<id>)
with a variant in the source language and one per locale; stale and missing
translations are left out.

import checks TMX files (malformed or truncated XML and DOCTYPEs are
refused, with file:line) and stores each under translations/memory/ (translations/memory/<name>.tmx),
where translation-memory suggestions find them.`

// tmxExportOptions are the flags of verso tmx export.
type tmxExportOptions struct {
	locales, docs multiFlag
	out           string
}

func runTMXExport(ctx context.Context, e *env, o *tmxExportOptions) error {
	p, ls, sel, err := e.openExport(o.locales, o.docs)
	if err != nil {
		return err
	}
	var tus []tmx.TU
	size := 0
	for _, d := range sel {
		units := make([][]exchange.Unit, len(ls))
		for i, l := range ls {
			units[i] = exchange.Units(exchangeDoc(d, l, nil), true)
			size += exchange.SizeHint(units[i], tmx.Markup)
		}
		tus = append(tus, tmx.Translated(d.Name, ls, units)...)
	}
	var buf bytes.Buffer
	buf.Grow(size)
	if err := tmx.Write(&buf, tmx.Header{SourceLang: p.Config.SourceLanguage}, tus); err != nil {
		return err
	}
	if err := project.WriteFiles(p.Root, []project.File{{Path: filepath.ToSlash(o.out), Data: buf.Bytes()}}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %s, %s\n", o.out, plural(len(tus), "translation unit"), strings.Join(ls, ", "))
	return nil
}

// tmxImportOptions are the flags and arguments of verso tmx import.
type tmxImportOptions struct {
	operands // the TMX files
	dryRun   bool
}

func runTMXImport(ctx context.Context, e *env, o *tmxImportOptions) error {
	if len(o.args) == 0 {
		return usagef("name the TMX files to import")
	}
	// The memories are stored as they are: no translation file is read.
	p, err := e.open(openOptions{})
	if err != nil {
		return err
	}
	files, stored, err := readMemories(e, p, o.args)
	if err != nil {
		return err
	}
	var changed []project.File
	for _, f := range files {
		if old, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(f.Path))); err == nil && bytes.Equal(old, f.Data) {
			continue // the same memory: no byte changes
		}
		changed = append(changed, f)
	}
	if err := e.apply(p.Root, changed, o.dryRun); err != nil {
		return err
	}
	for _, s := range stored {
		fmt.Fprintln(e.stdout, s)
	}
	return nil
}

// readMemories checks the TMX files and returns them as files to store
// under the memory directory, with what each gives, to say once it is
// written. It reports every file that cannot be used; if any cannot,
// nothing is stored.
func readMemories(e *env, p *project.Project, names []string) (files []project.File, stored []string, err error) {
	bad := false
	for _, name := range names {
		f, units, err := readMemory(e, p, name)
		if err != nil {
			e.diagnose(diag.From(name, err)...)
			bad = true
			continue
		}
		files = append(files, f)
		stored = append(stored, fmt.Sprintf("%s: %s -> %s", name, plural(units, "translation unit"), f.Path))
	}
	if bad {
		return nil, nil, errors.New("unusable input")
	}
	return files, stored, nil
}

// readMemory checks one TMX file and returns it as the file to store,
// with its number of translation units.
func readMemory(e *env, p *project.Project, name string) (project.File, int, error) {
	data, err := os.ReadFile(e.path(name))
	if err != nil {
		return project.File{}, 0, unusable(name, fmt.Errorf("%w; name a TMX file", unwrapPath(err)))
	}
	units, err := tmx.ReadBytes(name, data)
	if err != nil {
		return project.File{}, 0, err
	}
	dest := path.Join(p.MemoryDir(), strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))+".tmx")
	return project.File{Path: dest, Data: data}, len(units), nil
}
