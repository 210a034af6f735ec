// Command gencorpus writes a verso repository with a generated Chinese
// document for benchmarks: sources/big.txt with N segments (or, with -md,
// sources/big.md, Markdown with heading levels, lists, tables, footnotes
// and inline markup), its ID record, and a complete translations/big.en.toml.
//
//	go run ./internal/corpus/gencorpus -n 100000 -o /tmp/big
//	go run ./internal/corpus/gencorpus -md -n 100000 -o /tmp/bigmd
//
// Other shapes, for the scale cases of issue 10:
//
//	gencorpus -n 200000 -repeated -o /tmp/rep      every 10th segment the same date line
//	gencorpus -n 20 -docs 1000 -locales 5 -o /tmp/many
//	gencorpus -n 20 -huge 50000000 -o /tmp/huge    one 50 MB paragraph
//	gencorpus -add-repeats 10000 -o /tmp/rep       add 10,000 date lines to sources/big.txt
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"verso/internal/corpus"

	"verso/internal/corpus/corpusrepo"
)

func main() {
	n := flag.Int("n", 100000, "number of segments")
	out := flag.String("o", "bigrepo", "repository directory to write")
	edit := flag.Bool("edit", false, "edit 1% of the paragraphs after writing the record (run verso sync to carry the IDs)")
	md := flag.Bool("md", false, "write a Markdown document instead of plain text")
	repeated := flag.Bool("repeated", false, "make every tenth segment the same date line")
	docs := flag.Int("docs", 1, "number of documents")
	locales := flag.Int("locales", 1, "number of complete locales (en, ru, fr, de, es, …)")
	huge := flag.Int("huge", 0, "add one paragraph of this many bytes")
	addRepeats := flag.Int("add-repeats", 0, "add this many date lines to the existing sources/big.txt in -o and exit")
	flag.Parse()
	var err error
	switch {
	case *addRepeats > 0:
		err = addLines(*out, *addRepeats)
	case *md:
		err = corpusrepo.WriteMarkdown(*out, *n)
	case *repeated || *docs > 1 || *locales > 1 || *huge > 0:
		err = corpusrepo.WriteShape(*out, corpusrepo.Shape{Segments: *n, Docs: *docs, Locales: *locales, Repeated: *repeated, HugeParagraph: *huge})
	default:
		err = corpusrepo.Write(*out, *n, *edit)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

// addLines adds date lines to dir/sources/big.txt.
func addLines(dir string, k int) error {
	p := filepath.Join(dir, "sources", "big.txt")
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	return os.WriteFile(p, corpus.AddRepeats(src, k), 0o644)
}
