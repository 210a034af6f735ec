package cli

import (
	"context"
	"flag"
	"os"

	"verso/align/qa"
	"verso/internal/project"
)

func init() {
	registerGroup(group{name: "glossary", summary: "import a TBX termbase into translations/glossary/LOCALE.toml (verso glossary import FILE.tbx)",
		help: "import adds the terms of a TermBase eXchange file to the glossaries of the locales."})
	register(define(command{name: "glossary import", synopsis: "FILE.tbx [--locale L]... [--tbx-source TAG] [--tbx-target TAG] [--dry-run]",
		summary: "add a TBX termbase's terms to the glossaries", help: glossarySummary, access: writes},
		func(o *glossaryImportOptions, fs *flag.FlagSet) {
			fs.Var(&o.locales, "locale", "import the terms of this locale (repeatable; default: every configured locale)")
			fs.StringVar(&o.tbxSource, "tbx-source", "", "the TBX's language tag of the source terms (default: source_language)")
			fs.StringVar(&o.tbxTarget, "tbx-target", "", "the TBX's language tag of the target terms (default: the locale; only with one --locale)")
			fs.BoolVar(&o.dryRun, "dry-run", false, "say what would change; write nothing")
		}, runGlossaryImport))
}

const glossarySummary = `verso glossary import reads a TermBase eXchange file (TBX 2 <martif> or TBX 3 <tbx>) and adds
its terms to translations/glossary/LOCALE.toml for each locale named with --locale (default: every configured
locale): for each concept, the source-language terms get the locale's preferred and admitted terms
as required renderings and its deprecated, superseded and not recommended ones as forbidden. Terms
already in the glossary keep their renderings and gain the new ones. The TBX's language tags are
matched with the source language and the locale; --tbx-source and --tbx-target name other tags
(csv2tbx writes "en" and "xx"). Every file is checked before any is written; a glossary is
rewritten in verso's layout, terms sorted by source, with its header comment only.`

// glossaryImportOptions are the flags and arguments of verso glossary
// import.
type glossaryImportOptions struct {
	operands             // FILE.tbx
	locales              multiFlag
	tbxSource, tbxTarget string
	dryRun               bool
}

func runGlossaryImport(ctx context.Context, e *env, o *glossaryImportOptions) error {
	if len(o.args) != 1 {
		return usagef("want one FILE.tbx")
	}
	p, err := e.openAll(openOptions{})
	if err != nil {
		return err
	}
	ls, err := selectLocales(p, o.locales)
	if err != nil {
		return err
	}
	if o.tbxTarget != "" && len(ls) != 1 {
		return usagef("--tbx-target needs exactly one --locale")
	}
	data, err := os.ReadFile(e.path(o.args[0]))
	if err != nil {
		return err
	}
	writes, err := planGlossaries(e, p, ls, data, o)
	if err != nil {
		return err
	}
	return e.apply(p.Root, writes, o.dryRun)
}

// planGlossaries merges the TBX's terms into the glossary of each locale,
// says what each gains, and returns the glossaries that change.
func planGlossaries(e *env, p *project.Project, locales []string, data []byte, o *glossaryImportOptions) ([]project.File, error) {
	src := p.Config.SourceLanguage
	if o.tbxSource != "" {
		src = o.tbxSource
	}
	var writes []project.File
	for _, l := range locales {
		tgt := l
		if o.tbxTarget != "" {
			tgt = o.tbxTarget
		}
		res, err := qa.ParseTBX(o.args[0], data, src, tgt)
		if err != nil {
			return nil, err
		}
		g, err := p.Glossary(l)
		if err != nil {
			return nil, err
		}
		if g == nil {
			g = &qa.Glossary{Path: p.GlossaryPath(l)}
		}
		added, changed := g.Merge(res.Glossary)
		e.notef("%s: %s: %d terms added, %d changed", l, res, added, changed)
		if added+changed > 0 {
			writes = append(writes, project.File{Path: p.GlossaryPath(l), Data: g.Format()})
		}
	}
	return writes, nil
}
