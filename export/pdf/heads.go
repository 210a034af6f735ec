package pdf

import (
	"strings"
	"unicode/utf8"

	"verso/export/pdf/internal/wordseg"
)

// commonStart returns the words (CJK: characters) that all of at least
// two headings start with, short of the whole of any: "Statement of the
// Council ... on ", 上海合作组织成员国元首理事会关于.
func commonStart(heads []string) string {
	as, n := shared(heads, false)
	var b strings.Builder
	for _, a := range as[:n] {
		b.WriteString(a.text)
	}
	return b.String()
}

// commonEnd returns the words (CJK: characters) that all of at least two
// headings end with, short of the whole of any: 的声明, " Statement".
func commonEnd(heads []string) string {
	as, n := shared(heads, true)
	var b strings.Builder
	for _, a := range as[len(as)-n:] {
		b.WriteString(a.text)
	}
	return strings.TrimLeft(b.String(), " ")
}

// shared returns the atoms of the first heading and how many of them, at
// its start or at its end, all the headings share, short of the whole of
// any; 0 for fewer than two headings. Atoms match without their trailing
// spaces.
func shared(heads []string, fromEnd bool) ([]atom, int) {
	if len(heads) < 2 {
		return nil, 0
	}
	as := atoms(prepare(heads[0]))
	at := func(xs []atom, k int) string {
		if fromEnd {
			k = len(xs) - 1 - k
		}
		return strings.TrimRight(xs[k].text, " ")
	}
	n := len(as) - 1
	for _, h := range heads[1:] {
		bs := atoms(prepare(h))
		k := 0
		for k < n && k < len(bs)-1 && at(as, k) == at(bs, k) {
			k++
		}
		n = k
	}
	return as, max(n, 0)
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
