package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Kinsoku (禁則) sets: characters that may not start a line, and
// characters that may not end one. They tailor the UAX #14 break
// opportunities of uniseg; see [atoms].
const (
	noStart = "，。、；：？！）》」』】〕〉〗〙〛”’›»…·・,.;:?!)]}%‰℃ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
	noEnd   = "（《「『【〔〈〖〘〚“‘‹«([{"
)

// atom is a piece of text between two allowed line breaks: it may end in
// spaces, which vanish when a line ends after it.
type atom struct {
	text string
	hard bool    // a mandatory break follows
	hyph bool    // inside a word: a line ending here ends with a hyphen
	hw   float64 // the width of that hyphen, pt
	soft bool    // inside a web address: a line ending here is not justified
}

// atoms splits text at its line-break opportunities: UAX #14 (uniseg),
// tailored so that no line starts with a character of noStart or ends with
// one of noEnd, and never breaking inside —— or …… nor before ·. The
// concatenated atoms are exactly the text.
func atoms(text string) []atom { return appendAtoms(nil, text) }

// appendAtoms appends the atoms of text (see [atoms]) to out.
func appendAtoms(out []atom, text string) []atom {
	out0 := len(out)
	state := -1
	rest := text
	start := 0 // the byte of text where the last atom starts
	for len(rest) > 0 {
		var seg string
		var must bool
		at := len(text) - len(rest)
		if han2(rest) {
			// UAX #14 breaks between two ideographs (ID ÷ ID), whatever
			// came before: the common case of Chinese text, without the
			// state machine, which starts again at the second.
			seg, rest, state = rest[:3], rest[3:], -1
		} else if n := asciiWord(rest); n > 0 {
			// And after the spaces after a word of ASCII letters, before
			// the next (AL × AL, × SP, SP ÷): the common case of English.
			seg, rest, state = rest[:n], rest[n:], -1
		} else {
			seg, rest, must, state = uniseg.FirstLineSegmentInString(rest, state)
		}
		if len(out) > out0 && !out[len(out)-1].hard && !canBreak(out[len(out)-1].text, seg) {
			out[len(out)-1].text = text[start : at+len(seg)]
			out[len(out)-1].hard = must && len(rest) > 0
			continue
		}
		if out == nil {
			out = make([]atom, 0, len(text)/3+1)
		}
		start = at
		out = append(out, atom{text: seg, hard: must && len(rest) > 0})
	}
	return out
}

// asciiWord returns the length of the ASCII letters and the spaces after
// them that s starts with, when an ASCII letter follows, else 0.
func asciiWord(s string) int {
	i := 0
	for i < len(s) && isASCIILetter(s[i]) {
		i++
	}
	if i == 0 || i == len(s) || s[i] != ' ' {
		return 0
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i == len(s) || !isASCIILetter(s[i]) {
		return 0
	}
	return i
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// han2 reports whether s starts with two CJK unified ideographs of the
// BMP's main block (U+4E00 to U+9FFF, three bytes each in UTF-8), of
// line-breaking class ID.
func han2(s string) bool {
	return len(s) >= 6 && isHan3(s) && isHan3(s[3:])
}

// isHan3 reports whether s starts with a character of U+4E00 to U+9FFF:
// E4 B8 80 to E9 BF BF.
func isHan3(s string) bool {
	return s[0] >= 0xe4 && s[0] <= 0xe9 && (s[0] > 0xe4 || s[1] >= 0xb8) && s[1]&0xc0 == 0x80 && s[2]&0xc0 == 0x80
}

// canBreak reports whether the kinsoku rules allow a line break between
// before and after (before may end in spaces).
func canBreak(before, after string) bool {
	a, _ := utf8.DecodeRuneInString(after)
	b, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before, " "))
	if noStartSet.has(a) || noEndSet.has(b) {
		return false
	}
	if a == b && (a == '—' || a == '…') && !strings.HasSuffix(before, " ") {
		return false // —— and …… are one mark
	}
	if (a == '–' || a == '—') && strings.HasSuffix(before, " ") && len(strings.TrimRight(before, " ")) > 0 {
		return false // a spaced dash stays with the word before it
	}
	// Keep a digit with the CJK unit or counter after it (2020年, 75周年)
	// and a number with its preceding CJK word (第 2).
	if isDigit(b) && isWide(a) && !strings.HasSuffix(before, " ") {
		return false
	}
	return true
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// runeSet is a set of characters of the Basic Multilingual Plane, for
// the line breaker's per-character tests.
type runeSet [0x10000 / 64]uint64

// newRuneSet returns the set of the characters of s, which are all in
// the BMP.
func newRuneSet(s string) *runeSet {
	var rs runeSet
	for _, r := range s {
		if r >= 0x10000 {
			panic("runeSet: " + string(r) + " outside the BMP")
		}
		rs[r>>6] |= 1 << (r & 63)
	}
	return &rs
}

// has reports whether r is in the set.
func (rs *runeSet) has(r rune) bool { return r >= 0 && r < 0x10000 && rs[r>>6]&(1<<(r&63)) != 0 }

// The sets of the kinsoku and punctuation strings (see cjkspace.go).
var (
	noStartSet  = newRuneSet(noStart)
	noEndSet    = newRuneSet(noEnd)
	cjkPunctSet = newRuneSet(cjkPunct)
	markSet     = newRuneSet(openers + closers + stops)
	openerSet   = newRuneSet(openers)
	stopSet     = newRuneSet(stops)
	compoundSet = newRuneSet(compoundHyphens)
)

// isWide reports whether r is a CJK ideograph, kana, hangul or CJK
// punctuation: characters that are set on the em square and between which
// CJK justification adds space.
func isWide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x11ff, r >= 0x2e80 && r <= 0x303f, r >= 0x3040 && r <= 0x9fff,
		r >= 0xa960 && r <= 0xa97f, r >= 0xac00 && r <= 0xd7ff, r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6,
		r >= 0x20000 && r <= 0x3ffff:
		return true
	}
	return false
}

// cjkPunct are characters that print in the CJK font inside CJK text even
// though they are not wide by code point.
const cjkPunct = "“”‘’—…·"

// prepare normalizes text for layout: NFC, runs of white space become one
// space and the ends are trimmed; an ideographic space between CJK
// characters stays, and a run holding a line break next to a CJK
// character (a line break in the source) is dropped, since CJK text has no
// inter-word space. See [folder.flushBefore].
func prepare(s string) string {
	var f folder
	f.b.Grow(len(s))
	f.write(s)
	return f.b.String()
}
