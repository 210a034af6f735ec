package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/export/xlsx/xlsxtest"
	"verso/internal/project"
	"verso/internal/testenv"
)

// alignedMemo is a repository where verso align left proposals below its
// threshold: the translator split a paragraph (g4zhzg), merged two
// (kzwjgv, b4xaxx) and added a line ("Unofficial translation.").
func alignedMemo(t *testing.T) (root string, p *project.Project) {
	t.Helper()
	root = miniRepo(t, map[string]string{
		"verso.toml":       "source_language = \"zh-Hans\"\nlocales = [\"en\"]\n",
		"sources/memo.txt": "合作备忘录\n\n第一章 总则\n\n双方于2018年6月10日在青岛签署本备忘录。双方同意加强在卫生领域的合作。\n\n双方将每年举行一次会议,交流经验。\n\n本备忘录自签署之日起生效,有效期五年。\n\n2020年11月10日\n",
		"memo.en.md": "# Memorandum of Cooperation\n\n## Chapter I. General Provisions\n\nThe Parties signed this Memorandum in Qingdao on 10 June 2018.\n\nThe Parties agree to strengthen cooperation in the field of health.\n\n" +
			"The Parties will hold a meeting once a year to exchange experience. This Memorandum enters into force on the date of signature and remains in force for five years.\n\nUnofficial translation.\n\n10 November 2020\n",
	})
	mustRun(t, root, 0, "sync")
	_, stderr := mustRun(t, root, 0, "align", "--doc", "memo", "--locale", "en", "memo.en.md")
	if !strings.Contains(stderr, "3 for review") {
		t.Fatalf("align: %s", stderr)
	}
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return root, p
}

// TestSheetAcceptsProposal: the workbook pre-fills a proposal of verso
// align in the Translation cell of its missing, needs-review row; an
// untouched workbook imports as no change, and approved accepts the
// proposal with the current source hash, in one action.
func TestSheetAcceptsProposal(t *testing.T) {
	root, p := alignedMemo(t)
	d := p.Doc("memo")
	split, first, second := d.Segments[2], d.Segments[3], d.Segments[4]
	const splitText = "The Parties signed this Memorandum in Qingdao on 10 June 2018. The Parties agree to strengthen cooperation in the field of health."
	mustRun(t, root, 0, "sheet", "export", "--locale", "en")
	book := filepath.Join(root, "sheets", "en.xlsx")
	data, _ := os.ReadFile(book)
	for col, want := range map[string]string{"C": "missing", "F": splitText, "H": "needs-review"} {
		if got, ok, err := xlsxtest.Cell(data, split.ID, col); err != nil || !ok || got != want {
			t.Errorf("column %s of %s: %q (found %v, %v), want %q", col, split.ID, got, ok, err, want)
		}
	}
	if got, _, _ := xlsxtest.Cell(data, split.ID, "I"); !strings.Contains(got, "confidence 0.") || !strings.Contains(got, "proposed: ") {
		t.Errorf("note of %s: %q, want the proposal with its confidence", split.ID, got)
	}

	// Untouched: the proposals stay proposals.
	stdout, _ := mustRun(t, root, 0, "sheet", "import", "sheets/en.xlsx")
	if !strings.Contains(stdout, "0 translations imported") || !strings.Contains(stdout, "0 rejected") {
		t.Errorf("untouched import: %s", stdout)
	}
	stdout, _ = mustRun(t, root, 0, "status", "--json")
	if !strings.Contains(stdout, `"translated": 3`) {
		t.Errorf("status after the untouched import:\n%s", stdout)
	}

	// Approve one proposal as it is, correct and approve another, leave
	// the third.
	editRows(t, book, [3]string{split.ID, "H", "approved"},
		[3]string{first.ID, "F", "The Parties shall meet once a year to exchange experience."}, [3]string{first.ID, "H", "approved"})
	stdout, stderr := mustRun(t, root, 0, "sheet", "import", "sheets/en.xlsx")
	if !strings.Contains(stdout, "2 translations imported") || !strings.Contains(stdout, "0 rejected") {
		t.Errorf("import: %s\n%s", stdout, stderr)
	}
	tr, _ := os.ReadFile(filepath.Join(root, "translations", "memo.en.toml"))
	for _, want := range []string{
		"[" + split.ID + "]\nhash = \"" + split.Hash + "\"\nother = \"" + splitText + "\"\n",
		"[" + first.ID + "]\nhash = \"" + first.Hash + "\"\nother = \"The Parties shall meet once a year to exchange experience.\"\n",
	} {
		if !strings.Contains(string(tr), want) {
			t.Errorf("memo.en.toml:\n%s\nwant:\n%s", tr, want)
		}
	}
	if strings.Contains(string(tr), "["+second.ID+"]") {
		t.Errorf("the proposal left needs-review was imported:\n%s", tr)
	}
	rv, _ := os.ReadFile(filepath.Join(root, "translations", "memo.en.review.tsv"))
	if !strings.Contains(string(rv), split.ID+"\tapproved\t\n") || !strings.Contains(string(rv), second.ID+"\tneeds-review\tverso align: ") {
		t.Errorf("memo.en.review.tsv:\n%s", rv)
	}
	if !strings.Contains(string(rv), "\textra\tUnofficial translation.\n") {
		t.Errorf("the import dropped the extra paragraph:\n%s", rv)
	}
	stdout, _ = mustRun(t, root, 0, "status", "--json")
	if !strings.Contains(stdout, `"translated": 5`) {
		t.Errorf("status after the import:\n%s", stdout)
	}
}

// TestXLIFFAcceptsProposal: a CAT tool's user approves the unit (state
// final) whose target is verso align's proposal; the import accepts it, as
// the workbook's does.
func TestXLIFFAcceptsProposal(t *testing.T) {
	root, p := alignedMemo(t)
	split := p.Doc("memo").Segments[2]
	mustRun(t, root, 0, "xliff", "export", "--locale", "en")
	file := filepath.Join(root, "xliff", "en.xlf")
	data, _ := os.ReadFile(file)
	x := string(data)
	i := strings.Index(x, `<unit id="`+split.ID+`"`)
	if i < 0 {
		t.Fatalf("no unit %s:\n%s", split.ID, x)
	}
	j := i + strings.Index(x[i:], "</unit>")
	unit := x[i:j]
	t.Logf("exported unit:\n%s", unit)
	if !strings.Contains(unit, `state="translated" subState="verso:needs-review"`) || !strings.Contains(unit, "<target>The Parties signed this Memorandum") {
		t.Errorf("the proposal is not the unit's draft target:\n%s", unit)
	}
	stdout, _ := mustRun(t, root, 0, "xliff", "import", "xliff/en.xlf")
	if !strings.Contains(stdout, "0 translations imported") {
		t.Errorf("untouched import: %s", stdout)
	}
	// The reviewer signs the unit off.
	edited := x[:i] + strings.Replace(unit, `state="translated" subState="verso:needs-review"`, `state="final"`, 1) + x[j:]
	os.WriteFile(file, []byte(edited), 0o644)
	stdout, stderr := mustRun(t, root, 0, "xliff", "import", "xliff/en.xlf")
	if !strings.Contains(stdout, "1 translation imported") {
		t.Errorf("import: %s\n%s", stdout, stderr)
	}
	tr, _ := os.ReadFile(filepath.Join(root, "translations", "memo.en.toml"))
	if want := "[" + split.ID + "]\nhash = \"" + split.Hash + "\"\nother = \"The Parties signed this Memorandum"; !strings.Contains(string(tr), want) {
		t.Errorf("memo.en.toml:\n%s\nwant:\n%s", tr, want)
	}
}

// TestPOAcceptsProposal: in PO the proposal is a fuzzy msgstr; removing
// fuzzy (what Poedit's "needs work" toggle does) accepts it.
func TestPOAcceptsProposal(t *testing.T) {
	root, p := alignedMemo(t)
	split := p.Doc("memo").Segments[2]
	mustRun(t, root, 0, "po", "export", "--locale", "en")
	file := filepath.Join(root, "po", "en.po")
	data, _ := os.ReadFile(file)
	x := string(data)
	i := strings.Index(x, "id="+split.ID+" ")
	if i < 0 {
		t.Fatalf("no entry of %s:\n%s", split.ID, x)
	}
	j := i + strings.Index(x[i:], "\n\n")
	entry := x[i:j]
	if !strings.Contains(entry, "#, fuzzy\n") || !strings.Contains(entry, `msgstr "The Parties signed this Memorandum`) {
		t.Fatalf("the proposal is not the entry's fuzzy msgstr:\n%s", entry)
	}
	stdout, _ := mustRun(t, root, 0, "po", "import", "po/en.po")
	if !strings.Contains(stdout, "0 translations imported") {
		t.Errorf("untouched import: %s", stdout)
	}
	os.WriteFile(file, []byte(x[:i]+strings.Replace(entry, "#, fuzzy\n", "", 1)+x[j:]), 0o644)
	stdout, stderr := mustRun(t, root, 0, "po", "import", "po/en.po")
	if !strings.Contains(stdout, "1 translation imported") {
		t.Errorf("import: %s\n%s", stdout, stderr)
	}
	tr, _ := os.ReadFile(filepath.Join(root, "translations", "memo.en.toml"))
	if want := "[" + split.ID + "]\nhash = \"" + split.Hash + "\"\nother = \"The Parties signed this Memorandum"; !strings.Contains(string(tr), want) {
		t.Errorf("memo.en.toml:\n%s\nwant:\n%s", tr, want)
	}
	rv, _ := os.ReadFile(filepath.Join(root, "translations", "memo.en.review.tsv"))
	if strings.Contains(string(rv), split.ID+"\t") {
		t.Errorf("the accepted proposal keeps a review entry:\n%s", rv)
	}
}

// TestSheetShowsExtraParagraphs: the extra paragraph verso align found is
// a row of the workbook after the row of the segment it follows; pasting
// its text into a translation places it, emptying its cell drops it, and
// either way the review file loses it only then.
func TestSheetShowsExtraParagraphs(t *testing.T) {
	for _, how := range []string{"moved", "dropped", "edited"} {
		t.Run(how, func(t *testing.T) {
			root, p := alignedMemo(t)
			last := p.Doc("memo").Segments[4] // b4xaxx, the paragraph before "Unofficial translation."
			mustRun(t, root, 0, "sheet", "export", "--locale", "en")
			book := filepath.Join(root, "sheets", "en.xlsx")
			data, _ := os.ReadFile(book)
			above, kind, text, err := xlsxtest.Extra(data, last.ID)
			if err != nil || above != last.ID || kind != "extra" || text != "Unofficial translation." {
				t.Fatalf("extra row: above %q kind %q text %q (%v)", above, kind, text, err)
			}
			stdout, _ := mustRun(t, root, 0, "sheet", "import", "sheets/en.xlsx")
			if strings.Contains(stdout, "extra paragraphs") || !strings.Contains(stdout, "0 rejected") {
				t.Errorf("untouched import: %s", stdout)
			}
			want := "extra paragraphs: 1 moved into a translation, 0 dropped, 0 edited"
			switch how {
			case "moved":
				data = editRows(t, book, [3]string{last.ID, "F", "This Memorandum enters into force on the date of signature and remains in force for five years. Unofficial translation."})
			case "dropped":
				data, err = xlsxtest.SetExtra(data, last.ID, "")
				want = "extra paragraphs: 0 moved into a translation, 1 dropped, 0 edited"
			case "edited":
				data, err = xlsxtest.SetExtra(data, last.ID, "Unofficial translation by the Secretariat.")
				want = "extra paragraphs: 0 moved into a translation, 0 dropped, 1 edited"
			}
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(book, data, 0o644)
			stdout, stderr := mustRun(t, root, 0, "sheet", "import", "sheets/en.xlsx")
			if !strings.Contains(stdout, want) || !strings.Contains(stdout, "0 rejected") {
				t.Errorf("import: %s\n%s\nwant %q", stdout, stderr, want)
			}
			rv, _ := os.ReadFile(filepath.Join(root, "translations", "memo.en.review.tsv"))
			stdout, _ = mustRun(t, root, 0, "status", "--json")
			if how == "edited" {
				if !strings.Contains(string(rv), last.ID+"\textra\tUnofficial translation by the Secretariat.\n") || !strings.Contains(stdout, `"extra": 1`) {
					t.Errorf("review file:\n%s\nstatus:\n%s", rv, stdout)
				}
				return
			}
			if strings.Contains(string(rv), "\textra\t") || !strings.Contains(stdout, `"extra": 0`) {
				t.Errorf("review file:\n%s\nstatus:\n%s", rv, stdout)
			}
			// The next export has no extra row.
			mustRun(t, root, 0, "sheet", "export", "--locale", "en")
			data, _ = os.ReadFile(book)
			if _, _, _, err := xlsxtest.Extra(data, last.ID); err == nil {
				t.Errorf("the next export still shows the extra paragraph")
			}
		})
	}
}

// approveScript approves every proposal of a workbook (a missing row whose
// Translation cell is filled and whose status is needs-review) and drops
// every extra paragraph, the way a translator's spreadsheet program does.
const approveScript = `
import sys, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
n = x = 0
for ws in wb.worksheets[1:-1]:
    for row in ws.iter_rows(min_row=2):
        if row[2].value == "missing" and row[5].value and row[7].value == "needs-review":
            row[7].value = "approved"
            n += 1
        elif row[1].value == "extra":
            row[5].value = None
            x += 1
wb.save(path)
print(n, x)
`

// TestOpenpyxlApprovesProposals: a workbook filled by openpyxl (what
// scripts and many tools write) accepts the proposals and drops the extra
// paragraph.
func TestOpenpyxlApprovesProposals(t *testing.T) {
	py := testenv.Python(t)
	root, p := alignedMemo(t)
	mustRun(t, root, 0, "sheet", "export", "--locale", "en")
	book := filepath.Join(root, "sheets", "en.xlsx")
	out, err := exec.Command(py, "-c", approveScript, book).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "3 1" {
		t.Fatalf("openpyxl: %v\n%s (want 3 proposals, 1 extra)", err, out)
	}
	stdout, stderr := mustRun(t, root, 0, "sheet", "import", "sheets/en.xlsx")
	if !strings.Contains(stdout, "3 translations imported") || !strings.Contains(stdout, "3 proposals of verso align accepted; extra paragraphs: 0 moved into a translation, 1 dropped") {
		t.Errorf("import: %s\n%s", stdout, stderr)
	}
	tr, _ := os.ReadFile(filepath.Join(root, "translations", "memo.en.toml"))
	for _, s := range p.Doc("memo").Segments {
		if !strings.Contains(string(tr), "["+s.ID+"]\nhash = \""+s.Hash+"\"\n") {
			t.Errorf("%s is not translated from its current source:\n%s", s.ID, tr)
		}
	}
	mustRun(t, root, 0, "check", "--locale", "en")
	stdout, _ = mustRun(t, root, 0, "status", "--json")
	if !strings.Contains(stdout, `"percent": 100`) || !strings.Contains(stdout, `"extra": 0`) || !strings.Contains(stdout, `"needs_review": 0`) {
		t.Errorf("status:\n%s", stdout)
	}
}
