package pdf

import (
	"testing"
)

// The setter's cache of faces gives the face the fonts give, for every
// character of the seed's texts and a few mixed ones, in both columns and
// every style.
func TestPickCacheMatchesFonts(t *testing.T) {
	_, _, ed := write(t, seed(t, "en"), Options{})
	texts := []string{"2020年11月10日", "第二次世界大战胜利75周年", "COVID-19 and G20", "𠮷野家 — «ШОС»"}
	for _, u := range ed.units() {
		texts = append(texts, u.seg.Text, u.tr)
	}
	n := 0
	for _, text := range texts {
		for i, r := range text {
			for v := range 8 {
				cjk, bold, italic := v&1 != 0, v&2 != 0, v&4 != 0
				// Twice: the second answer comes from the cache.
				for range 2 {
					if got, want := ed.s.pickIn(text, i, r, cjk, bold, italic), ed.s.fonts.pickIn(text, i, r, cjk, bold, italic); got != want {
						t.Fatalf("%q at %d (%q), cjk %v bold %v italic %v: cached face %d, fonts give %d", text, i, r, cjk, bold, italic, got, want)
					}
				}
			}
			n++
		}
	}
	if n < 1000 {
		t.Fatalf("only %d characters compared", n)
	}
}
