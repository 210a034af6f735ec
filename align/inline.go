package align

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// SpanKind is the kind of an inline span inside a segment's text.
type SpanKind string

// The kinds of inline span.
const (
	SpanStrong      SpanKind = "strong"      // **bold**
	SpanEmphasis    SpanKind = "emphasis"    // *italic*
	SpanStrike      SpanKind = "strike"      // ~~struck~~
	SpanCode        SpanKind = "code"        // `code`
	SpanLink        SpanKind = "link"        // [text](url); Span.URL
	SpanImage       SpanKind = "image"       // ![alt](url); Span.URL, the alt text as its text
	SpanFootnoteRef SpanKind = "footnoteref" // [^label]; Span.Label, no text of its own
	SpanBreak       SpanKind = "break"       // a hard line break, empty
)

// Span is an inline span of a segment's [Inline] text: a byte range of
// Plain with a kind. Spans nest (a link inside strong text) and are listed
// in order of their start, outer before inner.
type Span struct {
	Kind       SpanKind
	Start, End int    // byte range in Inline.Plain
	URL        string // link target (SpanLink, SpanImage)
	Label      string // footnote label (SpanFootnoteRef)
}

// Inline is a segment's text with its inline markup read: the text as it
// prints, without syntax, and the spans over it.
//
// Plain keeps the text's line breaks as line feeds (a soft break in the
// source, which [Normalize] folds, and a hard break, which is also marked by
// an empty [SpanBreak] just before its line feed). Backslash escapes and
// character references are resolved; raw inline HTML tags are dropped (an
// HTML line break counts as a hard break) and the text between them is
// kept.
type Inline struct {
	Plain string
	Spans []Span
}

// ParseInline reads the inline markup of a segment's text (or of a
// translation of it, which carries the same syntax) in the document's
// format. Plain text has no inline markup: its text prints as written.
//
// Markdown is read by goldmark's inline parser with GitHub's strikethrough
// and autolinks; the text is read as inline content only, so a heading's
// text such as "1. Scope" is not taken for a list. Footnote references
// ([^label]) are spans whether or not the definition is at hand. Reference
// links ([text][label]) need the document's definitions: use
// [Document.Inline].
func ParseInline(f Format, text string) Inline {
	return parseInline(f, text, nil)
}

// Inline reads the inline markup of a text of this document (a segment's,
// or a translation's) like [ParseInline], resolving reference links by the
// document's link reference definitions.
func (d *Document) Inline(text string) Inline {
	return parseInline(d.Format, text, d.Links)
}

// inlineParser reads Markdown as a sequence of paragraphs: no other block
// parser, no paragraph transformer (so no link reference definitions and no
// tables), every inline parser verso knows.
var inlineParser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
		parser.WithInlineParsers(append(parser.DefaultInlineParsers(),
			util.Prioritized(footnoteRefParser{}, 101),
			util.Prioritized(extension.NewStrikethroughParser(), 500),
			util.Prioritized(extension.NewLinkifyParser(), 999),
		)...),
	)
})

// kindFootnoteRef is the node kind of a footnote reference read without
// its definition.
var kindFootnoteRef = ast.NewNodeKind("VersoFootnoteRef")

type footnoteRefNode struct {
	ast.BaseInline
	label string
}

func (n *footnoteRefNode) Kind() ast.NodeKind { return kindFootnoteRef }

func (n *footnoteRefNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.label}, nil)
}

// footnoteRefParser reads [^label] as a footnote reference, whether or not
// the label is defined: a segment's text is read apart from the document.
type footnoteRefParser struct{}

func (footnoteRefParser) Trigger() []byte { return []byte{'['} }

func (footnoteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 4 || line[1] != '^' {
		return nil
	}
	end := bytes.IndexByte(line, ']')
	if end < 3 {
		return nil
	}
	label := line[2:end]
	if bytes.ContainsAny(label, " \t\n[") {
		return nil
	}
	block.Advance(end + 1)
	return &footnoteRefNode{label: string(label)}
}

func parseInline(f Format, s string, refs map[string]string) Inline {
	if f != FormatMarkdown || !hasMarkup(s) {
		return Inline{Plain: s}
	}
	src := []byte(s)
	root := parseInlineTree(src, refs)
	r := inlineReader{src: src}
	for p := root.FirstChild(); p != nil; p = p.NextSibling() {
		if p != root.FirstChild() {
			r.plain = append(r.plain, '\n', '\n')
		}
		r.children(p)
	}
	return Inline{Plain: string(r.plain), Spans: r.spans}
}

// parseInlineTree parses Markdown inline content with the reference
// definitions given.
func parseInlineTree(src []byte, refs map[string]string) ast.Node {
	var opts []parser.ParseOption
	if len(refs) > 0 {
		pc := parser.NewContext()
		for label, dest := range refs {
			pc.AddReference(parser.NewReference([]byte(label), []byte(dest), nil))
		}
		opts = append(opts, parser.WithContext(pc))
	}
	return inlineParser().Parse(text.NewReader(src), opts...)
}

// hasMarkup reports whether s may hold Markdown inline syntax: text
// without any of the characters that open it prints as written.
func hasMarkup(s string) bool {
	return strings.ContainsAny(s, "*_~`[]<>!&\\\n") || strings.Contains(s, "://") || strings.Contains(s, "www.") || strings.Contains(s, "@")
}

// hasKeptMarkup reports whether s may hold markup a translation keeps:
// links and images ([, <, bare URLs and e-mail addresses), code spans
// and footnote references. Emphasis, escapes and line breaks alone never
// make one.
func hasKeptMarkup(s string) bool {
	return strings.ContainsAny(s, "`[<@") || strings.Contains(s, "://") || strings.Contains(s, "www.")
}

type inlineReader struct {
	src   []byte
	plain []byte
	spans []Span
}

func (r *inlineReader) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.node(c)
	}
}

// open starts a span at the current end of Plain and returns its index.
func (r *inlineReader) open(k SpanKind) int {
	r.spans = append(r.spans, Span{Kind: k, Start: len(r.plain)})
	return len(r.spans) - 1
}

func (r *inlineReader) close(i int) { r.spans[i].End = len(r.plain) }

func (r *inlineReader) text(v []byte) {
	if bytes.ContainsAny(v, "\\&\x00") {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
		v = bytes.ReplaceAll(v, []byte{0}, []byte("\ufffd"))
	}
	r.plain = append(r.plain, v...)
}

func (r *inlineReader) hardBreak() {
	r.close(r.open(SpanBreak))
	r.plain = append(r.plain, '\n')
}

func (r *inlineReader) node(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		seg := n.Segment
		if n.IsRaw() {
			r.plain = append(r.plain, seg.Value(r.src)...)
		} else {
			r.text(seg.Value(r.src))
		}
		switch {
		case n.HardLineBreak():
			r.hardBreak()
		case n.SoftLineBreak():
			r.plain = append(r.plain, '\n')
		}
	case *ast.String:
		if n.IsRaw() || n.IsCode() {
			r.plain = append(r.plain, n.Value...)
		} else {
			r.text(n.Value)
		}
	case *ast.CodeSpan:
		i := r.open(SpanCode)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(r.src)
				r.plain = append(r.plain, bytes.ReplaceAll(v, []byte{'\n'}, []byte{' '})...)
			case *ast.String:
				r.plain = append(r.plain, c.Value...)
			}
		}
		r.close(i)
	case *ast.Emphasis:
		k := SpanEmphasis
		if n.Level >= 2 {
			k = SpanStrong
		}
		i := r.open(k)
		r.children(n)
		r.close(i)
	case *east.Strikethrough:
		i := r.open(SpanStrike)
		r.children(n)
		r.close(i)
	case *ast.Link:
		i := r.open(SpanLink)
		r.spans[i].URL = string(n.Destination)
		r.children(n)
		r.close(i)
	case *ast.Image:
		i := r.open(SpanImage)
		r.spans[i].URL = string(n.Destination)
		r.children(n)
		r.close(i)
	case *ast.AutoLink:
		i := r.open(SpanLink)
		r.spans[i].URL = string(n.URL(r.src))
		r.plain = append(r.plain, n.Label(r.src)...)
		r.close(i)
	case *footnoteRefNode:
		i := r.open(SpanFootnoteRef)
		r.spans[i].Label = n.label
		r.close(i)
	case *ast.RawHTML:
		var b []byte
		for j := range n.Segments.Len() {
			seg := n.Segments.At(j)
			b = append(b, seg.Value(r.src)...)
		}
		if isBreakTag(b) {
			r.hardBreak()
		}
	default:
		r.children(n)
	}
}

// isBreakTag reports whether raw HTML is a line break tag: <br>, <br/>,
// <br />.
func isBreakTag(b []byte) bool {
	t := strings.ToLower(strings.Join(strings.Fields(string(b)), ""))
	return t == "<br>" || t == "<br/>"
}

// MarkupDiff compares the markup a translation must carry over from its
// source: link and image targets, code spans (their contents are code, not
// text) and footnote references, each as a multiset. It returns one
// sentence per difference, in a stable order, or nil when they match.
// Plain text has no markup and never differs.
func MarkupDiff(f Format, src, tr string) []string {
	return markupDiff(f, src, tr, nil)
}

// MarkupDiff is [MarkupDiff] with reference links resolved by the
// document's definitions.
func (d *Document) MarkupDiff(src, tr string) []string {
	return markupDiff(d.Format, src, tr, d.Links)
}

func markupDiff(f Format, src, tr string, refs map[string]string) []string {
	if f != FormatMarkdown || (!hasKeptMarkup(src) && !hasKeptMarkup(tr)) {
		return nil
	}
	a, b := markupCounts(src, refs), markupCounts(tr, refs)
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		if a[k] != b[k] {
			out = append(out, fmt.Sprintf("%s: %d in the source, %d in the translation", k, a[k], b[k]))
		}
	}
	return out
}

// markupCounts counts the markup of a Markdown text that a translation
// keeps: link and image targets, code spans and footnote references. It
// walks the inline tree without building the plain text.
func markupCounts(s string, refs map[string]string) map[string]int {
	m := map[string]int{}
	if !hasKeptMarkup(s) {
		return m
	}
	src := []byte(s)
	_ = ast.Walk(parseInlineTree(src, refs), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			m["link "+string(n.Destination)]++
		case *ast.Image:
			m["image "+string(n.Destination)]++
		case *ast.AutoLink:
			m["link "+string(n.URL(src))]++
		case *footnoteRefNode:
			m["footnote reference [^"+n.label+"]"]++
		case *ast.CodeSpan:
			var b []byte
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				switch c := c.(type) {
				case *ast.Text:
					b = append(b, bytes.ReplaceAll(c.Segment.Value(src), []byte{'\n'}, []byte{' '})...)
				case *ast.String:
					b = append(b, c.Value...)
				}
			}
			m["code `"+string(b)+"`"]++
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return m
}
