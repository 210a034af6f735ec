package bitext

import (
	"math"
	"slices"

	"verso/align"
)

// Shape is the number of source segments and target paragraphs in a bead.
type Shape struct{ Src, Tgt int }

// shapes are the bead shapes the aligner considers, in a fixed order.
var shapes = [...]Shape{{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {3, 1}, {1, 3}}

const nShapes = len(shapes)

// basicShapes counts the shapes the rough first pass weighs: all but 3-1
// and 1-3, which the later passes add.
const basicShapes = 5

// defaultPrior is Gale and Church's distribution of bead shapes (1991), with
// the 1-0/0-1 and 2-1/1-2 masses split evenly, and a small mass for 3-1 and
// 1-3 (three paragraphs merged into one, or one split into three), taken
// from 1-1.
var defaultPrior = [nShapes]float64{0.895, 0.005, 0.005, 0.045, 0.045, 0.0025, 0.0025}

// Params is the length model and the shape distribution, estimated from the
// document pair being aligned.
type Params struct {
	// Ratio is the expected target length per unit of source length
	// (letters and digits; one Han character is one unit).
	Ratio float64
	// Variance is the variance of the log of the length ratio, beyond the
	// counting noise of short texts (1/length).
	Variance float64
	// Sentence is the cost of each sentence of difference between the two
	// sides of a bead, from the share of 1-1 beads whose sentence counts
	// agree: translations that keep the source's sentences make sentence
	// counts a strong anchor, free ones a weak one.
	Sentence float64
	// Prior is the probability of each shape, in the order of Shapes.
	Prior [nShapes]float64
}

// Shapes lists the bead shapes in the order of Params.Prior.
func Shapes() []Shape { return slices.Clone(shapes[:]) }

// Feature weights of the cost model, in nats (negative log-likelihood
// ratios). They were set on the evaluation data (see eval_test.go) and are
// deliberately round.
const (
	wNumberMatch   = 2.0 // bonus for each number found on both sides
	wNumberMiss    = 1.5 // penalty for each number found on one side only
	wKindMatch     = 2.0 // bonus when a heading, title, date or note faces the same kind
	wKindMismatch  = 5.0 // penalty when a heading, title, date or note faces another kind or is merged
	wLevelMismatch = 3.0 // penalty when a heading faces one of another level (or a title, one below the top level)
	wItemMismatch  = 2.0 // penalty when a list item faces a paragraph
	wQuote         = 0.7 // penalty per quoted title or term without a partner
	defaultTemp    = 1.0 // temperature of the posterior (see Options.Temperature)
)

// model computes bead costs: the negative log-probability of a bead, up to a
// constant, from the length model and the anchors.
type model struct {
	src, tgt []features
	p        Params
	logPrior [nShapes]float64
	invRatio float64
	logRatio float64
	srcRuns  *runs    // what the cost needs of each run of source segments
	tgtRuns  *runs    // the same of the target paragraphs
	lex      *lexical // lexical evidence, after the first passes; nil before
}

// maxRun is the longest run of paragraphs on one side of a bead.
const maxRun = 3

// runs holds, for each run length a (1 to maxRun) and each end e (a to
// n), the sums over the paragraphs e-a..e-1 that a bead's cost needs, so
// that the dynamic programme, which weighs every bead ending at every cell
// of its band, does not add them up again and again.
type runs [maxRun][]run

// run is one side of a bead: one to three consecutive paragraphs.
type run struct {
	length, logLen    float64 // total length and its logLen
	sentences, quotes int32
	kind              align.Kind // of the last paragraph
	structural        int8       // structural paragraphs, in a run of two or more
	numbers           []uint32   // hashes of the numbers of its paragraphs, sorted
}

func newRuns(fs []features) *runs {
	var r runs
	for a := 1; a <= maxRun; a++ {
		rs := make([]run, len(fs)+1)
		for e := a; e <= len(fs); e++ {
			var u run
			for x := e - a; x < e; x++ {
				f := &fs[x]
				u.length += f.length
				u.sentences += int32(f.sentences)
				u.quotes += int32(f.quotes)
				u.kind = f.kind
				if a > 1 && structural(f.kind) {
					u.structural++
				}
				if a == 1 {
					u.numbers = f.numbers
				} else {
					u.numbers = append(u.numbers, f.numbers...)
				}
			}
			if a > 1 {
				sortU32(u.numbers)
			}
			u.logLen = logLen(u.length)
			rs[e] = u
		}
		r[a-1] = rs
	}
	return &r
}

func newModel(src, tgt []features, p Params) *model {
	m := &model{src: src, tgt: tgt, srcRuns: newRuns(src), tgtRuns: newRuns(tgt)}
	m.setParams(p)
	return m
}

// withParams returns a model of the same documents with other parameters.
func (m *model) withParams(p Params) *model {
	n := &model{src: m.src, tgt: m.tgt, srcRuns: m.srcRuns, tgtRuns: m.tgtRuns}
	n.setParams(p)
	return n
}

func (m *model) setParams(p Params) {
	m.p, m.invRatio, m.logRatio = p, 1/p.Ratio, math.Log(p.Ratio)
	for k := range shapes {
		m.logPrior[k] = -math.Log(p.Prior[k])
	}
}

// sameLevel reports whether two headings' levels (-1 for a title, 0 when
// unknown) let them face each other: the same level, a title facing a
// title or a top-level heading, or a level that is not known.
func sameLevel(a, b int) bool {
	if a > b {
		a, b = b, a
	}
	return a == b || a == 0 || (a == -1 && b <= 1)
}

func structural(k align.Kind) bool {
	return k == align.KindTitle || k == align.KindHeading || k == align.KindDate || k == align.KindNote
}

// cost returns the cost of the bead of shape k that ends at source i and
// target j: it holds src[i-a:i] and tgt[j-b:j].
func (m *model) cost(i, j, k int) float64 {
	var t beadTerms
	m.terms(i, j, k, &t)
	return t.total(m)
}

// beadTerms are the parts of a bead's cost, the length model's apart: it
// is the dearest to compute, and never negative, so the dynamic programme
// can leave it out of a bead that the rest already rules out.
type beadTerms struct {
	pre  float64    // the prior and the kind mismatches of merged paragraphs
	post [5]float64 // kinds, lexical evidence, sentences, quotes, numbers
	// bound is a lower bound of the total: pre and post added up, less a
	// margin for the rounding of sums not made in total's order.
	bound float64
	// The length model's arguments, when it applies.
	length         bool
	ls, lt, lS, lT float64
}

// total is the bead's cost: the terms added in a fixed order.
func (t *beadTerms) total(m *model) float64 {
	c := t.pre
	if t.length {
		c += m.lengthCostLog(t.ls, t.lt, t.lS, t.lT)
	}
	for _, v := range t.post {
		c += v
	}
	return c
}

// floors sets f[k] to a lower bound of the cost of every bead of shape k
// that ends at source i: its prior, the bonus of a heading facing its
// kind, all of its source's numbers found on the other side and the
// largest lexical bonus, as a float32 no larger than any cost viterbi
// compares it with.
func (m *model) floors(i int, f *[nShapes]float32) {
	for k, sh := range shapes {
		c := m.logPrior[k]
		if sh.Src == 0 || sh.Tgt == 0 || i < sh.Src {
			f[k] = float32(c)
			continue
		}
		if sh.Src == 1 && sh.Tgt == 1 {
			c -= wKindMatch
		}
		c -= wNumberMatch * float64(len(m.srcRuns[sh.Src-1][i].numbers))
		if m.lex != nil {
			c -= maxLexical
		}
		f[k] = float32(c - 1e-9*(1+math.Abs(c)))
	}
}

// terms sets t to the terms of the cost of the bead of shape k that ends
// at source i and target j.
func (m *model) terms(i, j, k int, t *beadTerms) {
	sh := shapes[k]
	*t = beadTerms{pre: m.logPrior[k], bound: m.logPrior[k]}
	if sh.Src == 0 || sh.Tgt == 0 {
		return
	}
	s, u := &m.srcRuns[sh.Src-1][i], &m.tgtRuns[sh.Tgt-1][j]
	for range s.structural {
		t.pre += wKindMismatch
	}
	for range u.structural {
		t.pre += wKindMismatch
	}
	one := sh.Src == 1 && sh.Tgt == 1
	sk, tk := s.kind, u.kind
	// Length: the log of the length ratio is normal around log Ratio,
	// with a variance that grows for short texts (counting noise), mixed
	// with a heavy tail so that one free translation costs a few nats, not
	// the alignment. Dates and notes facing their own kind are anchored by
	// their numbers: their length says nothing.
	if !(one && sk == tk && (sk == align.KindDate || sk == align.KindNote)) {
		t.length, t.ls, t.lt, t.lS, t.lT = true, s.length, u.length, s.logLen, u.logLen
	}
	if one {
		switch {
		case heading(sk) && heading(tk):
			if sameLevel(m.src[i-1].level, m.tgt[j-1].level) {
				t.post[0] = -wKindMatch
			} else {
				t.post[0] = wLevelMismatch
			}
		case sk == tk && structural(sk):
			t.post[0] = -wKindMatch
		case structural(sk) || structural(tk):
			t.post[0] = wKindMismatch
		case sk != tk:
			t.post[0] = wItemMismatch
		}
	} else if sk == align.KindItem && tk != align.KindItem || tk == align.KindItem && sk != align.KindItem {
		t.post[0] = wItemMismatch
	}
	if m.lex != nil {
		t.post[1] = m.lex.cost(i-sh.Src, i, j-sh.Tgt, j)
	}
	t.post[2] = m.p.Sentence * math.Abs(float64(s.sentences-u.sentences))
	t.post[3] = wQuote * math.Abs(float64(s.quotes-u.quotes))
	if a, b := s.numbers, u.numbers; len(a)+len(b) > 0 {
		both := align.SharedCount(a, b)
		t.post[4] = -wNumberMatch*float64(both) + wNumberMiss*float64(len(a)+len(b)-2*both)
	}
	c := t.pre + t.post[0] + t.post[1] + t.post[2] + t.post[3] + t.post[4]
	t.bound = c - 1e-9*(1+math.Abs(c))
}

// lengthCostLog is the cost of a source length ls translated by a target
// length lt, given logLen of both.
func (m *model) lengthCostLog(ls, lt, logS, logT float64) float64 {
	d := logT - logS - m.logRatio
	v := m.p.Variance + 1/(ls+lt*m.invRatio+2)
	return tailCost(math.Abs(d) / math.Sqrt(v))
}

// logLen is log(n+2) of a length n, from a table for lengths below 2¹⁶.
func logLen(n float64) float64 {
	if i := int(n); i >= 0 && i < len(logTable) && float64(i) == n {
		return logTable[i]
	}
	return math.Log(n + 2)
}

var logTable = func() []float64 {
	t := make([]float64, 1<<16)
	for i := range t {
		t[i] = math.Log(float64(i) + 2)
	}
	return t
}()

// tailCost is -log of a mixture of Gale and Church's two-tailed normal
// probability (98%) and a Laplace tail (2%) at x standard deviations,
// tabulated: the aligner computes it for every cell of the band.
func tailCost(x float64) float64 {
	f := x * tailSteps
	if f >= float64(len(tailTable)-1) {
		return x/4 + math.Log(4/0.02)
	}
	i := int(f)
	w := f - float64(i)
	return tailTable[i]*(1-w) + tailTable[i+1]*w
}

const tailSteps = 64

var tailTable = func() []float64 {
	t := make([]float64, 40*tailSteps+1)
	for i := range t {
		x := float64(i) / tailSteps
		t[i] = -math.Log(0.98*math.Exp(-nlTail(x)) + 0.02*math.Exp(-x/4)/4)
	}
	return t
}()

// nlTail is -log(2(1-Φ(x))) for x ≥ 0, the cost of a deviation of x
// standard deviations in Gale and Church's model.
func nlTail(x float64) float64 {
	if x < 8 {
		return -math.Log(math.Erfc(x / math.Sqrt2))
	}
	// Asymptotic: erfc(z) ≈ exp(-z²)/(z√π).
	z := x / math.Sqrt2
	return z*z + math.Log(z*math.Sqrt(math.Pi))
}

// initialParams estimates the length model from the totals: the ratio of
// the total lengths, and a loose variance.
func initialParams(src, tgt []features) Params {
	var ls, lt float64
	for _, f := range src {
		ls += f.length
	}
	for _, f := range tgt {
		lt += f.length
	}
	r := 1.0
	if ls > 0 && lt > 0 {
		r = lt / ls
	}
	return Params{Ratio: r, Variance: 0.1, Sentence: 0.4, Prior: defaultPrior}
}

// estimate re-estimates the parameters from an alignment: the ratio and
// variance from its 1-1 beads of paragraphs or items at least 10 units long
// whose length ratio is within a factor of 1.6 of the median, and the shape
// distribution from the shape counts smoothed towards the default.
func estimate(src, tgt []features, beads []Bead, old Params) Params {
	p := old
	var pairs []lengthPair
	agree, compared := 0.0, 0.0
	var counts [nShapes]float64
	total := 0.0
	for _, b := range beads {
		if k := shapeIndex(b.Src.Len(), b.Tgt.Len()); k >= 0 {
			counts[k]++
			total++
		}
		if b.Src.Len() != 1 || b.Tgt.Len() != 1 {
			continue
		}
		s, t := src[b.Src.Start], tgt[b.Tgt.Start]
		if structural(s.kind) || structural(t.kind) || s.length < 10 || t.length < 1 {
			continue
		}
		pairs = append(pairs, lengthPair{s.length, t.length})
		compared++
		if s.sentences == t.sentences {
			agree++
		}
	}
	if lm, ok := fitLength(pairs); ok {
		p.Ratio, p.Variance = lm.Ratio, lm.Variance
	}
	if compared >= 5 {
		// Smoothed odds of agreement, as a cost between 0.3 and 4 nats.
		f := (agree + 1) / (compared + 2)
		p.Sentence = min(max(math.Log(f/(1-f)), 0.3), 4)
	}
	const alpha = 100 // pseudo-count of the default prior
	for k := range shapes {
		p.Prior[k] = (counts[k] + alpha*defaultPrior[k]) / (total + alpha)
	}
	return p
}
