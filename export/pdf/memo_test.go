package pdf

import (
	"reflect"
	"testing"

	"verso/align"
)

// TestReplayedBreaksSameLines lays an edition out with its line breaks
// recorded, then again replaying them, as [Write] does for a long
// edition: every paragraph is replayed, and every page has the same lines,
// piece for piece, as when its paragraphs are broken anew. A memo out of
// step (another edition's) is dropped at the first paragraph that differs
// and costs no line.
func TestReplayedBreaksSameLines(t *testing.T) {
	fresh := func(ed *edition) []*page {
		ed.s.memo = nil
		ed.typeset(nil, 0)
		return ed.pg.pages
	}
	for name, b := range map[string]*builder{"guide": guide(), "declaration": declaration()} {
		t.Run(name, func(t *testing.T) {
			ed := newEdition(b.cov("en"), Options{Fonts: testFonts(t), Date: testDate, Hyphenation: testHyphenation(t), Draft: true, Layout: Columns})
			want := fresh(ed)

			ed.s.memo = newBreakMemo()
			ed.typeset(nil, 0)
			recorded := len(ed.s.memo.paras)
			if recorded == 0 {
				t.Fatal("no paragraph recorded")
			}
			ed.s.memo.rewind()
			ed.typeset(nil, len(ed.tags.elems))
			if ed.s.memo.next != recorded || len(ed.s.memo.paras) != recorded {
				t.Fatalf("%d paragraphs replayed of %d recorded", ed.s.memo.next, recorded)
			}
			samePages(t, ed.pg.pages, want)

			// Another edition's memo: the paragraphs differ from the first.
			other := newEdition(BigMarkdown(6), ed.opts)
			other.s.memo = newBreakMemo()
			other.typeset(nil, 0)
			ed.s.memo = other.s.memo
			ed.s.memo.rewind()
			ed.typeset(nil, 0)
			if len(ed.s.memo.paras) != 0 {
				t.Errorf("a memo out of step kept: %d paragraphs", len(ed.s.memo.paras))
			}
			samePages(t, ed.pg.pages, want)
		})
	}
}

// samePages fails unless got and want have the same lines at the same
// places.
func samePages(t *testing.T, got, want []*page) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d pages, want %d", len(got), len(want))
	}
	for n := range got {
		if len(got[n].lines) != len(want[n].lines) {
			t.Fatalf("page %d: %d lines, want %d", n+1, len(got[n].lines), len(want[n].lines))
		}
		for i, pl := range got[n].lines {
			ql := want[n].lines[i]
			if pl.x != ql.x || pl.y != ql.y || !reflect.DeepEqual(*pl.ln, *ql.ln) {
				t.Fatalf("page %d, line %d: %q at (%g, %g), want %q at (%g, %g)", n+1, i+1, lineText(pl.ln), pl.x, pl.y, lineText(ql.ln), ql.x, ql.y)
			}
		}
	}
}

// TestLightLinesSameLayout lays editions out with their lines set light
// (without pieces, see [setter.lightLines]) and in full: the pages have
// as many lines at the same places, and the faces used and the tofu are
// the same.
func TestLightLinesSameLayout(t *testing.T) {
	hy := testHyphenation(t)
	for name, cov := range map[string]*align.Coverage{"synthetic": synthetic("en", english), "guide": guide().cov("en"), "declaration": declaration().cov("ru")} {
		t.Run(name, func(t *testing.T) {
			lay := func(light bool) *edition {
				ed := newEdition(cov, Options{Fonts: testFonts(t), Date: testDate, Hyphenation: hy, Layout: Columns, Draft: true, AllowMissing: true})
				ed.s.light = light
				ed.typeset(nil, 0)
				return ed
			}
			full, light := lay(false), lay(true)
			if full.s.used != light.s.used || !reflect.DeepEqual(full.s.tofus, light.s.tofus) {
				t.Errorf("faces used %v, tofu %v; light: %v, %v", full.s.used, full.s.tofus, light.s.used, light.s.tofus)
			}
			if len(full.pg.pages) != len(light.pg.pages) {
				t.Fatalf("%d pages, light %d", len(full.pg.pages), len(light.pg.pages))
			}
			for n, p := range full.pg.pages {
				q := light.pg.pages[n]
				if len(p.lines) != len(q.lines) {
					t.Fatalf("page %d: %d lines, light %d", n+1, len(p.lines), len(q.lines))
				}
				for i, pl := range p.lines {
					if ql := q.lines[i]; pl.x != ql.x || pl.y != ql.y || pl.ln.lead != ql.ln.lead || pl.ln.tag != ql.ln.tag || len(ql.ln.pieces) != 0 {
						t.Fatalf("page %d, line %d (%q): light at (%g, %g), want (%g, %g)", n+1, i+1, lineText(pl.ln), ql.x, ql.y, pl.x, pl.y)
					}
				}
			}
		})
	}
}
