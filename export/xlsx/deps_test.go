package xlsx_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps the architecture: the spreadsheet exporter depends on
// align and msgfile, never on another exporter or on the command line.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "verso/export/xlsx").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "verso/") && p != "verso/export/xlsx" && p != "verso/align" && p != "verso/align/msgfile" {
			t.Errorf("export/xlsx depends on %s; it may use only verso/align and verso/align/msgfile", p)
		}
	}
}
