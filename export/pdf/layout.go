package pdf

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"verso/align"
)

// justify is how a block's lines sit in their measure.
type justify uint8

const (
	jJustify justify = iota // full lines justified, the last flush left
	jLeft
	jCenter
	jRight
)

// style is the typographic style of one kind of segment in one script.
type style struct {
	size, lead    float64 // font size and line height, pt
	bold, italic  bool
	just          justify
	indent        float64 // first-line indent, em
	hang          bool    // hanging indent after a list marker
	gray          uint8   // text gray level, 0 black
	before, after float64 // space around the block, pt
}

// styleFor returns the style of a kind of segment set in CJK or Latin type.
// CJK body text is 10.5 pt on 18 pt with a two-em indent; Latin body text
// is 10 pt on 14 pt.
func styleFor(k align.Kind, cjk bool) style {
	if cjk {
		switch k {
		case align.KindTitle:
			return style{size: 21, lead: 32, bold: true, just: jCenter}
		case align.KindHeading:
			return style{size: 13.5, lead: 22, bold: true, just: jCenter, after: 10}
		case align.KindItem:
			return style{size: 10.5, lead: 18, hang: true, after: 4}
		case align.KindDate:
			return style{size: 10.5, lead: 18, just: jRight, before: 6}
		case align.KindNote:
			return style{size: 9, lead: 15, just: jRight, gray: 90}
		}
		return style{size: 10.5, lead: 18, indent: 2, after: 7}
	}
	switch k {
	case align.KindTitle:
		return style{size: 17, lead: 22, bold: true, just: jCenter}
	case align.KindHeading:
		return style{size: 11.5, lead: 15, bold: true, just: jCenter, after: 10}
	case align.KindItem:
		return style{size: 10, lead: 14, hang: true, after: 4}
	case align.KindDate:
		return style{size: 10, lead: 14, italic: true, just: jRight, before: 6}
	case align.KindNote:
		return style{size: 9, lead: 12.5, italic: true, just: jRight, gray: 90}
	}
	return style{size: 10, lead: 14, after: 7}
}

// piece is a run of characters in one face, placed at a natural offset
// from the start of its line.
type piece struct {
	font   fontID
	fake   bool   // synthetic bold (CJK has one weight)
	text   string // never empty; ends at most in spaces
	x      float64
	chars  int // glyphs before the piece in the line
	spaces int // spaces before the piece in the line
	n      int // glyphs in the piece
}

// line is one set line of a block.
type line struct {
	pieces        []piece
	width         float64 // natural width, without trailing spaces
	indent        float64 // left offset in the column
	measure       float64 // width available after indent
	chars, spaces int     // glyphs and interior spaces
	stretch       bool    // justified
	cjk           bool    // justify between characters, not words
	size, lead    float64
	gray          uint8
	just          justify
	mark          string // draft: segment ID printed in the margin
	marked        bool   // placeholder: draw a tinted background
	tofus         []rune // characters drawn as boxes
}

// setter lays out blocks for one edition.
type setter struct {
	fonts *Fonts
	used  [nFonts]bool
	tofus map[rune]bool
}

// width returns the advance of r in face id at size, in pt.
func (s *setter) width(id fontID, r rune, size float64) float64 {
	if id == fTofu {
		return size
	}
	return float64(s.fonts.face(id).Width(r)) * size / 1000
}

// set breaks text into lines of the given measure in the style. cjk tells
// whether the column's language is set in CJK type.
func (s *setter) set(text string, st style, measure float64, cjk bool) []line {
	text = prepare(text)
	if text == "" {
		return nil
	}
	hang := 0.0
	if st.hang {
		hang = s.measure(marker(text), st, cjk)
	}
	first := st.indent * st.size
	parts := s.fitAtoms(atoms(text), st, min(measure-first, measure-hang), cjk)
	n := len(parts)
	full := make([]float64, n+1) // prefix sums of widths, trailing spaces included
	body := make([]float64, n)   // widths without trailing spaces
	runes := make([]int, n+1)    // prefix sums of characters
	spaces := make([]int, n+1)   // prefix sums of trailing spaces
	for k, a := range parts {
		b := strings.TrimRight(a.text, " ")
		body[k] = s.measure(b, st, cjk)
		full[k+1] = full[k] + body[k] + s.measure(a.text[len(b):], st, cjk)
		runes[k+1] = runes[k] + utf8.RuneCountInString(b)
		spaces[k+1] = spaces[k] + len(a.text) - len(b)
	}
	// Choose the breaks that minimize the total demerits of the lines
	// (after Knuth and Plass, without hyphenation or stretchable glue
	// beyond the spaces): best[j] is the least cost of setting parts[:j].
	best := make([]float64, n+1)
	from := make([]int, n+1)
	for j := 1; j <= n; j++ {
		best[j] = math.Inf(1)
		last := j == n || parts[j-1].hard
		for i := j - 1; i >= 0; i-- {
			if i < j-1 && parts[i].hard {
				break // a mandatory break inside the line
			}
			avail := measure - hang
			if i == 0 {
				avail = measure - first
			}
			w := full[j-1] - full[i] + body[j-1]
			chars := runes[j] - runes[i]
			slack := 0.0
			if cjk && st.just == jJustify {
				// CJK lines may tighten by up to 4% of an em between
				// characters rather than leave a loose line when kinsoku
				// pushes a character down.
				slack = 0.04 * st.size * float64(chars-1)
			}
			if w > avail+slack+0.01 && i < j-1 {
				break
			}
			if c := best[i] + demerits(avail-w, st, chars, spaces[j-1]-spaces[i], cjk, last); c < best[j] {
				best[j], from[j] = c, i
			}
		}
	}
	var ends []int
	for j := n; j > 0; j = from[j] {
		ends = append(ends, j)
	}
	lines := make([]line, 0, len(ends))
	for k := len(ends) - 1; k >= 0; k-- {
		j := ends[k]
		i := from[j]
		var b strings.Builder
		for _, a := range parts[i:j] {
			b.WriteString(a.text)
		}
		indent := hang
		if i == 0 {
			indent = first
		}
		lines = append(lines, s.line(b.String(), st, indent, measure-indent, cjk, j == n || parts[j-1].hard))
	}
	if st.just != jJustify {
		for i := range lines {
			lines[i].stretch = false
		}
	}
	return lines
}

// fitAtoms splits atoms wider than the measure (a long URL or word)
// between grapheme clusters, keeping every character; spaces stay with the
// cluster before them.
func (s *setter) fitAtoms(as []atom, st style, measure float64, cjk bool) []atom {
	out := as[:0:0]
	for _, a := range as {
		if s.measure(strings.TrimRight(a.text, " "), st, cjk) <= measure+0.01 {
			out = append(out, a)
			continue
		}
		start := len(out)
		g := uniseg.NewGraphemes(a.text)
		for g.Next() {
			if len(out) > start && strings.TrimSpace(g.Str()) == "" {
				out[len(out)-1].text += g.Str()
				continue
			}
			out = append(out, atom{text: g.Str()})
		}
		out[len(out)-1].hard = a.hard
	}
	return out
}

// demerits rates a line that is extra pt short of its measure (negative:
// tightened), with chars characters and spaces interior spaces: the square
// of a constant plus Knuth's badness, 100 times the cube of the stretch
// ratio. Justified Latin lines stretch their spaces (by up to half an em
// comfortably), CJK lines every character gap (by up to 0.15 em);
// tightening a CJK line costs more than loosening it. The last line of a
// paragraph costs nothing unless tightened, except in centred text
// (titles, headings), whose lines are balanced: no word or character is
// left alone on a last line.
func demerits(extra float64, st style, chars, spaces int, cjk, last bool) float64 {
	var r float64
	switch {
	case extra < 0:
		r = 2 * -extra / (0.04 * st.size * float64(max(chars-1, 1)))
	case st.just == jCenter:
		r = extra / st.size
	case last:
		return 0
	case cjk:
		r = extra / (0.15 * st.size * float64(max(chars-1, 1)))
	case spaces > 0:
		r = extra / (0.5 * st.size * float64(spaces))
	default:
		r = 10 * extra / st.size
	}
	b := 10 + 100*r*r*r
	return b * b
}

// marker returns a leading list marker with the space after it.
func marker(text string) string {
	for _, m := range []string{"——", "—", "–", "-", "•", "·", "*"} {
		if strings.HasPrefix(text, m) {
			n := len(m)
			for n < len(text) && text[n] == ' ' {
				n++
			}
			return text[:n]
		}
	}
	i := 0
	for i < len(text) && isDigit(rune(text[i])) {
		i++
	}
	if i > 0 && i < len(text) && (text[i] == '.' || text[i] == ')') {
		i++
		for i < len(text) && text[i] == ' ' {
			i++
		}
		return text[:i]
	}
	return ""
}

func (s *setter) measure(text string, st style, cjk bool) float64 {
	w := 0.0
	for _, r := range text {
		w += s.width(s.fonts.pick(r, cjk, st.bold, st.italic), r, st.size)
	}
	return w
}

// line builds one line from its text: pieces split where the face changes
// and after every run of spaces, so that a justified line can place each
// word.
func (s *setter) line(text string, st style, indent, measure float64, cjk, last bool) line {
	text = strings.TrimRight(text, " ")
	ln := line{indent: indent, measure: measure, size: st.size, lead: st.lead, gray: st.gray,
		just: st.just, cjk: cjk, stretch: !last}
	var p *piece
	x := 0.0
	prevSpace := false
	for i, r := range text {
		id := s.fonts.pick(r, cjk, st.bold, st.italic)
		s.used[id] = true
		if id == fTofu {
			if s.tofus == nil {
				s.tofus = map[rune]bool{}
			}
			s.tofus[r] = true
		}
		if p == nil || p.font != id || prevSpace && r != ' ' || id == fTofu {
			ln.pieces = append(ln.pieces, piece{font: id, fake: st.bold && id == fCJK, x: x, chars: ln.chars, spaces: ln.spaces})
			p = &ln.pieces[len(ln.pieces)-1]
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		p.text += text[i : i+size]
		p.n++
		ln.chars++
		if r == ' ' {
			ln.spaces++
		}
		prevSpace = r == ' '
		x += s.width(id, r, st.size)
	}
	ln.width = x
	return ln
}

// spacing returns the extra space after each glyph and after each space
// that justifies the line.
func (ln *line) spacing() (cs, ws float64) {
	extra := ln.measure - ln.width
	if extra < 0 && ln.chars > 1 {
		return extra / float64(ln.chars-1), 0 // a tightened CJK line
	}
	if !ln.stretch {
		return 0, 0
	}
	if ln.cjk {
		if ln.chars > 1 {
			return extra / float64(ln.chars-1), 0
		}
		return 0, 0
	}
	if ln.spaces > 0 && extra > 0 {
		return 0, extra / float64(ln.spaces)
	}
	return 0, 0
}

// offset returns where the line starts in its column (alignment).
func (ln *line) offset() float64 {
	if ln.width > ln.measure {
		return ln.indent
	}
	switch ln.just {
	case jCenter:
		return ln.indent + (ln.measure-ln.width)/2
	case jRight:
		return ln.indent + ln.measure - ln.width
	}
	return ln.indent
}
