package xlsx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/align"
	"verso/export/xlsx"
	"verso/internal/testenv"
)

// Round trips through the programs translators use. The Makefile installs
// them (Debian: libreoffice-calc-nogui, python3-openpyxl); a test skips
// only when the program is absent, and says which package brings it.

// soffice returns the LibreOffice binary or skips the test.
func soffice(t *testing.T) string {
	t.Helper()
	return testenv.Command(t, "soffice", "libreoffice-calc-nogui")
}

// resave opens the workbook in LibreOffice and saves it as xlsx again,
// which rewrites shared strings, styles and the sheet XML.
func resave(t *testing.T, data []byte) []byte {
	t.Helper()
	bin := soffice(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "book.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	res, err := os.ReadFile(filepath.Join(out, "book.xlsx"))
	if err != nil {
		t.Fatalf("soffice wrote no workbook: %v", err)
	}
	return res
}

// python returns a Python 3 that has openpyxl, or skips the test.
func python(t *testing.T) string {
	t.Helper()
	return testenv.Python(t)
}

// openpyxl runs script with the workbook's path as sys.argv[1]; the
// script edits and saves it in place.
func openpyxl(t *testing.T, data []byte, script string) []byte {
	t.Helper()
	bin := python(t)
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-c", "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n"+script+"\nwb.save(sys.argv[1])\n", p)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}
	res, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustMerge(t *testing.T, f *fixture, data []byte) *xlsx.Result {
	t.Helper()
	wb, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	return xlsx.Merge(wb, f.docs, xlsx.PreferNone)
}

func TestLibreOfficeResaveChangesNothing(t *testing.T) {
	for _, all := range []bool{false, true} {
		f := newFixture(t)
		res := mustMerge(t, f, resave(t, f.export(t, all)))
		if len(res.Problems) > 0 || len(res.Translations)+len(res.Reviews) > 0 {
			t.Errorf("all=%v: after LibreOffice: problems %v, translations %v, reviews %v", all, res.Problems, res.Translations, res.Reviews)
		}
	}
}

func TestOpenpyxlSaveChangesNothing(t *testing.T) {
	f := newFixture(t)
	res := mustMerge(t, f, openpyxl(t, f.export(t, true), "pass"))
	if len(res.Problems) > 0 || len(res.Translations)+len(res.Reviews) > 0 {
		t.Errorf("after openpyxl: problems %v, translations %v, reviews %v", res.Problems, res.Translations, res.Reviews)
	}
}

// TestFilledByOpenpyxlSavedByLibreOffice is the translator's path: cells
// filled by another program, the workbook saved again by LibreOffice.
func TestFilledByOpenpyxlSavedByLibreOffice(t *testing.T) {
	f := newFixture(t)
	script := `
for ws in wb.worksheets[1:-1]:
    for row in ws.iter_rows(min_row=2):
        if row[2].value == "missing":
            row[5].value = "Перевод " + row[0].value + "\nвторая строка"
        if row[2].value == "stale":
            row[5].value = row[6].value + " (исправлено)"
            row[7].value = "needs-review"
`
	data := resave(t, openpyxl(t, f.export(t, false), script))
	res := mustMerge(t, f, data)
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	if res.Imported != 9 || res.Reviewed != 1 {
		t.Errorf("%d imported, %d reviewed; want 9 and 1", res.Imported, res.Reviewed)
	}
	for name, trs := range res.Translations {
		d := f.docs[name].Doc
		for _, tr := range trs {
			s := d.Segments[index(d, tr.ID)]
			if tr.Hash != s.Hash {
				t.Errorf("%s %s: hash %s, want the current %s", name, tr.ID, tr.Hash, s.Hash)
			}
			if strings.HasPrefix(tr.Text, "Перевод") && tr.Text != "Перевод "+tr.ID+"\nвторая строка" {
				t.Errorf("%s %s: text %q", name, tr.ID, tr.Text)
			}
		}
		if c := align.Assess(d, "ru", trs); !c.Complete() {
			t.Errorf("%s: not complete after import: %v", name, c.Counts)
		}
	}
}

// TestLibreOfficeKeepsWhatTranslatorsSee checks that LibreOffice reads the
// settings the way they were meant: the drop-down, the protection and the
// hidden columns survive its save.
func TestLibreOfficeKeepsWhatTranslatorsSee(t *testing.T) {
	f := newFixture(t)
	data := resave(t, f.export(t, false))
	for _, want := range []string{"dataValidation", "sheetProtection", `hidden="true"`, "conditionalFormatting", `state="veryHidden"`} {
		if !zipContains(t, data, want) && !(want == `hidden="true"` && zipContains(t, data, `hidden="1"`)) &&
			!(want == `state="veryHidden"` && zipContains(t, data, `state="hidden"`)) {
			t.Errorf("after LibreOffice the workbook has no %s", want)
		}
	}
}

func zipContains(t *testing.T, data []byte, s string) bool {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}
