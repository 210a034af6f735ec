package cli

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"verso/align"
	"verso/internal/diag"
	"verso/internal/project"
)

func init() {
	register(define(command{name: "prune", synopsis: "[--locale L]... [--doc D]... [--dry-run]",
		summary: "delete orphaned translations (IDs no longer in the source) explicitly",
		help:    pruneSummary, access: writes},
		func(o *pruneOptions, fs *flag.FlagSet) {
			fs.Var(&o.locales, "locale", "prune this locale (repeatable; default every locale)")
			fs.Var(&o.docs, "doc", "prune this document (repeatable; default every document); needed to delete what is left of a document whose source is gone")
			fs.BoolVar(&o.dryRun, "dry-run", false, "list what would be deleted; delete nothing")
		}, runPrune))
}

const pruneSummary = "Deletes the orphaned translations (messages whose ID was retired from the source) of the\n" +
	"documents (all, or those named with --doc) in the locales (all, or those named with --locale), with\n" +
	"their review lines, and lists every message it deletes. Orphans are kept until then so that a\n" +
	"paragraph restored to the source gets its ID and its translations back (see verso sync).\n\n" +
	"What is left of a document whose source is gone (its translation and review files, and without\n" +
	"--locale its ID record) is deleted only when the document is named with --doc. --dry-run lists\n" +
	"and deletes nothing."

// pruneOptions are the flags of verso prune.
type pruneOptions struct {
	operands // refused: documents are named with --doc
	locales  multiFlag
	docs     multiFlag
	dryRun   bool
}

// prunePlan is what verso prune deletes: translation and review files
// rewritten without their orphans, and the files of gone documents.
type prunePlan struct {
	writes  []project.File
	removes []string
	deleted int // orphaned translations
}

func runPrune(ctx context.Context, e *env, o *pruneOptions) error {
	if len(o.args) > 0 {
		return usagef("unexpected argument %q; name documents with --doc", o.args[0])
	}
	p, err := e.open(openOptions{ownGone: true})
	if err != nil {
		return err
	}
	sel, err := selectLocales(p, o.locales)
	if err != nil {
		return &usageError{err}
	}
	if err := p.Err(sel); err != nil {
		return err
	}
	docs, gone, err := pruneDocs(p, o.docs)
	if err != nil {
		return err
	}
	var plan prunePlan
	for _, d := range docs {
		plan.orphans(e, d, sel)
	}
	for _, g := range gone {
		plan.gone(e, p, g, sel, len(o.locales) > 0)
	}
	if len(o.docs) == 0 {
		for _, g := range p.Gone {
			e.diagnose(diag.Diagnostic{File: goneFile(g), Severity: diag.Note, Code: "gone", Message: "kept: " + goneMessage(p, g)})
		}
	}
	if o.dryRun {
		for _, w := range plan.writes {
			fmt.Fprintf(e.stderr, "would write %s\n", w.Path)
		}
		for _, r := range plan.removes {
			fmt.Fprintf(e.stderr, "would delete %s\n", r)
		}
		e.notef("dry run: %s to delete; nothing was written", plural(plan.deleted, "orphaned translation"))
		return nil
	}
	return plan.write(e, p)
}

// pruneDocs returns the documents named (all when none is) and the gone
// documents named.
func pruneDocs(p *project.Project, names []string) ([]*project.Doc, []*project.Gone, error) {
	if len(names) == 0 {
		return p.Docs, nil, nil
	}
	var docs []*project.Doc
	var gone []*project.Gone
	for _, n := range names {
		name := align.DocName(n)
		if d := p.Doc(name); d != nil {
			docs = append(docs, d)
			continue
		}
		i := slices.IndexFunc(p.Gone, func(g *project.Gone) bool { return g.Name == name })
		if i < 0 {
			return nil, nil, fmt.Errorf("unknown document %q: neither a source nor what is left of a removed one", n)
		}
		gone = append(gone, p.Gone[i])
	}
	return docs, gone, nil
}

// orphans plans the rewrite of a document's translation and review files
// without their orphaned translations, in the locales, and lists them.
func (plan *prunePlan) orphans(e *env, d *project.Doc, locales []string) {
	for _, l := range locales {
		t := d.Translations[l]
		if t == nil {
			continue
		}
		orphan := map[string]bool{}
		for _, it := range d.Coverage(l).Items {
			if it.State == align.Orphaned {
				orphan[it.ID] = true
				plan.deleted++
				fmt.Fprintf(e.stdout, "%s:%d: %s: orphaned %s: %s\n", t.Path, it.Tr.Line, l, it.ID, align.Excerpt(it.Tr.Text, 60))
			}
		}
		if len(orphan) == 0 {
			continue
		}
		keep := slices.DeleteFunc(slices.Clone(t.Items), func(tr align.Translation) bool { return orphan[tr.ID] })
		if f, ok := t.Plan(keep); ok {
			plan.writes = append(plan.writes, f)
		}
		revs := slices.DeleteFunc(slices.Clone(t.Reviews), func(r align.Review) bool { return orphan[r.ID] })
		if f, ok := t.PlanReviews(revs); ok {
			plan.writes = append(plan.writes, f)
		}
	}
}

// gone plans the deletion of what is left of a gone document: its
// translation and review files in the locales, and its ID record unless
// locales were named.
func (plan *prunePlan) gone(e *env, p *project.Project, g *project.Gone, locales []string, named bool) {
	for _, l := range slices.Sorted(maps.Keys(g.Files)) {
		if named && !slices.Contains(locales, l) {
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %s: %s of removed document %q\n", g.Files[l], l, plural(g.Messages[l], "translation"), g.Name)
		plan.deleted += g.Messages[l]
		plan.removes = append(plan.removes, g.Files[l])
		if rev := p.ReviewPath(g.Name, l); exists(p, rev) {
			fmt.Fprintf(e.stdout, "%s: %s: review file of removed document %q\n", rev, l, g.Name)
			plan.removes = append(plan.removes, rev)
		}
	}
	if g.RecordPath != "" && !named {
		fmt.Fprintf(e.stdout, "%s: ID record of removed document %q\n", g.RecordPath, g.Name)
		plan.removes = append(plan.removes, g.RecordPath)
	}
}

// write writes the plan: the rewrites and the deletions are one
// transaction.
func (plan *prunePlan) write(e *env, p *project.Project) error {
	files := slices.Clone(plan.writes)
	for _, r := range plan.removes {
		f, err := p.PlanDelete(r)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	if err := project.WriteFiles(p.Root, files); err != nil {
		return err
	}
	for _, w := range plan.writes {
		fmt.Fprintf(e.stderr, "wrote %s\n", w.Path)
	}
	for _, r := range plan.removes {
		fmt.Fprintf(e.stderr, "deleted %s\n", r)
	}
	e.notef("%s deleted", plural(plan.deleted, "orphaned translation"))
	return nil
}

// exists reports whether a repository path names an existing file.
func exists(p *project.Project, rel string) bool {
	_, err := os.Lstat(filepath.Join(p.Root, filepath.FromSlash(rel)))
	return err == nil
}
