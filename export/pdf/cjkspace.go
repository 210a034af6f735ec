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
//   - of two adjacent full-width punctuation marks, the first gives up the
//     blank half of its em (、《 》《 》。 ），), unless the two blanks face
//     away from each other (an opening mark before a closing one);
//   - an opening mark that starts a line gives up the blank half before it
//     (except after a paragraph's indent), so the line does not look
//     indented; a closing mark that ends a line gives up the blank half
//     after it, which justification may give back;
//   - a line may end with 。，、 hanging half an em into the margin when
//     [style.hangStops] is set.
//
// Justifying a CJK line first takes up these spaces (within 0.2 to 0.3
// em at a junction; a compressed mark of a pair up to 0.75 em; the blank
// half of a closer or stop down to none), and the spaces between Latin
// words;
// only what remains is spread over every character gap. A CJK column is a
// whole number of ems wide (see [cjkMeasure]), so a line of Han
// characters and whole-em punctuation fills it exactly.

// Full-width punctuation by where its blank half lies: openers have it
// before the mark, closers and stops (the pause and stop marks) after it.
// ？ and ！ are not compressed (many faces centre them), nor ·, —— and …….
const (
	openers = "（《「『【〔〈〖〘〚“‘［｛｟"
	closers = "）》」』】〕〉〗〙〛”’］｝｠；："
	stops   = "，。、．"
)

// punctPair reports whether a and b are two punctuation marks that may be
// compressed.
func punctPair(a, b rune) bool {
	const all = openers + closers + stops
	return strings.ContainsRune(all, a) && strings.ContainsRune(all, b)
}

// The adjustable spaces, in ems of the CJK size.
const (
	junction      = 0.25 // between Han and Latin letters or digits
	junctionGive  = 0.05 // how far a junction may stretch or shrink
	halfBlank     = 0.5  // the blank half of a full-width punctuation mark
	fullWidthMark = 0.9  // a mark at least this wide is set on the em (full width)
	pairGive      = 0.25 // how far a compressed mark of a pair may widen again
)

// punct is the kind of a punctuation mark set in a CJK line.
type punct uint8

const (
	pNone  punct = iota
	pOpen        // blank half before the mark
	pClose       // blank half after the mark
	pStop        // a closer that may hang at a line end: 。，、．
)

// asciiStops are the ASCII marks that stand for their full-width forms
// between Han characters (text converted through ASCII often has them):
// they keep their glyph, and so their text, but take a full em as ，；：
// would.
const asciiStops = ",;:"

// mark returns the kind of the rune r at byte i of text set in face id at
// size, and the space that fills its em box after its glyph: pNone unless
// the face is a CJK one (regular or bold) and gives r a full em (a
// proportional quotation mark has no blank half to take away), or r is
// one of asciiStops next to a Han character and not inside a number
// (1,000).
func (s *setter) mark(text string, i int, r rune, id fontID, size float64) (punct, float64) {
	if strings.ContainsRune(asciiStops, r) {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[i+1:])
		if (hanText(prev) || hanText(next)) && !(isDigit(prev) && isDigit(next)) {
			return pStop, max(size-s.width(id, r, size), 0)
		}
		return pNone, 0
	}
	if id != fCJK && id != fCJKBold || s.width(id, r, size) < fullWidthMark*size {
		return pNone, 0
	}
	switch {
	case strings.ContainsRune(stops, r):
		return pStop, 0
	case strings.ContainsRune(openers, r):
		return pOpen, 0
	case strings.ContainsRune(closers, r):
		return pClose, 0
	}
	return pNone, 0
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

func (g glue) zero() bool { return g == glue{} }

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
	case hanText(r) && latinText(next), latinText(r) && hanText(next):
		return glue{junction * em, junctionGive * em, junctionGive * em}
	case hanText(r):
		return glue{}
	}
	p, fill := s.mark(text, i, r, id, st.size)
	if p == pNone {
		return glue{}
	}
	var q punct
	if next != 0 {
		q, _ = s.mark(text, i+n, next, s.fonts.pickIn(text, i+n, next, true, st.bold, st.italic), st.size)
	}
	if p == pOpen && q != pOpen {
		return glue{}
	}
	if q == pNone {
		// A closer's blank half may close up in a line too long.
		return glue{fill, 0, halfBlank * em}
	}
	return glue{fill - halfBlank*em, pairGive * em, 0}
}

// endGlue returns the glue after the last glyph of a line, r at byte i of
// text in face id: a full-width closer gives up its blank half, which
// justification may give back.
func (s *setter) endGlue(text string, i int, r rune, id fontID, st style) glue {
	if p, fill := s.mark(text, i, r, id, st.size); p == pClose || p == pStop {
		return glue{fill - halfBlank*st.size, halfBlank * st.size, 0}
	}
	return glue{}
}

// startShift returns how far a line starting with r in face id moves
// left: an opener's blank half.
func (s *setter) startShift(text string, r rune, id fontID, st style) float64 {
	if p, _ := s.mark(text, 0, r, id, st.size); p == pOpen {
		return halfBlank * st.size
	}
	return 0
}

// hangs returns how far a justified line ending in r may reach into the
// margin: the blank half of 。，、 when the style hangs them.
func (s *setter) hangs(text string, i int, r rune, id fontID, st style) float64 {
	if p, _ := s.mark(text, i, r, id, st.size); st.hangStops && p == pStop {
		return halfBlank * st.size
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

// cjkGlue computes the glue of the atoms of a paragraph set in a CJK
// column in style st.
func (s *setter) cjkGlue(parts []atom, st style) *cjkParts {
	n := len(parts)
	c := &cjkParts{full: make([]float64, n+1), grow: make([]float64, n+1), cut: make([]float64, n+1),
		end: make([]glue, n), start: make([]float64, n), hang: make([]float64, n)}
	var text strings.Builder
	for _, a := range parts {
		text.WriteString(a.text)
	}
	all := text.String()
	off := 0
	var prev rune
	for k, a := range parts {
		body := len(strings.TrimRight(a.text, " "))
		var sum glue
		c.full[k+1], c.grow[k+1], c.cut[k+1] = c.full[k], c.grow[k], c.cut[k]
		for i, r := range a.text {
			id := fSerif // no mark: a Han character needs no face to know
			if !hanText(r) {
				id = s.fonts.pickIn(all, off+i, r, true, st.bold, st.italic)
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
// character gaps. Taking up the glue is cheap; what the glue cannot take
// is spread over the character gaps and costs as if each 0.03 em of it
// were a whole stretch ratio (in Latin lines a sixth of an em), so that
// the breaker rather moves characters between lines than letter-spaces
// them.
func cjkDemerits(extra, grow, cut float64, st style, gaps int) (d, ratio float64) {
	var r float64
	switch {
	case extra >= 0 && extra <= grow+0.001:
		r = 0.5 * extra / max(grow, 0.001)
	case extra >= 0:
		r = 0.5 + (extra-grow)/(0.03*st.size*float64(max(gaps, 1)))
	case -extra <= cut+0.001:
		r = 0.5 * -extra / max(cut, 0.001)
	default:
		r = 0.5 + 2*(-extra-cut)/(0.004*st.size*float64(max(gaps, 1)))
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
		id = s.fonts.pickIn(text, i, r, true, st.bold, st.italic)
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
		ln.width += s.width(id, r, st.size) + g.adj
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
