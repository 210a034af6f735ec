// Command gencorpus writes a verso repository with a generated Chinese
// document for benchmarks: sources/big.txt with N segments, its ID record,
// and a complete translations/big.en.toml.
//
//	go run ./internal/corpus/gencorpus -n 100000 -o /tmp/bigrepo
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"verso/align"
	"verso/align/msgfile"
	"verso/internal/corpus"
	"verso/internal/project"
)

func main() {
	n := flag.Int("n", 100000, "number of segments")
	out := flag.String("o", "bigrepo", "repository directory to write")
	edit := flag.Bool("edit", false, "after writing, edit 1% of the paragraphs of the source (run verso sync to carry IDs)")
	flag.Parse()
	if err := run(*n, *out, *edit); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(n int, out string, edit bool) error {
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
	files := []project.File{
		{Path: "verso.toml", Data: []byte("locales = [\"en\"]\nrequired = [\"en\"]\n")},
		{Path: "sources/big.txt", Data: src},
		{Path: "sources/big.ids", Data: rec.Marshal("sources/big.txt")},
		{Path: "translations/" + msgfile.Name("big", "en"), Data: msgfile.Marshal("", trs)},
	}
	if err := os.MkdirAll(filepath.Join(out, "sources"), 0o755); err != nil {
		return err
	}
	return project.WriteFiles(out, files)
}
