package exchange

import (
	"strings"

	"verso/align"
)

// InlineEvent is one step of a text with inline markup, in order: a run of
// text, the start or end of a span, or an empty span (a hard break, a
// footnote reference). Codecs that carry markup as elements (XLIFF's
// <pc>/<ph>) write these.
type InlineEvent struct {
	Text  string // for a run of text
	Span  *align.Span
	Index int  // the span's index in Inline.Spans
	Open  bool // the span starts here (false: it ends here)
	Empty bool // an empty span: no end event
}

// Events returns the events of an inline text. Spans that end where
// others start close first; nested spans close inner first.
func Events(in align.Inline) []InlineEvent {
	var out []InlineEvent
	var open []int // indexes of the open spans, outer first
	pos := 0
	text := func(end int) {
		if end > pos {
			out = append(out, InlineEvent{Text: in.Plain[pos:end]})
			pos = end
		}
	}
	closeTo := func(at int) {
		for len(open) > 0 && in.Spans[open[len(open)-1]].End <= at {
			i := open[len(open)-1]
			open = open[:len(open)-1]
			text(in.Spans[i].End)
			out = append(out, InlineEvent{Span: &in.Spans[i], Index: i})
		}
	}
	for i := range in.Spans {
		s := &in.Spans[i]
		closeTo(s.Start)
		text(s.Start)
		if s.End == s.Start && (s.Kind == align.SpanBreak || s.Kind == align.SpanFootnoteRef) {
			out = append(out, InlineEvent{Span: s, Index: i, Open: true, Empty: true})
			continue
		}
		out = append(out, InlineEvent{Span: s, Index: i, Open: true})
		open = append(open, i)
	}
	closeTo(len(in.Plain) + 1)
	text(len(in.Plain))
	return out
}

// Syntax returns the Markdown that opens and closes a span.
func Syntax(s *align.Span, content string) (open, close string) {
	switch s.Kind {
	case align.SpanStrong:
		return "**", "**"
	case align.SpanEmphasis:
		return "*", "*"
	case align.SpanStrike:
		return "~~", "~~"
	case align.SpanCode:
		if strings.Contains(content, "`") {
			return "`` ", " ``"
		}
		return "`", "`"
	case align.SpanLink:
		return "[", "](" + s.URL + ")"
	case align.SpanImage:
		return "![", "](" + s.URL + ")"
	case align.SpanFootnoteRef:
		return "[^" + s.Label + "]", ""
	case align.SpanBreak:
		return "\\", ""
	}
	return "", ""
}

// Markdown renders an inline text in Markdown with verso's spelling of
// each span (**strong**, *emphasis*, ~~strike~~, `code`, [link](url),
// [^label], a backslash for a hard break). A codec may carry a text's
// markup as elements only when Markdown of its Inline gives the text
// back byte for byte, so that an untouched file imports as no change.
func Markdown(in align.Inline) string {
	var b strings.Builder
	for _, ev := range Events(in) {
		switch {
		case ev.Span == nil:
			b.WriteString(ev.Text)
		case ev.Open:
			content := ""
			if ev.Span.Kind == align.SpanCode {
				content = in.Plain[ev.Span.Start:ev.Span.End]
			}
			open, _ := Syntax(ev.Span, content)
			b.WriteString(open)
		default:
			content := ""
			if ev.Span.Kind == align.SpanCode {
				content = in.Plain[ev.Span.Start:ev.Span.End]
			}
			_, end := Syntax(ev.Span, content)
			b.WriteString(end)
		}
	}
	return b.String()
}
