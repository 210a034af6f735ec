package cli

import (
	"fmt"

	"verso/align"
)

func init() {
	register(command{"segments", "list the segments of the source documents", runSegments})
}

type segmentJSON struct {
	ID      string     `json:"id"`
	Kind    align.Kind `json:"kind"`
	Line    int        `json:"line"`
	Text    string     `json:"text"`
	Hash    string     `json:"hash"`
	Context string     `json:"context"`
	Level   int        `json:"level,omitempty"`
	Marker  string     `json:"marker,omitempty"`
	Depth   int        `json:"depth,omitempty"`
	Quote   int        `json:"quote,omitempty"`
	Note    string     `json:"note,omitempty"`
	Cell    *cellJSON  `json:"cell,omitempty"`
}

type cellJSON struct {
	Table  int    `json:"table"`
	Row    int    `json:"row"`
	Col    int    `json:"col"`
	Header bool   `json:"header,omitempty"`
	Align  string `json:"align,omitempty"`
}

type skipJSON struct {
	Line int    `json:"line"`
	End  int    `json:"end"`
	What string `json:"what"`
	Why  string `json:"why"`
}

type docJSON struct {
	Doc      string        `json:"doc"`
	Path     string        `json:"path"`
	Lang     string        `json:"lang"`
	Format   align.Format  `json:"format"`
	Segments []segmentJSON `json:"segments"`
	Skipped  []skipJSON    `json:"skipped"`
}

func runSegments(e *env, args []string) int {
	fs := newFlags(e, "segments", "[--json] [DOC...]", "Lists every segment of the documents (all, or those named) with its ID, its kind and place in the\n"+
		"structure (heading level, list marker and depth, quote, footnote, table cell) and its source line,\n"+
		"and the blocks that yield no segment (code, HTML, rules, front matter) with their lines and why.")
	asJSON := fs.Bool("json", false, "print JSON: a list of {doc, path, lang, format, segments: [{id, kind, line, text, hash, context,\n"+
		"level, marker, depth, quote, note, cell: {table, row, col, header, align}}], skipped: [{line, end, what, why}]}")
	names, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	p, code := e.load("segments")
	if p == nil {
		return code
	}
	docs, err := selectDocs(p, names)
	if err != nil {
		return e.fail("segments", err)
	}
	if *asJSON {
		out := make([]docJSON, 0, len(docs))
		for _, d := range docs {
			dj := docJSON{Doc: d.Name, Path: d.Path, Lang: d.Lang, Format: d.Format,
				Segments: make([]segmentJSON, 0, len(d.Segments)), Skipped: make([]skipJSON, 0, len(d.Skipped))}
			for _, s := range d.Segments {
				sj := segmentJSON{ID: s.ID, Kind: s.Kind, Line: s.Line, Text: s.Text, Hash: s.Hash, Context: s.Context(),
					Level: s.Level, Marker: s.Marker, Depth: s.Depth, Quote: s.Quote, Note: s.Note}
				if c := s.Cell; c != nil {
					sj.Cell = &cellJSON{c.Table, c.Row, c.Col, c.Header, c.Align}
				}
				dj.Segments = append(dj.Segments, sj)
			}
			for _, k := range d.Skipped {
				dj.Skipped = append(dj.Skipped, skipJSON{k.Line, k.End, k.What, k.Why})
			}
			out = append(out, dj)
		}
		if err := writeJSON(e.stdout, out); err != nil {
			return e.fail("segments", err)
		}
		return ExitOK
	}
	for _, d := range docs {
		// Segments and skipped blocks in source order.
		k := 0
		for _, s := range d.Segments {
			for ; k < len(d.Skipped) && d.Skipped[k].Line <= s.Line; k++ {
				printSkip(e, d.Path, d.Skipped[k])
			}
			fmt.Fprintf(e.stdout, "%s:%d\t%s\t%-9s\t%s\n", d.Path, s.Line, s.ID, s.Context(), excerpt(s.Text, 60))
		}
		for ; k < len(d.Skipped); k++ {
			printSkip(e, d.Path, d.Skipped[k])
		}
	}
	return ExitOK
}

// printSkip prints a skipped block as a line of verso segments: no ID, the
// word skipped, what the block is, its lines and why.
func printSkip(e *env, path string, k align.Skip) {
	lines := fmt.Sprintf("line %d", k.Line)
	if k.End > k.Line {
		lines = fmt.Sprintf("lines %d-%d", k.Line, k.End)
	}
	fmt.Fprintf(e.stdout, "%s:%d\t-\tskipped  \t%s (%s): %s\n", path, k.Line, k.What, lines, k.Why)
}
