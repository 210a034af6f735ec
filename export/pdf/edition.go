package pdf

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"verso/align"
)

// edition is one bilingual edition being typeset.
type edition struct {
	cov           *align.Coverage
	opts          Options
	s             *setter
	pg            paginator
	srcCJK, trCJK bool
	srcTitle      string // titles for the title page, header and metadata
	trTitle       string
	placeholders  []string
}

// unit is a segment with the text printed for its translation.
type unit struct {
	seg         *align.Segment
	tr          string
	placeholder bool
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
		srcCJK: isCJKLang(cov.Doc.Lang), trCJK: isCJKLang(cov.Locale)}
	ed.srcTitle = cov.Doc.Title()
	ed.trTitle = ed.srcTitle
	for _, it := range cov.Items {
		if it.Index >= 0 && cov.Doc.Segments[it.Index].Kind == align.KindTitle && it.State == align.Translated {
			ed.trTitle = align.Normalize(it.Tr.Text)
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
				u.tr = "[outdated " + it.ID + "] " + it.Tr.Text
			} else {
				u.tr = "[translation outdated]"
			}
		default:
			u.placeholder = true
			u.tr = "[missing translation]"
			if ed.opts.Draft {
				u.tr = "[missing translation " + it.ID + "]"
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

// typeset lays the edition out on pages.
func (ed *edition) typeset() {
	units := ed.units()
	share := 0.5
	if ed.opts.Layout == Columns {
		share = ed.srcShare(units)
	}
	ed.pg = paginator{g: newGeom(ed.opts.Paper, share)}
	g := &ed.pg.g
	ed.pg.newPage()
	ed.pg.cur().title = true
	ed.titleBlock(units)
	first := true
	for _, u := range units {
		if u.seg.Kind == align.KindTitle {
			continue
		}
		if u.seg.Kind == align.KindHeading {
			ed.pg.newPage()
			src := bookmark{text: align.Normalize(u.seg.Text), level: 1, y: g.top}
			if u.placeholder {
				src.level = 0
				ed.pg.cur().bookmarks = append(ed.pg.cur().bookmarks, src)
			} else {
				ed.pg.cur().bookmarks = append(ed.pg.cur().bookmarks,
					bookmark{text: align.Normalize(u.tr), level: 0, y: g.top}, src)
			}
		} else if first && ed.pg.cur().title {
			ed.pg.y += 24
		}
		first = false
		ed.unit(u)
	}
}

func (ed *edition) unit(u unit) {
	g := &ed.pg.g
	ss, ts := styleFor(u.seg.Kind, ed.srcCJK), styleFor(u.seg.Kind, ed.trCJK)
	var m *mark
	if ed.opts.Draft {
		m = &mark{text: u.seg.ID, x: g.left - 8}
	}
	before, after := max(ss.before, ts.before), max(ss.after, ts.after)
	if ed.opts.Layout == Interleaved {
		// One column of a comfortable measure (about 70 Latin characters),
		// centered in the text block.
		w := min(g.right-g.left, 380)
		x := g.left + (g.right-g.left-w)/2
		if m != nil {
			m.x = x - 8
		}
		src := ed.s.set(u.seg.Text, ss, w, ed.srcCJK)
		tr := ed.s.set(u.tr, ts, w, ed.trCJK)
		markPlaceholder(tr, u.placeholder)
		ed.pg.flow(src, x, before, 3, m)
		ed.pg.flow(tr, x, 0, after+3, nil)
		return
	}
	src := ed.s.set(u.seg.Text, ss, g.srcW, ed.srcCJK)
	tr := ed.s.set(u.tr, ts, g.trW, ed.trCJK)
	markPlaceholder(tr, u.placeholder)
	ed.pg.pair(src, tr, before, after, m)
}

func markPlaceholder(lines []line, on bool) {
	for i := range lines {
		lines[i].marked = on
	}
}

// titleBlock sets the first page: both titles, the languages, author and
// publisher.
func (ed *edition) titleBlock(units []unit) {
	g := &ed.pg.g
	p := ed.pg.cur()
	w := g.right - g.left
	y := g.top + 130
	put := func(lines []line, gap float64) {
		y = ed.pg.place(lines, g.left, y, nil) + gap
	}
	p.bookmarks = append(p.bookmarks, bookmark{text: ed.trTitle, level: 0, y: y}, bookmark{text: ed.srcTitle, level: 1, y: y})
	put(ed.s.set(ed.srcTitle, styleFor(align.KindTitle, ed.srcCJK), w, ed.srcCJK), 18)
	put(ed.s.set(ed.trTitle, styleFor(align.KindTitle, ed.trCJK), w, ed.trCJK), 26)
	p.rules = append(p.rules, [4]float64{g.w/2 - 36, y, g.w/2 + 36, y})
	y += 26
	langs := langName(ed.cov.Doc.Lang) + " · " + langName(ed.cov.Locale)
	put(ed.s.set(langs, style{size: 11, lead: 16, just: jCenter}, w, ed.srcCJK || ed.trCJK), 30)
	if ed.opts.Author != "" {
		put(ed.s.set(ed.opts.Author, style{size: 11, lead: 15, italic: true, just: jCenter}, w, false), 8)
	}
	if ed.opts.Publisher != "" {
		ed.pg.place(ed.s.set(ed.opts.Publisher, style{size: 10, lead: 14, just: jCenter, gray: 80}, w, false), g.left, g.bottom-40, nil)
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

// footer returns the page footer in the edition's locale.
func footer(locale string, n, total int) string {
	b, _ := language.Make(locale).Base()
	switch b.String() {
	case "ru":
		return "страница " + itoa(n) + " из " + itoa(total)
	}
	return "page " + itoa(n) + " of " + itoa(total)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// fitText shortens s with an ellipsis until it is at most w wide.
func (ed *edition) fitText(s string, st style, w float64, cjk bool) string {
	if ed.s.measure(s, st, cjk) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		t := strings.TrimRight(string(r), " ,;:，、") + "…"
		if ed.s.measure(t, st, cjk) <= w {
			return t
		}
	}
	return s
}
