package cli

import (
	"fmt"
	"strconv"
	"strings"

	"verso/align"
	"verso/internal/project"
)

func init() {
	registerLegacy("sync", "bring the ID records up to date after source edits", runSync)
}

func runSync(e *env, args []string) int {
	fs := newFlags(e, "sync", "[--check] [--force] [-v] [DOC...]",
		"Matches the segments of each source document with its ID record (<doc>.ids beside the source),\n"+
			"keeping the IDs of unchanged, moved and lightly edited segments, and writes the updated records.\n"+
			"Reports per document what it did: kept, edited (translations become stale), new, retired,\n"+
			"restored. A retired ID keeps its last text in the record: a paragraph restored later with that\n"+
			"text gets its ID back (its translations are live again), one at least half similar gets it back\n"+
			"with its translations stale. An edit that would retire more than half of a document's IDs, or\n"+
			"all of them (a truncated or replaced source), is refused (exit 1, nothing written) unless --force.")
	check := fs.Bool("check", false, "write nothing; exit 1 if a record is out of date (for CI)")
	force := fs.Bool("force", false, "write records even when an edit retires more than half of a document's IDs")
	verbose := fs.Bool("v", false, "also list kept segments")
	names, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	p, code := e.load("sync")
	if p == nil {
		return code
	}
	docs, err := selectDocs(p, names)
	if err != nil {
		return e.fail("sync", err)
	}
	var writes []project.File
	var guarded []*project.Doc
	for _, d := range docs {
		reportSkipped(e, d.Path, d.Skipped)
		rep := d.Sync
		if d.RecordCurrent {
			fmt.Fprintf(e.stdout, "%s: up to date (%d segments)\n", d.Path, len(d.Segments))
			continue
		}
		restored := ""
		if n := rep.Count(align.SyncRestored); n > 0 {
			restored = fmt.Sprintf(", %d restored", n)
		}
		if rep.RetiresMost() && !*force && !*check {
			// Refused (below): what it would do, without listing every
			// ID it would retire unless -v asks.
			guarded = append(guarded, d)
			fmt.Fprintf(e.stdout, "%s: refused: would retire %d of %d IDs (%d kept, %d edited, %d new)\n", d.Path,
				rep.Count(align.SyncRetired), rep.Old, rep.Count(align.SyncKept), rep.Count(align.SyncEdited), rep.Count(align.SyncNew))
		} else {
			fmt.Fprintf(e.stdout, "%s: %d kept, %d edited, %d new, %d retired%s\n", d.Path,
				rep.Count(align.SyncKept), rep.Count(align.SyncEdited), rep.Count(align.SyncNew), rep.Count(align.SyncRetired), restored)
		}
		// A document numbered for the first time is all new: its
		// segments are listed only with -v (verso segments lists them),
		// and so are the changes a refused sync would have made.
		quiet := rep.Old == 0 && rep.Count(align.SyncRestored) == 0 || len(guarded) > 0 && guarded[len(guarded)-1] == d
		for _, c := range rep.Changes {
			switch {
			case quiet && !*verbose:
			case c.Status == align.SyncRestored && c.Similarity > 0:
				s := d.Segments[c.Index]
				fmt.Fprintf(e.stdout, "  restored %s  %s:%d  (%.0f%% similar to its last text; translations stale)  %s\n", c.ID, d.Path, s.Line, c.Similarity*100, excerpt(s.Text, 50))
			case c.Status == align.SyncRestored:
				s := d.Segments[c.Index]
				fmt.Fprintf(e.stdout, "  restored %s  %s:%d  %s\n", c.ID, d.Path, s.Line, excerpt(s.Text, 50))
			case c.Status == align.SyncRetired && c.Related != "":
				fmt.Fprintf(e.stdout, "  retired %s  (merged into %s)  %s\n", c.ID, c.Related, excerpt(c.OldText, 50))
			case c.Status == align.SyncRetired:
				fmt.Fprintf(e.stdout, "  retired %s  %s\n", c.ID, excerpt(c.OldText, 50))
			case c.Status == align.SyncNew && c.Related != "":
				s := d.Segments[c.Index]
				fmt.Fprintf(e.stdout, "  new     %s  %s:%d  (split from %s)  %s\n", c.ID, d.Path, s.Line, c.Related, excerpt(s.Text, 50))
			case c.Status == align.SyncEdited:
				s := d.Segments[c.Index]
				fmt.Fprintf(e.stdout, "  edited  %s  %s:%d  (%.0f%% similar)  %s\n", c.ID, d.Path, s.Line, c.Similarity*100, excerpt(s.Text, 50))
			case c.Status == align.SyncNew || *verbose:
				s := d.Segments[c.Index]
				fmt.Fprintf(e.stdout, "  %-7s %s  %s:%d  %s\n", c.Status, c.ID, d.Path, s.Line, excerpt(s.Text, 50))
			}
		}
		writes = append(writes, d.RecordFile())
	}
	if *check {
		if len(writes) > 0 {
			fmt.Fprintf(e.stderr, "verso sync --check: %s out of date; run verso sync and commit\n", plural(len(writes), "ID record"))
			return ExitProblems
		}
		return ExitOK
	}
	if len(guarded) > 0 {
		for _, d := range guarded {
			n, old := d.Sync.Count(align.SyncRetired), d.Sync.Old
			why := "more than half of them"
			if n == old {
				why = "all of them"
			}
			fmt.Fprintf(e.stderr, "verso sync: %s: refused: the edit retires %d of the %d IDs of %s (%s), as a truncated, emptied or replaced source does; their translations would be orphaned. Restore the source (git checkout %s), or run verso sync --force if the document really changed this much\n",
				d.Path, n, old, d.RecordPath, why, d.Path)
		}
		fmt.Fprintln(e.stderr, "verso sync: nothing was written")
		return ExitProblems
	}
	if err := project.WriteFiles(p.Root, writes); err != nil {
		return e.fail("sync", err)
	}
	for _, w := range writes {
		fmt.Fprintf(e.stderr, "wrote %s\n", w.Path)
	}
	return ExitOK
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
