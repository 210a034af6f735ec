// Package corpusrepo writes whole verso repositories around generated
// documents, for benchmarks and load tests.
package corpusrepo

import (
	"fmt"
	"strings"

	"verso/align"
	"verso/align/msgfile"
	"verso/internal/corpus"
	"verso/internal/project"
)

// Write writes into dir a repository with sources/big.txt of n generated
// segments, its ID record, and a complete English translation. With edit,
// the source is then edited (1% of the paragraphs), leaving the record out
// of date.
func Write(dir string, n int, edit bool) error {
	src := corpus.Text(n, 1)
	doc, err := align.Parse("sources/big.txt", "zh", src)
	if err != nil {
		return err
	}
	rec, _ := align.Sync(doc, nil)
	trs := make([]align.Translation, len(doc.Segments))
	for i, s := range doc.Segments {
		trs[i] = align.Translation{ID: s.ID, Hash: s.Hash, Text: fmt.Sprintf("Translation of segment %d.", i+1)}
	}
	if edit {
		src = corpus.Edit(src)
	}
	return project.WriteFiles(dir, []project.File{
		{Path: "verso.toml", Data: []byte("locales = [\"en\"]\nrequired = [\"en\"]\n")},
		{Path: "sources/big.txt", Data: src},
		{Path: "sources/big.ids", Data: rec.Marshal("sources/big.txt")},
		{Path: "translations/" + msgfile.Name("big", "en"), Data: msgfile.Marshal("", trs)},
	})
}

// WriteMarkdown writes into dir a repository with sources/big.md, a
// generated Markdown document of about n segments with heading levels,
// lists, quotes, tables, footnotes and inline markup, its ID record, and a
// complete English translation that carries each segment's markup.
func WriteMarkdown(dir string, n int) error {
	src := corpus.Markdown(n, 1)
	doc, err := align.Parse("sources/big.md", "zh", src)
	if err != nil {
		return err
	}
	rec, _ := align.Sync(doc, nil)
	trs := make([]align.Translation, len(doc.Segments))
	for i, s := range doc.Segments {
		trs[i] = align.Translation{ID: s.ID, Hash: s.Hash, Text: fmt.Sprintf("Translation %d: %s", i+1, s.Text)}
	}
	return project.WriteFiles(dir, []project.File{
		{Path: "verso.toml", Data: []byte("locales = [\"en\"]\nrequired = [\"en\"]\n")},
		{Path: "sources/big.md", Data: src},
		{Path: "sources/big.ids", Data: rec.Marshal("sources/big.md")},
		{Path: "translations/" + msgfile.Name("big", "en"), Data: msgfile.Marshal("", trs)},
	})
}

// Shape is the kind of repository WriteShape generates.
type Shape struct {
	// Segments per document; Docs documents (default 1); Locales complete
	// translations per document (default 1: en).
	Segments, Docs, Locales int
	// Repeated makes every tenth segment the same date line
	// (corpus.Repeated) instead of the seed-like text.
	Repeated bool
	// HugeParagraph, when above 0, adds one paragraph of that many bytes
	// to the first document (a pathological input); above
	// align.MaxSegmentBytes it is added after the record was made.
	HugeParagraph int
}

// WriteShape writes a repository of the given shape into dir: documents
// sources/docNNNN.txt (sources/big.txt when there is one), their ID
// records, and complete translations into the locales en, ru, fr, de, es,
// … as many as asked.
func WriteShape(dir string, sh Shape) error {
	sh.Docs, sh.Locales = max(sh.Docs, 1), max(sh.Locales, 1)
	locales := []string{"en", "ru", "fr", "de", "es", "it", "pt", "ja", "ko", "ar"}[:min(sh.Locales, 10)]
	var quoted []string
	for _, l := range locales {
		quoted = append(quoted, fmt.Sprintf("%q", l))
	}
	files := []project.File{{Path: "verso.toml", Data: []byte(fmt.Sprintf("locales = [%s]\nrequired = [\"en\"]\n", strings.Join(quoted, ", ")))}}
	for i := range sh.Docs {
		name := "big"
		if sh.Docs > 1 {
			name = fmt.Sprintf("doc%04d", i)
		}
		var src []byte
		if sh.Repeated {
			src = corpus.Repeated(sh.Segments, uint64(i+1))
		} else {
			src = corpus.Text(sh.Segments, uint64(i+1))
		}
		path := "sources/" + name + ".txt"
		// A huge paragraph within align.MaxSegmentBytes is numbered and
		// translated; a longer one is only written, as verso refuses it.
		huge := i == 0 && sh.HugeParagraph > 0
		if huge && sh.HugeParagraph <= align.MaxSegmentBytes {
			src = append(append(append(src, '\n'), corpus.Huge(sh.HugeParagraph)...), '\n')
			huge = false
		}
		doc, err := align.Parse(path, "zh", src)
		if err != nil {
			return err
		}
		if huge {
			src = append(append(append(src, '\n'), corpus.Huge(sh.HugeParagraph)...), '\n')
		}
		rec, _ := align.Sync(doc, nil)
		files = append(files, project.File{Path: path, Data: src}, project.File{Path: "sources/" + name + ".ids", Data: rec.Marshal(path)})
		for _, l := range locales {
			trs := make([]align.Translation, len(doc.Segments))
			for j, s := range doc.Segments {
				trs[j] = align.Translation{ID: s.ID, Hash: s.Hash, Text: fmt.Sprintf("Translation %s of segment %d.", l, j+1)}
			}
			files = append(files, project.File{Path: "translations/" + msgfile.Name(name, l), Data: msgfile.Marshal("", trs)})
		}
	}
	return project.WriteFiles(dir, files)
}
