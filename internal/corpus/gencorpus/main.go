// Command gencorpus writes a verso repository with a generated Chinese
// document for benchmarks: sources/big.txt with N segments (or, with -md,
// sources/big.md, Markdown with heading levels, lists, tables, footnotes
// and inline markup), its ID record, and a complete translations/big.en.toml.
//
//	go run ./internal/corpus/gencorpus -n 100000 -o /tmp/big
//	go run ./internal/corpus/gencorpus -md -n 100000 -o /tmp/bigmd
package main

import (
	"flag"
	"fmt"
	"os"

	"verso/internal/corpus/corpusrepo"
)

func main() {
	n := flag.Int("n", 100000, "number of segments")
	out := flag.String("o", "bigrepo", "repository directory to write")
	edit := flag.Bool("edit", false, "edit 1% of the paragraphs after writing the record (run verso sync to carry the IDs)")
	md := flag.Bool("md", false, "write a Markdown document instead of plain text")
	flag.Parse()
	write := func() error { return corpusrepo.Write(*out, *n, *edit) }
	if *md {
		write = func() error { return corpusrepo.WriteMarkdown(*out, *n) }
	}
	if err := write(); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
