package align

import (
	"fmt"
	"reflect"
	"testing"
)

func TestTextHeadingLevels(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // kind and level of each segment
	}{
		{"law", "中华人民共和国某某法\n\n序言\n\n本法序言。\n\n第一章　总则\n\n第一节 一般规定\n\n第一条\n\n为了规范，制定本法。\n\n第二条 本法适用于全国。\n\n第二章 附则\n\n第三条\n\n本法自公布之日起施行。\n",
			[]string{"title 0", "heading 1", "paragraph 0", "heading 1", "heading 2", "heading 3", "paragraph 0", "paragraph 0", "heading 1", "heading 3", "paragraph 0"}},
		{"articles only", "Declaration\n\nArticle 1\n\nAll human beings are born free.\n\nArticle 2\n\nEveryone is entitled.\n",
			[]string{"title 0", "heading 1", "paragraph 0", "heading 1", "paragraph 0"}},
		{"russian", "Конституция\n\nРаздел I\n\nГлава 1. Основы\n\nСтатья 1\n\nРоссия есть государство.\n",
			[]string{"title 0", "heading 1", "heading 2", "heading 3", "paragraph 0"}},
		{"chinese enumeration", "关于某事的意见\n\n一、总体要求\n\n（一）指导思想\n\n坚持以人民为中心。\n\n1.1 分项\n\n1.1.1 细项\n\n二、主要任务\n",
			[]string{"title 0", "heading 1", "heading 2", "paragraph 0", "heading 3", "heading 4", "heading 1"}},
		{"chapters in roman", "Treaty\n\nChapter I. General Provisions\n\nPreamble\n\nChapter II\n",
			[]string{"title 0", "heading 1", "heading 1", "heading 1"}},
		{"footnote markers", "标题\n\n……的声明。[3]\n\n会议通过了声明。（2）\n\n他说：“我们同意。”\n\nThe report was adopted.¹\n\n小标题\n",
			[]string{"title 0", "paragraph 0", "paragraph 0", "paragraph 0", "paragraph 0", "heading 1"}},
		{"several sentences", "Title\n\nWe met. They agreed\n\n我们开会。他们同意\n\nMr. Smith and Dr. Jones\n",
			[]string{"title 0", "paragraph 0", "paragraph 0", "heading 1"}},
	}
	for _, c := range cases {
		doc, err := Parse("x.txt", "zh", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range doc.Segments {
			got = append(got, fmt.Sprintf("%s %d", s.Kind, s.Level))
		}
		if !reflect.DeepEqual(got, c.want) {
			for _, s := range doc.Segments {
				t.Logf("%s %d %q", s.Kind, s.Level, s.Text)
			}
			t.Errorf("%s: got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestSeedLevels(t *testing.T) {
	doc := parseSeed(t)
	for _, s := range doc.Segments {
		switch {
		case s.Kind == KindHeading && s.Level != 1, s.Kind != KindHeading && s.Level != 0:
			t.Errorf("line %d: %s at level %d", s.Line, s.Kind, s.Level)
		case s.Kind == KindItem && s.Depth != 1, s.Kind != KindItem && s.Depth != 0:
			t.Errorf("line %d: %s at depth %d", s.Line, s.Kind, s.Depth)
		}
	}
}
