package align

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestOutline(t *testing.T) {
	src := "# Title\n\nintro\n\n## A\n\na\n\n#### A.1 (jump)\n\nx\n\n### A.2\n\n## B\n\nb\n\n# C\n"
	doc, err := Parse("o.md", "en", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var dump func(ns []OutlineNode, depth int) string
	dump = func(ns []OutlineNode, depth int) string {
		var b strings.Builder
		for _, n := range ns {
			fmt.Fprintf(&b, "%s%s [%d,%d)\n", strings.Repeat("  ", depth), doc.Segments[n.Heading].Text, n.Start, n.End)
			b.WriteString(dump(n.Children, depth+1))
		}
		return b.String()
	}
	want := "A [2,7)\n  A.1 (jump) [4,6)\n  A.2 [6,7)\nB [7,9)\nC [9,10)\n"
	if got := dump(doc.Outline(), 0); got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
	if got, want := doc.Parents(), []int{-1, -1, -1, 2, 2, 4, 2, -1, 7, -1}; !reflect.DeepEqual(got, want) {
		t.Errorf("parents %v, want %v", got, want)
	}
	// Sections keep splitting at every heading.
	if n := len(doc.Sections()); n != 6 {
		t.Errorf("%d sections, want front matter and 5", n)
	}
	if seed := parseSeed(t); len(seed.Outline()) != 6 {
		t.Errorf("seed outline has %d top-level nodes, want the 6 statements", len(seed.Outline()))
	}
}

func TestContext(t *testing.T) {
	doc, err := Parse("c.md", "en", []byte(structuredMarkdown))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range doc.Segments {
		got = append(got, s.Context())
	}
	want := []string{"title", "heading 2", "paragraph", "item 1.", "item - (depth 2)", "item - [x] (depth 2)",
		"paragraph (depth 2)", "item 3)", "paragraph (quote)", "paragraph (quote 2)",
		"table 1, row 1, column 1, header", "table 1, row 1, column 2, header", "table 1, row 2, column 1", "table 1, row 2, column 2",
		"footnote 1", "footnote 1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTitleWithoutMarkup(t *testing.T) {
	doc, err := Parse("t.md", "en", []byte("# The *Shanghai* `SCO` [Charter](https://x.org)\n\ntext\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Title(); got != "The Shanghai SCO Charter" {
		t.Errorf("title %q", got)
	}
	if seed := parseSeed(t); seed.Title() != "上海合作组织成员国元首理事会系列声明" {
		t.Errorf("seed title %q", seed.Title())
	}
}
