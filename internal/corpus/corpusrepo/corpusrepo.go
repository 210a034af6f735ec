// Package corpusrepo writes whole verso repositories around generated
// documents, for benchmarks and load tests.
package corpusrepo

import (
	"fmt"

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
