package pdf

import "verso/align"

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
