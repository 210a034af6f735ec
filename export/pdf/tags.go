package pdf

import (
	"fmt"
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
	elems []structElem // elem i has ID i+1; 0 is the Document
}

// structElem is one structure element.
type structElem struct {
	role   string // standard structure type: H1-H6, P, L, LI, LBody, Table, TR, TD, Note, Link...
	lang   string // BCP 47; empty inherits
	parent int    // 0: the Document
	kids   []structKid
}

// structKid is a child of an element: another element (elem > 0) or a
// marked-content sequence on a page.
type structKid struct {
	elem       int
	page, mcid int
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

// tagLines makes lines part of element id.
func tagLines(lines []line, id int) {
	for i := range lines {
		lines[i].tag = id
	}
}

// roleFor is the structure type of a segment's block.
func roleFor(k align.Kind) string {
	switch k {
	case align.KindTitle:
		return "H1"
	case align.KindHeading:
		return "H2"
	case align.KindItem:
		return "LI"
	case align.KindNote:
		return "Note"
	}
	return "P"
}

// block adds the element of one column's block of a segment of kind k in
// language lang, tags its lines and returns the element. A list item is
// an LI (with its text in an LBody) in a list of its own, so that each
// column's item stays next to its counterpart in reading order.
func (t *structTree) block(k align.Kind, lang string, lines []line) int {
	role := roleFor(k)
	if role != "LI" {
		id := t.add(role, lang, 0)
		tagLines(lines, id)
		return id
	}
	l := t.add("L", lang, 0)
	body := t.add("LBody", "", t.add("LI", "", l))
	tagLines(lines, body)
	return l
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
	var top []string
	for i, e := range t.elems {
		var k []string
		for _, kid := range e.kids {
			if kid.elem > 0 {
				k = append(k, pdfobj.Ref(ids[kid.elem]))
				continue
			}
			k = append(k, fmt.Sprintf("<</Type /MCR /Pg %s /MCID %d>>", pdfobj.Ref(pages[kid.page]), kid.mcid))
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
	tree := f.Add(fmt.Appendf(nil, "<</Nums [%s]>>", strings.TrimSpace(nums.String())))
	f.Set(root, fmt.Appendf(nil, "<</Type /StructTreeRoot /K [%s] /ParentTree %s /ParentTreeNextKey %d>>", pdfobj.Ref(doc), pdfobj.Ref(tree), len(pages)))
	for p, obj := range pages {
		if err := f.Insert(obj, fmt.Sprintf("/StructParents %d /Tabs /S", p)); err != nil {
			return err
		}
	}
	return f.Insert(f.Root, "/MarkInfo <</Marked true>> /StructTreeRoot "+pdfobj.Ref(root)+" /ViewerPreferences <</DisplayDocTitle true>>")
}
