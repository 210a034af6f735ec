package align

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Plain text has no heading syntax: a heading's level comes from the
// numbering conventions of the document. Each convention has a rank, from
// the most general (a part) to the most particular (a decimal number with
// many places); the ranks a document uses, in this order, become levels 1,
// 2, 3 and so on, so a law of chapters and articles has its chapters at
// level 1 and its articles at level 2, and a statement of articles alone
// has its articles at level 1. An unnumbered heading (序言, Preamble, or
// any other heading) is at level 1.
const rankNone = -1 // an unnumbered heading

const (
	rankPart    = iota // 第一编, 第一部分, Part I, Раздел I
	rankChapter        // 第一章, Chapter 1, Глава 1
	rankSection        // 第一节, Section 1, § 1
	rankArticle        // 第一条, Article 1, Art. 1, Статья 1
	rankCNEnum         // 一、
	rankCNParen        // （一）
	rankDecimal        // 1.1, then 1.1.1 one rank below, and so on
)

const (
	cnNum   = `[〇零一二三四五六七八九十百千两]+|[0-9０-９]+`
	latNum  = `[0-9]+|[IVXLCDM]+|(?i:one|two|three|four|five|six|seven|eight|nine|ten)`
	sepRE   = `(?:$|[\s\x{a0}\x{3000}.:：．、—–-])`
	numRest = `(?:[\s\x{a0}\x{3000}]|$)`
)

var rankREs = []struct {
	rank int
	re   *regexp.Regexp
}{
	{rankPart, regexp.MustCompile(`^第(?:` + cnNum + `)(?:编|部分|卷)` + numRest + `|^(?i:part|book|title)\s+(?:` + latNum + `)` + sepRE + `|^(?:Раздел|РАЗДЕЛ|Часть|ЧАСТЬ)\s+(?:[0-9]+|[IVXLCDM]+)` + sepRE)},
	{rankChapter, regexp.MustCompile(`^第(?:` + cnNum + `)章` + numRest + `|^(?i:chapter)\s+(?:` + latNum + `)` + sepRE + `|^(?:Глава|ГЛАВА)\s+(?:[0-9]+|[IVXLCDM]+)` + sepRE)},
	{rankSection, regexp.MustCompile(`^第(?:` + cnNum + `)节` + numRest + `|^(?i:section)\s+(?:` + latNum + `)` + sepRE + `|^§\s*[0-9]+` + sepRE)},
	{rankArticle, regexp.MustCompile(`^第(?:` + cnNum + `)条` + numRest + `|^(?i:article|art\.)\s*(?:[0-9]+|[IVXLCDM]+)` + sepRE + `|^(?:Статья|СТАТЬЯ|Ст\.)\s*[0-9]+` + sepRE)},
	{rankCNEnum, regexp.MustCompile(`^[一二三四五六七八九十]+、`)},
	{rankCNParen, regexp.MustCompile(`^[(（][一二三四五六七八九十]+[)）]`)},
}

var decimalRE = regexp.MustCompile(`^[0-9]{1,3}(?:\.[0-9]{1,3})+\.?(?:[\s\x{a0}\x{3000}]|$)`)

// headingRank returns the rank of a heading's numbering, or rankNone.
func headingRank(n string) int {
	for _, r := range rankREs {
		if r.re.MatchString(n) {
			return r.rank
		}
	}
	if m := decimalRE.FindString(n); m != "" {
		return rankDecimal + strings.Count(strings.TrimRight(strings.TrimSpace(m), "."), ".") - 1
	}
	return rankNone
}

// numberingEnd returns the length of the heading number that opens n
// ("第一章", "Article 5.", "1.2"), or 0.
func numberingEnd(n string) int {
	for _, r := range rankREs {
		if loc := r.re.FindStringIndex(n); loc != nil {
			return loc[1]
		}
	}
	if loc := decimalRE.FindStringIndex(n); loc != nil {
		return loc[1]
	}
	return 0
}

// setTextLevels gives the headings of a plain text document their levels:
// the ranks in use, most general first, are levels 1, 2, …; unnumbered
// headings are at level 1. Levels stop at 6.
func setTextLevels(segs []Segment) {
	var ranks []int
	rank := make([]int, len(segs))
	for i, s := range segs {
		if s.Kind != KindHeading {
			continue
		}
		rank[i] = headingRank(Normalize(s.Text))
		if rank[i] != rankNone && !slices.Contains(ranks, rank[i]) {
			ranks = append(ranks, rank[i])
		}
	}
	slices.Sort(ranks)
	for i := range segs {
		if segs[i].Kind != KindHeading {
			continue
		}
		segs[i].Level = 1
		if r := rank[i]; r != rankNone {
			segs[i].Level = min(6, 1+slices.Index(ranks, r))
		}
	}
}

// noteMarkRE matches a footnote marker or bracketed number at the end of
// a text: [3], ［3］, [注3], (3), （3）, ³, *, †.
var noteMarkRE = regexp.MustCompile(`(?:\[(?:注|note |Note )?[0-9]{1,3}\]|［(?:注)?[0-9０-９]{1,3}］|[(（][0-9０-９]{1,3}[)）]|[¹²³⁰⁴⁵⁶⁷⁸⁹]+|[*†‡]+)$`)

// trimTrailers removes what may follow a sentence's last punctuation: white
// space, closing quotes and brackets, footnote markers.
func trimTrailers(t string) string {
	for {
		u := strings.TrimRightFunc(t, func(r rune) bool {
			return isBlank(r) || strings.ContainsRune("”’\"'」』》", r)
		})
		// A marker ends in a bracket, a superscript digit or a sign; the
		// regular expression runs only then (it scans from the start).
		if r, _ := utf8.DecodeLastRuneInString(u); strings.ContainsRune("]］)）】¹²³⁰⁴⁵⁶⁷⁸⁹*†‡", r) {
			if loc := noteMarkRE.FindStringIndex(u); loc != nil && loc[0] > 0 {
				u = u[:loc[0]]
			} else {
				u = strings.TrimRightFunc(u, func(r rune) bool { return strings.ContainsRune("）)】]］", r) })
			}
		}
		if u == t {
			return t
		}
		t = u
	}
}

// endsSentence reports whether text ends with sentence or clause
// punctuation, looking through closing quotes and brackets and a trailing
// footnote marker ("……的声明。[3]").
func endsSentence(t string) bool {
	if r, _ := utf8.DecodeLastRuneInString(t); strings.ContainsRune(sentenceEnds, r) {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(trimTrailers(t))
	return strings.ContainsRune(sentenceEnds, r)
}

// sentenceEnds are the characters that end a sentence or a clause.
const sentenceEnds = "。．.!！?？；;：:，,、…"

// innerSentenceRE finds the end of a sentence followed by another inside a
// text: a CJK full stop, question or exclamation mark with text after it,
// or a Latin or Cyrillic word ending in . ! ? followed by a capital.
var innerSentenceRE = regexp.MustCompile(`[。！？][^\s”’」』）)]|\p{Ll}{2}[.!?]["”’»)]*\s+["“«(]*\p{Lu}`)

// severalSentences reports whether normalized text holds more than one
// sentence (the heading number that may open it aside): such a block is
// never a heading.
func severalSentences(n string) bool {
	if !strings.ContainsAny(n, "。！？.!?") {
		return false
	}
	return innerSentenceRE.MatchString(n[numberingEnd(n):])
}
