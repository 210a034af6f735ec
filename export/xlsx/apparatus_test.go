package xlsx_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/export/xlsx"
)

// TestInstructionsInTheTargetLanguage exports the fixture's documents for
// translators into French, Spanish, Chinese and a language verso has no
// words in: the instructions sheet has English first and then the target
// language's words, from verso's message files; the headers of the
// document sheets have the target language's names on a second line.
func TestInstructionsInTheTargetLanguage(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ locale, howTo, translation, total string }{
		{"fr", "Comment utiliser ce classeur", "Traduction", "Total / Total"},
		{"es", "Cómo trabajar con este libro", "Traducción", "Total / Total"},
		{"zh-Hant", "", "", "Total"}, // no words in traditional Chinese yet: English only
		{"de", "", "", "Total"},
	} {
		var xd []xlsx.Doc
		for _, name := range []string{"alpha", "beta"} {
			cur := f.docs[name]
			xd = append(xd, xlsx.Doc{Coverage: align.Assess(cur.Doc, c.locale, nil)})
		}
		var buf bytes.Buffer
		if _, err := xlsx.Write(&buf, xd, xlsx.Options{SourceLang: "zh-Hans", Created: time.Unix(1604966400, 0)}); err != nil {
			t.Fatal(err)
		}
		ef, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := ef.GetRows(xlsx.InstructionsSheet)
		if err != nil {
			t.Fatal(err)
		}
		var howTo, total string
		for _, r := range rows {
			if len(r) > 1 && r[0] == "How to work with this workbook" {
				howTo = r[1]
			}
			if len(r) > 0 && strings.HasPrefix(r[0], "Total") {
				total = r[0]
			}
		}
		if howTo != c.howTo || total != c.total {
			t.Errorf("%s: instructions %q, total %q; want %q, %q", c.locale, howTo, total, c.howTo, c.total)
		}
		head, err := ef.GetCellValue("alpha", "F1")
		if err != nil {
			t.Fatal(err)
		}
		if want := "Translation (" + c.locale + ")"; c.translation != "" {
			want += "\n" + c.translation
			if head != want {
				t.Errorf("%s: translation column header %q, want %q", c.locale, head, want)
			}
		} else if head != want {
			t.Errorf("%s: translation column header %q, want %q", c.locale, head, want)
		}
		ef.Close()
	}
}
