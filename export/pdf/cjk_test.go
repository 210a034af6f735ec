package pdf

import (
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"verso/align"
	"verso/export/pdf/internal/wordseg"
	"verso/internal/linemetrics"
	"verso/internal/testenv"
)

// The seed edition's Chinese, measured in the PDF by the line-metrics
// checker (MuPDF's glyph positions): a quarter em (0.2 to 0.3) at every
// junction of Han and Latin letters or digits, no punctuation pair wider
// than 0.75 em, the first baselines of every pair level within 0.5 pt, a
// quarter of the English baselines on Chinese ones (the grid: every
// fourth English line on every third Chinese one), no overfull line, and
// nine full Chinese lines in ten or more set without letter-spacing (the
// seed has 21 of 301: lines that give a character to a paragraph's last
// line lest it be a runt, or that kinsoku or a number leave short with no
// glue to take it up; Typst letter-spaces 187 of 233, xeCJK 225 of 238,
// see testdata/bench-peers.sh).
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
	if r.ChineseFull < 100 || float64(r.LetterSpaced) > 0.1*float64(r.ChineseFull) {
		t.Errorf("%d of %d full Chinese lines letter-spaced: %v", r.LetterSpaced, r.ChineseFull, r.LetterSpacedExamples)
	}
	if r.PunctPairs < 5 || r.PunctOver > 0 {
		t.Errorf("%d of %d punctuation pairs advance more than 0.75 em: %v", r.PunctOver, r.PunctPairs, r.PunctOverExamples)
	}
	if r.Overfull > 0 {
		t.Errorf("%d overfull lines", r.Overfull)
	}
	if 4*r.OnGrid < r.EnglishLines {
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

// Setting any text in a CJK column keeps every character in order (the
// lines joined are the text, less the spaces a break drops), and places
// the glyphs of each line left to right however the glue and
// the letter-spacing moved them.
func FuzzCJKLines(f *testing.F) {
	for _, s := range []string{"我们在2018年的《上合组织宪章》、《公约》《协定》,以及（一）我们在2018年的。",
		"「『《（他说）》』」——这是……COVID-19 疫情,以及 G20 峰会：", "a", "，，，。。。《《《"} {
		f.Add(s, 120.0, false)
	}
	s := &setter{fonts: testFonts(f)}
	f.Fuzz(func(t *testing.T, text string, measure float64, hang bool) {
		if !utf8.ValidString(text) || measure < 30 || measure > 600 {
			return
		}
		for _, k := range []align.Kind{align.KindParagraph, align.KindHeading} {
			st := styleFor(k, true)
			st.hangStops = hang
			var b strings.Builder
			for _, ln := range s.set(text, st, measure, true) {
				b.WriteString(lineText(&ln))
				rs, xs := glyphs(s, &ln)
				for i := 1; i < len(rs); i++ {
					// A zero-width character may share its place with the
					// next, closed up by at most 0.04 em.
					if !(xs[i] >= xs[i-1]-0.04*ln.size-1e-9) {
						t.Fatalf("%q in %.0f pt: %c at %.2f after %c at %.2f in %q", text, measure, rs[i], xs[i], rs[i-1], xs[i-1], lineText(&ln))
					}
				}
			}
			if got, want := strings.ReplaceAll(b.String(), " ", ""), strings.ReplaceAll(prepare(text), " ", ""); got != want {
				t.Fatalf("%q set in %.0f pt reads %q", text, measure, got)
			}
		}
	})
}

// Where the source has no space, a junction of Han and Latin reads back
// from pdftotext with at most one space (poppler sees its quarter em as
// a word space), never two, and the text is otherwise the source's.
func TestJunctionExtractsAtMostOneSpace(t *testing.T) {
	needPoppler(t)
	data, _, ed := write(t, seed(t, "en"), Options{})
	file := save(t, data)
	g := ed.pg.g
	left := extract(t, file, g.left-2, g.top-4, g.srcW+g.gutter/2, g.bottom-g.top+8)
	junctions := 0
	rs := []rune(left)
	for i := 0; i+1 < len(rs); i++ {
		if !hanText(rs[i]) && !latinText(rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if j == len(rs) || !(hanText(rs[i]) && latinText(rs[j]) || latinText(rs[i]) && hanText(rs[j])) {
			continue
		}
		junctions++
		if j-i-1 > 1 {
			t.Errorf("%d spaces at %q", j-i-1, string(rs[max(0, i-4):min(len(rs), j+4)]))
		}
	}
	if junctions < 20 {
		t.Errorf("only %d junctions read back", junctions)
	}
}

// Running heads are the sections' short titles: the headings without the
// start and the end all of them share, whole, with no ellipsis in front,
// starting with a capital.
func TestRunningHeadsAreShortTitles(t *testing.T) {
	_, _, ed := write(t, seed(t, "en"), Options{})
	st := style{size: 8, lead: 10}
	half := (ed.pg.g.right - ed.pg.g.left - 12) / 2
	want := map[string]bool{"应对毒品威胁": true, "共同应对新冠肺炎疫情": true, "Countering the Drug Threat": true,
		"The 75th Anniversary of Victory in the Second World War": true} // cut from "… on the 75th …"
	for _, u := range ed.units() {
		if u.seg.Kind != align.KindHeading {
			continue
		}
		for side, h := range []string{u.seg.Text, u.tr} {
			got := ed.runningHead(h, side, true, st, half, side == 0)
			if strings.HasPrefix(got, "…") || strings.HasPrefix(prepare(h), got) {
				t.Errorf("running head %q of %q is not a short title", got, h)
			}
			if r, _ := utf8.DecodeRuneInString(got); unicode.IsLower(r) {
				t.Errorf("running head %q of %q starts in lower case", got, h)
			}
			delete(want, got)
		}
	}
	for w := range want {
		t.Errorf("no running head %q", w)
	}
}

// CJK columns are a whole number of CJK body ems wide, on either side,
// and the text block keeps its edges.
func TestCJKColumnsWholeEms(t *testing.T) {
	em := styleFor(align.KindParagraph, true).size
	for _, c := range []struct{ src, tr bool }{{true, false}, {false, true}, {true, true}} {
		for _, share := range []float64{0.38, 0.45, 0.5, 0.62} {
			g := newGeom("A4", share)
			right := g.trX + g.trW
			g.wholeEms(c.src, c.tr)
			for _, col := range []struct {
				cjk bool
				w   float64
			}{{c.src, g.srcW}, {c.tr, g.trW}} {
				if n := col.w / em; col.cjk && math.Abs(n-math.Round(n)) > 1e-9 {
					t.Errorf("%+v share %.2f: a CJK column %.2f pt, %.3f em", c, share, col.w, n)
				}
			}
			if g.srcX != g.left || math.Abs(g.trX+g.trW-right) > 1e-9 || g.trX < g.srcX+g.srcW+g.gutter-1e-9 {
				t.Errorf("%+v share %.2f: columns %.2f+%.2f and %.2f+%.2f in %.2f-%.2f", c, share, g.srcX, g.srcW, g.trX, g.trW, g.left, right)
			}
		}
	}
}
