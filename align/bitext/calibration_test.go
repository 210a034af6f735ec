package bitext

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"verso/align"
	"verso/align/bitext/internal/reparagraph"
)

// A synthetic parallel corpus for calibration at any size: Chinese
// paragraphs built from a phrase list, translated phrase by phrase by a
// fixed glossary with the noise of real translation (phrases left out,
// words added, clauses reordered), without headings, then re-paragraphed
// by the generator. Unlike copies of the seed, no two paragraphs repeat, so
// the lexical pass must learn its lexicon as it would on a real text.

var glossary = [][2]string{
	{"上海合作组织", "the Shanghai Cooperation Organisation"}, {"成员国", "member states"}, {"领导人", "the leaders"},
	{"国际社会", "the international community"}, {"联合国", "the United Nations"}, {"加强合作", "closer cooperation"},
	{"共同应对", "a joint response to"}, {"新冠肺炎疫情", "the COVID-19 pandemic"}, {"世界卫生组织", "the World Health Organization"},
	{"经济社会", "economic and social life"}, {"人民生命健康", "the lives and health of the people"}, {"民生福祉", "people's well-being"},
	{"可持续发展", "sustainable development"}, {"数字经济", "the digital economy"}, {"信息安全", "information security"},
	{"恐怖主义", "terrorism"}, {"分裂主义", "separatism"}, {"极端主义", "extremism"}, {"麻醉药品", "narcotic drugs"},
	{"精神药物", "psychotropic substances"}, {"易制毒化学品", "precursor chemicals"}, {"互联网", "the Internet"},
	{"主管机关", "the competent authorities"}, {"国际法", "international law"}, {"和平与安全", "peace and security"},
	{"公平公正", "fairness and justice"}, {"非歧视性", "non-discrimination"}, {"营商环境", "the business environment"},
	{"基础设施", "infrastructure"}, {"人工智能", "artificial intelligence"}, {"创新集群", "innovation clusters"},
	{"科技园区", "science parks"}, {"中小型企业", "small and medium-sized enterprises"}, {"人员培训", "staff training"},
	{"务实合作", "practical cooperation"}, {"多边合作", "multilateral cooperation"}, {"双边关系", "bilateral relations"},
	{"区域合作", "regional cooperation"}, {"发展中国家", "developing countries"}, {"全球经济复苏", "the recovery of the world economy"},
	{"包容性增长", "inclusive growth"}, {"共同繁荣", "common prosperity"}, {"相互尊重", "mutual respect"},
	{"平等协商", "consultation on an equal footing"}, {"互利共赢", "mutual benefit"}, {"历史记忆", "historical memory"},
	{"第二次世界大战", "the Second World War"}, {"胜利成果", "the fruits of victory"}, {"纪念设施", "memorials"},
	{"有效措施", "effective measures"}, {"政治意愿", "political will"}, {"法律框架", "the legal framework"},
	{"行动计划", "the action plan"}, {"国际标准", "international standards"}, {"反洗钱", "anti-money-laundering work"},
	{"资金来源", "sources of funding"}, {"青年群体", "young people"}, {"公民团体", "civil society"},
}

var verbGloss = [][2]string{
	{"强调", "stress"}, {"认为", "believe in"}, {"指出", "point to"}, {"重申", "reaffirm"}, {"呼吁", "call for"},
	{"支持", "support"}, {"欢迎", "welcome"}, {"注意到", "note"}, {"表示", "express"}, {"主张", "advocate"},
	{"推动", "promote"}, {"促进", "foster"}, {"完善", "improve"}, {"落实", "implement"},
}

// synthParagraph returns a Chinese paragraph and its translation.
func synthParagraph(r *rand.Rand) (zh, en string) {
	var z, e []string
	for range 1 + r.IntN(4) {
		v := verbGloss[r.IntN(len(verbGloss))]
		var zp, ep []string
		for range 2 + r.IntN(6) {
			g := glossary[r.IntN(len(glossary))]
			zp = append(zp, g[0])
			if r.IntN(12) > 0 { // a phrase the translator left out
				ep = append(ep, g[1])
			}
		}
		if r.IntN(4) == 0 { // reordered
			r.Shuffle(len(ep), func(a, b int) { ep[a], ep[b] = ep[b], ep[a] })
		}
		num := ""
		if r.IntN(6) == 0 {
			n := 1 + r.IntN(2030)
			zp = append(zp, fmt.Sprintf("第%d项", n))
			num = fmt.Sprintf(" under item %d", n)
		}
		z = append(z, "我们"+v[0]+strings.Join(zp, "和")+"。")
		extra := ""
		if r.IntN(5) == 0 {
			extra = " in this regard"
		}
		e = append(e, "We "+v[1]+" "+strings.Join(ep, ", ")+num+extra+".")
	}
	return strings.Join(z, ""), strings.Join(e, " ")
}

// synthPair returns n source paragraphs and a re-paragraphed translation
// (5% merged, 5% split, one paragraph in a hundred dropped and one added),
// with the gold alignment.
func synthPair(t testing.TB, n int, seed uint64) *generated {
	r := rand.New(rand.NewPCG(seed, 0xca1b))
	var zh strings.Builder
	var trs []string
	kinds := make([]align.Kind, n)
	for i := range n {
		z, e := synthParagraph(r)
		zh.WriteString(z + "\n\n")
		trs = append(trs, e)
		kinds[i] = align.KindParagraph
	}
	src, err := align.Parse("synth.txt", "zh-Hans", []byte(zh.String()))
	if err != nil || len(src.Segments) != n {
		t.Fatalf("synthetic source: %v, %d segments for %d", err, len(src.Segments), n)
	}
	var extras []string
	for range 10 {
		_, e := synthParagraph(r)
		extras = append(extras, e)
	}
	paras := reparagraph.Generate(trs, kinds, reparagraph.Config{
		Merge: 0.05, Split: 0.05, Drop: max(1, n/100), Add: max(1, n/100), Seed: seed,
		Extra: extras, Sentences: Sentences,
	})
	tgt, err := align.Parse("synth.en.txt", "en", reparagraph.Text(paras))
	if err != nil || len(tgt.Segments) != len(paras) {
		t.Fatalf("synthetic target: %v, %d paragraphs for %d", err, len(tgt.Segments), len(paras))
	}
	g := &generated{src: src, tgt: tgt, paras: paras, gold: make([]string, n)}
	for _, p := range paras {
		for _, s := range p.Src {
			g.gold[s] = align.Normalize(trs[s])
		}
	}
	return g
}

// calibrationSizes are the document sizes of TestCalibrationBySize; the
// benchmark BenchmarkCalibration50k adds 50,000.
var calibrationSizes = []int{50, 500, 5000}

// TestCalibrationBySize checks that the confidence threshold means the
// same at every size: beads at or above DefaultMinConfidence are right at
// least 99% of the time, and at least 95% of the beads reach it, at 50 as
// at 5,000 paragraphs. Run with -v for the tables.
func TestCalibrationBySize(t *testing.T) {
	for _, n := range calibrationSizes {
		var all []scoredBead
		seeds := max(1, 1000/n)
		var tal, plain tally
		for s := range seeds {
			g := synthPair(t, n, uint64(1000*n+s))
			a := Align(g.src.Segments, g.tgt.Segments, Options{})
			sc := g.score(a, a.Translations(g.src.Segments, g.tgt.Segments, Options{}), DefaultMinConfidence)
			tal.add(sc, sc.hit, sc.pred, sc.gold, sc.exactN, len(g.gold))
			all = append(all, sc.beads...)
			if testing.Verbose() { // the same without the lexical pass, for the table
				b := Align(g.src.Segments, g.tgt.Segments, Options{NoLexical: true})
				sb := g.score(b, b.Translations(g.src.Segments, g.tgt.Segments, Options{}), DefaultMinConfidence)
				plain.add(sb, sb.hit, sb.pred, sb.gold, sb.exactN, len(g.gold))
			}
		}
		above, right := 0, 0
		for _, b := range all {
			if b.conf >= DefaultMinConfidence {
				above++
				if b.right {
					right++
				}
			}
		}
		t.Logf("%d paragraphs x %d: P %.2f%% R %.2f%% (without the lexical pass: P %.2f%% R %.2f%%), %d of %d beads confident, %.2f%% of those right\n%s",
			n, seeds, 100*tal.precision(), 100*tal.recall(), 100*plain.precision(), 100*plain.recall(),
			above, len(all), 100*float64(right)/float64(max(above, 1)), calibration(all))
		if float64(right) < 0.99*float64(above) {
			t.Errorf("%d paragraphs: beads at or above %.2f right %d of %d, want 99%%", n, DefaultMinConfidence, right, above)
		}
		if float64(above) < 0.95*float64(len(all)) {
			t.Errorf("%d paragraphs: only %d of %d beads at or above %.2f, want 95%%", n, above, len(all), DefaultMinConfidence)
		}
		if tal.precision() < 0.99 || tal.recall() < 0.99 {
			t.Errorf("%d paragraphs: precision %.4f recall %.4f, want 0.99", n, tal.precision(), tal.recall())
		}
	}
}

// BenchmarkCalibration50k aligns a 50,000-paragraph synthetic pair and
// reports the share of confident beads and how many of them are right
// (run with -benchtime=1x).
func BenchmarkCalibration50k(b *testing.B) {
	g := synthPair(b, 50_000, 50)
	var a *Alignment
	for b.Loop() {
		a = Align(g.src.Segments, g.tgt.Segments, Options{})
	}
	sc := g.score(a, a.Translations(g.src.Segments, g.tgt.Segments, Options{}), DefaultMinConfidence)
	above, right := 0, 0
	for _, x := range sc.beads {
		if x.conf >= DefaultMinConfidence {
			above++
			if x.right {
				right++
			}
		}
	}
	b.ReportMetric(100*sc.precision, "P%")
	b.ReportMetric(100*sc.recall, "R%")
	b.ReportMetric(100*float64(above)/float64(len(sc.beads)), "confident%")
	b.ReportMetric(100*float64(right)/float64(max(above, 1)), "confident-right%")
	b.Logf("calibration at 50,000 paragraphs:\n%s", calibration(sc.beads))
}
