package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verso/align/msgfile"
	"verso/export/xlsx/xlsxtest"
)

// TestApprovingAProposalAcceptsIt: verso align sends a low-confidence bead
// to the review file with its proposal; the review workbook pre-fills the
// proposal in the row's translation cell, still needs-review; setting the
// row's status to approved, one action, imports the proposal as the
// translation.
func TestApprovingAProposalAcceptsIt(t *testing.T) {
	dir := copyRepo(t)
	trRel := filepath.Join("translations", "sco-2020-statements.en.toml")
	os.Remove(filepath.Join(dir, trRel))
	input, err := os.ReadFile(filepath.Join("..", "..", "align", "bitext", "testdata", "sco-2020-statements.en.reparagraphed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "translated.txt"), input, 0o644)
	// A threshold above every bead's confidence sends them all to review.
	mustRun(t, dir, ExitOK, "align", "--doc", "sco-2020-statements", "--locale", "en", "--min-confidence", "1", "translated.txt")
	data, err := os.ReadFile(filepath.Join(dir, "translations", msgfile.ReviewName("sco-2020-statements", "en")))
	if err != nil {
		t.Fatal(err)
	}
	revs, err := msgfile.ParseReview("review.tsv", data)
	if err != nil {
		t.Fatal(err)
	}
	var id, proposal string
	for _, r := range revs {
		if p := r.Proposal(); p != "" && strings.HasPrefix(p, "We note that the SCO Convention") {
			id, proposal = r.ID, p
		}
	}
	if id == "" {
		t.Fatalf("no proposal for the SCO Convention paragraph in\n%s", data)
	}
	mustRun(t, dir, ExitOK, "sheet", "export", "--locale", "en")
	wbPath := filepath.Join(dir, "sheets", "en.xlsx")
	wb, _ := os.ReadFile(wbPath)
	if text, _, err := xlsxtest.Cell(wb, id, "F"); err != nil || text != proposal {
		t.Errorf("translation cell %q, %v; want the proposal pre-filled", text, err)
	}
	if text, _, err := xlsxtest.Cell(wb, id, "H"); err != nil || text != "needs-review" {
		t.Errorf("status cell %q, %v; want needs-review", text, err)
	}
	wb, err = xlsxtest.SetCell(wb, id, "H", "approved")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(wbPath, wb, 0o644)
	stdout, _ := mustRun(t, dir, ExitOK, "sheet", "import", "sheets/en.xlsx")
	if !strings.Contains(stdout, "1 translations imported") && !strings.Contains(stdout, "1 translation imported") {
		t.Errorf("stdout: %s", stdout)
	}
	got := readMessages(t, dir, trRel)
	if m, ok := got[id]; !ok || !strings.HasSuffix(m, " "+proposal) {
		t.Errorf("message %s = %q, want the proposal %q", id, m, proposal)
	}
}
