package pdf

// wholeEms narrows the CJK columns to a whole number of ems of size (the
// CJK body size), so that a full line of Han characters needs no
// letter-spacing; what a CJK source column gives up goes to the
// translation's column, what a CJK translation column gives up to the
// gutter's right edge staying put (the column keeps its right edge).
func (g *geom) wholeEms(srcCJK, trCJK bool, size float64) {
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
