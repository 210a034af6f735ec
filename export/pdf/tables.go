package pdf

import (
	"verso/align"
)

// Tables are set as tables, with a border around every cell, header rows
// in bold, each cell's text wrapped in its column. In the columns layout a
// table of at most maxSideBySide columns is set twice side by side, the
// source's in the source column and the translation's facing it, row by
// row at the same height; a wider table is set across the full width, the
// source's first and the translation's below it. In the interleaved
// layout both go across its measure, one after the other. A page breaks
// only between rows.
const (
	maxSideBySide = 3
	cellPad       = 3.0 // space between a cell's border and its text, pt
)

// table is a table's cells, by row, for both languages.
type table struct {
	rows [][]unit // rows of cells in column order
	cols int
}

// tableAt collects the table whose first cell is units[i]: the cells that
// follow with the same table number. It returns the table and the index
// after its last cell.
func tableAt(units []unit, i int) (table, int) {
	var t table
	n := units[i].seg.Cell.Table
	for ; i < len(units) && units[i].seg.Kind == align.KindCell && units[i].seg.Cell != nil && units[i].seg.Cell.Table == n; i++ {
		c := units[i].seg.Cell
		row, col := max(c.Row, 1), max(c.Col, 1)
		for len(t.rows) < row {
			t.rows = append(t.rows, nil)
		}
		r := &t.rows[row-1]
		for len(*r) < col-1 {
			*r = append(*r, unit{})
		}
		*r = append(*r, units[i])
		t.cols = max(t.cols, len(*r))
	}
	return t, i
}

// cellStyle is the style of a table cell.
func cellStyle(c *align.Cell, cjk bool) style {
	body := styleFor(align.KindParagraph, cjk)
	st := style{size: body.size - 0.5, lead: body.lead - 2, just: jLeft, bold: c.Header}
	switch c.Align {
	case "center":
		st.just = jCenter
	case "right":
		st.just = jRight
	}
	return st
}

// setTable places a table (see the constants above).
func (ed *edition) setTable(t table) {
	g := &ed.pg.g
	if ed.opts.Layout == Columns && t.cols <= maxSideBySide {
		ed.tableRows(t, [2]float64{g.srcX, g.trX}, [2]float64{g.srcW, g.trW}, [2]bool{true, true})
		return
	}
	x, w := g.left, g.right-g.left
	if ed.opts.Layout == Interleaved {
		x, w = ed.column()
	}
	ed.tableRows(t, [2]float64{x, x}, [2]float64{w, w}, [2]bool{true, false})
	ed.pg.y += 8
	ed.tableRows(t, [2]float64{x, x}, [2]float64{w, w}, [2]bool{false, true})
}

// tableRows sets the rows of a table in the sides shown: the source at
// x[0], w[0] wide, and the translation at x[1], w[1] wide.
func (ed *edition) tableRows(t table, x, w [2]float64, show [2]bool) {
	cjk := [2]bool{ed.srcCJK, ed.trCJK}
	// The width of each column in proportion to its widest text, each at
	// least half of an even share.
	var widths [2][]float64
	for side := range 2 {
		if !show[side] {
			continue
		}
		natural := make([]float64, t.cols)
		total := 0.0
		for _, row := range t.rows {
			for c, u := range row {
				if u.seg == nil {
					continue
				}
				text, rt := ed.cellText(u, side)
				st := cellStyle(u.seg.Cell, cjk[side])
				st.rich = rt
				natural[c] = max(natural[c], ed.s.measure(text, st, cjk[side])+2*cellPad)
			}
		}
		for c := range natural {
			natural[c] = max(natural[c], w[side]/float64(2*t.cols))
			total += natural[c]
		}
		widths[side] = make([]float64, t.cols)
		for c := range natural {
			if total > w[side] {
				widths[side][c] = natural[c] * w[side] / total
			} else {
				widths[side][c] = natural[c] + (w[side]-total)/float64(t.cols)
			}
		}
	}
	if !ed.pg.atTop() {
		ed.pg.y += 6
	}
	type setRow struct {
		cells  [2][][]line
		h      float64
		header bool
	}
	rows := make([]setRow, len(t.rows))
	for r, row := range t.rows {
		sr := &rows[r]
		for side := range 2 {
			if !show[side] {
				continue
			}
			sr.cells[side] = make([][]line, t.cols)
			for c, u := range row {
				if u.seg == nil {
					continue
				}
				sr.header = sr.header || u.seg.Cell.Header
				text, rt := ed.cellText(u, side)
				st := cellStyle(u.seg.Cell, cjk[side])
				st.rich = rt
				ls := ed.s.setPrepared(text, st, widths[side][c]-2*cellPad, cjk[side])
				if side == 1 {
					markPlaceholder(ls, u.placeholder)
				}
				ed.tags.block(u.seg, [2]string{ed.cov.Doc.Lang, ed.cov.Locale}[side], ls)
				sr.cells[side][c] = ls
				hh := 0.0
				for i := range ls {
					hh += ls[i].lead
				}
				sr.h = max(sr.h, hh)
			}
		}
		sr.h += 2 * cellPad
	}
	put := func(sr *setRow) {
		y := ed.pg.y
		p := ed.pg.cur()
		for side := range 2 {
			if !show[side] {
				continue
			}
			cx := x[side]
			p.rules = append(p.rules, [4]float64{x[side], y, x[side] + w[side], y}, [4]float64{x[side], y + sr.h, x[side] + w[side], y + sr.h})
			for c := range t.cols {
				p.rules = append(p.rules, [4]float64{cx, y, cx, y + sr.h})
				ed.pg.place(sr.cells[side][c], cx+cellPad, y+cellPad, nil)
				cx += widths[side][c]
			}
			p.rules = append(p.rules, [4]float64{cx, y, cx, y + sr.h})
		}
		ed.pg.y = y + sr.h
	}
	for r := range rows {
		if ed.pg.y+rows[r].h > ed.pg.limit() && !ed.pg.atTop() {
			ed.pg.newPage()
			if !rows[r].header {
				// The header rows again, at the top of the page: an
				// artifact, the rows are in the structure once.
				for k := 0; k < r && rows[k].header; k++ {
					again := rows[k]
					for side := range again.cells {
						for c, ls := range again.cells[side] {
							again.cells[side][c] = artifactCopy(ls)
						}
					}
					put(&again)
				}
			}
		}
		put(&rows[r])
	}
	ed.pg.y = ed.pg.snap(ed.pg.y + 9)
}

// cellText prepares a cell's source (side 0) or translation (side 1).
func (ed *edition) cellText(u unit, side int) (string, *rich) {
	if side == 0 {
		return ed.rich(u.seg, u.seg.Text, false)
	}
	return ed.richTr(u)
}
