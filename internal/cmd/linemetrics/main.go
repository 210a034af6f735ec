// Command linemetrics prints the line metrics (see package
// verso/internal/linemetrics) of bilingual PDFs as a Markdown table, one
// row per file; with -v also examples of what is out of bounds.
//
// Usage: go run ./internal/cmd/linemetrics [-v] FILE.pdf...
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"verso/internal/linemetrics"
)

func main() {
	verbose := flag.Bool("v", false, "also print examples of the lines out of bounds")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: linemetrics [-v] FILE.pdf...")
		os.Exit(2)
	}
	fmt.Println("| file | " + strings.Join(linemetrics.Header, " | ") + " |")
	fmt.Println("|" + strings.Repeat(" --- |", len(linemetrics.Header)+1))
	status := 0
	for _, f := range flag.Args() {
		d, err := linemetrics.Read(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "linemetrics:", err)
			status = 2
			continue
		}
		r := linemetrics.Measure(d)
		fmt.Println("| " + filepath.Base(f) + " | " + strings.Join(r.Row(), " | ") + " |")
		if *verbose {
			for _, ex := range [][]string{r.JunctionOutExamples, r.PunctOverExamples, r.LetterSpacedExamples, r.PairOffsetExamples, r.WordSpaceExamples, r.RaggedExamples, r.OverfullExamples} {
				for _, e := range ex {
					fmt.Fprintln(os.Stderr, "  ", filepath.Base(f)+":", e)
				}
			}
		}
	}
	os.Exit(status)
}
