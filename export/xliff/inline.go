package xliff

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"verso/align"
	"verso/export/exchange"
	"verso/export/internal/xmlsafe"
)

// nsVerso is the namespace of verso's attributes on XLIFF 2.1 inline codes
// (a link's target, a footnote's label).
const nsVerso = "urn:verso:xliff"

// codeIDs gives the inline codes of a unit their ids: the source's are
// numbered; a target code takes the id of the first source code of the
// same kind and target not yet taken, so that CAT tools see the
// correspondence, else a new one.
type codeIDs struct {
	source []align.Span
	taken  []bool
	next   int
}

func (c *codeIDs) id(s *align.Span, target bool, index int) string {
	if !target {
		return strconv.Itoa(index + 1)
	}
	for i, o := range c.source {
		if !c.taken[i] && o.Kind == s.Kind && o.URL == s.URL && o.Label == s.Label {
			c.taken[i] = true
			return strconv.Itoa(i + 1)
		}
	}
	c.next++
	return "t" + strconv.Itoa(c.next)
}

// writeText writes a source or target text: its inline markup as XLIFF
// inline codes (2.1 <pc>/<ph>, 1.2 <g>/<x>) when the markup written back
// as Markdown gives the text byte for byte, else the text as it is, its
// Markdown syntax included.
func writeText(b *bytes.Buffer, doc *align.Document, text string, v12 bool, ids *codeIDs, target bool) {
	if doc == nil || doc.Format != align.FormatMarkdown {
		b.WriteString(esc(text))
		return
	}
	in := doc.Inline(text)
	if len(in.Spans) == 0 || exchange.Markdown(in) != text {
		b.WriteString(esc(text))
		return
	}
	if !target {
		ids.source, ids.taken = in.Spans, make([]bool, len(in.Spans))
	}
	for _, ev := range exchange.Events(in) {
		if ev.Span == nil {
			b.WriteString(esc(ev.Text))
			continue
		}
		s := ev.Span
		if !ev.Open {
			if v12 {
				b.WriteString("</g>")
			} else {
				b.WriteString("</pc>")
			}
			continue
		}
		id := ids.id(s, target, ev.Index)
		if v12 {
			b.WriteString(code12(s, id))
		} else {
			b.WriteString(code21(s, id))
		}
	}
}

// code21 is the XLIFF 2.1 element that opens a span (or is an empty one).
func code21(s *align.Span, id string) string {
	switch s.Kind {
	case align.SpanStrong:
		return `<pc id="` + id + `" type="fmt" subType="xlf:b">`
	case align.SpanEmphasis:
		return `<pc id="` + id + `" type="fmt" subType="xlf:i">`
	case align.SpanStrike:
		return `<pc id="` + id + `" type="fmt" subType="verso:strike">`
	case align.SpanCode:
		return `<pc id="` + id + `" type="other" subType="verso:code">`
	case align.SpanLink:
		return `<pc id="` + id + `" type="link" verso:href="` + esc(s.URL) + `">`
	case align.SpanImage:
		return `<pc id="` + id + `" type="image" verso:href="` + esc(s.URL) + `">`
	case align.SpanFootnoteRef:
		return `<ph id="` + id + `" type="other" subType="verso:fnref" verso:label="` + esc(s.Label) + `"/>`
	}
	return `<ph id="` + id + `" type="fmt" subType="xlf:lb"/>`
}

// code12 is the XLIFF 1.2 element that opens a span (or is an empty one).
func code12(s *align.Span, id string) string {
	switch s.Kind {
	case align.SpanStrong:
		return `<g id="` + id + `" ctype="bold">`
	case align.SpanEmphasis:
		return `<g id="` + id + `" ctype="italic">`
	case align.SpanStrike:
		return `<g id="` + id + `" ctype="x-strike">`
	case align.SpanCode:
		return `<g id="` + id + `" ctype="x-code">`
	case align.SpanLink:
		return `<g id="` + id + `" ctype="link" equiv-text="` + esc(s.URL) + `">`
	case align.SpanImage:
		return `<g id="` + id + `" ctype="x-image" equiv-text="` + esc(s.URL) + `">`
	case align.SpanFootnoteRef:
		return `<x id="` + id + `" ctype="x-fnref" equiv-text="` + esc(s.Label) + `"/>`
	}
	return `<x id="` + id + `" ctype="lb"/>`
}

// spanOf reads an inline code element back: the span it stands for, or
// false for an element verso does not write (its text is kept).
func spanOf(se xml.StartElement) (align.Span, bool) {
	attr := func(name string) string { return xmlsafe.Attr(se, "", name) }
	switch se.Name.Local {
	case "pc", "ph":
		switch sub := attr("subType"); {
		case sub == "xlf:b":
			return align.Span{Kind: align.SpanStrong}, true
		case sub == "xlf:i":
			return align.Span{Kind: align.SpanEmphasis}, true
		case sub == "verso:strike":
			return align.Span{Kind: align.SpanStrike}, true
		case sub == "verso:code":
			return align.Span{Kind: align.SpanCode}, true
		case sub == "verso:fnref":
			return align.Span{Kind: align.SpanFootnoteRef, Label: attr("label")}, true
		case sub == "xlf:lb":
			return align.Span{Kind: align.SpanBreak}, true
		case attr("type") == "link":
			return align.Span{Kind: align.SpanLink, URL: attr("href")}, true
		case attr("type") == "image":
			return align.Span{Kind: align.SpanImage, URL: attr("href")}, true
		}
	case "g", "x":
		switch attr("ctype") {
		case "bold":
			return align.Span{Kind: align.SpanStrong}, true
		case "italic":
			return align.Span{Kind: align.SpanEmphasis}, true
		case "x-strike":
			return align.Span{Kind: align.SpanStrike}, true
		case "x-code":
			return align.Span{Kind: align.SpanCode}, true
		case "link":
			return align.Span{Kind: align.SpanLink, URL: attr("equiv-text")}, true
		case "x-image":
			return align.Span{Kind: align.SpanImage, URL: attr("equiv-text")}, true
		case "x-fnref":
			return align.Span{Kind: align.SpanFootnoteRef, Label: attr("equiv-text")}, true
		case "lb":
			return align.Span{Kind: align.SpanBreak}, true
		}
	}
	return align.Span{}, false
}

// text returns the text of an element up to its end, with verso's inline
// codes written back as Markdown; the text inside other inline elements
// (a tool's <mrk>) is kept.
func text(d *xmlsafe.Decoder) (string, error) {
	type frame struct {
		span  align.Span
		known bool
		b     strings.Builder
	}
	var root strings.Builder
	var stack []*frame // the inline elements open
	cur := &root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", d.Errorf("%w: unexpected end of file (the file is truncated)", xmlsafe.ErrSyntax)
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			cur.Write(t)
		case xml.StartElement:
			f := &frame{}
			f.span, f.known = spanOf(t)
			stack = append(stack, f)
			cur = &f.b
		case xml.EndElement:
			if len(stack) == 0 {
				return root.String(), nil
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			cur = &root
			if len(stack) > 0 {
				cur = &stack[len(stack)-1].b
			}
			content := f.b.String()
			open, close := "", ""
			if f.known {
				open, close = exchange.Syntax(&f.span, content)
			}
			cur.WriteString(open + content + close)
		}
	}
}
