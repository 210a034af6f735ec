package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// TestTruncatedSourceIsGuarded is issue 10, case 2 on the seed: emptying
// the source no longer retires its 86 IDs silently. sync refuses (exit 1)
// until --force; check then fails for the required locale whose
// translations are all orphaned; restoring the text gives every ID back,
// so the translations are live again; prune deletes orphans explicitly.
func TestTruncatedSourceIsGuarded(t *testing.T) {
	dir := copyRepo(t)
	src := filepath.Join(dir, "sources", "sco-2020-statements.txt")
	rec := filepath.Join(dir, "sources", "sco-2020-statements.ids")
	orig, _ := os.ReadFile(src)
	origRec, _ := os.ReadFile(rec)
	if strings.Contains(string(origRec), "\nretired\t") {
		t.Fatal("the seed's record has retired lines; this test assumes none")
	}
	if err := os.WriteFile(src, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr := mustRun(t, dir, ExitProblems, "sync")
	for _, w := range []string{"refused: the edit retires 86 of the 86 IDs", "(all of them)", "--force", "nothing was written"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("sync stderr lacks %q:\n%s", w, stderr)
		}
	}
	if got, _ := os.ReadFile(rec); string(got) != string(origRec) {
		t.Fatal("refused sync changed the record")
	}
	// check fails even before the record is synced.
	stdout, _ := mustRun(t, dir, ExitProblems, "check")
	if !strings.Contains(stdout, "en: all 86 translations of sources/sco-2020-statements.txt are orphaned") {
		t.Errorf("check stdout:\n%s", stdout)
	}
	mustRun(t, dir, ExitOK, "sync", "--force")
	data, _ := os.ReadFile(rec)
	if n := strings.Count(string(data), "\nretired\t"); n != 86 {
		t.Errorf("record has %d retired lines, want 86", n)
	}
	mustRun(t, dir, ExitProblems, "check")

	// Restoring the identical text brings every ID back.
	if err := os.WriteFile(src, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _ = mustRun(t, dir, ExitOK, "sync")
	if !strings.Contains(stdout, "0 kept, 0 edited, 0 new, 0 retired, 86 restored") {
		t.Errorf("sync after restoring:\n%s", stdout)
	}
	if got, _ := os.ReadFile(rec); string(got) != string(origRec) {
		t.Error("the record after restoring differs from the original")
	}
	stdout, _ = mustRun(t, dir, ExitOK, "status")
	if !strings.Contains(stdout, "en*        86          86") {
		t.Errorf("status after restoring:\n%s", stdout)
	}
	mustRun(t, dir, ExitOK, "check")
}

// TestSyncGuardHalf: retiring half of a document's IDs is accepted, more
// than half is refused without --force.
func TestSyncGuardHalf(t *testing.T) {
	four := "甲乙丙丁戊己。\n\n庚辛壬癸子丑。\n\n寅卯辰巳午未。\n\n申酉戌亥天地。\n"
	dir := miniRepo(t, map[string]string{"sources/doc.txt": four})
	mustRun(t, dir, ExitOK, "sync")
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "sources/doc.txt"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("甲乙丙丁戊己。\n\n玄黄宇宙洪荒。\n")
	_, stderr := mustRun(t, dir, ExitProblems, "sync")
	if !strings.Contains(stderr, "retires 3 of the 4 IDs of sources/doc.ids (more than half of them)") {
		t.Errorf("stderr:\n%s", stderr)
	}
	write("甲乙丙丁戊己。\n\n庚辛壬癸子丑。\n")
	stdout, _ := mustRun(t, dir, ExitOK, "sync")
	if !strings.Contains(stdout, "2 kept, 0 edited, 0 new, 2 retired") {
		t.Errorf("stdout:\n%s", stdout)
	}
	// A paragraph put back with an edit gets its old ID, stale.
	write("甲乙丙丁戊己。\n\n庚辛壬癸子丑。\n\n寅卯辰巳午未申。\n")
	stdout, _ = mustRun(t, dir, ExitOK, "sync")
	if !strings.Contains(stdout, "0 new, 0 retired, 1 restored") || !strings.Contains(stdout, "similar to its last text; translations stale") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

// TestPruneAndGoneDocuments: orphaned translations stay until verso prune
// deletes them, listing each; a document whose source is gone fails check
// for a required locale and is deleted only when named with --doc.
func TestPruneAndGoneDocuments(t *testing.T) {
	dir := miniRepo(t, map[string]string{
		"verso.toml":      "locales = [\"en\", \"ru\"]\nrequired = [\"en\"]\n",
		"sources/doc.txt": "甲乙丙丁戊己。\n\n庚辛壬癸子丑。\n\n寅卯辰巳午未。\n",
		"sources/old.txt": "玄黄宇宙洪荒。\n",
	})
	mustRun(t, dir, ExitOK, "sync")
	// Translate everything into en through the message files.
	var en, old strings.Builder
	code, stdout, _ := runVerso(dir, "segments")
	if code != 0 {
		t.Fatal(stdout)
	}
	for _, ln := range strings.Split(strings.TrimSpace(stdout), "\n") {
		f := strings.Split(ln, "\t")
		b := &en
		if strings.HasPrefix(f[0], "sources/old.txt") {
			b = &old
		}
		fmt.Fprintf(b, "[%s]\nhash = %q\nother = \"EN %s\"\n\n", f[1], align.Hash(strings.TrimSpace(f[3])), f[1])
	}
	os.Mkdir(filepath.Join(dir, "translations"), 0o755)
	os.WriteFile(filepath.Join(dir, "translations/doc.en.toml"), []byte(en.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "translations/old.en.toml"), []byte(old.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "translations/old.en.review.tsv"), []byte("# review\n"), 0o644)
	mustRun(t, dir, ExitOK, "check")

	// One paragraph deleted: its translation is orphaned, a warning.
	os.WriteFile(filepath.Join(dir, "sources/doc.txt"), []byte("甲乙丙丁戊己。\n\n庚辛壬癸子丑。\n"), 0o644)
	mustRun(t, dir, ExitOK, "sync")
	stdout, _ = mustRun(t, dir, ExitOK, "check")
	if !strings.Contains(stdout, "en: orphaned") {
		t.Errorf("check:\n%s", stdout)
	}
	// The document old is removed with its record, its translations left.
	os.Remove(filepath.Join(dir, "sources/old.txt"))
	_, stderr := mustRun(t, dir, ExitOK, "status")
	if !strings.Contains(stderr, `sources/old.ids: warning: document "old" is gone`) {
		t.Errorf("status stderr:\n%s", stderr)
	}
	stdout, stderr = mustRun(t, dir, ExitProblems, "check")
	if !strings.Contains(stdout, `translations/old.en.toml:1: en: 1 translation orphaned: document "old" is gone`) {
		t.Errorf("check stdout:\n%s", stdout)
	}
	if !strings.Contains(stderr, "verso check: en: FAIL: 0 missing, 0 stale, 2 orphaned; the translations of 1 document are orphaned wholesale: restore the source, or delete them with verso prune") {
		t.Errorf("check stderr:\n%s", stderr)
	}
	before := snapshotDir(t, dir)
	stdout, stderr = mustRun(t, dir, ExitOK, "prune", "--dry-run")
	if !strings.Contains(stdout, "translations/doc.en.toml:") || !strings.Contains(stdout, "en: orphaned") || !strings.Contains(stderr, "dry run: 1 orphaned translation to delete") {
		t.Errorf("prune --dry-run:\n%s\n%s", stdout, stderr)
	}
	if !strings.Contains(stderr, "kept: document \"old\" is gone") {
		t.Errorf("prune without --doc old should keep it:\n%s", stderr)
	}
	if after := snapshotDir(t, dir); len(after) != len(before) {
		t.Error("dry run wrote")
	}
	mustRun(t, dir, ExitOK, "prune", "--locale", "en", "--doc", "doc")
	stdout, _ = mustRun(t, dir, ExitProblems, "check")
	if strings.Contains(stdout, "orphaned (warning)") {
		t.Errorf("orphan left after prune:\n%s", stdout)
	}
	stdout, stderr = mustRun(t, dir, ExitOK, "prune", "--doc", "old")
	if !strings.Contains(stderr, "deleted sources/old.ids") {
		t.Errorf("prune --doc old stderr:\n%s", stderr)
	}
	for _, w := range []string{"translations/old.en.toml: en: 1 translation of removed document \"old\"", "sources/old.ids: ID record"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("prune --doc old lacks %q:\n%s", w, stdout)
		}
	}
	for _, f := range []string{"translations/old.en.toml", "translations/old.en.review.tsv", "sources/old.ids"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s not deleted", f)
		}
	}
	mustRun(t, dir, ExitOK, "check")
	mustRun(t, dir, ExitUsage, "prune", "--doc", "nosuch")
}

// TestBadFileStopsOnlyWhatNeedsIt is issue 10, case 9: a malformed ru
// message file does not stop segments, sync or publish --locale en;
// status and check report it and go on with the rest (exit 2).
func TestBadFileStopsOnlyWhatNeedsIt(t *testing.T) {
	dir := copyRepo(t)
	ru := filepath.Join(dir, "translations", "sco-2020-statements.ru.toml")
	if err := os.WriteFile(ru, []byte("[abc\nother = \"broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const bad = "translations/sco-2020-statements.ru.toml:"
	for _, args := range [][]string{{"segments"}, {"sync"}, {"sync", "--check"}} {
		_, stderr := mustRun(t, dir, ExitOK, args...)
		if strings.Contains(stderr, "ru.toml") {
			t.Errorf("verso %s mentions the ru file:\n%s", args[0], stderr)
		}
	}
	stdout, stderr := mustRun(t, dir, ExitUsage, "status")
	if !strings.Contains(stderr, bad) || !strings.Contains(stdout, "en*        86          86") {
		t.Errorf("status: want the bad file reported and en shown\n%s\n%s", stdout, stderr)
	}
	_, stderr = mustRun(t, dir, ExitUsage, "check")
	if !strings.Contains(stderr, bad) || !strings.Contains(stderr, "verso check: en: ok") {
		t.Errorf("check: want the bad file reported and en checked\n%s", stderr)
	}
	_, stderr = mustRun(t, dir, ExitUsage, "check", "--locale", "ru")
	if !strings.Contains(stderr, "verso check: ru: FAIL") {
		t.Errorf("check --locale ru:\n%s", stderr)
	}
	mustRun(t, dir, ExitUsage, "sheet", "export", "--locale", "ru")
	mustRun(t, dir, ExitOK, "sheet", "export", "--locale", "en", "--all", "-o", filepath.Join(t.TempDir(), "en.xlsx"))
	// The exchange formats the same way: an English PO file exports and
	// imports, a Russian one does not.
	po := filepath.Join(t.TempDir(), "en.po")
	mustRun(t, dir, ExitOK, "po", "export", "--locale", "en", "-o", po)
	mustRun(t, dir, ExitOK, "po", "import", po)
	_, stderr = mustRun(t, dir, ExitUsage, "xliff", "export", "--locale", "ru", "-o", filepath.Join(t.TempDir(), "ru.xlf"))
	if !strings.Contains(stderr, bad) {
		t.Errorf("xliff export --locale ru:\n%s", stderr)
	}
	mustRun(t, dir, ExitOK, "tmx", "export", "--locale", "en", "-o", filepath.Join(t.TempDir(), "en.tmx"))
	if _, err := os.Stat("/usr/share/fonts/truetype/arphic/uming.ttc"); err != nil {
		t.Skip("no CJK font for publish (fonts-arphic-uming)")
	}
	out := t.TempDir()
	mustRun(t, dir, ExitOK, "publish", "--locale", "en", "-o", out)
	_, stderr = mustRun(t, dir, ExitUsage, "publish", "--locale", "ru", "--draft", "-o", out)
	if !strings.Contains(stderr, bad) {
		t.Errorf("publish --locale ru:\n%s", stderr)
	}
}

// TestImportReportsOnlyWhatWasWritten is issue 10, case 11: when the write
// fails, import does not claim "1 translation imported", and the error
// names the translation file, not a temporary file.
func TestImportReportsOnlyWhatWasWritten(t *testing.T) {
	root := sheetProject(t)
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	seg := p.Doc("beta").Segments[1]
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	data, _ := os.ReadFile(wbPath)
	if data, err = xlsxtest.SetCell(data, seg.ID, "F", "Первый абзац приложения."); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(wbPath, data, 0o644)

	// The target is a directory: nothing can be written.
	target := filepath.Join(root, "translations", "beta.ru.toml")
	os.Mkdir(target, 0o755)
	stdout, stderr := mustRun(t, root, ExitUsage, "sheet", "import", "sheets/ru.xlsx")
	if strings.Contains(stdout, "imported") || !strings.Contains(stderr, "translations/beta.ru.toml") {
		t.Errorf("import into a directory:\nstdout %s\nstderr %s", stdout, stderr)
	}
	os.Remove(target)

	// A read-only translations directory (root may write anyway).
	trDir := filepath.Join(root, "translations")
	os.Chmod(trDir, 0o555)
	defer os.Chmod(trDir, 0o755)
	if f, err := os.CreateTemp(trDir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("running as a user who writes into read-only directories (root)")
	}
	stdout, stderr = mustRun(t, root, ExitUsage, "sheet", "import", "sheets/ru.xlsx")
	if strings.Contains(stdout, "imported") || !strings.Contains(stderr, "translations/beta.ru.toml") || strings.Contains(stderr, ".tmp") {
		t.Errorf("import into a read-only directory:\nstdout %s\nstderr %s", stdout, stderr)
	}
}

// TestImportMessages is issue 10, case 11 for workbooks: a changed hidden
// locale is reported as such, a workbook of another repository as such,
// and Cyrillic typed into the English workbook imports with the script
// warning verso align gives.
func TestImportMessages(t *testing.T) {
	root := sheetProject(t)
	os.WriteFile(filepath.Join(root, "verso.toml"), []byte("source_language = \"zh-Hans\"\nlocales = [\"en\", \"ru\"]\n"), 0o644)
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	good, _ := os.ReadFile(wbPath)

	// The hidden locale changed from ru to en.
	bad, err := xlsxtest.SetManifest(good, "locale", "en")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "locale.xlsx"), bad, 0o644)
	_, stderr := mustRun(t, root, ExitUsage, "sheet", "import", "locale.xlsx")
	if !strings.Contains(stderr, `the hidden "verso" sheet says locale "en", but the workbook was exported for "ru"`) || strings.Contains(stderr, "inserted, deleted or moved") {
		t.Errorf("changed locale:\n%s", stderr)
	}

	// A workbook of another repository, without git: none of its
	// documents is here.
	other := miniRepo(t, map[string]string{
		"verso.toml":      "locales = [\"ru\"]\n",
		"sources/big.txt": "大文件标题\n\n第一段落。\n",
	})
	mustRun(t, other, 0, "sync")
	mustRun(t, other, 0, "sheet", "export", "--locale", "ru", "-o", "big.xlsx")
	_, stderr = mustRun(t, root, ExitUsage, "sheet", "import", filepath.Join(other, "big.xlsx"))
	if !strings.Contains(stderr, "made in another repository (documents big;") || strings.Contains(stderr, "no longer in the repository") {
		t.Errorf("another repository:\n%s", stderr)
	}

	// Cyrillic in the English workbook: imported, with a warning at the cell.
	mustRun(t, root, 0, "sheet", "export", "--locale", "en")
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	seg := p.Doc("beta").Segments[1]
	enPath := filepath.Join(root, "sheets", "en.xlsx")
	data, _ := os.ReadFile(enPath)
	if data, err = xlsxtest.SetCell(data, seg.ID, "F", "Первый абзац приложения."); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(enPath, data, 0o644)
	stdout, stderr := mustRun(t, root, ExitOK, "sheet", "import", "sheets/en.xlsx")
	if !strings.Contains(stderr, "sheets/en.xlsx: beta!F3: warning: written in the Cyrl script, but en is written in Latn") || !strings.Contains(stdout, "1 translation imported") {
		t.Errorf("Cyrillic in English:\n%s\n%s", stdout, stderr)
	}
}

// TestImportFromAnotherGitRepository: with git history on both sides,
// the repository fingerprint in the workbook tells them apart even when
// the document names agree.
func TestImportFromAnotherGitRepository(t *testing.T) {
	testenv.Command(t, "git", "git")
	files := map[string]string{"verso.toml": "locales = [\"ru\"]\n", "sources/big.txt": "大文件标题\n\n第一段落。\n"}
	a, b := miniRepo(t, files), miniRepo(t, files)
	for i, dir := range []string{a, b} {
		mustRun(t, dir, 0, "sync")
		for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-q", "-m", fmt.Sprintf("repository %d", i)}} {
			c := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
			c.Env = append(os.Environ(), fmt.Sprintf("GIT_AUTHOR_DATE=@%d +0000", 1600000000+i), fmt.Sprintf("GIT_COMMITTER_DATE=@%d +0000", 1600000000+i))
			if out, err := c.CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
		}
	}
	mustRun(t, a, 0, "sheet", "export", "--locale", "ru", "-o", "big.xlsx")
	_, stderr := mustRun(t, b, ExitUsage, "sheet", "import", filepath.Join(a, "big.xlsx"))
	if !strings.Contains(stderr, "made in another repository (git:") {
		t.Errorf("stderr:\n%s", stderr)
	}
	mustRun(t, a, 0, "sheet", "import", "big.xlsx")
}

// TestLongTranslationIsNeverCut is issue 10, case 3: a translation longer
// than a cell holds (32,767 characters) is exported as its beginning with a
// marker, read-only; importing the workbook unchanged, or with other rows
// edited, keeps it whole, and an edit of the cut cell is rejected.
func TestLongTranslationIsNeverCut(t *testing.T) {
	root := sheetProject(t)
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	segs := p.Doc("alpha").Segments
	long := strings.Repeat("Очень длинный перевод, ", 1800) + "конец." // 41,406 characters
	trs := []align.Translation{
		{ID: segs[0].ID, Hash: segs[0].Hash, Text: "Образец"},
		{ID: segs[2].ID, Hash: segs[2].Hash, Text: long},
	}
	trPath := filepath.Join(root, "translations", "alpha.ru.toml")
	os.WriteFile(trPath, msgfile.Marshal("", trs), 0o644)
	before, _ := os.ReadFile(trPath)

	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--all")
	wbPath := filepath.Join(root, "sheets", "ru.xlsx")
	data, _ := os.ReadFile(wbPath)
	shown, ok, err := xlsxtest.Cell(data, segs[2].ID, "F")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if n := len([]rune(shown)); n > 32767 || !strings.HasPrefix(shown, long[:1000]) || !strings.Contains(shown, "more characters not shown") {
		t.Fatalf("cell holds %d characters: %q…", n, shown[:80])
	}
	// Another row edited, the long one left alone.
	data, err = xlsxtest.SetCell(data, segs[3].ID, "F", "Второй абзац.")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(wbPath, data, 0o644)
	mustRun(t, root, 0, "sheet", "import", "sheets/ru.xlsx")
	p, _ = project.Load(root)
	if got := p.Doc("alpha").Translations["ru"].Items[1].Text; got != long {
		t.Fatalf("the long translation changed: %d characters, want %d", len([]rune(got)), len([]rune(long)))
	}
	// The cut cell edited: rejected, nothing of the translation lost.
	mustRun(t, root, 0, "sheet", "export", "--locale", "ru", "--all", "--force")
	data, _ = os.ReadFile(wbPath)
	data, err = xlsxtest.SetCell(data, segs[2].ID, "F", "Исправлено. "+shown)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(wbPath, data, 0o644)
	_, stderr := mustRun(t, root, ExitProblems, "sheet", "import", "sheets/ru.xlsx")
	if !strings.Contains(stderr, "alpha!F4: text too long: the translation of "+segs[2].ID+" in translations/alpha.ru.toml has 41406 characters") {
		t.Errorf("stderr:\n%s", stderr)
	}
	p, _ = project.Load(root)
	if got := p.Doc("alpha").Translations["ru"].Items[1].Text; got != long {
		t.Fatalf("the long translation changed after a rejected edit")
	}
	if b, _ := os.ReadFile(trPath); !bytes.Contains(b, []byte(long)) || bytes.Equal(b, before) {
		t.Error("the translation file lost the long text, or did not take the other row")
	}
}

// TestCheckJSONWithABadFile: one JSON document, with the bad file among
// its errors and every required locale (en and ru, verso.toml) reported.
func TestCheckJSONWithABadFile(t *testing.T) {
	dir := copyRepo(t)
	os.WriteFile(filepath.Join(dir, "translations", "sco-2020-statements.ru.toml"), []byte("[abc\n"), 0o644)
	stdout, _ := mustRun(t, dir, ExitUsage, "check", "--format", "json")
	var out struct {
		OK      bool
		Locales []struct{ Locale string }
		Errors  []struct{ File string }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, stdout)
	}
	if out.OK || len(out.Locales) != 2 || out.Locales[0].Locale != "en" || out.Locales[1].Locale != "ru" ||
		len(out.Errors) != 1 || out.Errors[0].File != "translations/sco-2020-statements.ru.toml" {
		t.Errorf("got %+v", out)
	}
}
