package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"verso/align"
	"verso/internal/diag"
	"verso/internal/project"
)

func init() {
	register(define(command{name: "sync", synopsis: "[--check] [--force] [-v] [DOC...]",
		summary: "bring the ID records up to date after source edits",
		help: "Matches the segments of each source document with its ID record (<doc>.ids beside the source),\n" +
			"keeping the IDs of unchanged, moved and lightly edited segments, and writes the updated records.\n" +
			"Reports per document what it did: kept, edited (translations become stale), new, retired,\n" +
			"restored. A retired ID keeps its last text in the record: a paragraph restored later with that\n" +
			"text gets its ID back (its translations are live again), one at least half similar gets it back\n" +
			"with its translations stale. An edit that would retire more than half of a document's IDs, or\n" +
			"all of them (a truncated or replaced source), is refused (exit 1, nothing written) unless --force.",
		access: writes},
		func(o *syncOptions, fs *flag.FlagSet) {
			fs.BoolVar(&o.check, "check", false, "write nothing; exit 1 if a record is out of date (for CI)")
			fs.BoolVar(&o.force, "force", false, "write records even when an edit retires more than half of a document's IDs")
			fs.BoolVar(&o.verbose, "v", false, "also list kept segments")
		}, runSync))
}

// syncOptions are the flags and arguments of verso sync.
type syncOptions struct {
	operands // the documents (default all)
	check    bool
	force    bool
	verbose  bool
}

func runSync(ctx context.Context, e *env, o *syncOptions) error {
	p, err := e.openAll(openOptions{sourcesOnly: true, ownRecords: true})
	if err != nil {
		return err
	}
	docs, err := selectDocs(p, o.args)
	if err != nil {
		return err
	}
	var writes []project.File
	var guarded []*project.Doc
	for _, d := range docs {
		reportSkipped(e, d.Path, d.Skipped)
		if d.RecordCurrent {
			fmt.Fprintf(e.stdout, "%s: up to date (%d segments)\n", d.Path, len(d.Segments))
			continue
		}
		refused := d.Sync.RetiresMost() && !o.force && !o.check
		if refused {
			guarded = append(guarded, d)
		}
		printSync(e, o, d, refused)
		writes = append(writes, d.RecordFile())
	}
	switch {
	case o.check && len(writes) > 0:
		return problemsf("--check: %s out of date; run verso sync and commit", plural(len(writes), "ID record"))
	case o.check:
		return nil
	case len(guarded) > 0:
		return refuseSync(e, guarded)
	}
	if err := project.WriteFiles(p.Root, writes); err != nil {
		return err
	}
	for _, w := range writes {
		fmt.Fprintf(e.stderr, "wrote %s\n", w.Path)
	}
	return nil
}

// printSync prints what syncing a document that is out of date does (or
// would do, when refused): its counts, then its changes. A document
// numbered for the first time is all new: its segments are listed only
// with -v (verso segments lists them), and so are the changes a refused
// sync would have made.
func printSync(e *env, o *syncOptions, d *project.Doc, refused bool) {
	rep := d.Sync
	if refused {
		fmt.Fprintf(e.stdout, "%s: refused: would retire %d of %d IDs (%d kept, %d edited, %d new)\n", d.Path,
			rep.Count(align.SyncRetired), rep.Old, rep.Count(align.SyncKept), rep.Count(align.SyncEdited), rep.Count(align.SyncNew))
	} else {
		restored := ""
		if n := rep.Count(align.SyncRestored); n > 0 {
			restored = fmt.Sprintf(", %d restored", n)
		}
		fmt.Fprintf(e.stdout, "%s: %d kept, %d edited, %d new, %d retired%s\n", d.Path,
			rep.Count(align.SyncKept), rep.Count(align.SyncEdited), rep.Count(align.SyncNew), rep.Count(align.SyncRetired), restored)
	}
	quiet := rep.Old == 0 && rep.Count(align.SyncRestored) == 0 || refused
	if quiet && !o.verbose {
		return
	}
	for _, c := range rep.Changes {
		printSyncChange(e, d, c, o.verbose)
	}
}

// printSyncChange prints one change of a sync; kept segments only when
// verbose.
func printSyncChange(e *env, d *project.Doc, c align.Change, verbose bool) {
	switch {
	case c.Status == align.SyncRestored && c.Similarity > 0:
		s := d.Segments[c.Index]
		fmt.Fprintf(e.stdout, "  restored %s  %s:%d  (%.0f%% similar to its last text; translations stale)  %s\n", c.ID, d.Path, s.Line, c.Similarity*100, align.Excerpt(s.Text, 50))
	case c.Status == align.SyncRestored:
		s := d.Segments[c.Index]
		fmt.Fprintf(e.stdout, "  restored %s  %s:%d  %s\n", c.ID, d.Path, s.Line, align.Excerpt(s.Text, 50))
	case c.Status == align.SyncRetired && c.Related != "":
		fmt.Fprintf(e.stdout, "  retired %s  (merged into %s)  %s\n", c.ID, c.Related, align.Excerpt(c.OldText, 50))
	case c.Status == align.SyncRetired:
		fmt.Fprintf(e.stdout, "  retired %s  %s\n", c.ID, align.Excerpt(c.OldText, 50))
	case c.Status == align.SyncNew && c.Related != "":
		s := d.Segments[c.Index]
		fmt.Fprintf(e.stdout, "  new     %s  %s:%d  (split from %s)  %s\n", c.ID, d.Path, s.Line, c.Related, align.Excerpt(s.Text, 50))
	case c.Status == align.SyncEdited:
		s := d.Segments[c.Index]
		fmt.Fprintf(e.stdout, "  edited  %s  %s:%d  (%.0f%% similar)  %s\n", c.ID, d.Path, s.Line, c.Similarity*100, align.Excerpt(s.Text, 50))
	case c.Status == align.SyncNew || verbose:
		s := d.Segments[c.Index]
		fmt.Fprintf(e.stdout, "  %-7s %s  %s:%d  %s\n", c.Status, c.ID, d.Path, s.Line, align.Excerpt(s.Text, 50))
	}
}

// refuseSync reports, at each document, why its sync was refused: exit 1,
// nothing written.
func refuseSync(e *env, guarded []*project.Doc) error {
	for _, d := range guarded {
		n, old := d.Sync.Count(align.SyncRetired), d.Sync.Old
		why := "more than half of them"
		if n == old {
			why = "all of them"
		}
		e.diagnose(diag.Diagnostic{File: d.Path, Severity: diag.Error, Code: "refused",
			Title: fmt.Sprintf("sync refused (retires %d of %d IDs)", n, old),
			Message: fmt.Sprintf("refused: the edit retires %d of the %d IDs of %s (%s), as a truncated, emptied or replaced source does; their translations would be orphaned. Restore the source (git checkout %s), or run verso sync --force if the document really changed this much",
				n, old, d.RecordPath, why, d.Path)})
	}
	return problemsf("refused to retire most of the IDs of %s; nothing was written", plural(len(guarded), "document"))
}

// reportSkipped tells on stderr, in one line, which blocks of a document
// yield no segment: "sources/x.md: not translated: 2 code blocks (lines 5,
// 19), 1 HTML block (line 9); verso segments lists them".
func reportSkipped(e *env, path string, skipped []align.Skip) {
	if len(skipped) == 0 {
		return
	}
	var order []string
	lines := map[string][]string{}
	for _, k := range skipped {
		if _, ok := lines[k.What]; !ok {
			order = append(order, k.What)
		}
		lines[k.What] = append(lines[k.What], strconv.Itoa(k.Line))
	}
	parts := make([]string, len(order))
	for i, w := range order {
		l := lines[w]
		where := "line " + l[0]
		if len(l) > 1 {
			if len(l) > 5 {
				l = append(l[:5:5], "…")
			}
			where = "lines " + strings.Join(l, ", ")
		}
		parts[i] = fmt.Sprintf("%s (%s)", plural(len(lines[w]), w), where)
	}
	fmt.Fprintf(e.stderr, "%s: not translated: %s; verso segments lists them\n", path, strings.Join(parts, ", "))
}
