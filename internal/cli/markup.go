package cli

import (
	"runtime"
	"sync"

	"verso/align"
)

// markupDiffs compares the markup of every translated item of a coverage
// with its source's (align.Document.MarkupDiff), spread over the
// processors: it reads every translation of a long Markdown document. The
// result is indexed like c.Items; nil where the markup matches, for plain
// text documents and for items that are not translated.
func markupDiffs(c *align.Coverage) [][]string {
	d := c.Doc
	if d.Format != align.FormatMarkdown {
		return nil
	}
	out := make([][]string, len(c.Items))
	workers := min(runtime.GOMAXPROCS(0), 1+len(c.Items)/2000)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(c.Items); i += workers {
				if it := c.Items[i]; it.State == align.Translated {
					out[i] = d.MarkupDiff(d.Segments[it.Index].Text, it.Tr.Text)
				}
			}
		})
	}
	wg.Wait()
	return out
}
