package pdf

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"verso/align"
	"verso/export/pdf/hyph"
	"verso/internal/installed"
)

// BenchmarkSeedEdition typesets the repository's own document with its
// English translation, finding and loading the fonts and the hyphenation
// patterns in every iteration as a fresh `verso publish` does.
func BenchmarkSeedEdition(b *testing.B) {
	cov := seed(b, "en")
	for b.Loop() {
		fd, err := installed.Font(installed.FontRequest{Lang: "zh-Hans"})
		if err != nil {
			b.Fatal(err)
		}
		f, err := DefaultFonts()
		if err != nil {
			b.Fatal(err)
		}
		f.CJK, f.CJKBold = fd.Face, fd.Bold
		pats := map[string]*hyph.Patterns{}
		if path, err := installed.PatternFile("en", nil); err == nil {
			if pats["en"], err = installed.LoadPatterns(path); err != nil {
				b.Fatal(err)
			}
		}
		res, err := Write(io.Discard, cov, Options{Fonts: &f, Date: testDate, Hyphenation: pats})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// Big returns a generated document of about pages pages in the columns
// layout: statements of twenty paragraphs, their translations complete.
func Big(pages int) *align.Coverage {
	doc := &align.Document{Name: "big", Path: "sources/big.txt", Lang: "zh-Hans"}
	var trs []align.Translation
	add := func(kind align.Kind, src, tr string) {
		id := fmt.Sprintf("b%05d", len(doc.Segments))
		doc.Segments = append(doc.Segments, align.Segment{ID: id, Kind: kind, Text: src, Hash: align.Hash(src), Line: len(doc.Segments) + 1})
		trs = append(trs, align.Translation{ID: id, Hash: align.Hash(src), Text: tr})
	}
	add(align.KindTitle, "上海合作组织成员国元首理事会系列声明汇编", "Collected Statements of the Council of Heads of State of the SCO")
	zh := "我们，上海合作组织成员国领导人，强调，新冠肺炎疫情仍在本地区及全球蔓延，对各国经济社会、人民生命健康和民生福祉造成严重影响。国际社会应发挥联合国系统核心作用，采取坚决、协同和包容的行动，共同抗击疫情。"
	en := "We, the leaders of the Member States of the Shanghai Cooperation Organisation, emphasise that the COVID-19 pandemic continues to spread in the region and across the world, seriously affecting the economies and societies of all countries. With the United Nations system playing a central role, the international community should take resolute, coordinated and inclusive action to jointly combat the pandemic."
	// A statement of 20 such pairs fills about 6 pages.
	for s := 0; s < pages/6; s++ {
		add(align.KindHeading, fmt.Sprintf("第%d号声明：关于共同应对疫情的声明", s+1), fmt.Sprintf("Statement No. %d on Jointly Countering the Pandemic", s+1))
		for p := range 20 {
			add(align.KindParagraph, fmt.Sprintf("%d. %s", p+1, strings.Repeat(zh, 1+p%2)), fmt.Sprintf("%d. %s", p+1, strings.Repeat(en+" ", 1+p%2)))
		}
		add(align.KindDate, "2020年11月10日", "10 November 2020")
	}
	return align.Assess(doc, "en", trs)
}

// BenchmarkThousandPages typesets a generated edition of about 1,000
// pages.
func BenchmarkThousandPages(b *testing.B) {
	cov := Big(1000)
	fonts := testFonts(b)
	for b.Loop() {
		res, err := Write(io.Discard, cov, Options{Fonts: fonts, Date: testDate})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// BigMarkdown returns a generated Markdown document of about pages pages:
// # chapters of ## articles whose numbered paragraphs carry strong text, a
// link and now and then a footnote reference, their translations complete.
func BigMarkdown(pages int) *align.Coverage {
	doc := &align.Document{Name: "bigmd", Path: "sources/bigmd.md", Lang: "zh-Hans", Format: align.FormatMarkdown}
	var trs []align.Translation
	add := func(seg align.Segment, tr string) {
		seg.ID = fmt.Sprintf("m%06d", len(doc.Segments))
		seg.Hash, seg.Line = align.Hash(seg.Text), len(doc.Segments)+1
		doc.Segments = append(doc.Segments, seg)
		trs = append(trs, align.Translation{ID: seg.ID, Hash: seg.Hash, Text: tr})
	}
	add(align.Segment{Kind: align.KindTitle, Text: "区域合作条约汇编"}, "Collected Treaties on Regional Cooperation")
	zh := "各方应当**加强**在经济、贸易、投资、交通、能源和信息通信领域的务实合作，详见[联合国网站](https://www.un.org/zh/)，并为此建立相应的协调机制，定期审议合作进展情况。"
	en := "The Parties shall **strengthen** practical cooperation in the fields of the economy, trade, investment, transport, energy and communications, see [the United Nations website](https://www.un.org/en/), and shall establish coordination mechanisms to that end."
	// A chapter of ten articles of three paragraphs fills about 3 pages.
	for c := 0; c < pages/3; c++ {
		add(align.Segment{Kind: align.KindHeading, Level: 1, Text: fmt.Sprintf("第%d章 总则", c+1)}, fmt.Sprintf("Chapter %d General provisions", c+1))
		for a := range 10 {
			add(align.Segment{Kind: align.KindHeading, Level: 2, Text: fmt.Sprintf("第%d条", 10*c+a+1)}, fmt.Sprintf("Article %d", 10*c+a+1))
			for p := range 3 {
				z, e := zh, en
				if p == 2 && a == 9 {
					z, e = z+fmt.Sprintf("[^%d]", c+1), e+fmt.Sprintf("[^%d]", c+1)
				}
				add(align.Segment{Kind: align.KindItem, Marker: fmt.Sprintf("%d.", p+1), Depth: 1, Text: z}, e)
			}
		}
		add(align.Segment{Kind: align.KindFootnote, Note: fmt.Sprint(c + 1), Text: "脚注内容：本注释说明来源。"}, "Footnote: this note gives the source.")
	}
	return align.Assess(doc, "en", trs)
}

// BenchmarkThousandPagesMarkdown typesets a generated Markdown edition of
// about 1,000 pages with heading levels, list items, inline markup and
// footnotes.
func BenchmarkThousandPagesMarkdown(b *testing.B) {
	cov := BigMarkdown(1000)
	fonts := testFonts(b)
	for b.Loop() {
		res, err := Write(io.Discard, cov, Options{Fonts: fonts, Date: testDate})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}
