package pdf

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"verso/align"
	"verso/export/pdf/internal/pdfobj"
	"verso/internal/testenv"
)

// structDump reads a PDF's structure with pikepdf (Debian's
// python3-pikepdf, over qpdf): the catalog's language and MarkInfo, the
// XMP's PDF/UA part, the Document's elements in order with their
// language, their MCIDs and parent tree entries, how many text-showing
// operators lie outside any marked content, and the outline.
const structDump = `
import json, sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
root = pdf.Root
out = {"lang": str(root.get("/Lang", "")), "marked": bool(root.MarkInfo.Marked),
       "displayTitle": bool(root.ViewerPreferences.DisplayDocTitle)}
with pdf.open_metadata() as m:
    out["pdfua"] = str(m.get("{http://www.aiim.org/pdfua/ns/id/}part", ""))
pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
tree = root.StructTreeRoot
doc = tree.K[0]
out["doc"] = str(doc.S)
nums = tree.ParentTree.Nums
parent = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
elems, bad = [], []
def walk(e, depth):
    kids = e.K if isinstance(e.K, pikepdf.Array) else [e.K]
    item = {"s": str(e.S), "lang": str(e.get("/Lang", "")), "depth": depth, "mcids": 0}
    elems.append(item)
    for k in kids:
        mcr = None
        if isinstance(k, int):
            mcr = (pages[e.Pg.objgen], k)
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
            mcr = (pages[k.Pg.objgen], int(k.MCID))
        if mcr is not None:
            item["mcids"] += 1
            pg, mcid = mcr
            if parent[pdf.pages[pg].StructParents][mcid].objgen != e.objgen:
                bad.append("page %d MCID %d: parent tree disagrees" % (pg, mcid))
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
            continue
        elif isinstance(k, pikepdf.Dictionary):
            if k.P.objgen != e.objgen:
                bad.append("%s: /P is not its parent" % k.S)
            walk(k, depth + 1)
for e in doc.K:
    walk(e, 0)
out["elems"], out["bad"] = elems, bad
def tree(e):
    kids = e.K if isinstance(e.K, pikepdf.Array) else [e.K]
    sub = []
    for k in kids:
        if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
            sub.append("OBJR" if "/StructParent" in k.Obj and parent[int(k.Obj.StructParent)].objgen == e.objgen else "OBJR?")
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") != "/MCR":
            sub.append(tree(k))
    s = str(e.S)[1:]
    if "/Lang" in e:
        s += "(" + str(e.Lang) + ")"
    if sub:
        s += "[" + " ".join(sub) + "]"
    return s
out["tree"] = " ".join(tree(e) for e in doc.K)
loose, mcids = 0, 0
for p in pdf.pages:
    depth = 0
    for operands, op in pikepdf.parse_content_stream(p):
        op = str(op)
        if op in ("BDC", "BMC"):
            depth += 1
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcids += 1
        elif op == "EMC":
            depth -= 1
        elif op in ("Tj", "TJ", "'", '"') and depth == 0:
            loose += 1
out["loose"], out["mcids"] = loose, mcids
def items(nodes, parent):
    for o in nodes:
        yield [o.title, parent]
        yield from items(o.children, o.title)
with pdf.open_outline() as ol:
    out["outline"] = list(items(ol.root, ""))
print(json.dumps(out))
`

type structInfo struct {
	Lang, PDFUA, Doc     string
	Marked, DisplayTitle bool
	Elems                []struct {
		S, Lang      string
		Depth, MCIDs int
	}
	Tree    string // the elements as Role(lang)[kids], OBJR for an annotation
	Bad     []string
	Loose   int
	MCIDs   int
	Outline [][2]string // title, parent's title ("" at the top)
}

func readStruct(t *testing.T, file string) *structInfo {
	t.Helper()
	py := testenv.Command(t, "/usr/bin/python3", "python3-pikepdf")
	if exec.Command(py, "-c", "import pikepdf").Run() != nil {
		testenv.Missing(t, "pikepdf", "python3-pikepdf")
	}
	out, err := exec.Command(py, "-c", structDump, file).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("pikepdf: %v: %s", err, msg)
	}
	var si structInfo
	if err := json.Unmarshal(out, &si); err != nil {
		t.Fatal(err)
	}
	return &si
}

// The edition is a tagged PDF: the catalog's language is the source's,
// the structure tree holds both titles, then each segment's source block
// and its translation's, in document order, each in its language and of
// its kind's type, and every line of text is in an element's marked
// content or an artifact (running heads, footers); poppler calls it
// tagged; the bookmarks of the two languages are siblings.
func TestEditionIsTagged(t *testing.T) {
	needPoppler(t)
	for _, layout := range []Layout{Columns, Interleaved} {
		cov := partial(seed(t, "ru"))
		data, _, _ := write(t, cov, Options{Draft: true, Layout: layout, Author: "Author", Publisher: "Publisher"})
		file := save(t, data)
		out, err := exec.Command("pdfinfo", file).Output()
		if err != nil || !strings.Contains(string(out), "Tagged:          yes") {
			t.Errorf("%s: pdfinfo: %v\n%s", layout, err, out)
		}
		si := readStruct(t, file)
		if si.Lang != cov.Doc.Lang || !si.Marked || !si.DisplayTitle || si.PDFUA != "1" || si.Doc != "/Document" {
			t.Errorf("%s: catalog /Lang %q, marked %v, DisplayDocTitle %v, pdfuaid:part %q, root %s", layout, si.Lang, si.Marked, si.DisplayTitle, si.PDFUA, si.Doc)
		}
		for _, b := range si.Bad {
			t.Errorf("%s: %s", layout, b)
		}
		if si.Loose > 0 {
			t.Errorf("%s: %d text operators outside marked content", layout, si.Loose)
		}
		// Top-level elements after the title page's five (both titles,
		// the languages, author, publisher): a pair per segment but the
		// title.
		var top []string
		mcrs := 0
		for _, e := range si.Elems {
			mcrs += e.MCIDs
			if e.Depth == 0 {
				top = append(top, e.S+" "+e.Lang)
			}
		}
		if mcrs != si.MCIDs {
			t.Errorf("%s: %d marked-content references in the tree, %d MCIDs in the pages", layout, mcrs, si.MCIDs)
		}
		want := []string{"/H1 " + cov.Doc.Lang, "/H1 " + cov.Locale, "/P ", "/P ", "/P "}
		role := map[align.Kind]string{align.KindHeading: "/H2", align.KindItem: "/L", align.KindNote: "/Note"}
		for _, seg := range cov.Doc.Segments {
			if seg.Kind == align.KindTitle {
				continue
			}
			r := role[seg.Kind]
			if r == "" {
				r = "/P"
			}
			want = append(want, r+" "+cov.Doc.Lang, r+" "+cov.Locale)
		}
		if strings.Join(top, "|") != strings.Join(want, "|") {
			t.Errorf("%s: structure in this order:\n%s\nwant\n%s", layout, strings.Join(top, "|"), strings.Join(want, "|"))
		}
		// Each heading's titles are in the outline (as entries of their
		// own or one entry), the source's never under the translation's.
		for _, it := range cov.Items {
			if it.Index < 0 || cov.Doc.Segments[it.Index].Kind != align.KindHeading || it.Tr == nil {
				continue
			}
			src, tr := align.Normalize(cov.Doc.Segments[it.Index].Text), align.Normalize(it.Tr.Text)
			found := false
			for _, o := range si.Outline {
				found = found || strings.Contains(o[0], src)
				if o[0] == src && o[1] == tr || o[0] == tr && o[1] == src {
					t.Errorf("%s: bookmark %q nested under %q", layout, o[0], o[1])
				}
			}
			if !found {
				t.Errorf("%s: no bookmark for %q", layout, src)
			}
		}
		if len(si.Outline) < 4 {
			t.Errorf("%s: %d bookmarks", layout, len(si.Outline))
		}
	}
}

// describe renders the elements under parent as roles with their
// languages and children, e.g. "Table(zh)[TR[TH TH]]".
func describe(t *structTree, parent int) string {
	var parts []string
	for i, e := range t.elems {
		if e.parent != parent {
			continue
		}
		s := e.role
		if e.lang != "" {
			s += "(" + e.lang + ")"
		}
		if kids := describe(t, i+1); kids != "" {
			s += "[" + kids + "]"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Blocks get the structure their kind calls for: headings by level, list
// items in lists, table cells in rows of one table per language, block
// quotes around their blocks; and every line of a block is tagged with it.
func TestStructureOfBlocks(t *testing.T) {
	var tr structTree
	cell := func(row, col int, header bool) *align.Segment {
		return &align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: row, Col: col, Header: header}}
	}
	tr.top = 1
	segs := []*align.Segment{
		{Kind: align.KindHeading, Level: 2},
		{Kind: align.KindHeading},
		{Kind: align.KindItem, Depth: 1},
		cell(1, 1, true), cell(1, 2, true), cell(2, 1, false), cell(2, 2, false),
		{Kind: align.KindParagraph, Quote: 1},
		{Kind: align.KindFootnote, Note: "1"},
	}
	var lines [][]line
	for _, s := range segs {
		for _, lang := range []string{"zh", "en"} {
			ls := make([]line, 2)
			tr.block(s, lang, ls)
			lines = append(lines, ls)
		}
	}
	want := "H3(zh) H3(en) H2(zh) H2(en) L(zh)[LI[LBody]] L(en)[LI[LBody]] " +
		"Table(zh)[TR[TH TH] TR[TD TD]] Table(en)[TR[TH TH] TR[TD TD]] " +
		"BlockQuote(zh)[P] BlockQuote(en)[P] Note(zh) Note(en)"
	if got := describe(&tr, 0); got != want {
		t.Errorf("structure:\n got %s\nwant %s", got, want)
	}
	for i, ls := range lines {
		for _, ln := range ls {
			if ln.tag == 0 || tr.elems[ln.tag-1].role == "L" || tr.elems[ln.tag-1].role == "Table" {
				t.Errorf("block %d: line tagged %d, not with the element that holds its text", i, ln.tag)
			}
		}
	}
}

// A link annotation made through the PDF library becomes an object of its
// own, with a StructParent that the parent tree maps to its Link
// element, which refers to it (OBJR) beside the link text's marked
// content.
func TestLinkAnnotationsInTheStructure(t *testing.T) {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 300, Ht: 300}})
	pdf.SetCatalogSort(true)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	var tr structTree
	p := tr.add("P", "en", 0)
	link := tr.add("Link", "", p)
	pdf.RawWriteStr("/P <</MCID 0>> BDC\n")
	pdf.Text(20, 40, "See ")
	pdf.RawWriteStr("EMC\n/Link <</MCID 1>> BDC\n")
	pdf.Text(50, 40, "example.org")
	pdf.RawWriteStr("EMC\n")
	tr.mark(p, 0, 0)
	tr.mark(link, 0, 1)
	pdf.LinkString(50, 30, 60, 12, "https://example.org/(a)")
	tr.annot(0, link)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := pdfobj.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	pages, err := f.Pages()
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.write(f, pages, []int{2}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	f.WriteTo(&out)
	file := save(t, out.Bytes())
	py := testenv.Command(t, "/usr/bin/python3", "python3-pikepdf")
	res, err := exec.Command(py, "-c", `
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
annot = pdf.pages[0].Annots[0]
nums = pdf.Root.StructTreeRoot.ParentTree.Nums
parent = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
elem = parent[int(annot.StructParent)]
objr = [k for k in elem.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
print(str(elem.S), str(elem.P.S), len(objr), objr[0].Obj.objgen == annot.objgen, str(annot.A.URI))
`, file).CombinedOutput()
	if err != nil {
		t.Fatalf("pikepdf: %v: %s", err, res)
	}
	if got := strings.TrimSpace(string(res)); got != "/Link /P 1 True https://example.org/(a)" {
		t.Errorf("link annotation in the structure: %s", got)
	}
}

// A Markdown document's structure is tagged: headings by level from H2
// under the title's H1, lists, block quotes, a table per language in rows
// of header and data cells, a link as a Link element holding its
// annotations (one per line it spans), the footnote as a Note after the
// heading that refers to it; every text operator in marked content.
func TestStructureTagged(t *testing.T) {
	needPoppler(t)
	cov := guide().cov("en")
	data, _, _ := write(t, cov, Options{})
	si := readStruct(t, save(t, data))
	for _, b := range si.Bad {
		t.Error(b)
	}
	if si.Loose > 0 {
		t.Errorf("%d text operators outside marked content", si.Loose)
	}
	want := "H1(zh-Hans) H1(en) P H2(zh-Hans) H2(en) P(zh-Hans) P(en) H3(zh-Hans) H3(en) " +
		"L(zh-Hans)[LI[LBody]] L(en)[LI[LBody]] " +
		"H2(zh-Hans) H2(en) Note(zh-Hans) Note(en) BlockQuote(zh-Hans)[P] BlockQuote(en)[P] " +
		"Table(zh-Hans)[TR[TH TH] TR[TD TD] TR[TD TD]] Table(en)[TR[TH TH] TR[TD TD] TR[TD TD]] " +
		"P(zh-Hans)[Link[OBJR]] P(en)[Link[OBJR]]"
	// A link broken over lines has an annotation on each; the list's
	// items are alike.
	got := regexp.MustCompile(`OBJR( OBJR)+`).ReplaceAllString(si.Tree, "OBJR")
	item := `L\(zh-Hans\)\[LI\[LBody\]\] L\(en\)\[LI\[LBody\]\] `
	got = regexp.MustCompile(`(`+item+`)+`).ReplaceAllString(got, "L(zh-Hans)[LI[LBody]] L(en)[LI[LBody]] ")
	if got != want {
		t.Errorf("structure:\n got %s\nwant %s", si.Tree, want)
	}
}
