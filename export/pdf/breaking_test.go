package pdf

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"verso/align"
)

func TestAtomsKeepKinsoku(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"我们，上海", []string{"我", "们，", "上", "海"}},
		{"（新华社）电", []string{"（新", "华", "社）", "电"}},
		{"他说——好……吧", []string{"他", "说", "——", "好……", "吧"}},
		{"弘扬“上海精神”，根据", []string{"弘", "扬“上", "海", "精", "神”，", "根", "据"}},
		{"马克·吐温", []string{"马", "克·", "吐", "温"}},
		{"2020年11月10日", []string{"2020年", "11月", "10日"}},
		{"《公约》。", []string{"《公", "约》。"}},
		{"the world, it", []string{"the ", "world, ", "it"}},
		{"государств – членов", []string{"государств – ", "членов"}},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range atoms(tt.text) {
			got = append(got, a.text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("atoms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPrepareKeepsSpacesAsWritten(t *testing.T) {
	for in, want := range map[string]string{
		"上海\n合作":       "上海合作",
		"第一章 总则":       "第一章 总则",
		"第一章\n 总则":     "第一章总则",
		"Мои\u0306":    "Мой",
		"  a \t b  ":   "a b",
		"上海 SCO 组织":    "上海 SCO 组织",
		"成员国\u3000领导人": "成员国\u3000领导人",
		"成员国\n领导人":     "成员国领导人",
	} {
		if got := prepare(in); got != want {
			t.Errorf("prepare(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzAtoms checks that breaking never loses or reorders a byte and that no
// atom after the first (but after a mandatory break) starts with a
// character kinsoku forbids at a line start.
func FuzzAtoms(f *testing.F) {
	for _, s := range []string{"我们，上海合作组织。", "a——b……c·d", "𠮷野家（吉野家）", "the end. 2020年"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var b strings.Builder
		as := atoms(s)
		for i, a := range as {
			if a.text == "" {
				t.Fatalf("empty atom in %q", s)
			}
			r, _ := utf8.DecodeRuneInString(a.text)
			if i > 0 && !as[i-1].hard && strings.ContainsRune(noStart, r) {
				t.Errorf("atom %q of %q starts with %q", a.text, s, r)
			}
			b.WriteString(a.text)
		}
		if b.String() != s {
			t.Fatalf("atoms of %q join to %q", s, b.String())
		}
		if want := unisegAtoms(s); !reflect.DeepEqual(as, want) {
			t.Fatalf("atoms of %q: %+v, UAX #14 throughout: %+v", s, as, want)
		}
	})
}

// unisegAtoms is [atoms] with every break opportunity found by uniseg,
// none by the shortcuts (between two ideographs, after an ASCII word).
func unisegAtoms(text string) []atom {
	var out []atom
	state := -1
	for rest := text; len(rest) > 0; {
		var seg string
		var must bool
		seg, rest, must, state = uniseg.FirstLineSegmentInString(rest, state)
		if len(out) > 0 && !out[len(out)-1].hard && !canBreak(out[len(out)-1].text, seg) {
			out[len(out)-1].text += seg
			out[len(out)-1].hard = must && len(rest) > 0
			continue
		}
		out = append(out, atom{text: seg, hard: must && len(rest) > 0})
	}
	return out
}

// TestAtomsBetweenIdeographs checks the shortcuts between two ideographs
// and after a word of ASCII letters against UAX #14 throughout, on texts
// that mix ideographs and words with what breaks around them:
// punctuation that may not start or end a line, brackets,
// spaces, digits, Latin words, combining marks and variation selectors,
// quotation marks, dashes, line breaks, characters outside the BMP.
func TestAtomsBetweenIdeographs(t *testing.T) {
	pieces := []string{"中", "国", "一", "龥", "鿿", "丁", "，", "。", "、", "（", "）", "《", "》", "“", "”", "——", "……", "·", " ", "\u3000",
		"2020", "年", "COVID-19", "a", "word", "The", "x", "  ", " (", ") ", "(", ",", ".", "'s", "é", "\u00a0", "http://a.b/c", "\u0301", "\ufe00", "\u200b", "\u2028", "\n", "-", "/", "%", "$", "𠮷", "ー", "々", "が", "한", "!", "?", ":"}
	rnd := rand.New(rand.NewPCG(1, 2))
	for n := range 20000 {
		var b strings.Builder
		for range 1 + n%12 {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := atoms(s), unisegAtoms(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("atoms of %q: %+v, UAX #14 throughout: %+v", s, got, want)
		}
	}
	for _, cov := range []*align.Coverage{synthetic("en", english), BigMarkdown(3), Big(6), seed(t, "en")} {
		for _, seg := range cov.Doc.Segments {
			s := prepare(seg.Text)
			if got, want := atoms(s), unisegAtoms(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("atoms of %q: %+v, UAX #14 throughout: %+v", s, got, want)
			}
		}
	}
}

func TestKeepControlsWidowsAndOrphans(t *testing.T) {
	tests := []struct{ n, i, k, want int }{
		{10, 0, 10, 10}, // fits
		{10, 0, 12, 10},
		{10, 0, 5, 5}, // split in the middle
		{10, 0, 9, 8}, // would leave a widow: two lines go over
		{10, 0, 1, 0}, // would leave an orphan: the block goes over
		{3, 0, 2, 0},  // a three-line block is never split
		{10, 4, 1, 1}, // a continuation may take one line
		{10, 4, 5, 4}, // but leaves two for the next page
		{2, 0, 1, 0},
	}
	for _, tt := range tests {
		if got := keep(tt.n, tt.i, tt.k); got != tt.want {
			t.Errorf("keep(%d, %d, %d) = %d, want %d", tt.n, tt.i, tt.k, got, tt.want)
		}
	}
}

// A Chinese paragraph never ends on a runt: its last line holds at least
// three characters when the paragraph has more than one line.
func TestCJKParagraphsEndWithoutRunts(t *testing.T) {
	for _, locale := range []string{"en", "ru"} {
		_, _, ed := write(t, seed(t, locale), Options{Draft: true})
		for _, u := range ed.units() {
			if u.seg.Kind != align.KindParagraph && u.seg.Kind != align.KindItem {
				continue
			}
			for _, w := range []float64{ed.pg.g.srcW, 150, 200, 250} {
				lines := ed.s.set(u.seg.Text, styleFor(u.seg.Kind, true), w, true)
				if len(lines) < 2 {
					continue
				}
				if last := lines[len(lines)-1]; last.chars < 3 {
					t.Errorf("%s (%s, %.1f pt): last line %q", u.seg.ID, locale, w, lineText(&last))
				}
			}
		}
	}
}

func lineText(ln *line) string {
	var b strings.Builder
	for _, p := range ln.pieces {
		b.WriteString(p.text)
	}
	return b.String()
}

// glyphs returns the characters of a justified line with the x of each
// (from the line's start) as the renderer places them.
func glyphs(s *setter, ln *line) ([]rune, []float64) {
	cs, ws := ln.spacing()
	gr, _ := ln.glueRatio()
	var rs []rune
	var xs []float64
	for _, p := range ln.pieces {
		before, after := p.shift(gr)
		x := p.x + float64(p.gaps)*cs + float64(p.spaces)*ws + before
		tc := cs
		if p.glued {
			tc = 0
		}
		for _, r := range p.text {
			rs, xs = append(rs, r), append(xs, x)
			x += s.width(p.font, r, ln.size) + tc + p.glue.adj + after
		}
	}
	return rs, xs
}

// Justification never opens ——, …… or a number: their characters abut in
// justified and tightened CJK lines alike.
func TestJustificationKeepsMarksAndNumbersWhole(t *testing.T) {
	s := &setter{fonts: testFonts(t)}
	text := strings.Repeat("他说——这是一个……很长的故事，我们——上海合作组织成员国领导人……于2020年11月10日强调。", 4)
	n := 0
	for w := 120.0; w <= 260; w += 7 {
		for _, ln := range s.set(text, styleFor(align.KindParagraph, true), w, true) {
			rs, xs := glyphs(s, &ln)
			for k := 1; k < len(rs); k++ {
				if double(rs[k-1], rs[k]) || isDigit(rs[k-1]) && isDigit(rs[k]) {
					n++
					id := s.fonts.pickIn(string(rs[k-1]), 0, rs[k-1], true, false, false) // the CJK face, or the serif for digits
					if d := xs[k] - xs[k-1] - s.width(id, rs[k-1], ln.size); d < -0.001 || d > 0.001 {
						t.Errorf("%.0f pt: %c%c %.3f pt apart in %q", w, rs[k-1], rs[k], d, lineText(&ln))
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no —— or …… set")
	}
}

// A list item's marker and the space after it keep their natural width on
// a justified first line, so the text after the marker lines up with the
// turned lines; only the rest of the line is justified.
func TestListMarkerHangsAtNaturalWidth(t *testing.T) {
	s := &setter{fonts: testFonts(t)}
	for _, tt := range []struct {
		text string
		cjk  bool
	}{
		{"— cooperation on digitalisation and information and communication technologies in industry, transport, agriculture, health, education, tourism, energy, trade, finance and customs;", false},
		{"— сотрудничество в области цифровизации и информационно-коммуникационных технологий в промышленности, на транспорте, в сельском хозяйстве;", false},
		{"1. We emphasise the great importance of concerted efforts by the international community to strengthen the global health system;", false},
		{"——开展工业、交通、农业、卫生、教育、旅游、能源、贸易、金融和海关领域数字化和信息通信技术合作；", true},
	} {
		st := styleFor(align.KindItem, tt.cjk)
		for w := 150.0; w <= 260; w += 11 {
			lines := s.set(tt.text, st, w, tt.cjk)
			if len(lines) < 2 || !lines[0].stretch {
				continue
			}
			m := marker(prepare(tt.text))
			k := len([]rune(m))
			_, xs := glyphs(s, &lines[0])
			if hang := s.measure(m, st, tt.cjk); xs[k] < hang-0.001 || xs[k] > hang+0.001 || lines[1].indent != hang {
				t.Errorf("%.0f pt: text after %q starts at %.2f pt, turned lines at %.2f, want %.2f: %q", w, m, xs[k], lines[1].indent, hang, lineText(&lines[0]))
			}
		}
	}
}
