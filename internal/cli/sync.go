package cli

import (
	"fmt"
	"strconv"
	"strings"

	"verso/align"
	"verso/internal/project"
)

func init() {
	register(command{"sync", "bring the ID records up to date after source edits", runSync})
}

func runSync(e *env, args []string) int {
	fs := newFlags(e, "sync", "[--check] [-v] [DOC...]",
		"Matches the segments of each source document with its ID record (<doc>.ids beside the source),\n"+
			"keeping the IDs of unchanged, moved and lightly edited segments, and writes the updated records.\n"+
			"Reports per document what it did: kept, edited (translations become stale), new, retired.")
	check := fs.Bool("check", false, "write nothing; exit 1 if a record is out of date (for CI)")
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
	for _, d := range docs {
		reportSkipped(e, d.Path, d.Skipped)
		rep := d.Sync
		if d.RecordCurrent {
			fmt.Fprintf(e.stdout, "%s: up to date (%d segments)\n", d.Path, len(d.Segments))
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %d kept, %d edited, %d new, %d retired\n", d.Path,
			rep.Count(align.SyncKept), rep.Count(align.SyncEdited), rep.Count(align.SyncNew), rep.Count(align.SyncRetired))
		for _, c := range rep.Changes {
			switch {
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
