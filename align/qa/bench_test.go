package qa

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"verso/align"
	"verso/align/bitext"
	"verso/internal/corpus"
)

// benchInput is 100k generated Chinese segments with pseudo-translations
// that carry their numbers and dates and have about the seed's length
// ratio, and the repository's English glossary.
func benchInput(b *testing.B) Input {
	doc, err := align.Parse("sources/big.txt", "zh-Hans", corpus.Text(100000, 1))
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("../../translations/glossary/en.toml")
	if err != nil {
		b.Fatal(err)
	}
	g, err := ParseGlossary("translations/glossary/en.toml", data)
	if err != nil {
		b.Fatal(err)
	}
	in := Input{SourceLang: "zh-Hans", Locale: "en", Glossary: g}
	x := newGlossIndex(g)
	for i, s := range doc.Segments {
		s.ID = fmt.Sprintf("s%05d", i)
		nums, dates := bitext.Anchors(s.Text)
		words := strings.Repeat("word ", int(bitext.Units(s.Text)*0.8))
		var extra []string
		for _, k := range x.found(s.Text) {
			if r := g.Terms[k].Required; len(r) > 0 {
				extra = append(extra, strings.ReplaceAll(r[0], "*", "s"))
			}
		}
		for _, d := range dates {
			extra = append(extra, fmt.Sprintf("%d November %d", d.Day, d.Year))
		}
		in.Pairs = append(in.Pairs, Pair{Doc: "big", Path: doc.Path, Seg: s, Target: words + strings.Join(append(nums, extra...), " ")})
	}
	return in
}

// BenchmarkRun runs every check over 100k pairs of one locale.
func BenchmarkRun(b *testing.B) {
	in := benchInput(b)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = len(Run(in, nil))
	}
	b.ReportMetric(float64(n), "problems")
}
