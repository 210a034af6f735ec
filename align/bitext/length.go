package bitext

import (
	"math"
	"slices"
	"unicode"
)

// LengthModel is the aligner's length model of a language pair: the log of
// the ratio of target to source length is normal around log(Ratio) with
// Variance, plus the counting noise of short texts.
type LengthModel struct {
	Ratio    float64 // expected target length per unit of source length
	Variance float64 // variance of the log length ratio, beyond counting noise
}

// Units is the length of a text as the aligner counts it: letters and
// digits, one unit per Han character.
func Units(text string) float64 {
	n := 0
	for _, r := range text {
		switch {
		case r < 0x80:
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				n++
			}
		case r >= 0x4e00 && r <= 0x9fff: // CJK unified ideographs
			n++
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			n++
		}
	}
	return float64(n)
}

// FitLength estimates the length model from translated pairs, as the
// aligner re-estimates it from its 1-1 beads: pairs whose source is at
// least ten units long, whose ratio is within a factor of 1.6 of the
// median; the variance from the median squared deviation, at least 0.01.
// ok is false when fewer than five pairs qualify.
func FitLength(src, tgt []string) (m LengthModel, ok bool) {
	ls, lt := make([]float64, len(src)), make([]float64, len(tgt))
	for i := range src {
		ls[i] = Units(src[i])
	}
	for i := range tgt {
		lt[i] = Units(tgt[i])
	}
	return FitLengthUnits(ls, lt)
}

// FitLengthUnits is FitLength on lengths already counted with Units.
func FitLengthUnits(src, tgt []float64) (m LengthModel, ok bool) {
	var pairs []lengthPair
	for i := range min(len(src), len(tgt)) {
		if src[i] >= 10 && tgt[i] >= 1 {
			pairs = append(pairs, lengthPair{src[i], tgt[i]})
		}
	}
	return fitLength(pairs)
}

// Deviation is the number of standard deviations by which a pair of
// lengths (in Units) lies from the model's ratio, counting noise included:
// the quantity whose tail the aligner's length cost is.
func (m LengthModel) Deviation(ls, lt float64) float64 {
	d := logLen(lt) - logLen(ls) - math.Log(m.Ratio)
	return math.Abs(d) / math.Sqrt(m.Variance+1/(ls+lt/m.Ratio+2))
}

// lengthPair is a source and a target length.
type lengthPair struct{ ls, lt float64 }

func fitLength(pairs []lengthPair) (LengthModel, bool) {
	if len(pairs) < 5 {
		return LengthModel{}, false
	}
	ratios := make([]float64, len(pairs))
	for i, q := range pairs {
		ratios[i] = q.lt / q.ls
	}
	slices.Sort(ratios)
	med := ratios[len(ratios)/2]
	var sl, st float64
	var kept []lengthPair
	for _, q := range pairs {
		if r := q.lt / q.ls / med; r > 1/1.6 && r < 1.6 {
			kept = append(kept, q)
			sl += q.ls
			st += q.lt
		}
	}
	if len(kept) < 5 {
		return LengthModel{}, false
	}
	c := st / sl
	dev := make([]float64, len(kept))
	noise := make([]float64, len(kept))
	for i, q := range kept {
		d := logLen(q.lt) - logLen(q.ls) - math.Log(c)
		dev[i] = d * d
		noise[i] = 1 / (q.ls + q.lt/c + 2)
	}
	slices.Sort(dev)
	slices.Sort(noise)
	// The median of a χ²(1) variable is 0.455. Keep a floor: translations
	// that track the source very closely must not make every later
	// deviation look impossible.
	v := dev[len(dev)/2]/0.455 - noise[len(noise)/2]
	return LengthModel{Ratio: c, Variance: max(v, 0.01)}, true
}
