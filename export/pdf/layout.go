package pdf

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"verso/align"
	"verso/export/pdf/hyph"
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
	indent        float64        // first-line indent, em
	hang          bool           // hanging indent after a list marker
	color         rgb            // text colour
	before, after float64        // space around the block, pt
	hy            *hyph.Patterns // hyphenate justified non-CJK text with these (nil: never)
	left          float64        // indent of every line (lists, quotes), pt
	bars          int            // block-quote depth: rules drawn at the left
	rich          *rich          // inline formatting of the text, or nil
	off           int            // byte of rich's text where the text measured or set starts
	hangStops     bool           // CJK: 。，、 ending a justified line may hang into the margin
}

// styleFor returns the style of a kind of segment set in CJK or Latin type.
// CJK body text is 10.5 pt on 18 pt with a two-em indent; Latin body text
// is 10 pt on 13.5 pt. Every leading and every space around a block is a
// multiple of [grid], so that the baselines of both columns keep to one
// grid (every fourth Latin line on every third CJK one).
func styleFor(k align.Kind, cjk bool) style {
	if cjk {
		switch k {
		case align.KindTitle:
			return style{size: 21, lead: 31.5, bold: true, just: jCenter}
		case align.KindHeading:
			return style{size: 13.5, lead: 22.5, bold: true, just: jCenter, after: 9}
		case align.KindItem:
			return style{size: 10.5, lead: 18, hang: true, after: 4.5}
		case align.KindDate:
			return style{size: 10.5, lead: 18, just: jRight, before: 4.5}
		case align.KindNote:
			return style{size: 9, lead: 13.5, just: jRight, color: gray(90)}
		}
		return style{size: 10.5, lead: 18, indent: 2, after: 4.5}
	}
	switch k {
	case align.KindTitle:
		return style{size: 17, lead: 22.5, bold: true, just: jCenter}
	case align.KindHeading:
		return style{size: 11.5, lead: 18, bold: true, just: jCenter, after: 9}
	case align.KindItem:
		return style{size: 10, lead: 13.5, hang: true, after: 4.5}
	case align.KindDate:
		return style{size: 10, lead: 13.5, italic: true, just: jRight, before: 4.5}
	case align.KindNote:
		return style{size: 9, lead: 13.5, italic: true, just: jRight, color: gray(90)}
	}
	return style{size: 10, lead: 13.5, after: 4.5}
}

// rgb is a colour, 0 to 255 in each channel.
type rgb [3]uint8

// gray returns the gray of level g (0 black, 255 white).
func gray(g uint8) rgb { return rgb{g, g, g} }

// red is the colour of the DRAFT mark.
var red = rgb{200, 30, 30}

// piece is a run of characters in one face, placed at a natural offset
// from the start of its line.
type piece struct {
	font   fontID
	fake   bool   // synthetic bold (a CJK face without a bold weight)
	glued  bool   // no justification space between its glyphs (——)
	dash   bool   // a run of glued em dashes (——), drawn as one rule
	hyphen bool   // the hyphen that ends a line broken inside a word
	text   string // never empty; ends at most in spaces
	a      attr   // inline formatting
	size   float64
	x, w   float64 // natural offset and width
	gaps   int     // justifiable gaps before the piece's first glyph, its own included
	spaces int     // justifiable spaces before the piece in the line
	n      int     // glyphs in the piece

	// CJK spacing (see cjkspace.go): the glue after the piece's glyph when
	// it moves what follows (the piece then has that one glyph), and the
	// sums of the line's glue before the piece.
	glue                  glue
	growBefore, cutBefore float64
}

// line is one set line of a block.
type line struct {
	pieces        []piece
	tag           int     // the structure element the line belongs to (see structTree); 0: an artifact
	width         float64 // natural width, without trailing spaces
	indent        float64 // left offset in the column
	measure       float64 // width available after indent
	chars, spaces int     // glyphs and justifiable interior spaces
	gaps          int     // gaps between glyphs that justification may widen
	stretch       bool    // justified
	cjk           bool    // justify between characters, not words
	size, lead    float64
	color         rgb
	just          justify
	tint          float64 // placeholder: width of the tinted background, from the column's edge
	bars          int     // block-quote depth (see style.bars)
	rich          *rich   // the links of the pieces' attrs
	grow, cut     float64 // CJK: how far the line's glue may widen or narrow it
}

// setter lays out blocks for one edition.
type setter struct {
	fonts   *Fonts
	used    [nFonts]bool
	tofus   map[rune]bool
	hyphens map[hyphKey][]int // the breaks of the words hyphenated so far
	glues   []glue            // reused by lineGlue
	scratch scratch           // reused by breakLines
	memo    *breakMemo        // the breaks of the paragraphs set, when recorded (see [Write])
	pieces  []piece           // reused by lineAt
	runsOf  *rich             // the rich text whose run runAt attrAt found last
	runAt   int
	atoms   []atom    // reused by breaks
	widths  []float64 // reused by fitAtoms
	light   bool      // build sets lines without their pieces (see lightLines)
	// reused by cjkGlue
	cjkScratch scratch
	ends       []glue
	parts      cjkParts
	inks       map[rune][3]int // the ink of CJK punctuation: x0, x1, known (see inkOf)
	// picks caches [Fonts.pick] for BMP characters: by column (CJK or
	// not), bold and italic, the face's ID plus one (0: not yet picked).
	picks [8]*[0x10000]uint8
}

// scratch is the memory the line breaker reuses from one paragraph to
// the next, so that a paragraph costs no allocation of it.
type scratch struct {
	f []float64
	i []int
	r []uint16
}

// zeroed returns n zero values from buf, which it grows (to twice n) when
// it is too short, so that a setter reuses its scratch arrays.
func zeroed[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n, 2*n)
	}
	*buf = (*buf)[:n]
	clear(*buf)
	return *buf
}

// hyphKey is a word hyphenated with some patterns.
type hyphKey struct {
	p    *hyph.Patterns
	word string
}

// width returns the advance of r in face id at size, in pt.
func (s *setter) width(id fontID, r rune, size float64) float64 {
	if id == fTofu {
		return size
	}
	if id == fHidden {
		return 0
	}
	return float64(s.fonts.advance(id, r)) * size / 1000
}

// set breaks text into lines of the given measure in the style. cjk tells
// whether the column's language is set in CJK type.
func (s *setter) set(text string, st style, measure float64, cjk bool) []line {
	return s.setPrepared(prepare(text), st, measure, cjk)
}

// setPrepared sets a text already prepared (see [prepare] and
// [prepareRich]).
func (s *setter) setPrepared(text string, st style, measure float64, cjk bool) []line {
	if text == "" {
		return nil
	}
	hang := st.left
	fixed := 0 // bytes of a hanging list marker, kept at its natural width
	if st.hang {
		m := marker(text)
		if st.rich != nil && st.rich.prefix > 0 {
			m = text[:st.rich.prefix]
		}
		hang += s.measure(m, st, cjk)
		fixed = len(m)
	}
	first := st.left + st.indent*st.size
	if brks, ok := s.memo.replay(text, measure); ok {
		return s.build(text, brks, st, measure, first, hang, fixed, cjk)
	}
	brks := s.breaks(text, st, measure, first, hang, fixed, cjk)
	s.memo.record(text, measure, brks)
	return s.build(text, brks, st, measure, first, hang, fixed, cjk)
}

// breaks returns where the lines of text, prepared, end (see
// [setter.setPrepared]).
func (s *setter) breaks(text string, st style, measure, first, hang float64, fixed int, cjk bool) []lineBreak {
	s.atoms = appendAtoms(s.atoms[:0], text)
	as := breakURLs(s.atoms)
	if st.just == jCenter {
		as = s.words(as, cjk) // headings and titles break between words
	}
	hyphenate := st.hy != nil && !cjk && st.just == jJustify
	if hyphenate {
		// TeX's two passes: hyphenate only a paragraph that cannot be set
		// without lines looser than tolerable.
		parts, ws := s.fitAtoms(as, st, min(measure-first, measure-hang), cjk)
		if brks := s.breakLines(text, parts, ws, st, measure, first, hang, fixed, cjk, pretolerance); brks != nil {
			return brks
		}
		as = s.hyphenate(as, st)
	}
	parts, ws := s.fitAtoms(as, st, min(measure-first, measure-hang), cjk)
	return s.breakLines(text, parts, ws, st, measure, first, hang, fixed, cjk, math.Inf(1))
}

// breakLines breaks parts, the atoms of text, widths their widths
// without trailing spaces (NaN: not measured yet), in lines, choosing the
// breaks that minimize the total demerits of the lines (after Knuth and
// Plass), and returns where the lines end. It returns nil when the
// loosest line would have a stretch (or shrink) ratio over tolerance.
func (s *setter) breakLines(text string, parts []atom, widths []float64, st style, measure, first, hang float64, fixed int, cjk bool, tolerance float64) []lineBreak {
	n := len(parts)
	const states = 4 * (maxHyphens + 1)
	floats := zeroed(&s.scratch.f, 2*n+1+2*states*(n+1))
	full := floats[:n+1]        // prefix sums of widths, trailing spaces included
	body := floats[n+1 : 2*n+1] // widths without trailing spaces
	ints := zeroed(&s.scratch.i, 5*n+3+states*(n+1))
	runes := ints[:n+1]          // prefix sums of characters
	spaces := ints[n+1 : 2*n+2]  // prefix sums of justifiable trailing spaces
	gaps := ints[2*n+2 : 3*n+3]  // prefix sums of justifiable gaps (see justifiable)
	lead := ints[3*n+3 : 4*n+3]  // the gap before a part's first glyph is justifiable
	trail := ints[4*n+3 : 5*n+3] // justifiable gaps before a part's trailing spaces
	off := 0
	var prev rune
	for k, a := range parts {
		b := strings.TrimRight(a.text, " ")
		if body[k] = widths[k]; math.IsNaN(body[k]) {
			body[k] = s.measure(b, st.from(off), cjk)
		}
		full[k+1] = full[k] + body[k] + s.measure(a.text[len(b):], st.from(off+len(b)), cjk)
		runes[k+1] = runes[k] + utf8.RuneCountInString(b)
		spaces[k+1] = spaces[k]
		gaps[k+1] = gaps[k]
		for i, r := range a.text {
			if justifiable(prev, r, off+i, fixed) {
				gaps[k+1]++
				if i == 0 {
					lead[k] = 1
				}
				if i >= len(b) {
					trail[k]++
					spaces[k+1]++
				}
			}
			prev = r
		}
		off += len(a.text)
	}
	var cp *cjkParts
	if cjk {
		cp = s.cjkGlue(text, parts, st)
	}
	// best[states*j+4*h+f] is the least cost of setting parts[:j] with its
	// last h lines hyphenated (at most maxHyphens in a row) and its last
	// line of fitness f (see fitness).
	best := floats[2*n+1 : 2*n+1+states*(n+1)]
	from := ints[5*n+3:]
	ratio := floats[2*n+1+states*(n+1):] // the loosest line's stretch ratio
	for k := range best {
		best[k] = math.Inf(1)
	}
	reached := zeroed(&s.scratch.r, n+1) // bit s: best[states*j+s] is finite
	best[decent], reached[0] = 0, 1<<decent
	for j := 1; j <= n; j++ {
		last := j == n || parts[j-1].hard
		hy := parts[j-1].hyph && !last
		for i := j - 1; i >= 0; i-- {
			if i < j-1 && parts[i].hard {
				break // a mandatory break inside the line
			}
			avail := measure - hang
			if i == 0 {
				avail = measure - first
			}
			w := full[j-1] - full[i] + body[j-1]
			if hy {
				w += parts[j-1].hw
			}
			chars := runes[j] - runes[i]
			g := gaps[j] - gaps[i] - lead[i] - trail[j-1]
			var grow, cut float64
			if cp != nil {
				var adj float64
				adj, grow, cut = cp.line(i, j, i > 0 || first == 0)
				w += adj
				if h := cp.hang[j-1]; h > 0 && !last && w > avail+0.01 && st.just == jJustify {
					avail += h // 。，、 hangs
				}
			}
			slack := 0.0
			if cjk && st.just == jJustify {
				// CJK lines may close up their glue, and as a last resort
				// tighten by up to 4% of an em between characters rather
				// than leave a loose line when kinsoku pushes a character
				// down.
				slack = cut + 0.04*st.size*float64(g)
			} else if !cjk && st.just == jJustify {
				// Latin lines may close up their spaces a little.
				slack = shrink * st.size * float64(spaces[j-1]-spaces[i])
			}
			if w > avail+slack+0.01 && i < j-1 {
				break
			}
			sp := spaces[j-1] - spaces[i]
			soft := parts[j-1].soft && !last
			if soft {
				// A line broken inside a web address is set flush left,
				// rated as if it had a space every four characters.
				sp += chars / 4
				g += chars / 4
			}
			var d, r float64
			if cp != nil && st.just == jJustify && (!last || w > avail) && !soft {
				d, r = cjkDemerits(avail-w, grow, cut, &st, g)
			} else {
				d, r = demerits(avail-w, &st, g, sp, cjk, last)
			}
			if last && i > 0 && cjk && st.just == jJustify && chars < 3 {
				d += runt
			}
			if hy {
				d += hyphenDemerits
			}
			f := decent
			if !cjk && !last && st.just == jJustify {
				f = fitness(avail-w, r)
			}
			for m := reached[i]; m != 0; m &= m - 1 {
				ps := bits.TrailingZeros16(m)
				prev := best[states*i+ps]
				h, pf := ps/4, ps%4
				c, nh := prev+d, 0
				if hy {
					nh = h + 1
					if nh > maxHyphens {
						continue
					}
					if h > 0 {
						c += doubleHyphenDemerits
					}
				}
				if last && h > 0 {
					c += finalHyphenDemerits
				}
				if pf-f > 1 || f-pf > 1 {
					c += adjDemerits
				}
				if k := states*j + 4*nh + f; c < best[k] {
					best[k], from[k] = c, states*i+ps
					ratio[k] = max(ratio[states*i+ps], r)
					reached[j] |= 1 << (4*nh + f)
				}
			}
		}
	}
	end := states * n
	for k := states * n; k < states*(n+1); k++ {
		if best[k] < best[end] {
			end = k
		}
	}
	if ratio[end] > tolerance {
		return nil
	}
	nb := 0
	for k := end; k >= states; k = from[k] {
		nb++
	}
	brks := make([]lineBreak, nb)
	for k := end; k >= states; k = from[k] {
		nb--
		j := k / states
		last := j == n || parts[j-1].hard
		brks[nb] = lineBreak{at: j, loose: last || parts[j-1].soft, hyphen: parts[j-1].hyph && !last}
	}
	// From atoms to bytes.
	j, pos := 0, 0
	for k := range brks {
		for ; j < brks[k].at; j++ {
			pos += len(parts[j].text)
		}
		brks[k].at = pos
	}
	return brks
}

// lineBreak is where a line of a paragraph ends, and how.
type lineBreak struct {
	at     int  // the byte of the paragraph's text after the line
	loose  bool // the line is not justified: the paragraph's last, or broken inside a web address
	hyphen bool // the line ends inside a word, with a hyphen
}

// build sets the lines of text, prepared, that end at brks (see
// [setter.breakLines]); first and hang are the indents of the first line
// and the others, fixed the bytes of a hanging marker.
func (s *setter) build(text string, brks []lineBreak, st style, measure, first, hang float64, fixed int, cjk bool) []line {
	if s.light {
		return s.lightLines(text, brks, st, measure, first, hang, cjk)
	}
	lines := make([]line, 0, len(brks))
	pos := 0 // byte of the line's start in the text
	for k, b := range brks {
		indent, fix := hang, 0
		if k == 0 {
			indent, fix = first, fixed
		}
		ln := s.lineAt(text[pos:b.at], st.from(pos), indent, measure-indent, cjk, b.loose, fix, k > 0 || first == 0)
		pos = b.at
		if b.hyphen {
			s.addHyphen(&ln, st)
		}
		lines = append(lines, ln)
	}
	if st.just != jJustify {
		for i := range lines {
			lines[i].stretch = false
		}
	}
	return lines
}

// lightLines returns the lines of [setter.build] as far as the page
// layout reads them, to count and place them, without their pieces: a
// layout that keeps of its pages only their running heads, to be laid
// out again (see [Write]), needs no more. It marks the faces the lines
// use, and the characters that are tofu, as [setter.lineAt] does.
func (s *setter) lightLines(text string, brks []lineBreak, st style, measure, first, hang float64, cjk bool) []line {
	lines := make([]line, len(brks))
	pos := 0
	for k, b := range brks {
		indent := hang
		if k == 0 {
			indent = first
		}
		lines[k] = line{indent: indent, measure: measure - indent, size: st.size, lead: st.lead, color: st.color,
			just: st.just, cjk: cjk, stretch: !b.loose && st.just == jJustify, bars: st.bars, rich: st.rich}
		t, lst := strings.TrimRight(text[pos:b.at], " "), st.from(pos)
		id := serifFor(st.bold, st.italic) // of the hyphen, if the line has one: that of its last character
		for i, r := range t {
			id, _, _ = s.glyph(t, i, r, cjk, &lst)
			s.used[id] = true
			if id == fTofu {
				if s.tofus == nil {
					s.tofus = map[rune]bool{}
				}
				s.tofus[r] = true
			}
		}
		if b.hyphen {
			if id == fTofu {
				id = serifFor(st.bold, st.italic)
			}
			s.used[id] = true
		}
		pos = b.at
	}
	return lines
}

// The spaces of a justified Latin line: stretching each by stretch (in
// ems) has a stretch ratio of 1 (badness 100, as in TeX, whose spaces
// stretch by about a sixth of an em); a line may close them up by at most
// shrink (Liberation Serif's quarter-em space down to 0.18 em), at a cost
// rising as for stretching.
const (
	stretch = 0.15
	shrink  = 0.07
)

// Hyphenation, after TeX: a paragraph whose lines can all be set with
// a stretch ratio of at most pretolerance (spaces about 0.37 em) is not
// hyphenated. Otherwise a line that ends in a hyphen costs hyphenDemerits
// (a \hyphenpenalty of 200, squared: TeX's 50 hyphenates every other line
// of a narrow Russian column), a second in a row doubleHyphenDemerits
// more, and a paragraph whose last full line ends in a hyphen
// finalHyphenDemerits more; no more than maxHyphens lines in a row end in
// one, and no word shorter than minHyphenate letters is broken.
const (
	pretolerance         = 0.8
	hyphenDemerits       = 200 * 200
	doubleHyphenDemerits = 40000
	finalHyphenDemerits  = 20000
	maxHyphens           = 2
	minHyphenate         = 5 // letters of the shortest word hyphenated
)

// The fitness classes of justified Latin lines, after TeX: a line whose
// neighbour is more than one class apart costs adjDemerits more, so that
// a tight line does not sit by a loose one.
const (
	veryLoose = iota // stretch ratio over 1
	loose            // over 0.5
	decent
	tight // shrink ratio over 0.5

	adjDemerits = 10000
)

// fitness returns the class of a line extra pt short of its measure
// (negative: closed up), of stretch or shrink ratio r.
func fitness(extra, r float64) int {
	switch {
	case extra < 0 && r > 0.5:
		return tight
	case extra < 0:
		return decent
	case r > 1:
		return veryLoose
	case r > 0.5:
		return loose
	}
	return decent
}

// hyphenate splits the atoms of a paragraph at the hyphenation points of
// their words (see [hyphenatable]), the fragments before each point
// marked to end a line with a hyphen. The last word of the paragraph, and
// of each line ended by a mandatory break, is not hyphenated.
func (s *setter) hyphenate(as []atom, st style) []atom {
	out := make([]atom, 0, 2*len(as))
	off := 0
	for k, a := range as {
		at := off
		off += len(a.text)
		if a.hard || k == len(as)-1 {
			out = append(out, a)
			continue
		}
		start, end := hyphenatable(a.text)
		if ast := st.from(at); end-start == 0 || inCompound(as, k) || ast.attrAt(start)&aCode != 0 { // code keeps its words whole
			out = append(out, a)
			continue
		}
		word := a.text[start:end]
		key := hyphKey{st.hy, word}
		hs, ok := s.hyphens[key]
		if !ok {
			if s.hyphens == nil {
				s.hyphens = map[hyphKey][]int{}
			}
			hs = st.hy.Hyphenate(word)
			s.hyphens[key] = hs
		}
		last := 0
		for _, h := range hs {
			h += start
			b := a.text[last:h]
			r, _ := utf8.DecodeLastRuneInString(b)
			ast := st.from(at)
			id, _, _ := s.glyph(a.text, h-1, r, false, &ast)
			if id == fTofu || id == fHidden {
				id = serifFor(st.bold, st.italic)
			}
			out = append(out, atom{text: b, hyph: true, hw: s.width(id, '-', st.size)})
			last = h
		}
		out = append(out, atom{text: a.text[last:]})
	}
	return out
}

// compoundHyphens are the hyphens that join the parts of a compound
// (epidemic-prevention): hyphen-minus, hyphen and the non-breaking hyphen.
const compoundHyphens = "-\u2010\u2011"

// inCompound reports whether atom k of as is part of a hyphenated
// compound: it ends in a hyphen, or follows one with no space between. A
// compound breaks only at its own hyphens (UAX #14 already allows a break
// after each), never inside one of its parts ("epidemic-preven-tion").
func inCompound(as []atom, k int) bool {
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(as[k].text, " ")); compoundSet.has(r) {
		return true
	}
	if k == 0 || strings.HasSuffix(as[k-1].text, " ") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(as[k-1].text)
	return compoundSet.has(r)
}

// hyphenatable returns the bytes of the word in atom a that may be
// hyphenated: the atom without the punctuation and spaces around it, when
// it is a word of at least minHyphenate Latin or Cyrillic letters with a
// lowercase one (not an acronym such as COVID), and the atom holds no
// digit and is no address (http://, www., @, /). Otherwise start == end.
func hyphenatable(a string) (start, end int) {
	if strings.ContainsAny(a, "0123456789/@") || strings.Contains(a, "www.") {
		return 0, 0
	}
	start, end = 0, len(a)
	for start < end {
		r, n := utf8.DecodeRuneInString(a[start:])
		if unicode.IsLetter(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(a[:end])
		if unicode.IsLetter(r) {
			break
		}
		end -= n
	}
	letters, lower := 0, false
	for _, r := range a[start:end] {
		if !unicode.In(r, unicode.Latin, unicode.Cyrillic) || !unicode.IsLetter(r) {
			return 0, 0
		}
		letters++
		lower = lower || unicode.IsLower(r)
	}
	if letters < minHyphenate || !lower {
		return 0, 0
	}
	return start, end
}

// addHyphen ends a line broken inside a word with a hyphen in the face of
// the word's last letter.
func (s *setter) addHyphen(ln *line, st style) {
	id := serifFor(st.bold, st.italic)
	if k := len(ln.pieces); k > 0 && ln.pieces[k-1].font != fTofu {
		id = ln.pieces[k-1].font
	}
	s.used[id] = true
	ln.pieces = append(ln.pieces, piece{font: id, hyphen: true, text: "-", x: ln.width,
		gaps: ln.gaps, spaces: ln.spaces, n: 1})
	ln.width += s.width(id, '-', st.size)
	ln.chars++
}

// fitAtoms splits atoms wider than the measure (a long URL or word)
// between grapheme clusters, keeping every character; spaces stay with the
// cluster before them. It also returns the width of each atom returned
// without its trailing spaces, NaN for the clusters of one split, valid
// until its next call.
func (s *setter) fitAtoms(as []atom, st style, measure float64, cjk bool) ([]atom, []float64) {
	var out []atom // nil while every atom fits
	ws := s.widths[:0]
	off := 0
	for k, a := range as {
		at := off
		off += len(a.text)
		if w := s.measure(strings.TrimRight(a.text, " "), st.from(at), cjk); w <= measure+0.01 {
			if out != nil {
				out = append(out, a)
			}
			ws = append(ws, w)
			continue
		}
		if out == nil {
			out = append(make([]atom, 0, len(as)+len(a.text)), as[:k]...)
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
		out[len(out)-1].hyph, out[len(out)-1].hw = a.hyph, a.hw
		for range out[start:] {
			ws = append(ws, math.NaN()) // measured by the line breaker
		}
	}
	s.widths = ws
	if out == nil {
		return as, ws
	}
	return out, ws
}

// justifiable reports whether justification may add space before r, at
// byte offset off of a paragraph, after prev: not before the paragraph's
// first glyph, nor inside or after a hanging marker of fixed bytes (the
// marker and its space keep their width, so the text after it lines up
// with the turned lines), nor between glued characters.
func justifiable(prev, r rune, off, fixed int) bool {
	return off > fixed && !glued(prev, r) && !isIgnorable(r)
}

// glued reports whether no space may be added between a and b: they are
// the halves of —— or …… (one mark), or neither is CJK nor a space, so
// that CJK justification spaces neither a number (2020年) nor a Latin word,
// or they meet at a junction of Han and Latin (its quarter em is glue),
// or they are two punctuation marks (compressed, see cjkspace.go).
func glued(a, b rune) bool {
	return double(a, b) || !isWide(a) && !isWide(b) && a != ' ' && b != ' ' ||
		hanText(a) && latinText(b) || latinText(a) && hanText(b) || // a junction has glue of its own
		punctPair(a, b) // and so has a pair of marks
}

// double reports whether a and b are the two halves of —— or …….
func double(a, b rune) bool { return a == b && (a == '—' || a == '…') }

// demerits rates a line that is extra pt short of its measure (negative:
// tightened), with gaps justifiable gaps and spaces interior spaces: the square
// of a constant plus Knuth's badness, 100 times the cube of the stretch
// ratio, and that ratio. Justified Latin lines stretch their spaces (see
// stretch) or close them up (see shrink), CJK lines every character gap
// (by up to 0.15 em); tightening a CJK line costs more than loosening it.
// The last line of a
// paragraph costs nothing unless tightened, except in centred text
// (titles, headings), whose lines are balanced: no word or character is
// left alone on a last line.
func demerits(extra float64, st *style, gaps, spaces int, cjk, last bool) (d, ratio float64) {
	var r float64
	switch {
	case extra < 0 && !cjk && spaces > 0:
		r = -extra / (shrink * st.size * float64(spaces))
	case extra < 0:
		r = 2 * -extra / (0.04 * st.size * float64(max(gaps, 1)))
	case st.just == jCenter:
		r = extra / st.size
	case last:
		return 0, 0
	case cjk:
		r = extra / (0.15 * st.size * float64(max(gaps, 1)))
	case spaces > 0:
		r = extra / (stretch * st.size * float64(spaces))
	default:
		r = 10 * extra / st.size
	}
	b := 10 + 100*r*r*r
	return b * b, r
}

// runt is the demerits of a CJK paragraph's last line of fewer than three
// characters (情。 alone): more than a line letter-spaced by a tenth of an
// em (see [cjkDemerits]), so that the breaker rather pulls characters down
// from the lines above or closes them up.
const runt = 1e9

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
	for i, r := range text {
		id, size, _ := s.glyph(text, i, r, cjk, &st)
		w += s.width(id, r, size)
	}
	return w
}

// line builds one line from its text: pieces split where the face changes,
// after every run of spaces and where the gaps between glyphs change from
// justifiable to fixed (see [justifiable]), so that a justified line can
// place each word and space each piece's glyphs evenly. The first fixed
// bytes (a hanging marker) keep their natural width.
func (s *setter) line(text string, st style, indent, measure float64, cjk, last bool, fixed int) line {
	return s.lineAt(text, st, indent, measure, cjk, last, fixed, true)
}

// lineAt is [setter.line] for a line that may (start) or may not (after
// a paragraph's indent) move an opening mark that starts it left by its
// blank half.
func (s *setter) lineAt(text string, st style, indent, measure float64, cjk, last bool, fixed int, start bool) line {
	text = strings.TrimRight(text, " ")
	ln := line{indent: indent, measure: measure, size: st.size, lead: st.lead, color: st.color,
		just: st.just, cjk: cjk, stretch: !last, bars: st.bars, rich: st.rich}
	pieces := s.pieces[:0] // the line's pieces, copied out at the end
	var p *piece
	pstart := 0 // the byte of text where p starts
	x := 0.0
	var gls []glue
	live := func(glue) bool { return false }
	if cjk {
		x, gls, live = s.lineGlue(text, st, measure, last, start)
	}
	prevSpace, prevGlue := false, false
	var prev rune
	var id fontID
	k := -1
	for i, r := range text {
		k++
		var gs float64
		var a attr
		id, gs, a = s.glyph(text, i, r, cjk, &st)
		var gl glue
		if cjk {
			gl = gls[k]
		}
		s.used[id] = true
		if id == fTofu {
			if s.tofus == nil {
				s.tofus = map[rune]bool{}
			}
			s.tofus[r] = true
		}
		j := justifiable(prev, r, i, fixed)
		if j {
			ln.gaps++
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		next, _ := utf8.DecodeRuneInString(text[i+size:])
		dash := r == '—' && (double(prev, r) || double(r, next))
		if p == nil || p.font != id || prevSpace && r != ' ' || id == fTofu || p.n > 1 && p.glued == j || p.dash != dash ||
			prevGlue || live(gl) || p.a != a {
			pieces = append(pieces, piece{font: id, fake: (st.bold || a&aStrong != 0) && id == fCJK, dash: dash, x: x,
				gaps: ln.gaps, spaces: ln.spaces, a: a, size: gs, growBefore: ln.grow, cutBefore: ln.cut})
			p = &pieces[len(pieces)-1]
			pstart = i
		} else if p.n == 1 {
			p.glued = !j
		}
		p.text = text[pstart : i+size]
		p.n++
		ln.chars++
		if r == ' ' && i >= fixed {
			ln.spaces++
		}
		prevSpace = r == ' '
		prev = r
		x += s.width(id, r, gs) + gl.adj
		p.w = x - p.x
		ln.grow += gl.grow
		ln.cut += gl.cut
		if prevGlue = live(gl); prevGlue {
			p.glue = gl
		}
	}
	s.pieces = pieces
	if len(pieces) > 0 {
		ln.pieces = slices.Clone(pieces)
	}
	ln.width = x
	if cjk && !last && st.just == jJustify && ln.width > measure+0.01 {
		_, n := utf8.DecodeLastRuneInString(text)
		ln.measure += s.hangs(text, len(text)-n, prev, id, st)
	}
	return ln
}

// spacing returns the extra space after each glyph and after each space
// that justifies the line.
func (ln *line) spacing() (cs, ws float64) {
	if ln.cjk && (ln.grow > 0 || ln.cut > 0) {
		// Glue first; the character gaps take what it cannot, closing
		// up by no more than the breaker allows (a line that cannot fit
		// stays overfull rather than overprint its characters).
		if _, rest := ln.glueRatio(); rest != 0 && ln.gaps > 0 {
			return max(rest/float64(ln.gaps), -0.04*ln.size), 0
		}
		return 0, 0
	}
	extra := ln.measure - ln.width
	if extra < 0 && !ln.cjk && ln.spaces > 0 {
		return 0, extra / float64(ln.spaces) // a tightened Latin line
	}
	if extra < 0 && ln.gaps > 0 {
		return max(extra/float64(ln.gaps), -0.04*ln.size), 0 // a tightened CJK line
	}
	if !ln.stretch {
		return 0, 0
	}
	if ln.cjk {
		if ln.gaps > 0 {
			return extra / float64(ln.gaps), 0
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
