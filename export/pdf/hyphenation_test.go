package pdf

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"verso/align"
	"verso/export/pdf/hyph"
	"verso/internal/installed"
	"verso/internal/testenv"
)

var (
	hyphOnce sync.Once
	hyphPats map[string]*hyph.Patterns
)

// testHyphenation returns the system's English, Russian, French and
// Spanish patterns (Debian: hyphen-en-us, hyphen-ru, hyphen-fr,
// hyphen-es); the tests set text unhyphenated without them.
func testHyphenation(t testing.TB) map[string]*hyph.Patterns {
	hyphOnce.Do(func() {
		hyphPats = map[string]*hyph.Patterns{}
		for _, l := range []string{"en", "ru", "fr", "es"} {
			if path, err := installed.PatternFile(l, nil); err == nil {
				if p, err := installed.LoadPatterns(path); err == nil {
					hyphPats[l] = p
				}
			}
		}
	})
	return hyphPats
}

func needHyphenation(t testing.TB, lang string) *hyph.Patterns {
	t.Helper()
	p := testHyphenation(t)[lang]
	if p == nil {
		testenv.Missing(t, "hyphenation patterns for "+lang, installed.HyphenPackage(lang))
	}
	return p
}

// hyphenated reports whether a line ends with an added hyphen.
func hyphenated(ln *line) bool {
	k := len(ln.pieces)
	return k > 0 && ln.pieces[k-1].hyphen
}

// space returns the width of a justified line's spaces, in ems.
func space(s *setter, ln *line) float64 {
	_, ws := ln.spacing()
	return (s.width(fSerif, ' ', ln.size) + ws) / ln.size
}

// Hyphenation evens the spacing of narrow justified columns with few
// hyphens: no English line's spaces wider than 0.62 em, no Russian line's
// wider than 1 em and at most one Russian line in 20 wider than 0.62 em
// (without hyphenation English lines reach 1.41 em and Russian ones
// 5.17 em; with it, on the complete translations, the widest are 0.50 em
// and 0.92 em, the latter before the single word of a paragraph's last
// line, in z8q4y4, and 15 of 400 Russian lines are wider than 0.62 em),
// at most two hyphenated lines in a row, none in the last line, and every
// broken word at least five letters, broken within the patterns' minimums.
func TestHyphenationEvensSpacing(t *testing.T) {
	widest := map[string]float64{"en": 0.62, "ru": 1}
	for _, locale := range []string{"en", "ru"} {
		pats := needHyphenation(t, locale)
		_, _, ed := write(t, seed(t, locale), Options{Draft: true, Layout: Columns})
		var lines, hyphens, loose int
		var loosest, before float64
		for _, u := range ed.units() {
			st := styleFor(u.seg.Kind, false)
			if st.just != jJustify {
				continue
			}
			plain := ed.s.set(u.tr, st, ed.pg.g.trW, false)
			st.hy = pats
			set := ed.s.set(u.tr, st, ed.pg.g.trW, false)
			for i := range plain {
				if plain[i].stretch {
					before = max(before, space(ed.s, &plain[i]))
				}
			}
			run := 0
			for i := range set {
				ln := &set[i]
				if ln.stretch {
					lines++
					loosest = max(loosest, space(ed.s, ln))
					if space(ed.s, ln) > 0.62 {
						loose++
					}
				}
				if !hyphenated(ln) {
					run = 0
					continue
				}
				hyphens++
				if run++; run > maxHyphens {
					t.Errorf("%s: %s: more than %d hyphenated lines in a row: %q", locale, u.seg.ID, maxHyphens, lineText(ln))
				}
				if i == len(set)-1 {
					t.Errorf("%s: %s: last line hyphenated: %q", locale, u.seg.ID, lineText(ln))
				}
				text := strings.TrimSuffix(lineText(ln), "-")
				head := text[strings.LastIndexAny(text, " «“(")+1:]
				tail := lineText(&set[i+1])
				if j := strings.IndexAny(tail, " ,.;:»”)"); j >= 0 {
					tail = tail[:j]
				}
				if n, m := utf8.RuneCountInString(head), utf8.RuneCountInString(tail); n < pats.LeftMin || m < pats.RightMin || n+m < minHyphenate {
					t.Errorf("%s: %s: %s-%s broken outside the minimums", locale, u.seg.ID, head, tail)
				}
			}
		}
		t.Logf("%s: %d of %d justified lines hyphenated; widest space %.2f em (unhyphenated %.2f em); %d lines wider than 0.62 em", locale, hyphens, lines, loosest, before, loose)
		if loosest > widest[locale] || loosest >= before {
			t.Errorf("%s: widest space %.2f em, want at most %.2f em (unhyphenated: %.2f em)", locale, loosest, widest[locale], before)
		}
		if loose*20 > lines {
			t.Errorf("%s: %d of %d lines with spaces wider than 0.62 em, want at most one in 20", locale, loose, lines)
		}
		if hyphens == 0 || float64(hyphens) > 0.45*float64(lines) {
			t.Errorf("%s: %d of %d lines hyphenated", locale, hyphens, lines)
		}
	}
}

// A hyphen added at a line break is drawn but not extracted: the line
// reads back without it, and the word's letters stay in order.
func TestAddedHyphenIsNotText(t *testing.T) {
	needPoppler(t)
	needHyphenation(t, "ru")
	cov := seed(t, "ru")
	data, _, ed := write(t, cov, Options{Draft: true})
	file := save(t, data)
	g := ed.pg.g
	mid := g.srcX + g.srcW + g.gutter/2
	got := map[string]bool{}
	for _, l := range strings.Split(extract(t, file, mid, g.top-4, g.right-mid+4, g.bottom-g.top+8), "\n") {
		got[strings.Join(strings.Fields(l), " ")] = true
	}
	n := 0
	var prev *line // the previous line of the translation column
	for _, p := range ed.pg.pages {
		for _, pl := range p.lines {
			if pl.x < mid {
				continue
			}
			before := prev
			prev = pl.ln
			if !hyphenated(pl.ln) {
				continue
			}
			n++
			want := strings.Join(strings.Fields(strings.TrimSuffix(lineText(pl.ln), "-")), " ")
			// pdftotext joins a line that ends in a word's own hyphen
			// (информационно-коммуникационных) to the next, without the
			// hyphen.
			if before != nil && !hyphenated(before) {
				if b, ok := strings.CutSuffix(lineText(before), "-"); ok {
					want = strings.Join(strings.Fields(b), " ") + want
				}
			}
			if !got[want] {
				t.Errorf("hyphenated line %q does not read back without its hyphen", want)
			}
		}
	}
	if n == 0 {
		t.Error("no line of the Russian translation is hyphenated")
	}
}

// Words that are not hyphenated: short, capitals only, with digits, or
// addresses; CJK text is never hyphenated.
func TestHyphenatableWords(t *testing.T) {
	for a, want := range map[string]string{
		"cooperation, ":     "cooperation",
		"«Шанхайскому ":     "Шанхайскому",
		"(international":    "international",
		"peace ":            "peace",
		"pact ":             "",
		"COVID ":            "",
		"COVID-19 ":         "",
		"G20-summit ":       "",
		"www.example ":      "",
		"a/b/international": "",
		"合作组织":              "",
		"x合作组织组织":           "",
	} {
		s, e := hyphenatable(a)
		if got := a[s:e]; got != want {
			t.Errorf("hyphenatable(%q) = %q, want %q", a, got, want)
		}
	}
	pats := needHyphenation(t, "en")
	s := &setter{fonts: testFonts(t)}
	st := styleFor(align.KindParagraph, true)
	st.hy = pats
	zh := "我们，上海合作组织成员国领导人，强调，新冠肺炎疫情仍在本地区及全球蔓延，对各国经济社会、人民生命健康和民生福祉造成严重影响。"
	for _, ln := range s.set(zh, st, 100, true) {
		if hyphenated(&ln) {
			t.Errorf("CJK line hyphenated: %q", lineText(&ln))
		}
	}
}

// Setting any text hyphenated keeps every character in order: the lines
// joined, without their added hyphens, are the text with its spaces.
func FuzzHyphenatedLines(f *testing.F) {
	for _, s := range []string{"We, the leaders of the Member States of the Shanghai Cooperation Organisation, emphasise",
		"Мы, руководители государств – членов Шанхайской организации сотрудничества", "hyphenation\nhyphenation", "a"} {
		f.Add(s, 120.0)
	}
	s := &setter{fonts: testFonts(f)}
	st := styleFor(align.KindParagraph, false)
	st.hy = testHyphenation(f)["en"]
	ru := st
	ru.hy = testHyphenation(f)["ru"]
	f.Fuzz(func(t *testing.T, text string, measure float64) {
		if !utf8.ValidString(text) || measure < 20 || measure > 600 {
			return
		}
		want := strings.ReplaceAll(prepare(text), " ", "")
		for _, st := range []style{st, ru} {
			var b strings.Builder
			lines := s.set(text, st, measure, false)
			for i := range lines {
				for _, p := range lines[i].pieces {
					if !p.hyphen {
						b.WriteString(p.text)
					}
				}
			}
			if got := strings.ReplaceAll(b.String(), " ", ""); got != want {
				t.Fatalf("%q set in %.0f pt reads %q", text, measure, got)
			}
		}
	})
}

// A hyphenated compound breaks only at its own hyphen: no line ends
// inside "epidemic-prevention" or "counter-terrorism" with an added
// hyphen, while the plain long words around them still hyphenate.
func TestHyphenationKeepsCompoundsWhole(t *testing.T) {
	pats := needHyphenation(t, "en")
	s := &setter{fonts: testFonts(t)}
	st := styleFor(align.KindParagraph, false)
	st.hy = pats
	text := strings.Repeat("We pay tribute to the epidemic-prevention experts, counter-terrorism authorities and "+
		"the internationally recognised non-governmental organisations of all the participating countries. ", 4)
	broken := 0
	for measure := 90.0; measure <= 200; measure += 7 {
		lines := s.set(text, st, measure, false)
		for i := range lines[:len(lines)-1] {
			if !hyphenated(&lines[i]) {
				continue
			}
			broken++
			before := strings.Fields(lineText(&lines[i]))
			after := strings.Fields(lineText(&lines[i+1]))
			word := strings.TrimSuffix(before[len(before)-1], "-") + after[0]
			if strings.Contains(word, "-") {
				t.Errorf("%.0f pt: compound broken inside a part: %q / %q", measure, before[len(before)-1], after[0])
			}
		}
	}
	if broken == 0 {
		t.Error("no line hyphenated at all: the test sets nothing it checks")
	}
}

// Every language whose patterns are installed hyphenates: French and
// Spanish (Debian hyphen-fr, hyphen-es) as well as English and Russian.
func TestFrenchAndSpanishHyphenate(t *testing.T) {
	for lang, word := range map[string]string{"fr": "coopération", "es": "cooperación", "en": "cooperation", "ru": "сотрудничества"} {
		p := needHyphenation(t, lang)
		if hs := p.Hyphenate(word); len(hs) == 0 {
			t.Errorf("%s: %q has no hyphenation point", lang, word)
		}
	}
}
