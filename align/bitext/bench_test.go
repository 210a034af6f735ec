package bitext

import (
	"testing"

	"verso/align"
	"verso/align/bitext/internal/reparagraph"
)

// bigPair builds a document pair of about n source segments: copies of the
// seed document, each copy's English translation re-paragraphed with its
// own seed (10% merged or split, one paragraph dropped, one added, one
// heading moved), with the gold alignment.
func bigPair(t testing.TB, n int) *generated {
	src, trs := loadEval(t, "en")
	kinds := make([]align.Kind, len(src.Segments))
	for i, s := range src.Segments {
		kinds[i] = s.Kind
	}
	g := &generated{src: &align.Document{}, tgt: &align.Document{}}
	for c := 0; len(g.src.Segments) < n; c++ {
		off := len(g.src.Segments)
		paras := reparagraph.Generate(trs, kinds, reparagraph.Config{
			Merge: 0.05, Split: 0.05, Drop: 1, Add: 1, Move: 1, Seed: uint64(c),
			Extra: extra["en"], Sentences: Sentences,
		})
		tgt, err := align.Parse("copy.txt", "en", reparagraph.Text(paras))
		if err != nil || len(tgt.Segments) != len(paras) {
			t.Fatalf("copy %d: %d paragraphs for %d: %v", c, len(tgt.Segments), len(paras), err)
		}
		g.src.Segments = append(g.src.Segments, src.Segments...)
		g.tgt.Segments = append(g.tgt.Segments, tgt.Segments...)
		for _, p := range paras {
			q := reparagraph.Para{Text: p.Text}
			for _, s := range p.Src {
				q.Src = append(q.Src, s+off)
			}
			g.paras = append(g.paras, q)
		}
		for i := range trs {
			g.gold = append(g.gold, "")
			_ = i
		}
		for _, p := range paras {
			for _, s := range p.Src {
				g.gold[off+s] = align.Normalize(trs[s])
			}
		}
	}
	return g
}

// BenchmarkAlign100k aligns 100,000 source segments with about as many
// target paragraphs (run with -benchtime=1x; building the data takes
// longer than aligning it). Only Align is timed: the documents are
// generated and parsed before the loop, the alignment scored after it.
// The target is under 3 s per alignment on an idle machine of two cores;
// cpu-s/op (user and system time of the whole process during the loop,
// all threads) measures the work where the machine is shared.
func BenchmarkAlign100k(b *testing.B) {
	g := bigPair(b, 100_000)
	var a *Alignment
	cpu := cpuTime()
	for b.Loop() {
		a = Align(g.src.Segments, g.tgt.Segments, Options{})
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu)/float64(b.N), "cpu-s/op")
	sc := g.score(a, a.Translations(g.src.Segments, g.tgt.Segments, Options{}), DefaultMinConfidence)
	b.ReportMetric(float64(len(g.src.Segments)), "src")
	b.ReportMetric(float64(len(g.tgt.Segments)), "tgt")
	b.ReportMetric(100*sc.precision, "P%")
	b.ReportMetric(100*sc.recall, "R%")
	b.ReportMetric(100*sc.exact, "exact%")
	b.ReportMetric(100*float64(sc.confRight)/float64(max(sc.confident, 1)), "confident-right%")
}

// BenchmarkAlignSeed aligns the seed document with a re-paragraphed
// translation: the size verso align meets in practice.
func BenchmarkAlignSeed(b *testing.B) {
	g := generate(b, evalCase{name: "bench", lang: "en", cfg: reparagraph.Config{Merge: 0.05, Split: 0.05, Drop: 1, Add: 1, Move: 1, Seed: 7}})
	for b.Loop() {
		Align(g.src.Segments, g.tgt.Segments, Options{})
	}
}
