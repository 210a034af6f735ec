package bitext

import (
	"testing"

	"verso/align"
)

// TestHeadingLevels: a heading facing a heading of its own level costs less
// than one facing another level; a title faces a title or a top-level
// heading alike, and a heading whose level is not known any level. Levels
// are compared by their rank in each document: the source's levels 2 and
// 3 (a Markdown document under a "#" title) are its first and second.
func TestHeadingLevels(t *testing.T) {
	seg := func(k align.Kind, level int, text string) align.Segment {
		return align.Segment{Kind: k, Level: level, Text: text}
	}
	src := []align.Segment{seg(align.KindTitle, 0, "宣言"), seg(align.KindHeading, 2, "背景"), seg(align.KindHeading, 3, "细节")}
	tgt := []align.Segment{seg(align.KindTitle, 0, "Declaration"), seg(align.KindHeading, 1, "Backgrounds"),
		seg(align.KindHeading, 2, "Backgrounds"), seg(align.KindHeading, 2, "Details"), seg(align.KindHeading, 0, "Details")}
	sf, tf := extract(src), extract(tgt)
	md := newModel(sf, tf, initialParams(sf, tf))
	one := -1
	for k, sh := range shapes {
		if sh.Src == 1 && sh.Tgt == 1 {
			one = k
		}
	}
	// cost of source i facing target j alone
	cost := func(i, j int) float64 { return md.cost(i+1, j+1, one) }
	if a, b := cost(0, 0), cost(0, 1); a != b {
		t.Errorf("title facing a title costs %.2f, facing a level-1 heading %.2f: want the same", a, b)
	}
	if a, b := cost(0, 1), cost(0, 2); a >= b {
		t.Errorf("title facing level 1 costs %.2f, facing level 2 %.2f: want less", a, b)
	}
	if a, b := cost(1, 1), cost(1, 2); a >= b {
		t.Errorf("a top-level heading facing a top-level one costs %.2f, facing the second level %.2f: want less", a, b)
	}
	if a, b := cost(2, 3), cost(2, 4); a != b {
		t.Errorf("the second level facing the second level costs %.2f, facing an unknown level %.2f: want the same", a, b)
	}
}
