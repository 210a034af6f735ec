package cli

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"verso/align"
	"verso/internal/project"
)

func init() {
	registerLegacy("prune", "delete orphaned translations (IDs no longer in the source) explicitly", runPrune)
}

const pruneSummary = "Deletes the orphaned translations (messages whose ID was retired from the source) of the\n" +
	"documents (all, or those named with --doc) in the locales (all, or those named with --locale), with\n" +
	"their review lines, and lists every message it deletes. Orphans are kept until then so that a\n" +
	"paragraph restored to the source gets its ID and its translations back (see verso sync).\n\n" +
	"What is left of a document whose source is gone (its translation and review files, and without\n" +
	"--locale its ID record) is deleted only when the document is named with --doc. --dry-run lists\n" +
	"and deletes nothing."

func runPrune(e *env, args []string) int {
	const cmd = "prune"
	fs := newFlags(e, cmd, "[--locale L]... [--doc D]... [--dry-run]", pruneSummary)
	var locales, docNames multiFlag
	fs.Var(&locales, "locale", "prune this locale (repeatable; default every locale)")
	fs.Var(&docNames, "doc", "prune this document (repeatable; default every document); needed to delete what is left of a document whose source is gone")
	dryRun := fs.Bool("dry-run", false, "list what would be deleted; delete nothing")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "verso %s: unexpected argument %q; name documents with --doc\n", cmd, pos[0])
		return ExitUsage
	}
	p, code := e.loadScoped(cmd)
	if p == nil {
		return code
	}
	sel, err := selectLocales(p, locales)
	if err != nil {
		fmt.Fprintf(e.stderr, "verso %s: %v\n", cmd, err)
		return ExitUsage
	}
	if code, ok := e.need(cmd, p, sel); !ok {
		return code
	}
	var docs []*project.Doc
	var gone []*project.Gone
	for _, n := range docNames {
		name := align.DocName(n)
		if d := p.Doc(name); d != nil {
			docs = append(docs, d)
			continue
		}
		i := slices.IndexFunc(p.Gone, func(g *project.Gone) bool { return g.Name == name })
		if i < 0 {
			return e.fail(cmd, fmt.Errorf("unknown document %q: neither a source nor what is left of a removed one", n))
		}
		gone = append(gone, p.Gone[i])
	}
	if len(docNames) == 0 {
		docs = p.Docs
	}

	var writes []project.File
	var removes []string
	deleted := 0
	for _, d := range docs {
		for _, l := range sel {
			t := d.Translations[l]
			if t == nil {
				continue
			}
			keep := make([]align.Translation, 0, len(t.Items))
			orphan := map[string]bool{}
			for _, it := range d.Coverage(l).Items {
				if it.State == align.Orphaned {
					orphan[it.ID] = true
					deleted++
					fmt.Fprintf(e.stdout, "%s:%d: %s: orphaned %s: %s\n", t.Path, it.Tr.Line, l, it.ID, excerpt(it.Tr.Text, 60))
				}
			}
			if len(orphan) == 0 {
				continue
			}
			for _, tr := range t.Items {
				if !orphan[tr.ID] {
					keep = append(keep, tr)
				}
			}
			if f, ok := t.Plan(keep); ok {
				writes = append(writes, f)
			}
			revs := slices.DeleteFunc(slices.Clone(t.Reviews), func(r align.Review) bool { return orphan[r.ID] })
			if f, ok := t.PlanReviews(revs); ok {
				writes = append(writes, f)
			}
		}
	}
	for _, g := range gone {
		for _, l := range slices.Sorted(maps.Keys(g.Files)) {
			if !slices.Contains(sel, l) && len(locales) > 0 {
				continue
			}
			fmt.Fprintf(e.stdout, "%s: %s: %s of removed document %q\n", g.Files[l], l, plural(g.Messages[l], "translation"), g.Name)
			deleted += g.Messages[l]
			removes = append(removes, g.Files[l])
			if rev := p.ReviewPath(g.Name, l); exists(p, rev) {
				fmt.Fprintf(e.stdout, "%s: %s: review file of removed document %q\n", rev, l, g.Name)
				removes = append(removes, rev)
			}
		}
		if g.RecordPath != "" && len(locales) == 0 {
			fmt.Fprintf(e.stdout, "%s: ID record of removed document %q\n", g.RecordPath, g.Name)
			removes = append(removes, g.RecordPath)
		}
	}
	if len(docNames) == 0 {
		for _, g := range p.Gone {
			fmt.Fprintf(e.stderr, "%s: kept: %s\n", goneFile(g), goneMessage(p, g))
		}
	}
	if *dryRun {
		for _, w := range writes {
			fmt.Fprintf(e.stderr, "would write %s\n", w.Path)
		}
		for _, r := range removes {
			fmt.Fprintf(e.stderr, "would delete %s\n", r)
		}
		fmt.Fprintf(e.stderr, "verso %s: dry run: %s to delete; nothing was written\n", cmd, plural(deleted, "orphaned translation"))
		return ExitOK
	}
	// The rewrites and the deletions are one transaction.
	files := writes
	for _, r := range removes {
		f, err := p.PlanDelete(r)
		if err != nil {
			return e.fail(cmd, err)
		}
		files = append(files, f)
	}
	if err := project.WriteFiles(p.Root, files); err != nil {
		return e.fail(cmd, err)
	}
	for _, w := range writes {
		fmt.Fprintf(e.stderr, "wrote %s\n", w.Path)
	}
	for _, r := range removes {
		fmt.Fprintf(e.stderr, "deleted %s\n", r)
	}
	fmt.Fprintf(e.stderr, "verso %s: %s deleted\n", cmd, plural(deleted, "orphaned translation"))
	return ExitOK
}

// exists reports whether a repository path names an existing file.
func exists(p *project.Project, rel string) bool {
	_, err := os.Lstat(filepath.Join(p.Root, filepath.FromSlash(rel)))
	return err == nil
}
