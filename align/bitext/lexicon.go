package bitext

import (
	"cmp"
	"hash/fnv"
	"math"
	"slices"
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
	maxTrain   = 8000 // training pairs used at most, evenly spaced
	stemLen    = 5    // letters kept of a non-Han word
)

// tokens appends to buf the distinct tokens of text, sorted.
func tokens(text string, buf []uint32) []uint32 {
	out := buf[:0]
	var prev rune
	var word []rune
	flush := func() {
		if len(word) >= 3 {
			out = append(out, hashRunes('w', word[:min(len(word), stemLen)]))
		}
		word = word[:0]
	}
	hanRun := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case isHan(r):
			flush()
			if hanRun > 0 {
				out = append(out, hashRunes('h', []rune{prev, r}))
			}
			hanRun++
			prev = r
			continue
		case unicode.IsLetter(r):
			word = append(word, unicode.ToLower(r))
		default:
			flush()
		}
		if hanRun == 1 {
			out = append(out, hashRunes('h', []rune{prev}))
		}
		hanRun = 0
	}
	flush()
	if hanRun == 1 {
		out = append(out, hashRunes('h', []rune{prev}))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isHan(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf || r >= 0x3040 && r <= 0x30ff || r >= 0xf900 && r <= 0xfaff || r >= 0x20000 && r <= 0x3134f
}

func hashRunes(kind byte, rs []rune) uint32 {
	h := fnv.New32a()
	var b [4]byte
	h.Write([]byte{kind})
	for _, r := range rs {
		n := utf8.EncodeRune(b[:], r)
		h.Write(b[:n])
	}
	return h.Sum32()
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
		for _, s := range srcToks[i] {
			if useful(dfS[s]) {
				ss = append(ss, s)
			}
		}
		for _, t := range tgtToks[i] {
			if useful(dfT[t]) {
				ts = append(ts, t)
			}
		}
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
// cues.
type lexical struct {
	src  [][]uint32
	cues [][]cue
}

// cost is the lexical cost of the bead holding src[i0:i1] and tgt[j0:j1].
func (lx *lexical) cost(i0, i1, j0, j1 int) float64 {
	var llr float64
	for y := j0; y < j1; y++ {
		for _, c := range lx.cues[y] {
			found := false
			for x := i0; x < i1 && !found; x++ {
				_, found = slices.BinarySearch(lx.src[x], c.src)
			}
			if found {
				llr += float64(c.present)
			} else {
				llr += float64(c.absent)
			}
		}
	}
	return min(max(-wLexical*llr, -maxLexical), maxLexical)
}

// learnConfidence is the confidence from which a 1-1 bead of the first
// passes is taken as a training pair.
const learnConfidence = 0.9

// learn builds the lexical evidence for an alignment from its confident
// 1-1 beads and the caller's training pairs; nil when there is too little
// to learn from.
func learn(src, tgt []align.Segment, beads []Bead, training []Pair) *lexical {
	lx := &lexical{src: make([][]uint32, len(src)), cues: make([][]cue, len(tgt))}
	for i, s := range src {
		lx.src[i] = tokens(s.Text, nil)
	}
	tt := make([][]uint32, len(tgt))
	for j, t := range tgt {
		tt[j] = tokens(t.Text, nil)
	}
	var trainS, trainT [][]uint32
	var confident []Bead
	for _, b := range beads {
		if b.Src.Len() == 1 && b.Tgt.Len() == 1 && b.Confidence >= learnConfidence {
			confident = append(confident, b)
		}
	}
	step := max(1, (len(confident)+len(training))/maxTrain)
	for k := 0; k < len(confident); k += step {
		b := confident[k]
		trainS = append(trainS, lx.src[b.Src.Start])
		trainT = append(trainT, tt[b.Tgt.Start])
	}
	for k := 0; k < len(training); k += step {
		trainS = append(trainS, tokens(training[k].Src, nil))
		trainT = append(trainT, tokens(training[k].Tgt, nil))
	}
	lex := learnLexicon(trainS, trainT)
	if len(lex) == 0 {
		return nil
	}
	for j := range tgt {
		lx.cues[j] = lex.cuesOf(tt[j])
	}
	return lx
}
