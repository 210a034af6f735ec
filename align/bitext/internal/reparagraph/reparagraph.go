// Package reparagraph makes test data for the aligner: it takes a
// translation held one paragraph per source segment and re-paragraphs it
// the way translations arrive in practice (paragraphs merged, split at
// sentence boundaries, dropped, added, a heading moved), keeping for every
// paragraph the source segments it translates: the gold alignment.
//
// The same translation, configuration and seed give the same output.
package reparagraph

import (
	"math/rand/v2"
	"strings"

	"verso/align"
)

// Para is one paragraph of the generated translation.
type Para struct {
	Text string
	Src  []int // indices of the source segments it translates; none for an added paragraph
}

// Config says what to do. Probabilities are per paragraph.
type Config struct {
	Merge float64 // probability that a paragraph is merged with the next one of its kind
	Split float64 // probability that a paragraph of two or more sentences is split at a sentence boundary
	Drop  int     // paragraphs dropped
	Add   int     // paragraphs added, taken from Extra
	Move  int     // headings moved after the paragraph that follows them
	Seed  uint64
	// Extra holds the texts of added paragraphs; they are used in turn.
	Extra []string
	// Sentences splits a paragraph into sentences (bitext.Sentences; a
	// parameter because the aligner's tests import this package).
	Sentences func(string) []string
}

// Generate re-paragraphs trs, the translations of the source segments
// whose kinds are given, one per segment.
func Generate(trs []string, kinds []align.Kind, cfg Config) []Para {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	type unit struct {
		Para
		kind  align.Kind
		fixed bool // made by a split: not merged again
	}
	us := make([]unit, len(trs))
	for i, t := range trs {
		us[i] = unit{Para: Para{Text: align.Normalize(t), Src: []int{i}}, kind: kinds[i]}
	}
	for range cfg.Drop {
		var c []int
		for i, u := range us {
			if u.kind == align.KindParagraph {
				c = append(c, i)
			}
		}
		if len(c) > 0 {
			i := c[rng.IntN(len(c))]
			us = append(us[:i], us[i+1:]...)
		}
	}
	var split []unit
	for _, u := range us {
		sents := cfg.Sentences(u.Text)
		if u.kind == align.KindParagraph && len(sents) >= 2 && rng.Float64() < cfg.Split {
			c := 1 + rng.IntN(len(sents)-1)
			split = append(split,
				unit{Para: Para{Text: strings.Join(sents[:c], " "), Src: u.Src}, kind: u.kind, fixed: true},
				unit{Para: Para{Text: strings.Join(sents[c:], " "), Src: u.Src}, kind: u.kind, fixed: true})
			continue
		}
		split = append(split, u)
	}
	us = split
	var merged []unit
	for i := 0; i < len(us); i++ {
		u := us[i]
		if i+1 < len(us) && !u.fixed && !us[i+1].fixed && u.kind == us[i+1].kind &&
			(u.kind == align.KindParagraph || u.kind == align.KindItem) && rng.Float64() < cfg.Merge {
			v := us[i+1]
			u.Text += " " + v.Text
			u.Src = append(append([]int(nil), u.Src...), v.Src...)
			i++
		}
		merged = append(merged, u)
	}
	us = merged
	for k := range cfg.Add {
		if len(cfg.Extra) == 0 {
			break
		}
		i := 1 + rng.IntN(len(us))
		extra := unit{Para: Para{Text: cfg.Extra[k%len(cfg.Extra)]}, kind: align.KindParagraph}
		us = append(us[:i], append([]unit{extra}, us[i:]...)...)
	}
	for range cfg.Move {
		var c []int
		for i := 0; i+1 < len(us); i++ {
			if us[i].kind == align.KindHeading && us[i+1].kind == align.KindParagraph && len(us[i+1].Src) > 0 {
				c = append(c, i)
			}
		}
		if len(c) > 0 {
			i := c[rng.IntN(len(c))]
			us[i], us[i+1] = us[i+1], us[i]
		}
	}
	out := make([]Para, len(us))
	for i, u := range us {
		out[i] = u.Para
	}
	return out
}

// Text formats the paragraphs as a plain-text document: one paragraph per
// line, a blank line between paragraphs.
func Text(ps []Para) []byte {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	return []byte(b.String())
}
