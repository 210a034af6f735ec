package align

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

const structuredMarkdown = `---
title: front matter
---
# 标题

## 第一章 **总则**

第一段，[链接](https://example.org)
跨两行。[^1]

1. 第一项
   - nested *a*
   - [x] done
     second line

     continuation para
3) other list

> 引文段落。
> > nested quote

| a | b |
|:--|--:|
| 1 | ` + "`2`" + ` |

` + "```go\ncode\n```" + `

<div>html</div>

---

[ref]: https://x.org

[^1]: 脚注内容:本注释说明来源。

    second paragraph of the note

-

#
`

func TestParseMarkdownStructure(t *testing.T) {
	doc, err := Parse("x.md", "zh", []byte(structuredMarkdown))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatMarkdown {
		t.Errorf("format %q", doc.Format)
	}
	type seg struct {
		Line   int
		Kind   Kind
		Level  int
		Marker string
		Depth  int
		Quote  int
		Note   string
		Cell   string
		Text   string
	}
	var got []seg
	for _, s := range doc.Segments {
		c := ""
		if s.Cell != nil {
			c = fmt.Sprintf("%d/%d/%d/%v/%s", s.Cell.Table, s.Cell.Row, s.Cell.Col, s.Cell.Header, s.Cell.Align)
		}
		got = append(got, seg{s.Line, s.Kind, s.Level, s.Marker, s.Depth, s.Quote, s.Note, c, s.Text})
	}
	want := []seg{
		{4, KindTitle, 0, "", 0, 0, "", "", "标题"},
		{6, KindHeading, 2, "", 0, 0, "", "", "第一章 **总则**"},
		{8, KindParagraph, 0, "", 0, 0, "", "", "第一段，[链接](https://example.org)\n跨两行。[^1]"},
		{11, KindItem, 0, "1.", 1, 0, "", "", "第一项"},
		{12, KindItem, 0, "-", 2, 0, "", "", "nested *a*"},
		{13, KindItem, 0, "- [x]", 2, 0, "", "", "done\nsecond line"},
		{16, KindParagraph, 0, "", 2, 0, "", "", "continuation para"},
		{17, KindItem, 0, "3)", 1, 0, "", "", "other list"},
		{19, KindParagraph, 0, "", 0, 1, "", "", "引文段落。"},
		{20, KindParagraph, 0, "", 0, 2, "", "", "nested quote"},
		{22, KindCell, 0, "", 0, 0, "", "1/1/1/true/left", "a"},
		{22, KindCell, 0, "", 0, 0, "", "1/1/2/true/right", "b"},
		{24, KindCell, 0, "", 0, 0, "", "1/2/1/false/left", "1"},
		{24, KindCell, 0, "", 0, 0, "", "1/2/2/false/right", "`2`"},
		{36, KindFootnote, 0, "", 0, 0, "1", "", "脚注内容:本注释说明来源。"},
		{38, KindFootnote, 0, "", 0, 0, "1", "", "second paragraph of the note"},
	}
	if !reflect.DeepEqual(got, want) {
		for _, g := range got {
			t.Logf("%+v", g)
		}
		t.Error("segments differ")
	}
	wantSkips := []Skip{
		{1, 3, "front matter", "metadata for tools, not text"},
		{26, 28, "code block", "code is not translated"},
		{30, 30, "HTML block", "raw HTML is not translated"},
		{32, 32, "thematic break", "a rule has no text"},
		{34, 34, "link reference definition", "a link target, not text"},
		{40, 40, "empty list item", "it has no text"},
		{42, 42, "empty heading", "it has no text"},
	}
	if !reflect.DeepEqual(doc.Skipped, wantSkips) {
		t.Errorf("skipped:\n got %+v\nwant %+v", doc.Skipped, wantSkips)
	}
	if doc.Links["ref"] != "https://x.org" {
		t.Errorf("links %v", doc.Links)
	}
}

// TestMarkdownNodeKinds walks every node kind goldmark and its extensions
// register: each is either produced by verso's parser and then segmented or
// reported as skipped (block kinds) or read by ParseInline (inline kinds),
// or it cannot come out of verso's parser at all. A goldmark upgrade that
// adds a kind fails here until the kind is placed.
func TestMarkdownNodeKinds(t *testing.T) {
	// sample: Markdown that produces the kind; the block kinds are checked to
	// yield a segment or a skip on the sample's line with the node.
	block := map[string]string{
		"Document":                "text\n",
		"TextBlock":               "- item\n",
		"Paragraph":               "text\n",
		"Heading":                 "text\n\n## heading\n",
		"ThematicBreak":           "***\n",
		"CodeBlock":               "    code\n",
		"FencedCodeBlock":         "```\ncode\n```\n",
		"Blockquote":              "> quoted\n",
		"List":                    "1. item\n",
		"ListItem":                "* item\n",
		"HTMLBlock":               "<div>\nx\n</div>\n",
		"LinkReferenceDefinition": "[a]: https://a.org\n",
		"Footnote":                "[^1]: note\n",
		"FootnoteList":            "[^1]: note\n",
		"Table":                   "| a |\n|---|\n| b |\n",
		"TableRow":                "| a |\n|---|\n| b |\n",
		"TableHeader":             "| a |\n|---|\n| b |\n",
		"TableCell":               "| a |\n|---|\n| b |\n",
	}
	inline := map[string]string{
		"Text":             "text",
		"String":           "", // made by the typographer and table transformers only; ParseInline reads it as text
		"CodeSpan":         "`c`",
		"Emphasis":         "*e*",
		"Link":             "[l](u)",
		"Image":            "![i](u)",
		"AutoLink":         "<https://a.org>",
		"RawHTML":          "a<b>b</b>",
		"Strikethrough":    "~~s~~",
		"TaskCheckBox":     "", // only in a list item's first paragraph: the box goes to Segment.Marker
		"FootnoteLink":     "", // verso reads [^label] with its own node, VersoFootnoteRef
		"VersoFootnoteRef": "x[^1]",
	}
	notProduced := map[string]string{
		"Delimiter":             "the inline parser's working state, gone from the finished tree",
		"LinkLabelState":        "the inline parser's working state, gone from the finished tree",
		"FootnoteBacklink":      "made by the footnote transformer, which verso does not run",
		"DefinitionList":        "the definition list extension is not enabled",
		"DefinitionTerm":        "the definition list extension is not enabled",
		"DefinitionDescription": "the definition list extension is not enabled",
	}
	for k := ast.NodeKind(1); ; k++ {
		name, ok := kindName(k)
		if !ok {
			break
		}
		if _, ok := notProduced[name]; ok {
			continue
		}
		if sample, ok := block[name]; ok {
			checkBlockKind(t, name, sample)
			continue
		}
		if sample, ok := inline[name]; ok {
			if sample != "" {
				in := ParseInline(FormatMarkdown, sample)
				if strings.ContainsAny(in.Plain, "*`[]~<>!") || (in.Plain == sample && name != "Text") {
					t.Errorf("%s: ParseInline(%q) left syntax: %q", name, sample, in.Plain)
				}
			}
			continue
		}
		t.Errorf("goldmark node kind %s is neither segmented, skipped nor read inline", name)
	}
}

func kindName(k ast.NodeKind) (name string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return k.String(), true
}

// checkBlockKind parses a sample with verso's block parser and checks that
// every node of the kind starts on a line that has a segment or a skip.
func checkBlockKind(t *testing.T, name, sample string) {
	t.Helper()
	doc, err := Parse("k.md", "en", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	lines := map[int]bool{}
	for _, s := range doc.Segments {
		lines[s.Line] = true
	}
	for _, s := range doc.Skipped {
		lines[s.Line] = true
	}
	root := blockParser().Parse(text.NewReader([]byte(sample)))
	w := &mdWalker{src: []byte(sample), lineStarts: []int{0}}
	for i, c := range sample {
		if c == '\n' {
			w.lineStarts = append(w.lineStarts, i+1)
		}
	}
	found := false
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind().String() == name {
			found = true
			if p := w.pos(n); name != "Document" && (p < 0 || !lines[w.lineOf(p)]) {
				t.Errorf("%s on line %d of %q: no segment, no skip", name, w.lineOf(p), sample)
			}
		}
		return ast.WalkContinue, nil
	})
	if !found {
		t.Errorf("sample %q makes no %s", sample, name)
	}
	if len(doc.Segments)+len(doc.Skipped) == 0 {
		t.Errorf("%s: sample %q yields nothing", name, sample)
	}
}

func TestParseInline(t *testing.T) {
	cases := []struct {
		in    string
		plain string
		spans []Span
	}{
		{"plain text", "plain text", nil},
		{"a **b [c](http://x.org)** d", "a b c d", []Span{{Kind: SpanStrong, Start: 2, End: 5}, {Kind: SpanLink, Start: 4, End: 5, URL: "http://x.org"}}},
		{"第一章 **总则**", "第一章 总则", []Span{{Kind: SpanStrong, Start: 10, End: 16}}},
		{"1. Scope *x*", "1. Scope x", []Span{{Kind: SpanEmphasis, Start: 9, End: 10}}},
		{"# not a heading", "# not a heading", nil},
		{"……的声明。[^3]", "……的声明。", []Span{{Kind: SpanFootnoteRef, Start: 18, End: 18, Label: "3"}}},
		{`a\*b &amp; c`, "a*b & c", nil},
		{"`co\nde` and ~~gone~~", "co de and gone", []Span{{Kind: SpanCode, Start: 0, End: 5}, {Kind: SpanStrike, Start: 10, End: 14}}},
		{"see https://example.org/x.", "see https://example.org/x.", []Span{{Kind: SpanLink, Start: 4, End: 25, URL: "https://example.org/x"}}},
		{"line  \nbreak<br>x <b>bold</b>", "line\nbreak\nx bold", []Span{{Kind: SpanBreak, Start: 4, End: 4}, {Kind: SpanBreak, Start: 10, End: 10}}},
		{"![alt](i.png)", "alt", []Span{{Kind: SpanImage, Start: 0, End: 3, URL: "i.png"}}},
		{"soft\nbreak", "soft\nbreak", nil},
	}
	for _, c := range cases {
		got := ParseInline(FormatMarkdown, c.in)
		if got.Plain != c.plain || !reflect.DeepEqual(got.Spans, c.spans) {
			t.Errorf("ParseInline(%q) = %q %+v, want %q %+v", c.in, got.Plain, got.Spans, c.plain, c.spans)
		}
	}
	if got := ParseInline(FormatText, "**kept**"); got.Plain != "**kept**" || got.Spans != nil {
		t.Errorf("plain text: %+v", got)
	}
	d := &Document{Format: FormatMarkdown, Links: map[string]string{"ref": "https://r.org"}}
	if got := d.Inline("[r][REF]"); got.Plain != "r" || len(got.Spans) != 1 || got.Spans[0].URL != "https://r.org" {
		t.Errorf("reference link: %+v", got)
	}
}

func TestMarkupDiff(t *testing.T) {
	src := "见[链接](https://a.org)与`code`。[^1]"
	if d := MarkupDiff(FormatMarkdown, src, "See [the link](https://a.org) and `code`.[^1]"); d != nil {
		t.Errorf("same markup: %q", d)
	}
	got := MarkupDiff(FormatMarkdown, src, "See [the link](https://b.org) and `kod`.")
	want := []string{
		"code `code`: 1 in the source, 0 in the translation",
		"code `kod`: 0 in the source, 1 in the translation",
		"footnote reference [^1]: 1 in the source, 0 in the translation",
		"link https://a.org: 1 in the source, 0 in the translation",
		"link https://b.org: 0 in the source, 1 in the translation",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if d := MarkupDiff(FormatText, "[a](b)", "c"); d != nil {
		t.Errorf("plain text has no markup: %q", d)
	}
}

func FuzzParseInline(f *testing.F) {
	for _, s := range []string{"a **b [c](http://x.org)** d", "x[^1]", "`a`", "<br>", "![i](u)", "a\\*b &amp;", "~~s~~ www.x.org", "[^", "**\n\n**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := ParseInline(FormatMarkdown, s)
		for i, sp := range in.Spans {
			if sp.Start < 0 || sp.End < sp.Start || sp.End > len(in.Plain) {
				t.Fatalf("span %+v out of %q", sp, in.Plain)
			}
			if i > 0 && in.Spans[i-1].Start > sp.Start {
				t.Fatalf("spans out of order: %+v", in.Spans)
			}
		}
		if MarkupDiff(FormatMarkdown, s, s) != nil {
			t.Fatalf("%q differs from itself", s)
		}
		// The markup MarkupDiff counts is the markup of the spans.
		spans := map[string]int{}
		for _, sp := range in.Spans {
			switch sp.Kind {
			case SpanLink:
				spans["link "+sp.URL]++
			case SpanImage:
				spans["image "+sp.URL]++
			case SpanCode:
				spans["code `"+in.Plain[sp.Start:sp.End]+"`"]++
			case SpanFootnoteRef:
				spans["footnote reference [^"+sp.Label+"]"]++
			}
		}
		if got := markupCounts(s, nil); !maps.Equal(got, spans) {
			t.Fatalf("%q: markup %v, spans %v", s, got, spans)
		}
	})
}
