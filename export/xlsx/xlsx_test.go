package xlsx_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/align/msgfile"
	"verso/export/xlsx"
	"verso/export/xlsx/xlsxtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const alphaSrc = `示例文件标题

第一节

第一段落，内容较长：上海合作组织成员国领导人强调，国际社会应加强合作，共同应对挑战。

第二段落已经修改。

2020年11月10日

第二节

第三段落。

第四段落。
`

const betaSrc = `附件

附件第一段。

附件第二段。
`

// fixture is a small project state: document alpha with a translated
// title and paragraph, a stale paragraph and missing ones; document beta
// with nothing translated.
type fixture struct {
	docs map[string]*xlsx.Current
	xd   []xlsx.Doc
}

func parse(t testing.TB, name, src string) *align.Document {
	t.Helper()
	doc, err := align.Parse("sources/"+name+".txt", "zh-Hans", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	align.Sync(doc, nil)
	return doc
}

func newFixture(t testing.TB) *fixture {
	alpha, beta := parse(t, "alpha", alphaSrc), parse(t, "beta", betaSrc)
	seg := func(d *align.Document, prefix string) align.Segment {
		for _, s := range d.Segments {
			if strings.HasPrefix(s.Text, prefix) {
				return s
			}
		}
		t.Fatalf("no segment %q", prefix)
		return align.Segment{}
	}
	title, p1, p2 := seg(alpha, "示例"), seg(alpha, "第一段落"), seg(alpha, "第二段落")
	trs := []align.Translation{
		{ID: title.ID, Hash: title.Hash, Text: "Образец: заголовок документа"},
		{ID: p1.ID, Hash: p1.Hash, Text: "Первый абзац, довольно длинный: руководители государств – членов ШОС подчеркивают, что международному сообществу следует укреплять сотрудничество."},
		{ID: p2.ID, Hash: align.Hash("第二段落。"), Text: "Второй абзац."},
	}
	revs := []msgfile.Review{{ID: p1.ID, Flag: msgfile.NeedsReview, Note: "проверить термин"}}
	f := &fixture{docs: map[string]*xlsx.Current{
		"alpha": {Doc: alpha, Translations: trs, Reviews: revs, TranslationPath: "translations/alpha.ru.toml", ReviewPath: "translations/alpha.ru.review.tsv"},
		"beta":  {Doc: beta, TranslationPath: "translations/beta.ru.toml", ReviewPath: "translations/beta.ru.review.tsv"},
	}}
	for _, name := range []string{"alpha", "beta"} {
		c := f.docs[name]
		d := xlsx.Doc{Coverage: align.Assess(c.Doc, "ru", c.Translations), Reviews: c.Reviews}
		if name == "alpha" {
			d.OldSource = map[string]string{p2.ID: "第二段落。"}
		}
		f.xd = append(f.xd, d)
	}
	return f
}

func (f *fixture) export(t testing.TB, all bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := xlsx.Write(&buf, f.xd, xlsx.Options{SourceLang: "zh-Hans", All: all, Created: time.Unix(1604966400, 0)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func read(t testing.TB, data []byte) (*xlsx.Workbook, error) {
	t.Helper()
	return xlsx.Read(bytes.NewReader(data), int64(len(data)), "ru.xlsx", xlsx.ReadOptions{})
}

func TestUntouchedWorkbookChangesNothing(t *testing.T) {
	for _, all := range []bool{false, true} {
		f := newFixture(t)
		wb, err := read(t, f.export(t, all))
		if err != nil {
			t.Fatal(err)
		}
		res := xlsx.Merge(wb, f.docs, xlsx.PreferNone)
		if len(res.Problems) > 0 || len(res.Translations) > 0 || len(res.Reviews) > 0 || res.Imported+res.Reviewed > 0 {
			t.Errorf("all=%v: untouched workbook: problems %v, %d imported, %d reviewed", all, res.Problems, res.Imported, res.Reviewed)
		}
		want := 0
		for _, sh := range wb.Sheets {
			want += len(sh.Rows)
		}
		if res.Unchanged != want {
			t.Errorf("all=%v: %d rows unchanged, want %d", all, res.Unchanged, want)
		}
	}
}

// TestGolden compares a CSV dump of every sheet, read back from the
// workbook, with testdata/golden.csv.
func TestGolden(t *testing.T) {
	data := newFixture(t).export(t, false)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for _, sh := range f.GetSheetList() {
		visible, _ := f.GetSheetVisible(sh)
		w.Write([]string{"# sheet", sh, map[bool]string{true: "visible", false: "hidden"}[visible]})
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			w.Write(r)
		}
	}
	w.Flush()
	golden := filepath.Join("testdata", "golden.csv")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("workbook differs from %s (run go test -update and review the diff):\n%s", golden, buf.String())
	}
}

// TestWorkbookSettings checks what a translator relies on: frozen header,
// hidden columns, text format, the drop-down, protection.
func TestWorkbookSettings(t *testing.T) {
	data := newFixture(t).export(t, false)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != xlsx.InstructionsSheet || sheets[len(sheets)-1] != xlsx.ManifestSheet {
		t.Fatalf("sheets %v", sheets)
	}
	sh := sheets[1]
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v: want the header row frozen", panes, err)
	}
	for _, col := range []string{"J", "K", "L", "M"} {
		if v, _ := f.GetColVisible(sh, col); v {
			t.Errorf("column %s visible, want hidden", col)
		}
	}
	dvs, err := f.GetDataValidations(sh)
	if err != nil || len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "needs-review,approved") {
		t.Errorf("data validations %+v, %v: want the status drop-down", dvs, err)
	}
	cfs, err := f.GetConditionalFormats(sh)
	if err != nil || len(cfs) < 2 {
		t.Errorf("conditional formats %v, %v", cfs, err)
	}
	styleID, _ := f.GetCellStyle(sh, "F3")
	st, err := f.GetStyle(styleID)
	if err != nil || st.NumFmt != 49 || st.Protection == nil || st.Protection.Locked {
		t.Errorf("translation cell style %+v: want text format, unlocked", st)
	}
	styleID, _ = f.GetCellStyle(sh, "D3")
	if st, _ := f.GetStyle(styleID); st.Protection == nil || !st.Protection.Locked {
		t.Errorf("source cell style %+v: want locked", st)
	}
	// sheetPr is written when the stream writer starts: set too late, it
	// would be lost without an error.
	if props, err := f.GetSheetProps(sh); err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("sheet props %+v, %v: want fit to page", props, err)
	}
	if vis, _ := f.GetSheetVisible(xlsx.ManifestSheet); vis {
		t.Errorf("manifest sheet visible")
	}
}

func TestBadWorkbooks(t *testing.T) {
	f := newFixture(t)
	good := f.export(t, false)
	for _, c := range xlsxtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			bad, err := c.Make(good)
			if err != nil {
				t.Fatal(err)
			}
			place, err := c.Place(good)
			if err != nil {
				t.Fatal(err)
			}
			var ps xlsx.Problems
			wb, err := read(t, bad)
			if err != nil {
				if !c.Fatal {
					t.Fatalf("Read: %v; want the row rejected", err)
				}
				if !errors.As(err, &ps) {
					t.Fatalf("Read error %T %v, want Problems", err, err)
				}
			} else {
				if c.Fatal {
					t.Fatalf("Read accepted the workbook; want %v", c.Err)
				}
				res := xlsx.Merge(wb, f.docs, xlsx.PreferNone)
				ps = res.Problems
				if len(res.Translations)+len(res.Reviews) > 0 {
					t.Errorf("planned changes %v %v; want none", res.Translations, res.Reviews)
				}
			}
			var found *xlsx.Problem
			for _, p := range ps {
				if errors.Is(p, c.Err) && (place == "" || p.Cell() == place) {
					found = p
				}
			}
			if found == nil {
				t.Fatalf("problems:\n%v\nwant %v at %q", ps, c.Err, place)
			}
			want := xlsx.LevelRejected
			if c.Fatal {
				want = xlsx.LevelFatal
			}
			if found.Level != want {
				t.Errorf("level %v, want %v: %v", found.Level, want, found)
			}
			if !strings.HasPrefix(found.Error(), "ru.xlsx: ") {
				t.Errorf("problem %q does not start with the file name", found)
			}
			t.Log(found)
		})
	}
}

func TestRealZipBomb(t *testing.T) {
	// A real bomb: highly compressible data beyond the limit.
	var buf bytes.Buffer
	f := excelize.NewFile()
	big := strings.Repeat("0", 30000)
	for r := 1; r <= 200; r++ {
		f.SetCellStr("Sheet1", "A"+itoa(r), big+itoa(r))
	}
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := xlsx.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "bomb.xlsx", xlsx.ReadOptions{MaxSize: 1 << 20})
	if !errors.Is(err, xlsx.ErrTooLarge) {
		t.Fatalf("err %v, want ErrTooLarge", err)
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n/100)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10)))
}

// setCells returns the fixture's workbook with cells of the first
// document sheet set: keys are column letter and the ID of the row.
func setCells(t *testing.T, good []byte, sets map[[2]string]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetList()[1]
	rows, _ := f.GetRows(sh)
	for k, v := range sets {
		found := false
		for i, r := range rows {
			if len(r) > 0 && r[0] == k[1] {
				if err := f.SetCellStr(sh, k[0]+itoa(i+1), v); err != nil {
					t.Fatal(err)
				}
				found = true
			}
		}
		if !found {
			t.Fatalf("no row %s", k[1])
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMergeRules(t *testing.T) {
	ids := func(f *fixture) (title, p1, p2, p3 string) {
		d := f.docs["alpha"].Doc
		for _, s := range d.Segments {
			switch {
			case strings.HasPrefix(s.Text, "示例"):
				title = s.ID
			case strings.HasPrefix(s.Text, "第一段落"):
				p1 = s.ID
			case strings.HasPrefix(s.Text, "第二段落"):
				p2 = s.ID
			case strings.HasPrefix(s.Text, "第三段落"):
				p3 = s.ID
			}
		}
		return
	}
	tests := []struct {
		name    string
		all     bool
		sheet   func(p1, p2, p3 string) map[[2]string]string
		repo    func(f *fixture, p1, p2, p3 string) // changes since the export
		prefer  xlsx.Prefer
		check   func(t *testing.T, res *xlsx.Result, p1, p2, p3 string)
		wantErr error
		level   xlsx.Level
	}{
		{name: "new translation is imported with the source hash",
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p3}: "  Третий абзац.\r\n"}
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				tr := find(res.Translations["alpha"], p3)
				if tr == nil || tr.Text != "Третий абзац." || tr.Hash != align.Hash("第三段落。") {
					t.Errorf("translation %+v", tr)
				}
				if len(res.Translations["alpha"]) != 4 {
					t.Errorf("translations %v, want the old three and the new one", res.Translations["alpha"])
				}
			}},
		{name: "empty cell never deletes", all: true,
			sheet: func(p1, p2, p3 string) map[[2]string]string { return map[[2]string]string{{"F", p1}: ""} },
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Translations) != 0 {
					t.Errorf("translations changed: %v", res.Translations)
				}
			}},
		{name: "approved without a translation is rejected", wantErr: xlsx.ErrStatus, level: xlsx.LevelRejected,
			sheet: func(p1, p2, p3 string) map[[2]string]string { return map[[2]string]string{{"H", p3}: "approved"} },
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Translations) != 0 || len(res.Reviews) != 0 {
					t.Errorf("translations %v, reviews %v changed", res.Translations, res.Reviews)
				}
			}},
		{name: "white space only is no edit", all: true,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p1}: "Первый  абзац,\nдовольно длинный: руководители государств – членов ШОС подчеркивают, что международному сообществу следует укреплять сотрудничество. "}
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Translations) != 0 {
					t.Errorf("translations changed: %v", res.Translations)
				}
			}},
		{name: "revised stale translation gets the current hash",
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p2}: "Второй абзац изменён."}
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if tr := find(res.Translations["alpha"], p2); tr == nil || tr.Hash != align.Hash("第二段落已经修改。") {
					t.Errorf("translation %+v", tr)
				}
			}},
		{name: "source changed since export: imported, stays stale", wantErr: xlsx.ErrSourceChanged, level: xlsx.LevelWarning,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p3}: "Третий абзац."}
			},
			repo: func(f *fixture, p1, p2, p3 string) {
				d := f.docs["alpha"].Doc
				i := index(d, p3)
				d.Segments[i].Text = "第三段落，已改。"
				d.Segments[i].Hash = align.Hash(d.Segments[i].Text)
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				tr := find(res.Translations["alpha"], p3)
				if tr == nil || tr.Hash != align.Hash("第三段落。") {
					t.Errorf("translation %+v, want the hash of the exported source", tr)
				}
			}},
		{name: "approved stale row with an empty cell confirms the previous translation",
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"H", p2}: "approved"}
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				tr := find(res.Translations["alpha"], p2)
				if tr == nil || tr.Text != "Второй абзац." || tr.Hash != align.Hash("第二段落已经修改。") {
					t.Errorf("translation %+v, want the previous text with the current source hash", tr)
				}
				if res.Confirmed != 1 || res.Imported != 0 || res.Reviewed != 1 || res.Changed != 1 {
					t.Errorf("%d confirmed, %d imported, %d reviewed, %d changed; want 1, 0, 1, 1", res.Confirmed, res.Imported, res.Reviewed, res.Changed)
				}
				if rv := findReview(res.Reviews["alpha"], p2); rv == nil || rv.Flag != msgfile.Approved {
					t.Errorf("review %+v, want approved", rv)
				}
			}},
		{name: "previous translation copied into the cell confirms it",
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p2}: " Второй  абзац. "}
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				tr := find(res.Translations["alpha"], p2)
				if tr == nil || tr.Text != "Второй абзац." || tr.Hash != align.Hash("第二段落已经修改。") {
					t.Errorf("translation %+v, want the previous text with the current source hash", tr)
				}
				if res.Confirmed != 1 || res.Imported != 0 || len(res.Reviews) != 0 {
					t.Errorf("%d confirmed, %d imported, reviews %v; want 1, 0, none", res.Confirmed, res.Imported, res.Reviews)
				}
			}},
		{name: "approved on a translated row confirms nothing", all: true,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"H", p1}: "approved"}
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Translations) != 0 || res.Confirmed != 0 || res.Reviewed != 1 {
					t.Errorf("translations %v, %d confirmed, %d reviewed; want only the review", res.Translations, res.Confirmed, res.Reviewed)
				}
			}},
		{name: "approved stale row whose translation changed since the export", wantErr: xlsx.ErrConflict, level: xlsx.LevelRejected,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"H", p2}: "approved"}
			},
			repo: func(f *fixture, p1, p2, p3 string) {
				find(f.docs["alpha"].Translations, p2).Text = "Второй абзац, исправленный в репозитории."
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Translations)+len(res.Reviews) != 0 || res.Confirmed != 0 {
					t.Errorf("translations %v, reviews %v, %d confirmed; want nothing", res.Translations, res.Reviews, res.Confirmed)
				}
			}},
		{name: "approved stale row whose translation changed, --prefer repo", prefer: xlsx.PreferRepo, wantErr: xlsx.ErrKeptRepo, level: xlsx.LevelWarning,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"H", p2}: "approved"}
			},
			repo: func(f *fixture, p1, p2, p3 string) {
				find(f.docs["alpha"].Translations, p2).Text = "Второй абзац, исправленный в репозитории."
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Translations)+len(res.Reviews) != 0 || res.Confirmed != 0 {
					t.Errorf("translations %v, reviews %v, %d confirmed; want nothing", res.Translations, res.Reviews, res.Confirmed)
				}
			}},
		{name: "conflict is rejected", wantErr: xlsx.ErrConflict, level: xlsx.LevelRejected, all: true,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p1}: "Перевод из таблицы."}
			},
			repo: func(f *fixture, p1, p2, p3 string) {
				find(f.docs["alpha"].Translations, p1).Text = "Перевод из репозитория."
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Translations) != 0 {
					t.Errorf("translations changed: %v", res.Translations)
				}
			}},
		{name: "conflict with --prefer sheet", all: true, prefer: xlsx.PreferSheet,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p1}: "Перевод из таблицы."}
			},
			repo: func(f *fixture, p1, p2, p3 string) {
				find(f.docs["alpha"].Translations, p1).Text = "Перевод из репозитория."
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if tr := find(res.Translations["alpha"], p1); tr == nil || tr.Text != "Перевод из таблицы." {
					t.Errorf("translation %+v", tr)
				}
			}},
		{name: "conflict with --prefer repo", all: true, prefer: xlsx.PreferRepo, wantErr: xlsx.ErrKeptRepo, level: xlsx.LevelWarning,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p1}: "Перевод из таблицы."}
			},
			repo: func(f *fixture, p1, p2, p3 string) {
				find(f.docs["alpha"].Translations, p1).Text = "Перевод из репозитория."
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Translations) != 0 {
					t.Errorf("translations changed: %v", res.Translations)
				}
			}},
		{name: "repository change alone is kept", all: true,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"F", p3}: "Третий абзац."}
			},
			repo: func(f *fixture, p1, p2, p3 string) {
				find(f.docs["alpha"].Translations, p1).Text = "Перевод из репозитория."
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if tr := find(res.Translations["alpha"], p1); tr == nil || tr.Text != "Перевод из репозитория." {
					t.Errorf("translation %+v", tr)
				}
			}},
		{name: "status and note go to the review file", all: true,
			sheet: func(p1, p2, p3 string) map[[2]string]string {
				return map[[2]string]string{{"H", p1}: "approved", {"I", p1}: "", {"I", p3}: "термин?"}
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				got := map[string]msgfile.Review{}
				for _, r := range res.Reviews["alpha"] {
					got[r.ID] = r
				}
				if got[p1].Flag != msgfile.Approved || got[p1].Note != "" || got[p3].Note != "термин?" || got[p3].Flag != "" {
					t.Errorf("reviews %+v", res.Reviews["alpha"])
				}
			}},
		{name: "review conflict", all: true, wantErr: xlsx.ErrConflict, level: xlsx.LevelRejected,
			sheet: func(p1, p2, p3 string) map[[2]string]string { return map[[2]string]string{{"H", p1}: "approved"} },
			repo: func(f *fixture, p1, p2, p3 string) {
				f.docs["alpha"].Reviews[0].Note = "другое примечание"
			},
			check: func(t *testing.T, res *xlsx.Result, p1, p2, p3 string) {
				if len(res.Reviews) != 0 {
					t.Errorf("reviews changed: %v", res.Reviews)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			_, p1, p2, p3 := ids(f)
			good := f.export(t, tc.all)
			bad := setCells(t, good, tc.sheet(p1, p2, p3))
			if tc.repo != nil {
				tc.repo(f, p1, p2, p3)
			}
			wb, err := read(t, bad)
			if err != nil {
				t.Fatal(err)
			}
			res := xlsx.Merge(wb, f.docs, tc.prefer)
			if tc.wantErr == nil && len(res.Problems) > 0 {
				t.Errorf("problems: %v", res.Problems)
			}
			if tc.wantErr != nil {
				if len(res.Problems) != 1 || !errors.Is(res.Problems[0], tc.wantErr) || res.Problems[0].Level != tc.level {
					t.Errorf("problems:\n%v\nwant one %v at level %v", res.Problems, tc.wantErr, tc.level)
				} else {
					t.Log(res.Problems[0])
				}
			}
			tc.check(t, res, p1, p2, p3)
		})
	}
}

func find(trs []align.Translation, id string) *align.Translation {
	for i := range trs {
		if trs[i].ID == id {
			return &trs[i]
		}
	}
	return nil
}

func findReview(rs []msgfile.Review, id string) *msgfile.Review {
	for i := range rs {
		if rs[i].ID == id {
			return &rs[i]
		}
	}
	return nil
}

// TestConfirmedStaleTranslationIsTranslated follows a confirmation through:
// the merged translation is assessed translated, and a workbook exported
// afterwards has nothing left to revise.
func TestConfirmedStaleTranslationIsTranslated(t *testing.T) {
	f := newFixture(t)
	alpha := f.docs["alpha"]
	var p2 string
	for _, it := range align.Assess(alpha.Doc, "ru", alpha.Translations).Items {
		if it.State == align.Stale {
			p2 = it.ID
		}
	}
	if p2 == "" {
		t.Fatal("the fixture has no stale segment")
	}
	data := setCells(t, f.export(t, false), map[[2]string]string{{"H", p2}: "approved"})
	wb, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	res := xlsx.Merge(wb, f.docs, xlsx.PreferNone)
	if len(res.Problems) > 0 || res.Confirmed != 1 {
		t.Fatalf("problems %v, %d confirmed", res.Problems, res.Confirmed)
	}
	alpha.Translations, alpha.Reviews = res.Translations["alpha"], res.Reviews["alpha"]
	for _, it := range align.Assess(alpha.Doc, "ru", alpha.Translations).Items {
		if it.ID == p2 && it.State != align.Translated {
			t.Errorf("%s is %s after the confirmation, want translated", p2, it.State)
		}
	}
	// Merged again, the same workbook changes nothing more.
	if res := xlsx.Merge(wb, f.docs, xlsx.PreferNone); len(res.Translations)+len(res.Reviews) != 0 || len(res.Problems) != 0 {
		t.Errorf("second merge: translations %v, reviews %v, problems %v; want nothing", res.Translations, res.Reviews, res.Problems)
	}
	f.xd[0] = xlsx.Doc{Coverage: align.Assess(alpha.Doc, "ru", alpha.Translations), Reviews: alpha.Reviews}
	var buf bytes.Buffer
	sum, err := xlsx.Write(&buf, f.xd, xlsx.Options{SourceLang: "zh-Hans"})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Total(); got.Stale != 0 {
		t.Errorf("export after the confirmation: %+v, want nothing to revise", got)
	}
}

// TestNeedsReviewRowsAreExported checks that a translated segment flagged
// needs-review is exported without --all and counted as to review, on the
// instructions sheet too.
func TestNeedsReviewRowsAreExported(t *testing.T) {
	f := newFixture(t)
	alpha := f.docs["alpha"]
	p1 := alpha.Reviews[0].ID // translated, flagged needs-review
	var buf bytes.Buffer
	sum, err := xlsx.Write(&buf, f.xd, xlsx.Options{SourceLang: "zh-Hans"})
	if err != nil {
		t.Fatal(err)
	}
	if d := sum.Docs[0]; d.Doc != "alpha" || d.Review != 1 || d.Missing != 5 || d.Stale != 1 {
		t.Errorf("summary of alpha %+v, want 1 to review, 5 to translate, 1 to revise", d)
	}
	if got := sum.Total(); got.Review != 1 {
		t.Errorf("total %+v, want 1 to review", got)
	}
	data := buf.Bytes()
	for col, want := range map[string]string{"C": "translated", "H": msgfile.NeedsReview, "I": "проверить термин"} {
		got, ok, err := xlsxtest.Cell(data, p1, col)
		if err != nil || !ok || got != want {
			t.Errorf("row %s, column %s: %q (found %v, %v), want %q", p1, col, got, ok, err, want)
		}
	}
	ef, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer ef.Close()
	rows, err := ef.GetRows(xlsx.InstructionsSheet)
	if err != nil {
		t.Fatal(err)
	}
	var head, total []string
	for _, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "Document") {
			head = r
		}
		if len(r) > 0 && strings.HasPrefix(r[0], "Total") {
			total = r
		}
	}
	if len(head) != 5 || head[3] != "To review / Проверить" || len(total) != 5 || total[3] != "1" {
		t.Errorf("instructions counts: header %q, total %q; want a To review column with 1", head, total)
	}
	// Without the flag, the translated segment is left out.
	alpha.Reviews = nil
	f.xd[0].Reviews = nil
	if _, ok, _ := xlsxtest.Cell(f.export(t, false), p1, "A"); ok {
		t.Errorf("translated segment %s without a flag was exported", p1)
	}
}

func TestSheetNames(t *testing.T) {
	got := xlsx.SheetNames([]string{"a/b", "Instructions", "verso", strings.Repeat("x", 40), strings.Repeat("x", 40), "A/B"})
	want := []string{"a_b", "Instructions~2", "verso~2", strings.Repeat("x", 31), strings.Repeat("x", 29) + "~2", "A_B~2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("SheetNames[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func FuzzRead(f *testing.F) {
	good := newFixture(f).export(f, false)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := xlsx.Read(bytes.NewReader(data), int64(len(data)), "fuzz.xlsx", xlsx.ReadOptions{MaxSize: 64 << 20})
		if err == nil && wb == nil {
			t.Fatal("nil workbook without error")
		}
	})
}

// index returns the position of the segment with the given ID, or -1.
func index(d *align.Document, id string) int {
	for i := range d.Segments {
		if d.Segments[i].ID == id {
			return i
		}
	}
	return -1
}
