package xlsx_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/export/xlsx"
)

// TestSuggestionColumn: a translation-memory suggestion fills the
// suggestion column of its row, never the translation cell; the import
// ignores the column; and a workbook written before the column existed
// still imports.
func TestSuggestionColumn(t *testing.T) {
	f := newFixture(t)
	var missing align.Segment
	for _, it := range f.xd[1].Coverage.Items {
		if it.State == align.Missing {
			missing = f.xd[1].Coverage.Doc.Segments[it.Index]
			break
		}
	}
	sugg := "92% sources/alpha.txt:5 m2kb3x: Первый абзац"
	f.xd[1].Suggestions = map[string]string{missing.ID: sugg}
	data := f.export(t, false)
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("beta")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rows[0][13], "Suggestion (translation memory)") {
		t.Fatalf("header %q", rows[0])
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] != missing.ID {
			continue
		}
		found = true
		if len(r) < 14 || r[13] != sugg || r[5] != "" {
			t.Errorf("row %q: want the suggestion in N and an empty translation", r)
		}
	}
	if !found {
		t.Fatalf("no row %s", missing.ID)
	}
	wb, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if res := xlsx.Merge(wb, f.docs, xlsx.PreferNone); len(res.Problems) > 0 || len(res.Translations) > 0 {
		t.Errorf("untouched workbook with a suggestion: problems %v, translations %v", res.Problems, res.Translations)
	}

	// The same workbook without the column, as verso wrote it before.
	for _, sh := range []string{"alpha", "beta"} {
		rows, _ := x.GetRows(sh)
		for i := range rows {
			cell, _ := excelize.CoordinatesToCellName(14, i+1)
			x.SetCellValue(sh, cell, nil)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	wb, err = read(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if res := xlsx.Merge(wb, f.docs, xlsx.PreferNone); len(res.Problems) > 0 {
		t.Errorf("workbook without the suggestion column: %v", res.Problems)
	}
}
