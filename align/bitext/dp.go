package bitext

import (
	"math"
	"runtime"
	"sync"
)

// band is the part of the (n+1)×(m+1) grid the dynamic programme visits:
// row i (source prefix length) holds the columns (target prefix lengths)
// lo[i]..hi[i]. lo and hi never decrease, and consecutive rows overlap, so
// (0,0) and (n,m) are always connected.
type band struct {
	n, m   int
	lo, hi []int32
	off    []int // offset of row i's first cell in the flat cell arrays
}

func newBand(n, m int, lo, hi []int32) *band {
	// Make the rows monotone and overlapping.
	lo[0], hi[n] = 0, int32(m)
	for i := n - 1; i >= 0; i-- {
		lo[i] = min(lo[i], lo[i+1])
	}
	for i := 1; i <= n; i++ {
		hi[i] = max(hi[i], hi[i-1])
		lo[i] = min(lo[i], hi[i-1])
	}
	for i := 0; i <= n; i++ {
		lo[i] = max(lo[i], 0)
		hi[i] = min(hi[i], int32(m))
	}
	b := &band{n: n, m: m, lo: lo, hi: hi, off: make([]int, n+2)}
	for i := 0; i <= n; i++ {
		b.off[i+1] = b.off[i] + int(hi[i]-lo[i]+1)
	}
	return b
}

func (b *band) cells() int { return b.off[b.n+1] }

// at returns the flat index of cell (i, j), or -1 when it is outside.
func (b *band) at(i, j int) int {
	if i < 0 || j < 0 || j < int(b.lo[i]) || j > int(b.hi[i]) {
		return -1
	}
	return b.off[i] + j - int(b.lo[i])
}

// diagonalBand returns the band of half-width w around the path on which
// both documents advance in proportion to their cumulative lengths.
func diagonalBand(src, tgt []features, w int) *band {
	n, m := len(src), len(tgt)
	cs := cumulative(src)
	ct := cumulative(tgt)
	lo := make([]int32, n+1)
	hi := make([]int32, n+1)
	j := 0
	for i := 0; i <= n; i++ {
		x := cs[i] / cs[n]
		for j < m && ct[j+1]/ct[m] <= x {
			j++
		}
		lo[i], hi[i] = int32(j-w), int32(j+w)
	}
	return newBand(n, m, lo, hi)
}

// cumulative returns the prefix sums of the lengths, each paragraph counted
// at least 1 so that the sums strictly increase.
func cumulative(fs []features) []float64 {
	c := make([]float64, len(fs)+1)
	for i, f := range fs {
		c[i+1] = c[i] + max(f.length, 1)
	}
	if c[len(fs)] == 0 {
		c[len(fs)] = 1
	}
	return c
}

// pathBand returns the band of half-width w around a path of beads.
func pathBand(n, m int, beads []Bead, w int) *band {
	lo := make([]int32, n+1)
	hi := make([]int32, n+1)
	for i := range lo {
		lo[i], hi[i] = math.MaxInt32, -1
	}
	mark := func(i, j int) {
		lo[i] = min(lo[i], int32(j-w))
		hi[i] = max(hi[i], int32(j+w))
	}
	mark(0, 0)
	for _, b := range beads {
		for i := b.Src.Start; i <= b.Src.End; i++ {
			mark(i, b.Tgt.Start)
			mark(i, b.Tgt.End)
		}
	}
	return newBand(n, m, lo, hi)
}

// viterbi finds the cheapest path through the band and returns its beads.
// touches reports whether the path runs within margin cells of an inner
// edge of the band, where a wider band might find a cheaper path. When
// beadCosts is not nil, it holds the cost of every bead (see fillCosts),
// which posteriors then reuse. It weighs the first weigh shapes of shapes
// (the rough first pass leaves out the rare 3-1 and 1-3).
//
// Without beadCosts, it weighs a cell's beads that skip a paragraph first,
// whose cost is their prior alone, and leaves out the length model of a
// bead whose other terms already cost more than the cheapest bead so far
// (and does not compute those either when a bound of the bead's cost that
// holds for every bead of its shape ending in the row rules it out):
// the path is the same (of the beads that cost the same, the first in the
// order of shapes wins), for less work.
func viterbi(md *model, b *band, margin int, beadCosts []float32, weigh int) (beads []Bead, touches bool) {
	cost := make([]float32, b.cells())
	back := make([]int8, b.cells())
	inf := float32(math.Inf(1))
	var t beadTerms
	var floor [nShapes]float32
	for i := 0; i <= b.n; i++ {
		if beadCosts == nil {
			md.floors(i, &floor)
		}
		lo := int(b.lo[i])
		for j := lo; j <= int(b.hi[i]); j++ {
			x := b.off[i] + j - lo
			if i == 0 && j == 0 {
				cost[x], back[x] = 0, -1
				continue
			}
			best, arg := inf, int8(-1)
			for _, k := range weighOrder {
				if k >= weigh {
					continue
				}
				sh := shapes[k]
				pi, pj := i-sh.Src, j-sh.Tgt
				if pi < 0 || pj < int(b.lo[pi]) || pj > int(b.hi[pi]) {
					continue
				}
				cp := cost[b.off[pi]+pj-int(b.lo[pi])]
				if cp == inf {
					continue
				}
				var bc float32
				switch {
				case beadCosts != nil:
					bc = beadCosts[x*nShapes+k]
				case sh.Src == 0 || sh.Tgt == 0:
					bc = float32(md.logPrior[k])
				default:
					if lb := cp + floor[k]; lb > best || lb == best && int8(k) > arg {
						continue
					}
					md.terms(i, j, k, &t)
					if lb := cp + float32(t.bound); lb > best || lb == best && int8(k) > arg {
						continue
					}
					bc = float32(t.total(md))
				}
				if c := cp + bc; c < best || c == best && int8(k) < arg {
					best, arg = c, int8(k)
				}
			}
			cost[x], back[x] = best, arg
		}
	}
	count := 0
	for i, j := b.n, b.m; i > 0 || j > 0; count++ {
		sh := shapes[back[b.at(i, j)]]
		i, j = i-sh.Src, j-sh.Tgt
	}
	beads = make([]Bead, count)
	i, j := b.n, b.m
	for x := count - 1; x >= 0; x-- {
		sh := shapes[back[b.at(i, j)]]
		beads[x] = Bead{Src: Span{i - sh.Src, i}, Tgt: Span{j - sh.Tgt, j}}
		if (j-int(b.lo[i]) < margin && b.lo[i] > 0) || (int(b.hi[i])-j < margin && int(b.hi[i]) < b.m) {
			touches = true
		}
		i, j = i-sh.Src, j-sh.Tgt
	}
	return beads, touches
}

// forward sets fwd to the log of the total probability of the paths from
// (0, 0) to each cell of the band.
func forward(b *band, beadCosts []float32, temp float64, fwd []float64) {
	ninf := math.Inf(-1)
	var terms [nShapes]float64
	for i := 0; i <= b.n; i++ {
		lo := int(b.lo[i])
		for j := lo; j <= int(b.hi[i]); j++ {
			x := b.off[i] + j - lo
			if i == 0 && j == 0 {
				fwd[x] = 0
				continue
			}
			n := 0
			for k, sh := range shapes {
				pi, pj := i-sh.Src, j-sh.Tgt
				if pi < 0 || pj < int(b.lo[pi]) || pj > int(b.hi[pi]) {
					continue
				}
				if f := fwd[b.off[pi]+pj-int(b.lo[pi])]; f != ninf {
					terms[n] = f - float64(beadCosts[x*nShapes+k])/temp
					n++
				}
			}
			fwd[x] = logSumExp(terms[:n])
		}
	}
}

// backward sets bwd to the log of the total probability of the paths from
// each cell of the band to (n, m).
func backward(b *band, beadCosts []float32, temp float64, bwd []float64) {
	ninf := math.Inf(-1)
	var terms [nShapes]float64
	for i := b.n; i >= 0; i-- {
		lo := int(b.lo[i])
		for j := int(b.hi[i]); j >= lo; j-- {
			x := b.off[i] + j - lo
			if i == b.n && j == b.m {
				bwd[x] = 0
				continue
			}
			n := 0
			for k, sh := range shapes {
				ni, nj := i+sh.Src, j+sh.Tgt
				if ni > b.n || nj < int(b.lo[ni]) || nj > int(b.hi[ni]) {
					continue
				}
				q := b.off[ni] + nj - int(b.lo[ni])
				if v := bwd[q]; v != ninf {
					terms[n] = v - float64(beadCosts[q*nShapes+k])/temp
					n++
				}
			}
			bwd[x] = logSumExp(terms[:n])
		}
	}
}

// fillCosts returns the cost of every bead of the first weigh shapes that
// ends in a cell of the band and starts in one, at index cell*nShapes+shape,
// computed on all processors.
func fillCosts(md *model, b *band, weigh int) []float32 {
	costs := make([]float32, b.cells()*nShapes)
	workers := runtime.GOMAXPROCS(0)
	rows := (b.n + workers) / workers
	var wg sync.WaitGroup
	for first := 0; first <= b.n; first += rows {
		last := min(first+rows, b.n+1)
		wg.Go(func() {
			for i := first; i < last; i++ {
				lo := int(b.lo[i])
				for j := lo; j <= int(b.hi[i]); j++ {
					x := b.off[i] + j - lo
					for k, sh := range shapes[:weigh] {
						if b.at(i-sh.Src, j-sh.Tgt) >= 0 {
							costs[x*nShapes+k] = float32(md.cost(i, j, k))
						}
					}
				}
			}
		})
	}
	wg.Wait()
	return costs
}

// posteriors sets the Confidence of each bead on the path to its posterior
// probability: the total probability of the alignments through the band
// that contain it, with probabilities exp(-cost/temp), computed by the
// forward-backward algorithm in log space. beadCosts are the costs viterbi
// weighed in the same band with the same model.
func posteriors(b *band, beads []Bead, temp float64, beadCosts []float32) {
	fwd := make([]float64, b.cells())
	bwd := make([]float64, b.cells())
	// The two directions are independent: on two processors they run side
	// by side.
	var wg sync.WaitGroup
	wg.Go(func() { forward(b, beadCosts, temp, fwd) })
	backward(b, beadCosts, temp, bwd)
	wg.Wait()
	z := fwd[b.at(b.n, b.m)]
	for x := range beads {
		bd := &beads[x]
		k := shapeIndex(bd.Src.Len(), bd.Tgt.Len())
		p := fwd[b.at(bd.Src.Start, bd.Tgt.Start)] - float64(beadCosts[b.at(bd.Src.End, bd.Tgt.End)*nShapes+k])/temp + bwd[b.at(bd.Src.End, bd.Tgt.End)] - z
		bd.Confidence = min(math.Exp(p), 1)
	}
}

// weighOrder is the order in which viterbi weighs the shapes: first the
// beads that skip a paragraph, whose cost is their prior alone.
var weighOrder = [nShapes]int{1, 2, 0, 3, 4, 5, 6}

func shapeIndex(a, b int) int {
	for k, sh := range shapes {
		if sh.Src == a && sh.Tgt == b {
			return k
		}
	}
	return -1
}

// logSumExp returns log(Σ exp(t)). Terms more than 40 below the largest
// are left out: they change the sum by less than its rounding.
func logSumExp(t []float64) float64 {
	switch len(t) {
	case 0:
		return math.Inf(-1)
	case 1:
		return t[0]
	}
	m := t[0]
	for _, v := range t[1:] {
		m = max(m, v)
	}
	if math.IsInf(m, -1) {
		return m
	}
	s := 0.0
	for _, v := range t {
		if d := v - m; d > -40 {
			s += math.Exp(d)
		}
	}
	return m + math.Log(s)
}
