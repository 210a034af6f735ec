package font

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// cffFont is the part of a CFF table (Adobe Technical Note #5176) that
// subsetting needs: the charstrings, the subroutines, and for each glyph
// the font DICT (private DICT and local subroutines) it uses. A
// name-keyed font has a single private DICT, treated as font DICT 0.
type cffFont struct {
	name        []byte
	charStrings [][]byte
	gsubrs      [][]byte
	fds         []cffFD
	fdSelect    []uint8 // glyph -> index into fds (nil: all 0)
	fontMatrix  []byte  // the Top DICT's FontMatrix entry, operands and operator, or nil
	bbox        [4]float64
}

// cffFD is one font DICT of a CID-keyed font.
type cffFD struct {
	fontMatrix []byte   // the FD's FontMatrix entry, or nil
	private    []byte   // the private DICT without its Subrs entry
	subrs      [][]byte // local subroutines
}

// cffErr is the error of a malformed CFF table.
func cffErr(format string, a ...any) error {
	return fmt.Errorf("%w: CFF table: %s", ErrFormat, fmt.Sprintf(format, a...))
}

// cffIndex reads the INDEX at off and returns its items and the offset
// after it.
func cffIndex(b []byte, off int) ([][]byte, int, error) {
	if off < 0 || off+2 > len(b) {
		return nil, 0, cffErr("INDEX at %d out of bounds", off)
	}
	n := int(binary.BigEndian.Uint16(b[off:]))
	if n == 0 {
		return nil, off + 2, nil
	}
	if off+3 > len(b) {
		return nil, 0, cffErr("INDEX at %d truncated", off)
	}
	size := int(b[off+2])
	if size < 1 || size > 4 {
		return nil, 0, cffErr("INDEX at %d: offset size %d", off, size)
	}
	offs := off + 3
	data := offs + (n+1)*size - 1 // offsets count from 1
	if data+1 > len(b) {
		return nil, 0, cffErr("INDEX at %d truncated", off)
	}
	read := func(i int) int {
		v := 0
		for _, c := range b[offs+i*size : offs+(i+1)*size] {
			v = v<<8 | int(c)
		}
		return data + v
	}
	items := make([][]byte, n)
	prev := read(0)
	for i := range n {
		next := read(i + 1)
		if prev < data+1 || next < prev || next > len(b) {
			return nil, 0, cffErr("INDEX at %d: bad offset of item %d", off, i)
		}
		items[i] = b[prev:next:next]
		prev = next
	}
	return items, prev, nil
}

// cffDict is a parsed DICT: its entries in order.
type cffDict []cffEntry

// cffEntry is an operator (an escaped one as 1200+op) with its operands
// and the raw bytes of operands and operator.
type cffEntry struct {
	op   int
	args []float64
	raw  []byte
}

func parseDict(b []byte) (cffDict, error) {
	var d cffDict
	var args []float64
	start := 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c <= 21:
			op := int(c)
			i++
			if c == 12 {
				if i >= len(b) {
					return nil, cffErr("DICT: truncated operator")
				}
				op = 1200 + int(b[i])
				i++
			}
			d = append(d, cffEntry{op: op, args: args, raw: b[start:i:i]})
			args, start = nil, i
			continue
		case c == 28:
			if i+3 > len(b) {
				return nil, cffErr("DICT: truncated operand")
			}
			args = append(args, float64(int16(binary.BigEndian.Uint16(b[i+1:]))))
			i += 3
		case c == 29:
			if i+5 > len(b) {
				return nil, cffErr("DICT: truncated operand")
			}
			args = append(args, float64(int32(binary.BigEndian.Uint32(b[i+1:]))))
			i += 5
		case c == 30:
			v, n, err := dictReal(b[i+1:])
			if err != nil {
				return nil, err
			}
			args = append(args, v)
			i += 1 + n
		case c >= 32 && c <= 246:
			args = append(args, float64(int(c)-139))
			i++
		case c >= 247 && c <= 254:
			if i+2 > len(b) {
				return nil, cffErr("DICT: truncated operand")
			}
			v := (int(c)-247)*256 + int(b[i+1]) + 108
			if c >= 251 {
				v = -(int(c)-251)*256 - int(b[i+1]) - 108
			}
			args = append(args, float64(v))
			i += 2
		default:
			return nil, cffErr("DICT: reserved byte %d", c)
		}
		if len(args) > 48 {
			return nil, cffErr("DICT: too many operands")
		}
	}
	return d, nil
}

// dictReal decodes a real number operand (nibbles), returning it and the
// number of bytes it took.
func dictReal(b []byte) (float64, int, error) {
	var s []byte
	for i, c := range b {
		for _, nib := range []byte{c >> 4, c & 15} {
			switch {
			case nib <= 9:
				s = append(s, '0'+nib)
			case nib == 0xa:
				s = append(s, '.')
			case nib == 0xb:
				s = append(s, 'E')
			case nib == 0xc:
				s = append(s, 'E', '-')
			case nib == 0xe:
				s = append(s, '-')
			case nib == 0xf:
				var v float64
				if _, err := fmt.Sscan(string(s), &v); err != nil && len(s) > 0 {
					return 0, 0, cffErr("DICT: bad real %q", s)
				}
				return v, i + 1, nil
			}
		}
		if len(s) > 64 {
			break
		}
	}
	return 0, 0, cffErr("DICT: unterminated real")
}

func (d cffDict) get(op int) (cffEntry, bool) {
	for _, e := range d {
		if e.op == op {
			return e, true
		}
	}
	return cffEntry{}, false
}

func (d cffDict) int(op, i int) (int, bool) {
	e, ok := d.get(op)
	if !ok || len(e.args) <= i {
		return 0, false
	}
	return int(e.args[i]), true
}

// Operators of the Top and private DICTs.
const (
	opCharset     = 15
	opCharStrings = 17
	opPrivate     = 18
	opSubrs       = 19
	opFontBBox    = 5
	opFontMatrix  = 1207
	opROS         = 1230
	opFDArray     = 1236
	opFDSelect    = 1237
)

// parseCFF reads the CFF table b of an OpenType font.
func parseCFF(b []byte) (*cffFont, error) {
	if len(b) < 4 || b[0] != 1 {
		return nil, cffErr("not CFF version 1")
	}
	names, next, err := cffIndex(b, int(b[2]))
	if err != nil {
		return nil, err
	}
	tops, next, err := cffIndex(b, next)
	if err != nil {
		return nil, err
	}
	if len(names) != 1 || len(tops) != 1 {
		return nil, cffErr("%d fonts in a FontSet, want 1", len(tops))
	}
	_, next, err = cffIndex(b, next) // strings: nothing verso keeps needs them
	if err != nil {
		return nil, err
	}
	f := &cffFont{name: names[0]}
	if f.gsubrs, _, err = cffIndex(b, next); err != nil {
		return nil, err
	}
	top, err := parseDict(tops[0])
	if err != nil {
		return nil, err
	}
	off, ok := top.int(opCharStrings, 0)
	if !ok {
		return nil, cffErr("no CharStrings")
	}
	if f.charStrings, _, err = cffIndex(b, off); err != nil {
		return nil, err
	}
	if len(f.charStrings) == 0 {
		return nil, cffErr("no glyphs")
	}
	if e, ok := top.get(opFontMatrix); ok {
		f.fontMatrix = e.raw
	}
	if e, ok := top.get(opFontBBox); ok && len(e.args) == 4 {
		copy(f.bbox[:], e.args)
	}
	if _, cid := top.get(opROS); !cid {
		fd, err := readPrivate(b, top)
		if err != nil {
			return nil, err
		}
		f.fds = []cffFD{fd}
		return f, nil
	}
	off, ok = top.int(opFDArray, 0)
	if !ok {
		return nil, cffErr("CID-keyed font without FDArray")
	}
	fdDicts, _, err := cffIndex(b, off)
	if err != nil {
		return nil, err
	}
	if len(fdDicts) == 0 || len(fdDicts) > 256 {
		return nil, cffErr("%d font DICTs", len(fdDicts))
	}
	for _, raw := range fdDicts {
		d, err := parseDict(raw)
		if err != nil {
			return nil, err
		}
		fd, err := readPrivate(b, d)
		if err != nil {
			return nil, err
		}
		if e, ok := d.get(opFontMatrix); ok {
			fd.fontMatrix = e.raw
		}
		f.fds = append(f.fds, fd)
	}
	off, ok = top.int(opFDSelect, 0)
	if !ok {
		return nil, cffErr("CID-keyed font without FDSelect")
	}
	if f.fdSelect, err = readFDSelect(b, off, len(f.charStrings), len(f.fds)); err != nil {
		return nil, err
	}
	return f, nil
}

// readPrivate reads the private DICT a Top or font DICT d points to, and
// its local subroutines.
func readPrivate(b []byte, d cffDict) (cffFD, error) {
	var fd cffFD
	size, ok1 := d.int(opPrivate, 0)
	off, ok2 := d.int(opPrivate, 1)
	if !ok1 || !ok2 {
		return fd, nil // no private DICT: defaults
	}
	if off < 0 || size < 0 || off+size > len(b) {
		return fd, cffErr("private DICT out of bounds")
	}
	raw := b[off : off+size]
	p, err := parseDict(raw)
	if err != nil {
		return fd, err
	}
	// Keep the entries but Subrs, which the subset writes anew.
	for _, e := range p {
		if e.op != opSubrs {
			fd.private = append(fd.private, e.raw...)
		}
	}
	if so, ok := p.int(opSubrs, 0); ok {
		if fd.subrs, _, err = cffIndex(b, off+so); err != nil {
			return fd, err
		}
	}
	return fd, nil
}

// readFDSelect reads the font DICT of each of n glyphs.
func readFDSelect(b []byte, off, n, nfd int) ([]uint8, error) {
	if off < 0 || off >= len(b) {
		return nil, cffErr("FDSelect out of bounds")
	}
	out := make([]uint8, n)
	switch b[off] {
	case 0:
		if off+1+n > len(b) {
			return nil, cffErr("FDSelect truncated")
		}
		copy(out, b[off+1:])
	case 3:
		if off+3 > len(b) {
			return nil, cffErr("FDSelect truncated")
		}
		nr := int(binary.BigEndian.Uint16(b[off+1:]))
		p := off + 3
		if p+3*nr+2 > len(b) {
			return nil, cffErr("FDSelect truncated")
		}
		for i := range nr {
			first := int(binary.BigEndian.Uint16(b[p+3*i:]))
			fd := b[p+3*i+2]
			end := int(binary.BigEndian.Uint16(b[p+3*i+3:]))
			if first > end || end > n {
				return nil, cffErr("FDSelect: bad range %d-%d", first, end)
			}
			for g := first; g < end; g++ {
				out[g] = fd
			}
		}
	default:
		return nil, cffErr("FDSelect format %d", b[off])
	}
	for _, fd := range out {
		if int(fd) >= nfd {
			return nil, cffErr("FDSelect: font DICT %d of %d", fd, nfd)
		}
	}
	return out, nil
}

func (f *cffFont) fdOf(g int) int {
	if f.fdSelect == nil {
		return 0
	}
	return int(f.fdSelect[g])
}

// subrBias is the number added to a subroutine operand (Type 2
// charstrings).
func subrBias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// charstring walks Type 2 charstrings to find the subroutines a glyph
// calls. It tracks what it must to parse them: the operand stack (for the
// subroutine numbers) and the number of stem hints (for the length of
// hintmask and cntrmask).
type charstring struct {
	f            *cffFont
	local        [][]byte
	usedG, usedL []bool
	stack        []float64
	stems        int
	depth        int
	steps        int // bytes read, against charstrings that call subroutines exponentially often
	// With path set, the outline is followed: the current point x, y and
	// the horizontal extent x0, x1 of every point of the outline, on- and
	// off-curve (inked tells whether there is any); widthDone once the
	// glyph's optional width operand has been dropped.
	path             bool
	x, y, x0, x1     float64
	inked, widthDone bool
}

// point moves the current point by dx, dy and takes it into the extent.
func (c *charstring) point(dx, dy float64) {
	c.x += dx
	c.y += dy
	if !c.inked {
		c.x0, c.x1, c.inked = c.x, c.x, true
		return
	}
	c.x0, c.x1 = min(c.x0, c.x), max(c.x1, c.x)
}

// dropWidth drops the glyph's width from the stack of its first
// stack-clearing operator, which has it when it has more operands than
// its own (extra: whether it has).
func (c *charstring) dropWidth(extra bool) {
	if !c.widthDone {
		c.widthDone = true
		if extra && len(c.stack) > 0 {
			c.stack = c.stack[1:]
		}
	}
}

// draw follows the path operator op (1200+n for escaped ones) with the
// operands on the stack.
func (c *charstring) draw(op int) {
	a := c.stack
	switch op {
	case 1, 3, 18, 23, 19, 20: // stems, hint masks
		c.dropWidth(len(a)%2 == 1)
		return
	case 14: // endchar
		c.dropWidth(len(a) == 1 || len(a) == 5)
		return
	case 21: // rmoveto
		c.dropWidth(len(c.stack) > 2)
		a = c.stack
		if len(a) >= 2 {
			c.x, c.y = c.x+a[0], c.y+a[1] // a move draws nothing
		}
		return
	case 22, 4: // hmoveto, vmoveto
		c.dropWidth(len(c.stack) > 1)
		a = c.stack
		if len(a) >= 1 {
			if op == 22 {
				c.x += a[0]
			} else {
				c.y += a[0]
			}
		}
		return
	}
	c.widthDone = true
	curve := func(a []float64) { // dxa dya dxb dyb dxc dyc
		c.point(a[0], a[1])
		c.point(a[2], a[3])
		c.point(a[4], a[5])
	}
	switch op {
	case 5: // rlineto
		for ; len(a) >= 2; a = a[2:] {
			c.point(a[0], a[1])
		}
	case 6, 7: // hlineto, vlineto: alternating
		h := op == 6
		for ; len(a) >= 1; a = a[1:] {
			if h {
				c.point(a[0], 0)
			} else {
				c.point(0, a[0])
			}
			h = !h
		}
	case 8: // rrcurveto
		for ; len(a) >= 6; a = a[6:] {
			curve(a)
		}
	case 24: // rcurveline
		for ; len(a) >= 8; a = a[6:] {
			curve(a)
		}
		if len(a) >= 2 {
			c.point(a[0], a[1])
		}
	case 25: // rlinecurve
		for ; len(a) >= 8; a = a[2:] {
			c.point(a[0], a[1])
		}
		if len(a) >= 6 {
			curve(a)
		}
	case 26, 27: // vvcurveto, hhcurveto
		d1 := 0.0
		if len(a)%4 == 1 {
			d1, a = a[0], a[1:]
		}
		for ; len(a) >= 4; a = a[4:] {
			if op == 27 {
				curve([]float64{a[0], d1, a[1], a[2], a[3], 0})
			} else {
				curve([]float64{d1, a[0], a[1], a[2], 0, a[3]})
			}
			d1 = 0
		}
	case 30, 31: // vhcurveto, hvcurveto: alternating
		h := op == 31
		for len(a) >= 4 {
			last := 0.0
			if len(a) == 5 {
				last = a[4]
			}
			if h {
				curve([]float64{a[0], 0, a[1], a[2], last, a[3]})
			} else {
				curve([]float64{0, a[0], a[1], a[2], a[3], last})
			}
			a = a[min(4, len(a)):]
			if len(a) == 1 {
				a = a[1:]
			}
			h = !h
		}
	case 1235: // flex
		if len(a) >= 12 {
			curve(a)
			curve(a[6:])
		}
	case 1234: // hflex: dx1 dx2 dy2 dx3 dx4 dx5 dx6
		if len(a) >= 7 {
			curve([]float64{a[0], 0, a[1], a[2], a[3], 0})
			curve([]float64{a[4], 0, a[5], -a[2], a[6], 0})
		}
	case 1236: // hflex1: dx1 dy1 dx2 dy2 dx3 dx4 dx5 dy5 dx6
		if len(a) >= 9 {
			curve([]float64{a[0], a[1], a[2], a[3], a[4], 0})
			curve([]float64{a[5], 0, a[6], a[7], a[8], -(a[1] + a[3] + a[7])})
		}
	case 1237: // flex1: the last coordinate goes the way the curve went furthest
		if len(a) >= 11 {
			dx := a[0] + a[2] + a[4] + a[6] + a[8]
			dy := a[1] + a[3] + a[5] + a[7] + a[9]
			curve(a)
			if dx < 0 {
				dx = -dx
			}
			if dy < 0 {
				dy = -dy
			}
			if dx > dy {
				curve([]float64{a[6], a[7], a[8], a[9], a[10], -(a[1] + a[3] + a[5] + a[7] + a[9])})
			} else {
				curve([]float64{a[6], a[7], a[8], a[9], -(a[0] + a[2] + a[4] + a[6] + a[8]), a[10]})
			}
		}
	}
}

// ink returns the horizontal extent of glyph g's outline in font units
// (control points included, so a curve's may reach a little beyond its
// ink), and whether it has one.
func (f *cffFont) ink(g int) (x0, x1 float64, ok bool) {
	if g < 0 || g >= len(f.charStrings) {
		return 0, 0, false
	}
	fd := f.fds[f.fdOf(g)]
	c := &charstring{f: f, local: fd.subrs, usedG: make([]bool, len(f.gsubrs)), usedL: make([]bool, len(fd.subrs)), path: true}
	if err := c.run(f.charStrings[g]); err != nil && err != errEndChar {
		return 0, 0, false
	}
	return c.x0, c.x1, c.inked
}

// maxSteps bounds the bytes read to walk one glyph: real glyphs take
// hundreds.
const maxSteps = 1 << 20

var errEndChar = fmt.Errorf("endchar")

func (c *charstring) run(b []byte) error {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 10 {
		return cffErr("charstring: subroutines nested too deep")
	}
	if c.steps += len(b); c.steps > maxSteps {
		return cffErr("charstring: too many subroutine calls")
	}
	for i := 0; i < len(b); {
		v := b[i]
		switch {
		case v == 28:
			if i+3 > len(b) {
				return cffErr("charstring: truncated number")
			}
			c.push(float64(int16(binary.BigEndian.Uint16(b[i+1:]))))
			i += 3
			continue
		case v >= 32 && v <= 246:
			c.push(float64(int(v) - 139))
			i++
			continue
		case v >= 247 && v <= 254:
			if i+2 > len(b) {
				return cffErr("charstring: truncated number")
			}
			n := (int(v)-247)*256 + int(b[i+1]) + 108
			if v >= 251 {
				n = -(int(v)-251)*256 - int(b[i+1]) - 108
			}
			c.push(float64(n))
			i += 2
			continue
		case v == 255:
			if i+5 > len(b) {
				return cffErr("charstring: truncated number")
			}
			c.push(float64(int32(binary.BigEndian.Uint32(b[i+1:]))) / 65536)
			i += 5
			continue
		}
		i++
		switch v {
		case 1, 3, 18, 23: // hstem, vstem, hstemhm, vstemhm
			c.stems += len(c.stack) / 2
		case 19, 20: // hintmask, cntrmask: implied vstems, then the mask
			c.stems += len(c.stack) / 2
			i += (c.stems + 7) / 8
			if i > len(b) {
				return cffErr("charstring: truncated hint mask")
			}
		case 10, 29: // callsubr, callgsubr
			if len(c.stack) == 0 {
				return cffErr("charstring: subroutine call without a number")
			}
			subrs, used := c.local, c.usedL
			if v == 29 {
				subrs, used = c.f.gsubrs, c.usedG
			}
			n := int(c.stack[len(c.stack)-1]) + subrBias(len(subrs))
			c.stack = c.stack[:len(c.stack)-1]
			if n < 0 || n >= len(subrs) {
				return cffErr("charstring: subroutine %d of %d", n, len(subrs))
			}
			used[n] = true
			if err := c.run(subrs[n]); err != nil {
				return err
			}
			continue
		case 11: // return
			return nil
		case 14: // endchar
			if c.path {
				c.draw(14)
			}
			return errEndChar
		case 12:
			if i >= len(b) {
				return cffErr("charstring: truncated operator")
			}
			if c.path {
				c.draw(1200 + int(b[i]))
			}
			i++
			c.stack = c.stack[:0]
			continue
		}
		if c.path {
			c.draw(int(v))
		}
		c.stack = c.stack[:0]
	}
	return nil
}

func (c *charstring) push(v float64) {
	if len(c.stack) < 48 {
		c.stack = append(c.stack, v)
	}
}

// emptySubr replaces a subroutine no kept glyph calls: a lone return.
// Subroutines keep their numbers, so no charstring needs rewriting, and
// the INDEX of thousands of unused ones compresses to little. An empty
// entry would do as well by the specification, but FreeType (and so
// poppler and mupdf) refuses such a font.
var emptySubr = []byte{11}

// subsetCFF returns a CID-keyed CFF font with glyph 0 (.notdef) and the
// glyphs gids of f, in ascending order, each under the CID of its glyph
// index in f, so that a PDF content stream addresses glyphs by their index
// in the original font. Only the font DICTs those glyphs use are kept;
// subroutines no kept glyph calls are replaced by [emptySubr].
func (f *cffFont) subset(gids []uint16) ([]byte, error) {
	keep := []int{0}
	for _, g := range gids {
		if int(g) < len(f.charStrings) && g != 0 {
			keep = append(keep, int(g))
		}
	}
	slices.Sort(keep)
	keep = slices.Compact(keep)
	if len(keep) > 0xffff {
		return nil, cffErr("too many glyphs")
	}
	// Font DICTs in use, renumbered in order.
	fdMap := make([]int, len(f.fds))
	for i := range fdMap {
		fdMap[i] = -1
	}
	var fds []int
	for _, g := range keep {
		if fd := f.fdOf(g); fdMap[fd] < 0 {
			fdMap[fd] = len(fds)
			fds = append(fds, fd)
		}
	}
	slices.Sort(fds)
	for i, fd := range fds {
		fdMap[fd] = i
	}
	usedG := make([]bool, len(f.gsubrs))
	usedL := make([][]bool, len(f.fds))
	for _, fd := range fds {
		usedL[fd] = make([]bool, len(f.fds[fd].subrs))
	}
	for _, g := range keep {
		fd := f.fdOf(g)
		c := &charstring{f: f, local: f.fds[fd].subrs, usedG: usedG, usedL: usedL[fd]}
		if err := c.run(f.charStrings[g]); err != nil && err != errEndChar {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
	}
	sub := func(items [][]byte, used []bool) [][]byte {
		out := make([][]byte, len(items))
		for i := range items {
			if used[i] {
				out[i] = items[i]
			} else {
				out[i] = emptySubr
			}
		}
		return out
	}

	// Layout: header, Name, Top DICT, String and Global Subr INDEXes,
	// charset, FDSelect, CharStrings, FDArray, then each private DICT
	// followed by its Subrs. Offsets in DICTs are 5-byte integers, so the
	// DICTs' sizes do not depend on them.
	header := []byte{1, 0, 4, 4}
	name := writeIndex([][]byte{f.name})
	strs := writeIndex([][]byte{[]byte("Adobe"), []byte("Identity")})
	gsubrs := writeIndex(sub(f.gsubrs, usedG))
	charset := []byte{0}
	for _, g := range keep[1:] {
		charset = binary.BigEndian.AppendUint16(charset, uint16(g))
	}
	fdSelect := []byte{0}
	for _, g := range keep {
		fdSelect = append(fdSelect, uint8(fdMap[f.fdOf(g)]))
	}
	cs := make([][]byte, len(keep))
	for i, g := range keep {
		cs[i] = f.charStrings[g]
	}
	charStrings := writeIndex(cs)
	topDict := func(charsetOff, fdSelectOff, csOff, fdArrayOff int) []byte {
		var d []byte
		for _, v := range []int{391, 392, 0} { // ROS Adobe Identity 0
			d = append(d, dictInt(v)...)
		}
		d = append(d, 12, 30)
		d = append(d, f.fontMatrix...)
		for _, v := range f.bbox {
			d = append(d, dictInt(int(math.Round(v)))...)
		}
		d = append(d, opFontBBox)
		d = append(d, dictInt(int(keep[len(keep)-1])+1)...)
		d = append(d, 12, 34) // CIDCount
		d = append(d, dictOff(charsetOff)...)
		d = append(d, opCharset)
		d = append(d, dictOff(csOff)...)
		d = append(d, opCharStrings)
		d = append(d, dictOff(fdArrayOff)...)
		d = append(d, 12, 36)
		d = append(d, dictOff(fdSelectOff)...)
		d = append(d, 12, 37)
		return d
	}
	topLen := len(writeIndex([][]byte{topDict(0, 0, 0, 0)}))
	charsetOff := len(header) + len(name) + topLen + len(strs) + len(gsubrs)
	fdSelectOff := charsetOff + len(charset)
	csOff := fdSelectOff + len(fdSelect)
	fdArrayOff := csOff + len(charStrings)
	fdDict := func(i, privOff int) []byte {
		fd := f.fds[fds[i]]
		d := append([]byte(nil), fd.fontMatrix...)
		d = append(d, dictOff(len(privateDict(fd)))...)
		d = append(d, dictOff(privOff)...)
		return append(d, opPrivate)
	}
	fdItems := make([][]byte, len(fds))
	for i := range fds {
		fdItems[i] = fdDict(i, 0)
	}
	pos := fdArrayOff + len(writeIndex(fdItems))
	var privates []byte
	for i, fd := range fds {
		fdItems[i] = fdDict(i, pos)
		p := privateDict(f.fds[fd])
		if len(f.fds[fd].subrs) > 0 {
			p = append(p, writeIndex(sub(f.fds[fd].subrs, usedL[fd]))...)
		}
		privates = append(privates, p...)
		pos += len(p)
	}
	out := append(header, name...)
	out = append(out, writeIndex([][]byte{topDict(charsetOff, fdSelectOff, csOff, fdArrayOff)})...)
	out = append(out, strs...)
	out = append(out, gsubrs...)
	out = append(out, charset...)
	out = append(out, fdSelect...)
	out = append(out, charStrings...)
	out = append(out, writeIndex(fdItems)...)
	return append(out, privates...), nil
}

// privateDict returns fd's private DICT, with a Subrs entry pointing
// right after the DICT when fd has local subroutines.
func privateDict(fd cffFD) []byte {
	d := append([]byte(nil), fd.private...)
	if len(fd.subrs) > 0 {
		d = append(d, dictOff(len(fd.private)+6)...)
		d = append(d, opSubrs)
	}
	return d
}

// dictInt encodes v as a DICT operand in the shortest form.
func dictInt(v int) []byte {
	switch {
	case v >= -107 && v <= 107:
		return []byte{byte(v + 139)}
	case v >= 108 && v <= 1131:
		v -= 108
		return []byte{byte(v>>8) + 247, byte(v)}
	case v >= -1131 && v <= -108:
		v = -v - 108
		return []byte{byte(v>>8) + 251, byte(v)}
	case v >= -32768 && v <= 32767:
		return []byte{28, byte(v >> 8), byte(v)}
	}
	return dictOff(v)
}

// dictOff encodes v in the 5-byte form, whatever its size.
func dictOff(v int) []byte {
	return binary.BigEndian.AppendUint32([]byte{29}, uint32(int32(v)))
}

// writeIndex encodes items as a CFF INDEX.
func writeIndex(items [][]byte) []byte {
	if len(items) == 0 {
		return []byte{0, 0}
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	size := 1
	for total >= 1<<(8*size) {
		size++
	}
	out := binary.BigEndian.AppendUint16(nil, uint16(len(items)))
	out = append(out, byte(size))
	put := func(v int) {
		for i := size - 1; i >= 0; i-- {
			out = append(out, byte(v>>(8*i)))
		}
	}
	off := 1
	put(off)
	for _, it := range items {
		off += len(it)
		put(off)
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}
