package hyph_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"verso/export/pdf/hyph"
	"verso/internal/installed"
	"verso/internal/testenv"
)

// The package's tests are an external package so that they can load the
// system's patterns with verso/internal/installed, which imports hyph.

// show marks the breaks of word with '-'.
func show(p *hyph.Patterns, word string) string {
	var b strings.Builder
	last := 0
	for _, h := range p.Hyphenate(word) {
		b.WriteString(word[last:h] + "-")
		last = h
	}
	return b.String() + word[last:]
}

// system loads a Debian pattern file, skipping the test without it.
func system(t testing.TB, lang string) *hyph.Patterns {
	t.Helper()
	path, err := installed.PatternFile(lang, nil)
	if err != nil {
		testenv.Missing(t, "hyphenation patterns for "+lang, installed.HyphenPackage(lang))
	}
	p, err := installed.LoadPatterns(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHyphenateKnownWords(t *testing.T) {
	for _, c := range []struct {
		lang  string
		words []string
	}{
		{"en-US", []string{"hy-phen-ation", "co-op-er-a-tion", "in-ter-na-tional", "Or-gan-i-sa-tion", "com-puter", "se-cu-rity", "the", "ex-trem-ism"}},
		{"en-GB", []string{"co-oper-a-tion", "in-ter-na-tional"}},
		{"ru", []string{"го-су-дарств", "со-труд-ни-че-ства", "ру-ко-во-ди-те-ли", "Шан-хай-ской", "биз-нес-мен", "бездн"}},
	} {
		p := system(t, c.lang)
		for _, want := range c.words {
			word := strings.ReplaceAll(want, "-", "")
			if got := show(p, word); got != want {
				t.Errorf("%s: %s: got %s, want %s", c.lang, word, got, want)
			}
		}
	}
}

func TestSystemMinimums(t *testing.T) {
	en, ru := system(t, "en-US"), system(t, "ru")
	if en.LeftMin != 2 || en.RightMin != 3 {
		t.Errorf("en-US: minimums %d/%d, want 2/3", en.LeftMin, en.RightMin)
	}
	if ru.LeftMin != 2 || ru.RightMin != 2 {
		t.Errorf("ru: minimums %d/%d, want 2/2", ru.LeftMin, ru.RightMin)
	}
}

func parse(t *testing.T, text string) *hyph.Patterns {
	t.Helper()
	p, err := hyph.Parse(strings.NewReader(text), "test.dic")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParseSmallFile(t *testing.T) {
	p := parse(t, "UTF-8\n"+
		"% a comment\n"+
		"LEFTHYPHENMIN 1\n"+
		"RIGHTHYPHENMIN 1\n"+
		"COMPOUNDLEFTHYPHENMIN 3\n"+
		"NOHYPHEN -\n"+
		"a1b\n"+
		".c2a\n"+ // no break after a word-initial c
		"c1a\n"+
		"x1y/x=x,1,1\n"+ // non-standard: ignored
		"\\hyphenation{\n"+
		"ab-ab-ab\n"+
		"}\n"+
		"d3\n")
	if p.LeftMin != 1 || p.RightMin != 1 || p.CompoundLeftMin != 3 {
		t.Errorf("minimums %d/%d/%d, want 1/1/3", p.LeftMin, p.RightMin, p.CompoundLeftMin)
	}
	for word, want := range map[string]string{
		"abab":   "a-ba-b",
		"caca":   "cac-a",    // .c2a forbids c-a at the start of a word
		"acab":   "ac-a-b",   // elsewhere c1a allows it
		"ABAB":   "A-BA-B",   // matched lowercased
		"xyxyxy": "xyxyxy",   // the replacement pattern is ignored
		"ababab": "ab-ab-ab", // the exception wins over the patterns
		"ddd":    "d-d-d",    // not after the last letter
		"":       "",
	} {
		if got := show(p, word); got != want {
			t.Errorf("%q: got %q, want %q", word, got, want)
		}
	}
}

func TestParseCharsets(t *testing.T) {
	// "ва1ба" in KOI8-R, "é1é" in ISO8859-1.
	koi := "KOI8-R\n\xd7\xc1\x31\xc2\xc1\n"
	if got := show(parse(t, koi), "вабавааба"); got != "ва-бавааба" {
		t.Errorf("KOI8-R: got %q", got)
	}
	latin := "ISO8859-1\n\xe91\xe9\n"
	if got := show(parse(t, latin), "ééééé"); got != "éé-é-éé" {
		t.Errorf("ISO8859-1: got %q", got)
	}
	cp := "microsoft-cp1251\n\xe2\xe01\xe1\xe0\n"
	if got := show(parse(t, cp), "вабабаба"); got != "ва-бабаба" {
		t.Errorf("cp1251: got %q", got)
	}
}

func TestNextLevelAddsCompoundBreaks(t *testing.T) {
	p := parse(t, "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nx1y\nNEXTLEVEL\na1b\n")
	if got := show(p, "abxyab"); got != "a-bx-ya-b" {
		t.Errorf("got %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		text string
		line int
		err  error
	}{
		{"EBCDIC-PLEASE\na1b\n", 1, hyph.ErrCharset},
		{"UTF-8\na1b\nLEFTHYPHENMIN two\n", 3, hyph.ErrSyntax},
	} {
		_, err := hyph.Parse(strings.NewReader(c.text), "bad.dic")
		var pe *hyph.ParseError
		if !errors.As(err, &pe) || pe.Line != c.line || !errors.Is(err, c.err) {
			t.Errorf("%q: got %v, want line %d wrapping %v", c.text, err, c.line, c.err)
		}
	}
}

func FuzzHyphenate(f *testing.F) {
	for _, s := range []string{"hyphenation", "государств", "", "a", "ÉCOLE", "x\xffy", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
		f.Add(s)
	}
	pats := []*hyph.Patterns{}
	for _, lang := range []string{"en-US", "ru"} {
		if path, err := installed.PatternFile(lang, nil); err == nil {
			if p, err := installed.LoadPatterns(path); err == nil {
				pats = append(pats, p)
			}
		}
	}
	small, err := hyph.Parse(strings.NewReader("UTF-8\nLEFTHYPHENMIN 0\nRIGHTHYPHENMIN 0\n1a1\n.1b1\n1c1.\n"), "small")
	if err != nil {
		f.Fatal(err)
	}
	pats = append(pats, small)
	f.Fuzz(func(t *testing.T, word string) {
		n := utf8.RuneCountInString(word)
		starts := map[int]bool{}
		for i := range word {
			starts[i] = true
		}
		for _, p := range pats {
			hs := p.Hyphenate(word)
			prev := 0
			for _, h := range hs {
				if h <= prev || h >= len(word) || !starts[h] {
					t.Fatalf("%q: break at byte %d (after %d)", word, h, prev)
				}
				before := utf8.RuneCountInString(word[:h])
				if before < max(p.LeftMin, 1) || n-before < max(p.RightMin, 1) {
					t.Fatalf("%q: break at %d letters of %d, minimums %d/%d", word, before, n, p.LeftMin, p.RightMin)
				}
				prev = h
			}
		}
	})
}

func ExamplePatterns_Hyphenate() {
	p, err := hyph.Parse(strings.NewReader("UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\nhy3ph\nhe2n\nhena4\nhen5at\n1na\nn2at\n1tio\n2io\no2n\n"), "example")
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Hyphenate("hyphenation"))
	// Output: [2 6]
}
