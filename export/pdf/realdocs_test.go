package pdf

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"verso/align"
	"verso/internal/corpus/realdocs"
)

// pseudo is a complete pseudo-translation that keeps its source's markup:
// the text between guillemets.
func pseudo(text string) string { return "«" + text + "»" }

// TestRealDocsPublish publishes each real document of the corpus
// (internal/corpus/realdocs) with a complete pseudo-translation and reads
// the PDF back: every character of every segment is in its column in
// order (a wide table's cells, set across the width, anywhere), no
// Markdown syntax is printed that the segments' texts do not hold, and the
// bookmark tree is the heading tree.
func TestRealDocsPublish(t *testing.T) {
	needPoppler(t)
	for _, d := range realdocs.All() {
		t.Run(d.Name, func(t *testing.T) {
			src, err := os.ReadFile(d.Path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := align.Parse("sources/"+d.Name+".md", d.Lang, src)
			if err != nil {
				t.Fatal(err)
			}
			var trs []align.Translation
			for i := range doc.Segments {
				s := &doc.Segments[i]
				s.ID = fmt.Sprintf("r%05d", i)
				trs = append(trs, align.Translation{ID: s.ID, Hash: s.Hash, Text: pseudo(s.Text)})
			}
			locale := "fr"
			if isCJKLang(d.Lang) {
				locale = "en"
			}
			cov := align.Assess(doc, locale, trs)
			data, _, ed := write(t, cov, Options{})
			file := save(t, data)
			checkOrder(t, file, ed)

			// Syntax: no more ** ~~ ` ]( [^ in the PDF than in the printed
			// texts (a code span may show Markdown).
			var printed strings.Builder
			for _, u := range ed.units() {
				printed.WriteString(plainOf(ed, u.seg, u.seg.Text) + "\n" + plainOf(ed, u.seg, u.tr) + "\n")
			}
			text := allText(t, file)
			for _, tok := range []string{"**", "~~", "`", "](", "[^", "<br", "&amp;", "&nbsp;"} {
				if got, want := strings.Count(text, tok), strings.Count(printed.String(), tok); got > want {
					t.Errorf("%q printed %d times, the texts have it %d times", tok, got, want)
				}
			}
			if got, want := readOutline(t, file).String(), bmp(headingTree(ed).String()); got != want {
				t.Errorf("bookmarks:\n%s\nwant the heading tree:\n%s", got, want)
			}
		})
	}
}
