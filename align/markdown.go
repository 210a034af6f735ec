package align

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// blockParser parses the block structure of Markdown documents:
// CommonMark with GitHub's tables and footnote definitions. It runs no
// inline parser: a segment's Text is its source as written, and inline
// markup is read on demand by ParseInline, so parsing a long document
// costs only its blocks (goldmark's footnote reference parser alone looks
// every reference up among all definitions). Task list boxes are read from
// the item's text, and the footnote extension's AST transformer is left
// out: it drops definitions nobody references and renumbers the rest,
// and verso wants every definition, in source order, with its label.
var blockParser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(append(parser.DefaultBlockParsers(),
			util.Prioritized(extension.NewFootnoteBlockParser(), 999))...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
			util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
	)
})

// mdWalker turns a goldmark tree into segments and skips.
type mdWalker struct {
	src        []byte
	lineStarts []int
	segs       []Segment
	offs       []int // source offset of each segment, to restore source order
	skipped    []Skip
	tables     int
	links      map[string]string
}

// mdContext is what a block inherits from the blocks around it.
type mdContext struct {
	depth  int    // list nesting
	quote  int    // block-quote nesting
	note   string // footnote label when inside a definition
	marker string // the marker of the list item whose first block this is
	item   bool   // the block is the first of a list item
	inItem bool   // the block is inside a list item
}

// segmentMarkdown parses Markdown with goldmark and returns its segments
// and the blocks it skipped, in source order.
func segmentMarkdown(src []byte) ([]Segment, []Skip, map[string]string) {
	w := &mdWalker{src: src, lineStarts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			w.lineStarts = append(w.lineStarts, i+1)
		}
	}
	if end := frontMatterEnd(src); end > 0 {
		w.skipped = append(w.skipped, Skip{Line: 1, End: w.lineOf(end - 1), What: "front matter", Why: "metadata for tools, not text"})
		blanked := slices.Clone(src)
		for i := range end {
			if blanked[i] != '\n' {
				blanked[i] = ' '
			}
		}
		src = blanked
		w.src = src
	}
	root := blockParser().Parse(text.NewReader(src))
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, mdContext{})
	}
	// Footnote definitions are gathered where the first one stands: put
	// every segment back at its place in the source.
	idx := make([]int, len(w.segs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return w.offs[idx[a]] < w.offs[idx[b]] })
	segs := make([]Segment, len(w.segs))
	for i, j := range idx {
		segs[i] = w.segs[j]
	}
	sort.SliceStable(w.skipped, func(a, b int) bool { return w.skipped[a].Line < w.skipped[b].Line })
	return segs, w.skipped, w.links
}

var frontMatterRE = regexp.MustCompile(`\A(?:---|\+\+\+)[ \t]*\n`)

// frontMatterEnd returns the length of a YAML (---) or TOML (+++) front
// matter block that opens src, or 0 when there is none.
func frontMatterEnd(src []byte) int {
	m := frontMatterRE.Find(src)
	if m == nil {
		return 0
	}
	fence := m[:3]
	for off := len(m); off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		next := len(src)
		if end >= 0 {
			line, next = src[off:off+end], off+end+1
		}
		t := bytes.TrimRight(line, " \t")
		if bytes.Equal(t, fence) || (fence[0] == '-' && bytes.Equal(t, []byte("..."))) {
			return next
		}
		off = next
	}
	return 0
}

func (w *mdWalker) lineOf(off int) int {
	return sort.Search(len(w.lineStarts), func(i int) bool { return w.lineStarts[i] > off })
}

// pos returns the source offset where a block starts.
func (w *mdWalker) pos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if p := w.pos(c); p >= 0 {
			return p
		}
	}
	return -1
}

func (w *mdWalker) skip(n ast.Node, what, why string) {
	line := 1
	if p := w.pos(n); p >= 0 {
		line = w.lineOf(p)
	}
	end := line
	if l := n.Lines(); l != nil && l.Len() > 0 {
		last := l.At(l.Len() - 1)
		end = max(end, w.lineOf(max(last.Start, last.Stop-1)))
	}
	if _, ok := n.(*ast.FencedCodeBlock); ok && end < len(w.lineStarts) {
		// The closing fence is not among the block's lines.
		next := w.src[w.lineStarts[end]:]
		if l := bytes.IndexByte(next, '\n'); l >= 0 {
			next = next[:l]
		}
		if t := bytes.TrimLeft(next, " \t>"); bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			end++
		}
	}
	w.skipped = append(w.skipped, Skip{Line: line, End: end, What: what, Why: why})
}

// text returns a block's lines as written, trimmed, without blank lines.
func (w *mdWalker) text(n ast.Node) (string, int) {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return "", -1
	}
	var b strings.Builder
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(w.src))
	}
	t := trim(b.String())
	if t == "" {
		return "", -1
	}
	if strings.Contains(t, "\n\n") {
		t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return r == '\n' }), "\n")
	}
	return t, lines.At(0).Start
}

func (w *mdWalker) add(s Segment, off int) {
	s.Line = w.lineOf(off)
	w.segs = append(w.segs, s)
	w.offs = append(w.offs, off)
}

// taskRE matches the box of a task list item (GitHub's task lists): the
// first thing of the item's first paragraph, followed by white space.
var taskRE = regexp.MustCompile(`^\[[ xX]\][ \t]+`)

// block segments one block node and its children.
func (w *mdWalker) block(n ast.Node, c mdContext) {
	switch n := n.(type) {
	case *ast.Heading:
		t, off := w.text(n)
		if t == "" {
			w.skip(n, "empty heading", "it has no text")
			return
		}
		s := Segment{Kind: KindHeading, Level: n.Level, Text: t, Depth: c.depth, Quote: c.quote, Note: c.note}
		if len(w.segs) == 0 && n.Level == 1 && n.PreviousSibling() == nil && n.Parent().Kind() == ast.KindDocument {
			s.Kind, s.Level = KindTitle, 0
		}
		w.add(s, off)
	case *ast.Paragraph, *ast.TextBlock:
		t, off := w.text(n)
		if t == "" {
			return
		}
		s := Segment{Kind: KindParagraph, Text: t, Depth: c.depth, Quote: c.quote, Note: c.note}
		switch {
		case c.item:
			s.Kind, s.Marker = KindItem, c.marker
			if m := taskRE.FindString(t); m != "" {
				s.Marker += " " + strings.TrimRight(m, " \t")
				s.Text = t[len(m):]
				off += len(m)
			}
		case c.inItem:
			// A later paragraph of an item: a paragraph at the item's depth.
		case c.note != "":
			s.Kind = KindFootnote
		default:
			switch nt := Normalize(t); {
			case isDate(nt):
				s.Kind = KindDate
			case isNote(nt):
				s.Kind = KindNote
			}
		}
		if s.Text == "" {
			w.skip(n, "empty task list item", "it has no text")
			return
		}
		w.add(s, off)
	case *ast.Blockquote:
		c.quote++
		c.item = false
		w.children(n, c)
	case *ast.List:
		w.children(n, c)
	case *ast.ListItem:
		c.depth++
		c.marker = w.marker(n)
		c.inItem = true
		first := n.FirstChild()
		if first == nil {
			w.skip(n, "empty list item", "it has no text")
			return
		}
		for ch := first; ch != nil; ch = ch.NextSibling() {
			cc := c
			cc.item = ch == first && (ch.Kind() == ast.KindParagraph || ch.Kind() == ast.KindTextBlock)
			if ch == first && !cc.item {
				w.skip(n, "list item marker", "item "+c.marker+" opens with a block that is not a paragraph; the marker is not kept")
			}
			w.block(ch, cc)
		}
	case *east.Footnote:
		c.note = string(n.Ref)
		c.item, c.inItem, c.depth = false, false, 0
		if n.FirstChild() == nil {
			w.skip(n, "empty footnote", "footnote "+c.note+" has no text")
			return
		}
		w.children(n, c)
	case *east.FootnoteList:
		w.children(n, c)
	case *east.Table:
		w.tables++
		row := 0
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			row++
			_, header := r.(*east.TableHeader)
			col := 0
			for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
				col++
				t, off := w.text(cell)
				if t == "" {
					continue
				}
				align := ""
				if tc, ok := cell.(*east.TableCell); ok && tc.Alignment != east.AlignNone {
					align = tc.Alignment.String()
				}
				w.add(Segment{Kind: KindCell, Text: t, Depth: c.depth, Quote: c.quote, Note: c.note,
					Cell: &Cell{Table: w.tables, Row: row, Col: col, Header: header, Align: align}}, off)
			}
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		w.skip(n, "code block", "code is not translated")
	case *ast.HTMLBlock:
		w.skip(n, "HTML block", "raw HTML is not translated")
	case *ast.ThematicBreak:
		w.skip(n, "thematic break", "a rule has no text")
	case *ast.LinkReferenceDefinition:
		key := util.ToLinkReference(n.Label)
		if _, ok := w.links[key]; !ok {
			if w.links == nil {
				w.links = map[string]string{}
			}
			w.links[key] = string(n.Destination)
		}
		w.skip(n, "link reference definition", "a link target, not text")
	default:
		w.skip(n, "unknown block", "verso does not know goldmark's "+n.Kind().String()+" blocks")
	}
}

func (w *mdWalker) children(n ast.Node, c mdContext) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		w.block(ch, c)
	}
}

// marker returns a list item's marker as written: the number and its
// delimiter ("1.", "3)") or the bullet ("-", "*", "+").
func (w *mdWalker) marker(n *ast.ListItem) string {
	list, _ := n.Parent().(*ast.List)
	if list == nil {
		return ""
	}
	if p := n.Pos(); p >= 0 && p < len(w.src) {
		i := p
		for i < len(w.src) && (w.src[i] == ' ' || w.src[i] == '\t') {
			i++
		}
		j := i
		for j < len(w.src) && j-i < 9 && w.src[j] >= '0' && w.src[j] <= '9' {
			j++
		}
		if j < len(w.src) && w.src[j] == list.Marker && (list.IsOrdered() == (j > i)) {
			return string(w.src[i : j+1])
		}
	}
	if !list.IsOrdered() {
		return string(list.Marker)
	}
	k := 0
	for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		k++
	}
	return strconv.Itoa(list.Start+k) + string(list.Marker)
}
