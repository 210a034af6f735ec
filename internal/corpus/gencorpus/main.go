// Command gencorpus writes a verso repository with a generated Chinese
// document for benchmarks: sources/big.txt with N segments, its ID record,
// and a complete translations/big.en.toml.
//
//	go run ./internal/corpus/gencorpus -n 100000 -o /tmp/big
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
	flag.Parse()
	if err := corpusrepo.Write(*out, *n, *edit); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
