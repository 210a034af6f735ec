package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"verso/align/qa"
	"verso/internal/project"
)

func init() {
	registerLegacy("glossary", "import a TBX termbase into translations/glossary/LOCALE.toml (verso glossary import FILE.tbx)", runGlossary)
}

const glossarySummary = `verso glossary import reads a TermBase eXchange file (TBX 2 <martif> or TBX 3 <tbx>) and adds
its terms to translations/glossary/LOCALE.toml for each locale named with --locale (default: every configured
locale): for each concept, the source-language terms get the locale's preferred and admitted terms
as required renderings and its deprecated, superseded and not recommended ones as forbidden. Terms
already in the glossary keep their renderings and gain the new ones. The TBX's language tags are
matched with the source language and the locale; --tbx-source and --tbx-target name other tags
(csv2tbx writes "en" and "xx"). Every file is checked before any is written; a glossary is
rewritten in verso's layout, terms sorted by source, with its header comment only.`

func runGlossary(e *env, args []string) int {
	if len(args) == 0 || args[0] != "import" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintf(e.stderr, "Usage: verso glossary import FILE.tbx [--locale L]... [--tbx-source TAG] [--tbx-target TAG] [--dry-run]\n\n%s\n\n%s", glossarySummary, exitCodesHelp)
			return ExitOK
		}
		fmt.Fprintln(e.stderr, "verso glossary: want a subcommand: verso glossary import FILE.tbx")
		return ExitUsage
	}
	fs := newFlags(e, "glossary import", "FILE.tbx [--locale L]... [--tbx-source TAG] [--tbx-target TAG] [--dry-run]", glossarySummary)
	var locales multiFlag
	fs.Var(&locales, "locale", "import the terms of this locale (repeatable; default: every configured locale)")
	tbxSource := fs.String("tbx-source", "", "the TBX's language tag of the source terms (default: source_language)")
	tbxTarget := fs.String("tbx-target", "", "the TBX's language tag of the target terms (default: the locale; only with one --locale)")
	dry := fs.Bool("dry-run", false, "say what would change; write nothing")
	pos, code, ok := parse(fs, args[1:])
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(e.stderr, "verso glossary import: want one FILE.tbx")
		return ExitUsage
	}
	p, code := e.load("glossary import")
	if p == nil {
		return code
	}
	ls, err := qaLocales(p, locales)
	if err != nil {
		return e.fail("glossary import", err)
	}
	if *tbxTarget != "" && len(ls) != 1 {
		fmt.Fprintln(e.stderr, "verso glossary import: --tbx-target needs exactly one --locale")
		return ExitUsage
	}
	file := pos[0]
	if !filepath.IsAbs(file) {
		file = filepath.Join(e.dir, file)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return e.fail("glossary import", err)
	}
	src := p.Config.SourceLanguage
	if *tbxSource != "" {
		src = *tbxSource
	}
	var writes []project.File
	for _, l := range ls {
		tgt := l
		if *tbxTarget != "" {
			tgt = *tbxTarget
		}
		res, err := qa.ParseTBX(pos[0], data, src, tgt)
		if err != nil {
			return e.fail("glossary import", err)
		}
		g, err := p.Glossary(l)
		if err != nil {
			return e.fail("glossary import", err)
		}
		if g == nil {
			g = &qa.Glossary{Path: p.GlossaryPath(l)}
		}
		added, changed := g.Merge(res.Glossary)
		fmt.Fprintf(e.stderr, "verso glossary import: %s: %s: %d terms added, %d changed\n", l, res, added, changed)
		if added+changed > 0 {
			writes = append(writes, project.File{Path: p.GlossaryPath(l), Data: g.Format()})
		}
	}
	verb := "would write"
	if !*dry {
		if err := project.WriteFiles(p.Root, writes); err != nil {
			return e.fail("glossary import", err)
		}
		verb = "wrote"
	}
	for _, f := range writes {
		fmt.Fprintf(e.stderr, "%s %s\n", verb, f.Path)
	}
	return ExitOK
}
