package pdf

import "verso/align"

// Footnotes are set at the foot of the page on which the block that first
// refers to them starts, in both columns (the source's note under the
// source, the translation's facing it), below a short rule, smaller than
// the text, their numbers hanging. Their space is reserved on the page
// before the block is placed: the page's text stops above them. A note
// taller than a third of the page is set after its block instead, and a
// note nothing refers to where it is defined.

// footGap is the space above a page's footnotes, their rule in its middle.
const footGap = 10.0

// footnotes are the notes waiting to be set at the foot of the current
// page and the height they take.
type footnotes struct {
	h     float64
	notes []*block
	x     [2]float64 // where the columns of notes start
}

// limit is where the text of the current page must stop: above its
// footnotes.
func (p *paginator) limit() float64 {
	if p.cur().title && p.titleFoot > 0 {
		return min(p.g.bottom-p.foot.h, p.titleFoot)
	}
	return p.g.bottom - p.foot.h
}

// noteHeight returns the height a footnote takes at the foot of a page.
func (ed *edition) noteHeight(b *block) float64 {
	h := 0.0
	for _, ls := range [][]line{b.src, b.tr} {
		t := 0.0
		for i := range ls {
			t += ls[i].lead
		}
		if ed.opts.Layout == Interleaved {
			h += t
		} else {
			h = max(h, t)
		}
	}
	return h + b.after
}

// reserve makes room at the foot of the page for the notes a block first
// refers to, starting a new page when the block's first lines and the
// notes do not fit on this one. It returns the notes too tall for the
// foot of a page, to be set after the block.
func (ed *edition) reserve(b *block, notes []*block) (after []*block) {
	g := &ed.pg.g
	h := 0.0
	var foot []*block
	for _, n := range notes {
		if nh := ed.noteHeight(n); nh <= (g.bottom-g.top)/3 {
			h += nh
			foot = append(foot, n)
		} else {
			after = append(after, n)
		}
	}
	if len(foot) == 0 {
		return after
	}
	gap := func() float64 {
		if len(ed.pg.foot.notes) == 0 {
			return footGap
		}
		return 0
	}
	if !ed.pg.atTop() && ed.pg.y+ed.height(b, 2)+h+gap() > ed.pg.limit() {
		ed.pg.newPage()
	}
	ed.pg.foot.h += h + gap()
	ed.pg.foot.notes = append(ed.pg.foot.notes, foot...)
	if ed.opts.Layout == Interleaved {
		x, _ := ed.column()
		ed.pg.foot.x = [2]float64{x, x}
	} else {
		ed.pg.foot.x = [2]float64{g.srcX, g.trX}
	}
	return after
}

// flushNotes sets the current page's footnotes at its foot.
func (p *paginator) flushNotes() {
	if len(p.foot.notes) == 0 {
		return
	}
	y := p.g.bottom - p.foot.h
	pg := p.cur()
	interleaved := p.foot.x[0] == p.foot.x[1]
	for k := range 2 {
		if k == 1 && interleaved {
			break
		}
		x := p.foot.x[k]
		pg.rules = append(pg.rules, [4]float64{x, y + footGap/2, x + 60, y + footGap/2})
	}
	y += footGap
	for _, n := range p.foot.notes {
		if interleaved {
			y = p.place(n.src, p.foot.x[0], y, n.m)
			y = p.place(n.tr, p.foot.x[0], y, nil) + n.after
			continue
		}
		y1 := p.place(n.src, p.foot.x[0], y, n.m)
		y2 := p.place(n.tr, p.foot.x[1], y, nil)
		y = max(y1, y2) + n.after
	}
	for _, n := range p.foot.notes {
		if n.free {
			n.release()
		}
	}
	p.foot = footnotes{}
}

// attach takes the footnotes out of the flow of blocks: each referenced
// note, all its blocks (paragraphs, lists), goes with the block that first
// refers to it (see [edition.reserve]); one nothing refers to stays where
// it is defined.
func (ed *edition) attach(blocks []block) ([]block, map[int][]*block) {
	first := map[string]bool{}
	refs := map[int][]string{} // the notes each block is the first to refer to
	notes := map[string][]*block{}
	for i := range blocks {
		if b := &blocks[i]; b.u.seg.Note != "" {
			notes[b.u.seg.Note] = append(notes[b.u.seg.Note], b)
		}
	}
	var out []block
	for i := range blocks {
		b := &blocks[i]
		if b.u.seg.Note != "" {
			continue // a note's text does not refer to the notes first
		}
		spans := ed.spans(b.u)
		if b.tbl != nil {
			for _, row := range b.tbl.rows {
				for _, c := range row {
					if c.seg != nil {
						spans = append(spans, ed.spans(c)...)
					}
				}
			}
		}
		for _, sp := range spans {
			if sp.Kind == align.SpanFootnoteRef && !first[sp.Label] {
				first[sp.Label] = true
				refs[i] = append(refs[i], sp.Label)
			}
		}
	}
	attached := map[int][]*block{}
	for i := range blocks {
		b := &blocks[i]
		if b.u.seg.Note != "" && first[b.u.seg.Note] {
			continue
		}
		for _, l := range refs[i] {
			attached[len(out)] = append(attached[len(out)], notes[l]...)
		}
		out = append(out, *b)
	}
	return out, attached
}
