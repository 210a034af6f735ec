package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"

	"verso/align"
	"verso/export/pdf/internal/wordseg"
	"verso/internal/linemetrics"
	"verso/internal/testenv"
)

// The seed edition's Chinese, measured in the PDF by the line-metrics
// checker (MuPDF's glyph positions): a quarter em (0.2 to 0.3) at every
// junction of Han and Latin letters or digits, the first baselines of
// every pair level within 0.5 pt, no overfull English line, and nearly
// every full Chinese line set without letter-spacing (what is left comes
// from lines that give characters to a paragraph's last line lest it be a
// runt).
func TestSeedChineseTypography(t *testing.T) {
	needPoppler(t)
	testenv.Command(t, "mutool", "mupdf-tools")
	data, _, _ := write(t, seed(t, "en"), Options{})
	d, err := linemetrics.Read(save(t, data))
	if err != nil {
		t.Fatal(err)
	}
	r := linemetrics.Measure(d)
	t.Logf("%s | %s", strings.Join(linemetrics.Header, " | "), strings.Join(r.Row(), " | "))
	if r.Junctions < 10 || r.JunctionsOut > 0 {
		t.Errorf("%d of %d CJK-Latin junctions outside 0.2-0.3 em (%.2f-%.2f): %v", r.JunctionsOut, r.Junctions, r.JunctionMin, r.JunctionMax, r.JunctionOutExamples)
	}
	if r.PairStarts < 50 || r.PairOffsetsOver > 0 {
		t.Errorf("%d of %d pair starts with baselines more than 0.5 pt apart (max %.2f): %v", r.PairOffsetsOver, r.PairStarts, r.PairOffsetMax, r.PairOffsetExamples)
	}
	if r.ChineseFull < 100 || float64(r.LetterSpaced) > 0.07*float64(r.ChineseFull) {
		t.Errorf("%d of %d full Chinese lines letter-spaced: %v", r.LetterSpaced, r.ChineseFull, r.LetterSpacedExamples)
	}
	if 2*r.OnGrid < r.EnglishLines/2 {
		t.Errorf("only %d of %d English baselines on a Chinese one", r.OnGrid, r.EnglishLines)
	}
}

// Adjacent punctuation is compressed: in the seed edition as laid out, no
// full-width mark followed by another advances more than 0.75 em, and a
// line never starts with an opener's blank half.
func TestSeedPunctuationCompressed(t *testing.T) {
	_, _, ed := write(t, seed(t, "en"), Options{})
	pairs := 0
	for _, p := range ed.pg.pages {
		for _, pl := range p.lines {
			if !pl.ln.cjk {
				continue
			}
			rs, xs := glyphs(ed.s, pl.ln)
			for k := 1; k < len(rs); k++ {
				if linemetrics.Punct(rs[k-1]) && linemetrics.Punct(rs[k]) {
					pairs++
					if adv := (xs[k] - xs[k-1]) / pl.ln.size; adv > 0.75+1e-9 {
						t.Errorf("%c%c advances %.2f em: %q", rs[k-1], rs[k], adv, lineText(pl.ln))
					}
				}
			}
			if len(rs) > 0 && strings.ContainsRune(openers, rs[0]) && pl.ln.indent == 0 && xs[0] > -0.4*pl.ln.size {
				t.Errorf("line starts with a full-width %c: %q", rs[0], lineText(pl.ln))
			}
		}
	}
	if pairs < 5 {
		t.Fatalf("only %d punctuation pairs", pairs)
	}
}

// Chinese headings break between words only: every line of a heading
// ends at a word boundary of wordseg (元首 stays whole).
func TestHeadingsBreakBetweenWords(t *testing.T) {
	_, _, ed := write(t, seed(t, "en"), Options{})
	n := 0
	for _, u := range ed.units() {
		if u.seg.Kind != align.KindHeading {
			continue
		}
		text := prepare(u.seg.Text)
		bounds := map[int]bool{}
		for _, b := range wordseg.Boundaries(text) {
			bounds[b] = true
		}
		lines := ed.s.set(u.seg.Text, styleFor(u.seg.Kind, true), ed.pg.g.srcW, true)
		off := 0
		for _, ln := range lines[:len(lines)-1] {
			off += len(lineText(&ln))
			n++
			prev, _ := utf8.DecodeLastRuneInString(text[:off])
			next, _ := utf8.DecodeRuneInString(text[off:])
			if wordseg.Han(prev) && wordseg.Han(next) && !bounds[off] {
				t.Errorf("heading broken inside a word: %q / %q", text[:off], text[off:])
			}
		}
	}
	if n == 0 {
		t.Fatal("no heading broken at all")
	}
}

// A junction keeps a quarter em whether or not the source has a space
// there: 2018年 and 2018 年 set alike.
func TestJunctionSpaceNotDoubled(t *testing.T) {
	s := &setter{fonts: testFonts(t)}
	st := styleFor(align.KindNote, true)
	a := s.line("根据2018年", st, 0, 200, true, true, 0)
	b := s.line("根据 2018 年", st, 0, 200, true, true, 0)
	if d := a.width - b.width; d < -0.01 || d > 0.01 {
		t.Errorf("with spaces %.2f pt wide, without %.2f pt", b.width, a.width)
	}
	w := s.line("根据年", st, 0, 200, true, true, 0).width + s.measure("2018", st, true)
	if d := a.width - w - 2*junction*st.size; d < -0.01 || d > 0.01 {
		t.Errorf("junctions take %.2f pt, want two quarter ems", a.width-w)
	}
}
