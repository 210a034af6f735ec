package bitext

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"verso/align"
)

// Span is a half-open range [Start, End) of segment or paragraph indices.
type Span struct{ Start, End int }

// Len is the number of elements in the span.
func (s Span) Len() int { return s.End - s.Start }

// Bead is one unit of an alignment: consecutive source segments and the
// consecutive target paragraphs that translate them. Either side may be
// empty: a source segment with no translation (1-0), or a target paragraph
// with no source (0-1).
type Bead struct {
	Src, Tgt Span
	// Confidence is the estimated probability that the bead is right; see
	// the package documentation for its calibration.
	Confidence float64
	// Moved is set on a 1-1 bead linked out of document order (a heading
	// or paragraph the translation moved); its target span does not follow
	// the previous bead's.
	Moved bool
	// Notes say what lowered the confidence, for the report.
	Notes []string
}

// Shape returns the bead's shape.
func (b Bead) Shape() Shape { return Shape{b.Src.Len(), b.Tgt.Len()} }

func (s Shape) String() string { return fmt.Sprintf("%d-%d", s.Src, s.Tgt) }

// Options tune Align. The zero value gives the defaults.
type Options struct {
	// Band is the initial half-width of the search band, in target
	// paragraphs, around the path on which both documents advance in
	// proportion to their length. It doubles while the best path runs
	// along the band's edge. Default 32.
	Band int
	// Temperature divides the costs before they are turned into the
	// probabilities from which confidences are computed. Default 1; the
	// default threshold DefaultMinConfidence was calibrated with it.
	Temperature float64
	// Params, when not nil, is used as the length model instead of
	// estimating it from the documents.
	Params *Params
	// Training holds translations the caller trusts (the repository's
	// translations of other documents into the same language), from which
	// the lexical pass learns besides the alignment's own confident beads.
	Training []Pair
	// NoLexical leaves out the lexical pass (for comparison).
	NoLexical bool
}

// DefaultMinConfidence is the confidence at or above which a bead is taken
// without review. On the evaluation data (eval_test.go) beads at or above
// it are right more than 99% of the time.
const DefaultMinConfidence = 0.9

// Alignment is the result of Align.
type Alignment struct {
	// Beads cover every source segment and every target paragraph exactly
	// once, in source order; apart from moved beads, also in target order.
	Beads []Bead
	// Params is the model the alignment was made with.
	Params Params
}

// Align aligns the source segments with the target paragraphs. Both are
// segmented with align.Parse, so that their kinds (title, heading, date,
// note, item, paragraph) can be compared.
//
// The work is proportional to the number of paragraphs times the band
// width: three passes of a banded dynamic programme. The first, around the
// length-proportional diagonal with the length model estimated from the
// totals, finds a rough path; the model is re-estimated from its confident
// 1-1 beads; the second and third passes run in a narrow band around the
// previous path, and the last one also computes every bead's posterior
// probability.
func Align(src, tgt []align.Segment, opts Options) *Alignment {
	sf, tf := extract(src), extract(tgt)
	return alignFeatures(sf, tf, src, tgt, opts)
}

func alignFeatures(sf, tf []features, src, tgt []align.Segment, opts Options) *Alignment {
	if opts.Band <= 0 {
		opts.Band = 32
	}
	if opts.Temperature <= 0 {
		opts.Temperature = defaultTemp
	}
	n, m := len(sf), len(tf)
	if n == 0 || m == 0 {
		return trivial(n, m)
	}
	p := initialParams(sf, tf)
	if opts.Params != nil {
		p = *opts.Params
	}
	md := newModel(sf, tf, p)
	// The lexical pass reads the tokens of both sides: cut them out while
	// the first passes run.
	var srcToks, tgtToks [][]uint32
	var tokenized sync.WaitGroup
	if !opts.NoLexical {
		tokenized.Go(func() { srcToks, tgtToks = tokenize(src), tokenize(tgt) })
	}
	var beads []Bead
	for w := opts.Band; ; w *= 2 {
		var touches bool
		beads, touches = viterbi(md, diagonalBand(sf, tf, w), 3, nil, basicShapes)
		if !touches || w >= max(n, m) {
			break
		}
	}
	for pass := range 2 {
		if opts.Params == nil {
			p = estimate(sf, tf, beads, p)
			md = md.withParams(p)
		}
		b := pathBand(n, m, beads, 8)
		if pass == 1 && !opts.NoLexical {
			// The lexical pass: learn from the path so far, then search
			// again with the lexical evidence.
			tokenized.Wait()
			if lx := learn(srcToks, tgtToks, beads, opts.Training); lx != nil {
				lx.index(b)
				md.lex = lx
			}
		}
		var costs []float32
		weigh := basicShapes
		if pass == 1 {
			weigh = nShapes
			costs = fillCosts(md, b, weigh)
		}
		beads, _ = viterbi(md, b, 0, costs, weigh)
		if pass == 1 {
			posteriors(b, beads, opts.Temperature, costs)
		}
	}
	beads = linkMoved(md, beads, opts.Temperature)
	for i := range beads {
		annotate(md, &beads[i], src, tgt)
	}
	return &Alignment{Beads: beads, Params: p}
}

func trivial(n, m int) *Alignment {
	a := &Alignment{Params: Params{Ratio: 1, Variance: 1, Prior: defaultPrior}}
	for i := range n {
		a.Beads = append(a.Beads, Bead{Src: Span{i, i + 1}, Tgt: Span{0, 0}, Confidence: 1})
	}
	for j := range m {
		a.Beads = append(a.Beads, Bead{Src: Span{n, n}, Tgt: Span{j, j + 1}, Confidence: 1})
	}
	return a
}

// linkMoved links a segment left without a translation (1-0) to a
// paragraph left without a source (0-1) a few beads away: a heading the
// translator moved, or a paragraph moved past its heading, which a
// monotone alignment cannot link.
// The confidence of a link is the softmax of its cost against the other
// candidates and against leaving the segment unlinked.
func linkMoved(md *model, beads []Bead, temp float64) []Bead {
	const window = 4 // beads
	const unlinked = 6.0
	used := map[int]bool{}
	for x := range beads {
		b := &beads[x]
		if b.Src.Len() != 1 || b.Tgt.Len() != 0 {
			continue
		}
		isHeading := heading(md.src[b.Src.Start].kind)
		best, bestCost := -1, math.Inf(1)
		var sum float64
		for y := max(0, x-window); y < min(len(beads), x+window+1); y++ {
			c := &beads[y]
			if c.Src.Len() != 0 || c.Tgt.Len() != 1 || used[y] {
				continue
			}
			// A paragraph moves only past a neighbour or past one heading.
			if d := max(x-y, y-x); !isHeading && d > 1 && !(d == 2 && headingBead(md, beads[(x+y)/2])) {
				continue
			}
			cost := md.cost(b.Src.End, c.Tgt.End, 0) - md.logPrior[0]
			sum += math.Exp(-cost / temp)
			if cost < bestCost {
				best, bestCost = y, cost
			}
		}
		if best < 0 {
			continue
		}
		conf := math.Exp(-bestCost/temp) / (sum + math.Exp(-unlinked/temp))
		if conf < 0.5 {
			continue
		}
		used[best] = true
		b.Tgt = beads[best].Tgt
		b.Moved = true
		b.Confidence = conf
	}
	if len(used) == 0 {
		return beads
	}
	out := beads[:0]
	for y, b := range beads {
		if !used[y] {
			out = append(out, b)
		}
	}
	return out
}

func headingBead(md *model, b Bead) bool {
	return b.Src.Len() == 1 && b.Tgt.Len() == 1 && heading(md.src[b.Src.Start].kind) && heading(md.tgt[b.Tgt.Start].kind)
}

func heading(k align.Kind) bool { return k == align.KindHeading || k == align.KindTitle }

// levelName names a heading level of the features: "title" or "level N".
func levelName(l int) string {
	if l < 0 {
		return "title"
	}
	return fmt.Sprintf("level %d", l)
}

// annotate explains what in a bead speaks against it.
func annotate(md *model, b *Bead, src, tgt []align.Segment) {
	if b.Moved {
		b.Notes = append(b.Notes, "moved in the translation")
	}
	switch {
	case b.Src.Len() == 0:
		b.Notes = append(b.Notes, "no source segment: extra text in the translation")
		return
	case b.Tgt.Len() == 0:
		b.Notes = append(b.Notes, "no translation found")
		return
	case b.Src.Len() > 1:
		b.Notes = append(b.Notes, fmt.Sprintf("%d source segments in one translated paragraph", b.Src.Len()))
	}
	var sk, tk []align.Kind
	var ls, lt float64
	var sh, th []uint32 // the hashes of the numbers of each side
	for i := b.Src.Start; i < b.Src.End; i++ {
		sh = append(sh, md.src[i].numbers...)
		sk = append(sk, md.src[i].kind)
		ls += md.src[i].length
	}
	for j := b.Tgt.Start; j < b.Tgt.End; j++ {
		th = append(th, md.tgt[j].numbers...)
		tk = append(tk, md.tgt[j].kind)
		lt += md.tgt[j].length
	}
	slices.Sort(sh)
	slices.Sort(th)
	if !slices.Equal(sh, th) {
		// The numbers differ (as the cost model sees them: by their
		// hashes); name them.
		var sn, tn []string
		for i := b.Src.Start; i < b.Src.End; i++ {
			if len(md.src[i].numbers) > 0 {
				sn = append(sn, Numbers(src[i].Text)...)
			}
		}
		for j := b.Tgt.Start; j < b.Tgt.End; j++ {
			if len(md.tgt[j].numbers) > 0 {
				tn = append(tn, Numbers(tgt[j].Text)...)
			}
		}
		if a, c := minus(sn, tn), minus(tn, sn); len(a)+len(c) > 0 {
			b.Notes = append(b.Notes, fmt.Sprintf("numbers differ: source %s, translation %s", orNone(a), orNone(c)))
		}
	}
	if b.Src.Len() == 1 && b.Tgt.Len() == 1 {
		sl, tl := md.src[b.Src.Start].level, md.tgt[b.Tgt.Start].level
		switch {
		case heading(sk[0]) && heading(tk[0]) && !sameLevel(sl, tl):
			b.Notes = append(b.Notes, fmt.Sprintf("heading levels differ: %s and %s", levelName(sl), levelName(tl)))
		case sk[0] != tk[0] && !(heading(sk[0]) && heading(tk[0])):
			b.Notes = append(b.Notes, fmt.Sprintf("kinds differ: %s and %s", sk[0], tk[0]))
		}
	}
	if ls > 0 && !(len(sk) == 1 && len(tk) == 1 && sk[0] == tk[0] && (sk[0] == align.KindDate || sk[0] == align.KindNote)) {
		if r := lt / ls / md.p.Ratio; r > 1.5 || r < 1/1.5 {
			b.Notes = append(b.Notes, fmt.Sprintf("length %.1f× the expected", r))
		}
	}
}

// minus returns the elements of the sorted multiset a not in b.
func minus(a, b []string) []string {
	slices.Sort(a)
	slices.Sort(b)
	var out []string
	for i, j := 0, 0; i < len(a); {
		switch {
		case j < len(b) && a[i] == b[j]:
			i++
			j++
		case j < len(b) && b[j] < a[i]:
			j++
		default:
			out = append(out, a[i])
			i++
		}
	}
	return out
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, " ")
}
