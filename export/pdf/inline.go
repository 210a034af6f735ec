package pdf

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"

	"verso/align"
)

// attr is the inline formatting of a character: flags, and in the high 16
// bits the 1-based number of the link it belongs to (0: none).
type attr uint32

const (
	aStrong attr = 1 << iota // bold face (CJK: emboldened)
	aEmph                    // italic face (CJK: emphasis dots below)
	aCode                    // monospace face
	aStrike                  // struck through
	aSup                     // superscript: a footnote reference's number
	aLinked                  // inside a link; see link
)

func (a attr) link() int { return int(a >> 16) }

// run is a stretch of a rich text's bytes in one attr.
type run struct {
	end int // the run covers the bytes from the end of the run before to end
	a   attr
}

// rich is a block's text with its inline formatting: the prepared text (see
// [prepareRich]), runs of attributes over it, the URLs of its links, and the
// bytes of a hanging marker at its start (a list item's or a footnote's
// number), kept at their natural width.
type rich struct {
	runs   []run
	links  []string
	prefix int
}

// at returns the attr of byte i.
func (r *rich) at(i int) attr {
	k, _ := slices.BinarySearchFunc(r.runs, i, func(rn run, i int) int {
		if rn.end <= i {
			return -1
		}
		return 1
	})
	if k < len(r.runs) {
		return r.runs[k].a
	}
	return 0
}

// attrAt is [rich.at], faster for the bytes of a text read in order:
// it starts from the run of the byte it was asked before.
func (s *setter) attrAt(r *rich, i int) attr {
	if k := s.runAt; s.runsOf == r && k < len(r.runs) && r.runs[k].end > i && (k == 0 || r.runs[k-1].end <= i) {
		return r.runs[k].a
	}
	k, _ := slices.BinarySearchFunc(r.runs, i, func(rn run, i int) int {
		if rn.end <= i {
			return -1
		}
		return 1
	})
	s.runsOf, s.runAt = r, k
	if k < len(r.runs) {
		return r.runs[k].a
	}
	return 0
}

// from returns the style for the part of its rich text that starts at
// byte off; measure and line read attributes relative to it.
func (st style) from(off int) style {
	st.off += off
	return st
}

// attrAt returns the attr of byte i of a text that starts at st.off of
// the style's rich text.
func (st *style) attrAt(i int) attr {
	if st.rich == nil {
		return 0
	}
	return st.rich.at(st.off + i)
}

// glyph chooses the face and size of r, at byte i of text in style st,
// and returns its attr: bold and italic from the block's style and the
// inline strong and emphasis, the monospace face for code (CJK characters
// in code keep the CJK face), and a smaller size for superscripts. In CJK
// type, emphasis does not slant: the characters get dots below (see
// [renderer.dots]); only Latin letters in it take the italic.
func (s *setter) glyph(text string, i int, r rune, cjk bool, st *style) (fontID, float64, attr) {
	var a attr
	if st.rich != nil {
		a = s.attrAt(st.rich, st.off+i)
	}
	if isIgnorable(r) {
		return fHidden, st.size, a
	}
	if a == 0 {
		return s.pickIn(text, i, r, cjk, st.bold, st.italic), st.size, 0
	}
	size := st.size
	if a&aSup != 0 {
		size *= supScale
	}
	if a&aCode != 0 && !isWide(r) && s.fonts.Mono != nil && s.fonts.Mono.Has(r) {
		return fMono, size * codeScale, a
	}
	return s.pickIn(text, i, r, cjk, st.bold || a&aStrong != 0, st.italic || a&aEmph != 0), size, a
}

// Superscript numbers are 65% of the text's size, raised by 38% of it;
// code is set at 90% of the size, Liberation Mono being large on its body.
const (
	supScale  = 0.65
	supRise   = 0.38
	codeScale = 0.9
)

// footnoteMarks maps footnote labels to the numbers printed for them.
type footnoteMarks map[string]int

// prepareRich lays out a segment's inline text for typesetting: the text
// NFC-normalized (a decomposed и + U+0306 becomes й, so that the breve
// sits on its letter), white space folded as [prepare] does, every
// footnote reference replaced by its number in superscript (its label when
// it has no number) and every hard line break by U+2028, which breaks the
// line; and the spans turned into runs over the result. A marker, when not
// empty, is put before the text with a space and hangs.
func prepareRich(in align.Inline, marker string, notes footnoteMarks) (string, *rich) {
	type event struct {
		pos   int
		open  bool
		span  int
		order int
	}
	var evs []event
	for k, sp := range in.Spans {
		evs = append(evs, event{sp.Start, true, k, 2*k + 1}, event{sp.End, false, k, -2*k - 1})
	}
	// At the same position, spans close before others open; a span that
	// opens and closes there (a footnote reference, a break) opens before
	// it closes.
	slices.SortStableFunc(evs, func(a, b event) int {
		if a.pos != b.pos {
			return a.pos - b.pos
		}
		ea, eb := in.Spans[a.span].Start == in.Spans[a.span].End, in.Spans[b.span].Start == in.Spans[b.span].End
		switch {
		case !a.open && !ea && (b.open || eb):
			return -1
		case !b.open && !eb && (a.open || ea):
			return 1
		}
		return a.order - b.order
	})
	var f folder
	f.b.Grow(len(in.Plain) + len(marker) + 1)
	rt := &rich{}
	if marker != "" {
		f.write(marker)
		f.b.WriteByte(' ')
		f.prev = ' '
		rt.prefix = f.b.Len()
		rt.runs = append(rt.runs, run{end: rt.prefix})
	}
	var count [aLinked + 1]int
	link := 0
	cur := func() attr {
		var a attr
		for bit := aStrong; bit <= aLinked; bit <<= 1 {
			if count[bit] > 0 {
				a |= bit
			}
		}
		if a&aLinked != 0 {
			a |= attr(link) << 16
		}
		return a
	}
	pos := 0
	emit := func(text string, raw bool) {
		a := cur()
		if raw {
			f.space, f.ideo, f.lineBreak = false, false, false
			f.b.WriteString(text)
		} else {
			f.write(text)
		}
		if n := f.b.Len(); len(rt.runs) > 0 && rt.runs[len(rt.runs)-1].a == a {
			rt.runs[len(rt.runs)-1].end = n
		} else if len(rt.runs) == 0 || rt.runs[len(rt.runs)-1].end < n {
			rt.runs = append(rt.runs, run{end: n, a: a})
		}
	}
	for _, ev := range evs {
		if ev.pos > pos && ev.pos <= len(in.Plain) {
			emit(in.Plain[pos:ev.pos], false)
			pos = ev.pos
		}
		sp := in.Spans[ev.span]
		bit := spanAttr(sp.Kind)
		if ev.open {
			switch sp.Kind {
			case align.SpanFootnoteRef:
				label := sp.Label
				if n := notes[sp.Label]; n > 0 {
					label = itoa(n)
				}
				count[aSup]++
				f.flush()
				emit(label, false)
				count[aSup]--
				continue
			case align.SpanBreak:
				emit("\u2028", true)
				f.prev = '\u2028'
				continue
			case align.SpanLink, align.SpanImage:
				rt.links = append(rt.links, sp.URL)
				link = len(rt.links)
			}
			if bit != 0 {
				count[bit]++
			}
		} else if bit != 0 && sp.Kind != align.SpanFootnoteRef && sp.Kind != align.SpanBreak {
			count[bit] = max(count[bit]-1, 0)
		}
	}
	if pos < len(in.Plain) {
		emit(in.Plain[pos:], false)
	}
	text := f.b.String()
	if len(rt.runs) <= 1 && (len(rt.runs) == 0 || rt.runs[0].a == 0) && rt.prefix == 0 {
		return text, nil
	}
	return text, rt
}

func spanAttr(k align.SpanKind) attr {
	switch k {
	case align.SpanStrong:
		return aStrong
	case align.SpanEmphasis:
		return aEmph
	case align.SpanCode:
		return aCode
	case align.SpanStrike:
		return aStrike
	case align.SpanLink, align.SpanImage:
		return aLinked // an image prints its alternative text, linked to it
	}
	return 0
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// folder folds white space as [prepare] describes, across the pieces of
// a text written one after the other.
type folder struct {
	b                      strings.Builder
	prev                   rune
	space, ideo, lineBreak bool
}

// write appends s, NFC-normalized, folding its white space.
func (f *folder) write(s string) {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			f.space = true
			f.ideo = f.ideo || r == '\u3000'
			f.lineBreak = f.lineBreak || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085'
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		f.flushBefore(r)
		f.b.WriteRune(r)
		f.prev = r
	}
}

// flush writes a pending space before text that is no character of the
// source (a footnote reference's number).
func (f *folder) flush() { f.flushBefore('0') }

// flushBefore writes the white space pending before r: an ideographic
// space between CJK characters stays one (a deliberate em of space); a
// run that holds a line break next to a CJK character disappears (CJK
// text is wrapped without spaces, as [align.Normalize] has it); any other
// run becomes one ASCII space (between CJK characters too: "第一章 总则"
// keeps its space). Nothing is written at the start of the text.
func (f *folder) flushBefore(r rune) {
	if f.space && f.b.Len() > 0 && f.prev != '\u2028' {
		wide := isWide(f.prev) || isWide(r)
		switch {
		case f.ideo && isWide(f.prev) && isWide(r):
			f.b.WriteRune('\u3000')
		case f.lineBreak && wide:
		default:
			f.b.WriteByte(' ')
		}
	}
	f.space, f.ideo, f.lineBreak = false, false, false
}

// isIgnorable reports whether r is a default-ignorable code point
// (Unicode's Default_Ignorable_Code_Point: zero-width space and joiners,
// word joiner, byte order mark, variation selectors, bidirectional
// controls, the soft hyphen...) or a hard line break inserted by
// [prepareRich]. They are not drawn, but kept in the text: see
// [renderer.hidden].
func isIgnorable(r rune) bool {
	switch {
	case r < 0xad:
		return false
	case r == 0xad, r == 0x34f, r == 0x61c, r == 0x115f, r == 0x1160, r == 0x17b4, r == 0x17b5,
		r >= 0x180b && r <= 0x180f, r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e,
		r >= 0x2060 && r <= 0x206f, r == 0x3164, r >= 0xfe00 && r <= 0xfe0f, r == 0xfeff, r == 0xffa0,
		r >= 0x1bca0 && r <= 0x1bca3, r >= 0x1d173 && r <= 0x1d17a, r >= 0xe0000 && r <= 0xe0fff,
		r == '\u2028':
		return true
	}
	return false
}

// linkBlue is the colour of a link's text.
var linkBlue = rgb{20, 60, 150}

// linkArea is the area of a link on a line, annotated when the line or the
// link ends.
type linkArea struct {
	url               string
	link              int // the link's number in its line's rich text
	rich              *rich
	x0, x1, top, high float64
	elem              int // its Link structure element, 0 in an artifact
}

// rise returns how far the piece's baseline is raised: superscripts by
// supRise of the line's size.
func rise(p *piece, ln *line) float64 {
	if p.a&aSup != 0 {
		return ln.size * supRise
	}
	return 0
}

// inline draws what the piece's attr adds to its glyphs, drawn at px on
// the baseline y with tc of extra space after each glyph: a link's colour
// and annotation, emphasis dots under CJK characters, the rule of struck
// text.
func (r *renderer) inline(ln *line, p *piece, px, y, tc float64) {
	w := p.w + tc*float64(p.n)
	if k := p.a.link(); k > 0 && ln.rich != nil && k <= len(ln.rich.links) {
		r.setColor(linkBlue)
		top, high := y-ln.size*0.9, ln.size*1.15
		if r.lk.rich == ln.rich && r.lk.link == k && r.lk.top == top {
			r.lk.x1 = px + w
		} else {
			r.flushLink()
			r.lk = linkArea{url: ln.rich.links[k-1], link: k, rich: ln.rich, x0: px, x1: px + w, top: top, high: high,
				elem: r.links[linkKey{ln.rich, k}]}
		}
	}
	c := r.color
	if p.a&aEmph != 0 && (p.font == fCJK || p.font == fCJKBold) {
		// 着重号: a dot under each character, not under punctuation
		// (clreq 3.2.4).
		r.pdf.SetFillColor(int(c[0]), int(c[1]), int(c[2]))
		x := px
		f := r.fonts.face(p.font)
		for _, g := range p.text {
			adv := float64(f.Width(g)) * p.size / 1000
			if isWide(g) && unicode.IsLetter(g) {
				r.pdf.Circle(x+adv/2, y+p.size*0.25, p.size*0.06, "F")
			}
			x += adv + tc
		}
	}
	if p.a&aStrike != 0 {
		r.pdf.SetDrawColor(int(c[0]), int(c[1]), int(c[2]))
		r.pdf.SetLineWidth(p.size * 0.05)
		sy := y - p.size*0.28
		if p.font == fCJK || p.font == fCJKBold {
			sy = y - p.size*0.36
		}
		r.pdf.Line(px, sy, px+w-tc, sy)
	}
}

// flushLink annotates the link area drawn so far.
func (r *renderer) flushLink() {
	if r.lk.url != "" {
		r.pdf.LinkString(r.lk.x0, r.lk.top, r.lk.x1-r.lk.x0, r.lk.high, r.lk.url)
		if r.lk.elem > 0 {
			r.tags.annot(r.pageNo, r.lk.elem)
		} else {
			r.tags.annot(r.pageNo, 0) // a link in an artifact: no element
		}
	}
	r.lk = linkArea{}
}

// hidden places default-ignorable characters (zero-width space and
// joiner, word joiner, byte order mark, variation selectors...), which no
// font draws (a face would show a bar or a gap), as marked content whose
// ActualText is the character around a glyph in invisible render mode,
// scaled to 1% of its width so that it takes no space, so that text extraction and copying
// give them in their place. A hard line break (U+2028) is not placed: the
// line ends there.
func (r *renderer) hidden(s string, x, y, size float64) {
	for _, c := range s {
		if c == '\u2028' {
			continue
		}
		var hex strings.Builder
		for _, v := range utf16.Encode([]rune{c}) {
			fmt.Fprintf(&hex, "%04X", v)
		}
		r.use(fSerif, size)
		r.pdf.RawWriteStr("/Span <</ActualText <FEFF" + hex.String() + ">>> BDC 3 Tr 1 Tz\n")
		r.text(fSerif, size, x, y, "i", r.color)
		r.pdf.RawWriteStr("100 Tz 0 Tr EMC\n")
	}
}

// bars draws the rules left of a block quote's line, one per level.
func (r *renderer) bars(pl placed) {
	r.pdf.SetDrawColor(170, 170, 170)
	r.pdf.SetLineWidth(1.2)
	for k := range pl.ln.bars {
		x := pl.x + float64(k)*quoteIndent + 1
		r.pdf.Line(x, pl.y, x, pl.y+pl.ln.lead)
	}
}

// breakURLs splits the atoms of web addresses (with :// or www.) so that
// a line may break inside one, with no hyphen, before a single slash, a
// dot, a hyphen, an underscore, ?, #, &, =, ~ or %, after the //: a long
// address no longer leaves the line before it with huge word spaces. A
// line that ends inside an address is set flush left (atom.soft).
func breakURLs(as []atom) []atom {
	var out []atom
	inURL := false
	for k, a := range as {
		if !inURL && !strings.Contains(a.text, "://") && !strings.Contains(a.text, "www.") {
			if out != nil {
				out = append(out, a)
			}
			continue
		}
		if out == nil {
			out = append(make([]atom, 0, len(as)+8), as[:k]...)
		}
		t := a.text
		last := 0
		for i := 1; i < len(t); i++ {
			c, prev := t[i], t[i-1]
			if strings.IndexByte("/.-_?#&=~%", c) >= 0 && prev != ' ' && prev != '/' && prev != ':' &&
				!(c == '/' && i+1 < len(t) && t[i+1] == '/') && i > last {
				out = append(out, atom{text: t[last:i], soft: true})
				last = i
			}
		}
		out = append(out, atom{text: t[last:], hard: a.hard, hyph: a.hyph, hw: a.hw,
			soft: !a.hard && !strings.HasSuffix(a.text, " ")})
		inURL = !strings.HasSuffix(a.text, " ") && !a.hard
	}
	if out == nil {
		return as
	}
	return out
}
