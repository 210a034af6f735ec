package align

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// segmentMarkdown parses CommonMark with goldmark and returns its segments.
func segmentMarkdown(src []byte) []Segment {
	root := goldmark.New().Parser().Parse(text.NewReader(src))
	var lineStarts []int
	lineStarts = append(lineStarts, 0)
	for i, c := range src {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	lineOf := func(off int) int {
		return sort.Search(len(lineStarts), func(i int) bool { return lineStarts[i] > off })
	}
	var segs []Segment
	add := func(n ast.Node, kind Kind) {
		lines := n.Lines()
		if lines.Len() == 0 {
			return
		}
		parts := make([]string, lines.Len())
		for i := range lines.Len() {
			seg := lines.At(i)
			parts[i] = string(seg.Value(src))
		}
		t := trim(strings.Join(parts, ""))
		if t == "" {
			return
		}
		t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return r == '\n' }), "\n")
		segs = append(segs, Segment{Kind: kind, Line: lineOf(lines.At(0).Start), Text: t})
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading:
			kind := KindHeading
			if len(segs) == 0 && n.(*ast.Heading).Level == 1 && n.PreviousSibling() == nil {
				kind = KindTitle
			}
			add(n, kind)
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock:
			kind := KindItem
			if n.Parent() == nil || n.Parent().Kind() != ast.KindListItem {
				kind = KindParagraph
				lines := n.Lines()
				if lines.Len() > 0 {
					first := lines.At(0).Start
					last := lines.At(lines.Len() - 1).Stop
					switch t := Normalize(string(src[first:last])); {
					case isDate(t):
						kind = KindDate
					case isNote(t):
						kind = KindNote
					}
				}
			}
			add(n, kind)
			return ast.WalkSkipChildren, nil
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock, ast.KindThematicBreak:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return segs
}
