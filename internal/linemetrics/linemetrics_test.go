package linemetrics

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// page builds MuPDF structured text for one page from rows of glyphs:
// each glyph is a character, its origin x and advance, on the baseline y
// of its row, at size pt.
type glyph struct {
	c      rune
	x, adv float64
}

func stextOf(rows map[float64][]glyph, size float64) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><document name="t.pdf"><page id="page1" width="595" height="842"><block><line>`)
	fmt.Fprintf(&b, `<font name="f" size="%g">`, size)
	for y, gs := range rows {
		for _, g := range gs {
			fmt.Fprintf(&b, `<char quad="%g %g %g %g %g %g %g %g" x="%g" y="%g" c="&#x%x;"/>`,
				g.x, y-size, g.x+g.adv, y-size, g.x, y, g.x+g.adv, y, g.x, y, g.c)
		}
	}
	b.WriteString(`</font></line></block></page></document>`)
	return []byte(b.String())
}

// run lays out s from x: Han and CJK punctuation an em wide, other
// characters half an em, with extra pt after the characters marked in gaps.
func run(s string, x, em float64, gaps map[int]float64) []glyph {
	var out []glyph
	for i, r := range []rune(s) {
		adv := em / 2
		if wide(r) {
			adv = em
		}
		out = append(out, glyph{r, x, adv})
		x += adv + gaps[i]
	}
	return out
}

func TestMeasure(t *testing.T) {
	const em = 10.0
	// Chinese column from x=60, 17 em; English from 260. Row 1 starts a
	// pair (both at y=100), row 2 follows.
	zh1 := run("根据2018年的《公约》、《协定》我们", 80, em, map[int]float64{1: 2.5, 5: 2.5, 11: -5})
	spaced := map[int]float64{}
	for i := range 16 {
		spaced[i] = 0.5
	}
	zh2 := run("我们我们我们我们我们我们我们我们我", 60, em, spaced)
	en1 := run("We note the", 260, em, nil)
	en2 := run("We note", 260, em, map[int]float64{1: 6})
	zh3 := run("我们我们。", 60, em, nil)
	rows := map[float64][]glyph{100: append(zh1, en1...), 118: append(zh2, en2...), 136: zh3}
	d, err := Parse(stextOf(rows, em))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lines) != 5 {
		t.Fatalf("%d lines, want 5", len(d.Lines))
	}
	r := Measure(d)
	if r.Junctions != 2 || math.Abs(r.JunctionMin-0.25) > 1e-9 || math.Abs(r.JunctionMax-0.25) > 1e-9 {
		t.Errorf("junctions %d, %.3f-%.3f em, want 2 of 0.25 em", r.Junctions, r.JunctionMin, r.JunctionMax)
	}
	// 》、 is set at half an em, 、《 at a full em.
	if r.PunctPairs != 2 || r.PunctOver != 1 || math.Abs(r.PunctMax-1) > 1e-9 {
		t.Errorf("punctuation pairs %d, over %d, widest %.2f em; want 2, 1, 1.00", r.PunctPairs, r.PunctOver, r.PunctMax)
	}
	if r.PairStarts != 1 || r.PairOffsetMax != 0 {
		t.Errorf("pair starts %d, offset %.2f; want 1, 0", r.PairStarts, r.PairOffsetMax)
	}
	if r.ChineseFull != 2 || r.LetterSpaced != 1 || math.Abs(r.MaxLetterSpace-0.5) > 1e-9 {
		t.Errorf("letter-spaced %d of %d (max %.2f)", r.LetterSpaced, r.ChineseFull, r.MaxLetterSpace)
	}
	if math.Abs(r.WordSpaceMax-11) > 1e-9 {
		t.Errorf("widest word space %.2f pt, want 11 (a 5 pt space and 6 pt more)", r.WordSpaceMax)
	}
}

// Parse refuses what is not structured text, and neither it nor Measure
// panics on any input.
func FuzzParse(f *testing.F) {
	f.Add(stextOf(map[float64][]glyph{100: run("根据2018年《公约》。", 60, 10, nil)}, 10))
	f.Add([]byte(`<document><page><block><line><font size="x"><char quad="1 2 3" c=""/></font></line></block></page></document>`))
	f.Add([]byte("not xml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			return
		}
		Measure(d)
	})
}
