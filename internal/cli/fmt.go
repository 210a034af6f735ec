package cli

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"slices"

	"verso/align"
	"verso/align/qa"
	"verso/internal/project"
)

func init() {
	register(define(command{name: "fmt", synopsis: "--source [--dry-run] [DOC...]",
		summary: "fix what source lint reports (verso fmt --source), carrying translations' hashes forward",
		help:    fmtSummary, access: writes},
		func(o *fmtOptions, fs *flag.FlagSet) {
			fs.BoolVar(&o.source, "source", false, "fix the source documents (required: verso formats nothing else)")
			fs.BoolVar(&o.dryRun, "dry-run", false, "say what would change; write nothing")
		}, runFmt))
}

// fmtOptions are the flags and arguments of verso fmt.
type fmtOptions struct {
	operands // the documents (default all)
	source   bool
	dryRun   bool
}

const fmtSummary = `Fixes, in the source documents (all, or those named), what verso qa's source lint reports: ASCII
,:;() inside Chinese text become ，：；（）, doubled, leading, trailing and stray spaces go, no-break
spaces become spaces (or go between Chinese characters). Segments keep their IDs. The fixed
segments get new hashes; a translation that was current stays current (its hash is carried forward,
since the only change was the fix); a stale one stays stale. The source, its ID record and the
translation files are written together, after every check; --dry-run writes nothing.`

func runFmt(ctx context.Context, e *env, o *fmtOptions) error {
	if !o.source {
		return usagef("only the sources can be formatted: verso fmt --source [DOC...]")
	}
	p, err := e.openAll(openOptions{})
	if err != nil {
		return err
	}
	docs, err := selectDocs(p, o.args)
	if err != nil {
		return err
	}
	var writes []project.File
	for _, d := range docs {
		ws, err := planFmt(e, p, d)
		if err != nil {
			return err
		}
		writes = append(writes, ws...)
	}
	return e.apply(p.Root, writes, o.dryRun)
}

// planFmt plans the writes that fix one document: the source, its record
// and the translation files whose hashes are carried forward.
func planFmt(e *env, p *project.Project, d *project.Doc) ([]project.File, error) {
	if !d.RecordCurrent {
		return nil, fmtRefused(d.Path, 0, "the ID record is out of date; run verso sync and commit it first, so that fmt changes only what it fixes")
	}
	data, err := p.Source(d)
	if err != nil {
		return nil, err
	}
	fixed, n := qa.Fix(d.Document, data)
	if n == 0 {
		fmt.Fprintf(e.stdout, "%s: nothing to fix\n", d.Path)
		return nil, nil
	}
	nd, err := align.Parse(d.Path, d.Lang, fixed)
	if err != nil {
		return nil, err
	}
	if len(nd.Segments) != len(d.Segments) {
		return nil, fmtRefused(d.Path, 0, "the fixes would change the segments (%d, not %d); fix the source by hand", len(nd.Segments), len(d.Segments))
	}
	// The fixed segments keep their IDs: the record's entries, in
	// document order, take the fixed texts.
	rec := &align.Record{Retired: d.Record.Retired}
	newHash := map[string]string{} // ID -> hash after the fix, for changed segments
	oldHash := map[string]string{}
	for i, s := range d.Segments {
		ns := nd.Segments[i]
		if ns.Kind != s.Kind {
			return nil, fmtRefused(d.Path, s.Line, "the fixes would make this %s a %s; fix the source by hand", s.Kind, ns.Kind)
		}
		rec.Entries = append(rec.Entries, align.Entry{ID: s.ID, Text: align.Normalize(ns.Text)})
		if ns.Hash != s.Hash {
			newHash[s.ID], oldHash[s.ID] = ns.Hash, s.Hash
		}
	}
	synced, _ := align.Sync(nd, rec)
	for i, s := range nd.Segments {
		if s.ID != d.Segments[i].ID || synced.Entries[i].ID != s.ID {
			return nil, fmtRefused(d.Path, s.Line, "the fixed segment would not keep its ID %s; fix the source by hand", d.Segments[i].ID)
		}
	}
	writes := []project.File{{Path: d.Path, Data: fixed}, {Path: d.RecordPath, Data: synced.Marshal(d.Path)}}
	fmt.Fprintf(e.stdout, "%s: %d fixes, %s changed\n", d.Path, n, plural(len(newHash), "segment"))
	for _, l := range slices.Sorted(maps.Keys(d.Translations)) {
		t := d.Translations[l]
		items := slices.Clone(t.Items)
		carried := 0
		for i, it := range items {
			if h, ok := newHash[it.ID]; ok && it.Hash == oldHash[it.ID] {
				items[i].Hash = h
				carried++
			}
		}
		if f, ok := t.Plan(items); ok {
			writes = append(writes, f)
			fmt.Fprintf(e.stdout, "  %s: %d hashes carried forward\n", t.Path, carried)
		}
	}
	return writes, nil
}

// fmtError is a document fmt refuses to fix, at its place (a diagnostic
// of code "fmt").
type fmtError struct{ *align.PosError }

func (fmtError) Code() string { return "fmt" }

// fmtRefused returns the fmtError of a document at a line (0: the whole
// file).
func fmtRefused(path string, line int, format string, args ...any) error {
	return fmtError{align.Errorf(path, line, format, args...)}
}
