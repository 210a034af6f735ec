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
	// Merge3 and Split3 are the probabilities that a paragraph is merged
	// with the next two of its kind, or one of three or more sentences is
	// split into three.
	Merge3, Split3 float64
	// Comma is the share of merges that join the paragraphs as clauses of
	// one sentence: the first one's closing full stop becomes a comma, as
	// in preambles ("Considérant …, Considérant …").
	Comma float64
	Drop  int // paragraphs dropped
	Add   int // paragraphs added, taken from Extra
	Move  int // headings moved after the paragraph that follows them
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
		if u.kind == align.KindParagraph && len(sents) >= 3 && cfg.Split3 > 0 && rng.Float64() < cfg.Split3 {
			a := 1 + rng.IntN(len(sents)-2)
			b := a + 1 + rng.IntN(len(sents)-a-1)
			for _, part := range [][]string{sents[:a], sents[a:b], sents[b:]} {
				split = append(split, unit{Para: Para{Text: strings.Join(part, " "), Src: u.Src}, kind: u.kind, fixed: true})
			}
			continue
		}
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
			(u.kind == align.KindParagraph || u.kind == align.KindItem) && rng.Float64() < cfg.Merge+cfg.Merge3 {
			n := 1
			if cfg.Merge3 > 0 && i+2 < len(us) && !us[i+2].fixed && us[i+2].kind == u.kind && rng.Float64()*(cfg.Merge+cfg.Merge3) < cfg.Merge3 {
				n = 2
			}
			u.Src = append([]int(nil), u.Src...)
			for _, v := range us[i+1 : i+1+n] {
				if cfg.Comma > 0 && rng.Float64() < cfg.Comma {
					u.Text = asClause(u.Text)
				}
				u.Text += " " + v.Text
				u.Src = append(u.Src, v.Src...)
			}
			i += n
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

// asClause turns a text's closing full stop into a comma.
func asClause(t string) string {
	switch {
	case strings.HasSuffix(t, "."):
		return strings.TrimSuffix(t, ".") + ","
	case strings.HasSuffix(t, "。"):
		return strings.TrimSuffix(t, "。") + "，"
	}
	return t
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
