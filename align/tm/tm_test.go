package tm

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"verso/align"
	"verso/internal/corpus"
)

// fullLevenshtein is the textbook dynamic programme.
func fullLevenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j-1]+c, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestBandedLevenshteinAgreesWithTheFullOne(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("上合组织成员国ab")
	word := func() []rune {
		n := r.IntN(12)
		w := make([]rune, n)
		for i := range w {
			w[i] = alphabet[r.IntN(len(alphabet))]
		}
		return w
	}
	for range 20000 {
		a, b, limit := word(), word(), r.IntN(8)
		want := fullLevenshtein(a, b)
		got, ok := levenshtein(a, b, limit)
		if ok != (want <= limit) || ok && got != want {
			t.Fatalf("levenshtein(%q, %q, %d) = %d, %v; want %d", string(a), string(b), limit, got, ok, want)
		}
	}
}

func seedMemory(t testing.TB) (*Memory, []align.Segment) {
	data, err := os.ReadFile("../../sources/sco-2020-statements.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := align.Parse("sources/sco-2020-statements.txt", "zh-Hans", data)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := os.ReadFile("../../translations/sco-2020-statements.en.toml")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, ln := range strings.Split(string(tr), "\n") {
		if v, ok := strings.CutPrefix(ln, "other = "); ok {
			texts = append(texts, strings.Trim(v, `"`))
		}
	}
	m := New()
	for i, s := range doc.Segments {
		m.Add(Entry{Source: s.Text, Target: texts[i], Origin: fmt.Sprintf("%s:%d %s", doc.Path, s.Line, s.ID), ID: fmt.Sprint(i)})
	}
	return m, doc.Segments
}

func TestLookupFindsTheEditedParagraph(t *testing.T) {
	m, segs := seedMemory(t)
	// An edited version of the third paragraph: one word changed, a clause
	// dropped.
	q := strings.Replace(segs[4].Text, "重大传染性疾病", "重大传染病", 1)
	q = strings.Replace(q, ",相互有效支持", "", 1)
	got := m.Lookup(q, "", 0.5, 3)
	if len(got) == 0 || got[0].ID != "4" || got[0].Score < 0.9 || got[0].Score >= 1 {
		t.Fatalf("matches %+v", got)
	}
	// An exact match scores 1, but never for the segment itself.
	if got := m.Lookup(segs[4].Text, "", 0.5, 1); len(got) != 1 || got[0].Score != 1 {
		t.Errorf("exact: %+v", got)
	}
	if got := m.Lookup(segs[4].Text, "4", 0.99, 1); len(got) != 0 {
		t.Errorf("itself: %+v", got)
	}
	// The date line is in the memory six times with one translation: one
	// suggestion.
	if got := m.Lookup("2020年11月10日", "", 0.5, 3); len(got) != 1 || got[0].Target != "10 November 2020" {
		t.Errorf("date: %+v", got)
	}
	// A date of another day is a close, not an exact match.
	if got := m.Lookup("2020年11月11日", "", 0.5, 3); len(got) != 1 || got[0].Score < 0.8 || got[0].Score == 1 {
		t.Errorf("other date: %+v", got)
	}
	// Nothing like it.
	if got := m.Lookup("完全无关的一句话。", "", 0.5, 3); len(got) != 0 {
		t.Errorf("unrelated: %+v", got)
	}
}

// benchMemory is a memory of 100k generated segments with pseudo
// translations, and 1,000 queries: edited copies of some of them and new
// segments.
func benchMemory(b *testing.B) (*Memory, []string) {
	doc, err := align.Parse("big.txt", "zh-Hans", corpus.Text(100000, 1))
	if err != nil {
		b.Fatal(err)
	}
	m := New()
	for i, s := range doc.Segments {
		m.Add(Entry{Source: s.Text, Target: fmt.Sprintf("translation %d", i), Origin: fmt.Sprint(i)})
	}
	news, err := align.Parse("new.txt", "zh-Hans", corpus.Edit(corpus.Text(2000, 7)))
	if err != nil {
		b.Fatal(err)
	}
	var qs []string
	for i, s := range news.Segments {
		if len(qs) == 1000 {
			break
		}
		if i%2 == 0 {
			qs = append(qs, s.Text)
		} else {
			qs = append(qs, strings.Replace(doc.Segments[i*37].Text, "。", "，并且加强合作。", 1))
		}
	}
	return m, qs
}

// BenchmarkLookup looks up 1,000 segments in a memory of 100k.
func BenchmarkLookup(b *testing.B) {
	m, qs := benchMemory(b)
	b.ResetTimer()
	found := 0
	for b.Loop() {
		found = 0
		for _, q := range qs {
			if len(m.Lookup(q, "", 0.5, 3)) > 0 {
				found++
			}
		}
	}
	b.ReportMetric(float64(found), "found/1000")
}

// BenchmarkBuild indexes 100k segments.
func BenchmarkBuild(b *testing.B) {
	doc, err := align.Parse("big.txt", "zh-Hans", corpus.Text(100000, 1))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m := New()
		for i, s := range doc.Segments {
			m.Add(Entry{Source: s.Text, Target: "t", Origin: fmt.Sprint(i)})
		}
	}
}

func FuzzLookup(f *testing.F) {
	f.Add("我们呼吁国际社会加强合作。", "我们呼吁国际社会加强合作", 0.5)
	f.Add("a", "", 0.0)
	f.Fuzz(func(t *testing.T, a, b string, min float64) {
		if min != min || min < 0 || min > 1 {
			return
		}
		m := New()
		m.Add(Entry{Source: a, Target: "x"})
		for _, got := range m.Lookup(b, "", min, 2) {
			if got.Score < min || got.Score > 1 {
				t.Fatalf("score %v outside [%v, 1]", got.Score, min)
			}
		}
	})
}
