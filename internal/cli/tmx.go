package cli

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"verso/export/exchange"
	"verso/export/tmx"
	"verso/internal/project"
)

func init() {
	register(command{"tmx", "export translation memories (TMX 1.4b) and import them for suggestions", runTMX})
}

const tmxUsage = `Usage:
  verso tmx export [--locale L]... [--doc D]... [-o FILE]
  verso tmx import FILE... [--dry-run]

export writes a TMX 1.4b translation memory (default tmx/verso.tmx) of every
translated pair of the documents, one <tu> per segment (tuid <doc>/<id>)
with a variant in the source language and one per locale; stale and missing
translations are left out.

import checks TMX files (malformed or truncated XML and DOCTYPEs are
refused, with file:line) and stores each under translations/memory/ (translations/memory/<name>.tmx),
where translation-memory suggestions find them.
`

func runTMX(e *env, args []string) int {
	return runSubcommand(e, "tmx", tmxUsage, args,
		func(a []string) int { return runTMXExport(e, a) },
		func(a []string) int { return runTMXImport(e, a) })
}

func runTMXExport(e *env, args []string) int {
	const cmd = "tmx export"
	fs := newFlags(e, cmd, "[--locale L]... [--doc D]... [-o FILE]",
		"Writes a TMX 1.4b translation memory of every translated pair of the documents and locales.")
	var locales, docs multiFlag
	fs.Var(&locales, "locale", "the locale to export (repeatable; default: every configured locale)")
	fs.Var(&docs, "doc", "export only this document (repeatable; default all)")
	out := fs.String("o", "tmx/verso.tmx", "output file")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "verso %s: unexpected argument %q\n", cmd, pos[0])
		return ExitUsage
	}
	p, code := e.loadScoped(cmd)
	if p == nil {
		return code
	}
	ls, err := selectLocales(p, locales)
	if err != nil {
		fmt.Fprintf(e.stderr, "verso %s: %v\n", cmd, err)
		return ExitUsage
	}
	if code, ok := e.need(cmd, p, ls); !ok {
		return code
	}
	sel, err := selectDocs(p, docs)
	if err != nil {
		return e.fail(cmd, err)
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
		return e.fail(cmd, err)
	}
	if err := project.WriteFiles(p.Root, []project.File{{Path: filepath.ToSlash(*out), Data: buf.Bytes()}}); err != nil {
		return e.fail(cmd, err)
	}
	fmt.Fprintf(e.stdout, "%s: %s, %s\n", *out, plural(len(tus), "translation unit"), strings.Join(ls, ", "))
	return ExitOK
}

func runTMXImport(e *env, args []string) int {
	const cmd = "tmx import"
	fs := newFlags(e, cmd, "FILE... [--dry-run]",
		"Checks TMX translation memories and stores each under translations/memory/ for translation-memory suggestions.\n"+
			"An unusable file (malformed or truncated XML, a DOCTYPE, not TMX) stops the import with exit 2 and\n"+
			"nothing written.")
	dryRun := fs.Bool("dry-run", false, "check the files; write nothing")
	names, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(names) == 0 {
		fmt.Fprintf(e.stderr, "verso %s: name the TMX files to import\n", cmd)
		return ExitUsage
	}
	// The memories are stored as they are: no translation file is read.
	p, code := e.loadScoped(cmd)
	if p == nil {
		return code
	}
	var files []project.File
	var stored []string // what each file gives, said once it is written
	bad := false
	for _, name := range names {
		fn := name
		if !filepath.IsAbs(fn) {
			fn = filepath.Join(e.dir, fn)
		}
		data, err := os.ReadFile(fn)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v; name a TMX file\n", name, unwrapPath(err))
			bad = true
			continue
		}
		units, err := tmx.ReadFile(name, bytes.NewReader(data))
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			bad = true
			continue
		}
		dest := path.Join(p.MemoryDir(), strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))+".tmx")
		files = append(files, project.File{Path: dest, Data: data})
		stored = append(stored, fmt.Sprintf("%s: %s -> %s", name, plural(len(units), "translation unit"), dest))
	}
	if bad {
		fmt.Fprintf(e.stderr, "verso %s: unusable input; nothing was written\n", cmd)
		return ExitUsage
	}
	if *dryRun {
		for _, s := range stored {
			fmt.Fprintln(e.stdout, s)
		}
		fmt.Fprintf(e.stderr, "verso %s: dry run; nothing was written\n", cmd)
		return ExitOK
	}
	var changed []project.File
	for _, f := range files {
		if old, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(f.Path))); err == nil && bytes.Equal(old, f.Data) {
			continue // the same memory: no byte changes
		}
		changed = append(changed, f)
	}
	if err := project.WriteFiles(p.Root, changed); err != nil {
		return e.fail(cmd, err)
	}
	for _, s := range stored {
		fmt.Fprintln(e.stdout, s)
	}
	for _, f := range changed {
		fmt.Fprintf(e.stderr, "wrote %s\n", f.Path)
	}
	return ExitOK
}
