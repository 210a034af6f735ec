package pdf

import "strings"

// Page geometry, in pt. Text runs between top and bottom; the running
// header and the footer sit in the margins.
type geom struct {
	w, h                 float64
	left, right          float64 // text block edges
	top, bottom          float64
	headerY, footerY     float64 // baselines
	gutter               float64
	srcX, srcW, trX, trW float64 // columns
}

func newGeom(paper string, srcShare float64) geom {
	g := geom{w: 595.28, h: 841.89} // A4
	if strings.EqualFold(paper, "letter") {
		g.w, g.h = 612, 792
	}
	g.left, g.right = 62, g.w-62
	g.top, g.bottom = 78, g.h-70
	g.headerY, g.footerY = 50, g.h-40
	g.gutter = 24
	inner := g.right - g.left - g.gutter
	g.srcX, g.srcW = g.left, inner*srcShare
	g.trX, g.trW = g.left+g.srcW+g.gutter, inner-g.srcW
	return g
}

// placed is a line at a position: x of the column, y of the top of the
// line's box.
type placed struct {
	ln   *line
	x, y float64
}

// mark is a draft annotation in the margin: a segment ID, right-aligned at
// x, on the baseline y.
type mark struct {
	text string
	x, y float64
}

type bookmark struct {
	text  string
	level int
	y     float64
}

type page struct {
	lines     []placed
	marks     []mark
	bookmarks []bookmark
	rules     [][4]float64 // x1, y1, x2, y2
	title     bool         // the title page: no running header nor footer
	head      [2]string    // running heads: source, translation
	headSet   bool         // head is that of a section starting on the page
}

// paginator flows blocks onto pages.
type paginator struct {
	g     geom
	pages []*page
	y     float64
	head  [2]string // the running heads of the section being set
	foot  footnotes // the current page's footnotes

	titleFoot float64 // where text on the title page must stop (above the publisher), or 0
}

func (p *paginator) cur() *page { return p.pages[len(p.pages)-1] }

// newPage starts a page, with the running heads of the page before.
func (p *paginator) newPage() {
	if len(p.pages) > 0 {
		p.flushNotes()
	}
	pg := &page{head: p.head}
	p.pages = append(p.pages, pg)
	p.y = p.g.top
}

func (p *paginator) atTop() bool { return p.y <= p.g.top+0.01 }

// fit returns how many of lines fit in height h.
func fit(lines []line, h float64) int {
	for i := range lines {
		h -= lines[i].lead
		if h < -0.01 {
			return i
		}
	}
	return len(lines)
}

// keep applies widow and orphan control to a block of n lines of which the
// first i are placed and k more would fit: a page never ends with the first
// line of a block alone, nor starts with its last line alone.
func keep(n, i, k int) int {
	if k >= n-i {
		return n - i
	}
	if n-i-k < 2 {
		k = n - i - 2
	}
	if i == 0 && k < 2 {
		k = 0
	}
	return max(k, 0)
}

func (p *paginator) place(lines []line, x, y float64, m *mark) float64 {
	for i := range lines {
		if i == 0 && m != nil {
			mm := *m
			mm.y = y + baseline(&lines[i])
			p.cur().marks = append(p.cur().marks, mm)
		}
		p.cur().lines = append(p.cur().lines, placed{&lines[i], x, y})
		y += lines[i].lead
	}
	return y
}

// baseline is the distance from the top of a line's box to its baseline.
func baseline(ln *line) float64 { return (ln.lead + ln.size*0.72) / 2 }

// pair places a source block and its translation side by side, both
// starting at the same height; a pair too long for the page continues on
// the next one in both columns. m, if not nil, marks the source's first
// line.
func (p *paginator) pair(src, tr []line, before, after float64, m *mark) {
	if !p.atTop() {
		p.y += before
	}
	i, j := 0, 0
	for {
		ds, dt := firstBaselines(src[i:], tr[j:])
		h := p.limit() - p.y
		ki, kj := fit(src[i:], h-ds), fit(tr[j:], h-dt)
		if ki == len(src)-i && kj == len(tr)-j {
			y1 := p.place(src[i:], p.g.srcX, p.y+ds, markOnce(m, i))
			y2 := p.place(tr[j:], p.g.trX, p.y+dt, nil)
			p.y = p.snap(max(y1, y2) + after)
			return
		}
		ki, kj = keep(len(src), i, ki), keep(len(tr), j, kj)
		starved := (ki == 0 && i < len(src)) || (kj == 0 && j < len(tr))
		if starved && !p.atTop() {
			p.newPage()
			continue
		}
		if p.atTop() { // a block longer than a page: take what fits
			ki, kj = max(ki, min(1, len(src)-i), fit(src[i:], h-ds)), max(kj, min(1, len(tr)-j), fit(tr[j:], h-dt))
		}
		p.place(src[i:i+ki], p.g.srcX, p.y+ds, markOnce(m, i))
		p.place(tr[j:j+kj], p.g.trX, p.y+dt, nil)
		i, j = i+ki, j+kj
		p.newPage()
	}
}

func markOnce(m *mark, i int) *mark {
	if i > 0 {
		return nil
	}
	return m
}

// flow places a block in one column spanning the text width, for the
// interleaved layout.
func (p *paginator) flow(lines []line, x, before, after float64, m *mark) {
	if !p.atTop() {
		p.y += before
	}
	i := 0
	for {
		h := p.limit() - p.y
		k := fit(lines[i:], h)
		if k == len(lines)-i {
			p.y = p.place(lines[i:], x, p.y, markOnce(m, i)) + after
			return
		}
		k = keep(len(lines), i, k)
		if k == 0 && !p.atTop() {
			p.newPage()
			continue
		}
		if p.atTop() {
			k = max(k, 1, fit(lines[i:], h))
		}
		p.place(lines[i:i+k], x, p.y, markOnce(m, i))
		i += k
		p.newPage()
	}
}
