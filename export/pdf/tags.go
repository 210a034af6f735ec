package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"verso/align"
	"verso/export/pdf/internal/pdfobj"
)

// structTree is the logical structure of a tagged edition (PDF 1.7,
// 14.7-14.8; PDF/UA-1): structure elements in reading order, pair by
// pair (the source's block, then its translation's), each with its
// language, and for each the marked content (page and MCID) that draws
// it. The layout creates the elements and marks the lines that belong
// to each ([structTree.add], [tagLines]); the renderer wraps each marked
// line in a BDC/EMC sequence with an MCID, and everything else (running
// heads, footers, draft marks, rules) in /Artifact sequences; [structTree.write]
// adds the tree to the file.
type structTree struct {
	top    int              // the document's top heading level (H2), 0 for 1
	elems  []structElem     // elem i has ID i+1; 0 is the Document
	tables map[tableKey]int // the Table and TR elements made so far
	annots map[int][]int    // page (0-based) -> the element of each of its link annotations
}

// structElem is one structure element.
type structElem struct {
	role   string // standard structure type: H1-H6, P, L, LI, LBody, Table, TR, TD, Note, Link...
	lang   string // BCP 47; empty inherits
	parent int    // 0: the Document
	kids   []structKid
}

// structKid is a child of an element: another element (elem > 0), an
// annotation (annot > 0, its object) on a page or a marked-content
// sequence on a page.
type structKid struct {
	elem, annot int
	page, mcid  int
}

// add appends an element with role and lang under parent (0: the
// Document) and returns its ID, which lines take in their tag field.
// Elements are read in the order they are added.
func (t *structTree) add(role, lang string, parent int) int {
	t.elems = append(t.elems, structElem{role: role, lang: lang, parent: parent})
	id := len(t.elems)
	if parent > 0 {
		t.elems[parent-1].kids = append(t.elems[parent-1].kids, structKid{elem: id})
	}
	return id
}

// mark records that marked-content sequence mcid of page (0-based) draws
// element id.
func (t *structTree) mark(id, page, mcid int) {
	e := &t.elems[id-1]
	e.kids = append(e.kids, structKid{page: page, mcid: mcid})
}

// annot records that the next link annotation made on page (0-based),
// in the order the PDF library writes them (the order of its Link and
// LinkString calls), belongs to element id, a Link element whose text is
// the marked content of the link's words. [structTree.write] makes the
// annotation an object of its own with a StructParent and gives the
// element an object reference to it, as PDF/UA asks.
func (t *structTree) annot(page, id int) {
	if t.annots == nil {
		t.annots = map[int][]int{}
	}
	t.annots[page] = append(t.annots[page], id)
}

// tagFoot adds the structure elements of the footnotes of notes set at
// the foot of the page, the ones not in after (which are placed, and
// tagged, after their block): in reading order they follow the block that
// first refers to them.
func (ed *edition) tagFoot(notes, after []*block) {
	for _, n := range notes {
		if !slices.Contains(after, n) {
			ed.tags.block(n.u.seg, ed.cov.Doc.Lang, n.src)
			ed.tags.block(n.u.seg, ed.cov.Locale, n.tr)
		}
	}
}

// artifactCopy returns a copy of lines that belongs to no element (a
// table's header rows repeated on the next page).
func artifactCopy(lines []line) []line {
	out := append([]line(nil), lines...)
	tagLines(out, 0)
	return out
}

// tagLines makes lines part of element id.
func tagLines(lines []line, id int) {
	for i := range lines {
		lines[i].tag = id
	}
}

// roleFor is the structure type of a segment's block: H1 for the title,
// H2 to H6 for headings by level counted from top, the document's top
// level (a heading without a level, from plain text, is at the top), so
// that no level is skipped; LI for list items, Note for notes and
// footnotes, TH and TD for table cells, P for the rest.
func roleFor(seg *align.Segment, top int) string {
	switch seg.Kind {
	case align.KindTitle:
		return "H1"
	case align.KindHeading:
		return fmt.Sprintf("H%d", min(max(max(seg.Level, 1)-max(top, 1)+2, 2), 6))
	case align.KindItem:
		return "LI"
	case align.KindNote, align.KindFootnote:
		return "Note"
	case align.KindCell:
		if seg.Cell != nil && seg.Cell.Header {
			return "TH"
		}
		return "TD"
	}
	return "P"
}

// block adds the element of one column's block of segment seg in
// language lang, tags its lines and returns the element:
//   - a list item is an LI (its text in an LBody) in a list of its own, so
//     that each column's item stays next to its counterpart in reading
//     order;
//   - a table cell is a TH or TD in its row (TR) of its table (Table),
//     one table per language, made at the table's first cell (so the
//     source's table is read whole, then the translation's);
//   - a block in a block quote is inside a BlockQuote.
func (t *structTree) block(seg *align.Segment, lang string, lines []line) int {
	role := roleFor(seg, t.top)
	parent := 0
	if seg.Quote > 0 {
		parent = t.add("BlockQuote", lang, 0)
		lang = "" // inherited
	}
	var id int
	switch {
	case role == "LI":
		l := t.add("L", lang, parent)
		id = t.add("LBody", "", t.add("LI", "", l))
		tagLines(lines, id)
		id = l
	case (role == "TH" || role == "TD") && seg.Cell != nil:
		c := seg.Cell
		if t.tables == nil {
			t.tables = map[tableKey]int{}
		}
		tk := tableKey{c.Table, 0, lang}
		table, ok := t.tables[tk]
		if !ok {
			table = t.add("Table", lang, parent)
			t.tables[tk] = table
		}
		rk := tableKey{c.Table, c.Row, lang}
		row, ok := t.tables[rk]
		if !ok {
			row = t.add("TR", "", table)
			t.tables[rk] = row
		}
		id = t.add(role, "", row)
		tagLines(lines, id)
		id = table
	default:
		id = t.add(role, lang, parent)
		tagLines(lines, id)
	}
	if parent > 0 {
		return parent
	}
	return id
}

// tableKey names a table (row 0) or one of its rows, in one language.
type tableKey struct {
	table, row int
	lang       string
}

// write adds the structure tree to f: the StructTreeRoot, the elements,
// the parent tree mapping each page's MCIDs to their elements, each
// page's StructParents, and the catalog's MarkInfo and StructTreeRoot.
// pages are the page objects in order; mcids the number of MCIDs each
// page used.
func (t *structTree) write(f *pdfobj.File, pages []int, mcids []int) error {
	root := f.Reserve()
	doc := f.Reserve()
	ids := make([]int, len(t.elems)+1) // element ID -> object
	ids[0] = doc
	for i := range t.elems {
		ids[i+1] = f.Reserve()
	}
	parentOf := make([][]int, len(pages)) // page -> MCID -> element object
	for p := range pages {
		parentOf[p] = make([]int, mcids[p])
	}
	// Link annotations: each its own object, keyed after the pages in
	// the parent tree, referred to by its element.
	var annotNums strings.Builder
	key := len(pages)
	for p, obj := range pages {
		elems := t.annots[p]
		if len(elems) == 0 {
			continue
		}
		objs, err := f.SplitAnnots(obj)
		if err != nil {
			return err
		}
		if len(objs) != len(elems) {
			return fmt.Errorf("page %d: %d link annotations, %d recorded", p+1, len(objs), len(elems))
		}
		for i, a := range objs {
			if elems[i] == 0 {
				continue // in an artifact
			}
			if err := f.Insert(a, fmt.Sprintf("/StructParent %d", key)); err != nil {
				return err
			}
			e := &t.elems[elems[i]-1]
			e.kids = append(e.kids, structKid{annot: a, page: p})
			fmt.Fprintf(&annotNums, " %d %s", key, pdfobj.Ref(ids[elems[i]]))
			key++
		}
	}
	var top []string
	for i, e := range t.elems {
		var k []string
		pg := -1 // the element's page: its MCIDs there are plain numbers
		for _, kid := range e.kids {
			if kid.elem == 0 && kid.annot == 0 {
				pg = kid.page
				break
			}
		}
		for _, kid := range e.kids {
			if kid.elem > 0 {
				k = append(k, pdfobj.Ref(ids[kid.elem]))
				continue
			}
			if kid.annot > 0 {
				k = append(k, fmt.Sprintf("<</Type /OBJR /Obj %s /Pg %s>>", pdfobj.Ref(kid.annot), pdfobj.Ref(pages[kid.page])))
				continue
			}
			if kid.page == pg {
				k = append(k, strconv.Itoa(kid.mcid))
			} else {
				k = append(k, fmt.Sprintf("<</Type /MCR /Pg %s /MCID %d>>", pdfobj.Ref(pages[kid.page]), kid.mcid))
			}
			parentOf[kid.page][kid.mcid] = ids[i+1]
		}
		parent := doc
		if e.parent > 0 {
			parent = ids[e.parent]
		} else {
			top = append(top, pdfobj.Ref(ids[i+1]))
		}
		lang := ""
		if e.lang != "" {
			lang = " /Lang " + pdfobj.Text(e.lang)
		}
		if pg >= 0 {
			lang += " /Pg " + pdfobj.Ref(pages[pg])
		}
		f.Set(ids[i+1], fmt.Appendf(nil, "<</Type /StructElem /S /%s /P %s%s /K [%s]>>", e.role, pdfobj.Ref(parent), lang, strings.Join(k, " ")))
	}
	f.Set(doc, fmt.Appendf(nil, "<</Type /StructElem /S /Document /P %s /K [%s]>>", pdfobj.Ref(root), strings.Join(top, " ")))
	var nums strings.Builder
	for p := range pages {
		refs := make([]string, len(parentOf[p]))
		for m, o := range parentOf[p] {
			if o == 0 {
				return fmt.Errorf("page %d: marked content %d belongs to no element", p+1, m)
			}
			refs[m] = pdfobj.Ref(o)
		}
		fmt.Fprintf(&nums, "%d [%s] ", p, strings.Join(refs, " "))
	}
	tree := f.Add(fmt.Appendf(nil, "<</Nums [%s%s]>>", strings.TrimSpace(nums.String()), annotNums.String()))
	f.Set(root, fmt.Appendf(nil, "<</Type /StructTreeRoot /K [%s] /ParentTree %s /ParentTreeNextKey %d>>", pdfobj.Ref(doc), pdfobj.Ref(tree), key))
	for p, obj := range pages {
		if err := f.Insert(obj, fmt.Sprintf("/StructParents %d /Tabs /S", p)); err != nil {
			return err
		}
	}
	return f.Insert(f.Root, "/MarkInfo <</Marked true>> /StructTreeRoot "+pdfobj.Ref(root)+" /ViewerPreferences <</DisplayDocTitle true>>")
}
