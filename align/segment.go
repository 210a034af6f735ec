package align

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kind is the structural role of a segment.
type Kind string

// The kinds of segment.
const (
	KindTitle     Kind = "title"
	KindHeading   Kind = "heading"
	KindParagraph Kind = "paragraph"
	KindItem      Kind = "item"
	KindDate      Kind = "date"
	KindNote      Kind = "note"     // a parenthesized note such as a news agency's dateline
	KindFootnote  Kind = "footnote" // a footnote definition; Segment.Note is its label
	KindCell      Kind = "cell"     // a table cell; Segment.Cell is its place
)

// Segment is one translatable unit of a document.
//
// Text keeps the source as written: for Markdown it holds the inline syntax
// (emphasis, code spans, links, footnote references) that [ParseInline]
// reads, so that a translation carries the same inline syntax as its
// source. The structural fields below are not part of the hash: adding
// structure never changes a segment's ID or hash.
type Segment struct {
	ID   string // stable ID; empty until IDs are assigned
	Kind Kind
	Line int    // 1-based source line where the segment starts
	Text string // source text as written, surrounding white space trimmed
	Hash string // Hash(Text)

	// Level is a heading's level, 1 (top) to 6; 0 for every other kind,
	// the title included (it stands above level 1).
	Level int
	// Marker is a list item's marker as written ("1.", "(a)", "一、", "-",
	// "•") when it is not part of Text; Markdown items carry it here, plain
	// text items keep it at the start of Text (their IDs predate this field).
	Marker string
	// Depth is a list item's nesting depth, 1 for a top-level item; 0
	// outside lists. Paragraphs inside an item have its depth too.
	Depth int
	// Quote is the block-quote nesting depth; 0 outside quotes.
	Quote int
	// Note is the label of a footnote definition (KindFootnote): "1" for
	// "[^1]: …"; references to it are [SpanFootnoteRef] spans.
	Note string
	// Cell places a table cell (KindCell); nil for every other kind.
	Cell *Cell
}

// Cell is the place of a table cell segment.
type Cell struct {
	Table  int    // 1-based number of the table in the document
	Row    int    // 1-based row, header rows included
	Col    int    // 1-based column
	Header bool   // the cell is in a header row
	Align  string // "left", "center", "right" or "" as the source says
}

// Format is the markup language of a source document.
type Format string

// The source formats.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
)

// Skip is a block of a source document that yields no segment, with the
// reason: code blocks, HTML blocks, thematic breaks, front matter. verso
// sync and verso segments report them, so nothing disappears silently.
type Skip struct {
	Line int    // 1-based line where the block starts
	End  int    // 1-based last line of the block
	What string // the kind of block, such as "code block" or "HTML block"
	Why  string // why it is not translated
}

// Document is a source document split into segments.
type Document struct {
	Name     string // document name: the file name without extension
	Path     string // slash-separated path, relative to the repository root
	Lang     string // BCP 47 language of the source
	Format   Format // the source's markup language
	Segments []Segment
	Skipped  []Skip // blocks that yield no segment, in document order
	// Links are the Markdown link reference definitions ([label]: url),
	// by normalized label, for reading reference links in segment texts
	// ([Document.Inline]); nil for plain text.
	Links map[string]string
}

// Section is a heading and the segments after it up to the next heading.
// The front matter (segments before the first heading) is a section whose
// Heading is -1.
type Section struct {
	Heading    int // index of the heading segment, or -1 for front matter
	Start, End int // segment index range [Start, End), heading included
}

// Sections splits the document into sections, in document order. A document
// without segments has no sections; front matter appears only when there are
// segments before the first heading.
func (d *Document) Sections() []Section {
	var out []Section
	for i, s := range d.Segments {
		if s.Kind == KindHeading || i == 0 {
			if len(out) > 0 {
				out[len(out)-1].End = i
			}
			h := -1
			if s.Kind == KindHeading {
				h = i
			}
			out = append(out, Section{Heading: h, Start: i})
		}
	}
	if len(out) > 0 {
		out[len(out)-1].End = len(d.Segments)
	}
	return out
}

// Title returns the text of the document's title segment as it prints
// (normalized, without inline markup), or its name when it has none.
func (d *Document) Title() string {
	for _, s := range d.Segments {
		if s.Kind == KindTitle {
			return Normalize(d.Inline(s.Text).Plain)
		}
	}
	return d.Name
}

// Excerpt returns s normalized and cut to at most n characters, the last
// an ellipsis, for messages and reports.
func Excerpt(s string, n int) string {
	s = Normalize(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// HasText reports whether s holds more than white space (Normalize(s) is
// not empty); a letter or a visible ASCII character at its start tells
// without normalizing.
func HasText(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); r > ' ' && r < 0x7f || unicode.IsLetter(r) {
		return true
	}
	return Normalize(s) != ""
}

// Normalize folds white space: NFC, every run of Unicode white space
// (including NBSP, the ideographic space and line breaks) becomes one ASCII
// space, and the ends are trimmed. A run that holds a line break next to a
// CJK character disappears, since Chinese and Japanese text is wrapped
// without spaces: re-wrapping a paragraph changes nothing.
func Normalize(s string) string {
	inert, folded := scan(s)
	if !inert {
		s = norm.NFC.String(s)
	} else if folded {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space, lineBreak := false, false
	var prev rune
	for _, r := range s {
		if isBlank(r) {
			space = true
			lineBreak = lineBreak || r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085'
			continue
		}
		if space && b.Len() > 0 && !(lineBreak && (isCJK(prev) || isCJK(r))) {
			b.WriteByte(' ')
		}
		space, lineBreak, prev = false, false, r
		b.WriteRune(r)
	}
	return b.String()
}

// isCJK reports whether r belongs to text written without spaces between
// words: Han, kana, CJK punctuation and full-width forms.
func isCJK(r rune) bool {
	switch {
	case r >= 0x2e80 && r <= 0x2fdf, r >= 0x3000 && r <= 0x30ff, r >= 0x3400 && r <= 0x4dbf,
		r >= 0x4e00 && r <= 0x9fff, r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60, r >= 0x20000 && r <= 0x3134f:
		return true
	}
	return false
}

// scan reports whether every rune of s is one that NFC leaves alone whatever
// its neighbours (no combining marks, no singleton decompositions: the
// common case of Chinese, Latin-1 and Cyrillic text, which then skips the NFC
// tables), and whether s has no white space but single ASCII spaces between
// other characters.
func scan(s string) (inert, folded bool) {
	inert, folded = true, true
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ':
				if prevSpace {
					folded = false
				}
				prevSpace = true
			case c <= ' ' || c == 0x7f:
				folded, prevSpace = false, true
			default:
				prevSpace = false
			}
			continue
		}
		var r rune
		switch {
		case c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			r = rune(c&0x1f)<<6 | rune(s[i+1]&0x3f)
			i += 2
		case c >= 0xe1 && c < 0xf0 && c != 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
			r = rune(c&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f)
			i += 3
		default:
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
		}
		switch {
		case r >= 0x4e00 && r <= 0x9fff, r >= 0x3001 && r <= 0x303f, r >= 0x2010 && r <= 0x2027,
			r >= 0x2030 && r <= 0x205e, r >= 0xff01 && r <= 0xff5e,
			r >= 0xa1 && r < 0x300, r >= 0x400 && r <= 0x482, r >= 0x48a && r <= 0x4ff:
			prevSpace = false
		default:
			if isBlank(r) {
				folded, prevSpace = false, true
			} else {
				inert, prevSpace = false, false
			}
		}
	}
	return inert, folded && (!prevSpace || s == "")
}

// Hash returns the goi18n hash of the normalized text: "sha1-" and the hex
// SHA-1 of Normalize(text). It equals the hash goi18n merge records for a
// source message with an empty description and this text.
func Hash(text string) string {
	return hashNormalized(Normalize(text))
}

func hashNormalized(n string) string {
	sum := sha1.Sum([]byte(n))
	return "sha1-" + hex.EncodeToString(sum[:])
}
