package align

import (
	"strconv"
	"strings"
)

// Context describes a segment's place in the structure for people: its
// kind with the level, marker, note label or table position, and the
// nesting it sits in, such as "heading 2", "item 1. (depth 2)",
// "footnote 3", "table 2, row 1, column 3, header" or "paragraph (quote)".
// Workbooks and verso segments show it beside the text.
func (s Segment) Context() string {
	var b strings.Builder
	b.WriteString(string(s.Kind))
	switch s.Kind {
	case KindHeading:
		if s.Level > 0 {
			b.WriteString(" " + strconv.Itoa(s.Level))
		}
	case KindItem:
		if s.Marker != "" {
			b.WriteString(" " + s.Marker)
		}
	case KindFootnote:
		b.WriteString(" " + s.Note)
	case KindCell:
		if c := s.Cell; c != nil {
			b.Reset()
			b.WriteString("table " + strconv.Itoa(c.Table) + ", row " + strconv.Itoa(c.Row) + ", column " + strconv.Itoa(c.Col))
			if c.Header {
				b.WriteString(", header")
			}
		}
	}
	var around []string
	if s.Depth > 1 || (s.Depth == 1 && s.Kind != KindItem) {
		around = append(around, "depth "+strconv.Itoa(s.Depth))
	}
	switch {
	case s.Quote == 1:
		around = append(around, "quote")
	case s.Quote > 1:
		around = append(around, "quote "+strconv.Itoa(s.Quote))
	}
	if s.Note != "" && s.Kind != KindFootnote {
		around = append(around, "in footnote "+s.Note)
	}
	if len(around) > 0 {
		b.WriteString(" (" + strings.Join(around, ", ") + ")")
	}
	return b.String()
}
