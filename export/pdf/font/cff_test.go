package font

import (
	"bytes"
	"encoding/binary"
	"testing"

	"verso/internal/testenv"
)

const notoSerif = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
const notoSerifBold = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"

// noto parses the Simplified Chinese face of a Noto Serif CJK collection.
func noto(t testing.TB, path string) *Face {
	t.Helper()
	data := testenv.File(t, path, "fonts-noto-cjk")
	one, err := Extract(data, FaceFor(data, "zh-Hans"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(one)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestParseReadsCFFFaces(t *testing.T) {
	for path, want := range map[string]struct {
		ps     string
		weight int
	}{notoSerif: {"NotoSerifCJKsc-Regular", 400}, notoSerifBold: {"NotoSerifCJKsc-Bold", 700}} {
		f := noto(t, path)
		if f.Family != "Noto Serif CJK SC" || f.PostScriptName != want.ps || f.Weight != want.weight || !f.CFF() {
			t.Errorf("%s: family %q, PostScript name %q, weight %d, CFF %v", path, f.Family, f.PostScriptName, f.Weight, f.CFF())
		}
		if !f.Has('中') || f.Width('中') != 1000 || f.Width('，') != 1000 || !f.Has('A') || f.Has('𠮷') {
			t.Errorf("%s: coverage or widths wrong: 中 %v %d， %d", path, f.Has('中'), f.Width('中'), f.Width('，'))
		}
		if f.CapHeight <= 0 || f.BBox[2] <= f.BBox[0] || f.UnitsPerEm != 1000 {
			t.Errorf("%s: cap height %d, bbox %v, units %d", path, f.CapHeight, f.BBox, f.UnitsPerEm)
		}
		// Read in place, the face is the same, without a copy of its
		// tables.
		data := testenv.File(t, path, "fonts-noto-cjk")
		g, err := ParseFace(data, FaceFor(data, "zh-Hans"))
		if err != nil {
			t.Fatal(err)
		}
		if g.Family != f.Family || g.PostScriptName != f.PostScriptName || g.Width('中') != f.Width('中') || g.BBox != f.BBox ||
			len(g.cff.charStrings) != len(f.cff.charStrings) || &g.Data[0] != &data[0] {
			t.Errorf("%s: ParseFace reads another face than Extract and Parse, or copies", path)
		}
	}
}

// charset reads a CFF's charset (format 0): the CID of each glyph.
func charset(t *testing.T, b []byte) []int {
	t.Helper()
	_, next, _ := cffIndex(b, int(b[2]))
	tops, _, err := cffIndex(b, next)
	if err != nil {
		t.Fatal(err)
	}
	top, err := parseDict(tops[0])
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := top.int(opCharStrings, 0)
	n := int(binary.BigEndian.Uint16(b[cs:]))
	off, _ := top.int(opCharset, 0)
	if b[off] != 0 {
		t.Fatalf("charset format %d", b[off])
	}
	cids := []int{0}
	for i := 1; i < n; i++ {
		cids = append(cids, int(binary.BigEndian.Uint16(b[off+1+2*(i-1):])))
	}
	return cids
}

// A subset holds the missing glyph and each requested glyph under its
// original glyph index as CID, with its charstring unchanged, and every
// subroutine its glyphs call unchanged; the others are replaced and the
// subset is a small part of the font.
func TestSubsetCFFKeepsGlyphsAndTheirSubroutines(t *testing.T) {
	f := noto(t, notoSerif)
	text := "上海合作组织成员国元首理事会关于共同应对新冠肺炎疫情的声明，。、《》2020年COVID-19"
	var gids []uint16
	for _, r := range text {
		gids = append(gids, f.GlyphIndex(r), f.GlyphIndex(r)) // repeated glyphs count once
	}
	b, err := f.SubsetCFF(gids)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := parseCFF(b)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	cids := charset(t, b)
	want := map[int]bool{0: true}
	for _, g := range gids {
		want[int(g)] = true
	}
	if len(cids) != len(want) || len(sub.charStrings) != len(want) {
		t.Fatalf("%d glyphs, %d CIDs, want %d", len(sub.charStrings), len(cids), len(want))
	}
	for i, cid := range cids {
		if !want[cid] || (i > 0 && cid <= cids[i-1]) {
			t.Errorf("glyph %d has CID %d: not requested or out of order", i, cid)
		}
		if !bytes.Equal(sub.charStrings[i], f.cff.charStrings[cid]) {
			t.Errorf("glyph %d (CID %d): charstring changed", i, cid)
		}
		// Every subroutine the glyph calls in the subset is the original.
		fd := sub.fdOf(i)
		c := &charstring{f: sub, local: sub.fds[fd].subrs, usedG: make([]bool, len(sub.gsubrs)), usedL: make([]bool, len(sub.fds[fd].subrs))}
		if err := c.run(sub.charStrings[i]); err != nil && err != errEndChar {
			t.Fatalf("CID %d: %v", cid, err)
		}
		ofd := f.cff.fds[f.cff.fdOf(cid)]
		for n, used := range c.usedL {
			if used && !bytes.Equal(sub.fds[fd].subrs[n], ofd.subrs[n]) {
				t.Errorf("CID %d: local subroutine %d changed", cid, n)
			}
		}
		for n, used := range c.usedG {
			if used && !bytes.Equal(sub.gsubrs[n], f.cff.gsubrs[n]) {
				t.Errorf("CID %d: global subroutine %d changed", cid, n)
			}
		}
	}
	if len(sub.gsubrs) != len(f.cff.gsubrs) {
		t.Errorf("%d global subroutines, want %d (numbers kept)", len(sub.gsubrs), len(f.cff.gsubrs))
	}
	if len(sub.fds) >= len(f.cff.fds) {
		t.Errorf("%d font DICTs kept of %d", len(sub.fds), len(f.cff.fds))
	}
	t.Logf("%d glyphs: %d bytes (the font's CFF table: %d glyphs)", len(cids), len(b), len(f.cff.charStrings))
	if len(b) > 200_000 {
		t.Errorf("subset of %d glyphs takes %d bytes", len(cids), len(b))
	}
}

// minimalCFF is a name-keyed CFF of two glyphs, the second calling a
// local and a global subroutine.
func minimalCFF() []byte {
	endchar := []byte{14}
	glyph := []byte{139 - 107, 10, 139 - 107, 29, 14} // callsubr 0, callgsubr 0, endchar
	subr := []byte{139, 139, 21, 11}                  // rmoveto, return
	cs := writeIndex([][]byte{endchar, glyph})
	private := []byte{}
	gsubrs := writeIndex([][]byte{subr})
	head := []byte{1, 0, 4, 1}
	name := writeIndex([][]byte{[]byte("Test")})
	strs := writeIndex(nil)
	top := func(csOff, privOff, privLen int) []byte {
		d := append(dictOff(csOff), opCharStrings)
		d = append(d, dictOff(privLen)...)
		d = append(d, dictOff(privOff)...)
		return append(d, opPrivate)
	}
	topLen := len(writeIndex([][]byte{top(0, 0, 0)}))
	csOff := len(head) + len(name) + topLen + len(strs) + len(gsubrs)
	privOff := csOff + len(cs)
	private = append(private, dictOff(len(private)+6)...)
	private = append(private, opSubrs)
	out := append(head, name...)
	out = append(out, writeIndex([][]byte{top(csOff, privOff, len(private))})...)
	out = append(out, strs...)
	out = append(out, gsubrs...)
	out = append(out, cs...)
	out = append(out, private...)
	return append(out, writeIndex([][]byte{subr})...)
}

func TestSubsetOfNameKeyedCFF(t *testing.T) {
	f, err := parseCFF(minimalCFF())
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.subset([]uint16{1})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := parseCFF(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.charStrings) != 2 || len(sub.fds) != 1 || sub.fdSelect == nil || !bytes.Equal(sub.fds[0].subrs[0], f.fds[0].subrs[0]) {
		t.Errorf("subset: %d glyphs, %d font DICTs, FDSelect %v", len(sub.charStrings), len(sub.fds), sub.fdSelect)
	}
	// Without glyph 1 the subroutines are not called: replaced.
	b, _ = f.subset(nil)
	sub, _ = parseCFF(b)
	if !bytes.Equal(sub.gsubrs[0], emptySubr) || !bytes.Equal(sub.fds[0].subrs[0], emptySubr) {
		t.Errorf("unused subroutines kept: %v %v", sub.gsubrs[0], sub.fds[0].subrs[0])
	}
}

// FuzzParseCFF: no CFF table, however malformed, makes parsing, reading
// a glyph's ink or subsetting panic or loop.
func FuzzParseCFF(f *testing.F) {
	f.Add(minimalCFF())
	f.Add([]byte{1, 0, 4, 1, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := parseCFF(b)
		if err != nil {
			return
		}
		gids := make([]uint16, 0, 8)
		for g := range min(len(c.charStrings), 8) {
			gids = append(gids, uint16(g))
			c.ink(g)
		}
		out, err := c.subset(gids)
		if err != nil {
			return
		}
		if _, err := parseCFF(out); err != nil {
			t.Errorf("the subset of a parsed font does not parse: %v", err)
		}
	})
}

// Ink follows CFF outlines: in Noto Serif CJK SC the comma and the full
// stop sit at the left of their em and an opening bracket at the right,
// in the TC face the comma and the full stop in the middle; a Latin
// letter's ink lies within its advance; a space has none.
func TestInkOfCFFOutlines(t *testing.T) {
	data := testenv.File(t, notoSerif, "fonts-noto-cjk")
	for lang, want := range map[string]map[rune]string{
		"zh-Hans": {'，': "left", '。': "left", '（': "right", '《': "right"},
		"zh-Hant": {'，': "middle", '。': "middle", '（': "right"},
	} {
		f, err := ParseFace(data, FaceFor(data, lang))
		if err != nil {
			t.Fatal(err)
		}
		for r, where := range want {
			x0, x1, ok := f.Ink(r)
			got := "middle"
			switch {
			case !ok:
				got = "none"
			case x1 <= 520:
				got = "left"
			case x0 >= 480:
				got = "right"
			}
			if got != where {
				t.Errorf("%s %c: ink %d-%d (%v): %s, want %s", f.Family, r, x0, x1, ok, got, where)
			}
		}
		x0, x1, ok := f.Ink('H')
		if !ok || x0 < 0 || x1 > f.Width('H') || x1-x0 < f.Width('H')/2 {
			t.Errorf("%s H: ink %d-%d (%v), advance %d", f.Family, x0, x1, ok, f.Width('H'))
		}
		if _, _, ok := f.Ink(' '); ok {
			t.Errorf("%s: a space has ink", f.Family)
		}
	}
}
