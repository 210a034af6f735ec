package pdf

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// TestApparatusInBothLanguages checks verso's own words in editions into
// French, Spanish and a language verso has no words in: the footer in both
// languages of the edition, placeholders and the draft mark in the
// translation's.
func TestApparatusInBothLanguages(t *testing.T) {
	needPoppler(t)
	for _, tt := range []struct {
		locale, footer, missing, draft string
	}{
		{"fr", "第 2 页，共 %d 页 · page 2 sur %d", "[traduction manquante a00003]", "ÉPREUVE"},
		{"es", "第 2 页，共 %d 页 · página 2 de %d", "[falta la traducción a00003]", "BORRADOR"},
		{"de", "第 2 页，共 %d 页 · page 2 of %d", "[missing translation a00003]", "DRAFT"},
	} {
		cov := synthetic(tt.locale, func(i int, src string) string {
			if i == 3 {
				return "" // one missing segment
			}
			return fmt.Sprintf("Traduction %d.", i)
		})
		data, res, _ := write(t, cov, Options{Draft: true})
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", save(t, data), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		for _, want := range []string{fmt.Sprintf(tt.footer, res.Pages, res.Pages), tt.missing, tt.draft} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: no %q in the edition", tt.locale, want)
			}
		}
	}
}
