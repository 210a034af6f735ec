package pdf

import (
	"math"

	"verso/align"
)

// wholeEms narrows the CJK columns to a whole number of ems of the CJK
// body size, so that a full line of Han characters needs no
// letter-spacing. What a CJK source column gives up goes to the
// translation's column; a CJK translation column keeps its right edge and
// gives the rest to the gutter.
func (g *geom) wholeEms(srcCJK, trCJK bool) {
	size := styleFor(align.KindParagraph, true).size
	if srcCJK {
		w := cjkMeasure(g.srcW, size)
		g.trX -= g.srcW - w
		g.trW += g.srcW - w
		g.srcW = w
	}
	if trCJK {
		w := cjkMeasure(g.trW, size)
		g.trX += g.trW - w
		g.trW = w
	}
}

// interleaved returns the left edge and the width of the one column of the
// interleaved layout: a comfortable measure (about 70 Latin characters),
// a whole number of CJK body ems when either text is CJK, centred in the
// text block.
func (g *geom) interleaved(cjk bool) (x, w float64) {
	w = min(g.right-g.left, 380)
	if cjk {
		w = cjkMeasure(w, styleFor(align.KindParagraph, true).size)
	}
	return g.left + (g.right-g.left-w)/2, w
}

// grid is the step of the baseline grid, pt: every leading and every space
// around a block is a multiple of it (see [styleFor]), and every pair of
// blocks starts on it.
const grid = 4.5

// firstBaselines returns how far to move each of two blocks set side by
// side down from the top of their pair so that their first baselines are
// level: the one whose first baseline sits higher in its line moves down.
func firstBaselines(src, tr []line) (ds, dt float64) {
	if len(src) == 0 || len(tr) == 0 {
		return 0, 0
	}
	a, b := baseline(&src[0]), baseline(&tr[0])
	return max(a, b) - a, max(a, b) - b
}

// snap moves y down to the next line of the grid, counted from the top of
// the text block.
func (p *paginator) snap(y float64) float64 {
	n := math.Ceil((y-p.g.top)/grid - 1e-6)
	return p.g.top + n*grid
}
