package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"verso/align"
	"verso/export/apparatus"
	"verso/export/pdf/hyph"
)

// edition is one bilingual edition being typeset.
type edition struct {
	cov           *align.Coverage
	opts          Options
	s             *setter
	pg            paginator
	srcCJK, trCJK bool
	srcHy, trHy   *hyph.Patterns // hyphenation of each column's language, or nil
	srcTitle      string         // titles for the title page, header and metadata
	trTitle       string
	common        [2]string // what every section heading starts with: source, translation
	ends          [2]string // what every section heading ends with
	placeholders  []string
	top           int                             // the top heading level (see [edition.rel])
	brk           int                             // headings of this relative level or above start a page (see [edition.breakLevel])
	notes         footnoteMarks                   // footnote numbers by label
	noteStart     map[*align.Segment]bool         // the first segment of each footnote
	inlines       map[*align.Segment]align.Inline // the source segments\' inline text (Markdown), read once
	trInlines     map[*align.Segment]textInline   // and their translations'
	srcWords      *apparatus.Words                // verso's own words in the source language
	trWords       *apparatus.Words                // and in the translation's
	tags          structTree                      // the logical structure, for a tagged PDF
}

// unit is a segment with the text printed for its translation.
type unit struct {
	seg         *align.Segment
	tr          string
	placeholder bool
	words       int // a draft's stale translation: the bytes of tr before it, verso's words
}

func isCJKLang(lang string) bool {
	b, _ := language.Make(lang).Base()
	switch b.String() {
	case "zh", "ja", "ko":
		return true
	}
	return false
}

func newEdition(cov *align.Coverage, opts Options) *edition {
	ed := &edition{cov: cov, opts: opts, s: &setter{fonts: opts.Fonts},
		srcCJK: isCJKLang(cov.Doc.Lang), trCJK: isCJKLang(cov.Locale),
		srcWords: apparatus.For(cov.Doc.Lang), trWords: apparatus.For(cov.Locale)}
	if !ed.srcCJK {
		ed.srcHy = opts.patterns(cov.Doc.Lang)
	}
	if !ed.trCJK {
		ed.trHy = opts.patterns(cov.Locale)
	}
	ed.srcTitle = cov.Doc.Title()
	ed.trTitle = ed.srcTitle
	for _, it := range cov.Items {
		if it.Index >= 0 && cov.Doc.Segments[it.Index].Kind == align.KindTitle {
			ed.srcTitle = ed.plain(cov.Doc.Segments[it.Index].Text)
			ed.trTitle = ed.srcTitle
			if it.State == align.Translated {
				ed.trTitle = ed.plain(it.Tr.Text)
			}
			break
		}
	}
	return ed
}

// units returns the segments with their translations or placeholders.
func (ed *edition) units() []unit {
	out := make([]unit, 0, len(ed.cov.Doc.Segments))
	for _, it := range ed.cov.Items {
		if it.Index < 0 {
			continue
		}
		u := unit{seg: &ed.cov.Doc.Segments[it.Index]}
		switch it.State {
		case align.Translated:
			u.tr = it.Tr.Text
		case align.Stale:
			u.placeholder = true
			if ed.opts.Draft {
				u.tr = ed.trWords.Outdated(it.ID) + " "
				u.words = len(u.tr)
				u.tr += it.Tr.Text
			} else {
				u.tr = ed.trWords.Outdated("")
			}
		default:
			u.placeholder = true
			u.tr = ed.trWords.Missing("")
			if ed.opts.Draft {
				u.tr = ed.trWords.Missing(it.ID)
			}
		}
		if u.placeholder {
			ed.placeholders = append(ed.placeholders, it.ID)
		}
		out = append(out, u)
	}
	return out
}

// srcShare splits the column width in proportion to the area each
// language's text needs, within 38% to 62%, so both columns run about as
// long.
func (ed *edition) srcShare(units []unit) float64 {
	var a, b float64
	for _, u := range units {
		if u.placeholder {
			continue
		}
		st, tt := styleFor(u.seg.Kind, ed.srcCJK), styleFor(u.seg.Kind, ed.trCJK)
		a += ed.s.measure(u.seg.Text, st, ed.srcCJK) * st.lead / st.size
		b += ed.s.measure(u.tr, tt, ed.trCJK) * tt.lead / tt.size
	}
	if a+b == 0 {
		return 0.5
	}
	return min(max(a/(a+b), 0.38), 0.62)
}

// typeset lays the edition out on pages. With done nil it keeps every
// page in ed.pg.pages; otherwise it hands each page to done as soon as it
// is finished and keeps none (see [paginator.hand]). Laying out again
// gives the same pages; elems is the number of structure elements the
// layout makes when it was laid out before, else 0 (see [structTree.reset]).
func (ed *edition) typeset(done func(*page), elems int) {
	ed.placeholders = nil
	ed.tags.reset(elems)
	units := ed.units()
	share := 0.5
	if ed.opts.Layout == Columns {
		share = ed.srcShare(units)
	}
	ed.pg = paginator{g: newGeom(ed.opts.Paper, share), done: done}
	g := &ed.pg.g
	g.wholeEms(ed.srcCJK, ed.trCJK)
	ed.pg.newPage()
	ed.pg.cur().title = true
	ed.pg.cur().head = [2]string{ed.srcTitle, ed.trTitle}
	ed.pg.head = ed.pg.cur().head
	ed.top = topLevel(ed.cov.Doc)
	ed.tags.top = ed.top
	ed.brk = ed.breakLevel(units)
	ed.titleBlock(units)
	var heads [2][]string
	for _, u := range units {
		if u.seg.Kind == align.KindHeading && !u.placeholder {
			heads[0] = append(heads[0], ed.plain(u.seg.Text))
			heads[1] = append(heads[1], ed.plain(u.tr))
		}
	}
	ed.common = [2]string{commonStart(heads[0]), commonStart(heads[1])}
	ed.ends = [2]string{commonEnd(heads[0]), commonEnd(heads[1])}
	ed.body(units)
	ed.pg.finish()
}

// tintPad is the space between a placeholder's tinted background, which
// fills its column exactly, and its text.
const tintPad = 2.0

// markPlaceholder gives the lines of a placeholder, set tintPad narrower
// than their column on each side, a tinted background as wide as the
// column and moves them tintPad in.
func markPlaceholder(lines []line, on bool) {
	if !on {
		return
	}
	for i := range lines {
		ln := &lines[i]
		ln.indent += tintPad
		ln.tint = ln.indent + ln.measure + tintPad
	}
}

// titleBlock sets the first page: both titles, the languages, author and
// publisher.
func (ed *edition) titleBlock(units []unit) {
	g := &ed.pg.g
	p := ed.pg.cur()
	w := g.right - g.left
	y := g.top + 130 // a cover, when pages break at headings
	if ed.brk == 0 {
		y = g.top + 36 // the head of text that flows
	}
	put := func(lines []line, gap float64) {
		y = ed.pg.place(lines, g.left, y, nil) + gap
	}
	p.bookmarks = append(p.bookmarks, bookmark{text: ed.trTitle + " · " + ed.srcTitle, level: 0, y: y})
	tagged := func(lines []line, role, lang string) []line {
		tagLines(lines, ed.tags.add(role, lang, 0))
		return lines
	}
	put(tagged(ed.s.set(ed.srcTitle, styleFor(align.KindTitle, ed.srcCJK), w, ed.srcCJK), "H1", ed.cov.Doc.Lang), 18)
	put(tagged(ed.s.set(ed.trTitle, styleFor(align.KindTitle, ed.trCJK), w, ed.trCJK), "H1", ed.cov.Locale), 26)
	p.rules = append(p.rules, [4]float64{g.w/2 - 36, y, g.w/2 + 36, y})
	y += 26
	langs := langName(ed.cov.Doc.Lang) + " · " + langName(ed.cov.Locale)
	put(tagged(ed.s.set(langs, style{size: 11, lead: 16, just: jCenter}, w, ed.srcCJK || ed.trCJK), "P", ""), 30)
	if ed.opts.Author != "" {
		put(tagged(ed.s.set(ed.opts.Author, style{size: 11, lead: 15, italic: true, just: jCenter}, w, false), "P", ""), 8)
	}
	if ed.opts.Publisher != "" {
		ed.pg.place(tagged(ed.s.set(ed.opts.Publisher, style{size: 10, lead: 14, just: jCenter, color: gray(80)}, w, false), "P", ""), g.left, g.bottom-40, nil)
		ed.pg.titleFoot = g.bottom - 40 - 18
	}
	ed.pg.y = y
}

// langName is the language's name in itself, e.g. 简体中文, English, русский.
func langName(lang string) string {
	tag := language.Make(lang)
	if n := display.Self.Name(tag); n != "" {
		return n
	}
	return lang
}

// bilingual joins verso's words in the source language and in the
// translation's, source first as in the columns; once when they are the
// same (two editions in English-speaking locales, or an unknown language
// falling back to English twice).
func (ed *edition) bilingual(word func(*apparatus.Words) string) string {
	src, tr := word(ed.srcWords), word(ed.trWords)
	if src == tr {
		return src
	}
	return src + " · " + tr
}

// runningHead fits a heading s of a side (0 source, 1 translation) into w
// pt in style st without cutting a word. When short, it leaves out the
// start every section heading of the side shares, and the end they all
// share ("Statement of the Council ... on " and
// "…的声明" leave "Countering the Drug Threat"), so that the head is a
// short title that tells the sections apart; then, if it is still too
// wide, it ends after the last word (CJK: the last word found by
// [wordseg]) that fits, before one ellipsis. Only a single word wider
// than w is cut inside.
func (ed *edition) runningHead(s string, side int, short bool, st style, w float64, cjk bool) string {
	s = prepare(s)
	fits := func(t string) bool { return ed.s.measure(t, st, cjk) <= w }
	if c := ed.common[side]; short && c != "" && strings.HasPrefix(s, c) && len(s) > len(c) {
		s = capitalize(s[len(c):])
	}
	if e := ed.ends[side]; short && e != "" && strings.HasSuffix(s, e) && len(s) > len(e) {
		s = strings.TrimRight(s[:len(s)-len(e)], " ")
	}
	if fits(s) {
		return s
	}
	as := ed.s.words(atoms(s), cjk)
	for k := len(as) - 1; k > 0; k-- {
		var b strings.Builder
		for _, a := range as[:k] {
			b.WriteString(a.text)
		}
		if t := strings.TrimRight(b.String(), " ,;:–—(（，、；：") + "…"; fits(t) {
			return t
		}
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; fits(t) {
			return t
		}
	}
	return s
}

// capitalize makes the first letter of a head cut from a longer title
// (Statement … on "countering the drug threat") upper case, as a title
// starts; a script without case is left as it is.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToTitle(r)) + s[n:]
}

// patterns returns the hyphenation patterns of lang: those of
// [Options.Hyphenation] under lang itself, else under its base language.
func (o *Options) patterns(lang string) *hyph.Patterns {
	if p, ok := o.Hyphenation[lang]; ok {
		return p
	}
	b, _ := language.Make(lang).Base()
	return o.Hyphenation[b.String()]
}
