package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"verso/align"
	"verso/internal/corpus/realdocs"
)

// linkTarget matches the target of an inline link or image.
var linkTarget = regexp.MustCompile(`\]\([^()]*\)`)

// TestRealDocs runs real Markdown documents (internal/corpus/realdocs)
// through sync and segments: every block of the source is a segment or a
// skipped block, every word of the source outside skipped blocks is in a
// segment starting at or before its line, IDs are stable across a second
// sync, and a complete pseudo-translation that keeps the markup passes
// check while one that drops the links is reported segment by segment.
func TestRealDocs(t *testing.T) {
	seen := map[string]int{}
	for _, d := range realdocs.All() {
		t.Run(d.Name, func(t *testing.T) {
			src, err := os.ReadFile(d.Path)
			if err != nil {
				t.Fatal(err)
			}
			dir := miniRepo(t, map[string]string{
				"verso.toml":                fmt.Sprintf("source_language = %q\nlocales = [\"fr\"]\n", d.Lang),
				"sources/" + d.Name + ".md": string(src),
			})
			out, _ := mustRun(t, dir, ExitOK, "sync")
			if !strings.Contains(out, " new, 0 retired") {
				t.Errorf("sync: %s", out)
			}
			if out, _ := mustRun(t, dir, ExitOK, "sync"); !strings.Contains(out, "up to date") {
				t.Errorf("second sync: %s", out)
			}
			jsonOut, _ := mustRun(t, dir, ExitOK, "segments", "--json")
			var docs []docJSON
			if err := json.Unmarshal([]byte(jsonOut), &docs); err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 || docs[0].Format != "markdown" {
				t.Fatalf("segments --json: %d documents", len(docs))
			}
			doc := docs[0]
			checkAccounted(t, strings.Split(string(src), "\n"), doc)
			text, _ := mustRun(t, dir, ExitOK, "segments")
			if n := strings.Count(text, "\n"); n != len(doc.Segments)+len(doc.Skipped) {
				t.Errorf("segments prints %d lines for %d segments and %d skipped blocks", n, len(doc.Segments), len(doc.Skipped))
			}
			for _, s := range doc.Segments {
				seen[s.Context[:strings.IndexAny(s.Context+" ", " ")]]++
				if s.Level >= 2 {
					seen["heading level 2+"]++
				}
				if s.Depth >= 2 {
					seen["nested item"]++
				}
				if strings.Contains(s.Text, "](") {
					seen["link"]++
				}
			}
			for _, k := range doc.Skipped {
				seen["skipped "+k.What]++
			}

			// A pseudo-translation keeping every segment's markup passes;
			// dropping the links is a markup problem for each segment that
			// has one.
			writeTr := func(tr func(string) string) {
				var b strings.Builder
				for _, s := range doc.Segments {
					q, _ := json.Marshal(tr(s.Text))
					fmt.Fprintf(&b, "[%s]\nhash = %q\nother = %s\n\n", s.ID, s.Hash, q)
				}
				if err := os.WriteFile(filepath.Join(dir, "translations", d.Name+".fr.toml"), []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.MkdirAll(filepath.Join(dir, "translations"), 0o755); err != nil {
				t.Fatal(err)
			}
			writeTr(func(s string) string { return "« " + s + " »" })
			mustRun(t, dir, ExitOK, "check", "--locale", "fr")
			drop := func(s string) string { return linkTarget.ReplaceAllString(s, "]") }
			writeTr(drop)
			want := map[string]bool{}
			links := 0
			for _, s := range doc.Segments {
				if strings.Contains(s.Text, "](") {
					links++
				}
				if align.MarkupDiff(align.FormatMarkdown, s.Text, drop(s.Text)) != nil {
					want[s.ID] = true
				}
			}
			if len(want) < links/2 {
				t.Errorf("dropping link targets changes the markup of %d segments of the %d with links", len(want), links)
			}
			code, out, _ := runVerso(dir, "check", "--locale", "fr")
			got := map[string]bool{}
			for _, ln := range strings.Split(out, "\n") {
				if _, rest, ok := strings.Cut(ln, ": fr: markup "); ok {
					got[rest[:6]] = true
					if !strings.HasPrefix(ln, "translations/"+d.Name+".fr.toml:") {
						t.Errorf("markup problem not at the translation file: %s", ln)
					}
				}
			}
			if len(want) > 0 && code != ExitProblems || !maps.Equal(got, want) {
				t.Errorf("links dropped from %d segments: exit %d, markup problems for %d\n%s", len(want), code, len(got), out)
			}
		})
	}
	// The corpus has what it is there for.
	for _, k := range []string{"title", "heading", "heading level 2+", "paragraph", "item", "nested item", "table", "footnote", "link",
		"skipped code block", "skipped HTML block"} {
		if seen[k] == 0 {
			t.Errorf("no %s in the whole corpus (%v)", k, seen)
		}
	}
}

// checkAccounted checks that every line of the source is in a skipped
// block or has its words in the segments that start on or before it (the
// last segment line at or before it; all cells of a table row start on the
// same line).
func checkAccounted(t *testing.T, lines []string, doc docJSON) {
	t.Helper()
	skipped := make([]bool, len(lines)+2)
	for _, k := range doc.Skipped {
		if k.Line < 1 || k.End < k.Line || k.End > len(lines) {
			t.Errorf("skipped %s at lines %d-%d outside the source", k.What, k.Line, k.End)
			continue
		}
		for l := k.Line; l <= k.End; l++ {
			skipped[l] = true
		}
	}
	byLine := map[int]string{}
	for _, s := range doc.Segments {
		byLine[s.Line] += " " + s.Text + " " + s.Marker + " " + s.Note
	}
	last := ""
	missing := 0
	for i, ln := range lines {
		l := i + 1
		if t, ok := byLine[l]; ok {
			last = t
		}
		if skipped[l] || strings.TrimSpace(ln) == "" {
			continue
		}
		for _, w := range words(ln) {
			if !strings.Contains(last, w) {
				missing++
				if missing <= 10 {
					t.Errorf("line %d: %q of %q is in no segment and no skipped block", l, w, ln)
				}
				break
			}
		}
	}
}

// words returns the runs of letters of a line.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}
