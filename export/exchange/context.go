package exchange

import (
	"fmt"
	"strings"

	"verso/align"
)

// Context describes a segment's place for a translator, in English: its
// kind and level, list marker and depth, quote, note or table cell
// ("heading level 2", "list item 3. (depth 2)", "note 1", "table 2, row 1,
// column 3 (header)").
func Context(s *align.Segment) string {
	var parts []string
	switch {
	case s.Kind == align.KindHeading && s.Level > 0:
		parts = append(parts, fmt.Sprintf("heading level %d", s.Level))
	case s.Kind == align.KindItem && s.Marker != "":
		parts = append(parts, "list item "+s.Marker)
	case s.Kind == align.KindFootnote && s.Note != "":
		parts = append(parts, "note "+s.Note)
	case s.Kind == align.KindCell && s.Cell != nil:
		c := fmt.Sprintf("table %d, row %d, column %d", s.Cell.Table, s.Cell.Row, s.Cell.Col)
		if s.Cell.Header {
			c += " (header)"
		}
		parts = append(parts, c)
	default:
		parts = append(parts, string(s.Kind))
	}
	if s.Depth > 1 {
		parts = append(parts, fmt.Sprintf("depth %d", s.Depth))
	}
	if s.Quote > 0 {
		parts = append(parts, "in a block quote")
	}
	return strings.Join(parts, ", ")
}
