package cli

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/align"
	"verso/align/msgfile"
	"verso/export/xlsx/xlsxtest"
	"verso/internal/project"
	"verso/internal/testenv"
)

// sheetProject makes a repository with two documents and a partial Russian
// translation of the first, and returns its root.
func sheetProject(t *testing.T) string {
	t.Helper()
	root := miniRepo(t, map[string]string{
		"verso.toml":        "source_language = \"zh-Hans\"\nlocales = [\"ru\"]\n",
		"sources/alpha.txt": "示例文件标题\n\n第一节\n\n第一段落。\n\n第二段落。\n\n第三段落。\n",
		"sources/beta.txt":  "附件\n\n附件第一段。\n\n附件第二段。\n",
	})
	mustRun(t, root, 0, "sync")
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	segs := p.Doc("alpha").Segments
	trs := []align.Translation{
		{ID: segs[0].ID, Hash: segs[0].Hash, Text: "Образец"},
		{ID: segs[2].ID, Hash: segs[2].Hash, Text: "Первый абзац."},
	}
	if err := os.MkdirAll(filepath.Join(root, "translations"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "translations", "alpha.ru.toml"), msgfile.Marshal("", trs), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestSheetImportRefusesBadWorkbooks(t *testing.T) {
	root := sheetProject(t)
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	good, err := os.ReadFile(filepath.Join(root, "sheets", "ru.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	trDir := filepath.Join(root, "translations")
	before := snapshotDir(t, trDir)
	for _, c := range xlsxtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			bad, err := c.Make(good)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "bad.xlsx"), bad, 0o644); err != nil {
				t.Fatal(err)
			}
			want := ExitProblems
			if c.Fatal {
				want = ExitUsage
			}
			_, stderr := mustRun(t, root, want, "sheet", "import", "bad.xlsx")
			place, err := c.Place(good)
			if err != nil {
				t.Fatal(err)
			}
			prefix := "bad.xlsx: "
			if place != "" {
				prefix += place + ": "
			}
			if !strings.Contains(stderr, prefix+c.Err.Error()) {
				t.Errorf("stderr:\n%s\nwant a line starting %q", stderr, prefix+c.Err.Error())
			}
			if after := snapshotDir(t, trDir); !maps.Equal(before, after) {
				t.Errorf("translations/ changed")
			}
		})
	}
}

func TestSheetRoundTrip(t *testing.T) {
	root := sheetProject(t)
	trDir := filepath.Join(root, "translations")
	before := snapshotDir(t, trDir)
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--all", "-o", "all.xlsx")
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	stdout, _ := mustRun(t, root, 0, "sheet", "import", "all.xlsx", "sheets/ru.xlsx")
	if !strings.Contains(stdout, "all.xlsx: ru: 0 translations imported") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if after := snapshotDir(t, trDir); !maps.Equal(before, after) {
		t.Errorf("an untouched workbook changed translations/")
	}
}

func TestSheetImportConflict(t *testing.T) {
	root := sheetProject(t)
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--all")
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	seg := p.Doc("alpha").Segments[2]
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	data, _ := os.ReadFile(wbPath)
	data, err = xlsxtest.SetCell(data, seg.ID, "F", "Перевод из таблицы.")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(wbPath, data, 0o644)
	// Meanwhile the repository's translation changed too.
	trPath := filepath.Join(root, "translations", "alpha.ru.toml")
	old, _ := os.ReadFile(trPath)
	repo := bytes.Replace(old, []byte("Первый абзац."), []byte("Перевод из репозитория."), 1)
	os.WriteFile(trPath, repo, 0o644)

	_, stderr := mustRun(t, root, ExitProblems, "sheet", "import", "sheets/ru.xlsx")
	if !strings.Contains(stderr, "sheets/ru.xlsx: alpha!F4: conflict: translations/alpha.ru.toml changed "+seg.ID) {
		t.Errorf("stderr:\n%s", stderr)
	}
	if b, _ := os.ReadFile(trPath); !bytes.Equal(b, repo) {
		t.Errorf("conflict overwrote the translation file:\n%s", b)
	}
	mustRun(t, root, ExitOK, "sheet", "import", "sheets/ru.xlsx", "--prefer", "repo")
	if b, _ := os.ReadFile(trPath); !bytes.Equal(b, repo) {
		t.Errorf("--prefer repo changed the translation file:\n%s", b)
	}
	mustRun(t, root, ExitOK, "sheet", "import", "sheets/ru.xlsx", "--prefer", "sheet")
	if b, _ := os.ReadFile(trPath); !bytes.Contains(b, []byte("Перевод из таблицы.")) {
		t.Errorf("--prefer sheet did not take the sheet's translation:\n%s", b)
	}
}

func TestOldSourcesFromGitHistory(t *testing.T) {
	testenv.Command(t, "git", "git")
	root := sheetProject(t)
	git := func(args ...string) {
		t.Helper()
		c := exec.Command("git", append([]string{"-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "first")
	p, _ := project.Load(root)
	seg := p.Doc("alpha").Segments[2] // 第一段落。, translated
	src := filepath.Join(root, "sources", "alpha.txt")
	b, _ := os.ReadFile(src)
	os.WriteFile(src, bytes.Replace(b, []byte("第一段落。"), []byte("第一段落，已修改。"), 1), 0o644)
	mustRun(t, root, 0, "sync")
	git("commit", "-q", "-am", "edit")
	p, _ = project.Load(root)
	tr := p.Doc("alpha").Translations["ru"].Items[1]
	if tr.ID != seg.ID {
		t.Fatalf("translation %s, want the one of %s", tr.ID, seg.ID)
	}
	got := p.OldSources(p.Docs, []string{"ru"})
	if got["alpha"][tr.Hash] != "第一段落。" || len(got["alpha"]) != 1 || len(got["beta"]) != 0 {
		t.Errorf("OldSources = %q, want the text before the edit", got)
	}
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
}

func TestSheetImportWritesReviewAndTranslation(t *testing.T) {
	root := sheetProject(t)
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	seg := p.Doc("beta").Segments[1]
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	data, _ := os.ReadFile(wbPath)
	for _, set := range [][2]string{{"F", "Первый абзац приложения."}, {"H", "needs-review"}, {"I", "сверить с оригиналом"}} {
		if data, err = xlsxtest.SetCell(data, seg.ID, set[0], set[1]); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(wbPath, data, 0o644)
	stdout, stderr := mustRun(t, root, 0, "sheet", "import", "sheets/ru.xlsx", "--dry-run")
	if !strings.Contains(stdout, "sheets/ru.xlsx: ru: 1 translation imported, 0 confirmed, 1 status or note changed, 6 rows unchanged, 0 rejected\n") {
		t.Errorf("dry run stdout:\n%s", stdout)
	}
	if !strings.Contains(stderr, "would write translations/beta.ru.toml") || !strings.Contains(stderr, "would write translations/beta.ru.review.tsv") {
		t.Errorf("dry run stderr:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "translations", "beta.ru.toml")); err == nil {
		t.Fatal("--dry-run wrote a file")
	}
	mustRun(t, root, 0, "sheet", "import", "sheets/ru.xlsx")
	tr, _ := os.ReadFile(filepath.Join(root, "translations", "beta.ru.toml"))
	want := "[" + seg.ID + "]\nhash = \"" + seg.Hash + "\"\nother = \"Первый абзац приложения.\"\n"
	if string(tr) != want {
		t.Errorf("beta.ru.toml:\n%s\nwant:\n%s", tr, want)
	}
	rv, _ := os.ReadFile(filepath.Join(root, "translations", "beta.ru.review.tsv"))
	if !strings.Contains(string(rv), seg.ID+"\tneeds-review\tсверить с оригиналом\n") {
		t.Errorf("beta.ru.review.tsv:\n%s", rv)
	}
	// The same workbook again changes nothing.
	before := snapshotDir(t, filepath.Join(root, "translations"))
	stdout, _ = mustRun(t, root, 0, "sheet", "import", "sheets/ru.xlsx")
	if !strings.Contains(stdout, "0 translations imported, 0 confirmed, 0 statuses or notes changed, 7 rows unchanged") {
		t.Errorf("second import: %s", stdout)
	}
	if !maps.Equal(before, snapshotDir(t, filepath.Join(root, "translations"))) {
		t.Error("a second import of the same workbook changed translations/")
	}
}

// fillScript fills the missing rows of a workbook from a file of
// translations, one block per segment in document order (sys.argv[2]),
// matched to IDs by the ID record (sys.argv[3]), as a translator's tool
// would.
const fillScript = `
import sys, openpyxl
path, blocks_path, ids_path = sys.argv[1:4]
ids = [l.split("\t")[0] for l in open(ids_path, encoding="utf-8")
       if l.strip() and not l.startswith("#") and not l.startswith("retired")]
blocks = [b.strip() for b in open(blocks_path, encoding="utf-8").read().split("\n\n") if b.strip()]
assert len(ids) == len(blocks), (len(ids), len(blocks))
text = dict(zip(ids, blocks))
wb = openpyxl.load_workbook(path)
for ws in wb.worksheets[1:-1]:
    for row in ws.iter_rows(min_row=2):
        if row[2].value == "missing":
            row[5].value = text[row[0].value]
wb.save(path)
`

// TestTranslatorFillsRussianInLibreOffice is the whole path of a
// translator: export the Russian workbook of the repository's content,
// fill the missing statements (openpyxl), save it with LibreOffice, import.
func TestTranslatorFillsRussianInLibreOffice(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	blocks := filepath.Join(repo, "align", "bitext", "testdata", "sco-2020-statements.ru.txt")
	if _, err := os.Stat(blocks); err != nil {
		t.Fatalf("no Russian text to fill in: %v", err)
	}
	py := testenv.Python(t)
	soffice := testenv.Command(t, "soffice", "libreoffice-calc-nogui")
	root := t.TempDir()
	for _, dir := range []string{"sources", "translations"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repo, "verso.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "verso.toml"), cfg, 0o644)
	// The repository's Russian translation is complete: keep only its first
	// two statements, so that the translator has the other four to fill.
	keepMessages(t, filepath.Join(root, "translations", "sco-2020-statements.ru.toml"), 21)
	if stdout, _ := mustRun(t, root, 0, "status"); !strings.Contains(stdout, " 86          21      0       65 ") {
		t.Fatalf("status before filling in:\n%s", stdout)
	}
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	book := filepath.Join(root, "sheets", "ru.xlsx")
	if out, err := exec.Command(py, "-c", fillScript, book, blocks, filepath.Join(root, "sources", "sco-2020-statements.ids")).CombinedOutput(); err != nil {
		t.Fatalf("fill: %v\n%s", err, out)
	}
	lo := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "profile"), "--headless", "--norestore",
		"--convert-to", "xlsx", "--outdir", filepath.Join(root, "saved"), book)
	if out, err := lo.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	stdout, _ := mustRun(t, root, 0, "sheet", "import", "saved/ru.xlsx")
	if !strings.Contains(stdout, "0 rejected") {
		t.Errorf("import: %s", stdout)
	}
	stdout, _ = mustRun(t, root, 0, "status", "--json")
	if !strings.Contains(stdout, `"locale": "ru"`) || strings.Count(stdout, `"percent": 100`) != 2 {
		t.Errorf("status after import:\n%s", stdout)
	}
	mustRun(t, root, 0, "check", "--locale", "ru")
}

// keepMessages rewrites a translation file in verso's canonical layout
// (one block per message, separated by blank lines) with only its first n
// messages.
func keepMessages(t *testing.T, file string, n int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(strings.TrimSpace(string(data)), "\n\n")
	if len(blocks) < n {
		t.Fatalf("%s: %d messages, want at least %d", file, len(blocks), n)
	}
	if err := os.WriteFile(file, []byte(strings.Join(blocks[:n], "\n\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editRows sets cells of a workbook on disk: {ID, column letter, text}.
func editRows(t *testing.T, file string, sets ...[3]string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range sets {
		if data, err = xlsxtest.SetCell(data, set[0], set[1], set[2]); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSheetExportKeepsUnimportedEdits(t *testing.T) {
	root := sheetProject(t)
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	// An untouched workbook is overwritten without fuss.
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	b1, b2 := p.Doc("beta").Segments[1], p.Doc("beta").Segments[2]

	// One edited row (translation and note): refused, without --locale too
	// (make sheets), and the file is left as it is.
	edited := editRows(t, wbPath, [3]string{b1.ID, "F", "Первый абзац приложения."}, [3]string{b1.ID, "I", "сверить"})
	for _, args := range [][]string{{"sheet", "export", "--locale", "ru"}, {"sheet", "export"}} {
		stdout, stderr := mustRun(t, root, ExitUsage, args...)
		want := "verso sheet export: sheets/ru.xlsx: holds 1 edited row not yet imported; import it first (verso sheet import sheets/ru.xlsx), or use --force to overwrite it\n"
		if !strings.Contains(stderr, want) || !strings.Contains(stderr, "nothing was written") || stdout != "" {
			t.Errorf("%v: stdout %q, stderr:\n%s\nwant:\n%s", args, stdout, stderr, want)
		}
		if b, _ := os.ReadFile(wbPath); !bytes.Equal(b, edited) {
			t.Fatalf("%v overwrote a workbook with edits not yet imported", args)
		}
	}
	// Another output file is no problem.
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "-o", "other.xlsx")

	// Once imported, the workbook is overwritten; the new one no longer
	// has the row, which is translated now.
	mustRun(t, root, 0, "sheet", "import", "sheets/ru.xlsx")
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	data, _ := os.ReadFile(wbPath)
	if _, ok, err := xlsxtest.Cell(data, b1.ID, "A"); err != nil || ok {
		t.Errorf("re-exported workbook: row %s found %v (%v), want it gone", b1.ID, ok, err)
	}

	// Two edited rows; --force overwrites them.
	editRows(t, wbPath, [3]string{b2.ID, "F", "Второй абзац приложения."}, [3]string{p.Doc("alpha").Segments[3].ID, "H", "needs-review"})
	_, stderr := mustRun(t, root, ExitUsage, "sheet", "export", "--locale", "ru")
	if !strings.Contains(stderr, "sheets/ru.xlsx: holds 2 edited rows not yet imported") {
		t.Errorf("stderr:\n%s", stderr)
	}
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--force")
	data, _ = os.ReadFile(wbPath)
	if got, ok, err := xlsxtest.Cell(data, b2.ID, "F"); err != nil || !ok || got != "" {
		t.Errorf("after --force: translation of %s %q (found %v, %v), want the fresh empty cell", b2.ID, got, ok, err)
	}
}

func TestSheetExportKeepsConflictingEdits(t *testing.T) {
	root := sheetProject(t)
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--all")
	p, _ := project.Load(root)
	seg := p.Doc("alpha").Segments[2]
	edited := editRows(t, wbPath, [3]string{seg.ID, "F", "Перевод из таблицы."})
	// The repository's translation changed too: importing would be a
	// conflict, but the row still holds work that is not in the repository.
	trPath := filepath.Join(root, "translations", "alpha.ru.toml")
	old, _ := os.ReadFile(trPath)
	os.WriteFile(trPath, bytes.Replace(old, []byte("Первый абзац."), []byte("Перевод из репозитория."), 1), 0o644)
	_, stderr := mustRun(t, root, ExitUsage, "sheet", "export", "--locale", "ru", "--all")
	if !strings.Contains(stderr, "sheets/ru.xlsx: holds 1 edited row not yet imported") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if b, _ := os.ReadFile(wbPath); !bytes.Equal(b, edited) {
		t.Error("export overwrote a workbook with a conflicting edit")
	}
}

func TestSheetExportKeepsUnreadableFile(t *testing.T) {
	root := sheetProject(t)
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	os.MkdirAll(filepath.Dir(wbPath), 0o755)
	notes := []byte("ID,Translation\n")
	os.WriteFile(wbPath, notes, 0o644)
	_, stderr := mustRun(t, root, ExitUsage, "sheet", "export", "--locale", "ru")
	for _, want := range []string{
		"sheets/ru.xlsx: not an xlsx workbook: the file is not a zip archive",
		"verso sheet export: sheets/ru.xlsx: exists and cannot be read as a review workbook; move it away, or use --force to overwrite it\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr:\n%s\nwant %q", stderr, want)
		}
	}
	if b, _ := os.ReadFile(wbPath); !bytes.Equal(b, notes) {
		t.Error("export overwrote a file it cannot read")
	}
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--force")
	if b, _ := os.ReadFile(wbPath); bytes.Equal(b, notes) {
		t.Error("--force did not overwrite the file")
	}
}

// TestSheetConfirmsStaleTranslation is the typo-fix case: the source of a
// translated paragraph changes, the translation is stale but still right,
// and the translator sets the status to approved without retyping it.
func TestSheetConfirmsStaleTranslation(t *testing.T) {
	root := sheetProject(t)
	src := filepath.Join(root, "sources", "alpha.txt")
	b, _ := os.ReadFile(src)
	os.WriteFile(src, bytes.Replace(b, []byte("第一段落。"), []byte("第一个段落。"), 1), 0o644)
	mustRun(t, root, 0, "sync")
	p, _ := project.Load(root)
	seg := p.Doc("alpha").Segments[2]
	stdout, _ := mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--doc", "alpha")
	if want := "sheets/ru.xlsx: ru, 1 document, 5 rows: 3 to translate, 1 to revise, 0 to review\n"; stdout != want {
		t.Errorf("export stdout %q, want %q", stdout, want)
	}
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	data, _ := os.ReadFile(wbPath)
	// The row shows what the translator needs to decide.
	for col, want := range map[string]string{"C": "stale", "D": "第一个段落。", "G": "Первый абзац.", "F": ""} {
		if got, ok, err := xlsxtest.Cell(data, seg.ID, col); err != nil || !ok || got != want {
			t.Errorf("column %s of %s: %q (found %v, %v), want %q", col, seg.ID, got, ok, err, want)
		}
	}
	editRows(t, wbPath, [3]string{seg.ID, "H", "approved"})
	stdout, stderr := mustRun(t, root, 0, "sheet", "import", "sheets/ru.xlsx")
	if want := "sheets/ru.xlsx: ru: 0 translations imported, 1 confirmed, 1 status or note changed, 4 rows unchanged, 0 rejected\n"; stdout != want {
		t.Errorf("import stdout %q, want %q\nstderr:\n%s", stdout, want, stderr)
	}
	tr, _ := os.ReadFile(filepath.Join(root, "translations", "alpha.ru.toml"))
	if want := "[" + seg.ID + "]\nhash = \"" + seg.Hash + "\"\nother = \"Первый абзац.\"\n"; !strings.Contains(string(tr), want) {
		t.Errorf("alpha.ru.toml:\n%s\nwant:\n%s", tr, want)
	}
	rv, _ := os.ReadFile(filepath.Join(root, "translations", "alpha.ru.review.tsv"))
	if !strings.Contains(string(rv), seg.ID+"\tapproved\t\n") {
		t.Errorf("alpha.ru.review.tsv:\n%s", rv)
	}
	// Nothing is left to revise, and the imported workbook is overwritten.
	stdout, _ = mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--doc", "alpha")
	if !strings.Contains(stdout, "0 to revise") {
		t.Errorf("export after the confirmation: %q", stdout)
	}
}

func TestSheetExportIncludesNeedsReview(t *testing.T) {
	root := sheetProject(t)
	p, _ := project.Load(root)
	seg := p.Doc("alpha").Segments[2] // translated
	rev := msgfile.MarshalReview([]msgfile.Review{{ID: seg.ID, Flag: msgfile.NeedsReview, Note: "низкая уверенность"}})
	os.WriteFile(filepath.Join(root, "translations", "alpha.ru.review.tsv"), rev, 0o644)
	stdout, _ := mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	if want := "sheets/ru.xlsx: ru, 2 documents, 8 rows: 6 to translate, 0 to revise, 1 to review\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	data, _ := os.ReadFile(filepath.Join(root, "sheets", "ru.xlsx"))
	for col, want := range map[string]string{"C": "translated", "F": "Первый абзац.", "H": "needs-review", "I": "низкая уверенность"} {
		if got, ok, err := xlsxtest.Cell(data, seg.ID, col); err != nil || !ok || got != want {
			t.Errorf("column %s of %s: %q (found %v, %v), want %q", col, seg.ID, got, ok, err, want)
		}
	}
	// Approving it in the sheet clears it from the next export.
	editRows(t, filepath.Join(root, "sheets", "ru.xlsx"), [3]string{seg.ID, "H", "approved"})
	mustRun(t, root, 0, "sheet", "import", "sheets/ru.xlsx")
	stdout, _ = mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	if !strings.Contains(stdout, "0 to review") {
		t.Errorf("export after approval: %q", stdout)
	}
}
