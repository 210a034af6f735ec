package pdf

import (
	"fmt"
	"slices"
	"strings"

	"verso/align"
)

// NewPage is the page-break policy of an edition: before which headings a
// new page starts. Levels are counted from the top heading level the
// document has (a document of ## headings under a # title has its ##
// headings at the top).
type NewPage string

// The page-break policies.
const (
	// NewPageAuto (the default, also "") breaks before top-level headings
	// when the document has at least two of them and their sections
	// average at least half a page: a collection of separate texts (the
	// seed's statements) starts each on a new page, while a declaration of
	// thirty short articles flows.
	NewPageAuto NewPage = "auto"
	// NewPageChapter breaks before every top-level heading.
	NewPageChapter NewPage = "chapter"
	// NewPageSection breaks before the headings of the top two levels.
	NewPageSection NewPage = "section"
	// NewPageNever lets the text flow, from below the title on.
	NewPageNever NewPage = "never"
)

// ParseNewPage checks a page-break policy's name; "" is [NewPageAuto].
func ParseNewPage(s string) (NewPage, error) {
	switch p := NewPage(strings.ToLower(s)); p {
	case "", NewPageAuto:
		return NewPageAuto, nil
	case NewPageChapter, NewPageSection, NewPageNever:
		return p, nil
	}
	return "", fmt.Errorf("new_page %q: use auto, chapter, section or never", s)
}

// listIndent is the indent of each list level, and quoteIndent of each
// block-quote level, in ems of the text and in pt.
const (
	listIndent  = 2.0
	quoteIndent = 12.0
)

// heading levels: the relative level of a heading, 1 for the top level
// the document has (a heading of level 0, from a parser that knows no
// levels, counts as 1).
func (ed *edition) rel(seg *align.Segment) int {
	return max(seg.Level, 1) - ed.top + 1
}

// topLevel returns the smallest heading level of the document (1 when it
// has none).
func topLevel(doc *align.Document) int {
	top := 7
	for i := range doc.Segments {
		if s := &doc.Segments[i]; s.Kind == align.KindHeading {
			top = min(top, max(s.Level, 1))
		}
	}
	if top == 7 {
		return 1
	}
	return top
}

// styleOf returns the style of a segment in CJK or Latin type: the style
// of its kind ([styleFor]), for headings that of their level, indented by
// its list and quote depth.
//
// Headings of the top level are set as before levels existed (CJK 13.5
// pt, Latin 11.5 pt, bold, centred); the second level is smaller and
// still centred, the third is bold at the text's size, flush left, the
// fourth bold italic (CJK: bold) and the deeper ones italic (CJK:
// regular). Each has more space above than below, so that it binds to
// the text it heads. When no heading starts a page (see [NewPage]), the
// top level takes the second level's style, and so on down.
func (ed *edition) styleOf(seg *align.Segment, cjk bool) style {
	st := styleFor(seg.Kind, cjk)
	body := styleFor(align.KindParagraph, cjk)
	switch seg.Kind {
	case align.KindHeading:
		rl := ed.rel(seg)
		if ed.brk == 0 {
			rl++ // no heading starts a page: none is set as a chapter's
		}
		switch {
		case rl <= 1:
			st.before = 18
		case rl == 2:
			st.size, st.lead, st.before, st.after = body.size+1.5, body.lead, 13.5, 4.5
		default:
			st = style{size: body.size, lead: body.lead, bold: rl <= 4, italic: !cjk && rl >= 4,
				just: jLeft, before: 9, after: 4.5}
		}
	case align.KindFootnote:
		st = style{size: body.size - 1.5, lead: body.lead - 4.5, hang: true, after: 2.25}
		if !cjk {
			st.lead = 11.25
		}
		if !ed.noteStart[seg] {
			// A later paragraph of a note lines up with the first's text.
			st.hang, st.left = false, 1.5*st.size
		}
	case align.KindItem:
		if seg.Depth > 1 {
			st.left = float64(seg.Depth-1) * listIndent * st.size
		}
	case align.KindParagraph:
		if seg.Depth > 0 {
			// A paragraph inside a list item lines up with its text.
			st.left = float64(seg.Depth) * listIndent * st.size
			st.indent, st.after = 0, 4
		}
	}
	if seg.Note != "" && seg.Kind != align.KindFootnote {
		// A list or heading inside a note: the note's size.
		st.size, st.lead, st.before, st.after = body.size-1.5, body.lead-4.5, 0, 2.25
		if !cjk {
			st.lead = 11.25
		}
		st.left += 1.5 * st.size
	}
	if seg.Quote > 0 {
		st.left += float64(seg.Quote) * quoteIndent
		st.bars = seg.Quote
		st.color = gray(60)
		st.indent = 0
	}
	return st
}

// itemMarker returns the marker printed before a segment: a Markdown list
// item's (bullets as •, a task's box as □, done as ■), a footnote's
// number. Plain-text items keep their marker in their text.
func (ed *edition) itemMarker(seg *align.Segment) string {
	switch {
	case seg.Kind == align.KindFootnote && ed.noteStart[seg]:
		if n := ed.notes[seg.Note]; n > 0 {
			return itoa(n) + "."
		}
		return seg.Note + "."
	case seg.Kind == align.KindFootnote:
		return "" // a later paragraph of a note
	case seg.Marker == "":
		return ""
	}
	m, box := seg.Marker, ""
	for _, t := range []struct{ md, box string }{{" [ ]", "□"}, {" [x]", "■"}, {" [X]", "■"}} {
		if strings.HasSuffix(m, t.md) {
			m, box = strings.TrimSuffix(m, t.md), t.box // a task list item's box
		}
	}
	if m == "-" || m == "*" || m == "+" {
		m = "•"
		if box != "" {
			return box
		}
	}
	if box != "" {
		return m + " " + box
	}
	return m
}

// rich prepares a segment's text, or its translation's, for typesetting:
// its inline markup read in the document's format ([align.ParseInline]),
// its marker before it. A placeholder has no markup of its own.
func (ed *edition) rich(seg *align.Segment, text string, placeholder bool) (string, *rich) {
	in := align.Inline{Plain: text}
	switch {
	case placeholder:
	case text == seg.Text:
		in = ed.inline(seg)
	default:
		in = ed.trInline(seg, text)
	}
	return prepareRich(in, ed.itemMarker(seg), ed.notes)
}

// richTr prepares a unit's translation: a placeholder has no markup of
// its own, but the stale translation a draft's shows after verso's words
// has its markup read.
func (ed *edition) richTr(u unit) (string, *rich) {
	if !u.placeholder || u.words == 0 {
		return ed.rich(u.seg, u.tr, u.placeholder)
	}
	rest := ed.cov.Doc.Inline(u.tr[u.words:])
	in := align.Inline{Plain: u.tr[:u.words] + rest.Plain}
	for _, sp := range rest.Spans {
		sp.Start, sp.End = sp.Start+u.words, sp.End+u.words
		in.Spans = append(in.Spans, sp)
	}
	return prepareRich(in, ed.itemMarker(u.seg), ed.notes)
}

// plain returns a text as it prints in a bookmark, a running head, the
// title page and the metadata: its inline markup read, without its
// footnote references.
func (ed *edition) plain(text string) string {
	in := ed.cov.Doc.Inline(text)
	spans := in.Spans[:0:0]
	for _, sp := range in.Spans {
		if sp.Kind != align.SpanFootnoteRef {
			spans = append(spans, sp)
		}
	}
	in.Spans = spans
	s, _ := prepareRich(in, "", nil)
	return s
}

// inline returns a source segment's inline text, read once.
func (ed *edition) inline(seg *align.Segment) align.Inline {
	if ed.cov.Doc.Format != align.FormatMarkdown {
		return align.Inline{Plain: seg.Text}
	}
	if in, ok := ed.inlines[seg]; ok {
		return in
	}
	if ed.inlines == nil {
		ed.inlines = map[*align.Segment]align.Inline{}
	}
	in := ed.cov.Doc.Inline(seg.Text)
	ed.inlines[seg] = in
	return in
}

// trInline returns the inline text of a segment's translation, text,
// read once (an edition laid out twice reads it again otherwise).
func (ed *edition) trInline(seg *align.Segment, text string) align.Inline {
	if ed.cov.Doc.Format != align.FormatMarkdown {
		return ed.cov.Doc.Inline(text)
	}
	if in, ok := ed.trInlines[seg]; ok && in.text == text {
		return in.Inline
	}
	if ed.trInlines == nil {
		ed.trInlines = map[*align.Segment]textInline{}
	}
	in := ed.cov.Doc.Inline(text)
	ed.trInlines[seg] = textInline{text, in}
	return in
}

// textInline is a text with its inline text.
type textInline struct {
	text string
	align.Inline
}

// numberNotes numbers the footnotes in the order of their first reference
// in the source; those never referenced follow in the order of their
// definitions.
func (ed *edition) numberNotes(units []unit) {
	ed.notes = footnoteMarks{}
	n := 0
	for _, u := range units {
		for _, sp := range ed.spans(u) {
			if sp.Kind == align.SpanFootnoteRef && ed.notes[sp.Label] == 0 {
				n++
				ed.notes[sp.Label] = n
			}
		}
	}
	ed.noteStart = map[*align.Segment]bool{}
	seen := map[string]bool{}
	for _, u := range units {
		if u.seg.Kind == align.KindFootnote && ed.notes[u.seg.Note] == 0 {
			n++
			ed.notes[u.seg.Note] = n
		}
		if u.seg.Note != "" && !seen[u.seg.Note] {
			seen[u.seg.Note] = true
			ed.noteStart[u.seg] = u.seg.Kind == align.KindFootnote
		}
	}
}

// spans returns the inline spans of a unit's source, read once.
func (ed *edition) spans(u unit) []align.Span {
	return ed.inline(u.seg).Spans
}

// block is a unit set in lines for both columns.
type block struct {
	u             unit
	src, tr       []line
	before, after float64
	m             *mark
	tbl           *table // a table, set when placed
	laid          bool   // src and tr are set (see [edition.ready])
	free          bool   // a footnote waiting for the foot of its page, to be released there
}

// setBlock sets a unit's source and translation.
func (ed *edition) setBlock(u unit) block {
	g := &ed.pg.g
	ss, ts := ed.styleOf(u.seg, ed.srcCJK), ed.styleOf(u.seg, ed.trCJK)
	ss.hy, ts.hy = ed.srcHy, ed.trHy
	ss.hangStops, ts.hangStops = ed.opts.HangingPunctuation, ed.opts.HangingPunctuation
	b := block{u: u, before: max(ss.before, ts.before), after: max(ss.after, ts.after), laid: true}
	if ed.opts.Draft {
		b.m = &mark{text: u.seg.ID, x: g.left - 8}
	}
	pad := 0.0 // a placeholder's text keeps off its tinted background's edges
	if u.placeholder {
		pad = tintPad
	}
	sw, tw := g.srcW, g.trW-2*pad
	if ed.opts.Layout == Interleaved {
		_, w := ed.column()
		sw, tw = w, w-2*pad
	}
	st, sr := ed.rich(u.seg, u.seg.Text, false)
	ss.rich = sr
	b.src = ed.s.setPrepared(st, ss, sw, ed.srcCJK)
	tt, tr := ed.richTr(u)
	ts.rich = tr
	b.tr = ed.s.setPrepared(tt, ts, tw, ed.trCJK)
	markPlaceholder(b.tr, u.placeholder)
	return b
}

// column returns the left edge and the width of the interleaved layout's
// one column (see [geom.interleaved]).
func (ed *edition) column() (x, w float64) {
	return ed.pg.g.interleaved(ed.srcCJK || ed.trCJK)
}

// height returns the height the first n lines of each column of a block
// take (the whole block when n < 0), with the space above it unless at
// the top of a page.
func (ed *edition) height(b *block, n int) float64 {
	take := func(ls []line) float64 {
		h := 0.0
		for i := range ls {
			if n >= 0 && i >= n {
				break
			}
			h += ls[i].lead
		}
		return h
	}
	if ed.opts.Layout == Interleaved {
		if n >= 0 {
			return b.before + take(b.src)
		}
		return b.before + take(b.src) + 3 + take(b.tr)
	}
	return b.before + max(take(b.src), take(b.tr))
}

// breakLevel returns the deepest relative heading level before which a
// new page starts, 0 for none (see [NewPage]).
func (ed *edition) breakLevel(units []unit) int {
	switch ed.opts.NewPage {
	case NewPageNever:
		return 0
	case NewPageChapter:
		return 1
	case NewPageSection:
		return 2
	}
	// Auto: estimate each top-level section's height from the widths of
	// its texts.
	g := &ed.pg.g
	sw, tw := g.srcW, g.trW
	if ed.opts.Layout == Interleaved {
		_, sw = ed.column()
		tw = sw
	}
	// CJK characters are an em wide, others about half an em on average:
	// close enough to tell half a page, without measuring every glyph.
	est := func(text string, st style, w float64, _ bool) float64 {
		ems := 0.0
		for _, r := range text {
			if isWide(r) {
				ems++
			} else {
				ems += 0.5
			}
		}
		return (ems*st.size/w + 0.5) * st.lead
	}
	sections, total := 0, 0.0
	for _, u := range units {
		if u.seg.Kind == align.KindHeading && ed.rel(u.seg) == 1 {
			sections++
		}
	}
	if sections < 2 {
		return 0
	}
	sections = 0
	for _, u := range units {
		if u.seg.Kind == align.KindHeading && ed.rel(u.seg) == 1 {
			sections++
		}
		if sections == 0 || u.seg.Kind == align.KindTitle {
			continue
		}
		ss, ts := styleFor(u.seg.Kind, ed.srcCJK), styleFor(u.seg.Kind, ed.trCJK)
		s, t := est(u.seg.Text, ss, sw, ed.srcCJK), est(u.tr, ts, tw, ed.trCJK)
		if ed.opts.Layout == Interleaved {
			total += s + t + ss.after
		} else {
			total += max(s, t) + max(ss.after, ts.after)
		}
	}
	if sections >= 2 && total/float64(sections) >= (g.bottom-g.top)/2 {
		return 1
	}
	return 0
}

// body sets the segments after the title block: each heading breaks the
// page when the policy says so (but not right after another heading), is
// kept with what follows it (the headings after it and the first two
// lines of the text), sets the running heads when it is of the top level
// and has a bookmark nested by its level; footnotes are set at the foot
// of the page (see footnotes.go).
func (ed *edition) body(units []unit) {
	ed.numberNotes(units)
	brk := ed.brk
	var blocks []block
	for i := 0; i < len(units); {
		u := units[i]
		switch {
		case u.seg.Kind == align.KindTitle:
			i++
		case u.seg.Kind == align.KindCell && u.seg.Cell != nil:
			t, next := tableAt(units, i)
			blocks = append(blocks, block{u: u, tbl: &t})
			i = next
		default:
			blocks = append(blocks, block{u: u}) // set when it comes to be placed (see ready)
			i++
		}
	}
	blocks, notes := ed.attach(blocks)
	first, afterHeading, inNotes := true, false, false
	var open []int // the levels of the headings the current one is under
	for i := range blocks {
		ed.ready(blocks, i, notes[i])
		b := &blocks[i]
		seg := b.u.seg
		var after []*block // footnotes set after the block
		if seg.Kind == align.KindHeading {
			rl := ed.rel(seg)
			fresh := ed.pg.atTop() && !ed.pg.cur().title // an empty page
			// The title page is a cover when pages break at headings;
			// text that flows starts below the title.
			if !fresh && (ed.pg.cur().title && brk > 0 || rl <= brk && !afterHeading) {
				ed.pg.newPage()
			}
			if !ed.pg.atTop() && ed.pg.y+ed.keepHeight(blocks[i:]) > ed.pg.limit() {
				ed.pg.newPage()
			}
			after = ed.reserve(b, notes[i])
			y := ed.pg.y
			if !ed.pg.atTop() {
				y += b.before
			}
			srcText, trText := ed.plain(seg.Text), b.u.tr
			if !b.u.placeholder {
				trText = ed.plain(trText)
			}
			if rl == 1 {
				h := [2]string{srcText, ed.trTitle}
				if !b.u.placeholder {
					h[1] = trText
				}
				ed.pg.head = h
				if !ed.pg.cur().headSet {
					ed.pg.cur().head, ed.pg.cur().headSet = h, true
				}
			}
			// Nested under the nearest heading above of a higher level,
			// whatever the levels skipped.
			for len(open) > 0 && open[len(open)-1] >= rl {
				open = open[:len(open)-1]
			}
			outline := len(open)
			open = append(open, rl)
			text := srcText
			if !b.u.placeholder {
				text = trText + " · " + srcText
			}
			ed.pg.cur().bookmarks = append(ed.pg.cur().bookmarks, bookmark{text: text, level: outline, y: y})
			afterHeading, inNotes = true, false
		} else {
			if first && ed.pg.cur().title {
				ed.pg.y += 24
			}
			afterHeading = false
			after = ed.reserve(b, notes[i])
			if seg.Kind == align.KindFootnote && !inNotes {
				ed.noteRule(b)
			}
			inNotes = seg.Kind == align.KindFootnote
		}
		first = false
		ed.put(b)
		ed.tagFoot(notes[i], after)
		for k, n := range after {
			if k == 0 {
				ed.noteRule(n)
			}
			ed.put(n)
		}
		b.release()
		for _, n := range notes[i] {
			if slices.Contains(ed.pg.foot.notes, n) {
				n.free = true // released when set at the foot of the page
			} else {
				n.release()
			}
		}
	}
	ed.pg.flushNotes()
}

// ready sets the lines of what placing blocks[i] needs: the block, the
// headings right after a heading and the block after them (see
// [edition.keepHeight]), and the footnotes it is the first to refer to.
// Blocks are set only when they come to be placed, and let go once placed
// (see [block.release]), so that the lines held do not grow with the
// length of the document.
func (ed *edition) ready(blocks []block, i int, notes []*block) {
	for ; i < len(blocks); i++ {
		b := &blocks[i]
		if b.tbl != nil {
			break // a table is set as it is placed
		}
		if !b.laid {
			*b = ed.setBlock(b.u)
		}
		if b.u.seg.Kind != align.KindHeading {
			break
		}
	}
	for _, n := range notes {
		if !n.laid {
			*n = ed.setBlock(n.u)
		}
	}
}

// release lets go of a placed block's lines: the page they are on keeps
// them until it is drawn.
func (b *block) release() { b.src, b.tr = nil, nil }

// keepHeight returns the height the heading blocks[0] needs at the foot of
// a page: itself, the headings right after it, and the first two lines of
// the block after them (three of a block of three lines).
func (ed *edition) keepHeight(blocks []block) float64 {
	h := 0.0
	for i := range blocks {
		b := &blocks[i]
		if b.tbl != nil {
			return h + 40 // about a row
		}
		if b.u.seg.Kind != align.KindHeading {
			// Two lines, or all of a block of three that widow and
			// orphan control would not split.
			n := 2
			if len(b.src) == 3 || len(b.tr) == 3 {
				n = 3
			}
			return h + ed.height(b, n)
		}
		h += ed.height(b, -1) + b.after
	}
	return h
}

// noteRule draws the short rule above a section's footnotes, in each
// column, and adds space for it.
func (ed *edition) noteRule(b *block) {
	g := &ed.pg.g
	if ed.pg.atTop() {
		return
	}
	if ed.pg.y+8+ed.height(b, 2) > ed.pg.limit() {
		ed.pg.newPage()
		return
	}
	y := ed.pg.y + 6
	p := ed.pg.cur()
	if ed.opts.Layout == Interleaved {
		x, _ := ed.column()
		p.rules = append(p.rules, [4]float64{x, y, x + 60, y})
	} else {
		p.rules = append(p.rules, [4]float64{g.srcX, y, g.srcX + min(60, g.srcW/3), y},
			[4]float64{g.trX, y, g.trX + min(60, g.trW/3), y})
	}
	ed.pg.y = ed.pg.snap(y + 2)
}

// put places a block, and adds the structure elements of its source and
// translation, in that order, each in its language (a table's cells are
// tagged as they are set).
func (ed *edition) put(b *block) {
	if b.tbl != nil {
		ed.setTable(*b.tbl)
		return
	}
	ed.tags.block(b.u.seg, ed.cov.Doc.Lang, b.src)
	ed.tags.block(b.u.seg, ed.cov.Locale, b.tr)
	if ed.opts.Layout == Interleaved {
		x, _ := ed.column()
		if b.m != nil {
			b.m.x = x - 8
		}
		ed.pg.flow(b.src, x, b.before, 3, b.m)
		ed.pg.flow(b.tr, x, 0, b.after+3, nil)
		return
	}
	ed.pg.pair(b.src, b.tr, b.before, b.after, b.m)
}
