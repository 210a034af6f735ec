package pdf

import (
	"strings"
	"unicode/utf8"

	"verso/export/pdf/internal/wordseg"
)

// commonEnd returns the words (CJK: characters) that all of at least two
// headings end with, short of the whole of any: 的声明, " Statement".
func commonEnd(heads []string) string {
	if len(heads) < 2 {
		return ""
	}
	as := atoms(prepare(heads[0]))
	n := len(as) - 1
	for _, h := range heads[1:] {
		bs := atoms(prepare(h))
		k := 0
		for k < n && k < len(bs)-1 && strings.TrimRight(as[len(as)-1-k].text, " ") == strings.TrimRight(bs[len(bs)-1-k].text, " ") {
			k++
		}
		n = k
	}
	var b strings.Builder
	for _, a := range as[len(as)-max(n, 0):] {
		b.WriteString(a.text)
	}
	return strings.TrimLeft(b.String(), " ")
}

// words joins the atoms of CJK text that lie inside one word (see
// [wordseg]), so that a line breaks only between words; other text keeps
// its atoms.
func (s *setter) words(as []atom, cjk bool) []atom {
	if !cjk || len(as) < 2 {
		return as
	}
	var b strings.Builder
	for _, a := range as {
		b.WriteString(a.text)
	}
	text := b.String()
	bounds := map[int]bool{}
	for _, k := range wordseg.Boundaries(text) {
		bounds[k] = true
	}
	out := as[:1:1]
	off := len(as[0].text)
	for _, a := range as[1:] {
		prev, _ := utf8.DecodeLastRuneInString(text[:off])
		next, _ := utf8.DecodeRuneInString(a.text)
		last := &out[len(out)-1]
		if !last.hard && wordseg.Han(prev) && wordseg.Han(next) && !bounds[off] {
			last.text += a.text
			last.hard = a.hard
		} else {
			out = append(out, a)
		}
		off += len(a.text)
	}
	return out
}
