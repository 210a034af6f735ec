package bitext

import (
	"slices"
	"testing"
)

// viterbi without bead costs prunes beads by bounds (it weighs the
// skipping shapes first and leaves out terms of beads already ruled out);
// it promises the same path as the search that weighs every bead in full
// (fillCosts). Checked on every evaluation case, in the rough first pass's
// shapes and in all of them, and on a document of repeated paragraphs,
// where beads tie.
func TestViterbiPruningKeepsThePath(t *testing.T) {
	type pair struct {
		name     string
		src, tgt []features
	}
	var pairs []pair
	for _, c := range evalCases() {
		g := generate(t, c)
		pairs = append(pairs, pair{c.name, extract(g.src.Segments), extract(g.tgt.Segments)})
	}
	g := generate(t, evalCases()[0])
	rep := slices.Repeat(g.src.Segments[2:4], 20)
	repT := slices.Repeat(g.tgt.Segments[2:4], 20)
	pairs = append(pairs, pair{"repeated", extract(rep), extract(repT)})
	for _, p := range pairs {
		md := newModel(p.src, p.tgt, initialParams(p.src, p.tgt))
		b := diagonalBand(p.src, p.tgt, 32)
		for _, weigh := range []int{basicShapes, nShapes} {
			pruned, _ := viterbi(md, b, 0, nil, weigh)
			full, _ := viterbi(md, b, 0, fillCosts(md, b, weigh), weigh)
			if !slices.EqualFunc(pruned, full, func(a, b Bead) bool { return a.Src == b.Src && a.Tgt == b.Tgt }) {
				t.Errorf("%s, %d shapes: the pruned search's path differs from the full one's", p.name, weigh)
			}
		}
	}
}
