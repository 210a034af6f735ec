package bitext

import (
	"math"
	"strings"

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
	// Cut is set when two source segments share one target paragraph and
	// the text was cut from it at a sentence boundary.
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
//   - segments that share paragraphs (2-1 and 2-2 beads) get the joined
//     text cut at the sentence boundary whose two parts fit the two
//     segments best by the same cost model as the alignment; the
//     probability of that cut among all cuts multiplies the confidence.
//     When the text has fewer sentences than segments, each gets the
//     whole text, marked Shared, with confidence 0.
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

// cut splits text at sentence boundaries into one part per source segment
// and returns the parts and the posterior probability of the chosen cut.
// It handles two segments; for more, or too few sentences, it returns nil.
func (a *Alignment) cut(src []align.Segment, text string, kind align.Kind, temp float64) ([]string, float64) {
	sents := Sentences(text)
	if len(src) != 2 || len(sents) < 2 {
		return nil, 0
	}
	sf := extract(src)
	best, bestCost := -1, math.Inf(1)
	costs := make([]float64, len(sents)-1)
	for c := 1; c < len(sents); c++ {
		tf := []features{
			featuresOf(align.Segment{Kind: kind, Text: strings.Join(sents[:c], " ")}),
			featuresOf(align.Segment{Kind: kind, Text: strings.Join(sents[c:], " ")}),
		}
		md := newModel(sf, tf, a.Params)
		costs[c-1] = md.cost(1, 1, 0) + md.cost(2, 2, 0)
		if costs[c-1] < bestCost {
			best, bestCost = c, costs[c-1]
		}
	}
	sum := 0.0
	for _, c := range costs {
		sum += math.Exp(-(c - bestCost) / temp)
	}
	return []string{strings.Join(sents[:best], " "), strings.Join(sents[best:], " ")}, 1 / sum
}
