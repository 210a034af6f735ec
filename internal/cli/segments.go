package cli

import (
	"fmt"

	"verso/align"
)

func init() {
	register(command{"segments", "list the segments of the source documents", runSegments})
}

type segmentJSON struct {
	ID   string     `json:"id"`
	Kind align.Kind `json:"kind"`
	Line int        `json:"line"`
	Text string     `json:"text"`
	Hash string     `json:"hash"`
}

type docJSON struct {
	Doc      string        `json:"doc"`
	Path     string        `json:"path"`
	Lang     string        `json:"lang"`
	Segments []segmentJSON `json:"segments"`
}

func runSegments(e *env, args []string) int {
	fs := newFlags(e, "segments", "[--json] [DOC...]", "Lists every segment of the documents (all, or those named) with its ID, kind and source line.")
	asJSON := fs.Bool("json", false, "print JSON: a list of {doc, path, lang, segments: [{id, kind, line, text, hash}]}")
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
			dj := docJSON{Doc: d.Name, Path: d.Path, Lang: d.Lang, Segments: make([]segmentJSON, 0, len(d.Segments))}
			for _, s := range d.Segments {
				dj.Segments = append(dj.Segments, segmentJSON{s.ID, s.Kind, s.Line, s.Text, s.Hash})
			}
			out = append(out, dj)
		}
		if err := writeJSON(e.stdout, out); err != nil {
			return e.fail("segments", err)
		}
		return ExitOK
	}
	for _, d := range docs {
		for _, s := range d.Segments {
			fmt.Fprintf(e.stdout, "%s:%d\t%s\t%-9s\t%s\n", d.Path, s.Line, s.ID, s.Kind, excerpt(s.Text, 60))
		}
	}
	return ExitOK
}
