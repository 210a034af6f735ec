package bitext

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"verso/align"
)

// Proposal is the translation an alignment proposes for one source segment.
type Proposal struct {
	Seg  int    // index of the source segment
	Bead int    // index of its bead in Alignment.Beads
	Text string // the proposed translation, normalized
	// Confidence is the bead's confidence, times the probability of the
	// cut for a segment whose text was cut out of a shared paragraph.
	Confidence float64
	// Cut is set when source segments share one target paragraph and the
	// text was cut from it at sentence or clause boundaries.
	Cut bool
	// Shared is set when the segment shares its target paragraphs with
	// another segment and no cut was found: Text is the whole shared text
	// and Confidence is 0.
	Shared bool
}

// Translations returns a proposal for every source segment that has target
// paragraphs, in source order:
//
//   - a segment alone in its bead gets the text of the bead's paragraphs,
//     normalized and joined with a space (a paragraph the translator split
//     in two is joined back);
//   - segments that share paragraphs (2-1 and 3-1 beads) get the joined
//     text cut at the sentence boundaries whose parts fit the segments
//     best by the same cost model as the alignment, or at clause
//     boundaries (comma, semicolon, colon) when there are fewer sentences
//     than segments; the probability of that cut among all cuts
//     multiplies the confidence. When the text has fewer sentences and
//     clauses than segments, each gets the whole text, marked Shared,
//     with confidence 0.
func (a *Alignment) Translations(src, tgt []align.Segment, opts Options) []Proposal {
	temp := opts.Temperature
	if temp <= 0 {
		temp = defaultTemp
	}
	var out []Proposal
	for bi, b := range a.Beads {
		if b.Src.Len() == 0 || b.Tgt.Len() == 0 {
			continue
		}
		parts := make([]string, 0, b.Tgt.Len())
		for j := b.Tgt.Start; j < b.Tgt.End; j++ {
			parts = append(parts, align.Normalize(tgt[j].Text))
		}
		text := strings.Join(parts, " ")
		if b.Src.Len() == 1 {
			out = append(out, Proposal{Seg: b.Src.Start, Bead: bi, Text: text, Confidence: b.Confidence})
			continue
		}
		texts, p := a.cut(src[b.Src.Start:b.Src.End], text, tgt[b.Tgt.Start].Kind, temp)
		for k := range b.Src.Len() {
			pr := Proposal{Seg: b.Src.Start + k, Bead: bi}
			if texts == nil {
				pr.Text, pr.Shared = text, true
			} else {
				pr.Text, pr.Cut, pr.Confidence = texts[k], true, b.Confidence*p
			}
			out = append(out, pr)
		}
	}
	return out
}

// cut splits text into one part per source segment, at sentence
// boundaries, or, when the text has fewer sentences than segments, at
// sentence and clause boundaries (after a comma, semicolon or colon: merged
// preamble clauses such as "Considérant …, Considérant …" have no full stop
// between them). It returns the parts and the posterior probability of the
// chosen cut among all cuts, by the alignment's cost model; nil when the
// text has too few boundaries.
func (a *Alignment) cut(src []align.Segment, text string, kind align.Kind, temp float64) ([]string, float64) {
	k := len(src)
	units := Sentences(text)
	if len(units) < k {
		units = clauses(units)
	}
	if k < 2 || len(units) < k || len(units) > maxCutUnits {
		return nil, 0
	}
	sf := extract(src)
	// Every choice of k-1 boundaries among the len(units)-1, in order.
	var best []int
	bestCost := math.Inf(1)
	var costs []float64
	bounds := make([]int, k-1)
	var try func(d, from int)
	try = func(d, from int) {
		if d == k-1 {
			tf := make([]features, k)
			prev := 0
			for x := range k {
				end := len(units)
				if x < k-1 {
					end = bounds[x]
				}
				tf[x] = featuresOf(align.Segment{Kind: kind, Text: strings.Join(units[prev:end], " ")})
				prev = end
			}
			md := newModel(sf, tf, a.Params)
			c := 0.0
			for x := range k {
				c += md.cost(x+1, x+1, 0)
			}
			costs = append(costs, c)
			if c < bestCost {
				best, bestCost = slices.Clone(bounds), c
			}
			return
		}
		for b := from; b <= len(units)-(k-1-d); b++ {
			bounds[d] = b
			try(d+1, b+1)
		}
	}
	try(0, 1)
	sum := 0.0
	for _, c := range costs {
		sum += math.Exp(-(c - bestCost) / temp)
	}
	parts := make([]string, k)
	prev := 0
	for x := range k {
		end := len(units)
		if x < k-1 {
			end = best[x]
		}
		parts[x] = strings.Join(units[prev:end], " ")
		prev = end
	}
	return parts, 1 / sum
}

// maxCutUnits bounds the sentences and clauses a shared paragraph is cut
// among (the number of cuts grows with its square for three segments).
const maxCutUnits = 80

// clauses splits sentences further after a comma, semicolon or colon
// followed by a space (Latin and Cyrillic) or after their full-width forms
// (Chinese, Japanese).
func clauses(sents []string) []string {
	var out []string
	for _, s := range sents {
		start := 0
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			switch {
			case strings.ContainsRune("，；：", r) && i < len(s):
				out = append(out, s[start:i])
				start = i
			case strings.ContainsRune(",;:", r) && i < len(s) && s[i] == ' ':
				out = append(out, s[start:i])
				start = i + 1
			}
		}
		out = append(out, s[start:])
	}
	return out
}
