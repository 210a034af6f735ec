// Package linemetrics measures the line-level typography of a bilingual
// PDF (Chinese beside a Latin-script language), whoever typeset it: verso,
// Typst, xelatex with paracol and xeCJK. It reads every glyph's origin and
// advance from MuPDF's structured text (mutool draw -F stext; Debian
// mupdf-tools) and reports what the W3C's Requirements for Chinese Text
// Layout (clreq) and good Latin typesetting look at: the space between Han
// characters and Latin letters or digits, the advance of a punctuation
// mark followed by another, how many Chinese lines are flush with their
// column and how much they are letter-spaced, whether the first baselines
// of a pair of blocks side by side agree, the English word spaces, overfull
// lines and hyphenated line ends.
package linemetrics

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Glyph is one character as MuPDF places it: origin and advance in pt
// from the top left of its page, and the font size.
type Glyph struct {
	R        rune
	X, Y     float64 // origin (Y: baseline)
	Adv      float64 // advance, from the font (character spacing not included)
	Size     float64
	FontName string
}

// End returns where the glyph's advance ends.
func (g Glyph) End() float64 { return g.X + g.Adv }

// Line is a run of glyphs on one baseline in one column.
type Line struct {
	Page   int
	Glyphs []Glyph
	CJK    bool // mostly Han characters
}

// Baseline returns the line's baseline (its first glyph's).
func (l *Line) Baseline() float64 { return l.Glyphs[0].Y }

// Left and Right return the line's extent.
func (l *Line) Left() float64  { return l.Glyphs[0].X }
func (l *Line) Right() float64 { return l.Glyphs[len(l.Glyphs)-1].End() }

// Text returns the line's characters.
func (l *Line) Text() string {
	var b strings.Builder
	for _, g := range l.Glyphs {
		b.WriteRune(g.R)
	}
	return b.String()
}

// Size returns the line's most common font size.
func (l *Line) Size() float64 {
	n := map[float64]int{}
	best := 0.0
	for _, g := range l.Glyphs {
		n[g.Size]++
		if n[g.Size] > n[best] {
			best = g.Size
		}
	}
	return best
}

// Doc is a PDF's lines, page by page.
type Doc struct {
	Pages int
	Lines []Line
}

type stext struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Blocks []struct {
			Lines []struct {
				Fonts []struct {
					Name  string `xml:"name,attr"`
					Size  float64
					SizeS string `xml:"size,attr"`
					Chars []struct {
						Quad string  `xml:"quad,attr"`
						X    float64 `xml:"x,attr"`
						Y    float64 `xml:"y,attr"`
						C    string  `xml:"c,attr"`
					} `xml:"char"`
				} `xml:"font"`
			} `xml:"line"`
		} `xml:"block"`
	} `xml:"page"`
}

// Read runs mutool on the PDF at path and parses its structured text.
func Read(path string) (*Doc, error) {
	out, err := exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", path).Output()
	if err != nil {
		if e, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("%s: mutool: %v: %s", path, err, bytes.TrimSpace(e.Stderr))
		}
		return nil, fmt.Errorf("%s: mutool (Debian: apt-get install mupdf-tools): %w", path, err)
	}
	d, err := Parse(out)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// Parse reads MuPDF's structured text (XML). MuPDF's own lines are split
// into columns where a gap of more than two ems opens between glyphs, and
// lines of one page on the same baseline are joined.
func Parse(data []byte) (*Doc, error) {
	var st stext
	if err := xml.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("structured text: %w", err)
	}
	d := &Doc{Pages: len(st.Pages)}
	for p, pg := range st.Pages {
		var gs []Glyph
		for _, b := range pg.Blocks {
			for _, l := range b.Lines {
				for _, f := range l.Fonts {
					size, _ := strconv.ParseFloat(f.SizeS, 64)
					for _, c := range f.Chars {
						q := strings.Fields(c.Quad)
						if len(q) != 8 || c.C == "" {
							continue
						}
						x0, _ := strconv.ParseFloat(q[0], 64)
						x1, _ := strconv.ParseFloat(q[2], 64)
						r := []rune(c.C)[0]
						gs = append(gs, Glyph{R: r, X: c.X, Y: c.Y, Adv: x1 - x0, Size: size, FontName: f.Name})
					}
				}
			}
		}
		d.Lines = append(d.Lines, lines(p+1, gs)...)
	}
	return d, nil
}

// lines groups a page's glyphs by baseline (within 0.3 pt) and splits
// each group where a gap of more than two ems opens (a column gutter).
func lines(page int, gs []Glyph) []Line {
	slices.SortStableFunc(gs, func(a, b Glyph) int {
		if math.Abs(a.Y-b.Y) > 0.3 {
			return cmpF(a.Y, b.Y)
		}
		return cmpF(a.X, b.X)
	})
	var out []Line
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) && math.Abs(gs[i].Y-gs[start].Y) <= 0.3 {
			continue
		}
		row := gs[start:i]
		k := 0
		for j := 1; j <= len(row); j++ {
			if j < len(row) {
				gap, em := row[j].X-row[j-1].End(), max(row[j].Size, row[j-1].Size)
				if gap < 2*em && (gap < 0.9*em || wide(row[j].R) == wide(row[j-1].R)) {
					continue
				}
			}
			if ln := trim(page, row[k:j]); ln != nil {
				out = append(out, *ln)
			}
			k = j
		}
		start = i
	}
	return out
}

func trim(page int, gs []Glyph) *Line {
	for len(gs) > 0 && unicode.IsSpace(gs[0].R) {
		gs = gs[1:]
	}
	for len(gs) > 0 && unicode.IsSpace(gs[len(gs)-1].R) {
		gs = gs[:len(gs)-1]
	}
	if len(gs) == 0 {
		return nil
	}
	han, letters := 0, 0
	for _, g := range gs {
		switch {
		case wide(g.R):
			han++
		case unicode.IsLetter(g.R):
			letters++
		}
	}
	return &Line{Page: page, Glyphs: slices.Clone(gs), CJK: han > letters}
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Han reports whether r is a Han character or kana.
func Han(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// wide reports whether r is set on the em square: Han, kana, CJK
// punctuation.
func wide(r rune) bool {
	return Han(r) || Punct(r) || r >= 0x3000 && r <= 0x30ff || r >= 0xff00 && r <= 0xff60
}

// Latin reports whether r is a Latin, Cyrillic or Greek letter or an
// ASCII digit (or a full-width one).
func Latin(r rune) bool {
	return r >= '0' && r <= '9' || unicode.IsLetter(r) && unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek)
}

// Punct reports whether r is a full-width CJK punctuation mark that
// clreq compresses when adjacent to another.
func Punct(r rune) bool {
	return strings.ContainsRune("，。、；：（）《》「」『』【】〔〕〈〉“”‘’", r)
}

// Report is what [Measure] finds. Ems are of the glyph's own size.
type Report struct {
	Pages int

	Junctions            int     // Han next to a Latin letter or digit, in Chinese lines
	JunctionMin          float64 // the narrowest and widest space there, em
	JunctionMax          float64
	JunctionsOut         int     // outside 0.2 to 0.3 em
	PunctPairs           int     // a punctuation mark followed by another
	PunctMax             float64 // the widest advance of the first, em
	PunctOver            int     // advances over 0.75 em
	ChineseFull          int     // Chinese lines followed by another of their block
	ChineseFlush         int     // of those, ending at the column's edge (within 0.5 pt, or hanging a stop)
	LetterSpaced         int     // of those, with Han characters spaced apart (or closed up) by more than 0.02 pt
	MaxLetterSpace       float64 // the largest median space between Han characters of a full line (absolute), pt
	PairStarts           int     // blocks starting side by side
	PairOffsetMax        float64 // the largest difference of their first baselines, pt
	PairOffsetsOver      int     // differences over 0.5 pt
	EnglishLines         int
	OnGrid               int     // English baselines within 0.5 pt of a Chinese one
	WordSpaceMax         float64 // the widest English word space, pt
	LooseLines           int     // English lines (not a block's last) with a word space over 0.5 em
	Overfull             int     // lines past their column's edge by more than 1 pt (and a protruding final mark)
	Hyphenated           int     // English lines ending in a hyphen after a letter
	Examples             []string
	JunctionOutExamples  []string
	PunctOverExamples    []string
	LetterSpacedExamples []string
	PairOffsetExamples   []string
	WordSpaceExamples    []string // the line with the widest word space
	RaggedExamples       []string // full Chinese lines not flush
	OverfullExamples     []string
}

// column is the lines of one column of a page, in order.
type column struct {
	lines       []*Line
	left, right float64             // the most common edges
	lead        float64             // the most common distance between baselines
	leads       map[float64]float64 // the same between lines of one size, by size
}

func mode(xs []float64, step float64) float64 {
	n := map[float64]int{}
	best, bn := 0.0, 0
	for _, x := range xs {
		k := math.Round(x/step) * step
		n[k]++
		if n[k] > bn || n[k] == bn && k > best {
			best, bn = k, n[k]
		}
	}
	return best
}

func newColumn(ls []*Line) *column {
	c := &column{lines: ls, leads: map[float64]float64{}}
	var l, r, d []float64
	bySize := map[float64][]float64{}
	for i, ln := range ls {
		l, r = append(l, ln.Left()), append(r, ln.Right())
		if i > 0 {
			d = append(d, ln.Baseline()-ls[i-1].Baseline())
			if s := ln.Size(); s == ls[i-1].Size() {
				bySize[s] = append(bySize[s], ln.Baseline()-ls[i-1].Baseline())
			}
		}
	}
	c.left, c.right, c.lead = mode(l, 0.5), mode(r, 0.5), mode(d, 0.25)
	for s, ds := range bySize {
		c.leads[s] = mode(ds, 0.25)
	}
	return c
}

// starts reports whether line i starts a block: the first of the column on
// its page, after more than the usual leading, or indented.
func (c *column) starts(i int) bool {
	if i == 0 {
		return true
	}
	ln, prev := c.lines[i], c.lines[i-1]
	lead := c.lead
	if l, ok := c.leads[ln.Size()]; ok && ln.Size() == prev.Size() {
		lead = l
	}
	if ln.Baseline()-prev.Baseline() > lead*1.15+0.5 {
		return true
	}
	// Indented after a line short of the edge, not centred.
	return ln.Left() > c.left+0.8*ln.Size() && !c.centred(ln) && prev.Right() < c.right-0.8*ln.Size()
}

// Measure computes the report of a document. Lines set smaller than 9 pt
// (running heads, footers, notes) are left out.
func Measure(d *Doc) Report {
	rep := Report{Pages: d.Pages, JunctionMin: math.Inf(1)}
	byPage := map[int][2][]*Line{}
	for i := range d.Lines {
		ln := &d.Lines[i]
		if ln.Size() < 9 {
			continue
		}
		cols := byPage[ln.Page]
		k := 1
		if ln.CJK {
			k = 0
		}
		cols[k] = append(cols[k], ln)
		byPage[ln.Page] = cols
	}
	pages := make([]int, 0, len(byPage))
	for p := range byPage {
		pages = append(pages, p)
	}
	slices.Sort(pages)
	for _, p := range pages {
		cols := byPage[p]
		zh, en := newColumn(cols[0]), newColumn(cols[1])
		rep.chinese(zh)
		rep.english(en)
		rep.pairs(zh, en)
	}
	if rep.Junctions == 0 {
		rep.JunctionMin = 0
	}
	return rep
}

func (rep *Report) chinese(c *column) {
	for i, ln := range c.lines {
		gs := ln.Glyphs
		for k := 0; k+1 < len(gs); k++ {
			a, b := gs[k], gs[k+1]
			if Punct(a.R) && Punct(b.R) {
				rep.PunctPairs++
				adv := (b.X - a.X) / a.Size
				rep.PunctMax = max(rep.PunctMax, adv)
				if adv > 0.75+0.005 {
					rep.PunctOver++
					rep.PunctOverExamples = appendMax(rep.PunctOverExamples, fmt.Sprintf("p%d %c%c %.2f em", ln.Page, a.R, b.R, adv))
				}
			}
			n := k + 1
			for n < len(gs) && gs[n].R == ' ' {
				n++
			}
			if n == len(gs) {
				continue
			}
			b = gs[n]
			if Han(a.R) && Latin(b.R) || Latin(a.R) && Han(b.R) {
				em := a.Size
				if Han(b.R) {
					em = b.Size
				}
				sp := (b.X - a.End()) / em
				rep.Junctions++
				rep.JunctionMin, rep.JunctionMax = min(rep.JunctionMin, sp), max(rep.JunctionMax, sp)
				if sp < 0.2-0.005 || sp > 0.3+0.005 {
					rep.JunctionsOut++
					rep.JunctionOutExamples = appendMax(rep.JunctionOutExamples, fmt.Sprintf("p%d %c|%c %.3f em", ln.Page, a.R, b.R, sp))
				}
			}
		}
		// A line ending in a mark may end half an em either side of the
		// edge: its blank half dropped (the glyph's box, a font advance,
		// reaches past the edge) or its ink hanging.
		slack := 0.0
		if endsInMark(ln) {
			slack = 0.5 * ln.Size()
		}
		if ln.Right() > c.right+1+slack {
			rep.overfull(ln, c)
		}
		if i+1 == len(c.lines) || c.starts(i+1) || c.centred(ln) {
			continue // a block's last line, or a heading's
		}
		rep.ChineseFull++
		if math.Abs(ln.Right()-c.right) <= 0.5+slack {
			rep.ChineseFlush++
		} else {
			rep.RaggedExamples = appendMax(rep.RaggedExamples, fmt.Sprintf("p%d %+.2f pt: %s", ln.Page, ln.Right()-c.right, ln.Text()))
		}
		var gaps []float64
		for k := 0; k+1 < len(gs); k++ {
			if Han(gs[k].R) && Han(gs[k+1].R) {
				gaps = append(gaps, gs[k+1].X-gs[k].End())
			}
		}
		if len(gaps) > 0 {
			slices.Sort(gaps)
			m := gaps[len(gaps)/2]
			rep.MaxLetterSpace = max(rep.MaxLetterSpace, math.Abs(m))
			if math.Abs(m) > 0.02 {
				rep.LetterSpaced++
				rep.LetterSpacedExamples = appendMax(rep.LetterSpacedExamples, fmt.Sprintf("p%d %.2f pt: %s", ln.Page, m, ln.Text()))
			}
		}
	}
}

func (rep *Report) overfull(ln *Line, c *column) {
	rep.Overfull++
	rep.OverfullExamples = appendMax(rep.OverfullExamples, fmt.Sprintf("p%d %+.2f pt: %s", ln.Page, ln.Right()-c.right, ln.Text()))
}

// endsInMark reports whether a line ends with a closing punctuation mark.
func endsInMark(ln *Line) bool {
	return strings.ContainsRune("，。、．；：,;:）》」』】〕〉”’", ln.Glyphs[len(ln.Glyphs)-1].R)
}

// centred reports whether a line keeps off both edges of its column (by
// more than a quarter em on the left, three quarters on the right, where a
// line may end in a mark's blank half).
func (c *column) centred(ln *Line) bool {
	return ln.Left() > c.left+0.25*ln.Size() && ln.Right() < c.right-0.75*ln.Size()
}

func (rep *Report) english(c *column) {
	for i, ln := range c.lines {
		rep.EnglishLines++
		gs := ln.Glyphs
		// A hyphen or punctuation mark may protrude into the margin by its
		// own width (Typst's overhang, margin kerning): that is no
		// overfull line.
		protrude := 0.0
		if l := gs[len(gs)-1]; strings.ContainsRune("-\u2010\u00ad,.;:", l.R) {
			protrude = l.Adv
		}
		if ln.Right() > c.right+1+protrude {
			rep.overfull(ln, c)
		}
		last := gs[len(gs)-1].R
		if len(gs) > 1 && strings.ContainsRune("-\u2010\u00ad", last) && unicode.IsLetter(gs[len(gs)-2].R) {
			rep.Hyphenated++
		}
		widest := 0.0
		for k := 0; k+1 < len(gs); k++ {
			if gs[k].R == ' ' {
				continue
			}
			n := k + 1
			for n < len(gs) && gs[n].R == ' ' {
				n++
			}
			if n == len(gs) || n == k+1 && gs[n].X-gs[k].End() < 0.1*gs[k].Size {
				continue // within a word
			}
			widest = max(widest, gs[n].X-gs[k].End())
		}
		if widest > rep.WordSpaceMax {
			rep.WordSpaceExamples = []string{fmt.Sprintf("p%d %.2f pt: %s", ln.Page, widest, ln.Text())}
		}
		rep.WordSpaceMax = max(rep.WordSpaceMax, widest)
		if widest > 0.5*ln.Size() && i+1 < len(c.lines) && !c.starts(i+1) {
			rep.LooseLines++
		}
	}
}

// pairs matches the blocks starting in the Chinese column with those
// starting in the other at about the same height.
func (rep *Report) pairs(zh, en *column) {
	var starts []float64
	for i, ln := range en.lines {
		if en.starts(i) {
			starts = append(starts, ln.Baseline())
		}
	}
	for i, ln := range zh.lines {
		if !zh.starts(i) {
			continue
		}
		best := math.Inf(1)
		for _, y := range starts {
			if d := y - ln.Baseline(); math.Abs(d) < math.Abs(best) {
				best = d
			}
		}
		if math.Abs(best) > 0.6*max(zh.lead, ln.Size()) {
			continue
		}
		rep.PairStarts++
		rep.PairOffsetMax = max(rep.PairOffsetMax, math.Abs(best))
		if math.Abs(best) > 0.5 {
			rep.PairOffsetsOver++
			rep.PairOffsetExamples = appendMax(rep.PairOffsetExamples, fmt.Sprintf("p%d %.2f pt: %s", ln.Page, best, ln.Text()))
		}
	}
	for _, e := range en.lines {
		for _, z := range zh.lines {
			if math.Abs(e.Baseline()-z.Baseline()) <= 0.5 {
				rep.OnGrid++
				break
			}
		}
	}
}

func appendMax(xs []string, s string) []string {
	if len(xs) < 5 {
		xs = append(xs, s)
	}
	return xs
}

// Row returns the report as the fields of a table row: pages, junction
// spacing (min-max em, outside), punctuation pairs (max em, over 0.75),
// flush share, letter-spaced lines, pair-start offsets (max pt, over 0.5),
// English baselines on the Chinese grid, widest word space, loose lines,
// overfull lines, hyphenated line ends.
func (r Report) Row() []string {
	pct := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
	}
	return []string{
		strconv.Itoa(r.Pages),
		fmt.Sprintf("%.2f-%.2f (%d/%d out)", r.JunctionMin, r.JunctionMax, r.JunctionsOut, r.Junctions),
		fmt.Sprintf("%.2f (%d/%d over)", r.PunctMax, r.PunctOver, r.PunctPairs),
		pct(r.ChineseFlush, r.ChineseFull),
		fmt.Sprintf("%d/%d (max %.2f pt)", r.LetterSpaced, r.ChineseFull, r.MaxLetterSpace),
		fmt.Sprintf("%.2f (%d/%d over)", r.PairOffsetMax, r.PairOffsetsOver, r.PairStarts),
		pct(r.OnGrid, r.EnglishLines),
		fmt.Sprintf("%.1f", r.WordSpaceMax),
		strconv.Itoa(r.LooseLines),
		strconv.Itoa(r.Overfull),
		strconv.Itoa(r.Hyphenated),
	}
}

// Header names the columns of [Report.Row].
var Header = []string{"pages", "CJK-Latin em", "punct pair em", "flush", "letter-spaced", "pair offset pt",
	"on grid", "word space pt", "loose", "overfull", "hyphens"}
