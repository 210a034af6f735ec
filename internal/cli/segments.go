package cli

import (
	"context"
	"flag"
	"fmt"

	"verso/align"
)

func init() {
	register(define(command{name: "segments", synopsis: "[--json] [DOC...]",
		summary: "list the segments of the source documents",
		help: "Lists every segment of the documents (all, or those named) with its ID, its kind and place in the\n" +
			"structure (heading level, list marker and depth, quote, footnote, table cell) and its source line,\n" +
			"and the blocks that yield no segment (code, HTML, rules, front matter) with their lines and why."},
		func(o *segmentsOptions, fs *flag.FlagSet) {
			fs.BoolVar(&o.json, "json", false, "print JSON: a list of {doc, path, lang, format, segments: [{id, kind, line, text, hash, context,\n"+
				"level, marker, depth, quote, note, cell: {table, row, col, header, align}}], skipped: [{line, end, what, why}]}")
		}, runSegments))
}

// segmentsOptions are the flags and arguments of verso segments.
type segmentsOptions struct {
	operands // the documents (default all)
	json     bool
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

func runSegments(ctx context.Context, e *env, o *segmentsOptions) error {
	p, err := e.openAll(openOptions{sourcesOnly: true})
	if err != nil {
		return err
	}
	docs, err := selectDocs(p, o.args)
	if err != nil {
		return err
	}
	if o.json {
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
		return writeJSON(e.stdout, out)
	}
	for _, d := range docs {
		// Segments and skipped blocks in source order.
		k := 0
		for _, s := range d.Segments {
			for ; k < len(d.Skipped) && d.Skipped[k].Line <= s.Line; k++ {
				printSkip(e, d.Path, d.Skipped[k])
			}
			fmt.Fprintf(e.stdout, "%s:%d\t%s\t%-9s\t%s\n", d.Path, s.Line, s.ID, s.Context(), align.Excerpt(s.Text, 60))
		}
		for ; k < len(d.Skipped); k++ {
			printSkip(e, d.Path, d.Skipped[k])
		}
	}
	return nil
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
