package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spacing inside CJK lines, after the W3C's Requirements for Chinese Text
// Layout (clreq) and GB/T 15834:
//
//   - a quarter em between a Han character (or kana, hangul) and a Latin
//     letter or digit, whether or not the source has a space there (a
//     source space keeps its place in the text but takes the quarter em);
//   - of two adjacent full-width punctuation marks (、《 》《 》。 ），), the
//     pair gives up half an em of the blank between their inks, as far
//     as that blank allows;
//   - an opening mark that starts a line gives up the blank before its ink
//     (except after a paragraph's indent), so the line does not look
//     indented; a closing mark that ends a line gives up the blank after
//     it, which justification may give back;
//   - a line may end with 。，、 hanging into the margin when
//     [style.hangStops] is set.
//
// Where a mark's ink sits on its em comes from the face (see
// [font.Face.Ink]): 、 and 。 sit at the left in mainland Chinese faces and
// in the middle in Taiwanese ones; a face that cannot tell is taken to
// follow GB/T 15834 (openers at the right of the em, the others at the
// left). No blank is taken away past half an em, nor so far that two inks
// come closer than a tenth of an em.
//
// Justifying a CJK line first takes up these spaces (within 0.2 to 0.3
// em at a junction; a compressed pair back up to 0.75 em; the blank after
// a closing mark, before an opener, down to a fifth of an em beside a
// mark in the middle of its em) and the spaces between Latin
// words; only what remains is spread over every character gap. A CJK
// column is a whole number of ems wide (see [cjkMeasure]), so a line of
// Han characters and whole-em punctuation fills it exactly.

// The punctuation marks whose blanks may close up: openers, closers and
// stops (the pause and stop marks, which may hang). ？ and ！ are left
// alone, as are ·, —— and …….
const (
	openers = "（《「『【〔〈〖〘〚“‘［｛｟"
	closers = "）》」』】〕〉〗〙〛”’］｝｠；："
	stops   = "，。、．"
)

// punctPair reports whether a and b are two punctuation marks that may be
// compressed.
func punctPair(a, b rune) bool {
	return markSet.has(a) && markSet.has(b)
}

// The adjustable spaces, in ems of the CJK size.
const (
	junction      = 0.25 // between Han and Latin letters or digits
	junctionGive  = 0.05 // how far a junction may stretch or shrink
	halfBlank     = 0.5  // the most blank a mark gives up
	inkGap        = 0.1  // the least blank left between the inks of two marks
	fullWidthMark = 0.9  // a mark at least this wide is set on the em (full width)
	widestPair    = 0.75 // the most a compressed mark of a pair advances
)

// asciiStops are the ASCII marks that stand for their full-width forms
// between Han characters (text converted through ASCII often has them):
// they keep their glyph, and so their text, but take a full em as ，；：
// would.
const asciiStops = ",;:"

// punctMark is what the layout knows of a punctuation mark in a CJK line,
// in pt: fill is added after its glyph to fill its em (an ASCII stop),
// before and after are the blanks on its em before and after its ink,
// each at most half an em.
type punctMark struct {
	ok            bool // a mark whose blanks may close up
	stop          bool // 。，、． or an ASCII stop: may hang
	fill          float64
	before, after float64
}

// markAt returns the punctuation mark r is at byte i of text, set in face
// id at size: not ok unless r is one of openers, closers or stops and the
// face is a CJK one (regular or bold) and gives r a full em (a
// proportional quotation mark has no blank to take away), or r is one of
// asciiStops next to a Han character and not inside a number (1,000).
func (s *setter) markAt(text string, i int, r rune, id fontID, size float64) punctMark {
	if strings.ContainsRune(asciiStops, r) {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[i+1:])
		if !(hanText(prev) || hanText(next)) || isDigit(prev) && isDigit(next) {
			return punctMark{}
		}
		w := s.width(id, r, size)
		m := punctMark{ok: true, stop: true, fill: max(size-w, 0), after: halfBlank * size}
		if x0, x1, ok := s.fonts.face(id).Ink(r); ok {
			m.before = min(float64(x0)*size/1000, halfBlank*size)
			m.after = min(size-float64(x1)*size/1000, halfBlank*size)
		}
		return m
	}
	if id != fCJK && id != fCJKBold || !punctPair(r, r) {
		return punctMark{}
	}
	adv := s.width(id, r, size)
	if adv < fullWidthMark*size {
		return punctMark{}
	}
	m := punctMark{ok: true, stop: stopSet.has(r)}
	x0, x1, ok := s.inkOf(r)
	if !ok { // GB/T 15834: openers at the right of the em, the rest at the left
		x0, x1 = 0, 500
		if openerSet.has(r) {
			x0, x1 = 500, 1000
		}
	}
	m.before = max(0, min(float64(x0)*size/1000, halfBlank*size))
	m.after = max(0, min(adv-float64(x1)*size/1000, halfBlank*size))
	return m
}

// inkOf returns the ink of r in the CJK face, cached for the edition.
func (s *setter) inkOf(r rune) (x0, x1 int, ok bool) {
	if k, seen := s.inks[r]; seen {
		return k[0], k[1], k[2] == 1
	}
	x0, x1, ok = s.fonts.CJK.Ink(r)
	if s.inks == nil {
		s.inks = map[rune][3]int{}
	}
	k := [3]int{x0, x1, 0}
	if ok {
		k[2] = 1
	}
	s.inks[r] = k
	return x0, x1, ok
}

// hanText reports whether r is a CJK letter (Han, kana, hangul, bopomofo),
// not a punctuation mark or symbol.
func hanText(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff {
		return true // the common case, fast
	}
	return isWide(r) && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) &&
		!unicode.IsPunct(r) && r != 'ー' && r != '々'
}

// latinText reports whether r is a letter or digit of a Western script
// (or the % after a number), which keeps a quarter em from Han text.
func latinText(r rune) bool {
	if r < 0x80 {
		return isDigit(r) || r == '%' || r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	if isWide(r) {
		return false
	}
	return isDigit(r) || r == '%' || unicode.IsLetter(r) && unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek)
}

// glue is the space after one glyph of a CJK line beyond its advance: adj
// is added to its natural width (negative: a compressed mark), grow and
// cut are how far justification may widen or narrow it, all in pt.
type glue struct {
	adj, grow, cut float64
}

// glueAfter returns the glue after rune r at byte i of text, set in face
// id in style st in a CJK column, given the rune before it (0 at the
// start) and the next. It does not know about line ends (see
// [setter.endGlue]).
func (s *setter) glueAfter(text string, i int, prev, r rune, id fontID, st style) glue {
	em := st.size
	_, n := utf8.DecodeRuneInString(text[i:])
	next, _ := utf8.DecodeRuneInString(text[i+n:])
	if i+n >= len(text) {
		next = 0
	}
	switch {
	case r == ' ':
		if hanText(prev) && latinText(next) || latinText(prev) && hanText(next) {
			return glue{junction*em - s.width(id, ' ', st.size), junctionGive * em, junctionGive * em}
		}
		return glue{0, stretch * em, shrink * em} // between Latin words
	case hanText(r) && latinText(next) && st.attrAt(i+n)&aSup != 0, latinText(r) && hanText(next) && st.attrAt(i)&aSup != 0:
		return glue{} // a footnote number sits close to the text around it
	case hanText(r) && latinText(next), latinText(r) && hanText(next):
		return glue{junction * em, junctionGive * em, junctionGive * em}
	case hanText(r):
		return glue{cut: s.blankBefore(text, i+n, next, st)}
	}
	m := s.markAt(text, i, r, id, st.size)
	if !m.ok {
		return glue{cut: s.blankBefore(text, i+n, next, st)}
	}
	var q punctMark
	if next != 0 {
		q = s.markAt(text, i+n, next, s.pickIn(text, i+n, next, true, st.bold, st.italic), st.size)
	}
	if q.ok {
		// A pair closes up the blank between the inks.
		if cut := min(halfBlank*em, m.after+q.before-inkGap*em); cut >= inkGap*em {
			adv := em - cut // the first mark's advance, its fill included
			return glue{m.fill - cut, max(0, widestPair*em-adv), 0}
		}
		return glue{adj: m.fill}
	}
	// A mark's blank after it may close up in a line too long: all of it
	// when the mark sits at the left of its em (the next character has
	// its own side bearing), down to a fifth of an em when it sits in the
	// middle (、 in a Taiwanese face).
	if m.before > 2*inkGap*em {
		return glue{m.fill, 0, max(0, m.after-2*inkGap*em)}
	}
	return glue{m.fill, 0, m.after}
}

// blankBefore returns how far the blank before the ink of a mark at byte
// i of text, after a character that is no mark, may close up in a line
// too long, down to a fifth of an em: a mark at the right (《) or in the
// middle of its em (、 in a Taiwanese face); a mark at its left has
// none.
func (s *setter) blankBefore(text string, i int, r rune, st style) float64 {
	if r < 0x2018 || r >= 0x4e00 && r < 0xff00 || i >= len(text) {
		return 0 // no mark: the common case, fast
	}
	m := s.markAt(text, i, r, s.pickIn(text, i, r, true, st.bold, st.italic), st.size)
	if !m.ok {
		return 0
	}
	return max(0, m.before-2*inkGap*st.size)
}

// endGlue returns the glue after the last glyph of a line, r at byte i of
// text in face id: a closing mark gives up the blank after its ink, which
// justification may give back.
func (s *setter) endGlue(text string, i int, r rune, id fontID, st style) glue {
	if m := s.markAt(text, i, r, id, st.size); m.ok && m.after > 0 && !openerSet.has(r) {
		return glue{m.fill - m.after, m.after, 0}
	}
	return glue{}
}

// startShift returns how far a line starting with r in face id moves
// left: an opener's blank before its ink.
func (s *setter) startShift(text string, r rune, id fontID, st style) float64 {
	if m := s.markAt(text, 0, r, id, st.size); m.ok && openerSet.has(r) {
		return m.before
	}
	return 0
}

// hangs returns how far a justified line ending in r may reach into the
// margin: the blank after the ink of 。，、 when the style hangs them.
func (s *setter) hangs(text string, i int, r rune, id fontID, st style) float64 {
	if m := s.markAt(text, i, r, id, st.size); st.hangStops && m.stop {
		return m.after
	}
	return 0
}

// cjkParts are the glue sums of a CJK paragraph's atoms, for the line
// breaker: a line of atoms i to j-1 has natural width (besides the
// glyphs' advances) full[j-1]-full[i]+end[j-1]-start[i], and may widen by
// the same sums of grow and narrow by those of cut.
type cjkParts struct {
	full, grow, cut []float64 // prefix sums over whole atoms, trailing spaces included
	end             []glue    // an atom ending a line: the glue of its runes before its trailing spaces, its last glyph's replaced by [setter.endGlue]
	start           []float64 // an atom starting a line: [setter.startShift]
	hang            []float64 // an atom ending a line: [setter.hangs]
}

// cjkGlue computes the glue of the atoms of a paragraph, all, set in a
// CJK column in style st. What it returns is the setter's, and valid until
// its next call.
func (s *setter) cjkGlue(all string, parts []atom, st style) *cjkParts {
	n := len(parts)
	fs := zeroed(&s.cjkScratch.f, 5*n+3)
	if cap(s.ends) < n {
		s.ends = make([]glue, n, 2*n)
	}
	c := &s.parts
	*c = cjkParts{full: fs[:n+1], grow: fs[n+1 : 2*n+2], cut: fs[2*n+2 : 3*n+3],
		end: s.ends[:n], start: fs[3*n+3 : 4*n+3], hang: fs[4*n+3:]}
	off := 0
	var prev rune
	for k, a := range parts {
		body := len(strings.TrimRight(a.text, " "))
		var sum glue
		c.full[k+1], c.grow[k+1], c.cut[k+1] = c.full[k], c.grow[k], c.cut[k]
		for i, r := range a.text {
			id := fSerif // no mark: a Han character needs no face to know
			if !hanText(r) {
				id = s.pickIn(all, off+i, r, true, st.bold, st.italic)
			}
			if i == 0 {
				c.start[k] = s.startShift(a.text, r, id, st)
			}
			g := s.glueAfter(all, off+i, prev, r, id, st)
			c.full[k+1] += g.adj
			c.grow[k+1] += g.grow
			c.cut[k+1] += g.cut
			if i < body {
				_, size := utf8.DecodeRuneInString(a.text[i:])
				if i+size == body {
					g = s.endGlue(all, off+i, r, id, st)
					c.hang[k] = s.hangs(all, off+i, r, id, st)
				}
				sum = glue{sum.adj + g.adj, sum.grow + g.grow, sum.cut + g.cut}
			}
			prev = r
		}
		c.end[k] = sum
		off += len(a.text)
	}
	return c
}

// line returns the glue of a line of atoms i to j-1: the width it adds to
// the glyphs' advances and how far it may grow and shrink. start tells
// whether an opener starting the line moves left.
func (c *cjkParts) line(i, j int, start bool) (adj, grow, cut float64) {
	e := c.end[j-1]
	adj = c.full[j-1] - c.full[i] + e.adj
	if start {
		adj -= c.start[i]
	}
	return adj, c.grow[j-1] - c.grow[i] + e.grow, c.cut[j-1] - c.cut[i] + e.cut
}

// cjkDemerits rates a justified CJK line that is extra pt short of its
// measure (negative: too long), with grow and cut pt of glue and gaps
// character gaps. Taking up the glue is cheap, closing up all of it
// costs a whole stretch ratio; what the glue cannot take is spread over
// the character gaps and costs as if each 0.03 em of it (0.01 em closed
// up) were a whole stretch ratio more (in Latin lines a sixth of an em),
// so that the breaker rather moves characters between lines than
// letter-spaces them.
func cjkDemerits(extra, grow, cut float64, st *style, gaps int) (d, ratio float64) {
	var r float64
	switch {
	case extra >= 0 && extra <= grow+0.001:
		r = 0.5 * extra / max(grow, 0.001)
	case extra >= 0:
		r = 0.5 + (extra-grow)/(0.03*st.size*float64(max(gaps, 1)))
	case -extra <= cut+0.001:
		r = -extra / max(cut, 0.001)
	default:
		r = 1 + (-extra-cut)/(0.01*st.size*float64(max(gaps, 1)))
	}
	b := 10 + 100*r*r*r
	return b * b, r
}

// glueRatio returns how much of a CJK line's glue justification takes:
// the share of its grow (positive) or cut (negative), and what remains
// for the character gaps, in pt.
func (ln *line) glueRatio() (ratio, rest float64) {
	extra := ln.measure - ln.width
	if !ln.cjk || !ln.stretch && extra >= 0 {
		return 0, 0
	}
	switch {
	case extra > 0 && ln.grow > 0:
		g := min(extra, ln.grow)
		return g / ln.grow, extra - g
	case extra < 0 && ln.cut > 0:
		c := min(-extra, ln.cut)
		return -c / ln.cut, extra + c
	}
	return 0, extra
}

// shift returns how far justification moves piece p of a line whose glue
// takes ratio (see [line.glueRatio]), and how much wider it makes the
// glue after the piece's glyph.
func (p *piece) shift(ratio float64) (before, after float64) {
	if ratio >= 0 {
		return ratio * p.growBefore, ratio * p.glue.grow
	}
	return ratio * p.cutBefore, ratio * p.glue.cut
}

// lineGlue returns the glue after each rune of a CJK line's text (set
// in style st in measure pt; last: a paragraph's last line; start: see
// [setter.lineAt]), where the line starts (an opener's shift), and which
// glue is live, that is moves the glyphs after it once the line is
// justified: a glyph with live glue must end its piece, one with glue
// that justification leaves alone (the cut of a line that is not
// tightened) need not.
func (s *setter) lineGlue(text string, st style, measure float64, last, start bool) (x0 float64, gls []glue, live func(glue) bool) {
	gls = s.glues[:0]
	var prev rune
	ln := line{measure: measure, cjk: true, stretch: !last}
	var id fontID
	for i, r := range text {
		var gs float64
		id, gs, _ = s.glyph(text, i, r, true, &st)
		if i == 0 && start {
			x0 = -s.startShift(text, r, id, st)
		}
		var g glue
		if _, n := utf8.DecodeRuneInString(text[i:]); i+n == len(text) {
			g = s.endGlue(text, i, r, id, st)
		} else {
			g = s.glueAfter(text, i, prev, r, id, st)
		}
		gls = append(gls, g)
		ln.width += s.width(id, r, gs) + g.adj
		ln.grow += g.grow
		ln.cut += g.cut
		prev = r
	}
	s.glues = gls
	ln.width += x0
	if !last && st.just == jJustify && ln.width > measure+0.01 {
		_, n := utf8.DecodeLastRuneInString(text)
		ln.measure += s.hangs(text, len(text)-n, prev, id, st)
	}
	ratio, _ := ln.glueRatio()
	return x0, gls, func(g glue) bool {
		return g.adj != 0 || ratio > 0 && g.grow != 0 || ratio < 0 && g.cut != 0
	}
}

// cjkMeasure returns the widest whole number of ems of size that fits in
// w pt, so that a line of Han characters fills its CJK column exactly.
func cjkMeasure(w, size float64) float64 {
	if size <= 0 || w < size {
		return w
	}
	return float64(int(w/size+0.001)) * size
}
