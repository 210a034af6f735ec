package font

import "math"

// Ink returns the horizontal extent of the ink of r's glyph (its bounding
// box, from the glyf table, or for CFF outlines the extent of its
// outline's points), from the glyph's origin, in thousandths of an em:
// where on its em a punctuation mark sits (、 at the left of the em in
// Chinese mainland faces, in the middle in Taiwanese ones). ok is false
// when the face has no glyph for r or the glyph is blank (or unreadable).
func (f *Face) Ink(r rune) (x0, x1 int, ok bool) {
	if !f.Has(r) {
		return 0, 0, false
	}
	if f.cff != nil {
		a, b, ok := f.cff.ink(int(f.glyph[r]))
		scale := 1000 / float64(f.UnitsPerEm)
		return int(math.Round(a * scale)), int(math.Round(b * scale)), ok
	}
	rd := &reader{b: f.Data}
	ts, err := tables(rd, 0)
	if err != nil {
		return 0, 0, false
	}
	head, loca, glyf := ts["head"], ts["loca"], ts["glyf"]
	if head.len == 0 || loca.len == 0 || glyf.len == 0 {
		return 0, 0, false
	}
	g := int(f.glyph[r])
	var start, end int
	if rd.i16(head.off+50) == 0 { // short offsets, in words
		start, end = 2*rd.u16(loca.off+2*g), 2*rd.u16(loca.off+2*g+2)
	} else {
		start, end = rd.u32(loca.off+4*g), rd.u32(loca.off+4*g+4)
	}
	if rd.err != nil || end-start < 10 || end > glyf.len {
		return 0, 0, false
	}
	xMin, xMax := rd.i16(glyf.off+start+2), rd.i16(glyf.off+start+6)
	if rd.err != nil || xMax < xMin {
		return 0, 0, false
	}
	scale := 1000 / float64(f.UnitsPerEm)
	return int(float64(xMin)*scale + 0.5), int(float64(xMax)*scale + 0.5), true
}
