package pdf

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"verso/export/pdf/font"
	"verso/export/pdf/internal/pdfobj"
)

// cffFont is a face with PostScript (CFF) outlines that the renderer draws
// itself, since the PDF library embeds only TrueType: its text is shown
// with two-byte codes, each the glyph index in the face (which is also
// the glyph's CID in the embedded subset, see [font.Face.SubsetCFF]), and
// the font is added to the file after the library wrote it (see
// [cffFont.embed]).
type cffFont struct {
	face *font.Face
	res  string          // resource name, e.g. "V4"
	tag  string          // subset tag, e.g. "VRSAAE"
	used map[uint16]rune // glyph -> the character it shows (ToUnicode)
}

// show appends to b the operand of a TJ operator that shows text, an
// array of hex strings of glyph indexes, and records the glyphs. A glyph whose
// advance in the layout (advance, in thousandths of an em) differs from
// its width in the font is centred in its advance: half the difference
// before it, half after, each too small for text extraction to take it
// for a space.
func (c *cffFont) show(b []byte, text string, advance func(rune) int) []byte {
	const hex = "0123456789ABCDEF"
	b = append(b, "[<"...)
	for _, r := range text {
		g := c.face.GlyphIndex(r)
		if _, ok := c.used[g]; !ok && g != 0 {
			c.used[g] = r
		}
		d := advance(r) - c.face.GlyphWidth(g)
		if d != 0 {
			b = append(strconv.AppendInt(append(b, "> "...), int64(-d/2), 10), " <"...)
		}
		b = append(b, hex[g>>12], hex[g>>8&15], hex[g>>4&15], hex[g&15])
		if d != 0 {
			b = append(strconv.AppendInt(append(b, "> "...), int64(-(d-d/2)), 10), " <"...)
		}
	}
	return append(b, ">]"...)
}

// embed adds the font to f, a Type 0 font with a CIDFontType0 descendant
// whose FontFile3 is the CID-keyed CFF subset of the used glyphs, widths
// for each and a ToUnicode CMap, and returns the Type 0 font's object
// number.
func (c *cffFont) embed(f *pdfobj.File) (int, error) {
	gids := make([]uint16, 0, len(c.used))
	for g := range c.used {
		gids = append(gids, g)
	}
	slices.Sort(gids)
	prog, err := c.face.SubsetCFF(gids)
	if err != nil {
		return 0, err
	}
	fc := c.face
	k := 1000 / float64(fc.UnitsPerEm)
	em := func(v int) int { return int(math.Round(float64(v) * k)) }
	name := c.tag + "+" + fc.PostScriptName
	if fc.PostScriptName == "" {
		name = c.tag + "+" + strings.ReplaceAll(fc.Family, " ", "")
	}
	file := f.Add(pdfobj.Stream(" /Subtype /CIDFontType0C", prog))
	stemV := 80
	if fc.Weight >= 600 {
		stemV = 140
	}
	flags := 4 // symbolic: the glyphs are addressed by CID, not by a standard encoding
	if fc.ItalicAngle != 0 {
		flags |= 64
	}
	capHeight := fc.CapHeight
	if capHeight == 0 {
		capHeight = fc.Ascent
	}
	desc := f.Add(fmt.Appendf(nil, "<</Type /FontDescriptor /FontName %s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %g /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile3 %s>>",
		pdfobj.Name(name), flags, em(fc.BBox[0]), em(fc.BBox[1]), em(fc.BBox[2]), em(fc.BBox[3]),
		fc.ItalicAngle, em(fc.Ascent), em(fc.Descent), em(capHeight), stemV, pdfobj.Ref(file)))
	// Widths, in runs of consecutive CIDs.
	var w strings.Builder
	for i := 0; i < len(gids); {
		j := i + 1
		for j < len(gids) && gids[j] == gids[j-1]+1 {
			j++
		}
		fmt.Fprintf(&w, "%d [", gids[i])
		for n, g := range gids[i:j] {
			if n > 0 {
				w.WriteByte(' ')
			}
			fmt.Fprintf(&w, "%d", fc.GlyphWidth(g))
		}
		w.WriteString("] ")
		i = j
	}
	cid := f.Add(fmt.Appendf(nil, "<</Type /Font /Subtype /CIDFontType0 /BaseFont %s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %s /DW %d /W [%s]>>",
		pdfobj.Name(name), pdfobj.Ref(desc), fc.GlyphWidth(0), strings.TrimSpace(w.String())))
	toUni := f.Add(pdfobj.Stream("", toUnicode(gids, c.used)))
	return f.Add(fmt.Appendf(nil, "<</Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%s] /ToUnicode %s>>",
		pdfobj.Name(name), pdfobj.Ref(cid), pdfobj.Ref(toUni))), nil
}

// toUnicode returns a CMap mapping each two-byte code (glyph) to the
// character it shows.
func toUnicode(gids []uint16, chars map[uint16]rune) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
	b.WriteString("/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n")
	b.WriteString("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
	b.WriteString("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(gids); i += 100 {
		chunk := gids[i:min(i+100, len(gids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune{chars[g]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}
