package align

// SpanKind is the kind of an inline span inside a segment's text.
type SpanKind string

// The kinds of inline span.
const (
	SpanStrong      SpanKind = "strong"      // **bold**
	SpanEmphasis    SpanKind = "emphasis"    // *italic*
	SpanStrike      SpanKind = "strike"      // ~~struck~~
	SpanCode        SpanKind = "code"        // `code`
	SpanLink        SpanKind = "link"        // [text](url); Span.URL
	SpanFootnoteRef SpanKind = "footnoteref" // [^label]; Span.Label, no text of its own
	SpanBreak       SpanKind = "break"       // a hard line break, empty
)

// Span is an inline span of a segment's [Inline] text: a byte range of
// Plain with a kind. Spans nest (a link inside strong text) and are listed
// in order of their start, outer before inner.
type Span struct {
	Kind       SpanKind
	Start, End int    // byte range in Inline.Plain
	URL        string // link target (SpanLink)
	Label      string // footnote label (SpanFootnoteRef)
}

// Inline is a segment's text with its inline markup read: the text as it
// prints, without syntax, and the spans over it.
type Inline struct {
	Plain string
	Spans []Span
}

// ParseInline reads the inline markup of a segment's text (or of a
// translation of it, which carries the same syntax) in the document's
// format. Plain text has no inline markup: its text prints as written.
func ParseInline(f Format, text string) Inline {
	// Markdown inline parsing is added with goldmark (issue 9).
	return Inline{Plain: text}
}
