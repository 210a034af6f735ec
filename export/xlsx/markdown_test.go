package xlsx_test

import (
	"bytes"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/export/xlsx"
)

const guideSrc = "# 指南\n\n## 安装\n\n1. 运行 `npm install`。\n   - 参见[文档](https://example.org)。\n\n| 选项 | 说明 |\n|---|---|\n| `-v` | 详细输出[^1] |\n\n[^1]: 脚注内容。\n"

// TestMarkdownRows exports a Markdown document: the Kind column shows each
// row's place in the structure and the Source column the Markdown as
// written; import takes a translation that keeps the source's markup and
// rejects, at its cell, one that lost a link or changed a code span.
func TestMarkdownRows(t *testing.T) {
	doc, err := align.Parse("sources/guide.md", "zh-Hans", []byte(guideSrc))
	if err != nil {
		t.Fatal(err)
	}
	align.Sync(doc, nil)
	var buf bytes.Buffer
	cov := align.Assess(doc, "en", nil)
	if _, err := xlsx.Write(&buf, []xlsx.Doc{{Coverage: cov}}, xlsx.Options{SourceLang: "zh-Hans", Created: time.Unix(1604966400, 0)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[1]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	rowOf := map[string]int{}
	for i, r := range rows[1:] {
		kinds[r[3]] = r[1]
		rowOf[r[3]] = i + 2
	}
	for src, want := range map[string]string{
		"指南":                           "title",
		"安装":                           "heading 2",
		"运行 `npm install`。":            "item 1.",
		"参见[文档](https://example.org)。": "item - (depth 2)",
		"`-v`":                         "table 1, row 2, column 1",
		"详细输出[^1]":                     "table 1, row 2, column 2",
		"脚注内容。":                        "footnote 1",
	} {
		if kinds[src] != want {
			t.Errorf("row of %q: kind %q, want %q", src, kinds[src], want)
		}
	}
	set := func(src, tr string) {
		if err := f.SetCellStr(sheet, "F"+strconv.Itoa(rowOf[src]), tr); err != nil {
			t.Fatal(err)
		}
	}
	set("运行 `npm install`。", "Run `npm install`.")
	set("参见[文档](https://example.org)。", "See the documentation.")
	set("详细输出[^1]", "verbose output")
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	wb, err := read(t, out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	res := xlsx.Merge(wb, map[string]*xlsx.Current{"guide": {Doc: doc, TranslationPath: "translations/guide.en.toml", ReviewPath: "translations/guide.en.review.tsv"}}, xlsx.PreferNone)
	if got := len(res.Translations["guide"]); got != 1 || res.Translations["guide"][0].Text != "Run `npm install`." {
		t.Errorf("imported %v, want the translation that kept its code span", res.Translations["guide"])
	}
	want := map[string]bool{sheet + "!F" + strconv.Itoa(rowOf["参见[文档](https://example.org)。"]): true, sheet + "!F" + strconv.Itoa(rowOf["详细输出[^1]"]): true}
	for _, p := range res.Problems {
		if !errors.Is(p, xlsx.ErrMarkup) || p.Level != xlsx.LevelRejected {
			t.Errorf("unexpected problem %v", p)
			continue
		}
		if !want[p.Cell()] {
			t.Errorf("problem at %s, want one of %v: %v", p.Cell(), want, p)
		}
	}
	if len(res.Problems) != 2 {
		t.Errorf("%d problems, want the two rows that lost markup", len(res.Problems))
	}
}
