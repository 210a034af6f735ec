package pdf

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"

	"verso/export/pdf/font"
)

// Fonts are the faces an edition is set in. The serif faces set Latin,
// Cyrillic and Greek; the CJK face sets Chinese, Japanese and Korean. Each
// character takes the first face of its column's preference that has a
// glyph for it (see [Fonts.pick] and [Fonts.pickIn]), so the digits of
// 2020年 print in the serif when the CJK face has none.
type Fonts struct {
	// CJK may be nil when no text needs it.
	CJK *font.Face
	// CJKBold is the bold weight of CJK, for headings and bold text; nil
	// when the family has one weight (AR PL UMing), whose bold is then
	// synthetic: the outlines are also stroked.
	CJKBold *font.Face
	// Serif, SerifBold, SerifItalic and SerifBoldItalic set Latin text.
	// [DefaultFonts] fills them with Liberation Serif.
	Serif, SerifBold, SerifItalic, SerifBoldItalic *font.Face
	// Mono sets inline code; nil sets it in the serif. [DefaultFonts]
	// fills it with Liberation Mono.
	Mono *font.Face
}

// fontID names a face of [Fonts]; fTofu marks a character no face can
// print (outside the BMP), drawn as a marked box, and fHidden a
// default-ignorable one, not drawn (see [renderer.hidden]).
type fontID uint8

const (
	fSerif fontID = iota
	fSerifBold
	fSerifItalic
	fSerifBoldItalic
	fCJKBold
	fCJK
	fMono
	fTofu
	fHidden
	nFonts
)

// family and style are the names the faces are registered under in the
// PDF library.
func (id fontID) family() (string, string) {
	switch id {
	case fSerifBold:
		return "serif", "B"
	case fSerifItalic:
		return "serif", "I"
	case fSerifBoldItalic:
		return "serif", "BI"
	case fCJKBold:
		return "cjk", "B"
	case fCJK:
		return "cjk", ""
	case fMono:
		return "mono", ""
	}
	return "serif", ""
}

func (f *Fonts) face(id fontID) *font.Face {
	switch id {
	case fSerif:
		return f.Serif
	case fSerifBold:
		return f.SerifBold
	case fSerifItalic:
		return f.SerifItalic
	case fSerifBoldItalic:
		return f.SerifBoldItalic
	case fCJKBold:
		return f.CJKBold
	case fCJK:
		return f.CJK
	case fMono:
		return f.Mono
	}
	return nil
}

// advance returns the width of r in face id in thousandths of an em, as
// the layout places it: the face's own, except that a CJK face's em dash
// takes a full em when the face's box-drawing rule ─ does (Noto Serif
// CJK's — is 0.89 em): in Chinese the dash —— fills two ems, and is drawn
// as that rule (see [renderer.rule]).
func (f *Fonts) advance(id fontID, r rune) int {
	face := f.face(id)
	if r == '—' && (id == fCJK || id == fCJKBold) && face.Has('─') && face.Width('─') == 1000 {
		return 1000
	}
	return face.Width(r)
}

var (
	defaultOnce  sync.Once
	defaultFonts Fonts
	defaultErr   error
)

// DefaultFonts returns Liberation Serif in its four styles and Liberation
// Mono, embedded in the program, and no CJK face. The faces are parsed once and shared.
func DefaultFonts() (Fonts, error) {
	defaultOnce.Do(func() {
		for _, f := range []struct {
			dst  **font.Face
			data []byte
		}{
			{&defaultFonts.Serif, liberationserifregular.TTF},
			{&defaultFonts.SerifBold, liberationserifbold.TTF},
			{&defaultFonts.SerifItalic, liberationserifitalic.TTF},
			{&defaultFonts.SerifBoldItalic, liberationserifbolditalic.TTF},
			{&defaultFonts.Mono, liberationmonoregular.TTF},
		} {
			face, err := font.Parse(f.data)
			if err != nil {
				defaultErr = fmt.Errorf("liberation fonts: %w", err)
				return
			}
			*f.dst = face
		}
	})
	return defaultFonts, defaultErr
}

// serifFor returns the serif face for the style.
func serifFor(bold, italic bool) fontID {
	switch {
	case bold && italic:
		return fSerifBoldItalic
	case bold:
		return fSerifBold
	case italic:
		return fSerifItalic
	}
	return fSerif
}

// pick chooses the face for r in a column whose text is CJK (cjkCol) or
// not. Latin, Cyrillic and Greek letters, digits and ASCII punctuation
// take the serif; CJK characters, and in a CJK column also the quotation
// marks, dashes and ellipses, take the CJK face; anything else the first
// face that has it. A BMP character no face has falls back to the serif's
// missing glyph (it still extracts as text); a character outside the BMP
// is a tofu box. Bold CJK takes [Fonts.CJKBold] when it has the character.
func (f *Fonts) pick(r rune, cjkCol, bold, italic bool) fontID {
	id := f.pickRegular(r, cjkCol, bold, italic)
	if id == fCJK && bold && f.CJKBold != nil && f.CJKBold.Has(r) {
		return fCJKBold
	}
	return id
}

func (f *Fonts) pickRegular(r rune, cjkCol, bold, italic bool) fontID {
	serif := serifFor(bold, italic)
	hasSerif := f.face(serif).Has(r)
	hasCJK := f.CJK != nil && f.CJK.Has(r)
	if r > 0xffff {
		return fTofu
	}
	if r < 0x80 || unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek) {
		if hasSerif {
			return serif
		}
	}
	if hasCJK && (isWide(r) || (cjkCol && cjkPunctSet.has(r))) {
		return fCJK
	}
	switch {
	case hasSerif:
		return serif
	case hasCJK:
		return fCJK
	}
	return serif
}

// pickIn chooses the face for r at byte i of text (see [Fonts.pick]). In
// a CJK column, ASCII digits take the CJK face when its digits are half
// an em wide, so that 2020年 and 75周年 are of a piece with the
// characters around them and two digits fill an em of the grid (AR PL
// UMing), unless the number belongs to a Latin word (COVID-19, G20). A
// CJK face without ASCII digits (Droid Sans Fallback) or with
// proportional ones (Noto Serif CJK, whose Latin is Source Serif's)
// leaves them to the serif, whose digits are half an em, as xeCJK sets
// Latin and digits in Chinese text in the Latin font.
func (f *Fonts) pickIn(text string, i int, r rune, cjkCol, bold, italic bool) fontID {
	if id, ok := f.contextFace(text, i, r, cjkCol, bold); ok {
		return id
	}
	return f.pick(r, cjkCol, bold, italic)
}

// contextFace returns the face r at byte i of text takes because of the
// text around it (a digit in a CJK column, see pickIn), and false when its
// face depends on the character alone ([Fonts.pick]).
func (f *Fonts) contextFace(text string, i int, r rune, cjkCol, bold bool) (fontID, bool) {
	if cjkCol && isDigit(r) && f.CJK != nil && f.CJK.Has(r) && f.CJK.Width(r) == 500 && !latinNumber(text, i) {
		if bold && f.CJKBold != nil && f.CJKBold.Has(r) {
			return fCJKBold, true
		}
		return fCJK, true
	}
	return 0, false
}

// pickIn is [Fonts.pickIn] with the faces [Fonts.pick] gives each
// character of the Basic Multilingual Plane cached.
func (s *setter) pickIn(text string, i int, r rune, cjkCol, bold, italic bool) fontID {
	if id, ok := s.fonts.contextFace(text, i, r, cjkCol, bold); ok {
		return id
	}
	if r >= 0x10000 || r < 0 {
		return s.fonts.pick(r, cjkCol, bold, italic)
	}
	v := 0
	if cjkCol {
		v |= 1
	}
	if bold {
		v |= 2
	}
	if italic {
		v |= 4
	}
	t := s.picks[v]
	if t == nil {
		t = new([0x10000]uint8)
		s.picks[v] = t
	}
	if c := t[r]; c != 0 {
		return fontID(c - 1)
	}
	id := s.fonts.pick(r, cjkCol, bold, italic)
	t[r] = uint8(id) + 1
	return id
}

// latinNumber reports whether the digit at byte i of text belongs to a
// Latin, Cyrillic or Greek word: whether the nearest letter before or after
// its number, past digits and the punctuation inside numbers and
// identifiers (.,:/-), is one.
func latinNumber(text string, i int) bool {
	const inner = ".,:/-"
	j := i
	for j > 0 {
		c, n := utf8.DecodeLastRuneInString(text[:j])
		if !isDigit(c) && !strings.ContainsRune(inner, c) {
			if isLetter(c) {
				return true
			}
			break
		}
		j -= n
	}
	for j = i; j < len(text); {
		c, n := utf8.DecodeRuneInString(text[j:])
		if !isDigit(c) && !strings.ContainsRune(inner, c) {
			return isLetter(c)
		}
		j += n
	}
	return false
}

func isLetter(r rune) bool {
	return unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek)
}
