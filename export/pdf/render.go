package pdf

import (
	"fmt"
	"html"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"verso/export/apparatus"
	"verso/export/pdf/internal/pdfobj"
)

// render draws the pages with the PDF library. Only this file knows the
// library; positions are in pt from the top left. laid are the pages as
// laid out, of which only title and head are read (to fit the running
// heads and count the pages); pages yields the same pages, numbered from
// 0, each drawn as soon as it is yielded, so that they may be laid out
// again one at a time (see [edition.typeset]).
func (ed *edition) render(w io.Writer, laid []*page, pages iter.Seq2[int, *page]) error {
	g := &ed.pg.g
	total := len(laid)
	// Lay out the running header and footers first, so the fonts they use
	// are known before any is registered.
	st8 := style{size: 8, lead: 10, color: gray(100)}
	it8 := style{size: 8, lead: 10, color: gray(100), italic: true}
	// A draft's mark, in the translation's language (reviewers of that
	// locale read drafts), sits in the middle of the header, between the
	// running heads.
	draft := ed.s.line(ed.trWords.Draft(), style{size: 9, bold: true, color: red}, 0, 200, ed.trCJK, true, 0)
	half := (g.right - g.left - 12) / 2
	if ed.opts.Draft {
		half -= draft.width/2 + 6
	}
	// Running heads: the section's heading in each language, fitted to
	// half the width. When one does not fit, every head of that side
	// leaves out the start and the end all section headings share.
	sts, cjk := [2]style{st8, it8}, [2]bool{ed.srcCJK, ed.trCJK}
	var common [2]string
	for _, p := range laid {
		for k := range 2 {
			if !p.title && ed.s.measure(prepare(p.head[k]), sts[k], cjk[k]) > half {
				common[k] = ed.common[k]
			}
		}
	}
	heads := map[[2]string]*[2]line{}
	for _, p := range laid {
		if p.title || heads[p.head] != nil {
			continue
		}
		var h [2]line
		for k := range 2 {
			h[k] = ed.s.line(ed.runningHead(p.head[k], k, common[k] != "", sts[k], half, cjk[k]), sts[k], 0, half, cjk[k], true, 0)
		}
		heads[p.head] = &h
	}
	// A page's footer is set when the page is drawn; setting every one
	// here, and letting it go, tells the fonts they use.
	foot := func(i int) line {
		return ed.s.line(ed.bilingual(func(w *apparatus.Words) string { return w.PageOf(i+1, total) }), st8, 0, 400, false, true, 0)
	}
	for i := range total {
		foot(i)
	}
	ed.s.line("0123456789abcdefABCDEF", style{size: 5}, 0, 100, false, true, 0) // tofu and ID labels

	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: g.w, Ht: g.h}})
	pdf.SetCatalogSort(true)
	date := ed.opts.Date.UTC()
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCreator("verso", false)
	pdf.SetProducer("verso (codeberg.org/go-pdf/fpdf)", false)
	pdf.SetTitle(bmp(ed.trTitle), true)
	pdf.SetSubject(bmp(ed.srcTitle), true)
	if ed.opts.Author != "" {
		pdf.SetAuthor(bmp(ed.opts.Author), true)
	}
	pdf.SetKeywords(ed.cov.Doc.Lang+" "+ed.cov.Locale+" bilingual", false)
	pdf.SetLang(ed.cov.Doc.Lang) // the document's language; each block has its own (see structTree)
	pdf.SetXmpMetadata(ed.xmp(date))
	pdf.SetDisplayMode("fullpage", "OneColumn")
	r := &renderer{pdf: pdf, fonts: ed.opts.Fonts, h: g.h, lib: newLibText(pdf)}
	var rename []string
	for id := fontID(0); id < fTofu; id++ {
		if ed.s.used[id] && ed.opts.Fonts.face(id).CFF() {
			r.cff[id] = &cffFont{face: ed.opts.Fonts.face(id), res: fmt.Sprintf("V%d", id), tag: subsetTag(id), used: map[uint16]rune{}}
		} else if ed.s.used[id] {
			fam, sty := r.family(id)
			pdf.AddUTF8FontFromBytes(fam, sty, ed.opts.Fonts.face(id).Data)
			// The library names a font "utf8"+family+style; give it the
			// subset tag ("ABCDEF+") that marks an embedded subset, in as
			// many bytes so the cross-reference offsets stay right.
			key := strings.ToLower(fam) + sty
			rename = append(rename, libFontPrefix+key, "/"+subsetTag(id)+"+"+key[len(subsetPrefix):])
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("fonts: %w", err)
	}
	r.tags, r.mcids = &ed.tags, make([]int, total)
	store := newPageStore(pdf)
	defer store.wait()
	drawn := 0
	for n, p := range pages {
		drawn++
		pdf.AddPage()
		store.compress(n) // the pages before
		r.page()
		r.pageNo = n
		if !p.title {
			h := heads[p.head]
			r.artifact("<</Type /Pagination /Subtype /Header>>", func() {
				r.line(&h[0], g.left, g.headerY)
				r.line(&h[1], g.right-h[1].width, g.headerY)
				pdf.SetDrawColor(150, 150, 150)
				pdf.SetLineWidth(0.4)
				pdf.Line(g.left, g.headerY+5, g.right, g.headerY+5)
			})
		}
		if ed.opts.Draft {
			r.artifact("<</Type /Pagination /Subtype /Watermark>>", func() { r.line(&draft, (g.w-draft.width)/2, g.headerY) })
		}
		if !p.title {
			ft := foot(n)
			r.artifact("<</Type /Pagination /Subtype /Footer>>", func() { r.line(&ft, (g.w-ft.width)/2, g.footerY) })
		}
		for _, b := range p.bookmarks {
			r.use(fSerif, 10)
			pdf.Bookmark(bmp(b.text), b.level, b.y)
		}
		r.artifact("<</Type /Layout>>", func() {
			pdf.SetDrawColor(120, 120, 120)
			pdf.SetLineWidth(0.5)
			for _, ru := range p.rules {
				pdf.Line(ru[0], ru[1], ru[2], ru[3])
			}
		})
		for _, pl := range p.lines {
			if pl.ln.tint > 0 {
				r.artifact("<</Type /Layout>>", func() {
					pdf.SetFillColor(252, 232, 228)
					pdf.Rect(pl.x, pl.y, pl.ln.tint, pl.ln.lead, "F")
				})
			}
			if pl.ln.bars > 0 {
				r.artifact("<</Type /Layout>>", func() { r.bars(pl) })
			}
			draw := func() { r.line(pl.ln, pl.x+pl.ln.offset(), pl.y+baseline(pl.ln)) }
			if pl.ln.tag == 0 {
				r.artifact("", draw)
				continue
			}
			r.lineTag = pl.ln.tag // its marked content begins at its first piece (see retag)
			draw()
			if r.open != 0 {
				r.end()
			}
			r.lineTag = 0
		}
		r.artifact("", func() {
			for _, m := range p.marks {
				ln := ed.s.line(m.text, style{size: 6, color: gray(130)}, 0, 100, false, true, 0)
				r.line(&ln, m.x-ln.width, m.y)
			}
		})
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	if drawn != total || ed.tags.next != ed.tags.laid {
		return fmt.Errorf("laid out again differently: %d pages (%d structure elements), first %d (%d)", drawn, ed.tags.next, total, ed.tags.laid)
	}
	store.compress(drawn)
	// Longer names first: "serifB" must not be taken for "serif".
	for i := 2; i < len(rename); i += 2 {
		for j := i; j > 0 && len(rename[j]) > len(rename[j-2]); j -= 2 {
			rename[j], rename[j+1], rename[j-2], rename[j-1] = rename[j-2], rename[j-1], rename[j], rename[j+1]
		}
	}
	out := &output{rename: rename}
	if err := pdf.Output(out); err != nil {
		return err
	}
	r.pdf = nil // the library's copy of the file can go
	file, err := pdfobj.Parse(out.file)
	if err != nil {
		return err
	}
	for _, c := range r.cff {
		if c == nil {
			continue
		}
		n, err := c.embed(file)
		if err != nil {
			return fmt.Errorf("fonts: %w", err)
		}
		if !file.Replace(resources, "/Font <<", "/Font <<\n/"+c.res+" "+pdfobj.Ref(n)) {
			return fmt.Errorf("fonts: no font resources in the PDF library's output")
		}
	}
	kids, err := file.Pages()
	if err != nil {
		return err
	}
	if len(kids) != total {
		return fmt.Errorf("%d pages in the PDF library's output, %d laid out", len(kids), total)
	}
	if err := store.finish(file, kids); err != nil {
		return err
	}
	if err := ed.tags.write(file, kids, r.mcids); err != nil {
		return err
	}
	_, err = file.WriteTo(w)
	return err
}

// artifact draws what draw draws as an artifact, no part of the text's
// structure: running heads, footers, rules, backgrounds; props are the
// artifact's properties (its type), if any.
func (r *renderer) artifact(props string, draw func()) {
	if props == "" {
		r.pdf.RawWriteStr("/Artifact BMC\n")
	} else {
		r.pdf.RawWriteStr("/Artifact " + props + " BDC\n")
	}
	draw()
	r.pdf.RawWriteStr("EMC\n")
}

// resources is the object of the resource dictionary the PDF library
// shares between all pages.
const resources = 2

// subsetPrefix starts every family name registered with the library; it is
// as long as "utf8" minus the "ABCDEF+" subset tag that replaces both.
const subsetPrefix = "vrs"

func subsetTag(id fontID) string { return "VRSAA" + string(rune('A'+id)) }

// family returns the library's family and style names for a face: the
// face's own family name, lowercase without spaces, behind subsetPrefix.
func (r *renderer) family(id fontID) (string, string) {
	_, sty := id.family()
	name := strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, r.fonts.face(id).Family)
	if name == "" {
		name = "font"
	}
	return subsetPrefix + name, sty
}

// renderer tracks the PDF library's text state on the current page.
type renderer struct {
	pdf   *fpdf.Fpdf
	lib   *libText // writes the library's text faster, or nil
	buf   []byte   // where a CFF face's text is written
	fonts *Fonts
	h     float64          // page height
	cff   [nFonts]*cffFont // the faces drawn without the library
	lk    linkArea         // the link being drawn on the current line

	cs     float64
	color  rgb
	font   fontID
	size   float64
	curSet bool
	// rawFont and rawFill: a CFF face's text has set the font and the
	// fill colour behind the library's back; they are set back, for the
	// library, before its next text (not at once, so that a viewer
	// closing an ActualText span sees the font of the text inside).
	rawFont, rawFill bool
	// tags is the structure tree; pageNo the page being drawn (0-based),
	// mcids the marked-content sequences of each page so far; lineTag
	// the element of the line being drawn (0: an artifact), open the
	// element whose sequence is open; links the Link element of each
	// link of a rich text.
	tags          *structTree
	pageNo        int
	mcids         []int
	lineTag, open int
	links         map[linkKey]int
}

// linkKey names a link of a rich text (see [piece.a]).
type linkKey struct {
	rich *rich
	link int
}

// retag makes the piece p of a line the marked content of its element:
// a link's words that of the link's Link element (made at its first
// piece, under the line's element), the rest that of the line's.
func (r *renderer) retag(ln *line, p *piece) {
	if r.lineTag == 0 {
		return
	}
	want := r.lineTag
	if k := p.a.link(); k > 0 && ln.rich != nil {
		key := linkKey{ln.rich, k}
		if r.links[key] == 0 {
			if r.links == nil {
				r.links = map[linkKey]int{}
			}
			r.links[key] = r.tags.addLate("Link", "", r.lineTag)
		}
		want = r.links[key]
	}
	if want != r.open {
		if r.open != 0 {
			r.end()
		}
		r.begin(want)
	}
}

// begin starts the marked content of structure element tag on the
// current page; [renderer.end] ends it. A line is one sequence; a part of
// a line that belongs to an element of its own (a link's words in a
// paragraph) ends the line's sequence, is a sequence of its element, and
// starts another of the line's, since marked content with MCIDs does not
// nest.
func (r *renderer) begin(tag int) {
	r.open = tag
	n := r.mcids[r.pageNo]
	r.tags.mark(tag, r.pageNo, n)
	b := append(append(append(r.buf[:0], '/'), r.tags.elems[tag-1].role...), " <</MCID "...)
	r.raw(append(strconv.AppendInt(b, int64(n), 10), ">> BDC\n"...))
	r.mcids[r.pageNo]++
}

// end ends the marked content begun by [renderer.begin].
func (r *renderer) end() {
	r.pdf.RawWriteStr("EMC\n")
	r.open = 0
}

// page resets the state at the start of a page; the library keeps the
// text colour of the page before, so black is set again.
func (r *renderer) page() {
	r.cs, r.color, r.curSet, r.rawFont, r.rawFill = 0, rgb{}, false, false, false
	r.pdf.SetTextColor(0, 0, 0)
}

func (r *renderer) use(id fontID, size float64) {
	if r.cff[id] != nil {
		return // set by [renderer.text]
	}
	if r.curSet && r.font == id && r.size == size && !r.rawFont {
		return
	}
	fam, sty := r.family(id)
	r.pdf.SetFont(fam, sty, size)
	if r.rawFont {
		r.pdf.SetFontSize(size) // which writes the library's font again, whatever it believes
		r.rawFont = false
	}
	r.font, r.size, r.curSet = id, size, true
}

// line draws a line with its baseline at y, starting at x.
func (r *renderer) line(ln *line, x, y float64) {
	cs, ws := ln.spacing()
	gr, _ := ln.glueRatio()
	r.setColor(ln.color)
	spanEnd := -1 // the last piece of an open ActualText span
	for k, p := range ln.pieces {
		if spanEnd < k {
			r.retag(ln, &p) // not inside an ActualText span, which must nest in it
		}
		before, after := p.shift(gr)
		px := x + p.x + float64(p.gaps)*cs + float64(p.spaces)*ws + before
		if p.font == fTofu {
			r.tofu(p.text, px, y, ln.size)
			continue
		}
		if p.font == fHidden {
			r.hidden(p.text, px, y, ln.size)
			continue
		}
		tc := cs
		if p.glued {
			tc = 0
		}
		// The glue after a glyph (cjkspace.go) is character spacing, so
		// that text extraction sees no gap and adds no space there.
		tc += p.glue.adj + after
		if tc != r.cs {
			r.raw(append(strconv.AppendFloat(r.buf[:0], tc, 'f', 4, 64), " Tc\n"...))
			r.cs = tc
		}
		r.use(p.font, p.size) // before any q: the library believes the font set
		if p.a != 0 {
			r.inline(ln, &p, px, y, tc)
		}
		text := p.text
		dash := p.dash && r.rule(p.font)
		if dash {
			// The halves of —— abut: a CJK face's em dash has side
			// bearings, its box-drawing rule of the same advance fills
			// the em. Extraction still gives the dashes.
			r.pdf.RawWriteStr("/Span <</ActualText <FEFF" + strings.Repeat("2014", p.n) + ">>> BDC\n")
			text = strings.Repeat("─", p.n)
		}
		if spanEnd < k && !dash && !p.hyphen && p.glue.adj+after < 0 {
			// A compressed mark and the glyph after it: poppler sizes a
			// glyph by its font's advance (less the character spacing),
			// so the next glyph would sit inside the mark's box and be
			// read out of order; an ActualText span shares its box out
			// evenly among its characters.
			var text strings.Builder
			for spanEnd = k; ; spanEnd++ {
				q := &ln.pieces[spanEnd]
				text.WriteString(q.text)
				if _, a := q.shift(gr); q.glue.adj+a >= 0 || spanEnd == len(ln.pieces)-1 {
					break
				}
				if q := &ln.pieces[spanEnd+1]; q.dash || q.hyphen || q.font == fTofu {
					break // they have spans of their own
				}
			}
			r.pdf.RawWriteStr("/Span <</ActualText <FEFF" + utf16Hex(text.String()) + ">>> BDC\n")
		}
		if p.hyphen {
			// A hyphen added at a break inside a word is no part of the
			// text: extraction and copying give the word whole.
			r.pdf.RawWriteStr("/Span <</ActualText <FEFF>>> BDC\n")
		}
		if p.fake {
			// Synthetic bold: the outlines are also stroked, in the text's
			// colour, inside q/Q so that the line width and stroke colour
			// the library believes set stay so.
			c := ln.color
			r.pdf.RawWriteStr(fmt.Sprintf("q 2 Tr %.3f w %.3f %.3f %.3f RG\n", boldStroke(ln.size),
				float64(c[0])/255, float64(c[1])/255, float64(c[2])/255))
		}
		r.text(p.font, p.size, px, y-rise(&p, ln), text, r.color)
		if p.fake {
			r.pdf.RawWriteStr("Q\n")
		}
		if dash || p.hyphen {
			r.pdf.RawWriteStr("EMC\n")
		}
		if k == spanEnd {
			r.pdf.RawWriteStr("EMC\n")
		}
		if p.a&aLinked != 0 {
			r.setColor(ln.color)
		}
	}
	if r.cs != 0 {
		r.pdf.RawWriteStr("0 Tc\n")
		r.cs = 0
	}
	r.flushLink()
}

// setColor sets the text colour.
func (r *renderer) setColor(c rgb) {
	if c != r.color {
		r.pdf.SetTextColor(int(c[0]), int(c[1]), int(c[2]))
		r.color = c
	}
}

// text draws text in face id (set with [renderer.use]) at size pt in
// colour c with its baseline at y, starting at x. A CFF face's text is
// written as the PDF library would write it, with its own font and fill
// colour, which are set back before the library's next text.
func (r *renderer) text(id fontID, size, x, y float64, text string, c rgb) {
	cf := r.cff[id]
	if cf == nil {
		if r.rawFill {
			// The library shows text in the fill colour, unless it
			// differs from the text colour (then it sets that itself).
			fr, fg, fb := r.pdf.GetFillColor()
			r.pdf.RawWriteStr(fmt.Sprintf("%.3f %.3f %.3f rg\n", float64(fr)/255, float64(fg)/255, float64(fb)/255))
			r.rawFill = false
		}
		if !r.lib.text(r.pdf, id, x, y, text) {
			r.pdf.Text(x, y, text)
		}
		return
	}
	// As fmt's "%.3f %.3f %.3f rg BT /%s %.2f Tf %.2f %.2f Td %s TJ ET\n".
	b := r.buf[:0]
	for _, v := range c {
		b = append(strconv.AppendFloat(b, float64(v)/255, 'f', 3, 64), ' ')
	}
	b = append(append(append(b, "rg BT /"...), cf.res...), ' ')
	b = append(strconv.AppendFloat(b, size, 'f', 2, 64), " Tf "...)
	b = append(strconv.AppendFloat(b, x, 'f', 2, 64), ' ')
	b = append(strconv.AppendFloat(b, r.h-y, 'f', 2, 64), " Td "...)
	b = append(cf.show(b, text, func(c rune) int { return r.fonts.advance(id, c) }), " TJ ET\n"...)
	r.raw(b)
	r.rawFont, r.rawFill = true, true
}

// raw writes b, which it keeps to write into next, with the library's
// RawWriteStr.
func (r *renderer) raw(b []byte) {
	r.buf = b
	if len(b) > 0 {
		// The string is read only during the call, b unchanged.
		r.pdf.RawWriteStr(unsafe.String(&b[0], len(b)))
	}
}

// boldStroke is the width of the stroke that emboldens a CJK face (which
// has one weight) at size pt to about the weight of the bold serif: 3.2%
// of the size, between 0.3 and 0.5 pt.
func boldStroke(size float64) float64 { return min(max(size*0.032, 0.3), 0.5) }

// rule reports whether face id draws ─ (U+2500) as wide as — (U+2014), so
// that a run of em dashes may be drawn as one unbroken rule.
func (r *renderer) rule(id fontID) bool {
	f := r.fonts.face(id)
	return (id == fCJK || id == fCJKBold) && f.Has('─') && f.Width('─') == r.fonts.advance(id, '—')
}

// tofu draws a character no font can print: a box with its code point.
// An invisible glyph of the text's size sits in a marked-content span whose
// ActualText is the character, so that copying and text extraction give
// the character in its place; the label's digits are marked as empty
// ActualText so that they do not.
func (r *renderer) tofu(s string, x, y, size float64) {
	for _, c := range s {
		u := utf16.Encode([]rune{c})
		var hex strings.Builder
		for _, v := range u {
			fmt.Fprintf(&hex, "%04X", v)
		}
		r.pdf.SetDrawColor(100, 100, 100)
		r.pdf.SetLineWidth(0.4)
		r.pdf.Rect(x+size*0.06, y-size*0.82, size*0.88, size*0.98, "D")
		r.use(fSerif, size)
		r.pdf.RawWriteStr("/Span <</ActualText <FEFF" + hex.String() + ">>> BDC 3 Tr\n")
		r.text(fSerif, size, x+size*0.06, y, "M", r.color)
		r.pdf.RawWriteStr("0 Tr EMC\n")
		label := fmt.Sprintf("%X", c)
		r.use(fSerif, size*0.3)
		w := 0.0
		for _, d := range label {
			w += float64(r.fonts.Serif.Width(d)) * size * 0.3 / 1000
		}
		r.pdf.RawWriteStr("/Span <</ActualText <FEFF>>> BDC\n")
		r.text(fSerif, size*0.3, x+(size-w)/2, y-size*0.25, label, r.color)
		r.pdf.RawWriteStr("EMC\n")
		x += size
	}
}

// utf16Hex returns s in UTF-16BE as hex digits, for an ActualText string.
func utf16Hex(s string) string {
	var b strings.Builder
	for _, v := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", v)
	}
	return b.String()
}

// bmp replaces characters outside the BMP, which the PDF library's string
// encoding cannot carry, with U+FFFD (for bookmarks and metadata only).
func bmp(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xffff {
			return '\ufffd'
		}
		return r
	}, s)
}

// xmp returns the XMP metadata: titles in both languages, author,
// publisher, languages and dates.
func (ed *edition) xmp(date time.Time) []byte {
	esc := html.EscapeString
	src, tr := ed.cov.Doc.Lang, ed.cov.Locale
	d := date.Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n") // PDF/UA-1 (ISO 14289-1): tagged, see structTree
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li><rdf:li xml:lang=\"%s\">%s</rdf:li><rdf:li xml:lang=\"%s\">%s</rdf:li></rdf:Alt></dc:title>\n",
		esc(ed.trTitle), esc(tr), esc(ed.trTitle), esc(src), esc(ed.srcTitle))
	if ed.opts.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(ed.opts.Author))
	}
	if ed.opts.Publisher != "" {
		fmt.Fprintf(&b, "<dc:publisher><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:publisher>\n", esc(ed.opts.Publisher))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(src), esc(tr))
	fmt.Fprintf(&b, "<dc:format>application/pdf</dc:format>\n<xmp:CreateDate>%s</xmp:CreateDate><xmp:ModifyDate>%s</xmp:ModifyDate><xmp:CreatorTool>verso</xmp:CreatorTool>\n", d, d)
	fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords><pdf:Producer>verso (codeberg.org/go-pdf/fpdf)</pdf:Producer>\n", esc(src+" "+tr+" bilingual"))
	b.WriteString("</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}
