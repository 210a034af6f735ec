// Package font reads what verso's PDF exporter needs to know about
// OpenType fonts: which characters a face has glyphs for and how wide they
// are, the face's names and the metrics of a PDF font descriptor. It also
// extracts one face of a font collection (.ttc) as a standalone font file,
// chooses the face of a collection for a language (see [FaceFor]), and
// subsets PostScript (CFF) outlines for embedding (see [Face.SubsetCFF]).
//
// The package only reads bytes it is given: finding a font on the system
// is the job of verso/internal/installed.
//
// Both kinds of outlines are read: TrueType (a glyf table), which the PDF
// library embeds itself, and CFF (.otf, "OTTO"; Noto Serif CJK, Source Han
// Serif), which the PDF library cannot embed: verso embeds those as
// CID-keyed CFF subsets (see [Face.CFF]). CFF2 (variable fonts) is
// refused. Character coverage is read from the Unicode BMP cmap (format
// 4), the one the PDF library uses to subset a TrueType font, so
// [Face.Has] is true exactly for the characters that will print.
package font

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf16"
)

// ErrFormat is wrapped by the errors of [Parse] and [Extract].
var ErrFormat = errors.New("not a usable OpenType font")

// Face is one parsed OpenType face.
type Face struct {
	Family string // family name from the name table, e.g. "AR PL UMing CN"
	// PostScriptName is the name table's PostScript name (name ID 6), e.g.
	// "NotoSerifCJKsc-Regular"; empty when the font has none.
	PostScriptName string
	// Data is the font file: for a TrueType face the standalone file
	// (extracted from its collection), which the PDF library embeds; for
	// a CFF face read from a collection by [ParseFace] the whole
	// collection.
	Data []byte
	// UnitsPerEm, Ascent and Descent are in font units; Descent is negative.
	UnitsPerEm      int
	Ascent, Descent int
	// BBox is the head table's bounding box of all glyphs (xMin, yMin,
	// xMax, yMax), CapHeight the OS/2 table's height of capitals (0 when
	// the table has none), both in font units; ItalicAngle is the post
	// table's, in degrees; Weight is the OS/2 weight class (400 regular,
	// 700 bold; 0 unknown).
	BBox        [4]int
	CapHeight   int
	ItalicAngle float64
	Weight      int
	glyph       []uint16 // BMP rune -> glyph index (0: none)
	adv         []uint16 // glyph -> advance in thousandths of an em, rounded
	cff         *cffFont // CFF outlines, or nil for TrueType ones
}

// CFF reports whether the face's outlines are PostScript (CFF) ones,
// which the PDF library cannot embed: they are embedded as subsets made
// by [Face.SubsetCFF].
func (f *Face) CFF() bool { return f.cff != nil }

// GlyphIndex returns the glyph of r, 0 (the missing glyph) when the face
// has none.
func (f *Face) GlyphIndex(r rune) uint16 {
	if r < 0 || r >= 0x10000 {
		return 0
	}
	return f.glyph[r]
}

// GlyphWidth returns the advance width of glyph g in thousandths of an
// em, rounded like [Face.Width].
func (f *Face) GlyphWidth(g uint16) int { return f.glyphWidth(int(g)) }

// SubsetCFF returns a CID-keyed CFF font program (the FontFile3 of a PDF
// CIDFontType0 font, subtype CIDFontType0C) holding the missing glyph and
// the glyphs gids, each under the CID equal to its glyph index in this
// face. Subroutines that none of them calls are emptied; the font DICTs
// none of them uses are left out. It fails on a face without CFF
// outlines or with a malformed charstring.
func (f *Face) SubsetCFF(gids []uint16) ([]byte, error) {
	if f.cff == nil {
		return nil, fmt.Errorf("%s: %w: no CFF outlines", f.Family, ErrFormat)
	}
	b, err := f.cff.subset(gids)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Family, err)
	}
	return b, nil
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
	return int(f.adv[g])
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
	case 0x00010000, 0x74727565, 0x4f54544f: // 1.0, 'true', 'OTTO'
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

// Parse reads an OpenType font file with TrueType or CFF outlines. A
// collection is refused: call [Extract] first.
func Parse(data []byte) (*Face, error) {
	return parse(data, 0)
}

// ParseFace reads face index of a font file, a collection or (index 0) a
// plain font. A TrueType face of a collection is extracted (see
// [Extract]), since the PDF library embeds whole font files; a CFF face
// is read in place, without copying its tables, and its Data is the
// whole file.
func ParseFace(data []byte, index int) (*Face, error) {
	if !IsCollection(data) {
		if index != 0 {
			return nil, fmt.Errorf("%w: face %d of a single-face font", ErrFormat, index)
		}
		return Parse(data)
	}
	r := &reader{b: data}
	n := r.u32(8)
	if index < 0 || index >= n || r.err != nil {
		return nil, fmt.Errorf("%w: face %d of a collection of %d", ErrFormat, index, n)
	}
	off := r.u32(12 + 4*index)
	ts, err := tables(r, off)
	if err != nil {
		return nil, err
	}
	if _, cff := ts["CFF "]; cff {
		return parse(data, off)
	}
	one, err := Extract(data, index)
	if err != nil {
		return nil, err
	}
	return Parse(one)
}

// parse reads the face whose table directory is at off in data.
func parse(data []byte, off int) (*Face, error) {
	r := &reader{b: data}
	ts, err := tables(r, off)
	if err != nil {
		return nil, err
	}
	need := []string{"cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf"}
	if _, ok := ts["CFF "]; ok {
		need = append(need[:5], "CFF ")
	} else if _, ok := ts["CFF2"]; ok {
		return nil, fmt.Errorf("%w: CFF2 outlines (a variable font); use a static .otf or .ttf", ErrFormat)
	}
	for _, need := range need {
		if _, ok := ts[need]; !ok {
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
	k := 1000 / float64(f.UnitsPerEm)
	for g := range nGlyphs {
		m := min(g, nMetrics-1)
		f.adv[g] = uint16(min(math.Round(k*float64(r.u16(ts["hmtx"].off+4*m))), 0xffff))
	}
	if err := f.readCmap(r, ts["cmap"].off); err != nil {
		return nil, err
	}
	f.Family = nameRecord(r, ts["name"], 1)
	f.PostScriptName = nameRecord(r, ts["name"], 6)
	head := ts["head"].off
	f.BBox = [4]int{r.i16(head + 36), r.i16(head + 38), r.i16(head + 40), r.i16(head + 42)}
	if os2 := ts["OS/2"]; os2.len >= 90 {
		f.Weight = r.u16(os2.off + 4)
		if r.u16(os2.off) >= 2 {
			f.CapHeight = r.i16(os2.off + 88)
		}
	}
	if post := ts["post"]; post.len >= 8 {
		f.ItalicAngle = float64(int32(r.u32(post.off+4))) / 65536
	}
	if r.err != nil {
		return nil, r.err
	}
	if t, ok := ts["CFF "]; ok {
		if f.cff, err = parseCFF(data[t.off : t.off+t.len]); err != nil {
			return nil, err
		}
		if len(f.cff.charStrings) < nGlyphs {
			return nil, fmt.Errorf("%w: %d glyphs in the CFF table, %d in maxp", ErrFormat, len(f.cff.charStrings), nGlyphs)
		}
	}
	return f, nil
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

// nameRecord returns the name table's record id (1: family, 6:
// PostScript name), preferring the Windows Unicode English record.
func nameRecord(r *reader, t table, want int) string {
	if t.len == 0 {
		return ""
	}
	n, strs := r.u16(t.off+2), t.off+r.u16(t.off+4)
	best, bestRank := "", 99
	for i := range n {
		rec := t.off + 6 + 12*i
		pid, eid, lang, id := r.u16(rec), r.u16(rec+2), r.u16(rec+4), r.u16(rec+6)
		ln, off := r.u16(rec+8), r.u16(rec+10)
		if id != want || strs+off+ln > len(r.b) {
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
