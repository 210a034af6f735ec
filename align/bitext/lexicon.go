package bitext

import (
	"cmp"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"verso/align"
)

// The lexical pass: after a first alignment, the aligner learns which
// source tokens go with which target tokens from the beads it is sure of
// (and from pairs the caller already trusts: the repository's existing
// translations), as hunalign's realign pass does but without a dictionary
// file, and aligns again with that evidence. Tokens are Han character
// bigrams (a single Han character between non-Han text) for Chinese and
// Japanese, and for other scripts lowercased words of three letters or
// more cut to their first five letters, a crude stem that joins inflected
// forms (security, securities; безопасности, безопасность). Digits are
// left to the number anchors.
//
// A target token t is linked to the source token s that best predicts it
// (Dice coefficient of their co-occurrence across the training pairs, at
// least minDice, seen together at least minCo times). Facing a source
// text, each linked token of the target is evidence: its source token is
// there with probability p1 = P(s in source | t in target, true pair), or
// with p0 = P(s in a source paragraph) by chance. The bead's lexical cost is
// minus the sum of the log-likelihood ratios, scaled by wLexical (bigrams
// overlap, so the cues are not independent) and clipped to ±maxLexical.

const (
	minDice    = 0.4  // weakest association kept
	minCo      = 2    // fewest co-occurrences of a kept association
	maxCues    = 16   // most informative cues kept per target paragraph
	wLexical   = 0.5  // weight of the summed log-likelihood ratios
	maxLexical = 12.0 // bound of a bead's lexical cost, in nats
	maxTrain   = 4000 // training pairs used at most, evenly spaced
	stemLen    = 5    // letters kept of a non-Han word
)

// tokens appends to buf the distinct tokens of text, sorted.
func tokens(text string, buf []uint32) []uint32 {
	out := buf[:0]
	var prevH uint32 // the hash of 'h' and the previous Han character
	hanRun := 0
	// The current word's hash (FNV-1a over its first stemLen lowercased
	// letters) and length.
	var word uint32
	wordLen := 0
	flush := func() {
		if wordLen >= 3 {
			out = append(out, word)
		}
		wordLen = 0
	}
	endHan := func() {
		if hanRun == 1 {
			out = append(out, prevH)
		}
		hanRun = 0
	}
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		i += n
		switch {
		case isHan(r):
			flush()
			if hanRun > 0 {
				out = append(out, fnvRune(prevH, r))
			}
			hanRun++
			prevH = fnvRune(hanOffset, r)
		case unicode.IsLetter(r):
			endHan()
			if wordLen == 0 {
				word = fnvStep(fnvOffset, 'w')
			}
			if wordLen < stemLen {
				word = fnvRune(word, unicode.ToLower(r))
			}
			wordLen++
		default:
			endHan()
			flush()
		}
	}
	flush()
	endHan()
	slices.Sort(out)
	return slices.Compact(out)
}

func isHan(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf || r >= 0x3040 && r <= 0x30ff || r >= 0xf900 && r <= 0xfaff || r >= 0x20000 && r <= 0x3134f
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnvStep(h uint32, b byte) uint32 { return (h ^ uint32(b)) * fnvPrime }

// hanOffset is the hash of the kind of a Han token, 'h'.
var hanOffset = fnvStep(fnvOffset, 'h')

// fnvRune hashes the UTF-8 encoding of r into h.
func fnvRune(h uint32, r rune) uint32 {
	switch {
	case r >= 0 && r < 0x80:
		return fnvStep(h, byte(r))
	case r >= 0x80 && r < 0x800:
		return fnvStep(fnvStep(h, 0xc0|byte(r>>6)), 0x80|byte(r)&0x3f)
	case r >= 0x800 && r < 0x10000 && (r < 0xd800 || r > 0xdfff):
		return fnvStep(fnvStep(fnvStep(h, 0xe0|byte(r>>12)), 0x80|byte(r>>6)&0x3f), 0x80|byte(r)&0x3f)
	}
	var b [4]byte
	for _, c := range b[:utf8.EncodeRune(b[:], r)] {
		h = fnvStep(h, c)
	}
	return h
}

// Pair is a source text and its translation, for the lexical pass to learn
// from (see Options.Training).
type Pair struct{ Src, Tgt string }

// cue is one piece of lexical evidence a target paragraph offers: the
// source token that should face it, and the log-likelihood ratios of
// finding it there or not.
type cue struct {
	src             uint32
	present, absent float32
}

// lexicon maps target tokens to their cues.
type lexicon map[uint32]cue

// learnLexicon counts co-occurrences over the training pairs, given as the
// sorted token sets of each side.
func learnLexicon(srcToks, tgtToks [][]uint32) lexicon {
	n := len(srcToks)
	if n < 8 {
		return nil
	}
	dfS := map[uint32]int32{}
	dfT := map[uint32]int32{}
	for i := range n {
		for _, s := range srcToks[i] {
			dfS[s]++
		}
		for _, t := range tgtToks[i] {
			dfT[t]++
		}
	}
	// Tokens seen once, or in more than a fifth of the pairs, say nothing
	// about which pair is which.
	useful := func(df int32) bool { return df >= minCo && int(df)*5 <= n+20 }
	type key struct{ t, s uint32 }
	co := map[key]int32{}
	var ss, ts []uint32
	for i := range n {
		ss, ts = ss[:0], ts[:0]
		ss = rarest(ss, srcToks[i], dfS, useful)
		ts = rarest(ts, tgtToks[i], dfT, useful)
		for _, t := range ts {
			for _, s := range ss {
				co[key{t, s}]++
			}
		}
	}
	type best struct {
		s    uint32
		dice float64
		co   int32
	}
	// Competitive linking: a pair is kept when each token is the other's
	// best partner, which leaves out most chance co-occurrences.
	bests := map[uint32]best{}      // target token -> best source token
	srcBest := map[uint32]float64{} // source token -> best Dice
	for k, c := range co {
		if c < minCo {
			continue
		}
		d := 2 * float64(c) / float64(dfS[k.s]+dfT[k.t])
		if d < minDice {
			continue
		}
		if b, ok := bests[k.t]; !ok || d > b.dice || d == b.dice && k.s < b.s {
			bests[k.t] = best{k.s, d, c}
		}
		srcBest[k.s] = max(srcBest[k.s], d)
	}
	lex := make(lexicon, len(bests))
	for t, b := range bests {
		if b.dice < srcBest[b.s] {
			continue
		}
		p1 := (float64(b.co) + 1) / (float64(dfT[t]) + 4)
		p0 := (float64(dfS[b.s]) + 1) / (float64(n) + 2)
		if p1 <= p0 {
			continue
		}
		lex[t] = cue{src: b.s, present: float32(math.Log(p1 / p0)), absent: float32(math.Log((1 - p1) / (1 - p0)))}
	}
	return lex
}

// maxTrainTokens bounds the tokens of each side of a training pair that are
// counted: the rarest useful ones, which tell pairs apart best; the work of
// counting grows with the square of it.
const maxTrainTokens = 24

// rarest appends to buf the useful tokens of toks, at most maxTrainTokens,
// the rarest first (ties by token).
func rarest(buf, toks []uint32, df map[uint32]int32, useful func(int32) bool) []uint32 {
	out := buf[:0]
	for _, t := range toks {
		if useful(df[t]) {
			out = append(out, t)
		}
	}
	if len(out) > maxTrainTokens {
		slices.SortFunc(out, func(a, b uint32) int { return cmp.Or(cmp.Compare(df[a], df[b]), cmp.Compare(a, b)) })
		out = out[:maxTrainTokens]
	}
	return out
}

// cuesOf returns the cues of a target paragraph's tokens, the most
// informative first, at most maxCues.
func (lex lexicon) cuesOf(toks []uint32) []cue {
	var out []cue
	for _, t := range toks {
		if c, ok := lex[t]; ok {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b cue) int {
		return cmp.Or(cmp.Compare(b.present-b.absent, a.present-a.absent), cmp.Compare(a.src, b.src))
	})
	if len(out) > maxCues {
		out = out[:maxCues]
	}
	return out
}

// lexical holds, for one alignment, the source token sets and the target
// cues, and for the cells of the band being searched, which cues of a
// target paragraph its source paragraph has (computed once per band, not
// for every bead and pass through the cell).
type lexical struct {
	src    [][]uint32
	cues   [][]cue
	absent []float64   // per target paragraph: the sum of its cues' absent ratios
	delta  [][]float32 // per target paragraph and cue: present minus absent
	band   *band
	masks  []uint16 // per band cell (i, j): the cues of tgt[j-1] found in src[i-1]
}

// mask returns the cues of target paragraph y found in source segment x.
func (lx *lexical) mask(x, y int) uint16 {
	if b := lx.band; b != nil {
		if lo := int(b.lo[x+1]); y+1 >= lo && y+1 <= int(b.hi[x+1]) {
			return lx.masks[b.off[x+1]+y+1-lo]
		}
	}
	return lx.match(x, y)
}

func (lx *lexical) match(x, y int) uint16 {
	var m uint16
	for k, c := range lx.cues[y] {
		if _, ok := slices.BinarySearch(lx.src[x], c.src); ok {
			m |= 1 << k
		}
	}
	return m
}

// index computes, on all processors, the masks of every cell that a bead
// ending in a cell of the search band reads: the band widened by two
// paragraphs to the left and upwards, so that the search never matches.
func (lx *lexical) index(search *band) {
	lo := make([]int32, search.n+1)
	hi := make([]int32, search.n+1)
	for i := range lo {
		lo[i], hi[i] = search.lo[i]-(maxRun-1), search.hi[min(i+maxRun-1, search.n)]
	}
	b := newBand(search.n, search.m, lo, hi)
	lx.band, lx.masks = nil, make([]uint16, b.cells())
	workers := runtime.GOMAXPROCS(0)
	rows := (b.n + workers) / workers
	var wg sync.WaitGroup
	for first := 1; first <= b.n; first += rows {
		last := min(first+rows, b.n+1)
		wg.Go(func() {
			for i := first; i < last; i++ {
				for j := max(int(b.lo[i]), 1); j <= int(b.hi[i]); j++ {
					lx.masks[b.at(i, j)] = lx.match(i-1, j-1)
				}
			}
		})
	}
	wg.Wait()
	lx.band = b
}

// cost is the lexical cost of the bead holding src[i0:i1] and tgt[j0:j1].
func (lx *lexical) cost(i0, i1, j0, j1 int) float64 {
	var llr float64
	for y := j0; y < j1; y++ {
		var m uint16
		for x := i0; x < i1; x++ {
			m |= lx.mask(x, y)
		}
		llr += lx.absent[y]
		for d := lx.delta[y]; m != 0; m &= m - 1 {
			llr += float64(d[bits.TrailingZeros16(m)])
		}
	}
	return min(max(-wLexical*llr, -maxLexical), maxLexical)
}

// tokenize returns the tokens of every segment, on all processors.
func tokenize(segs []align.Segment) [][]uint32 {
	out := make([][]uint32, len(segs))
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(segs) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(segs); lo += max(chunk, 1) {
		hi := min(lo+chunk, len(segs))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				out[i] = tokens(segs[i].Text, nil)
			}
		})
	}
	wg.Wait()
	return out
}

// learn builds the lexical evidence for an alignment from the 1-1 beads of
// a first path that stand in runs of at least three 1-1 beads (where the
// path is sure of itself; on the evaluation data such beads are right
// more than 99.9% of the time) and from the caller's training pairs; nil
// when there is too little to learn from. src and tgt are the tokens of
// the source segments and the target paragraphs.
func learn(src, tgt [][]uint32, beads []Bead, training []Pair) *lexical {
	lx := &lexical{src: src, cues: make([][]cue, len(tgt))}
	var trainS, trainT [][]uint32
	oneOne := func(x int) bool {
		return x >= 0 && x < len(beads) && beads[x].Src.Len() == 1 && beads[x].Tgt.Len() == 1
	}
	var confident []Bead
	for x, b := range beads {
		if oneOne(x-1) && oneOne(x) && oneOne(x+1) {
			confident = append(confident, b)
		}
	}
	step := max(1, (len(confident)+len(training))/maxTrain)
	for k := 0; k < len(confident); k += step {
		b := confident[k]
		trainS = append(trainS, lx.src[b.Src.Start])
		trainT = append(trainT, tgt[b.Tgt.Start])
	}
	for k := 0; k < len(training); k += step {
		trainS = append(trainS, tokens(training[k].Src, nil))
		trainT = append(trainT, tokens(training[k].Tgt, nil))
	}
	lex := learnLexicon(trainS, trainT)
	if len(lex) == 0 {
		return nil
	}
	lx.absent = make([]float64, len(tgt))
	lx.delta = make([][]float32, len(tgt))
	for j := range tgt {
		cs := lex.cuesOf(tgt[j])
		lx.cues[j] = cs
		lx.delta[j] = make([]float32, len(cs))
		for k, c := range cs {
			lx.absent[j] += float64(c.absent)
			lx.delta[j][k] = c.present - c.absent
		}
	}
	return lx
}
