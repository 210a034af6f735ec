package bitext

import (
	"strings"
	"testing"

	"verso/align"
)

// FuzzNumbers checks that number extraction never panics and finds the
// numbers of a text however it is padded.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"2018年6月10日", "10 June 2018", "10 июня 2018 года", "一九七一年", "75周年", "COVID-19", "1,000.5", "June 10, 2018", "十一月十日", "1\u00a0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Numbers(s)
		if again := Numbers(" " + s + " "); strings.Join(again, ",") != strings.Join(got, ",") {
			t.Errorf("Numbers(%q) = %q, padded %q", s, got, again)
		}
	})
}

// FuzzSentences checks that splitting into sentences keeps every
// non-space character, in order.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"We believe so. As the U.N. said, it spreads.", "我们认为。在新冠肺炎疫情下,相互协助。", "Мы считаем так. «Шанхайский дух» важен.", "a.\u00a0B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		strip := func(s string) string { return strings.ReplaceAll(align.Normalize(s), " ", "") }
		if got := strip(strings.Join(Sentences(s), " ")); got != strip(s) {
			t.Errorf("Sentences(%q) lost text: %q", s, got)
		}
	})
}

// FuzzAlign checks that any pair of documents aligns without panicking and
// that the beads cover both sides exactly once.
func FuzzAlign(f *testing.F) {
	f.Add("标题\n\n第一段。第二句。\n\n2020年11月10日\n", "Title\n\nFirst. Second.\n\nThird.\n\n10 November 2020\n")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		src, err1 := align.Parse("a.txt", "zh", []byte(a))
		tgt, err2 := align.Parse("b.txt", "en", []byte(b))
		if err1 != nil || err2 != nil {
			return
		}
		al := Align(src.Segments, tgt.Segments, Options{})
		ns, nt := 0, 0
		for _, bd := range al.Beads {
			ns += bd.Src.Len()
			nt += bd.Tgt.Len()
			if bd.Confidence < 0 || bd.Confidence > 1 {
				t.Errorf("confidence %v", bd.Confidence)
			}
		}
		if ns != len(src.Segments) || nt != len(tgt.Segments) {
			t.Errorf("beads cover %d/%d source and %d/%d target paragraphs", ns, len(src.Segments), nt, len(tgt.Segments))
		}
		al.Translations(src.Segments, tgt.Segments, Options{})
	})
}
