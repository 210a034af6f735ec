// Package font reads what verso's PDF exporter needs to know about TrueType
// fonts: which characters a face has glyphs for and how wide they are, the
// face's name, and whether its outlines can be embedded. It also extracts
// one face of a TrueType collection (.ttc) as a standalone font file, and
// chooses the face of a collection for a language (see [FaceFor]).
//
// The package only reads bytes it is given: finding a font on the system
// is the job of verso/internal/installed.
//
// Only TrueType outlines (a glyf table) can be embedded by the PDF library;
// CFF-flavoured OpenType (.otf, "OTTO") is refused with [ErrCFF]. Character
// coverage is read from the Unicode BMP cmap (format 4), the one the PDF
// library uses to subset the font, so [Face.Has] is true exactly for the
// characters that will print.
package font

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf16"
)

// Errors wrapped by [Parse] and [Extract].
var (
	ErrFormat = errors.New("not a TrueType font")
	ErrCFF    = errors.New("PostScript (CFF) outlines cannot be embedded; use a TrueType (.ttf/.ttc) font")
)

// Face is one parsed TrueType face.
type Face struct {
	Family string // family name from the name table, e.g. "AR PL UMing CN"
	Data   []byte // the standalone font file (extracted from its collection)
	// UnitsPerEm, Ascent and Descent are in font units; Descent is negative.
	UnitsPerEm      int
	Ascent, Descent int
	glyph           []uint16 // BMP rune -> glyph index (0: none)
	adv             []uint16 // glyph -> advance in font units
}

// Has reports whether the face has a glyph for r. Runes outside the BMP are
// never reported, because the PDF library can only address BMP characters.
func (f *Face) Has(r rune) bool {
	return r >= 0 && r < 0x10000 && f.glyph[r] != 0
}

// Width returns the advance width of r in thousandths of an em, rounded the
// way the PDF library rounds the widths it writes into the file, so that
// positions computed from it match what a viewer draws. A rune without a
// glyph has the width of the missing glyph (glyph 0).
func (f *Face) Width(r rune) int {
	g := 0
	if r >= 0 && r < 0x10000 {
		g = int(f.glyph[r])
	}
	return f.glyphWidth(g)
}

func (f *Face) glyphWidth(g int) int {
	if len(f.adv) == 0 {
		return 0
	}
	if g >= len(f.adv) {
		g = len(f.adv) - 1
	}
	return int(math.Round(1000 / float64(f.UnitsPerEm) * float64(f.adv[g])))
}

type table struct{ off, len int }

type reader struct {
	b   []byte
	err error
}

func (r *reader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		r.err = fmt.Errorf("%w: truncated at offset %d", ErrFormat, off)
		return 0
	}
	return int(binary.BigEndian.Uint16(r.b[off:]))
}

func (r *reader) u32(off int) int {
	if off < 0 || off+4 > len(r.b) {
		r.err = fmt.Errorf("%w: truncated at offset %d", ErrFormat, off)
		return 0
	}
	return int(binary.BigEndian.Uint32(r.b[off:]))
}

func (r *reader) i16(off int) int { return int(int16(r.u16(off))) }

// tables reads the table directory of the face starting at off.
func tables(r *reader, off int) (map[string]table, error) {
	switch tag := r.u32(off); tag {
	case 0x00010000, 0x74727565: // 1.0, 'true'
	case 0x4f54544f: // 'OTTO'
		return nil, ErrCFF
	case 0x74746366: // 'ttcf'
		return nil, fmt.Errorf("%w: a collection; extract a face first", ErrFormat)
	default:
		return nil, fmt.Errorf("%w: unknown signature %#08x", ErrFormat, tag)
	}
	n := r.u16(off + 4)
	out := make(map[string]table, n)
	for i := range n {
		rec := off + 12 + 16*i
		if rec+16 > len(r.b) {
			return nil, fmt.Errorf("%w: truncated table directory", ErrFormat)
		}
		t := table{r.u32(rec + 8), r.u32(rec + 12)}
		if t.off < 0 || t.len < 0 || t.off+t.len > len(r.b) {
			return nil, fmt.Errorf("%w: table %q out of bounds", ErrFormat, r.b[rec:rec+4])
		}
		out[string(r.b[rec:rec+4])] = t
	}
	return out, r.err
}

// Parse reads a TrueType font file. A collection is refused: call [Extract]
// first.
func Parse(data []byte) (*Face, error) {
	r := &reader{b: data}
	ts, err := tables(r, 0)
	if err != nil {
		return nil, err
	}
	for _, need := range []string{"cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf"} {
		if _, ok := ts[need]; !ok {
			if need == "glyf" {
				if _, ok := ts["CFF "]; ok {
					return nil, ErrCFF
				}
			}
			return nil, fmt.Errorf("%w: no %s table", ErrFormat, need)
		}
	}
	f := &Face{Data: data}
	f.UnitsPerEm = r.u16(ts["head"].off + 18)
	if f.UnitsPerEm == 0 {
		return nil, fmt.Errorf("%w: unitsPerEm is 0", ErrFormat)
	}
	hhea := ts["hhea"].off
	f.Ascent, f.Descent = r.i16(hhea+4), r.i16(hhea+6)
	nMetrics := r.u16(hhea + 34)
	nGlyphs := r.u16(ts["maxp"].off + 4)
	if nMetrics == 0 || nMetrics > nGlyphs || ts["hmtx"].len < 4*nMetrics {
		return nil, fmt.Errorf("%w: bad hmtx", ErrFormat)
	}
	f.adv = make([]uint16, nGlyphs)
	for g := range nGlyphs {
		m := min(g, nMetrics-1)
		f.adv[g] = uint16(r.u16(ts["hmtx"].off + 4*m))
	}
	if err := f.readCmap(r, ts["cmap"].off); err != nil {
		return nil, err
	}
	f.Family = family(r, ts["name"])
	return f, r.err
}

// readCmap reads the Unicode BMP subtable (format 4) the way the PDF
// library does: the first (3,1) or (0,*) subtable of format 4.
func (f *Face) readCmap(r *reader, cmap int) error {
	n := r.u16(cmap + 2)
	sub := -1
	for i := range n {
		rec := cmap + 4 + 8*i
		pid, eid, off := r.u16(rec), r.u16(rec+2), r.u32(rec+4)
		if (pid == 3 && eid == 1) || pid == 0 {
			if r.u16(cmap+off) == 4 {
				sub = cmap + off
				break
			}
		}
	}
	if r.err != nil {
		return r.err
	}
	if sub < 0 {
		return fmt.Errorf("%w: no Unicode BMP character map (cmap format 4)", ErrFormat)
	}
	f.glyph = make([]uint16, 0x10000)
	segs := r.u16(sub+6) / 2
	ends, starts, deltas, ranges := sub+14, sub+16+2*segs, sub+16+4*segs, sub+16+6*segs
	for s := range segs {
		end, start := r.u16(ends+2*s), r.u16(starts+2*s)
		delta, ro := r.u16(deltas+2*s), r.u16(ranges+2*s)
		if r.err != nil {
			return r.err
		}
		for c := start; c <= end && c < 0xffff; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xffff
			} else {
				pos := ranges + 2*s + ro + 2*(c-start)
				if pos+2 > len(r.b) {
					continue
				}
				if g = r.u16(pos); g != 0 {
					g = (g + delta) & 0xffff
				}
			}
			if g < len(f.adv) {
				f.glyph[c] = uint16(g)
			}
		}
	}
	return nil
}

// family returns the font's family name (name ID 1), preferring the
// Windows Unicode English record.
func family(r *reader, t table) string {
	if t.len == 0 {
		return ""
	}
	n, strs := r.u16(t.off+2), t.off+r.u16(t.off+4)
	best, bestRank := "", 99
	for i := range n {
		rec := t.off + 6 + 12*i
		pid, eid, lang, id := r.u16(rec), r.u16(rec+2), r.u16(rec+4), r.u16(rec+6)
		ln, off := r.u16(rec+8), r.u16(rec+10)
		if id != 1 || strs+off+ln > len(r.b) {
			continue
		}
		raw := r.b[strs+off : strs+off+ln]
		rank := 3
		var s string
		switch {
		case pid == 3 && (eid == 1 || eid == 10):
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(raw[2*j:])
			}
			s = string(utf16.Decode(u))
			rank = 1
			if lang == 0x409 {
				rank = 0
			}
		case pid == 1 && eid == 0:
			s, rank = string(raw), 2
		default:
			continue
		}
		if rank < bestRank && strings.TrimSpace(s) != "" {
			best, bestRank = s, rank
		}
	}
	return best
}
