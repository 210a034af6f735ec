package pdf

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"verso/align"
	"verso/internal/testenv"
)

// builder builds a document and its complete translation.
type builder struct {
	doc *align.Document
	trs []align.Translation
}

func newBuilder(name, lang string, f align.Format) *builder {
	return &builder{doc: &align.Document{Name: name, Path: "sources/" + name + ".md", Lang: lang, Format: f}}
}

func (b *builder) add(seg align.Segment, tr string) {
	seg.ID = fmt.Sprintf("s%05d", len(b.doc.Segments))
	seg.Hash = align.Hash(seg.Text)
	seg.Line = len(b.doc.Segments) + 1
	b.doc.Segments = append(b.doc.Segments, seg)
	if tr != "" {
		b.trs = append(b.trs, align.Translation{ID: seg.ID, Hash: seg.Hash, Text: tr})
	}
}

func (b *builder) cov(locale string) *align.Coverage { return align.Assess(b.doc, locale, b.trs) }

var cjkNumerals = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// cjkNumber writes 1 to 99 in Chinese numerals (第二十三条).
func cjkNumber(n int) string {
	switch {
	case n <= 10:
		return cjkNumerals[n]
	case n < 20:
		return "十" + cjkNumerals[n-10]
	case n%10 == 0:
		return cjkNumerals[n/10] + "十"
	}
	return cjkNumerals[n/10] + "十" + cjkNumerals[n%10]
}

// declaration is a Markdown declaration of thirty articles, read by
// align's Markdown parser: a # title, ## article headings, numbered
// paragraphs (ordered list items), bold, a link and a footnote; its
// English translation keeps the markup.
func declaration() *builder {
	var md strings.Builder
	var en []string
	add := func(src, tr string) {
		md.WriteString(src + "\n\n")
		en = append(en, tr)
	}
	add("# 关于区域合作的联合宣言", "Joint Declaration on Regional Cooperation")
	add("各缔约方，**重申**维护和平与稳定的共同愿望，议定如下：",
		"The Parties, **reaffirming** their common wish to maintain peace and stability, have agreed as follows:")
	zh := []string{
		"各方在相互尊重主权、独立和领土完整的基础上开展合作，促进共同发展。",
		"各方应当加强在经济、贸易、投资、交通、能源和信息通信领域的务实合作，并为此建立相应的协调机制，定期审议合作进展情况。",
		"本条的规定不影响各方根据其参加的其他国际条约所享有的权利和承担的义务。",
	}
	tr := []string{
		"The Parties shall cooperate on the basis of mutual respect for sovereignty, independence and territorial integrity, and promote common development.",
		"The Parties shall strengthen practical cooperation in the fields of the economy, trade, investment, transport, energy and information and communications, and shall establish coordination mechanisms to that end, reviewing the progress of cooperation at regular intervals.",
		"The provisions of this article shall not affect the rights and obligations of the Parties under other international treaties to which they are party.",
	}
	for a := 1; a <= 30; a++ {
		add("## 第"+cjkNumber(a)+"条", fmt.Sprintf("Article %d", a))
		for p := range 2 + a%2 {
			z, e := zh[p], tr[p]
			if a == 3 && p == 0 {
				z = "各方依照《联合国宪章》[^1]的宗旨和原则开展合作，详见[联合国网站](https://www.un.org/zh/about-us/un-charter)。"
				e = "The Parties shall cooperate in accordance with the purposes and principles of the Charter of the United Nations[^1], see [the United Nations website](https://www.un.org/en/about-us/un-charter)."
			}
			md.WriteString(fmt.Sprintf("%d. %s\n", p+1, z))
			en = append(en, e)
		}
		md.WriteString("\n")
	}
	add("[^1]: 脚注内容：本注释说明来源。", "Footnote: this note gives the source.")
	doc, err := align.Parse("sources/declaration.md", "zh-Hans", []byte(md.String()))
	if err != nil {
		panic(err)
	}
	if len(doc.Segments) != len(en) {
		panic(fmt.Sprintf("the declaration parses into %d segments, want %d", len(doc.Segments), len(en)))
	}
	b := &builder{doc: doc}
	for i := range doc.Segments {
		s := &doc.Segments[i]
		s.ID = fmt.Sprintf("d%05d", i)
		b.trs = append(b.trs, align.Translation{ID: s.ID, Hash: s.Hash, Text: en[i]})
	}
	return b
}

// plainOf returns what a segment's text prints: its inline text, its
// marker before it.
func plainOf(ed *edition, seg *align.Segment, text string) string {
	s, _ := ed.rich(seg, text, false)
	return s
}

// checkOrder checks that each column, read back with pdftotext, holds
// every character of every segment's printed text, in order (the
// running heads, footers and footnote numbers between them aside).
func checkOrder(t *testing.T, file string, ed *edition) {
	t.Helper()
	g := ed.pg.g
	var src, tr, wide, notes []string
	cols := map[int]int{} // columns of each table
	for _, s := range ed.cov.Doc.Segments {
		if s.Cell != nil {
			cols[s.Cell.Table] = max(cols[s.Cell.Table], s.Cell.Col)
		}
	}
	for _, u := range ed.units() {
		switch {
		case u.seg.Kind == align.KindTitle:
			continue
		case u.seg.Note != "":
			// A footnote's blocks, at the foot of a page: anywhere in the text.
			notes = append(notes, plainOf(ed, u.seg, u.seg.Text), plainOf(ed, u.seg, u.tr))
			continue
		case u.seg.Cell != nil && cols[u.seg.Cell.Table] > maxSideBySide:
			// Set across the width: anywhere in the text.
			wide = append(wide, plainOf(ed, u.seg, u.seg.Text), plainOf(ed, u.seg, u.tr))
			continue
		}
		src = append(src, plainOf(ed, u.seg, u.seg.Text))
		tr = append(tr, plainOf(ed, u.seg, u.tr))
	}
	if len(wide)+len(notes) > 0 {
		all := squeeze(extractAll(t, file, 0, 0, g.w, g.h))
		for _, w := range notes {
			if !strings.Contains(all, squeeze(w)) {
				t.Errorf("footnote %q missing", clip(w))
			}
		}
		for _, w := range wide {
			if !strings.Contains(all, squeeze(w)) {
				t.Errorf("table cell %q missing", clip(w))
			}
		}
	}
	mid := g.srcX + g.srcW + g.gutter/2
	left := extractAll(t, file, g.left-2, g.top-4, mid-g.left+2, g.bottom-g.top+8)
	right := extractAll(t, file, mid, g.top-4, g.right-mid+4, g.bottom-g.top+8)
	for _, c := range []struct {
		name string
		got  string
		want []string
	}{{"source", left, src}, {"translation", right, tr}} {
		got := []rune(squeeze(c.got))
		k := 0
		for i, w := range c.want {
			for _, r := range squeeze(w) {
				for k < len(got) && got[k] != r {
					k++
				}
				if k == len(got) {
					t.Fatalf("%s column: segment %d %q: %q missing or out of order", c.name, i, clip(w), r)
				}
				k++
			}
		}
	}
}

// extractAll returns the text of every page inside a region, in the order
// it is drawn (pdftotext -raw: no guessing of columns from its gaps).
func extractAll(t testing.TB, file string, x, y, w, h float64) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-raw", "-x", fmt.Sprint(int(x)), "-y", fmt.Sprint(int(y)),
		"-W", fmt.Sprint(int(w)), "-H", fmt.Sprint(int(h)), "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// markdownSyntax matches Markdown inline syntax left in a text.
var markdownSyntax = regexp.MustCompile(`\*\*|__|~~|` + "`" + `|\]\(|\[\^|^#+ |\n#+ |\|\s*---`)

// outline is a bookmark tree: its titles, nested.
type outline struct {
	title string
	kids  []*outline
}

func (o *outline) String() string {
	var b strings.Builder
	var walk func(o *outline, depth int)
	walk = func(o *outline, depth int) {
		for _, k := range o.kids {
			fmt.Fprintf(&b, "%s%s\n", strings.Repeat("  ", depth), k.title)
			walk(k, depth+1)
		}
	}
	walk(o, 0)
	return b.String()
}

// readOutline reads the bookmark tree of a PDF with pdftohtml -xml.
func readOutline(t *testing.T, file string) *outline {
	t.Helper()
	out, err := exec.Command("pdftohtml", "-xml", "-stdout", "-i", "-q", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	root := &outline{}
	stack := []*outline{root}
	tok := regexp.MustCompile(`<outline>|</outline>|<item page="\d+">([^<]*)</item>`)
	for _, m := range tok.FindAllSubmatch(out, -1) {
		switch {
		case bytes.Equal(m[0], []byte("<outline>")):
			top := stack[len(stack)-1]
			if len(top.kids) > 0 {
				stack = append(stack, top.kids[len(top.kids)-1])
			} else {
				stack = append(stack, top)
			}
		case bytes.Equal(m[0], []byte("</outline>")):
			stack = stack[:len(stack)-1]
		default:
			top := stack[len(stack)-1]
			top.kids = append(top.kids, &outline{title: htmlUnescape(string(m[1]))})
		}
	}
	if len(root.kids) == 0 {
		t.Fatal("no outline")
	}
	return root
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

// headingTree returns the tree the edition's headings make: the title,
// then the headings nested by level, each as "translation · source".
func headingTree(ed *edition) *outline {
	root := &outline{}
	units := ed.units()
	root.kids = append(root.kids, &outline{title: ed.trTitle + " · " + ed.srcTitle})
	type open struct {
		level int
		node  *outline
	}
	stack := []open{{0, root}}
	for _, u := range units {
		if u.seg.Kind != align.KindHeading {
			continue
		}
		lv := max(u.seg.Level, 1)
		for len(stack) > 1 && stack[len(stack)-1].level >= lv {
			stack = stack[:len(stack)-1]
		}
		n := &outline{title: ed.plain(u.tr) + " · " + ed.plain(u.seg.Text)}
		if u.placeholder {
			n.title = ed.plain(u.seg.Text)
		}
		p := stack[len(stack)-1].node
		p.kids = append(p.kids, n)
		stack = append(stack, open{lv, n})
	}
	return root
}

func pdfPages(t *testing.T, file string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, ln := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(ln, "Pages:") {
			fmt.Sscan(strings.TrimPrefix(ln, "Pages:"), &n)
		}
	}
	return n
}

// guide is a Markdown document of the shapes the declaration lacks: heading
// levels, nested lists, a block quote, a table, code, a long URL.
func guide() *builder {
	b := newBuilder("guide", "zh-Hans", align.FormatMarkdown)
	b.add(align.Segment{Kind: align.KindTitle, Text: "使用指南"}, "User guide")
	b.add(align.Segment{Kind: align.KindHeading, Level: 2, Text: "安装"}, "Installation")
	b.add(align.Segment{Kind: align.KindParagraph, Text: "运行 `npm install verso` 即可，*无需*其他步骤。"}, "Run `npm install verso`, *nothing* else is needed.")
	b.add(align.Segment{Kind: align.KindHeading, Level: 3, Text: "系统要求"}, "Requirements")
	b.add(align.Segment{Kind: align.KindItem, Marker: "-", Depth: 1, Text: "Node.js 18 或更高版本"}, "Node.js 18 or later")
	b.add(align.Segment{Kind: align.KindItem, Marker: "-", Depth: 2, Text: "推荐使用 LTS 版本"}, "an LTS release is recommended")
	b.add(align.Segment{Kind: align.KindItem, Marker: "1.", Depth: 3, Text: "~~旧版本~~不受支持"}, "~~old releases~~ are not supported")
	b.add(align.Segment{Kind: align.KindItem, Marker: "-", Depth: 1, Text: "**磁盘空间** 100 MB"}, "**disk space** 100 MB")
	b.add(align.Segment{Kind: align.KindItem, Marker: "- [x]", Depth: 1, Text: "已安装"}, "installed")
	b.add(align.Segment{Kind: align.KindItem, Marker: "- [ ]", Depth: 1, Text: "已配置"}, "configured")
	b.add(align.Segment{Kind: align.KindHeading, Level: 2, Text: "配置[^2]"}, "Configuration[^2]")
	b.add(align.Segment{Kind: align.KindParagraph, Quote: 1, Text: "注意：配置文件必须使用 UTF-8 编码。"}, "Note: the configuration file must be encoded in UTF-8.")
	b.add(align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: 1, Col: 1, Header: true}, Text: "选项"}, "Option")
	b.add(align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: 1, Col: 2, Header: true}, Text: "说明"}, "Meaning")
	b.add(align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: 2, Col: 1}, Text: "`paper`"}, "`paper`")
	b.add(align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: 2, Col: 2}, Text: "纸张大小，A4 或 Letter，默认为 A4 纸张"}, "paper size, A4 or Letter; A4 by default")
	b.add(align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: 3, Col: 1}, Text: "`new_page`"}, "`new_page`")
	b.add(align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: 3, Col: 2}, Text: "分页方式"}, "where pages break")
	b.add(align.Segment{Kind: align.KindParagraph, Text: "详见 https://example.org/documentation/configuration/publishing/page-breaks-and-headings.html 的说明。"},
		"See https://example.org/documentation/configuration/publishing/page-breaks-and-headings.html for the details of every option.")
	b.add(align.Segment{Kind: align.KindFootnote, Note: "2", Text: "配置文件位于仓库根目录。"}, "The file is at the root of the repository.")
	return b
}

// allText returns the whole text of a PDF.
func allText(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// headingsKept checks that every heading after the title page has text
// after it on its page.
func headingsKept(t *testing.T, ed *edition) {
	t.Helper()
	for n, p := range ed.pg.pages {
		if p.title {
			continue
		}
		for _, b := range p.bookmarks {
			below := 0
			for _, pl := range p.lines {
				if pl.y > b.y+30 {
					below++
				}
			}
			if below < 2 {
				t.Errorf("page %d: heading %q at the foot of the page", n+1, b.text)
			}
		}
	}
}

func TestDeclarationFlowsWithStructure(t *testing.T) {
	needPoppler(t)
	cov := declaration().cov("en")
	data, res, ed := write(t, cov, Options{})
	file := save(t, data)
	_, chapters, _ := write(t, cov, Options{NewPage: NewPageChapter})
	// Today's layout (every heading on a new page) is the chapter
	// policy's: 31 pages; flowing takes about a third of them here.
	if res.Pages*5 > chapters.Pages*2 {
		t.Errorf("%d pages flowing, %d with a page per article: want at most 40%%", res.Pages, chapters.Pages)
	}
	if n := pdfPages(t, file); n != res.Pages {
		t.Errorf("pdfinfo: %d pages, Write says %d", n, res.Pages)
	}
	checkOrder(t, file, ed)
	text := allText(t, file)
	if m := markdownSyntax.FindString(text); m != "" {
		t.Errorf("Markdown syntax %q left in the text", m)
	}
	for _, want := range []string{"1. 各方在相互尊重", "1. The Parties shall cooperate", "脚注内容：本注释说明来源。", "Footnote: this note gives the source.", "reaffirming"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the text", want)
		}
	}
	if got, want := readOutline(t, file).String(), headingTree(ed).String(); got != want {
		t.Errorf("bookmarks:\n%s\nwant the heading tree:\n%s", got, want)
	}
	for _, uri := range []string{"https://www.un.org/en/about-us/un-charter", "https://www.un.org/zh/about-us/un-charter"} {
		if !bytes.Contains(data, []byte("/S /URI /URI ("+uri+")")) {
			t.Errorf("no link annotation to %s", uri)
		}
	}
	headingsKept(t, ed)
	// The footnote is set at the foot of the page that refers to it, in
	// both columns, below the text.
	for n := 1; n <= res.Pages; n++ {
		out, err := exec.Command("pdftotext", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), "-raw", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		page := string(out)
		if ref := strings.Contains(page, "Charter of the United Nations1"); ref != strings.Contains(page, "Footnote: this note gives the source.") ||
			ref != strings.Contains(page, "脚注内容") {
			t.Errorf("page %d: the reference and its footnote are not on one page:\n%s", n, page)
		}
	}
	for _, p := range ed.pg.pages {
		for _, pl := range p.lines {
			if strings.Contains(lineText(pl.ln), "Footnote: this note") && pl.y < ed.pg.g.bottom-3*pl.ln.lead {
				t.Errorf("footnote %.0f pt above the foot of the page", ed.pg.g.bottom-pl.y)
			}
		}
	}
	again, _, _ := write(t, cov, Options{})
	if !bytes.Equal(data, again) {
		t.Error("two runs gave different PDFs")
	}
}

func TestSeedKeepsStatementsOnNewPages(t *testing.T) {
	cov := seed(t, "en")
	_, auto, ed := write(t, cov, Options{})
	_, chapters, _ := write(t, cov, Options{NewPage: NewPageChapter})
	if auto.Pages != chapters.Pages {
		t.Errorf("%d pages by default, %d with a page per statement", auto.Pages, chapters.Pages)
	}
	heads := 0
	for _, p := range ed.pg.pages[1:] {
		for _, b := range p.bookmarks {
			heads++
			if b.y != ed.pg.g.top {
				t.Errorf("statement %q starts %.0f pt down its page", b.text, b.y-ed.pg.g.top)
			}
		}
	}
	if heads < 2 {
		t.Fatalf("%d statements", heads)
	}
	_, never, ed := write(t, cov, Options{NewPage: NewPageNever})
	if never.Pages >= auto.Pages {
		t.Errorf("%d pages flowing, %d with a page per statement", never.Pages, auto.Pages)
	}
	headingsKept(t, ed)
	if _, err := Write(io.Discard, cov, Options{NewPage: "always", Fonts: testFonts(t)}); err == nil {
		t.Error("an unknown page-break policy was accepted")
	}
}

func TestStructureRendered(t *testing.T) {
	needPoppler(t)
	cov := guide().cov("en")
	data, _, ed := write(t, cov, Options{})
	file := save(t, data)
	checkOrder(t, file, ed)
	text := allText(t, file)
	if m := markdownSyntax.FindString(text); m != "" {
		t.Errorf("Markdown syntax %q left in the text", m)
	}
	for _, want := range []string{"• Node.js 18 or later", "• an LTS release is recommended", "1. old releases are not supported", "npm install verso", "■ installed", "□ configured"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the text", want)
		}
	}
	got := readOutline(t, file).String()
	if want := headingTree(ed).String(); got != want {
		t.Errorf("bookmarks:\n%s\nwant the heading tree:\n%s", got, want)
	}
	if !strings.Contains(got, "\nConfiguration · 配置\n") {
		t.Errorf("a heading's bookmark has its footnote number:\n%s", got)
	}
	out, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, face := range []string{"liberationserifB", "liberationserifI", "liberationmono"} {
		if !strings.Contains(string(out), "+"+face) {
			t.Errorf("no %s face:\n%s", face, out)
		}
	}
	// Nested items and quotes are indented; a table's cells are boxed.
	x := map[string]float64{}
	for _, p := range ed.pg.pages {
		for _, pl := range p.lines {
			if pl.x < ed.pg.g.trX {
				x[lineText(pl.ln)] = pl.x + pl.ln.indent
			}
		}
	}
	if !(x["• Node.js 18 或更高版本"] < x["• 推荐使用 LTS 版本"] && x["• 推荐使用 LTS 版本"] < x["1. 旧版本不受支持"]) {
		t.Errorf("list items not indented by depth: %v", x)
	}
	if x["注意：配置文件必须使用 UTF-8 编码。"] <= ed.pg.g.srcX {
		t.Errorf("block quote not indented")
	}
	rules := 0
	for _, p := range ed.pg.pages {
		rules += len(p.rules)
	}
	// Each side: a rule above and below each of 3 rows, and 3 between
	// and around its 2 columns.
	if rules < 2*3*5 {
		t.Errorf("%d rules, want the table's cell borders", rules)
	}
}

func TestCharactersKeptAsWritten(t *testing.T) {
	needPoppler(t)
	b := newBuilder("chars", "zh-Hans", align.FormatText)
	b.add(align.Segment{Kind: align.KindTitle, Text: "字符"}, "Символы")
	b.add(align.Segment{Kind: align.KindHeading, Level: 1, Text: "第一章 总则"}, "Глава I Общие положения")
	b.add(align.Segment{Kind: align.KindParagraph, Text: "甲\u200b乙\u200d丙\ufeff丁\u2060戊 己"}, "Мои\u0306 a\u200bb\u200dc\ufeffd\u2060e\ufe0ff")
	data, _, ed := write(t, b.cov("ru"), Options{})
	text := allText(t, save(t, data))
	for _, want := range []string{"第一章 总则", "甲\u200b乙\u200d丙\ufeff丁\u2060戊 己", "Мой a\u200bb\u200dc\ufeffd\u2060e\ufe0ff"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the text: %q", want, text)
		}
	}
	// The ignorables take no space.
	st := styleFor(align.KindParagraph, true)
	if a, b := ed.s.measure("甲\u200b乙\u200d丙\ufeff丁\u2060戊", st, true), ed.s.measure("甲乙丙丁戊", st, true); a != b {
		t.Errorf("ignorables take %.2f pt", a-b)
	}
}

func TestPrepareRichMapsSpans(t *testing.T) {
	in := align.Inline{Plain: "a  **b**\nc d",
		Spans: []align.Span{{Kind: align.SpanStrong, Start: 3, End: 8}, {Kind: align.SpanFootnoteRef, Start: 8, End: 8, Label: "x"},
			{Kind: align.SpanBreak, Start: 9, End: 9}, {Kind: align.SpanLink, Start: 9, End: 10, URL: "u"}}}
	text, rt := prepareRich(in, "1.", footnoteMarks{"x": 7})
	if want := "1. a **b**7\u2028c d"; text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
	if rt.prefix != 3 || len(rt.links) != 1 || rt.links[0] != "u" {
		t.Fatalf("prefix %d links %q", rt.prefix, rt.links)
	}
	for i, want := range map[int]attr{0: 0, 5: aStrong, 9: aStrong, 10: aSup, 14: aLinked | 1<<16, 15: 0} {
		if got := rt.at(i); got != want {
			t.Errorf("attr at %d (%q) = %x, want %x", i, text[i:], got, want)
		}
	}
}

func TestWideTableAcrossPages(t *testing.T) {
	needPoppler(t)
	b := newBuilder("table", "zh-Hans", align.FormatMarkdown)
	b.add(align.Segment{Kind: align.KindTitle, Text: "成员国名单"}, "Member States")
	b.add(align.Segment{Kind: align.KindHeading, Level: 2, Text: "名单"}, "List")
	heads := [][2]string{{"序号", "No."}, {"国家", "State"}, {"首都", "Capital"}, {"加入年份", "Joined"}}
	for c, h := range heads {
		b.add(align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: 1, Col: c + 1, Header: true}, Text: h[0]}, h[1])
	}
	const rows = 60
	for r := 2; r <= rows; r++ {
		for c := 1; c <= 4; c++ {
			b.add(align.Segment{Kind: align.KindCell, Cell: &align.Cell{Table: 1, Row: r, Col: c}, Text: fmt.Sprintf("第%d行第%d列", r, c)},
				fmt.Sprintf("row %d column %d", r, c))
		}
	}
	data, res, ed := write(t, b.cov("en"), Options{})
	file := save(t, data)
	text := squeeze(allText(t, file))
	for r := 2; r <= rows; r++ {
		for _, want := range []string{fmt.Sprintf("第%d行第%d列", r, 4), fmt.Sprintf("row %d column %d", r, 4)} {
			if !strings.Contains(text, squeeze(want)) {
				t.Fatalf("no %q", want)
			}
		}
	}
	// The source's table, then the translation's, across the width: the
	// header rows repeat on every page the table goes on.
	if res.Pages < 3 {
		t.Fatalf("%d pages", res.Pages)
	}
	for n := 3; n <= res.Pages; n++ {
		out, err := exec.Command("pdftotext", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), "加入年份") && !strings.Contains(string(out), "Joined") {
			t.Errorf("page %d: no header row", n)
		}
	}
	for _, p := range ed.pg.pages {
		for _, pl := range p.lines {
			if pl.x+pl.ln.indent+pl.ln.width > ed.pg.g.right+0.5 {
				t.Errorf("cell text %q beyond the text block", lineText(pl.ln))
			}
		}
	}
}

func TestInterleavedStructure(t *testing.T) {
	needPoppler(t)
	cov := guide().cov("en")
	data, _, ed := write(t, cov, Options{Layout: Interleaved})
	file := save(t, data)
	text := squeeze(allText(t, file))
	k := 0
	for _, u := range ed.units() {
		if u.seg.Note != "" {
			for _, s := range []string{plainOf(ed, u.seg, u.seg.Text), plainOf(ed, u.seg, u.tr)} {
				if !strings.Contains(text, squeeze(s)) {
					t.Errorf("footnote %q missing", s)
				}
			}
			continue // at the foot of its page
		}
		if u.seg.Kind == align.KindTitle || u.seg.Kind == align.KindCell {
			continue // a table's cells: the source's table, then the translation's
		}
		for _, s := range []string{plainOf(ed, u.seg, u.seg.Text), plainOf(ed, u.seg, u.tr)} {
			i := strings.Index(text[k:], squeeze(s))
			if i < 0 {
				t.Fatalf("%q missing or out of order", s)
			}
			k += i
		}
	}
	if m := markdownSyntax.FindString(allText(t, file)); m != "" {
		t.Errorf("Markdown syntax %q left in the text", m)
	}
	if got, want := readOutline(t, file).String(), headingTree(ed).String(); got != want {
		t.Errorf("bookmarks:\n%s\nwant the heading tree:\n%s", got, want)
	}
}

// FuzzPrepareRich checks that inline spans over any text never panic nor
// change the text they format (NFC text: normalization is per span), that
// their runs cover the text in order, and that splitting web addresses
// keeps every byte.
func FuzzPrepareRich(f *testing.F) {
	f.Add("a  **b**\nc https://example.org/a-b/c.d 上海 合作", uint64(0x0305_0a0e))
	f.Add("第一章 总则\u200b。", uint64(7))
	f.Fuzz(func(t *testing.T, s string, cuts uint64) {
		if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
			return
		}
		in := align.Inline{Plain: s}
		kinds := []align.SpanKind{align.SpanStrong, align.SpanEmphasis, align.SpanCode, align.SpanLink, align.SpanStrike}
		for k := 0; k < 4 && len(s) > 0; k++ {
			a, b := int(cuts>>(16*k)&0xff)%(len(s)+1), int(cuts>>(16*k+8)&0xff)%(len(s)+1)
			a, b = min(a, b), max(a, b)
			for a > 0 && a < len(s) && !utf8.RuneStart(s[a]) {
				a--
			}
			for b < len(s) && !utf8.RuneStart(s[b]) {
				b++
			}
			in.Spans = append(in.Spans, align.Span{Kind: kinds[k%len(kinds)], Start: a, End: b, URL: "u"})
		}
		text, rt := prepareRich(in, "", nil)
		if want := prepare(s); text != want {
			t.Fatalf("prepareRich(%q) = %q, prepare gives %q", s, text, want)
		}
		if rt != nil {
			end := 0
			for _, r := range rt.runs {
				if r.end < end {
					t.Fatalf("runs out of order: %v", rt.runs)
				}
				end = r.end
			}
			if end != len(text) {
				t.Fatalf("runs end at %d of %d", end, len(text))
			}
		}
		var b strings.Builder
		for _, a := range breakURLs(atoms(text)) {
			b.WriteString(a.text)
		}
		if b.String() != text {
			t.Fatalf("breakURLs changed %q to %q", text, b.String())
		}
	})
}

func TestCodeNeitherHyphenatedNorSlanted(t *testing.T) {
	en := needHyphenation(t, "en")
	s := &setter{fonts: testFonts(t)}
	st := styleFor(align.KindParagraph, false)
	st.hy = en
	in := align.ParseInline(align.FormatMarkdown, "Use `micromark-extension-gfm-footnote` with `mdast-util-from-markdown` and `mdast-util-gfm-footnote`, or *internationalization* and **characteristically** overcomplicated hyphenation candidates.")
	text, rt := prepareRich(in, "", nil)
	st.rich = rt
	hyphens := 0
	for _, w := range []float64{90, 110, 130, 150} {
		for _, ln := range s.setPrepared(text, st, w, false) {
			for k, p := range ln.pieces {
				if p.hyphen {
					hyphens++
					if prev := ln.pieces[k-1]; prev.a&aCode != 0 {
						t.Errorf("code hyphenated at %q", lineText(&ln))
					}
				}
				if p.a&aCode != 0 && strings.TrimSpace(p.text) != "" && p.font != fMono {
					t.Errorf("code %q not in the monospace face", p.text)
				}
				if p.a&aEmph != 0 && strings.TrimSpace(p.text) != "" && p.font != fSerifItalic {
					t.Errorf("emphasis %q not italic", p.text)
				}
				if p.a&aStrong != 0 && strings.TrimSpace(p.text) != "" && p.font != fSerifBold {
					t.Errorf("strong %q not bold", p.text)
				}
			}
		}
	}
	if hyphens == 0 {
		t.Error("nothing hyphenated: the test proves nothing")
	}
}

func TestFootnoteOfSeveralBlocks(t *testing.T) {
	needPoppler(t)
	md := "# Title\n\nThe text refers to a note[^a] and goes on.\n\nAnother paragraph.\n\n" +
		"[^a]: The note's first paragraph.\n\n    Its second paragraph.\n\n    - an item in the note\n"
	doc, err := align.Parse("sources/notes.md", "en", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	var trs []align.Translation
	for i := range doc.Segments {
		s := &doc.Segments[i]
		s.ID = fmt.Sprintf("n%05d", i)
		trs = append(trs, align.Translation{ID: s.ID, Hash: s.Hash, Text: "«" + s.Text + "»"})
	}
	data, _, ed := write(t, align.Assess(doc, "fr", trs), Options{})
	file := save(t, data)
	checkOrder(t, file, ed)
	// All of the note at the foot of the page, after the text, numbered
	// once.
	text := extractAll(t, file, 0, 0, ed.pg.g.w, ed.pg.g.h)
	i, j, k := strings.Index(text, "Another paragraph."), strings.Index(text, "Its second paragraph."), strings.Index(text, "an item in the note")
	if !(i >= 0 && i < j && j < k) {
		t.Errorf("note not after the text: %q", text)
	}
	if n := strings.Count(text, "1. The note"); n != 1 {
		t.Errorf("note numbered %d times: %q", n, text)
	}
}

func TestDraftReadsStaleMarkup(t *testing.T) {
	needPoppler(t)
	b := declaration()
	for i := range b.trs {
		if strings.Contains(b.trs[i].Text, "**reaffirming**") {
			b.trs[i].Hash = "sha1-0000000000000000000000000000000000000000" // translated from an older source
		}
	}
	cov := b.cov("en")
	if cov.Counts[align.Stale] != 1 {
		t.Fatalf("%d stale", cov.Counts[align.Stale])
	}
	data, _, _ := write(t, cov, Options{Draft: true})
	text := allText(t, save(t, data))
	if !strings.Contains(text, "reaffirming their common wish") || strings.Contains(text, "**") {
		t.Errorf("stale translation with its syntax: %q", clip(text))
	}
}

func TestEmphasisDotsAndHeadingSizes(t *testing.T) {
	needPoppler(t)
	testenv.Command(t, "pdftoppm", "poppler-utils")
	data, _, ed := write(t, guide().cov("en"), Options{})
	file := save(t, data)
	// Under the emphasized CJK characters (无需) there is ink just below
	// the baseline; under the characters beside them there is none.
	dots, plain := 0.0, -1.0
	found := false
	for n, p := range ed.pg.pages {
		for _, pl := range p.lines {
			if pl.x >= ed.pg.g.trX {
				continue
			}
			x := pl.x + pl.ln.offset()
			for _, pc := range pl.ln.pieces {
				if pc.font != fCJK || pc.a&aEmph == 0 && !strings.Contains(pc.text, "即可") {
					continue
				}
				base := pl.y + baseline(pl.ln)
				img := raster(t, file, n+1, x+pc.x+1, base+pc.size*0.15, pc.w-2, pc.size*0.2, 300)
				inked, _, _ := ink(img)
				per := float64(inked) / pc.w
				if pc.a&aEmph != 0 {
					dots, found = per, true
				} else if strings.Contains(pc.text, "即可") {
					plain = per
				}
			}
		}
	}
	t.Logf("ink per pt below emphasized characters %.2f, below plain ones %.2f", dots, plain)
	if !found || plain < 0 || dots <= 0 || plain > dots/4 {
		t.Errorf("ink below emphasized characters %.2f per pt, below plain ones %.2f", dots, plain)
	}
	// Heading sizes fall with the level.
	size := map[int]float64{}
	for _, p := range ed.pg.pages {
		for _, pl := range p.lines {
			for _, u := range ed.units() {
				if u.seg.Kind == align.KindHeading && lineText(pl.ln) == plainOf(ed, u.seg, u.seg.Text) {
					size[ed.rel(u.seg)] = pl.ln.size
				}
			}
		}
	}
	if !(size[1] > size[2]) {
		t.Errorf("heading sizes by level: %v", size)
	}
}

// FuzzWriteStructure typesets documents of any structure the model
// allows (every kind, level, list depth, quote depth, marker, footnote
// label and table cell, with inline markup, ignorables and long
// addresses), its bytes choosing each: Write never fails nor panics.
func FuzzWriteStructure(f *testing.F) {
	f.Add([]byte("\x05\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"))
	f.Add([]byte("\x09\x05\x05\x05\x00\x01\x02\x05\x05\x05\x05\x05\x05\x05\x05\x01\x03\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05"))
	words := []string{"**粗**", "*斜*", "`code`", "[链接](https://x.org/a/b)", "[^1]", "[^x]", "文字", "word", " ", "  \n",
		"https://example.org/very/long/path-with-dashes/and/more", "\u200b", "\u200d", "и\u0306", "~~s~~", "《书》", "——", "……", "、", "。", "𠮷",
		"  \\\n", "<br>", "![图](https://x.org/i.png)"}
	kinds := []align.Kind{align.KindTitle, align.KindHeading, align.KindParagraph, align.KindItem, align.KindFootnote, align.KindCell, align.KindDate, align.KindNote}
	markers := []string{"", "-", "1.", "- [ ]", "(a)", "*", "一、"}
	policies := []NewPage{"", NewPageChapter, NewPageSection, NewPageNever}
	fonts := testFonts(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		k := 0
		next := func(n int) int {
			if k >= len(data) {
				return 0
			}
			k++
			return int(data[k-1]) % n
		}
		doc := &align.Document{Name: "fuzz", Path: "sources/fuzz.md", Lang: "zh-Hans", Format: align.FormatMarkdown}
		var trs []align.Translation
		for i := range 1 + next(40) {
			var txt string
			for range 1 + next(12) {
				txt += words[next(len(words))]
			}
			s := align.Segment{ID: fmt.Sprintf("f%04d", i), Kind: kinds[next(len(kinds))], Text: txt, Line: i + 1,
				Level: next(7), Depth: next(4), Quote: next(3), Marker: markers[next(len(markers))]}
			if s.Kind == align.KindFootnote || next(8) == 0 {
				s.Note = []string{"1", "x", "2"}[next(3)]
			}
			if s.Kind == align.KindCell {
				s.Cell = &align.Cell{Table: 1 + next(2), Row: next(5), Col: next(6), Header: next(2) == 0}
			}
			s.Hash = align.Hash(s.Text)
			doc.Segments = append(doc.Segments, s)
			if next(5) > 0 {
				trs = append(trs, align.Translation{ID: s.ID, Hash: s.Hash, Text: txt + " tr"})
			}
		}
		cov := align.Assess(doc, "en", trs)
		opts := Options{Fonts: fonts, Date: testDate, Draft: next(2) == 0, AllowMissing: true,
			Layout: []Layout{Columns, Interleaved}[next(2)], NewPage: policies[next(len(policies))]}
		if _, err := Write(io.Discard, cov, opts); err != nil {
			t.Fatal(err)
		}
	})
}
