package xlsx

import (
	"github.com/xuri/excelize/v2"
)

// maxDiffCells bounds the work of one diff (old runes × new runes): stale
// rows are few, but a very long paragraph is shown without highlighting
// rather than slowing the export.
const maxDiffCells = 4 << 20

var (
	deletedFont  = &excelize.Font{Color: "C00000", Strike: true}
	insertedFont = &excelize.Font{Color: "0050B0", Bold: true, Underline: "single"}
)

// diffRuns compares the old and the new source text by character and
// returns them as rich text: in the old, what was removed is struck out in
// red; in the new, what was added is bold, underlined and blue. It returns
// ok=false when the texts are too long to compare.
func diffRuns(oldText, newText string) (oldRuns, newRuns []excelize.RichTextRun, ok bool) {
	a, b := []rune(oldText), []rune(newText)
	n, m := len(a), len(b)
	if n == 0 || m == 0 || n*m > maxDiffCells || n > 0xffff || m > 0xffff {
		return nil, nil, false
	}
	// lcs[i*(m+1)+j] is the length of the longest common subsequence of
	// a[i:] and b[j:].
	lcs := make([]uint16, (n+1)*(m+1))
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*(m+1)+j] = lcs[(i+1)*(m+1)+j+1] + 1
			} else {
				lcs[i*(m+1)+j] = max(lcs[(i+1)*(m+1)+j], lcs[i*(m+1)+j+1])
			}
		}
	}
	add := func(runs []excelize.RichTextRun, r rune, font *excelize.Font) []excelize.RichTextRun {
		if k := len(runs) - 1; k >= 0 && runs[k].Font == font {
			runs[k].Text += string(r)
			return runs
		}
		return append(runs, excelize.RichTextRun{Text: string(r), Font: font})
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			oldRuns, newRuns = add(oldRuns, a[i], nil), add(newRuns, b[j], nil)
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i*(m+1)+j+1] >= lcs[(i+1)*(m+1)+j]):
			newRuns = add(newRuns, b[j], insertedFont)
			j++
		default:
			oldRuns = add(oldRuns, a[i], deletedFont)
			i++
		}
	}
	return oldRuns, newRuns, true
}
